//! Hostile guides through the real terminal. A guide file is text anyone with write access to the
//! guides folder can change, so it is treated as untrusted input:
//!
//! - `tests/fixtures/hostile/` holds escape sequences (an OSC window title `ESC ] 0 ; pwned BEL`,
//!   clear screen, cursor moves, hyperlinks, a clipboard write), C0 and C1 control characters,
//!   bidirectional overrides and isolates and zero-width characters in every kind of text: guide,
//!   steps, choices, outcomes, rules, places, areas, services, test names;
//! - the test adds, in a temporary folder, a step with 10,000 choices, a chain of 500 steps, a
//!   line of about 25,000 characters and a 5,000-character word, a file whose *name* holds an
//!   escape sequence, and a file with raw control bytes.
//!
//! The real binary runs on it in a pseudo-terminal (80 × 24, through a `vt100` emulator). The
//! escapes must be on screen as visible text (`\u{1b}]0;pwned\u{7}`), the program's raw output
//! must never hold them (so the window title is never set), every screen must answer keys within
//! the harness deadline, and quitting must hand the terminal back as it was. `vejviser check`,
//! `test` and `walk --answers` on the same folder must finish and print no control character
//! taken from a guide.

#![cfg(unix)]

use crate::common;

use common::files::copy_dir;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::Session;
use vejviser::date::Date;
use vejviser::guide::OutcomeKind;
use vejviser::lang::Lang;
use vejviser::tui::strings::DA;

const WIDE_CHOICES: usize = 10_000;
const DEEP_STEPS: usize = 500;
const LONG_WORD: usize = 5_000;

/// What a guide asks the terminal to do, as it would appear in raw output. None of it may be
/// written by the program: it draws with cursor moves and colours only.
const FORBIDDEN_RAW: [&str; 17] = [
    "\x1b]0;",   // set window title
    "\x1b]2;",   // set window title
    "pwned\x07", // the end of the title sequence
    "\x1b]8;",   // hyperlink
    "\x1b]52;",  // clipboard
    "\x1b[6n",   // cursor position report (answers into the input)
    "\x1bc",     // full reset
    "\x1b[5m",   // blink
    "\x1b[8m",   // hidden text
    "\x07",      // bell, and the end of an OSC
    "\u{9b}",    // C1 CSI
    "\u{202e}",  // right-to-left override
    "\u{2066}",  // left-to-right isolate
    "\u{200b}",  // zero-width space
    "\u{feff}",  // zero-width no-break space
    "\x08",      // backspace
    "\x7f",      // delete
];

// ------------------------------------------------------------------------------- the folder

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn head(title: &str, start: &str) -> String {
    format!(
        "format = 1\n\n[guide]\ntitle = \"{title}\"\nsummary = \"Stor guide til test.\"\n\
         start = \"{start}\"\nreviewed = {}\nsources = [\"https://example.org\"]\n",
        Date::today()
    )
}

/// A step with 10,000 choices; choice 31 and the last lead somewhere of their own.
fn wide_guide() -> String {
    let mut out = head("Bred guide med ti tusind svar", "mange");
    out.push_str("\n[steps.mange]\nask = \"Hvilket af de ti tusind svar?\"\nchoices = [\n");
    for k in 1..=WIDE_CHOICES {
        let next = match k {
            31 => "nummer-31",
            WIDE_CHOICES => "sidste",
            _ => "slut",
        };
        out.push_str(&format!(
            "  {{ label = \"Valg {k}\", next = \"{next}\" }},\n"
        ));
    }
    out.push_str("]\n");
    for (id, title) in [
        ("slut", "Et almindeligt valg"),
        ("nummer-31", "Valgte nummer 31"),
        ("sidste", "Det sidste valg"),
    ] {
        out.push_str(&format!(
            "\n[outcomes.{id}]\nkind = \"guide\"\ntitle = \"{title}\"\nhelper = \"Vis vej.\"\n"
        ));
    }
    out.push_str(&format!(
        "\n[[tests]]\nname = \"Sidste\"\nanswers = [\"Valg {WIDE_CHOICES}\"]\nexpect = \"sidste\"\n"
    ));
    out
}

