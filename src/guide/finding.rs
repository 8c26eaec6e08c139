//! What a diagnostic says: one variant per kind of finding, with its text in Danish and English.
//!
//! Keeping every message here (and nothing else) means a reviewer can read all of the author-facing
//! wording in one place, and the two languages cannot drift apart silently.

use crate::lang::{Lang, Language};
use crate::privacy::{IdShape, MAX_ID_DIGITS};

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

    /// The plain-language headline.
    pub fn message(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        match self {
            Finding::PathNotFound => pick(da, "stien findes ikke", "the path does not exist"),
            Finding::Unreadable { error } => {
                if da {
                    format!("filen kan ikke læses: {error}")
                } else {
                    format!("the file cannot be read: {error}")
                }
            }
            Finding::NotRegularFile => pick(
                da,
                "det er ikke en almindelig fil (fx en enhed, et rør eller en socket), så den læses ikke",
                "it is not a regular file (e.g. a device, a pipe or a socket), so it is not read",
            ),
            Finding::FileTooLarge { limit_kb } => {
                if da {
                    format!("filen er større end {limit_kb} KB og læses ikke")
                } else {
                    format!("the file is larger than {limit_kb} KB and is not read")
                }
            }
            Finding::EmptyFolder => pick(
                da,
                "mappen indeholder ingen .toml-filer",
                "the folder holds no .toml files",
            ),
            Finding::NotUtf8 => pick(
                da,
                "filen er ikke gemt som UTF-8",
                "the file is not saved as UTF-8",
            ),
            Finding::TomlSyntax { detail } => {
                let detail = detail.trim().replace('\n', "; ");
                if da {
                    format!("TOML-syntaksfejl: {detail}")
                } else {
                    format!("TOML syntax error: {detail}")
                }
            }
            Finding::MissingFormat => pick(
                da,
                "filen mangler `format = 1` øverst",
                "the file lacks `format = 1` at the top",
            ),
            Finding::UnsupportedFormat { found } => {
                if da {
                    format!("format {found} kendes ikke; denne version af vejviser læser format 1")
                } else {
                    format!("format {found} is unknown; this version of vejviser reads format 1")
                }
            }
            Finding::WrongType {
                key,
                expected,
                found,
            } => {
                if da {
                    format!(
                        "`{key}` skal være {}, men er {}",
                        expected.name(lang),
                        found.name(lang)
                    )
                } else {
                    format!(
                        "`{key}` must be {}, but is {}",
                        expected.name(lang),
                        found.name(lang)
                    )
                }
            }
            Finding::MissingKey { key, table } => {
                let table = table_name(table, lang);
                if da {
                    format!("`{key}` mangler i {table}")
                } else {
                    format!("`{key}` is missing in {table}")
                }
            }
            Finding::UnknownKey { key, table, .. } => {
                let table = table_name(table, lang);
                if da {
                    format!("ukendt nøgle `{key}` i {table}")
                } else {
                    format!("unknown key `{key}` in {table}")
                }
            }
            Finding::BadId { id, what } => {
                if da {
                    format!("`{id}` er ikke et gyldigt id for {}", what.name(lang))
                } else {
                    format!("`{id}` is not a valid id for {}", what.name(lang))
                }
            }
            Finding::BadValue { key, value, .. } => {
                if da {
                    format!("`{value}` er ikke en gyldig værdi for `{key}`")
                } else {
                    format!("`{value}` is not a valid value for `{key}`")
                }
            }
            Finding::EmptyList { key } => {
                if da {
                    format!("`{key}` må ikke være tom")
                } else {
                    format!("`{key}` must not be empty")
                }
            }
            Finding::EmptyText { key } => {
                if da {
                    format!("teksten i `{key}` er tom")
                } else {
                    format!("the text in `{key}` is empty")
                }
            }
            Finding::DuplicateId { id, what, .. } => {
                if da {
                    format!("{} `{id}` er defineret to gange", what.name_capital(lang))
                } else {
                    format!("{} `{id}` is defined twice", what.name_capital(lang))
                }
            }
            Finding::DuplicateLabel { label } => {
                if da {
                    format!("to svar i samme trin hedder \"{label}\"")
                } else {
                    format!("two choices in the same step are labelled \"{label}\"")
                }
            }
            Finding::UnknownReference { id, what, .. } => {
                if da {
                    format!("{} `{id}` findes ikke", what.name_capital(lang))
                } else {
                    format!("{} `{id}` does not exist", what.name_capital(lang))
                }
            }
            Finding::RuleOfOtherGuide { id, guide } => {
                if da {
                    format!("reglen `{id}` hører til guiden `{guide}` og kan ikke bruges her")
                } else {
                    format!("rule `{id}` belongs to guide `{guide}` and cannot be used here")
                }
            }
            Finding::Unreachable { id, what } => {
                if da {
                    format!("{} `{id}` kan ikke nås fra start", what.name_capital(lang))
                } else {
                    format!(
                        "{} `{id}` cannot be reached from the start",
                        what.name_capital(lang)
                    )
                }
            }
            Finding::NoWayOut { id } => {
                if da {
                    format!("trinnet `{id}` fører aldrig til et udfald (blindgyde eller løkke)")
                } else {
                    format!("step `{id}` never leads to an outcome (dead end or loop)")
                }
            }
            Finding::DoWithoutConsent { id, path } => {
                let path = path.join(" → ");
                if da {
                    format!("udfaldet `{id}` (do) kan nås uden et samtykketrin: {path}")
                } else {
                    format!("outcome `{id}` (do) can be reached without a consent step: {path}")
                }
            }
            Finding::RefuseWithoutMustNot { id } => {
                if da {
                    format!("udfaldet `{id}` (refuse) nævner ingen må-ikke-regel")
                } else {
                    format!("outcome `{id}` (refuse) names no must-not rule")
                }
            }
            Finding::ReferWithoutPlace { id } => {
                if da {
                    format!("udfaldet `{id}` (refer) siger ikke, hvor borgeren skal henvises")
                } else {
                    format!("outcome `{id}` (refer) does not say where to refer the citizen")
                }
            }
            Finding::Stale { reviewed, days } => {
                if da {
                    format!("guiden blev sidst gennemgået {reviewed} ({days} dage siden)")
                } else {
                    format!("the guide was last reviewed on {reviewed} ({days} days ago)")
                }
            }
            Finding::NoTests => pick(
                da,
                "guiden har ingen scenarietests",
                "the guide has no scenario tests",
            ),
            Finding::NoGuides => pick(da, "ingen guides fundet", "no guides found"),
            Finding::NoOutcomeForSite { site } => {
                if da {
                    format!("guiden når intet udfald, sådan som stedet `{site}` ser den")
                } else {
                    format!("the guide reaches no outcome as site `{site}` sees it")
                }
            }
            Finding::NoChoicesForSite { id, site } => {
                if da {
                    format!("trinnet `{id}` har ingen svar, sådan som stedet `{site}` ser det")
                } else {
                    format!("step `{id}` has no choices as site `{site}` sees it")
                }
            }
            Finding::RefersToOwnDesk {
                outcome,
                place,
                role,
            } => {
                if da {
                    format!(
                        "udfaldet `{outcome}` henviser et sted med rollen `{role}` til `{place}`, et sted af samme slags"
                    )
                } else {
                    format!(
                        "outcome `{outcome}` refers a site of role `{role}` to `{place}`, a place of its own kind"
                    )
                }
            }
            Finding::ServiceNotForRole { service, role } => {
                if da {
                    format!(
                        "et sted med rollen `{role}` må ikke tilbyde `{service}`: det er en opgave for kommunen"
                    )
                } else {
                    format!(
                        "a site with role `{role}` may not offer `{service}`: it is the municipality's task"
                    )
                }
            }
            Finding::MultiLineInlineTable => pick(
                da,
                "{ … } strækker sig over flere linjer; det kan ikke alle programmer læse (TOML 1.0)",
                "{ … } spans several lines, which not every program can read (TOML 1.0)",
            ),
            Finding::CprInGuide => pick(
                da,
                "teksten ligner et CPR-nummer",
                "the text looks like a CPR number",
            ),
            Finding::EmailInGuide => pick(
                da,
                "teksten indeholder en e-mailadresse",
                "the text contains an e-mail address",
            ),
            Finding::PhoneInGuide => pick(
                da,
                "teksten indeholder et telefonnummer",
                "the text contains a phone number",
            ),
            Finding::IdLooksPersonal { what, shape } => {
                let what = what.name(lang);
                let looks = match shape {
                    IdShape::Cpr => lang.pick("ligner et CPR-nummer", "looks like a CPR number"),
                    IdShape::Phone => {
                        lang.pick("ligner et telefonnummer", "looks like a phone number")
                    }
                    IdShape::Email => {
                        lang.pick("ligner en e-mailadresse", "looks like an e-mail address")
                    }
                    IdShape::Digits => {
                        return if da {
                            format!(
                                "id'et for {what} har mere end {MAX_ID_DIGITS} cifre; id'er skrives i sagsloggen"
                            )
                        } else {
                            format!(
                                "the id of {what} has more than {MAX_ID_DIGITS} digits; ids are written into the case log"
                            )
                        };
                    }
                };
                if da {
                    format!("id'et for {what} {looks}; id'er skrives i sagsloggen")
                } else {
                    format!("the id of {what} {looks}; ids are written into the case log")
                }
            }
            Finding::IdLooksLikeName { what } => {
                if da {
                    format!("id'et for {} ligner et navn", what.name(lang))
                } else {
                    format!("the id of {} looks like a name", what.name(lang))
                }
            }
            Finding::TranslationLanguage { code } => {
                if da {
                    format!(
                        "sproget `{code}` kendes ikke; oversættelser kan være på {}",
                        Language::codes_except_danish()
                    )
                } else {
                    format!(
                        "the language `{code}` is unknown; translations can be into {}",
                        Language::codes_except_danish()
                    )
                }
            }
            Finding::TranslationOfNothing { file } => {
                if da {
                    format!("oversættelsen hører til `{file}`, som ikke findes")
                } else {
                    format!("the translation belongs to `{file}`, which does not exist")
                }
            }
            Finding::TranslationOfMissingPart { part } => {
                if da {
                    format!("`{part}` findes ikke længere i den danske fil")
                } else {
                    format!("`{part}` is no longer in the Danish file")
                }
            }
            Finding::TranslationMissing { lang, part, fields } => {
                let fields = fields.join(", ");
                if da {
                    format!(
                        "`{part}` mangler oversættelse til {} ({fields})",
                        lang_name(*lang, da)
                    )
                } else {
                    format!(
                        "`{part}` is not translated into {} yet ({fields})",
                        lang_name(*lang, da)
                    )
                }
            }
            Finding::TranslationStale { lang, part, .. } => {
                if da {
                    format!(
                        "den {} tekst til `{part}` er ældre end den danske; den danske vises i stedet",
                        lang_adjective(*lang)
                    )
                } else {
                    format!(
                        "the {} text of `{part}` is older than the Danish; the Danish is shown instead",
                        lang_name(*lang, da)
                    )
                }
            }
            Finding::TranslationListLength {
                key,
                given,
                expected,
            } => {
                if da {
                    format!("`{key}` har {given} tekster, men den danske har {expected}")
                } else {
                    format!("`{key}` has {given} texts, but the Danish has {expected}")
                }
            }
            Finding::TranslationExtraField { key } => {
                if da {
                    format!("den danske fil har ingen `{key}` her, så oversættelsen bruges ikke")
                } else {
                    format!("the Danish file has no `{key}` here, so this translation is not used")
                }
            }
            Finding::TranslationDuplicate { file, first } => {
                if da {
                    format!("`{file}` er oversat to gange; den første er i {first}")
                } else {
                    format!("`{file}` is translated twice; the first is in {first}")
                }
            }
            Finding::TranslationFileMissing { lang, file } => {
                if da {
                    format!(
                        "filen har ingen oversættelse til {} (`{file}`)",
                        lang_name(*lang, da)
                    )
                } else {
                    format!(
                        "the file has no translation into {} (`{file}`)",
                        lang_name(*lang, da)
                    )
                }
            }
        }
    }

    /// What to do about it.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        let da = lang == Lang::Da;
        let text = match self {
            Finding::PathNotFound => pick(
                da,
                "tjek stavningen, eller giv stien til mappen med guides",
                "check the spelling, or give the path of the guides folder",
            ),
            Finding::Unreadable { .. } => pick(
                da,
                "tjek at filen findes, og at du har lov til at læse den",
                "check that the file exists and that you may read it",
            ),
            Finding::NotRegularFile => pick(
                da,
                "flyt den ud af mappen med guides, eller giv den et navn, der ikke ender på .toml",
                "move it out of the guides folder, or give it a name that does not end in .toml",
            ),
            Finding::FileTooLarge { .. } => pick(
                da,
                "en guide er nogle få KB; del filen op, eller tjek at det er den rigtige fil",
                "a guide is a few KB; split the file, or check that it is the right file",
            ),
            Finding::EmptyFolder => pick(
                da,
                "læg guides i mappen som <område>/<id>.toml, eller peg på en anden mappe",
                "put guides in the folder as <area>/<id>.toml, or point at another folder",
            ),
            Finding::NotUtf8 => pick(
                da,
                "gem filen igen med tegnsættet UTF-8 (i Notesblok: Gem som → Kodning: UTF-8)",
                "save the file again with the UTF-8 encoding (Notepad: Save as → Encoding: UTF-8)",
            ),
            Finding::TomlSyntax { .. } => pick(
                da,
                "tjek anførselstegn, = og [ ] på linjen; tekst skal stå i \"anførselstegn\"",
                "check quotes, = and [ ] on the line; text must be in \"quotes\"",
            ),
            Finding::MissingFormat => pick(
                da,
                "skriv `format = 1` som første linje i filen",
                "write `format = 1` as the first line of the file",
            ),
            Finding::UnsupportedFormat { .. } => pick(
                da,
                "skriv `format = 1`, eller opdater vejviser til en nyere version",
                "write `format = 1`, or update vejviser to a newer version",
            ),
            Finding::WrongType { expected, .. } => return Some(expected.example(lang)),
            Finding::MissingKey { key, .. } if key.starts_with('[') => {
                return Some(if da {
                    format!("tilføj sektionen `{key}`")
                } else {
                    format!("add a `{key}` section")
                });
            }
            Finding::MissingKey { key, .. } => {
                return Some(if da {
                    format!("tilføj `{key} = …`")
                } else {
                    format!("add `{key} = …`")
                });
            }
            Finding::TranslationLanguage { .. } => pick(
                da,
                "et punktum i filnavnet betyder en oversættelse: kald den <navn>.<sprog>.toml med en af sprogkoderne ovenfor, fx <navn>.uk.toml; er det en guide, så brug bindestreg i stedet, fx mitid-v2.toml",
                "a dot in the file name means a translation: name it <name>.<language>.toml with one of the language codes above, e.g. <name>.uk.toml; if it is a guide, use a hyphen instead, e.g. mitid-v2.toml",
            ),
            Finding::TranslationDuplicate { .. } => pick(
                da,
                "behold én af filerne, ved siden af den danske fil; den anden bruges ikke",
                "keep one of the files, beside the Danish file; the other is not used",
            ),
            Finding::TranslationOfNothing { .. } => pick(
                da,
                "læg oversættelsen ved siden af den danske fil med samme navn, eller slet den",
                "put the translation beside the Danish file of the same name, or delete it",
            ),
            Finding::TranslationOfMissingPart { .. } => pick(
                da,
                "slet afsnittet, eller ret navnet, hvis trinnet er omdøbt",
                "delete the section, or fix its name if the step was renamed",
            ),
            Finding::TranslationMissing { .. } | Finding::TranslationFileMissing { .. } => pick(
                da,
                "`vejviser translate --lang en <fil>` tilføjer de manglende afsnit med den danske tekst som kommentar",
                "`vejviser translate --lang en <file>` adds the missing sections with the Danish text as a comment",
            ),
            Finding::TranslationStale { had, now, .. } => {
                let changed = match had {
                    Some(had) => format!("`source = \"{had}\"`"),
                    None => String::from("`source`"),
                };
                return Some(if da {
                    format!(
                        "se hvad der er ændret i den danske tekst (fx med `git log -p`), ret oversættelsen, og skriv så `source = \"{now}\"` i stedet for {changed}"
                    )
                } else {
                    format!(
                        "see what changed in the Danish text (e.g. with `git log -p`), update the translation, then write `source = \"{now}\"` instead of {changed}"
                    )
                });
            }
            Finding::TranslationListLength { .. } => pick(
                da,
                "skriv én oversat tekst for hver dansk tekst, i samme rækkefølge",
                "write one translated text for each Danish text, in the same order",
            ),
            Finding::TranslationExtraField { .. } => pick(
                da,
                "slet nøglen fra oversættelsen",
                "remove the key from the translation",
            ),
            Finding::UnknownKey { suggestion, .. } => {
                return Some(match suggestion {
                    Some(s) if da => format!("mente du `{s}`?"),
                    Some(s) => format!("did you mean `{s}`?"),
                    None if da => String::from(
                        "slet nøglen, eller se guides/README.md for de tilladte nøgler",
                    ),
                    None => {
                        String::from("remove the key, or see guides/README.md for the allowed keys")
                    }
                });
            }
            Finding::BadId { .. } => pick(
                da,
                "brug kun små bogstaver a-z, tal og bindestreg, højst 64 tegn og aldrig fem cifre i træk, fx `mitid-mistet-telefon` (æ/ø/å skrives ae/oe/aa)",
                "use only lowercase a-z, digits and hyphens, at most 64 characters and never five digits in a row, e.g. `mitid-lost-phone` (write æ/ø/å as ae/oe/aa)",
            ),
            Finding::BadValue {
                allowed,
                suggestion,
                ..
            } => {
                let list = allowed.join(", ");
                return Some(match suggestion {
                    Some(s) if da => format!("mente du `{s}`? Tilladt: {list}"),
                    Some(s) => format!("did you mean `{s}`? Allowed: {list}"),
                    None if da => format!("tilladt: {list}"),
                    None => format!("allowed: {list}"),
                });
            }
            Finding::EmptyList { .. } | Finding::EmptyText { .. } => pick(
                da,
                "skriv mindst én ting, eller slet nøglen hvis den er valgfri",
                "write at least one thing, or remove the key if it is optional",
            ),
            Finding::DuplicateId { first, .. } => {
                return Some(if da {
                    format!("første gang: {first}; giv den ene et andet id")
                } else {
                    format!("first defined at {first}; give one of them another id")
                });
            }
            Finding::DuplicateLabel { .. } => pick(
                da,
                "giv svarene forskellige tekster, så hjælperen og testene kan skelne dem",
                "give the choices different labels so helpers and tests can tell them apart",
            ),
            Finding::UnknownReference {
                what, suggestion, ..
            } => {
                return Some(match suggestion {
                    Some(s) if da => format!("mente du `{s}`?"),
                    Some(s) => format!("did you mean `{s}`?"),
                    None => what.where_defined(lang).to_string(),
                });
            }
            Finding::RuleOfOtherGuide { .. } => pick(
                da,
                "flyt reglen til guides/rules.toml, så alle guides kan bruge den",
                "move the rule to guides/rules.toml so every guide can use it",
            ),
            Finding::Unreachable { .. } => pick(
                da,
                "lad et svar pege på den med `next`, eller slet den",
                "let a choice point at it with `next`, or remove it",
            ),
            Finding::NoWayOut { .. } => pick(
                da,
                "giv trinnet et svar, der fører videre mod et udfald",
                "give the step a choice that leads on towards an outcome",
            ),
            Finding::DoWithoutConsent { .. } => pick(
                da,
                "indsæt et trin med `consent = true` (borgeren siger ja) før udfaldet",
                "put a step with `consent = true` (the citizen says yes) before the outcome",
            ),
            Finding::RefuseWithoutMustNot { .. } => pick(
                da,
                "tilføj `rules = [\"…\"]` med den må-ikke-regel, der forklarer afslaget",
                "add `rules = [\"…\"]` with the must-not rule that explains the refusal",
            ),
            Finding::ReferWithoutPlace { .. } => pick(
                da,
                "tilføj `refer = \"…\"` med et sted fra places.toml",
                "add `refer = \"…\"` with a place from places.toml",
            ),
            Finding::Stale { .. } => pick(
                da,
                "gennemgå guiden mod kilderne og ret `reviewed` til dagens dato",
                "review the guide against its sources and set `reviewed` to today's date",
            ),
            Finding::NoTests => pick(
                da,
                "tilføj mindst én [[tests]] med answers og expect for hvert udfald",
                "add at least one [[tests]] with answers and expect for each outcome",
            ),
            Finding::NoOutcomeForSite { .. } | Finding::NoChoicesForSite { .. } => pick(
                da,
                "giv svar uden `when`, eller med `unless`, så der altid er en vej videre på steder uden servicen",
                "add a choice without `when` (or with `unless`) so sites without the service always have a way on",
            ),
            Finding::RefersToOwnDesk { .. } => pick(
                da,
                "skjul svaret med `unless` for den service, stedet tilbyder, eller giv stedet servicen i `offers`; indtil da siger vejviser ved udfaldet, at borgeren allerede er det rette sted",
                "hide the choice with `unless` for the service the site offers, or add the service to the site's `offers`; until then vejviser says at the outcome that the citizen is already in the right place",
            ),
            Finding::ServiceNotForRole { service, .. } => {
                return Some(if da {
                    format!(
                        "fjern `{service}` fra `offers`. At tage imod erklæringen om fritagelse fra Digital Post gør kommunen (Borgerservice, og nogle steder biblioteket, hvis kommunen har sagt ja); frivillige og foreninger gør det aldrig, så guiderne henviser borgeren dertil. Indtil da bruger vejviser stedet uden `{service}`"
                    )
                } else {
                    format!(
                        "remove `{service}` from `offers`. Taking the declaration of exemption from Digital Post is done by the municipality (Borgerservice, and in some places the library, if the municipality has agreed); volunteers and associations never do it, so the guides refer the citizen there. Until then vejviser uses the site without `{service}`"
                    )
                });
            }
            Finding::MultiLineInlineTable => pick(
                da,
                "skriv hele { … } på én linje, eller brug [[steps.<id>.choices]]-tabeller",
                "write the whole { … } on one line, or use [[steps.<id>.choices]] tables",
            ),
            Finding::NoGuides => pick(
                da,
                "giv en mappe med guides, fx `vejviser check guides`",
                "give a folder of guides, e.g. `vejviser check guides`",
            ),
            Finding::CprInGuide => pick(
                da,
                "skriv aldrig en borgers CPR-nummer i en guide; skal der stå et eksempel, så skriv DDMMÅÅ-XXXX",
                "never write a citizen's CPR number in a guide; for an example, write DDMMYY-XXXX",
            ),
            Finding::EmailInGuide => pick(
                da,
                "skriv ikke personers e-mailadresser i en guide; et steds kontaktoplysninger hører til i places.toml",
                "do not write people's e-mail addresses in a guide; a place's contact details belong in places.toml",
            ),
            Finding::IdLooksPersonal { .. } => pick(
                da,
                "et id siger, hvad delen handler om, fx `mitid-mistet-telefon`; skriv aldrig et CPR-nummer, telefonnummer, e-mailadresse eller navn, og højst 5 cifre i alt (fx et blanketnummer `02-052`)",
                "an id says what the part is about, e.g. `mitid-lost-phone`; never write a CPR number, phone number, e-mail address or name, and at most 5 digits in all (e.g. a form number `02-052`)",
            ),
            Finding::IdLooksLikeName { .. } => pick(
                da,
                "id'er skrives i sagsloggen: brug aldrig en borgers navn, men hvad sagen handler om; er det ikke en persons navn, kan advarslen ignoreres",
                "ids are written into the case log: never use a citizen's name, but what the case is about; if it is not a person's name, the warning can be ignored",
            ),
            Finding::PhoneInGuide => pick(
                da,
                "flyt nummeret til et sted i places.toml (`phone`) og henvis dertil med `refer`, så det holdes ajour ét sted",
                "move the number to a place in places.toml (`phone`) and point to it with `refer`, so it is kept up to date in one place",
            ),
        };
        Some(text)
    }
}

