//! The privacy lint: a guide is read by every helper at every desk, and its ids end up in the
//! case log, so nothing in it may look like a person's data. `check` warns when guide text holds
//! something CPR-shaped, an e-mail address or a phone number. Phone numbers and addresses of the
//! places citizens are referred to belong in `places.toml`, which is not linted.
//!
//! Text values keep the span of their whole TOML string literal. When the literal holds the text
//! as it is (no escapes), the warning points at exactly the offending part; otherwise at the
//! literal.

use std::ops::Range;

use super::diagnostic::Diagnostic;
use super::finding::{Finding, What};
use super::model::{Library, Text};
use super::source::{SourceMap, Span};
use crate::privacy::{Kind, looks_like_name, scan};

/// The warning for a hit of this kind.
fn finding(kind: Kind) -> Finding {
    match kind {
        Kind::Cpr => Finding::CprInGuide,
        Kind::Email => Finding::EmailInGuide,
        Kind::Phone => Finding::PhoneInGuide,
    }
}

/// Warnings for every piece of personal-looking data in the library's text, in file order.
/// `places.toml` is left out: phone numbers and addresses of places are what it is for.
pub fn lint(library: &Library, sources: &SourceMap) -> Vec<Diagnostic> {
    let mut texts: Vec<&Text> = Vec::new();
    let mut out = Vec::new();
    for guide in &library.guides {
        // Most guides were found clean when they were built (see `Guide::new`): nothing here
        // could be a hit, so their texts need not be read again.
        if !guide.may_hold_personal_data() {
            continue;
        }
        // The guide id (the file name) is refused when the file is loaded if it looks like
        // personal data (see `id_finding`).
        texts.extend(guide.texts());
    }
    for rule in library.rules.values() {
        texts.extend([&rule.id, &rule.text, &rule.why, &rule.source]);
    }
    for service in library.services.values() {
        texts.push(&service.text);
    }
    for area in library.areas.values() {
        texts.push(&area.title);
    }
    // Translations are shown like the Danish text, so they are held to the same rule.
    for translation in &library.translations {
        for unit in &translation.units {
            if unit.key.section != super::translation::Section::Places {
                texts.extend(unit.fields.iter().flat_map(|(_, values)| values));
            }
        }
    }
    for text in texts {
        for hit in scan(text) {
            out.push(Diagnostic::warning(
                finding(hit.kind),
                sub_span(text, &hit.range, sources),
            ));
        }
    }
    out.sort_by_key(|d| match &d.location {
        super::diagnostic::Location::Span(span) => (span.file, span.start),
        super::diagnostic::Location::Path(_) => (super::source::FileId(u32::MAX), 0),
    });
    out
}

/// The span of `range` (bytes in the text's value) in the source, when the literal holds the
/// value unchanged; otherwise the span of the whole literal.
fn sub_span(text: &Text, range: &Range<usize>, sources: &SourceMap) -> Span {
    let whole = text.span.clone();
    let Some(file) = sources.get(whole.file) else {
        return whole;
    };
    let Some(written) = file.text.get(whole.start as usize..whole.end as usize) else {
        return whole;
    };
    let inner_at = |open: &str| -> Option<usize> {
        let inner = written.strip_prefix(open)?.strip_suffix(open)?;
        // A newline right after an opening `"""` or `'''` is not part of the text.
        let trimmed = if open.len() == 3 {
            inner
                .strip_prefix("\r\n")
                .or_else(|| inner.strip_prefix('\n'))
                .unwrap_or(inner)
        } else {
            inner
        };
        (trimmed == text.value).then(|| written.len() - open.len() - trimmed.len())
    };
    let offset = if written == text.value {
        Some(0) // a bare key
    } else {
        ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find_map(|open| (written.len() >= 2 * open.len()).then(|| inner_at(open))?)
    };
    match offset {
        Some(offset) => {
            let start = whole.start as usize + offset;
            Span::new(whole.file, start + range.start..start + range.end)
        }
        None => whole,
    }
}

/// Warnings for every id in the library that looks like a name: guides, steps, outcomes, rules,
/// places, services and areas (a site's id is checked when its file is read).
pub fn lint_names(library: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut warn = |id: &str, what: What, span: Span| {
        if looks_like_name(id) {
            out.push(Diagnostic::warning(Finding::IdLooksLikeName { what }, span));
        }
    };
    for guide in &library.guides {
        warn(&guide.id, What::Guide, Span::file_start(guide.file));
        for step in &guide.steps {
            warn(&step.id, What::Step, step.id.span.clone());
        }
        for outcome in &guide.outcomes {
            warn(&outcome.id, What::Outcome, outcome.id.span.clone());
        }
    }
    for rule in library.rules.values() {
        warn(&rule.id, What::Rule, rule.id.span.clone());
    }
    for place in library.places.values() {
        warn(&place.id, What::Place, place.id.span.clone());
    }
    for service in library.services.values() {
        warn(&service.id, What::Service, service.id.span.clone());
    }
    for area in library.areas.values() {
        warn(&area.id, What::Area, area.id.span.clone());
    }
    out
}
