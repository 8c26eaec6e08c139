//! The command line as other tools see it: exit codes, per-subcommand `--help` in the program's
//! language, shell completions and the man page.

use std::path::Path;
use std::process::{Command, Output};

use vejviser::cli::exit::Exit;

fn vejviser(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "VEJVISER_DATA_DIR",
            std::env::temp_dir().join("vejviser-ecosystem-unused"),
        )
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// The long option names `--help` lists (`--guides`, `--site`, ...).
fn options_in_help(help: &str) -> Vec<String> {
    let mut found: Vec<String> = help
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = line
                .strip_prefix("-h, ")
                .or(line.strip_prefix("-V, "))
                .unwrap_or(line);
            let line = line.strip_prefix("-o, ").unwrap_or(line);
            let name = line.strip_prefix("--")?;
            Some(format!(
                "--{}",
                name.split(|c: char| c.is_whitespace() || c == '=').next()?
            ))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn readme_documents_every_exit_code() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    for exit in [
        Exit::Ok,
        Exit::Findings,
        Exit::Usage,
        Exit::InputEnded,
        Exit::NotSaved,
    ] {
        let row = format!("\n| {} | ", exit.code());
        assert!(
            readme.contains(&row),
            "README has no row for exit code {exit:?}"
        );
    }
    assert!(
        readme.contains("\n| 128 + n | "),
        "README says how a signal ends it"
    );
}

#[test]
fn exit_codes_are_the_named_ones() {
    let usage = vejviser(&["check", "--no-such-option"]);
    assert_eq!(usage.status.code(), Some(i32::from(Exit::Usage.code())));
    let unknown = vejviser(&["walk", "no-such-guide", "--answers", "1", "--no-log"]);
    assert_eq!(unknown.status.code(), Some(i32::from(Exit::Usage.code())));
    let broken = vejviser(&["check", "tests/fixtures/one-broken"]);
    assert_eq!(broken.status.code(), Some(i32::from(Exit::Findings.code())));
    let clean = vejviser(&["stats", "tests/fixtures/clean"]);
    assert_eq!(clean.status.code(), Some(i32::from(Exit::Ok.code())));
}

#[test]
fn each_subcommand_lists_only_the_options_it_uses() {
    let expected: &[(&str, &[&str])] = &[
        (
            "check",
            &["--format", "--guides", "--help", "--lang", "--site"],
        ),
        ("test", &["--guides", "--help", "--lang", "--site"]),
        ("graph", &["--format", "--guides", "--help", "--lang"]),
        ("doc", &["--guides", "--help", "--lang", "--out"]),
        ("new", &["--guides", "--help", "--lang"]),
        ("translate", &["--guides", "--help", "--lang"]),
        ("stats", &["--guides", "--help", "--lang"]),
        (
            "walk",
            &[
                "--answers",
                "--db",
                "--format",
                "--guides",
                "--help",
                "--lang",
                "--no-log",
                "--site",
            ],
        ),
        (
            "report",
            &[
                "--by",
                "--db",
                "--format",
                "--help",
                "--lang",
                "--no-suppress",
                "--output",
                "--since",
                "--until",
            ],
        ),
    ];
    for (subcommand, options) in expected {
        let help = vejviser(&[subcommand, "--help"]);
        assert!(help.status.success(), "{subcommand} --help");
        assert_eq!(
            options_in_help(&stdout(&help)),
            *options,
            "vejviser {subcommand} --help"
        );
    }
    let top = stdout(&vejviser(&["--help"]));
    for option in [
        "--guides", "--site", "--db", "--no-log", "--theme", "--lang",
    ] {
        assert!(
            options_in_help(&top).contains(&option.to_string()),
            "{option} in --help"
        );
    }
}

#[test]
fn an_option_that_does_not_apply_is_refused() {
    let run = vejviser(&["report", "--guides", "guides"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("--guides"), "{}", stderr(&run));
    let run = vejviser(&["check", "--theme", "dark"]);
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn shared_options_work_before_and_after_the_subcommand() {
    let before = vejviser(&["--guides", "tests/fixtures/clean", "stats"]);
    let after = vejviser(&["stats", "--guides", "tests/fixtures/clean"]);
    assert!(before.status.success() && after.status.success());
    assert_eq!(stdout(&before), stdout(&after));
    let builtin = vejviser(&["stats"]);
    assert_ne!(stdout(&builtin), stdout(&after), "--guides was used");
}
