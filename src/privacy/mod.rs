//! The privacy scanner: what in a piece of text looks like a person's data (a CPR number, a
//! phone number, an e-mail address, a common Danish name). A leaf: it knows nothing of guides or
//! logs, so the guide lint and the case log (as a second line of defence) both call it.

pub mod names;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// What kind of personal data a piece of text looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A valid date `DDMMYY` and four digits, with or without a hyphen.
    Cpr,
    Email,
    /// Eight digits starting with 2–9 (a Danish number), written together or grouped as
    /// `33 98 00 10`, `3398 0010`, `33 98 0010`, `3398 00 10`, optionally after `+45` or `0045`.
    Phone,
}

/// One match: its kind and its byte range in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    pub range: Range<usize>,
}

/// Every CPR-shaped number, e-mail address and phone number in `text`, in text order.
pub fn scan(text: &str) -> Vec<Hit> {
    // Cheap exit for the common case. Every hit needs an `@` (an e-mail address) or at least
    // eight ASCII digits (a phone number has eight, a CPR number ten); both tests are fast
    // byte scans.
    if !may_hold_a_hit(text.as_bytes()) {
        return Vec::new();
    }
    scan_all(text)
}

/// An `@` or at least eight ASCII digits: what every hit needs. The bytes are taken in blocks,
/// each folded without an early exit, so the compiler can turn the fold into vector code.
pub fn may_hold_a_hit(bytes: &[u8]) -> bool {
    let (mut digits, mut at) = (0usize, 0u8);
    // At most 64 digits per block, so the count fits in a byte.
    for block in bytes.chunks(64) {
        let (d, a) = block.iter().fold((0u8, 0u8), |(d, a), &b| {
            (d + u8::from(b.is_ascii_digit()), a | u8::from(b == b'@'))
        });
        digits += usize::from(d);
        at |= a;
    }
    at != 0 || digits >= 8
}

/// `scan` without its cheap exit.
fn scan_all(text: &str) -> Vec<Hit> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let s = Scanner { text, chars };
    let mut hits = s.cprs();
    hits.extend(s.phones());
    hits.extend(s.emails());
    hits.sort_by_key(|h| h.range.start);
    hits
}

struct Scanner<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
}

/// A run of ASCII digits, as character indices.
#[derive(Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
}

impl Run {
    fn len(self) -> usize {
        self.end - self.start
    }
}

