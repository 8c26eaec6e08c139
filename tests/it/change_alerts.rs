//! "Denne guide er ændret siden sidst": shown once per changed guide, before its first case.

use std::path::PathBuf;

use vejviser::guide::changes::{Changes, Fingerprint};
use vejviser::guide::{InputFile, load_files, load_paths};
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::app::Overlay;
use vejviser::tui::keys::Action;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup, view};

const GUIDES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tui");

fn app() -> App {
    let mut loaded = load_paths(&[PathBuf::from(GUIDES)]);
    loaded.drop_broken_guides();
    App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors: Vec::new(),
        site: Site::default(),
        guides_label: String::from("test"),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, false),
        handout_dir: std::env::temp_dir(),
    })
}

fn start(app: &mut App, query: &str) {
    app.update(Action::Search);
    for c in query.chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Enter);
}

fn screen(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| view::render(app, f)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn a_changed_guide_shows_its_changes_once_before_the_first_case() {
    let mut app = app();
    let changes = Changes {
        steps_added: vec!["udfyld-samtykke".into()],
        rules_removed: vec!["gammel-regel".into()],
        ..Changes::default()
    };
    app.changed.insert("boligstoette".into(), changes);

    start(&mut app, "boligstøtte");
    assert_eq!(app.overlay, Some(Overlay::Changed));
    let shown = screen(&app);
    assert!(
        shown.contains("Denne guide er ændret siden sidst"),
        "{shown}"
    );
    // An added question is named by its text; a removed rule only by its id.
    assert!(
        shown.contains("Vil borgeren have, at I udfylder"),
        "{shown}"
    );
    assert!(shown.contains("gammel-regel"), "{shown}");

    // Any key closes it; the case is ready at its first question, and the alert is remembered.
    app.update(Action::Enter);
    assert_eq!(app.overlay, None);
    assert_eq!(app.case.as_ref().unwrap().walk.path(), ["kan-selv"]);
    assert_eq!(app.acknowledged, ["boligstoette"]);
    assert!(app.changed.is_empty());

    // Next case with the same guide: no alert.
    app.update(Action::Back);
    start(&mut app, "boligstøtte");
    assert_eq!(app.overlay, None);
}

#[test]
fn an_unchanged_guide_opens_straight_away() {
    let mut app = app();
    app.changed
        .insert("boligstoette".into(), Changes::default());
    start(&mut app, "far mitid");
    assert_eq!(app.overlay, None);
    assert!(app.case.is_some());
}

fn guide_text(extra_step: bool) -> String {
    let mut text = String::from(
        "format = 1\n[guide]\ntitle = \"T\"\nsummary = \"S\"\nstart = \"a\"\nreviewed = 2026-11-01\nsources = [\"x\"]\n\
         [steps.a]\nask = \"?\"\nchoices = [{ label = \"Ja\", next = \"ud\" }]\n\
         [outcomes.ud]\nkind = \"guide\"\ntitle = \"U\"\nhelper = \"H\"\n",
    );
    if extra_step {
        text.push_str("[steps.b]\nask = \"Nyt?\"\nchoices = [{ label = \"Ja\", next = \"ud\" }]\n");
    }
    text
}

#[test]
fn fingerprints_of_two_versions_name_what_changed() {
    let fingerprint = |extra| {
        let loaded = load_files(vec![InputFile {
            display: "g.toml".into(),
            relative: "omr/g.toml".into(),
            bytes: guide_text(extra).into_bytes(),
        }]);
        Fingerprint::of(&loaded.library.guides[0])
    };
    let (old, new) = (fingerprint(false), fingerprint(true));
    assert_ne!(old.hash, new.hash);
    let changes = Changes::between(&old, &new).unwrap();
    assert_eq!(changes.steps_added, ["b"]);
    assert!(!changes.reworded);
    assert_eq!(Changes::between(&new, &new.clone()), None);
}

#[test]
fn the_log_remembers_each_sites_guide_versions() {
    use vejviser::log::Log;
    let log = Log::in_memory().unwrap();
    let print = Fingerprint {
        hash: "0123456789abcdef".into(),
        steps: vec!["hvem".into(), "kan-selv".into()],
        outcomes: vec!["vejled".into()],
        rules: Vec::new(),
    };
    log.remember_version("koege", "faa-mitid", &print).unwrap();
    let seen = log.seen_versions("koege").unwrap();
    assert_eq!(seen.get("faa-mitid"), Some(&print));
    assert!(
        log.seen_versions("andet-sted").unwrap().is_empty(),
        "per site"
    );

    let newer = Fingerprint {
        hash: "fedcba9876543210".into(),
        ..print.clone()
    };
    log.remember_version("koege", "faa-mitid", &newer).unwrap();
    assert_eq!(log.seen_versions("koege").unwrap()["faa-mitid"], newer);
    // Ids only: a name or a sentence cannot be stored as a step list.
    let bad = Fingerprint {
        steps: vec!["Jens Hansen".into()],
        ..print
    };
    assert!(log.remember_version("koege", "faa-mitid", &bad).is_err());
}
