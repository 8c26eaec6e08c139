//! What a guide finding says to its author, from the catalogue (`assets/i18n/<code>/findings.ftl`).
//! The core's [`Finding`] holds the facts and a stable code; its headline is the message
//! `finding-<code>`, what to do about it `finding-<code>-hint` (or a variant of it).

use crate::guide::finding::{Finding, ValueType, What};
use crate::lang::{Lang, Language};
use crate::privacy::{IdShape, MAX_ID_DIGITS};
use crate::tr;

/// A finding told in its author's language.
pub trait Explain {
    /// The plain-language headline.
    fn message(&self, lang: impl Into<Language>) -> String;
    /// What to do about it (every finding has one today).
    fn hint(&self, lang: impl Into<Language>) -> Option<String>;
}

impl Explain for Finding {
    fn message(&self, lang: impl Into<Language>) -> String {
        message(self, lang.into())
    }

    fn hint(&self, lang: impl Into<Language>) -> Option<String> {
        Some(hint(self, lang.into()))
    }
}

fn message(finding: &Finding, lang: Language) -> String {
    match finding {
        Finding::PathNotFound => tr!(lang, "finding-path-not-found"),
        Finding::Unreadable { error } => tr!(lang, "finding-unreadable", error = error.as_str()),
        Finding::NotRegularFile => tr!(lang, "finding-not-regular-file"),
        Finding::FileTooLarge { limit_kb } => {
            tr!(lang, "finding-file-too-large", limit = limit_kb.to_string())
        }
        Finding::EmptyFolder => tr!(lang, "finding-empty-folder"),
        Finding::NotUtf8 => tr!(lang, "finding-not-utf8"),
        Finding::TomlSyntax { detail } => tr!(
            lang,
            "finding-toml-syntax",
            detail = detail.trim().replace('\n', "; ")
        ),
        Finding::MissingFormat => tr!(lang, "finding-missing-format"),
        // As text, not a number: a number would be rounded to a float's precision.
        Finding::UnsupportedFormat { found } => {
            tr!(
                lang,
                "finding-unsupported-format",
                found = found.to_string()
            )
        }
        Finding::WrongType {
            key,
            expected,
            found,
        } => tr!(
            lang,
            "finding-wrong-type",
            key = key.as_str(),
            expected = type_name(*expected, lang),
            found = type_name(*found, lang)
        ),
        Finding::MissingKey { key, table } => tr!(
            lang,
            "finding-missing-key",
            key = key.as_str(),
            table = table_name(table, lang)
        ),
        Finding::UnknownKey { key, table, .. } => tr!(
            lang,
            "finding-unknown-key",
            key = key.as_str(),
            table = table_name(table, lang)
        ),
        Finding::BadId { id, what } => tr!(
            lang,
            "finding-bad-id",
            id = id.as_str(),
            what = what_name(*what, lang)
        ),
        Finding::BadValue { key, value, .. } => tr!(
            lang,
            "finding-bad-value",
            key = key.as_str(),
            value = value.as_str()
        ),
        Finding::EmptyList { key } => tr!(lang, "finding-empty-list", key = key.as_str()),
        Finding::EmptyText { key } => tr!(lang, "finding-empty-text", key = key.as_str()),
        Finding::DuplicateId { id, what, .. } => tr!(
            lang,
            "finding-duplicate-id",
            id = id.as_str(),
            what = what_the(*what, lang)
        ),
        Finding::DuplicateLabel { label } => {
            tr!(lang, "finding-duplicate-label", label = label.as_str())
        }
        Finding::UnknownReference { id, what, .. } => tr!(
            lang,
            "finding-unknown-reference",
            id = id.as_str(),
            what = what_the(*what, lang)
        ),
        Finding::RuleOfOtherGuide { id, guide } => tr!(
            lang,
            "finding-rule-of-other-guide",
            id = id.as_str(),
            guide = guide.as_str()
        ),
        Finding::Unreachable { id, what } => tr!(
            lang,
            "finding-unreachable",
            id = id.as_str(),
            what = what_the(*what, lang)
        ),
        Finding::NoWayOut { id } => tr!(lang, "finding-no-way-out", id = id.as_str()),
        Finding::DoWithoutConsent { id, path } => tr!(
            lang,
            "finding-do-without-consent",
            id = id.as_str(),
            path = path.join(" → ")
        ),
        Finding::RefuseWithoutMustNot { id } => {
            tr!(lang, "finding-refuse-without-must-not", id = id.as_str())
        }
        Finding::ReferWithoutPlace { id } => {
            tr!(lang, "finding-refer-without-place", id = id.as_str())
        }
        Finding::Stale { reviewed, days } => tr!(
            lang,
            "finding-stale",
            reviewed = reviewed.as_str(),
            days = *days
        ),
        Finding::NoTests => tr!(lang, "finding-no-tests"),
        Finding::NoGuides => tr!(lang, "finding-no-guides"),
        Finding::MultiLineInlineTable => tr!(lang, "finding-multi-line-inline-table"),
        Finding::NoOutcomeForSite { site } => {
            tr!(lang, "finding-no-outcome-for-site", site = site.as_str())
        }
        Finding::NoChoicesForSite { id, site } => tr!(
            lang,
            "finding-no-choices-for-site",
            id = id.as_str(),
            site = site.as_str()
        ),
        Finding::RefersToOwnDesk {
            outcome,
            place,
            role,
        } => tr!(
            lang,
            "finding-refers-to-own-desk",
            outcome = outcome.as_str(),
            place = place.as_str(),
            role = role.as_str()
        ),
        Finding::ServiceNotForRole { service, role } => tr!(
            lang,
            "finding-service-not-for-role",
            service = service.as_str(),
            role = role.as_str()
        ),
        Finding::CprInGuide => tr!(lang, "finding-cpr-in-guide"),
        Finding::EmailInGuide => tr!(lang, "finding-email-in-guide"),
        Finding::PhoneInGuide => tr!(lang, "finding-phone-in-guide"),
        Finding::IdLooksPersonal { what, shape } => {
            let what = what_name(*what, lang);
            match shape {
                IdShape::Cpr => tr!(lang, "finding-cpr-in-id", what = what),
                IdShape::Phone => tr!(lang, "finding-phone-in-id", what = what),
                IdShape::Email => tr!(lang, "finding-email-in-id", what = what),
                IdShape::Digits => tr!(
                    lang,
                    "finding-digits-in-id",
                    what = what,
                    max = MAX_ID_DIGITS.to_string()
                ),
            }
        }
        Finding::IdLooksLikeName { what } => {
            tr!(lang, "finding-name-in-id", what = what_name(*what, lang))
        }
        Finding::TranslationLanguage { code } => tr!(
            lang,
            "finding-translation-language",
            code = code.as_str(),
            codes = Language::codes_except_danish()
        ),
        Finding::TranslationOfNothing { file } => {
            tr!(lang, "finding-translation-of-nothing", file = file.as_str())
        }
        Finding::TranslationOfMissingPart { part } => {
            tr!(
                lang,
                "finding-translation-of-missing-part",
                part = part.as_str()
            )
        }
        Finding::TranslationMissing {
            lang: language,
            part,
            fields,
        } => tr!(
            lang,
            "finding-translation-missing",
            part = part.as_str(),
            language = language_name(*language, lang),
            fields = fields.join(", ")
        ),
        Finding::TranslationStale {
            lang: language,
            part,
            ..
        } => tr!(
            lang,
            "finding-translation-stale",
            part = part.as_str(),
            adjective = language_adjective(*language, lang)
        ),
        Finding::TranslationListLength {
            key,
            given,
            expected,
        } => tr!(
            lang,
            "finding-translation-list-length",
            key = key.as_str(),
            given = *given,
            expected = *expected
        ),
        Finding::TranslationExtraField { key } => {
            tr!(lang, "finding-translation-extra-field", key = key.as_str())
        }
        Finding::TranslationFileMissing {
            lang: language,
            file,
        } => tr!(
            lang,
            "finding-translation-file-missing",
            language = language_name(*language, lang),
            file = file.as_str()
        ),
        Finding::TranslationDuplicate { file, first } => tr!(
            lang,
            "finding-translation-duplicate",
            file = file.as_str(),
            first = first.as_str()
        ),
    }
}

