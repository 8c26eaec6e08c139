//! Bad input never panics and never hides the other files: a TOML syntax error, a wrong type, an
//! unknown key, a missing path, an empty folder, a file that is not UTF-8, a duplicate id, a
//! reference to nothing and a cycle with no way out each become a diagnostic with file and line.
//! Also: line endings and byte order marks, format versions, and the policy lints of `check`.
//!
//! The broken files live in `tests/fixtures/bad-input/`, one problem per file, next to one good
//! guide (`ok/god.toml`).

use std::path::{Path, PathBuf};

use vejviser::date::Date;
use vejviser::guide::finding::{Finding, ValueType, What};
use vejviser::guide::{Diagnostic, InputFile, Loaded, Location, Severity, load_files, load_paths};
use vejviser::lang::Lang;
use vejviser::present::Explain;
use vejviser::present::Show as _;

// ------------------------------------------------------------------------------------- helpers

fn fixture(relative: &str) -> PathBuf {
    Path::new("tests/fixtures").join(relative)
}

/// A fixed "today", so no test depends on the clock.
fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

/// Load paths and run every check, as `vejviser check` does.
fn load_and_check(paths: &[PathBuf]) -> Loaded {
    let mut loaded = load_paths(paths);
    let found = vejviser::guide::check(&loaded.library, &loaded.sources, today());
    loaded.diagnostics.extend(found);
    loaded
}

fn load_fixture(relative: &str) -> Loaded {
    load_and_check(&[fixture(relative)])
}

/// `file:line:column` of a diagnostic, or just the path when it points at no line.
fn place(loaded: &Loaded, d: &Diagnostic) -> String {
    match d.line_col(&loaded.sources) {
        Some((line, column)) => format!("{}:{line}:{column}", d.path(&loaded.sources)),
        None => d.path(&loaded.sources).to_string(),
    }
}

fn errors(loaded: &Loaded) -> Vec<&Diagnostic> {
    loaded.diagnostics.iter().filter(|d| d.is_error()).collect()
}

/// The only error of a load; fails the test when there is not exactly one.
fn only_error(loaded: &Loaded) -> &Diagnostic {
    let errors = errors(loaded);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    errors[0]
}

