//! `vejviser walk`: the same guidance as plain lines, for screen readers, SSH and scripts.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use rusqlite::Connection;

const GUIDES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");

struct Run {
    output: Output,
    _data: tempfile::TempDir,
    db: std::path::PathBuf,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8(self.output.stdout.clone()).unwrap()
    }

    fn stderr(&self) -> String {
        String::from_utf8(self.output.stderr.clone()).unwrap()
    }

    fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// (guide, ending, outcome) of every logged case.
    fn logged(&self) -> Vec<(String, String, Option<String>)> {
        let conn = Connection::open(&self.db).unwrap();
        let mut stmt = conn
            .prepare("SELECT guide, ending, outcome FROM cases ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

fn walk(args: &[&str], stdin: &str) -> Run {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["--guides", GUIDES, "--db"])
        .arg(&db)
        .arg("walk")
        .args(args)
        .env("VEJVISER_DATA_DIR", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    Run {
        output,
        _data: data,
        db,
    }
}

#[test]
fn an_interactive_walk_reads_like_a_transcript() {
    // A wrong number, an empty line, back, then the way to the outcome.
    let run = walk(&["boligstoette"], "7\n\nt\n1\n");
    assert_eq!(run.code(), Some(0));
    insta::assert_snapshot!("walk_transcript", run.stdout());
    assert_eq!(
        run.logged(),
        [(
            "boligstoette".to_string(),
            "finished".to_string(),
            Some("vejled".to_string())
        )]
    );
}

#[test]
fn search_then_choose_a_guide_by_number() {
    let run = walk(&[], "boligstøte\n1\n1\n");
    assert_eq!(run.code(), Some(0));
    let out = run.stdout();
    assert!(out.contains("1. Borgeren vil søge boligstøtte"), "{out}");
    assert!(
        out.contains("UDFALD: VEJLED - Borgeren søger selv på borger.dk"),
        "{out}"
    );
}

#[test]
fn an_answer_script_reaches_each_outcome_by_label_or_number() {
    for (answers, outcome) in [
        ("Ja", "vejled"),
        ("2", "henvis"),
        ("nej, og vi udfylder ikke sammen her", "henvis"),
    ] {
        let run = walk(&["boligstoette", "--answers", answers], "");
        assert_eq!(run.code(), Some(0), "{answers}: {}", run.stdout());
        let out = run.stdout();
        let expected = match outcome {
            "vejled" => "UDFALD: VEJLED - Borgeren søger selv på borger.dk",
            _ => "UDFALD: HENVIS - Henvis til borger.dk",
        };
        assert!(out.contains(expected), "{answers}: {out}");
        assert_eq!(run.logged()[0].2.as_deref(), Some(outcome));
    }
}

#[test]
fn json_output_names_the_outcome_and_the_path() {
    let run = walk(&["boligstoette", "--answers", "2", "--format", "json"], "");
    assert_eq!(run.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(value["guide"], "boligstoette");
    assert_eq!(value["outcome"]["id"], "henvis");
    assert_eq!(value["outcome"]["kind"], "refer");
    assert_eq!(value["path"], serde_json::json!(["kan-selv"]));
    assert_eq!(value["outcome"]["refer"]["id"], "borger-dk");
}

#[test]
fn output_has_no_escape_sequences_or_box_drawing() {
    let run = walk(&["paaroerende-vil-bruge-mitid"], "1\n1\n1\n1\n1\n");
    let out = run.stdout();
    assert!(!out.contains('\u{1b}'), "escape sequence in {out:?}");
    assert!(
        !out.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)),
        "box drawing in {out}"
    );
    assert!(
        out.contains("MÅ IKKE: "),
        "must-not rules are marked in words"
    );
}

#[test]
fn end_of_input_mid_case_is_logged_as_abandoned_with_exit_3() {
    let run = walk(&["boligstoette"], "");
    assert_eq!(run.code(), Some(3));
    assert!(run.stdout().contains("Sagen er gemt som afbrudt."));
    assert_eq!(
        run.logged(),
        [("boligstoette".to_string(), "abandoned".to_string(), None)]
    );
}

#[test]
fn answers_that_run_out_or_do_not_match_say_so() {
    let run = walk(
        &["paaroerende-vil-bruge-mitid", "--answers", "Borgeren selv"],
        "",
    );
    assert_eq!(run.code(), Some(3));
    assert!(run.stderr().contains("Svarene slap op ved:"));

    let run = walk(&["boligstoette", "--answers", "Måske"], "");
    assert_eq!(run.code(), Some(1));
    let err = run.stderr();
    assert!(err.contains("Svar 1 \"Måske\" passer ikke: 1. Ja"), "{err}");
}

#[test]
fn an_unknown_guide_suggests_close_ones() {
    let run = walk(&["boligstotte-xyz"], "");
    assert_eq!(run.code(), Some(2));
    let err = run.stderr();
    assert!(
        err.contains("Der findes ingen guide, der hedder \"boligstotte-xyz\""),
        "{err}"
    );
}

#[test]
fn no_log_writes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    let status = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["--guides", GUIDES, "--no-log", "--db"])
        .arg(&db)
        .args(["walk", "boligstoette", "--answers", "Ja"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(!db.exists());
}

#[test]
fn english_with_lang_en() {
    let run = walk(&["boligstoette", "--answers", "Ja", "--lang", "en"], "");
    let out = run.stdout();
    assert!(
        out.contains("OUTCOME: GUIDE - Borgeren søger selv på borger.dk"),
        "{out}"
    );
    assert!(out.contains("What you do now:"), "{out}");
}

#[test]
fn a_referral_shows_the_place_note_as_text_and_json() {
    let answers = "Borgeren vil have hjælp med MitID-appen";
    let run = walk(&["paaroerende-vil-bruge-mitid", "--answers", answers], "");
    assert_eq!(run.code(), Some(0), "{}", run.stdout());
    let out = run.stdout();
    assert!(out.contains("MitID Support"), "{out}");
    assert!(
        out.contains("Kan spærre MitID ved misbrug. Hav pas eller kørekort klar."),
        "{out}"
    );
    let json = walk(
        &[
            "paaroerende-vil-bruge-mitid",
            "--answers",
            answers,
            "--format",
            "json",
        ],
        "",
    );
    let value: serde_json::Value = serde_json::from_str(&json.stdout()).unwrap();
    assert_eq!(
        value["outcome"]["refer"]["note"],
        "Kan spærre MitID ved misbrug. Hav pas eller kørekort klar."
    );
}
