//! How well one typed word matches one word of a guide: exactly, as the start of a longer word,
//! as the same word with another ending, inside a compound, or with a small typo.

/// A word with what the comparisons need ready: its length in characters, which letters it
/// has, and (for a typed word) how many edits a typo may take.
#[derive(Clone, Debug)]
pub struct Word {
    pub text: Box<str>,
    pub len: usize,
    pub mask: u32,
    /// One bit per pair of neighbouring letters (hashed to 64): a word inside another has all
    /// its pairs in the other.
    pub pairs: u64,
    pub typos: usize,
}

impl Word {
    pub fn new(text: &str) -> Self {
        let len = text.chars().count();
        Word {
            text: text.into(),
            len,
            mask: letters(text),
            pairs: pairs(text),
            // One edit for words of 4–7 letters, two for longer ones; shorter words must match
            // exactly.
            typos: match len {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            },
        }
    }

    /// The start that words sharing exact, prefix and stem matches with this one begin with:
    /// its first three characters (or all of it, if shorter).
    pub fn head(&self) -> &str {
        let end = self
            .text
            .char_indices()
            .nth(3)
            .map_or(self.text.len(), |(i, _)| i);
        &self.text[..end]
    }
}

/// One bit per letter a–z, five for the digits, one for everything else: a cheap test that two
/// words cannot match before the real comparison.
fn letters(text: &str) -> u32 {
    text.chars().fold(0, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + (c as u32 - '0' as u32) % 5,
            _ => 31,
        };
        mask | 1 << bit
    })
}

/// The pairs of neighbouring letters in a text, each hashed to one of 64 bits.
fn pairs(text: &str) -> u64 {
    let mut chars = text.chars();
    let Some(mut previous) = chars.next() else {
        return 0;
    };
    let mut bits = 0u64;
    for c in chars {
        let pair = (previous as u32).wrapping_mul(31).wrapping_add(c as u32);
        bits |= 1 << (pair.wrapping_mul(0x9e37_79b1) >> 26);
        previous = c;
    }
    bits
}

/// How much each kind of match is worth, out of 1.
pub const EXACT: f32 = 1.0;
pub const PREFIX: f32 = 0.8;
/// The same word with another ending: "fornyelse" and "forny", "mors" and "mor".
pub const STEM: f32 = 0.7;
/// The typed word inside a longer word ("støtte" in "boligstøtte"), or a guide word inside a
/// typed compound ("tillæg" in "pensionisttillæg").
pub const INSIDE: f32 = 0.55;
/// Three letters inside a longer word ("pas" in "børnepas") say less.
pub const INSIDE_SHORT: f32 = 0.35;
pub const TYPO: f32 = 0.45;
const _: () = assert!(EXACT > PREFIX && PREFIX > STEM && STEM > INSIDE && INSIDE > TYPO);

/// How well `term` (typed) matches `word` (in a guide), from 0 (not at all) to 1 (exactly).
pub fn score(term: &Word, word: &Word) -> f32 {
    let (t, w) = (&*term.text, &*word.text);
    if t == w {
        return EXACT;
    }
    if w.starts_with(t) {
        return PREFIX;
    }
    if same_stem(term, word) {
        return STEM;
    }
    apart(term, word)
}

/// The matches possible between words that do not start alike (their [`Word::head`]s differ):
/// one inside the other, or a typo.
pub fn apart(term: &Word, word: &Word) -> f32 {
    if term.len >= 3
        && word.len > term.len
        && term.mask & !word.mask == 0
        && word.text.contains(&*term.text)
    {
        return if term.len >= 4 { INSIDE } else { INSIDE_SHORT };
    }
    if word.len >= 4
        && term.len > word.len
        && word.mask & !term.mask == 0
        && term.text.contains(&*word.text)
    {
        return INSIDE;
    }
    if typo(term, word) { TYPO } else { 0.0 }
}

/// How many of a word's first letters [`prefix_masks`] keeps the letters of.
pub const PREFIXES: usize = 16;

/// The letters of the first 1, 2, … [`PREFIXES`] characters of a word (the whole word's, once
/// it is shorter): what a typo of a shorter term can be compared with.
pub fn prefix_masks(text: &str) -> [u32; PREFIXES] {
    let mut masks = [0; PREFIXES];
    let mut mask = 0;
    let mut chars = text.chars();
    for slot in &mut masks {
        if let Some(c) = chars.next() {
            mask |= letters(c.encode_utf8(&mut [0; 4]));
        }
        *slot = mask;
    }
    masks
}

