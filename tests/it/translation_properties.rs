//! Translation files as an author (or a broken editor) might write them: any subset of parts,
//! right and wrong `source` hashes, empty lists, lists of the wrong length, values of the wrong
//! type. `check` and applying the translation (what the app does at start with `--lang en`) must
//! never panic, and a list that does not match the Danish never replaces it.

use proptest::prelude::*;
use vejviser::date::Date;
use vejviser::guide::translation::{Target, apply, danish_parts, part_hash};
use vejviser::guide::{InputFile, Loaded, check, load_files};
use vejviser::lang::Lang;
use vejviser::present::Explain;
use vejviser::present::Show as _;

/// Cases per property (modest: the machine is small).
const CASES: u32 = 256;

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

fn input(relative: &str, text: &str) -> InputFile {
    InputFile {
        display: relative.to_string(),
        relative: relative.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

const RULES: &str = r#"format = 1
[rules.aldrig]
kind   = "must_not"
text   = "Brug aldrig en anden persons MitID."
why    = "Det er en underskrift."
source = "https://mitid.dk"
"#;

const PLACES: &str = r#"format = 1
[places.support]
name  = "MitID Support"
phone = "33 98 00 10"
"#;

const GUIDE: &str = r#"format = 1

[guide]
title    = "Prøve"
summary  = "Til test."
start    = "start"
reviewed = 2026-11-20
sources  = ["https://example.org"]

[steps.start]
ask     = "Hvad vil borgeren?"
help    = "Spørg roligt."
choices = [
  { label = "Selv", next = "selv" },
  { label = "Hjælp", next = "naeste" },
]

[steps.naeste]
ask     = "Har borgeren MitID?"
choices = [
  { label = "Ja", next = "selv" },
  { label = "Nej", next = "henvis" },
  { label = "Ved ikke", next = "henvis" },
]

[outcomes.selv]
kind   = "guide"
title  = "Borgeren gør det selv"
helper = "Vis vej."
steps  = ["Åbn siden.", "Log på."]

[outcomes.henvis]
kind   = "refer"
title  = "Henvis"
helper = "Send videre."
refer  = "support"

[[tests]]
name    = "selv"
answers = ["Selv"]
expect  = "selv"
"#;

/// The Danish files, loaded: the parts a translation can have, with their right hashes.
fn danish() -> Loaded {
    load_files(vec![
        input("rules.toml", RULES),
        input("places.toml", PLACES),
        input("omraade/proeve.toml", GUIDE),
    ])
}

/// One part of the Danish: its header, its fields (name, whether a list, how many texts) and
/// its `source` hash.
struct Part {
    header: String,
    fields: Vec<(&'static str, usize)>,
    hash: String,
}

fn parts(loaded: &Loaded, target: &Target) -> Vec<Part> {
    danish_parts(&loaded.library, target)
        .into_iter()
        .map(|(key, part)| Part {
            header: key.header(),
            fields: part
                .iter()
                .map(|(name, texts)| (*name, texts.len()))
                .collect(),
            hash: part_hash(&part),
        })
        .collect()
}

/// How a field is written.
#[derive(Clone, Debug)]
enum Value {
    Left,
    Right,
    EmptyList,
    Shorter,
    Longer,
    EmptyText,
    Integer,
    Boolean,
    Table,
    ListOfNumbers,
    Mixed,
}

fn values() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => Just(Value::Right),
        2 => Just(Value::Left),
        2 => Just(Value::EmptyList),
        1 => Just(Value::Shorter),
        1 => Just(Value::Longer),
        1 => Just(Value::EmptyText),
        1 => Just(Value::Integer),
        1 => Just(Value::Boolean),
        1 => Just(Value::Table),
        1 => Just(Value::ListOfNumbers),
        1 => Just(Value::Mixed),
    ]
}

/// How a part's `source` is written.
#[derive(Clone, Debug)]
enum Source {
    Right,
    Wrong,
    Missing,
    Integer,
    List,
}

fn sources() -> impl Strategy<Value = Source> {
    prop_oneof![
        4 => Just(Source::Right),
        1 => Just(Source::Wrong),
        1 => Just(Source::Missing),
        1 => Just(Source::Integer),
        1 => Just(Source::List),
    ]
}

/// One part as written, or left out.
#[derive(Clone, Debug)]
struct Written {
    included: bool,
    source: Source,
    /// One per field (extra entries are ignored, missing ones count as `Right`).
    values: Vec<Value>,
    extra_field: bool,
}

fn written() -> impl Strategy<Value = Written> {
    (
        proptest::bool::weighted(0.8),
        sources(),
        proptest::collection::vec(values(), 3),
        proptest::bool::weighted(0.1),
    )
        .prop_map(|(included, source, values, extra_field)| Written {
            included,
            source,
            values,
            extra_field,
        })
}

fn texts(n: usize) -> String {
    let items: Vec<String> = (0..n).map(|i| format!("\"Text {i}\"")).collect();
    format!("[{}]", items.join(", "))
}

/// A field's value as TOML. A single text that should be a list, and the reverse, come out of
/// `Shorter`/`Longer` on single fields and `Right` on lists written as one text.
fn value_toml(value: &Value, list: bool, n: usize) -> Option<String> {
    Some(match value {
        Value::Left => return None,
        Value::Right if list => texts(n),
        Value::Right => "\"Text\"".to_string(),
        Value::EmptyList => "[]".to_string(),
        Value::Shorter if list => texts(n.saturating_sub(1)),
        Value::Shorter => "[\"Text\"]".to_string(),
        Value::Longer if list => texts(n + 1),
        Value::Longer => texts(2),
        Value::EmptyText if list => format!("[{}]", vec!["\"\""; n].join(", ")),
        Value::EmptyText => "\"\"".to_string(),
        Value::Integer => "7".to_string(),
        Value::Boolean => "true".to_string(),
        Value::Table => "{ a = \"b\" }".to_string(),
        Value::ListOfNumbers => "[1, 2]".to_string(),
        Value::Mixed => "[\"Text\", 3]".to_string(),
    })
}

/// The list fields of each section: the Danish part counts only the texts there are, so
/// whether a field is a list is known from its name.
fn is_list(name: &str) -> bool {
    matches!(name, "choices" | "steps")
}

fn write(parts: &[Part], written: &[Written], orphan: bool) -> String {
    let mut out = String::from("format = 1\n");
    for (part, how) in parts.iter().zip(written) {
        if !how.included {
            continue;
        }
        out.push_str(&format!("\n{}\n", part.header));
        match how.source {
            Source::Right => out.push_str(&format!("source = \"{}\"\n", part.hash)),
            Source::Wrong => out.push_str("source = \"00000000\"\n"),
            Source::Missing => {}
            Source::Integer => out.push_str("source = 12\n"),
            Source::List => out.push_str(&format!("source = [\"{}\"]\n", part.hash)),
        }
        for (i, (name, n)) in part.fields.iter().enumerate() {
            let value = how.values.get(i).unwrap_or(&Value::Right);
            if let Some(toml) = value_toml(value, is_list(name), *n) {
                out.push_str(&format!("{name} = {toml}\n"));
            }
        }
        if how.extra_field {
            out.push_str("ekstra = \"x\"\n");
        }
    }
    if orphan {
        out.push_str("\n[steps.findes-ikke]\nsource = \"00000000\"\nask = \"Gone\"\n");
    }
    out
}

/// Load the Danish files with the written translations and check, as `vejviser check` does;
/// then render every diagnostic and apply the translation, as the app does at start.
fn load_and_apply(guide_en: &str, rules_en: &str) -> Loaded {
    let mut loaded = load_files(vec![
        input("rules.toml", RULES),
        input("places.toml", PLACES),
        input("omraade/proeve.toml", GUIDE),
        input("omraade/proeve.en.toml", guide_en),
        input("rules.en.toml", rules_en),
    ]);
    let found = check(&loaded.library, &loaded.sources, today());
    loaded.diagnostics.extend(found);
    for d in &loaded.diagnostics {
        for lang in [Lang::Da, Lang::En] {
            let _ = d.render(&loaded.sources, lang, false);
            let _ = d.finding.hint(lang);
        }
    }
    apply(&mut loaded.library, Lang::En);
    loaded
}

/// The number of choices of each step and of handout steps of each outcome, which a
/// translation must never change.
fn shape(loaded: &Loaded) -> Vec<usize> {
    let mut out = Vec::new();
    for guide in &loaded.library.guides {
        out.extend(guide.steps.iter().map(|s| s.choices.len()));
        out.extend(guide.outcomes.iter().map(|o| o.steps.len()));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn any_translation_file_checks_and_applies_without_panicking(
        guide_parts in proptest::collection::vec(written(), 5),
        rule_parts in proptest::collection::vec(written(), 1),
        orphan in proptest::bool::weighted(0.2),
    ) {
        let danish = danish();
        prop_assert!(danish.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", danish.diagnostics);
        let guide = parts(&danish, &Target::Guide("proeve".to_string()));
        let rules = parts(&danish, &Target::Shared(vejviser::guide::translation::Section::Rules));
        prop_assert_eq!(guide.len(), 5);
        prop_assert_eq!(rules.len(), 1);
        let guide_en = write(&guide, &guide_parts, orphan);
        let rules_en = write(&rules, &rule_parts, false);
        let loaded = load_and_apply(&guide_en, &rules_en);
        // The guide itself still loads, and no translation changes how many answers a step has.
        prop_assert_eq!(loaded.library.guides.len(), 1, "{}", guide_en);
        prop_assert_eq!(shape(&loaded), shape(&danish), "{}", guide_en);
    }

    #[test]
    fn random_text_as_a_translation_file_never_panics(text in "\\PC{0,300}") {
        let loaded = load_and_apply(&text, &text);
        prop_assert_eq!(loaded.library.guides.len(), 1);
    }
}

/// A part with the right `source` and an empty list (`choices = []`, `steps = []`) once
/// panicked `check` (and the app at start with `--guides`). Now it is a list-length warning at
/// the part, and the Danish is kept.
#[test]
fn an_empty_list_with_the_right_source_is_a_warning_not_a_panic() {
    let danish = danish();
    let guide = parts(&danish, &Target::Guide("proeve".to_string()));
    let all_right = || Written {
        included: true,
        source: Source::Right,
        values: vec![Value::Right; 3],
        extra_field: false,
    };
    for (part, field) in [(1, 2), (3, 2)] {
        // [steps.start] choices, [outcomes.selv] steps.
        let mut written = vec![all_right(); 5];
        written[part].values[field] = Value::EmptyList;
        let text = write(&guide, &written, false);
        assert!(text.contains("= []"), "{text}");
        let rules = parts(
            &danish,
            &Target::Shared(vejviser::guide::translation::Section::Rules),
        );
        let rules_en = write(&rules, &[all_right()], false);
        let loaded = load_and_apply(&text, &rules_en);
        let lengths: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.finding.code() == "translation-list-length")
            .collect();
        assert_eq!(lengths.len(), 1, "{text}\n{:#?}", loaded.diagnostics);
        let (line, _) = lengths[0].line_col(&loaded.sources).unwrap();
        let header_line = text.lines().position(|l| l == guide[part].header).unwrap() + 1;
        assert_eq!(line, header_line, "{text}");
        assert_eq!(shape(&loaded), shape(&danish));
        // The other parts are applied: the question of the first step is English now.
        let applied = &loaded.library.guides[0];
        assert_eq!(applied.steps[1].ask.value, "Text");
    }
}
