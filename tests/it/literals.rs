//! Every word the program says comes from the message catalogue (assets/i18n/<code>/*.ftl): this
//! test reads every source file in src/ and fails on Danish or English prose in a string literal
//! outside it, and on `pick(da, en)`, the two-language mechanism the catalogue replaces.
//!
//! The move into the catalogue is under way, so the files that still hold prose are listed with
//! how many such literals each has (tests/data/prose-outside-catalogue.txt). The list only
//! shrinks: a file gaining a literal fails, a file not on the list fails, and a file with fewer
//! literals than listed fails too, so the list is tightened in the same commit that moves text.
//!
//! What counts as prose: a literal of two or more words (after `{placeholders}` are removed) with
//! at least one common Danish or English function word, or any literal with æ, ø or å. Not
//! counted: comments, `#[cfg(test)]` modules at the end of a file, developer-only text
//! (`#[error(…)]` Display for logs, `expect`/`panic!`/`assert!` messages), SQL, and a literal on a
//! line marked `// not-prose: <why>` (or the line after such a comment). Files that hold word
//! lists as data (names for the privacy lint) are named in `DATA_FILES` with the reason.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::files::rust_files;

const BASELINE: &str = "tests/data/prose-outside-catalogue.txt";

/// Files whose literals are data, not text shown to anyone.
const DATA_FILES: &[(&str, &str)] = &[(
    "src/privacy/names.rs",
    "first names and surnames the privacy lint looks for in guide ids",
)];

const FUNCTION_WORDS: &[&str] = &[
    // English
    "the", "a", "an", "is", "are", "not", "no", "of", "to", "in", "on", "for", "with", "and", "or",
    "be", "can", "this", "that", "was", "it", "its", "you", "your", "has", "have", "at", "from",
    "by", "as", "if", "do", "does", "will", // Danish
    "er", "og", "ikke", "en", "et", "på", "til", "med", "der", "som", "du", "kan", "har", "af",
    "den", "det", "de", "fra", "om", "så", "vil", "skal", "må", "eller", "hvis", "ingen",
];

const SQL_WORDS: &[&str] = &[
    "SELECT", "INSERT", "CREATE", "UPDATE", "DELETE", "PRAGMA", "WHERE", "ALTER", "DROP", "BEGIN",
    "COMMIT", "AND", "NOT", "GLOB", "BETWEEN", "ATTACH", "FROM", "IS", "GROUP", "ORDER", "JOIN",
    "VALUES", "INTO", "SET", "CASE", "WHEN", "THEN", "END", "NULL", "TRIGGER",
];

/// Macros and calls whose string is for developers, not users.
const DEVELOPER_TEXT: &[&str] = &[
    "#[error(",
    "expect(",
    "panic!(",
    "unreachable!(",
    "assert!(",
    "assert_eq!(",
    "assert_ne!(",
    "debug_assert!(",
];

/// One string literal: where it starts (byte offset of its text) and its text as written.
struct Literal<'a> {
    at: usize,
    text: &'a str,
}

