//! Everything `vejviser check` proves beyond syntax: references resolve, ids are unique, the
//! graph has no dead ends, and the policy lints that keep a helper on the safe side.

use std::collections::{HashMap, HashSet, VecDeque};

use super::diagnostic::{Diagnostic, RelatedLabel};
use super::finding::{Finding, What};
use super::model::{Guide, Library, NodeRef, OutcomeKind, RuleKind, Text};
use super::source::SourceMap;
use super::suggest::closest;
use crate::date::Date;

/// A guide is stale when its `reviewed` date is older than this.
pub const STALE_AFTER_DAYS: i64 = 365;

/// Check the whole library as of `today`.
pub fn check(library: &Library, sources: &SourceMap, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Every id a `see` may name: the guides loaded, and those beside them that were not (when
    // only part of a folder is checked).
    let guide_ids: HashSet<&str> = (library.guides.iter().map(|g| g.id.as_str()))
        .chain(library.unloaded_guides.iter().map(String::as_str))
        .collect();
    for guide in &library.guides {
        GuideCheck {
            guide,
            library,
            sources,
            guide_ids: &guide_ids,
            out: &mut out,
        }
        .run(today);
    }
    out.extend(super::privacy_lint::lint(library, sources));
    out.extend(super::privacy_lint::lint_names(library));
    out.extend(super::translation_check::check(library));
    out
}

struct GuideCheck<'a> {
    guide: &'a Guide,
    library: &'a Library,
    sources: &'a SourceMap,
    guide_ids: &'a HashSet<&'a str>,
    out: &'a mut Vec<Diagnostic>,
}

