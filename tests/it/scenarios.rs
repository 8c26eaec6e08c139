//! Scenario tests written inside guides: `vejviser::scenario::run_guide` and the
//! `vejviser test` command.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use vejviser::guide::{Guide, InputFile, Loaded, load_files};
use vejviser::scenario::{Failure, GuideRun, run_guide};

// ---------------------------------------------------------------------------- library level

const SERVICES: &str = "format = 1\n\n[services.mobilepay]\ntext = \"Hjælper med MobilePay.\"\n";

/// A guide with three steps and four outcomes, written out of alphabetical order on purpose.
/// `[[tests]]` entries are appended by each test.
const GUIDE: &str = r#"format = 1

[guide]
title    = "Scenarier"
summary  = "En guide til at prøve scenarietests af."
start    = "hvem"
reviewed = 2026-11-01
sources  = ["https://example.org"]

[steps.hvem]
ask     = "Hvem står ved skranken?"
choices = [
  { label = "Borgeren selv", next = "hvad" },
  { label = "En pårørende", next = "vejled-paaroerende" },
  { label = "MobilePay", next = "mobilepay", when = "mobilepay" },
]

[steps.hvad]
ask     = "Hvad skal borgeren?"
choices = [
  { label = "Søge om noget", next = "soeg" },
  { label = "Læse post", next = "vejled-post" },
]

[steps.soeg]
ask     = "Har borgeren sit MitID med?"
choices = [
  { label = "Ja", next = "vejled-post" },
  { label = "Nej", next = "kom-igen" },
]

[outcomes.vejled-post]
kind   = "guide"
title  = "Vejled om Digital Post"
helper = "Vis appen."

[outcomes.vejled-paaroerende]
kind   = "guide"
title  = "Vejled den pårørende"
helper = "Forklar fuldmagt."

[outcomes.kom-igen]
kind   = "guide"
title  = "Kom igen med MitID"
helper = "Bed borgeren komme igen."

[outcomes.mobilepay]
kind   = "guide"
title  = "MobilePay"
helper = "Hjælp i gang."
when   = "mobilepay"
"#;

