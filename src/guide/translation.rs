//! Translations of guide text: what a `<file>.<lang>.toml` says, which Danish text each part
//! translates, and how a translation replaces that text when a helper picks another language.
//!
//! Danish is the source. Each translated part (the guide's title, a step, an outcome, a rule, a
//! place …) carries `source`, a short hash of the Danish text it was made from. When the Danish
//! changes, the hash no longer matches: `check` says the translation is stale and the app shows
//! the Danish text instead, because an out-of-date rule in English is worse than a current one in
//! Danish.

use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::model::{Guide, Library, Text};
use super::source::FileId;
pub use super::translated::{Field, PartKey, Review, Section, Target, Translation, Unit};
use crate::lang::Language;

/// Targets found in a library. (The type lives with the model's data, in `translated`.)
impl Target {
    /// Every target in a library that has Danish text, with the Danish file it is in: each
    /// guide, then each shared file that defines something.
    pub fn all(library: &Library) -> Vec<(Target, FileId)> {
        let mut out: Vec<(Target, FileId)> = library
            .guides
            .iter()
            .map(|g| (Target::Guide(g.id.clone()), g.file))
            .collect();
        for section in Section::SHARED {
            let target = Target::Shared(section);
            let file = danish_parts(library, &target)
                .first()
                .and_then(|(_, part)| part.first())
                .and_then(|(_, texts)| texts.first())
                .map(|text| text.span.file);
            out.extend(file.map(|file| (target, file)));
        }
        out
    }

    /// The targets a translation into `lang` covers: all of them for a language the program
    /// speaks, the guides and the places for a handout language.
    pub fn all_for(library: &Library, lang: Language) -> Vec<(Target, FileId)> {
        let mut all = Target::all(library);
        all.retain(|(target, _)| !target.sections_for(lang).is_empty());
        all
    }
}

/// The Danish texts of one part, field by field (a single text is a list of one).
pub type DanishPart<'a> = Vec<(&'static str, Vec<&'a Text>)>;

/// The hash a translation's `source` must carry: eight hex digits of SHA-256 over the Danish
/// texts of the part, with line endings normalised so a Windows checkout hashes the same.
pub fn part_hash(part: &DanishPart) -> String {
    let mut hasher = Sha256::new();
    for (name, texts) in part {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        for text in texts {
            for piece in text.split("\r\n") {
                hasher.update(piece.as_bytes());
                hasher.update(b"\n");
            }
            hasher.update([0x1f]);
        }
        hasher.update([0x1e]);
    }
    let digest = hasher.finalize();
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// Every part of a target's Danish file, in file order.
pub fn danish_parts<'a>(library: &'a Library, target: &Target) -> Vec<(PartKey, DanishPart<'a>)> {
    let key = |section, id: &str| PartKey {
        section,
        id: id.to_string(),
    };
    let mut out = Vec::new();
    match target {
        Target::Guide(id) => {
            let Some(guide) = library.guide(id) else {
                return out;
            };
            out.push((key(Section::Guide, ""), guide_part(guide)));
            for step in &guide.steps {
                out.push((key(Section::Steps, &step.id), step_part(step)));
            }
            for outcome in &guide.outcomes {
                out.push((key(Section::Outcomes, &outcome.id), outcome_part(outcome)));
            }
            let mut rules: Vec<_> = library
                .rules
                .values()
                .filter(|r| r.owner.as_deref() == Some(id.as_str()))
                .collect();
            rules.sort_by_key(|r| r.id.span.start);
            for rule in rules {
                out.push((key(Section::Rules, &rule.id), rule_part(rule)));
            }
        }
        Target::Shared(section) => {
            let mut parts: Vec<(u32, PartKey, DanishPart)> = match section {
                Section::Rules => library
                    .rules
                    .values()
                    .filter(|r| r.owner.is_none())
                    .map(|r| (r.id.span.start, key(*section, &r.id), rule_part(r)))
                    .collect(),
                Section::Places => library
                    .places
                    .values()
                    .map(|p| (p.id.span.start, key(*section, &p.id), place_part(p)))
                    .collect(),
                Section::Services => library
                    .services
                    .values()
                    .map(|s| {
                        (
                            s.id.span.start,
                            key(*section, &s.id),
                            vec![("text", vec![&s.text])],
                        )
                    })
                    .collect(),
                Section::Areas => library
                    .areas
                    .values()
                    .map(|a| {
                        (
                            a.id.span.start,
                            key(*section, &a.id),
                            vec![("title", vec![&a.title])],
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            };
            parts.sort_by_key(|(start, _, _)| *start);
            out.extend(parts.into_iter().map(|(_, k, p)| (k, p)));
        }
    }
    out
}

/// The parts of a target's Danish file that a translation into `lang` translates, each with
/// only the fields that language has (see [`Section::fields_for`]).
pub fn danish_parts_for<'a>(
    library: &'a Library,
    target: &Target,
    lang: Language,
) -> Vec<(PartKey, DanishPart<'a>)> {
    let sections = target.sections_for(lang);
    danish_parts(library, target)
        .into_iter()
        .filter(|(key, _)| sections.contains(&key.section))
        .map(|(key, part)| {
            let part = needed(part, key.section, lang);
            (key, part)
        })
        .collect()
}

/// Only the fields of a Danish part that a translation into `lang` has.
pub fn needed(part: DanishPart<'_>, section: Section, lang: Language) -> DanishPart<'_> {
    let fields = section.fields_for(lang);
    part.into_iter()
        .filter(|(name, _)| fields.iter().any(|f| f.name == *name))
        .collect()
}

/// The Danish texts of one part, or `None` when the Danish file has no such part.
pub fn danish_part<'a>(
    library: &'a Library,
    target: &Target,
    key: &PartKey,
) -> Option<DanishPart<'a>> {
    let guide = match target {
        Target::Guide(id) => library.guide(id),
        Target::Shared(_) => None,
    };
    match key.section {
        Section::Guide => guide.map(|g| guide_part(g)),
        Section::Steps => guide?.step(&key.id).map(step_part),
        Section::Outcomes => guide?.outcome(&key.id).map(outcome_part),
        Section::Rules => {
            let rule = library.rule(&key.id)?;
            let owner = match target {
                Target::Guide(id) => Some(id.as_str()),
                Target::Shared(_) => None,
            };
            (rule.owner.as_deref() == owner).then(|| rule_part(rule))
        }
        Section::Places => library.place(&key.id).map(place_part),
        Section::Services => library
            .services
            .get(&key.id)
            .map(|s| vec![("text", vec![&s.text])]),
        Section::Areas => library
            .areas
            .get(&key.id)
            .map(|a| vec![("title", vec![&a.title])]),
    }
}

fn guide_part(guide: &Guide) -> DanishPart<'_> {
    vec![
        ("title", vec![&guide.title]),
        ("summary", vec![&guide.summary]),
    ]
}

