//! Every word the program says, in one Fluent catalogue per language (`assets/i18n/<code>/`, a
//! `.ftl` file per area of the program), embedded in the binary and looked up by message id.
//!
//! Fluent (Project Fluent, `fluent-bundle`) rather than hand-kept tables: its plural rules are
//! CLDR's for each language (Ukrainian and Arabic need more than "one"/"other"), its `.ftl` files
//! are what translators and platforms such as Weblate already edit, and a translation can choose
//! its own word order and forms without a code change. A program language is its file plus its
//! entry in [`crate::lang::LANGUAGES`]; `build.rs` embeds every `.ftl` it finds.
//!
//! A message missing from a catalogue falls back to English, then Danish: someone who chose a
//! program language other than Danish reads English more likely than Danish. The tests keep the
//! Danish and English catalogues complete, so the fallback only ever serves a newer language.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;

use crate::lang::Language;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_catalogues.rs"));
}

/// The arguments of one message (`$path`, `$count` …).
pub type Args<'a> = FluentArgs<'a>;

/// A message id, with its arguments given as `name = value`:
/// `tr!(lang, "report-missing", path = shown)`. Values are strings or numbers; a number chooses
/// the plural form where the message has one.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal $(,)?) => {
        $crate::present::catalogue::text($lang, $id, None)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::present::catalogue::Args::new();
        $( args.set(stringify!($name), $value); )+
        $crate::present::catalogue::text($lang, $id, Some(&args))
    }};
}

struct Catalogue {
    code: &'static str,
    bundle: FluentBundle<FluentResource>,
}

fn catalogues() -> &'static [Catalogue] {
    static CATALOGUES: OnceLock<Vec<Catalogue>> = OnceLock::new();
    CATALOGUES.get_or_init(|| {
        (embedded::CATALOGUES.iter())
            .map(|(code, source)| Catalogue {
                code,
                bundle: bundle(code, source),
            })
            .collect()
    })
}

fn bundle(code: &str, source: &str) -> FluentBundle<FluentResource> {
    let locale = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // No Unicode isolation marks around arguments: they show as boxes in some terminals.
    bundle.set_use_isolating(false);
    // A catalogue with a syntax error still serves its good messages (the tests catch the rest).
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(res, _)| res);
    // Duplicate ids keep the first; the tests reject them.
    let _ = bundle.add_resource(resource);
    bundle
}

fn catalogue(code: &str) -> Option<&'static Catalogue> {
    catalogues().iter().find(|c| c.code == code)
}

/// The message `id` in `lang` (falling back to English, then Danish), with `args`. An id no
/// catalogue holds comes back as itself, so it is seen and not silently blank.
pub fn text(lang: impl Into<Language>, id: &str, args: Option<&Args<'_>>) -> String {
    let code = lang.into().code();
    for candidate in [code, "en", "da"] {
        let Some(catalogue) = catalogue(candidate) else {
            continue;
        };
        let Some(pattern) = catalogue.bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let text = catalogue.bundle.format_pattern(pattern, args, &mut errors);
        return text.into_owned();
    }
    id.to_string()
}

/// The languages that have a catalogue, by code.
pub fn codes() -> Vec<&'static str> {
    catalogues().iter().map(|c| c.code).collect()
}

/// Whether `lang` has a catalogue of its own (not only the fallback).
pub fn has_catalogue(lang: Language) -> bool {
    catalogue(lang.code()).is_some()
}

/// A catalogue's source and its syntax errors, for the tests (`None` for an unknown code).
pub fn parse_errors(code: &str) -> Option<Vec<String>> {
    let (_, source) = embedded::CATALOGUES.iter().find(|(c, _)| *c == code)?;
    Some(match FluentResource::try_new(source.to_string()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    })
}

/// Every message in a catalogue with the variables it uses, in file order (duplicates kept, so
/// a test can find them).
pub fn messages(code: &str) -> Vec<(String, BTreeSet<String>)> {
    let Some((_, source)) = embedded::CATALOGUES.iter().find(|(c, _)| *c == code) else {
        return Vec::new();
    };
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(res, _)| res);
    (resource.entries())
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => {
                let mut vars = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    pattern_vars(pattern, &mut vars);
                }
                for attribute in &message.attributes {
                    pattern_vars(&attribute.value, &mut vars);
                }
                Some((message.id.name.to_string(), vars))
            }
            _ => None,
        })
        .collect()
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_vars(argument, vars);
            }
            for named in &arguments.named {
                inline_vars(&named.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(tr!(Lang::Da, "count-cases", count = 1), "1 sag");
        assert_eq!(tr!(Lang::Da, "count-cases", count = 2), "2 sager");
        assert_eq!(tr!(Lang::En, "count-cases", count = 1), "1 case");
        assert_eq!(tr!(Lang::En, "count-cases", count = 2), "2 cases");
        assert_eq!(tr!(Lang::En, "count-cases", count = 0), "0 cases");
    }

    #[test]
    fn an_unknown_id_shows_itself_and_a_language_without_catalogue_falls_back_to_english() {
        assert_eq!(text(Lang::Da, "no-such-message", None), "no-such-message");
        let ukrainian = Language::from_code("uk").unwrap();
        if !has_catalogue(ukrainian) {
            assert_eq!(
                tr!(ukrainian, "count-cases", count = 2),
                tr!(Lang::En, "count-cases", count = 2)
            );
        }
    }
}
