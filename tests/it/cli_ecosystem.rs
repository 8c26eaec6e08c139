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
                "--central-config",
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
                "--by", "--db", "--exact", "--format", "--help", "--lang", "--output", "--since",
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

#[test]
fn help_is_danish_by_default_and_english_with_lang_en() {
    for subcommand in [
        &[][..],
        &["check"][..],
        &["walk"][..],
        &["report"][..],
        &["completions"][..],
    ] {
        let mut args = subcommand.to_vec();
        args.push("--help");
        let danish = stdout(&vejviser(&args));
        assert!(danish.contains("Brug: vejviser"), "{danish}");
        assert!(danish.contains("Tilvalg:"), "{danish}");
        assert!(danish.contains("Vis hjælp."), "{danish}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "[default:",
            "[possible values:",
            "[OPTIONS]",
            "The ",
        ] {
            assert!(
                !danish.contains(english),
                "{english:?} in Danish help:\n{danish}"
            );
        }
        args.extend(["--lang", "en"]);
        let english = stdout(&vejviser(&args));
        assert!(english.contains("Usage: vejviser"), "{english}");
        assert!(english.contains("Print help."), "{english}");
        assert!(!english.contains("Tilvalg"), "{english}");
    }
    let run = vejviser(&["help", "report"]);
    assert!(stdout(&run).contains("Første dag, der tælles med"));
}

/// A tool the test needs: with `CI` set its absence is a failure, else the test is skipped.
fn tool(name: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is needed for this test (CI is set)"
        );
        eprintln!("skipped: {name} is not installed");
    }
    found
}

fn completions(shell: &str, dir: &Path) -> std::path::PathBuf {
    let run = vejviser(&["completions", shell]);
    assert!(
        run.status.success(),
        "completions {shell}: {}",
        stderr(&run)
    );
    let path = dir.join(format!("vejviser.{shell}"));
    std::fs::write(&path, &run.stdout).expect("write the script");
    path
}