/// A chain of 500 steps, one answer each.
fn deep_guide() -> String {
    let mut out = head("Dyb guide med fem hundrede trin", "d1");
    for i in 1..=DEEP_STEPS {
        let next = if i == DEEP_STEPS {
            String::from("bunden")
        } else {
            format!("d{}", i + 1)
        };
        out.push_str(&format!(
            "\n[steps.d{i}]\nask = \"Dybde {i}?\"\nchoices = [ {{ label = \"Videre {i}\", next = \"{next}\" }} ]\n"
        ));
    }
    out.push_str(
        "\n[outcomes.bunden]\nkind = \"guide\"\ntitle = \"Bunden er nået\"\nhelper = \"Slut.\"\n",
    );
    let answers: Vec<String> = (1..=DEEP_STEPS)
        .map(|i| format!("\"Videre {i}\""))
        .collect();
    out.push_str(&format!(
        "\n[[tests]]\nname = \"Helt ned\"\nanswers = [{}]\nexpect = \"bunden\"\n",
        answers.join(", ")
    ));
    out
}

/// A line of about 25,000 characters and a 5,000-character word, in a question, its help, a
/// label and an outcome.
fn long_guide() -> String {
    let word = format!("Langtord{}", "x".repeat(LONG_WORD - 8));
    let line = "meget lang linje ".repeat(1_500);
    let mut out = head("Lang tekst og et langt ord", "lang");
    out.push_str(&format!(
        "\n[steps.lang]\nask = \"Ordet er {word} slut?\"\nhelp = \"{line}\"\n\
         choices = [ {{ label = \"Videre {word}\", next = \"ud\" }} ]\n\
         \n[outcomes.ud]\nkind = \"guide\"\ntitle = \"Ude af den lange tekst\"\nhelper = \"{line}\"\n\
         steps = [\"{word}\"]\n"
    ));
    out
}

/// The fixture plus the generated guides and broken files, in `<tmp>/guides`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let guides = dir.path().join("guides");
    copy_dir(&fixture(), &guides);
    // Fresh review dates, so `check` has nothing to say about the fixture itself.
    let hostile = guides.join("fjendtlig/fjendtlig.toml");
    let text = fs::read_to_string(&hostile).unwrap();
    fs::write(
        &hostile,
        text.replace("2026-11-20", &Date::today().to_string()),
    )
    .unwrap();
    let big = guides.join("stor");
    fs::create_dir(&big).unwrap();
    fs::write(big.join("bred.toml"), wide_guide()).unwrap();
    fs::write(big.join("dyb.toml"), deep_guide()).unwrap();
    fs::write(big.join("lang.toml"), long_guide()).unwrap();
    // Broken on purpose: an escape sequence in the file name, and raw control bytes in the text.
    fs::write(
        big.join("esc\x1b]0;pwned\x07.toml"),
        "format = 1\n\"\\u001b]0;pwned\\u0007\" = 1\n",
    )
    .unwrap();
    fs::write(
        big.join("raa.toml"),
        b"format = 1\ntitle = \"\x1b]0;pwned\x07 \x1b[2J \xc2\x9b31m \xe2\x80\xae\"\n",
    )
    .unwrap();
    dir
}

fn guides_arg(dir: &tempfile::TempDir) -> String {
    dir.path().join("guides").display().to_string()
}

// ------------------------------------------------------------------------- the real terminal

fn assert_raw_output_is_clean(session: &Session) {
    let raw = session.raw();
    for forbidden in FORBIDDEN_RAW {
        assert!(
            !raw.contains(forbidden),
            "the program wrote {forbidden:?} to the terminal"
        );
    }
    assert_eq!(
        raw.matches("\x1b[?1049l").count(),
        1,
        "the alternate screen was left more than once"
    );
}

/// The guide list, with no case open.
fn wait_for_picker(session: &Session) {
    session.wait_for("the guide list", |screen| {
        screen.contains(&format!("┌ {} ", DA.pick_title))
    });
}

/// Search for a guide by a word of its title and start it.
fn open(session: &mut Session, query: &str, title_start: &str) {
    session.send(b"/");
    // Erase what an earlier search left.
    session.send(&[0x7f; 40]);
    session.send(query.as_bytes());
    session.wait_for_text(&format!("{query}_"));
    session.wait_for_text(&format!("► {title_start}"));
    session.send(b"\r");
    session.wait_for_text(&format!("{} 1", DA.step_of));
}

