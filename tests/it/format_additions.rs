//! Format additions for the content: `see` links to other guides (on a step or an outcome),
//! `refer` naming several places in order, and `for`, whom an outcome's handout speaks to.
//! Each is read, checked (with a finding code and an exact place), and kept through a
//! translation, whose ids are never translated.

use vejviser::date::Date;
use vejviser::guide::model::Addressee;
use vejviser::guide::translation::{Target, apply, danish_parts, part_hash};
use vejviser::guide::{Finding, InputFile, Loaded, check, load_files};
use vejviser::lang::Lang;
use vejviser::present::Explain;

const RULES: &str = "format = 1\n";
const PLACES: &str = r#"format = 1
[places.borgerservice]
name = "Borgerservice"
phone = "70 00 00 00"

[places.mitid-support]
name = "MitID Support"
web = "https://mitid.dk"
"#;

/// A guide `a` in area `omr`, with `extra_step` added to its start step and `extra_outcome` to
/// its refer outcome.
fn guide_a(extra_step: &str, extra_outcome: &str) -> String {
    format!(
        r#"format = 1
[guide]
title = "Guide A"
summary = "S"
start = "start"
reviewed = 2026-11-01
sources = ["x"]

[steps.start]
ask = "Hvad?"
{extra_step}
choices = [
  {{ label = "Henvis", next = "henvis" }},
  {{ label = "Vejled", next = "vejled" }},
]

[outcomes.henvis]
kind = "refer"
title = "Henvis"
helper = "H"
{extra_outcome}

[outcomes.vejled]
kind = "guide"
title = "Vejled"
helper = "H"
steps = ["Gør sådan."]

[[tests]]
name = "h"
answers = ["Henvis"]
expect = "henvis"

[[tests]]
name = "v"
answers = ["Vejled"]
expect = "vejled"
"#
    )
}

const GUIDE_B: &str = r#"format = 1
[guide]
title = "Guide B om fuldmagt"
summary = "S"
start = "s"
reviewed = 2026-11-01
sources = ["x"]

[steps.s]
ask = "Hvad?"
choices = [{ label = "Ok", next = "o" }]

[outcomes.o]
kind = "guide"
title = "O"
helper = "H"

[[tests]]
name = "o"
answers = ["Ok"]
expect = "o"
"#;

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

fn load_a(extra_step: &str, extra_outcome: &str) -> Loaded {
    let a = guide_a(extra_step, extra_outcome);
    load(&[
        ("rules.toml", RULES),
        ("places.toml", PLACES),
        ("omr/a.toml", &a),
        ("omr/guide-b.toml", GUIDE_B),
    ])
}

/// Errors as (code, file:line:col, hint).
fn errors(loaded: &Loaded) -> Vec<(&'static str, String, Option<String>)> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let (line, col) = d.line_col(&loaded.sources).unwrap_or((0, 0));
            (
                d.finding.code(),
                format!("{}:{line}:{col}", d.path(&loaded.sources)),
                d.finding.hint(Lang::En),
            )
        })
        .collect()
}

fn outcome<'a>(loaded: &'a Loaded, id: &str) -> &'a vejviser::guide::Outcome {
    loaded.library.guide("a").unwrap().outcome(id).unwrap()
}

// -------------------------------------------------------------------------------- see

#[test]
fn see_on_a_step_and_an_outcome_is_read_in_order_and_passes_when_the_guides_exist() {
    let loaded = load_a(
        r#"see = ["guide-b", "a"]"#,
        "refer = \"borgerservice\"\nsee = [\"guide-b\"]",
    );
    assert_eq!(errors(&loaded), []);
    let guide = loaded.library.guide("a").unwrap();
    let see: Vec<&str> = guide.steps[0].see.iter().map(|t| t.as_str()).collect();
    assert_eq!(see, ["guide-b", "a"]);
    let see: Vec<&str> = outcome(&loaded, "henvis")
        .see
        .iter()
        .map(|t| t.as_str())
        .collect();
    assert_eq!(see, ["guide-b"]);
}

