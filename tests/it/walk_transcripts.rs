//! Line mode as a screen reader user and a script meet it (issue 15): transcripts of the
//! binary with stdin piped. `!` and resume, rules said once, `?`, "Sagen er gemt", `q`, `h`,
//! no symbols speech reads badly, the site on the first line, and scripted errors (stderr,
//! JSON), label prefixes, and nothing logged for answers that fail.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use rusqlite::Connection;

const GUIDES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");
const MITID: &str = "paaroerende-vil-bruge-mitid";
const MUST_NOT_MITID: &str =
    "MÅ IKKE: Brug aldrig en anden persons MitID - heller ikke som pårørende eller ansat.";

struct Run {
    output: Output,
    data: tempfile::TempDir,
    db: PathBuf,
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

    /// (guide, ending, outcome) of every logged case; none if there is no log.
    fn logged(&self) -> Vec<(String, String, Option<String>)> {
        if !self.db.exists() {
            return Vec::new();
        }
        let conn = Connection::open(&self.db).unwrap();
        let Ok(mut stmt) = conn.prepare("SELECT guide, ending, outcome FROM cases ORDER BY id")
        else {
            return Vec::new();
        };
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// The stdout parsed as JSON.
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout()))
    }
}

fn case(guide: &str, ending: &str, outcome: Option<&str>) -> (String, String, Option<String>) {
    (
        guide.to_string(),
        ending.to_string(),
        outcome.map(str::to_string),
    )
}

/// `vejviser [global] walk ARGS` with a fresh data folder and log, stdin piped.
fn walk_with(global: &[&str], args: &[&str], stdin: &str) -> Run {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["--guides", GUIDES, "--db"])
        .arg(&db)
        .args(global)
        .arg("walk")
        .args(args)
        .env("VEJVISER_DATA_DIR", data.path())
        .env("VEJVISER_CONFIG_DIR", data.path().join("config"))
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
    Run { output, data, db }
}

fn walk(args: &[&str], stdin: &str) -> Run {
    walk_with(&[], args, stdin)
}

/// Where `needle` is in `hay`, failing with the whole text if it is not there.
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in:\n{hay}"))
}

// ------------------------------------------------------------------------------ safety key

#[test]
fn bang_opens_the_safety_guide_and_the_case_resumes_at_the_same_question() {
    // Step 1 answered, then `!` at step 2; the safety case runs to its outcome and is closed
    // with Enter; the first case goes on at step 2 and is finished.
    let run = walk(&[MITID], "1\n!\n1\n\n1\n\n");
    assert_eq!(run.code(), Some(0), "{}", run.stderr());
    let out = run.stdout();
    let asked = "Trin 2: Vil borgeren have, at du hjælper ved skærmen?";
    let first_ask = at(&out, asked);
    let banner = at(
        &out,
        "PRES ELLER SVINDEL: Sagen venter og fortsætter bagefter.",
    );
    let safety = at(&out, "Trin 1: Hvad sker der?");
    let safety_outcome = at(&out, "UDFALD: HENVIS - Spær MitID med det samme");
    let back = at(
        &out,
        "Tilbage til sagen: Pårørende vil bruge borgerens MitID",
    );
    let resumed = back + at(&out[back..], asked);
    let outcome = at(
        &out,
        "UDFALD: GØR DET SAMMEN MED BORGEREN - Log på sammen med borgeren",
    );
    assert!(first_ask < banner && banner < safety && safety < safety_outcome);
    assert!(safety_outcome < back && back < resumed && resumed < outcome);
    assert_eq!(out.matches("Sagen er gemt.").count(), 2, "{out}");
    // The safety case is a case of its own, logged when it ends, before the one it interrupted.
    assert_eq!(
        run.logged(),
        [
            case("pres-og-svindel", "finished", Some("spaer")),
            case(MITID, "finished", Some("goer-det-sammen")),
        ]
    );
}

#[test]
fn bang_inside_the_safety_guide_does_not_open_it_again() {
    let run = walk(&[MITID], "!\n!\nq\n");
    let out = run.stdout();
    assert!(
        out.contains("Du er allerede i guiden om pres og svindel."),
        "{out}"
    );
    assert_eq!(out.matches("PRES ELLER SVINDEL:").count(), 1, "{out}");
}

