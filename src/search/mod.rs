//! Finding a guide from the words a helper types at a busy counter. Guides are ranked by how well
//! the words match their title, tags, synonyms, summary, steps and outcomes, in Danish and in
//! every translation, so one extra word never empties the list. Words that say little ("min",
//! "til", "the") count for little, words found in few guides count for more, and small typos and
//! æ/ø/å typed as ae/oe/aa still match.

mod matching;
mod words;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

use crate::guide::{Guide, Library};
use matching::Word;
pub use words::normalize;

/// The longest query the search reads; the search field takes no more. Anything after it is
/// ignored, so a pasted page costs no more than a long sentence.
pub const MAX_QUERY_CHARS: usize = 200;

/// At most this many different words of a query are looked for.
const MAX_TERMS: usize = 32;

/// How much a word counts by where it is in the guide.
const TITLE: f32 = 10.0;
const KEYWORD: f32 = 8.0;
const AREA: f32 = 4.0;
const SUMMARY: f32 = 3.0;
const OUTCOME_TITLE: f32 = 1.5;
const BODY: f32 = 1.0;

/// A stop word counts this much of an ordinary word.
const STOP_WORD: f32 = 0.1;
/// A word found through [`words::related`] counts this much of the word typed.
const RELATED: f32 = 0.7;
/// Guides scoring under this share of the best are left out: they match only in passing.
const FLOOR: f32 = 0.2;

/// The guides one typed word matches, each with its best match: (guide, score), by guide.
type TermMatches = Arc<Vec<(u32, f32)>>;

/// One guide that has a word, and how much the word counts there.
struct Posting {
    entry: u32,
    weight: f32,
}

/// A search index over the guides, built once when the library is loaded. Every distinct word is
/// stored once with the guides that have it, so a keystroke compares each typed word with each
/// distinct word only once, however many guides use it.
pub struct SearchIndex {
    /// Every distinct word, sorted, so the words that start like a typed word are side by side.
    words: Vec<Word>,
    /// The letters and length of each word, apart, for the quick pass over all of them.
    masks: Vec<u32>,
    lens: Vec<usize>,
    pairs: Vec<u64>,
    /// Column `i` holds each word's letters in its first `i + 1` characters.
    prefixes: Vec<Vec<u32>>,
    /// The guides that have each word: word `id`'s are `postings[starts[id]..starts[id + 1]]`,
    /// side by side in word order, so the words that start alike have theirs together.
    postings: Vec<Posting>,
    posting_starts: Vec<usize>,
    guides: Vec<Arc<Guide>>,
    /// What each word of the last query matched (see [`SearchIndex::term_matches`]).
    last_terms: Mutex<HashMap<String, TermMatches>>,
}

/// One result: the guide, its score (higher is better) and its place in the list the index was
/// built from.
pub struct Hit<'a> {
    pub guide: &'a Arc<Guide>,
    pub score: u32,
    pub position: usize,
}

impl SearchIndex {
    /// An index over the guides' own texts, in the language they are in.
    pub fn new(guides: &[Arc<Guide>]) -> Self {
        let mut builder = Builder::new(guides);
        for (entry, guide) in guides.iter().enumerate() {
            builder.add_guide(entry, guide);
        }
        builder.finish()
    }

    /// An index over the guides (listed in this order) with the texts of every translation in
    /// the library and the areas' titles, so a helper finds a guide by its Danish or its English
    /// words whichever language the app is in.
    pub fn for_library(guides: &[Arc<Guide>], library: &Library) -> Self {
        Self::for_library_with(guides, library, &[])
    }

    /// As [`SearchIndex::for_library`], with the texts of `also` (other versions of the same
    /// guides, matched by id), e.g. the Danish originals when the library holds the English.
    pub fn for_library_with(guides: &[Arc<Guide>], library: &Library, also: &[Arc<Guide>]) -> Self {
        let mut builder = Builder::new(guides);
        let by_id: HashMap<&str, usize> = guides
            .iter()
            .enumerate()
            .map(|(entry, guide)| (guide.id.as_str(), entry))
            .collect();
        for (entry, guide) in guides.iter().enumerate() {
            builder.add_guide(entry, guide);
            builder.add(entry, library.area_title(&guide.area), AREA);
        }
        for other in translated(library).iter().chain(also) {
            if let Some(&entry) = by_id.get(other.id.as_str()) {
                builder.add_guide(entry, other);
            }
        }
        builder.finish()
    }

