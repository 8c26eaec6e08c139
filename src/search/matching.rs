//! How well one typed word matches one word of a guide: exactly, as the start of a longer word,
//! as the same word with another ending, inside a compound, or with a small typo.

/// A word with what the comparisons need ready: its length in characters and which letters it has.
#[derive(Clone, Debug)]
pub struct Word {
    pub text: Box<str>,
    pub len: usize,
    pub mask: u32,
}

impl Word {
    pub fn new(text: &str) -> Self {
        Word {
            text: text.into(),
            len: text.chars().count(),
            mask: letters(text),
        }
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
    if term.len >= 3 && word.len > term.len && term.mask & !word.mask == 0 && w.contains(t) {
        return if term.len >= 4 { INSIDE } else { INSIDE_SHORT };
    }
    if word.len >= 4 && term.len > word.len && word.mask & !term.mask == 0 && t.contains(w) {
        return INSIDE;
    }
    if typo(term, word) { TYPO } else { 0.0 }
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

/// One edit for words of 4–7 letters, two for longer ones; shorter words must match exactly.
/// The guide word may also be longer, as long as its start is within that distance, so "mitd"
/// finds "mitidappen".
fn typo(term: &Word, word: &Word) -> bool {
    let allowed = match term.len {
        0..=3 => return false,
        4..=7 => 1,
        _ => 2,
    };
    // Each edit brings in at most one letter that the other word does not have.
    if (term.mask & !word.mask).count_ones() > allowed || word.len + (allowed as usize) < term.len {
        return false;
    }
    let reach = term.len + allowed as usize;
    if word.len <= reach {
        return strsim::osa_distance(&term.text, &word.text) <= allowed as usize;
    }
    let cut: String = word.text.chars().take(reach).collect();
    if (letters(&cut) & !term.mask).count_ones() > allowed {
        return false;
    }
    strsim::osa_distance(&term.text, &cut) <= allowed as usize
        || strsim::osa_distance(&term.text, &word.text) <= allowed as usize
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