fn file(name: &str, text: &str) -> InputFile {
    InputFile {
        display: format!("guides/{name}"),
        relative: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

/// `[[tests]]` entry text.
fn scenario(name: &str, answers: &[&str], expect: &str) -> String {
    let answers: Vec<String> = answers.iter().map(|a| format!("{a:?}")).collect();
    format!(
        "\n[[tests]]\nname    = {name:?}\nanswers = [{}]\nexpect  = {expect:?}\n",
        answers.join(", ")
    )
}

fn load_with(guide_text: &str) -> (Loaded, Arc<Guide>) {
    let loaded = load_files(vec![
        file("services.toml", SERVICES),
        file("omraade/scenarier.toml", guide_text),
    ]);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let guide = Arc::clone(loaded.library.guide("scenarier").unwrap());
    (loaded, guide)
}

/// Run the given `[[tests]]` entries against the guide.
fn run(tests: &[String]) -> GuideRun {
    let (_, guide) = load_with(&format!("{GUIDE}{}", tests.concat()));
    run_guide(&guide)
}

fn results(run: &GuideRun) -> Vec<(&str, Result<(), Failure>)> {
    run.runs
        .iter()
        .map(|r| (r.name.as_str(), r.result.clone()))
        .collect()
}

#[test]
fn a_scenario_that_reaches_its_outcome_passes() {
    let run = run(&[
        scenario("kort", &["En pårørende"], "vejled-paaroerende"),
        scenario(
            "lang",
            &["Borgeren selv", "Søge om noget", "Nej"],
            "kom-igen",
        ),
    ]);
    assert_eq!(results(&run), [("kort", Ok(())), ("lang", Ok(()))]);
    assert_eq!((run.passed(), run.failed()), (2, 0));
}

#[test]
fn a_scenario_reaching_another_outcome_fails_naming_both() {
    let run = run(&[scenario(
        "forkert",
        &["Borgeren selv", "Søge om noget", "Ja"],
        "kom-igen",
    )]);
    assert_eq!(
        results(&run),
        [(
            "forkert",
            Err(Failure::WrongOutcome {
                expected: "kom-igen".into(),
                got: "vejled-post".into(),
            })
        )]
    );
    assert_eq!((run.passed(), run.failed()), (0, 1));
}

#[test]
fn an_unknown_label_fails_and_lists_the_visible_choices() {
    let run = run(&[scenario(
        "stavefejl",
        &["Borgeren selv", "Søg om noget"],
        "kom-igen",
    )]);
    let failure = Failure::NoSuchAnswer {
        index: 2,
        label: "Søg om noget".into(),
        visible: vec!["Søge om noget".into(), "Læse post".into()],
    };
    assert_eq!(results(&run), [("stavefejl", Err(failure.clone()))]);
    assert_eq!(
        failure.message(vejviser::lang::Lang::En),
        "answer 2 \"Søg om noget\" is not a choice here; choices: \"Søge om noget\", \"Læse post\""
    );
}

#[test]
fn a_choice_hidden_at_the_site_is_not_a_valid_answer_unless_the_scenario_offers_it() {
    let hidden = scenario("uden", &["MobilePay"], "mobilepay");
    let offered = format!(
        "{}offers  = [\"mobilepay\"]\n",
        scenario("med", &["MobilePay"], "mobilepay")
    );
    let run = run(&[hidden, offered]);
    assert_eq!(
        results(&run),
        [
            (
                "uden",
                Err(Failure::NoSuchAnswer {
                    index: 1,
                    label: "MobilePay".into(),
                    visible: vec!["Borgeren selv".into(), "En pårørende".into()],
                })
            ),
            ("med", Ok(())),
        ]
    );
}

#[test]
fn labels_match_without_regard_to_case_or_surrounding_spaces() {
    let run = run(&[scenario(
        "små bogstaver",
        &[" borgeren selv ", "LÆSE POST"],
        "vejled-post",
    )]);
    assert_eq!(results(&run), [("små bogstaver", Ok(()))]);
}

#[test]
fn answers_running_out_at_a_step_fail_naming_the_step() {
    let run = run(&[
        scenario("for få", &["Borgeren selv", "Søge om noget"], "kom-igen"),
        scenario("ingen", &[], "kom-igen"),
    ]);
    assert_eq!(
        results(&run),
        [
            (
                "for få",
                Err(Failure::StoppedAtStep {
                    step: "soeg".into()
                })
            ),
            (
                "ingen",
                Err(Failure::StoppedAtStep {
                    step: "hvem".into()
                })
            ),
        ]
    );
}

#[test]
fn answers_left_over_at_an_outcome_fail_counting_them() {
    let run = run(&[scenario(
        "for mange",
        &["En pårørende", "Ja", "Nej"],
        "vejled-paaroerende",
    )]);
    assert_eq!(
        results(&run),
        [(
            "for mange",
            Err(Failure::TooManyAnswers {
                outcome: "vejled-paaroerende".into(),
                left: 2,
            })
        )]
    );
}

#[test]
fn coverage_collects_steps_and_outcomes_reached_and_lists_the_rest_in_file_order() {
    let run = run(&[
        scenario("post", &["Borgeren selv", "Læse post"], "vejled-post"),
        // A failing scenario proves nothing, so it does not count for what it passed through.
        scenario(
            "forkert",
            &["Borgeren selv", "Søge om noget"],
            "vejled-post",
        ),
    ]);
    assert_eq!(
        run.steps_reached
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["hvad", "hvem"]
    );
    assert_eq!(
        run.outcomes_reached
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["vejled-post"]
    );
    assert_eq!(
        run.uncovered_outcomes(),
        ["vejled-paaroerende", "kom-igen", "mobilepay"]
    );
}

#[test]
fn a_guide_without_scenarios_runs_nothing_and_covers_nothing() {
    let run = run(&[]);
    assert!(run.runs.is_empty());
    assert!(run.steps_reached.is_empty());
    assert_eq!(run.uncovered_outcomes().len(), 4);
}

#[test]
fn a_guide_that_cannot_start_fails_every_scenario() {
    let text = GUIDE.replace(r#"start    = "hvem""#, r#"start    = "kom-igen""#);
    let (_, guide) = load_with(&format!("{text}{}", scenario("s", &["Ja"], "kom-igen")));
    let run = run_guide(&guide);
    assert_eq!(results(&run), [("s", Err(Failure::CannotStart))]);
}

#[test]
fn each_result_points_at_its_tests_entry() {
    let tests = [
        scenario("en", &["En pårørende"], "vejled-paaroerende"),
        scenario("to", &["En pårørende"], "kom-igen"),
    ];
    let text = format!("{GUIDE}{}", tests.concat());
    let (loaded, guide) = load_with(&text);
    let run = run_guide(&guide);
    let header_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| *line == "[[tests]]")
        .map(|(i, _)| i + 1)
        .collect();
    let places: Vec<String> = run
        .runs
        .iter()
        .map(|r| loaded.sources.location(&r.span))
        .collect();
    let expected: Vec<String> = header_lines
        .iter()
        .map(|line| format!("guides/omraade/scenarier.toml:{line}:1"))
        .collect();
    assert_eq!(places, expected);
}

// ------------------------------------------------------------------------------- the command

struct Run {
    code: Option<i32>,
    stdout: String,
}

/// Run `vejviser` inside `tests/fixtures`, so paths in the output are short and fixed.
fn vejviser(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .output()
        .unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
    }
}

fn last_line(run: &Run) -> &str {
    run.stdout.trim_end().lines().last().unwrap_or("")
}

#[test]
fn all_scenarios_passing_exits_0_with_a_line_each() {
    let run = vejviser(&["test", "clean"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    let ok_lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("ok "))
        .collect();
    assert_eq!(
        ok_lines,
        [
            "ok    mitid/hjaelp-med-mitid: Borgeren får hjælp ved skærmen",
            "ok    mitid/hjaelp-med-mitid: Borgeren vil selv",
            "ok    mitid/hjaelp-med-mitid: Borgeren vil ringe",
            "ok    mitid/hjaelp-med-mitid: Pårørende alene bliver afvist",
        ]
    );
    assert!(
        run.stdout
            .contains("Dækning: 2/2 trin (100 %), 4/4 udfald (100 %)")
    );
    assert_eq!(last_line(&run), "4 bestået, 0 fejlet");
}

#[test]
fn a_failing_scenario_exits_1_and_says_where_and_why() {
    let run = vejviser(&["test", "failing-scenario"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    insta::assert_snapshot!("failing_scenario_da", run.stdout);
    assert_eq!(last_line(&run), "1 bestået, 1 fejlet");
}

#[test]
fn the_summary_is_in_english_with_lang_en() {
    let run = vejviser(&["test", "failing-scenario", "--lang", "en"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stdout
            .contains("FAIL  area/forkert-udfald: Borgeren er her ikke\n")
    );
    assert!(
        run.stdout
            .contains("expected outcome `vejled`, got `kom-igen`")
    );
    assert_eq!(last_line(&run), "1 passed, 1 failed");
}

#[test]
fn a_broken_guide_fails_the_run_even_when_every_scenario_that_ran_passed() {
    let run = vejviser(&["test", "one-broken"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stdout.contains("fejl[wrong-type]"), "{}", run.stdout);
    assert!(run.stdout.contains("ok    area/god: Borgeren er her\n"));
    // The broken guide's own scenario is not run.
    assert!(!run.stdout.contains("i-stykker:"), "{}", run.stdout);
    assert_eq!(last_line(&run), "1 bestået, 0 fejlet");
}
