//! `see` links in the app: shown at the step or outcome, followed with `l` (or a click), and the
//! case that waited comes back exactly where it was, as after the safety key. Also several
//! places in `refer`, and the handout of an outcome written `for = "relative"`.
//!
//! The guides are `tests/fixtures/links/`: `paaroerende-hjaelp` (start `hvad`, linking to
//! `fuldmagt` and `pres-og-svindel`): 1 → `vejled` (guide, `for = "relative"`, links to
//! `fuldmagt`), 2 → `henvis` (refer to `mitid-support`, then `borgerservice`). `fuldmagt`:
//! 1 Ja → `selv`, 2 Nej → `borgerservice`. `pres-og-svindel`, the safety guide: 1 → `spaer`.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;
use vejviser::case::Ending;
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::app::{Opened, Overlay};
use vejviser::tui::keys::{self, Action, Mode};
use vejviser::tui::strings::DA;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};

const MAIN: &str = "paaroerende-hjaelp";
const LINKED: &str = "fuldmagt";
const SAFETY: &str = "pres-og-svindel";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links")
}

fn app() -> (App, TempDir) {
    let mut loaded = vejviser::guide::load_paths(&[fixture_dir()]);
    let errors: Vec<_> = loaded.drop_broken_guides();
    assert!(errors.is_empty(), "the fixture has errors");
    let handouts = tempfile::tempdir().unwrap();
    let app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors,
        site: Site::default(),
        guides_label: "tests/fixtures/links".to_string(),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, true),
        handout_dir: handouts.path().join("udskrifter"),
    });
    (app, handouts)
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(action) = keys::action(app.mode(), KeyEvent::new(code, KeyModifiers::NONE)) {
        app.update(action);
    }
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Start a guide by searching for it, as a helper would.
fn open(app: &mut App, query: &str) {
    press(app, KeyCode::Char('/'));
    keys(app, query);
    press(app, KeyCode::Enter);
    assert!(app.case.is_some(), "`{query}` starts no guide");
}

fn guide_id(app: &App) -> Option<String> {
    app.case.as_ref().map(|c| c.walk.guide().id.clone())
}

fn node_id(app: &App) -> Option<String> {
    let case = app.case.as_ref()?;
    Some(match case.walk.current() {
        vejviser::guide::Node::Step(s) => s.id.value.clone(),
        vejviser::guide::Node::Outcome(o) => o.id.value.clone(),
    })
}

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| vejviser::tui::view::render(app, frame))
        .unwrap();
    terminal
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let terminal = render(app, width, height);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// (x, y) of the first cell where `text` starts.
fn find(app: &App, width: u16, height: u16, text: &str) -> Option<(u16, u16)> {
    let terminal = render(app, width, height);
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        let cells: Vec<&str> = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        for x in 0..cells.len() {
            if cells[x..].concat().starts_with(text) {
                return Some((x as u16, y));
            }
        }
    }
    None
}

// ------------------------------------------------------------------------- at a step

#[test]
fn the_links_of_a_step_are_shown_with_their_key_in_the_footer() {
    let (mut app, _dir) = app();
    open(&mut app, "pårørende vil hjælpe");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Se også (tryk l):"), "{shown}");
    assert!(shown.contains("→ Fuldmagt til Digital Post"), "{shown}");
    assert!(shown.contains("→ Pres eller svindel"), "{shown}");
    let footer = shown.lines().last().unwrap().to_string() + shown.lines().nth_back(1).unwrap();
    assert!(footer.contains("l se også"), "{shown}");

    // A step without links shows neither, and `l` does nothing there.
    keys(&mut app, "1");
    press(&mut app, KeyCode::Esc);
    open_linked_then_check_no_links(&mut app);
}

/// Inside `fuldmagt` (which has no links) there is no see-also section, hint or effect.
fn open_linked_then_check_no_links(app: &mut App) {
    press(app, KeyCode::Char('l'));
    assert_eq!(app.mode(), Mode::Links);
    keys(app, "1");
    assert_eq!(guide_id(app).as_deref(), Some(LINKED));
    let shown = screen(app, 80, 24);
    assert!(!shown.contains("Se også"), "{shown}");
    assert!(!shown.contains("l se også"), "{shown}");
    press(app, KeyCode::Char('l'));
    assert_eq!(guide_id(app).as_deref(), Some(LINKED));
    assert_eq!(app.mode(), Mode::Step);
    assert_eq!(app.paused.len(), 1);
}

