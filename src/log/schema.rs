//! The log's schema and its migrations, keyed on SQLite's `user_version`. Migrations are only
//! ever added, never changed or removed, so any older file upgrades in place without losing rows.
//!
//! Anonymity is enforced here, in the database itself: every text column accepts only an
//! identifier (lowercase letters, digits and single hyphens, no run of five digits), a fixed code
//! or a hash. A sentence, a name with spaces or capitals, a CPR number, a phone number or an
//! e-mail address cannot be stored, whatever the program above does.

use rusqlite::{Connection, TransactionBehavior};

use super::LogError;

/// A SQL condition that column `c` holds an identifier (a slug from a guide file).
macro_rules! slug {
    ($c:literal) => {
        concat!(
            "length(",
            $c,
            ") BETWEEN 1 AND 64 AND ",
            $c,
            " NOT GLOB '*[^a-z0-9-]*' AND ",
            $c,
            " NOT GLOB '-*' AND ",
            $c,
            " NOT GLOB '*-' AND ",
            $c,
            " NOT GLOB '*--*' AND ",
            $c,
            " NOT GLOB '*[0-9][0-9][0-9][0-9][0-9]*'"
        )
    };
}

const V1: &str = concat!(
    "CREATE TABLE cases (
        id             INTEGER PRIMARY KEY,
        started        TEXT    NOT NULL CHECK (length(started) = 16 AND started GLOB
                         '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:00'),
        duration_min   INTEGER NOT NULL CHECK (duration_min BETWEEN 0 AND 1440),
        site           TEXT    NOT NULL CHECK (", slug!("site"), "),
        guide          TEXT    NOT NULL CHECK (", slug!("guide"), "),
        guide_hash     TEXT    NOT NULL CHECK (length(guide_hash) = 16 AND guide_hash NOT GLOB '*[^0-9a-f]*'),
        outcome        TEXT             CHECK (outcome IS NULL OR (", slug!("outcome"), ")),
        outcome_kind   TEXT             CHECK (outcome_kind IN ('guide', 'do', 'refer', 'refuse')),
        path           TEXT    NOT NULL CHECK (length(path) BETWEEN 1 AND 2000
                         AND path NOT GLOB '*[^a-z0-9/-]*'
                         AND path NOT GLOB '*[0-9][0-9][0-9][0-9][0-9]*'
                         AND path NOT GLOB '/*' AND path NOT GLOB '*/' AND path NOT GLOB '*//*'),
        must_not_shown INTEGER NOT NULL CHECK (must_not_shown IN (0, 1)),
        ending         TEXT    NOT NULL CHECK (ending IN ('finished', 'abandoned')),
        app_version    TEXT    NOT NULL CHECK (length(app_version) BETWEEN 1 AND 32
                         AND app_version NOT GLOB '*[^0-9a-z.+-]*'),
        CHECK ((outcome IS NULL) = (outcome_kind IS NULL)),
        CHECK (ending = 'abandoned' OR outcome IS NOT NULL)
    ) STRICT;
    CREATE INDEX cases_by_guide ON cases (guide, outcome_kind);
    CREATE INDEX cases_by_started ON cases (started);"
);

/// Version 2: the guide versions each site has seen, so the app can say once when a guide changed.
const V2: &str = concat!(
    "CREATE TABLE guide_versions (
        site       TEXT NOT NULL CHECK (", slug!("site"), "),
        guide      TEXT NOT NULL CHECK (", slug!("guide"), "),
        guide_hash TEXT NOT NULL CHECK (length(guide_hash) = 16 AND guide_hash NOT GLOB '*[^0-9a-f]*'),
        PRIMARY KEY (site, guide)
    ) STRICT;"
);

