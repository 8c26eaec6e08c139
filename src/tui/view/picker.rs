//! The picker: a search box, the guides grouped by area (or ranked hits), and a preview.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::rules::rule_lines;
use super::{block, hanging};
use crate::guide::RuleKind;
use crate::text::visible_line;
use crate::tui::app::App;
use crate::tui::keys::Action;
use crate::tui::wrap::{truncate, wrap};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let [search, lists] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    render_search(app, frame, search);
    let [list, preview] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(lists);
    render_list(app, frame, list);
    render_preview(app, frame, preview);
}

fn render_search(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let p = &app.picker;
    let line = if p.query.is_empty() && !p.searching {
        Line::from(Span::styled(app.text.search_hint, t.muted))
    } else {
        let cursor = if p.searching { "_" } else { "" };
        Line::from(vec![
            Span::styled(visible_line(&p.query), t.text),
            Span::styled(cursor, t.key),
        ])
    };
    let title = format!("{} (/)", app.text.search_label);
    let style = if p.searching { t.key } else { t.border };
    frame.render_widget(
        Paragraph::new(line).block(block(app, &title).border_style(style)),
        area,
    );
}

fn render_list(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let guides = app.picker_guides();
    let outer = block(app, app.text.pick_title);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    if guides.is_empty() {
        let rows: Vec<Line> = wrap(app.text.no_hits, inner.width as usize)
            .into_iter()
            .map(|r| Line::from(Span::styled(r, t.muted)))
            .collect();
        frame.render_widget(Paragraph::new(rows), inner);
        return;
    }
    // Rows: area headings (only for the full list) and guides; remember which row is which guide.
    let grouped = app.picker.query.trim().is_empty();
    let mut rows: Vec<(Line, Option<usize>)> = Vec::new();
    let mut last_area = "";
    let width = inner.width as usize;
    for (i, guide) in guides.iter().enumerate() {
        if grouped && guide.area != last_area {
            last_area = &guide.area;
            let heading = visible_line(&app.library.area_title(&guide.area).to_uppercase());
            rows.push((Line::from(Span::styled(heading, t.muted)), None));
        }
        let selected = i == app.picker.selected;
        let marker = if selected { "► " } else { "  " };
        let title = visible_line(&guide.title);
        let text: String = format!("{marker}{title}");
        let cut = truncate(&text, width);
        let style = if selected { t.selected } else { t.text };
        rows.push((
            Line::from(Span::styled(format!("{cut:width$}"), style)),
            Some(i),
        ));
    }
    let height = inner.height as usize;
    let selected_row = rows
        .iter()
        .position(|(_, g)| *g == Some(app.picker.selected))
        .unwrap_or(0);
    let start = (selected_row + 1).saturating_sub(height);
    let mut clickable = app.clickable.borrow_mut();
    let mut lines = Vec::with_capacity(height);
    for (n, (line, guide)) in rows.into_iter().skip(start).take(height).enumerate() {
        if let Some(i) = guide {
            let row = Rect::new(inner.x, inner.y + n as u16, inner.width, 1);
            clickable.push((row, Action::Open(i)));
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_preview(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let outer = block(app, app.text.preview);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let Some(guide) = app.selected_guide() else {
        return;
    };
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    lines.extend(hanging(vec![], 0, &guide.title, width, t.title));
    lines.push(Line::from(Span::styled(
        visible_line(app.library.area_title(&guide.area)),
        t.muted,
    )));
    lines.push(Line::default());
    lines.extend(hanging(vec![], 0, &guide.summary, width, t.text));
    let must_not: Vec<_> = guide
        .rules
        .iter()
        .filter_map(|id| app.library.rule(id))
        .filter(|r| *r.kind == RuleKind::MustNot)
        .collect();
    if !must_not.is_empty() {
        lines.push(Line::default());
        lines.extend(rule_lines(app, &must_not, width));
    }
    let (shown, _) = super::window(lines, inner.height as usize, 0);
    frame.render_widget(Paragraph::new(shown), inner);
}
