//! Translations of guide text: `vejviser translate` writes skeletons, `check` warns about missing
//! and stale translations, and `--lang en` shows the English only where it is current.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value as Json;
use vejviser::date::Date;
use vejviser::guide::translation::{Applied, apply};
use vejviser::guide::{Loaded, check, load_paths};
use vejviser::lang::Lang;

use crate::common;

use common::files::copy_dir;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");

/// A private copy of the small guides folder, so a test may write into it.
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

fn translate(root: &Path) -> Output {
    let out = vejviser(&["--lang", "en", "translate", root.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Findings of `vejviser check --format json` as (code, file name, line).
fn findings(root: &Path) -> Vec<(String, String, u64)> {
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
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn codes(root: &Path) -> Vec<String> {
    findings(root)
        .into_iter()
        .map(|(code, _, _)| code)
        .collect()
}

/// Fill every empty text of every translation file with `EN:` and a counter, as a translator
/// would, leaving `source` alone.
fn fill_all(root: &Path) {
    for path in translation_files(root) {
        let text = fs::read_to_string(&path).unwrap();
        let mut n = 0;
        let mut out = String::new();
        for line in text.split_inclusive('\n') {
            // Who reviewed it is not a text to translate.
            if line.starts_with('#') || line.starts_with("reviewed_by") {
                out.push_str(line);
                continue;
            }
            let mut rest = line;
            while let Some(at) = rest.find("\"\"") {
                n += 1;
                out.push_str(&rest[..at]);
                out.push_str(&format!("\"EN:{n}\""));
                rest = &rest[at + 2..];
            }
            out.push_str(rest);
        }
        fs::write(&path, out).unwrap();
    }
}

fn translation_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.to_string_lossy().ends_with(".en.toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn load(root: &Path) -> Loaded {
    load_paths(&[root.to_path_buf()])
}

fn translated(root: &Path) -> (Loaded, Applied) {
    let mut loaded = load(root);
    let applied = apply(&mut loaded.library, Lang::En);
    (loaded, applied)
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

// ------------------------------------------------------------------------ translate and check

#[test]
fn translate_writes_a_skeleton_for_every_file_with_text() {
    let (_dir, root) = folder();
    translate(&root);
    let names: Vec<String> = translation_files(&root)
        .iter()
        .map(|p| {
            p.strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(
        names,
        [
            "ansoegninger/boligstoette.en.toml",
            "areas.en.toml",
            "mitid/paaroerende-vil-bruge-mitid.en.toml",
            "places.en.toml",
            "rules.en.toml",
            "services.en.toml",
            "sikkerhed/pres-og-svindel.en.toml",
        ]
    );
    let skeleton = fs::read_to_string(root.join("ansoegninger/boligstoette.en.toml")).unwrap();
    // The Danish is there as a comment above each empty text, lists keep their length.
    assert!(
        skeleton.contains(
            "# ask: Kan borgeren selv udfylde ansøgningen, hvis du viser vej?\nask = \"\""
        )
    );
    assert!(skeleton.contains("choices = [\"\", \"\", \"\"]"));
    assert!(skeleton.contains("[outcomes.henvis]\nsource = \""));
}

#[test]
fn an_untranslated_skeleton_is_reported_part_by_part_and_a_filled_one_is_clean() {
    let (_dir, root) = folder();
    assert!(
        !codes(&root).iter().any(|c| c.starts_with("translation-")),
        "no translations, no translation findings"
    );
    translate(&root);
    let before = findings(&root);
    let missing: Vec<_> = before
        .iter()
        .filter(|(code, file, _)| code == "translation-missing" && file == "boligstoette.en.toml")
        .collect();
    // [guide], two steps, three outcomes.
    assert_eq!(missing.len(), 6, "{before:?}");
    fill_all(&root);
    let after = codes(&root);
    assert!(
        !after.iter().any(|c| c.starts_with("translation-")),
        "a filled translation leaves nothing to report: {after:?}"
    );
}

#[test]
fn a_library_with_english_warns_about_a_guide_without_it() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    fs::remove_file(root.join("sikkerhed/pres-og-svindel.en.toml")).unwrap();
    let found = findings(&root);
    let missing: Vec<_> = found
        .iter()
        .filter(|(code, _, _)| code == "translation-file-missing")
        .collect();
    assert_eq!(
        missing,
        [&(
            "translation-file-missing".to_string(),
            "pres-og-svindel.toml".to_string(),
            1
        )]
    );
}

#[test]
fn a_changed_danish_text_makes_its_translation_stale_and_the_danish_is_shown() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    let danish = root.join("ansoegninger/boligstoette.toml");
    replace_in(
        &danish,
        "Kan borgeren selv udfylde ansøgningen, hvis du viser vej?",
        "Kan borgeren selv udfylde ansøgningen på borger.dk, hvis du viser vej?",
    );
    let found = findings(&root);
    let stale: Vec<_> = found
        .iter()
        .filter(|(code, _, _)| code == "translation-stale")
        .collect();
    assert_eq!(stale.len(), 1, "{found:?}");
    assert_eq!(stale[0].1, "boligstoette.en.toml");
    // The warning points at the `source` line of `[steps.kan-selv]`.
    let skeleton = fs::read_to_string(root.join("ansoegninger/boligstoette.en.toml")).unwrap();
    let source_line = skeleton
        .lines()
        .position(|l| l == "[steps.kan-selv]")
        .unwrap() as u64
        + 2;
    assert_eq!(stale[0].2, source_line);

    let (loaded, applied) = translated(&root);
    assert_eq!(applied.stale, 1);
    let guide = loaded.library.guide("boligstoette").unwrap();
    let step = guide.step("kan-selv").unwrap();
    assert_eq!(
        step.ask.value, "Kan borgeren selv udfylde ansøgningen på borger.dk, hvis du viser vej?",
        "a stale translation is not shown"
    );
    assert!(step.choices.iter().all(|c| !c.label.starts_with("EN:")));
    // Other parts of the same guide are still shown in English.
    assert!(guide.title.starts_with("EN:"));
    assert!(guide.outcome("vejled").unwrap().helper.starts_with("EN:"));
}

#[test]
fn the_stale_hint_gives_the_hash_that_makes_it_current_again() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    let danish = root.join("ansoegninger/boligstoette.toml");
    replace_in(
        &danish,
        "Giv borgeren adressen.",
        "Giv borgeren adressen på papir.",
    );
    let out = vejviser(&["--lang", "en", "check", root.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let hint = text
        .lines()
        .find(|l| l.contains("then write `source = \""))
        .unwrap_or_else(|| panic!("no hint with a hash in:\n{text}"));
    let now = hint
        .split("source = \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_eq!(now.len(), 8);
    let english = root.join("ansoegninger/boligstoette.en.toml");
    let skeleton = fs::read_to_string(&english).unwrap();
    let header = "[outcomes.henvis]\nsource = \"";
    let at = skeleton.find(header).unwrap() + header.len();
    let old = &skeleton[at..at + 8];
    fs::write(&english, skeleton.replacen(old, now, 1)).unwrap();
    assert!(!codes(&root).iter().any(|c| c.starts_with("translation-")));
}

#[test]
fn a_list_of_the_wrong_length_is_reported_and_not_used() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    let english = root.join("ansoegninger/boligstoette.en.toml");
    let text = fs::read_to_string(&english).unwrap();
    let start = text.find("[steps.kan-selv]").unwrap();
    let at = start + text[start..].find("choices = [").unwrap();
    let end = at + text[at..].find('\n').unwrap();
    let shortened = format!("{}choices = [\"Yes\", \"No\"]{}", &text[..at], &text[end..]);
    fs::write(&english, shortened).unwrap();
    assert!(codes(&root).contains(&"translation-list-length".to_string()));
    let (loaded, _) = translated(&root);
    let guide = loaded.library.guide("boligstoette").unwrap();
    let labels: Vec<&str> = guide
        .step("kan-selv")
        .unwrap()
        .choices
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(
        labels[0], "Ja",
        "answers must never shift: a short list is not used"
    );
    // The rest of the part is current and shown.
    assert!(guide.step("kan-selv").unwrap().ask.starts_with("EN:"));
}

#[test]
fn parts_and_files_without_a_danish_counterpart_are_reported() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    let english = root.join("ansoegninger/boligstoette.en.toml");
    let mut text = fs::read_to_string(&english).unwrap();
    text.push_str("\n[steps.findes-ikke]\nsource = \"00000000\"\nask = \"Gone\"\n");
    fs::write(&english, text).unwrap();
    fs::write(
        root.join("ansoegninger/ingen-dansk.en.toml"),
        "format = 1\n[guide]\ntitle = \"Nothing\"\n",
    )
    .unwrap();
    let found = findings(&root);
    assert!(
        found.contains(&(
            "translation-of-missing-part".to_string(),
            "boligstoette.en.toml".to_string(),
            fs::read_to_string(&english)
                .unwrap()
                .lines()
                .position(|l| l == "[steps.findes-ikke]")
                .unwrap() as u64
                + 1
        )),
        "{found:?}"
    );
    assert!(found.contains(&(
        "translation-of-nothing".to_string(),
        "ingen-dansk.en.toml".to_string(),
        1
    )));
}

#[test]
fn an_unknown_language_is_an_error_in_that_file_only() {
    let (_dir, root) = folder();
    fs::write(
        root.join("ansoegninger/boligstoette.de.toml"),
        "format = 1\n[guide]\ntitle = \"Wohngeld\"\n",
    )
    .unwrap();
    let found = findings(&root);
    assert_eq!(
        found
            .iter()
            .filter(|(code, _, _)| code == "translation-language")
            .map(|(_, file, _)| file.as_str())
            .collect::<Vec<_>>(),
        ["boligstoette.de.toml"]
    );
    let loaded = load(&root);
    assert_eq!(loaded.library.guides.len(), 3, "every guide still loads");
}

#[test]
fn a_text_of_the_wrong_type_is_an_error_with_its_place() {
    let (_dir, root) = folder();
    fs::write(
        root.join("ansoegninger/boligstoette.en.toml"),
        "format = 1\n[guide]\ntitle = 3\n[steps.kan-selv]\nchoices = \"Yes\"\nanswer = \"x\"\n",
    )
    .unwrap();
    let found = findings(&root);
    let mut in_file: Vec<(&str, u64)> = found
        .iter()
        .filter(|(code, file, _)| {
            file == "boligstoette.en.toml" && !code.starts_with("translation-")
        })
        .map(|(code, _, line)| (code.as_str(), *line))
        .collect();
    in_file.sort_by_key(|(_, line)| *line);
    assert_eq!(
        in_file,
        [("wrong-type", 3), ("wrong-type", 5), ("unknown-key", 6)]
    );
}

#[test]
fn translate_appends_only_what_is_missing_and_keeps_what_was_written() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    let english = root.join("ansoegninger/boligstoette.en.toml");
    let mut written = fs::read_to_string(&english).unwrap();
    written = written.replacen("format = 1", "format = 1\n# Checked by Anne, November", 1);
    fs::write(&english, &written).unwrap();
    let danish = root.join("ansoegninger/boligstoette.toml");
    replace_in(
        &danish,
        "[outcomes.vejled]",
        "[outcomes.ny]\nkind = \"guide\"\ntitle = \"Nyt udfald\"\nhelper = \"Gør noget nyt.\"\n\n[outcomes.vejled]",
    );
    let out = translate(&root);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("boligstoette.en.toml (1 parts)"),
        "{stdout}"
    );
    let after = fs::read_to_string(&english).unwrap();
    assert!(
        after.starts_with(&written),
        "the file as it was is kept byte for byte"
    );
    let added = &after[written.len()..];
    assert!(added.contains("[outcomes.ny]\nsource = \""));
    assert!(added.contains("# title: Nyt udfald\ntitle = \"\""));
    // Nothing new in the others: they are left alone.
    assert!(!stdout.contains("pres-og-svindel"));
    // Running it again finds nothing to add.
    let again = translate(&root);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("boligstoette"));
}

#[test]
fn translate_keeps_windows_line_endings() {
    let (_dir, root) = folder();
    translate(&root);
    let english = root.join("ansoegninger/boligstoette.en.toml");
    let crlf = fs::read_to_string(&english).unwrap().replace('\n', "\r\n");
    fs::write(&english, &crlf).unwrap();
    replace_in(
        &root.join("ansoegninger/boligstoette.toml"),
        "[outcomes.vejled]",
        "[outcomes.ny]\nkind = \"guide\"\ntitle = \"Nyt\"\nhelper = \"Nyt.\"\n\n[outcomes.vejled]",
    );
    translate(&root);
    let after = fs::read_to_string(&english).unwrap();
    assert!(after.starts_with(&crlf));
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "every added line ends in CRLF"
    );
}

#[test]
fn translate_refuses_danish_and_the_built_in_guides() {
    let out = vejviser(&["translate", "guides"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--lang en"));
    let out = vejviser(&["--lang", "en", "translate"]);
    assert_eq!(out.status.code(), Some(2));
}

// ----------------------------------------------------------------------------- applying them

#[test]
fn english_replaces_current_texts_and_keeps_ids_hash_and_danish_search_words() {
    let (_dir, root) = folder();
    let danish = load(&root);
    translate(&root);
    fill_all(&root);
    let (loaded, applied) = translated(&root);
    assert_eq!(applied.stale, 0);
    assert!(applied.translated > 20, "{applied:?}");
    let before = danish.library.guide("boligstoette").unwrap();
    let guide = loaded.library.guide("boligstoette").unwrap();
    assert!(guide.title.starts_with("EN:"));
    assert_eq!(
        guide.hash, before.hash,
        "the log sees the same guide version"
    );
    assert_eq!(guide.start.value, before.start.value);
    assert!(
        guide.synonyms.iter().any(|s| s.value == before.title.value),
        "the Danish title stays findable"
    );
    let step = guide.step("kan-selv").unwrap();
    assert!(step.choices.iter().all(|c| c.label.starts_with("EN:")));
    let nexts: Vec<_> = step.choices.iter().map(|c| c.next.value.clone()).collect();
    let before_nexts: Vec<_> = before
        .step("kan-selv")
        .unwrap()
        .choices
        .iter()
        .map(|c| c.next.value.clone())
        .collect();
    assert_eq!(nexts, before_nexts);
    // Shared files: rules, places, areas, services.
    assert!(
        loaded
            .library
            .rules
            .values()
            .all(|r| r.text.starts_with("EN:"))
    );
    assert!(
        loaded
            .library
            .rules
            .values()
            .all(|r| r.source.value == danish.library.rules[&r.id.value].source.value)
    );
    assert!(
        loaded
            .library
            .places
            .values()
            .all(|p| p.name.starts_with("EN:"))
    );
    assert!(
        loaded
            .library
            .areas
            .values()
            .all(|a| a.title.starts_with("EN:"))
    );
    assert!(
        loaded
            .library
            .services
            .values()
            .all(|s| s.text.starts_with("EN:"))
    );
    // Danish is untouched by an English translation.
    let mut again = load(&root);
    assert_eq!(apply(&mut again.library, Lang::Da), Applied::default());
    assert_eq!(
        again.library.guide("boligstoette").unwrap().title.value,
        before.title.value
    );
}

#[test]
fn an_empty_text_falls_back_to_danish() {
    let (_dir, root) = folder();
    let danish = load(&root);
    translate(&root);
    let (loaded, _) = translated(&root);
    let guide = loaded.library.guide("boligstoette").unwrap();
    assert_eq!(
        guide.title.value,
        danish.library.guide("boligstoette").unwrap().title.value
    );
}

#[test]
fn the_checker_still_sees_the_danish_while_english_is_applied_elsewhere() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    let loaded = load(&root);
    // `check` runs on the library as loaded: the Danish, plus the translation findings.
    let found = check(&loaded.library, &loaded.sources, Date::today());
    assert!(found.iter().all(|d| !d.is_error()), "{found:?}");
    assert!(
        loaded
            .library
            .guide("boligstoette")
            .unwrap()
            .title
            .starts_with("Borgeren")
    );
}

#[test]
fn a_phone_number_in_a_translation_is_flagged_like_one_in_danish() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    replace_in(
        &root.join("ansoegninger/boligstoette.en.toml"),
        "\"EN:1\"",
        "\"Call Jens on 22 33 44 55\"",
    );
    let found = findings(&root);
    assert!(
        found
            .iter()
            .any(|(code, file, _)| code == "phone-in-guide" && file == "boligstoette.en.toml"),
        "{found:?}"
    );
}

#[test]
fn line_mode_in_english_shows_the_translation_and_in_danish_the_source() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    let guides = root.to_str().unwrap();
    let english = vejviser(&[
        "--lang",
        "en",
        "--guides",
        guides,
        "--no-log",
        "walk",
        "boligstoette",
        "--answers",
        "1",
    ]);
    let text = String::from_utf8_lossy(&english.stdout);
    assert!(
        english.status.success(),
        "{}",
        String::from_utf8_lossy(&english.stderr)
    );
    assert!(text.contains("EN:"), "{text}");
    assert!(!text.contains("Kan borgeren selv udfylde"), "{text}");
    let danish = vejviser(&[
        "--guides",
        guides,
        "--no-log",
        "walk",
        "boligstoette",
        "--answers",
        "1",
    ]);
    let text = String::from_utf8_lossy(&danish.stdout);
    assert!(text.contains("Kan borgeren selv udfylde"), "{text}");
    assert!(!text.contains("EN:"), "{text}");
}

