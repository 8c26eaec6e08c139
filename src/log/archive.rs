//! Moving logs between PCs: `export` takes a consistent snapshot of this PC's log while the app
//! may be writing to it, and `collect` merges many snapshots into one archive, each case once
//! (by its random `case_id`). An archive is an ordinary log: reports read it like any other.

use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::schema::{configure, migrate, refuse_altered, refuse_damaged, refuse_newer};
use super::{Log, LogError};
use crate::date::Date;

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    pub cases: u64,
}

/// What collecting one file added to the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collected {
    pub file: PathBuf,
    /// Cases new to the archive.
    pub added: u64,
    /// Cases the archive already held (the same file collected again, or an overlapping export).
    pub known: u64,
}

/// The columns a case is copied with (never the local row id).
const CASE_COLUMNS: &str = "started, duration_min, site, guide, guide_hash, outcome, \
    outcome_kind, path, must_not_shown, ending, app_version, case_id, record_key";

/// Write a snapshot of the log at `source` to `out`, with only the cases from `since` on.
///
/// The snapshot is made with SQLite's online backup API in one step, so it is one consistent
/// state of the log even while the app writes to it (WAL: the app is never blocked). It goes to
/// a temporary file beside `out`, is trimmed to `--since`, vacuumed (so no cut case is left in
/// free pages), switched out of WAL into a single self-contained file, checked, and only then
/// renamed to `out` (`fsio::replace_with`). The source is opened as the app opens it, which
/// brings an older schema up to date, so the snapshot always has case ids.
pub fn export(source: &Path, out: &Path, since: Option<Date>) -> Result<Exported, LogError> {
    if !source.exists() {
        return Err(LogError::NoLog(source.to_path_buf()));
    }
    let log = Log::open(source)?;
    let mut cases = 0;
    crate::fsio::replace_with(out, |temporary: &Path| -> Result<(), LogError> {
        let mut copy = Connection::open(temporary)?;
        snapshot(log.connection(), &mut copy)?;
        if let Some(since) = since {
            copy.execute("DELETE FROM cases WHERE started < ?1", [since.to_string()])?;
        }
        copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        copy.execute_batch("VACUUM")?;
        refuse_damaged(&copy)?;
        refuse_altered(&copy)?;
        cases = copy.query_row("SELECT COUNT(*) FROM cases", [], |r| r.get::<_, i64>(0))? as u64;
        Ok(())
    })?;
    Ok(Exported { cases })
}

/// Copy every page of `source` into `copy` in one backup step: one read transaction, so one
/// consistent state, however busy the app is (a step of a few pages at a time would start over
/// each time the app commits a case). A lock held by a checkpoint is waited out.
fn snapshot(source: &Connection, copy: &mut Connection) -> Result<(), LogError> {
    let backup = Backup::new(source, copy)?;
    for _ in 0..200 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            _ => {}
        }
    }
    Err(LogError::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some(String::from("the log stayed locked during the export")),
    )))
}

/// Merge `files` (exported logs, or any vejviser logs of schema 6 or later) into the log at
/// `archive`, made if missing. Each case goes in once: a case id the archive holds already is
/// skipped, so collecting the same file twice adds nothing. Every row passes the archive's own
/// CHECKs, so a file edited by hand cannot bring free text in. Each file is one transaction:
/// a file that fails adds nothing, and the files before it stay collected.
pub fn collect(archive: &Path, files: &[PathBuf]) -> Result<Vec<Collected>, LogError> {
    // Make or upgrade the archive as the app would, then work on a plain connection to it.
    drop(Log::open(archive)?);
    let mut conn = Connection::open(archive)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    let mut done = Vec::new();
    for file in files {
        check_source(file)?;
        let counted = merge_one(&mut conn, file).map_err(|err| LogError::InFile {
            file: file.clone(),
            source: Box::new(err),
        })?;
        done.push(counted);
    }
    Ok(done)
}

/// A collected file must be a regular file and a vejviser log with case ids; it is only read.
fn check_source(file: &Path) -> Result<(), LogError> {
    let in_file = |err: LogError| LogError::InFile {
        file: file.to_path_buf(),
        source: Box::new(err),
    };
    match std::fs::metadata(file) {
        Err(_) => return Err(LogError::NoLog(file.to_path_buf())),
        Ok(meta) if !meta.is_file() => return Err(in_file(LogError::NotAFile)),
        Ok(_) => {}
    }
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| in_file(e.into()))?;
    let checks = || -> Result<(), LogError> {
        refuse_newer(&conn)?;
        refuse_damaged(&conn)?;
        refuse_altered(&conn)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < 6 {
            return Err(LogError::NoCaseIds(version));
        }
        Ok(())
    };
    checks().map_err(in_file)
}

fn merge_one(conn: &mut Connection, file: &Path) -> Result<Collected, LogError> {
    let name = file.to_string_lossy();
    conn.execute(
        "ATTACH DATABASE ?1 AS source",
        [format!("file:{}?mode=ro", uri_path(&name))],
    )?;
    let result = (|| {
        let tx = conn.transaction()?;
        let offered = tx.query_row("SELECT COUNT(*) FROM source.cases", [], |r| {
            r.get::<_, i64>(0)
        })? as u64;
        let added = tx.execute(
            &format!(
                "INSERT INTO main.cases ({CASE_COLUMNS})
                 SELECT {CASE_COLUMNS} FROM source.cases WHERE true
                 ON CONFLICT (case_id) DO NOTHING"
            ),
            [],
        )? as u64;
        tx.commit()?;
        Ok::<_, LogError>(Collected {
            file: file.to_path_buf(),
            added,
            known: offered - added,
        })
    })();
    conn.execute("DETACH DATABASE source", [])?;
    result
}

/// A path as the path part of a `file:` URI: `%`, `?` and `#` are escaped (and on Windows
/// the separators are `/`, as URIs have them).
fn uri_path(path: &str) -> String {
    #[cfg(windows)]
    let path = &path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_escape_what_a_uri_would_cut() {
        assert_eq!(uri_path("/a/b c/ø.db"), "/a/b c/ø.db");
        assert_eq!(uri_path("/a/100%?#.db"), "/a/100%25%3f%23.db");
    }
}
