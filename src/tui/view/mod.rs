//! Drawing. Every function here only reads the app; clickable regions are recorded for the mouse.

mod case;
mod overlay;
mod picker;
mod rules;
mod setup;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::keys::{KEYS, Mode};
use super::wrap::wrap;
use crate::text::visible_line;

/// Below this the layout cannot show a question and its choices; say so plainly instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn render(app: &App, frame: &mut Frame) {
    app.clickable.borrow_mut().clear();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let rows: Vec<Line> = wrap(app.text.too_small, area.width as usize)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(rows).style(app.theme.warning), area);
        return;
    }
    // A long notice (a handout's path) gets more status rows rather than being cut, and a
    // footer too wide for one row goes on to a second, whole key hints only.
    let notice = notice_rows(app, area.width as usize);
    let footer_rows = footer_lines(app, area.width as usize);
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(notice.as_ref().map_or(1, |rows| rows.len() as u16)),
        Constraint::Length(footer_rows.len().max(1) as u16),
    ])
    .areas(area);
    render_header(app, frame, header);
    match (&app.setup, &app.case) {
        (Some(setup), _) => setup::render(app, setup, frame, body),
        (None, Some(case)) => case::render(app, case, frame, body),
        (None, None) => picker::render(app, frame, body),
    }
    render_status(app, notice, frame, status);
    if !matches!(
        app.mode(),
        Mode::Overlay | Mode::ConfirmQuit | Mode::Links | Mode::HandoutBox
    ) {
        frame.render_widget(Paragraph::new(footer_rows), footer);
    }
    overlay::render(app, frame, area);
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut spans = vec![Span::styled(format!(" {} ", app.text.app_name), t.status)];
    if app.in_safety_interrupt() {
        spans.push(Span::styled(
            format!(" {} ", app.text.safety_banner),
            t.badge_refuse,
        ));
    } else if app.setup.is_some() {
        let title = crate::tui::setup::setup_text(app.lang).title;
        spans.push(Span::styled(format!(" {title}"), t.title));
    } else if let Some(case) = app.case.as_ref().filter(|_| app.in_link()) {
        spans.push(Span::styled(
            format!(" {} ", app.text.link_banner),
            t.badge_refer,
        ));
        spans.push(Span::styled(
            format!(" {}", visible_line(&case.walk.guide().title)),
            t.title,
        ));
    } else if let Some(case) = &app.case {
        let guide = case.walk.guide();
        spans.push(Span::styled(
            format!(" {}", visible_line(&guide.title)),
            t.title,
        ));
    } else {
        spans.push(Span::styled(format!(" {}", app.text.pick_title), t.title));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The notice wrapped to the screen width, at most three rows.
fn notice_rows(app: &App, width: usize) -> Option<Vec<String>> {
    let notice = app.notice.as_ref()?;
    let mut rows = wrap(&visible_line(&notice.text), width.saturating_sub(1));
    rows.truncate(3);
    Some(rows)
}

fn render_status(app: &App, notice: Option<Vec<String>>, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let lines = match (&app.notice, notice) {
        (Some(shown), Some(rows)) => {
            let style = if shown.is_problem {
                t.warning
            } else {
                t.status
            };
            rows.into_iter()
                .map(|row| Line::from(Span::styled(format!(" {row}"), style)))
                .collect()
        }
        _ => {
            let site = if app.site.name.is_empty() {
                app.text.no_site.to_string()
            } else {
                visible_line(&app.site.name)
            };
            // Warnings first: when the row is too narrow, the site and the guides' folder are
            // what gets cut, never "cases are not being saved" or the guide errors.
            let mut spans = Vec::new();
            if let crate::log::SaveState::Failing { reason, waiting } = &app.save_state {
                spans.push(Span::styled(
                    format!(
                        " {}: {} ({waiting} {}) ",
                        app.text.not_saving,
                        visible_line(reason),
                        app.text.waiting
                    ),
                    t.warning,
                ));
            }
            if let Some(central) = &app.central {
                spans.push(Span::styled(
                    format!(" {} ", visible_line(central)),
                    t.warning,
                ));
            }
            if !app.errors.is_empty() {
                spans.push(Span::styled(
                    format!(" ! {} {} ", app.errors.len(), app.text.guide_errors),
                    t.warning,
                ));
            }
            spans.push(Span::styled(
                format!(
                    " {}: {site} │ {}: {} ",
                    app.text.site,
                    app.text.guides,
                    visible_line(&app.guides_label)
                ),
                t.status,
            ));
            if app.save_state == crate::log::SaveState::Off {
                spans.push(Span::styled(format!("│ {} ", app.text.log_off), t.status));
            }
            vec![Line::from(spans)]
        }
    };
    frame.render_widget(Paragraph::new(lines).style(t.status), area);
}

/// The key hints of the screen under any overlay, packed into rows no wider than `width`; a
/// hint is never split, so one that does not fit starts the next row.
fn footer_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let mode = match (&app.case, app.picker.searching) {
        _ if app.setup.is_some() => Mode::Setup,
        (Some(case), _) if case.walk.is_finished() => Mode::Outcome,
        (Some(_), _) => Mode::Step,
        (None, true) => Mode::Searching,
        (None, false) => Mode::Picker,
    };
    let mut hints: Vec<(&str, &str)> = KEYS
        .iter()
        .filter(|k| k.footer.contains(&mode))
        .map(|k| (k.footer_keys, k.short(app.lang)))
        .collect();
    if !app.errors.is_empty()
        && mode == Mode::Picker
        && let Some(k) = KEYS.iter().find(|k| k.keys == "e")
    {
        hints.push((k.footer_keys, k.short(app.lang)));
    }
    // The link key, only where there is a link to follow: before the safety key, so the hints
    // for this screen come first.
    if !app.links().is_empty()
        && let Some(k) = KEYS.iter().find(|k| k.keys == "l")
    {
        let at = hints
            .iter()
            .position(|(key, _)| *key == "!")
            .unwrap_or(hints.len());
        hints.insert(at, (k.footer_keys, k.short(app.lang)));
    }
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut row: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (key, short) in hints {
        let (key, short) = (format!(" {key}"), format!(" {short} "));
        let hint_width = key.width() + short.width();
        // The hint's trailing space may fall off the edge.
        if used > 0 && used + hint_width - 1 > width {
            lines.push(Line::from(std::mem::take(&mut row)));
            used = 0;
        }
        row.push(Span::styled(key, app.theme.key));
        row.push(Span::styled(short, app.theme.muted));
        used += hint_width;
    }
    if !row.is_empty() {
        lines.push(Line::from(row));
    }
    lines
}

