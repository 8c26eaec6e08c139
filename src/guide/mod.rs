//! Guides: the file format, loading with exact source places, and checking. What uses the format
//! (scenario runs, site checks, the walk) sits above this module.

pub mod changes;
pub mod check;
pub mod diagnostic;
pub mod doc;
pub mod embedded;
pub mod finding;
pub mod graph;
pub mod ids;
pub mod load;
pub mod model;
pub mod parse;
pub mod privacy_lint;
pub mod source;
mod suggest;
pub mod translated;
pub mod translation;
pub mod translation_check;

pub use check::check;
pub use diagnostic::{Diagnostic, Location, Related, RelatedLabel, Severity, Tally};
pub use finding::Finding;
pub use load::{InputFile, Loaded, load_embedded, load_files, load_paths};
pub use model::{Guide, Library, Node, Outcome, OutcomeKind, Rule, RuleKind, Step};

/// "Did you mean …?" for callers outside this module.
pub fn suggest_closest(word: &str, candidates: &[&str]) -> Option<String> {
    suggest::closest(word, candidates.iter().copied())
}
