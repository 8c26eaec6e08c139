//! Property tests: random guide graphs, written out as TOML text and loaded like any other file.
//!
//! - A guide built to follow every rule (each step reachable from the start and with a way out,
//!   every `do` outcome behind a consent step, every refusal naming a must-not rule, every
//!   referral naming a place) loads and checks with no errors.
//! - The same guide with exactly one fault injected — a `next` that points at nothing, a group of
//!   steps that only lead to each other, a step nothing leads to, no consent step before a `do`
//!   outcome, a refusal without a must-not rule, a referral without a place — gets exactly the
//!   errors for that fault, with the right code and the right ids.
//! - Arbitrary bytes, arbitrary text and randomly damaged guides never panic the loader, the
//!   checker or the rendering of diagnostics.
//! - A walk driven by random answers, backs and restarts never panics, and its path always starts
//!   at the start step.
//!
//! Case counts are modest (see `CASES`) so the suite stays quick on a small machine.

use std::collections::BTreeSet;
use std::sync::Arc;

use proptest::prelude::*;
use vejviser::date::Date;
use vejviser::guide::{Diagnostic, InputFile, Loaded, Location, check, load_files};
use vejviser::lang::Lang;
use vejviser::present::Show as _;
use vejviser::site::Site;
use vejviser::walk::{Walk, WalkError};

/// Cases per property.
const CASES: u32 = 256;

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
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
name = "MitID Support"
"#;

// ------------------------------------------------------------------------------ the generator

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Guide,
    Do,
    Refer,
    Refuse,
    /// Policy broken on purpose: a referral that names no place.
    ReferNowhere,
    /// Policy broken on purpose: a refusal that names no must-not rule.
    RefuseWithoutRule,
}

const KINDS: [Kind; 4] = [Kind::Guide, Kind::Do, Kind::Refer, Kind::Refuse];

#[derive(Clone, Debug)]
struct StepSpec {
    id: String,
    consent: bool,
    /// Ids of the steps or outcomes the choices lead to, in order.
    next: Vec<String>,
}

/// A guide graph before it is written out.
#[derive(Clone, Debug)]
struct GuideSpec {
    steps: Vec<StepSpec>,
    outcomes: Vec<(String, Kind)>,
    /// Write choices as `[[steps.x.choices]]` tables instead of inline tables.
    table_choices: bool,
}

/// The raw random numbers a guide is built from; building is deterministic, so proptest can
/// shrink the numbers to a small failing guide.
#[derive(Clone, Debug)]
struct Seed {
    steps: usize,
    kinds: Vec<u8>,
    parents: Vec<u16>,
    exits: Vec<u16>,
    owners: Vec<u16>,
    consent: Vec<bool>,
    extras: Vec<(u16, u16)>,
    table_choices: bool,
}

fn seeds() -> impl Strategy<Value = Seed> {
    (
        1..9usize,
        prop::collection::vec(0..4u8, 1..6),
        prop::collection::vec(any::<u16>(), 9),
        prop::collection::vec(any::<u16>(), 9),
        prop::collection::vec(any::<u16>(), 6),
        prop::collection::vec(any::<bool>(), 9),
        prop::collection::vec((any::<u16>(), any::<u16>()), 0..12),
        any::<bool>(),
    )
        .prop_map(
            |(steps, kinds, parents, exits, owners, consent, extras, table_choices)| Seed {
                steps,
                kinds,
                parents,
                exits,
                owners,
                consent,
                extras,
                table_choices,
            },
        )
}

/// A guide that keeps every rule of `check`.
fn build(seed: &Seed) -> GuideSpec {
    let n = seed.steps;
    let outcomes: Vec<(String, Kind)> = seed
        .kinds
        .iter()
        .enumerate()
        .map(|(j, &k)| (format!("o{j}"), KINDS[k as usize]))
        .collect();
    let m = outcomes.len();
    let mut steps: Vec<StepSpec> = (0..n)
        .map(|i| StepSpec {
            id: format!("s{i}"),
            consent: seed.consent[i],
            next: Vec::new(),
        })
        .collect();
    let link = |steps: &mut Vec<StepSpec>, from: usize, to: usize| {
        if to < n {
            steps[from].next.push(format!("s{to}"));
        } else {
            let (id, kind) = &outcomes[to - n];
            steps[from].next.push(id.clone());
            // The last step before a `do` outcome asks for consent, so every path passes one.
            if *kind == Kind::Do {
                steps[from].consent = true;
            }
        }
    };
    // A tree from the start: every step reachable.
    for i in 1..n {
        let parent = seed.parents[i] as usize % i;
        link(&mut steps, parent, i);
    }
    // A way out from every step.
    for i in 0..n {
        link(&mut steps, i, n + seed.exits[i] as usize % m);
    }
    // Every outcome reachable.
    for j in 0..m {
        link(&mut steps, seed.owners[j] as usize % n, n + j);
    }
    // Anything else, loops and back edges included.
    for &(from, to) in &seed.extras {
        link(&mut steps, from as usize % n, to as usize % (n + m));
    }
    GuideSpec {
        steps,
        outcomes,
        table_choices: seed.table_choices,
    }
}

