//! The privacy lint of `vejviser check`: guide text that holds something CPR-shaped, an e-mail
//! address or a phone number (outside `places.toml`) is a warning that points at the very
//! characters, and ordinary Danish numbers (`3–7 hverdage`, `15 år`, dates, form numbers, URLs)
//! are not. The shipped guides are clean.

use std::path::{Path, PathBuf};
use std::process::Command;

use vejviser::date::Date;
use vejviser::guide::{Diagnostic, InputFile, Loaded, Severity, check, load_files, load_paths};
use vejviser::lang::Lang;
use vejviser::present::Explain;
use vejviser::present::Show as _;
use vejviser::privacy::{IdShape, Kind, id_shape, looks_like_name, scan};
use vejviser::site::apply_site;

const PRIVACY_CODES: [&str; 8] = [
    "cpr-in-guide",
    "email-in-guide",
    "phone-in-guide",
    "cpr-in-id",
    "phone-in-id",
    "email-in-id",
    "digits-in-id",
    "name-in-id",
];

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

fn input(relative: &str, text: &str) -> InputFile {
    InputFile {
        display: relative.to_string(),
        relative: relative.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

const RULES: &str = r#"format = 1
[rules.aldrig]
kind   = "must_not"
text   = "Brug aldrig en anden persons MitID."
why    = "Det er en underskrift."
source = "https://mitid.dk"
"#;

const PLACES: &str = r#"format = 1
[places.support]
name  = "MitID Support"
phone = "33 98 00 10"
web   = "https://mitid.dk"
note  = "Ring på +45 33 98 00 10 eller skriv til support@mitid.dk."
"#;

/// A valid guide with `text` as the question of its only step (written as given, so the test
/// decides the quoting).
fn guide_with_ask(literal: &str) -> String {
    format!(
        "format = 1\n\n[guide]\ntitle = \"Privat\"\nsummary = \"Til test.\"\nstart = \"start\"\n\
         reviewed = 2026-11-20\nsources = [\"https://example.org\"]\n\n\
         [steps.start]\nask = {literal}\nchoices = [ {{ label = \"Videre\", next = \"slut\" }} ]\n\n\
         [outcomes.slut]\nkind = \"guide\"\ntitle = \"Slut\"\nhelper = \"Vis vej.\"\n\n\
         [[tests]]\nname = \"t\"\nanswers = [\"Videre\"]\nexpect = \"slut\"\n"
    )
}

fn load_checked(files: Vec<InputFile>) -> Loaded {
    let mut loaded = load_files(files);
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{:#?}",
        loaded.diagnostics
    );
    let found = check(&loaded.library, &loaded.sources, today());
    loaded.diagnostics.extend(found);
    loaded
}

fn load_guide(text: &str) -> Loaded {
    load_checked(vec![
        input("rules.toml", RULES),
        input("places.toml", PLACES),
        input("omraade/privat.toml", text),
    ])
}

fn privacy(loaded: &Loaded) -> Vec<&Diagnostic> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| PRIVACY_CODES.contains(&d.finding.code()))
        .collect()
}

/// `file:line:column` and the text the diagnostic's span covers.
fn place_and_text(loaded: &Loaded, d: &Diagnostic) -> (String, String) {
    let vejviser::guide::Location::Span(span) = &d.location else {
        panic!("a privacy warning points into a file: {d:?}");
    };
    let file = loaded.sources.get(span.file).unwrap();
    let (line, col) = d.line_col(&loaded.sources).unwrap();
    (
        format!("{}:{line}:{col}", file.path),
        file.text[span.start as usize..span.end as usize].to_string(),
    )
}

/// Line and column of `needle` in `text`, counted as an editor does.
fn line_col_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let before = &text[..at];
    (
        before.matches('\n').count() + 1,
        before.rsplit('\n').next().unwrap().chars().count() + 1,
    )
}

#[test]
fn a_cpr_number_in_a_question_is_a_warning_at_the_number() {
    for cpr in ["010190-1234", "0101901234", "290288–4321"] {
        let text = guide_with_ask(&format!("\"Borgeren siger, at CPR er {cpr}. Hvad nu?\""));
        let loaded = load_guide(&text);
        let found = privacy(&loaded);
        assert_eq!(found.len(), 1, "{cpr}: {found:#?}");
        let d = found[0];
        assert_eq!(d.finding.code(), "cpr-in-guide");
        assert_eq!(d.severity, Severity::Warning);
        let (line, col) = line_col_of(&text, cpr);
        assert_eq!(
            place_and_text(&loaded, d),
            (format!("omraade/privat.toml:{line}:{col}"), cpr.to_string())
        );
    }
}

