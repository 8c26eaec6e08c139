//! A guides folder as it may look after years of use on a shared drive: 3,000 guides in 30 area
//! folders, plus a syntax error, a file without `format`, a reference to nothing, a Latin-1 file,
//! an unreadable file and folder (mode 000), a dangling link, a link to itself, and a symlink
//! loop (`a/loop -> ..`). Each broken file gets its own diagnostic naming it; the loop is entered
//! once; every good guide loads.
//!
//! Permissions do not stop root from reading, so when the tests run as root the mode-000 checks
//! are skipped with a note.

#![cfg(unix)]

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use vejviser::date::Date;
use vejviser::guide::{Loaded, check, load_paths};

const AREAS: usize = 30;
const PER_AREA: usize = 100;
const GOOD: usize = AREAS * PER_AREA;

const RULES: &str = r#"format = 1
[rules.aldrig]
kind   = "must_not"
text   = "Brug aldrig en anden persons MitID."
why    = "Det er en underskrift."
source = "https://mitid.dk"
"#;

const PLACES: &str = "format = 1\n[places.support]\nname = \"MitID Support\"\n";

fn small_guide(n: usize, today: &str) -> String {
    format!(
        "format = 1\n\n[guide]\ntitle = \"Guide nummer {n}\"\nsummary = \"En lille guide.\"\n\
         start = \"start\"\nreviewed = {today}\nsources = [\"https://example.org\"]\n\n\
         [steps.start]\nask = \"Kan borgeren selv?\"\nchoices = [\n\
           {{ label = \"Ja\", next = \"vejled\" }},\n  {{ label = \"Nej\", next = \"henvis\" }},\n]\n\n\
         [outcomes.vejled]\nkind = \"guide\"\ntitle = \"Vejled\"\nhelper = \"Vis vej.\"\n\n\
         [outcomes.henvis]\nkind = \"refer\"\ntitle = \"Henvis\"\nhelper = \"Giv nummeret.\"\nrefer = \"support\"\n\n\
         [[tests]]\nname = \"Ja\"\nanswers = [\"Ja\"]\nexpect = \"vejled\"\n\n\
         [[tests]]\nname = \"Nej\"\nanswers = [\"Nej\"]\nexpect = \"henvis\"\n"
    )
}

/// True when this process can read a file with mode 000 (root can).
fn permissions_are_ignored(dir: &Path) -> bool {
    let probe = dir.join("probe");
    fs::write(&probe, "x").unwrap();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read(&probe).is_ok();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o600)).unwrap();
    fs::remove_file(&probe).unwrap();
    readable
}

struct Folder {
    dir: tempfile::TempDir,
    /// Each broken entry (relative to `guides/`) with the diagnostic code it must get.
    broken: Vec<(String, &'static str)>,
    as_root: bool,
}

impl Folder {
    fn guides(&self) -> PathBuf {
        self.dir.path().join("guides")
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        // Give back the permissions so the temporary folder can be removed.
        for locked in ["laast/ulaeselig.toml", "laast-mappe"] {
            let _ = fs::set_permissions(
                self.guides().join(locked),
                fs::Permissions::from_mode(0o700),
            );
        }
    }
}

fn build() -> Folder {
    let dir = tempfile::tempdir().unwrap();
    let as_root = permissions_are_ignored(dir.path());
    let guides = dir.path().join("guides");
    let today = Date::today().to_string();
    fs::create_dir(&guides).unwrap();
    fs::write(guides.join("rules.toml"), RULES).unwrap();
    fs::write(guides.join("places.toml"), PLACES).unwrap();
    for area in 0..AREAS {
        let folder = guides.join(format!("omraade-{area:02}"));
        fs::create_dir(&folder).unwrap();
        for k in 0..PER_AREA {
            let n = area * PER_AREA + k;
            fs::write(
                folder.join(format!("guide-{n:04}.toml")),
                small_guide(n, &today),
            )
            .unwrap();
        }
    }

    let mut broken = Vec::new();
    let bad = guides.join("daarlige");
    fs::create_dir(&bad).unwrap();
    let mut write_bad = |name: &str, bytes: &[u8], code: &'static str| {
        fs::write(bad.join(name), bytes).unwrap();
        broken.push((format!("daarlige/{name}"), code));
    };
    write_bad(
        "syntaks.toml",
        b"format = 1\n[guide]\ntitle = \"ingen slut\n",
        "toml-syntax",
    );
    write_bad(
        "uden-format.toml",
        small_guide(9001, &today)
            .replace("format = 1\n", "")
            .as_bytes(),
        "missing-format",
    );
    write_bad(
        "ukendt-henvisning.toml",
        small_guide(9002, &today)
            .replace("next = \"henvis\"", "next = \"henvsi\"")
            .as_bytes(),
        "unknown-reference",
    );
    // "Pårørende" saved by an old Windows editor: å and ø as single Latin-1 bytes.
    let latin1: Vec<u8> = small_guide(9003, &today)
        .replace("Kan borgeren selv?", "P\u{e5}r\u{f8}rende?")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    write_bad("latin1.toml", &latin1, "not-utf8");

