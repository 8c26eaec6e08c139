//! Helpers shared by the integration tests.

pub mod files;
pub mod handout;
pub mod paths;

#[cfg(unix)]
pub mod pg;
#[cfg(unix)]
pub mod pty;
