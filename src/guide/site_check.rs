//! Checking guides as one site sees them: with its services, a choice may be hidden, so a step
//! can run out of answers or a guide can lose every outcome. That is an error for that site.

use std::collections::VecDeque;

use super::diagnostic::Diagnostic;
use super::finding::Finding;
use super::model::{Library, Node, NodeRef};
use super::source::Span;
use crate::site::Site;

pub fn check_for_site(library: &Library, site: &Site) -> Vec<Diagnostic> {
    let offers = |s: &str| site.offers(s);
    let mut out = Vec::new();
    for guide in &library.guides {
        let Some(NodeRef::Step(start)) = guide.lookup(&guide.start) else {
            continue; // reported by the plain check
        };
        let mut seen = vec![false; guide.steps.len()];
        let mut queue = VecDeque::from([start]);
        seen[start] = true;
        let mut reaches_outcome = false;
        while let Some(i) = queue.pop_front() {
            let step = &guide.steps[i];
            let mut visible = 0;
            for choice in &step.choices {
                if !choice.condition.holds(&offers) {
                    continue;
                }
                match guide.node(&choice.next) {
                    Some(Node::Step(next)) if next.condition.holds(&offers) => {
                        visible += 1;
                        if let Some(NodeRef::Step(j)) = guide.lookup(&choice.next)
                            && !seen[j]
                        {
                            seen[j] = true;
                            queue.push_back(j);
                        }
                    }
                    Some(Node::Outcome(outcome)) if outcome.condition.holds(&offers) => {
                        visible += 1;
                        reaches_outcome = true;
                    }
                    _ => {}
                }
            }
            if visible == 0 {
                out.push(Diagnostic::error(
                    Finding::NoChoicesForSite {
                        id: step.id.value.clone(),
                        site: site.id.clone(),
                    },
                    step.id.span.clone(),
                ));
            }
        }
        if !reaches_outcome {
            out.push(Diagnostic::error(
                Finding::NoOutcomeForSite {
                    site: site.id.clone(),
                },
                Span::file_start(guide.file),
            ));
        }
    }
    out
}
