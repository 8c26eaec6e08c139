//! Boxes drawn over the screen: help, the list of guide errors, and "quit with a case open?".

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{block, hanging, window};
use crate::tui::app::{App, Overlay};
use crate::tui::keys::KEYS;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(overlay) = app.overlay else { return };
    match overlay {
        Overlay::Help => help(app, frame, area),
        Overlay::Errors => errors(app, frame, area),
        Overlay::ConfirmQuit => confirm_quit(app, frame, area),
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

fn boxed(app: &App, frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>) {
    frame.render_widget(Clear, area);
    let outer = block(app, title);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let (shown, _) = window(lines, inner.height as usize, app.overlay_scroll);
    frame.render_widget(Paragraph::new(shown), inner);
}

fn help(app: &App, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(8).min(90);
    let inner_width = width.saturating_sub(2) as usize;
    let key_width = KEYS
        .iter()
        .map(|k| k.keys.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines = Vec::new();
    for key in KEYS {
        let lead = format!(" {:<key_width$}", key.keys);
        lines.extend(hanging(
            vec![Span::styled(lead, app.theme.key)],
            key_width + 1,
            key.text(app.lang),
            inner_width,
            app.theme.text,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        app.lang
            .pick(" Tryk en tast for at lukke.", " Press a key to close."),
        app.theme.muted,
    )));
    let height = (lines.len() as u16 + 2).min(area.height);
    boxed(
        app,
        frame,
        centered(area, width, height),
        app.text.help_title,
        lines,
    );
}

fn errors(app: &App, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4);
    let inner_width = width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    if app.errors.is_empty() {
        lines.push(Line::from(app.text.no_errors));
    }
    for d in &app.errors {
        let place = match d.line_col(&app.sources) {
            Some((line, col)) => format!("{}:{line}:{col}", d.path(&app.sources)),
            None => d.path(&app.sources).to_string(),
        };
        lines.extend(hanging(vec![], 0, &place, inner_width, app.theme.key));
        lines.extend(hanging(
            vec![Span::raw("  ")],
            2,
            &d.finding.message(app.lang),
            inner_width,
            app.theme.warning,
        ));
        if let Some(hint) = d.finding.hint(app.lang) {
            lines.extend(hanging(
                vec![Span::raw("  → ")],
                4,
                &hint,
                inner_width,
                app.theme.text,
            ));
        }
        lines.push(Line::default());
    }
    let height = area.height.saturating_sub(2);
    boxed(
        app,
        frame,
        centered(area, width, height),
        app.text.errors_title,
        lines,
    );
}

fn confirm_quit(app: &App, frame: &mut Frame, area: Rect) {
    let width = 56.min(area.width);
    let inner_width = width.saturating_sub(2) as usize;
    let mut lines = hanging(
        vec![],
        0,
        app.text.quit_question,
        inner_width,
        app.theme.question,
    );
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(app.text.quit_keys, app.theme.key)));
    let height = lines.len() as u16 + 2;
    boxed(
        app,
        frame,
        centered(area, width, height),
        app.text.quit_title,
        lines,
    );
}