/// The table a key belongs in, e.g. `[steps.hvem]`; the top level of a file has no name.
fn table_name(table: &str, lang: Lang) -> &str {
    if table.is_empty() {
        lang.pick("filen", "the file")
    } else {
        table
    }
}

fn pick(da: bool, da_text: &str, en_text: &str) -> String {
    String::from(if da { da_text } else { en_text })
}

impl ValueType {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            ValueType::Text => lang.pick("en tekst", "a text"),
            ValueType::TextList => lang.pick("en liste af tekster", "a list of texts"),
            ValueType::TextOrTextList => lang.pick(
                "en tekst eller en liste af tekster",
                "a text or a list of texts",
            ),
            ValueType::Integer => lang.pick("et heltal", "a whole number"),
            ValueType::Boolean => lang.pick("true eller false", "true or false"),
            ValueType::Date => lang.pick("en dato", "a date"),
            ValueType::Table => lang.pick("en tabel", "a table"),
            ValueType::TableList => lang.pick("en liste af tabeller", "a list of tables"),
            ValueType::Decimal => lang.pick("et decimaltal", "a decimal number"),
            ValueType::List => lang.pick("en liste", "a list"),
            ValueType::DateTime => lang.pick("et tidspunkt", "a date and time"),
        }
    }

    fn example(self, lang: Lang) -> String {
        let example = match self {
            ValueType::Text => "\"…\"",
            ValueType::TextList | ValueType::TextOrTextList => "[\"…\", \"…\"]",
            ValueType::Integer => "1",
            ValueType::Boolean => "true",
            ValueType::Date => "2026-11-23",
            ValueType::Table => "[navn]",
            ValueType::TableList => "[{ label = \"…\", next = \"…\" }]",
            ValueType::Decimal => "1.5",
            ValueType::List => "[…]",
            ValueType::DateTime => "2026-11-23",
        };
        format!("{} {example}", lang.pick("skriv fx", "write e.g."))
    }
}