fn write(spec: &GuideSpec) -> String {
    let mut out = String::from(
        "format = 1\n\n[guide]\ntitle = \"Genereret guide\"\nsummary = \"Lavet af en egenskabstest.\"\n\
         start = \"s0\"\nreviewed = 2026-11-20\nsources = [\"https://example.org\"]\n",
    );
    for step in &spec.steps {
        out.push_str(&format!(
            "\n[steps.{}]\nask = \"Spørgsmål {}?\"\n",
            step.id, step.id
        ));
        if step.consent {
            out.push_str("consent = true\n");
        }
        if spec.table_choices {
            for (k, next) in step.next.iter().enumerate() {
                out.push_str(&format!(
                    "\n[[steps.{}.choices]]\nlabel = \"Svar {}\"\nnext = \"{next}\"\n",
                    step.id,
                    k + 1
                ));
            }
        } else {
            out.push_str("choices = [\n");
            for (k, next) in step.next.iter().enumerate() {
                out.push_str(&format!(
                    "  {{ label = \"Svar {}\", next = \"{next}\" }},\n",
                    k + 1
                ));
            }
            out.push_str("]\n");
        }
    }
    for (id, kind) in &spec.outcomes {
        let (code, extra) = match kind {
            Kind::Guide => ("guide", ""),
            Kind::Do => ("do", ""),
            Kind::Refer => ("refer", "refer = \"support\"\n"),
            Kind::Refuse => ("refuse", "rules = [\"aldrig\"]\n"),
            Kind::ReferNowhere => ("refer", ""),
            Kind::RefuseWithoutRule => ("refuse", ""),
        };
        out.push_str(&format!(
            "\n[outcomes.{id}]\nkind = \"{code}\"\ntitle = \"Udfald {id}\"\nhelper = \"Gør sådan.\"\n{extra}"
        ));
    }
    out
}

/// One fault to inject into a valid guide.
#[derive(Clone, Debug)]
enum Fault {
    /// A new choice on a step whose `next` names nothing.
    BrokenNext { from: u16 },
    /// `size` new steps that only lead to each other, entered from an existing step.
    DeadEnd {
        from: u16,
        size: usize,
        wiring: Vec<u16>,
    },
    /// A new step with a way out that nothing leads to.
    Unreachable { exit: u16 },
    /// No consent step anywhere, and a `do` outcome right after the start.
    NoConsent,
    /// A new outcome that breaks a policy of its kind, reached from a step.
    BadOutcome { from: u16, kind: Kind },
}

fn faults() -> impl Strategy<Value = Fault> {
    prop_oneof![
        any::<u16>().prop_map(|from| Fault::BrokenNext { from }),
        (
            any::<u16>(),
            1..4usize,
            prop::collection::vec(any::<u16>(), 6)
        )
            .prop_map(|(from, size, wiring)| Fault::DeadEnd { from, size, wiring }),
        any::<u16>().prop_map(|exit| Fault::Unreachable { exit }),
        Just(Fault::NoConsent),
        (
            any::<u16>(),
            prop_oneof![Just(Kind::ReferNowhere), Just(Kind::RefuseWithoutRule)]
        )
            .prop_map(|(from, kind)| Fault::BadOutcome { from, kind }),
    ]
}