#[test]
fn following_a_link_pauses_the_case_and_returns_to_it_exactly_where_it_was() {
    let (mut app, _dir) = app();
    open(&mut app, "pårørende vil hjælpe");
    press(&mut app, KeyCode::Down);
    app.case.as_mut().unwrap().scroll = 0;
    let before = app.case.as_ref().unwrap().walk.path().join("/");

    // Two links: `l` opens the box to pick one.
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.overlay, Some(Overlay::Links));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("1  Fuldmagt til Digital Post"), "{shown}");
    assert!(shown.contains("2  Pres eller svindel"), "{shown}");
    assert!(shown.contains(DA.links_hint), "{shown}");

    keys(&mut app, "1");
    assert_eq!(app.overlay, None);
    assert_eq!(guide_id(&app).as_deref(), Some(LINKED));
    assert_eq!(app.case.as_ref().unwrap().opened, Opened::Link);
    assert_eq!(app.paused.len(), 1);
    assert!(app.in_link());
    assert!(!app.in_safety_interrupt());
    let header = screen(&app, 80, 24).lines().next().unwrap().to_string();
    assert!(
        header.contains("SE OGSÅ") && header.contains("Fuldmagt til Digital Post"),
        "{header}"
    );

    // Walk the linked guide to its end: the waiting case comes back at the same step, with
    // the same answer highlighted.
    keys(&mut app, "2");
    assert_eq!(node_id(&app).as_deref(), Some("borgerservice"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(guide_id(&app).as_deref(), Some(MAIN));
    let case = app.case.as_ref().unwrap();
    assert_eq!(case.walk.path().join("/"), before);
    assert_eq!(case.selected, 1, "the highlighted choice is kept");
    assert!(!app.in_link());
    assert!(app.paused.is_empty());
    assert_eq!(app.ended.len(), 1);
    assert_eq!(app.ended[0].guide_id, LINKED);
    assert_eq!(app.ended[0].ending, Ending::Finished);
    let notice = &app.notice.as_ref().unwrap().text;
    assert_eq!(
        notice,
        &format!(
            "{} {}: Pårørende vil hjælpe",
            DA.case_ended, DA.back_to_case
        )
    );

    // The case goes on where it was: Enter chooses the highlighted second answer.
    press(&mut app, KeyCode::Enter);
    assert_eq!(node_id(&app).as_deref(), Some("henvis"));
}

#[test]
fn backing_out_of_a_linked_guide_returns_to_the_waiting_case() {
    let (mut app, _dir) = app();
    open(&mut app, "pårørende vil hjælpe");
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        guide_id(&app).as_deref(),
        Some(SAFETY),
        "↓ Enter picks the second"
    );
    assert_eq!(app.case.as_ref().unwrap().opened, Opened::Link);
    press(&mut app, KeyCode::Esc);
    assert_eq!(guide_id(&app).as_deref(), Some(MAIN));
    assert_eq!(node_id(&app).as_deref(), Some("hvad"));
    assert_eq!(app.ended[0].ending, Ending::Abandoned);
}

#[test]
fn esc_in_the_links_box_stays_in_the_case() {
    let (mut app, _dir) = app();
    open(&mut app, "pårørende vil hjælpe");
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    assert_eq!(guide_id(&app).as_deref(), Some(MAIN));
    assert!(app.paused.is_empty());
    // A number with no link does nothing, and the box stays.
    press(&mut app, KeyCode::Char('l'));
    keys(&mut app, "7");
    assert_eq!(app.overlay, Some(Overlay::Links));
    assert_eq!(guide_id(&app).as_deref(), Some(MAIN));
}

#[test]
fn a_click_on_a_link_follows_it_and_a_click_in_the_box_follows_that_one() {
    let (mut app, _dir) = app();
    open(&mut app, "pårørende vil hjælpe");
    let (x, y) = find(&app, 80, 24, "→ Pres eller svindel").unwrap();
    app.update(Action::Click { column: x, row: y });
    assert_eq!(guide_id(&app).as_deref(), Some(SAFETY));
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('l'));
    let (x, y) = find(&app, 80, 24, "1  Fuldmagt").unwrap();
    app.update(Action::Click { column: x, row: y });
    assert_eq!(guide_id(&app).as_deref(), Some(LINKED));
}

