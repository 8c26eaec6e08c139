//! `vejviser check` as a user runs it: exit codes, text and JSON output, language.
//!
//! `check` judges freshness against today's date, so each test copies its fixture folder into a
//! temporary folder with every `reviewed` date set to today. The tests then do not start failing
//! a year from now, and running from inside that folder keeps temporary paths out of the output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use vejviser::date::Date;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn last_line(&self) -> &str {
        self.stdout.trim_end().lines().last().unwrap_or("")
    }
}

/// Run the binary in `dir` with `args`.
fn vejviser(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A temporary folder holding copies of the named fixture folders, reviewed today.
fn workspace(folders: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let today = Date::today().to_string();
    for folder in folders {
        copy_fresh(&fixtures().join(folder), &dir.path().join(folder), &today);
    }
    dir
}

fn copy_fresh(from: &Path, to: &Path, today: &str) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_fresh(&path, &target, today);
            continue;
        }
        let bytes = fs::read(&path).unwrap();
        // Files that are not UTF-8 on purpose are copied as they are.
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => text
                .split_inclusive('\n')
                .map(|line| match line.split_once('=') {
                    // A date, not a text in quotes (that one is wrong on purpose).
                    Some((key, value))
                        if key.trim() == "reviewed" && value.trim().starts_with("20") =>
                    {
                        format!("{key}= {today}\n")
                    }
                    _ => line.to_string(),
                })
                .collect::<String>()
                .into_bytes(),
            Err(err) => err.into_bytes(),
        };
        fs::write(target, bytes).unwrap();
    }
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

// ----------------------------------------------------------------------------------- exit codes

