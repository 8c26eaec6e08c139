//! First run: with no site file the app asks where it is used, pre-sets that desk's usual
//! services, saves a site file, and from then on the guides answer for that desk. Without this a
//! Borgerservice counter was told to refer citizens to Borgerservice.
//!
//! State tests on the built-in guides (the real answers a new helper gets), a snapshot of the
//! screen at 80 × 24, and the real binary in a pseudo-terminal on a fresh data folder.

use crate::common;

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vejviser::guide::{Guide, OutcomeKind};
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::keys::{self, Mode};
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};

fn app(lang: Lang) -> App {
    let mut loaded = vejviser::guide::load_embedded();
    loaded.drop_broken_guides();
    let mut app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors: Vec::new(),
        site: Site::default(),
        guides_label: String::from("indbyggede"),
        lang,
        theme: Theme::new(ThemeName::Normal, false),
        handout_dir: std::env::temp_dir(),
    });
    app.site_path = Some(std::path::PathBuf::from("site.toml"));
    app.open_setup(true);
    app
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(action) = keys::action(app.mode(), KeyEvent::new(code, KeyModifiers::NONE)) {
        app.update(action);
    }
}

fn choose_desk(app: &mut App, number: char) {
    assert_eq!(app.mode(), Mode::Setup);
    press(app, KeyCode::Char(number));
    press(app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Picker);
}

fn start(app: &mut App, guide: &str) -> Arc<Guide> {
    let guide = app.library.guide(guide).cloned().unwrap();
    let index = app
        .picker_guides()
        .iter()
        .position(|g| g.id == guide.id)
        .unwrap();
    app.picker.selected = index;
    press(app, KeyCode::Enter);
    guide
}

/// Every outcome kind the helper can reach from here, trying each visible answer in turn.
fn reachable(app: &mut App, kinds: &mut Vec<(OutcomeKind, String)>, depth: usize) {
    let case = app.case.as_ref().unwrap();
    if let Some(outcome) = case.walk.outcome() {
        kinds.push((outcome.kind.value, outcome.id.value.clone()));
        return;
    }
    if depth > 30 {
        return;
    }
    let count = case.walk.choices().len();
    for n in 1..=count {
        app.case.as_mut().unwrap().walk.choose(n).unwrap();
        reachable(app, kinds, depth + 1);
        app.case.as_mut().unwrap().walk.back();
    }
}

fn outcomes_of(app: &mut App, guide: &str) -> Vec<(OutcomeKind, String)> {
    start(app, guide);
    let mut kinds = Vec::new();
    reachable(app, &mut kinds, 0);
    kinds
}

#[test]
fn at_borgerservice_a_90_year_olds_application_can_be_done_together() {
    let mut app = app(Lang::Da);
    choose_desk(&mut app, '1');
    assert_eq!(app.site.id, "borgerservice");
    assert!(app.site.offers("udfyld-sammen-med-borger"));
    let saved = app
        .site_to_save
        .take()
        .expect("the choice goes to the site file");
    assert_eq!(
        saved.file.as_deref(),
        Some(std::path::Path::new("site.toml"))
    );
    let outcomes = outcomes_of(&mut app, "boligstoette");
    assert!(
        outcomes.iter().any(|(kind, _)| *kind == OutcomeKind::Do),
        "{outcomes:?}"
    );
}

#[test]
fn without_a_site_no_application_can_be_done_together() {
    // What a fresh install gave every desk before it asked: the cause this screen fixes.
    let mut app = app(Lang::Da);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Picker);
    assert!(app.notice.as_ref().is_some_and(|n| n.is_problem));
    let outcomes = outcomes_of(&mut app, "boligstoette");
    assert!(
        !outcomes.iter().any(|(kind, _)| *kind == OutcomeKind::Do),
        "{outcomes:?}"
    );
}

#[test]
fn at_the_library_app_cafe_mobilepay_is_helped_here_not_referred_to_an_app_cafe() {
    let mut app = app(Lang::Da);
    choose_desk(&mut app, '2');
    assert!(app.site.offers("mobilepay"));
    let outcomes = outcomes_of(&mut app, "mobilepay");
    assert!(
        outcomes.iter().any(|(kind, _)| *kind == OutcomeKind::Guide),
        "{outcomes:?}"
    );
    assert!(
        !outcomes.iter().any(|(_, id)| id == "app-cafe"),
        "an app-café is never sent to the app-café: {outcomes:?}"
    );
}

