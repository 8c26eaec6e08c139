//! A guide as a flowchart for review in a merge request: Mermaid (rendered by common git web
//! views) or Graphviz DOT. Steps are questions, choices are edge labels, outcomes are coloured
//! by kind, and must-not rules are marked with `×` (in every font, unlike an emoji). A legend
//! says what the colours and the mark mean. Guide text is escaped for each format, so a label
//! with `#`, `&`, quotes or brackets reads as written.

use std::fmt::Write as _;

use super::model::{Guide, Library, NodeRef, OutcomeKind, RuleKind, Text};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

/// The badge an outcome has everywhere else (guide content, and so the graph, is Danish).
fn kind_label(kind: OutcomeKind) -> &'static str {
    kind.label(crate::lang::Lang::Da)
}

const KINDS: [OutcomeKind; 4] = [
    OutcomeKind::Guide,
    OutcomeKind::Do,
    OutcomeKind::Refer,
    OutcomeKind::Refuse,
];

/// Put before a step or choice where a must-not rule applies.
const MUST_NOT_MARK: &str = "× ";

const LEGEND_TITLE: &str = "Forklaring";
const LEGEND_MARK: &str = "× ved et trin eller svar: en må-ikke-regel gælder der";

/// What the legend shows: the outcome kinds the guide has, and the mark if it is used.
fn legend(guide: &Guide, library: &Library) -> (Vec<OutcomeKind>, bool) {
    let kinds = KINDS
        .into_iter()
        .filter(|k| guide.outcomes.iter().any(|o| *o.kind == *k))
        .collect();
    let marked = guide.steps.iter().any(|step| {
        has_must_not(&step.rules, library)
            || step.choices.iter().any(|c| has_must_not(&c.rules, library))
    });
    (kinds, marked)
}

fn mark(marked: bool) -> &'static str {
    if marked { MUST_NOT_MARK } else { "" }
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

/// Mermaid label text, one line. `#` starts Mermaid's own entity codes (`#quot;`), so it is
/// written as one first; `&` would start an HTML entity, `"` end the label, `<`/`>` open HTML
/// and a backtick start a Markdown string.
pub fn mermaid_text(text: &str) -> String {
    let mut out = String::new();
    for c in crate::text::visible_line(text).chars() {
        match c {
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#38;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            c => out.push(c),
        }
    }
    out
}

fn mermaid(guide: &Guide, library: &Library) -> String {
    let mut out = String::from("flowchart TD\n");
    let _ = writeln!(out, "  start([\"{}\"])", mermaid_text(&guide.title));
    if let Some(first) = node_name(guide, &guide.start) {
        let _ = writeln!(out, "  start --> {first}");
    }
    for (i, step) in guide.steps.iter().enumerate() {
        let mark = mark(has_must_not(&step.rules, library));
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
            let mark = mark(has_must_not(&choice.rules, library));
            let condition = condition_text(&choice.condition);
            let _ = writeln!(
                out,
                "  s{i} -- \"{mark}{}{condition}\" --> {to}",
                mermaid_text(&choice.label)
            );
        }
    }
    let (kinds, marked) = legend(guide, library);
    let _ = writeln!(out, "  subgraph legend [\"{LEGEND_TITLE}\"]");
    let _ = writeln!(out, "    direction LR");
    for kind in &kinds {
        let _ = writeln!(
            out,
            "    legend_{}[\"{}\"]:::{}",
            kind.code(),
            mermaid_text(kind_label(*kind)),
            kind.code()
        );
    }
    if marked {
        let _ = writeln!(out, "    legend_mark[\"{}\"]", mermaid_text(LEGEND_MARK));
    }
    let _ = writeln!(out, "  end");
    for kind in KINDS {
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

/// DOT string contents, one line: a backslash would start an escape (`\n`, `\N`), a quote end
/// the string, and `&` an HTML entity that Graphviz replaces (`&lt;` would show as `<`).
pub fn dot_text(text: &str) -> String {
    let mut out = String::new();
    for c in crate::text::visible_line(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
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
            "  s{i} [shape=box, style=rounded{}, label=\"{}{}{consent}\"];",
            if must_not {
                ", color=red, penwidth=2"
            } else {
                ""
            },
            mark(must_not),
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
                "  s{i} -> {to} [label=\"{}{}{}\"{}];",
                mark(must_not),
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
    let (kinds, marked) = legend(guide, library);
    let _ = writeln!(out, "  subgraph cluster_legend {{");
    let _ = writeln!(out, "    label=\"{LEGEND_TITLE}\";");
    let _ = writeln!(out, "    fontname=\"Helvetica\";");
    for kind in &kinds {
        let _ = writeln!(
            out,
            "    legend_{} [shape=box, style=\"filled,bold\", fillcolor=\"{}\", label=\"{}\"];",
            kind.code(),
            kind_colour(*kind),
            dot_text(kind_label(*kind))
        );
    }
    if marked {
        let _ = writeln!(
            out,
            "    legend_mark [shape=box, style=rounded, color=red, penwidth=2, label=\"{}\"];",
            dot_text(LEGEND_MARK)
        );
    }
    out.push_str("  }\n}\n");
    out
}
