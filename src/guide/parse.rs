//! Turns one TOML document into model values, collecting every problem instead of stopping at
//! the first, so an author sees all of a file's mistakes at once, each with its exact place.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Diagnostic;
use super::finding::{Finding, ValueType, What};
pub use super::ids::is_slug;
use super::model::{
    Addressee, Area, Audience, Choice, Condition, Date, FORMAT_VERSION, GuideParts, Outcome,
    OutcomeKind, Place, Rule, RuleKind, Scenario, Service, Step, Text,
};
use super::source::{ContentHash, FileId, Sp, Span};
use super::suggest::closest;

mod translation;

/// What a file holds, decided by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Guide,
    Rules,
    Places,
    Services,
    Areas,
    /// A site file (`site.toml`), read on its own, never from a guides folder.
    Site,
    /// A translation, `<file>.<lang>.toml` (ids never hold a dot, so the dot tells).
    Translation,
}

impl FileKind {
    pub fn of_file_name(name: &str) -> Self {
        match name {
            "rules.toml" => FileKind::Rules,
            "places.toml" => FileKind::Places,
            "services.toml" => FileKind::Services,
            "areas.toml" => FileKind::Areas,
            _ if name
                .strip_suffix(".toml")
                .is_some_and(|base| base.contains('.')) =>
            {
                FileKind::Translation
            }
            _ => FileKind::Guide,
        }
    }
}

/// The model values read from one file.
#[derive(Debug)]
pub enum Parsed {
    /// A guide and the rules defined inside its file.
    Guide(Box<GuideParts>, Vec<Rule>),
    Rules(Vec<Rule>),
    Places(Vec<Place>),
    Services(Vec<Service>),
    Areas(Vec<Area>),
    Site(Box<SiteParts>),
    Translation(Box<super::translation::Translation>),
}

/// What a site file says: who the site is, what it offers, and its own places.
#[derive(Debug)]
pub struct SiteParts {
    pub id: Option<Text>,
    pub name: Option<Text>,
    pub role: Option<Sp<Audience>>,
    pub offers: Vec<Text>,
    pub places: Vec<Place>,
    /// The desk's own contact details, for the citizen's handout.
    pub address: Option<Text>,
    pub phone: Option<Text>,
    pub hours: Option<Text>,
    pub web: Option<Text>,
}

/// Identity of a guide, taken from its path rather than its content.
pub struct GuideIdentity {
    pub id: String,
    pub area: String,
    pub hash: ContentHash,
}

/// Parse one file. Returns `None` when nothing usable could be read (syntax error, unknown format).
pub fn parse(
    kind: FileKind,
    file: FileId,
    text: &str,
    identity: GuideIdentity,
    diags: &mut Vec<Diagnostic>,
) -> Option<Parsed> {
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(err) => {
            let range = err.span().unwrap_or(0..0);
            diags.push(Diagnostic::error(
                Finding::TomlSyntax {
                    detail: err.message().to_string(),
                },
                Span::new(file, range),
            ));
            return None;
        }
    };
    let mut r = Reader { file, text, diags };
    let root = Table {
        map: root.get_ref(),
        span: 0..0,
        // The top level has no name; messages say "the file" in the reader's language.
        name: Name::File,
    };
    if !r.format(&root) {
        return None;
    }
    Some(match kind {
        FileKind::Guide => {
            r.keys(
                &root,
                &["format", "guide", "steps", "outcomes", "rules", "tests"],
            );
            let rules = r.rules(&root, Some(&identity.id));
            let guide = r.guide(&root, identity)?;
            Parsed::Guide(Box::new(guide), rules)
        }
        FileKind::Rules => {
            r.keys(&root, &["format", "rules"]);
            Parsed::Rules(r.rules(&root, None))
        }
        FileKind::Places => {
            r.keys(&root, &["format", "places"]);
            Parsed::Places(r.places(&root))
        }
        FileKind::Services => {
            r.keys(&root, &["format", "services"]);
            Parsed::Services(r.services(&root))
        }
        FileKind::Areas => {
            r.keys(&root, &["format", "areas"]);
            Parsed::Areas(r.areas(&root))
        }
        FileKind::Site => {
            r.keys(&root, &["format", "site", "places"]);
            Parsed::Site(Box::new(r.site(&root)))
        }
        FileKind::Translation => Parsed::Translation(Box::new(r.translation(&root, &identity.id)?)),
    })
}