fn hint(finding: &Finding, lang: Language) -> String {
    match finding {
        Finding::PathNotFound => tr!(lang, "finding-path-not-found-hint"),
        Finding::Unreadable { .. } => tr!(lang, "finding-unreadable-hint"),
        Finding::NotRegularFile => tr!(lang, "finding-not-regular-file-hint"),
        Finding::FileTooLarge { .. } => tr!(lang, "finding-file-too-large-hint"),
        Finding::EmptyFolder => tr!(lang, "finding-empty-folder-hint"),
        Finding::NotUtf8 => tr!(lang, "finding-not-utf8-hint"),
        Finding::TomlSyntax { .. } => tr!(lang, "finding-toml-syntax-hint"),
        Finding::MissingFormat => tr!(lang, "finding-missing-format-hint"),
        Finding::UnsupportedFormat { .. } => tr!(lang, "finding-unsupported-format-hint"),
        Finding::WrongType { expected, .. } => {
            tr!(
                lang,
                "finding-wrong-type-hint",
                example = example(*expected)
            )
        }
        Finding::MissingKey { key, .. } if key.starts_with('[') => {
            tr!(lang, "finding-missing-key-hint-section", key = key.as_str())
        }
        Finding::MissingKey { key, .. } => {
            tr!(lang, "finding-missing-key-hint", key = key.as_str())
        }
        Finding::UnknownKey { suggestion, .. } => match suggestion {
            Some(s) => tr!(lang, "finding-did-you-mean", suggestion = s.as_str()),
            None => tr!(lang, "finding-unknown-key-hint"),
        },
        Finding::BadId { .. } => tr!(lang, "finding-bad-id-hint"),
        Finding::BadValue {
            allowed,
            suggestion,
            ..
        } => {
            let allowed = allowed.join(", ");
            match suggestion {
                Some(s) => tr!(
                    lang,
                    "finding-bad-value-hint-suggestion",
                    suggestion = s.as_str(),
                    allowed = allowed
                ),
                None => tr!(lang, "finding-bad-value-hint", allowed = allowed),
            }
        }
        Finding::EmptyList { .. } => tr!(lang, "finding-empty-list-hint"),
        Finding::EmptyText { .. } => tr!(lang, "finding-empty-text-hint"),
        Finding::DuplicateId { first, .. } => {
            tr!(lang, "finding-duplicate-id-hint", first = first.as_str())
        }
        Finding::DuplicateLabel { .. } => tr!(lang, "finding-duplicate-label-hint"),
        Finding::UnknownReference {
            what, suggestion, ..
        } => match suggestion {
            Some(s) => tr!(lang, "finding-did-you-mean", suggestion = s.as_str()),
            None => where_defined(*what, lang),
        },
        Finding::RuleOfOtherGuide { .. } => tr!(lang, "finding-rule-of-other-guide-hint"),
        Finding::Unreachable { .. } => tr!(lang, "finding-unreachable-hint"),
        Finding::NoWayOut { .. } => tr!(lang, "finding-no-way-out-hint"),
        Finding::DoWithoutConsent { .. } => tr!(lang, "finding-do-without-consent-hint"),
        Finding::RefuseWithoutMustNot { .. } => {
            tr!(lang, "finding-refuse-without-must-not-hint")
        }
        Finding::ReferWithoutPlace { .. } => tr!(lang, "finding-refer-without-place-hint"),
        Finding::Stale { .. } => tr!(lang, "finding-stale-hint"),
        Finding::NoTests => tr!(lang, "finding-no-tests-hint"),
        Finding::NoGuides => tr!(lang, "finding-no-guides-hint"),
        Finding::MultiLineInlineTable => tr!(lang, "finding-multi-line-inline-table-hint"),
        Finding::NoOutcomeForSite { .. } => tr!(lang, "finding-no-outcome-for-site-hint"),
        Finding::NoChoicesForSite { .. } => tr!(lang, "finding-no-choices-for-site-hint"),
        Finding::RefersToOwnDesk { .. } => tr!(lang, "finding-refers-to-own-desk-hint"),
        Finding::ServiceNotForRole { service, .. } => tr!(
            lang,
            "finding-service-not-for-role-hint",
            service = service.as_str()
        ),
        Finding::CprInGuide => tr!(lang, "finding-cpr-in-guide-hint"),
        Finding::EmailInGuide => tr!(lang, "finding-email-in-guide-hint"),
        Finding::PhoneInGuide => tr!(lang, "finding-phone-in-guide-hint"),
        Finding::IdLooksPersonal { shape, .. } => match shape {
            IdShape::Cpr => tr!(lang, "finding-cpr-in-id-hint"),
            IdShape::Phone => tr!(lang, "finding-phone-in-id-hint"),
            IdShape::Email => tr!(lang, "finding-email-in-id-hint"),
            IdShape::Digits => tr!(lang, "finding-digits-in-id-hint"),
        },
        Finding::IdLooksLikeName { .. } => tr!(lang, "finding-name-in-id-hint"),
        Finding::TranslationLanguage { .. } => tr!(lang, "finding-translation-language-hint"),
        Finding::TranslationOfNothing { .. } => tr!(lang, "finding-translation-of-nothing-hint"),
        Finding::TranslationOfMissingPart { .. } => {
            tr!(lang, "finding-translation-of-missing-part-hint")
        }
        Finding::TranslationMissing { .. } => tr!(lang, "finding-translation-missing-hint"),
        Finding::TranslationStale { had, now, .. } => {
            // TOML, not words: what the author replaces.
            let changed = match had {
                Some(had) => format!("`source = \"{had}\"`"),
                None => String::from("`source`"),
            };
            tr!(
                lang,
                "finding-translation-stale-hint",
                now = now.as_str(),
                changed = changed
            )
        }
        Finding::TranslationListLength { .. } => {
            tr!(lang, "finding-translation-list-length-hint")
        }
        Finding::TranslationExtraField { .. } => {
            tr!(lang, "finding-translation-extra-field-hint")
        }
        Finding::TranslationFileMissing { .. } => {
            tr!(lang, "finding-translation-file-missing-hint")
        }
        Finding::TranslationDuplicate { .. } => tr!(lang, "finding-translation-duplicate-hint"),
    }
}

