//! The message catalogues (assets/i18n/<code>/*.ftl): each parses, the Danish and English ones hold every
//! id the source uses, every message takes the same arguments in every language, plurals work.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use vejviser::lang::Lang;
use vejviser::present::catalogue;

use crate::common::files::rust_files;

/// Every id given to `tr!` in `src/` (its first string literal).
fn ids_used() -> BTreeSet<String> {
    let files = rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let mut ids = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("tr!(") {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // include_str!( and the like
            }
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            if text[line_start..at].trim_start().starts_with("//") {
                continue; // an example in a comment
            }
            let rest = &text[at + 4..];
            let Some(open) = rest.find('"') else { continue };
            let Some(len) = rest[open + 1..].find('"') else {
                continue;
            };
            ids.insert(rest[open + 1..open + 1 + len].to_string());
        }
    }
    ids
}

fn messages(code: &str) -> BTreeMap<String, BTreeSet<String>> {
    let list = catalogue::messages(code);
    let map: BTreeMap<_, _> = list.iter().cloned().collect();
    assert_eq!(map.len(), list.len(), "{code}/*.ftl defines an id twice");
    map
}

#[test]
fn every_catalogue_parses_and_danish_and_english_exist() {
    let codes = catalogue::codes();
    assert!(codes.contains(&"da") && codes.contains(&"en"), "{codes:?}");
    for code in codes {
        assert_eq!(
            catalogue::parse_errors(code),
            Some(Vec::new()),
            "{code}/*.ftl"
        );
        assert!(
            !catalogue::messages(code).is_empty(),
            "{code}/*.ftl is empty"
        );
    }
}

#[test]
fn every_id_used_in_src_is_in_danish_and_english() {
    let used = ids_used();
    assert!(
        used.contains("count-cases"),
        "the scan finds tr! calls: {used:?}"
    );
    for code in ["da", "en"] {
        let have = messages(code);
        let missing: Vec<_> = used.iter().filter(|id| !have.contains_key(*id)).collect();
        assert!(missing.is_empty(), "{code}/*.ftl lacks {missing:?}");
    }
}

#[test]
fn danish_and_english_hold_the_same_ids_and_every_message_the_same_arguments() {
    let danish = messages("da");
    assert_eq!(
        danish.keys().collect::<Vec<_>>(),
        messages("en").keys().collect::<Vec<_>>(),
        "da/ and en/ differ in ids"
    );
    for code in catalogue::codes() {
        for (id, vars) in messages(code) {
            let Some(da) = danish.get(&id) else {
                panic!("{code}/*.ftl has `{id}`, which da/ does not");
            };
            assert_eq!(
                &vars, da,
                "`{id}` takes other arguments in {code}/*.ftl than in da/"
            );
        }
    }
}

#[test]
fn plural_forms_follow_the_count() {
    let say = |lang, count: usize| {
        let mut args = catalogue::Args::new();
        args.set("count", count);
        catalogue::text(lang, "count-cases", Some(&args))
    };
    assert_eq!(say(Lang::Da, 1), "1 sag");
    assert_eq!(say(Lang::Da, 2), "2 sager");
    assert_eq!(say(Lang::En, 1), "1 case");
    assert_eq!(say(Lang::En, 2), "2 cases");
}
