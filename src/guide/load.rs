//! Finds guide files, reads them (from disk or from the copy embedded in the binary), and
//! assembles the library. One broken file never stops the others: it becomes diagnostics.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::diagnostic::{Diagnostic, RelatedLabel};
use super::finding::{Finding, What};
use super::model::{Guide, Library, Text};
use super::parse::{FileKind, GuideIdentity, Parsed, parse};
use super::source::{ContentHash, SourceFile, SourceMap, Span};

/// The result of a load: the library, every file read, and what was wrong.
#[derive(Debug, Default)]
pub struct Loaded {
    pub library: Library,
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Keep only the guides with no errors in their own file, so a broken guide cannot be walked
    /// while every other guide stays usable. Returns the errors, for the front end to show.
    pub fn drop_broken_guides(&mut self) -> Vec<Diagnostic> {
        let broken: HashSet<_> = self
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .filter_map(|d| match &d.location {
                super::diagnostic::Location::Span(span) => Some(span.file),
                super::diagnostic::Location::Path(_) => None,
            })
            .collect();
        self.library.guides.retain(|g| !broken.contains(&g.file));
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect()
    }
}

/// One file to load: where to show it as, where it sits (for id and area), and its bytes.
pub struct InputFile {
    /// Shown in diagnostics, e.g. `guides/mitid/x.toml`.
    pub display: String,
    /// Path relative to its guides folder, with `/` separators, e.g. `mitid/x.toml`.
    pub relative: String,
    pub bytes: Vec<u8>,
}

/// Load every `*.toml` under each path (a folder or a single file).
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut inputs = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        collect(path, &mut inputs, &mut diagnostics);
    }
    let root = add_shared_from_ancestors(paths, &mut inputs, &mut diagnostics);
    let mut loaded = load_files(inputs);
    diagnostics.append(&mut loaded.diagnostics);
    loaded.diagnostics = diagnostics;
    if let Some(root) = root {
        let mut ids = std::collections::BTreeSet::new();
        guide_ids_under(&root, GUIDE_ID_DEPTH, &mut ids);
        for guide in &loaded.library.guides {
            ids.remove(&guide.id);
        }
        loaded.library.unloaded_guides = ids;
    }
    loaded
}

/// How deep below the guides folder guide names are looked for (`guides/<area>/<id>.toml`
/// is depth 1; a little more leaves room without following a deep or looping tree).
const GUIDE_ID_DEPTH: usize = 3;

/// The ids of the guide files under `dir` (file names without `.toml`), read from names only:
/// when part of a folder is checked, a `see` may name a guide elsewhere in it.
fn guide_ids_under(dir: &Path, depth: usize, ids: &mut std::collections::BTreeSet<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth > 0 {
                guide_ids_under(&entry.path(), depth - 1, ids);
            }
        } else if let Some(id) = name.strip_suffix(".toml")
            && FileKind::of_file_name(&name) == FileKind::Guide
        {
            ids.insert(id.to_string());
        }
    }
}

/// Load the guides compiled into the binary.
pub fn load_embedded() -> Loaded {
    load_files(
        super::embedded::FILES
            .iter()
            .map(|(rel, text)| InputFile {
                display: format!("guides/{rel}"),
                relative: (*rel).to_string(),
                bytes: text.as_bytes().to_vec(),
            })
            .collect(),
    )
}

/// The files every guide relies on. When only part of a guides folder is checked (one area, one
/// file), they are taken from the nearest folder above that has them, so an author checking one
/// guide is not flooded with "rule does not exist".
const SHARED: [&str; 4] = ["rules.toml", "places.toml", "services.toml", "areas.toml"];

