//! Word wrapping by display width, so long texts never get cut mid-word (unless a single word is
//! wider than the line, which is then broken) and every wrapped row is known for scrolling and
//! mouse hits.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wrap `text` into rows no wider than `width` columns. Existing line breaks are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for paragraph in text.split('\n') {
        let mut row = String::new();
        let mut row_width = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_width = word.width();
            let gap = usize::from(row_width > 0);
            if row_width + gap + word_width <= width {
                if gap == 1 {
                    row.push(' ');
                }
                row.push_str(word);
                row_width += gap + word_width;
                continue;
            }
            if row_width > 0 {
                rows.push(std::mem::take(&mut row));
                row_width = 0;
            }
            if word_width <= width {
                row.push_str(word);
                row_width = word_width;
                continue;
            }
            // A word longer than the line: break it by characters.
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if row_width + w > width && row_width > 0 {
                    rows.push(std::mem::take(&mut row));
                    row_width = 0;
                }
                row.push(c);
                row_width += w;
            }
        }
        rows.push(row);
    }
    rows
}

/// Cut `text` to at most `width` columns, ending in "…" when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::{truncate, wrap};

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("  Pårørende", 20), "  Pårørende");
        assert_eq!(truncate("Pårørende vil", 6), "Pårør…");
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("Hvem står ved skranken nu", 10),
            ["Hvem står", "ved", "skranken", "nu"]
        );
    }

    #[test]
    fn keeps_line_breaks_and_breaks_overlong_words() {
        assert_eq!(wrap("a\nbbbbbbb", 3), ["a", "bbb", "bbb", "b"]);
    }

    #[test]
    fn never_exceeds_the_width() {
        let text =
            "Borgerservice kan afvise at udstede MitID, hvis borgeren ikke kan bruge det alene.";
        for width in 1..40 {
            for row in wrap(text, width) {
                assert!(unicode_width::UnicodeWidthStr::width(row.as_str()) <= width);
            }
        }
    }
}