#[test]
fn escapes_in_every_text_are_shown_as_text_and_never_reach_the_terminal() {
    let dir = workspace();
    let guides = guides_arg(&dir);
    let mut s = Session::start_with(&["--guides", &guides], tempfile::tempdir().unwrap());

    // The picker: the guide's title and its area heading show the escape as text.
    s.wait_for_text(DA.search_hint);
    open(&mut s, "fjendtlig", "Fjendtlig \\u{1b}]0;pw");
    let screen = s.wait_for_text("ryd skærm");
    for shown in [
        "Spørgsmål \\u{1b}[2J\\u{1b}[H",
        "\\u{d} vognretur",
        "Svar \\u{202e}to\\u{202c}",
    ] {
        assert!(screen.contains(shown), "`{shown}` not on screen:\n{screen}");
    }
    assert!(screen.contains("Svar \\u{1b}]0;pwned\\u{7} et"), "{screen}");
    // The rules panel: a must-not rule and a may rule, both hostile.
    assert!(screen.contains("Regel \\u{1b}]0;pwned\\u{7}"), "{screen}");

    // Answer 1: the second question, with isolates and a reset.
    s.send(b"1");
    let screen = s.wait_for_text("Andet \\u{2066}isoleret\\u{2069}");
    assert!(screen.contains("\\u{1b}c nulstil"), "{screen}");
    assert!(
        screen.contains("Videre \\u{200d}\\u{200c}\\u{2060}"),
        "{screen}"
    );

    // Answer 1 again: a referral to a hostile place.
    s.send(b"1");
    let screen = s.wait_for_text(&format!(
        " {}  Henvis \\u{{1b}}[5m",
        OutcomeKind::Refer.label(Lang::Da)
    ));
    assert!(screen.contains("Gør \\u{1b}]8;;http://evil"), "{screen}");
    let joined: String = screen.lines().map(str::trim).collect();
    assert!(
        joined.contains("Sted \\u{1b}]0;pwned\\u{7} navn"),
        "{screen}"
    );

    // Scroll down to the end of the outcome: the handout steps and the place's details.
    for _ in 0..20 {
        s.send(b"j");
    }
    s.wait_for_text("Note med \\u{202e}omvendt");

    // Back twice, then the other answer: a refusal whose texts try to leave the alternate
    // screen and hide the cursor.
    s.send(b"\x1b");
    s.wait_for_text("Andet \\u{2066}isoleret");
    s.send(b"\x1b");
    s.wait_for_text("ryd skærm");
    s.send(b"2");
    let screen = s.wait_for_text("Afvis \\u{1b}[?1049l alternativ skærm");
    assert!(screen.contains("Forklar \\u{1b}[?25l"), "{screen}");

    // End the case, then list the guide errors: the broken files are named with their
    // escape made visible.
    s.send(b"\r");
    wait_for_picker(&s);
    s.send(b"e");
    let screen = s.wait_for_text(DA.errors_title);
    let joined: String = screen.lines().map(str::trim).collect();
    assert!(
        joined.contains("esc\\u{1b}]0;pwned\\u{7}.toml") || joined.contains("raa.toml"),
        "{screen}"
    );
    s.send(b"\x1b");
    s.wait_for("the error list to close", |screen| {
        !screen.contains(DA.errors_title)
    });

    s.send(b"q");
    let status = s.wait_for_exit();
    assert!(status.success(), "exit status {}", status.exit_code());
    s.assert_terminal_restored();
    assert_raw_output_is_clean(&s);
}

#[test]
fn ten_thousand_choices_five_hundred_steps_and_a_five_thousand_character_word_stay_responsive() {
    let dir = workspace();
    let guides = guides_arg(&dir);
    let mut s = Session::start_with(&["--guides", &guides], tempfile::tempdir().unwrap());
    s.wait_for_text(DA.search_hint);

    // 10,000 choices: the first ones are listed, a digit answers, and the arrows reach choice
    // 31.
    open(&mut s, "bred", "Bred guide");
    s.wait_for_text(" 1  Valg 1 ");
    s.send(b"9");
    s.wait_for_text("Et almindeligt valg");
    s.send(b"\x1b");
    s.wait_for_text("Hvilket af de ti tusind");
    s.send("j".repeat(30).as_bytes());
    s.send(b"\r");
    s.wait_for_text("Valgte nummer 31");
    s.send(b"\r"); // end the case
    wait_for_picker(&s);

    // 500 steps: 500 answers typed at once all land, and the breadcrumb keeps the newest.
    open(&mut s, "dyb", "Dyb guide");
    s.wait_for_text("Dybde 1?");
    s.send("1".repeat(DEEP_STEPS).as_bytes());
    let screen = s.wait_for_text("Bunden er nået");
    assert!(screen.contains("Videre 500"), "{screen}");
    // Back one step, then restart: the first question again.
    s.send(b"\x1b");
    s.wait_for_text(&format!("{} {DEEP_STEPS}", DA.step_of));
    s.send(b"r");
    s.wait_for_text("Dybde 1?");
    s.send(b"q");
    s.wait_for_text(DA.quit_keys);
    s.send(b"n");
    s.wait_for(&format!("`{}` to close", DA.quit_keys), |screen| {
        !screen.contains(DA.quit_keys)
    });
    // Leave the case (Esc at the first question abandons it).
    s.send(b"\x1b");
    wait_for_picker(&s);

    // A 5,000-character word and a 25,000-character line: wrapped, scrollable, answerable.
    open(&mut s, "lang tekst", "Lang tekst");
    s.wait_for_text("Ordet er");
    s.wait_for_text("Langtordxxxx");
    s.wait_for_text(&"x".repeat(70));
    for _ in 0..50 {
        s.send(b"\x1b[6~"); // PgDn
    }
    s.send(b"1");
    s.wait_for_text("Ude af den lange tekst");

    s.send(b"\x03"); // Ctrl-C quits at once
    let status = s.wait_for_exit();
    assert!(status.success(), "exit status {}", status.exit_code());
    s.assert_terminal_restored();
    assert_raw_output_is_clean(&s);
}

