//! Making text from guide files safe to show: nothing in a guide may reach the terminal as a
//! control sequence, and invisible characters that could hide or reorder text are made visible.

use std::borrow::Cow;

/// True for characters that must never be written to a terminal as they are.
fn is_hazard(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
        || matches!(c,
            '\u{200b}'..='\u{200f}'   // zero-width space/joiners, LRM/RLM
            | '\u{202a}'..='\u{202e}' // bidirectional embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidirectional isolates
            | '\u{feff}'              // zero-width no-break space
        )
}

/// The text with every hazardous character written as a visible `\u{…}` escape and tabs as spaces.
/// Newlines are kept; callers that need one line use [`visible_line`].
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hazard(c) || c == '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\t' {
            out.push_str("    ");
        } else if is_hazard(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], and line breaks become spaces.
pub fn visible_line(text: &str) -> String {
    visible(text).replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_text() {
        let shown = visible("a\u{1b}]0;title\u{7}b\u{1b}[2J");
        assert!(!shown.contains('\u{1b}'));
        assert_eq!(shown, "a\\u{1b}]0;title\\u{7}b\\u{1b}[2J");
    }

    #[test]
    fn bidi_overrides_and_zero_width_characters_are_shown() {
        assert_eq!(visible("x\u{202e}y\u{200b}z"), "x\\u{202e}y\\u{200b}z");
    }

    #[test]
    fn plain_danish_text_is_not_copied() {
        assert!(matches!(visible("Æbler på ø"), Cow::Borrowed(_)));
    }

    #[test]
    fn visible_line_joins_lines() {
        assert_eq!(visible_line("a\nb\tc"), "a b    c");
    }
}
