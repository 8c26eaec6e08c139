//! Format details added after the first round: TOML 1.0 inline tables, labels shared by choices
//! that no site sees together, area titles, and checking part of a guides folder.

use std::path::PathBuf;

use vejviser::date::Date;
use vejviser::guide::{InputFile, Loaded, check, load_files, load_paths};

fn load(files: &[(&str, &str)]) -> Loaded {
    let mut loaded = load_files(
        files
            .iter()
            .map(|(rel, text)| InputFile {
                display: format!("guides/{rel}"),
                relative: (*rel).to_string(),
                bytes: text.as_bytes().to_vec(),
            })
            .collect(),
    );
    let found = check(
        &loaded.library,
        &loaded.sources,
        Date::new(2026, 11, 23).unwrap(),
    );
    loaded.diagnostics.extend(found);
    loaded
}

fn codes(loaded: &Loaded) -> Vec<&'static str> {
    loaded
        .diagnostics
        .iter()
        .map(|d| d.finding.code())
        .collect()
}

const SERVICES: &str = "format = 1\n[services.mobilepay]\ntext = \"Hjælper med MobilePay\"\n";

fn guide(choices: &str) -> String {
    format!(
        r#"format = 1
[guide]
title = "T"
summary = "S"
start = "a"
reviewed = 2026-11-01
sources = ["x"]

[steps.a]
ask = "Hvad?"
{choices}

[outcomes.ud]
kind = "guide"
title = "U"
helper = "H"

[outcomes.ud2]
kind = "guide"
title = "U2"
helper = "H"

[[tests]]
name = "t"
answers = ["Ja"]
expect = "ud"

[[tests]]
name = "t2"
answers = ["Ja"]
expect = "ud2"
offers = ["mobilepay"]
"#
    )
}

#[test]
fn a_multi_line_inline_table_warns_with_its_place() {
    let text = guide(
        "choices = [\n  { label = \"Ja\",\n    next = \"ud\", unless = \"mobilepay\" },\n  { label = \"Ja\", next = \"ud2\", when = \"mobilepay\" },\n]",
    );
    let loaded = load(&[("services.toml", SERVICES), ("omr/g.toml", &text)]);
    assert_eq!(codes(&loaded), ["multi-line-inline-table"]);
    let d = &loaded.diagnostics[0];
    assert!(!d.is_error(), "a warning: the file is still read");
    assert_eq!(d.line_col(&loaded.sources), Some((12, 3)));
}

#[test]
fn choices_no_site_sees_together_may_share_a_label() {
    let text = guide(
        "choices = [\n  { label = \"Ja\", next = \"ud\", unless = \"mobilepay\" },\n  { label = \"Ja\", next = \"ud2\", when = \"mobilepay\" },\n]",
    );
    let loaded = load(&[("services.toml", SERVICES), ("omr/g.toml", &text)]);
    assert!(codes(&loaded).is_empty(), "{:?}", codes(&loaded));
}

#[test]
fn choices_a_site_can_see_together_may_not_share_a_label() {
    let text = guide(
        "choices = [\n  { label = \"Ja\", next = \"ud\" },\n  { label = \"ja \", next = \"ud2\", when = \"mobilepay\" },\n]",
    );
    let loaded = load(&[("services.toml", SERVICES), ("omr/g.toml", &text)]);
    assert!(
        codes(&loaded).contains(&"duplicate-label"),
        "{:?}",
        codes(&loaded)
    );
}

#[test]
fn few_and_many_choices_find_the_same_duplicate_labels() {
    // A step with a few choices compares labels pair by pair, one with many uses a map: both must
    // find the same duplicates, case-insensitively and for æøå too.
    for n in [3, 40] {
        let mut choices = String::from("choices = [\n");
        for i in 0..n {
            choices.push_str(&format!("  {{ label = \"Æble {i}\", next = \"ud\" }},\n"));
        }
        choices.push_str("  { label = \" æBLE 1 \", next = \"ud2\" },\n");
        choices.push_str("  { label = \"ÆBLE 2\", next = \"ud2\", when = \"mobilepay\" },\n");
        choices.push_str("  { label = \"Æble 0\", next = \"ud2\", unless = \"mobilepay\" },\n]");
        let loaded = load(&[
            ("services.toml", SERVICES),
            ("omr/g.toml", &guide(&choices)),
        ]);
        let lines: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.finding.code() == "duplicate-label")
            .map(|d| d.line_col(&loaded.sources).map(|(line, _)| line))
            .collect();
        let first = 12 + n;
        assert_eq!(
            lines,
            [Some(first), Some(first + 1), Some(first + 2)],
            "{n} choices"
        );
    }
}

#[test]
fn areas_get_titles_from_areas_toml() {
    let areas = "format = 1\n[areas.ansoegninger]\ntitle = \"Ansøgninger\"\n";
    let loaded = load(&[("areas.toml", areas)]);
    assert_eq!(loaded.library.area_title("ansoegninger"), "Ansøgninger");
    assert_eq!(
        loaded.library.area_title("andet"),
        "andet",
        "falls back to the folder name"
    );
}

#[test]
fn checking_one_area_takes_the_shared_files_from_the_folder_above() {
    let loaded = load_paths(&[PathBuf::from("guides/mitid")]);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{} errors", errors.len());
    assert!(loaded.library.rule("aldrig-andres-mitid").is_some());
    assert!(loaded.library.guides.iter().all(|g| g.area == "mitid"));
}