impl GuideCheck<'_> {
    fn run(&mut self, today: Date) {
        self.unique_ids();
        self.references();
        self.graph();
        self.outcome_policy();
        self.freshness(today);
        if self.guide.tests.is_empty() {
            self.out.push(Diagnostic::warning(
                Finding::NoTests,
                super::source::Span::file_start(self.guide.file),
            ));
        }
    }

    fn error(&mut self, finding: Finding, at: &Text) {
        self.out.push(Diagnostic::error(finding, at.span.clone()));
    }

    /// An error at `at` that also marks where the clashing item was first defined.
    fn duplicate(&mut self, finding: Finding, at: &Text, first: &Text) {
        self.out.push(
            Diagnostic::error(finding, at.span.clone())
                .with_related(first.span.clone(), RelatedLabel::FirstDefinedHere),
        );
    }

    fn unique_ids(&mut self) {
        let guide = self.guide;
        // The guide's index points each id at its first definition, steps before outcomes (see
        // `Guide::new`): every other definition of the id is a duplicate.
        let nodes = (guide.steps.iter().enumerate())
            .map(|(i, s)| (NodeRef::Step(i), &s.id))
            .chain((guide.outcomes.iter().enumerate()).map(|(i, o)| (NodeRef::Outcome(i), &o.id)));
        for (at, id) in nodes {
            let earlier = match guide.lookup(id) {
                Some(first) if first != at => match first {
                    NodeRef::Step(i) => guide.steps.get(i).map(|s| &s.id),
                    NodeRef::Outcome(i) => guide.outcomes.get(i).map(|o| &o.id),
                },
                _ => None,
            };
            if let Some(earlier) = earlier {
                let finding = Finding::DuplicateId {
                    id: id.value.clone(),
                    what: What::StepOrOutcome,
                    first: self.sources.location(&earlier.span),
                };
                self.duplicate(finding, id, earlier);
            }
        }
        for step in &guide.steps {
            // The usual step has two or three choices: comparing each pair, without allocating,
            // is cheapest. The same rule as below, `same_label` and then `exclusive`.
            if step.choices.len() <= PAIRWISE_UP_TO {
                for (i, choice) in step.choices.iter().enumerate() {
                    let clash = step.choices[..i].iter().find(|earlier| {
                        same_label(&earlier.label, &choice.label)
                            && !exclusive(&earlier.condition, &choice.condition)
                    });
                    if let Some(earlier) = clash {
                        let finding = Finding::DuplicateLabel {
                            label: choice.label.value.clone(),
                        };
                        self.duplicate(finding, &choice.label, &earlier.label);
                    }
                }
                continue;
            }
            // Earlier choices by label, so a step with thousands of choices is checked in linear
            // time rather than comparing every pair.
            let mut earlier: HashMap<String, Vec<&super::model::Choice>> = HashMap::new();
            for choice in &step.choices {
                let same_label = earlier
                    .entry(choice.label.trim().to_lowercase())
                    .or_default();
                // Two choices may share a label when no site can ever see both.
                let clash = same_label
                    .iter()
                    .find(|other| !exclusive(&other.condition, &choice.condition))
                    .map(|other| &other.label);
                same_label.push(choice);
                if let Some(first) = clash {
                    let finding = Finding::DuplicateLabel {
                        label: choice.label.value.clone(),
                    };
                    self.duplicate(finding, &choice.label, first);
                }
            }
        }
    }

    fn node_ids(guide: &Guide) -> Vec<&str> {
        let steps = guide.steps.iter().map(|s| s.id.as_str());
        steps
            .chain(guide.outcomes.iter().map(|o| o.id.as_str()))
            .collect()
    }

    /// The candidates are listed only for an unknown id: listing every rule for every guide
    /// would make the check grow with the square of the library.
    fn unknown<'c>(
        &mut self,
        id: &Text,
        what: What,
        candidates: impl IntoIterator<Item = &'c str>,
    ) {
        let finding = Finding::UnknownReference {
            id: id.value.clone(),
            what,
            suggestion: closest(id, candidates),
        };
        self.error(finding, id);
    }

    fn references(&mut self) {
        let guide = self.guide;
        let library = self.library;
        if guide.step(&guide.start).is_none() {
            let step_ids = guide.steps.iter().map(|s| s.id.as_str());
            self.unknown(&guide.start, What::Step, step_ids);
        }
        let mut rule_refs: Vec<&Text> = guide.rules.iter().collect();
        let mut services: Vec<&Text> = Vec::new();
        let mut links: Vec<&Text> = Vec::new();
        for step in &guide.steps {
            rule_refs.extend(&step.rules);
            links.extend(&step.see);
            services.extend(step.condition.services());
            for choice in &step.choices {
                if guide.lookup(&choice.next).is_none() {
                    self.unknown(&choice.next, What::StepOrOutcome, Self::node_ids(guide));
                }
                rule_refs.extend(&choice.rules);
                services.extend(choice.condition.services());
            }
        }
        for outcome in &guide.outcomes {
            rule_refs.extend(&outcome.rules);
            services.extend(outcome.condition.services());
            links.extend(&outcome.see);
            for place in &outcome.refer {
                if self.library.place(place).is_none() {
                    self.unknown(
                        place,
                        What::Place,
                        library.places.keys().map(String::as_str),
                    );
                }
            }
        }
        for link in links {
            if !self.guide_ids.contains(link.as_str()) {
                let mut known: Vec<&str> = self.guide_ids.iter().copied().collect();
                known.sort_unstable();
                self.unknown(link, What::Guide, known);
            }
        }
        for test in &guide.tests {
            if guide.outcome(&test.expect).is_none() {
                let outcome_ids = guide.outcomes.iter().map(|o| o.id.as_str());
                self.unknown(&test.expect, What::Outcome, outcome_ids);
            }
            services.extend(&test.offers);
        }
        for id in rule_refs {
            match library.rule(id) {
                None => self.unknown(id, What::Rule, library.rules.keys().map(String::as_str)),
                Some(rule) => {
                    if let Some(owner) = rule.owner.as_ref().filter(|o| **o != guide.id) {
                        let finding = Finding::RuleOfOtherGuide {
                            id: id.value.clone(),
                            guide: owner.clone(),
                        };
                        self.error(finding, id);
                    }
                }
            }
        }
        for service in services {
            if !library.services.contains_key(service.as_str()) {
                let known = library.services.keys().map(String::as_str);
                self.unknown(service, What::Service, known);
            }
        }
    }

    /// Nodes are numbered steps first, then outcomes.
    fn edges(&self) -> Vec<Vec<usize>> {
        let guide = self.guide;
        let n_steps = guide.steps.len();
        guide
            .steps
            .iter()
            .map(|step| {
                step.choices
                    .iter()
                    .filter_map(|c| match guide.lookup(&c.next)? {
                        NodeRef::Step(i) => Some(i),
                        NodeRef::Outcome(i) => Some(n_steps + i),
                    })
                    .collect()
            })
            .chain(guide.outcomes.iter().map(|_| Vec::new()))
            .collect()
    }

    fn graph(&mut self) {
        let guide = self.guide;
        let Some(NodeRef::Step(start)) = guide.lookup(&guide.start) else {
            return; // already reported as an unknown reference
        };
        let n_steps = guide.steps.len();
        let edges = self.edges();
        let reached = bfs(&edges, start, |_| true).0;
        // Reverse reachability from every outcome: the steps that have a way out.
        let mut reverse = vec![Vec::new(); edges.len()];
        for (from, tos) in edges.iter().enumerate() {
            for &to in tos {
                reverse[to].push(from);
            }
        }
        let mut exits = vec![false; edges.len()];
        let mut queue: VecDeque<usize> = (n_steps..edges.len()).collect();
        for &o in &queue {
            exits[o] = true;
        }
        while let Some(node) = queue.pop_front() {
            for &prev in &reverse[node] {
                if !exits[prev] {
                    exits[prev] = true;
                    queue.push_back(prev);
                }
            }
        }
        for (i, step) in guide.steps.iter().enumerate() {
            if !reached[i] {
                let finding = Finding::Unreachable {
                    id: step.id.value.clone(),
                    what: What::Step,
                };
                self.error(finding, &step.id);
            } else if !exits[i] {
                let finding = Finding::NoWayOut {
                    id: step.id.value.clone(),
                };
                self.error(finding, &step.id);
            }
        }
        for (i, outcome) in guide.outcomes.iter().enumerate() {
            if !reached[n_steps + i] {
                let finding = Finding::Unreachable {
                    id: outcome.id.value.clone(),
                    what: What::Outcome,
                };
                self.error(finding, &outcome.id);
            }
        }
        self.consent(&edges, start);
    }

    /// Every path to a `do` outcome must pass a consent step: search from the start without
    /// entering consent steps; any `do` outcome still reached is a path without consent.
    fn consent(&mut self, edges: &[Vec<usize>], start: usize) {
        let guide = self.guide;
        let n_steps = guide.steps.len();
        let is_consent = |node: usize| node < n_steps && guide.steps[node].consent;
        if is_consent(start) {
            return;
        }
        let (reached, parent) = bfs(edges, start, |node| !is_consent(node));
        for (i, outcome) in guide.outcomes.iter().enumerate() {
            let node = n_steps + i;
            if *outcome.kind == OutcomeKind::Do && reached[node] {
                let mut path = vec![outcome.id.value.clone()];
                let mut at = node;
                while let Some(p) = parent[at] {
                    path.push(guide.steps[p].id.value.clone());
                    at = p;
                }
                path.reverse();
                let finding = Finding::DoWithoutConsent {
                    id: outcome.id.value.clone(),
                    path,
                };
                self.error(finding, &outcome.id);
            }
        }
    }

    fn outcome_policy(&mut self) {
        for outcome in &self.guide.outcomes {
            match *outcome.kind {
                OutcomeKind::Refuse => {
                    let names_must_not = outcome.rules.iter().any(|id| {
                        self.library
                            .rule(id)
                            .is_some_and(|r| *r.kind == RuleKind::MustNot)
                    });
                    if !names_must_not {
                        let finding = Finding::RefuseWithoutMustNot {
                            id: outcome.id.value.clone(),
                        };
                        self.error(finding, &outcome.id);
                    }
                }
                OutcomeKind::Refer if outcome.refer.is_empty() => {
                    let finding = Finding::ReferWithoutPlace {
                        id: outcome.id.value.clone(),
                    };
                    self.error(finding, &outcome.id);
                }
                _ => {}
            }
        }
    }

    fn freshness(&mut self, today: Date) {
        let Some(reviewed) = &self.guide.reviewed else {
            return;
        };
        let days = today.days_since_epoch() - reviewed.days_since_epoch();
        if days > STALE_AFTER_DAYS {
            self.out.push(Diagnostic::warning(
                Finding::Stale {
                    reviewed: reviewed.to_string(),
                    days,
                },
                reviewed.span.clone(),
            ));
        }
    }
}