#[test]
fn q_in_the_safety_guide_ends_both_cases_as_abandoned() {
    let run = walk(&[MITID], "1\n!\nq\n");
    assert_eq!(run.code(), Some(0));
    let out = run.stdout();
    assert_eq!(
        out.matches("Sagen er gemt som afbrudt.").count(),
        2,
        "{out}"
    );
    assert_eq!(
        run.logged(),
        [
            case("pres-og-svindel", "abandoned", None),
            case(MITID, "abandoned", None),
        ]
    );
}

#[test]
fn back_at_the_first_question_of_the_safety_guide_returns_to_the_waiting_case() {
    let run = walk(&[MITID], "1\n!\nt\n2\n\n");
    assert_eq!(run.code(), Some(0), "{}", run.stderr());
    let out = run.stdout();
    let back = at(
        &out,
        "Tilbage til sagen: Pårørende vil bruge borgerens MitID",
    );
    assert!(at(&out, "Sagen er gemt som afbrudt.") < back, "{out}");
    assert!(out[back..].contains("UDFALD: VEJLED - Borgeren logger selv på - du viser vej"));
    assert_eq!(
        run.logged(),
        [
            case("pres-og-svindel", "abandoned", None),
            case(MITID, "finished", Some("vejled")),
        ]
    );
    // Without a waiting case, back at the first question stays there.
    let run = walk(&[MITID], "t\nq\n");
    assert!(run.stdout().contains("Du er ved første spørgsmål."));
}

#[test]
fn bang_at_the_search_prompt_starts_the_safety_guide() {
    let run = walk(&[], "!\n1\n\n");
    assert_eq!(run.code(), Some(0), "{}", run.stdout());
    let out = run.stdout();
    assert!(out.contains("Trin 1: Hvad sker der?"), "{out}");
    // Nothing was waiting, so nothing is said to wait.
    assert!(!out.contains("Sagen venter"), "{out}");
    assert_eq!(
        run.logged(),
        [case("pres-og-svindel", "finished", Some("spaer"))]
    );
}

// ------------------------------------------------------------------------------------ rules

#[test]
fn rules_are_read_in_full_once_then_said_as_the_same_rules() {
    // Step 1 (the guide's must-not rule), step 2 (two new rules), back to step 1.
    let run = walk(&[MITID], "1\nt\nq\n");
    let out = run.stdout();
    assert_eq!(out.matches(MUST_NOT_MITID).count(), 1, "{out}");
    let step2 = at(&out, "Trin 2:");
    let new_rule = at(&out, "SKAL: Kig væk, mens borgeren taster sin kode.");
    let old = at(&out, "Og 1 regel fra før (? gentager den).");
    assert!(step2 < new_rule && new_rule < old, "{out}");
    let back = out.rfind("Trin 1:").unwrap();
    assert!(back > step2, "{out}");
    assert!(
        out[back..].contains("Samme regler som før (? gentager dem)."),
        "{out}"
    );
}

#[test]
fn question_mark_repeats_every_rule_in_force() {
    let run = walk(&[MITID], "1\n?\nq\n");
    let out = run.stdout();
    let repeated = at(&out, "Reglerne, der gælder nu:");
    let tail = &out[repeated..];
    for rule in [
        MUST_NOT_MITID,
        "SKAL: Kig væk, mens borgeren taster sin kode.",
        "MÅ: Du må gerne pege på skærmen og vise, hvor borgeren skal trykke.",
    ] {
        assert!(tail.contains(rule), "`{rule}` not repeated:\n{out}");
    }
    // Must-not first, also when repeated.
    assert!(at(tail, "MÅ IKKE:") < at(tail, "SKAL:"));
    assert_eq!(out.matches(MUST_NOT_MITID).count(), 2, "{out}");
}

#[test]
fn rules_said_once_in_english_too() {
    let run = walk_with(&["--lang", "en"], &[MITID], "1\nt\n?\nq\n");
    let out = run.stdout();
    assert!(
        out.contains("Same rules as before (? repeats them)."),
        "{out}"
    );
    assert!(out.contains("The rules that apply now:"), "{out}");
    assert!(
        out.contains("And 1 rule from before (? repeats it)."),
        "{out}"
    );
    assert!(out.contains("MUST NOT: "), "{out}");
}

