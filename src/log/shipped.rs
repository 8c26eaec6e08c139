//! The local record of what went to the central server (schema 7's `shipped` table): one row per
//! case and server, keyed by the case's random id. It is written only after the server has
//! committed a batch, so a crash in between sends the batch again, and the server stores it once.
//! Beside it, schema 8's `refused` table: the cases a server refused, not sent to it again.

use rusqlite::params;

use super::{Log, LogError, LogRow};
use crate::central::CentralError;
use crate::central::ship::Outbox;

impl Outbox for Log {
    fn pending(&mut self, server: &str, limit: usize) -> Result<Vec<LogRow>, CentralError> {
        let mut stmt = self
            .connection()
            .prepare_cached(
                "SELECT case_id, record_key, started, duration_min, site, guide, guide_hash,
                        outcome, outcome_kind, path, must_not_shown, ending, app_version
                 FROM cases AS c
                 WHERE NOT EXISTS (SELECT 1 FROM shipped AS s
                                   WHERE s.server = ?1 AND s.case_id = c.case_id)
                   AND NOT EXISTS (SELECT 1 FROM refused AS r
                                   WHERE r.server = ?1 AND r.case_id = c.case_id)
                 ORDER BY c.id LIMIT ?2",
            )
            .map_err(LogError::from)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![server, limit], |r| {
                Ok(LogRow {
                    case_id: r.get(0)?,
                    record_key: r.get(1)?,
                    started: r.get(2)?,
                    duration_min: r.get(3)?,
                    site: r.get(4)?,
                    guide: r.get(5)?,
                    guide_hash: r.get(6)?,
                    outcome: r.get(7)?,
                    outcome_kind: r.get(8)?,
                    path: r.get(9)?,
                    must_not_shown: r.get(10)?,
                    ending: r.get(11)?,
                    app_version: r.get(12)?,
                })
            })
            .map_err(LogError::from)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(LogError::from)?;
        Ok(rows)
    }

    fn mark_shipped(&mut self, server: &str, case_ids: &[String]) -> Result<(), CentralError> {
        record(
            self,
            "INSERT OR IGNORE INTO shipped (server, case_id) VALUES (?1, ?2)",
            server,
            case_ids,
        )
    }

    fn mark_refused(&mut self, server: &str, case_ids: &[String]) -> Result<(), CentralError> {
        record(
            self,
            "INSERT OR IGNORE INTO refused (server, case_id) VALUES (?1, ?2)",
            server,
            case_ids,
        )
    }

    fn refused(&mut self, server: &str) -> Result<usize, CentralError> {
        let count: i64 = self
            .connection()
            .query_row(
                "SELECT count(*) FROM refused WHERE server = ?1",
                params![server],
                |r| r.get(0),
            )
            .map_err(LogError::from)?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    fn waiting(&mut self, server: Option<&str>) -> Result<usize, CentralError> {
        let count: i64 = match server {
            Some(server) => self.connection().query_row(
                "SELECT count(*) FROM cases AS c WHERE NOT EXISTS
                    (SELECT 1 FROM shipped AS s WHERE s.server = ?1 AND s.case_id = c.case_id)
                    AND NOT EXISTS
                    (SELECT 1 FROM refused AS r WHERE r.server = ?1 AND r.case_id = c.case_id)",
                params![server],
                |r| r.get(0),
            ),
            None => self.connection().query_row(
                "SELECT count(*) FROM cases AS c WHERE NOT EXISTS
                    (SELECT 1 FROM shipped AS s WHERE s.case_id = c.case_id)",
                [],
                |r| r.get(0),
            ),
        }
        .map_err(LogError::from)?;
        Ok(usize::try_from(count).unwrap_or(0))
    }
}

/// Insert `(server, case_id)` rows by `sql`, all in one transaction.
fn record(log: &Log, sql: &str, server: &str, case_ids: &[String]) -> Result<(), CentralError> {
    let tx = log
        .connection()
        .unchecked_transaction()
        .map_err(LogError::from)?;
    {
        let mut stmt = tx.prepare_cached(sql).map_err(LogError::from)?;
        for id in case_ids {
            stmt.execute(params![server, id]).map_err(LogError::from)?;
        }
    }
    tx.commit().map_err(LogError::from)?;
    Ok(())
}