    /// How many distinct words the index holds: what a keystroke's cost grows with.
    pub fn distinct_words(&self) -> usize {
        self.words.len()
    }

    /// The guides the index was built from, in their order.
    pub fn guides(&self) -> &[Arc<Guide>] {
        &self.guides
    }

    /// Guides matching the query, best first; ties keep the order the index was built in. A
    /// query with no words lists every guide in that order. Only the first
    /// [`MAX_QUERY_CHARS`] characters are read.
    pub fn search(&self, query: &str) -> Vec<Hit<'_>> {
        self.rank(query, false)
    }

    /// As [`SearchIndex::search`], but only guides that match every word of the query, and
    /// nothing for a query with no words: for naming a guide on the command line, where a guide
    /// that matches half the name must not be taken for it.
    pub fn search_all_words(&self, query: &str) -> Vec<Hit<'_>> {
        self.rank(query, true)
    }

    fn rank(&self, query: &str, all_words: bool) -> Vec<Hit<'_>> {
        let terms = query_terms(query);
        if terms.is_empty() && all_words {
            return Vec::new();
        }
        if terms.is_empty() {
            return self
                .guides
                .iter()
                .enumerate()
                .map(|(position, guide)| Hit {
                    guide,
                    score: 0,
                    position,
                })
                .collect();
        }
        let n = self.guides.len();
        let mut total = vec![0f32; n];
        let mut matched = vec![0usize; n];
        // The words of the last query, kept: typing one more letter changes only the last word,
        // so a keystroke looks up one word, not all of them.
        let mut cache = self.last_terms.lock().unwrap_or_else(|p| p.into_inner());
        let mut kept = std::mem::take(&mut *cache);
        for term in &terms {
            let stop = words::is_stop_word(term);
            let matches = kept
                .remove(term)
                .unwrap_or_else(|| Arc::new(self.term_matches(term, stop)));
            if !matches.is_empty() {
                // A word most guides have tells them apart less than one only a few have.
                let rarity = 1.0 + (n as f32 / matches.len() as f32).ln();
                let factor = rarity * if stop { STOP_WORD } else { 1.0 };
                for &(entry, best) in matches.iter() {
                    total[entry as usize] += factor * best;
                    matched[entry as usize] += 1;
                }
            }
            cache.insert(term.clone(), matches);
        }
        drop(cache);
        let top = total.iter().copied().fold(0.0, f32::max);
        if top <= 0.0 {
            return Vec::new();
        }
        let mut hits: Vec<(usize, f32)> = if all_words {
            total
                .into_iter()
                .enumerate()
                .filter(|&(entry, _)| matched[entry] == terms.len())
                .collect()
        } else {
            total
                .into_iter()
                .enumerate()
                .filter(|&(_, score)| score > 0.0 && score >= top * FLOOR)
                .collect()
        };
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.into_iter()
            .map(|(position, score)| Hit {
                guide: &self.guides[position],
                score: (score * 100.0).round() as u32,
                position,
            })
            .collect()
    }

    /// Each guide that `term` (typed) matches, with its best match among the guide's words,
    /// counting the words [`words::related`] to it too.
    fn term_matches(&self, term: &str, stop: bool) -> Vec<(u32, f32)> {
        let mut best = vec![0f32; self.guides.len()];
        let mut touched = Vec::new();
        self.best_matches(&Word::new(term), stop, 1.0, &mut best, &mut touched);
        for related in words::related(term) {
            let related = Word::new(related);
            self.best_matches(&related, false, RELATED, &mut best, &mut touched);
        }
        touched.sort_unstable();
        touched.into_iter().map(|e| (e as u32, best[e])).collect()
    }

    /// For each guide, the best match of `term` among its words, times `factor`, kept in `best`
    /// if better than what is there; `touched` lists the guides with a match.
    fn best_matches(
        &self,
        term: &Word,
        stop: bool,
        factor: f32,
        best: &mut [f32],
        touched: &mut Vec<usize>,
    ) {
        // A stop word counts only where it is written exactly: "til" says nothing about the
        // guides with "tilskud", and looking further would cost more than it can bring.
        if stop {
            if let Ok(id) = self.words.binary_search_by(|w| (*w.text).cmp(&*term.text)) {
                self.credit(id, factor, best, touched);
            }
            return;
        }
        // Exact, prefix and stem matches start like the term: one run of the sorted words.
        let head = term.head();
        let start = self.words.partition_point(|w| &*w.text < head);
        let end = start + self.words[start..].partition_point(|w| w.text.starts_with(head));
        for id in start..end {
            let score = matching::score(term, &self.words[id]) * factor;
            self.credit(id, score, best, touched);
        }
        // Every other word can only hold the term, sit inside it, or be a typo of it. A quick
        // pass over the letters and lengths alone leaves few candidates to look at closely.
        let mut candidates = Vec::new();
        let starts = &self.prefixes[matching::typo_prefix(term)];
        for range in [0..start, end..self.words.len()] {
            let columns = (
                &self.masks[range.clone()],
                &self.lens[range.clone()],
                &starts[range.clone()],
                &self.pairs[range.clone()],
            );
            let out = &mut candidates;
            match term.typos {
                0 => matching::candidates::<0>(term, range.start, columns, out),
                1 => matching::candidates::<1>(term, range.start, columns, out),
                _ => matching::candidates::<2>(term, range.start, columns, out),
            }
        }
        for id in candidates {
            let id = id as usize;
            let score = matching::apart(term, &self.words[id]) * factor;
            self.credit(id, score, best, touched);
        }
    }

    /// Give every guide with word `id` the match `score`, where it beats what the guide has.
    fn credit(&self, id: usize, score: f32, best: &mut [f32], touched: &mut Vec<usize>) {
        if score <= 0.0 {
            return;
        }
        for posting in &self.postings[self.posting_starts[id]..self.posting_starts[id + 1]] {
            let entry = posting.entry as usize;
            let value = score * posting.weight;
            if best[entry] == 0.0 {
                touched.push(entry);
            }
            if value > best[entry] {
                best[entry] = value;
            }
        }
    }
}