#[test]
fn an_email_address_and_a_phone_number_are_warnings_at_their_place() {
    let text = guide_with_ask(
        "\"Skal borgeren skrive til jens.hansen@eksempel.dk eller ringe på 22 33 44 55?\"",
    );
    let loaded = load_guide(&text);
    let found = privacy(&loaded);
    let got: Vec<(&str, String)> = found
        .iter()
        .map(|d| (d.finding.code(), place_and_text(&loaded, d).1))
        .collect();
    assert_eq!(
        got,
        [
            ("email-in-guide", "jens.hansen@eksempel.dk".to_string()),
            ("phone-in-guide", "22 33 44 55".to_string()),
        ]
    );
    let (line, col) = line_col_of(&text, "22 33 44 55");
    assert_eq!(found[1].line_col(&loaded.sources), Some((line, col)));
}

#[test]
fn phone_numbers_in_places_toml_are_not_warned_about() {
    // PLACES has a phone, a +45 number and an e-mail address in its note.
    let loaded = load_guide(&guide_with_ask("\"Hvad vil borgeren?\""));
    assert!(privacy(&loaded).is_empty(), "{:#?}", privacy(&loaded));
    assert!(
        loaded.diagnostics.is_empty(),
        "a clean guide stays clean: {:#?}",
        loaded.diagnostics
    );
}

/// A guide with a hit in every kind of text the lint reads (and the rule written in it).
const EVERY_TEXT: &str = r#"format = 1

[guide]
title    = "Ring 22334455"
summary  = "Skriv til a@b.dk"
tags     = ["0101901234"]
synonyms = ["33 44 55 66"]
start    = "start"
reviewed = 2026-11-20
sources  = ["https://example.org"]

[rules.egen]
kind   = "must"
text   = "Ring 44556677"
why    = "Fordi."
source = "Mail: x@y.dk"

[steps.start]
ask     = "Spørgsmål"
help    = "Hjælp på 55667788"
rules   = ["egen"]
choices = [ { label = "Svar 020202-2222", next = "slut" } ]

[outcomes.slut]
kind   = "guide"
title  = "Titel 66778899"
helper = "Hjælper 77889900"
steps  = ["Trin 88990011"]

[[tests]]
name    = "Test 99001122"
answers = ["Svar 020202-2222"]
expect  = "slut"
"#;

#[test]
fn every_kind_of_guide_text_is_linted() {
    // Help, labels, outcome texts, handout steps, tags, synonyms, test names, rules in the guide
    // file and in rules.toml, services and areas.
    let guide = EVERY_TEXT;
    let loaded = load_checked(vec![
        input(
            "rules.toml",
            &RULES.replace("Det er en underskrift.", "Ring 23232323."),
        ),
        input(
            "services.toml",
            "format = 1\n[services.x]\ntext = \"Ring 24242424\"\n",
        ),
        input(
            "areas.toml",
            "format = 1\n[areas.omraade]\ntitle = \"Område 25252525\"\n",
        ),
        input("places.toml", PLACES),
        input("omraade/privat.toml", guide),
    ]);
    let mut shown: Vec<String> = privacy(&loaded)
        .iter()
        .map(|d| place_and_text(&loaded, d).1)
        .collect();
    shown.sort();
    let mut expected = vec![
        "22334455",
        "a@b.dk",
        "0101901234",
        "33 44 55 66",
        "44556677",
        "x@y.dk",
        "55667788",
        "020202-2222",
        "66778899",
        "77889900",
        "88990011",
        "99001122",
        "23232323",
        "24242424",
        "25252525",
    ];
    expected.sort();
    assert_eq!(shown, expected);
}

#[test]
fn one_hit_in_any_one_guide_text_is_found() {
    // `check` skips a guide that was found clean while it was loaded: a single hit in any one
    // text must keep it from being skipped.
    let hits = [
        "22334455",
        "a@b.dk",
        "0101901234",
        "33 44 55 66",
        "44556677",
        "x@y.dk",
        "55667788",
        "020202-2222",
        "66778899",
        "77889900",
        "88990011",
        "99001122",
    ];
    for kept in hits {
        let mut guide = EVERY_TEXT.to_string();
        for other in hits.iter().filter(|h| **h != kept) {
            guide = guide.replace(other, "ingen");
        }
        let loaded = load_checked(vec![
            input("rules.toml", RULES),
            input("places.toml", PLACES),
            input("omraade/privat.toml", &guide),
        ]);
        let shown: Vec<String> = privacy(&loaded)
            .iter()
            .map(|d| place_and_text(&loaded, d).1)
            .collect();
        assert_eq!(shown, [kept], "only {kept} left in the guide");
    }
}

