//! How the guide search ranks: by where the words are (title over body), how many of them
//! match, how rare they are, with stop words counting for little; partial matches still listed;
//! the empty query lists everything; both languages found; a long paste costs no more than its
//! first 200 characters.

use std::path::Path;
use std::sync::Arc;

use vejviser::guide::{Guide, InputFile, load_files, load_paths};
use vejviser::search::{MAX_QUERY_CHARS, SearchIndex};

/// A guide with these texts (one step, one outcome whose helper text is `body`).
fn guide_file(id: &str, title: &str, tags: &[&str], summary: &str, body: &str) -> InputFile {
    let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    let text = format!(
        "format = 1\n[guide]\ntitle = \"{title}\"\nsummary = \"{summary}\"\ntags = [{}]\n\
         start = \"a\"\nreviewed = 2026-11-01\nsources = [\"https://www.borger.dk\"]\n\
         [steps.a]\nask = \"Hvad vil borgeren?\"\nchoices = [{{ label = \"Videre\", next = \"b\" }}]\n\
         [outcomes.b]\nkind = \"guide\"\ntitle = \"Vis vej\"\nhelper = \"{body}\"\n",
        tags.join(", ")
    );
    InputFile {
        display: format!("{id}.toml"),
        relative: format!("omraade/{id}.toml"),
        bytes: text.into_bytes(),
    }
}

fn guides(files: Vec<InputFile>) -> Vec<Arc<Guide>> {
    let n = files.len();
    let mut loaded = load_files(files);
    assert!(loaded.drop_broken_guides().is_empty());
    assert_eq!(loaded.library.guides.len(), n);
    loaded.library.guides
}

/// Four small guides; each word below is placed on purpose.
fn library() -> Vec<Arc<Guide>> {
    guides(vec![
        guide_file(
            "bolig",
            "Boligstøtte",
            &["husleje"],
            "Borgeren vil søge tilskud.",
            "Har borgeren pension, spørg om det.",
        ),
        guide_file(
            "pension",
            "Folkepension",
            &["alder"],
            "Borgeren nærmer sig pensionsalderen.",
            "Boligstøtte søges for sig.",
        ),
        guide_file(
            "jobnet",
            "Min side på jobnet",
            &["ledig"],
            "Borgeren er blevet ledig.",
            "Borgeren logger på.",
        ),
        guide_file(
            "post",
            "Mor vil læse post",
            &["læseadgang"],
            "En pårørende vil læse med.",
            "Giv læseadgang.",
        ),
    ])
}

fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
    index
        .search(query)
        .iter()
        .map(|h| h.guide.id.clone())
        .collect()
}

#[test]
fn the_empty_query_lists_every_guide_in_the_given_order() {
    let guides = library();
    let index = SearchIndex::new(&guides);
    let all: Vec<String> = guides.iter().map(|g| g.id.clone()).collect();
    assert_eq!(ids(&index, ""), all);
    assert_eq!(ids(&index, "  ,.;  "), all, "punctuation is not a word");
    let positions: Vec<usize> = index.search("").iter().map(|h| h.position).collect();
    assert_eq!(positions, [0, 1, 2, 3]);
}

#[test]
fn a_title_counts_more_than_the_body() {
    let index = SearchIndex::new(&library());
    // "pension" is in the title of one guide ("Folkepension", as its start) and the body of the
    // other; "boligstøtte" the other way round.
    assert_eq!(
        ids(&index, "pension").first().map(String::as_str),
        Some("pension")
    );
    // A guide that only mentions the word in passing, far below the best, is left out.
    assert_eq!(ids(&index, "boligstøtte"), ["bolig"]);
}

#[test]
fn a_word_no_guide_has_does_not_empty_the_list() {
    let index = SearchIndex::new(&library());
    assert_eq!(ids(&index, "boligstøtte xyzzy")[0], "bolig");
    assert_eq!(ids(&index, "installere boligstøtte nu tak")[0], "bolig");
    assert!(ids(&index, "xyzzy").is_empty(), "no word matches: nothing");
}

#[test]
fn stop_words_count_for_little() {
    let index = SearchIndex::new(&library());
    // "min" is the first word of a title, "mor" of another: the stop word must not win.
    assert_eq!(ids(&index, "min mor")[0], "post");
    assert_eq!(ids(&index, "min mor på")[0], "post");
    // Alone, a stop word still finds where it is written.
    assert_eq!(ids(&index, "min")[0], "jobnet");
}

#[test]
fn more_matching_words_rank_higher() {
    let index = SearchIndex::new(&library());
    // Both guides have "borgeren"; only one also has "ledig".
    assert_eq!(ids(&index, "borgeren ledig")[0], "jobnet");
    assert_eq!(ids(&index, "læse post pårørende")[0], "post");
}

