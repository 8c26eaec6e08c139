//! Markdown pages for people who don't read TOML: every guide as its flowchart (Mermaid, drawn
//! by common git web views), numbered questions and answers, its rules with sources, outcomes
//! and places, plus an index. Web addresses are links. The output depends only on the guide
//! files, so a diff of the docs shows what a change means.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use crate::lang::Lang;

use super::model::{Guide, Library, NodeRef, Rule, Text};

/// One page: where it goes (relative to the output folder) and its text.
pub struct Page {
    pub path: String,
    pub text: String,
}

fn one_line(text: &str) -> String {
    // Markdown would read `*`, `_`, `[`, `<` and friends; guide text is shown as written.
    let mut out = String::with_capacity(text.len());
    for c in crate::text::visible_line(text).chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Prose for a page: as [`one_line`], with every `http(s)://` address a link. An address is
/// written as a CommonMark autolink (`<https://…>`), whose text Markdown does not read, so it is
/// kept exactly; one with characters an autolink cannot hold stays plain text.
fn prose(text: &str) -> String {
    let line = crate::text::visible_line(text);
    let mut out = String::with_capacity(line.len());
    for (n, word) in line.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        // Punctuation after an address belongs to the sentence: `(https://x.dk).`
        let start = word.find("https://").or_else(|| word.find("http://"));
        let Some(start) = start else {
            out.push_str(&one_line(word));
            continue;
        };
        let (before, address) = word.split_at(start);
        let trimmed = address.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '»', '«']);
        let after = &address[trimmed.len()..];
        let linkable = trimmed.len() > "https://".len()
            && trimmed
                .chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '\\' | '`'));
        out.push_str(&one_line(before));
        if linkable {
            out.push('<');
            out.push_str(trimmed);
            out.push('>');
        } else {
            out.push_str(&one_line(trimmed));
        }
        out.push_str(&one_line(after));
    }
    out
}

/// A place's web address as a link: `https://www.borger.dk` or `borger.dk`.
fn web_link(web: &str) -> String {
    let web = web.trim();
    if web.starts_with("https://") || web.starts_with("http://") {
        prose(web)
    } else if !web.is_empty()
        && web
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-/".contains(c))
        && web.contains('.')
    {
        format!("[{}](https://{web})", one_line(web))
    } else {
        one_line(web)
    }
}

/// Guides in the order the app lists them: by area (as areas.toml orders them), then title.
fn ordered(library: &Library) -> Vec<&Arc<Guide>> {
    let rank = |area: &str| {
        library
            .areas
            .get(area)
            .map_or(u32::MAX, |a| a.id.span.start)
    };
    let mut guides: Vec<&Arc<Guide>> = library.guides.iter().collect();
    guides.sort_by(|a, b| {
        (rank(&a.area), &a.area, &a.title.value).cmp(&(rank(&b.area), &b.area, &b.title.value))
    });
    guides
}

pub fn pages(library: &Library) -> Vec<Page> {
    let guides = ordered(library);
    let mut out = vec![Page {
        path: String::from("index.md"),
        text: index(library, &guides),
    }];
    for guide in guides {
        out.push(Page {
            path: format!("{}/{}.md", guide.area, guide.id),
            text: guide_page(library, guide),
        });
    }
    out
}

fn index(library: &Library, guides: &[&Arc<Guide>]) -> String {
    let mut out = String::from("# vejviser: alle guides\n\n");
    let _ = writeln!(
        out,
        "Lavet af `vejviser doc` ud fra guidefilerne. Ret i TOML-filerne, ikke her.\n"
    );
    let mut area = None;
    for guide in guides {
        if area != Some(guide.area.as_str()) {
            area = Some(guide.area.as_str());
            let _ = writeln!(out, "\n## {}\n", one_line(library.area_title(&guide.area)));
        }
        let _ = writeln!(
            out,
            "- [{}]({}/{}.md) — {}",
            one_line(&guide.title),
            guide.area,
            guide.id,
            one_line(&guide.summary)
        );
    }
    out
}

