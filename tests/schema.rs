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
//! - the gaps only `check` can see stay written down (and stay gaps).
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
use vejviser::guide::model::{Audience, FORMAT_VERSION, OutcomeKind, RuleKind};
use vejviser::guide::parse::{FileKind, is_slug};
use vejviser::guide::{InputFile, Loaded, check, load_files};
use vejviser::lang::Lang;

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
}

impl Kind {
    const ALL: [Kind; 5] = [
        Kind::Guide,
        Kind::Rules,
        Kind::Places,
        Kind::Services,
        Kind::Areas,
    ];

    fn of(file_name: &str) -> Kind {
        let kind = match file_name {
            "rules.toml" => Kind::Rules,
            "places.toml" => Kind::Places,
            "services.toml" => Kind::Services,
            "areas.toml" => Kind::Areas,
            _ => Kind::Guide,
        };
        assert_eq!(
            FileKind::of_file_name(file_name),
            kind.loader_kind(),
            "the loader reads {file_name} as another kind of file than the schema tests assume"
        );
        kind
    }

    fn loader_kind(self) -> FileKind {
        match self {
            Kind::Guide => FileKind::Guide,
            Kind::Rules => FileKind::Rules,
            Kind::Places => FileKind::Places,
            Kind::Services => FileKind::Services,
            Kind::Areas => FileKind::Areas,
        }
    }

    /// The schema, relative to the repository root.
    fn schema_path(self) -> &'static str {
        match self {
            Kind::Guide => "assets/guide.schema.json",
            Kind::Rules => "assets/rules.schema.json",
            Kind::Places => "assets/places.schema.json",
            Kind::Services => "assets/services.schema.json",
            Kind::Areas => "assets/areas.schema.json",
        }
    }

    /// The schema as JSON, for the structural checks.
    fn schema(self) -> Json {
        let path = repo().join(self.schema_path());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
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
        for kind in Kind::ALL {
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
    for kind in Kind::ALL {
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
    assert_eq!(
        seen.len(),
        Kind::ALL.len(),
        "the fixture lacks a kind of file"
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
    let folders = [
        (repo().join("guides"), false),
        (fixtures().join("all-keys"), true),
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
    for kind in Kind::ALL {
        let schema = kind.schema();
        let mut declared = BTreeSet::new();
        schema_paths(&schema, &schema, "", &mut declared);
        let missing: Vec<_> = declared
            .difference(in_fixture.get(&kind).unwrap_or(&BTreeSet::new()))
            .cloned()
            .collect();
        assert!(
            missing.is_empty(),
            "{} declares keys the all-keys fixture does not use (add them to \
             tests/fixtures/schema/all-keys/ so `vejviser check` vouches for them): {missing:?}",
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
    // A local rule and a shared rule are the same thing.
    assert_eq!(
        guide["definitions"]["rule"], rules["definitions"]["rule"],
        "the rule definition differs between guide.schema.json and rules.schema.json"
    );
    for kind in Kind::ALL {
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
    for kind in Kind::ALL {
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
    for kind in Kind::ALL {
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
        ]
        .map(String::from),
    );
    for path in paths {
        let matching: Vec<&str> = rules
            .iter()
            .filter(|(include, exclude, _)| {
                include.iter().any(|g| glob_matches(g, &path))
                    && !exclude.iter().any(|g| glob_matches(g, &path))
            })
            .map(|(_, _, schema)| schema.trim_start_matches("./"))
            .collect();
        let kind = Kind::of(file_name(&path));
        assert_eq!(matching, [kind.schema_path()], "{path}");
    }
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