#[test]
fn a_cpr_shaped_step_id_is_caught_because_ids_go_into_the_case_log() {
    // Ids go into the case log, so a CPR-shaped id is refused outright when the file is read
    // (an error, not just a privacy warning), pointing at the id.
    let text = guide_with_ask("\"Hvad nu?\"")
        .replace("\"start\"", "\"010190-1234\"")
        .replace("[steps.start]", "[steps.010190-1234]");
    let loaded = load_files(vec![
        input("rules.toml", RULES),
        input("places.toml", PLACES),
        input("omraade/privat.toml", &text),
    ]);
    let bad: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.finding.code() == "cpr-in-id")
        .collect();
    assert_eq!(bad.len(), 1, "{:#?}", loaded.diagnostics);
    assert!(bad[0].is_error());
    assert_eq!(place_and_text(&loaded, bad[0]).1, "010190-1234");
}

#[test]
fn a_string_with_escapes_points_at_the_whole_literal() {
    let literal = r#""Tab\there: ring 22 33 44 55""#;
    let text = guide_with_ask(literal);
    let loaded = load_guide(&text);
    let found = privacy(&loaded);
    assert_eq!(found.len(), 1);
    assert_eq!(place_and_text(&loaded, found[0]).1, literal);
}

#[test]
fn literal_and_multi_line_strings_point_at_the_number() {
    for literal in [
        "'Ring 22 33 44 55'",
        "\"\"\"\nRing\n22 33 44 55\"\"\"",
        "'''\r\nRing 22 33 44 55'''",
    ] {
        let text = guide_with_ask(literal);
        let loaded = load_guide(&text);
        let found = privacy(&loaded);
        assert_eq!(found.len(), 1, "{literal}");
        assert_eq!(
            place_and_text(&loaded, found[0]).1,
            "22 33 44 55",
            "{literal}"
        );
    }
}

#[test]
fn ordinary_numbers_in_danish_text_are_not_personal_data() {
    for text in [
        "Svar inden 3–7 hverdage.",
        "Borgeren skal være over 15 år.",
        "Åbent 8–18, lukket 13–14.",
        "Blanket 02.052, 02.043 eller 02.056.",
        "Se https://skat.dk/data.aspx?oid=1924748 og doi:10.7146/ntik.v5i3.25787.",
        "Reglerne fra 2019 2020 gælder.",
        "Kun 4 ud af 10 ansøgninger.",
        "Dato 2026-11-23 og 23-11-2026 og 23.11.2026.",
        "Postnummer 6000 Kolding, tlf. tid 10-12.",
        "Brug @borgerdk eller skriv a@b.",
        "Pris 1.234.567 kr.",
    ] {
        assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
    }
}

#[test]
fn scan_finds_each_kind() {
    let kinds = |t: &str| scan(t).into_iter().map(|h| h.kind).collect::<Vec<_>>();
    assert_eq!(kinds("cpr 311299-9999"), [Kind::Cpr]);
    assert_eq!(kinds("ring +45 70 20 00 00"), [Kind::Phone]);
    assert_eq!(kinds("ring 7020 0000"), [Kind::Phone]);
    assert_eq!(kinds("mail: navn@firma.com"), [Kind::Email]);
    assert_eq!(
        kinds("a@b.dk, 22334455, 010101-0101"),
        [Kind::Email, Kind::Phone, Kind::Cpr]
    );
    // Danish numbers never start with 0 or 1; 30 February and month 13 are not dates.
    assert!(kinds("12345678 300290-1234 011390-1234").is_empty());
}

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_shipped_guides_have_no_privacy_findings() {
    let mut loaded = load_paths(&[crate_dir().join("guides")]);
    loaded
        .diagnostics
        .extend(check(&loaded.library, &loaded.sources, today()));
    assert!(privacy(&loaded).is_empty(), "{:#?}", privacy(&loaded));
    let mut embedded = vejviser::guide::load_embedded();
    let found = check(&embedded.library, &embedded.sources, today());
    embedded.diagnostics.extend(found);
    assert!(privacy(&embedded).is_empty());
}

