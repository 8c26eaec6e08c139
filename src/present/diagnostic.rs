//! A guide diagnostic as the user sees it: the cargo-style text block (annotate-snippets, with
//! the level words in the user's language) and the JSON object of `check --format json`. The
//! guide layer only says what was found and where; the words and the layout are here.

use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde_json::json;

use super::Explain;
use crate::guide::source::{FileId, SourceMap, Span};
use crate::guide::{Diagnostic, Location, Severity};
use crate::lang::Lang;
use crate::text::visible_line;

/// How a [`Diagnostic`] is shown.
pub trait Show {
    /// The cargo-style text block, rendered by annotate-snippets: headline with the level word
    /// in the user's language, `--> file:line:col`, the source line with the span marked, the
    /// place it was first defined (for a duplicate), and a hint.
    fn render(&self, sources: &SourceMap, lang: Lang, color: bool) -> String;
    /// The object `check --format json` writes for it.
    fn to_json(&self, sources: &SourceMap, lang: Lang) -> serde_json::Value;
}

impl Show for Diagnostic {
    fn render(&self, sources: &SourceMap, lang: Lang, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        }
        .with_name(self.severity.label(lang));
        let title = level
            .primary_title(visible_line(&self.finding.message(lang)))
            .id(self.finding.code());
        let mut group = Group::with_title(title);
        match &self.location {
            Location::Path(path) => group = group.element(Origin::path(visible_line(path))),
            Location::Span(span) => {
                let mut marks = vec![Mark {
                    span,
                    kind: AnnotationKind::Primary,
                    label: None,
                }];
                marks.extend(self.related.iter().map(|related| Mark {
                    span: &related.span,
                    kind: AnnotationKind::Context,
                    label: Some(related.label.text(lang)),
                }));
                // The primary span's file first, then any other file a related span is in.
                let mut files = vec![span.file];
                for related in &self.related {
                    if !files.contains(&related.span.file) {
                        files.push(related.span.file);
                    }
                }
                for file in files {
                    let in_file: Vec<&Mark> =
                        marks.iter().filter(|m| m.span.file == file).collect();
                    match snippet(sources, file, &in_file) {
                        Some(snippet) => group = group.element(snippet),
                        None => {
                            let path = sources.get(file).map_or("?", |f| f.path.as_str());
                            group = group.element(Origin::path(visible_line(path)));
                        }
                    }
                }
            }
        }
        let help = crate::tr!(lang, "diagnostic-help");
        if let Some(hint) = self.finding.hint(lang) {
            group = group.element(
                Level::HELP
                    .with_name(help.as_str())
                    .message(visible_line(&hint)),
            );
        }
        let renderer = if color { styled() } else { Renderer::plain() }
            // Guide lines are long prose: shown whole, as an author wrote them.
            .term_width(usize::from(u16::MAX));
        let mut out = renderer.render(&[group]);
        out.push('\n');
        out
    }

    fn to_json(&self, sources: &SourceMap, lang: Lang) -> serde_json::Value {
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

/// The colours `check` has always used: errors red, warnings yellow, the gutter and a
/// secondary mark blue, the hint cyan; bold where it names the level.
fn styled() -> Renderer {
    use anstyle::{AnsiColor, Effects};
    let bold = |colour: AnsiColor| colour.on_default().effects(Effects::BOLD);
    Renderer::styled()
        .error(bold(AnsiColor::Red))
        .warning(bold(AnsiColor::Yellow))
        .line_num(bold(AnsiColor::Blue))
        .context(bold(AnsiColor::Blue))
        .help(bold(AnsiColor::Cyan))
}

/// A span to mark in a snippet.
struct Mark<'a> {
    span: &'a Span,
    kind: AnnotationKind,
    label: Option<&'static str>,
}