/// Version 3: `app_version` also refuses a run of five digits, as every identifier column does
/// (version 1 let a CPR or phone number through there). SQLite cannot change a CHECK in place, so
/// the table is rebuilt with its rows and indexes, inside the migration's transaction.
const V3: &str = concat!(
    "CREATE TABLE cases_v3 (
        id             INTEGER PRIMARY KEY,
        started        TEXT    NOT NULL CHECK (length(started) = 16 AND started GLOB
                         '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:00'),
        duration_min   INTEGER NOT NULL CHECK (duration_min BETWEEN 0 AND 1440),
        site           TEXT    NOT NULL CHECK (", slug!("site"), "),
        guide          TEXT    NOT NULL CHECK (", slug!("guide"), "),
        guide_hash     TEXT    NOT NULL CHECK (length(guide_hash) = 16 AND guide_hash NOT GLOB '*[^0-9a-f]*'),
        outcome        TEXT             CHECK (outcome IS NULL OR (", slug!("outcome"), ")),
        outcome_kind   TEXT             CHECK (outcome_kind IN ('guide', 'do', 'refer', 'refuse')),
        path           TEXT    NOT NULL CHECK (length(path) BETWEEN 1 AND 2000
                         AND path NOT GLOB '*[^a-z0-9/-]*'
                         AND path NOT GLOB '*[0-9][0-9][0-9][0-9][0-9]*'
                         AND path NOT GLOB '/*' AND path NOT GLOB '*/' AND path NOT GLOB '*//*'),
        must_not_shown INTEGER NOT NULL CHECK (must_not_shown IN (0, 1)),
        ending         TEXT    NOT NULL CHECK (ending IN ('finished', 'abandoned')),
        app_version    TEXT    NOT NULL CHECK (length(app_version) BETWEEN 1 AND 32
                         AND app_version GLOB '[0-9]*'
                         AND app_version NOT GLOB '*[^0-9a-z.+-]*'
                         AND app_version NOT GLOB '*[0-9][0-9][0-9][0-9][0-9]*'),
        CHECK ((outcome IS NULL) = (outcome_kind IS NULL)),
        CHECK (ending = 'abandoned' OR outcome IS NOT NULL)
    ) STRICT;
    INSERT INTO cases_v3 SELECT * FROM cases;
    DROP TABLE cases;
    ALTER TABLE cases_v3 RENAME TO cases;
    CREATE INDEX cases_by_guide ON cases (guide, outcome_kind);
    CREATE INDEX cases_by_started ON cases (started);"
);

/// Version 4: an index that holds everything a report by guide reads, in the order it groups
/// by (`started` last, for `--since`/`--until`), so `vejviser report` scans only this index: no
/// table lookups and no sort, with or without dates. It replaces `cases_by_guide`, which no query
/// used, so a case write still updates the same number of b-trees.
const V4: &str = "DROP INDEX cases_by_guide;
    CREATE INDEX cases_report_by_guide
        ON cases (guide, duration_min, ending, must_not_shown, started);";

/// A SQL condition that column `c` holds identifiers joined by `/` (or nothing).
macro_rules! slug_list {
    ($c:literal) => {
        concat!(
            "length(",
            $c,
            ") <= 4000 AND ",
            $c,
            " NOT GLOB '*[^a-z0-9/-]*' AND ",
            $c,
            " NOT GLOB '*[0-9][0-9][0-9][0-9][0-9]*'"
        )
    };
}

