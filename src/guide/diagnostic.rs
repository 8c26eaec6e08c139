//! A diagnostic: severity, where, what, and what to do. Rendered like cargo's errors, or as JSON.

use super::finding::Finding;
use super::source::{SourceMap, Span};
use crate::lang::Lang;

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

    pub fn json_name(self) -> &'static str {
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
    /// Other places the diagnostic marks (where a duplicate was first defined).
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn error(finding: Finding, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Error,
            finding,
            location: Location::Span(span),
            related: Vec::new(),
        }
    }

    pub fn warning(finding: Finding, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            finding,
            location: Location::Span(span),
            related: Vec::new(),
        }
    }

    pub fn at_path(finding: Finding, path: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            finding,
            location: Location::Path(path.into()),
            related: Vec::new(),
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

    /// The same diagnostic with a second place marked, e.g. where an id was first defined.
    pub fn with_related(mut self, span: Span, label: RelatedLabel) -> Self {
        self.related.push(Related { span, label });
        self
    }
}

/// What a second marked place in a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelatedLabel {
    FirstDefinedHere,
}

impl RelatedLabel {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            RelatedLabel::FirstDefinedHere => {
                lang.pick("først defineret her", "first defined here")
            }
        }
    }
}

/// A second place a diagnostic points to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub label: RelatedLabel,
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