/// The distinct words of a query, at most [`MAX_TERMS`], from its first [`MAX_QUERY_CHARS`]
/// characters.
fn query_terms(query: &str) -> Vec<String> {
    let end = query
        .char_indices()
        .nth(MAX_QUERY_CHARS)
        .map_or(query.len(), |(i, _)| i);
    let mut terms: Vec<String> = Vec::new();
    for word in words::words(&query[..end]) {
        if terms.len() == MAX_TERMS {
            break;
        }
        if !terms.contains(&word) {
            terms.push(word);
        }
    }
    terms
}

/// The guides of the library in each language it has translations for (only the current parts
/// are put in, as the app shows them); guides with nothing translated are left out.
fn translated(library: &Library) -> Vec<Arc<Guide>> {
    let mut langs: Vec<crate::lang::Lang> = (library.translations.iter())
        .filter_map(|t| t.lang.ui())
        .collect();
    langs.sort();
    langs.dedup();
    let mut out = Vec::new();
    for lang in langs {
        let mut copy = Library {
            guides: library.guides.clone(),
            translations: library.translations.clone(),
            ..Library::default()
        };
        crate::guide::translation::apply(&mut copy, lang);
        out.extend(
            copy.guides
                .into_iter()
                .zip(&library.guides)
                .filter(|(translated, original)| !Arc::ptr_eq(translated, original))
                .map(|(translated, _)| translated),
        );
    }
    out
}

/// Collects each guide's words with the highest weight each has in it.
struct Builder {
    guides: Vec<Arc<Guide>>,
    words: Vec<Word>,
    ids: HashMap<Box<str>, usize, BuildHasherDefault<WordHasher>>,
    /// Per guide: each of its words once, with the highest weight it has there.
    weights: Vec<Vec<(usize, f32)>>,
    /// Per word: the last guide it was added to and where in that guide's `weights`.
    seen: Vec<(usize, usize)>,
    /// The text being added, normalized (kept to save allocating it for every text).
    buffer: String,
}

impl Builder {
    fn new(guides: &[Arc<Guide>]) -> Self {
        Builder {
            guides: guides.to_vec(),
            words: Vec::new(),
            ids: HashMap::default(),
            weights: vec![Vec::new(); guides.len()],
            seen: Vec::new(),
            buffer: String::new(),
        }
    }

