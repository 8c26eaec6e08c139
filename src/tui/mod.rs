//! The full-screen terminal app: a thin layer over the core. State and updates in `app`, keys in
//! `keys`, drawing in `view`, and the terminal itself (raw mode, signals, restore) in `terminal`.

pub mod app;
mod handout_actions;
pub mod handout_box;
pub mod keys;
pub mod setup;
pub mod strings;
pub mod terminal;
pub mod theme;
pub mod view;
mod wrap;

pub use app::{App, Setup};