// ---------------------------------------------------------------------------- the command line

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Run the binary with a time limit: a hang is a failure, not a stuck test run.
fn run(dir: &Path, args: &[&str]) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(args)
        .current_dir(dir)
        .env("VEJVISER_DATA_DIR", dir.join("data"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).unwrap();
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stderr.read_to_end(&mut buf).unwrap();
        buf
    });
    let limit = Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!(
                "`vejviser {}` did not finish within {limit:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
        took: started.elapsed(),
    }
}

/// No control character except line breaks, and none of the invisible characters a guide holds.
fn assert_printable(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
        })
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}");
}

/// No C0 control character (ESC, BEL, …) except line breaks.
fn assert_no_c0(what: &str, text: &str) {
    let bad: Vec<char> = text.chars().filter(|&c| c < ' ' && c != '\n').collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}");
}

#[test]
fn check_test_and_walk_finish_and_print_no_control_characters() {
    let dir = workspace();
    let guides = guides_arg(&dir);

    let check = run(dir.path(), &["check", "guides"]);
    assert_eq!(check.code, Some(1), "{}\n{}", check.stdout, check.stderr);
    assert_printable("check", &check.stdout);
    assert_printable("check (stderr)", &check.stderr);
    // Both broken files are named; the escape in the file name is shown as text.
    assert!(
        check.stdout.contains("esc\\u{1b}]0;pwned\\u{7}.toml:"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("raa.toml:2:"), "{}", check.stdout);
    assert!(
        check.stdout.contains("\\u{1b}]0;pwned\\u{7}"),
        "{}",
        check.stdout
    );
    println!("check on the hostile folder took {:?}", check.took);

    let json = run(dir.path(), &["check", "guides", "--format", "json"]);
    assert_eq!(json.code, Some(1));
    assert_printable("check --format json", &json.stdout);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(parsed["summary"]["errors"].as_u64().unwrap() >= 2);

    let test = run(dir.path(), &["test", "--guides", &guides]);
    assert_printable("test", &test.stdout);
    assert_printable("test (stderr)", &test.stderr);
    assert!(
        test.stdout.contains("Fjendtlig \\u{1b}]0;pwned\\u{7} test"),
        "{}",
        test.stdout
    );
    assert!(test.stdout.contains("Helt ned"), "{}", test.stdout);
    println!("test on the hostile folder took {:?}", test.took);

    for (guide, answers) in [
        ("fjendtlig", String::from("1;1")),
        ("fjendtlig", String::from("2")),
        ("bred", WIDE_CHOICES.to_string()),
        ("dyb", vec!["1"; DEEP_STEPS].join(";")),
        ("lang", String::from("1")),
    ] {
        for format in ["text", "json"] {
            let walk = run(
                dir.path(),
                &[
                    "walk",
                    guide,
                    "--answers",
                    &answers,
                    "--format",
                    format,
                    "--guides",
                    &guides,
                    "--no-log",
                ],
            );
            let what = format!("walk {guide} --format {format}");
            assert_eq!(
                walk.code,
                Some(0),
                "{what}\n{}\n{}",
                walk.stdout,
                walk.stderr
            );
            if format == "json" {
                // JSON carries the guide's text as data; the JSON writer escapes C0 controls
                // (ESC included), so no escape sequence can start.
                assert_no_c0(&what, &walk.stdout);
            } else {
                assert_printable(&what, &walk.stdout);
            }
            assert_printable(&what, &walk.stderr);
        }
    }
    let walk = run(
        dir.path(),
        &[
            "walk",
            "fjendtlig",
            "--answers",
            "1;1",
            "--guides",
            &guides,
            "--no-log",
        ],
    );
    for shown in [
        "\\u{1b}[5m blink",
        "Sted \\u{1b}]0;pwned\\u{7} navn",
        "\\u{1b}]52;c;",
    ] {
        assert!(
            walk.stdout.contains(shown),
            "`{shown}` not in:\n{}",
            walk.stdout
        );
    }
}
