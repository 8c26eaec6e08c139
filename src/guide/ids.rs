//! What an id may be: a slug that cannot hold a person's data, since ids are written into the
//! case log.

use super::finding::{Finding, What};
use crate::privacy::id_shape;

/// Lowercase ASCII letters and digits in groups joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    // The same shape the case log's CHECK constraints accept, so an id that passes here can
    // always be logged: at most 64 characters and no run of five digits (a CPR or phone number).
    let digit_run = s
        .as_bytes()
        .windows(5)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    !s.is_empty()
        && s.len() <= 64
        && !digit_run
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The error for an id that may not be used: one that looks like personal data or holds too
/// many digits, or else one that is not a slug. `None` for a good id.
pub fn id_finding(id: &str, what: What) -> Option<Finding> {
    if let Some(shape) = id_shape(id) {
        return Some(Finding::IdLooksPersonal { what, shape });
    }
    (!is_slug(id)).then(|| Finding::BadId {
        id: id.to_string(),
        what,
    })
}