#[test]
fn a_refusal_is_announced_as_an_outcome_not_as_a_rule() {
    let run = walk(&[MITID], "2\n\n");
    let out = run.stdout();
    let heading = "UDFALD: AFVIS - Den pårørende må ikke bruge borgerens MitID";
    assert!(out.lines().any(|l| l == heading), "{out}");
    // Every MÅ IKKE line is a rule, never the outcome.
    for line in out.lines().filter(|l| l.starts_with("MÅ IKKE")) {
        assert_eq!(line, MUST_NOT_MITID);
    }
    let run = walk(&[MITID, "--answers", "2"], "");
    assert!(run.stdout().contains(heading), "{}", run.stdout());
}

#[test]
fn at_an_outcome_the_referral_and_phone_come_before_the_rules() {
    let run = walk(
        &[
            MITID,
            "--answers",
            "Borgeren vil have hjælp med MitID-appen",
        ],
        "",
    );
    assert_eq!(run.code(), Some(0), "{}", run.stderr());
    let out = run.stdout();
    // The order of the outcome's view, as the app shows it: the place and its phone on one row
    // right under the heading, then what to do, then the details (with when they were checked).
    let heading = at(&out, "UDFALD: HENVIS - Henvis til MitID Support");
    let place = at(&out, "Henvis til: MitID Support - 33 98 00 10");
    let now = at(&out, "Det gør du nu:");
    let details = at(&out, "Kontakt og åbningstider:");
    let phone = at(&out, "  Telefon: 33 98 00 10");
    let checked = at(&out, "  (tjekket 20");
    let rule = at(&out, MUST_NOT_MITID);
    let steps = at(&out, "Borgerens egne trin:");
    assert!(
        heading < place
            && place < now
            && now < details
            && details < phone
            && phone < checked
            && checked < rule
            && rule < steps,
        "{out}"
    );
}

// ------------------------------------------------------------------------- ending a case

#[test]
fn each_ending_says_whether_the_case_is_saved() {
    let run = walk(&["boligstoette"], "1\n\n");
    assert!(
        run.stdout().ends_with("Sagen er gemt.\n"),
        "{}",
        run.stdout()
    );

    let run = walk_with(&["--no-log"], &["boligstoette"], "1\n\n");
    assert!(
        run.stdout()
            .contains("Sagen er ikke gemt, fordi logning er slået fra (--no-log)."),
        "{}",
        run.stdout()
    );
    assert!(run.logged().is_empty());

    let run = walk_with(&["--lang", "en"], &["boligstoette"], "1\n\n");
    assert!(
        run.stdout().ends_with("The case is saved.\n"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_log_that_cannot_be_written_is_said_plainly_with_exit_4() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    std::fs::write(&db, "ikke en database\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["--guides", GUIDES, "--db"])
        .arg(&db)
        .args(["walk", "boligstoette"])
        .env("VEJVISER_DATA_DIR", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"1\n\n").unwrap();
    let output = child.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(4), "{out}");
    assert!(out.contains("Sagen kunne ikke gemmes"), "{out}");
    assert!(out.contains("gendannelsesfilen"), "{out}");
    assert!(!out.contains("Sagen er gemt."), "{out}");
}

#[test]
fn q_works_at_every_prompt() {
    // At a step: abandoned.
    let run = walk(&["boligstoette"], "q\n");
    assert_eq!(run.code(), Some(0));
    assert!(run.stdout().contains("Sagen er gemt som afbrudt."));
    assert_eq!(run.logged(), [case("boligstoette", "abandoned", None)]);
    // At an outcome: the case reached it, so it is finished.
    let run = walk(&["boligstoette"], "1\nq\n");
    assert_eq!(run.code(), Some(0));
    assert_eq!(
        run.logged(),
        [case("boligstoette", "finished", Some("vejled"))]
    );
    // At the search prompt and at the number prompt: nothing was started.
    for input in ["q\n", "boligstøtte\nq\n"] {
        let run = walk(&[], input);
        assert_eq!(run.code(), Some(0), "{input:?}: {}", run.stdout());
        assert!(run.logged().is_empty(), "{input:?}");
    }
}

#[test]
fn h_at_an_outcome_writes_the_handout_in_the_apps_folder() {
    let run = walk(&["boligstoette"], "1\nh\n\n");
    assert_eq!(run.code(), Some(0), "{}", run.stderr());
    let out = run.stdout();
    let folder = run.data.path().join("udskrifter");
    let line = out
        .lines()
        .find(|l| l.contains("Udskrift gemt: "))
        .unwrap_or_else(|| panic!("no handout line in:\n{out}"));
    let path = Path::new(line.split("Udskrift gemt: ").nth(1).unwrap());
    assert_eq!(path.parent(), Some(folder.as_path()), "{line}");
    assert!(path.ends_with(format!(
        "{}-boligstoette-vejled.txt",
        vejviser::date::Date::today()
    )));
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("Gå ind på borger.dk"), "{text}");
    // Writing the handout does not end the case; Enter does.
    assert!(at(&out, "Udskrift gemt") < at(&out, "Sagen er gemt."));
    assert_eq!(
        run.logged(),
        [case("boligstoette", "finished", Some("vejled"))]
    );
}

#[test]
fn h_at_an_outcome_without_citizen_steps_says_there_is_nothing_to_print() {
    let run = walk(&[MITID], "1\n1\nh\n\n");
    let out = run.stdout();
    assert!(
        out.contains("Dette udfald har ingen trin til borgeren."),
        "{out}"
    );
    assert!(!run.data.path().join("udskrifter").exists());
}

#[test]
fn a_case_whose_output_fails_is_still_logged_as_abandoned() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["--guides", GUIDES, "--db"])
        .arg(&db)
        .args(["walk", "boligstoette"])
        .env("VEJVISER_DATA_DIR", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"1\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(!output.status.success());
    let run = Run {
        output,
        data,
        db: db.clone(),
    };
    assert_eq!(run.logged(), [case("boligstoette", "abandoned", None)]);
}