impl Scanner<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |&(b, _)| b)
    }

    fn range(&self, start: usize, end: usize) -> Range<usize> {
        self.byte(start)..self.byte(end)
    }

    fn digits(&self, run: Run) -> &str {
        &self.text[self.range(run.start, run.end)]
    }

    fn runs(&self) -> Vec<Run> {
        let mut runs = Vec::new();
        let mut i = 0;
        while i < self.chars.len() {
            if self.chars[i].1.is_ascii_digit() {
                let start = i;
                while self.char_at(i).is_some_and(|c| c.is_ascii_digit()) {
                    i += 1;
                }
                runs.push(Run { start, end: i });
            } else {
                i += 1;
            }
        }
        runs
    }

    /// True when the character before `start` ties the number to a word, a URL or a longer
    /// number (`oid=12345678`, `sag/0101901234`, `1.33980010`).
    fn glued_before(&self, start: usize) -> bool {
        let Some(before) = start.checked_sub(1).and_then(|i| self.char_at(i)) else {
            return false;
        };
        before.is_alphanumeric()
            || "/=_&?#%@+-–".contains(before)
            || (matches!(before, '.' | ',')
                && start
                    .checked_sub(2)
                    .and_then(|i| self.char_at(i))
                    .is_some_and(char::is_alphanumeric))
    }

    /// True when the character after `end` ties the number to what follows; a full stop, comma
    /// or question mark that ends a sentence does not.
    fn glued_after(&self, end: usize) -> bool {
        let Some(after) = self.char_at(end) else {
            return false;
        };
        after.is_alphanumeric()
            || "/=_%@+-–".contains(after)
            || (".,?&#".contains(after) && self.char_at(end + 1).is_some_and(char::is_alphanumeric))
    }

    fn standalone(&self, start: usize, end: usize) -> bool {
        !self.glued_before(start) && !self.glued_after(end)
    }

    fn cprs(&self) -> Vec<Hit> {
        let runs = self.runs();
        let mut hits = Vec::new();
        for (n, &run) in runs.iter().enumerate() {
            let end = if run.len() == 10 {
                Some(run.end)
            } else if run.len() == 6
                && matches!(self.char_at(run.end), Some('-' | '–'))
                && let Some(&next) = runs.get(n + 1)
                && next.start == run.end + 1
                && next.len() == 4
            {
                Some(next.end)
            } else {
                None
            };
            if let Some(end) = end
                && is_ddmmyy(&self.digits(run)[..6])
                && self.standalone(run.start, end)
            {
                hits.push(Hit {
                    kind: Kind::Cpr,
                    range: self.range(run.start, end),
                });
            }
        }
        hits
    }

    fn phones(&self) -> Vec<Hit> {
        let runs = self.runs();
        // Chains: short runs separated by exactly one space (or no-break space). A run of five
        // or more digits is a number of its own (`22334455 0101901234` is two numbers).
        let mut chains: Vec<Vec<Run>> = Vec::new();
        for run in runs {
            let joined = chains.last().is_some_and(|chain| {
                let last = chain[chain.len() - 1];
                run.start == last.end + 1
                    && matches!(self.char_at(last.end), Some(' ' | '\u{a0}'))
                    && last.len() <= 4
                    && (run.len() <= 4 || (chain.len() == 1 && self.country_code(last)))
            });
            match chains.last_mut() {
                Some(chain) if joined => chain.push(run),
                _ => chains.push(vec![run]),
            }
        }
        let mut hits = Vec::new();
        for chain in chains {
            let first = chain[0];
            let plus = self.plus_before(first);
            let mut start = first.start;
            let mut groups: Vec<&str> = chain.iter().map(|&r| self.digits(r)).collect();
            // A country code: `+45 …`, `+4533980010`, `0045 …`.
            if self.country_code(first) {
                groups.remove(0);
                start = if plus { first.start - 1 } else { first.start };
            } else if plus && groups[0].len() == 10 && groups[0].starts_with("45") {
                groups[0] = &groups[0][2..];
                start = first.start - 1;
            }
            let end = chain[chain.len() - 1].end;
            if is_phone(&groups) && self.standalone(start, end) {
                hits.push(Hit {
                    kind: Kind::Phone,
                    range: self.range(start, end),
                });
            }
        }
        hits
    }

    fn plus_before(&self, run: Run) -> bool {
        run.start > 0 && self.char_at(run.start - 1) == Some('+')
    }

    /// `+45` or `0045`, Denmark's country code.
    fn country_code(&self, run: Run) -> bool {
        match self.digits(run) {
            "45" => self.plus_before(run),
            "0045" => true,
            _ => false,
        }
    }

    fn emails(&self) -> Vec<Hit> {
        let is_local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
        let is_domain = |c: char| c.is_alphanumeric() || c == '-' || c == '.';
        let mut hits = Vec::new();
        let mut after_last = 0;
        for at in 0..self.chars.len() {
            if self.chars[at].1 != '@' || at < after_last {
                continue;
            }
            let mut start = at;
            while start > 0 && self.char_at(start - 1).is_some_and(is_local) {
                start -= 1;
            }
            while start < at && self.char_at(start) == Some('.') {
                start += 1;
            }
            let mut end = at + 1;
            while self.char_at(end).is_some_and(is_domain) {
                end += 1;
            }
            while end > at + 1 && matches!(self.char_at(end - 1), Some('.' | '-')) {
                end -= 1;
            }
            let domain = &self.text[self.range(at + 1, end)];
            let labels: Vec<&str> = domain.split('.').collect();
            let valid = start < at
                && labels.len() >= 2
                && labels.iter().all(|l| !l.is_empty())
                && labels.last().is_some_and(|tld| {
                    tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
                });
            if valid {
                hits.push(Hit {
                    kind: Kind::Email,
                    range: self.range(start, end),
                });
                after_last = end;
            }
        }
        hits
    }
}

/// A day and month that exist (29 February always counts: the year is not known).
fn is_ddmmyy(digits: &str) -> bool {
    let number = |r: Range<usize>| digits.get(r).and_then(|d| d.parse::<u32>().ok());
    let (Some(day), Some(month)) = (number(0..2), number(2..4)) else {
        return false;
    };
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=days).contains(&day) && digits.len() >= 6
}

