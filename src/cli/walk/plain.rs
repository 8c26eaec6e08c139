//! Text for line mode as a screen reader should hear it: symbols that speech reads badly or
//! not at all (arrows, guillemets, dashes, bullets) become plain characters.

/// Guide or program text made safe for a terminal ([`crate::text::visible_line`]) and free of
/// symbols that screen readers read badly.
pub fn plain(text: &str) -> String {
    plain_symbols(&crate::text::visible_line(text))
}

/// Only the symbol replacement; line breaks are kept (for multi-line messages).
pub fn plain_symbols(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // En and em dash, minus sign, figure dash: "-" is read as a pause or not at all.
            '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2212}' => out.push('-'),
            // Arrows and bullets: "Indstillinger → Privatliv" reads as "Indstillinger - Privatliv".
            '\u{2192}' | '\u{21d2}' | '\u{279c}' | '\u{2022}' | '\u{25cf}' | '\u{25aa}' => {
                out.push('-')
            }
            '\u{bb}' | '\u{ab}' => out.push('"'),
            '\u{203a}' | '\u{2039}' => out.push('\''),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_guillemets_arrows_and_bullets_become_plain() {
        assert_eq!(
            plain("Søg efter »boligstøtte« – • så → videre"),
            "Søg efter \"boligstøtte\" - - så - videre"
        );
        assert_eq!(
            plain("a – b » c « d → e • f ‹g›"),
            "a - b \" c \" d - e - f 'g'"
        );
    }

    #[test]
    fn danish_letters_are_kept() {
        assert_eq!(plain("Æbler på ø"), "Æbler på ø");
    }
}