/// Steps numbered in the order a helper meets them (breadth first from the start).
fn step_numbers(guide: &Guide) -> BTreeMap<usize, usize> {
    let mut numbers = BTreeMap::new();
    let Some(NodeRef::Step(start)) = guide.lookup(&guide.start) else {
        return numbers;
    };
    let mut queue = std::collections::VecDeque::from([start]);
    numbers.insert(start, 1);
    while let Some(i) = queue.pop_front() {
        for choice in &guide.steps[i].choices {
            if let Some(NodeRef::Step(j)) = guide.lookup(&choice.next)
                && !numbers.contains_key(&j)
            {
                numbers.insert(j, numbers.len() + 1);
                queue.push_back(j);
            }
        }
    }
    // Steps that cannot be reached still get a number, after the rest.
    for i in 0..guide.steps.len() {
        if !numbers.contains_key(&i) {
            numbers.insert(i, numbers.len() + 1);
        }
    }
    numbers
}

fn rule_line(rule: &Rule) -> String {
    format!(
        "- **{}:** {} — {} *(Kilde: {})*",
        rule.kind.label(Lang::Da),
        prose(&rule.text),
        prose(&rule.why),
        prose(&rule.source)
    )
}

fn rules_list(library: &Library, ids: &[Text]) -> Vec<String> {
    let mut rules: Vec<&Rule> = ids.iter().filter_map(|id| library.rule(id)).collect();
    rules.sort_by_key(|r| (*r.kind, r.id.value.clone()));
    rules.dedup_by_key(|r| r.id.value.clone());
    rules.into_iter().map(rule_line).collect()
}

/// "**Se også:** [Titel](../omraade/id.md), …": links to the other guides' pages (every page
/// sits in its area's folder).
fn see_line(library: &Library, see: &[Text]) -> Option<String> {
    if see.is_empty() {
        return None;
    }
    let links: Vec<String> = see
        .iter()
        .map(|id| match library.guide(id) {
            Some(g) => format!("[{}](../{}/{}.md)", one_line(&g.title), g.area, g.id),
            None => format!("`{}` (findes ikke)", id.as_str()),
        })
        .collect();
    Some(format!("**Se også:** {}\n", links.join(", ")))
}