/// The code the fault must produce and the ids it must name.
fn inject(spec: &mut GuideSpec, fault: &Fault) -> (&'static str, BTreeSet<String>) {
    let n = spec.steps.len();
    match fault {
        Fault::BrokenNext { from } => {
            let missing = String::from("findes-ikke");
            spec.steps[*from as usize % n].next.push(missing.clone());
            ("unknown-reference", BTreeSet::from([missing]))
        }
        Fault::DeadEnd { from, size, wiring } => {
            let ids: Vec<String> = (0..*size).map(|k| format!("loop{k}")).collect();
            spec.steps[*from as usize % n].next.push(ids[0].clone());
            for k in 0..*size {
                // A ring through all of them (so each is reachable), plus one more edge inside.
                let mut next = vec![ids[(k + 1) % size].clone()];
                next.push(ids[wiring[k] as usize % size].clone());
                spec.steps.push(StepSpec {
                    id: ids[k].clone(),
                    consent: false,
                    next,
                });
            }
            ("no-way-out", ids.into_iter().collect())
        }
        Fault::Unreachable { exit } => {
            let (target, _) = &spec.outcomes[*exit as usize % spec.outcomes.len()];
            spec.steps.push(StepSpec {
                id: String::from("glemt"),
                // Consent, so a `do` outcome behind it is no second finding.
                consent: true,
                next: vec![target.clone()],
            });
            ("unreachable", BTreeSet::from([String::from("glemt")]))
        }
        Fault::NoConsent => {
            for step in &mut spec.steps {
                step.consent = false;
            }
            spec.outcomes.push((String::from("brud"), Kind::Do));
            spec.steps[0].next.push(String::from("brud"));
            let ids = spec
                .outcomes
                .iter()
                .filter(|(_, kind)| *kind == Kind::Do)
                .map(|(id, _)| id.clone());
            ("do-without-consent", ids.collect())
        }
        Fault::BadOutcome { from, kind } => {
            spec.outcomes.push((String::from("brud"), *kind));
            spec.steps[*from as usize % n]
                .next
                .push(String::from("brud"));
            let code = match kind {
                Kind::ReferNowhere => "refer-without-place",
                _ => "refuse-without-must-not",
            };
            (code, BTreeSet::from([String::from("brud")]))
        }
    }
}

// ------------------------------------------------------------------------------------ helpers

fn input(relative: &str, bytes: impl Into<Vec<u8>>) -> InputFile {
    InputFile {
        display: relative.to_string(),
        relative: relative.to_string(),
        bytes: bytes.into(),
    }
}

/// Load the shared files and one guide, and check, as `vejviser check` does.
fn load_guide(bytes: impl Into<Vec<u8>>) -> Loaded {
    let mut loaded = load_files(vec![
        input("rules.toml", RULES),
        input("places.toml", PLACES),
        input("omraade/genereret.toml", bytes),
    ]);
    let found = check(&loaded.library, &loaded.sources, today());
    loaded.diagnostics.extend(found);
    loaded
}

fn errors(loaded: &Loaded) -> Vec<&Diagnostic> {
    loaded.diagnostics.iter().filter(|d| d.is_error()).collect()
}

/// The source text a diagnostic points at.
fn pointed_at<'a>(loaded: &'a Loaded, d: &Diagnostic) -> &'a str {
    let Location::Span(span) = &d.location else {
        return "";
    };
    let text = &loaded.sources.get(span.file).unwrap().text;
    &text[span.start as usize..span.end as usize]
}

/// Render every diagnostic every way; a panic here fails the property.
fn render_all(loaded: &Loaded) {
    for d in &loaded.diagnostics {
        for lang in [Lang::Da, Lang::En] {
            let _ = d.render(&loaded.sources, lang, true);
            let _ = d.render(&loaded.sources, lang, false);
            let _ = d.to_json(&loaded.sources, lang);
        }
        let _ = d.line_col(&loaded.sources);
    }
}

#[derive(Clone, Debug)]
enum Op {
    Choose(usize),
    Back,
    Restart,
    ChooseLabel(usize),
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        prop_oneof![
            6 => (0..12usize).prop_map(Op::Choose),
            2 => Just(Op::Back),
            1 => Just(Op::Restart),
            1 => (0..12usize).prop_map(Op::ChooseLabel),
        ],
        0..60,
    )
}