/// Returns the folder the shared files were taken from, if any: the whole guides folder.
fn add_shared_from_ancestors(
    paths: &[PathBuf],
    inputs: &mut Vec<InputFile>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PathBuf> {
    let mut root = None;
    for shared in SHARED {
        let present = inputs
            .iter()
            .any(|i| i.relative.rsplit('/').next() == Some(shared));
        if present {
            continue;
        }
        let found = paths.iter().find_map(|path| {
            let start = fs::canonicalize(path).ok()?;
            start
                .ancestors()
                .skip(1)
                .take(4)
                .map(|dir| dir.join(shared))
                .find(|candidate| candidate.is_file())
        });
        if let Some(file) = found {
            if root.is_none() {
                root = file.parent().map(Path::to_path_buf);
            }
            read_one(&file, shared.to_string(), inputs, diags);
        }
    }
    root
}

fn collect(root: &Path, inputs: &mut Vec<InputFile>, diags: &mut Vec<Diagnostic>) {
    let shown = root.display().to_string();
    let meta = match fs::metadata(root) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            diags.push(Diagnostic::at_path(Finding::PathNotFound, shown));
            return;
        }
        Err(err) => {
            diags.push(Diagnostic::at_path(
                Finding::Unreadable {
                    error: err.to_string(),
                },
                shown,
            ));
            return;
        }
    };
    if meta.is_file() {
        let relative = match (root.parent().and_then(Path::file_name), root.file_name()) {
            (Some(dir), Some(name)) => {
                format!("{}/{}", dir.to_string_lossy(), name.to_string_lossy())
            }
            (_, name) => name.map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        };
        read_one(root, relative, inputs, diags);
        return;
    }
    let before = inputs.len();
    let mut seen = HashSet::new();
    walk_dir(root, root, &mut seen, inputs, diags);
    if inputs.len() == before {
        diags.push(Diagnostic::at_path(Finding::EmptyFolder, shown));
    }
}

