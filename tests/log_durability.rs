//! A case the screen calls saved is in the file, even if the process is killed (SIGKILL, as
//! when a counter PC loses power) the moment after: WAL with synchronous FULL, committed before
//! the notice is shown.

#![cfg(unix)]

mod common;

use common::pty::Session;
use rusqlite::Connection;

#[test]
fn a_case_shown_as_saved_survives_sigkill() {
    let guides = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    let mut session = Session::start_with(&["--guides", guides], data);
    session.wait_for_text("Vælg en guide");
    session.send(b"/boligst");
    session.wait_for_text("boligst_");
    session.send(b"\r");
    session.wait_for_text("Ja");
    // "Ja" leads straight to the guide-the-citizen outcome.
    session.send(b"1");
    session.wait_for_text("VEJLED");
    session.send(b"\r");
    session.wait_for_text("Sagen er gemt");

    let killed = std::process::Command::new("kill")
        .args(["-KILL", &session.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    session.wait_for_exit();

    let conn = Connection::open(&db).unwrap();
    let (guide, ending, kind): (String, String, String) = conn
        .query_row("SELECT guide, ending, outcome_kind FROM cases", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        (guide.as_str(), ending.as_str(), kind.as_str()),
        ("boligstoette", "finished", "guide")
    );
}

#[test]
fn a_case_open_when_the_window_closes_is_logged_as_abandoned() {
    let guides = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    let mut session = Session::start_with(&["--guides", guides], data);
    session.wait_for_text("Vælg en guide");
    session.send(b"/boligst\r");
    session.wait_for_text("Ja");
    let hup = std::process::Command::new("kill")
        .args(["-HUP", &session.pid().to_string()])
        .status()
        .unwrap();
    assert!(hup.success());
    session.wait_for_exit();
    session.assert_terminal_restored();

    let conn = Connection::open(&db).unwrap();
    let rows: Vec<(String, String)> = conn
        .prepare("SELECT guide, ending FROM cases")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [("boligstoette".to_string(), "abandoned".to_string())]
    );
}

#[test]
fn a_panic_restores_the_terminal_says_what_to_do_and_keeps_saved_cases() {
    let guides = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    let mut session = Session::start_env(
        &["--guides", guides],
        &[("VEJVISER_FAULT", "panic-on-f12")],
        data,
    );
    session.wait_for_text("Vælg en guide");
    session.send(b"/boligst\r");
    session.wait_for_text("Ja");
    session.send(b"1");
    session.wait_for_text("VEJLED");
    session.send(b"\r");
    session.wait_for_text("Sagen er gemt");
    // F12 makes the app panic.
    session.send(b"\x1b[24~");
    let status = session.wait_for_exit();
    assert!(!status.success());
    session.assert_terminal_restored();
    let raw = session.raw();
    assert!(
        raw.contains("vejviser stoppede"),
        "a friendly message: {}",
        common::pty::tail(&raw)
    );
    assert!(raw.contains("Data:"), "it says where the data is");

    let conn = Connection::open(&db).unwrap();
    let count: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM cases WHERE ending = 'finished'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(count, 1, "the case saved before the panic is still there");
}