/// The lines of `file` that the marks are on (and those between them, which annotate-snippets
/// folds when there are many), made visible: an escape sequence or a bidi override in a guide is
/// shown as text, never sent to the terminal. Each mark is on its first line only, as a caret
/// under the part of that line it covers (at least one column).
fn snippet<'a>(
    sources: &'a SourceMap,
    file: FileId,
    marks: &[&Mark],
) -> Option<Snippet<'a, Annotation<'a>>> {
    let source = sources.get(file)?;
    let line_of = |offset: u32| source.line_col(offset as usize).line;
    let first = marks.iter().map(|m| line_of(m.span.start)).min()?;
    let last = marks.iter().map(|m| line_of(m.span.start)).max()?;
    let mut text = String::new();
    let mut line_starts = Vec::new();
    for line in first..=last {
        if line > first {
            text.push('\n');
        }
        line_starts.push(text.len());
        text.push_str(&visible_line(source.line_text(line)));
    }
    let annotations: Vec<Annotation<'a>> = marks
        .iter()
        .map(|mark| {
            let lc = source.line_col(mark.span.start as usize);
            let original = source.line_text(lc.line);
            let before: String = original.chars().take(lc.column.saturating_sub(1)).collect();
            let span_len = (mark.span.end.saturating_sub(mark.span.start)) as usize;
            let rest = &original[before.len().min(original.len())..];
            let mut taken = 0;
            let marked: String = rest
                .chars()
                .take_while(|c| {
                    taken += c.len_utf8();
                    taken <= span_len
                })
                .collect();
            let start = line_starts[lc.line - first] + visible_line(&before).len();
            let end = start + visible_line(&marked).len();
            let annotation = mark.kind.span(start..end);
            match mark.label {
                Some(label) => annotation.label(label),
                None => annotation,
            }
        })
        .collect();
    Some(
        Snippet::source(text)
            .line_start(first)
            .path(visible_line(&source.path))
            .annotations(annotations),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::finding::Finding;
    use crate::guide::{InputFile, Loaded, load_files};

    fn file(relative: &str, text: &str) -> InputFile {
        InputFile {
            display: format!("guides/{relative}"),
            relative: relative.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn with_code<'a>(loaded: &'a Loaded, code: &str) -> &'a Diagnostic {
        loaded
            .diagnostics
            .iter()
            .find(|d| d.finding.code() == code)
            .unwrap_or_else(|| panic!("no {code} in {:?}", loaded.diagnostics))
    }

    const PLACES_A: &str = "format = 1\n\n[places.hotline]\nname = \"Hotline\"\n";
    const PLACES_B: &str = "format = 1\n# another file\n\n[places.hotline]\nname = \"Hotline 2\"\n";

    #[test]
    fn a_duplicate_marks_where_it_was_first_defined_in_the_other_file() {
        let loaded = load_files(vec![
            file("places.toml", PLACES_A),
            file("ny/places.toml", PLACES_B),
        ]);
        let duplicate = with_code(&loaded, "duplicate-id");
        assert_eq!(duplicate.related.len(), 1);
        let da = duplicate.render(&loaded.sources, Lang::Da, false);
        let expected_da = "\
fejl[duplicate-id]: Stedet `hotline` er defineret to gange
 --> guides/ny/places.toml:4:9
  |
4 | [places.hotline]
  |         ^^^^^^^
  |
 ::: guides/places.toml:3:9
  |
3 | [places.hotline]
  |         ------- først defineret her
  |
  = hjælp: første gang: guides/places.toml:3:9; giv den ene et andet id
";
        assert_eq!(da, expected_da);
        let en = duplicate.render(&loaded.sources, Lang::En, false);
        assert!(en.starts_with("error[duplicate-id]: "), "{en}");
        assert!(en.contains("------- first defined here"), "{en}");
        assert!(
            en.contains("= help: first defined at guides/places.toml:3:9"),
            "{en}"
        );
    }

    #[test]
    fn a_duplicate_answer_marks_the_first_one_in_the_same_snippet() {
        let guide = include_str!("../../tests/fixtures/clean/mitid/hjaelp-med-mitid.toml")
            .replace("label = \"Nej, men vis vej\"", "label = \"ja\"");
        let mut loaded = load_files(vec![
            file(
                "rules.toml",
                include_str!("../../tests/fixtures/clean/rules.toml"),
            ),
            file(
                "places.toml",
                include_str!("../../tests/fixtures/clean/places.toml"),
            ),
            file(
                "services.toml",
                include_str!("../../tests/fixtures/clean/services.toml"),
            ),
            file("mitid/hjaelp-med-mitid.toml", &guide),
        ]);
        let found = crate::guide::check(
            &loaded.library,
            &loaded.sources,
            crate::date::Date::new(2026, 11, 2).expect("a date"),
        );
        loaded.diagnostics.extend(found);
        let duplicate = with_code(&loaded, "duplicate-label");
        let text = duplicate.render(&loaded.sources, Lang::En, false);
        let lines: Vec<&str> = text.lines().collect();
        let first = lines
            .iter()
            .position(|l| l.contains("{ label = \"Ja\""))
            .expect("the first answer is shown");
        assert!(
            lines[first + 1].ends_with("---- first defined here"),
            "{text}"
        );
        let second = lines
            .iter()
            .position(|l| l.contains("{ label = \"ja\""))
            .expect("the clashing answer is shown");
        assert!(second > first, "{text}");
        assert!(lines[second + 1].trim_end().ends_with("^^^^"), "{text}");
        assert_eq!(text.matches("-->").count(), 1, "one snippet: {text}");
    }

    #[test]
    fn level_words_are_in_the_users_language_and_colour_is_optional() {
        let loaded = load_files(vec![file(
            "omraade/g.toml",
            "format = 1\n\n[guide]\ntitel = \"x\"\n",
        )]);
        let unknown = with_code(&loaded, "unknown-key");
        let plain = unknown.render(&loaded.sources, Lang::Da, false);
        assert!(plain.starts_with("fejl[unknown-key]: "), "{plain}");
        assert!(plain.contains("= hjælp: "), "{plain}");
        assert!(!plain.contains('\u{1b}'));
        let english = unknown.render(&loaded.sources, Lang::En, false);
        assert!(english.starts_with("error[unknown-key]: "), "{english}");
        assert!(english.contains("= help: "), "{english}");
        let coloured = unknown.render(&loaded.sources, Lang::Da, true);
        assert!(coloured.contains("\u{1b}["), "colour when asked for");
        let stripped = anstream::adapter::strip_str(&coloured).to_string();
        assert_eq!(stripped, plain, "the same text under the colour");
        let Location::Span(span) = &unknown.location else {
            panic!("a span");
        };
        let warning = Diagnostic::warning(Finding::NoTests, span.clone());
        assert!(
            warning
                .render(&loaded.sources, Lang::Da, false)
                .starts_with("advarsel[no-tests]: ")
        );
        assert!(
            warning
                .render(&loaded.sources, Lang::En, false)
                .starts_with("warning[no-tests]: ")
        );
    }

    #[test]
    fn a_hostile_source_line_is_shown_as_text_with_the_caret_under_the_key() {
        // A tab and wide letters before the key: the caret still sits under it as shown.
        let text = "format = 1\n\n[guide]\ntitle = \"a\"\n\t\"ææ\" = 1\n";
        let loaded = load_files(vec![file("omraade/g.toml", text)]);
        let unknown = with_code(&loaded, "unknown-key");
        let plain = unknown.render(&loaded.sources, Lang::Da, false);
        let lines: Vec<&str> = plain.lines().collect();
        let source = lines
            .iter()
            .position(|l| l.contains(" | ") && l.contains("ææ"))
            .expect("the source line");
        let column = lines[source].find('"').expect("key");
        let caret = lines[source + 1].find('^').expect("caret");
        assert_eq!(caret, column, "{plain}");
        assert!(!lines[source].contains('\t'), "the tab is shown as spaces");
        // An escape sequence in the file reaches the screen as text, never as a command, in
        // colour too.
        let text = "format = 1\n\n[guide]\ntitle = \"a\u{1b}[2J\"\n";
        let loaded = load_files(vec![file("omraade/g.toml", text)]);
        let syntax = with_code(&loaded, "toml-syntax");
        let shown = syntax.render(&loaded.sources, Lang::Da, true);
        let plain = anstream::adapter::strip_str(&shown).to_string();
        assert!(plain.contains("\\u{1b}[2J"), "{plain}");
        assert!(!plain.contains('\u{1b}'), "{plain:?}");
    }
}