/// The table a key belongs in, e.g. `[steps.hvem]`; the top level of a file has no name.
fn table_name(table: &str, lang: Language) -> String {
    if table.is_empty() {
        tr!(lang, "finding-table-file")
    } else {
        table.to_string()
    }
}

fn type_name(value_type: ValueType, lang: Language) -> String {
    match value_type {
        ValueType::Text => tr!(lang, "finding-type-text"),
        ValueType::TextList => tr!(lang, "finding-type-text-list"),
        ValueType::TextOrTextList => tr!(lang, "finding-type-text-or-text-list"),
        ValueType::Integer => tr!(lang, "finding-type-integer"),
        ValueType::Boolean => tr!(lang, "finding-type-boolean"),
        ValueType::Date => tr!(lang, "finding-type-date"),
        ValueType::Table => tr!(lang, "finding-type-table"),
        ValueType::TableList => tr!(lang, "finding-type-table-list"),
        ValueType::Decimal => tr!(lang, "finding-type-decimal"),
        ValueType::List => tr!(lang, "finding-type-list"),
        ValueType::DateTime => tr!(lang, "finding-type-date-time"),
    }
}

/// A value of the type as TOML, for the hint (the same in every language).
fn example(value_type: ValueType) -> &'static str {
    match value_type {
        ValueType::Text => "\"…\"",
        ValueType::TextList | ValueType::TextOrTextList => "[\"…\", \"…\"]",
        ValueType::Integer => "1",
        ValueType::Boolean => "true",
        ValueType::Date | ValueType::DateTime => "2026-11-23",
        ValueType::Table => "[navn]",
        ValueType::TableList => "[{ label = \"…\", next = \"…\" }]",
        ValueType::Decimal => "1.5",
        ValueType::List => "[…]",
    }
}

