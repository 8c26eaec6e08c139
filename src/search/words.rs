//! Words as the search sees them: lowercase, Danish letters spelled out, split on anything that is
//! not a letter or digit; which of them are stop words; and a few words helpers type that the
//! guides say differently.

/// Lowercase, with æ/ø/å (and common accents) spelled the way a Danish keyboard-less user would.
pub fn normalize(text: &str) -> String {
    let mut out = String::new();
    normalize_into(text, &mut out);
    out
}

/// [`normalize`] into `out`, which is cleared first.
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len() + 4);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            });
            continue;
        }
        for c in c.to_lowercase() {
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
    }
}

/// The normalized words of a text, in order.
pub fn words(text: &str) -> Vec<String> {
    normalize(text)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Danish and English words that say little about what a guide is for, normalized (so "på" is
/// "paa"). A stop word in a query still counts, only much less than other words.
const STOP_WORDS: &[&str] = &[
    // Danish
    "af", "alle", "alt", "at", "bare", "blev", "blive", "bliver", "da", "de", "dem", "den", "denne",
    "der", "deres", "det", "dette", "dig", "din", "dine", "disse", "dit", "dog", "du", "efter",
    "eller", "en", "end", "er", "et", "for", "fra", "fx", "gerne", "ham", "han", "hans", "har",
    "havde", "have", "hende", "hendes", "her", "hos", "hun", "hvad", "hvis", "hvor", "hvordan",
    "i", "ikke", "ind", "jeg", "jer", "jo", "kan", "kunne", "lidt", "lige", "man", "med", "meget",
    "mig", "min", "mine", "mit", "mod", "naar", "ned", "nok", "noget", "nogle", "nu", "og",
    "ogsaa", "om", "op", "os", "over", "paa", "saa", "sig", "sin", "sine", "sit", "skal", "skulle",
    "som", "til", "ud", "under", "var", "vi", "vil", "ville", "vor", "vores", "vaere", "vaeret",
    // English
    "a", "about", "an", "and", "are", "as", "be", "but", "by", "can", "cannot", "cant", "could",
    "do", "does", "dont", "from", "has", "he", "her", "his", "how", "in", "into", "is", "it",
    "its", "me", "my", "no", "not", "of", "on", "or", "our", "she", "so", "that", "the", "their",
    "them", "they", "this", "to", "was", "we", "what", "when", "where", "which", "who", "will",
    "with", "would", "you", "your",
];

/// Whether a normalized word is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Words helpers type that the guides (in either language) say with another word, each with
/// the words to look for as well. Only words a counter really meets belong here, each mapping to
/// the plain word the guides use; the guides' own `synonyms` are the place for everything that
/// concerns one guide. Normalized, like everything the search compares.
const RELATED: &[(&str, &[&str])] = &[
    // The phone: "mobil" at the counter, "telefon" in the guides.
    ("mobil", &["telefon", "smartphone"]),
    ("mobilen", &["telefon", "smartphone"]),
    ("mobiltelefon", &["telefon", "smartphone"]),
    ("mobiltelefonen", &["telefon", "smartphone"]),
    ("mobile", &["phone", "smartphone"]),
    ("cellphone", &["phone", "smartphone"]),
    ("cell", &["phone"]),
    // Family words in English and Danish short forms.
    ("dad", &["father", "far"]),
    ("mum", &["mother", "mor"]),
    ("mom", &["mother", "mor"]),
    ("mother", &["mor"]),
    ("father", &["far"]),
    ("husband", &["aegtefaelle", "spouse"]),
    ("wife", &["aegtefaelle", "spouse"]),
    ("mand", &["aegtefaelle"]),
    ("kone", &["aegtefaelle"]),
    ("hustru", &["aegtefaelle"]),
    // Conditions that keep a citizen from speaking, reading or understanding: the guides speak of
    // brain injury and dementia, not of each diagnosis.
    ("afasi", &["hjerneskade", "talebesvaer"]),
    ("aphasia", &["hjerneskade", "brain"]),
    ("blodprop", &["hjerneskade"]),
    ("hjernebloedning", &["hjerneskade"]),
    ("apopleksi", &["hjerneskade"]),
    ("stroke", &["hjerneskade", "brain"]),
    ("dement", &["demens"]),
    ("dementia", &["demens"]),
    // Getting out of something: the guides say exemption.
    ("stoppe", &["fritagelse", "fritaget"]),
    ("stop", &["fritagelse", "exemption"]),
    ("afmelde", &["fritagelse", "fritaget"]),
    ("framelde", &["fritagelse", "fritaget"]),
    ("frameld", &["fritagelse", "fritaget"]),
    ("fravalg", &["fritagelse"]),
    // Consent: the guides ask whether the citizen can "sige ja".
    ("samtykke", &["fuldmagt"]),
    ("consent", &["fuldmagt", "attorney"]),
    // Everyday words for codes and passwords.
    ("password", &["adgangskode", "kode"]),
    ("kodeord", &["adgangskode", "kode"]),
    ("adgangskoden", &["adgangskode"]),
    // Photo.
    ("foto", &["billede"]),
    ("photo", &["billede", "picture"]),
];

/// The other words to look for when a helper types `word` (normalized), if any.
pub fn related(word: &str) -> &'static [&'static str] {
    RELATED
        .iter()
        .find(|(w, _)| *w == word)
        .map_or(&[], |(_, related)| related)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_and_their_ascii_spellings_are_the_same() {
        assert_eq!(normalize("Pårørende Ægtefælle"), "paaroerende aegtefaelle");
        assert_eq!(normalize("MitID/NemID!"), "mitid nemid ");
        assert_eq!(words("Læs  mors post!"), ["laes", "mors", "post"]);
    }

    #[test]
    fn stop_words_are_matched_in_their_normalized_form() {
        assert!(is_stop_word(&normalize("på")));
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("mor"));
        assert!(!is_stop_word("far"));
        for w in STOP_WORDS {
            assert_eq!(normalize(w), *w, "stop words must be written normalized");
        }
    }

    #[test]
    fn related_words_are_normalized_and_never_stop_words() {
        for (word, related) in RELATED {
            for w in std::iter::once(word).chain(related.iter()) {
                assert_eq!(words(w), [*w], "`{w}` must be one normalized word");
                assert!(!is_stop_word(w), "`{w}` is a stop word");
            }
        }
        assert_eq!(related("mobil"), ["telefon", "smartphone"]);
        assert!(related("mitid").is_empty());
    }
}
