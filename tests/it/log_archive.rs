//! `export` and `collect` (`vejviser::log::archive`): a snapshot taken while the app writes is
//! complete and openable, `--since` leaves nothing of the cut cases in the file, collecting
//! keeps each case once, and reports read an archive like any log.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};

use rusqlite::{Connection, OpenFlags};
use vejviser::log::archive::{collect, export};
use vejviser::log::{Log, LogError, LogRow};
use vejviser::report::{Dimension, Filter, build};

fn row(started: &str, guide: &str) -> LogRow {
    LogRow {
        started: started.into(),
        duration_min: 4,
        site: "bibliotek-nord".into(),
        guide: guide.into(),
        guide_hash: "0123456789abcdef".into(),
        outcome: Some("vejled".into()),
        outcome_kind: Some("guide".into()),
        path: "hvem/hvad".into(),
        must_not_shown: false,
        ending: "finished".into(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        case_id: String::new(),
        record_key: -1,
    }
}

fn write(path: &Path, rows: &[LogRow]) {
    let mut log = Log::open(path).unwrap();
    for r in rows {
        log.save(&r.with_new_ids().unwrap()).unwrap();
    }
}

fn count(path: &Path) -> i64 {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT COUNT(*) FROM cases", [], |r| r.get(0))
        .unwrap()
}

fn exact_counts(files: &[PathBuf]) -> Vec<(String, u64)> {
    build(files, Dimension::Guide, Filter::default())
        .unwrap()
        .groups
        .into_iter()
        .map(|g| (g.key, g.cases))
        .collect()
}

#[test]
fn an_export_while_the_app_writes_is_a_complete_openable_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sager.sqlite3");
    write(&db, &[row("2026-11-23 09:00", "mitid")]);
    let stop = Arc::new(AtomicBool::new(false));
    let started = Arc::new(Barrier::new(2));
    // The app: saving case after case, each committed on its own, the whole time.
    let writer = {
        let (db, stop, started) = (db.clone(), Arc::clone(&stop), Arc::clone(&started));
        std::thread::spawn(move || {
            let mut log = Log::open(&db).unwrap();
            let template = row("2026-11-24 10:00", "e-boks");
            started.wait();
            let mut saved = 0u64;
            while !stop.load(Ordering::Relaxed) {
                log.save(&template.with_new_ids().unwrap()).unwrap();
                saved += 1;
            }
            saved
        })
    };
    started.wait();
    let mut last = 0;
    for n in 0..8 {
        let out = dir.path().join(format!("eksport-{n}.sqlite3"));
        let before = count(&db);
        let done = export(&db, &out, None).unwrap();
        // Every case committed before the export began is in it, and the file says so itself.
        assert!(done.cases as i64 >= before, "{} < {before}", done.cases);
        assert_eq!(count(&out), done.cases as i64);
        assert!(done.cases >= last, "snapshots never go back");
        last = done.cases;
        // A whole database, in one file (no -wal beside it), that the app and a report accept.
        let conn = Connection::open_with_flags(&out, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
        drop(conn);
        assert!(!dir.path().join(format!("eksport-{n}.sqlite3-wal")).exists());
        let total: u64 = exact_counts(std::slice::from_ref(&out))
            .iter()
            .map(|c| c.1)
            .sum();
        assert_eq!(total, done.cases);
        drop(Log::open(&out).unwrap());
    }
    stop.store(true, Ordering::Relaxed);
    let saved = writer.join().unwrap();
    assert!(saved > 0, "the writer wrote during the exports");
    // No temporary file is left beside the exports.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn since_keeps_the_later_cases_and_nothing_of_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sager.sqlite3");
    write(
        &db,
        &[
            row("2026-10-31 15:00", "gammel"),
            row("2026-11-01 09:00", "mitid"),
            row("2026-11-02 09:00", "mitid"),
        ],
    );
    let old_id = Log::open(&db).unwrap().rows().unwrap()[0].case_id.clone();
    let out = dir.path().join("november.sqlite3");
    let since = vejviser::date::Date::new(2026, 11, 1);
    assert_eq!(export(&db, &out, since).unwrap().cases, 2);
    assert_eq!(
        exact_counts(std::slice::from_ref(&out)),
        [("mitid".to_string(), 2)]
    );
    // Vacuumed: the cut case's id is nowhere in the file, not even in free pages.
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        !bytes.windows(old_id.len()).any(|w| w == old_id.as_bytes()),
        "a cut case is still in the file"
    );
    assert_eq!(count(&db), 3, "the log itself is untouched");
}

