//! Which visible choice a scripted answer means: a number, a whole label, or any unique
//! beginning of a label (case does not matter).

use crate::guide::model::Choice;

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// 1-based among the visible choices, as `Walk::choose` takes it.
    Number(usize),
    /// No visible choice has this number, label or beginning.
    NoMatch,
    /// Several labels begin like this: their numbers and labels.
    Ambiguous(Vec<(usize, String)>),
}

pub fn resolve(answer: &str, choices: &[&Choice]) -> Resolved {
    let answer = answer.trim();
    // A number out of range may still begin a label ("18 år eller ældre").
    if let Ok(n) = answer.parse::<usize>()
        && (1..=choices.len()).contains(&n)
    {
        return Resolved::Number(n);
    }
    let wanted = answer.to_lowercase();
    if wanted.is_empty() {
        return Resolved::NoMatch;
    }
    let lower: Vec<String> = choices
        .iter()
        .map(|c| c.label.trim().to_lowercase())
        .collect();
    if let Some(i) = lower.iter().position(|l| *l == wanted) {
        return Resolved::Number(i + 1);
    }
    let starting: Vec<usize> = (0..lower.len())
        .filter(|&i| lower[i].starts_with(&wanted))
        .collect();
    match starting.as_slice() {
        [] => Resolved::NoMatch,
        [only] => Resolved::Number(only + 1),
        many => Resolved::Ambiguous(
            many.iter()
                .map(|&i| (i + 1, choices[i].label.as_str().to_string()))
                .collect(),
        ),
    }
}

/// "2. Nej; 3. Nej, og ..." for messages that list choices (no "|": it is read out).
pub fn numbered(choices: &[(usize, String)]) -> String {
    choices
        .iter()
        .map(|(n, label)| format!("{n}. {}", super::plain::plain(label)))
        .collect::<Vec<_>>()
        .join("; ")
}