/// Version 5: with each guide version a site has seen, the ids of its questions, outcomes and
/// rules, so a change alert can say what was added or removed (identifiers only).
const V5: &str = concat!(
    "ALTER TABLE guide_versions ADD COLUMN steps TEXT NOT NULL DEFAULT '' CHECK (",
    slug_list!("steps"),
    ");
    ALTER TABLE guide_versions ADD COLUMN outcomes TEXT NOT NULL DEFAULT '' CHECK (",
    slug_list!("outcomes"),
    ");
    ALTER TABLE guide_versions ADD COLUMN rules TEXT NOT NULL DEFAULT '' CHECK (",
    slug_list!("rules"),
    ");"
);

/// The largest record key (keys are 32-bit, so a cell's key is their sum modulo 2^32).
pub const RECORD_KEY_MAX: i64 = 0xFFFF_FFFF;

/// Version 6: each case gets a random `case_id` (128 bits as 32 lowercase hex digits), so logs
/// collected from many PCs hold each case once, and a random `record_key`, from which the
/// shared reports' perturbation is derived (the cell key method, see `report::disclose`).
/// Neither says anything about the citizen: both are drawn from the OS's randomness when the
/// case is written, and the CHECKs let only hex digits and a number in range in. SQLite cannot
/// add a UNIQUE column in place, so the table is rebuilt; existing rows get random values here.
/// The report indexes are rebuilt too, one covering index per grouping of `vejviser report`
/// (each in its GROUP BY order, with `started` and `record_key` so no table lookup is needed).
const V6: &str = concat!(
    "CREATE TABLE cases_v6 (
        id             INTEGER PRIMARY KEY,
        started        TEXT    NOT NULL CHECK (length(started) = 16 AND started GLOB
                         '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:00'),
        duration_min   INTEGER NOT NULL CHECK (duration_min BETWEEN 0 AND 1440),
        site           TEXT    NOT NULL CHECK (", slug!("site"), "),
        guide          TEXT    NOT NULL CHECK (", slug!("guide"), "),
        guide_hash     TEXT    NOT NULL CHECK (length(guide_hash) = 16 AND guide_hash NOT GLOB '*[^0-9a-f]*'),
        outcome        TEXT             CHECK (outcome IS NULL OR (", slug!("outcome"), ")),
        outcome_kind   TEXT             CHECK (outcome_kind IN ('guide', 'do', 'refer', 'refuse')),
        path           TEXT    NOT NULL CHECK (length(path) BETWEEN 1 AND 2000
                         AND path NOT GLOB '*[^a-z0-9/-]*'
                         AND path NOT GLOB '*[0-9][0-9][0-9][0-9][0-9]*'
                         AND path NOT GLOB '/*' AND path NOT GLOB '*/' AND path NOT GLOB '*//*'),
        must_not_shown INTEGER NOT NULL CHECK (must_not_shown IN (0, 1)),
        ending         TEXT    NOT NULL CHECK (ending IN ('finished', 'abandoned')),
        app_version    TEXT    NOT NULL CHECK (length(app_version) BETWEEN 1 AND 32
                         AND app_version GLOB '[0-9]*'
                         AND app_version NOT GLOB '*[^0-9a-z.+-]*'
                         AND app_version NOT GLOB '*[0-9][0-9][0-9][0-9][0-9]*'),
        case_id        TEXT    NOT NULL UNIQUE CHECK (length(case_id) = 32
                         AND case_id NOT GLOB '*[^0-9a-f]*'),
        record_key     INTEGER NOT NULL CHECK (record_key BETWEEN 0 AND 4294967295),
        CHECK ((outcome IS NULL) = (outcome_kind IS NULL)),
        CHECK (ending = 'abandoned' OR outcome IS NOT NULL)
    ) STRICT;
    INSERT INTO cases_v6 SELECT *, lower(hex(randomblob(16))), random() & 4294967295 FROM cases;
    DROP TABLE cases;
    ALTER TABLE cases_v6 RENAME TO cases;
    CREATE INDEX cases_by_started ON cases (started);
    CREATE INDEX cases_report_by_guide
        ON cases (guide, outcome, duration_min, ending, must_not_shown, started, record_key);
    CREATE INDEX cases_report_by_kind
        ON cases (outcome_kind, duration_min, ending, must_not_shown, started, record_key);
    CREATE INDEX cases_report_by_site
        ON cases (site, duration_min, ending, must_not_shown, started, record_key);
    CREATE INDEX cases_report_by_day
        ON cases (substr(started, 1, 10), duration_min, ending, must_not_shown, started, record_key);
    CREATE INDEX cases_report_by_hour
        ON cases (substr(started, 12, 2), duration_min, ending, must_not_shown, started, record_key);"
);

/// Version 7: which cases have gone to which central server (see `log::shipped` and
/// `central::ship`), so a PC ships each case once and picks up after a restart where it left
/// off. Random ids only: a case's id and the server's, both 32 hex digits. Keyed case id first,
/// so "not yet on this server" and "not yet on any server" are both one index probe.
const V7: &str = "CREATE TABLE shipped (
        case_id TEXT NOT NULL CHECK (length(case_id) = 32 AND case_id NOT GLOB '*[^0-9a-f]*'),
        server  TEXT NOT NULL CHECK (length(server) = 32 AND server NOT GLOB '*[^0-9a-f]*'),
        PRIMARY KEY (case_id, server)
    ) STRICT, WITHOUT ROWID;";