#[test]
fn a_second_translation_of_the_same_guide_is_an_error_and_not_used() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    let copy = root.join("mitid/boligstoette.en.toml");
    let text = fs::read_to_string(root.join("ansoegninger/boligstoette.en.toml")).unwrap();
    fs::write(&copy, text.replace("EN:", "SECOND:")).unwrap();
    let found = findings(&root);
    assert!(
        found.contains(&(
            "translation-duplicate".to_string(),
            "boligstoette.en.toml".to_string(),
            1
        )),
        "{found:?}"
    );
    let (loaded, _) = translated(&root);
    let title = &loaded.library.guide("boligstoette").unwrap().title;
    assert!(
        title.starts_with("EN:"),
        "the first file read is used: {}",
        title.value
    );
}

#[test]
fn an_empty_source_is_stale_and_the_hint_gives_the_hash() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    let english = root.join("ansoegninger/boligstoette.en.toml");
    let text = fs::read_to_string(&english).unwrap();
    let at = text.find("[guide]\nsource = \"").unwrap() + "[guide]\nsource = \"".len();
    let hash = text[at..at + 8].to_string();
    fs::write(&english, text.replacen(&hash, "", 1)).unwrap();
    let out = vejviser(&["--lang", "en", "check", root.to_str().unwrap()]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("translation-stale"), "{shown}");
    assert!(
        shown.contains(&format!("write `source = \"{hash}\"`")),
        "{shown}"
    );
    assert!(!shown.contains("empty-text"), "{shown}");
}

