//! What became of a case handed to the log, said plainly: "Sagen er gemt.", or why not.

use crate::case::Ending;
use crate::lang::Lang;
use crate::log::{CaseKeeper, SaveState};

pub enum Saved {
    /// In the log.
    Yes,
    /// Logging is switched off (`--no-log`).
    Off,
    /// The log could not take it; it is in the recovery file, for the next start.
    Recovered { reason: String, file: String },
    /// It is nowhere: the log refused it, or the recovery file could not be written either.
    Lost {
        reason: String,
        /// The recovery file and why it failed, if that was tried.
        recovery: Option<(String, String)>,
    },
}

impl Saved {
    pub fn is_saved(&self) -> bool {
        matches!(self, Saved::Yes | Saved::Off)
    }
}

/// After `keeper.keep`: find out whether the case is in the log, else put it in the recovery
/// file beside it.
pub fn check(keeper: &mut CaseKeeper, lang: Lang) -> Saved {
    let reason = match keeper.state(lang) {
        SaveState::Saved => return Saved::Yes,
        SaveState::Off => return Saved::Off,
        SaveState::Failing { reason, .. } => reason,
    };
    if keeper.waiting() == 0 {
        // Refused by the log's rules: it is nowhere.
        return Saved::Lost {
            reason,
            recovery: None,
        };
    }
    let file = keeper
        .path()
        .map(|p| crate::log::recovery_path(p).display().to_string())
        .unwrap_or_default();
    match keeper.write_recovery() {
        Ok(_) => Saved::Recovered { reason, file },
        Err(err) => Saved::Lost {
            reason,
            recovery: Some((file, err.to_string())),
        },
    }
}

/// The line(s) said when a case ends, for the helper (line mode's own output).
pub fn told(saved: &Saved, ending: Ending, lang: Lang) -> String {
    match saved {
        Saved::Yes => match ending {
            Ending::Finished => lang.pick("Sagen er gemt.", "The case is saved."),
            Ending::Abandoned => lang.pick(
                "Sagen er gemt som afbrudt.",
                "The case is saved as abandoned.",
            ),
        }
        .to_string(),
        Saved::Off => lang
            .pick(
                "Sagen er ikke gemt, fordi logning er slået fra (--no-log).",
                "The case is not saved, because logging is switched off (--no-log).",
            )
            .to_string(),
        Saved::Recovered { .. } | Saved::Lost { .. } => problem(saved, lang),
    }
}

/// Only what went wrong, or nothing: for stderr, when stdout may be a script's JSON.
pub fn problem(saved: &Saved, lang: Lang) -> String {
    let not_saved = lang.pick("Sagen kunne ikke gemmes", "The case could not be saved");
    match saved {
        Saved::Yes | Saved::Off => String::new(),
        Saved::Recovered { reason, file } => format!(
            "{not_saved}: {reason}\n{}: {file}",
            lang.pick(
                "Den er lagt i gendannelsesfilen og gemmes i loggen ved næste start",
                "It was put in the recovery file and is saved in the log at the next start",
            )
        ),
        Saved::Lost {
            reason,
            recovery: None,
        } => format!("{not_saved}: {reason}"),
        Saved::Lost {
            reason,
            recovery: Some((file, err)),
        } => format!(
            "{not_saved}: {reason}\n{} ({file}): {err}",
            lang.pick(
                "Den kunne heller ikke lægges i gendannelsesfilen",
                "It could not be put in the recovery file either",
            )
        ),
    }
}
