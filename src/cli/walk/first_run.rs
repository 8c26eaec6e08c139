//! Line mode's first start without a site file: ask where vejviser is used, as the app does,
//! with plain numbered lines a screen reader reads well, and save the answer as the site file.

use std::collections::BTreeSet;
use std::io::{BufRead, Write};
use std::path::Path;

use super::plain::plain;
use super::read_line;
use crate::guide::Library;
use crate::lang::Lang;
use crate::site::Site;
use crate::site::setup::{ROLES, chosen_site, save, usual_services};
use crate::tui::setup::setup_text;

/// Ask for the kind of desk and its services, save them to `path`, and return the site.
/// `None` when the helper skips (an empty line or end of input): nothing is saved.
pub fn ask_site(
    library: &Library,
    path: &Path,
    lang: Lang,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<Option<Site>> {
    let text = setup_text(lang);
    writeln!(out, "{}", plain(text.title))?;
    writeln!(out, "{}", plain(text.intro_first))?;
    for (n, (name, about)) in text.roles.iter().enumerate() {
        writeln!(out, "{}. {}: {}", n + 1, plain(name), plain(about))?;
    }
    let role = loop {
        writeln!(
            out,
            "{}",
            lang.pick(
                "Skriv et tal fra 1 til 4 og tryk Enter. Enter alene springer over.",
                "Type a number from 1 to 4 and press Enter. Enter alone skips.",
            )
        )?;
        out.flush()?;
        let Some(line) = read_line(input)? else {
            return Ok(None);
        };
        match line.trim() {
            "" => {
                writeln!(out, "{}", plain(text.skipped))?;
                return Ok(None);
            }
            typed => {
                if let Some(role) = typed
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| ROLES.get(i))
                {
                    break *role;
                }
            }
        }
    };
    let services = library.services_in_order();
    let usual: BTreeSet<String> = usual_services(role)
        .iter()
        .filter(|s| library.services.contains_key(**s))
        .map(|s| s.to_string())
        .collect();
    writeln!(out, "{}", plain(text.services_title))?;
    let mut suggested = Vec::new();
    for (n, service) in services.iter().enumerate() {
        let chosen = usual.contains(&service.id.value);
        if chosen {
            suggested.push((n + 1).to_string());
        }
        let mark = match (chosen, lang) {
            (true, Lang::Da) => "valgt",
            (false, Lang::Da) => "ikke valgt",
            (true, Lang::En) => "chosen",
            (false, Lang::En) => "not chosen",
        };
        writeln!(out, "{}. ({mark}) {}", n + 1, plain(&service.text))?;
    }
    let offers = loop {
        writeln!(
            out,
            "{} {}.",
            lang.pick(
                "Skriv numrene på det, I tilbyder, med mellemrum imellem, eller tryk Enter for forslaget:",
                "Type the numbers of what you offer, with spaces between, or press Enter for the suggestion:",
            ),
            if suggested.is_empty() {
                String::from("-")
            } else {
                suggested.join(" ")
            }
        )?;
        out.flush()?;
        let line = read_line(input)?.unwrap_or_default();
        if line.trim().is_empty() {
            break usual.clone();
        }
        let picked: Option<BTreeSet<String>> = line
            .split([' ', ',', ';'])
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|i| services.get(i))
                    .map(|s| s.id.value.clone())
            })
            .collect();
        if let Some(picked) = picked {
            break picked;
        }
    };
    let index = ROLES.iter().position(|r| *r == role).unwrap_or(0);
    let site = chosen_site(role, offers, text.roles[index].0, Some(path));
    match save(&site) {
        Ok(()) => writeln!(out, "{}: {}", plain(text.saved), path.display())?,
        Err(err) => writeln!(
            out,
            "{} ({}): {}",
            plain(text.not_saved),
            path.display(),
            plain(&err.message(lang))
        )?,
    }
    Ok(Some(site))
}