/// A language's name inside a sentence.
fn lang_name(lang: Language, da: bool) -> &'static str {
    lang.name(if da { Lang::Da } else { Lang::En })
}

/// "den engelske tekst": the Danish adjective form.
fn lang_adjective(lang: Language) -> &'static str {
    lang.info().danish_adjective
}

impl What {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            What::Guide => lang.pick("en guide", "a guide"),
            What::Step => lang.pick("et trin", "a step"),
            What::Outcome => lang.pick("et udfald", "an outcome"),
            What::StepOrOutcome => lang.pick("et trin eller udfald", "a step or outcome"),
            What::Rule => lang.pick("en regel", "a rule"),
            What::Place => lang.pick("et sted", "a place"),
            What::Service => lang.pick("en service", "a service"),
            What::Area => lang.pick("et område", "an area"),
            What::Site => lang.pick("et sted", "a site"),
        }
    }

    fn name_capital(self, lang: Lang) -> &'static str {
        match self {
            What::Guide => lang.pick("Guiden", "Guide"),
            What::Step => lang.pick("Trinnet", "Step"),
            What::Outcome => lang.pick("Udfaldet", "Outcome"),
            What::StepOrOutcome => lang.pick("Trinnet eller udfaldet", "Step or outcome"),
            What::Rule => lang.pick("Reglen", "Rule"),
            What::Place => lang.pick("Stedet", "Place"),
            What::Service => lang.pick("Servicen", "Service"),
            What::Area => lang.pick("Området", "Area"),
            What::Site => lang.pick("Stedet", "Site"),
        }
    }

    fn where_defined(self, lang: Lang) -> &'static str {
        match self {
            What::Guide => lang.pick("se listen med `vejviser stats`", "see the list with `vejviser stats`"),
            What::Step | What::Outcome | What::StepOrOutcome => lang.pick(
                "trin og udfald defineres i samme fil som [steps.<id>] og [outcomes.<id>]",
                "steps and outcomes are defined in the same file as [steps.<id>] and [outcomes.<id>]",
            ),
            What::Rule => lang.pick(
                "regler defineres i guides/rules.toml som [rules.<id>]",
                "rules are defined in guides/rules.toml as [rules.<id>]",
            ),
            What::Place => lang.pick(
                "steder defineres i guides/places.toml som [places.<id>]",
                "places are defined in guides/places.toml as [places.<id>]",
            ),
            What::Service => lang.pick(
                "services defineres i guides/services.toml som [services.<id>]",
                "services are defined in guides/services.toml as [services.<id>]",
            ),
            What::Area => lang.pick(
                "områder får en titel i guides/areas.toml som [areas.<id>]",
                "areas get a title in guides/areas.toml as [areas.<id>]",
            ),
            What::Site => lang.pick(
                "se assets/site.example.toml",
                "see assets/site.example.toml",
            ),
        }
    }
}
