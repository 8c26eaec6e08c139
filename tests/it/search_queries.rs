//! How often the guide search puts a right guide in the first three, over the phrasings helpers
//! type (`tests/data/search_queries.toml`). Prints the share and every miss; fails below 95 %.
//! Run with `cargo test --test search_queries -- --nocapture` to see the figure.

use std::path::Path;

use serde::Deserialize;
use vejviser::guide::{Library, load_paths};
use vejviser::search::SearchIndex;

/// An acceptable guide must be among this many first hits.
const TOP: usize = 3;
/// The share of queries that must find an acceptable guide.
const GOAL: f64 = 0.95;

#[derive(Deserialize)]
struct QuerySet {
    query: Vec<Query>,
}

#[derive(Deserialize)]
struct Query {
    text: String,
    accept: Vec<String>,
    #[allow(dead_code)]
    from: Option<String>,
}

fn query_set() -> QuerySet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/search_queries.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The shipped guides, as the app loads them (broken guides left out).
fn shipped() -> Library {
    let mut loaded = load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("guides")]);
    loaded.drop_broken_guides();
    loaded.library
}

#[test]
fn the_query_set_names_real_guides_and_has_enough_phrasings() {
    let set = query_set();
    let library = shipped();
    assert!(set.query.len() >= 80, "only {} queries", set.query.len());
    for q in &set.query {
        assert!(!q.accept.is_empty(), "`{}` accepts no guide", q.text);
        for id in &q.accept {
            assert!(
                library.guide(id).is_some(),
                "`{}` accepts `{id}`, which is not a shipped guide",
                q.text
            );
        }
    }
}

#[test]
fn an_acceptable_guide_is_in_the_first_three_for_95_percent() {
    let set = query_set();
    let library = shipped();
    let index = SearchIndex::for_library(&library.guides, &library);
    let mut misses = Vec::new();
    for q in &set.query {
        let top: Vec<&str> = index
            .search(&q.text)
            .iter()
            .take(TOP)
            .map(|hit| hit.guide.id.as_str())
            .collect();
        if !top.iter().any(|id| q.accept.iter().any(|a| a == id)) {
            misses.push(format!(
                "  {:?}: got [{}], wanted one of [{}]",
                q.text,
                top.join(", "),
                q.accept.join(", ")
            ));
        }
    }
    let found = set.query.len() - misses.len();
    let share = found as f64 / set.query.len() as f64;
    println!(
        "search: {found} of {} queries ({:.1} %) put an acceptable guide in the first {TOP}",
        set.query.len(),
        share * 100.0
    );
    for miss in &misses {
        println!("miss{miss}");
    }
    assert!(
        share >= GOAL,
        "{:.1} % found, goal {:.0} %; misses:\n{}",
        share * 100.0,
        GOAL * 100.0,
        misses.join("\n")
    );
}
