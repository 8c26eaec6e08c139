//! The JSON Schemas in `assets/` that an editor with TOML schema support (Taplo, e.g. the VS Code
//! extension Even Better TOML) uses to complete keys and flag mistakes while an author types.
//! `vejviser check` stays the authority; these tests keep the schemas honest against it:
//!
//! - every shipped guide and shared file is valid against the schema its file name calls for;
//! - broken guides are rejected by the schema and by the loader alike;
//! - the keys, required keys and allowed values in the schemas are exactly the loader's (read
//!   from `src/guide/parse.rs` and the model), so a key added to the loader without the schema,
//!   or to the schema without the loader, fails here;
//! - a fixture that uses every key (`tests/fixtures/schema/all-keys/`) is valid and passes
//!   `vejviser check` and `vejviser test` with nothing to report;
//! - `.taplo.toml` gives each file the schema its name calls for;
//! - the gaps only `check` can see stay written down (and stay gaps);
//! - translations (`<file>.en.toml`): the sections and fields of their schemas are the loader's
//!   (`Target::sections`, `Section::fields`), every key the schemas declare is read by the loader
//!   and every wrong value rejected by both, and the files `vejviser translate` writes are valid
//!   (shipped translations as well as fresh ones, also of the all-keys fixture).
//!
//! TOML becomes JSON the way Taplo hands a document to its validator: tables are objects, arrays
//! of tables are arrays of objects, and a TOML date is the string `"YYYY-MM-DD"`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use boon::{Compiler, Draft, SchemaIndex, Schemas};
use serde_json::Value as Json;
use vejviser::date::Date;
use vejviser::guide::model::{Addressee, Audience, FORMAT_VERSION, OutcomeKind, RuleKind};
use vejviser::guide::parse::{FileKind, is_slug};
use vejviser::guide::translation::{Section, Target};
use vejviser::guide::{InputFile, Loaded, check, load_files};
use vejviser::lang::Lang;
use vejviser::present::Show as _;

const SLUG: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures/schema")
}

// ------------------------------------------------------------------------------ the file kinds

/// What a file holds, decided by its name exactly as the loader decides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Guide,
    Rules,
    Places,
    Services,
    Areas,
    /// `<guide>.en.toml`
    GuideTranslation,
    /// `rules.en.toml`
    RulesTranslation,
    /// `places.en.toml`
    PlacesTranslation,
    /// `services.en.toml`
    ServicesTranslation,
    /// `areas.en.toml`
    AreasTranslation,
}

impl Kind {
    /// The Danish files, the originals.
    const DANISH: [Kind; 5] = [
        Kind::Guide,
        Kind::Rules,
        Kind::Places,
        Kind::Services,
        Kind::Areas,
    ];

    /// The translations, `<file>.<lang>.toml` beside the Danish file.
    const TRANSLATIONS: [Kind; 5] = [
        Kind::GuideTranslation,
        Kind::RulesTranslation,
        Kind::PlacesTranslation,
        Kind::ServicesTranslation,
        Kind::AreasTranslation,
    ];

    fn all() -> impl Iterator<Item = Kind> {
        Kind::DANISH.into_iter().chain(Kind::TRANSLATIONS)
    }

    fn of(file_name: &str) -> Kind {
        let kind = match file_name {
            "rules.toml" => Kind::Rules,
            "places.toml" => Kind::Places,
            "services.toml" => Kind::Services,
            "areas.toml" => Kind::Areas,
            _ => match translation_name(file_name) {
                Some(("rules", _)) => Kind::RulesTranslation,
                Some(("places", _)) => Kind::PlacesTranslation,
                Some(("services", _)) => Kind::ServicesTranslation,
                Some(("areas", _)) => Kind::AreasTranslation,
                Some(_) => Kind::GuideTranslation,
                None => Kind::Guide,
            },
        };
        assert_eq!(
            FileKind::of_file_name(file_name),
            kind.loader_kind(),
            "the loader reads {file_name} as another kind of file than the schema tests assume"
        );
        // What a translation translates, as the reader decides it.
        if let Some((of, _)) = translation_name(file_name) {
            let target = match Section::of_shared_file(of) {
                Some(section) => Target::Shared(section),
                None => Target::Guide(of.to_string()),
            };
            assert_eq!(
                kind.target().map(|t| t.sections()),
                Some(target.sections()),
                "the loader reads {file_name} as a translation of another kind of file than the \
                 schema tests assume"
            );
        }
        kind
    }

    fn loader_kind(self) -> FileKind {
        match self {
            Kind::Guide => FileKind::Guide,
            Kind::Rules => FileKind::Rules,
            Kind::Places => FileKind::Places,
            Kind::Services => FileKind::Services,
            Kind::Areas => FileKind::Areas,
            Kind::GuideTranslation
            | Kind::RulesTranslation
            | Kind::PlacesTranslation
            | Kind::ServicesTranslation
            | Kind::AreasTranslation => FileKind::Translation,
        }
    }

    /// What a translation translates (the guide's id does not matter here); `None` for the
    /// Danish files.
    fn target(self) -> Option<Target> {
        Some(match self {
            Kind::GuideTranslation => Target::Guide(String::from("en-guide")),
            Kind::RulesTranslation => Target::Shared(Section::Rules),
            Kind::PlacesTranslation => Target::Shared(Section::Places),
            Kind::ServicesTranslation => Target::Shared(Section::Services),
            Kind::AreasTranslation => Target::Shared(Section::Areas),
            _ => return None,
        })
    }

    /// The schema, relative to the repository root.
    fn schema_path(self) -> &'static str {
        match self {
            Kind::Guide => "assets/guide.schema.json",
            Kind::Rules => "assets/rules.schema.json",
            Kind::Places => "assets/places.schema.json",
            Kind::Services => "assets/services.schema.json",
            Kind::Areas => "assets/areas.schema.json",
            Kind::GuideTranslation => "assets/translation-guide.schema.json",
            Kind::RulesTranslation => "assets/translation-rules.schema.json",
            Kind::PlacesTranslation => "assets/translation-places.schema.json",
            Kind::ServicesTranslation => "assets/translation-services.schema.json",
            Kind::AreasTranslation => "assets/translation-areas.schema.json",
        }
    }

    /// The schema as JSON, for the structural checks.
    fn schema(self) -> Json {
        let path = repo().join(self.schema_path());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// `("faa-mitid", "en")` for `faa-mitid.en.toml`: the name of the Danish file and the language,
/// split at the last dot the way the translation reader splits them. `None` for a Danish file.
fn translation_name(file_name: &str) -> Option<(&str, &str)> {
    file_name.strip_suffix(".toml")?.rsplit_once('.')
}

// --------------------------------------------------------------------------- TOML to JSON

/// TOML text as the JSON a schema validator sees. The conversion is written out because
/// `serde_json::to_value` on a `toml::Value` turns a date into a private marker object
/// (`{"$__toml_private_datetime": …}`), where Taplo gives the validator the date's text.
fn toml_to_json(text: &str) -> Result<Json, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    Ok(convert(&toml::Value::Table(table)))
}

fn convert(value: &toml::Value) -> Json {
    match value {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        toml::Value::Boolean(b) => Json::Bool(*b),
        // `2026-11-23` → "2026-11-23"; a date-time keeps its time and so fails `format: date`.
        toml::Value::Datetime(dt) => Json::String(dt.to_string()),
        toml::Value::Array(items) => Json::Array(items.iter().map(convert).collect()),
        toml::Value::Table(table) => {
            Json::Object(table.iter().map(|(k, v)| (k.clone(), convert(v))).collect())
        }
    }
}

