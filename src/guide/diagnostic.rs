//! A diagnostic: severity, where, what, and what to do. Rendered like cargo's errors, or as JSON.

use std::fmt::Write as _;

use serde_json::json;
use unicode_width::UnicodeWidthStr;

use super::finding::Finding;
use super::source::{SourceMap, Span};
use crate::lang::Lang;
use crate::text::visible_line;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("fejl", "error"),
            Severity::Warning => lang.pick("advarsel", "warning"),
        }
    }

    fn json_name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a diagnostic points: a span in a file that was read, or a path that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Span(Span),
    Path(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub finding: Finding,
    pub location: Location,
}

impl Diagnostic {
    pub fn error(finding: Finding, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Error,
            finding,
            location: Location::Span(span),
        }
    }

    pub fn warning(finding: Finding, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            finding,
            location: Location::Span(span),
        }
    }

    pub fn at_path(finding: Finding, path: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            finding,
            location: Location::Path(path.into()),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file this diagnostic is about, as shown to the user.
    pub fn path<'a>(&'a self, sources: &'a SourceMap) -> &'a str {
        match &self.location {
            Location::Span(span) => sources.get(span.file).map_or("?", |f| f.path.as_str()),
            Location::Path(path) => path,
        }
    }

    /// 1-based line and column, when the diagnostic points into a file.
    pub fn line_col(&self, sources: &SourceMap) -> Option<(usize, usize)> {
        let Location::Span(span) = &self.location else {
            return None;
        };
        let lc = sources.get(span.file)?.line_col(span.start as usize);
        Some((lc.line, lc.column))
    }

    /// The cargo-style text block: headline, `--> file:line:col`, the source line, a caret, a hint.
    pub fn render(&self, sources: &SourceMap, lang: Lang, color: bool) -> String {
        let paint = Paint(color);
        let sev_style = match self.severity {
            Severity::Error => RED,
            Severity::Warning => YELLOW,
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}{}",
            paint.bold(
                sev_style,
                &format!("{}[{}]", self.severity.label(lang), self.finding.code())
            ),
            paint.bold(
                "",
                &format!(": {}", visible_line(&self.finding.message(lang)))
            ),
        );
        let gutter_pad;
        match &self.location {
            Location::Path(path) => {
                gutter_pad = String::from(" ");
                let _ = writeln!(
                    out,
                    "{gutter_pad}{} {}",
                    paint.fg(BLUE, "-->"),
                    visible_line(path)
                );
            }
            Location::Span(span) => {
                let file = sources.get(span.file);
                let (line, col) = self.line_col(sources).unwrap_or((1, 1));
                let number = line.to_string();
                gutter_pad = " ".repeat(number.len());
                let path = file.map_or("?", |f| f.path.as_str());
                let _ = writeln!(
                    out,
                    "{gutter_pad}{} {}:{line}:{col}",
                    paint.fg(BLUE, "-->"),
                    visible_line(path)
                );
                if let Some(file) = file {
                    let bar = paint.fg(BLUE, "|");
                    let source_line = file.line_text(line);
                    let shown = visible_line(source_line);
                    let _ = writeln!(out, "{gutter_pad} {bar}");
                    let _ = writeln!(out, "{} {bar} {shown}", paint.fg(BLUE, &number));
                    let (pad, width) = caret_columns(source_line, col, span);
                    let carets = "^".repeat(width.max(1));
                    let _ = writeln!(
                        out,
                        "{gutter_pad} {bar} {}{}",
                        " ".repeat(pad),
                        paint.bold(sev_style, &carets)
                    );
                }
            }
        }
        if let Some(hint) = self.finding.hint(lang) {
            let _ = writeln!(
                out,
                "{gutter_pad} {} {}: {}",
                paint.fg(BLUE, "="),
                paint.bold("", lang.pick("hjælp", "help")),
                visible_line(&hint)
            );
        }
        out
    }

    pub fn to_json(&self, sources: &SourceMap, lang: Lang) -> serde_json::Value {
        let (line, column) = self
            .line_col(sources)
            .map_or((None, None), |(l, c)| (Some(l), Some(c)));
        let end = match &self.location {
            Location::Span(span) => sources.get(span.file).map(|f| {
                let lc = f.line_col(span.end as usize);
                json!({ "line": lc.line, "column": lc.column })
            }),
            Location::Path(_) => None,
        };
        // Messages quote text from the file (a key, an id, a label); an editor shows them to a
        // person, so control and invisible characters are made visible as in the text output.
        json!({
            "severity": self.severity.json_name(),
            "code": self.finding.code(),
            "message": visible_line(&self.finding.message(lang)),
            "hint": self.finding.hint(lang).map(|hint| visible_line(&hint)),
            "file": self.path(sources),
            "line": line,
            "column": column,
            "end": end,
        })
    }
}

/// Display columns before the caret and the caret's width, for the first line of the span.
fn caret_columns(source_line: &str, col: usize, span: &Span) -> (usize, usize) {
    let before: String = source_line.chars().take(col.saturating_sub(1)).collect();
    let pad = visible_line(&before).width();
    let span_len = (span.end.saturating_sub(span.start)) as usize;
    let rest = &source_line[before.len().min(source_line.len())..];
    let mut taken = 0;
    let marked: String = rest
        .chars()
        .take_while(|c| {
            taken += c.len_utf8();
            taken <= span_len
        })
        .collect();
    (pad, visible_line(&marked).width())
}

const RED: &str = "31";
const YELLOW: &str = "33";
const BLUE: &str = "34";

/// ANSI styling that is a no-op when colour is off (not a terminal, or NO_COLOR).
struct Paint(bool);

impl Paint {
    fn fg(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn bold(&self, code: &str, text: &str) -> String {
        if !self.0 {
            return text.to_string();
        }
        if code.is_empty() {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            format!("\x1b[1;{code}m{text}\x1b[0m")
        }
    }
}

/// Counts for the closing summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        Tally {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}