/// Which of the [`prefix_masks`] a term's typos are compared with: those of the word's first
/// `len + typos` characters, the most a typo of the term can reach.
pub fn typo_prefix(term: &Word) -> usize {
    (term.len + term.typos).clamp(1, PREFIXES) - 1
}

/// The ids (from `first`) of the words [`apart`] may find something in, from their letters and
/// lengths alone, without a branch per word: nearly all words are ruled out here, at a few
/// nanoseconds each. `starts` holds each word's [`prefix_masks`] number [`typo_prefix`]; `K`
/// is the term's [`Word::typos`].
pub fn candidates<const K: usize>(
    term: &Word,
    first: usize,
    (masks, lens, starts, pairs): (&[u32], &[usize], &[u32], &[u64]),
    out: &mut Vec<u32>,
) {
    let (tm, tl, tp) = (term.mask, term.len, term.pairs);
    // Past the kept prefixes, `starts` holds only part of what a typo is compared with, and only
    // the letters it has that the term lacks can be counted.
    let whole_start = tl + K <= PREFIXES;
    let columns = masks.iter().zip(lens).zip(starts).zip(pairs);
    for (i, (((&mask, &len), &start), &pairs)) in columns.enumerate() {
        let missing = tm & !mask;
        // The term inside the word: the word has every letter and pair of letters of the term.
        let term_inside = (tl >= 3) & (len > tl) & (missing == 0) & (tp & !pairs == 0);
        // The word inside the term: the term has every letter and pair of the word.
        let word_inside = (len >= 4) & (len < tl) & (mask & !tm == 0) & (pairs & !tp == 0);
        // A typo: each edit brings in at most one letter that the other side lacks, both ways.
        let typo = (K > 0)
            & (len + K >= tl)
            & at_most(missing, K)
            & (!whole_start | at_most(tm & !start, K))
            & at_most(start & !tm, K);
        if term_inside | word_inside | typo {
            out.push((first + i) as u32);
        }
    }
}

/// Whether `bits` has at most `k` bits set, for the `k` of a typo (0, 1 or 2), without the
/// popcount instruction that a portable build does not have.
#[inline(always)]
fn at_most(bits: u32, k: usize) -> bool {
    let one_less = bits & bits.wrapping_sub(1);
    match k {
        0 => bits == 0,
        1 => one_less == 0,
        2 => one_less & one_less.wrapping_sub(1) == 0,
        _ => bits.count_ones() as usize <= k,
    }
}

/// Two words that share all but the last letter of the shorter one (at least four letters), or
/// differ only by a genitive or plural "s".
fn same_stem(term: &Word, word: &Word) -> bool {
    let shorter = term.len.min(word.len);
    if shorter < 3 {
        return false;
    }
    let common = term
        .text
        .chars()
        .zip(word.text.chars())
        .take_while(|(a, b)| a == b)
        .count();
    if common >= 4 && common + 1 >= shorter {
        return true;
    }
    common == shorter
        && term.len.abs_diff(word.len) == 1
        && (term.text.ends_with('s') || word.text.ends_with('s'))
}

/// Within [`Word::typos`] edits of the word, or of its start, so "mitd" finds "mitidappen".
/// Each edit brings in at most one letter the other word lacks, which rules out most words
/// before any distance is computed.
fn typo(term: &Word, word: &Word) -> bool {
    let k = term.typos;
    if k == 0 || !at_most(term.mask & !word.mask, k) || word.len + k < term.len {
        return false;
    }
    let reach = term.len + k;
    // A word longer than that is more than `k` edits away as a whole: only its start can match.
    let other = match word.text.char_indices().nth(reach) {
        None => &*word.text,
        Some((end, _)) => &word.text[..end],
    };
    let other_mask = if other.len() == word.text.len() {
        word.mask
    } else {
        letters(other)
    };
    at_most(other_mask & !term.mask, k) && within(&term.text, other, k)
}