#[test]
fn messages_and_hints_exist_in_both_languages() {
    let loaded = load_guide(&guide_with_ask("\"a@b.dk 22334455 0101901234\""));
    let found = privacy(&loaded);
    assert_eq!(found.len(), 3);
    for d in found {
        for lang in [Lang::Da, Lang::En] {
            let shown = d.render(&loaded.sources, lang, false);
            assert!(
                shown.contains(&format!("[{}]", d.finding.code())),
                "{shown}"
            );
            assert!(d.finding.hint(lang).is_some());
        }
        assert_ne!(d.finding.message(Lang::Da), d.finding.message(Lang::En));
        let da = d.render(&loaded.sources, Lang::Da, false);
        assert!(da.starts_with("advarsel["), "{da}");
    }
}

#[test]
fn check_on_the_command_line_warns_and_still_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let root: PathBuf = dir.path().join("guides");
    std::fs::create_dir_all(root.join("omraade")).unwrap();
    std::fs::write(root.join("rules.toml"), RULES).unwrap();
    std::fs::write(root.join("places.toml"), PLACES).unwrap();
    let today = Date::today().to_string();
    let text =
        guide_with_ask("\"Ring 22 33 44 55 eller skriv a@b.dk\"").replace("2026-11-20", &today);
    std::fs::write(root.join("omraade/privat.toml"), &text).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["check", "guides", "--lang", "en"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let (line, col) = line_col_of(&text, "22 33 44 55");
    assert!(
        stdout.contains("warning[phone-in-guide]: the text contains a phone number\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("--> guides/omraade/privat.toml:{line}:{col}\n")),
        "{stdout}"
    );
    assert!(stdout.contains("warning[email-in-guide]"), "{stdout}");
    assert!(stdout.contains("0 errors, 2 warnings"), "{stdout}");
}

/// The errors (code and the text they point at) of loading the shared files and one guide
/// whose step id `start` is replaced by `id` (written as a TOML key as given).
fn id_errors(file: &str, text: &str) -> Vec<(String, String)> {
    let loaded = load_files(vec![
        input("rules.toml", RULES),
        input("places.toml", PLACES),
        input(file, text),
    ]);
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let shown = match &d.location {
                vejviser::guide::Location::Span(_) => place_and_text(&loaded, d).1,
                vejviser::guide::Location::Path(p) => p.clone(),
            };
            (d.finding.code().to_string(), shown)
        })
        .collect()
}

fn with_step_id(key: &str, value: &str) -> String {
    guide_with_ask("\"Hvad nu?\"")
        .replace("start = \"start\"", &format!("start = \"{value}\""))
        .replace("[steps.start]", &format!("[steps.{key}]"))
}

#[test]
fn cpr_and_phone_shapes_split_by_separators_are_errors_in_step_ids() {
    // None of these has five digits in a row, so the plain id rule let them all through.
    for (key, value, code) in [
        ("0102-03-1234", "0102-03-1234", "cpr-in-id"),
        ("trin-01-01-90-1234", "trin-01-01-90-1234", "cpr-in-id"),
        ("22-33-44-55", "22-33-44-55", "phone-in-id"),
        ("ring-2233-4455", "ring-2233-4455", "phone-in-id"),
        ("\"22.33.44.55\"", "22.33.44.55", "phone-in-id"),
        ("\"22 33 44 55\"", "22 33 44 55", "phone-in-id"),
        ("\"010190 1234\"", "010190 1234", "cpr-in-id"),
        ("\"jens@eksempel.dk\"", "jens@eksempel.dk", "email-in-id"),
        ("trin-12-34-56", "trin-12-34-56", "digits-in-id"),
    ] {
        let errors = id_errors("omraade/privat.toml", &with_step_id(key, value));
        assert_eq!(errors, [(code.to_string(), key.to_string())], "{key}");
    }
}

#[test]
fn outcome_rule_and_place_ids_are_held_to_the_same_rule() {
    let outcome = guide_with_ask("\"Hvad nu?\"")
        .replace("\"slut\"", "\"22-33-44-55\"")
        .replace("[outcomes.slut]", "[outcomes.22-33-44-55]");
    assert_eq!(
        id_errors("omraade/privat.toml", &outcome),
        [("phone-in-id".to_string(), "22-33-44-55".to_string())]
    );
    let rules = RULES.replace("[rules.aldrig]", "[rules.0102-03-1234]");
    let loaded = load_files(vec![
        input("rules.toml", &rules),
        input(
            "places.toml",
            &PLACES.replace("[places.support]", "[places.ring-22-33-44-55]"),
        ),
    ]);
    let codes: Vec<(&str, String)> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.finding.code(), place_and_text(&loaded, d).1))
        .collect();
    assert!(
        codes.contains(&("cpr-in-id", "0102-03-1234".to_string())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("phone-in-id", "ring-22-33-44-55".to_string())),
        "{codes:?}"
    );
}