/// A bordered block with a title, in the theme's border style.
fn block<'a>(app: &App, title: &'a str) -> Block<'a> {
    Block::bordered()
        .border_style(app.theme.border)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

/// Rows of text that may be scrolled; returns the rows to draw and whether more follow.
fn window<'a>(rows: Vec<Line<'a>>, height: usize, scroll: usize) -> (Vec<Line<'a>>, bool) {
    let max_start = rows.len().saturating_sub(height);
    let start = scroll.min(max_start);
    let more = start + height < rows.len();
    (rows.into_iter().skip(start).take(height).collect(), more)
}

/// Wrapped rows of `text` with a hanging indent: the first row starts with `lead`.
fn hanging<'a>(
    lead: Vec<Span<'a>>,
    lead_width: usize,
    text: &str,
    width: usize,
    style: Style,
) -> Vec<Line<'a>> {
    let text = visible_line(text);
    let rows = wrap(&text, width.saturating_sub(lead_width).max(8));
    let mut lines = Vec::with_capacity(rows.len());
    let mut lead = Some(lead);
    for row in rows {
        let mut spans = lead
            .take()
            .unwrap_or_else(|| vec![Span::raw(" ".repeat(lead_width))]);
        spans.push(Span::styled(row, style));
        lines.push(Line::from(spans));
    }
    lines
}