fn step_part(step: &super::model::Step) -> DanishPart<'_> {
    let mut part = vec![("ask", vec![&step.ask])];
    if let Some(help) = &step.help {
        part.push(("help", vec![help]));
    }
    part.push(("choices", step.choices.iter().map(|c| &c.label).collect()));
    part
}

fn outcome_part(outcome: &super::model::Outcome) -> DanishPart<'_> {
    let mut part = vec![
        ("title", vec![&outcome.title]),
        ("helper", vec![&outcome.helper]),
    ];
    if !outcome.steps.is_empty() {
        part.push(("steps", outcome.steps.iter().collect()));
    }
    part
}

fn rule_part(rule: &super::model::Rule) -> DanishPart<'_> {
    vec![("text", vec![&rule.text]), ("why", vec![&rule.why])]
}

fn place_part(place: &super::model::Place) -> DanishPart<'_> {
    let mut part = vec![("name", vec![&place.name])];
    part.extend(place.hours.as_ref().map(|h| ("hours", vec![h])));
    part.extend(place.note.as_ref().map(|n| ("note", vec![n])));
    part
}

/// How a translated part stands against the Danish it was made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// `source` matches the Danish text.
    Current,
    /// The Danish text changed since (or `source` is missing); `now` is the hash to write.
    Stale { now: String },
    /// The Danish file has no such part.
    Orphan,
}

pub fn standing(library: &Library, translation: &Translation, unit: &Unit) -> Standing {
    let Some(part) = danish_part(library, &translation.target, &unit.key) else {
        return Standing::Orphan;
    };
    let now = part_hash(&part);
    match &unit.source {
        Some(source) if source.value == now => Standing::Current,
        _ => Standing::Stale { now },
    }
}

/// Whether a current part translates every Danish text, lists item for item.
pub fn is_complete(unit: &Unit, danish: &DanishPart) -> bool {
    danish.iter().all(|(name, texts)| {
        unit.field(name).is_some_and(|given| {
            given.len() == texts.len() && given.iter().all(|t| !t.trim().is_empty())
        })
    })
}

/// How much of a target is translated into `lang`: parts that are current and complete, out of
/// the Danish parts. `None` when there is no translation file at all.
pub fn coverage(library: &Library, target: &Target, lang: Language) -> Option<(usize, usize)> {
    let translation = library
        .translations
        .iter()
        .find(|t| t.lang == lang && t.target == *target)?;
    let parts = danish_parts_for(library, target, lang);
    let done = parts
        .iter()
        .filter(|(key, danish)| {
            translation.units.iter().any(|unit| {
                unit.key == *key
                    && standing(library, translation, unit) == Standing::Current
                    && is_complete(unit, danish)
            })
        })
        .count();
    Some((done, parts.len()))
}