#[test]
fn an_unknown_guide_in_see_is_an_error_at_its_place_with_a_suggestion() {
    let loaded = load_a(
        r#"see = ["guide-bb"]"#,
        "refer = \"borgerservice\"\nsee = [\"guide-b\", \"ingen-saadan\"]",
    );
    let found = errors(&loaded);
    assert_eq!(found.len(), 2, "{found:?}");
    // Line 11 is `see = [...]` in the start step; the id's quote is at column 8.
    assert_eq!(found[0].0, "unknown-reference");
    assert_eq!(found[0].1, "guides/omr/a.toml:11:8");
    assert_eq!(found[0].2.as_deref(), Some("did you mean `guide-b`?"));
    assert_eq!(found[1].0, "unknown-reference");
    assert!(found[1].1.starts_with("guides/omr/a.toml:22:"), "{found:?}");
    let finding = &loaded
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .unwrap()
        .finding;
    assert!(matches!(
        finding,
        Finding::UnknownReference { what: vejviser::guide::finding::What::Guide, id, .. }
            if id == "guide-bb"
    ));
    assert_eq!(
        finding.message(Lang::Da),
        "Guiden `guide-bb` findes ikke",
        "the Danish headline names a guide"
    );
}

#[test]
fn see_must_be_a_list_of_texts() {
    let loaded = load_a(r#"see = "guide-b""#, "refer = \"borgerservice\"");
    let found = errors(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "wrong-type");
}

// ------------------------------------------------------------------------------ refer

#[test]
fn refer_may_name_one_place_or_several_in_order() {
    let one = load_a("", r#"refer = "borgerservice""#);
    assert_eq!(errors(&one), []);
    let ids: Vec<&str> = outcome(&one, "henvis")
        .refer
        .iter()
        .map(|t| t.as_str())
        .collect();
    assert_eq!(ids, ["borgerservice"]);

    let two = load_a("", r#"refer = ["mitid-support", "borgerservice"]"#);
    assert_eq!(errors(&two), []);
    let ids: Vec<&str> = outcome(&two, "henvis")
        .refer
        .iter()
        .map(|t| t.as_str())
        .collect();
    assert_eq!(ids, ["mitid-support", "borgerservice"], "the order is kept");
}

#[test]
fn every_place_in_a_refer_list_is_checked() {
    let loaded = load_a("", r#"refer = ["mitid-support", "borgerservis"]"#);
    let found = errors(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "unknown-reference");
    assert_eq!(found[0].1, "guides/omr/a.toml:21:27");
    assert_eq!(found[0].2.as_deref(), Some("did you mean `borgerservice`?"));
}

#[test]
fn an_empty_or_wrongly_typed_refer_is_an_error() {
    let empty = load_a("", "refer = []");
    let codes: Vec<_> = errors(&empty).into_iter().map(|e| e.0).collect();
    assert_eq!(codes, ["empty-list", "refer-without-place"]);

    let number = load_a("", "refer = 3");
    let found = errors(&number);
    assert_eq!(found[0].0, "wrong-type", "{found:?}");
    let message = number.diagnostics[0].finding.message(Lang::En);
    assert_eq!(
        message,
        "`refer` must be a text or a list of texts, but is a whole number"
    );
}

// -------------------------------------------------------------------------------- for

#[test]
fn for_says_whom_the_handout_speaks_to_and_defaults_to_the_citizen() {
    let loaded = load_a("", "refer = \"borgerservice\"\nfor = \"relative\"");
    assert_eq!(errors(&loaded), []);
    assert_eq!(outcome(&loaded, "henvis").addressee, Addressee::Relative);
    assert_eq!(outcome(&loaded, "vejled").addressee, Addressee::Citizen);
    let citizen = load_a("", "refer = \"borgerservice\"\nfor = \"citizen\"");
    assert_eq!(outcome(&citizen, "henvis").addressee, Addressee::Citizen);
}

#[test]
fn an_unknown_for_is_an_error_with_the_allowed_values() {
    let loaded = load_a("", "refer = \"borgerservice\"\nfor = \"relativ\"");
    let found = errors(&loaded);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "bad-value");
    assert_eq!(found[0].1, "guides/omr/a.toml:22:7");
    assert_eq!(
        found[0].2.as_deref(),
        Some("did you mean `relative`? Allowed: citizen, relative")
    );
}

// ----------------------------------------------------------------------- translations

/// An English translation of guide `a`: every part translated, `source` as `check` wants it.
fn english_of(loaded: &Loaded) -> String {
    let mut out = String::from("format = 1\n");
    for (key, part) in danish_parts(&loaded.library, &Target::Guide("a".to_string())) {
        out.push_str(&format!(
            "\n{}\nsource = \"{}\"\n",
            key.header(),
            part_hash(&part)
        ));
        for (name, texts) in &part {
            let english: Vec<String> = texts
                .iter()
                .map(|t| format!("\"EN {}\"", t.value))
                .collect();
            let list = key
                .section
                .fields()
                .iter()
                .any(|f| f.name == *name && f.list);
            if list {
                out.push_str(&format!("{name} = [{}]\n", english.join(", ")));
            } else {
                out.push_str(&format!("{name} = {}\n", english[0]));
            }
        }
    }
    out
}

#[test]
fn translations_keep_working_and_see_and_refer_ids_stay_as_they_are() {
    let extra_step = r#"see = ["guide-b"]"#;
    let extra_outcome =
        "refer = [\"mitid-support\", \"borgerservice\"]\nsee = [\"guide-b\"]\nfor = \"relative\"";
    let danish = load_a(extra_step, extra_outcome);
    let english = english_of(&danish);
    let a = guide_a(extra_step, extra_outcome);
    let mut loaded = load(&[
        ("rules.toml", RULES),
        ("places.toml", PLACES),
        ("omr/a.toml", &a),
        ("omr/a.en.toml", &english),
        ("omr/guide-b.toml", GUIDE_B),
    ]);
    let findings: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.finding.code().starts_with("translation"))
        .filter(|d| d.finding.code() != "translation-file-missing")
        .map(|d| d.finding.code())
        .collect();
    assert_eq!(
        findings,
        [] as [&str; 0],
        "the translation of `a` is whole and current"
    );
    assert_eq!(errors(&loaded), []);
    let applied = apply(&mut loaded.library, Lang::En);
    assert_eq!(applied.stale, 0);
    assert!(applied.translated > 0);
    let guide = loaded.library.guide("a").unwrap();
    assert_eq!(guide.title.as_str(), "EN Guide A");
    let henvis = guide.outcome("henvis").unwrap();
    assert_eq!(henvis.title.as_str(), "EN Henvis");
    let refer: Vec<&str> = henvis.refer.iter().map(|t| t.as_str()).collect();
    assert_eq!(refer, ["mitid-support", "borgerservice"]);
    let see: Vec<&str> = henvis.see.iter().map(|t| t.as_str()).collect();
    assert_eq!(see, ["guide-b"]);
    assert_eq!(guide.steps[0].see[0].as_str(), "guide-b");
    assert_eq!(henvis.addressee, Addressee::Relative);
}

#[test]
fn a_translation_may_not_carry_see_refer_or_for() {
    let danish = load_a(r#"see = ["guide-b"]"#, "refer = \"borgerservice\"");
    let mut english = english_of(&danish);
    english = english.replacen(
        "\n[outcomes.henvis]\n",
        "\n[outcomes.henvis]\nrefer = \"mitid-support\"\n",
        1,
    );
    let a = guide_a(r#"see = ["guide-b"]"#, "refer = \"borgerservice\"");
    let loaded = load(&[
        ("rules.toml", RULES),
        ("places.toml", PLACES),
        ("omr/a.toml", &a),
        ("omr/a.en.toml", &english),
        ("omr/guide-b.toml", GUIDE_B),
    ]);
    let codes: Vec<_> = errors(&loaded).into_iter().map(|e| e.0).collect();
    assert_eq!(codes, ["unknown-key"], "ids are not translated");
}

// ---------------------------------------------------------------- checking part of a folder

#[test]
fn checking_one_area_knows_the_guides_of_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("guides");
    std::fs::create_dir_all(root.join("omr")).unwrap();
    std::fs::create_dir_all(root.join("andet")).unwrap();
    std::fs::write(root.join("rules.toml"), RULES).unwrap();
    std::fs::write(root.join("places.toml"), PLACES).unwrap();
    std::fs::write(root.join("andet/guide-b.toml"), GUIDE_B).unwrap();
    let check_area = |see: &str| {
        let a = guide_a(see, "refer = \"borgerservice\"");
        std::fs::write(root.join("omr/a.toml"), a).unwrap();
        let mut loaded = vejviser::guide::load_paths(&[root.join("omr")]);
        let found = check(
            &loaded.library,
            &loaded.sources,
            Date::new(2026, 11, 23).unwrap(),
        );
        loaded.diagnostics.extend(found);
        assert!(loaded.library.guide("guide-b").is_none(), "not loaded");
        errors(&loaded).into_iter().map(|e| e.0).collect::<Vec<_>>()
    };
    assert_eq!(check_area(r#"see = ["guide-b"]"#), [] as [&str; 0]);
    assert_eq!(check_area(r#"see = ["guide-c"]"#), ["unknown-reference"]);
}

// ------------------------------------------------------------ site files: municipal acts

/// A guides folder with the service `modtag-fritagelse` and a guide that shows one way where the
/// site takes the declaration and another where it does not.
fn fritagelse_folder(dir: &std::path::Path) -> std::path::PathBuf {
    let guides = dir.join("guides");
    std::fs::create_dir_all(guides.join("digital-post")).unwrap();
    std::fs::write(
        guides.join("services.toml"),
        "format = 1\n[services.modtag-fritagelse]\ntext = \"Tager imod erklæringen\"\n\
         [services.mobilepay]\ntext = \"MobilePay\"\n",
    )
    .unwrap();
    std::fs::write(
        guides.join("digital-post/fritagelse.toml"),
        r#"format = 1
[guide]
title = "Fritagelse"
summary = "S"
start = "a"
reviewed = 2099-01-01
sources = ["x"]

[steps.a]
ask = "Vil borgeren fritages?"
choices = [
  { label = "Ja, og vi tager imod erklæringen her", next = "her", when = "modtag-fritagelse" },
  { label = "Ja", next = "kommunen", unless = "modtag-fritagelse" },
]

[outcomes.her]
kind = "guide"
title = "Her"
helper = "H"

[outcomes.kommunen]
kind = "guide"
title = "Kommunen"
helper = "H"

[[tests]]
name = "her"
answers = ["Ja, og vi tager imod erklæringen her"]
expect = "her"
offers = ["modtag-fritagelse"]

[[tests]]
name = "kommunen"
answers = ["Ja"]
expect = "kommunen"
"#,
    )
    .unwrap();
    guides
}

fn site_toml(dir: &std::path::Path, role: &str) -> std::path::PathBuf {
    let path = dir.join(format!("{role}.toml"));
    std::fs::write(
        &path,
        format!(
            "format = 1\n[site]\nid = \"sted-{role}\"\nname = \"Sted\"\nrole = \"{role}\"\n\
             offers = [\"mobilepay\", \"modtag-fritagelse\"]\n"
        ),
    )
    .unwrap();
    path
}

#[test]
fn check_refuses_a_volunteer_or_ngo_site_that_takes_the_exemption_declaration() {
    let dir = tempfile::tempdir().unwrap();
    let guides = fritagelse_folder(dir.path());
    for role in ["frivillig", "ngo"] {
        let site = site_toml(dir.path(), role);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vejviser"))
            .arg("check")
            .arg(&guides)
            .arg("--site")
            .arg(&site)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(1), "{role}: {text}");
        assert!(
            text.contains("fejl[service-not-for-role]"),
            "{role}: {text}"
        );
        // Line 6 is `offers = [...]`; `"modtag-fritagelse"` starts at column 24.
        assert!(
            text.contains(&format!("{role}.toml:6:24")),
            "{role}: the finding points at the offer: {text}"
        );
        assert!(text.contains(&format!("rollen `{role}`")), "{text}");
    }
    for role in ["borgerservice", "bibliotek"] {
        let site = site_toml(dir.path(), role);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vejviser"))
            .arg("check")
            .arg(&guides)
            .arg("--site")
            .arg(&site)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{role}: {text}");
        assert!(!text.contains("service-not-for-role"), "{role}: {text}");
    }
}

#[test]
fn a_volunteer_site_is_used_without_the_municipal_service() {
    let dir = tempfile::tempdir().unwrap();
    let guides = fritagelse_folder(dir.path());
    let mut loaded = vejviser::guide::load_paths(&[guides]);
    let site = vejviser::site::apply_site(&mut loaded, &site_toml(dir.path(), "ngo")).unwrap();
    assert!(site.offers("mobilepay"), "the other services stay");
    assert!(!site.offers("modtag-fritagelse"));
    let guide = std::sync::Arc::clone(loaded.library.guide("fritagelse").unwrap());
    let walk = vejviser::walk::Walk::new(guide, site).unwrap();
    let labels: Vec<&str> = walk.choices().iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Ja"], "the NGO never sees \"we take it here\"");

    let mut loaded = vejviser::guide::load_paths(&[fritagelse_folder(dir.path())]);
    let site =
        vejviser::site::apply_site(&mut loaded, &site_toml(dir.path(), "borgerservice")).unwrap();
    assert!(site.offers("modtag-fritagelse"));
}

// ------------------------------------------------------------- line mode and doc pages

const LINKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/links");

/// `vejviser walk` on the links fixture, logging off.
fn line_mode(args: &[&str], stdin: &str) -> String {
    use std::io::Write;
    let data = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["--guides", LINKS, "--no-log", "walk"])
        .args(args)
        .env("VEJVISER_DATA_DIR", data.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn line_mode_prints_the_links_of_steps_and_outcomes_and_every_place() {
    let out = line_mode(&["paaroerende-hjaelp"], "1\n");
    let step_links = "Se også: Fuldmagt til Digital Post (fuldmagt)\n\
                      Se også: Pres eller svindel (pres-og-svindel)\n";
    assert!(out.contains(step_links), "{out}");
    assert!(out.contains("Den pårørendes egne trin"), "{out}");
    assert_eq!(
        out.matches("Se også: Fuldmagt til Digital Post (fuldmagt)")
            .count(),
        2,
        "once at the step, once at the outcome: {out}"
    );

    let out = line_mode(&["paaroerende-hjaelp", "--answers", "2"], "");
    let first = out.find("Henvis til: MitID Support").expect(&out);
    let second = out.find("Henvis til: Borgerservice").expect(&out);
    assert!(first < second, "{out}");
    assert!(out.contains("Borgerens egne trin"), "{out}");
}

#[test]
fn walk_json_gives_every_place_in_order_and_the_links() {
    let out = line_mode(
        &["paaroerende-hjaelp", "--answers", "2", "--format", "json"],
        "",
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let outcome = &json["outcome"];
    assert_eq!(
        outcome["refer"]["id"], "mitid-support",
        "the first, as before"
    );
    let places: Vec<&str> = outcome["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(places, ["mitid-support", "borgerservice"]);
    let out = line_mode(
        &["paaroerende-hjaelp", "--answers", "1", "--format", "json"],
        "",
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["outcome"]["see"], serde_json::json!(["fuldmagt"]));
    assert_eq!(json["outcome"]["places"], serde_json::json!([]));
}

#[test]
fn doc_pages_link_to_the_other_pages_and_list_every_place() {
    let loaded = vejviser::guide::load_paths(&[std::path::PathBuf::from(LINKS)]);
    let pages = vejviser::guide::doc::pages(&loaded.library);
    let page = pages
        .iter()
        .find(|p| p.path == "fuldmagt/paaroerende-hjaelp.md")
        .unwrap();
    let text = &page.text;
    assert!(
        text.contains(
            "**Se også:** [Fuldmagt til Digital Post](../fuldmagt/fuldmagt.md), \
             [Pres eller svindel](../sikkerhed/pres-og-svindel.md)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "**Henvis til, i denne rækkefølge:**\n\n1. MitID Support · tlf. 33 98 00 10\n\
             2. Borgerservice · åbent Man–fre 10–15\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("**Den pårørendes egne trin (udskriften er til den pårørende):**"),
        "{text}"
    );
    // Every link goes to a page that exists.
    for link in text.split("](../").skip(1) {
        let target = &link[..link.find(')').unwrap()];
        assert!(pages.iter().any(|p| p.path == target), "{target}");
    }
}
