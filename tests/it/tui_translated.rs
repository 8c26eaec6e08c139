//! The app in English on guides with a translation: rendered buffers (snapshots) and the real
//! binary in a pseudo-terminal. The fixture `tests/fixtures/translated/` has one guide whose
//! English is current except `[outcomes.henvis]`, which is stale on purpose: it must show Danish.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;
use vejviser::guide::load_paths;
use vejviser::guide::translation::apply;
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::keys;
use vejviser::tui::strings::EN;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};

use crate::common;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/translated")
}

fn app(lang: Lang) -> (App, TempDir) {
    let mut loaded = load_paths(&[fixture()]);
    apply(&mut loaded.library, lang);
    let handouts = tempfile::tempdir().unwrap();
    let app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors: Vec::new(),
        site: Site::default(),
        guides_label: "tests/fixtures/translated".to_string(),
        lang,
        theme: Theme::new(ThemeName::Normal, false),
        handout_dir: handouts.path().join("udskrifter"),
    });
    (app, handouts)
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(action) = keys::action(app.mode(), KeyEvent::new(code, KeyModifiers::NONE)) {
        app.update(action);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
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

/// Search, open the guide, and answer with the given choice numbers.
fn walk(app: &mut App, query: &str, answers: &[char]) {
    press(app, KeyCode::Char('/'));
    type_text(app, query);
    press(app, KeyCode::Enter);
    for &answer in answers {
        press(app, KeyCode::Char(answer));
    }
}

#[test]
fn english_picker_finds_the_guide_by_its_english_and_its_danish_title() {
    let (mut english, _h) = app(Lang::En);
    press(&mut english, KeyCode::Char('/'));
    type_text(&mut english, "housing");
    insta::assert_snapshot!("translated_picker_search_80x24", screen(&english));
    let (mut by_danish, _h2) = app(Lang::En);
    walk(&mut by_danish, "boligstøtte", &[]);
    assert!(
        screen(&by_danish).contains("Can the citizen fill in the application alone"),
        "{}",
        screen(&by_danish)
    );
}

#[test]
fn english_step_and_outcome_screens() {
    let (mut app, _h) = app(Lang::En);
    walk(&mut app, "housing", &[]);
    insta::assert_snapshot!("translated_step_80x24", screen(&app));
    press(&mut app, KeyCode::Char('1'));
    insta::assert_snapshot!("translated_outcome_guide_80x24", screen(&app));
}

#[test]
fn a_stale_part_is_shown_in_danish_inside_the_english_app() {
    let (mut app, _h) = app(Lang::En);
    walk(&mut app, "housing", &['2']);
    let shown = screen(&app);
    insta::assert_snapshot!("translated_outcome_stale_80x24", &shown);
    assert!(shown.contains("Henvis til borger.dk"), "{shown}");
    assert!(shown.contains("Giv borgeren adressen."), "{shown}");
    assert!(!shown.contains("Refer to borger.dk"), "{shown}");
    assert!(
        shown.contains("REFER"),
        "the app's own words stay English:\n{shown}"
    );
}

#[test]
fn danish_app_on_the_same_guides_shows_only_danish() {
    let (mut app, _h) = app(Lang::Da);
    walk(&mut app, "boligstøtte", &['1']);
    let shown = screen(&app);
    assert!(
        shown.contains("Borgeren søger selv på borger.dk"),
        "{shown}"
    );
    assert!(!shown.contains("The citizen applies"), "{shown}");
}

#[cfg(unix)]
#[test]
fn the_english_app_in_a_real_terminal() {
    use common::pty::Session;
    let guides = fixture();
    let mut session = Session::start_with(
        &["--lang", "en", "--guides", guides.to_str().unwrap()],
        tempfile::tempdir().unwrap(),
    );
    session.wait_for_text(EN.search_hint);
    session.send(b"/housing");
    session.wait_for_text("The citizen wants to apply");
    session.send(b"\r");
    session.wait_for_text("Can the citizen fill in the application alone");
    session.send(b"1");
    let screen = session.wait_for_text("The citizen applies on borger.dk");
    assert!(screen.contains("Log in with your own MitID."), "{screen}");
    session.send(b"\x1b");
    session.wait_for_text("Can the citizen fill in the application alone");
    session.send(b"2");
    session.wait_for_text("Henvis til borger.dk");
    session.send(b"\x03");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {}", status.exit_code());
    session.assert_terminal_restored();
}

/// The stale part is counted on the first screen, so the helper knows why some text is Danish.
#[cfg(unix)]
#[test]
fn the_english_app_says_how_many_parts_are_shown_in_danish() {
    use common::pty::Session;
    let guides = fixture();
    let session = Session::start_with(
        &["--lang", "en", "--guides", guides.to_str().unwrap()],
        tempfile::tempdir().unwrap(),
    );
    // The notice wraps over the status rows, so read the screen as one line of words.
    let words = |screen: &str| screen.split_whitespace().collect::<Vec<_>>().join(" ");
    let screen = session.wait_for("the count of stale parts", |s| {
        words(s).contains("out of date – tell whoever writes the guides. Parts: 1")
    });
    assert!(screen.contains(EN.search_hint), "{screen}");
    let danish = Session::start_with(
        &["--guides", guides.to_str().unwrap()],
        tempfile::tempdir().unwrap(),
    );
    let screen = danish.wait_for_text(vejviser::tui::strings::DA.search_hint);
    assert!(!screen.contains("Vist på dansk"), "{screen}");
}