#[test]
fn bash_completions_parse_and_register() {
    if !tool("bash") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let script = completions("bash", dir.path());
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("bash");
    assert!(syntax.status.success(), "{}", stderr(&syntax));
    // Sourced, it registers a completion for `vejviser`, and completing `vejviser re` offers
    // `report`.
    let probe = format!(
        "source {}; complete -p vejviser; COMP_WORDS=(vejviser re); COMP_CWORD=1; \
         _vejviser vejviser re vejviser; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let run = Command::new("bash")
        .args(["-c", &probe])
        .output()
        .expect("bash");
    let out = stdout(&run);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(out.contains("-F _vejviser vejviser"), "{out}");
    assert!(out.lines().any(|l| l == "report"), "{out}");
}

#[test]
fn zsh_fish_and_powershell_completions_are_generated() {
    let dir = tempfile::tempdir().expect("temp dir");
    for shell in ["zsh", "fish", "powershell"] {
        let script = std::fs::read_to_string(completions(shell, dir.path())).expect("script");
        for subcommand in ["check", "walk", "report", "completions", "man"] {
            assert!(script.contains(subcommand), "{shell}: no {subcommand}");
        }
        // The descriptions are in the program's language.
        assert!(script.contains("Sagsloggen"), "{shell}: no Danish help");
    }
    // Checked by the shells themselves where they are installed (not needed in CI).
    for (shell, check) in [("zsh", "-n"), ("fish", "--no-execute")] {
        if Command::new(shell).arg("--version").output().is_ok() {
            let script = dir.path().join(format!("vejviser.{shell}"));
            let run = Command::new(shell)
                .arg(check)
                .arg(&script)
                .output()
                .expect(shell);
            assert!(run.status.success(), "{shell}: {}", stderr(&run));
        } else {
            eprintln!("{shell} is not installed: its completions are not syntax-checked");
        }
    }
    // Fish completes from the script as a user would, with the Danish description.
    if Command::new("fish").arg("--version").output().is_ok() {
        let script = dir.path().join("vejviser.fish");
        let ask = |line: &str| {
            let probe = format!("source {}; complete -C '{line}'", script.display());
            stdout(
                &Command::new("fish")
                    .args(["-c", &probe])
                    .output()
                    .expect("fish"),
            )
        };
        let subcommands = ask("vejviser re");
        assert!(
            subcommands.starts_with("report\tTal fra en eller flere sagslogge"),
            "{subcommands}"
        );
        let values = ask("vejviser report --by ");
        for value in ["guide", "hour", "kind", "outcome", "site", "week"] {
            assert!(values.lines().any(|l| l == value), "{value} in {values}");
        }
    }
}

const SUBCOMMANDS: &[&str] = &[
    "check",
    "test",
    "graph",
    "doc",
    "new",
    "translate",
    "stats",
    "walk",
    "report",
    "completions",
    "man",
];

#[test]
fn man_page_renders_and_names_every_subcommand() {
    let run = vejviser(&["man"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let roff = stdout(&run);
    assert!(roff.contains(".TH vejviser 1"), "{roff}");
    if !tool("groff") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("vejviser.1");
    std::fs::write(&page, &roff).expect("write the page");
    let rendered = Command::new("groff")
        // -k: the page is UTF-8 (æ, ø, å), read through preconv as `man` does.
        .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
        .expect("groff");
    assert!(rendered.status.success());
    assert_eq!(stderr(&rendered), "", "groff warns about the page");
    let text = Command::new("groff")
        // Plain text: no bold, underline or overstriking.
        .args(["-k", "-man", "-Tutf8", "-P-cbou"])
        .arg(&page)
        .output()
        .expect("groff");
    let text = String::from_utf8_lossy(&text.stdout);
    for subcommand in SUBCOMMANDS {
        assert!(
            text.contains(&format!("vejviser-{subcommand}(1)")),
            "the page names {subcommand}:\n{text}"
        );
    }
    assert!(text.contains("Sagsloggen"), "the page is in Danish");
}

#[test]
fn man_out_writes_a_page_per_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("man1");
    let run = vejviser(&[
        "man",
        "--out",
        out.to_str().expect("UTF-8 path"),
        "--lang",
        "en",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    for subcommand in SUBCOMMANDS {
        let page = std::fs::read_to_string(out.join(format!("vejviser-{subcommand}.1")))
            .expect("a page per subcommand");
        assert!(
            page.contains(&format!(".TH vejviser-{subcommand} 1")),
            "{page}"
        );
        assert!(page.contains(".SH SYNOPSIS"));
    }
    let top = std::fs::read_to_string(out.join("vejviser.1")).expect("vejviser.1");
    assert!(
        top.contains("The case log (SQLite)"),
        "English with --lang en"
    );
    // `man -l` reads it as a manual page where man is installed.
    if Command::new("man").arg("--version").output().is_ok() {
        let run = Command::new("man")
            .args(["-l", "-P", "cat"])
            .arg(out.join("vejviser-walk.1"))
            .env("MANWIDTH", "80")
            .output()
            .expect("man");
        assert!(run.status.success(), "{}", stderr(&run));
        assert!(stdout(&run).contains("walk"));
    }
    // A file where the folder should be: a clear message and exit 1, never a panic.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "x").expect("write");
    let run = vejviser(&["man", "--out", blocked.to_str().expect("UTF-8 path")]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("kunne ikke skrive manualsiden"),
        "{}",
        stderr(&run)
    );
}

// ------------------------------------------------------------------------------------- taplo

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn taplo(dir: &Path, args: &[&str]) -> Output {
    Command::new("taplo")
        .args(args)
        .current_dir(dir)
        .env("RUST_LOG", "warn")
        .env("NO_COLOR", "1")
        .output()
        .expect("taplo runs")
}

/// A folder under the target directory with `.taplo.toml`, `assets/` and a copy of `guides/`,
/// so Taplo reads the project's configuration and schemas as it does in the repository.
fn taplo_workspace(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("workspace");
    std::fs::copy(repo().join(".taplo.toml"), dir.join(".taplo.toml")).expect("config");
    for folder in ["assets", "guides"] {
        copy_dir(&repo().join(folder), &dir.join(folder));
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
fn taplo_check_accepts_the_shipped_files_and_refuses_a_bad_site_file() {
    if !tool("taplo") {
        return;
    }
    let run = taplo(
        repo(),
        &["check", "guides/**/*.toml", "assets/site.example.toml"],
    );
    assert!(run.status.success(), "taplo check: {}", stderr(&run));
    // The site file's schema is used: a role that does not exist and an unknown key are refused.
    let dir = taplo_workspace("taplo-site");
    let site = std::fs::read_to_string(repo().join("assets/site.example.toml"))
        .expect("example")
        .replace("role = \"borgerservice\"", "role = \"bank\"")
        .replace("[site]\n", "[site]\nfarve = \"blå\"\n");
    std::fs::write(dir.join("site.toml"), site).expect("write");
    let run = taplo(&dir, &["check", "site.toml"]);
    assert!(!run.status.success(), "taplo accepted a bad site file");
    let said = stderr(&run);
    assert!(said.contains("\"bank\" is not one of"), "{said}");
    assert!(said.contains("farve"), "{said}");
}

#[test]
fn taplo_fmt_leaves_nothing_for_check_to_warn_about() {
    if !tool("taplo") {
        return;
    }
    let check = |dir: &Path| {
        let run = Command::new(env!("CARGO_BIN_EXE_vejviser"))
            .args(["check", "guides", "--format", "json"])
            .current_dir(dir)
            .output()
            .expect("check runs");
        let report: serde_json::Value =
            serde_json::from_slice(&run.stdout).expect("check --format json");
        report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    let dir = taplo_workspace("taplo-fmt");
    // What check says of the guides as shipped (a `stale` guide, one day) stays all it says.
    let findings = check(&dir);
    let before = std::fs::read_to_string(dir.join("guides/ansoegninger/boligstoette.toml"))
        .expect("a shipped guide");
    let run = taplo(&dir, &["fmt", "guides/**/*.toml"]);
    assert!(run.status.success(), "taplo fmt: {}", stderr(&run));
    let after = std::fs::read_to_string(dir.join("guides/ansoegninger/boligstoette.toml"))
        .expect("formatted");
    assert_ne!(
        before, after,
        "taplo fmt changed nothing: the test would prove nothing"
    );
    let after_fmt = check(&dir);
    assert!(!after_fmt.iter().any(|c| c == "multi-line-inline-table"));
    assert_eq!(after_fmt, findings, "taplo fmt added findings");

    // Without the project's [formatting], taplo spreads long { … } over lines, which check
    // warns about: the settings are what keeps the formatted guides clean.
    let plain = taplo_workspace("taplo-fmt-default");
    std::fs::write(plain.join("empty.taplo.toml"), "").expect("write");
    let run = taplo(
        &plain,
        &["fmt", "--config", "empty.taplo.toml", "guides/**/*.toml"],
    );
    assert!(run.status.success(), "taplo fmt: {}", stderr(&run));
    assert!(
        check(&plain).iter().any(|c| c == "multi-line-inline-table"),
        "default taplo formatting would need the settings"
    );
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(plain);
}

#[test]
fn the_site_schema_has_the_loaders_keys_and_the_shared_place() {
    let read = |path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(repo().join(path)).expect(path))
            .expect("JSON")
    };
    let site = read("assets/site.schema.json");
    let keys = |value: &serde_json::Value| {
        let mut keys: Vec<String> = value["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    // The keys `src/guide/parse.rs` reads for FileKind::Site and its [site] table.
    assert_eq!(keys(&site), ["format", "places", "site"]);
    assert_eq!(
        keys(&site["properties"]["site"]),
        [
            "address", "hours", "id", "name", "offers", "phone", "role", "web"
        ]
    );
    let roles: Vec<&str> = site["properties"]["site"]["properties"]["role"]["enum"]
        .as_array()
        .expect("roles")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(roles, vejviser::guide::model::Audience::NAMES);
    assert_eq!(
        site["definitions"]["place"],
        read("assets/places.schema.json")["definitions"]["place"],
        "a site's own place is a place as in places.toml"
    );
    // The example is valid, and a wrong role, a missing name and an unknown key are not (as
    // `taplo check` sees them, without needing taplo).
    let example =
        std::fs::read_to_string(repo().join("assets/site.example.toml")).expect("example");
    assert_eq!(validate_site(&example), Ok(()));
    for bad in [
        example.replace("role = \"borgerservice\"", "role = \"bank\""),
        example.replace("name = \"Borgerservice Køge\"", ""),
        example.replace("[site]\n", "[site]\nfarve = \"blå\"\n"),
        example.replace("checked = 2026-11-23", "checked = \"i går\""),
    ] {
        assert!(validate_site(&bad).is_err(), "accepted:\n{bad}");
    }
}

/// TOML as Taplo hands it to its validator: a date is the string `YYYY-MM-DD`.
fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as Json;
    match value {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => Json::from(*f),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Json::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

fn validate_site(text: &str) -> Result<(), String> {
    let value: toml::Value = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V7);
    compiler.enable_format_assertions();
    let path = repo().join("assets/site.schema.json");
    let index = compiler
        .compile(path.to_str().expect("UTF-8 path"), &mut schemas)
        .map_err(|e| format!("{e:#}"))?;
    schemas
        .validate(&toml_to_json(&value), index)
        .map_err(|e| format!("{e:#}"))
}