/// Whether the optimal-string-alignment distance (edits, with swaps of neighbours) between `a`
/// and `b` is at most `k`. Short ASCII words, nearly all of them, are compared without
/// allocating.
fn within(a: &str, b: &str, k: usize) -> bool {
    const MAX: usize = 40;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if !a.is_ascii() || !b.is_ascii() || a.len() >= MAX || b.len() >= MAX {
        let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
        return strsim::osa_distance(&a, &b) <= k;
    }
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    // Distances stay below MAX, so a byte holds them.
    let k = k as u8;
    let mut two_back = [0u8; MAX];
    let mut back: [u8; MAX] = std::array::from_fn(|j| j as u8);
    let mut row = [0u8; MAX];
    for i in 1..=a.len() {
        row[0] = i as u8;
        let mut least = row[0];
        for j in 1..=b.len() {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (back[j] + 1).min(row[j - 1] + 1).min(back[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            row[j] = d;
            least = least.min(d);
        }
        if least > k {
            return false;
        }
        two_back = back;
        back = row;
    }
    back[b.len()] <= k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(term: &str, word: &str) -> f32 {
        score(&Word::new(term), &Word::new(word))
    }

    #[test]
    fn exact_beats_prefix_beats_stem_beats_inside_beats_typo() {
        assert_eq!(s("mitid", "mitid"), EXACT);
        assert_eq!(s("fuld", "fuldmagt"), PREFIX);
        assert_eq!(s("fornyelse", "forny"), STEM);
        assert_eq!(s("mors", "mor"), STEM);
        assert_eq!(s("magt", "fuldmagt"), INSIDE);
        assert_eq!(s("pensionisttillaeg", "tillaeg"), INSIDE);
        assert_eq!(s("pas", "boernepas"), INSIDE_SHORT);
        assert_eq!(s("fuldnagt", "fuldmagt"), TYPO);
        assert_eq!(
            s("fuldmat", "fuldmagt"),
            STEM,
            "a dropped last-but-one letter"
        );
        assert_eq!(s("mtid", "mitid"), TYPO);
        assert_eq!(s("mitd", "mitidappen"), TYPO);
        assert_eq!(s("folkepensjon", "folkepension"), TYPO);
    }

    #[test]
    fn short_and_unrelated_words_do_not_match() {
        assert_eq!(
            s("far", "for"),
            0.0,
            "short words need an exact or prefix match"
        );
        assert_eq!(s("mor", "mod"), 0.0);
        assert_eq!(s("xyzzy", "mitid"), 0.0);
        assert_eq!(s("post", "pas"), 0.0);
        assert_eq!(
            s("og", "bog"),
            0.0,
            "two letters are never looked for inside a word"
        );
    }

    #[test]
    fn at_most_counts_bits() {
        for bits in [0u32, 1, 2, 3, 0b1011, 1 << 31, u32::MAX, 0b1000_0001] {
            for k in 0..4 {
                assert_eq!(
                    at_most(bits, k),
                    bits.count_ones() as usize <= k,
                    "{bits:b} {k}"
                );
            }
        }
    }

    #[test]
    fn the_distance_agrees_with_strsim() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "mitid",
            "mtiid",
            "imtid",
            "mitd",
            "mitidd",
            "fuldmagt",
            "fuldnagt",
            "boligstoette",
            "boligstotte",
            "ca",
            "abc",
            "acb",
            "kodeviser",
        ];
        for a in words {
            for b in words {
                for k in 0..3 {
                    assert_eq!(
                        within(a, b, k),
                        strsim::osa_distance(a, b) <= k,
                        "{a} / {b} within {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_quick_pass_lets_every_match_through() {
        let words = [
            "mitid",
            "mitidappen",
            "boligstoette",
            "stoette",
            "pensionisttillaeg",
            "tillaeg",
            "boernepas",
            "pas",
            "fuldmagt",
            "fuldmat",
            "imtid",
            "rejsekrot",
            "rejsekort",
            "sundhedskortsansoegningerne",
            "sundhedskortsansoegningernes",
            "mtid",
        ];
        for t in words {
            for w in words {
                let (term, word) = (Word::new(t), Word::new(w));
                let start = prefix_masks(w)[typo_prefix(&term)];
                let mut out = Vec::new();
                let columns = (
                    &[word.mask][..],
                    &[word.len][..],
                    &[start][..],
                    &[word.pairs][..],
                );
                match term.typos {
                    0 => candidates::<0>(&term, 7, columns, &mut out),
                    1 => candidates::<1>(&term, 7, columns, &mut out),
                    _ => candidates::<2>(&term, 7, columns, &mut out),
                }
                if apart(&term, &word) > 0.0 {
                    assert_eq!(out, [7], "{t} / {w}");
                }
            }
        }
    }

    #[test]
    fn the_letter_filter_never_hides_a_real_typo() {
        // Swapped, missing, extra and changed letters, at the start, middle and end.
        for (term, word) in [
            ("imtid", "mitid"),
            ("mitdi", "mitid"),
            ("mitidd", "mitid"),
            ("mtiid", "mitid"),
            ("boligstoete", "boligstoette"),
            ("boligstotte", "boligstoette"),
            ("sundhetskort", "sundhedskort"),
            ("rejsekrot", "rejsekort"),
            ("vaergmaal", "vaergemaal"),
        ] {
            assert!(s(term, word) > 0.0, "{term} ~ {word}");
        }
    }
}
