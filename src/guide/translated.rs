//! The data of a translation file, beside the model it translates: which Danish file it
//! belongs to, its parts and their texts. What is done with it (hashing the Danish, staleness,
//! applying it to a library) is in `translation`.

use super::source::{FileId, Span, Text};
use crate::lang::Language;

/// One translation file.
#[derive(Clone, Debug)]
pub struct Translation {
    pub file: FileId,
    pub lang: Language,
    pub target: Target,
    pub units: Vec<Unit>,
    /// Who read the translation against the Danish (`reviewed_by`); empty or missing: nobody
    /// has, it is a draft (a handout then says so).
    pub reviewed_by: Option<Text>,
}

/// Whether a fluent reader has read a translation against the Danish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Review<'a> {
    /// `reviewed_by = "name"`.
    By(&'a str),
    /// `reviewed_by = ""`, or no `reviewed_by` in a handout language: a draft.
    Draft,
    /// No `reviewed_by` in a file of a language the program speaks (the English files
    /// predate the field): not recorded either way.
    NotRecorded,
}

impl Translation {
    pub fn review(&self) -> Review<'_> {
        match (self.reviewer(), &self.reviewed_by) {
            (Some(name), _) => Review::By(name),
            (None, Some(_)) => Review::Draft,
            (None, None) if self.lang.handout_only() => Review::Draft,
            (None, None) => Review::NotRecorded,
        }
    }

    /// The reviewer's name when a fluent reader has reviewed it.
    pub fn reviewer(&self) -> Option<&str> {
        self.reviewed_by
            .as_ref()
            .map(|t| t.value.trim())
            .filter(|name| !name.is_empty())
    }
}

/// The Danish file a translation belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A guide, by id.
    Guide(String),
    /// One of the shared files: `rules.toml`, `places.toml`, `services.toml`, `areas.toml`.
    Shared(Section),
}

impl Target {
    /// The Danish file name this target translates, e.g. `mitid-glemt.toml`.
    pub fn danish_file_name(&self) -> String {
        match self {
            Target::Guide(id) => format!("{id}.toml"),
            Target::Shared(section) => format!("{}.toml", section.key()),
        }
    }

    /// Its translation's file name, e.g. `mitid-glemt.en.toml`.
    pub fn translation_file_name(&self, lang: Language) -> String {
        match self {
            Target::Guide(id) => format!("{id}.{lang}.toml"),
            Target::Shared(section) => format!("{}.{lang}.toml", section.key()),
        }
    }

    /// The sections a translation of this target into `lang` may hold.
    pub fn sections_for(&self, lang: Language) -> &'static [Section] {
        if !lang.handout_only() {
            return self.sections();
        }
        match self {
            Target::Guide(_) => &[Section::Guide, Section::Outcomes],
            Target::Shared(Section::Places) => &[Section::Places],
            Target::Shared(_) => &[],
        }
    }

    /// The sections a translation of this target may hold.
    pub fn sections(&self) -> &'static [Section] {
        match self {
            Target::Guide(_) => &[
                Section::Guide,
                Section::Steps,
                Section::Outcomes,
                Section::Rules,
            ],
            Target::Shared(Section::Rules) => &[Section::Rules],
            Target::Shared(Section::Places) => &[Section::Places],
            Target::Shared(Section::Services) => &[Section::Services],
            Target::Shared(Section::Areas) => &[Section::Areas],
            Target::Shared(_) => &[],
        }
    }
}

/// A kind of translated part, named by its TOML section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Guide,
    Steps,
    Outcomes,
    Rules,
    Places,
    Services,
    Areas,
}

impl Section {
    /// The sections that have a shared file of their own (`rules.toml` …).
    pub const SHARED: [Section; 4] = [
        Section::Rules,
        Section::Places,
        Section::Services,
        Section::Areas,
    ];

    /// The section's key in a file: `[guide]`, `[steps.<id>]` …
    pub fn key(self) -> &'static str {
        match self {
            Section::Guide => "guide",
            Section::Steps => "steps",
            Section::Outcomes => "outcomes",
            Section::Rules => "rules",
            Section::Places => "places",
            Section::Services => "services",
            Section::Areas => "areas",
        }
    }

    /// The shared file a name like `rules` stands for.
    pub fn of_shared_file(base: &str) -> Option<Self> {
        Some(match base {
            "rules" => Section::Rules,
            "places" => Section::Places,
            "services" => Section::Services,
            "areas" => Section::Areas,
            _ => return None,
        })
    }

    /// The fields that can be translated, in the order they are hashed and written. Ids, kinds,
    /// phone numbers, web addresses and sources are the same in every language, so they are not
    /// here.
    pub fn fields(self) -> &'static [Field] {
        const fn one(name: &'static str) -> Field {
            Field { name, list: false }
        }
        const fn list(name: &'static str) -> Field {
            Field { name, list: true }
        }
        const GUIDE: &[Field] = &[one("title"), one("summary")];
        const STEPS: &[Field] = &[one("ask"), one("help"), list("choices")];
        const OUTCOMES: &[Field] = &[one("title"), one("helper"), list("steps")];
        const RULES: &[Field] = &[one("text"), one("why")];
        const PLACES: &[Field] = &[one("name"), one("hours"), one("note")];
        const SERVICES: &[Field] = &[one("text")];
        const AREAS: &[Field] = &[one("title")];
        match self {
            Section::Guide => GUIDE,
            Section::Steps => STEPS,
            Section::Outcomes => OUTCOMES,
            Section::Rules => RULES,
            Section::Places => PLACES,
            Section::Services => SERVICES,
            Section::Areas => AREAS,
        }
    }

    /// The fields a translation into `lang` has: for a handout language only what the citizen
    /// reads (the guide's and the outcome's title, the citizen's steps, a place's name, hours
    /// and note).
    pub fn fields_for(self, lang: Language) -> &'static [Field] {
        if !lang.handout_only() {
            return self.fields();
        }
        const GUIDE: &[Field] = &[Field {
            name: "title",
            list: false,
        }];
        const OUTCOMES: &[Field] = &[
            Field {
                name: "title",
                list: false,
            },
            Field {
                name: "steps",
                list: true,
            },
        ];
        match self {
            Section::Guide => GUIDE,
            Section::Outcomes => OUTCOMES,
            Section::Places => self.fields(),
            _ => &[],
        }
    }

    /// Whether a part of this section has an id (`[steps.<id>]`) or not (`[guide]`).
    pub fn has_ids(self) -> bool {
        self != Section::Guide
    }
}

/// A translatable field of a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    /// A list of texts (`choices`, the citizen's `steps`) rather than one text.
    pub list: bool,
}

/// Which part of a file: a section and, except for `[guide]`, an id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartKey {
    pub section: Section,
    pub id: String,
}

impl PartKey {
    /// As written in a file: `[guide]`, `[steps.hvem]`.
    pub fn header(&self) -> String {
        if self.section.has_ids() {
            format!("[{}.{}]", self.section.key(), self.id)
        } else {
            format!("[{}]", self.section.key())
        }
    }
}

/// One translated part: `[steps.hvem]` with its `source` hash and its texts.
#[derive(Clone, Debug)]
pub struct Unit {
    pub key: PartKey,
    /// Where the part's header is, for findings about the whole part.
    pub span: Span,
    pub source: Option<Text>,
    /// Translated fields, by name. An empty text means "not translated yet".
    pub fields: Vec<(&'static str, Vec<Text>)>,
}

impl Unit {
    pub fn field(&self, name: &str) -> Option<&[Text]> {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_slice())
    }
}