/// Steps with at most this many choices compare labels pair by pair.
const PAIRWISE_UP_TO: usize = 16;

/// True when the labels are equal after `trim().to_lowercase()`, without allocating.
fn same_label(a: &str, b: &str) -> bool {
    let (a, b) = (trimmed(a), trimmed(b));
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    // `str::to_lowercase` lowers each character on its own, except a capital sigma, whose
    // lower case depends on its place in the word.
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase() == b.to_lowercase();
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// `str::trim`, with a shortcut for the usual label, which starts and ends with a visible ASCII
/// character and so has nothing to trim.
fn trimmed(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// True when no site can meet both conditions: one needs a service the other rules out.
fn exclusive(a: &super::model::Condition, b: &super::model::Condition) -> bool {
    let same = |x: &Option<Text>, y: &Option<Text>| match (x, y) {
        (Some(x), Some(y)) => x.value == y.value,
        _ => false,
    };
    same(&a.when, &b.unless) || same(&a.unless, &b.when)
}

/// Breadth-first search from `start`, entering only nodes `enter` allows (start always).
/// Returns which nodes were reached and each one's predecessor.
fn bfs(
    edges: &[Vec<usize>],
    start: usize,
    enter: impl Fn(usize) -> bool,
) -> (Vec<bool>, Vec<Option<usize>>) {
    let mut reached = vec![false; edges.len()];
    let mut parent = vec![None; edges.len()];
    let mut queue = VecDeque::from([start]);
    reached[start] = true;
    while let Some(node) = queue.pop_front() {
        for &next in &edges[node] {
            if !reached[next] && enter(next) {
                reached[next] = true;
                parent[next] = Some(node);
                queue.push_back(next);
            }
        }
    }
    (reached, parent)
}

#[cfg(test)]
mod tests {
    use super::same_label;

    fn reference(a: &str, b: &str) -> bool {
        a.trim().to_lowercase() == b.trim().to_lowercase()
    }

    #[test]
    fn labels_compare_like_lowercased_text() {
        for (a, b, same) in [
            ("Ja", " ja ", true),
            ("Ja, på skærmen", "JA, PÅ SKÆRMEN", true),
            ("Ja", "Jaa", false),
            ("Æble", "æble", true),
            // The Kelvin sign lowers to an ASCII `k`.
            ("\u{212a}ode", "kode", true),
            // A capital sigma at the end of a word lowers to the final form `ς`.
            ("ΟΔΟΣ", "οδος", true),
            ("ΟΔΟΣ", "οδοσ", false),
        ] {
            assert_eq!(same_label(a, b), reference(a, b), "{a:?} {b:?}");
            assert_eq!(same_label(a, b), same, "{a:?} {b:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn same_label_matches_lowercasing(
            a in "[ aAkKæÆßΣσς\u{212a}\u{130}i]{0,6}",
            b in "[ aAkKæÆßΣσς\u{212a}\u{130}i]{0,6}",
        ) {
            proptest::prop_assert_eq!(same_label(&a, &b), reference(&a, &b));
        }
    }
}
