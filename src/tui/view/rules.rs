//! The rules panel: must-not first, marked with a symbol and a word as well as a colour, so it
//! reads the same without colour.

use ratatui::text::{Line, Span};

use super::hanging;
use crate::guide::{Rule, RuleKind};
use crate::tui::app::App;

pub fn rule_lines<'a>(app: &App, rules: &[&Rule], width: usize) -> Vec<Line<'a>> {
    let mut sorted: Vec<&&Rule> = rules.iter().collect();
    sorted.sort_by_key(|r| *r.kind);
    let mut lines = Vec::new();
    for rule in sorted {
        let (mark, style) = match *rule.kind {
            RuleKind::MustNot => (
                format!("× {}: ", rule.kind.label(app.lang)),
                app.theme.danger,
            ),
            RuleKind::Must => (format!("● {}: ", rule.kind.label(app.lang)), app.theme.must),
            RuleKind::May => (format!("○ {}: ", rule.kind.label(app.lang)), app.theme.may),
        };
        let lead_width = unicode_width::UnicodeWidthStr::width(mark.as_str());
        let text_style = if *rule.kind == RuleKind::MustNot {
            app.theme.danger_text
        } else {
            app.theme.text
        };
        lines.extend(hanging(
            vec![Span::styled(mark, style)],
            lead_width,
            &rule.text,
            width,
            text_style,
        ));
    }
    lines
}