#[test]
fn dates_become_plain_date_strings() {
    let json = toml_to_json("format = 1\nd = 2026-11-23\nt = 2026-11-23T10:00:00\n").unwrap();
    assert_eq!(json["d"], "2026-11-23");
    assert_eq!(json["t"], "2026-11-23T10:00:00");
}

// ------------------------------------------------------------------------------ validation

struct Validator {
    schemas: Schemas,
    index: BTreeMap<Kind, SchemaIndex>,
}

impl Validator {
    /// Compiles every schema, which also checks each against the draft-07 meta-schema.
    fn new() -> Self {
        let mut schemas = Schemas::new();
        let mut compiler = Compiler::new();
        compiler.set_default_draft(Draft::V7);
        // `format: date` is only an annotation unless asked for; editors do check it.
        compiler.enable_format_assertions();
        let mut index = BTreeMap::new();
        for kind in Kind::all() {
            let path = repo().join(kind.schema_path());
            let loc = path.to_str().unwrap();
            let compiled = compiler
                .compile(loc, &mut schemas)
                .unwrap_or_else(|e| panic!("{}: {e:#}", kind.schema_path()));
            index.insert(kind, compiled);
        }
        Validator { schemas, index }
    }

    fn validate(&self, kind: Kind, text: &str) -> Result<(), String> {
        let json = toml_to_json(text)?;
        self.schemas
            .validate(&json, self.index[&kind])
            .map_err(|e| format!("{e:#}"))
    }
}

/// Every `*.toml` under a folder, with its path relative to that folder (`/`-separated).
fn toml_files(dir: &Path) -> Vec<(String, PathBuf)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((relative, path));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

fn file_name(relative: &str) -> &str {
    relative.rsplit('/').next().unwrap_or(relative)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Validates every file in a folder; returns how many of each kind it saw.
fn assert_folder_valid(validator: &Validator, dir: &Path) -> BTreeMap<Kind, usize> {
    let mut seen = BTreeMap::new();
    let mut failures = Vec::new();
    for (relative, path) in toml_files(dir) {
        let kind = Kind::of(file_name(&relative));
        *seen.entry(kind).or_insert(0) += 1;
        if let Err(e) = validator.validate(kind, &read(&path)) {
            failures.push(format!("{} ({}):\n{e}", path.display(), kind.schema_path()));
        }
    }
    assert!(
        failures.is_empty(),
        "files `vejviser check` accepts are rejected by their schema:\n\n{}",
        failures.join("\n\n")
    );
    seen
}

#[test]
fn every_shipped_file_is_valid_against_its_schema() {
    let validator = Validator::new();
    let seen = assert_folder_valid(&validator, &repo().join("guides"));
    for kind in Kind::all() {
        assert!(
            seen.contains_key(&kind),
            "no shipped {kind:?} file was validated"
        );
    }
    assert!(
        seen[&Kind::Guide] >= 20,
        "only {} guides found",
        seen[&Kind::Guide]
    );
}

// ----------------------------------------------------------------- the loader as the referee

/// Load files as `vejviser check <folder>` would, then run the checks as of a fixed day.
fn load_and_check(files: Vec<(String, String)>) -> Loaded {
    let mut loaded = load_files(
        files
            .into_iter()
            .map(|(relative, text)| InputFile {
                display: format!("tests/fixtures/schema/{relative}"),
                relative,
                bytes: text.into_bytes(),
            })
            .collect(),
    );
    let today = Date::new(2026, 11, 23).unwrap();
    let found = check(&loaded.library, &loaded.sources, today);
    loaded.diagnostics.extend(found);
    loaded
}

fn rendered(loaded: &Loaded) -> String {
    loaded
        .diagnostics
        .iter()
        .map(|d| d.render(&loaded.sources, Lang::Da, false))
        .collect::<Vec<_>>()
        .join("\n")
}

fn error_codes(loaded: &Loaded) -> BTreeSet<&'static str> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.finding.code())
        .collect()
}

/// The all-keys fixture as `(relative path, text)`, relative paths led by the folder name the
/// way `load_paths` leads them.
fn all_keys_files() -> Vec<(String, String)> {
    toml_files(&fixtures().join("all-keys"))
        .into_iter()
        .map(|(relative, path)| (format!("all-keys/{relative}"), read(&path)))
        .collect()
}

const ALL_KEYS_GUIDE: &str = "all-keys/omraade/alle-noegler.toml";

#[test]
fn all_keys_fixture_is_valid_and_loads_without_a_single_diagnostic() {
    let validator = Validator::new();
    let seen = assert_folder_valid(&validator, &fixtures().join("all-keys"));
    // Its translations are written by `vejviser translate` (`translated_copy`), not kept.
    assert_eq!(
        seen.keys().copied().collect::<Vec<_>>(),
        Kind::DANISH,
        "the fixture lacks a kind of Danish file, or holds a translation"
    );

    let loaded = load_and_check(all_keys_files());
    assert!(
        loaded.diagnostics.is_empty(),
        "the all-keys fixture must be clean:\n{}",
        rendered(&loaded)
    );
    assert_eq!(loaded.library.guides.len(), 1);
    let guide = &loaded.library.guides[0];
    assert_eq!(
        (guide.area.as_str(), guide.id.as_str()),
        ("omraade", "alle-noegler")
    );
    assert_eq!(
        loaded.library.rules.len(),
        3,
        "two shared rules and one local"
    );
}

#[test]
fn all_keys_fixture_passes_the_check_and_test_commands() {
    let dir = fixtures().join("all-keys");
    for command in ["check", "test"] {
        let output = Command::new(env!("CARGO_BIN_EXE_vejviser"))
            .args([command, dir.to_str().unwrap()])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "`vejviser {command}` on the all-keys fixture failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        if command == "check" {
            assert!(stdout.contains(": 0 fejl,"), "{stdout}");
        } else {
            assert!(stdout.contains("5 bestået, 0 fejlet"), "{stdout}");
        }
    }
}

// ---------------------------------------------------------------------------- broken guides

/// Each broken guide in `tests/fixtures/schema/broken/` has one mistake: the schema must reject
/// it for that reason, and the loader must report it with the given codes.
const BROKEN: &[(&str, &str, &[&str])] = &[
    // An unknown key, so `title` is missing as well.
    (
        "titel.toml",
        "additionalProperties 'titel' not allowed",
        &["missing-key", "unknown-key"],
    ),
    (
        "ask-er-et-tal.toml",
        "at '/steps/hvem/ask'",
        &["wrong-type"],
    ),
    (
        "forkert-kind.toml",
        "at '/outcomes/vejled/kind'",
        &["bad-value"],
    ),
    (
        "uden-start.toml",
        "missing properties 'start'",
        &["missing-key"],
    ),
    ("trin-id.toml", "invalid property 'Trin_1'", &["bad-id"]),
];

#[test]
fn broken_guides_are_rejected_by_the_schema_and_by_the_loader() {
    let validator = Validator::new();
    let dir = fixtures().join("broken");
    let on_disk: BTreeSet<String> = toml_files(&dir).into_iter().map(|(r, _)| r).collect();
    let listed: BTreeSet<String> = BROKEN.iter().map(|(f, _, _)| f.to_string()).collect();
    assert_eq!(
        on_disk, listed,
        "every broken fixture is listed, and only those"
    );

    for (file, reason, codes) in BROKEN {
        let text = read(&dir.join(file));
        match validator.validate(Kind::Guide, &text) {
            Ok(()) => panic!("the schema accepts the broken guide {file}"),
            Err(e) => assert!(
                e.contains(reason),
                "the schema rejects {file}, but not for `{reason}`:\n{e}"
            ),
        }
        let loaded = load_files(vec![InputFile {
            display: format!("tests/fixtures/schema/broken/{file}"),
            relative: format!("broken/{file}"),
            bytes: text.into_bytes(),
        }]);
        let found = error_codes(&loaded);
        let expected: BTreeSet<&str> = codes.iter().copied().collect();
        assert_eq!(found, expected, "{file}:\n{}", rendered(&loaded));
    }
}

