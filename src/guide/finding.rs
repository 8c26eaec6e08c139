//! What a diagnostic is about: one variant per kind of finding, with the facts that explain it
//! and a stable code. The words are the presentation layer's (`present::findings`, from the
//! catalogue `assets/i18n/<code>/findings.ftl`, where each text is keyed by the code).

use crate::lang::Language;
use crate::privacy::IdShape;

/// A kind of finding with the facts needed to explain it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    PathNotFound,
    Unreadable {
        error: String,
    },
    /// A folder, device, FIFO or socket where a file was expected (never read: it could hang).
    NotRegularFile,
    /// Larger than any real guide; not read into memory.
    FileTooLarge {
        limit_kb: u64,
    },
    EmptyFolder,
    NotUtf8,
    TomlSyntax {
        detail: String,
    },
    MissingFormat,
    UnsupportedFormat {
        found: i64,
    },
    WrongType {
        key: String,
        expected: ValueType,
        found: ValueType,
    },
    MissingKey {
        key: String,
        table: String,
    },
    UnknownKey {
        key: String,
        table: String,
        suggestion: Option<String>,
    },
    BadId {
        id: String,
        what: What,
    },
    BadValue {
        key: String,
        value: String,
        allowed: Vec<&'static str>,
        suggestion: Option<String>,
    },
    EmptyList {
        key: String,
    },
    EmptyText {
        key: String,
    },
    DuplicateId {
        id: String,
        what: What,
        first: String,
    },
    DuplicateLabel {
        label: String,
    },
    UnknownReference {
        id: String,
        what: What,
        suggestion: Option<String>,
    },
    RuleOfOtherGuide {
        id: String,
        guide: String,
    },
    Unreachable {
        id: String,
        what: What,
    },
    NoWayOut {
        id: String,
    },
    DoWithoutConsent {
        id: String,
        path: Vec<String>,
    },
    RefuseWithoutMustNot {
        id: String,
    },
    ReferWithoutPlace {
        id: String,
    },
    Stale {
        reviewed: String,
        days: i64,
    },
    NoTests,
    NoGuides,
    MultiLineInlineTable,
    NoOutcomeForSite {
        site: String,
    },
    NoChoicesForSite {
        id: String,
        site: String,
    },
    /// A referral that a site would make to a place of its own kind (Borgerservice sending a
    /// citizen to Borgerservice).
    RefersToOwnDesk {
        outcome: String,
        place: String,
        role: String,
    },
    /// A volunteer or NGO site file offers a service that only the municipality may offer.
    ServiceNotForRole {
        service: String,
        role: String,
    },
    CprInGuide,
    EmailInGuide,
    PhoneInGuide,
    /// An id shaped like a CPR number, phone number or e-mail address, or with too many digits.
    /// Ids are written into the case log, so this is an error.
    IdLooksPersonal {
        what: What,
        shape: IdShape,
    },
    /// An id with a common first name followed by a common surname.
    IdLooksLikeName {
        what: What,
    },
    TranslationLanguage {
        code: String,
    },
    TranslationOfNothing {
        file: String,
    },
    TranslationOfMissingPart {
        part: String,
    },
    TranslationMissing {
        lang: Language,
        part: String,
        fields: Vec<String>,
    },
    TranslationStale {
        lang: Language,
        part: String,
        had: Option<String>,
        now: String,
    },
    TranslationListLength {
        key: String,
        given: usize,
        expected: usize,
    },
    TranslationExtraField {
        key: String,
    },
    TranslationFileMissing {
        lang: Language,
        file: String,
    },
    TranslationDuplicate {
        file: String,
        first: String,
    },
}

/// The TOML value types a key can expect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    Text,
    TextList,
    /// One text, or a list of texts (`refer`).
    TextOrTextList,
    Integer,
    Boolean,
    Date,
    Table,
    TableList,
    Decimal,
    List,
    DateTime,
}

/// Kinds of things that have ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Guide,
    Step,
    Outcome,
    StepOrOutcome,
    Rule,
    Place,
    Service,
    Area,
    Site,
}

impl Finding {
    /// A stable, language-independent code (shown in brackets and in JSON output).
    pub fn code(&self) -> &'static str {
        match self {
            Finding::PathNotFound => "path-not-found",
            Finding::Unreadable { .. } => "unreadable",
            Finding::NotRegularFile => "not-regular-file",
            Finding::FileTooLarge { .. } => "file-too-large",
            Finding::EmptyFolder => "empty-folder",
            Finding::NotUtf8 => "not-utf8",
            Finding::TomlSyntax { .. } => "toml-syntax",
            Finding::MissingFormat => "missing-format",
            Finding::UnsupportedFormat { .. } => "unsupported-format",
            Finding::WrongType { .. } => "wrong-type",
            Finding::MissingKey { .. } => "missing-key",
            Finding::UnknownKey { .. } => "unknown-key",
            Finding::BadId { .. } => "bad-id",
            Finding::BadValue { .. } => "bad-value",
            Finding::EmptyList { .. } => "empty-list",
            Finding::EmptyText { .. } => "empty-text",
            Finding::DuplicateId { .. } => "duplicate-id",
            Finding::DuplicateLabel { .. } => "duplicate-label",
            Finding::UnknownReference { .. } => "unknown-reference",
            Finding::RuleOfOtherGuide { .. } => "rule-of-other-guide",
            Finding::Unreachable { .. } => "unreachable",
            Finding::NoWayOut { .. } => "no-way-out",
            Finding::DoWithoutConsent { .. } => "do-without-consent",
            Finding::RefuseWithoutMustNot { .. } => "refuse-without-must-not",
            Finding::ReferWithoutPlace { .. } => "refer-without-place",
            Finding::Stale { .. } => "stale",
            Finding::NoTests => "no-tests",
            Finding::NoGuides => "no-guides",
            Finding::MultiLineInlineTable => "multi-line-inline-table",
            Finding::CprInGuide => "cpr-in-guide",
            Finding::EmailInGuide => "email-in-guide",
            Finding::PhoneInGuide => "phone-in-guide",
            Finding::IdLooksPersonal { shape, .. } => match shape {
                IdShape::Cpr => "cpr-in-id",
                IdShape::Phone => "phone-in-id",
                IdShape::Email => "email-in-id",
                IdShape::Digits => "digits-in-id",
            },
            Finding::IdLooksLikeName { .. } => "name-in-id",
            Finding::NoOutcomeForSite { .. } => "no-outcome-for-site",
            Finding::NoChoicesForSite { .. } => "no-choices-for-site",
            Finding::ServiceNotForRole { .. } => "service-not-for-role",
            Finding::RefersToOwnDesk { .. } => "refers-to-own-desk",
            Finding::TranslationLanguage { .. } => "translation-language",
            Finding::TranslationOfNothing { .. } => "translation-of-nothing",
            Finding::TranslationOfMissingPart { .. } => "translation-of-missing-part",
            Finding::TranslationMissing { .. } => "translation-missing",
            Finding::TranslationStale { .. } => "translation-stale",
            Finding::TranslationListLength { .. } => "translation-list-length",
            Finding::TranslationExtraField { .. } => "translation-extra-field",
            Finding::TranslationFileMissing { .. } => "translation-file-missing",
            Finding::TranslationDuplicate { .. } => "translation-duplicate",
        }
    }
}
