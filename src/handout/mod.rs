//! The citizen's handout: their own numbered steps and where to turn, to take home so they can
//! do it alone next time. Printed in the citizen's language with the Danish below (`html`), or
//! as plain text in the helper's language (`text`).
//!
//! Nothing personal can be on it: a [`Handout`] is built from the guide, the places and the
//! site file only — it is never given the case's answers or anything typed.

mod escape;
pub mod html;
pub mod open;
pub mod qr;
pub mod text;
pub mod words;

use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::guide::model::{Addressee, Library};
use crate::guide::translation::{PartKey, Review, Section, Target, current_unit};
use crate::lang::Language;
use crate::site::Site;

pub use text::{LINE_END, handout_file_name, handout_text, save};

/// A text and the language it is really in: a line with no current translation is Danish,
/// and is marked so (`lang="da"`), so a browser and a screen reader read it right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub lang: Language,
}

/// A place to contact, as printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceView {
    pub name: Line,
    pub phone: Option<String>,
    pub web: Option<String>,
    pub hours: Option<Line>,
    pub note: Option<Line>,
}

/// The handout's text in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub lang: Language,
    pub guide_title: Line,
    pub title: Line,
    pub steps: Vec<Line>,
    pub places: Vec<PlaceView>,
}

/// Everything a printed handout says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handout {
    pub lang: Language,
    pub addressee: Addressee,
    /// In the citizen's language (lines without a current translation in Danish).
    pub citizen: Version,
    /// The Danish text, for staff and officials; `None` when the handout is Danish.
    pub danish: Option<Version>,
    /// No fluent reader has reviewed the translation of some part printed in it.
    pub draft: bool,
    pub site_name: String,
    pub site: crate::site::SiteContact,
    pub date: Date,
}

/// Why a handout cannot be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HandoutError {
    #[error("no guide `{0}`")]
    NoGuide(String),
    #[error("no outcome `{0}`")]
    NoOutcome(String),
    /// The outcome has no steps for the citizen, so there is nothing to take home.
    #[error("the outcome has no steps for the citizen")]
    NoSteps,
}

impl Handout {
    /// The handout of one outcome in `lang`. `library` must be the Danish library (as loaded,
    /// before a translation is applied for the screen), with its translations.
    pub fn new(
        library: &Library,
        site: &Site,
        guide_id: &str,
        outcome_id: &str,
        lang: Language,
        date: Date,
    ) -> Result<Handout, HandoutError> {
        let guide =
            (library.guide(guide_id)).ok_or_else(|| HandoutError::NoGuide(guide_id.into()))?;
        let outcome = (guide.outcome(outcome_id))
            .ok_or_else(|| HandoutError::NoOutcome(outcome_id.into()))?;
        if outcome.steps.is_empty() {
            return Err(HandoutError::NoSteps);
        }
        let mut draft = false;
        let citizen = version(library, guide_id, outcome_id, lang, &mut draft);
        let danish = (lang != Language::DANISH)
            .then(|| version(library, guide_id, outcome_id, Language::DANISH, &mut false));
        Ok(Handout {
            lang,
            addressee: outcome.addressee,
            citizen,
            danish,
            draft,
            site_name: crate::text::visible_line(&site.name),
            site: site.contact.clone(),
            date,
        })
    }

    /// Every web address on the handout, once each, in the order printed: the site's, then
    /// the places', then any in the steps.
    pub fn web_addresses(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |url: &str| {
            if !out.iter().any(|u| u == url) {
                out.push(url.to_string());
            }
        };
        if let Some(web) = &self.site.web {
            add(web);
        }
        for place in &self.citizen.places {
            if let Some(web) = &place.web {
                add(web);
            }
        }
        for step in &self.citizen.steps {
            for url in urls_in(&step.text) {
                add(url);
            }
        }
        out
    }
}

