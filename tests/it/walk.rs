//! One case walked step by step (`vejviser::walk::Walk`): choosing by number and by label, back,
//! restart, the rules in force, site-dependent choices, and a guide reloaded mid-case.

use std::sync::Arc;

use vejviser::date::Date;
use vejviser::guide::{Guide, InputFile, Loaded, Node, load_files};
use vejviser::site::Site;
use vejviser::walk::{Walk, WalkError};

// ------------------------------------------------------------------------------------- fixture

const RULES: &str = r#"format = 1

[rules.aldrig-andres-mitid]
kind   = "must_not"
text   = "Brug aldrig en anden persons MitID."
why    = "En godkendelse tæller som en underskrift."
source = "https://mitid.dk"

[rules.kig-vaek]
kind   = "must"
text   = "Kig væk, mens borgeren taster sin kode."
why    = "Så kan ingen sige, at du kender koden."
source = "https://mitid.dk"

[rules.spoerg-roligt]
kind   = "may"
text   = "Spørg roligt ind til, hvem der har brug for hjælp."
why    = "Det giver ro ved skranken."
source = "Intern vejledning"

[rules.samtykke-frivilligt]
kind   = "must"
text   = "Borgeren skal frit kunne sige nej."
why    = "Samtykke under pres er ikke samtykke."
source = "Intern vejledning"
"#;

const PLACES: &str = r#"format = 1

[places.app-cafe]
name = "Bibliotekets app-café"
"#;

const SERVICES: &str = r#"format = 1

[services.mobilepay]
text = "Hjælper med MobilePay."

[services.udfyld-sammen]
text = "Udfylder ansøgninger sammen med borgeren."
"#;

/// `hvem` offers five choices; two of them depend on the site's services:
/// "MobilePay" through its own `when`, "Udfyld ansøgning sammen" through the `when` of the step
/// it leads to, and "Send til app-caféen" through its `unless`.
const GUIDE: &str = r#"format = 1

[guide]
title    = "Hjælp ved skranken"
summary  = "En guide til at prøve en sag af trin for trin."
start    = "hvem"
rules    = ["aldrig-andres-mitid"]
reviewed = 2026-11-01
sources  = ["https://example.org"]

[steps.hvem]
ask     = "Hvem står ved skranken?"
rules   = ["spoerg-roligt"]
choices = [
  { label = "Borgeren selv", next = "samtykke", rules = ["kig-vaek"] },
  { label = "En pårørende alene", next = "afvis", rules = ["aldrig-andres-mitid"] },
  { label = "Borgeren vil i gang med MobilePay", next = "mobilepay", when = "mobilepay" },
  { label = "Send til app-caféen", next = "app-cafe", unless = "mobilepay" },
  { label = "Udfyld ansøgning sammen", next = "udfyld" },
]

[steps.samtykke]
ask     = "Siger borgeren ja til, at du hjælper ved skærmen?"
consent = true
rules   = ["kig-vaek", "samtykke-frivilligt"]
choices = [
  { label = "Ja", next = "goer-det", rules = ["kig-vaek"] },
  { label = "Nej", next = "vejled" },
]

[steps.udfyld]
ask     = "Vil borgeren udfylde ansøgningen sammen med dig?"
when    = "udfyld-sammen"
consent = true
choices = [
  { label = "Ja", next = "goer-det" },
  { label = "Nej", next = "vejled" },
]

[outcomes.goer-det]
kind   = "do"
title  = "Gør det sammen"
helper = "Sid ved siden af; borgeren taster selv."
rules  = ["kig-vaek"]

[outcomes.vejled]
kind   = "guide"
title  = "Vejled borgeren"
helper = "Vis vej på borger.dk."

[outcomes.afvis]
kind   = "refuse"
title  = "Du må ikke bruge en andens MitID"
helper = "Forklar venligt hvorfor."
rules  = ["aldrig-andres-mitid"]

[outcomes.mobilepay]
kind   = "guide"
title  = "Hjælp i gang med MobilePay"
helper = "Vis appen."
when   = "mobilepay"

