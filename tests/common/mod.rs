//! Helpers shared by the integration tests.

pub mod files;

#[cfg(unix)]
pub mod pty;
