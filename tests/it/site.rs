//! The local policy layer: one national set of guides, seen through each site's services.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use vejviser::guide::load_paths;
use vejviser::site::{Site, apply_site};
use vejviser::walk::Walk;

const GUIDES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");

fn site_file(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("format = 1\n{body}")).unwrap();
    path
}

fn labels(site: &Site) -> Vec<String> {
    let loaded = load_paths(&[PathBuf::from(GUIDES)]);
    let guide = Arc::clone(loaded.library.guide("boligstoette").unwrap());
    let walk = Walk::new(guide, site.clone()).unwrap();
    walk.choices()
        .iter()
        .map(|c| c.label.value.clone())
        .collect()
}

#[test]
fn the_same_guide_shows_different_choices_for_two_sites() {
    let dir = tempfile::tempdir().unwrap();
    let together = site_file(
        dir.path(),
        "a.toml",
        "[site]\nid = \"borgerservice-a\"\nname = \"A\"\noffers = [\"udfyld-sammen\"]\n",
    );
    let refers = site_file(
        dir.path(),
        "b.toml",
        "[site]\nid = \"bibliotek-b\"\nname = \"B\"\n",
    );
    let mut loaded = load_paths(&[PathBuf::from(GUIDES)]);
    let a = apply_site(&mut loaded, &together).unwrap();
    let b = apply_site(&mut loaded, &refers).unwrap();
    assert_eq!(
        labels(&a),
        ["Ja", "Nej, borgeren vil have hjælp til at udfylde"]
    );
    assert_eq!(labels(&b), ["Ja", "Nej, og vi udfylder ikke sammen her"]);
    assert_eq!(a.id, "borgerservice-a");
    assert_eq!(b.name, "B");
}

#[test]
fn a_site_place_replaces_the_shared_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let file = site_file(
        dir.path(),
        "site.toml",
        "[site]\nid = \"koege\"\nname = \"Køge\"\n[places.borger-dk]\nname = \"Lokal borger.dk-hjælp\"\nphone = \"11 22 33 44\"\n",
    );
    let mut loaded = load_paths(&[PathBuf::from(GUIDES)]);
    assert!(loaded.library.place("borger-dk").is_some());
    apply_site(&mut loaded, &file).unwrap();
    let place = loaded.library.place("borger-dk").unwrap();
    assert_eq!(place.name.as_str(), "Lokal borger.dk-hjælp");
    assert_eq!(
        place.phone.as_deref().map(String::as_str),
        Some("11 22 33 44")
    );
}

#[test]
fn a_bad_site_file_gets_diagnostics_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = site_file(
        dir.path(),
        "site.toml",
        "[site]\nid = \"Køge Borgerservice\"\nnavn = \"Køge\"\n",
    );
    let mut loaded = load_paths(&[PathBuf::from(GUIDES)]);
    assert!(apply_site(&mut loaded, &file).is_none());
    let codes: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| d.finding.code())
        .collect();
    assert!(codes.contains(&"bad-id"), "{codes:?}");
    assert!(codes.contains(&"unknown-key"), "{codes:?}");
    assert!(codes.contains(&"missing-key"), "{codes:?}");
    let bad_id = loaded
        .diagnostics
        .iter()
        .find(|d| d.finding.code() == "bad-id")
        .unwrap();
    assert_eq!(bad_id.line_col(&loaded.sources), Some((3, 6)));
}

fn check_with_site(site_body: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    // A guide whose only way on needs a service.
    let guides = dir.path().join("guides");
    std::fs::create_dir_all(guides.join("omr")).unwrap();
    std::fs::write(
        guides.join("services.toml"),
        "format = 1\n[services.mobilepay]\ntext = \"MobilePay\"\n",
    )
    .unwrap();
    std::fs::write(
        guides.join("omr/kun-mobilepay.toml"),
        "format = 1\n[guide]\ntitle = \"T\"\nsummary = \"S\"\nstart = \"a\"\nreviewed = 2099-01-01\nsources = [\"x\"]\n\
         [steps.a]\nask = \"?\"\nchoices = [{ label = \"Ja\", next = \"ud\", when = \"mobilepay\" }]\n\
         [outcomes.ud]\nkind = \"guide\"\ntitle = \"U\"\nhelper = \"H\"\n\
         [[tests]]\nname = \"t\"\nanswers = [\"Ja\"]\nexpect = \"ud\"\noffers = [\"mobilepay\"]\n",
    )
    .unwrap();
    let site = site_file(dir.path(), "site.toml", site_body);
    let out = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .arg("check")
        .arg(&guides)
        .arg("--site")
        .arg(&site)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn check_with_a_site_fails_a_guide_that_site_cannot_finish() {
    let (code, out) = check_with_site("[site]\nid = \"uden\"\nname = \"Uden MobilePay\"\n");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("fejl[no-choices-for-site]"), "{out}");
    assert!(out.contains("fejl[no-outcome-for-site]"), "{out}");
    assert!(out.contains("kun-mobilepay.toml"), "{out}");

    let (code, out) = check_with_site(
        "[site]\nid = \"med\"\nname = \"Med MobilePay\"\noffers = [\"mobilepay\"]\n",
    );
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn the_shipped_guides_work_for_the_example_site() {
    let out = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["check", "guides", "--site", "assets/site.example.toml"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("0 fejl, 0 advarsler"), "{text}");
}

#[test]
fn a_site_file_without_an_id_is_told_once() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site.toml");
    std::fs::write(&site, "format = 1\n[site]\nname = \"Et sted\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["check", "guides", "--site"])
        .arg(&site)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("missing-key"), "{text}");
    assert!(
        !text.contains("bad-id"),
        "the missing id is said twice: {text}"
    );
}