[outcomes.app-cafe]
kind   = "refer"
title  = "Henvis til app-caféen"
helper = "Giv borgeren caféens tider."
refer  = "app-cafe"
unless = "mobilepay"

[[tests]]
name    = "Borgeren siger ja"
answers = ["Borgeren selv", "Ja"]
expect  = "goer-det"
"#;

fn file(name: &str, text: &str) -> InputFile {
    InputFile {
        display: format!("guides/{name}"),
        relative: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn load(guide_text: &str) -> Loaded {
    let loaded = load_files(vec![
        file("rules.toml", RULES),
        file("places.toml", PLACES),
        file("services.toml", SERVICES),
        file("skranke/hjaelp.toml", guide_text),
    ]);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded
}

fn guide() -> Arc<Guide> {
    Arc::clone(load(GUIDE).library.guide("hjaelp").unwrap())
}

fn walk_at(offers: &[&str]) -> Walk {
    Walk::new(guide(), Site::offering(offers.iter().copied())).unwrap()
}

fn labels(walk: &Walk) -> Vec<&str> {
    walk.choices().iter().map(|c| c.label.as_str()).collect()
}

/// The id of the current step or outcome.
fn here(walk: &Walk) -> &str {
    match walk.current() {
        Node::Step(step) => step.id.as_str(),
        Node::Outcome(outcome) => outcome.id.as_str(),
    }
}

// ------------------------------------------------------------------------------------- tests

#[test]
fn the_fixture_guide_passes_check() {
    let loaded = load(GUIDE);
    let today = Date::new(2026, 11, 23).unwrap();
    let found = vejviser::guide::check(&loaded.library, &loaded.sources, today);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_walk_starts_at_the_start_step() {
    let walk = walk_at(&[]);
    assert_eq!(here(&walk), "hvem");
    assert!(!walk.is_finished());
    assert!(walk.outcome().is_none());
    assert_eq!(walk.path(), ["hvem"]);
    assert_eq!(walk.answers().count(), 0);
}

#[test]
fn choosing_by_number_counts_only_the_visible_choices() {
    let mut walk = walk_at(&[]);
    assert_eq!(
        labels(&walk),
        ["Borgeren selv", "En pårørende alene", "Send til app-caféen"]
    );
    // Number 3 is the third choice shown, not the third in the file.
    walk.choose(3).unwrap();
    assert_eq!(here(&walk), "app-cafe");
    assert!(walk.is_finished());

    let mut walk = walk_at(&["mobilepay"]);
    walk.choose(3).unwrap();
    assert_eq!(here(&walk), "mobilepay");
}

#[test]
fn a_number_out_of_range_changes_nothing() {
    let mut walk = walk_at(&[]);
    for number in [0, 4, 99] {
        assert_eq!(
            walk.choose(number).err(),
            Some(WalkError::NoSuchChoice(number))
        );
    }
    assert_eq!(here(&walk), "hvem");
    assert_eq!(walk.answers().count(), 0);
}

#[test]
fn choosing_by_label_ignores_case_and_surrounding_spaces() {
    let mut walk = walk_at(&[]);
    let node = walk.choose_label("  borgeren SELV ").unwrap();
    assert!(matches!(node, Node::Step(step) if step.id.as_str() == "samtykke"));
    walk.choose_label("ja").unwrap();
    assert_eq!(here(&walk), "goer-det");
}

#[test]
fn an_unknown_or_hidden_label_lists_the_visible_choices() {
    let mut walk = walk_at(&[]);
    // The MobilePay choice exists in the file but is hidden at a site without MobilePay.
    let err = walk
        .choose_label("Borgeren vil i gang med MobilePay")
        .unwrap_err();
    assert_eq!(
        err,
        WalkError::NoSuchLabel {
            label: "Borgeren vil i gang med MobilePay".into(),
            visible: vec![
                "Borgeren selv".into(),
                "En pårørende alene".into(),
                "Send til app-caféen".into(),
            ],
        }
    );
    assert_eq!(here(&walk), "hvem");
}

#[test]
fn when_and_unless_follow_the_site_including_the_condition_of_the_target() {
    let shown = |offers: &[&str]| {
        let walk = walk_at(offers);
        labels(&walk)
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        shown(&["mobilepay"]),
        [
            "Borgeren selv",
            "En pårørende alene",
            "Borgeren vil i gang med MobilePay"
        ]
    );
    // "Udfyld ansøgning sammen" has no condition itself; the step it leads to has `when`.
    assert_eq!(
        shown(&["udfyld-sammen"]),
        [
            "Borgeren selv",
            "En pårørende alene",
            "Send til app-caféen",
            "Udfyld ansøgning sammen"
        ]
    );
    assert_eq!(
        shown(&["mobilepay", "udfyld-sammen"]),
        [
            "Borgeren selv",
            "En pårørende alene",
            "Borgeren vil i gang med MobilePay",
            "Udfyld ansøgning sammen"
        ]
    );
}

#[test]
fn choosing_after_the_outcome_is_refused() {
    let mut walk = walk_at(&[]);
    walk.choose_label("En pårørende alene").unwrap();
    assert_eq!(here(&walk), "afvis");
    assert!(walk.choices().is_empty());
    assert_eq!(walk.choose(1).err(), Some(WalkError::Finished));
    assert_eq!(walk.choose_label("Ja").err(), Some(WalkError::Finished));
    assert_eq!(here(&walk), "afvis");
}

#[test]
fn back_undoes_one_answer_at_a_time_and_stops_at_the_start() {
    let mut walk = walk_at(&[]);
    walk.choose_label("Borgeren selv").unwrap();
    walk.choose_label("Nej").unwrap();
    assert_eq!(here(&walk), "vejled");
    assert_eq!(walk.path(), ["hvem", "samtykke"]);

    assert!(walk.back());
    assert_eq!(here(&walk), "samtykke");
    assert!(!walk.is_finished());
    assert_eq!(walk.path(), ["hvem", "samtykke"]);

    assert!(walk.back());
    assert_eq!(here(&walk), "hvem");
    assert_eq!(walk.path(), ["hvem"]);

    // Back past the start: nothing to undo, and the walk stays where it is.
    assert!(!walk.back());
    assert!(!walk.back());
    assert_eq!(here(&walk), "hvem");
    assert_eq!(walk.answers().count(), 0);

    // The walk still works after going back.
    walk.choose_label("Borgeren selv").unwrap();
    walk.choose_label("Ja").unwrap();
    assert_eq!(here(&walk), "goer-det");
}

#[test]
fn restart_after_an_outcome_begins_again_and_keeps_the_start_time() {
    let mut walk = walk_at(&[]);
    let started = walk.started();
    walk.choose_label("Borgeren selv").unwrap();
    walk.choose_label("Ja").unwrap();
    assert!(walk.is_finished());

    walk.restart();
    assert_eq!(here(&walk), "hvem");
    assert!(!walk.is_finished());
    assert_eq!(walk.path(), ["hvem"]);
    assert_eq!(walk.answers().count(), 0);
    assert_eq!(walk.started(), started);
    assert!(!walk.back(), "nothing to undo after a restart");

    walk.choose_label("En pårørende alene").unwrap();
    assert_eq!(here(&walk), "afvis");
}

#[test]
fn path_and_answers_record_the_steps_passed_but_not_the_outcome() {
    let mut walk = walk_at(&[]);
    walk.choose_label("Borgeren selv").unwrap();
    assert_eq!(walk.path(), ["hvem", "samtykke"]);
    walk.choose_label("Nej").unwrap();
    assert_eq!(walk.path(), ["hvem", "samtykke"]);
    let answers: Vec<_> = walk
        .answers()
        .map(|(step, choice)| (step.id.as_str(), choice.label.as_str()))
        .collect();
    assert_eq!(answers, [("hvem", "Borgeren selv"), ("samtykke", "Nej")]);
}

#[test]
fn rules_in_force_are_the_guide_the_choices_taken_and_the_current_step_without_repeats() {
    let mut walk = walk_at(&[]);
    assert_eq!(
        walk.rules_in_force(),
        ["aldrig-andres-mitid", "spoerg-roligt"]
    );

    // The choice brings `kig-vaek`; the new step repeats it and adds its own rule; the rule of
    // the step left behind no longer applies.
    walk.choose_label("Borgeren selv").unwrap();
    assert_eq!(
        walk.rules_in_force(),
        ["aldrig-andres-mitid", "kig-vaek", "samtykke-frivilligt"]
    );

    walk.choose_label("Ja").unwrap();
    assert_eq!(walk.rules_in_force(), ["aldrig-andres-mitid", "kig-vaek"]);

    // Going back takes the last choice's rules with it.
    walk.back();
    walk.back();
    assert_eq!(
        walk.rules_in_force(),
        ["aldrig-andres-mitid", "spoerg-roligt"]
    );

    // A rule named by the guide, the choice and the outcome is listed once.
    walk.choose_label("En pårørende alene").unwrap();
    assert_eq!(walk.rules_in_force(), ["aldrig-andres-mitid"]);
}

#[test]
fn a_guide_reloaded_mid_case_does_not_change_the_running_walk() {
    let first = load(GUIDE);
    let mut walk = Walk::new(
        Arc::clone(first.library.guide("hjaelp").unwrap()),
        Site::default(),
    )
    .unwrap();
    walk.choose_label("Borgeren selv").unwrap();

    // Someone edits the guide and the library is loaded again; the old library is dropped.
    let changed = GUIDE
        .replace(
            r#"{ label = "Ja", next = "goer-det", rules"#,
            r#"{ label = "Ja tak", next = "vejled", rules"#,
        )
        .replace("Borgeren selv", "Borgeren er her selv");
    let second = load(&changed);
    let new_guide = Arc::clone(second.library.guide("hjaelp").unwrap());
    let old_hash = walk.guide().hash.clone();
    drop(first);

    assert_ne!(new_guide.hash, old_hash);
    assert!(!Arc::ptr_eq(walk.guide(), &new_guide));
    // The running case still shows and follows the guide it started with.
    assert_eq!(labels(&walk), ["Ja", "Nej"]);
    let answers: Vec<_> = walk.answers().map(|(_, c)| c.label.value.clone()).collect();
    assert_eq!(answers, ["Borgeren selv"]);
    walk.choose_label("Ja").unwrap();
    assert_eq!(here(&walk), "goer-det");
    assert_eq!(walk.guide().hash, old_hash);

    // A new case gets the new guide.
    let mut fresh = Walk::new(new_guide, Site::default()).unwrap();
    assert_eq!(
        fresh.choose_label("Borgeren selv").err(),
        Some(WalkError::NoSuchLabel {
            label: "Borgeren selv".into(),
            visible: vec![
                "Borgeren er her selv".into(),
                "En pårørende alene".into(),
                "Send til app-caféen".into(),
            ],
        })
    );
    fresh.choose_label("Borgeren er her selv").unwrap();
    fresh.choose_label("Ja tak").unwrap();
    assert_eq!(here(&fresh), "vejled");
}

#[test]
fn a_start_that_is_not_a_step_cannot_be_walked() {
    let text = GUIDE.replace(r#"start    = "hvem""#, r#"start    = "vejled""#);
    let loaded = load_files(vec![file("skranke/hjaelp.toml", &text)]);
    let guide = Arc::clone(loaded.library.guide("hjaelp").unwrap());
    assert_eq!(
        Walk::new(guide, Site::default()).err(),
        Some(WalkError::BadStart("vejled".into()))
    );
}

#[test]
fn a_choice_that_leads_nowhere_is_an_error_and_changes_nothing() {
    let text = GUIDE.replace(r#"next = "vejled" },"#, r#"next = "findes-ikke" },"#);
    let loaded = load_files(vec![file("skranke/hjaelp.toml", &text)]);
    let guide = Arc::clone(loaded.library.guide("hjaelp").unwrap());
    let mut walk = Walk::new(guide, Site::default()).unwrap();
    walk.choose_label("Borgeren selv").unwrap();
    assert_eq!(
        walk.choose_label("Nej").err(),
        Some(WalkError::Broken("findes-ikke".into()))
    );
    assert_eq!(here(&walk), "samtykke");
    assert_eq!(walk.answers().count(), 1);
}
