//! Hardening of the case log (issue 13, second round): damaged and hand-altered files are
//! never written to, inserts that store nothing are noticed, long paths are kept honestly.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use rusqlite::Connection;
use vejviser::case::{CaseRecord, Ending};
use vejviser::guide::{Guide, InputFile, Library, load_files};
use vejviser::lang::Lang;
use vejviser::log::{CaseKeeper, Log, LogError, LogRow, SaveState};
use vejviser::site::Site;
use vejviser::walk::Walk;

// ------------------------------------------------------------------------------------- fixture

const RULES: &str = r#"format = 1

[rules.aldrig-andres-mitid]
kind   = "must_not"
text   = "Brug aldrig en anden persons MitID."
why    = "En godkendelse tæller som en underskrift."
source = "https://mitid.dk"

[rules.kig-vaek]
kind   = "must"
text   = "Kig væk, mens borgeren taster sin kode."
why    = "Så kan ingen sige, at du kender koden."
source = "https://mitid.dk"
"#;

/// Two ways to an outcome without a must-not rule, one way to a refusal that shows one.
const GUIDE: &str = r#"format = 1

[guide]
title    = "Lille guide"
summary  = "En lille guide til at prøve loggen af."
start    = "hvem"
reviewed = 2026-11-01
sources  = ["https://example.org"]

[steps.hvem]
ask     = "Hvem står ved skranken?"
choices = [
  { label = "Borgeren selv", next = "samtykke", rules = ["kig-vaek"] },
  { label = "En pårørende alene", next = "afvis" },
]

[steps.samtykke]
ask     = "Siger borgeren ja til, at du hjælper ved skærmen?"
choices = [
  { label = "Ja", next = "goer-det" },
  { label = "Nej", next = "vejled" },
]

[outcomes.goer-det]
kind   = "do"
title  = "Gør det sammen"
helper = "Sid ved siden af; borgeren taster selv."

[outcomes.vejled]
kind   = "guide"
title  = "Vejled borgeren"
helper = "Vis vej på borger.dk."

[outcomes.afvis]
kind   = "refuse"
title  = "Du må ikke bruge en andens MitID"
helper = "Forklar venligt hvorfor."
rules  = ["aldrig-andres-mitid"]
"#;

const SITE: &str = "bibliotek-nord";

fn library() -> Library {
    let file = |name: &str, text: &str| InputFile {
        display: format!("guides/{name}"),
        relative: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    };
    let loaded = load_files(vec![
        file("rules.toml", RULES),
        file("skranke/lille.toml", GUIDE),
    ]);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.library
}

fn guide(library: &Library) -> Arc<Guide> {
    Arc::clone(library.guide("lille").unwrap())
}

/// Walk the guide answering `labels` in order, then end the case.
fn case(library: &Library, labels: &[&str], ending: Ending) -> CaseRecord {
    let mut walk = Walk::new(guide(library), Site::default()).unwrap();
    for label in labels {
        walk.choose_label(label).unwrap();
    }
    CaseRecord::of(&walk, library, ending)
}

fn finished(library: &Library) -> CaseRecord {
    case(library, &["Borgeren selv", "Ja"], Ending::Finished)
}

#[allow(dead_code)]
fn abandoned(library: &Library) -> CaseRecord {
    case(library, &["Borgeren selv"], Ending::Abandoned)
}

#[allow(dead_code)]
fn refused(library: &Library) -> CaseRecord {
    case(library, &["En pårørende alene"], Ending::Finished)
}

fn row(record: &CaseRecord) -> LogRow {
    LogRow::new(record, SITE).unwrap()
}

fn count(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))
        .unwrap()
}

fn failing_reason(keeper: &CaseKeeper) -> String {
    match keeper.state(Lang::Da) {
        SaveState::Failing { reason, .. } => reason,
        other => panic!("expected Failing, got {other:?}"),
    }
}

/// A log with `n` cases, fully checkpointed into the main file.
fn log_with_cases(path: &Path, n: usize) {
    let library = library();
    let mut log = Log::open(path).unwrap();
    let row = row(&finished(&library));
    for _ in 0..n {
        log.save(&row).unwrap();
    }
    log.connection()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
}

// ---------------------------------------------------------------------- 9: damaged files

