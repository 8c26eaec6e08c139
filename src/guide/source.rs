//! Source files and byte spans, so every diagnostic can point at `file:line:column`.

use sha2::{Digest, Sha256};
use std::fmt;
use std::ops::{Deref, Range};
use std::sync::{Arc, OnceLock};

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range inside one source file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        Span {
            file,
            start: saturate(range.start),
            end: saturate(range.end),
        }
    }

    /// A span that points at the start of a file (used for whole-file findings).
    pub fn file_start(file: FileId) -> Self {
        Span {
            file,
            start: 0,
            end: 0,
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A text from a guide file, with where it was written.
pub type Text = Sp<String>;

/// A value with the place in the source it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

impl<T> Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl Sp<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// One source file: its display path and its text (normalised to no BOM).
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    line_starts: OnceLock<Vec<usize>>,
    content_hash: OnceLock<String>,
}

/// A 1-based line and column (column counted in characters, as editors do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        // A UTF-8 byte order mark (written by some Windows editors) is not content.
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        SourceFile {
            path: path.into(),
            text,
            line_starts: OnceLock::new(),
            content_hash: OnceLock::new(),
        }
    }

    /// [`content_hash`](content_hash) of the text, computed on first use.
    pub fn content_hash(&self) -> &str {
        self.content_hash.get_or_init(|| content_hash(&self.text))
    }

    /// Computed on first use: only files with diagnostics pay for it.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// Line and column of a byte offset. Offsets inside a character or past the end are clamped.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let mut before = &self.text[starts[line]..offset];
        // The `\r` of a `\r\n` line ending is not a column: a place at the end of a line is the
        // same with either line ending.
        if self.text[offset..].starts_with('\n') {
            before = before.strip_suffix('\r').unwrap_or(before);
        }
        let column = before.chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The text of a 1-based line, without its line ending (`\n` or `\r\n`).
    pub fn line_text(&self, line: usize) -> &str {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = starts.get(line).map_or(self.text.len(), |&next| next - 1);
        self.text[start..end.max(start)].trim_end_matches('\r')
    }

    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Every file read in one load, so spans can be turned back into places.
#[derive(Debug, Default)]
pub struct SourceMap {
    /// Shared, so a guide can hash its own file when the hash is first asked for.
    files: Vec<Arc<SourceFile>>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.add_shared(Arc::new(file))
    }

    /// Add a file that something else (a guide's [`ContentHash`]) holds too.
    pub fn add_shared(&mut self, file: Arc<SourceFile>) -> FileId {
        self.files.push(file);
        FileId(saturate(self.files.len() - 1))
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize).map(|file| &**file)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// `path:line:column` of the start of a span.
    pub fn location(&self, span: &Span) -> String {
        match self.get(span.file) {
            Some(file) => {
                let lc = file.line_col(span.start as usize);
                format!("{}:{}:{}", file.path, lc.line, lc.column)
            }
            None => String::from("?"),
        }
    }
}

/// The short hash of a guide file that tells its versions apart (see
/// [`content_hash`](content_hash)). Only the case log and change alerts read it, so
/// it is computed on first use rather than for every file on every load.
#[derive(Clone)]
pub struct ContentHash(HashOf);

#[derive(Clone)]
enum HashOf {
    /// Hashed on first use, once per file.
    File(Arc<SourceFile>),
    /// Already known.
    Value(String),
}

impl ContentHash {
    pub fn of_file(file: Arc<SourceFile>) -> Self {
        ContentHash(HashOf::File(file))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            HashOf::File(file) => file.content_hash(),
            HashOf::Value(value) => value,
        }
    }
}

impl From<String> for ContentHash {
    fn from(value: String) -> Self {
        ContentHash(HashOf::Value(value))
    }
}

impl Deref for ContentHash {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for ContentHash {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ContentHash {}

impl PartialEq<str> for ContentHash {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ContentHash {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Shown as the hash itself, as when it was a `String`.
impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// A short hash of the text with line endings normalised, so a Windows checkout hashes the same.
/// The value is stored in case logs as the guide's version, so it must never change: SHA-256 of
/// the text with every `\r\n` turned into `\n` and one `\n` added, first 8 bytes in hex.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    // Hash the text between line endings in as few pieces as possible: a file with no `\r`
    // (the usual case) is one update, which lets SHA-256 run at full speed.
    let bytes = text.as_bytes();
    let (mut hashed, mut from) = (0, 0);
    // `find(char)` is a fast byte search; `\r` is ASCII, so every index here is a char boundary.
    while let Some(at) = text.get(from..).and_then(|rest| rest.find('\r')) {
        let at = from + at;
        if bytes.get(at + 1) == Some(&b'\n') {
            hasher.update(&bytes[hashed..at]);
            hasher.update(b"\n");
            hashed = at + 2;
        }
        from = at + 1;
    }
    hasher.update(&bytes[hashed..]);
    hasher.update(b"\n");
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(16);
    for b in digest.iter().take(8) {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let f = SourceFile::new("x.toml", "a = 1\nø = \"æ\" x\n");
        let x = f.text.find('x').unwrap();
        assert_eq!(f.line_col(x), LineCol { line: 2, column: 9 });
        assert_eq!(f.line_text(2), "ø = \"æ\" x");
    }

    #[test]
    fn crlf_lines_match_lf_lines() {
        let lf = SourceFile::new("a", "x = 1\ny = oops\n");
        let crlf = SourceFile::new("b", "x = 1\r\ny = oops\r\n");
        let at = |f: &SourceFile| f.line_col(f.text.find("oops").unwrap());
        assert_eq!(at(&lf), at(&crlf));
        assert_eq!(crlf.line_text(2), "y = oops");
    }

    #[test]
    fn the_end_of_a_crlf_line_has_the_same_column_as_the_end_of_an_lf_line() {
        let lf = SourceFile::new("a", "x = \"open\ny = 1\n");
        let crlf = SourceFile::new("b", "x = \"open\r\ny = 1\r\n");
        let end = |f: &SourceFile| f.line_col(f.text.find('\n').unwrap());
        assert_eq!(
            end(&lf),
            LineCol {
                line: 1,
                column: 10
            }
        );
        assert_eq!(end(&crlf), end(&lf));
        assert_eq!(crlf.line_col(crlf.text.find('\r').unwrap()), end(&lf));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let f = SourceFile::new("a", "\u{feff}format = 1");
        assert_eq!(f.text, "format = 1");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_are_clamped() {
        let f = SourceFile::new("a", "æ");
        assert_eq!(f.line_col(1), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(99), LineCol { line: 1, column: 2 });
        assert_eq!(f.line_text(7), "");
    }
}