/// A table with the place it was defined and a name to use in messages (`[steps.hvem]`).
struct Table<'t, 'i, 'n> {
    map: &'t DeTable<'i>,
    span: Range<usize>,
    name: Name<'n>,
}

/// The parts of a table's name. Only a diagnostic needs the name as text, so it is put together
/// then rather than for every table read.
#[derive(Clone, Copy)]
enum Name<'n> {
    /// The top level: the empty name.
    File,
    /// `[key]`
    Table(&'n str),
    /// `[key.id]`
    Named(&'n str, &'n str),
    /// Entry `index` (from 0) of an array of tables under `parent`.
    Entry {
        parent: &'n Name<'n>,
        key: &'n str,
        index: usize,
    },
}

impl std::fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Name::File => Ok(()),
            Name::Table(key) => write!(f, "[{key}]"),
            Name::Named(key, id) => write!(f, "[{key}.{id}]"),
            Name::Entry {
                parent: Name::File,
                key,
                index,
            } => write!(f, "[[{key}]] #{}", index + 1),
            Name::Entry { parent, key, index } => write!(f, "{parent}.{key} #{}", index + 1),
        }
    }
}

struct Reader<'d> {
    file: FileId,
    text: &'d str,
    diags: &'d mut Vec<Diagnostic>,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Reader<'_> {
    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    fn error(&mut self, finding: Finding, range: Range<usize>) {
        let span = self.span(range);
        self.diags.push(Diagnostic::error(finding, span));
    }

    /// Checks `format = 1`. False when the file is written in a format this version cannot read.
    fn format(&mut self, root: &Table) -> bool {
        let Some(value) = root.map.get("format") else {
            self.error(Finding::MissingFormat, 0..0);
            return true;
        };
        let found = match value.get_ref() {
            DeValue::Integer(i) => {
                let n = i64::from_str_radix(i.as_str(), i.radix()).ok();
                // The TOML reader checks integers only when they are used: `0x`, `1_0٠` or
                // one too large for 64 bits is a syntax error, not "a number instead of a number".
                if n.is_none() {
                    let written = self.text.get(value.span()).unwrap_or_default();
                    self.error(
                        Finding::TomlSyntax {
                            detail: format!("invalid integer `{}`", written.trim()),
                        },
                        value.span(),
                    );
                    return true;
                }
                n
            }
            _ => None,
        };
        match found {
            Some(FORMAT_VERSION) => true,
            Some(n) => {
                self.error(Finding::UnsupportedFormat { found: n }, value.span());
                false
            }
            None => {
                self.wrong_type("format", ValueType::Integer, value);
                true
            }
        }
    }

    fn keys(&mut self, table: &Table, allowed: &[&str]) {
        // Nearly every table has only known keys: then there is nothing to sort or report.
        if table
            .map
            .keys()
            .all(|key| allowed.contains(&key.get_ref().as_ref()))
        {
            return;
        }
        // In file order, so an author reads the findings top to bottom.
        let mut keys: Vec<_> = table.map.keys().collect();
        keys.sort_by_key(|key| key.span().start);
        for key in keys {
            let name: &str = key.get_ref();
            if !allowed.contains(&name) {
                self.error(
                    Finding::UnknownKey {
                        key: name.to_string(),
                        table: table.name.to_string(),
                        suggestion: closest(name, allowed.iter().copied()),
                    },
                    key.span(),
                );
            }
        }
    }

    fn wrong_type(&mut self, key: &str, expected: ValueType, value: &Value) {
        self.error(
            Finding::WrongType {
                key: key.to_string(),
                expected,
                found: type_of(value.get_ref()),
            },
            value.span(),
        );
    }

    fn missing(&mut self, table: &Table, key: &str) {
        self.error(
            Finding::MissingKey {
                key: key.to_string(),
                table: table.name.to_string(),
            },
            table.span.clone(),
        );
    }

    fn text(&mut self, table: &Table, key: &str) -> Option<Text> {
        let value = table.map.get(key)?;
        self.text_value(key, value)
    }

    fn text_value(&mut self, key: &str, value: &Value) -> Option<Text> {
        match value.get_ref() {
            DeValue::String(s) => {
                let text = Sp::new(s.to_string(), self.span(value.span()));
                // A text that starts with a visible ASCII character is not blank: no need to trim.
                let visible = text.as_bytes().first().is_some_and(u8::is_ascii_graphic);
                if !visible && text.trim().is_empty() {
                    self.error(
                        Finding::EmptyText {
                            key: key.to_string(),
                        },
                        value.span(),
                    );
                }
                Some(text)
            }
            _ => {
                self.wrong_type(key, ValueType::Text, value);
                None
            }
        }
    }

    /// A required text. When it is missing or of the wrong type the error is reported and an
    /// empty text stands in, so the rest of the file is still checked (all errors at once).
    fn required_text(&mut self, table: &Table, key: &str) -> Text {
        let text = match table.map.get(key) {
            Some(value) => self.text_value(key, value),
            None => {
                self.missing(table, key);
                None
            }
        };
        text.unwrap_or_else(|| Sp::new(String::new(), self.span(table.span.clone())))
    }

    fn text_list(&mut self, table: &Table, key: &str) -> Vec<Text> {
        let Some(value) = table.map.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, ValueType::TextList, value);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Sp::new(s.to_string(), self.span(item.span()))),
                _ => self.wrong_type(key, ValueType::Text, item),
            }
        }
        out
    }

    /// One text or a list of texts (`refer = "a"` or `refer = ["a", "b"]`), as a list. A list
    /// that is there but empty is an error: the author meant to name something.
    fn text_or_list(&mut self, table: &Table, key: &str) -> Vec<Text> {
        let Some(value) = table.map.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::String(_) => self.text_value(key, value).into_iter().collect(),
            DeValue::Array(items) => {
                if items.is_empty() {
                    self.error(
                        Finding::EmptyList {
                            key: key.to_string(),
                        },
                        value.span(),
                    );
                }
                self.text_list(table, key)
            }
            _ => {
                self.wrong_type(key, ValueType::TextOrTextList, value);
                Vec::new()
            }
        }
    }

    fn boolean(&mut self, table: &Table, key: &str) -> bool {
        let Some(value) = table.map.get(key) else {
            return false;
        };
        match value.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => {
                self.wrong_type(key, ValueType::Boolean, value);
                false
            }
        }
    }

    fn date(&mut self, table: &Table, key: &str) -> Option<Sp<Date>> {
        let value = table.map.get(key)?;
        let date = match value.get_ref() {
            // TOML has read a local date; its text goes through the program's one date parser.
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                dt.date.and_then(|d| Date::parse(&d.to_string()).ok())
            }
            _ => None,
        };
        if date.is_none() {
            self.wrong_type(key, ValueType::Date, value);
        }
        Some(Sp::new(date?, self.span(value.span())))
    }

    /// A value that must be one of a fixed set of words.
    fn choice_of<T>(
        &mut self,
        table: &Table,
        key: &str,
        allowed: &[&'static str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<Sp<T>> {
        let text = self.text(table, key)?;
        match parse(&text) {
            Some(v) => Some(Sp::new(v, text.span)),
            None => {
                self.diags.push(Diagnostic::error(
                    Finding::BadValue {
                        key: key.to_string(),
                        value: text.value.clone(),
                        allowed: allowed.to_vec(),
                        suggestion: closest(&text, allowed.iter().copied()),
                    },
                    text.span,
                ));
                None
            }
        }
    }

    fn table<'t, 'i, 'n>(
        &mut self,
        parent: &Table<'t, 'i, '_>,
        key: &'n str,
    ) -> Option<Table<'t, 'i, 'n>> {
        let value = parent.map.get_key_value(key)?;
        match value.1.get_ref() {
            DeValue::Table(map) => Some(Table {
                map,
                span: value.0.span(),
                name: Name::Table(key),
            }),
            _ => {
                self.wrong_type(key, ValueType::Table, value.1);
                None
            }
        }
    }

    /// The named sub-tables of `[<key>.<id>]` sections, with each id checked to be a slug.
    fn named_tables<'t, 'i, 'n>(
        &mut self,
        parent: &Table<'t, 'i, '_>,
        key: &'n str,
        what: What,
    ) -> Vec<(Text, Table<'t, 'i, 'n>)>
    where
        't: 'n,
    {
        let Some(group) = self.table(parent, key) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(group.map.len());
        for (id, value) in group.map.iter() {
            let id_text = Sp::new(id.get_ref().to_string(), self.span(id.span()));
            let DeValue::Table(map) = value.get_ref() else {
                self.wrong_type(&format!("{key}.{}", id.get_ref()), ValueType::Table, value);
                continue;
            };
            self.slug(&id_text, what);
            out.push((
                id_text,
                Table {
                    map,
                    span: id.span(),
                    name: Name::Named(key, id.get_ref()),
                },
            ));
        }
        // The TOML map is ordered by key; the model keeps the order the author wrote.
        out.sort_by_key(|(id, _)| id.span.start);
        out
    }

    /// The entries of an array of tables (`[[tests]]` or `[ {…}, {…} ]`).
    fn table_list<'t, 'i, 'n>(
        &mut self,
        parent: &'n Table<'t, 'i, 'n>,
        key: &'n str,
    ) -> Vec<Table<'t, 'i, 'n>> {
        let Some(value) = parent.map.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, ValueType::TableList, value);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(map) => {
                    self.one_line_inline_table(item.span());
                    out.push(Table {
                        map,
                        span: item.span(),
                        name: Name::Entry {
                            parent: &parent.name,
                            key,
                            index: n,
                        },
                    })
                }
                _ => self.wrong_type(key, ValueType::Table, item),
            }
        }
        out
    }

    /// TOML 1.0 (which every editor and tool reads) allows an inline table `{ … }` on one line
    /// only; the parser also accepts TOML 1.1's multi-line form, so say so here.
    fn one_line_inline_table(&mut self, range: Range<usize>) {
        let written = self.text.get(range.clone()).unwrap_or_default();
        if written.starts_with('{') && written.contains('\n') {
            let span = self.span(range);
            self.diags
                .push(Diagnostic::warning(Finding::MultiLineInlineTable, span));
        }
    }

    /// Ids are written into the case log: a slug, and nothing that looks like personal data.
    fn slug(&mut self, id: &Text, what: What) {
        if let Some(finding) = super::ids::id_finding(id, what) {
            self.diags.push(Diagnostic::error(finding, id.span.clone()));
        }
    }

    fn condition(&mut self, table: &Table) -> Condition {
        Condition {
            when: self.text(table, "when"),
            unless: self.text(table, "unless"),
        }
    }

    fn guide(&mut self, root: &Table, identity: GuideIdentity) -> Option<GuideParts> {
        let Some(meta) = self.table(root, "guide") else {
            if !root.map.contains_key("guide") {
                self.missing(root, "[guide]");
            }
            return None;
        };
        self.keys(
            &meta,
            &[
                "title", "summary", "tags", "synonyms", "audience", "start", "rules", "reviewed",
                "sources",
            ],
        );
        let title = self.required_text(&meta, "title");
        let summary = self.required_text(&meta, "summary");
        let start = self.required_text(&meta, "start");
        if !meta.map.contains_key("reviewed") {
            self.missing(&meta, "reviewed");
        }
        let reviewed = self.date(&meta, "reviewed");
        if !meta.map.contains_key("sources") {
            self.missing(&meta, "sources");
        }
        let sources = self.text_list(&meta, "sources");
        if let (Some(value), true) = (meta.map.get("sources"), sources.is_empty()) {
            self.error(
                Finding::EmptyList {
                    key: String::from("sources"),
                },
                value.span(),
            );
        }
        let audience = self.audiences(&meta, "audience");
        let parts = GuideParts {
            tags: self.text_list(&meta, "tags"),
            synonyms: self.text_list(&meta, "synonyms"),
            rules: self.text_list(&meta, "rules"),
            audience,
            reviewed,
            sources,
            steps: self.steps(root),
            outcomes: self.outcomes(root),
            tests: self.tests(root),
            id: identity.id,
            area: identity.area,
            hash: identity.hash,
            file: self.file,
            title,
            summary,
            start,
        };
        Some(parts)
    }

    fn steps(&mut self, root: &Table) -> Vec<Step> {
        let tables = self.named_tables(root, "steps", What::Step);
        // Sized up front: a step is large, and growing the vector would copy them all.
        let mut steps = Vec::with_capacity(tables.len());
        for (id, t) in tables {
            self.keys(
                &t,
                &[
                    "ask", "help", "consent", "rules", "when", "unless", "choices", "see",
                ],
            );
            let ask = self.required_text(&t, "ask");
            let help = self.text(&t, "help");
            let consent = self.boolean(&t, "consent");
            let rules = self.text_list(&t, "rules");
            let condition = self.condition(&t);
            let see = self.text_list(&t, "see");
            if !t.map.contains_key("choices") {
                self.missing(&t, "choices");
            }
            let choices = self.choices(&t);
            if let Some(value) = t.map.get("choices")
                && matches!(value.get_ref(), DeValue::Array(a) if a.is_empty())
            {
                self.error(
                    Finding::EmptyList {
                        key: String::from("choices"),
                    },
                    value.span(),
                );
            }
            steps.push(Step {
                id,
                ask,
                help,
                consent,
                rules,
                condition,
                choices,
                see,
            });
        }
        steps
    }

    fn choices(&mut self, step: &Table) -> Vec<Choice> {
        let tables = self.table_list(step, "choices");
        let mut choices = Vec::with_capacity(tables.len());
        for t in tables {
            self.keys(&t, &["label", "next", "rules", "when", "unless"]);
            let label = self.required_text(&t, "label");
            let next = self.required_text(&t, "next");
            let rules = self.text_list(&t, "rules");
            let condition = self.condition(&t);
            choices.push(Choice {
                label,
                next,
                rules,
                condition,
            });
        }
        choices
    }

    fn outcomes(&mut self, root: &Table) -> Vec<Outcome> {
        let tables = self.named_tables(root, "outcomes", What::Outcome);
        let mut outcomes = Vec::with_capacity(tables.len());
        for (id, t) in tables {
            self.keys(
                &t,
                &[
                    "kind", "title", "helper", "steps", "refer", "rules", "when", "unless", "see",
                    "for",
                ],
            );
            if !t.map.contains_key("kind") {
                self.missing(&t, "kind");
            }
            // An unreadable kind counts as `guide`, which triggers no policy lint of its own.
            let kind = self
                .choice_of(&t, "kind", &OutcomeKind::NAMES, OutcomeKind::parse)
                .unwrap_or_else(|| Sp::new(OutcomeKind::Guide, self.span(t.span.clone())));
            let title = self.required_text(&t, "title");
            let helper = self.required_text(&t, "helper");
            let steps = self.text_list(&t, "steps");
            let refer = self.text_or_list(&t, "refer");
            let rules = self.text_list(&t, "rules");
            let condition = self.condition(&t);
            let see = self.text_list(&t, "see");
            let addressee = self
                .choice_of(&t, "for", &Addressee::NAMES, Addressee::parse)
                .map(|a| a.value)
                .unwrap_or_default();
            outcomes.push(Outcome {
                id,
                kind,
                title,
                helper,
                steps,
                refer,
                rules,
                condition,
                see,
                addressee,
            });
        }
        outcomes
    }

    fn tests(&mut self, root: &Table) -> Vec<Scenario> {
        let tables = self.table_list(root, "tests");
        let mut tests = Vec::with_capacity(tables.len());
        for t in tables {
            self.keys(&t, &["name", "answers", "expect", "offers"]);
            let name = self.required_text(&t, "name");
            if !t.map.contains_key("answers") {
                self.missing(&t, "answers");
            }
            let answers = self.text_list(&t, "answers");
            let expect = self.required_text(&t, "expect");
            let offers = self.text_list(&t, "offers");
            tests.push(Scenario {
                name,
                answers,
                expect,
                offers,
                span: self.span(t.span.clone()),
            });
        }
        tests
    }

    fn rules(&mut self, root: &Table, owner: Option<&str>) -> Vec<Rule> {
        let mut rules = Vec::new();
        for (id, t) in self.named_tables(root, "rules", What::Rule) {
            self.keys(&t, &["kind", "text", "why", "source"]);
            if !t.map.contains_key("kind") {
                self.missing(&t, "kind");
            }
            let kind = self.choice_of(&t, "kind", &RuleKind::NAMES, RuleKind::parse);
            let text = self.required_text(&t, "text");
            let why = self.required_text(&t, "why");
            let source = self.required_text(&t, "source");
            if let Some(kind) = kind {
                rules.push(Rule {
                    id,
                    kind,
                    text,
                    why,
                    source,
                    owner: owner.map(str::to_string),
                });
            }
        }
        rules
    }

    /// A list of kinds of desk (`borgerservice`, `bibliotek`, `frivillig`, `ngo`).
    fn audiences(&mut self, table: &Table, key: &str) -> Vec<Sp<Audience>> {
        self.text_list(table, key)
            .into_iter()
            .filter_map(|a| match Audience::parse(&a) {
                Some(v) => Some(Sp::new(v, a.span)),
                None => {
                    self.diags.push(Diagnostic::error(
                        Finding::BadValue {
                            key: key.to_string(),
                            value: a.value.clone(),
                            allowed: Audience::NAMES.to_vec(),
                            suggestion: closest(&a, Audience::NAMES),
                        },
                        a.span,
                    ));
                    None
                }
            })
            .collect()
    }

    fn places(&mut self, root: &Table) -> Vec<Place> {
        let mut places = Vec::new();
        for (id, t) in self.named_tables(root, "places", What::Place) {
            self.keys(
                &t,
                &["name", "phone", "web", "hours", "note", "checked", "desk"],
            );
            places.push(Place {
                id,
                name: self.required_text(&t, "name"),
                phone: self.text(&t, "phone"),
                web: self.text(&t, "web"),
                hours: self.text(&t, "hours"),
                note: self.text(&t, "note"),
                checked: self.date(&t, "checked"),
                desk: self.audiences(&t, "desk"),
            });
        }
        places
    }

    fn site(&mut self, root: &Table) -> SiteParts {
        let places = self.places(root);
        let Some(t) = self.table(root, "site") else {
            if !root.map.contains_key("site") {
                self.missing(root, "[site]");
            }
            return SiteParts {
                id: None,
                name: None,
                role: None,
                offers: Vec::new(),
                places,
                address: None,
                phone: None,
                hours: None,
                web: None,
            };
        };
        self.keys(
            &t,
            &[
                "id", "name", "role", "offers", "address", "phone", "hours", "web",
            ],
        );
        let id = Some(self.required_text(&t, "id"));
        // A missing id is said once (`missing-key`), not also as an empty, invalid one.
        if let Some(id) = id.as_ref().filter(|_| t.map.contains_key("id")) {
            self.slug(id, What::Site);
        }
        SiteParts {
            id,
            name: Some(self.required_text(&t, "name")),
            role: self.choice_of(&t, "role", &Audience::NAMES, Audience::parse),
            offers: self.text_list(&t, "offers"),
            places,
            address: self.text(&t, "address"),
            phone: self.text(&t, "phone"),
            hours: self.text(&t, "hours"),
            web: self.text(&t, "web"),
        }
    }

    fn areas(&mut self, root: &Table) -> Vec<Area> {
        let mut areas = Vec::new();
        for (id, t) in self.named_tables(root, "areas", What::Area) {
            self.keys(&t, &["title"]);
            let title = self.required_text(&t, "title");
            areas.push(Area { id, title });
        }
        areas
    }

    fn services(&mut self, root: &Table) -> Vec<Service> {
        let mut services = Vec::new();
        for (id, t) in self.named_tables(root, "services", What::Service) {
            self.keys(&t, &["text"]);
            let text = self.required_text(&t, "text");
            services.push(Service { id, text });
        }
        services
    }
}

fn type_of(value: &DeValue) -> ValueType {
    match value {
        DeValue::String(_) => ValueType::Text,
        DeValue::Integer(_) => ValueType::Integer,
        DeValue::Float(_) => ValueType::Decimal,
        DeValue::Boolean(_) => ValueType::Boolean,
        DeValue::Datetime(dt) if dt.time.is_none() => ValueType::Date,
        DeValue::Datetime(_) => ValueType::DateTime,
        DeValue::Array(_) => ValueType::List,
        DeValue::Table(_) => ValueType::Table,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("mitid-paaroerende"));
        assert!(is_slug("trin2"));
        let too_long = "a".repeat(65);
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "Mitid",
            "pårørende",
            "a_b",
            "a b",
            "blanket-12345",
            &too_long,
        ] {
            assert!(!is_slug(bad), "{bad} should not be a slug");
        }
    }
}
