//! Hardening of the case log (issue 13, second round): damaged and hand-altered files are
//! never written to, inserts that store nothing are noticed, long paths are kept honestly.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use rusqlite::Connection;
use vejviser::case::{CaseRecord, Ending};
use vejviser::guide::{Guide, InputFile, Library, load_files};
use vejviser::lang::Lang;
use vejviser::log::{BackgroundKeeper, CaseKeeper, Log, LogError, LogRow, SaveState, Saved};
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
        log.save(&row.with_new_ids().unwrap()).unwrap();
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

// ------------------------------------------------------- 6: cases waiting when the app quits

/// Holds the write lock of a log file until dropped, as another program stuck mid-write would.
fn lock(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    conn
}

#[test]
fn waiting_cases_go_to_a_recovery_file_that_the_next_start_merges_and_removes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    keeper.keep(&finished(&library));
    let locked = lock(&path);
    keeper.keep(&finished(&library));
    keeper.keep(&abandoned(&library));
    assert_eq!(keeper.waiting(), 2);
    assert!(failing_reason(&keeper).contains("optaget"));

    assert_eq!(keeper.write_recovery().unwrap(), 2);
    assert_eq!(keeper.waiting(), 0);
    drop(keeper);
    let recovery = vejviser::log::recovery_path(&path);
    let text = fs::read_to_string(&recovery).unwrap();
    assert_eq!(text.lines().count(), 2);
    // Only the log's anonymous fields: each line is a LogRow and nothing else.
    for line in text.lines() {
        let row: LogRow = serde_json::from_str(line).unwrap();
        assert_eq!(row.site, SITE);
        assert_eq!(row.started.len(), 16, "to the hour only");
    }

    drop(locked);
    let keeper = CaseKeeper::open(path.clone(), SITE);
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    assert!(!recovery.exists(), "the merged recovery file is removed");
    let endings: Vec<String> = Log::open(&path)
        .unwrap()
        .rows()
        .unwrap()
        .into_iter()
        .map(|r| r.ending)
        .collect();
    assert_eq!(endings, ["finished", "finished", "abandoned"]);
    // No leftovers of the claimed file either.
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("recovery"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_hand_edited_recovery_line_with_free_text_is_never_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let mut good = row(&finished(&library()));
    let line = serde_json::to_string(&good).unwrap();
    good.site = "Jens Hansen 010190-1234".into();
    let bad = serde_json::to_string(&good).unwrap();
    fs::write(
        vejviser::log::recovery_path(&path),
        format!("{line}\n{bad}\nikke json\n"),
    )
    .unwrap();
    let _keeper = CaseKeeper::open(path.clone(), SITE);
    let rows = Log::open(&path).unwrap().rows().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].site, SITE);
}

#[test]
fn a_recovery_line_from_before_case_ids_is_stored_with_a_fresh_id_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let old = row(&finished(&library()));
    // What a vejviser before schema 6 wrote: the same fields without case_id and record_key.
    let mut value = serde_json::to_value(&old).unwrap();
    let fields = value.as_object_mut().unwrap();
    fields.remove("case_id");
    fields.remove("record_key");
    let line = serde_json::to_string(&value).unwrap();
    fs::write(
        vejviser::log::recovery_path(&path),
        format!("{line}\n{line}\n"),
    )
    .unwrap();
    let _keeper = CaseKeeper::open(path.clone(), SITE);
    let rows = Log::open(&path).unwrap().rows().unwrap();
    assert_eq!(rows.len(), 2, "both waiting cases are stored");
    assert_ne!(rows[0].case_id, rows[1].case_id);
    for r in &rows {
        assert!(vejviser::log::ids::is_case_id(&r.case_id), "{}", r.case_id);
        assert!(r.record_key >= 0);
        assert_eq!(r.guide, old.guide);
    }
}

fn tui_app() -> vejviser::tui::App {
    use vejviser::tui::theme::{Theme, ThemeName};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let mut loaded = vejviser::guide::load_paths(&[dir]);
    loaded.drop_broken_guides();
    vejviser::tui::App::new(vejviser::tui::Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors: Vec::new(),
        site: Site::default(),
        guides_label: "fixtures".into(),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, true),
        handout_dir: std::env::temp_dir(),
    })
}