/// The kind in a sentence: "et trin", "a step".
fn what_name(what: What, lang: Language) -> String {
    match what {
        What::Guide => tr!(lang, "finding-what-guide"),
        What::Step => tr!(lang, "finding-what-step"),
        What::Outcome => tr!(lang, "finding-what-outcome"),
        What::StepOrOutcome => tr!(lang, "finding-what-step-or-outcome"),
        What::Rule => tr!(lang, "finding-what-rule"),
        What::Place => tr!(lang, "finding-what-place"),
        What::Service => tr!(lang, "finding-what-service"),
        What::Area => tr!(lang, "finding-what-area"),
        What::Site => tr!(lang, "finding-what-site"),
    }
}

/// The kind naming one thing at the start of a sentence: "Trinnet", "Step".
fn what_the(what: What, lang: Language) -> String {
    match what {
        What::Guide => tr!(lang, "finding-what-guide-the"),
        What::Step => tr!(lang, "finding-what-step-the"),
        What::Outcome => tr!(lang, "finding-what-outcome-the"),
        What::StepOrOutcome => tr!(lang, "finding-what-step-or-outcome-the"),
        What::Rule => tr!(lang, "finding-what-rule-the"),
        What::Place => tr!(lang, "finding-what-place-the"),
        What::Service => tr!(lang, "finding-what-service-the"),
        What::Area => tr!(lang, "finding-what-area-the"),
        What::Site => tr!(lang, "finding-what-site-the"),
    }
}