#[test]
fn the_safety_key_inside_a_linked_guide_and_back_unwinds_in_order() {
    let (mut app, _dir) = app();
    open(&mut app, "pårørende vil hjælpe");
    press(&mut app, KeyCode::Char('l'));
    keys(&mut app, "1");
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(guide_id(&app).as_deref(), Some(SAFETY));
    assert!(app.in_safety_interrupt());
    assert_eq!(app.paused.len(), 2);
    press(&mut app, KeyCode::Esc);
    assert_eq!(guide_id(&app).as_deref(), Some(LINKED));
    press(&mut app, KeyCode::Esc);
    assert_eq!(guide_id(&app).as_deref(), Some(MAIN));
    assert!(app.paused.is_empty());
}

// ---------------------------------------------------------------------- at an outcome

#[test]
fn one_link_at_an_outcome_is_followed_at_once_and_the_outcome_comes_back() {
    let (mut app, _dir) = app();
    open(&mut app, "pårørende vil hjælpe");
    keys(&mut app, "1");
    assert_eq!(node_id(&app).as_deref(), Some("vejled"));
    let shown = screen(&app, 80, 30);
    assert!(shown.contains("→ Fuldmagt til Digital Post"), "{shown}");
    assert!(
        shown.contains("Den pårørendes egne trin"),
        "the steps are said to be the relative's: {shown}"
    );
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.overlay, None, "one link needs no box");
    assert_eq!(guide_id(&app).as_deref(), Some(LINKED));
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    assert_eq!(guide_id(&app).as_deref(), Some(MAIN));
    assert_eq!(node_id(&app).as_deref(), Some("vejled"));
    assert_eq!(app.mode(), Mode::Outcome);
}

#[test]
fn several_places_are_shown_in_order() {
    let (mut app, _dir) = app();
    open(&mut app, "pårørende vil hjælpe");
    keys(&mut app, "2");
    let shown = screen(&app, 100, 40);
    let first = shown.find("1. MitID Support").expect(&shown);
    let second = shown.find("2. Borgerservice").expect(&shown);
    assert!(first < second, "{shown}");
    assert!(shown.contains("Telefon: 33 98 00 10"), "{shown}");
    assert!(shown.contains("Åbent: Man–fre 10–15"), "{shown}");
}

// -------------------------------------------------------------------------- handouts

#[test]
fn a_handout_for_a_relative_speaks_to_the_relative() {
    let (mut app, dir) = app();
    open(&mut app, "pårørende vil hjælpe");
    keys(&mut app, "1");
    press(&mut app, KeyCode::Char('h'));
    let folder = dir.path().join("udskrifter");
    let file = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(file).unwrap().replace("\r\n", "\n");
    assert!(text.contains("\nTil dig som pårørende:\n"), "{text}");
    assert!(!text.contains("Sådan gør du"), "{text}");
    assert!(
        text.contains("  1. Bed borgeren om at give dig læseadgang."),
        "{text}"
    );
    assert!(text.contains("borgerens koder"), "{text}");
}

#[test]
fn a_handout_for_the_citizen_keeps_its_heading_and_lists_every_place() {
    let (mut app, dir) = app();
    open(&mut app, "pårørende vil hjælpe");
    keys(&mut app, "2");
    press(&mut app, KeyCode::Char('h'));
    let folder = dir.path().join("udskrifter");
    let file = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(file).unwrap().replace("\r\n", "\n");
    assert!(text.contains("\nSådan gør du:\n"), "{text}");
    assert!(!text.contains("pårørende:"), "{text}");
    let first = text.find("  1. MitID Support").expect(&text);
    let second = text.find("  2. Borgerservice").expect(&text);
    assert!(first < second, "{text}");
    assert!(text.contains("     Telefon: 33 98 00 10"), "{text}");
}

#[test]
fn the_english_handout_for_a_relative_is_addressed_to_the_relative() {
    let loaded = vejviser::guide::load_paths(&[fixture_dir()]);
    let guide = loaded.library.guide(MAIN).unwrap();
    let outcome = guide.outcome("vejled").unwrap();
    let text = vejviser::handout::handout_text(guide, outcome, &loaded.library, Lang::En);
    assert!(text.contains("\nFor you as a relative:\n"), "{text}");
    assert!(!text.contains("What to do"), "{text}");
}