#[test]
fn collecting_keeps_each_case_once_and_reports_read_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let (pc1, pc2) = (
        dir.path().join("pc1.sqlite3"),
        dir.path().join("pc2.sqlite3"),
    );
    write(&pc1, &vec![row("2026-11-23 09:00", "mitid"); 7]);
    write(&pc2, &vec![row("2026-11-23 10:00", "e-boks"); 5]);
    let (e1, e2) = (dir.path().join("e1.sqlite3"), dir.path().join("e2.sqlite3"));
    export(&pc1, &e1, None).unwrap();
    export(&pc2, &e2, None).unwrap();
    let archive = dir.path().join("arkiv").join("alle.sqlite3");
    let done = collect(&archive, &[e1.clone(), e2.clone()]).unwrap();
    assert_eq!(
        done.iter().map(|d| (d.added, d.known)).collect::<Vec<_>>(),
        [(7, 0), (5, 0)]
    );
    // The same file again, and a later export of pc1 with two more cases: only the new ones.
    write(&pc1, &vec![row("2026-11-24 09:00", "mitid"); 2]);
    let e1_later = dir.path().join("e1-senere.sqlite3");
    export(&pc1, &e1_later, None).unwrap();
    let again = collect(&archive, &[e1.clone(), e1_later]).unwrap();
    assert_eq!(
        again.iter().map(|d| (d.added, d.known)).collect::<Vec<_>>(),
        [(0, 7), (2, 7)]
    );
    assert_eq!(count(&archive), 14);
    // The archive reports like the logs it came from, and its shared figures agree too.
    assert_eq!(
        exact_counts(std::slice::from_ref(&archive)),
        exact_counts(&[pc1.clone(), pc2.clone()])
    );
    let shared = |files: &[PathBuf]| {
        build(files, Dimension::Guide, Filter::default())
            .unwrap()
            .publish(false)
            .rows
    };
    assert_eq!(shared(std::slice::from_ref(&archive)), shared(&[pc1, pc2]));
}

#[test]
fn collect_refuses_a_file_that_is_not_a_log_and_keeps_what_it_had() {
    let dir = tempfile::tempdir().unwrap();
    let pc1 = dir.path().join("pc1.sqlite3");
    write(&pc1, &vec![row("2026-11-23 09:00", "mitid"); 3]);
    let archive = dir.path().join("alle.sqlite3");
    collect(&archive, std::slice::from_ref(&pc1)).unwrap();
    // A log whose CHECKs were taken off by hand, holding a name.
    let forged = dir.path().join("forfalsket.sqlite3");
    {
        let conn = Connection::open(&forged).unwrap();
        conn.execute_batch(
            "CREATE TABLE cases (started TEXT, duration_min INT, site TEXT, guide TEXT,
                guide_hash TEXT, outcome TEXT, outcome_kind TEXT, path TEXT, must_not_shown INT,
                ending TEXT, app_version TEXT, case_id TEXT, record_key INT);
             INSERT INTO cases VALUES ('2026-11-23 09:00', 1, 'Jens Hansen', 'mitid',
                '0123456789abcdef', NULL, NULL, 'hvem', 0, 'abandoned', '0.1.0',
                '0123456789abcdef0123456789abcdef', 1);
             PRAGMA user_version = 6;",
        )
        .unwrap();
    }
    let missing = dir.path().join("findes-ikke.sqlite3");
    for bad in [&forged, &missing, &dir.path().to_path_buf()] {
        let err = collect(&archive, std::slice::from_ref(bad)).unwrap_err();
        let text = err.explain(vejviser::lang::Lang::Da);
        assert!(
            text.contains(&bad.display().to_string()),
            "{text} does not name the file"
        );
    }
    assert_eq!(count(&archive), 3, "nothing was added");
    let names: Vec<String> = Log::open(&archive)
        .unwrap()
        .rows()
        .unwrap()
        .into_iter()
        .map(|r| r.site)
        .collect();
    assert!(names.iter().all(|s| s == "bibliotek-nord"));
    // An export of a log that does not exist says so and writes nothing.
    let out = dir.path().join("ud.sqlite3");
    assert!(matches!(
        export(&missing, &out, None),
        Err(LogError::NoLog(_))
    ));
    assert!(!out.exists() && !missing.exists());
}

fn vejviser(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_export_and_collect_say_what_they_did() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sager.sqlite3");
    write(&db, &vec![row("2026-11-23 09:00", "mitid"); 6]);
    let out = dir.path().join("pc1.sqlite3");
    let p = |p: &Path| p.to_str().unwrap().to_string();
    let (code, stdout, stderr) = vejviser(&["--db", &p(&db), "export", &p(&out)]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("6 sager"), "{stdout}");
    let archive = dir.path().join("alle.sqlite3");
    let (code, stdout, stderr) = vejviser(&["collect", &p(&archive), &p(&out), &p(&out)]);
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].ends_with("6 nye sager, 0 fandtes allerede"),
        "{stdout}"
    );
    assert!(
        lines[1].ends_with("0 nye sager, 6 fandtes allerede"),
        "{stdout}"
    );
    assert!(lines[2].starts_with("I alt 6 nye sager"), "{stdout}");
    let (code, stdout, _) = vejviser(&["report", &p(&archive), "--exact", "--format", "csv"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("mitid;6;"), "{stdout}");
    let (code, _, stderr) = vejviser(&[
        "--db",
        &p(&dir.path().join("nej.sqlite3")),
        "export",
        &p(&out),
    ]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("nej.sqlite3"), "{stderr}");
}
