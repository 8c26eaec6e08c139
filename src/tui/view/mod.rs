//! Drawing. Every function here only reads the app; clickable regions are recorded for the mouse.

mod case;
mod overlay;
mod picker;
mod rules;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

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
    // A long notice (a handout's path) gets a second status row rather than being cut.
    let notice_width = app.notice.as_ref().map_or(0, |n| {
        unicode_width::UnicodeWidthStr::width(n.text.as_str()) + 1
    });
    let status_height = if notice_width > area.width as usize {
        2
    } else {
        1
    };
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, frame, header);
    match &app.case {
        Some(case) => case::render(app, case, frame, body),
        None => picker::render(app, frame, body),
    }
    render_status(app, frame, status);
    render_footer(app, frame, footer);
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

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let line = match &app.notice {
        Some(notice) => {
            let style = if notice.is_problem {
                t.warning
            } else {
                t.status
            };
            Line::from(Span::styled(
                format!(" {}", visible_line(&notice.text)),
                style,
            ))
        }
        None => {
            let site = if app.site.name.is_empty() {
                app.text.no_site.to_string()
            } else {
                visible_line(&app.site.name)
            };
            let mut spans = vec![Span::styled(
                format!(
                    " {}: {site} │ {}: {} ",
                    app.text.site,
                    app.text.guides,
                    visible_line(&app.guides_label)
                ),
                t.status,
            )];
            match &app.save_state {
                crate::log::SaveState::Failing { reason, waiting } => {
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
                crate::log::SaveState::Off => {
                    spans.push(Span::styled(format!(" {} │", app.text.log_off), t.status));
                }
                crate::log::SaveState::Saved => {}
            }
            if !app.errors.is_empty() {
                spans.push(Span::styled(
                    format!(" ! {} {} ", app.errors.len(), app.text.guide_errors),
                    t.warning,
                ));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line).style(t.status), area);
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let mode = app.mode();
    let shown_mode = match mode {
        Mode::Overlay | Mode::ConfirmQuit => return,
        m => m,
    };
    let mut spans = Vec::new();
    for key in KEYS.iter().filter(|k| k.footer.contains(&shown_mode)) {
        spans.push(Span::styled(format!(" {}", key.footer_keys), app.theme.key));
        spans.push(Span::styled(
            format!(" {} ", key.short(app.lang)),
            app.theme.muted,
        ));
    }
    if !app.errors.is_empty() && matches!(mode, Mode::Picker) {
        spans.push(Span::styled(" e", app.theme.key));
        spans.push(Span::styled(
            format!(
                " {} ",
                KEYS.iter()
                    .find(|k| k.keys == "e")
                    .map_or("", |k| k.short(app.lang))
            ),
            app.theme.muted,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A bordered block with a title, in the theme's border style.
fn block<'a>(app: &App, title: &'a str) -> Block<'a> {
    Block::bordered()
        .border_style(app.theme.border)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

/// Rows of text that may be scrolled; returns the rows to draw and whether more follow.
fn window<'a>(rows: Vec<Line<'a>>, height: usize, scroll: u16) -> (Vec<Line<'a>>, bool) {
    let max_start = rows.len().saturating_sub(height);
    let start = (scroll as usize).min(max_start);
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