// ------------------------------------------------------------------------------ symbols, site

#[test]
fn no_symbol_that_screen_readers_read_badly_is_written() {
    // The fixture guide has »…« and – in its help, outcome steps and rules.
    let runs = [
        walk(&[MITID], "1\n2\n?\nh\n\n"),
        walk(&[MITID], "3\n!\n2\n\n\n"),
        walk_with(&["--lang", "en"], &[MITID], "1\n2\n?\n\n"),
        walk(&[MITID, "--answers", "1;2"], ""),
        walk(&[MITID, "--answers", "Borgeren vil"], ""),
        walk(&[], "mitid\n1\nq\n"),
        // Messages that list the choices (a wrong answer, an ambiguous one).
        walk(&[MITID, "--answers", "x"], ""),
        walk(&[MITID], "x\nborg\nq\n"),
    ];
    for run in &runs {
        let all = format!("{}{}", run.stdout(), run.stderr());
        assert!(all.contains("MitID"), "{all}");
        for bad in ['→', '»', '«', '–', '—', '•', '|'] {
            assert!(!all.contains(bad), "`{bad}` in:\n{all}");
        }
    }
    // The guide's own text is kept, with plain characters.
    let out = runs[0].stdout();
    assert!(
        out.contains("Gå ind på borger.dk og tryk på \"Log på\"."),
        "{out}"
    );
    assert!(out.contains("Hjælp: \"Borgeren\" er den, hvis MitID det handler om - fx faren."));
}