fn screen(app: &vejviser::tui::App) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| vejviser::tui::view::render(app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn failing(waiting: usize) -> SaveState {
    SaveState::Failing {
        reason: "databasen er optaget".into(),
        waiting,
    }
}

#[test]
fn a_case_that_is_not_saved_says_so_the_moment_it_ends() {
    use vejviser::tui::keys::Action;
    let mut app = tui_app();
    app.update(Action::Enter);
    app.update(Action::Back);
    let ended: Vec<CaseRecord> = std::mem::take(&mut app.ended);
    assert_eq!(ended.len(), 1);
    app.saved(failing(1), &ended);
    let notice = app.notice.clone().unwrap();
    assert!(notice.is_problem);
    assert!(notice.text.contains("GEMMES IKKE"), "{}", notice.text);
    assert!(screen(&app).contains("GEMMES IKKE"), "{}", screen(&app));
}

#[test]
fn quitting_with_cases_waiting_asks_first_and_says_how_many() {
    use vejviser::tui::keys::Action;
    let mut app = tui_app();
    app.saved(failing(3), &[]);
    app.update(Action::Quit);
    assert!(!app.quit, "it asks first");
    let shown = screen(&app);
    assert!(shown.contains("3 sag(er) er ikke gemt"), "{shown}");
    assert!(shown.contains("gendannelsesfil"), "{shown}");
    app.update(Action::No);
    assert!(!app.quit);
    app.update(Action::Quit);
    app.update(Action::Yes);
    assert!(app.quit);

    // Nothing waiting: q quits at once, as before.
    let mut app = tui_app();
    app.saved(SaveState::Saved, &[]);
    app.update(Action::Quit);
    assert!(app.quit);
}

// ------------------------------------------------------------- 7: a locked file never freezes

#[test]
fn a_locked_log_never_makes_a_key_wait() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    let locked = lock(&path);
    let first = std::time::Instant::now();
    keeper.keep(&finished(&library));
    assert!(
        first.elapsed() < std::time::Duration::from_millis(2500),
        "the first try waited {:?}",
        first.elapsed()
    );
    assert_eq!(keeper.waiting(), 1);
    // Twenty keys (each asks for a retry) and two more cases: none waits for the lock.
    let keys = std::time::Instant::now();
    for _ in 0..20 {
        keeper.retry_if_due();
    }
    keeper.keep(&finished(&library));
    keeper.keep(&abandoned(&library));
    assert!(
        keys.elapsed() < std::time::Duration::from_millis(500),
        "keys waited {:?}",
        keys.elapsed()
    );
    assert_eq!(keeper.waiting(), 3);
    // The lock goes away: a forced retry (the idle timer's) writes them all.
    drop(locked);
    keeper.retry();
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    assert_eq!(count(&path), 3);
}

// -------------------------------------------------- 8: copying or moving the log while it runs

#[test]
fn a_copy_of_the_log_file_alone_holds_every_saved_case() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    for _ in 0..3 {
        keeper.keep(&finished(&library));
    }
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    // Copied the way a helper would: only the file they see, while the app still runs.
    let copy = dir.path().join("kopi.sqlite3");
    fs::copy(&path, &copy).unwrap();
    assert_eq!(count(&copy), 3);
}

#[test]
fn a_log_moved_away_while_open_is_not_written_to_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    keeper.keep(&finished(&library));
    let moved = dir.path().join("indsamlet.sqlite3");
    fs::rename(&path, &moved).unwrap();
    let _ = fs::rename(
        dir.path().join("sager.sqlite3-wal"),
        dir.path().join("indsamlet.sqlite3-wal"),
    );
    let _ = fs::remove_file(dir.path().join("sager.sqlite3-shm"));
    keeper.keep(&abandoned(&library));
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    assert!(path.exists(), "a new log is made at the path");
    assert_eq!(count(&path), 1, "the later case is in the log at the path");
    assert_eq!(count(&moved), 1, "the collected file is left as it was");
}

// ------------------------------------------------ 7: a key never waits for a locked log

/// Waits (without a time limit on the assertion) until the log's thread reports something.
fn next_report(keeper: &mut BackgroundKeeper) -> Saved {
    for _ in 0..6000 {
        if let Some(report) = keeper.reports().into_iter().next() {
            return report;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the log's thread never reported");
}

#[test]
fn handing_over_a_case_returns_while_the_log_is_locked_and_the_case_is_saved_after() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    // A write would wait a minute for the lock: if handing over waited for the write, the lock
    // below would still be held when it returned, and the case would be reported failing.
    keeper.set_busy(std::time::Duration::from_secs(60));
    let mut background = BackgroundKeeper::spawn(keeper, Lang::Da);
    let locked = lock(&path);
    background.keep(vec![finished(&library), abandoned(&library)]);
    assert!(
        background.reports().is_empty(),
        "nothing can be reported while the lock is held"
    );
    assert_eq!(count(&path), 0);
    drop(locked);
    let report = next_report(&mut background);
    assert_eq!(report.state, SaveState::Saved);
    assert_eq!(report.ended.len(), 2);
    assert_eq!(count(&path), 2);
    let keeper = background.finish().unwrap();
    assert_eq!(keeper.waiting(), 0);
}

#[test]
fn a_case_the_log_cannot_take_is_reported_and_comes_back_for_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the log should be: it can never be opened as a log.
    let path = dir.path().join("sager.sqlite3");
    fs::create_dir(&path).unwrap();
    let library = library();
    let mut background = BackgroundKeeper::spawn(CaseKeeper::open(path.clone(), SITE), Lang::Da);
    background.keep(vec![finished(&library)]);
    let report = next_report(&mut background);
    let SaveState::Failing { waiting, .. } = report.state else {
        panic!("reported {:?}", report.state);
    };
    assert_eq!(waiting, 1);
    assert_eq!(background.state(), &report.state);
    let mut keeper = background.finish().unwrap();
    assert_eq!(
        keeper.waiting(),
        1,
        "the case is not dropped on the way back"
    );
    assert_eq!(keeper.write_recovery().unwrap(), 1);
    assert!(vejviser::log::recovery_path(&path).is_file());
}

#[test]
fn cases_handed_over_just_before_the_end_are_written_when_the_thread_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut background = BackgroundKeeper::spawn(CaseKeeper::open(path.clone(), SITE), Lang::Da);
    for _ in 0..20 {
        background.keep(vec![finished(&library)]);
    }
    let keeper = background.finish().unwrap();
    assert_eq!(keeper.waiting(), 0);
    assert_eq!(count(&path), 20);
}

#[test]
fn a_keeper_dropped_without_finishing_still_writes_what_it_was_handed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut background = BackgroundKeeper::spawn(CaseKeeper::open(path.clone(), SITE), Lang::Da);
    background.keep(vec![abandoned(&library)]);
    // As when a panic unwinds past the app: no `finish`, only the drop.
    drop(background);
    assert_eq!(count(&path), 1);
}