#[test]
fn clean_guides_exit_0_with_only_the_summary() {
    let dir = workspace(&["clean"]);
    let run = vejviser(dir.path(), &["check", "clean"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert_eq!(run.stdout, "Læste 1 guide: 0 fejl, 0 advarsler\n");
}

#[test]
fn warnings_alone_do_not_fail_the_check() {
    let dir = workspace(&["warnings-only"]);
    let run = vejviser(dir.path(), &["check", "warnings-only"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(
        run.stdout.starts_with("advarsel[no-tests]: "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("--> warnings-only/area/uden-tests.toml:1:1"),
        "{}",
        run.stdout
    );
    assert_eq!(run.last_line(), "Læste 1 guide: 0 fejl, 1 advarsel");
}

#[test]
fn any_error_exits_1() {
    let dir = workspace(&["one-broken"]);
    let run = vejviser(dir.path(), &["check", "one-broken"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert_eq!(run.last_line(), "Læste 2 guides: 1 fejl, 0 advarsler");
}

#[test]
fn a_path_that_does_not_exist_exits_1() {
    let dir = workspace(&[]);
    let run = vejviser(dir.path(), &["check", "findes-ikke"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stdout.contains("fejl[path-not-found]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("--> findes-ikke\n"), "{}", run.stdout);
}

#[test]
fn usage_errors_exit_2() {
    let dir = workspace(&["clean"]);
    for args in [
        &["check", "--bogus", "clean"][..],
        &["check", "--format", "yaml", "clean"],
        &["check", "--lang", "sv", "clean"],
        &["kontroller"],
    ] {
        let run = vejviser(dir.path(), args);
        assert_eq!(run.code, Some(2), "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.is_empty(), "{args:?} printed {}", run.stdout);
        assert!(!run.stderr.is_empty(), "{args:?} explained nothing");
    }
}

#[test]
fn guides_flag_is_used_when_no_path_is_given() {
    let dir = workspace(&["one-broken", "clean"]);
    let run = vejviser(dir.path(), &["check", "--guides", "one-broken"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stdout.contains("one-broken/area/i-stykker.toml:12:11"));
    // A path given to `check` wins over --guides.
    let run = vejviser(dir.path(), &["check", "--guides", "one-broken", "clean"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
}

// ------------------------------------------------------------------------------ text output

#[test]
fn every_broken_file_is_named_with_line_and_column_and_the_rest_still_checked() {
    let dir = workspace(&["bad-input"]);
    let run = vejviser(dir.path(), &["check", "bad-input", "findes-ikke"]);
    assert_eq!(run.code, Some(1));
    for place in [
        "bad-input/dobbelt-b/samme-navn.toml:1:1",
        "bad-input/format/format-2.toml:1:10",
        "bad-input/format/uden-format.toml:1:1",
        "bad-input/ids/trin-og-udfald-samme-id.toml:18:11",
        "bad-input/loekke/rundt-i-ring.toml:17:8",
        "bad-input/loekke/rundt-i-ring.toml:21:8",
        "bad-input/noegler/ukendt-noegle.toml:6:1",
        "bad-input/referencer/peger-paa-intet.toml:14:27",
        "bad-input/syntaks/manglende-anfoerselstegn.toml:11:39",
        "bad-input/tegnsaet/latin1.toml:4:18",
        "bad-input/typer/dato-som-tekst.toml:7:12",
    ] {
        assert!(
            run.stdout.contains(&format!("--> {place}\n")),
            "{place} missing in:\n{}",
            run.stdout
        );
    }
    assert!(run.stdout.contains("--> findes-ikke\n"));
    assert!(
        !run.stdout.contains("ok/god.toml"),
        "the good guide is fine"
    );
    // 12 errors in the files plus the missing path; the warnings are guides without tests.
    assert_eq!(run.last_line(), "Læste 8 guides: 13 fejl, 7 advarsler");
}

#[test]
fn exact_text_output_in_english() {
    let dir = workspace(&["one-broken"]);
    let run = vejviser(dir.path(), &["check", "one-broken", "--lang", "en"]);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!("one_broken_en", run.stdout);
}

#[test]
fn danish_is_the_default_and_english_is_complete() {
    let dir = workspace(&["one-broken"]);
    let da = vejviser(dir.path(), &["check", "one-broken"]);
    let en = vejviser(dir.path(), &["--lang", "en", "check", "one-broken"]);
    assert!(
        da.stdout
            .starts_with("fejl[wrong-type]: `consent` skal være true eller false, men er en tekst")
    );
    assert!(da.stdout.contains("= hjælp: skriv fx true"));
    assert!(
        en.stdout
            .starts_with("error[wrong-type]: `consent` must be true or false, but is a text")
    );
    assert!(en.stdout.contains("= help: write e.g. true"));
    assert_eq!(en.last_line(), "Read 2 guides: 1 error, 0 warnings");
    for word in ["fejl", "hjælp", "Læste", "skal", "advarsel"] {
        assert!(
            !en.stdout.contains(word),
            "Danish `{word}` in:\n{}",
            en.stdout
        );
    }
}

#[test]
fn no_colour_when_stdout_is_not_a_terminal() {
    let dir = workspace(&["one-broken"]);
    let run = vejviser(dir.path(), &["check", "one-broken"]);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}

// ------------------------------------------------------------------------------ JSON output

#[test]
fn json_output_has_every_field_of_a_diagnostic_and_a_summary() {
    let dir = workspace(&["one-broken"]);
    let run = vejviser(
        dir.path(),
        &["check", "one-broken", "--format", "json", "--lang", "en"],
    );
    assert_eq!(run.code, Some(1));
    let report = json(&run);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{report:#}");
    let d = &diagnostics[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "wrong-type");
    assert_eq!(d["file"], "one-broken/area/i-stykker.toml");
    assert_eq!(d["line"], 12);
    assert_eq!(d["column"], 11);
    assert_eq!(
        d["message"],
        "`consent` must be true or false, but is a text"
    );
    assert_eq!(d["hint"], "write e.g. true");
    assert_eq!(report["summary"]["guides"], 2);
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["summary"]["warnings"], 0);
}

#[test]
fn json_output_of_clean_guides_is_an_empty_list_and_exit_0() {
    let dir = workspace(&["clean"]);
    let run = vejviser(dir.path(), &["check", "clean", "--format", "json"]);
    assert_eq!(run.code, Some(0));
    let report = json(&run);
    assert_eq!(report["diagnostics"], Value::Array(vec![]));
    assert_eq!(report["summary"]["guides"], 1);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["warnings"], 0);
}

#[test]
fn json_output_counts_warnings_and_marks_paths_without_a_line() {
    let dir = workspace(&["warnings-only"]);
    let run = vejviser(
        dir.path(),
        &["check", "warnings-only", "findes-ikke", "--format", "json"],
    );
    assert_eq!(run.code, Some(1));
    let report = json(&run);
    let by_code = |code: &str| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {report:#}"))
            .clone()
    };
    let missing = by_code("path-not-found");
    assert_eq!(missing["file"], "findes-ikke");
    assert_eq!(missing["line"], Value::Null);
    assert_eq!(missing["column"], Value::Null);
    assert_eq!(missing["message"], "stien findes ikke");
    let warning = by_code("no-tests");
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["line"], 1);
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["summary"]["warnings"], 1);
}