#[test]
fn a_lightly_damaged_file_is_refused_on_open_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    log_with_cases(&path, 400);
    // Damage the first leaf page of `cases` only. A new row goes to the right-most leaf, so an
    // insert alone would never notice: the app would say "gemt" into a broken file.
    let root: i64 = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'cases'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut bytes = fs::read(&path).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let root_at = (root as usize - 1) * page;
    assert_eq!(bytes[root_at], 0x05, "the table root is an interior page");
    let first_cell = usize::from(u16::from_be_bytes([
        bytes[root_at + 12],
        bytes[root_at + 13],
    ]));
    let cell = root_at + first_cell;
    let leaf = u32::from_be_bytes(bytes[cell..cell + 4].try_into().unwrap()) as usize;
    let leaf_at = (leaf - 1) * page;
    // Cell pointers that point outside the page.
    for b in &mut bytes[leaf_at + 8..leaf_at + 40] {
        *b = 0xff;
    }
    fs::write(&path, &bytes).unwrap();

    let err = Log::open(&path)
        .err()
        .expect("a damaged file must be refused");
    assert!(matches!(err, LogError::Damaged(_)), "{err:?}");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    keeper.keep(&finished(&library));
    keeper.retry();
    assert!(failing_reason(&keeper).contains("beskadiget"));
    assert_eq!(keeper.waiting(), 1);
    assert!(
        fs::read(&path).unwrap() == bytes,
        "the damaged file was changed"
    );
}

// ------------------------------------------------------------------ 10: hand-altered schema

#[test]
fn a_trigger_that_copies_exact_times_makes_the_file_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    log_with_cases(&path, 1);
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TABLE spy (at TEXT);
             CREATE TRIGGER leak AFTER INSERT ON cases
                BEGIN INSERT INTO spy VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now')); END;",
        )
        .unwrap();
    let err = Log::open(&path)
        .err()
        .expect("an altered schema must be refused");
    assert!(matches!(err, LogError::SchemaAltered(_)), "{err:?}");
    assert!(err.to_string().contains("trigger leak"), "{err}");

    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    keeper.keep(&finished(&library()));
    assert!(failing_reason(&keeper).contains("ændret udefra"));
    let conn = Connection::open(&path).unwrap();
    let spied: i64 = conn
        .query_row("SELECT COUNT(*) FROM spy", [], |r| r.get(0))
        .unwrap();
    assert_eq!(spied, 0, "no exact time leaked");
    assert_eq!(count(&path), 1);
}

#[test]
fn a_trigger_added_while_the_log_is_open_is_noticed_before_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    keeper.keep(&finished(&library));
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    // Drops every insert silently.
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER drop_all BEFORE INSERT ON cases BEGIN SELECT RAISE(IGNORE); END;",
        )
        .unwrap();
    keeper.keep(&finished(&library));
    assert!(failing_reason(&keeper).contains("ændret udefra"));
    assert_eq!(
        keeper.waiting(),
        1,
        "the case waits, it is not called saved"
    );
}

#[test]
fn an_insert_that_stores_nothing_is_not_called_saved() {
    // A temporary trigger is invisible to the file's schema; the row count still gives it away.
    let mut log = Log::in_memory().unwrap();
    log.connection()
        .execute_batch(
            "CREATE TEMP TRIGGER drop_all BEFORE INSERT ON cases BEGIN SELECT RAISE(IGNORE); END;",
        )
        .unwrap();
    let err = log.save(&row(&finished(&library()))).unwrap_err();
    assert!(matches!(err, LogError::NotStored(0)), "{err:?}");
}

#[test]
fn every_schema_vejviser_makes_is_accepted() {
    use vejviser::log::schema::MIGRATIONS;
    let dir = tempfile::tempdir().unwrap();
    for n in 0..=MIGRATIONS.len() {
        let path = dir.path().join(format!("v{n}.sqlite3"));
        let conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..n] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", n as i64).unwrap();
        drop(conn);
        let mut log = Log::open(&path).unwrap_or_else(|e| panic!("v{n}: {e}"));
        log.save(&row(&finished(&library()))).unwrap();
        drop(log);
        // Opened again after the upgrade, too.
        assert!(Log::open(&path).is_ok());
    }
}

// ------------------------------------------------------------------------- 11: long paths

#[test]
fn a_long_retry_loop_is_stored_cut_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    // Back and forth between two steps, as a retry loop lets a helper do for a long time.
    let mut long = finished(&library);
    long.path = (0..300)
        .flat_map(|_| ["hvem".to_string(), "samtykke".to_string()])
        .collect();
    keeper.keep(&long);
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    let rows = Log::open(&path).unwrap().rows().unwrap();
    assert_eq!(rows.len(), 1);
    let stored = &rows[0].path;
    assert!(stored.len() <= 2000);
    assert!(stored.starts_with("hvem/samtykke/"));
    assert!(stored.ends_with("/hvem/samtykke"));
    assert!(stored.contains("/-/"), "marked as cut: {stored}");
}

#[test]
fn a_refused_row_says_the_log_refused_it_not_that_it_held_free_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut keeper = CaseKeeper::open(dir.path().join("sager.sqlite3"), SITE);
    let mut bad = finished(&library());
    bad.guide_hash = "ikke-en-hash".into();
    keeper.keep(&bad);
    let reason = failing_reason(&keeper);
    assert!(reason.contains("afviste"), "{reason}");
    assert!(!reason.contains("andet end id"), "{reason}");
}
