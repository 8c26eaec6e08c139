//! The site screen: the kinds of desk, then the services this desk offers.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{block, hanging, window};
use crate::site::setup::ROLES;
use crate::tui::app::App;
use crate::tui::keys::Action;
use crate::tui::setup::{SiteSetup, Stage, setup_text};
use crate::tui::wrap::wrap;

pub fn render(app: &App, setup: &SiteSetup, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let text = setup_text(app.lang);
    let (title, intro) = match (setup.stage, setup.first_run) {
        (Stage::Role, true) => (text.title, text.intro_first),
        (Stage::Role, false) => (text.title, text.intro_again),
        (Stage::Services, _) => (text.services_title, text.services_intro),
    };
    let outer = block(app, title);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = wrap(intro, width.saturating_sub(1))
        .into_iter()
        .map(|row| Line::from(Span::styled(format!(" {row}"), t.text)))
        .collect();
    lines.push(Line::from(""));
    // Each choice's first row, to make it clickable.
    let mut choice_rows = Vec::new();
    match setup.stage {
        Stage::Role => {
            for (i, (name, about)) in text.roles.iter().enumerate() {
                let selected = i == setup.role;
                let marker = if selected { "►" } else { " " };
                let style = if selected { t.selected } else { t.text };
                let lead = format!(" {marker} {}  ", i + 1);
                choice_rows.push((lines.len(), Action::Choose(i + 1)));
                let lead_width = lead.chars().count();
                lines.extend(hanging(
                    vec![Span::styled(lead, t.key)],
                    lead_width,
                    &format!("{name} – {about}"),
                    width,
                    style,
                ));
            }
            debug_assert_eq!(text.roles.len(), ROLES.len());
        }
        Stage::Services => {
            let (role_name, _) = text.roles[setup.role];
            lines.insert(
                0,
                Line::from(Span::styled(format!(" {role_name}"), t.title)),
            );
            for (i, id) in setup.services.iter().enumerate() {
                let selected = i == setup.selected;
                let marker = if selected { "►" } else { " " };
                let check = if setup.chosen.contains(id) {
                    "[x]"
                } else {
                    "[ ]"
                };
                let about = app
                    .library
                    .services
                    .get(id)
                    .map_or(id.as_str(), |s| s.text.value.as_str());
                let style = if selected { t.selected } else { t.text };
                let lead = format!(" {marker} {}  {check} ", i + 1);
                choice_rows.push((lines.len(), Action::Choose(i + 1)));
                let lead_width = lead.chars().count();
                lines.extend(hanging(
                    vec![Span::styled(lead, t.key)],
                    lead_width,
                    about,
                    width,
                    style,
                ));
            }
        }
    }
    let total = lines.len();
    let (shown, _) = window(lines, inner.height as usize, 0);
    if total <= inner.height as usize {
        let mut clickable = app.clickable.borrow_mut();
        for (row, action) in choice_rows {
            let y = inner.y + row as u16;
            clickable.push((Rect::new(inner.x, y, inner.width, 1), action));
        }
    }
    frame.render_widget(Paragraph::new(shown), inner);
}
