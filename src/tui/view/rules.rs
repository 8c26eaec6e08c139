//! The rules panel: must-not first, marked with a symbol and a word as well as a colour, so it
//! reads the same without colour.

use ratatui::text::{Line, Span};

use super::hanging;
use crate::guide::{Rule, RuleKind};
use crate::tui::app::App;

pub fn rule_lines<'a>(app: &App, rules: &[&Rule], width: usize) -> Vec<Line<'a>> {
    rule_blocks(app, rules, width)
        .into_iter()
        .flatten()
        .collect()
}

/// The rules, must-not first, each as its rows: a rule is shown whole or not at all.
pub fn rule_blocks<'a>(app: &App, rules: &[&Rule], width: usize) -> Vec<Vec<Line<'a>>> {
    let mut sorted: Vec<&&Rule> = rules.iter().collect();
    sorted.sort_by_key(|r| *r.kind);
    let mut blocks = Vec::new();
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
        blocks.push(hanging(
            vec![Span::styled(mark, style)],
            lead_width,
            &rule.text,
            width,
            text_style,
        ));
    }
    blocks
}

/// As many whole rules as fit in `height` rows, in order. When some do not fit, the last row
/// says how many more there are and which key shows them all: a rule is never cut off
/// mid-sentence, and none is left out without a word.
pub fn fitted_rules<'a>(app: &App, rules: &[&Rule], width: usize, height: usize) -> Vec<Line<'a>> {
    let blocks = rule_blocks(app, rules, width);
    let total: usize = blocks.iter().map(Vec::len).sum();
    if total <= height {
        return blocks.into_iter().flatten().collect();
    }
    let room = height.saturating_sub(1);
    let mut lines = Vec::new();
    let mut shown = 0;
    for block in &blocks {
        if lines.len() + block.len() > room {
            break;
        }
        lines.extend(block.iter().cloned());
        shown += 1;
    }
    let more = blocks.len() - shown;
    lines.push(Line::from(Span::styled(
        more_rules_text(app, more),
        app.theme.key,
    )));
    lines
}

fn more_rules_text(app: &App, more: usize) -> String {
    match (app.lang, more) {
        (crate::lang::Lang::Da, 1) => String::from("+ 1 regel mere: Tab viser alle regler"),
        (crate::lang::Lang::Da, n) => format!("+ {n} regler mere: Tab viser alle regler"),
        (crate::lang::Lang::En, 1) => String::from("+ 1 more rule: Tab shows every rule"),
        (crate::lang::Lang::En, n) => format!("+ {n} more rules: Tab shows every rule"),
    }
}

/// Every rule in force with why it holds and its source, for the rules box (Tab).
pub fn rules_explained<'a>(app: &App, rules: &[&Rule], width: usize) -> Vec<Line<'a>> {
    let mut sorted: Vec<&&Rule> = rules.iter().collect();
    sorted.sort_by_key(|r| *r.kind);
    let mut lines = Vec::new();
    for rule in sorted {
        lines.extend(rule_lines(app, &[*rule], width));
        let indent = 4;
        lines.extend(hanging(
            vec![Span::raw(" ".repeat(indent))],
            indent,
            &rule.why,
            width,
            app.theme.text,
        ));
        if !rule.source.is_empty() {
            lines.extend(hanging(
                vec![Span::raw(" ".repeat(indent))],
                indent,
                &rule.source,
                width,
                app.theme.muted,
            ));
        }
        lines.push(Line::default());
    }
    lines
}
