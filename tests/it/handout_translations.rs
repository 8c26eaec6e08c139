//! Translations into the handout languages (Ukrainian, Arabic …): the loader reads
//! `<id>.<code>.toml` for every listed code with only the citizen's parts, staleness works as for
//! English, an unknown code is a clear finding, `translate --lang uk` writes handout parts only,
//! and `stats` shows the review status per language.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value as Json;
use vejviser::guide::translation::{
    PartKey, Review, Section, Standing, Target, coverage, current_unit, standing,
};
use vejviser::guide::{Loaded, load_embedded, load_paths};
use vejviser::lang::Language;

use crate::common;

use common::files::copy_dir;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("guides");
    copy_dir(Path::new(FIXTURE), &root);
    (dir, root)
}

fn vejviser(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn lang(code: &str) -> Language {
    Language::from_code(code).unwrap()
}

/// Findings of `vejviser check --format json` as (code, file name, message).
fn findings(root: &Path) -> Vec<(String, String, String)> {
    let out = vejviser(&["check", "--format", "json", root.to_str().unwrap()]);
    let json: Json = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or_default();
            let name = Path::new(file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                d["code"].as_str().unwrap().to_string(),
                name,
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Ukrainian files for the fixture, with the right `source` hashes (taken from what
/// `translate --lang uk` writes) and every text filled in; the path of `boligstoette`'s.
fn write_ukrainian(root: &Path) -> PathBuf {
    let out = vejviser(&["--lang", "uk", "translate", root.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for path in uk_files(root) {
        fill(&path);
    }
    root.join("ansoegninger/boligstoette.uk.toml")
}

fn uk_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.to_string_lossy().ends_with(".uk.toml") {
                out.push(path);
            }
        }
    }
    out
}

/// Every empty text filled in, as a translator would; `source` and `reviewed_by` left alone.
fn fill(path: &Path) {
    let text = fs::read_to_string(path).unwrap();
    let mut n = 0;
    let mut filled = String::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with('#') || line.starts_with("reviewed_by") {
            filled.push_str(line);
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("\"\"") {
            n += 1;
            filled.push_str(&rest[..at]);
            filled.push_str(&format!("\"Текст {n}\""));
            rest = &rest[at + 2..];
        }
        filled.push_str(rest);
    }
    fs::write(path, filled).unwrap();
}

fn load(root: &Path) -> Loaded {
    load_paths(&[root.to_path_buf()])
}

#[test]
fn translate_to_ukrainian_writes_only_the_citizens_parts_with_the_full_parts_hash() {
    let (_dir, root) = folder();
    let out = vejviser(&["--lang", "uk", "translate", root.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let uk = fs::read_to_string(root.join("ansoegninger/boligstoette.uk.toml")).unwrap();
    assert!(uk.contains("reviewed_by = \"\""), "{uk}");
    assert!(uk.contains("[guide]\n"), "{uk}");
    assert!(uk.contains("[outcomes.henvis]\n"), "{uk}");
    // The helper's screens are not in a handout language: no steps, rules, helper or summary.
    for absent in ["[steps.", "[rules.", "helper =", "summary =", "choices ="] {
        assert!(!uk.contains(absent), "{absent} in {uk}");
    }
    // Only the places are shared text the citizen reads.
    assert!(root.join("places.uk.toml").is_file());
    assert!(!root.join("rules.uk.toml").exists());
    assert!(!root.join("services.uk.toml").exists());
    // `source` is the hash of the whole Danish part, the same as the English file's.
    let out = vejviser(&["--lang", "en", "translate", root.to_str().unwrap()]);
    assert!(out.status.success());
    let en = fs::read_to_string(root.join("ansoegninger/boligstoette.en.toml")).unwrap();
    let source_after = |text: &str, header: &str| {
        let at = text.find(header).unwrap() + header.len();
        text[at..].lines().nth(1).unwrap().to_string()
    };
    for header in ["[guide]", "[outcomes.henvis]"] {
        assert_eq!(
            source_after(&uk, header),
            source_after(&en, header),
            "{header}"
        );
    }
}

#[test]
fn a_filled_ukrainian_file_is_clean_current_and_a_draft() {
    let (_dir, root) = folder();
    write_ukrainian(&root);
    let found = findings(&root);
    let about_uk: Vec<_> = found
        .iter()
        .filter(|(_, file, _)| file.ends_with(".uk.toml"))
        .collect();
    assert!(about_uk.is_empty(), "{about_uk:?}");
    let loaded = load(&root);
    let uk = lang("uk");
    let target = Target::Guide("boligstoette".into());
    let (done, all) = coverage(&loaded.library, &target, uk).unwrap();
    assert_eq!(done, all);
    let translation = (loaded.library.translations.iter())
        .find(|t| t.lang == uk && t.target == target)
        .unwrap();
    assert_eq!(translation.review(), Review::Draft);
}

#[test]
fn a_stale_ukrainian_part_is_warned_and_not_used() {
    let (_dir, root) = folder();
    write_ukrainian(&root);
    let danish = root.join("ansoegninger/boligstoette.toml");
    let text = fs::read_to_string(&danish).unwrap();
    // Change the Danish of the outcome the citizen reads.
    let changed = text.replacen("steps  = [\"Gå ind", "steps  = [\"Nyt: Gå ind", 1);
    assert_ne!(text, changed, "the fixture has outcome steps");
    fs::write(&danish, changed).unwrap();
    let stale: Vec<_> = findings(&root)
        .into_iter()
        .filter(|(code, file, _)| code == "translation-stale" && file == "boligstoette.uk.toml")
        .collect();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert!(stale[0].2.contains("ukrainske"), "{}", stale[0].2);
    let loaded = load(&root);
    let uk = lang("uk");
    let target = Target::Guide("boligstoette".into());
    let translation = (loaded.library.translations.iter())
        .find(|t| t.lang == uk && t.target == target)
        .unwrap();
    let stale_unit = (translation.units.iter())
        .find(|u| {
            matches!(
                standing(&loaded.library, translation, u),
                Standing::Stale { .. }
            )
        })
        .expect("one part is stale");
    assert!(current_unit(&loaded.library, &target, &stale_unit.key, uk).is_none());
    // Applying Ukrainian leaves that outcome's steps Danish.
    let mut library = loaded.library.clone();
    let applied = vejviser::guide::translation::apply(&mut library, uk);
    assert_eq!(applied.stale, 1);
    let outcome = library
        .guide("boligstoette")
        .unwrap()
        .outcome(&stale_unit.key.id)
        .unwrap();
    assert!(outcome.steps[0].starts_with("Nyt: "), "{:?}", outcome.steps);
}

#[test]
fn a_missing_line_falls_back_to_danish_on_that_line_only() {
    let (_dir, root) = folder();
    let path = write_ukrainian(&root);
    let text = fs::read_to_string(&path).unwrap();
    // Empty the first of an outcome's steps, keep the others.
    let at = text.find("steps = [\"Текст").unwrap();
    let end = at + text[at..].find(',').unwrap();
    let emptied = format!("{}steps = [\"\"{}", &text[..at], &text[end..]);
    fs::write(&path, emptied).unwrap();
    let loaded = load(&root);
    let danish = loaded.library.clone();
    let mut library = loaded.library.clone();
    vejviser::guide::translation::apply(&mut library, lang("uk"));
    let (guide, original) = (
        library.guide("boligstoette").unwrap(),
        danish.guide("boligstoette").unwrap(),
    );
    let (changed, kept): (Vec<_>, Vec<_>) = (guide.outcomes.iter())
        .zip(&original.outcomes)
        .filter(|(t, _)| t.steps.len() > 1)
        .map(|(t, o)| {
            (
                t.steps[0].value == o.steps[0].value,
                t.steps[1].value != o.steps[1].value,
            )
        })
        .unzip();
    assert!(changed.contains(&true), "the emptied line is Danish");
    assert!(kept.iter().all(|k| *k), "the other lines are translated");
}

#[test]
fn an_unknown_language_code_is_a_clear_finding() {
    let (_dir, root) = folder();
    fs::write(
        root.join("ansoegninger/boligstoette.sv.toml"),
        "format = 1\n[guide]\nsource = \"\"\ntitle = \"Bostöd\"\n",
    )
    .unwrap();
    let out = vejviser(&["check", root.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("translation-language"), "{text}");
    assert!(text.contains("`sv`"), "{text}");
    // The hint names every code the program lists, and no longer only `.en.toml`.
    for code in ["`en`", "`uk`", "`ar`"] {
        assert!(text.contains(code), "{code}: {text}");
    }
    assert!(text.contains("<navn>.<sprog>.toml"), "{text}");
}

#[test]
fn a_ukrainian_file_may_not_translate_the_helpers_screens() {
    let (_dir, root) = folder();
    let path = write_ukrainian(&root);
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n[steps.hvem]\nsource = \"00000000\"\nask = \"Хто?\"\n");
    fs::write(&path, text).unwrap();
    let found = findings(&root);
    assert!(
        found
            .iter()
            .any(|(code, file, _)| code == "unknown-key" && file == "boligstoette.uk.toml"),
        "{found:?}"
    );
}

#[test]
fn the_shipped_ukrainian_and_arabic_cover_every_citizen_part() {
    let loaded = load_embedded();
    let library = &loaded.library;
    for code in ["uk", "ar"] {
        let language = lang(code);
        for guide in &library.guides {
            let target = Target::Guide(guide.id.clone());
            let (done, all) = coverage(library, &target, language)
                .unwrap_or_else(|| panic!("{} has no {code} file", guide.id));
            assert_eq!(done, all, "{} in {code}", guide.id);
            // Every outcome's title is in the language's own script.
            for outcome in &guide.outcomes {
                let key = PartKey {
                    section: Section::Outcomes,
                    id: outcome.id.value.clone(),
                };
                let (_, unit) = current_unit(library, &target, &key, language).unwrap();
                let title = &unit.field("title").unwrap()[0].value;
                let in_script = title.chars().any(|c| match code {
                    "uk" => ('\u{0400}'..='\u{04FF}').contains(&c),
                    _ => ('\u{0600}'..='\u{06FF}').contains(&c),
                });
                assert!(in_script, "{}/{}: {title}", guide.id, outcome.id.value);
            }
        }
        let places = coverage(library, &Target::Shared(Section::Places), language).unwrap();
        assert_eq!(places.0, places.1, "places in {code}");
    }
}

#[test]
fn stats_shows_each_language_with_its_review_status() {
    let out = vejviser(&["stats", concat!(env!("CARGO_MANIFEST_DIR"), "/guides")]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for name in ["engelsk (en)", "ukrainsk (uk)", "arabisk (ar)"] {
        let row = text
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {text}"));
        if name != "engelsk (en)" {
            assert!(row.contains("udkast – ikke gennemlæst"), "{row}");
        }
    }
    let (_dir, root) = folder();
    let path = write_ukrainian(&root);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("reviewed_by = \"\"", "reviewed_by = \"Olena K.\""),
    )
    .unwrap();
    let out = vejviser(&["--lang", "en", "stats", root.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let row = text
        .lines()
        .find(|l| l.starts_with("Ukrainian (uk)"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("Olena K."), "{row}");
    // The other three files (two guides and the places) are still drafts.
    assert!(row.contains("draft – not reviewed (3 files)"), "{row}");
}

#[test]
fn a_handout_language_is_not_the_programs_language() {
    let out = vejviser(&["--lang", "ar", "stats"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("arabisk") && err.contains("da eller en"),
        "{err}"
    );
}
