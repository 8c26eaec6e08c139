//! Scripted walks (`--answers`): following the answers, and the outcome as JSON.

use serde_json::json;

use super::Context;
use super::answer::{self, numbered};
use super::failure::Failure;
use super::saved::Saved;
use crate::guide::model::Outcome;
use crate::lang::Lang;
use crate::present::Say;
use crate::walk::Walk;

/// Take each answer in turn; the first that does not fit stops the walk.
pub fn follow(walk: &mut Walk, answers: &[&str], lang: Lang) -> Result<(), Failure> {
    let which =
        |i: usize, answer: &str| format!("{} {} \"{answer}\"", lang.pick("Svar", "Answer"), i + 1);
    for (i, answer) in answers.iter().enumerate() {
        if walk.is_finished() {
            return Err(Failure::new(
                "too_many_answers",
                format!(
                    "{}: {}",
                    which(i, answer),
                    lang.pick(
                        "sagen har allerede nået sit udfald",
                        "the case has already reached its outcome"
                    )
                ),
            ));
        }
        let choices = walk.choices();
        match answer::resolve(answer, &choices) {
            answer::Resolved::Number(n) => {
                if let Err(err) = walk.choose(n) {
                    return Err(Failure::new("broken_guide", err.say(lang)));
                }
            }
            answer::Resolved::NoMatch => {
                let visible: Vec<(usize, String)> = choices
                    .iter()
                    .enumerate()
                    .map(|(n, c)| (n + 1, c.label.as_str().to_string()))
                    .collect();
                return Err(Failure::new(
                    "answer_does_not_match",
                    format!(
                        "{} {}: {}",
                        which(i, answer),
                        lang.pick("passer ikke", "does not match"),
                        numbered(&visible)
                    ),
                ));
            }
            answer::Resolved::Ambiguous(candidates) => {
                return Err(Failure::new(
                    "ambiguous_answer",
                    format!(
                        "{} {}: {}",
                        which(i, answer),
                        lang.pick(
                            "passer på flere svar; skriv mere af svaret eller dets nummer",
                            "fits more than one answer; type more of it or its number"
                        ),
                        numbered(&candidates)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The outcome for scripts; `log` says what became of the case: `saved`, `off` (`--no-log`),
/// `recovery` (in the recovery file, saved at the next start) or `lost`.
/// A place in `walk --format json` output, written visibly like all guide text.
fn place_json(p: &crate::guide::model::Place) -> serde_json::Value {
    let v = |t: &str| crate::text::visible(t).into_owned();
    json!({
        "id": p.id.value,
        "name": v(&p.name),
        "phone": p.phone.as_ref().map(|t| v(t)),
        "web": p.web.as_ref().map(|t| v(t)),
        "hours": p.hours.as_ref().map(|t| v(t)),
        "note": p.note.as_ref().map(|t| v(t)),
    })
}

pub fn outcome_json(
    walk: &Walk,
    outcome: &Outcome,
    saved: &Saved,
    ctx: &Context,
) -> serde_json::Value {
    let places: Vec<_> = (outcome.refer.iter())
        .filter_map(|id| ctx.library.place(id))
        .collect();
    // Guide text is data here, but JSON is often printed to a terminal: control, bidi and
    // zero-width characters are written visibly, as everywhere else.
    let v = |t: &str| crate::text::visible(t).into_owned();
    json!({
        "site": super::site::site_json(&ctx.site),
        "guide": walk.guide().id,
        "path": walk.path(),
        "answers": walk.answers().map(|(_, c)| v(&c.label)).collect::<Vec<_>>(),
        "outcome": {
            "id": outcome.id.value,
            "kind": outcome.kind.code(),
            "title": v(&outcome.title),
            "helper": v(&outcome.helper),
            "steps": outcome.steps.iter().map(|s| v(s)).collect::<Vec<_>>(),
            // The first place, as before places could be several; all of them in `places`.
            "refer": places.first().map(|p| place_json(p)),
            "places": places.iter().map(|p| place_json(p)).collect::<Vec<_>>(),
            "see": outcome.see.iter().map(|id| id.value.clone()).collect::<Vec<_>>(),
        },
        "rules": walk.rules_in_force(),
        "log": match saved {
            Saved::Yes => "saved",
            Saved::Off => "off",
            Saved::Recovered { .. } => "recovery",
            Saved::Lost { .. } => "lost",
        },
    })
}
