//! The optional central case log on PostgreSQL: one up-to-date picture for a municipality whose
//! counters each keep their own SQLite log. The local log stays the first place every case is
//! written; a background worker ships what the server does not have yet.
//!
//! - [`config`]: which server, which password, how strict TLS is (`central.toml`).
//! - [`tls`]: the rustls connector (ring provider, no OpenSSL).
//! - [`schema`]: the server's schema and roles, its migrations, and whether this program may
//!   ship to the schema it finds.
//! - [`ship`]: sending a batch of cases in one transaction, idempotent by case id.
//! - [`worker`]: the shipping thread, its timer and backoff, and the state the screen shows.
//! - [`report`]: a report's rows computed in SQL on the server.
//! - [`rollup`]: which of them come from the server's roll-up table, which from the cases.

pub mod config;
mod error;
pub mod report;
pub mod rollup;
pub mod schema;
pub mod ship;
pub mod tls;
pub mod worker;

pub use config::{CentralConfig, SslMode, Target};
pub use error::CentralError;
pub use worker::{ShipState, Shipper};

/// Whether a report's source names a central server rather than a log file.
pub fn is_server_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}