fn walk_dir(
    root: &Path,
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    inputs: &mut Vec<InputFile>,
    diags: &mut Vec<Diagnostic>,
) {
    // Symlink loops end here: a folder already visited (by its real path) is not entered again.
    match fs::canonicalize(dir) {
        Ok(real) => {
            if !seen.insert(real) {
                return;
            }
        }
        Err(err) => {
            diags.push(Diagnostic::at_path(
                Finding::Unreadable {
                    error: err.to_string(),
                },
                dir.display().to_string(),
            ));
            return;
        }
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diags.push(Diagnostic::at_path(
                Finding::Unreadable {
                    error: err.to_string(),
                },
                dir.display().to_string(),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.as_deref().is_none_or(|n| n.starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            walk_dir(root, &path, seen, inputs, diags);
        } else if path.extension().is_some_and(|e| e == "toml") {
            // The root folder's own name leads the relative path, so a guide directly in the
            // folder given (`check guides/mitid`) gets that folder as its area, the same as
            // when the file itself is given.
            let root_name = fs::canonicalize(root)
                .ok()
                .and_then(|r| r.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_default();
            let inner = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let relative = format!("{root_name}/{inner}");
            read_one(&path, relative, inputs, diags);
        }
    }
}

fn read_one(
    path: &Path,
    relative: String,
    inputs: &mut Vec<InputFile>,
    diags: &mut Vec<Diagnostic>,
) {
    match crate::fsio::read_regular(path, crate::fsio::MAX_INPUT_BYTES) {
        Ok(bytes) => inputs.push(InputFile {
            display: path.display().to_string(),
            relative,
            bytes,
        }),
        // Found while walking a folder, so the entry is there: a dangling link.
        Err(crate::fsio::ReadError::NotFound) => diags.push(Diagnostic::at_path(
            Finding::Unreadable {
                error: "dangling link / link uden mål".to_string(),
            },
            path.display().to_string(),
        )),
        Err(err) => diags.push(Diagnostic::at_path(
            read_finding(err),
            path.display().to_string(),
        )),
    }
}

/// The finding for a file that could not be read.
pub fn read_finding(err: crate::fsio::ReadError) -> Finding {
    use crate::fsio::ReadError;
    match err {
        ReadError::NotFound => Finding::PathNotFound,
        ReadError::NotRegular => Finding::NotRegularFile,
        ReadError::TooLarge { limit } => Finding::FileTooLarge {
            limit_kb: limit / 1024,
        },
        ReadError::Io(err) => Finding::Unreadable {
            error: err.to_string(),
        },
    }
}

/// Parse and assemble files that are already in memory.
pub fn load_files(files: Vec<InputFile>) -> Loaded {
    let mut loaded = Loaded::default();
    let mut firsts = Firsts::default();
    for input in files {
        let text = match String::from_utf8(input.bytes) {
            Ok(text) => text,
            Err(err) => {
                // The byte order mark is dropped from the text, so the offset moves with it.
                let bom = if err.as_bytes().starts_with(b"\xEF\xBB\xBF") {
                    3
                } else {
                    0
                };
                let valid = err.utf8_error().valid_up_to().saturating_sub(bom);
                let lossy = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let file = loaded.sources.add(SourceFile::new(input.display, lossy));
                loaded.diagnostics.push(Diagnostic::error(
                    Finding::NotUtf8,
                    Span::new(file, valid..valid + 1),
                ));
                continue;
            }
        };
        let source = Arc::new(SourceFile::new(input.display, text));
        let identity = identity(&input.relative, &source);
        let kind = FileKind::of_file_name(input.relative.rsplit('/').next().unwrap_or_default());
        let file = loaded.sources.add_shared(Arc::clone(&source));
        let text = source.text.as_str();
        let Some(parsed) = parse(kind, file, text, identity, &mut loaded.diagnostics) else {
            continue;
        };
        firsts.add(parsed, &mut loaded);
    }
    loaded
}

fn identity(relative: &str, source: &Arc<SourceFile>) -> GuideIdentity {
    let mut parts: Vec<&str> = relative.split('/').collect();
    let file_name = parts.pop().unwrap_or_default();
    let id = file_name
        .strip_suffix(".toml")
        .unwrap_or(file_name)
        .to_string();
    let area = parts.last().map_or("generelt", |a| a).to_string();
    GuideIdentity {
        id,
        area,
        hash: ContentHash::of_file(Arc::clone(source)),
    }
}

/// The first definition of each id, to report duplicates across files.
#[derive(Default)]
struct Firsts {
    guides: BTreeMap<String, Span>,
}

impl Firsts {
    fn add(&mut self, parsed: Parsed, loaded: &mut Loaded) {
        let lib = &mut loaded.library;
        let diags = &mut loaded.diagnostics;
        let sources = &loaded.sources;
        match parsed {
            Parsed::Guide(parts, rules) => {
                let span = Span::file_start(parts.file);
                if let Some(first) = self.guides.get(&parts.id) {
                    diags.push(
                        Diagnostic::error(
                            Finding::DuplicateId {
                                id: parts.id.clone(),
                                what: What::Guide,
                                first: sources.location(first),
                            },
                            span,
                        )
                        .with_related(first.clone(), RelatedLabel::FirstDefinedHere),
                    );
                } else {
                    self.guides.insert(parts.id.clone(), span);
                    // The guide id is the file name and is written to the case log.
                    if let Some(finding) = super::ids::id_finding(&parts.id, What::Guide) {
                        diags.push(Diagnostic::error(finding, Span::file_start(parts.file)));
                    }
                    lib.guides.push(Arc::new(Guide::new(*parts)));
                }
                insert_all(&mut lib.rules, rules, |r| &r.id, What::Rule, sources, diags);
            }
            Parsed::Rules(rules) => {
                insert_all(&mut lib.rules, rules, |r| &r.id, What::Rule, sources, diags);
            }
            Parsed::Places(places) => {
                insert_all(
                    &mut lib.places,
                    places,
                    |p| &p.id,
                    What::Place,
                    sources,
                    diags,
                );
            }
            // Site files are read by `site::apply_site`, never from a guides folder.
            Parsed::Site(_) => {}
            Parsed::Translation(translation) => {
                let first = lib
                    .translations
                    .iter()
                    .find(|t| t.lang == translation.lang && t.target == translation.target);
                match first {
                    // Two files for one guide and language: the first read is used.
                    Some(first) => diags.push(
                        Diagnostic::error(
                            Finding::TranslationDuplicate {
                                file: translation.target.translation_file_name(translation.lang),
                                first: sources.location(&Span::file_start(first.file)),
                            },
                            Span::file_start(translation.file),
                        )
                        .with_related(Span::file_start(first.file), RelatedLabel::FirstDefinedHere),
                    ),
                    None => lib.translations.push(*translation),
                }
            }
            Parsed::Areas(areas) => {
                insert_all(&mut lib.areas, areas, |a| &a.id, What::Area, sources, diags);
            }
            Parsed::Services(services) => {
                insert_all(
                    &mut lib.services,
                    services,
                    |s| &s.id,
                    What::Service,
                    sources,
                    diags,
                );
            }
        }
    }
}

fn insert_all<T>(
    map: &mut BTreeMap<String, T>,
    items: Vec<T>,
    id: fn(&T) -> &Text,
    what: What,
    sources: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) {
    for item in items {
        let key = id(&item).value.clone();
        if let Some(first) = map.get(&key) {
            diags.push(
                Diagnostic::error(
                    Finding::DuplicateId {
                        id: key,
                        what,
                        first: sources.location(&id(first).span),
                    },
                    id(&item).span.clone(),
                )
                .with_related(id(first).span.clone(), RelatedLabel::FirstDefinedHere),
            );
        } else {
            map.insert(key, item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{InputFile, load_files};
    use crate::guide::source::content_hash;

    /// The hash a loaded guide carries (computed on first use) is the one case logs hold.
    #[test]
    fn a_loaded_guide_has_the_same_hash_as_before() {
        let lf = concat!(
            "format = 1\n[guide]\ntitle = \"Æble\"\nsummary = \"s\"\nstart = \"a\"\n",
            "reviewed = 2026-11-01\nsources = [\"x\"]\n[steps.a]\nask = \"?\"\n",
            "choices = [{ label = \"Ja\", next = \"b\" }]\n[outcomes.b]\nkind = \"guide\"\n",
            "title = \"t\"\nhelper = \"h\"\n",
        );
        let crlf = lf.replace('\n', "\r\n");
        // A byte order mark is not content: it is dropped before hashing.
        let bom = format!("\u{feff}{crlf}");
        for text in [lf, &crlf, &bom] {
            let loaded = load_files(vec![InputFile {
                display: String::from("g/x.toml"),
                relative: String::from("g/x.toml"),
                bytes: text.as_bytes().to_vec(),
            }]);
            let guide = &loaded.library.guides[0];
            assert_eq!(guide.hash.as_str(), "65d9c12c3872cb96", "{text:?}");
            assert_eq!(guide.hash.to_string(), "65d9c12c3872cb96");
            assert_eq!(format!("{:?}", guide.hash), "\"65d9c12c3872cb96\"");
        }
    }

    /// Case logs store this value as the guide version: it must stay the same, byte for byte.
    #[test]
    fn content_hash_values_never_change() {
        let lf = "format = 1\n\n[guide]\ntitle = \"Æble\"\n";
        let crlf = "format = 1\r\n\r\n[guide]\r\ntitle = \"Æble\"\r\n";
        assert_eq!(content_hash(lf), "d4fccbaed1aa62f4");
        assert_eq!(content_hash(crlf), "d4fccbaed1aa62f4");
        // A lone `\r` is kept; only `\r\n` is a line ending.
        assert_eq!(content_hash("a\rb\r\n\r"), "aa5f3540095bb52f");
        assert_eq!(content_hash(""), "01ba4719c80b6fe9");
    }

    /// The hash as first written: every piece between `\r\n`s, each followed by `\n`.
    fn reference(text: &str) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        for piece in text.split("\r\n") {
            hasher.update(piece.as_bytes());
            hasher.update(b"\n");
        }
        let digest = hasher.finalize();
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }

    proptest::proptest! {
        #[test]
        fn content_hash_matches_the_reference(text in "[a\r\næ]{0,40}") {
            proptest::prop_assert_eq!(content_hash(&text), reference(&text));
        }
    }
}
