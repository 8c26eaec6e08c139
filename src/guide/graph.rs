//! A guide as a flowchart for review in a merge request: Mermaid (rendered by common git web
//! views) or Graphviz DOT. Steps are questions, choices are edge labels, outcomes are coloured
//! by kind, and must-not rules are marked.

use std::fmt::Write as _;

use super::model::{Guide, Library, NodeRef, OutcomeKind, RuleKind, Text};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

fn kind_label(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Guide => "VEJLED",
        OutcomeKind::Do => "GØR DET SAMMEN",
        OutcomeKind::Refer => "HENVIS",
        OutcomeKind::Refuse => "MÅ IKKE",
    }
}

fn kind_colour(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Guide => "#d8f5d8",
        OutcomeKind::Do => "#d6e6ff",
        OutcomeKind::Refer => "#fff1bf",
        OutcomeKind::Refuse => "#ffd6d6",
    }
}

/// True when any of these rules is a must-not rule.
fn has_must_not(rules: &[Text], library: &Library) -> bool {
    rules.iter().any(|id| {
        library
            .rule(id)
            .is_some_and(|r| *r.kind == RuleKind::MustNot)
    })
}

/// Node names that every tool accepts: `s0`, `s1`, … for steps, `o0`, … for outcomes.
fn node_name(guide: &Guide, id: &str) -> Option<String> {
    Some(match guide.lookup(id)? {
        NodeRef::Step(i) => format!("s{i}"),
        NodeRef::Outcome(i) => format!("o{i}"),
    })
}

pub fn render(guide: &Guide, library: &Library, format: GraphFormat) -> String {
    match format {
        GraphFormat::Mermaid => mermaid(guide, library),
        GraphFormat::Dot => dot(guide, library),
    }
}

/// Mermaid label text: quotes and angle brackets as entities, one line.
fn mermaid_text(text: &str) -> String {
    crate::text::visible_line(text)
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

fn mermaid(guide: &Guide, library: &Library) -> String {
    let mut out = String::from("flowchart TD\n");
    let _ = writeln!(out, "  start([\"{}\"])", mermaid_text(&guide.title));
    if let Some(first) = node_name(guide, &guide.start) {
        let _ = writeln!(out, "  start --> {first}");
    }
    for (i, step) in guide.steps.iter().enumerate() {
        let mark = if has_must_not(&step.rules, library) {
            "⛔ "
        } else {
            ""
        };
        let consent = if step.consent { " (samtykke)" } else { "" };
        let _ = writeln!(
            out,
            "  s{i}{{\"{mark}{}{consent}\"}}",
            mermaid_text(&step.ask)
        );
    }
    for (i, outcome) in guide.outcomes.iter().enumerate() {
        let _ = writeln!(
            out,
            "  o{i}[\"{}: {}\"]:::{}",
            kind_label(*outcome.kind),
            mermaid_text(&outcome.title),
            outcome.kind.code()
        );
    }
    for (i, step) in guide.steps.iter().enumerate() {
        for choice in &step.choices {
            let Some(to) = node_name(guide, &choice.next) else {
                continue;
            };
            let mark = if has_must_not(&choice.rules, library) {
                "⛔ "
            } else {
                ""
            };
            let condition = condition_text(&choice.condition);
            let _ = writeln!(
                out,
                "  s{i} -- \"{mark}{}{condition}\" --> {to}",
                mermaid_text(&choice.label)
            );
        }
    }
    for kind in [
        OutcomeKind::Guide,
        OutcomeKind::Do,
        OutcomeKind::Refer,
        OutcomeKind::Refuse,
    ] {
        let _ = writeln!(
            out,
            "  classDef {} fill:{},stroke:#555",
            kind.code(),
            kind_colour(kind)
        );
    }
    out
}

fn condition_text(condition: &super::model::Condition) -> String {
    let mut parts = Vec::new();
    if let Some(when) = &condition.when {
        parts.push(format!("kun med {}", when.as_str()));
    }
    if let Some(unless) = &condition.unless {
        parts.push(format!("ikke med {}", unless.as_str()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" [{}]", parts.join(", "))
    }
}

/// DOT string contents: backslashes and quotes escaped, one line.
fn dot_text(text: &str) -> String {
    crate::text::visible_line(text)
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
}

fn dot(guide: &Guide, library: &Library) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", dot_text(&guide.id));
    let _ = writeln!(out, "  rankdir=TB;");
    let _ = writeln!(out, "  node [fontname=\"Helvetica\", fontsize=11];");
    let _ = writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];");
    let _ = writeln!(
        out,
        "  start [shape=oval, label=\"{}\"];",
        dot_text(&guide.title)
    );
    if let Some(first) = node_name(guide, &guide.start) {
        let _ = writeln!(out, "  start -> {first};");
    }
    for (i, step) in guide.steps.iter().enumerate() {
        let must_not = has_must_not(&step.rules, library);
        let consent = if step.consent { "\\n(samtykke)" } else { "" };
        let _ = writeln!(
            out,
            "  s{i} [shape=box, style=rounded{}, label=\"{}{consent}\"];",
            if must_not {
                ", color=red, penwidth=2"
            } else {
                ""
            },
            dot_text(&step.ask)
        );
    }
    for (i, outcome) in guide.outcomes.iter().enumerate() {
        let _ = writeln!(
            out,
            "  o{i} [shape=box, style=\"filled,bold\", fillcolor=\"{}\", label=\"{}\\n{}\"];",
            kind_colour(*outcome.kind),
            kind_label(*outcome.kind),
            dot_text(&outcome.title)
        );
    }
    for (i, step) in guide.steps.iter().enumerate() {
        for choice in &step.choices {
            let Some(to) = node_name(guide, &choice.next) else {
                continue;
            };
            let must_not = has_must_not(&choice.rules, library);
            let _ = writeln!(
                out,
                "  s{i} -> {to} [label=\"{}{}\"{}];",
                dot_text(&choice.label),
                dot_text(&condition_text(&choice.condition)),
                if must_not {
                    ", color=red, fontcolor=red"
                } else {
                    ""
                }
            );
        }
    }
    out.push_str("}\n");
    out
}
