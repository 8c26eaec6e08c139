//! What one case leaves behind for the anonymous log: identifiers, codes and times only.

use std::time::SystemTime;

use crate::guide::model::{Library, Node, OutcomeKind, RuleKind};
use crate::walk::Walk;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The helper reached an outcome and closed the case.
    Finished,
    /// The case was left before that (back out, quit, window closed).
    Abandoned,
}

impl Ending {
    pub fn code(self) -> &'static str {
        match self {
            Ending::Finished => "finished",
            Ending::Abandoned => "abandoned",
        }
    }
}

/// One case as the log will see it. Every text field is an identifier from a guide file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRecord {
    pub guide_id: String,
    pub guide_hash: String,
    pub outcome: Option<(String, OutcomeKind)>,
    pub path: Vec<String>,
    pub must_not_shown: bool,
    pub started: SystemTime,
    pub ended: SystemTime,
    pub ending: Ending,
}

impl CaseRecord {
    /// The record of a walk as it stands now.
    pub fn of(walk: &Walk, library: &Library, ending: Ending) -> Self {
        let guide = walk.guide();
        let mut shown: Vec<&str> = guide.rules.iter().map(|r| r.as_str()).collect();
        for (step, choice) in walk.answers() {
            shown.extend(step.rules.iter().map(|r| r.as_str()));
            shown.extend(choice.rules.iter().map(|r| r.as_str()));
        }
        match walk.current() {
            Node::Step(step) => shown.extend(step.rules.iter().map(|r| r.as_str())),
            Node::Outcome(outcome) => shown.extend(outcome.rules.iter().map(|r| r.as_str())),
        }
        let must_not_shown = shown.iter().any(|id| {
            library
                .rule(id)
                .is_some_and(|r| *r.kind == RuleKind::MustNot)
        });
        CaseRecord {
            guide_id: guide.id.clone(),
            guide_hash: guide.hash.to_string(),
            outcome: walk.outcome().map(|o| (o.id.value.clone(), *o.kind)),
            path: walk.path().into_iter().map(str::to_string).collect(),
            must_not_shown,
            started: walk.started(),
            ended: SystemTime::now(),
            ending,
        }
    }
}