    // Links: a dangling one and one to itself; both are files that cannot be read.
    symlink("findes-ikke.toml", bad.join("borte.toml")).unwrap();
    broken.push(("daarlige/borte.toml".into(), "unreadable"));
    symlink("selv.toml", bad.join("selv.toml")).unwrap();
    broken.push(("daarlige/selv.toml".into(), "unreadable"));

    // A symlink loop: guides/a/loop -> guides. Entered once, never again.
    fs::create_dir(guides.join("a")).unwrap();
    symlink("..", guides.join("a/loop")).unwrap();

    // Mode 000: a file and a folder.
    let locked = guides.join("laast");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("ulaeselig.toml"), small_guide(9004, &today)).unwrap();
    fs::set_permissions(
        locked.join("ulaeselig.toml"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let locked_dir = guides.join("laast-mappe");
    fs::create_dir(&locked_dir).unwrap();
    fs::set_permissions(&locked_dir, fs::Permissions::from_mode(0o000)).unwrap();
    if as_root {
        println!(
            "note: running as root, where mode 000 does not stop reading; the checks for \
             unreadable files and folders are skipped"
        );
    } else {
        broken.push(("laast/ulaeselig.toml".into(), "unreadable"));
        broken.push(("laast-mappe".into(), "unreadable"));
    }
    Folder {
        dir,
        broken,
        as_root,
    }
}

fn load_and_check(paths: &[PathBuf]) -> Loaded {
    let mut loaded = load_paths(paths);
    let found = check(&loaded.library, &loaded.sources, Date::today());
    loaded.diagnostics.extend(found);
    loaded
}

#[test]
fn three_thousand_guides_load_and_every_broken_file_is_named() {
    let folder = build();
    let started = Instant::now();
    let mut loaded = load_and_check(&[folder.guides()]);
    println!(
        "loaded and checked {} files in {:?}",
        loaded.sources.len(),
        started.elapsed()
    );

    // Every diagnostic is about one of the broken entries, and each broken entry has one with
    // the expected code.
    let root = folder.guides().display().to_string();
    let mut named = BTreeSet::new();
    for d in &loaded.diagnostics {
        let path = d.path(&loaded.sources);
        let relative = path
            .strip_prefix(&root)
            .map(|p| p.trim_start_matches('/'))
            .unwrap_or(path);
        let Some((entry, code)) = folder.broken.iter().find(|(entry, _)| entry == relative) else {
            panic!("a diagnostic about a good file: {d:?} ({relative})");
        };
        assert!(d.is_error(), "{d:?}");
        if d.finding.code() == *code {
            named.insert(entry.clone());
        }
        // A diagnostic inside a file has a line and column; one about an unreadable path has
        // the path alone.
        if d.finding.code() != "unreadable" {
            assert!(d.line_col(&loaded.sources).is_some(), "{d:?}");
        }
    }
    let expected: BTreeSet<String> = folder.broken.iter().map(|(e, _)| e.clone()).collect();
    assert_eq!(named, expected);

    // The loop was entered once: no guide was read twice.
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.finding.code() != "duplicate-id")
    );
    let mut paths: Vec<&str> = (0..loaded.sources.len() as u32)
        .filter_map(|i| loaded.sources.get(vejviser::guide::source::FileId(i)))
        .map(|f| f.path.as_str())
        .collect();
    let read = paths.len();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), read, "a file was read twice");

    // Every good guide is there and usable; the broken ones are not.
    loaded.drop_broken_guides();
    let extra = usize::from(folder.as_root); // root reads the mode-000 guide, which is valid
    assert_eq!(loaded.library.guides.len(), GOOD + extra);
    for n in [0, 1234, GOOD - 1] {
        let id = format!("guide-{n:04}");
        let guide = loaded.library.guide(&id).unwrap();
        assert_eq!(guide.area, format!("omraade-{:02}", n / PER_AREA));
    }
}

#[test]
fn the_latin1_file_points_at_its_first_bad_byte() {
    let folder = build();
    let loaded = load_and_check(&[folder.guides().join("daarlige/latin1.toml")]);
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.finding.code() == "not-utf8")
        .unwrap();
    // The å of `ask = "Pårørende?"` is its 9th character.
    let text = small_guide(9003, "x");
    let line = text[..text.find("Kan borgeren").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(d.line_col(&loaded.sources), Some((line, 9)));
}

#[test]
fn check_on_the_command_line_names_each_broken_file_and_counts_the_good_ones() {
    let folder = build();
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["check", "guides"])
        .current_dir(folder.dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    println!("`vejviser check` on {GOOD} guides took {took:?}");
    for (entry, code) in &folder.broken {
        let path = format!("guides/{entry}");
        let shown = stdout.lines().collect::<Vec<_>>().windows(2).any(|pair| {
            pair[0].contains(&format!("[{code}]"))
                && pair[1].trim_start().starts_with("-->")
                && pair[1].contains(&path)
        });
        assert!(shown, "`{code}` for {path} not in the output:\n{stdout}");
    }
    // The summary counts what the library load counts.
    let loaded = load_and_check(&[folder.guides()]);
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    let last = stdout.trim_end().lines().last().unwrap_or_default();
    assert_eq!(
        last,
        format!(
            "Læste {} guides: {errors} fejl, 0 advarsler",
            loaded.library.guides.len()
        )
    );
    assert!(loaded.library.guides.len() >= GOOD);
}