#[test]
fn a_dotted_guide_name_is_told_to_use_a_hyphen() {
    let (_dir, root) = folder();
    fs::copy(
        root.join("ansoegninger/boligstoette.toml"),
        root.join("ansoegninger/boligstoette.v2.toml"),
    )
    .unwrap();
    let out = vejviser(&["check", root.to_str().unwrap()]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("translation-language"), "{shown}");
    assert!(shown.contains("mitid-v2.toml"), "{shown}");
}

#[test]
fn line_mode_says_on_stderr_how_many_parts_are_shown_in_danish() {
    let (_dir, root) = folder();
    translate(&root);
    fill_all(&root);
    replace_in(
        &root.join("ansoegninger/boligstoette.toml"),
        "Giv borgeren adressen.",
        "Giv borgeren adressen på papir.",
    );
    let guides = root.to_str().unwrap();
    let args = [
        "--guides",
        guides,
        "--no-log",
        "walk",
        "boligstoette",
        "--answers",
        "2",
        "--format",
        "json",
    ];
    let english = vejviser(&[&["--lang", "en"][..], &args[..]].concat());
    assert!(
        String::from_utf8_lossy(&english.stderr)
            .contains("tell whoever writes the guides. Parts: 1"),
        "{}",
        String::from_utf8_lossy(&english.stderr)
    );
    // stdout stays clean JSON.
    let json: Json = serde_json::from_slice(&english.stdout).unwrap();
    assert_eq!(json["outcome"]["helper"], "Giv borgeren adressen på papir.");
    let danish = vejviser(&args);
    assert!(String::from_utf8_lossy(&danish.stderr).is_empty());
}