#[test]
fn a_guide_file_named_after_a_person_with_a_cpr_number_is_an_error() {
    let text = guide_with_ask("\"Hvad nu?\"");
    let errors = id_errors("omraade/jens-hansen-0102-03-1234.toml", &text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "cpr-in-id");
}

#[test]
fn short_numbers_such_as_form_numbers_are_fine_in_ids() {
    for id in [
        "blanket-02-052",
        "ny-15-aar",
        "trin2",
        "kl-8-18",
        "aar-2026",
    ] {
        assert_eq!(id_shape(id), None, "{id}");
        let errors = id_errors("omraade/privat.toml", &with_step_id(id, id));
        assert!(errors.is_empty(), "{id}: {errors:?}");
    }
    assert_eq!(id_shape("blanket-02-052-1"), Some(IdShape::Digits));
}

#[test]
fn a_site_id_shaped_like_a_cpr_number_is_refused_and_a_name_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let shared = |loaded: &mut Loaded, body: &str| {
        let path = dir.path().join("site.toml");
        std::fs::write(
            &path,
            format!("format = 1\n[site]\n{body}\nname = \"Sted\"\n"),
        )
        .unwrap();
        apply_site(loaded, &path)
    };
    let mut loaded = load_files(vec![input("rules.toml", RULES)]);
    assert!(shared(&mut loaded, "id = \"0102-03-1234\"").is_none());
    let codes: Vec<&str> = loaded
        .diagnostics
        .iter()
        .map(|d| d.finding.code())
        .collect();
    assert_eq!(codes, ["cpr-in-id"]);
    let mut loaded = load_files(vec![input("rules.toml", RULES)]);
    let site = shared(&mut loaded, "id = \"jens-hansen\"");
    assert!(site.is_some());
    let found: Vec<&Diagnostic> = loaded.diagnostics.iter().collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].finding.code(), "name-in-id");
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn ids_that_look_like_a_first_and_last_name_are_warnings_in_check() {
    for id in [
        "jens-hansen",
        "ring-til-anne-marie-nielsen",
        "soeren-joergensen",
        "soren-jorgensen",
        "mette-moeller",
    ] {
        assert!(looks_like_name(id), "{id}");
        let loaded = load_guide(&with_step_id(id, id));
        let found = privacy(&loaded);
        assert_eq!(found.len(), 1, "{id}: {found:#?}");
        assert_eq!(found[0].finding.code(), "name-in-id");
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(place_and_text(&loaded, found[0]).1, id);
        let da = found[0].render(&loaded.sources, Lang::Da, false);
        assert!(da.contains("ligner et navn"), "{da}");
    }
    // A first name alone, a surname alone, or the two the wrong way round.
    for id in [
        "jens",
        "hansen-jens",
        "mitid-hjaelp",
        "ring-til-hansen",
        "peter-og-hansen",
    ] {
        assert!(!looks_like_name(id), "{id}");
    }
}

#[test]
fn id_findings_have_messages_and_hints_in_both_languages() {
    let text = with_step_id("0102-03-1234", "0102-03-1234");
    let loaded = load_files(vec![
        input("rules.toml", RULES),
        input("places.toml", PLACES),
        input("omraade/privat.toml", &text),
    ]);
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.finding.code() == "cpr-in-id")
        .unwrap();
    assert_eq!(
        d.finding.message(Lang::Da),
        "id'et for et trin ligner et CPR-nummer; id'er skrives i sagsloggen"
    );
    assert_eq!(
        d.finding.message(Lang::En),
        "the id of a step looks like a CPR number; ids are written into the case log"
    );
    for lang in [Lang::Da, Lang::En] {
        assert!(d.finding.hint(lang).is_some_and(|h| h.contains("02-052")));
    }
    let loaded = load_guide(&with_step_id("jens-hansen", "jens-hansen"));
    let d = privacy(&loaded)[0];
    assert_ne!(d.finding.message(Lang::Da), d.finding.message(Lang::En));
    assert!(d.finding.hint(Lang::En).is_some());
}