/// `file:line:column` of `needle`, searched for inside the first `context` in a fixture file,
/// counted the way an editor does (1-based, columns in characters).
fn place_in(relative: &str, context: &str, needle: &str) -> String {
    let path = fixture(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    let context_at = text
        .find(context)
        .unwrap_or_else(|| panic!("{context:?} not in {relative}"));
    let offset = context_at
        + text[context_at..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {context:?}"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("{}:{line}:{column}", path.display())
}

fn place_of(relative: &str, needle: &str) -> String {
    place_in(relative, needle, needle)
}

fn guide_ids(loaded: &Loaded) -> Vec<&str> {
    loaded
        .library
        .guides
        .iter()
        .map(|g| g.id.as_str())
        .collect()
}

fn input(display: &str, relative: &str, bytes: impl Into<Vec<u8>>) -> InputFile {
    InputFile {
        display: display.to_string(),
        relative: relative.to_string(),
        bytes: bytes.into(),
    }
}

fn render(loaded: &Loaded, d: &Diagnostic, lang: Lang) -> String {
    d.render(&loaded.sources, lang, false)
}

// --------------------------------------------------------------------------- one problem each

#[test]
fn toml_syntax_error_points_at_the_unclosed_string() {
    let loaded = load_fixture("bad-input/syntaks/manglende-anfoerselstegn.toml");
    let error = only_error(&loaded);
    assert_eq!(error.finding.code(), "toml-syntax");
    let (line, column) = error.line_col(&loaded.sources).unwrap();
    let unclosed = place_of(
        "bad-input/syntaks/manglende-anfoerselstegn.toml",
        "ask     = \"Er borgeren",
    );
    assert!(
        unclosed.ends_with(&format!(":{line}:1")),
        "{unclosed} vs line {line}"
    );
    assert!(
        column > "ask     = \"".len(),
        "column {column} is before the string"
    );
    assert!(
        loaded.library.guides.is_empty(),
        "nothing of the file is used"
    );
}

#[test]
fn wrong_type_names_the_key_what_it_must_be_and_what_it_is() {
    let file = "bad-input/typer/dato-som-tekst.toml";
    let loaded = load_fixture(file);
    let error = only_error(&loaded);
    assert_eq!(
        error.finding,
        Finding::WrongType {
            key: "reviewed".into(),
            expected: ValueType::Date,
            found: ValueType::Text,
        }
    );
    assert_eq!(
        place(&loaded, error),
        place_in(file, "reviewed =", "\"2026-11-01\"")
    );
}

#[test]
fn unknown_key_suggests_the_key_that_was_meant() {
    let file = "bad-input/noegler/ukendt-noegle.toml";
    let loaded = load_fixture(file);
    let error = only_error(&loaded);
    assert_eq!(
        error.finding,
        Finding::UnknownKey {
            key: "synonymer".into(),
            table: "[guide]".into(),
            suggestion: Some("synonyms".into()),
        }
    );
    assert_eq!(place(&loaded, error), place_of(file, "synonymer ="));
}

#[test]
fn unknown_keys_are_reported_in_file_order() {
    let text = "format = 1\nzzz = 1\naaa = 2\n\n[guide]\ntitel = \"x\"\nbeskrivelse = \"y\"\n";
    let loaded = load_files(vec![input("g/x.toml", "g/x.toml", text)]);
    let unknown: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter_map(|d| match &d.finding {
            Finding::UnknownKey { key, .. } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(unknown, ["zzz", "aaa", "titel", "beskrivelse"]);
}

#[test]
fn a_path_that_does_not_exist_is_named() {
    let missing = fixture("findes-ikke");
    let loaded = load_and_check(std::slice::from_ref(&missing));
    let error = only_error(&loaded);
    assert_eq!(error.finding, Finding::PathNotFound);
    assert_eq!(
        error.location,
        Location::Path(missing.display().to_string())
    );
    assert_eq!(error.line_col(&loaded.sources), None);
}

#[test]
fn a_folder_without_toml_files_is_reported_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    // Neither a non-TOML file nor a hidden TOML file counts as a guide.
    std::fs::write(dir.path().join("LÆSMIG.md"), "# guides\n").unwrap();
    std::fs::write(dir.path().join(".skjult.toml"), "format = 1\n").unwrap();
    let loaded = load_and_check(&[dir.path().to_path_buf()]);
    let error = only_error(&loaded);
    assert_eq!(error.finding, Finding::EmptyFolder);
    assert_eq!(
        error.location,
        Location::Path(dir.path().display().to_string())
    );
    assert!(loaded.sources.is_empty());
}

#[test]
fn a_file_that_is_not_utf8_points_at_the_first_bad_byte() {
    let loaded = load_fixture("bad-input/tegnsaet/latin1.toml");
    let error = only_error(&loaded);
    assert_eq!(error.finding, Finding::NotUtf8);
    // Line 4 is `title    = "Tegnsæt"` with æ saved as the single Latin-1 byte 0xE6.
    assert_eq!(
        place(&loaded, error),
        format!(
            "{}:4:18",
            fixture("bad-input/tegnsaet/latin1.toml").display()
        )
    );
    assert!(loaded.library.guides.is_empty());
    // The rendered source line stays printable: the bad byte is shown as a replacement character.
    let shown = render(&loaded, error, Lang::En);
    assert!(
        shown.contains("4 | title    = \"Tegns\u{fffd}t\""),
        "{shown}"
    );
}

#[test]
fn the_same_guide_id_in_two_areas_is_a_duplicate() {
    let loaded = load_and_check(&[
        fixture("bad-input/dobbelt-a"),
        fixture("bad-input/dobbelt-b"),
    ]);
    let error = only_error(&loaded);
    let first = fixture("bad-input/dobbelt-a/samme-navn.toml");
    let second = fixture("bad-input/dobbelt-b/samme-navn.toml");
    assert_eq!(
        error.finding,
        Finding::DuplicateId {
            id: "samme-navn".into(),
            what: What::Guide,
            first: format!("{}:1:1", first.display()),
        }
    );
    assert_eq!(place(&loaded, error), format!("{}:1:1", second.display()));
    // The first definition is kept, so the guide can still be used.
    assert_eq!(guide_ids(&loaded), ["samme-navn"]);
    let kept = loaded.sources.get(loaded.library.guides[0].file).unwrap();
    assert_eq!(kept.path, first.display().to_string());
}

#[test]
fn a_step_and_an_outcome_with_the_same_id_are_a_duplicate() {
    let file = "bad-input/ids/trin-og-udfald-samme-id.toml";
    let loaded = load_fixture(file);
    let duplicate = loaded
        .diagnostics
        .iter()
        .find(|d| d.finding.code() == "duplicate-id")
        .expect("a duplicate-id diagnostic");
    assert_eq!(
        duplicate.finding,
        Finding::DuplicateId {
            id: "videre".into(),
            what: What::StepOrOutcome,
            first: place_in(file, "[steps.videre]", "videre"),
        }
    );
    assert_eq!(
        place(&loaded, duplicate),
        place_in(file, "[outcomes.videre]", "videre")
    );
}

#[test]
fn a_reference_to_nothing_suggests_the_nearest_id() {
    let file = "bad-input/referencer/peger-paa-intet.toml";
    let loaded = load_fixture(file);
    let error = only_error(&loaded);
    assert_eq!(
        error.finding,
        Finding::UnknownReference {
            id: "slutt".into(),
            what: What::StepOrOutcome,
            suggestion: Some("slut".into()),
        }
    );
    assert_eq!(
        place(&loaded, error),
        place_in(file, "next = \"slutt\"", "\"slutt\"")
    );
}

#[test]
fn a_cycle_with_no_way_out_names_every_step_in_it_in_file_order() {
    let file = "bad-input/loekke/rundt-i-ring.toml";
    let loaded = load_fixture(file);
    let found: Vec<_> = errors(&loaded)
        .into_iter()
        .map(|d| (d.finding.clone(), place(&loaded, d)))
        .collect();
    assert_eq!(
        found,
        [
            (
                Finding::NoWayOut { id: "rundt".into() },
                place_in(file, "[steps.rundt]", "rundt"),
            ),
            (
                Finding::NoWayOut {
                    id: "og-rundt".into()
                },
                place_in(file, "[steps.og-rundt]", "og-rundt"),
            ),
        ]
    );
}

#[test]
fn an_unknown_format_version_is_a_clear_error_and_the_file_is_not_read_further() {
    let file = "bad-input/format/format-2.toml";
    let loaded = load_fixture(file);
    let error = only_error(&loaded);
    assert_eq!(error.finding, Finding::UnsupportedFormat { found: 2 });
    assert_eq!(place(&loaded, error), place_in(file, "format = 2", "2"));
    assert_eq!(
        error.finding.message(Lang::En),
        "format 2 is unknown; this version of vejviser reads format 1"
    );
    assert!(loaded.library.guides.is_empty());
}

#[test]
fn a_missing_format_line_is_an_error_at_the_top_of_the_file() {
    let file = "bad-input/format/uden-format.toml";
    let loaded = load_fixture(file);
    let error = only_error(&loaded);
    assert_eq!(error.finding, Finding::MissingFormat);
    assert_eq!(
        place(&loaded, error),
        format!("{}:1:1", fixture(file).display())
    );
    assert!(
        error
            .finding
            .hint(Lang::En)
            .unwrap()
            .contains("`format = 1`")
    );
}

#[test]
fn an_empty_file_explains_what_is_missing_in_either_language() {
    let loaded = load_files(vec![input("g/tom.toml", "g/tom.toml", "")]);
    let codes: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| d.finding.code())
        .collect();
    assert_eq!(codes, ["missing-format", "missing-key"]);
    let missing = &loaded.diagnostics[1].finding;
    assert_eq!(missing.message(Lang::Da), "`[guide]` mangler i filen");
    assert_eq!(
        missing.message(Lang::En),
        "`[guide]` is missing in the file"
    );
    assert_eq!(
        missing.hint(Lang::En).as_deref(),
        Some("add a `[guide]` section")
    );
}

#[test]
fn a_scenario_missing_its_name_says_which_test_entry() {
    let text = concat!(
        "format = 1\n[guide]\ntitle = \"t\"\nsummary = \"s\"\nstart = \"a\"\n",
        "reviewed = 2026-11-01\nsources = [\"x\"]\n",
        "[steps.a]\nask = \"?\"\nchoices = [{ label = \"Ja\", next = \"b\" }]\n",
        "[outcomes.b]\nkind = \"guide\"\ntitle = \"t\"\nhelper = \"h\"\n",
        "[[tests]]\nanswers = [\"Ja\"]\nexpect = \"b\"\n",
    );
    let loaded = load_files(vec![input("g/x.toml", "g/x.toml", text)]);
    assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
    assert_eq!(
        loaded.diagnostics[0].finding.message(Lang::En),
        "`name` is missing in [[tests]] #1"
    );
    assert_eq!(
        loaded.diagnostics[0].line_col(&loaded.sources),
        Some((15, 1))
    );
}

#[test]
fn unknown_and_missing_keys_name_their_table_in_file_order() {
    let text = concat!(
        "format = 1\n[guide]\ntitle = \"t\"\nsummary = \"s\"\nstart = \"a\"\n",
        "reviewed = 2026-11-01\nsources = [\"x\"]\nzz = 1\ntittle = \"t\"\n",
        "[steps.a]\nask = \"?\"\nhjalp = \"h\"\nchoices = [\n",
        "  { label = \"Ja\", next = \"b\" },\n",
        "  { lable = \"Nej\", next = \"b\" },\n]\n",
        "[outcomes.b]\nkind = \"guide\"\ntitle = \"t\"\nhelper = \"h\"\n",
    );
    let loaded = load_files(vec![input("g/x.toml", "g/x.toml", text)]);
    let messages: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| d.finding.message(Lang::En))
        .collect();
    assert_eq!(
        messages,
        [
            "unknown key `zz` in [guide]",
            "unknown key `tittle` in [guide]",
            "unknown key `hjalp` in [steps.a]",
            "unknown key `lable` in [steps.a].choices #2",
            "`label` is missing in [steps.a].choices #2",
        ]
    );
}

#[test]
fn no_cut_off_version_of_a_guide_panics_the_loader_the_checker_or_the_renderer() {
    let shared = |name: &str| std::fs::read(fixture(&format!("clean/{name}"))).unwrap();
    let text = std::fs::read_to_string(fixture("clean/mitid/hjaelp-med-mitid.toml")).unwrap();
    let refusal_rule = text
        .find("rules  = [\"aldrig-andres-mitid\"]\n\n[[tests]]")
        .unwrap();
    let cuts = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    for cut in cuts {
        let mut loaded = load_files(vec![
            input("rules.toml", "rules.toml", shared("rules.toml")),
            input("places.toml", "places.toml", shared("places.toml")),
            input("mitid/g.toml", "mitid/g.toml", &text.as_bytes()[..cut]),
        ]);
        let found = vejviser::guide::check(&loaded.library, &loaded.sources, today());
        loaded.diagnostics.extend(found);
        for d in &loaded.diagnostics {
            assert!(d.line_col(&loaded.sources).is_some(), "cut {cut}: {d:?}");
            let _ = d.render(&loaded.sources, Lang::Da, true);
            let _ = d.to_json(&loaded.sources, Lang::En);
        }
        // Until the last outcome (a refusal) names its rule, something is always wrong.
        let errors = loaded.diagnostics.iter().any(Diagnostic::is_error);
        if cut < refusal_rule {
            assert!(errors, "cut at byte {cut} has no error");
        } else if cut == text.len() {
            assert!(!errors, "{:#?}", loaded.diagnostics);
        }
    }
}

// ------------------------------------------------------------------- nothing stops the others

/// Every file of the bad-input folder and the error codes it must get, in order.
const EXPECTED: &[(&str, &[&str])] = &[
    ("dobbelt-a/samme-navn.toml", &[]),
    ("dobbelt-b/samme-navn.toml", &["duplicate-id"]),
    ("format/format-2.toml", &["unsupported-format"]),
    ("format/uden-format.toml", &["missing-format"]),
    (
        "ids/trin-og-udfald-samme-id.toml",
        &["duplicate-id", "unreachable"],
    ),
    ("loekke/rundt-i-ring.toml", &["no-way-out", "no-way-out"]),
    ("noegler/ukendt-noegle.toml", &["unknown-key"]),
    ("ok/god.toml", &[]),
    ("referencer/peger-paa-intet.toml", &["unknown-reference"]),
    ("syntaks/manglende-anfoerselstegn.toml", &["toml-syntax"]),
    ("tegnsaet/latin1.toml", &["not-utf8"]),
    ("typer/dato-som-tekst.toml", &["wrong-type"]),
];

#[test]
fn every_broken_file_gets_its_own_diagnostic_and_the_good_guide_survives() {
    let dir = tempfile::tempdir().unwrap();
    let missing = fixture("findes-ikke");
    let mut loaded = load_and_check(&[
        fixture("bad-input"),
        missing.clone(),
        dir.path().to_path_buf(),
    ]);

    for (file, codes) in EXPECTED {
        let path = fixture("bad-input").join(file).display().to_string();
        let found: Vec<&str> = errors(&loaded)
            .into_iter()
            .filter(|d| d.path(&loaded.sources) == path)
            .inspect(|d| assert!(d.line_col(&loaded.sources).is_some(), "{d:?} has no line"))
            .map(|d| d.finding.code())
            .collect();
        assert_eq!(&found, codes, "errors for {file}");
    }
    let at_path = |code: &str| {
        errors(&loaded)
            .into_iter()
            .filter(|d| d.finding.code() == code)
            .map(|d| d.location.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        at_path("path-not-found"),
        [Location::Path(missing.display().to_string())]
    );
    assert_eq!(
        at_path("empty-folder"),
        [Location::Path(dir.path().display().to_string())]
    );
    let expected_errors: usize = EXPECTED.iter().map(|(_, codes)| codes.len()).sum();
    assert_eq!(errors(&loaded).len(), expected_errors + 2);
    // Every file was read, including the ones that could not be parsed.
    assert_eq!(loaded.sources.len(), EXPECTED.len());

    loaded.drop_broken_guides();
    assert_eq!(guide_ids(&loaded), ["samme-navn", "god"]);
}

#[test]
fn one_broken_guide_is_dropped_and_the_good_one_stays_usable() {
    let mut loaded = load_fixture("one-broken");
    let mut before = guide_ids(&loaded);
    before.sort_unstable();
    assert_eq!(
        before,
        ["god", "i-stykker"],
        "the broken guide still parses"
    );

    let error = only_error(&loaded);
    let broken = "one-broken/area/i-stykker.toml";
    assert_eq!(
        place(&loaded, error),
        place_in(broken, "consent =", "\"ja\"")
    );

    loaded.drop_broken_guides();
    assert_eq!(guide_ids(&loaded), ["god"]);
    assert!(loaded.library.guide("i-stykker").is_none());
}

// --------------------------------------------------------------- line endings, byte order mark

const BOM: &str = "\u{feff}";

/// The LF text of a fixture, and the same text with CRLF, with a BOM, and with both.
fn variants(relative: &str) -> Vec<(&'static str, Vec<u8>)> {
    let lf = std::fs::read(fixture(relative)).unwrap();
    assert!(!lf.contains(&b'\r'), "{relative} must be saved with LF");
    let crlf: Vec<u8> = lf
        .iter()
        .flat_map(|&b| {
            if b == b'\n' {
                vec![b'\r', b'\n']
            } else {
                vec![b]
            }
        })
        .collect();
    let with_bom = |bytes: &[u8]| [BOM.as_bytes(), bytes].concat();
    vec![
        ("bom", with_bom(&lf)),
        ("crlf", crlf.clone()),
        ("bom+crlf", with_bom(&crlf)),
        ("lf", lf),
    ]
}

/// Load one file's bytes as `area/<name>` and check it; what a helper would see of it.
fn seen(bytes: Vec<u8>, name: &str) -> (Loaded, Vec<String>) {
    let shown = format!("area/{name}");
    let mut loaded = load_files(vec![input(&shown, &shown, bytes)]);
    let found = vejviser::guide::check(&loaded.library, &loaded.sources, today());
    loaded.diagnostics.extend(found);
    let rendered = loaded
        .diagnostics
        .iter()
        .map(|d| render(&loaded, d, Lang::En))
        .collect();
    (loaded, rendered)
}

#[test]
fn crlf_and_bom_versions_of_a_good_guide_load_exactly_like_lf() {
    let mut results = variants("bad-input/ok/god.toml")
        .into_iter()
        .map(|(name, bytes)| (name, seen(bytes, "god.toml")))
        .collect::<Vec<_>>();
    let (_, (lf, lf_rendered)) = results.pop().unwrap();
    assert!(lf_rendered.is_empty(), "{lf_rendered:#?}");
    let lf_guide = &lf.library.guides[0];
    for (name, (loaded, rendered)) in &results {
        assert!(rendered.is_empty(), "{name}: {rendered:#?}");
        let guide = &loaded.library.guides[0];
        assert_eq!(guide.hash, lf_guide.hash, "{name}: same content, same hash");
        assert_eq!(guide.title.value, lf_guide.title.value, "{name}");
        let labels = |g: &vejviser::guide::Guide| {
            g.steps
                .iter()
                .flat_map(|s| s.choices.iter().map(|c| c.label.value.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(guide), labels(lf_guide), "{name}");
        assert_eq!(guide.tests.len(), lf_guide.tests.len(), "{name}");
    }
}

#[test]
fn errors_in_crlf_and_bom_versions_have_the_same_line_and_column() {
    for file in [
        "bad-input/typer/dato-som-tekst.toml",
        "bad-input/syntaks/manglende-anfoerselstegn.toml",
        "bad-input/referencer/peger-paa-intet.toml",
        "bad-input/loekke/rundt-i-ring.toml",
        "bad-input/tegnsaet/latin1.toml",
    ] {
        let mut results = variants(file)
            .into_iter()
            .map(|(name, bytes)| (name, seen(bytes, "x.toml").1))
            .collect::<Vec<_>>();
        let (_, lf) = results.pop().unwrap();
        assert!(!lf.is_empty(), "{file} should have findings");
        for (name, rendered) in results {
            // The rendered text holds the message, `file:line:column`, the source line and carets.
            assert_eq!(rendered, lf, "{file} as {name}");
        }
    }
}

// ----------------------------------------------------------------------------- policy lints

const RULES: &str = r#"format = 1

[rules.aldrig-andres-mitid]
kind   = "must_not"
text   = "Brug aldrig en anden persons MitID."
why    = "En godkendelse tæller som en underskrift."
source = "https://mitid.dk"

[rules.kig-vaek]
kind   = "must"
text   = "Kig væk, mens borgeren taster sin kode."
why    = "Så kan ingen sige, at du kender koden."
source = "https://mitid.dk"
"#;

const PLACES: &str = r#"format = 1

[places.mitid-support]
name = "MitID Support"
"#;

/// A guide file around the given steps, outcomes and tests.
fn guide(reviewed: &str, body: &str) -> String {
    format!(
        "format = 1\n\n[guide]\ntitle = \"Politik\"\nsummary = \"Til test af reglerne.\"\n\
         start = \"start\"\nreviewed = {reviewed}\nsources = [\"https://example.org\"]\n\n{body}"
    )
}

/// Load the shared rules and places with one guide, and check it.
fn check_guide(reviewed: &str, body: &str, today: Date) -> Loaded {
    let mut loaded = load_files(vec![
        input("rules.toml", "rules.toml", RULES),
        input("places.toml", "places.toml", PLACES),
        input(
            "area/politik.toml",
            "area/politik.toml",
            guide(reviewed, body),
        ),
    ]);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let found = vejviser::guide::check(&loaded.library, &loaded.sources, today);
    loaded.diagnostics.extend(found);
    loaded
}

fn findings(loaded: &Loaded) -> Vec<Finding> {
    loaded
        .diagnostics
        .iter()
        .map(|d| d.finding.clone())
        .collect()
}

const TEST_DO: &str = "[[tests]]\nname = \"t\"\nanswers = [\"Ja\"]\nexpect = \"goer-det\"\n";

#[test]
fn a_do_outcome_reachable_without_consent_is_an_error_naming_the_path() {
    let body = r#"
[steps.start]
ask = "Skal vi gøre det?"
choices = [{ label = "Ja", next = "goer-det" }]

[outcomes.goer-det]
kind = "do"
title = "Gør det sammen"
helper = "Sid ved siden af."
"#;
    let found = check_guide("2026-11-01", &format!("{body}{TEST_DO}"), today());
    assert_eq!(
        findings(&found),
        [Finding::DoWithoutConsent {
            id: "goer-det".into(),
            path: vec!["start".into(), "goer-det".into()],
        }]
    );
    assert_eq!(found.diagnostics[0].severity, Severity::Error);
}

#[test]
fn a_do_outcome_behind_a_consent_step_is_clean() {
    let body = r#"
[steps.start]
ask = "Vil borgeren have hjælp?"
choices = [{ label = "Ja", next = "samtykke" }]

[steps.samtykke]
ask = "Siger borgeren ja til, at du hjælper ved skærmen?"
consent = true
choices = [{ label = "Ja", next = "goer-det" }, { label = "Nej", next = "vejled" }]

[outcomes.goer-det]
kind = "do"
title = "Gør det sammen"
helper = "Sid ved siden af."

[outcomes.vejled]
kind = "guide"
title = "Vejled"
helper = "Vis vej."

[[tests]]
name = "ja"
answers = ["Ja", "Ja"]
expect = "goer-det"
"#;
    assert_eq!(findings(&check_guide("2026-11-01", body, today())), []);
}

#[test]
fn one_path_around_the_consent_step_is_enough_to_fail() {
    let body = r#"
[steps.start]
ask = "Vil borgeren have hjælp?"
choices = [
  { label = "Ja", next = "samtykke" },
  { label = "Det haster", next = "hurtigt" },
]

[steps.samtykke]
ask = "Siger borgeren ja?"
consent = true
choices = [{ label = "Ja", next = "goer-det" }]

[steps.hurtigt]
ask = "Er det en tast?"
choices = [{ label = "Ja", next = "goer-det" }]

[outcomes.goer-det]
kind = "do"
title = "Gør det sammen"
helper = "Sid ved siden af."
"#;
    let found = check_guide("2026-11-01", &format!("{body}{TEST_DO}"), today());
    assert_eq!(
        findings(&found),
        [Finding::DoWithoutConsent {
            id: "goer-det".into(),
            path: vec!["start".into(), "hurtigt".into(), "goer-det".into()],
        }]
    );
}

fn one_outcome(outcome: &str) -> String {
    format!(
        "[steps.start]\nask = \"?\"\nchoices = [{{ label = \"Ja\", next = \"slut\" }}]\n\n\
         [outcomes.slut]\ntitle = \"Slut\"\nhelper = \"Gør sådan.\"\n{outcome}\n\n\
         [[tests]]\nname = \"t\"\nanswers = [\"Ja\"]\nexpect = \"slut\"\n"
    )
}

#[test]
fn refuse_needs_a_must_not_rule() {
    let check =
        |outcome: &str| findings(&check_guide("2026-11-01", &one_outcome(outcome), today()));
    let refuse = || vec![Finding::RefuseWithoutMustNot { id: "slut".into() }];
    assert_eq!(check("kind = \"refuse\""), refuse());
    // A `must` rule is not a reason to refuse.
    assert_eq!(check("kind = \"refuse\"\nrules = [\"kig-vaek\"]"), refuse());
    assert_eq!(
        check("kind = \"refuse\"\nrules = [\"kig-vaek\", \"aldrig-andres-mitid\"]"),
        []
    );
}

#[test]
fn refer_needs_a_place_that_exists() {
    let check =
        |outcome: &str| findings(&check_guide("2026-11-01", &one_outcome(outcome), today()));
    assert_eq!(
        check("kind = \"refer\""),
        [Finding::ReferWithoutPlace { id: "slut".into() }]
    );
    assert_eq!(
        check("kind = \"refer\"\nrefer = \"mitid-suport\""),
        [Finding::UnknownReference {
            id: "mitid-suport".into(),
            what: What::Place,
            suggestion: Some("mitid-support".into()),
        }]
    );
    assert_eq!(check("kind = \"refer\"\nrefer = \"mitid-support\""), []);
}

#[test]
fn a_reviewed_date_older_than_a_year_warns_at_the_date() {
    let body = one_outcome("kind = \"guide\"");
    // 2025-11-23 is exactly 365 days before today: still fresh.
    assert_eq!(findings(&check_guide("2025-11-23", &body, today())), []);

    let found = check_guide("2025-11-22", &body, today());
    assert_eq!(
        findings(&found),
        [Finding::Stale {
            reviewed: "2025-11-22".into(),
            days: 366,
        }]
    );
    let stale = &found.diagnostics[0];
    assert_eq!(stale.severity, Severity::Warning);
    // Line 7 is `reviewed = 2025-11-22`: the warning points at the date.
    assert_eq!(stale.line_col(&found.sources), Some((7, 12)));

    // The same guide, checked a year earlier, is fresh: the date comes from the caller.
    let earlier = Date::new(2025, 12, 1).unwrap();
    assert_eq!(findings(&check_guide("2025-11-22", &body, earlier)), []);
}

#[test]
fn a_guide_without_tests_warns_but_is_not_an_error() {
    let body = "[steps.start]\nask = \"?\"\nchoices = [{ label = \"Ja\", next = \"slut\" }]\n\n\
                [outcomes.slut]\nkind = \"guide\"\ntitle = \"Slut\"\nhelper = \"Gør sådan.\"\n";
    let found = check_guide("2026-11-01", body, today());
    assert_eq!(findings(&found), [Finding::NoTests]);
    assert_eq!(found.diagnostics[0].severity, Severity::Warning);
}

// -------------------------------------------------------------------- exact rendered text

fn first_with_code<'a>(loaded: &'a Loaded, code: &str) -> &'a Diagnostic {
    loaded
        .diagnostics
        .iter()
        .find(|d| d.finding.code() == code)
        .unwrap_or_else(|| panic!("no {code} in {:#?}", loaded.diagnostics))
}

#[test]
fn rendered_unknown_key_with_did_you_mean() {
    let loaded = load_fixture("bad-input/noegler/ukendt-noegle.toml");
    let d = first_with_code(&loaded, "unknown-key");
    insta::assert_snapshot!("unknown_key_da", render(&loaded, d, Lang::Da));
    insta::assert_snapshot!("unknown_key_en", render(&loaded, d, Lang::En));
}

#[test]
fn rendered_wrong_type() {
    let loaded = load_fixture("bad-input/typer/dato-som-tekst.toml");
    let d = first_with_code(&loaded, "wrong-type");
    insta::assert_snapshot!("wrong_type_da", render(&loaded, d, Lang::Da));
}

#[test]
fn rendered_toml_syntax_error() {
    let loaded = load_fixture("bad-input/syntaks/manglende-anfoerselstegn.toml");
    let d = first_with_code(&loaded, "toml-syntax");
    insta::assert_snapshot!("toml_syntax_da", render(&loaded, d, Lang::Da));
}

#[test]
fn rendered_duplicate_id() {
    let loaded = load_fixture("bad-input/ids/trin-og-udfald-samme-id.toml");
    let d = first_with_code(&loaded, "duplicate-id");
    insta::assert_snapshot!("duplicate_id_da", render(&loaded, d, Lang::Da));
}

#[test]
fn rendered_text_has_no_colour_codes_when_colour_is_off() {
    let loaded = load_fixture("bad-input/typer/dato-som-tekst.toml");
    let d = first_with_code(&loaded, "wrong-type");
    assert!(!render(&loaded, d, Lang::Da).contains('\u{1b}'));
    assert!(
        d.render(&loaded.sources, Lang::Da, true)
            .contains("\u{1b}[")
    );
}