// --------------------------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn a_guide_that_keeps_every_rule_checks_clean(seed in seeds()) {
        let spec = build(&seed);
        let text = write(&spec);
        let loaded = load_guide(text.clone());
        let errors = errors(&loaded);
        prop_assert!(errors.is_empty(), "{text}\n{errors:#?}");
        prop_assert_eq!(loaded.library.guides.len(), 1);
        // Warnings allowed (the generated guide has no scenario tests), nothing else.
        for d in &loaded.diagnostics {
            prop_assert_eq!(d.finding.code(), "no-tests");
        }
    }

    #[test]
    fn one_injected_fault_is_caught_with_the_right_code(seed in seeds(), fault in faults()) {
        let mut spec = build(&seed);
        let (code, ids) = inject(&mut spec, &fault);
        let text = write(&spec);
        let loaded = load_guide(text.clone());
        let errors = errors(&loaded);
        prop_assert!(!errors.is_empty(), "{fault:?} not caught:\n{text}");
        let codes: BTreeSet<&str> = errors.iter().map(|d| d.finding.code()).collect();
        prop_assert_eq!(codes, BTreeSet::from([code]), "{:?}\n{}\n{:#?}", fault, text, errors);
        let named: BTreeSet<String> = errors
            .iter()
            .map(|d| pointed_at(&loaded, d).trim_matches('"').to_string())
            .collect();
        prop_assert_eq!(named, ids, "{:?}\n{}", fault, text);
        render_all(&loaded);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let loaded = load_guide(bytes);
        prop_assert!(!errors(&loaded).is_empty());
        render_all(&loaded);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}|(?s).{0,400}") {
        let loaded = load_guide(text);
        render_all(&loaded);
    }

    #[test]
    fn a_damaged_guide_never_panics(
        seed in seeds(),
        at in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        insert in "(?s).{0,12}|[\\[\\]{}=\"',.\\n\\\\]{1,6}",
    ) {
        let text = write(&build(&seed));
        // Replace a stretch of the text with something else, on character boundaries.
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let from = bounds[at.index(bounds.len())];
        let to = bounds[cut.index(bounds.len())].max(from);
        let to = to.min(from + 40);
        let to = *bounds.iter().find(|&&b| b >= to).unwrap();
        let damaged = format!("{}{insert}{}", &text[..from], &text[to..]);
        let loaded = load_guide(damaged);
        render_all(&loaded);
        // Whatever survives can be walked from its start.
        for guide in &loaded.library.guides {
            if let Ok(mut walk) = Walk::new(Arc::clone(guide), Site::default()) {
                for n in 1..4 {
                    let _ = walk.choose(n);
                }
            }
        }
    }

    #[test]
    fn a_random_walk_never_panics_and_its_path_starts_at_the_start(
        seed in seeds(),
        ops in ops(),
    ) {
        let loaded = load_guide(write(&build(&seed)));
        let guide = Arc::clone(&loaded.library.guides[0]);
        let mut walk = Walk::new(Arc::clone(&guide), Site::default()).unwrap();
        let mut answers = 0usize;
        for op in ops {
            match op {
                Op::Choose(n) => {
                    let (visible, finished) = (walk.choices().len(), walk.is_finished());
                    match walk.choose(n) {
                        Ok(_) => {
                            prop_assert!(!finished && (1..=visible).contains(&n));
                            answers += 1;
                        }
                        Err(WalkError::Finished) => prop_assert!(finished),
                        Err(WalkError::NoSuchChoice(_)) => prop_assert!(!(1..=visible).contains(&n)),
                        Err(other) => prop_assert!(false, "unexpected {}", other),
                    }
                }
                Op::ChooseLabel(n) => {
                    let (visible, finished) = (walk.choices().len(), walk.is_finished());
                    // A label in another letter case and with spaces around still counts.
                    let label = walk
                        .choices()
                        .get(n)
                        .map_or_else(|| String::from("intet svar"), |c| format!("  {}  ", c.label.to_uppercase()));
                    match walk.choose_label(&label) {
                        Ok(_) => {
                            prop_assert!(!finished && n < visible);
                            answers += 1;
                        }
                        Err(WalkError::Finished) => prop_assert!(finished),
                        Err(WalkError::NoSuchLabel { .. }) => prop_assert!(n >= visible),
                        Err(other) => prop_assert!(false, "unexpected {}", other),
                    }
                }
                Op::Back => {
                    let went = walk.back();
                    prop_assert_eq!(went, answers > 0);
                    answers = answers.saturating_sub(1);
                }
                Op::Restart => {
                    walk.restart();
                    answers = 0;
                }
            }
            let path = walk.path();
            prop_assert_eq!(path.first().copied(), Some(guide.start.as_str()));
            let expected_len = answers + usize::from(!walk.is_finished());
            prop_assert_eq!(path.len(), expected_len);
            prop_assert_eq!(walk.answers().count(), answers);
            prop_assert_eq!(walk.is_finished(), walk.outcome().is_some());
            if !walk.is_finished() {
                prop_assert!(!walk.choices().is_empty());
            }
            let _ = walk.rules_in_force();
        }
    }
}