/// The string literals of a Rust source, skipping comments and char literals.
fn literals(src: &str) -> Vec<Literal<'_>> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let ident = |i: usize| i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
    while i < bytes.len() {
        let rest = &src[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
        } else if !ident(i)
            && (rest.starts_with("r\"") || rest.starts_with("r#") || rest.starts_with("br"))
        {
            let after_r = if rest.starts_with("br") { 2 } else { 1 };
            let hashes = rest[after_r..].bytes().take_while(|&b| b == b'#').count();
            if rest[after_r + hashes..].starts_with('"') {
                let start = i + after_r + hashes + 1;
                let close = format!("\"{}", "#".repeat(hashes));
                let end = src[start..].find(&close).map_or(src.len(), |e| start + e);
                out.push(Literal {
                    at: start,
                    text: &src[start..end],
                });
                i = end + close.len();
            } else {
                i += 1;
            }
        } else if bytes[i] == b'"' {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            let end = j.min(bytes.len());
            out.push(Literal {
                at: start,
                text: &src[start..end],
            });
            i = end + 1;
        } else if bytes[i] == b'\'' {
            // A char literal ('a', '\n', '\u{e6}', '"') is skipped whole; a lifetime is not one.
            let close = rest[1..].char_indices().take(12).find(|&(_, c)| c == '\'');
            match close {
                Some((k, _)) if k > 0 && (k <= 4 || rest[1..].starts_with('\\')) => i += k + 2,
                _ => i += 1,
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The literal's text without `{…}` placeholders.
fn without_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => {
                depth -= 1;
                out.push(' ');
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_prose(text: &str) -> bool {
    let plain = without_placeholders(&text.replace("\\n", " "));
    let tokens: Vec<&str> = plain.split_whitespace().collect();
    if tokens.iter().any(|t| SQL_WORDS.contains(t)) {
        return false;
    }
    // A word is letters only, with punctuation around it; `not-a-log` or `reviewed_by` is an id.
    let words: Vec<String> = tokens
        .iter()
        .map(|t| t.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect();
    let danish = words.iter().any(|w| w.contains(['æ', 'ø', 'å']));
    danish || (words.len() >= 2 && words.iter().any(|w| FUNCTION_WORDS.contains(&w.as_str())))
}

fn line_of(src: &str, at: usize) -> usize {
    src[..at].matches('\n').count()
}

/// The prose literals and `pick(` calls of one file, as (line, text).
fn prose_in(src: &str) -> Vec<(usize, String)> {
    let body = match src.find("#[cfg(test)]\nmod ") {
        Some(cut) => &src[..cut],
        None => src,
    };
    let lines: Vec<&str> = body.lines().collect();
    let marked = |line: usize| {
        lines.get(line).is_some_and(|l| l.contains("// not-prose:"))
            || (line > 0 && lines[line - 1].trim_start().starts_with("// not-prose:"))
    };
    let mut out = Vec::new();
    for lit in literals(body) {
        let before = body[..lit.at - 1].trim_end();
        let developer = DEVELOPER_TEXT.iter().any(|d| before.ends_with(d));
        let line = line_of(body, lit.at);
        if !developer && !marked(line) && is_prose(lit.text) {
            out.push((line + 1, lit.text.to_string()));
        }
    }
    for (at, _) in body.match_indices(".pick(") {
        out.push((line_of(body, at) + 1, String::from("a `pick(da, en)` call")));
    }
    out
}

fn baseline(root: &Path) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(root.join(BASELINE)).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (count, path) = l.trim().split_once(' ').unwrap();
            (path.trim().to_string(), count.parse().unwrap())
        })
        .collect()
}

#[test]
fn no_prose_outside_the_catalogue_beyond_the_shrinking_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = rust_files(&root.join("src"));
    let allowed = baseline(root);
    let names: Vec<String> = (files.iter())
        .map(|p| {
            p.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let mut problems = Vec::new();
    for (path, name) in files.iter().zip(&names) {
        if DATA_FILES.iter().any(|(f, _)| f == name) {
            continue;
        }
        let src = std::fs::read_to_string(path).unwrap();
        let prose = prose_in(&src);
        let limit = allowed.get(name).copied().unwrap_or(0);
        if prose.len() > limit {
            let shown: Vec<String> = prose
                .iter()
                .map(|(line, text)| format!("    {name}:{line}: {text:?}"))
                .collect();
            problems.push(format!(
                "{name}: {} literal(s) of prose, {limit} allowed — move the new text into \
                 assets/i18n/da/ and en/ and use tr!(…):\n{}",
                prose.len(),
                shown.join("\n")
            ));
        } else if prose.len() < limit {
            problems.push(format!(
                "{name}: {} literal(s) of prose now, {limit} listed — lower its line in {BASELINE} \
                 to {} (the list only shrinks)",
                prose.len(),
                prose.len()
            ));
        }
    }
    for name in allowed.keys() {
        if !names.contains(name) {
            problems.push(format!(
                "{name} is listed in {BASELINE} but does not exist: remove its line"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scanner_finds_prose_and_leaves_ids_sql_and_developer_text() {
    let src = r##"
fn f(lang: Lang) {
    let a = "the file does not exist";
    let b = "filen findes ikke";
    let c = "Må ikke";
    let d = format!("{path}: {count} sager er ikke gemt");
    let e = lang.pick("Sager", "Cases");
    let f = r#"ikke en fil, "sagt" med citat"#;
    let id = "report-error-not-a-file";
    let key = "reviewed_by";
    let sql = "SELECT guide FROM cases WHERE started >= ?";
    let c = 'a';
    let q = '"';
    let life: &'static str = "x";
    // "a comment is not prose"
    /* "nor is this" */
    let marked = "no such table"; // not-prose: matched against SQLite's own message
    let v = x.expect("the value is always there");
}
#[derive(Error)]
enum E {
    #[error("{path}: the file does not exist")]
    Missing,
}
#[cfg(test)]
mod tests {
    const T: &str = "a test's input is not counted";
}
"##;
    let found: Vec<String> = prose_in(src).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        found,
        [
            "the file does not exist",
            "filen findes ikke",
            "Må ikke",
            "{path}: {count} sager er ikke gemt",
            "ikke en fil, \"sagt\" med citat",
            "a `pick(da, en)` call",
        ],
        "{found:#?}"
    );
}