    fn add(&mut self, entry: usize, text: &str, weight: f32) {
        let mut buffer = std::mem::take(&mut self.buffer);
        words::normalize_into(text, &mut buffer);
        for w in buffer.split_whitespace() {
            let id = match self.ids.get(w) {
                Some(&id) => id,
                None => {
                    self.words.push(Word::new(w));
                    self.seen.push((usize::MAX, 0));
                    self.ids.insert(w.into(), self.words.len() - 1);
                    self.words.len() - 1
                }
            };
            let weights = &mut self.weights[entry];
            match self.seen[id] {
                (e, at) if e == entry => weights[at].1 = weights[at].1.max(weight),
                _ => {
                    self.seen[id] = (entry, weights.len());
                    weights.push((id, weight));
                }
            }
        }
        self.buffer = buffer;
    }

    fn add_guide(&mut self, entry: usize, guide: &Guide) {
        self.add(entry, &guide.title, TITLE);
        for keyword in guide.tags.iter().chain(&guide.synonyms) {
            self.add(entry, keyword, KEYWORD);
        }
        self.add(entry, &guide.area, AREA);
        self.add(entry, &guide.summary, SUMMARY);
        for step in &guide.steps {
            self.add(entry, &step.ask, BODY);
            if let Some(help) = &step.help {
                self.add(entry, help, BODY);
            }
            for choice in &step.choices {
                self.add(entry, &choice.label, BODY);
            }
        }
        for outcome in &guide.outcomes {
            self.add(entry, &outcome.title, OUTCOME_TITLE);
            self.add(entry, &outcome.helper, BODY);
            for step in &outcome.steps {
                self.add(entry, step, BODY);
            }
        }
    }

    fn finish(self) -> SearchIndex {
        // Sort the words; `place[id]` is where word `id` ends up.
        let mut order: Vec<usize> = (0..self.words.len()).collect();
        order.sort_by(|&a, &b| self.words[a].text.cmp(&self.words[b].text));
        let mut place = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            place[old] = new;
        }
        let mut lists: Vec<Vec<Posting>> = Vec::new();
        lists.resize_with(self.words.len(), Vec::new);
        for (entry, weights) in self.weights.into_iter().enumerate() {
            for (id, weight) in weights {
                lists[place[id]].push(Posting {
                    entry: entry as u32,
                    weight,
                });
            }
        }
        let mut posting_starts = Vec::with_capacity(lists.len() + 1);
        let mut postings = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        for list in lists {
            posting_starts.push(postings.len());
            postings.extend(list);
        }
        posting_starts.push(postings.len());
        let words: Vec<Word> = order.iter().map(|&id| self.words[id].clone()).collect();
        SearchIndex {
            masks: words.iter().map(|w| w.mask).collect(),
            lens: words.iter().map(|w| w.len).collect(),
            pairs: words.iter().map(|w| w.pairs).collect(),
            prefixes: {
                let all: Vec<_> = words
                    .iter()
                    .map(|w| matching::prefix_masks(&w.text))
                    .collect();
                (0..matching::PREFIXES)
                    .map(|i| all.iter().map(|p| p[i]).collect())
                    .collect()
            },
            words,
            postings,
            posting_starts,
            guides: self.guides,
            last_terms: Mutex::default(),
        }
    }
}

/// A fast hash for the words while the index is built (FxHash-like). The words come from the
/// guides, so the defence against crafted collisions that the default hash buys is not needed,
/// and hashing every word of every guide was a large part of building the index.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let (chunks, tail) = bytes.as_chunks::<8>();
        for chunk in chunks {
            self.add(u64::from_le_bytes(*chunk));
        }
        let mut last = [0u8; 8];
        last[..tail.len()].copy_from_slice(tail);
        self.add(u64::from_le_bytes(last) ^ tail.len() as u64);
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_cut_to_its_first_characters_and_distinct_words() {
        // 33 times "mitid " is 198 characters; the 34th is cut after "mi".
        let long = "mitid ".repeat(1_000);
        assert_eq!(query_terms(&long), ["mitid", "mi"]);
        let many: String = (0..100).map(|i| format!("w{i} ")).collect();
        let terms = query_terms(&many);
        assert_eq!(terms.len(), MAX_TERMS);
        assert_eq!(terms[0], "w0");
        // Past the limit nothing is read, not even the start of a word cut in two.
        let cut = format!("{}{}", "x".repeat(MAX_QUERY_CHARS - 2), " mitid");
        assert_eq!(query_terms(&cut).len(), 2);
        assert_eq!(query_terms(&cut)[1], "m");
        assert_eq!(query_terms("æøå ".repeat(100).as_str()), ["aeoeaa"]);
    }
}