/// Version 8: the cases a central server refused (a CHECK of a newer or stricter server schema),
/// per server, so they are not sent again after every restart and do not hold up the cases
/// behind them. Random ids only, as in `shipped`: the server's reason is shown, never stored.
const V8: &str = "CREATE TABLE refused (
        case_id TEXT NOT NULL CHECK (length(case_id) = 32 AND case_id NOT GLOB '*[^0-9a-f]*'),
        server  TEXT NOT NULL CHECK (length(server) = 32 AND server NOT GLOB '*[^0-9a-f]*'),
        PRIMARY KEY (case_id, server)
    ) STRICT, WITHOUT ROWID;";

/// Every migration in order; the database's `user_version` says how many have run.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8];

/// How long a write waits for another window (or PC) that holds the file's lock.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Connection settings, in one place: WAL so readers never block the writer, FULL sync so a
/// committed case survives power loss, and a busy timeout so two windows can share one file.
pub fn configure(conn: &Connection) -> Result<(), LogError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(LogError::NoWal(mode));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Refuse a database written by a newer vejviser, without writing to it.
pub fn refuse_newer(conn: &Connection) -> Result<(), LogError> {
    // Another instance may be setting the file up at this moment: wait for it, as writes do.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(LogError::TooNew {
            found: version,
            known,
        });
    }
    Ok(())
}

/// Bring the schema up to date in one exclusive transaction. Refuses a database written by a
/// newer vejviser rather than guess at its schema.
pub fn migrate(conn: &mut Connection) -> Result<(), LogError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(LogError::TooNew {
            found: version,
            known,
        });
    }
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", n as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

/// Refuse a damaged file, without writing to it: `PRAGMA quick_check` must say `ok`.
pub fn refuse_damaged(conn: &Connection) -> Result<(), LogError> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let found: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()
        .map_err(|err| match &err {
            rusqlite::Error::SqliteFailure(e, _)
                if e.code == rusqlite::ErrorCode::DatabaseCorrupt =>
            {
                LogError::Damaged(err.to_string())
            }
            _ => LogError::Sqlite(err),
        })?;
    if found.len() == 1 && found[0] == "ok" {
        Ok(())
    } else {
        Err(LogError::Damaged(found.join("; ")))
    }
}

/// Every table, index, trigger and view of a schema, as (type, name, table, sql), sorted.
pub type SchemaItems = Vec<(String, String, String, Option<String>)>;

pub fn schema_items(conn: &Connection) -> Result<SchemaItems, LogError> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name, tbl_name",
    )?;
    let items = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    Ok(items)
}

/// The schema that the first `version` migrations make.
pub fn expected_schema(version: usize) -> Result<SchemaItems, LogError> {
    let conn = Connection::open_in_memory()?;
    for sql in MIGRATIONS.iter().take(version) {
        conn.execute_batch(sql)?;
    }
    schema_items(&conn)
}

/// Refuse a file whose schema is not exactly the one its `user_version` promises: a trigger
/// or view added by hand could copy or drop what the app writes.
pub fn refuse_altered(conn: &Connection) -> Result<(), LogError> {
    // One read transaction, so the version and the schema are read from the same state.
    conn.execute_batch("BEGIN DEFERRED")?;
    let read = (|| {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        Ok::<_, LogError>((version, schema_items(conn)?))
    })();
    let _ = conn.execute_batch("COMMIT");
    let (version, found) = read?;
    let expected = expected_schema(usize::try_from(version).unwrap_or(0))?;
    if found == expected {
        return Ok(());
    }
    let differs: Vec<String> = found
        .iter()
        .filter(|item| !expected.contains(item))
        .chain(expected.iter().filter(|item| !found.contains(item)))
        .map(|(kind, name, _, _)| format!("{kind} {name}"))
        .collect();
    Err(LogError::SchemaAltered(differs.join(", ")))
}
