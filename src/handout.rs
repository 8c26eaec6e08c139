//! The citizen's handout: their own numbered steps and where to turn, as plain text they can take
//! home, so they can do it alone next time.

use std::fmt::Write as _;

use crate::guide::model::{Addressee, Guide, Library, Outcome};
use crate::lang::Lang;

/// Plain text (no colour, no box drawing) so it prints anywhere and reads well in Notepad.
/// The handout's own words speak to whom the outcome names (`for`): the citizen, or a relative.
pub fn handout_text(guide: &Guide, outcome: &Outcome, library: &Library, lang: Lang) -> String {
    let words = Words::of(outcome.addressee, lang);
    let mut out = String::new();
    let title = crate::text::visible_line(&outcome.title);
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "{}", "=".repeat(title.chars().count().clamp(3, 72)));
    let _ = writeln!(out);
    let _ = writeln!(out, "{}:", words.heading);
    for (n, step) in outcome.steps.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", n + 1, crate::text::visible_line(step));
    }
    let places: Vec<_> = (outcome.refer.iter())
        .filter_map(|id| library.place(id))
        .collect();
    if !places.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}:", lang.pick("Kontakt", "Contact"));
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
        words.footer,
        crate::text::visible_line(&guide.title)
    );
    out
}

/// The handout's own words, as they speak to the citizen or to a relative.
struct Words {
    heading: &'static str,
    footer: &'static str,
}

impl Words {
    fn of(addressee: Addressee, lang: Lang) -> Self {
        match addressee {
            Addressee::Citizen => Words {
                heading: lang.pick("Sådan gør du", "What to do"),
                footer: lang.pick(
                    "Fra vejviser. Skriv aldrig koder eller CPR-nummer på dette papir.",
                    "From vejviser. Never write codes or CPR numbers on this paper.",
                ),
            },
            Addressee::Relative => Words {
                heading: lang.pick("Til dig som pårørende", "For you as a relative"),
                footer: lang.pick(
                    "Fra vejviser. Skriv aldrig borgerens koder eller CPR-nummer på dette papir.",
                    "From vejviser. Never write the citizen's codes or CPR number on this paper.",
                ),
            },
        }
    }
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
