//! "Did you mean …?" suggestions for misspelt keys and ids.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_the_nearest_key() {
        let keys = ["title", "summary", "tags", "synonyms", "start"];
        assert_eq!(closest("titel", keys).as_deref(), Some("title"));
        assert_eq!(closest("synonymer", keys).as_deref(), Some("synonyms"));
        assert_eq!(closest("summery", keys).as_deref(), Some("summary"));
    }

    #[test]
    fn says_nothing_when_nothing_is_close() {
        assert_eq!(closest("xyzzy", ["title", "summary"]), None);
    }
}
