//! vejviser: guidance for help-desk staff helping citizens with digital public services.
//!
//! The crate is a pure core (guides, the walk through a case, dates, site) with thin front ends
//! (`cli`) on top. Nothing in the core knows about the terminal.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod case;
pub mod cli;
pub mod date;
pub mod fsio;
pub mod guide;
pub mod handout;
pub mod lang;
pub mod log;
pub mod paths;
pub mod present;
pub mod privacy;
pub mod report;
pub mod scenario;
pub mod search;
pub mod site;
pub mod text;
pub mod tui;
pub mod walk;
