//! Sending cases to the central server: a batch is one INSERT in one transaction, and a case
//! the server already has is skipped by its random id, so a batch sent twice (the answer was
//! lost, or two copies of one log ship) is stored once.

use postgres::Client;

use super::schema::{ServerInfo, check};
use super::{CentralError, Target};
use crate::log::LogRow;

/// Where the cases to ship come from and where their shipping is recorded: the local log.
pub trait Outbox {
    /// Up to `limit` cases not yet recorded as shipped to `server`, oldest first.
    fn pending(&mut self, server: &str, limit: usize) -> Result<Vec<LogRow>, CentralError>;
    /// Record these cases as being on `server`.
    fn mark_shipped(&mut self, server: &str, case_ids: &[String]) -> Result<(), CentralError>;
    /// Record these cases as refused by `server`: they are not offered to it again.
    fn mark_refused(&mut self, server: &str, case_ids: &[String]) -> Result<(), CentralError>;
    /// How many cases `server` has refused.
    fn refused(&mut self, server: &str) -> Result<usize, CentralError>;
    /// How many cases are not yet on `server` and not refused by it (no server known yet: on
    /// no server at all).
    fn waiting(&mut self, server: Option<&str>) -> Result<usize, CentralError>;
}

/// An open connection to a server whose schema this program may ship to.
pub struct Session {
    client: Client,
    info: ServerInfo,
    user: String,
}

impl Session {
    pub fn open(target: &Target, password: Option<&str>) -> Result<Self, CentralError> {
        let mut client = super::tls::connect(target, password)?;
        let info = check(&mut client, &target.user)?;
        Ok(Session {
            client,
            info,
            user: target.user.clone(),
        })
    }

    pub fn server(&self) -> &ServerInfo {
        &self.info
    }

    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    /// Send `rows` in one transaction. Returns how many were new to the server.
    pub fn send(&mut self, rows: &[LogRow]) -> Result<u64, CentralError> {
        let user = self.user.clone();
        let pg = |e: postgres::Error| CentralError::from_postgres(&e, &user);
        let mut columns = Columns::default();
        for r in rows {
            columns.push(r);
        }
        let mut tx = self.client.transaction().map_err(pg)?;
        // Named columns: a newer schema's added columns take their defaults. No conflict target:
        // naming `(case_id)` would need SELECT on it, which a counter must not have. The only
        // unique index is the case id's, so this skips exactly the cases already there.
        let stored = tx
            .execute(
                "INSERT INTO vejviser.cases (case_id, record_key, started, duration_min, site,
                    guide, guide_hash, outcome, outcome_kind, path, must_not_shown, ending,
                    app_version)
                 SELECT * FROM unnest($1::text[], $2::int8[], $3::text[], $4::int2[], $5::text[],
                    $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bool[],
                    $12::text[], $13::text[])
                 ON CONFLICT DO NOTHING",
                &[
                    &columns.case_id,
                    &columns.record_key,
                    &columns.started,
                    &columns.duration_min,
                    &columns.site,
                    &columns.guide,
                    &columns.guide_hash,
                    &columns.outcome,
                    &columns.outcome_kind,
                    &columns.path,
                    &columns.must_not_shown,
                    &columns.ending,
                    &columns.app_version,
                ],
            )
            .map_err(pg)?;
        tx.commit().map_err(pg)?;
        Ok(stored)
    }

    /// Ship everything `outbox` holds for this server, `batch` cases per transaction. Each
    /// batch is recorded as shipped only after the server has committed it.
    pub fn ship_all(
        &mut self,
        outbox: &mut dyn Outbox,
        batch: usize,
    ) -> Result<Shipped, CentralError> {
        let mut done = Shipped::default();
        loop {
            let rows = outbox.pending(&self.info.id, batch)?;
            if rows.is_empty() {
                return Ok(done);
            }
            self.send_or_split(outbox, &rows, &mut done)?;
        }
    }

    /// Send `rows`; when the server refuses the batch (a CHECK), send its halves instead, down
    /// to the single cases it refuses, which are recorded as refused. So one case the server
    /// will never take costs about log2(batch) extra round trips once, and never holds up the
    /// cases behind it.
    fn send_or_split(
        &mut self,
        outbox: &mut dyn Outbox,
        rows: &[LogRow],
        done: &mut Shipped,
    ) -> Result<(), CentralError> {
        let ids = |rows: &[LogRow]| rows.iter().map(|r| r.case_id.clone()).collect::<Vec<_>>();
        match self.send(rows) {
            Ok(stored) => {
                done.stored += stored;
                outbox.mark_shipped(&self.info.id, &ids(rows))?;
                done.sent += rows.len() as u64;
                Ok(())
            }
            Err(CentralError::Refused(why)) if rows.len() == 1 => {
                outbox.mark_refused(&self.info.id, &ids(rows))?;
                done.refused += 1;
                done.why_refused = Some(why);
                Ok(())
            }
            Err(CentralError::Refused(_)) => {
                let (first, second) = rows.split_at(rows.len() / 2);
                self.send_or_split(outbox, first, done)?;
                self.send_or_split(outbox, second, done)
            }
            Err(err) => Err(err),
        }
    }
}

/// What one round of shipping did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shipped {
    /// Cases sent and recorded as shipped.
    pub sent: u64,
    /// Of those, the ones the server did not have yet.
    pub stored: u64,
    /// Cases the server refused in this round, recorded as refused.
    pub refused: u64,
    /// The server's reason for the last of them.
    pub why_refused: Option<String>,
}

/// A batch as one array per column, for `unnest`.
#[derive(Default)]
struct Columns {
    case_id: Vec<String>,
    record_key: Vec<i64>,
    started: Vec<String>,
    duration_min: Vec<i16>,
    site: Vec<String>,
    guide: Vec<String>,
    guide_hash: Vec<String>,
    outcome: Vec<Option<String>>,
    outcome_kind: Vec<Option<String>>,
    path: Vec<String>,
    must_not_shown: Vec<bool>,
    ending: Vec<String>,
    app_version: Vec<String>,
}

impl Columns {
    fn push(&mut self, r: &LogRow) {
        self.case_id.push(r.case_id.clone());
        self.record_key.push(r.record_key);
        self.started.push(r.started.clone());
        // The log's CHECK keeps it within 0..=1440; anything else is for the server to refuse.
        self.duration_min
            .push(i16::try_from(r.duration_min).unwrap_or(i16::MAX));
        self.site.push(r.site.clone());
        self.guide.push(r.guide.clone());
        self.guide_hash.push(r.guide_hash.clone());
        self.outcome.push(r.outcome.clone());
        self.outcome_kind.push(r.outcome_kind.clone());
        self.path.push(r.path.clone());
        self.must_not_shown.push(r.must_not_shown);
        self.ending.push(r.ending.clone());
        self.app_version.push(r.app_version.clone());
    }
}