#[test]
fn the_first_line_says_the_site() {
    let run = walk(&["boligstoette"], "q\n");
    let first = run.stdout().lines().next().unwrap_or_default().to_string();
    assert!(
        first.starts_with("Sted: ingen site-fil er indlæst"),
        "{first}"
    );

    let run = walk(&[], "q\n");
    let first = run.stdout().lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with("Sted: ingen site-fil"), "{first}");

    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site.toml");
    std::fs::write(
        &site,
        "format = 1\n\n[site]\nid = \"hovedbiblioteket\"\nname = \"Hovedbiblioteket\"\nrole = \"bibliotek\"\noffers = [\"app-cafe\"]\n",
    )
    .unwrap();
    let site = site.to_str().unwrap();
    let run = walk_with(&["--site", site], &["boligstoette"], "q\n");
    let first = run.stdout().lines().next().unwrap_or_default().to_string();
    assert_eq!(
        first,
        "Sted: Hovedbiblioteket (bibliotek)",
        "{}",
        run.stderr()
    );

    let run = walk_with(
        &["--site", site, "--lang", "en"],
        &[MITID, "--answers", "4"],
        "",
    );
    let first = run.stdout().lines().next().unwrap_or_default().to_string();
    assert_eq!(first, "Site: Hovedbiblioteket (library)");
    // With the site's app-café, choice 4 is the app-café referral.
    assert!(
        run.stdout().contains("App-caféen i biblioteket"),
        "{}",
        run.stdout()
    );

    let run = walk_with(
        &["--site", site],
        &[MITID, "--answers", "4", "--format", "json"],
        "",
    );
    let value = run.json();
    assert_eq!(value["site"]["id"], "hovedbiblioteket");
    assert_eq!(value["site"]["role"], "bibliotek");
}

// --------------------------------------------------------------------------- scripted walks

#[test]
fn answers_may_be_any_unique_beginning_of_a_label() {
    for (answers, outcome) in [
        ("borgeren s;nej, m", "vejled"),
        ("BORGEREN SELV;ja", "goer-det-sammen"),
        ("en p", "afvis"),
        ("Borgeren og", "fuldmagt"),
        ("1;Nej, b", "henvis"),
    ] {
        let run = walk(&[MITID, "--answers", answers, "--format", "json"], "");
        assert_eq!(run.code(), Some(0), "{answers}: {}", run.stderr());
        assert_eq!(run.json()["outcome"]["id"], outcome, "{answers}");
        assert_eq!(run.logged().len(), 1);
    }
}

#[test]
fn an_ambiguous_beginning_is_an_error_naming_the_candidates() {
    let run = walk(&[MITID, "--answers", "borgeren selv;nej"], "");
    assert_eq!(run.code(), Some(1));
    let err = run.stderr();
    assert!(err.contains("Svar 2 \"nej\" passer på flere svar"), "{err}");
    assert!(
        err.contains("2. Nej, men vis vej; 3. Nej, borgeren vil hellere ringe"),
        "{err}"
    );
    assert!(run.stdout().is_empty() || !run.stdout().contains("UDFALD"));
    assert!(run.logged().is_empty(), "a failed script logs nothing");

    let run = walk(&[MITID, "--answers", "borg", "--format", "json"], "");
    assert_eq!(run.code(), Some(1));
    let value = run.json();
    assert_eq!(value["error"]["code"], "ambiguous_answer");
    let message = value["error"]["message"].as_str().unwrap();
    assert!(message.contains("1. Borgeren selv"), "{message}");
    assert!(
        message.contains("4. Borgeren vil have hjælp med MitID-appen"),
        "{message}"
    );
    assert!(!message.contains("2. En pårørende"), "{message}");
}

#[test]
fn an_ambiguous_beginning_typed_at_a_prompt_lists_the_candidates() {
    let run = walk(&[MITID], "borgeren s\nnej\nnej, m\n\n");
    let out = run.stdout();
    assert!(
        out.contains("Det passer på flere svar. Skriv et af numrene: 2. Nej, men vis vej; 3. Nej, borgeren vil hellere ringe"),
        "{out}"
    );
    assert_eq!(run.logged(), [case(MITID, "finished", Some("vejled"))]);
}