#[test]
fn stats_counts_the_parts_with_a_current_english_translation() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/translated");
    let out = vejviser(&["stats", fixture]);
    let text = String::from_utf8_lossy(&out.stdout);
    let row = text
        .lines()
        .find(|l| l.starts_with("ansoegninger/boligstoette"))
        .unwrap_or_else(|| panic!("{text}"));
    // Six parts, one of them stale on purpose.
    assert_eq!(row.split_whitespace().last(), Some("5/6"), "{text}");
    let (_dir, root) = folder();
    translate(&root);
    let out = vejviser(&["stats", root.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let row = text
        .lines()
        .find(|l| l.starts_with("ansoegninger/boligstoette"))
        .unwrap();
    assert_eq!(
        row.split_whitespace().last(),
        Some("0/6"),
        "an empty skeleton: {text}"
    );
}

#[test]
fn translating_one_file_reads_its_translation_and_adds_nothing_twice() {
    // `translate --lang en guides/areas.toml` used to append an empty copy of every area,
    // because the translation beside the file was not read.
    let (_dir, root) = folder();
    translate(&root);
    let areas = root.join("areas.toml");
    let english = root.join("areas.en.toml");
    let before = fs::read_to_string(&english).unwrap();
    let out = vejviser(&["--lang", "en", "translate", areas.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fs::read_to_string(&english).unwrap(), before);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("already has"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
