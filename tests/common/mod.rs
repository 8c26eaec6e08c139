//! Helpers shared by the integration tests.

#[cfg(unix)]
pub mod pty;