/// The `http://` and `https://` addresses in a text, without trailing punctuation.
pub fn urls_in(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = [rest.find("http://"), rest.find("https://")]
        .into_iter()
        .flatten()
        .min()
    {
        let from = &rest[at..];
        let end = from
            .find(|c: char| c.is_whitespace() || matches!(c, '»' | '«' | '"' | '<' | '>' | ')'))
            .unwrap_or(from.len());
        let url = from[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        if url.len() > "https://".len() {
            out.push(url);
        }
        rest = &from[end..];
    }
    out
}

/// One language's version: each text from a current translation where there is one, else the
/// Danish (marked as Danish). Sets `draft` when a translation used has no reviewer.
fn version(
    library: &Library,
    guide_id: &str,
    outcome_id: &str,
    lang: Language,
    draft: &mut bool,
) -> Version {
    // Both were found by the caller.
    let guide = library.guide(guide_id);
    let outcome = guide.and_then(|g| g.outcome(outcome_id));
    let target = Target::Guide(guide_id.to_string());
    let mut pick = |target: &Target, section, id: &str, field: &str, danish: Vec<&str>| {
        let key = PartKey {
            section,
            id: id.to_string(),
        };
        let unit = (lang != Language::DANISH)
            .then(|| current_unit(library, target, &key, lang))
            .flatten();
        let given = unit.and_then(|(_, u)| u.field(field));
        let lines: Vec<Line> = (danish.iter().enumerate())
            .map(|(i, da)| {
                let translated = given
                    .filter(|g| g.len() == danish.len())
                    .and_then(|g| g.get(i))
                    .filter(|t| !t.trim().is_empty());
                match translated {
                    Some(text) => Line {
                        text: crate::text::visible_line(text),
                        lang,
                    },
                    None => Line {
                        text: crate::text::visible_line(da),
                        lang: Language::DANISH,
                    },
                }
            })
            .collect();
        if let Some((translation, _)) = unit
            && lines.iter().any(|l| l.lang == lang)
            && translation.review() == Review::Draft
        {
            *draft = true;
        }
        lines
    };
    let first = |mut lines: Vec<Line>| {
        lines.pop().unwrap_or(Line {
            text: String::new(),
            lang: Language::DANISH,
        })
    };
    let guide_title = first(pick(
        &target,
        Section::Guide,
        "",
        "title",
        guide.map(|g| vec![g.title.as_str()]).unwrap_or_default(),
    ));
    let title = first(pick(
        &target,
        Section::Outcomes,
        outcome_id,
        "title",
        outcome.map(|o| vec![o.title.as_str()]).unwrap_or_default(),
    ));
    let steps = pick(
        &target,
        Section::Outcomes,
        outcome_id,
        "steps",
        outcome
            .map(|o| o.steps.iter().map(|s| s.as_str()).collect())
            .unwrap_or_default(),
    );
    let shared = Target::Shared(Section::Places);
    let mut places = Vec::new();
    for id in outcome.map(|o| o.refer.as_slice()).unwrap_or_default() {
        let Some(place) = library.place(id) else {
            continue;
        };
        let mut one = |field: &str, danish: Option<&str>| {
            danish.map(|da| first(pick(&shared, Section::Places, id, field, vec![da])))
        };
        let name = one("name", Some(place.name.as_str()));
        let hours = one("hours", place.hours.as_deref().map(String::as_str));
        let note = one("note", place.note.as_deref().map(String::as_str));
        places.push(PlaceView {
            name: name.unwrap_or_else(|| Line {
                text: String::new(),
                lang: Language::DANISH,
            }),
            phone: place.phone.as_ref().map(|p| crate::text::visible_line(p)),
            web: place.web.as_ref().map(|w| crate::text::visible_line(w)),
            hours,
            note,
        });
    }
    Version {
        lang,
        guide_title,
        title,
        steps,
        places,
    }
}

/// A handout's file name without extension: `2026-11-23-helbredstillaeg-vejled-uk`.
pub fn file_stem(guide_id: &str, outcome_id: &str, lang: Language, date: Date) -> String {
    // Both ids are checked slugs, so the name is safe on every file system.
    format!("{date}-{guide_id}-{outcome_id}-{}", lang.code())
}

/// Write the printable handout into `dir` (created if missing): the HTML page. The path
/// written, or the path and why not.
pub fn save_html(
    dir: &Path,
    handout: &Handout,
    guide_id: &str,
    outcome_id: &str,
) -> Result<PathBuf, (PathBuf, crate::fsio::WriteError)> {
    let stem = file_stem(guide_id, outcome_id, handout.lang, handout.date);
    let path = dir.join(format!("{stem}.html"));
    let page = html::render(handout);
    let written = std::fs::create_dir_all(dir)
        .map_err(crate::fsio::WriteError::from)
        .and_then(|()| crate::fsio::write_replacing(&path, page.as_bytes()));
    match written {
        Ok(()) => Ok(path),
        Err(err) => Err((path, err)),
    }
}

/// Today's date in Denmark, as printed on a handout.
pub fn today() -> Date {
    crate::date::danish_hour(std::time::SystemTime::now()).0
}

/// The Danish long date: `3. december 2026`.
pub fn danish_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let month = usize::try_from(date.month.saturating_sub(1)).unwrap_or(0);
    format!(
        "{}. {} {}",
        date.day,
        MONTHS.get(month).copied().unwrap_or(""),
        date.year
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_found_without_trailing_punctuation() {
        assert_eq!(
            urls_in("Gå ind på https://www.borger.dk/boligstoette. Eller »http://x.dk/a?b=1«"),
            ["https://www.borger.dk/boligstoette", "http://x.dk/a?b=1"]
        );
        assert!(urls_in("borger.dk og https://").is_empty());
    }

    #[test]
    fn danish_dates_read_as_in_a_letter() {
        assert_eq!(
            danish_date(Date::new(2026, 12, 3).unwrap()),
            "3. december 2026"
        );
        assert_eq!(
            danish_date(Date::new(2027, 1, 31).unwrap()),
            "31. januar 2027"
        );
    }
}