#[test]
fn the_site_screen_opens_again_with_i_and_changes_the_desk() {
    let mut app = app(Lang::Da);
    choose_desk(&mut app, '1');
    app.site_to_save = None;
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.mode(), Mode::Setup);
    choose_desk(&mut app, '3');
    assert_eq!(
        app.site.role,
        Some(vejviser::guide::model::Audience::Frivillig)
    );
    assert!(!app.site.offers("modtag-fritagelse"));
    assert!(app.site_to_save.is_some());
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| vejviser::tui::view::render(app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_first_run_screens_at_80x24() {
    let mut app = app(Lang::Da);
    insta::assert_snapshot!("first_run_roles", screen(&app));
    press(&mut app, KeyCode::Char('1'));
    insta::assert_snapshot!("first_run_services", screen(&app));
    let mut english = self::app(Lang::En);
    press(&mut english, KeyCode::Down);
    insta::assert_snapshot!("first_run_roles_en", screen(&english));
}

#[test]
fn a_fresh_install_asks_saves_the_site_and_offers_doing_it_together() {
    use common::pty::Session;
    let guides = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/first-run");
    let data = tempfile::tempdir().unwrap();
    let mut s = Session::start_first_run(&["--guides", guides], data);
    s.wait_for_text("Hvor bruges vejviser?");
    s.send(b"1");
    s.wait_for_text("[x]");
    s.send(b"\r");
    s.wait_for_text("Stedet er gemt");
    let site = std::fs::read_to_string(s.data_dir.path().join("site.toml")).unwrap();
    assert!(site.contains("role = \"borgerservice\""), "{site}");
    assert!(site.contains("udfyld-sammen-med-borger"), "{site}");
    s.send(b"/bolig\r");
    s.wait_for_text("Kan borgeren selv");
    // Only a desk that fills in applications with the citizen is asked this.
    s.send(b"2");
    s.wait_for_text("Vil borgeren have, at I udfylder den sammen?");
    s.send(b"1");
    s.wait_for_text("GØR DET SAMMEN");
    s.send(b"\r");
    s.send(b"q");
    s.wait_for_exit();

    // The next start knows the desk and does not ask again.
    let data = std::mem::replace(&mut s.data_dir, tempfile::tempdir().unwrap());
    drop(s);
    let mut again = Session::start_first_run(&["--guides", guides], data);
    again.wait_for_text("Sted: Borgerservice");
    assert!(!again.screen().contains("Hvor bruges vejviser?"));
    assert!(again.screen().contains("Vælg en guide"));
    assert!(
        !again.screen().contains("fejl i guides"),
        "the saved site file is valid: {}",
        again.screen()
    );
    again.send(b"q");
    again.wait_for_exit();
}

#[test]
fn line_mode_asks_too_and_the_site_it_saves_is_said_on_the_next_start() {
    use common::pty::Session;
    let guides = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/first-run");
    let data = tempfile::tempdir().unwrap();
    let mut s = Session::start_first_run(&["--guides", guides, "walk", "boligstoette"], data);
    s.wait_for_text("Hvor bruges vejviser?");
    s.send(b"1\r");
    s.wait_for_text("(valgt)");
    s.send(b"\r");
    s.wait_for_text("Stedet er gemt");
    s.wait_for_text("Sted: Borgerservice");
    // The desk fills in applications with the citizen, so line mode offers it too.
    s.send(b"2\r");
    s.wait_for_text("Vil borgeren have, at I udfylder den sammen?");
    s.send(b"q\r");
    s.wait_for_exit();
    let site = std::fs::read_to_string(s.data_dir.path().join("site.toml")).unwrap();
    assert!(site.contains("role = \"borgerservice\""), "{site}");
    assert!(!s.screen().contains('→'), "no arrows in line mode");
}

/// `walk GUIDE --answers … --format json` at a desk, with the site file the first run writes.
fn line_mode_outcome(
    role: vejviser::guide::model::Audience,
    guide: &str,
    answers: &str,
) -> serde_json::Value {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("site.toml");
    let offers = vejviser::site::setup::usual_services(role)
        .iter()
        .map(|s| s.to_string())
        .collect();
    let site = vejviser::site::setup::chosen_site(role, offers, "Test", Some(&file));
    vejviser::site::setup::save(&site).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .env("VEJVISER_DATA_DIR", data.path())
        .env("VEJVISER_CONFIG_DIR", data.path().join("config"))
        .args(["walk", guide, "--format", "json", "--answers", answers])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn in_line_mode_too_borgerservice_does_it_together_and_the_app_cafe_guides_mobilepay() {
    use vejviser::guide::model::Audience;
    let application = line_mode_outcome(
        Audience::Borgerservice,
        "boligstoette",
        "Søge boligstøtte;Ja, flyttet ind inden for;Nej, borgeren er den eneste;Ja;Nej, det er for svært – vi søger sammen her;Ja",
    );
    assert_eq!(application["outcome"]["kind"], "do", "{application:#}");
    assert_eq!(application["site"]["role"], "borgerservice");
    let mobilepay = line_mode_outcome(
        Audience::Bibliotek,
        "mobilepay",
        "Komme i gang;Ja – og vi hjælper med MobilePay her;Nej",
    );
    assert_eq!(mobilepay["outcome"]["kind"], "guide", "{mobilepay:#}");
    assert_ne!(mobilepay["outcome"]["id"], "app-cafe");
}