/// Eight digits in one of the usual groupings, starting with 2–9 as Danish numbers do. Two
/// four-digit groups that are both years (`2019 2020`) are not a phone number.
fn is_phone(groups: &[&str]) -> bool {
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let grouped = matches!(
        lengths.as_slice(),
        [8] | [4, 4] | [2, 2, 2, 2] | [2, 2, 4] | [4, 2, 2]
    );
    let first_ok = groups
        .first()
        .and_then(|g| g.bytes().next())
        .is_some_and(|b| (b'2'..=b'9').contains(&b));
    let years = lengths == [4, 4]
        && groups
            .iter()
            .all(|g| g.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y)));
    grouped && first_ok && !years
}

/// The most digits an id may hold, however they are split. Ids are written into the case log,
/// so they must never be able to hold a personal number: a phone number has eight digits, a CPR
/// number ten and a birth date six. Five leaves room for a form number such as `02-052`.
pub const MAX_ID_DIGITS: usize = 5;

/// Why an id may not be used, even though it may be a well-formed slug.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdShape {
    /// CPR-shaped, with or without separators (`0102-03-1234`).
    Cpr,
    /// Phone-shaped, with or without separators (`22-33-44-55`).
    Phone,
    Email,
    /// More than `MAX_ID_DIGITS` digits in all.
    Digits,
}

/// What an id looks like, if it looks like personal data or holds too many digits. Digit groups
/// joined by a dash, space, dot, underscore or no-break space are read as one number, so
/// `0102-03-1234` is a CPR number and `22.33.44.55` a phone number.
pub fn id_shape(id: &str) -> Option<IdShape> {
    if let Some(shape) = personal_number_in_id(id) {
        return Some(shape);
    }
    let digits = id.chars().filter(char::is_ascii_digit).count();
    (digits > MAX_ID_DIGITS).then_some(IdShape::Digits)
}

/// A CPR number, phone number or e-mail address in an id, however its digits are split. What
/// the case log refuses to store (see `log::row`), whatever the digit count.
pub fn personal_number_in_id(id: &str) -> Option<IdShape> {
    // Every shape needs an `@` or at least eight digits (a phone number has eight, a CPR
    // number ten): most ids are done here, without allocating.
    if !may_hold_a_hit(id.as_bytes()) {
        return None;
    }
    if let Some(hit) = scan(id).first() {
        return Some(match hit.kind {
            Kind::Cpr => IdShape::Cpr,
            Kind::Phone => IdShape::Phone,
            Kind::Email => IdShape::Email,
        });
    }
    if id.contains('@') && id.contains('.') {
        return Some(IdShape::Email);
    }
    // Digit groups joined by single separators, read as one number.
    let mut chains: Vec<String> = vec![String::new()];
    let mut last: Option<char> = None;
    for c in id.chars() {
        if c.is_ascii_digit() {
            if let Some(chain) = chains.last_mut() {
                chain.push(c);
            }
        } else {
            let separator = "-. _\u{a0}–".contains(c);
            let after_digit = last.is_some_and(|l| l.is_ascii_digit());
            if !(separator && after_digit) && chains.last().is_some_and(|c| !c.is_empty()) {
                chains.push(String::new());
            }
        }
        last = Some(c);
    }
    for chain in chains {
        let bytes = chain.as_bytes();
        let cpr = bytes
            .windows(10)
            .any(|w| std::str::from_utf8(&w[..6]).is_ok_and(is_ddmmyy));
        if cpr {
            return Some(IdShape::Cpr);
        }
        if bytes.windows(8).any(|w| (b'2'..=b'9').contains(&w[0])) {
            return Some(IdShape::Phone);
        }
    }
    None
}

/// True when the id holds a common Danish first name followed by a common surname
/// (`jens-hansen`, `ring-til-anne-marie-nielsen`), as ids write them: lowercase, with æ, ø, å
/// written `ae`, `oe`, `aa` (or `a`, `o`, `a`). A name in general cannot be detected; this catches
/// the likeliest slips.
pub fn looks_like_name(id: &str) -> bool {
    let words: Vec<&str> = id.split(['-', '_', ' ', '.']).collect();
    words
        .windows(2)
        .any(|pair| is_in(pair[0], true) && is_in(pair[1], false))
}