#[test]
fn broken_shared_files_are_rejected() {
    let validator = Validator::new();
    let cases = [
        (
            Kind::Rules,
            "format = 1\n[rules.en-regel]\nkind = \"maybe\"\ntext = \"T\"\nwhy = \"W\"\nsource = \"S\"\n",
        ),
        (
            Kind::Rules,
            "format = 1\n[rules.en-regel]\nkind = \"must\"\ntext = \"T\"\nwhy = \"W\"\n",
        ),
        (
            Kind::Places,
            "format = 1\n[places.et-sted]\nnavn = \"Et sted\"\n",
        ),
        (
            Kind::Places,
            "format = 1\n[places.et-sted]\nname = \"Et sted\"\nchecked = 2026-11-23T10:00:00\n",
        ),
        (
            Kind::Services,
            "format = 1\n[services.Mobile_Pay]\ntext = \"T\"\n",
        ),
        (Kind::Areas, "format = 1\n[areas.mitid]\ntitle = \"  \"\n"),
        (
            Kind::Areas,
            "format = 2\n[areas.mitid]\ntitle = \"MitID\"\n",
        ),
    ];
    for (kind, text) in cases {
        assert!(
            validator.validate(kind, text).is_err(),
            "the {kind:?} schema accepts:\n{text}"
        );
    }
}

// ------------------------------------------------------------------ keys: schema ↔ files

