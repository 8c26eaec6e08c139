//! The plain-text handout: the citizen's numbered steps and where to turn, in the helper's
//! language, for line mode and for sites that print from a text editor.

use std::fmt::Write as _;

use crate::guide::model::{Guide, Library, Outcome};
use crate::lang::Lang;

/// Plain text (no colour, no box drawing) so it prints anywhere and reads well in Notepad.
/// The handout's own words speak to whom the outcome names (`for`): the citizen, or a relative.
pub fn handout_text(guide: &Guide, outcome: &Outcome, library: &Library, lang: Lang) -> String {
    let words = super::words::words(lang.into());
    let mut out = String::new();
    let title = crate::text::visible_line(&outcome.title);
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "{}", "=".repeat(title.chars().count().clamp(3, 72)));
    let _ = writeln!(out);
    let _ = writeln!(out, "{}:", words.heading(outcome.addressee));
    for (n, step) in outcome.steps.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", n + 1, crate::text::visible_line(step));
    }
    let places: Vec<_> = (outcome.refer.iter())
        .filter_map(|id| library.place(id))
        .collect();
    if !places.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}:", words.contact);
        let numbered = places.len() > 1;
        for (n, place) in places.into_iter().enumerate() {
            let name = crate::text::visible_line(&place.name);
            if numbered {
                let _ = writeln!(out, "  {}. {name}", n + 1);
            } else {
                let _ = writeln!(out, "  {name}");
            }
            let pad = if numbered { "     " } else { "  " };
            for (label, value) in place.contact(lang) {
                let _ = writeln!(out, "{pad}{label}: {}", crate::text::visible_line(value));
            }
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} ({})",
        words.footer(outcome.addressee),
        crate::text::visible_line(&guide.title)
    );
    out
}

/// A file name that says what the handout is: `2026-11-23-helbredstillaeg-vejled.txt`.
pub fn handout_file_name(guide: &Guide, outcome: &Outcome, today: crate::date::Date) -> String {
    // Both ids are checked slugs, so the name is safe on every file system.
    format!("{today}-{}-{}.txt", guide.id, outcome.id.as_str())
}

/// Line ending for handout files: CRLF on Windows so Notepad shows lines, LF elsewhere.
pub const LINE_END: &str = if cfg!(windows) { "\r\n" } else { "\n" };

/// Write the handout for this outcome into `dir` (created if missing), with the platform's line
/// endings, as the app and line mode both do. The path written, or the path and why not.
pub fn save(
    dir: &std::path::Path,
    guide: &Guide,
    outcome: &Outcome,
    library: &Library,
    lang: Lang,
) -> Result<std::path::PathBuf, (std::path::PathBuf, crate::fsio::WriteError)> {
    let text = handout_text(guide, outcome, library, lang);
    let path = dir.join(handout_file_name(
        guide,
        outcome,
        crate::date::Date::today(),
    ));
    let written = std::fs::create_dir_all(dir)
        .map_err(crate::fsio::WriteError::from)
        .and_then(|()| {
            let text = text.replace('\n', LINE_END);
            crate::fsio::write_replacing(&path, text.as_bytes())
        });
    match written {
        Ok(()) => Ok(path),
        Err(err) => Err((path, err)),
    }
}