/// Whether `word` is a common first name (or surname) written in either ASCII form.
fn is_in(word: &str, first_name: bool) -> bool {
    !word.is_empty() && names_ascii(first_name).contains(word)
}

/// A name list as ids write it: æ, ø, å as `ae`, `oe`, `aa` and as `a`, `o`, `a`. Built once
/// per list, so checking a large library stays a hash lookup per word.
fn names_ascii(first_name: bool) -> &'static HashSet<String> {
    static FIRST: OnceLock<HashSet<String>> = OnceLock::new();
    static LAST: OnceLock<HashSet<String>> = OnceLock::new();
    let (cell, names) = if first_name {
        (&FIRST, names::FIRST_NAMES)
    } else {
        (&LAST, names::SURNAMES)
    };
    cell.get_or_init(|| {
        let mut out = HashSet::new();
        for name in names {
            let long = name
                .replace('æ', "ae")
                .replace('ø', "oe")
                .replace('å', "aa")
                .replace('é', "e");
            let short = name
                .replace('æ', "a")
                .replace('ø', "o")
                .replace('å', "a")
                .replace('é', "e");
            out.insert(long);
            out.insert(short);
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        scan(text)
            .into_iter()
            .map(|h| (h.kind, &text[h.range]))
            .collect()
    }

    #[test]
    fn cpr_numbers_with_and_without_hyphen() {
        assert_eq!(kinds("CPR 010190-1234."), [(Kind::Cpr, "010190-1234")]);
        assert_eq!(kinds("nr. 3112851234"), [(Kind::Cpr, "3112851234")]);
        assert_eq!(kinds("290200–1234"), [(Kind::Cpr, "290200–1234")]);
        // Not a date: day 32, month 13, 31 April.
        assert!(kinds("320190-1234 011390-1234 310490-1234").is_empty());
        // Part of something longer.
        assert!(kinds("01019012345 x0101901234 sag/0101901234").is_empty());
    }

    #[test]
    fn phone_numbers_in_the_usual_groupings() {
        for written in [
            "33 98 00 10",
            "33980010",
            "3398 0010",
            "+45 33 98 00 10",
            "+4533980010",
            "0045 33980010",
            "33\u{a0}98\u{a0}00\u{a0}10",
        ] {
            let text = format!("Ring på {written}.");
            assert_eq!(kinds(&text), [(Kind::Phone, written)], "{text}");
        }
    }

    #[test]
    fn ordinary_numbers_are_not_phone_numbers() {
        for text in [
            "3–7 hverdage",
            "over 15 år",
            "blanket 02.052, 02.043 eller 02.056",
            "https://skat.dk/data.aspx?oid=1924748",
            "https://x.dk/?id=33980010",
            "doi:10.7146/ntik.v5i3.25787",
            "fra 2019 2020",
            "10 12 14 16",
            "33 98 00 10 12",
            "kl. 8–18",
            "2026-11-23",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    proptest::proptest! {
        /// The cheap exit in `scan` never hides a hit.
        #[test]
        fn the_cheap_exit_finds_what_the_full_scan_finds(
            text in "[0-9 \u{a0}+@.,/a-cæ–-]{0,24}",
        ) {
            proptest::prop_assert_eq!(scan(&text), scan_all(&text));
        }

        /// The same near the edge: digit groups that make seven, eight, ten digits.
        #[test]
        fn the_cheap_exit_agrees_on_phone_and_cpr_shapes(
            text in "[a ]?(\\+45 |0045 )?([0-9]{1,6}[ \u{a0}–-]?){1,5}[a.@]?",
        ) {
            proptest::prop_assert_eq!(scan(&text), scan_all(&text));
        }
    }

    #[test]
    fn seven_digits_are_never_a_hit_and_eight_can_be() {
        assert!(scan_all("Ring 33 98 00 1").is_empty());
        assert_eq!(kinds("Ring 33 98 00 10"), [(Kind::Phone, "33 98 00 10")]);
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            kinds("Skriv til søren.hansen@kommune.dk."),
            [(Kind::Email, "søren.hansen@kommune.dk")]
        );
        assert!(kinds("@borgerdk på X, a@b, x@y.z1").is_empty());
        assert_eq!(
            kinds("a@b.dk 22334455 0101901234"),
            [
                (Kind::Email, "a@b.dk"),
                (Kind::Phone, "22334455"),
                (Kind::Cpr, "0101901234")
            ]
        );
    }
}