/// Where the kind is defined, for an unknown reference with no close match.
fn where_defined(what: What, lang: Language) -> String {
    match what {
        What::Guide => tr!(lang, "finding-where-guide"),
        What::Step | What::Outcome | What::StepOrOutcome => {
            tr!(lang, "finding-where-step-or-outcome")
        }
        What::Rule => tr!(lang, "finding-where-rule"),
        What::Place => tr!(lang, "finding-where-place"),
        What::Service => tr!(lang, "finding-where-service"),
        What::Area => tr!(lang, "finding-where-area"),
        What::Site => tr!(lang, "finding-where-site"),
    }
}

/// The program language whose words name other languages (English for one the list of
/// language names does not cover, as the catalogue falls back to English).
fn naming(lang: Language) -> Lang {
    lang.ui().unwrap_or(Lang::En)
}

/// A language's name in a sentence: "engelsk", "English".
fn language_name(language: Language, lang: Language) -> &'static str {
    language.name(naming(lang))
}

/// A language's name before a noun: "den engelske tekst", "the English text".
fn language_adjective(language: Language, lang: Language) -> &'static str {
    match naming(lang) {
        Lang::Da => language.info().danish_adjective,
        Lang::En => language.info().english,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::present::catalogue;

    /// One of each finding, in every form its texts take (each id shape, with and without a
    /// suggestion, a section and a key).
    fn one_of_each() -> Vec<Finding> {
        let s = String::from;
        let en = Language::from_code("en").unwrap_or(Language::DANISH);
        let mut all = vec![
            Finding::PathNotFound,
            Finding::Unreadable {
                error: s("permission denied"),
            },
            Finding::NotRegularFile,
            Finding::FileTooLarge { limit_kb: 512 },
            Finding::EmptyFolder,
            Finding::NotUtf8,
            Finding::TomlSyntax {
                detail: s("expected `=`\n"),
            },
            Finding::MissingFormat,
            Finding::UnsupportedFormat { found: 2 },
            Finding::WrongType {
                key: s("title"),
                expected: ValueType::Text,
                found: ValueType::Integer,
            },
            Finding::MissingKey {
                key: s("title"),
                table: s("[guide]"),
            },
            Finding::MissingKey {
                key: s("[guide]"),
                table: String::new(),
            },
            Finding::UnknownKey {
                key: s("titel"),
                table: s("[guide]"),
                suggestion: Some(s("title")),
            },
            Finding::UnknownKey {
                key: s("x"),
                table: String::new(),
                suggestion: None,
            },
            Finding::BadId {
                id: s("Hvem"),
                what: What::Step,
            },
            Finding::BadValue {
                key: s("kind"),
                value: s("doo"),
                allowed: vec!["do", "refer"],
                suggestion: Some(s("do")),
            },
            Finding::BadValue {
                key: s("kind"),
                value: s("x"),
                allowed: vec!["do", "refer"],
                suggestion: None,
            },
            Finding::EmptyList { key: s("choices") },
            Finding::EmptyText { key: s("title") },
            Finding::DuplicateId {
                id: s("hotline"),
                what: What::Place,
                first: s("guides/places.toml:3:9"),
            },
            Finding::DuplicateLabel { label: s("Ja") },
            Finding::UnknownReference {
                id: s("slut"),
                what: What::StepOrOutcome,
                suggestion: Some(s("slutt")),
            },
            Finding::RuleOfOtherGuide {
                id: s("r"),
                guide: s("g"),
            },
            Finding::Unreachable {
                id: s("gammel"),
                what: What::Outcome,
            },
            Finding::NoWayOut { id: s("loop") },
            Finding::DoWithoutConsent {
                id: s("hjaelp"),
                path: vec![s("start"), s("hjaelp")],
            },
            Finding::RefuseWithoutMustNot { id: s("nej") },
            Finding::ReferWithoutPlace { id: s("videre") },
            Finding::Stale {
                reviewed: s("2025-01-02"),
                days: 400,
            },
            Finding::Stale {
                reviewed: s("2025-01-02"),
                days: 1,
            },
            Finding::NoTests,
            Finding::NoGuides,
            Finding::MultiLineInlineTable,
            Finding::NoOutcomeForSite { site: s("bib") },
            Finding::NoChoicesForSite {
                id: s("hvem"),
                site: s("bib"),
            },
            Finding::RefersToOwnDesk {
                outcome: s("videre"),
                place: s("borgerservice"),
                role: s("borgerservice"),
            },
            Finding::ServiceNotForRole {
                service: s("fritagelse"),
                role: s("frivillig"),
            },
            Finding::CprInGuide,
            Finding::EmailInGuide,
            Finding::PhoneInGuide,
            Finding::IdLooksLikeName { what: What::Guide },
            Finding::TranslationLanguage { code: s("xx") },
            Finding::TranslationOfNothing { file: s("a.toml") },
            Finding::TranslationOfMissingPart { part: s("hvem") },
            Finding::TranslationMissing {
                lang: en,
                part: s("hvem"),
                fields: vec![s("question")],
            },
            Finding::TranslationStale {
                lang: en,
                part: s("hvem"),
                had: Some(s("abc")),
                now: s("def"),
            },
            Finding::TranslationStale {
                lang: en,
                part: s("hvem"),
                had: None,
                now: s("def"),
            },
            Finding::TranslationListLength {
                key: s("lines"),
                given: 1,
                expected: 2,
            },
            Finding::TranslationExtraField { key: s("note") },
            Finding::TranslationFileMissing {
                lang: en,
                file: s("a.en.toml"),
            },
            Finding::TranslationDuplicate {
                file: s("a.toml"),
                first: s("a.en.toml"),
            },
        ];
        for shape in [
            IdShape::Cpr,
            IdShape::Phone,
            IdShape::Email,
            IdShape::Digits,
        ] {
            all.push(Finding::IdLooksPersonal {
                what: What::Step,
                shape,
            });
        }
        for what in [
            What::Guide,
            What::Step,
            What::Outcome,
            What::StepOrOutcome,
            What::Rule,
            What::Place,
            What::Service,
            What::Area,
            What::Site,
        ] {
            all.push(Finding::UnknownReference {
                id: s("x"),
                what,
                suggestion: None,
            });
            all.push(Finding::DuplicateId {
                id: s("x"),
                what,
                first: s("a.toml:1:1"),
            });
        }
        all
    }

    /// Which variant a finding is. Adding a variant stops this compiling until it is numbered
    /// here, and the test below fails until `one_of_each` has one.
    fn variant(finding: &Finding) -> usize {
        match finding {
            Finding::PathNotFound => 0,
            Finding::Unreadable { .. } => 1,
            Finding::NotRegularFile => 2,
            Finding::FileTooLarge { .. } => 3,
            Finding::EmptyFolder => 4,
            Finding::NotUtf8 => 5,
            Finding::TomlSyntax { .. } => 6,
            Finding::MissingFormat => 7,
            Finding::UnsupportedFormat { .. } => 8,
            Finding::WrongType { .. } => 9,
            Finding::MissingKey { .. } => 10,
            Finding::UnknownKey { .. } => 11,
            Finding::BadId { .. } => 12,
            Finding::BadValue { .. } => 13,
            Finding::EmptyList { .. } => 14,
            Finding::EmptyText { .. } => 15,
            Finding::DuplicateId { .. } => 16,
            Finding::DuplicateLabel { .. } => 17,
            Finding::UnknownReference { .. } => 18,
            Finding::RuleOfOtherGuide { .. } => 19,
            Finding::Unreachable { .. } => 20,
            Finding::NoWayOut { .. } => 21,
            Finding::DoWithoutConsent { .. } => 22,
            Finding::RefuseWithoutMustNot { .. } => 23,
            Finding::ReferWithoutPlace { .. } => 24,
            Finding::Stale { .. } => 25,
            Finding::NoTests => 26,
            Finding::NoGuides => 27,
            Finding::MultiLineInlineTable => 28,
            Finding::NoOutcomeForSite { .. } => 29,
            Finding::NoChoicesForSite { .. } => 30,
            Finding::RefersToOwnDesk { .. } => 31,
            Finding::ServiceNotForRole { .. } => 32,
            Finding::CprInGuide => 33,
            Finding::EmailInGuide => 34,
            Finding::PhoneInGuide => 35,
            Finding::IdLooksPersonal { .. } => 36,
            Finding::IdLooksLikeName { .. } => 37,
            Finding::TranslationLanguage { .. } => 38,
            Finding::TranslationOfNothing { .. } => 39,
            Finding::TranslationOfMissingPart { .. } => 40,
            Finding::TranslationMissing { .. } => 41,
            Finding::TranslationStale { .. } => 42,
            Finding::TranslationListLength { .. } => 43,
            Finding::TranslationExtraField { .. } => 44,
            Finding::TranslationFileMissing { .. } => 45,
            Finding::TranslationDuplicate { .. } => 46,
        }
    }
    /// The number of variants `variant` numbers.
    const VARIANTS: usize = 47;

    #[test]
    fn every_finding_has_its_message_and_hint_in_danish_and_english() {
        let all = one_of_each();
        let covered: BTreeSet<usize> = all.iter().map(variant).collect();
        assert_eq!(
            covered,
            (0..VARIANTS).collect(),
            "one_of_each lacks a variant"
        );
        let ids = |code| -> BTreeSet<String> {
            catalogue::messages(code)
                .into_iter()
                .map(|(id, _)| id)
                .collect()
        };
        let (da_ids, en_ids) = (ids("da"), ids("en"));
        for finding in &all {
            let id = format!("finding-{}", finding.code());
            assert!(da_ids.contains(&id), "da/findings.ftl lacks `{id}`");
            assert!(en_ids.contains(&id), "en/findings.ftl lacks `{id}`");
            let da = (finding.message(Lang::Da), finding.hint(Lang::Da));
            let en = (finding.message(Lang::En), finding.hint(Lang::En));
            for text in [&da.0, &en.0]
                .into_iter()
                .chain(da.1.iter())
                .chain(en.1.iter())
            {
                // Fluent shows a missing argument as `{$name}`, a missing message as `{id}`,
                // and `text` an id no catalogue has as itself.
                assert!(
                    !text.contains("{$")
                        && !text.contains("{finding-")
                        && !text.starts_with("finding-"),
                    "{finding:?}: {text}"
                );
            }
            // Danish differs from English, so neither came from the other's fallback.
            assert_ne!(da.0, en.0, "{finding:?}");
            assert_ne!(da.1, en.1, "{finding:?}");
        }
    }

    #[test]
    fn counts_choose_the_plural_form_and_words_inside_a_finding_are_translated() {
        let stale = |days| Finding::Stale {
            reviewed: "2025-01-02".into(),
            days,
        };
        assert_eq!(
            stale(400).message(Lang::Da),
            "guiden blev sidst gennemgået 2025-01-02 (400 dage siden)"
        );
        assert!(stale(1).message(Lang::Da).ends_with("(1 dag siden)"));
        assert!(stale(1).message(Lang::En).ends_with("(1 day ago)"));
        let length = |given| Finding::TranslationListLength {
            key: "lines".into(),
            given,
            expected: 3,
        };
        assert_eq!(
            length(2).message(Lang::En),
            "`lines` has 2 texts, but the Danish has 3"
        );
        assert_eq!(
            length(1).message(Lang::Da),
            "`lines` har 1 tekst, men den danske har 3"
        );
        let wrong = Finding::WrongType {
            key: "reviewed".into(),
            expected: ValueType::Date,
            found: ValueType::Text,
        };
        assert_eq!(
            wrong.message(Lang::Da),
            "`reviewed` skal være en dato, men er en tekst"
        );
        assert_eq!(
            wrong.hint(Lang::En).as_deref(),
            Some("write e.g. 2026-11-23")
        );
        let stale_translation = Finding::TranslationStale {
            lang: Language::from_code("uk").unwrap_or(Language::DANISH),
            part: "hvem".into(),
            had: None,
            now: "abc".into(),
        };
        assert!(
            (stale_translation.message(Lang::Da)).starts_with("den ukrainske tekst til `hvem`")
        );
        assert!((stale_translation.message(Lang::En)).starts_with("the Ukrainian text of `hvem`"));
        assert!(
            (stale_translation.hint(Lang::En).unwrap_or_default())
                .ends_with("`source = \"abc\"` instead of `source`")
        );
        let brace = Finding::MultiLineInlineTable.message(Lang::En);
        assert!(brace.starts_with("{ … } spans"), "{brace}");
    }
}