/// A schema node with a same-document `$ref` followed.
fn resolve<'a>(root: &'a Json, node: &'a Json) -> &'a Json {
    match node.get("$ref").and_then(Json::as_str) {
        Some(reference) => {
            let pointer = reference
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("only same-document references are used: {reference}"));
            resolve(root, root.pointer(pointer).unwrap())
        }
        None => node,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Every key place a schema declares, as paths like `steps.*.choices[].label`
/// (`*` for an id the author chooses, `[]` for an entry of an array).
fn schema_paths(root: &Json, node: &Json, path: &str, out: &mut BTreeSet<String>) {
    let node = resolve(root, node);
    if let Some(properties) = node.get("properties").and_then(Json::as_object) {
        for (key, sub) in properties {
            let p = join(path, key);
            out.insert(p.clone());
            schema_paths(root, sub, &p, out);
        }
    }
    if let Some(sub) = node.get("additionalProperties").filter(|a| a.is_object()) {
        let p = join(path, "*");
        out.insert(p.clone());
        schema_paths(root, sub, &p, out);
    }
    if let Some(items) = node.get("items").filter(|i| i.is_object()) {
        schema_paths(root, items, &format!("{path}[]"), out);
    }
}

/// The key places a document uses, in the same notation; keys the schema does not declare go
/// to `undeclared`.
fn document_paths(
    root: &Json,
    node: &Json,
    value: &Json,
    path: &str,
    out: &mut BTreeSet<String>,
    undeclared: &mut BTreeSet<String>,
) {
    let node = resolve(root, node);
    match value {
        Json::Object(map) => {
            for (key, v) in map {
                if let Some(sub) = node.get("properties").and_then(|p| p.get(key)) {
                    let p = join(path, key);
                    out.insert(p.clone());
                    document_paths(root, sub, v, &p, out, undeclared);
                } else if let Some(sub) = node.get("additionalProperties").filter(|a| a.is_object())
                {
                    let p = join(path, "*");
                    out.insert(p.clone());
                    document_paths(root, sub, v, &p, out, undeclared);
                } else {
                    undeclared.insert(join(path, key));
                }
            }
        }
        Json::Array(items) => {
            if let Some(sub) = node.get("items").filter(|i| i.is_object()) {
                for item in items {
                    document_paths(root, sub, item, &format!("{path}[]"), out, undeclared);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn every_key_in_use_is_in_the_schema_and_the_fixture_uses_every_key_of_the_schema() {
    let mut used: BTreeMap<Kind, BTreeSet<String>> = BTreeMap::new();
    let mut in_fixture: BTreeMap<Kind, BTreeSet<String>> = BTreeMap::new();
    let mut undeclared = Vec::new();
    // The fixture's translations are the ones `vejviser translate` writes for it.
    let translated = translated_copy(&fixtures().join("all-keys"));
    let folders = [
        (repo().join("guides"), false),
        (fixtures().join("all-keys"), true),
        (translated.path().to_path_buf(), true),
    ];
    for (dir, is_fixture) in folders {
        for (relative, path) in toml_files(&dir) {
            let kind = Kind::of(file_name(&relative));
            let schema = kind.schema();
            let doc = toml_to_json(&read(&path)).unwrap();
            let mut paths = BTreeSet::new();
            let mut unknown = BTreeSet::new();
            document_paths(&schema, &schema, &doc, "", &mut paths, &mut unknown);
            for key in unknown {
                undeclared.push(format!("{}: {key}", path.display()));
            }
            if is_fixture {
                in_fixture
                    .entry(kind)
                    .or_default()
                    .extend(paths.iter().cloned());
            }
            used.entry(kind).or_default().extend(paths);
        }
    }
    assert!(
        undeclared.is_empty(),
        "keys `vejviser check` accepts but the schema does not declare:\n{}",
        undeclared.join("\n")
    );
    for kind in Kind::all() {
        let schema = kind.schema();
        let mut declared = BTreeSet::new();
        schema_paths(&schema, &schema, "", &mut declared);
        let missing: Vec<_> = declared
            .difference(in_fixture.get(&kind).unwrap_or(&BTreeSet::new()))
            .cloned()
            .collect();
        let advice = if kind.target().is_some() {
            "`vejviser translate` does not write them for the all-keys fixture: give its Danish \
             files what they translate, or drop them from the schema"
        } else {
            "add them to tests/fixtures/schema/all-keys/ so `vejviser check` vouches for them"
        };
        assert!(
            missing.is_empty(),
            "{} declares keys the all-keys fixture does not use ({advice}): {missing:?}",
            kind.schema_path()
        );
    }
}

// ------------------------------------------------------------ keys: schema ↔ loader source

/// What `src/guide/parse.rs` accepts and requires in one kind of table, read from its source:
/// the key list given to `keys(…)`, and the keys passed to `required_text(…)` and `missing(…)`.
#[derive(Debug, Default)]
struct LoaderTable {
    keys: BTreeSet<String>,
    required: BTreeSet<String>,
}

/// The loader's reading functions (and `parse`'s match arms, as `file:<Kind>`) mapped to the
/// tables of the schemas they read. A table read by a new function must be added here.
fn schema_tables(context: &str) -> Option<Vec<(Kind, &'static str)>> {
    Some(match context {
        "file:Guide" => vec![(Kind::Guide, "")],
        "file:Rules" => vec![(Kind::Rules, "")],
        "file:Places" => vec![(Kind::Places, "")],
        "file:Services" => vec![(Kind::Services, "")],
        "file:Areas" => vec![(Kind::Areas, "")],
        "guide" => vec![(Kind::Guide, "guide")],
        "steps" => vec![(Kind::Guide, "steps.*")],
        "choices" => vec![(Kind::Guide, "steps.*.choices[]")],
        "outcomes" => vec![(Kind::Guide, "outcomes.*")],
        "tests" => vec![(Kind::Guide, "tests[]")],
        "rules" => vec![(Kind::Guide, "rules.*"), (Kind::Rules, "rules.*")],
        "places" => vec![(Kind::Places, "places.*")],
        "services" => vec![(Kind::Services, "services.*")],
        "areas" => vec![(Kind::Areas, "areas.*")],
        _ => return None,
    })
}

/// Tables the loader reads that no schema in `assets/` describes (yet): the site file is read
/// on its own, never from a guides folder.
const NOT_IN_A_SCHEMA: &[&str] = &["file:Site", "site"];

/// The argument text of the call whose `(` is at `open`, up to its matching `)`.
fn call_arguments(text: &str, open: usize) -> &str {
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced call in parse.rs at byte {open}");
}

fn string_literals(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn loader_tables() -> BTreeMap<String, LoaderTable> {
    let text = read(&repo().join("src/guide/parse.rs"));
    // Where each function starts, and each `FileKind::X =>` arm of `parse`.
    let mut fns = Vec::new();
    let mut arms = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let after_fn = trimmed
            .strip_prefix("pub fn ")
            .or_else(|| trimmed.strip_prefix("fn "));
        if let Some(rest) = after_fn {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            fns.push((offset, name));
        }
        if let Some(rest) = trimmed.strip_prefix("FileKind::")
            && let Some((variant, _)) = rest.split_once(" =>")
        {
            arms.push((offset, variant.to_string()));
        }
        offset += line.len();
    }
    let context_at = |pos: usize| -> String {
        let (fn_start, name) = fns
            .iter()
            .rev()
            .find(|(start, _)| *start < pos)
            .expect("a call outside any function");
        if name == "parse"
            && let Some((_, arm)) = arms
                .iter()
                .rev()
                .find(|(start, _)| start > fn_start && *start < pos)
        {
            return format!("file:{arm}");
        }
        name.clone()
    };

    let mut tables: BTreeMap<String, LoaderTable> = BTreeMap::new();
    for (pos, _) in text.match_indices(".keys(") {
        let args = call_arguments(&text, pos + ".keys".len());
        let Some(list_start) = args.find("&[") else {
            continue; // `map.keys()`, not a list of allowed keys
        };
        let table = tables.entry(context_at(pos)).or_default();
        table.keys.extend(string_literals(&args[list_start..]));
    }
    for call in [".required_text(", ".missing("] {
        for (pos, _) in text.match_indices(call) {
            let args = call_arguments(&text, pos + call.len() - 1);
            // Only a literal key: `missing(table, key)` inside the helpers says nothing.
            let Some(key) = string_literals(args).pop() else {
                continue;
            };
            let context = context_at(pos);
            match key.strip_prefix('[').and_then(|k| k.strip_suffix(']')) {
                // `missing(root, "[guide]")`: the table itself is missing from its parent.
                Some(inner) => {
                    // Only the top-level tables are reported this way (`[guide]`, `[site]`),
                    // in the function named after them: the parent is the file itself.
                    let mut letters = context.chars();
                    let parent = match letters.next() {
                        Some(first) => format!("file:{}{}", first.to_uppercase(), letters.as_str()),
                        None => String::from("file:"),
                    };
                    tables
                        .entry(parent)
                        .or_default()
                        .required
                        .insert(inner.to_string());
                }
                None => {
                    tables.entry(context).or_default().required.insert(key);
                }
            }
        }
    }
    // `format` is checked on its own, for every kind of file (`Finding::MissingFormat`).
    assert!(text.contains("Finding::MissingFormat"));
    for table in tables.iter_mut().filter(|(c, _)| c.starts_with("file:")) {
        table.1.required.insert("format".to_string());
    }
    tables
}

/// The schema node at a path in the notation of [`schema_paths`].
fn node_at<'a>(root: &'a Json, path: &str) -> &'a Json {
    let mut node = resolve(root, root);
    if path.is_empty() {
        return node;
    }
    for segment in path.split('.') {
        let (name, is_array) = match segment.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (segment, false),
        };
        node = if name == "*" {
            &node["additionalProperties"]
        } else {
            &node["properties"][name]
        };
        node = resolve(root, node);
        if is_array {
            node = resolve(root, &node["items"]);
        }
        assert!(node.is_object(), "no schema node at {path}");
    }
    node
}

fn string_set(value: &Json) -> BTreeSet<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Json::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn schema_keys_and_required_keys_are_exactly_the_loaders() {
    let tables = loader_tables();
    let mut problems = Vec::new();
    let mut covered = BTreeSet::new();
    for (context, table) in &tables {
        if NOT_IN_A_SCHEMA.contains(&context.as_str()) {
            continue;
        }
        let Some(targets) = schema_tables(context) else {
            problems.push(format!(
                "parse.rs reads a table in `{context}` that tests/schema.rs does not map to a \
                 schema: add it to `schema_tables` (and the keys to assets/*.schema.json), or to \
                 NOT_IN_A_SCHEMA"
            ));
            continue;
        };
        for (kind, path) in targets {
            covered.insert(context.clone());
            let schema = kind.schema();
            let node = node_at(&schema, path);
            let declared: BTreeSet<String> = node["properties"]
                .as_object()
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            let where_ = format!("{} at `{path}` (parse.rs `{context}`)", kind.schema_path());
            if declared != table.keys {
                problems.push(format!(
                    "{where_}: keys differ.\n  only in the loader: {:?}\n  only in the schema: {:?}",
                    table.keys.difference(&declared).collect::<Vec<_>>(),
                    declared.difference(&table.keys).collect::<Vec<_>>(),
                ));
            }
            let required = string_set(&node["required"]);
            if required != table.required {
                problems.push(format!(
                    "{where_}: required keys differ: loader {:?}, schema {:?}",
                    table.required, required
                ));
            }
            if node["additionalProperties"] != Json::Bool(false) {
                problems.push(format!(
                    "{where_}: the loader rejects unknown keys, so the schema needs \
                     \"additionalProperties\": false"
                ));
            }
        }
    }
    for expected in [
        "file:Guide",
        "file:Rules",
        "file:Places",
        "file:Services",
        "file:Areas",
        "guide",
        "steps",
        "choices",
        "outcomes",
        "tests",
        "rules",
        "places",
        "services",
        "areas",
    ] {
        if !covered.contains(expected) {
            problems.push(format!(
                "found no key list for `{expected}` in parse.rs: has the loader been restructured? \
                 Update `loader_tables`/`schema_tables` in tests/schema.rs"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

// ------------------------------------------------------------------ values: schema ↔ model

fn enum_of(schema: &Json, path: &str, key: &str) -> Vec<String> {
    let node = &node_at(schema, path)["properties"][key];
    let node = if node["items"].is_object() {
        &node["items"]
    } else {
        node
    };
    node["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("no enum for {path}.{key}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

fn sorted_vec(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn allowed_values_and_format_match_the_model() {
    let guide = Kind::Guide.schema();
    let rules = Kind::Rules.schema();
    assert_eq!(
        sorted_vec(enum_of(&guide, "outcomes.*", "kind")),
        sorted(&OutcomeKind::NAMES)
    );
    assert_eq!(
        sorted_vec(enum_of(&guide, "rules.*", "kind")),
        sorted(&RuleKind::NAMES)
    );
    assert_eq!(
        sorted_vec(enum_of(&guide, "guide", "audience")),
        sorted(&Audience::NAMES)
    );
    assert_eq!(
        sorted_vec(enum_of(&guide, "outcomes.*", "for")),
        sorted(&Addressee::NAMES)
    );
    // A local rule and a shared rule are the same thing.
    assert_eq!(
        guide["definitions"]["rule"], rules["definitions"]["rule"],
        "the rule definition differs between guide.schema.json and rules.schema.json"
    );
    for kind in Kind::all() {
        let schema = kind.schema();
        assert_eq!(
            schema["properties"]["format"]["const"],
            Json::from(FORMAT_VERSION),
            "{}",
            kind.schema_path()
        );
        assert_eq!(
            schema["$schema"], "http://json-schema.org/draft-07/schema#",
            "Taplo validates draft-07; keep every schema on it"
        );
    }
}

/// Every table of ids (`[steps.<id>]`, `[places.<id>]`, …) holds its ids to the loader's slug
/// rule, and the pattern agrees with `is_slug` on the loader's own examples.
#[test]
fn id_pattern_is_the_loaders_slug_rule() {
    for kind in Kind::all() {
        let schema = kind.schema();
        let mut paths = BTreeSet::new();
        schema_paths(&schema, &schema, "", &mut paths);
        for path in paths.iter().filter(|p| p.ends_with(".*")) {
            let parent = path.trim_end_matches(".*");
            let node = node_at(&schema, parent);
            assert_eq!(
                node["propertyNames"]["pattern"],
                SLUG,
                "{} `{parent}`: ids need the slug pattern",
                kind.schema_path()
            );
        }
    }
    let validator = Validator::new();
    let ids = [
        "mitid-paaroerende",
        "trin2",
        "a",
        "2-trin",
        "",
        "-a",
        "a-",
        "a--b",
        "Mitid",
        "pårørende",
        "a_b",
        "a b",
        "Trin_1",
    ];
    for id in ids {
        let text = format!("format = 1\n[services.\"{id}\"]\ntext = \"T\"\n");
        let accepted = validator.validate(Kind::Services, &text).is_ok();
        assert_eq!(accepted, is_slug(id), "id {id:?}");
    }
}

/// The descriptions are the editor's tooltips: every key has one.
#[test]
fn every_key_has_a_description() {
    for kind in Kind::all() {
        let schema = kind.schema();
        assert!(schema["description"].is_string(), "{}", kind.schema_path());
        let mut paths = BTreeSet::new();
        schema_paths(&schema, &schema, "", &mut paths);
        for path in paths {
            let node = node_at(&schema, &path);
            let text = node["description"].as_str().unwrap_or_default();
            assert!(
                text.trim().len() > 10,
                "{} `{path}` needs a description (it is the editor's tooltip)",
                kind.schema_path()
            );
        }
    }
}

// ---------------------------------------------------------------------------- .taplo.toml

/// A glob as Taplo reads it, for the patterns `.taplo.toml` uses: `**` for any number of
/// folders, `*` within a name.
fn glob_matches(pattern: &str, path: &str) -> bool {
    fn segments(p: &[&str], s: &[&str]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((&"**", rest)) => (0..=s.len()).any(|i| segments(rest, &s[i..])),
            Some((seg, rest)) => {
                !s.is_empty()
                    && name_matches(seg.as_bytes(), s[0].as_bytes())
                    && segments(rest, &s[1..])
            }
        }
    }
    fn name_matches(p: &[u8], s: &[u8]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((b'*', rest)) => (0..=s.len()).any(|i| name_matches(rest, &s[i..])),
            Some((c, rest)) => s.first() == Some(c) && name_matches(rest, &s[1..]),
        }
    }
    let p: Vec<&str> = pattern.trim_start_matches("./").split('/').collect();
    let s: Vec<&str> = path.split('/').collect();
    segments(&p, &s)
}

#[test]
fn taplo_config_gives_each_file_the_schema_its_name_calls_for() {
    let config: toml::Table = toml::from_str(&read(&repo().join(".taplo.toml"))).unwrap();
    let rules: Vec<(Vec<String>, Vec<String>, String)> = config["rule"]
        .as_array()
        .expect("[[rule]] tables")
        .iter()
        .map(|rule| {
            let list = |key: &str| -> Vec<String> {
                rule.get(key)
                    .and_then(toml::Value::as_array)
                    .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                    .unwrap_or_default()
            };
            let schema = rule["schema"]["path"].as_str().unwrap().to_string();
            (list("include"), list("exclude"), schema)
        })
        .collect();
    for (_, _, schema) in &rules {
        let path = schema.trim_start_matches("./");
        assert!(
            repo().join(path).is_file(),
            ".taplo.toml names {schema}, which is missing"
        );
    }
    let mut paths: Vec<String> = toml_files(&repo().join("guides"))
        .into_iter()
        .map(|(relative, _)| format!("guides/{relative}"))
        .collect();
    // Shared files may also sit in a sub-folder; a new area is just a new folder.
    paths.extend(
        [
            "guides/ny/ny-guide.toml",
            "guides/ny/rules.toml",
            "guides/ny/places.toml",
            "guides/ny/ny-guide.en.toml",
            "guides/ny/rules.en.toml",
            "guides/ny/areas.en.toml",
            "guides/services.en.toml",
            // Only English is read: another language gets no schema (the loader refuses it).
            "guides/ny/ny-guide.de.toml",
            "guides/rules.de.toml",
        ]
        .map(String::from),
    );
    let mut translations = 0;
    for path in paths {
        let matching: Vec<&str> = rules
            .iter()
            .filter(|(include, exclude, _)| {
                include.iter().any(|g| glob_matches(g, &path))
                    && !exclude.iter().any(|g| glob_matches(g, &path))
            })
            .map(|(_, _, schema)| schema.trim_start_matches("./"))
            .collect();
        let name = file_name(&path);
        let kind = Kind::of(name);
        let expected: Vec<&str> = match translation_name(name) {
            Some((_, lang)) if lang != "en" => Vec::new(),
            _ => vec![kind.schema_path()],
        };
        assert_eq!(matching, expected, "{path}");
        translations += usize::from(kind.target().is_some());
    }
    assert!(
        translations > 10,
        "the shipped translations were not looked at"
    );

    let loaded = load_one("ny/ny-guide.de.toml", "format = 1\n");
    assert_eq!(
        error_codes(&loaded),
        BTreeSet::from(["translation-language"]),
        "a translation into another language than English is an error: {}",
        rendered(&loaded)
    );
}

// ------------------------------------------------------------------------- what only check sees

/// What a schema cannot express. These files are valid against the schema, yet `vejviser check`
/// reports an error: the guides README says so, and this keeps it true.
#[test]
fn gaps_only_check_can_see() {
    let validator = Validator::new();
    let original = all_keys_files();
    let guide = |from: &str, to: &str| -> String {
        let (_, text) = original.iter().find(|(r, _)| r == ALL_KEYS_GUIDE).unwrap();
        assert!(text.contains(from), "the fixture no longer has {from:?}");
        text.replacen(from, to, 1)
    };
    let cases = [
        // A whole number written as a decimal is still a whole number to a JSON Schema.
        (guide("format = 1\n", "format = 1.0\n"), "wrong-type"),
        // A date in quotes is text to TOML, and an editor sees the same string either way.
        (
            guide("reviewed = 2026-11-01", "reviewed = \"2026-11-01\""),
            "wrong-type",
        ),
        // References: the schema sees one file, so it cannot know which ids exist.
        (
            guide("next = \"afvis\"", "next = \"afvis-ham\""),
            "unknown-reference",
        ),
        (
            guide("refer  = \"app-cafe\"", "refer  = \"app-caffe\""),
            "unknown-reference",
        ),
        (
            guide(
                "refer  = \"app-cafe\"",
                "refer  = [\"app-cafe\", \"app-caffe\"]",
            ),
            "unknown-reference",
        ),
        // Which guides exist is known only from the whole folder.
        (
            guide(
                "see     = [\"alle-noegler\"]",
                "see     = [\"alle-nogler\"]",
            ),
            "unknown-reference",
        ),
        // Whether a named rule is a must_not rule lives in another file.
        (
            guide(
                "rules  = [\"aldrig-andres-mitid\"]\n\n[[tests]]",
                "rules  = [\"kig-vaek\"]\n\n[[tests]]",
            ),
            "refuse-without-must-not",
        ),
        // The shape of the graph: consent before `do`, reachability, no dead ends.
        (
            guide(
                "{ label = \"Borgeren selv\", next = \"samtykke\"",
                "{ label = \"Borgeren selv\", next = \"goer-det-sammen\"",
            ),
            "do-without-consent",
        ),
        // Two choices of one step with the same label, where a site can see both.
        (
            guide(
                "next = \"app-andetsteds\", unless = \"app-hjaelp\"",
                "next = \"app-andetsteds\"",
            ),
            "duplicate-label",
        ),
    ];
    for (text, code) in cases {
        validator
            .validate(Kind::Guide, &text)
            .unwrap_or_else(|e| panic!("expected the schema to accept this ({code}):\n{e}"));
        let files = original
            .iter()
            .map(|(r, t)| {
                let t = if r == ALL_KEYS_GUIDE {
                    text.clone()
                } else {
                    t.clone()
                };
                (r.clone(), t)
            })
            .collect();
        let loaded = load_and_check(files);
        assert!(
            error_codes(&loaded).contains(code),
            "expected `{code}` from the loader:\n{}",
            rendered(&loaded)
        );
    }
}

// ----------------------------------------------------------------------------- translations

/// Every kind of translated part. The match makes a new `Section` fail to compile here, as a
/// reminder to list it.
fn all_sections() -> BTreeSet<Section> {
    let all = [
        Section::Guide,
        Section::Steps,
        Section::Outcomes,
        Section::Rules,
        Section::Places,
        Section::Services,
        Section::Areas,
    ];
    for section in all {
        match section {
            Section::Guide
            | Section::Steps
            | Section::Outcomes
            | Section::Rules
            | Section::Places
            | Section::Services
            | Section::Areas => {}
        }
    }
    all.into_iter().collect()
}

/// Where a section's parts sit in a translation schema, in the notation of [`schema_paths`]:
/// `guide` for `[guide]`, `steps.*` for `[steps.<id>]`.
fn section_path(section: Section) -> String {
    if section.has_ids() {
        format!("{}.*", section.key())
    } else {
        section.key().to_string()
    }
}

/// A file of each translation kind, as the loader is given it (relative to the guides folder).
fn translation_file(kind: Kind) -> &'static str {
    let file = match kind {
        Kind::GuideTranslation => "omraade/en-guide.en.toml",
        Kind::RulesTranslation => "rules.en.toml",
        Kind::PlacesTranslation => "places.en.toml",
        Kind::ServicesTranslation => "services.en.toml",
        Kind::AreasTranslation => "areas.en.toml",
        _ => panic!("{kind:?} is not a translation"),
    };
    assert_eq!(Kind::of(file_name(file)), kind);
    file
}

/// One file through the loader alone (no `check`: what it translates need not exist).
fn load_one(relative: &str, text: &str) -> Loaded {
    load_files(vec![InputFile {
        display: format!("tests/schema/{relative}"),
        relative: relative.to_string(),
        bytes: text.as_bytes().to_vec(),
    }])
}

/// Every `*.toml` in a folder as `(relative path, text)` for [`load_and_check`], each path led
/// by `lead` the way `load_paths` leads it by the folder's name.
fn folder_files(dir: &Path, lead: &str) -> Vec<(String, String)> {
    toml_files(dir)
        .into_iter()
        .map(|(relative, path)| (format!("{lead}/{relative}"), read(&path)))
        .collect()
}

/// A copy of the Danish files of a folder with the English translations `vejviser translate`
/// writes beside them. Translations already in the folder are left out of the copy.
fn translated_copy(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (relative, path) in toml_files(from) {
        if Kind::of(file_name(&relative)).target().is_some() {
            continue;
        }
        let to = dir.path().join(&relative);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&path, &to).unwrap();
    }
    let output = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["translate", "--lang", "en"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "`vejviser translate --lang en` failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

fn assert_refused(
    validator: &Validator,
    kind: Kind,
    file: &str,
    text: &str,
    reason: &str,
    codes: &[&str],
) {
    match validator.validate(kind, text) {
        Ok(()) => panic!("{} accepts {file}:\n{text}", kind.schema_path()),
        Err(e) => assert!(
            e.contains(reason),
            "{} rejects {file}, but not for `{reason}`:\n{text}\n{e}",
            kind.schema_path()
        ),
    }
    let loaded = load_one(file, text);
    let expected: BTreeSet<&str> = codes.iter().copied().collect();
    assert_eq!(
        error_codes(&loaded),
        expected,
        "{file}:\n{text}\n{}",
        rendered(&loaded)
    );
}

fn assert_accepted(validator: &Validator, kind: Kind, file: &str, text: &str) {
    if let Err(e) = validator.validate(kind, text) {
        panic!("{} rejects {file}:\n{text}\n{e}", kind.schema_path());
    }
    let loaded = load_one(file, text);
    assert!(
        error_codes(&loaded).is_empty(),
        "the loader rejects {file}:\n{text}\n{}",
        rendered(&loaded)
    );
}

/// A section as a translation schema declares it.
struct SchemaSection {
    /// `steps` for `[steps.<id>]`, `guide` for `[guide]`.
    key: String,
    has_ids: bool,
    /// The keys of a part, with their schema nodes.
    keys: Vec<(String, Json)>,
}

/// The sections a translation schema declares, from top to bottom.
fn translation_sections(schema: &Json) -> Vec<SchemaSection> {
    let properties = schema["properties"].as_object().unwrap();
    properties
        .iter()
        // `format` and `reviewed_by` are values of the file, not sections.
        .filter(|(key, _)| *key != "format" && *key != "reviewed_by")
        .map(|(key, node)| {
            let node = resolve(schema, node);
            let (has_ids, part) = match node.get("additionalProperties") {
                Some(part) if part.is_object() => (true, resolve(schema, part)),
                _ => (false, node),
            };
            let keys = part["properties"]
                .as_object()
                .unwrap_or_else(|| panic!("no keys in `{key}`"))
                .iter()
                .map(|(name, node)| (name.clone(), resolve(schema, node).clone()))
                .collect();
            SchemaSection {
                key: key.clone(),
                has_ids,
                keys,
            }
        })
        .collect()
}

/// Each translation schema has exactly the sections `Target::sections()` allows its file, and
/// each part exactly `source` and the fields of `Section::fields()`, a list where the field is
/// a list; nothing but `format` is required, as in the loader (`check` warns about the rest).
#[test]
fn translation_schemas_hold_the_loaders_sections_and_fields() {
    let mut problems = Vec::new();
    let mut covered = BTreeSet::new();
    for kind in Kind::TRANSLATIONS {
        let schema = kind.schema();
        let target = kind.target().unwrap();
        let where_ = kind.schema_path();

        let top: BTreeSet<String> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let mut expected = BTreeSet::from([String::from("format"), String::from("reviewed_by")]);
        expected.extend(target.sections().iter().map(|s| s.key().to_string()));
        if top != expected {
            problems.push(format!(
                "{where_}: sections {top:?}, the loader's (`Target::sections()`) {expected:?}"
            ));
        }
        if string_set(&schema["required"]) != BTreeSet::from([String::from("format")]) {
            problems.push(format!("{where_}: only `format` is required"));
        }
        if schema["additionalProperties"] != Json::Bool(false) {
            problems.push(format!("{where_}: other sections must be refused"));
        }

        for &section in target.sections() {
            covered.insert(section);
            let path = section_path(section);
            let node = node_at(&schema, &path);
            let declared: BTreeSet<String> = node["properties"]
                .as_object()
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            let mut expected = BTreeSet::from([String::from("source")]);
            expected.extend(section.fields().iter().map(|f| f.name.to_string()));
            if declared != expected {
                problems.push(format!(
                    "{where_} `{path}`: keys {declared:?}, the loader's (`source` and \
                     `Section::fields()`) {expected:?}"
                ));
            }
            if !string_set(&node["required"]).is_empty() {
                problems.push(format!(
                    "{where_} `{path}`: nothing in a part is required (`check` warns instead)"
                ));
            }
            if node["additionalProperties"] != Json::Bool(false) {
                problems.push(format!("{where_} `{path}`: unknown keys must be refused"));
            }
            let source = node["properties"].get("source");
            if source.is_none_or(|n| resolve(&schema, n)["type"] != "string") {
                problems.push(format!("{where_} `{path}.source` is a text"));
            }
            for field in section.fields() {
                let Some(node) = node["properties"].get(field.name) else {
                    continue;
                };
                let node = resolve(&schema, node);
                let ok = if field.list {
                    node["type"] == "array" && resolve(&schema, &node["items"])["type"] == "string"
                } else {
                    node["type"] == "string"
                };
                if !ok {
                    let what = if field.list {
                        "a list of texts"
                    } else {
                        "a text"
                    };
                    problems.push(format!("{where_} `{path}.{}` is {what}", field.name));
                }
            }
        }
    }
    if covered != all_sections() {
        problems.push(format!(
            "no translation schema holds the sections {:?}",
            all_sections().difference(&covered).collect::<Vec<_>>()
        ));
    }
    // A part is translated the same way wherever it sits.
    let guide = Kind::GuideTranslation.schema();
    if guide["definitions"]["rule"] != Kind::RulesTranslation.schema()["definitions"]["rule"] {
        problems.push(String::from(
            "the rule differs between translation-guide and translation-rules",
        ));
    }
    for kind in Kind::TRANSLATIONS {
        if kind.schema()["definitions"]["source"] != guide["definitions"]["source"] {
            problems.push(format!("{}: `source` differs", kind.schema_path()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// From the schemas' side: a translation with every key they declare is read by the loader
/// without an error, empty texts included, and every wrong value – a wrong type, an empty
/// `source`, an unknown key, a section of another file, an id that is no slug – is refused by
/// the schema and by the loader alike.
#[test]
fn every_translation_key_is_read_by_the_loader_and_every_wrong_value_refused_by_both() {
    let validator = Validator::new();
    for kind in Kind::TRANSLATIONS {
        let schema = kind.schema();
        let file = translation_file(kind);
        let sections = translation_sections(&schema);
        // (header, JSON pointer, keys with their TOML values)
        type Part = (String, String, Vec<(String, String)>);
        let parts_with = |value: &dyn Fn(&str, &Json) -> String| -> Vec<Part> {
            sections
                .iter()
                .map(|SchemaSection { key, has_ids, keys }| {
                    let (header, pointer) = if *has_ids {
                        (format!("[{key}.et-id]"), format!("/{key}/et-id"))
                    } else {
                        (format!("[{key}]"), format!("/{key}"))
                    };
                    let keys = keys
                        .iter()
                        .map(|(name, node)| (name.clone(), value(name, node)))
                        .collect();
                    (header, pointer, keys)
                })
                .collect()
        };
        let render = |parts: &[Part]| -> String {
            let mut text = String::from("format = 1\n");
            for (header, _, keys) in parts {
                text.push_str(&format!("\n{header}\n"));
                for (name, value) in keys {
                    text.push_str(&format!("{name} = {value}\n"));
                }
            }
            text
        };
        let typed = |text: &'static str| {
            move |name: &str, node: &Json| -> String {
                match (name, node["type"].as_str()) {
                    ("source", _) => String::from("\"0123abcd\""),
                    (_, Some("array")) => format!("[\"{text}\", \"{text}\"]"),
                    (_, Some("string")) => format!("\"{text}\""),
                    (_, other) => panic!("{}: `{name}` is of type {other:?}", kind.schema_path()),
                }
            }
        };

        let full = parts_with(&typed("Text"));
        assert!(!full.is_empty(), "{}: no sections", kind.schema_path());
        assert_accepted(&validator, kind, file, &render(&full));
        // "" is "not translated yet", not an error.
        assert_accepted(&validator, kind, file, &render(&parts_with(&typed(""))));
        assert_accepted(&validator, kind, file, "format = 1\n");

        for (p, (header, pointer, keys)) in full.iter().enumerate() {
            let with = |change: &dyn Fn(&mut Part)| -> String {
                let mut parts = full.clone();
                change(&mut parts[p]);
                render(&parts)
            };
            for (k, (name, value)) in keys.iter().enumerate() {
                let set = |to: &str| {
                    let to = to.to_string();
                    with(&move |part: &mut Part| part.2[k].1 = to.clone())
                };
                let at = format!("at '{pointer}/{name}'");
                assert_refused(&validator, kind, file, &set("7"), &at, &["wrong-type"]);
                if value.starts_with('[') {
                    let item = format!("at '{pointer}/{name}/0'");
                    assert_refused(&validator, kind, file, &set("[7]"), &item, &["wrong-type"]);
                    let one = set("\"Text\"");
                    assert_refused(&validator, kind, file, &one, &at, &["wrong-type"]);
                } else {
                    let list = set("[\"Text\"]");
                    assert_refused(&validator, kind, file, &list, &at, &["wrong-type"]);
                }
            }
            let unknown = with(&|part: &mut Part| {
                part.2
                    .push((String::from("kind"), String::from("\"must\"")));
            });
            let reason = "additionalProperties 'kind' not allowed";
            assert_refused(&validator, kind, file, &unknown, reason, &["unknown-key"]);
            if pointer.ends_with("/et-id") {
                let bad = with(&|part: &mut Part| part.0 = header.replace("et-id", "Et_Id"));
                let reason = "invalid property 'Et_Id'";
                assert_refused(&validator, kind, file, &bad, reason, &["bad-id"]);
            }
        }
        // A section of another file.
        let here: BTreeSet<&str> = sections.iter().map(|s| s.key.as_str()).collect();
        for section in all_sections() {
            if here.contains(section.key()) {
                continue;
            }
            let header = if section.has_ids() {
                format!("[{}.et-id]", section.key())
            } else {
                format!("[{}]", section.key())
            };
            let text = format!("format = 1\n\n{header}\nsource = \"0123abcd\"\n");
            let reason = format!("additionalProperties '{}' not allowed", section.key());
            assert_refused(&validator, kind, file, &text, &reason, &["unknown-key"]);
        }
    }
}

/// Broken translations, each with one mistake a translator could make: refused by the schema
/// for that reason, and by the loader with these codes.
const BROKEN_TRANSLATIONS: &[(&str, &str, &str, &[&str])] = &[
    // Scenario tests are not translated: an unknown section.
    (
        "mitid/faa-mitid.en.toml",
        "format = 1\n[guide]\ntitle = \"Get MitID\"\n[[tests]]\nname = \"Citizen says yes\"\n",
        "additionalProperties 'tests' not allowed",
        &["unknown-key"],
    ),
    // A guide's translation does not hold places, and the shared rules no guide.
    (
        "mitid/faa-mitid.en.toml",
        "format = 1\n[places.borgerservice]\nname = \"Citizen service\"\n",
        "additionalProperties 'places' not allowed",
        &["unknown-key"],
    ),
    (
        "rules.en.toml",
        "format = 1\n[guide]\ntitle = \"Rules\"\n",
        "additionalProperties 'guide' not allowed",
        &["unknown-key"],
    ),
    // The answers' texts are a list, even for one answer.
    (
        "mitid/faa-mitid.en.toml",
        "format = 1\n[steps.hvem]\nsource = \"533dd14e\"\nchoices = \"Yes\"\n",
        "at '/steps/hvem/choices'",
        &["wrong-type"],
    ),
    // The Danish key of an answer's text is `label`, but a translation lists the texts.
    (
        "mitid/faa-mitid.en.toml",
        "format = 1\n[steps.hvem]\nchoices = [{ label = \"Yes\" }]\n",
        "at '/steps/hvem/choices/0'",
        &["wrong-type"],
    ),
    (
        "places.en.toml",
        "format = 1\n[places.mitid-support]\nphone = \"33 98 00 10\"\n",
        "additionalProperties 'phone' not allowed",
        &["unknown-key"],
    ),
    // The id is the Danish file's, and an id is a slug.
    (
        "mitid/faa-mitid.en.toml",
        "format = 1\n[steps.Hvem_1]\nask = \"Who?\"\n",
        "invalid property 'Hvem_1'",
        &["bad-id"],
    ),
    (
        "areas.en.toml",
        "format = 1\n[areas.\"digital post\"]\ntitle = \"Digital Post\"\n",
        "invalid property 'digital post'",
        &["bad-id"],
    ),
    (
        "mitid/faa-mitid.en.toml",
        "[guide]\ntitle = \"Get MitID\"\n",
        "missing properties 'format'",
        &["missing-format"],
    ),
];

#[test]
fn broken_translations_are_rejected_by_the_schema_and_by_the_loader() {
    let validator = Validator::new();
    for (file, text, reason, codes) in BROKEN_TRANSLATIONS {
        assert_refused(
            &validator,
            Kind::of(file_name(file)),
            file,
            text,
            reason,
            codes,
        );
    }
}

/// Fill every empty text of a file `vejviser translate` wrote, each with its own text.
fn fill_translation(text: &str) -> String {
    let mut n = 0;
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_string();
        if !line.trim_start().starts_with('#') {
            while line.contains("\"\"") {
                n += 1;
                line = line.replacen("\"\"", &format!("\"Translated {n}\""), 1);
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn codes_of(loaded: &Loaded, prefix: &str) -> BTreeSet<&'static str> {
    loaded
        .diagnostics
        .iter()
        .map(|d| d.finding.code())
        .filter(|code| code.starts_with(prefix))
        .collect()
}

/// What `vejviser translate` writes for the shipped guides is valid against the schemas, and
/// the loader reads it without an error: the only translation finding is »not translated yet«.
#[test]
fn translations_written_for_the_shipped_guides_are_valid() {
    let validator = Validator::new();
    let dir = translated_copy(&repo().join("guides"));
    let seen = assert_folder_valid(&validator, dir.path());
    for kind in Kind::all() {
        assert!(seen.contains_key(&kind), "no {kind:?} file was written");
    }
    assert_eq!(
        seen[&Kind::GuideTranslation],
        seen[&Kind::Guide],
        "one translation per guide"
    );
    let loaded = load_and_check(folder_files(dir.path(), "guides"));
    assert!(error_codes(&loaded).is_empty(), "{}", rendered(&loaded));
    assert_eq!(
        codes_of(&loaded, "translation-"),
        BTreeSet::from(["translation-missing"]),
        "{}",
        rendered(&loaded)
    );
}

/// The translation of the all-keys fixture as `vejviser translate` writes it, with every empty
/// text filled in.
fn all_keys_translated() -> Vec<(String, String)> {
    let dir = translated_copy(&fixtures().join("all-keys"));
    folder_files(dir.path(), "all-keys")
        .into_iter()
        .map(
            |(relative, text)| match Kind::of(file_name(&relative)).target() {
                Some(_) => (relative, fill_translation(&text)),
                None => (relative, text),
            },
        )
        .collect()
}

const ALL_KEYS_TRANSLATION: &str = "all-keys/omraade/alle-noegler.en.toml";

/// Filled in, the fixture's translation is valid and passes `check` with nothing to report: the
/// files `translate` writes have the shape the schemas describe and the loader expects.
#[test]
fn all_keys_translation_filled_in_is_valid_and_clean() {
    let validator = Validator::new();
    let files = all_keys_translated();
    let mut kinds = BTreeSet::new();
    for (relative, text) in &files {
        let kind = Kind::of(file_name(relative));
        if kind.target().is_some() {
            let empty = text
                .lines()
                .any(|l| !l.trim_start().starts_with('#') && l.contains("\"\""));
            assert!(!empty, "{relative} still has an empty text");
            kinds.insert(kind);
        }
        if let Err(e) = validator.validate(kind, text) {
            panic!("{relative} ({}):\n{e}", kind.schema_path());
        }
    }
    assert_eq!(kinds, BTreeSet::from(Kind::TRANSLATIONS));
    assert!(files.iter().any(|(r, _)| r == ALL_KEYS_TRANSLATION));
    let loaded = load_and_check(files);
    assert!(
        loaded.diagnostics.is_empty(),
        "the translated all-keys fixture must be clean:\n{}",
        rendered(&loaded)
    );
}

/// What the translation schemas leave to `check`: it sees the Danish file, the schema does not.
/// All of it is a warning (the app falls back to Danish), so the schema must accept it – which
/// is also why `source` is any text in the schema, not eight hex digits.
#[test]
fn translation_gaps_only_check_can_see() {
    let validator = Validator::new();
    let original = all_keys_translated();
    let (_, translation) = original
        .iter()
        .find(|(r, _)| r == ALL_KEYS_TRANSLATION)
        .unwrap();
    let line = |starts: &str, to: &str| -> String {
        let mut found = false;
        let text = translation
            .lines()
            .map(|line| {
                if !found && line.starts_with(starts) {
                    found = true;
                    to.to_string()
                } else {
                    line.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(found, "the translation no longer has a line {starts:?}");
        text + "\n"
    };
    let cases = [
        // The Danish changed since (or `source` was mistyped).
        (
            line("source = ", "source = \"forkert\""),
            "translation-stale",
        ),
        // Emptied by mistake: read like a wrong one, so check gives the hash to write.
        (line("source = ", "source = \"\""), "translation-stale"),
        // Four answers in Danish, one in English.
        (
            line("choices = ", "choices = [\"Yes\"]"),
            "translation-list-length",
        ),
        // Not translated yet.
        (line("ask = ", "ask = \"\""), "translation-missing"),
        (line("summary = ", ""), "translation-missing"),
        // A step the Danish guide does not have (any more).
        (
            format!("{translation}\n[steps.findes-ikke]\nsource = \"0123abcd\"\nask = \"Gone\"\n"),
            "translation-of-missing-part",
        ),
        // `[steps.samtykke]` has no help text in Danish.
        (
            line("[steps.samtykke]", "[steps.samtykke]\nhelp = \"Extra\""),
            "translation-extra-field",
        ),
    ];
    for (text, code) in cases {
        validator
            .validate(Kind::GuideTranslation, &text)
            .unwrap_or_else(|e| panic!("expected the schema to accept this ({code}):\n{e}"));
        let files = original
            .iter()
            .map(|(r, t)| {
                let t = if r == ALL_KEYS_TRANSLATION {
                    text.clone()
                } else {
                    t.clone()
                };
                (r.clone(), t)
            })
            .collect();
        let loaded = load_and_check(files);
        assert!(
            error_codes(&loaded).is_empty() && codes_of(&loaded, "translation-").contains(code),
            "expected the warning `{code}` and no error:\n{}",
            rendered(&loaded)
        );
    }
}
