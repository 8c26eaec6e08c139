//! What `check` says about translations: parts not translated yet, translations older than the
//! Danish they were made from, and translations of things the Danish no longer has. All are
//! warnings: a missing or stale translation falls back to Danish, which is always safe to show.

use std::collections::{BTreeSet, HashSet};

use super::diagnostic::Diagnostic;
use super::finding::Finding;
use super::model::Library;
use super::source::Span;
use super::translation::{
    DanishPart, Standing, Target, Translation, Unit, danish_parts_for, standing,
};
use crate::lang::Language;

pub fn check(library: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let languages: BTreeSet<Language> = library.translations.iter().map(|t| t.lang).collect();
    for translation in &library.translations {
        check_file(library, translation, &mut out);
    }
    for lang in languages {
        files_missing(library, lang, &mut out);
    }
    out
}

fn check_file(library: &Library, translation: &Translation, out: &mut Vec<Diagnostic>) {
    let lang = translation.lang;
    let parts = danish_parts_for(library, &translation.target, lang);
    if parts.is_empty() {
        out.push(Diagnostic::warning(
            Finding::TranslationOfNothing {
                file: translation.target.danish_file_name(),
            },
            Span::file_start(translation.file),
        ));
        return;
    }
    let mut seen = HashSet::new();
    for unit in &translation.units {
        seen.insert(&unit.key);
        match standing(library, translation, unit) {
            Standing::Orphan => out.push(Diagnostic::warning(
                Finding::TranslationOfMissingPart {
                    part: unit.key.header(),
                },
                unit.span.clone(),
            )),
            Standing::Stale { now } => out.push(Diagnostic::warning(
                Finding::TranslationStale {
                    lang,
                    part: unit.key.header(),
                    had: unit.source.as_ref().map(|s| s.value.clone()),
                    now,
                },
                unit.source
                    .as_ref()
                    .map_or(unit.span.clone(), |s| s.span.clone()),
            )),
            Standing::Current => {
                if let Some((_, danish)) = parts.iter().find(|(key, _)| *key == unit.key) {
                    compare_fields(lang, unit, danish, out);
                }
            }
        }
    }
    for (key, danish) in &parts {
        if !seen.contains(key) {
            out.push(Diagnostic::warning(
                Finding::TranslationMissing {
                    lang,
                    part: key.header(),
                    fields: danish.iter().map(|(name, _)| name.to_string()).collect(),
                },
                Span::file_start(translation.file),
            ));
        }
    }
}

/// A current part: every Danish field translated, lists of the same length, nothing extra.
fn compare_fields(lang: Language, unit: &Unit, danish: &DanishPart, out: &mut Vec<Diagnostic>) {
    let mut missing = Vec::new();
    for (name, texts) in danish {
        match unit.field(name) {
            None => missing.push(name.to_string()),
            Some(given) if given.iter().any(|t| t.trim().is_empty()) => {
                missing.push(name.to_string());
            }
            Some(given) if given.len() != texts.len() => {
                // An empty list (`choices = []`) has no text to point at: point at the part.
                let span = match (given.first(), given.last()) {
                    (Some(first), Some(last)) => Span {
                        file: first.span.file,
                        start: first.span.start,
                        end: last.span.end,
                    },
                    _ => unit.span.clone(),
                };
                out.push(Diagnostic::warning(
                    Finding::TranslationListLength {
                        key: name.to_string(),
                        given: given.len(),
                        expected: texts.len(),
                    },
                    span,
                ));
            }
            Some(_) => {}
        }
    }
    for (name, given) in &unit.fields {
        if !danish.iter().any(|(n, _)| n == name) {
            let span = given.first().map_or(unit.span.clone(), |t| t.span.clone());
            out.push(Diagnostic::warning(
                Finding::TranslationExtraField {
                    key: name.to_string(),
                },
                span,
            ));
        }
    }
    if !missing.is_empty() {
        out.push(Diagnostic::warning(
            Finding::TranslationMissing {
                lang,
                part: unit.key.header(),
                fields: missing,
            },
            unit.span.clone(),
        ));
    }
}

/// Once a library has translations into a language, every file with text should have one.
fn files_missing(library: &Library, lang: Language, out: &mut Vec<Diagnostic>) {
    for (target, file) in Target::all_for(library, lang) {
        let translated = library
            .translations
            .iter()
            .any(|t| t.lang == lang && t.target == target);
        if !translated {
            out.push(Diagnostic::warning(
                Finding::TranslationFileMissing {
                    lang,
                    file: target.translation_file_name(lang),
                },
                Span::file_start(file),
            ));
        }
    }
}
