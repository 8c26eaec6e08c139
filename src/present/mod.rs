//! The presentation layer: what each front end shows, decided once. View models here fix the
//! content and order of a screen; the TUI and line mode only draw them, so the two cannot drift
//! apart (they did: line mode left out when a place's details were checked).

pub mod catalogue;
pub mod diagnostic;
pub mod findings;
pub mod outcome;
pub mod problems;

pub use diagnostic::Show;
pub use findings::Explain;
pub use outcome::{OutcomeView, PlaceView};
pub use problems::Say;
