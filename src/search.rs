//! Finding a guide from a few words typed at a busy counter: matches title, tags, synonyms and
//! summary; tolerates small typos and Danish letters typed as ae/oe/aa.

use std::sync::Arc;

use crate::guide::Guide;

/// Lowercase, with æ/ø/å (and common accents) spelled the way a Danish keyboard-less user would.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' | 'ä' => out.push_str("ae"),
            'ø' | 'ö' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'é' | 'è' | 'ê' => out.push('e'),
            'ü' => out.push('u'),
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

fn words(text: &str) -> impl Iterator<Item = String> {
    normalize(text)
        .split_whitespace()
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// How much a match in each field counts.
const TITLE: u32 = 4;
const KEYWORD: u32 = 3;
const SUMMARY: u32 = 1;

struct Entry {
    guide: Arc<Guide>,
    /// (index into the vocabulary, field weight), one per distinct word, highest weight kept.
    words: Vec<(usize, u32)>,
}

/// A search index over the guides, built once when the library is loaded. Every distinct word is
/// stored once, so a keystroke compares the typed words with each distinct word only once, however
/// many guides use it.
pub struct SearchIndex {
    vocabulary: Vec<String>,
    entries: Vec<Entry>,
}

/// One result: the guide and its score (higher is better).
pub struct Hit<'a> {
    pub guide: &'a Arc<Guide>,
    pub score: u32,
}

impl SearchIndex {
    pub fn new(guides: &[Arc<Guide>]) -> Self {
        let mut vocabulary: Vec<String> = Vec::new();
        let mut ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let entries = guides
            .iter()
            .map(|guide| {
                let mut words: Vec<(usize, u32)> = Vec::new();
                let mut add = |text: &str, weight: u32| {
                    for w in words_of(text) {
                        let id = *ids.entry(w).or_insert_with_key(|w| {
                            vocabulary.push(w.clone());
                            vocabulary.len() - 1
                        });
                        match words.iter_mut().find(|(x, _)| *x == id) {
                            Some(entry) => entry.1 = entry.1.max(weight),
                            None => words.push((id, weight)),
                        }
                    }
                };
                add(&guide.title, TITLE);
                for t in guide.tags.iter().chain(&guide.synonyms) {
                    add(t, KEYWORD);
                }
                add(&guide.area, KEYWORD);
                add(&guide.summary, SUMMARY);
                Entry {
                    guide: Arc::clone(guide),
                    words,
                }
            })
            .collect();
        SearchIndex {
            vocabulary,
            entries,
        }
    }

    /// Guides matching every word of the query, best first (ties keep library order).
    /// An empty query matches nothing; the caller shows the full list instead.
    pub fn search(&self, query: &str) -> Vec<Hit<'_>> {
        let terms: Vec<String> = words(query).collect();
        if terms.is_empty() {
            return Vec::new();
        }
        // How well each typed word matches each distinct word, computed once per keystroke.
        let scores: Vec<Vec<u32>> = terms
            .iter()
            .map(|term| {
                self.vocabulary
                    .iter()
                    .map(|w| word_score(term, w))
                    .collect()
            })
            .collect();
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let mut total = 0;
                for term_scores in &scores {
                    total += entry
                        .words
                        .iter()
                        .map(|&(id, weight)| term_scores[id] * weight)
                        .max()
                        .filter(|&s| s > 0)?;
                }
                Some(Hit {
                    guide: &entry.guide,
                    score: total,
                })
            })
            .collect();
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits
    }
}

fn words_of(text: &str) -> Vec<String> {
    words(text).collect()
}

/// How well one typed term matches one word: exact 4, prefix 3, inside 2, a small typo 1.
fn word_score(term: &str, word: &str) -> u32 {
    if term == word {
        4
    } else if word.starts_with(term) {
        3
    } else if term.len() >= 3 && word.contains(term) {
        2
    } else if within_typo_distance(term, word) {
        1
    } else {
        0
    }
}

/// One edit for words of 4–7 letters, two for longer ones; short words must match exactly.
fn within_typo_distance(term: &str, word: &str) -> bool {
    let allowed = match term.chars().count() {
        0..=3 => return false,
        4..=7 => 1,
        _ => 2,
    };
    // Compare against the word cut to about the term's length, so "mitd" matches "mitid-app".
    let cut: String = word.chars().take(term.chars().count() + allowed).collect();
    let (a, b) = (term.chars().count(), cut.chars().count());
    if a.abs_diff(b) > allowed {
        return false;
    }
    strsim::osa_distance(term, word) <= allowed || strsim::osa_distance(term, &cut) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_and_their_ascii_spellings_are_the_same() {
        assert_eq!(normalize("Pårørende Ægtefælle"), "paaroerende aegtefaelle");
        assert_eq!(normalize("MitID/NemID!"), "mitid nemid ");
    }

    #[test]
    fn word_scores_rank_exact_above_prefix_above_typo() {
        assert_eq!(word_score("mitid", "mitid"), 4);
        assert_eq!(word_score("fuld", "fuldmagt"), 3);
        assert_eq!(word_score("magt", "fuldmagt"), 2);
        assert_eq!(word_score("fuldmat", "fuldmagt"), 1);
        assert_eq!(word_score("mtid", "mitid"), 1);
        assert_eq!(
            word_score("far", "for"),
            0,
            "short words need an exact or prefix match"
        );
    }
}
