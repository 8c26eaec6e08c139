//! A case the screen calls saved is in the file, even if the process is killed (SIGKILL, as
//! when a counter PC loses power) the moment after: WAL with synchronous FULL, committed before
//! the notice is shown.

#![cfg(unix)]

use crate::common;

use common::pty::Session;
use rusqlite::Connection;

/// (guide, ending) of every case in the log file.
fn logged(db: &std::path::Path) -> Vec<(String, String)> {
    let conn = Connection::open(db).unwrap();
    conn.prepare("SELECT guide, ending FROM cases ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

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

    assert_eq!(
        logged(&db),
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

/// Run tmux on a private server socket, so the test never touches anyone's sessions.
fn tmux(socket: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn closing_the_window_ends_the_program_and_logs_the_open_case() {
    // The real closed window: the terminal itself goes away (tmux kills the window), not just a
    // signal with the terminal still there. With crossterm alone the program could spin on the
    // dead terminal forever (crossterm#793).
    if std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_err()
    {
        // CI installs tmux (.ci/run); there a missing tmux is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but tmux is missing"
        );
        eprintln!("tmux is not installed: this test needs it to close a real window");
        return;
    }
    let guides = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    std::fs::write(
        data.path().join("site.toml"),
        "format = 1\n\n[site]\nid = \"ukendt-sted\"\n",
    )
    .unwrap();
    let socket = format!("vejviser-test-{}", std::process::id());
    let command = format!(
        "exec env VEJVISER_DATA_DIR='{}' VEJVISER_CONFIG_DIR='{0}/config' '{}' --guides '{guides}'",
        data.path().display(),
        env!("CARGO_BIN_EXE_vejviser")
    );
    let started = tmux(
        &socket,
        &[
            "new-session",
            "-d",
            "-s",
            "w",
            "-x",
            "80",
            "-y",
            "24",
            &command,
        ],
    );
    assert!(started.status.success(), "{started:?}");
    let pid: u32 =
        String::from_utf8(tmux(&socket, &["list-panes", "-t", "w", "-F", "#{pane_pid}"]).stdout)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
    let screen =
        || String::from_utf8(tmux(&socket, &["capture-pane", "-p", "-t", "w"]).stdout).unwrap();
    let wait_for = |text: &str| {
        let start = std::time::Instant::now();
        while !screen().contains(text) {
            assert!(
                start.elapsed() < common::pty::DEADLINE,
                "waited for {text}: {}",
                screen()
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    wait_for("Vælg en guide");
    tmux(
        &socket,
        &[
            "send-keys",
            "-t",
            "w",
            "/",
            "b",
            "o",
            "l",
            "i",
            "g",
            "Enter",
        ],
    );
    wait_for("Kan borgeren selv");

    tmux(&socket, &["kill-server"]);
    let start = std::time::Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            start.elapsed() < common::pty::DEADLINE,
            "the program is still running after its window was closed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }

    assert_eq!(
        logged(&db),
        [("boligstoette".to_string(), "abandoned".to_string())]
    );
}