#[test]
fn typos_and_ascii_spellings_still_find_the_guide() {
    let index = SearchIndex::new(&library());
    for query in [
        "boligstotte",
        "boligstoette",
        "boligstøte",
        "folkepensjon",
        "laeseadgang",
    ] {
        let first = ids(&index, query).first().cloned();
        assert!(first.is_some(), "{query} finds nothing");
    }
    assert_eq!(ids(&index, "boligstøte")[0], "bolig");
    assert_eq!(ids(&index, "folkepensjon")[0], "pension");
    assert_eq!(ids(&index, "laeseadgang")[0], "post");
}

#[test]
fn naming_a_guide_needs_every_word() {
    let index = SearchIndex::new(&library());
    let all_words = |q: &str| -> Vec<String> {
        index
            .search_all_words(q)
            .iter()
            .map(|h| h.guide.id.clone())
            .collect()
    };
    assert!(all_words("boligstøtte xyzzy").is_empty());
    assert!(all_words("").is_empty());
    assert_eq!(all_words("boligstøtte")[..2], ["bolig", "pension"]);
    assert_eq!(all_words("boligstøtte husleje"), ["bolig"]);
}

#[test]
fn only_the_first_200_characters_are_read() {
    let index = SearchIndex::new(&library());
    let head = format!("{}mor", "x ".repeat((MAX_QUERY_CHARS - 3) / 2));
    assert!(head.chars().count() <= MAX_QUERY_CHARS);
    let pasted = format!("{head} {}", "boligstøtte ".repeat(10_000));
    assert!(pasted.len() > 100_000);
    assert_eq!(ids(&index, &pasted), ids(&index, &head));
    assert_eq!(ids(&index, &pasted)[0], "post");
}

#[test]
fn typing_a_query_letter_by_letter_ranks_as_a_fresh_search_does() {
    // The index keeps what the words of the last query matched; a keystroke must give exactly
    // what a new index gives for the same query.
    let guides = library();
    let typing = SearchIndex::new(&guides);
    let query = "min mor vil søge boligstøtte og læse post";
    let mut typed = String::new();
    for c in query.chars().chain("  xyz".chars()) {
        typed.push(c);
        let fresh = SearchIndex::new(&guides);
        let a: Vec<(String, u32)> = typing
            .search(&typed)
            .iter()
            .map(|h| (h.guide.id.clone(), h.score))
            .collect();
        let b: Vec<(String, u32)> = fresh
            .search(&typed)
            .iter()
            .map(|h| (h.guide.id.clone(), h.score))
            .collect();
        assert_eq!(a, b, "after typing {typed:?}");
    }
    while typed.pop().is_some() {
        let fresh = SearchIndex::new(&guides);
        assert_eq!(
            ids(&typing, &typed),
            ids(&fresh, &typed),
            "after erasing to {typed:?}"
        );
    }
}

#[test]
fn other_versions_of_a_guide_are_found_by_their_words() {
    let danish = library();
    // The same guide ids with other texts, as the English translation of a guide would be.
    let other = guides(vec![guide_file(
        "bolig",
        "Housing benefit",
        &["rent"],
        "The citizen wants to apply for a subsidy.",
        "Ask about pension.",
    )]);
    let library = vejviser::guide::Library {
        guides: danish.clone(),
        ..Default::default()
    };
    let own = SearchIndex::new(&danish);
    let both = SearchIndex::for_library_with(&danish, &library, &other);
    assert!(ids(&own, "housing benefit").is_empty());
    assert_eq!(ids(&both, "housing benefit"), ["bolig"]);
    assert_eq!(
        ids(&both, "boligstøtte")[0],
        "bolig",
        "the Danish words still count"
    );
    let hit = &both.search("housing")[0];
    assert_eq!(
        hit.guide.title.as_str(),
        "Boligstøtte",
        "hits are the listed guides"
    );
}

/// The shipped guides, with their English translations not applied (as the Danish app has them).
fn shipped() -> vejviser::guide::Library {
    let mut loaded = load_paths(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("guides")]);
    loaded.drop_broken_guides();
    loaded.library
}

#[test]
fn every_shipped_guide_is_found_by_its_english_title_in_the_danish_app() {
    let library = shipped();
    let index = SearchIndex::for_library(&library.guides, &library);
    let mut english = vejviser::guide::Library {
        guides: library.guides.clone(),
        translations: library.translations.clone(),
        ..Default::default()
    };
    let applied = vejviser::guide::translation::apply(&mut english, vejviser::lang::Lang::En);
    assert!(applied.translated > 0, "the shipped guides have English");
    let mut checked = 0;
    for (danish, translated) in library.guides.iter().zip(&english.guides) {
        if danish.title.value == translated.title.value {
            continue;
        }
        checked += 1;
        let top: Vec<&str> = index
            .search(&translated.title)
            .iter()
            .take(3)
            .map(|h| h.guide.id.as_str())
            .collect();
        assert!(
            top.contains(&danish.id.as_str()),
            "{:?} gives {top:?}, not {}",
            translated.title.value,
            danish.id
        );
    }
    assert!(checked >= 30, "only {checked} guides have an English title");
}
