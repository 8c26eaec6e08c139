//! Runs the scenario tests written inside guide files, through the same walk the app uses.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::guide::model::{Guide, Node, Scenario};
use crate::guide::source::Span;
use crate::lang::Lang;
use crate::site::Site;
use crate::walk::{Walk, WalkError};

/// Why a scenario failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The guide cannot be started (its start is not a step).
    CannotStart,
    /// Answer number `index` (1-based) matches no visible choice.
    NoSuchAnswer {
        index: usize,
        label: String,
        visible: Vec<String>,
    },
    /// A choice points at nothing.
    Broken {
        id: String,
    },
    /// The answers ran out at a step, before any outcome.
    StoppedAtStep {
        step: String,
    },
    /// An outcome was reached with answers left over.
    TooManyAnswers {
        outcome: String,
        left: usize,
    },
    WrongOutcome {
        expected: String,
        got: String,
    },
}

impl Failure {
    pub fn message(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        match self {
            Failure::CannotStart => String::from(if da {
                "guiden kan ikke startes (se `vejviser check`)"
            } else {
                "the guide cannot be started (see `vejviser check`)"
            }),
            Failure::NoSuchAnswer {
                index,
                label,
                visible,
            } => {
                let shown = visible
                    .iter()
                    .map(|v| format!("\"{v}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                if da {
                    format!("svar {index} \"{label}\" findes ikke her; mulige svar: {shown}")
                } else {
                    format!("answer {index} \"{label}\" is not a choice here; choices: {shown}")
                }
            }
            Failure::Broken { id } => {
                if da {
                    format!("et svar peger på `{id}`, som ikke findes")
                } else {
                    format!("a choice points at `{id}`, which does not exist")
                }
            }
            Failure::StoppedAtStep { step } => {
                if da {
                    format!("svarene slap op ved trinnet `{step}`, før et udfald")
                } else {
                    format!("the answers ran out at step `{step}`, before an outcome")
                }
            }
            Failure::TooManyAnswers { outcome, left } => {
                if da {
                    format!("udfaldet `{outcome}` blev nået med {left} svar til overs")
                } else {
                    format!("outcome `{outcome}` was reached with {left} answers left over")
                }
            }
            Failure::WrongOutcome { expected, got } => {
                if da {
                    format!("forventede udfaldet `{expected}`, men fik `{got}`")
                } else {
                    format!("expected outcome `{expected}`, got `{got}`")
                }
            }
        }
    }
}

/// The result of one scenario.
#[derive(Clone, Debug)]
pub struct ScenarioRun {
    pub name: String,
    pub span: Span,
    pub result: Result<(), Failure>,
}

/// All scenarios of one guide and what they covered.
#[derive(Clone, Debug)]
pub struct GuideRun {
    pub guide: Arc<Guide>,
    pub runs: Vec<ScenarioRun>,
    pub steps_reached: BTreeSet<String>,
    pub outcomes_reached: BTreeSet<String>,
}

impl GuideRun {
    pub fn passed(&self) -> usize {
        self.runs.iter().filter(|r| r.result.is_ok()).count()
    }

    pub fn failed(&self) -> usize {
        self.runs.len() - self.passed()
    }

    /// Outcomes no scenario reaches, in file order.
    pub fn uncovered_outcomes(&self) -> Vec<&str> {
        self.guide
            .outcomes
            .iter()
            .map(|o| o.id.as_str())
            .filter(|id| !self.outcomes_reached.contains(*id))
            .collect()
    }
}

/// Run every scenario of a guide.
pub fn run_guide(guide: &Arc<Guide>) -> GuideRun {
    let mut run = GuideRun {
        guide: Arc::clone(guide),
        runs: Vec::with_capacity(guide.tests.len()),
        steps_reached: BTreeSet::new(),
        outcomes_reached: BTreeSet::new(),
    };
    for scenario in &guide.tests {
        let mut reached = Reached::default();
        let result = run_one(guide, scenario, &mut reached);
        // Only a passing scenario proves anything about the steps and outcomes it passed.
        if result.is_ok() {
            run.steps_reached.extend(reached.steps);
            run.outcomes_reached.extend(reached.outcomes);
        }
        run.runs.push(ScenarioRun {
            name: scenario.name.value.clone(),
            span: scenario.span.clone(),
            result,
        });
    }
    run
}

#[derive(Default)]
struct Reached {
    steps: BTreeSet<String>,
    outcomes: BTreeSet<String>,
}

fn run_one(guide: &Arc<Guide>, scenario: &Scenario, run: &mut Reached) -> Result<(), Failure> {
    let site = Site::offering(scenario.offers.iter().map(|s| s.value.clone()));
    let mut walk = Walk::new(Arc::clone(guide), site).map_err(|_| Failure::CannotStart)?;
    let mut answers = scenario.answers.iter().enumerate();
    loop {
        for id in walk.path() {
            run.steps.insert(id.to_string());
        }
        if let Some(outcome) = walk.outcome() {
            run.outcomes.insert(outcome.id.value.clone());
            let left = answers.len();
            if left > 0 {
                return Err(Failure::TooManyAnswers {
                    outcome: outcome.id.value.clone(),
                    left,
                });
            }
            if outcome.id.as_str() != scenario.expect.as_str() {
                return Err(Failure::WrongOutcome {
                    expected: scenario.expect.value.clone(),
                    got: outcome.id.value.clone(),
                });
            }
            return Ok(());
        }
        let Some((index, label)) = answers.next() else {
            let step = match walk.current() {
                Node::Step(step) => step.id.value.clone(),
                Node::Outcome(o) => o.id.value.clone(),
            };
            return Err(Failure::StoppedAtStep { step });
        };
        match walk.choose_label(label) {
            Ok(_) => {}
            Err(WalkError::NoSuchLabel { visible, .. }) => {
                return Err(Failure::NoSuchAnswer {
                    index: index + 1,
                    label: label.value.clone(),
                    visible,
                });
            }
            Err(WalkError::Broken(id)) => return Err(Failure::Broken { id }),
            Err(_) => return Err(Failure::CannotStart),
        }
    }
}
