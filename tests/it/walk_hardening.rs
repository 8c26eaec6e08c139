//! `vejviser walk` keeps its case when it is stopped (SIGHUP, SIGTERM, Ctrl-C) or its output
//! fails, and exits non-zero when the case could not be saved (issue 13, item 12).

#![cfg(unix)]

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

const GUIDES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");
const GUIDE: &str = "paaroerende-vil-bruge-mitid";

fn logged(db: &std::path::Path) -> Vec<(String, String)> {
    let conn = Connection::open(db).unwrap();
    conn.prepare("SELECT guide, ending FROM cases ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn vejviser(db: &std::path::Path, data: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vejviser"));
    command
        .args(["--guides", GUIDES, "--db"])
        .arg(db)
        .env("VEJVISER_DATA_DIR", data);
    command
}

#[test]
fn a_stopped_walk_logs_its_case_as_abandoned_and_exits_non_zero() {
    for signal in ["HUP", "TERM", "INT"] {
        let data = tempfile::tempdir().unwrap();
        let db = data.path().join("sager.sqlite3");
        let mut child = vejviser(&db, data.path())
            .args(["walk", GUIDE])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until it asks for an answer (it is then blocked reading input).
        let mut stdout = child.stdout.take().unwrap();
        let mut seen = Vec::new();
        let start = Instant::now();
        while !String::from_utf8_lossy(&seen).contains("Svar:") {
            let mut buf = [0u8; 256];
            let n = stdout.read(&mut buf).unwrap();
            assert!(n > 0, "output ended: {}", String::from_utf8_lossy(&seen));
            seen.extend_from_slice(&buf[..n]);
            assert!(start.elapsed() < Duration::from_secs(20));
        }
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert!(!status.success(), "SIG{signal}: {status:?}");
        assert_eq!(
            logged(&db),
            [(GUIDE.to_string(), "abandoned".to_string())],
            "SIG{signal}"
        );
    }
}

#[test]
fn a_walk_whose_output_fails_still_logs_its_case() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    // Standard output opened for reading only: every write fails.
    let unwritable = std::fs::File::open("/dev/null").unwrap();
    let out = vejviser(&db, data.path())
        .args(["walk", GUIDE])
        .stdin(Stdio::piped())
        .stdout(Stdio::from(unwritable))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(logged(&db), [(GUIDE.to_string(), "abandoned".to_string())]);
}

#[test]
fn a_walk_whose_case_could_not_be_saved_exits_non_zero_and_keeps_it_aside() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    std::fs::write(&db, "ikke en database\n").unwrap();
    let out = vejviser(&db, data.path())
        .args(["walk", GUIDE, "--answers", "1;1"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("kunne ikke gemmes"), "{stderr}");
    let recovery = vejviser::log::recovery_path(&db);
    let text = std::fs::read_to_string(&recovery).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("\"finished\""), "{text}");
}