/// The translation of one part into `lang`, when there is one and it is current (a stale part
/// is never used: the Danish is shown instead).
pub fn current_unit<'a>(
    library: &'a Library,
    target: &Target,
    key: &PartKey,
    lang: Language,
) -> Option<(&'a Translation, &'a Unit)> {
    let translation =
        (library.translations.iter()).find(|t| t.lang == lang && t.target == *target)?;
    let unit = translation.units.iter().find(|u| u.key == *key)?;
    (standing(library, translation, unit) == Standing::Current).then_some((translation, unit))
}

/// What applying translations did, for the front end to mention.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Parts shown in the chosen language.
    pub translated: usize,
    /// Parts left in Danish because their translation is older than the Danish text.
    pub stale: usize,
}

/// Replace Danish text by the translation into `lang` wherever the translation is current and
/// not empty. Everything else stays Danish. Ids, kinds and the guide hash never change, so the
/// case log and change alerts see the same guide in every language.
pub fn apply(library: &mut Library, lang: impl Into<Language>) -> Applied {
    let lang = lang.into();
    let mut applied = Applied::default();
    if lang == Language::DANISH {
        return applied;
    }
    let translations = std::mem::take(&mut library.translations);
    for translation in translations.iter().filter(|t| t.lang == lang) {
        for unit in &translation.units {
            match standing(library, translation, unit) {
                Standing::Current => {
                    if replace(library, &translation.target, unit) {
                        applied.translated += 1;
                    }
                }
                Standing::Stale { .. } => applied.stale += 1,
                Standing::Orphan => {}
            }
        }
    }
    library.translations = translations;
    applied
}

/// Put a current unit's texts in place. True when anything was replaced.
fn replace(library: &mut Library, target: &Target, unit: &Unit) -> bool {
    let mut replaced = false;
    let mut put = |name: &str, slots: Vec<&mut Text>| {
        let Some(texts) = unit.field(name) else {
            return;
        };
        // A list must match the Danish one item for item, or the answers would shift. An
        // empty text is not translated yet: that line stays Danish.
        if texts.len() != slots.len() {
            return;
        }
        for (slot, text) in slots.into_iter().zip(texts) {
            if !text.trim().is_empty() {
                *slot = text.clone();
                replaced = true;
            }
        }
    };
    let key = &unit.key;
    match (target, key.section) {
        (Target::Guide(id), section @ (Section::Guide | Section::Steps | Section::Outcomes)) => {
            let Some(guide) = library.guides.iter_mut().find(|g| g.id == *id) else {
                return false;
            };
            let parts = Arc::make_mut(guide).texts_mut();
            match section {
                Section::Guide => {
                    // The Danish title stays findable in the picker.
                    let danish_title = parts.title.clone();
                    put("title", vec![&mut parts.title]);
                    if parts.title.value != danish_title.value {
                        parts.synonyms.push(danish_title);
                    }
                    put("summary", vec![&mut parts.summary]);
                }
                Section::Steps => {
                    let Some(step) = parts.steps.iter_mut().find(|s| s.id.value == key.id) else {
                        return false;
                    };
                    put("ask", vec![&mut step.ask]);
                    put("help", step.help.iter_mut().collect());
                    put(
                        "choices",
                        step.choices.iter_mut().map(|c| &mut c.label).collect(),
                    );
                }
                _ => {
                    let Some(outcome) = parts.outcomes.iter_mut().find(|o| o.id.value == key.id)
                    else {
                        return false;
                    };
                    put("title", vec![&mut outcome.title]);
                    put("helper", vec![&mut outcome.helper]);
                    put("steps", outcome.steps.iter_mut().collect());
                }
            }
        }
        (_, Section::Rules) => {
            let Some(rule) = library.rules.get_mut(&key.id) else {
                return false;
            };
            put("text", vec![&mut rule.text]);
            put("why", vec![&mut rule.why]);
        }
        (_, Section::Places) => {
            let Some(place) = library.places.get_mut(&key.id) else {
                return false;
            };
            put("name", vec![&mut place.name]);
            put("hours", place.hours.iter_mut().collect());
            put("note", place.note.iter_mut().collect());
        }
        (_, Section::Services) => {
            let Some(service) = library.services.get_mut(&key.id) else {
                return false;
            };
            put("text", vec![&mut service.text]);
        }
        (_, Section::Areas) => {
            let Some(area) = library.areas.get_mut(&key.id) else {
                return false;
            };
            put("title", vec![&mut area.title]);
        }
        _ => {}
    }
    replaced
}
