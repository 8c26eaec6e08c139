//! One case, walked step by step: where the helper is, what they answered, which rules apply,
//! and the outcome once reached. No I/O, no terminal: every front end drives this same machine.

use std::sync::Arc;
use std::time::SystemTime;

use thiserror::Error;

use crate::guide::model::{Choice, Guide, Node, NodeRef, Outcome, Step};
use crate::site::Site;

/// One answer given: the step and the index of the chosen choice in that step's `choices`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Answer {
    step: usize,
    choice: usize,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum WalkError {
    #[error("the guide's start `{0}` is not a step")]
    BadStart(String),
    #[error("the case has reached its outcome; go back or restart to answer again")]
    Finished,
    #[error("no visible choice number {0}")]
    NoSuchChoice(usize),
    #[error("no visible choice labelled \"{label}\"; the choices are: {}", .visible.join(" | "))]
    NoSuchLabel { label: String, visible: Vec<String> },
    #[error("choice leads to `{0}`, which is neither a step nor an outcome")]
    Broken(String),
}

/// The state of one case.
#[derive(Clone, Debug)]
pub struct Walk {
    guide: Arc<Guide>,
    site: Site,
    start: usize,
    answers: Vec<Answer>,
    at: NodeRef,
    started: SystemTime,
}

impl Walk {
    /// Start a case on a guide, as the given site sees it. The walk keeps its own handle to the
    /// guide, so reloading the library mid-case cannot change the case under the helper's feet.
    pub fn new(guide: Arc<Guide>, site: Site) -> Result<Self, WalkError> {
        let Some(NodeRef::Step(start)) = guide.lookup(&guide.start) else {
            return Err(WalkError::BadStart(guide.start.value.clone()));
        };
        Ok(Walk {
            guide,
            site,
            start,
            answers: Vec::new(),
            at: NodeRef::Step(start),
            started: SystemTime::now(),
        })
    }

    pub fn guide(&self) -> &Arc<Guide> {
        &self.guide
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    pub fn started(&self) -> SystemTime {
        self.started
    }

    /// Where the case stands now.
    pub fn current(&self) -> Node<'_> {
        match self.at {
            NodeRef::Step(i) => Node::Step(&self.guide.steps[i]),
            NodeRef::Outcome(i) => Node::Outcome(&self.guide.outcomes[i]),
        }
    }

    pub fn step(&self) -> Option<&Step> {
        match self.current() {
            Node::Step(step) => Some(step),
            Node::Outcome(_) => None,
        }
    }

    pub fn outcome(&self) -> Option<&Outcome> {
        match self.current() {
            Node::Outcome(outcome) => Some(outcome),
            Node::Step(_) => None,
        }
    }

    pub fn is_finished(&self) -> bool {
        matches!(self.at, NodeRef::Outcome(_))
    }

    /// The choices the helper sees at the current step, numbered from 1 in this order.
    pub fn choices(&self) -> Vec<&Choice> {
        self.step()
            .map(|step| step.choices.iter().filter(|c| self.is_visible(c)).collect())
            .unwrap_or_default()
    }

    /// A choice is shown when its own condition and that of where it leads both hold.
    fn is_visible(&self, choice: &Choice) -> bool {
        let offers = |s: &str| self.site.offers(s);
        choice.condition.holds(&offers)
            && match self.guide.node(&choice.next) {
                Some(Node::Step(step)) => step.condition.holds(&offers),
                Some(Node::Outcome(outcome)) => outcome.condition.holds(&offers),
                None => true,
            }
    }

    /// Answer with the n-th visible choice (1-based, as shown on screen).
    pub fn choose(&mut self, number: usize) -> Result<Node<'_>, WalkError> {
        let NodeRef::Step(step_index) = self.at else {
            return Err(WalkError::Finished);
        };
        let step = &self.guide.steps[step_index];
        let visible: Vec<usize> = (0..step.choices.len())
            .filter(|&i| self.is_visible(&step.choices[i]))
            .collect();
        let Some(&choice_index) = number.checked_sub(1).and_then(|n| visible.get(n)) else {
            return Err(WalkError::NoSuchChoice(number));
        };
        let next = &step.choices[choice_index].next;
        let Some(target) = self.guide.lookup(next) else {
            return Err(WalkError::Broken(next.value.clone()));
        };
        self.answers.push(Answer {
            step: step_index,
            choice: choice_index,
        });
        self.at = target;
        Ok(self.current())
    }

    /// Answer with the visible choice whose label matches (spaces around it and letter case
    /// ignored), as scenario tests and scripted walks do.
    pub fn choose_label(&mut self, label: &str) -> Result<Node<'_>, WalkError> {
        if self.is_finished() {
            return Err(WalkError::Finished);
        }
        let wanted = label.trim().to_lowercase();
        let choices = self.choices();
        let found = choices
            .iter()
            .position(|c| c.label.trim().to_lowercase() == wanted);
        match found {
            Some(n) => self.choose(n + 1),
            None => Err(WalkError::NoSuchLabel {
                label: label.to_string(),
                visible: choices.iter().map(|c| c.label.value.clone()).collect(),
            }),
        }
    }

    /// Undo the last answer. False when already at the start (nothing to undo).
    pub fn back(&mut self) -> bool {
        match self.answers.pop() {
            Some(answer) => {
                self.at = NodeRef::Step(answer.step);
                true
            }
            None => false,
        }
    }

    /// Back to the first question with no answers; the case keeps its start time.
    pub fn restart(&mut self) {
        self.answers.clear();
        self.at = NodeRef::Step(self.start);
    }

    /// The answers so far, for the breadcrumb.
    pub fn answers(&self) -> impl Iterator<Item = (&Step, &Choice)> {
        self.answers.iter().map(|a| {
            let step = &self.guide.steps[a.step];
            (step, &step.choices[a.choice])
        })
    }

    /// Step ids passed through, in order, including the current step when not finished.
    pub fn path(&self) -> Vec<&str> {
        let mut path: Vec<&str> = self
            .answers
            .iter()
            .map(|a| self.guide.steps[a.step].id.as_str())
            .collect();
        if let NodeRef::Step(i) = self.at {
            path.push(self.guide.steps[i].id.as_str());
        }
        path
    }

    /// Ids of the rules in force, first mention first, without repeats: the guide's rules, those
    /// of every choice taken, then those of the current step or outcome.
    pub fn rules_in_force(&self) -> Vec<&str> {
        let taken = self.answers().flat_map(|(_, choice)| choice.rules.iter());
        let here: &[crate::guide::model::Text] = match self.current() {
            Node::Step(step) => &step.rules,
            Node::Outcome(outcome) => &outcome.rules,
        };
        let mut out: Vec<&str> = Vec::new();
        for id in self.guide.rules.iter().chain(taken).chain(here.iter()) {
            if !out.contains(&id.as_str()) {
                out.push(id.as_str());
            }
        }
        out
    }
}
