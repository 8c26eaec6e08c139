//! Opening the log file and writing and reading rows.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, params};

use super::schema::{
    MIGRATIONS, configure, expected_schema, migrate, refuse_altered, refuse_damaged, refuse_newer,
    schema_items,
};
use super::{LogError, LogRow};

pub struct Log {
    conn: Connection,
    /// `PRAGMA schema_version` when the schema was last checked.
    checked_schema: i64,
}

impl Log {
    /// Open (or create) the log file, upgrading its schema. A file that is not a vejviser
    /// database is refused and left as it is.
    pub fn open(path: &Path) -> Result<Self, LogError> {
        Self::open_with(path, super::schema::BUSY_TIMEOUT)
    }

    /// As [`Log::open`], waiting at most `busy` for a lock another program holds.
    pub fn open_with(path: &Path, busy: std::time::Duration) -> Result<Self, LogError> {
        // SQLite would call a folder "read-only"; say what it is.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(LogError::NotAFile);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(LogError::Folder)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let log = Self::setup(Connection::open_with_flags(path, flags)?)?;
        log.conn.busy_timeout(busy)?;
        Ok(log)
    }

    /// A private in-memory log, for tests and for `--no-log` style runs.
    pub fn in_memory() -> Result<Self, LogError> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Self, LogError> {
        // Read before anything writes: switching to WAL rewrites the file's header, so a file
        // from a newer vejviser (or not a database at all) must be refused first.
        refuse_newer(&conn)?;
        refuse_damaged(&conn)?;
        refuse_altered(&conn)?;
        configure(&conn)?;
        migrate(&mut conn)?;
        let checked_schema = schema_version(&conn)?;
        Ok(Log {
            conn,
            checked_schema,
        })
    }

    /// Before each write: if anything changed the schema since it was checked, check it again.
    fn recheck_schema(&mut self) -> Result<(), LogError> {
        let now = schema_version(&self.conn)?;
        if now != self.checked_schema {
            if schema_items(&self.conn)? != expected_schema(MIGRATIONS.len())? {
                refuse_altered(&self.conn)?;
                return Err(LogError::SchemaAltered(String::from("changed while open")));
            }
            self.checked_schema = now;
        }
        Ok(())
    }

    /// Write one case, committed on its own before this returns.
    pub fn save(&mut self, row: &LogRow) -> Result<(), LogError> {
        self.recheck_schema()?;
        let changed = self.conn.execute(
            "INSERT INTO cases (started, duration_min, site, guide, guide_hash, outcome,
                outcome_kind, path, must_not_shown, ending, app_version, case_id, record_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                row.started,
                row.duration_min,
                row.site,
                row.guide,
                row.guide_hash,
                row.outcome,
                row.outcome_kind,
                row.path,
                row.must_not_shown,
                row.ending,
                row.app_version,
                row.case_id,
                row.record_key
            ],
        )?;
        // A trigger doing `RAISE(IGNORE)` makes an insert "succeed" with nothing stored.
        if changed != 1 {
            return Err(LogError::NotStored(changed));
        }
        // Move the case from `-wal` into the main file, so that a copy of the log file alone
        // (while the app runs) holds every saved case. PASSIVE never waits for readers; if it
        // cannot finish now, the case is still committed in `-wal`.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        Ok(())
    }

    /// Every row, oldest first.
    pub fn rows(&self) -> Result<Vec<LogRow>, LogError> {
        let mut stmt = self.conn.prepare(
            "SELECT started, duration_min, site, guide, guide_hash, outcome, outcome_kind, path,
                    must_not_shown, ending, app_version, case_id, record_key
             FROM cases ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(LogRow {
                    started: r.get(0)?,
                    duration_min: r.get(1)?,
                    site: r.get(2)?,
                    guide: r.get(3)?,
                    guide_hash: r.get(4)?,
                    outcome: r.get(5)?,
                    outcome_kind: r.get(6)?,
                    path: r.get(7)?,
                    must_not_shown: r.get(8)?,
                    ending: r.get(9)?,
                    app_version: r.get(10)?,
                    case_id: r.get(11)?,
                    record_key: r.get(12)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The connection, for reports and tests that query the log directly.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

fn schema_version(conn: &Connection) -> Result<i64, LogError> {
    Ok(conn.query_row("PRAGMA schema_version", [], |row| row.get(0))?)
}