fn guide_page(library: &Library, guide: &Guide) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", one_line(&guide.title));
    let reviewed = guide
        .reviewed
        .as_ref()
        .map_or_else(|| String::from("–"), |d| d.value.to_string());
    let _ = writeln!(
        out,
        "*Område: {} · Gennemgået: {reviewed} · Fil: `{}/{}.toml`*\n",
        one_line(library.area_title(&guide.area)),
        guide.area,
        guide.id
    );
    let _ = writeln!(out, "{}\n", prose(&guide.summary));
    // The flowchart, which git web views draw; its labels are escaped for Mermaid, and a
    // backtick (which could end this block) is never among them.
    let _ = writeln!(
        out,
        "## Rutediagram\n\n```mermaid\n{}```\n",
        super::graph::render(guide, library, super::graph::GraphFormat::Mermaid)
    );
    let rules = rules_list(library, &guide.rules);
    if !rules.is_empty() {
        let _ = writeln!(out, "## Regler i hele sagen\n");
        for line in rules {
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    let numbers = step_numbers(guide);
    let mut by_number: Vec<(usize, usize)> = numbers.iter().map(|(&i, &n)| (n, i)).collect();
    by_number.sort();
    let _ = writeln!(out, "## Spørgsmål\n");
    for (n, i) in by_number {
        let step = &guide.steps[i];
        let consent = if step.consent { " *(samtykke)*" } else { "" };
        // An HTML anchor: the `{#id}` heading syntax is not read by common git web views.
        let _ = writeln!(
            out,
            "<a id=\"{}\"></a>\n\n### {n}. {}{consent}\n",
            step.id.as_str(),
            one_line(&step.ask)
        );
        if let Some(help) = &step.help {
            let _ = writeln!(out, "> {}\n", prose(help));
        }
        for line in rules_list(library, &step.rules) {
            let _ = writeln!(out, "{line}");
        }
        if let Some(line) = see_line(library, &step.see) {
            let _ = writeln!(out, "{line}");
        }
        for choice in &step.choices {
            let target = match guide.lookup(&choice.next) {
                Some(NodeRef::Step(j)) => format!(
                    "gå til [{}. {}](#{})",
                    numbers.get(&j).copied().unwrap_or(0),
                    one_line(&guide.steps[j].ask),
                    guide.steps[j].id.as_str()
                ),
                Some(NodeRef::Outcome(j)) => {
                    let o = &guide.outcomes[j];
                    format!(
                        "**{}:** [{}](#{})",
                        o.kind.label(Lang::Da),
                        one_line(&o.title),
                        o.id.as_str()
                    )
                }
                None => format!("`{}` (findes ikke)", choice.next.as_str()),
            };
            let mut condition = String::new();
            if let Some(when) = &choice.condition.when {
                let _ = write!(
                    condition,
                    " *(kun hvor stedet tilbyder `{}`)*",
                    when.as_str()
                );
            }
            if let Some(unless) = &choice.condition.unless {
                let _ = write!(
                    condition,
                    " *(kun hvor stedet ikke tilbyder `{}`)*",
                    unless.as_str()
                );
            }
            let _ = writeln!(out, "- *{}*{condition} → {target}", one_line(&choice.label));
            for line in rules_list(library, &choice.rules) {
                let _ = writeln!(out, "  {line}");
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Udfald\n");
    for outcome in &guide.outcomes {
        let _ = writeln!(
            out,
            "<a id=\"{}\"></a>\n\n### {}: {}\n",
            outcome.id.as_str(),
            outcome.kind.label(Lang::Da),
            one_line(&outcome.title)
        );
        let _ = writeln!(out, "**Det gør du nu:** {}\n", prose(&outcome.helper));
        if !outcome.steps.is_empty() {
            let heading = outcome.addressee.steps_label(Lang::Da);
            let _ = writeln!(out, "**{heading}:**\n");
            for (n, step) in outcome.steps.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", n + 1, prose(step));
            }
            out.push('\n');
        }
        let places: Vec<String> = (outcome.refer.iter())
            .filter_map(|id| library.place(id))
            .map(|place| {
                let mut parts = vec![one_line(&place.name)];
                if let Some(phone) = &place.phone {
                    parts.push(format!("tlf. {}", one_line(phone)));
                }
                if let Some(web) = &place.web {
                    parts.push(format!("web {}", web_link(web)));
                }
                if let Some(hours) = &place.hours {
                    parts.push(format!("åbent {}", prose(hours)));
                }
                parts.join(" · ")
            })
            .collect();
        match places.as_slice() {
            [] => {}
            [one] => {
                let _ = writeln!(out, "**Henvis til:** {one}\n");
            }
            several => {
                let _ = writeln!(out, "**Henvis til, i denne rækkefølge:**\n");
                for (n, place) in several.iter().enumerate() {
                    let _ = writeln!(out, "{}. {place}", n + 1);
                }
                out.push('\n');
            }
        }
        if let Some(line) = see_line(library, &outcome.see) {
            let _ = writeln!(out, "{line}");
        }
        for line in rules_list(library, &outcome.rules) {
            let _ = writeln!(out, "{line}");
        }
        if !outcome.rules.is_empty() {
            out.push('\n');
        }
    }
    let _ = writeln!(out, "## Kilder\n");
    for source in &guide.sources {
        let _ = writeln!(out, "- {}", prose(source));
    }
    if !guide.tests.is_empty() {
        let _ = writeln!(out, "\n## Scenarier\n");
        for test in &guide.tests {
            let answers: Vec<String> = test
                .answers
                .iter()
                .map(|a| format!("»{}«", one_line(a)))
                .collect();
            // The outcome by its badge and title, linked, as the answers above show it.
            let expected = match guide.lookup(&test.expect) {
                Some(NodeRef::Outcome(j)) => {
                    let o = &guide.outcomes[j];
                    format!(
                        "**{}:** [{}](#{})",
                        o.kind.label(Lang::Da),
                        one_line(&o.title),
                        o.id.as_str()
                    )
                }
                _ => format!("`{}`", test.expect.as_str()),
            };
            let _ = writeln!(
                out,
                "- {}: {} → {expected}",
                one_line(&test.name),
                answers.join(" → "),
            );
        }
    }
    out
}