#[test]
fn failed_answers_log_nothing_and_go_to_stderr() {
    for (answers, code) in [
        ("1;1;1", "too_many_answers"),
        ("Måske", "answer_does_not_match"),
        ("9", "answer_does_not_match"),
    ] {
        let run = walk(&["boligstoette", "--answers", answers], "");
        assert_eq!(run.code(), Some(1), "{answers}");
        assert!(!run.stderr().is_empty(), "{answers}");
        assert!(
            !run.stdout().contains("UDFALD"),
            "{answers}: {}",
            run.stdout()
        );
        assert!(run.logged().is_empty(), "{answers}: {:?}", run.logged());

        let run = walk(
            &["boligstoette", "--answers", answers, "--format", "json"],
            "",
        );
        assert_eq!(run.code(), Some(1), "{answers}");
        let value = run.json();
        assert_eq!(value["error"]["code"], code, "{answers}");
        assert!(
            value["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
        assert!(run.logged().is_empty(), "{answers}");
    }
}

#[test]
fn json_errors_are_objects_on_stdout_with_a_non_zero_exit() {
    let run = walk(
        &["boligstotte-xyz", "--answers", "1", "--format", "json"],
        "",
    );
    assert_eq!(run.code(), Some(2));
    assert_eq!(run.json()["error"]["code"], "unknown_guide");
    assert!(
        run.stderr().contains("Der findes ingen guide"),
        "{}",
        run.stderr()
    );

    let run = walk(&[MITID, "--answers", "1"], "");
    assert_eq!(run.code(), Some(3));
    assert!(run.stdout().starts_with("Sted: "), "{}", run.stdout());
    assert!(run.stdout().contains("Sagen er gemt som afbrudt."));
    assert!(
        run.stderr()
            .contains("Svarene slap op ved: Vil borgeren have")
    );
    assert_eq!(run.logged(), [case(MITID, "abandoned", None)]);

    let run = walk(&[MITID, "--answers", "1", "--format", "json"], "");
    assert_eq!(run.code(), Some(3));
    let value = run.json();
    assert_eq!(value["error"]["code"], "answers_ran_out");
    assert!(
        value["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Svarene slap op ved: Vil borgeren have"),
        "{value}"
    );
}

#[test]
fn json_without_answers_is_a_usage_error() {
    let run = walk(&["boligstoette", "--format", "json"], "1\n");
    assert_eq!(run.code(), Some(2));
    assert_eq!(run.json()["error"]["code"], "usage");
    assert!(
        run.stderr().contains("--format json kræver --answers"),
        "{}",
        run.stderr()
    );
    assert!(run.logged().is_empty());
}

#[test]
fn a_successful_json_walk_says_what_became_of_the_case() {
    let run = walk(&["boligstoette", "--answers", "ja", "--format", "json"], "");
    assert_eq!(run.code(), Some(0));
    assert_eq!(run.json()["log"], "saved");
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    let run = walk_with(
        &["--no-log"],
        &["boligstoette", "--answers", "ja", "--format", "json"],
        "",
    );
    assert_eq!(run.json()["log"], "off");
}

#[cfg(unix)]
#[test]
fn a_signal_during_the_safety_guide_logs_both_open_cases() {
    use std::io::Read;
    use std::time::{Duration, Instant};
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("sager.sqlite3");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["--guides", GUIDES, "--db"])
        .arg(&db)
        .args(["walk", MITID])
        .env("VEJVISER_DATA_DIR", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kept open: the program then waits at the safety guide's first question.
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"1\n!\n").unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let start = Instant::now();
    loop {
        let text = String::from_utf8_lossy(&seen);
        if text
            .split("Hvad sker der?")
            .nth(1)
            .is_some_and(|t| t.contains("Svar:"))
        {
            break;
        }
        let mut buf = [0u8; 256];
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "output ended: {text}");
        seen.extend_from_slice(&buf[..n]);
        assert!(start.elapsed() < Duration::from_secs(20));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(!status.success());
    drop(stdin);
    let run = Run {
        output: Output {
            status,
            stdout: seen,
            stderr: Vec::new(),
        },
        data,
        db,
    };
    let mut logged = run.logged();
    logged.sort();
    assert_eq!(
        logged,
        [
            case(MITID, "abandoned", None),
            case("pres-og-svindel", "abandoned", None),
        ]
    );
}

#[test]
fn a_handout_that_cannot_be_written_says_why_and_the_case_goes_on() {
    let data = tempfile::tempdir().unwrap();
    // A file where the handout folder should be.
    std::fs::write(data.path().join("udskrifter"), "").unwrap();
    let db = data.path().join("sager.sqlite3");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["--guides", GUIDES, "--db"])
        .arg(&db)
        .args(["walk", "boligstoette"])
        .env("VEJVISER_DATA_DIR", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"1\nh\n\n").unwrap();
    let output = child.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.contains("Udskriften kunne ikke gemmes ("), "{out}");
    assert!(out.contains("Sagen er gemt."), "{out}");
}
