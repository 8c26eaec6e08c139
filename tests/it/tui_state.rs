//! The full-screen app's state, driven the way a helper drives it: key presses go through the
//! real key map (`keys::action`) into `App::update`, and the tests look at the state that results.
//! Nothing is drawn here except where the mouse needs the regions the last render recorded.
//!
//! The guides are the small, stable library in `tests/fixtures/tui/`:
//! - `mitid/paaroerende-vil-bruge-mitid` (start `hvem`): 1 Borgeren selv → `samtykke`,
//!   2 En pårørende alene → `afvis` (refuse), 3 a long label → `fuldmagt`, then as choice 4
//!   either the app-café one (`when = "app-cafe"`) → `app-cafe`, or the MitID-app one
//!   (`unless = "app-cafe"`) → `henvis`. `samtykke`: 1 Ja → `goer-det-sammen` (do, no citizen
//!   steps), 2 Nej, men vis vej → `vejled` (guide, three citizen steps), 3 → `henvis` (refer,
//!   with a place and two citizen steps).
//! - `sikkerhed/pres-og-svindel`, the safety guide: 1 → `spaer`, 2 → `tal-alene`.
//! - `ansoegninger/boligstoette`, with a whole step shown only `when = "udfyld-sammen"`.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;
use vejviser::case::Ending;
use vejviser::date::Date;
use vejviser::guide::OutcomeKind;
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::app::{Notice, Overlay};
use vejviser::tui::keys::{self, Action, Mode};
use vejviser::tui::strings::DA;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};

const MITID: &str = "paaroerende-vil-bruge-mitid";
const SAFETY: &str = "pres-og-svindel";
const BOLIG: &str = "boligstoette";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui")
}

/// The app as `vejviser` builds it, on the given guide paths and site. The handout folder is a
/// temporary folder that lives as long as the returned guard.
fn app_on(paths: &[PathBuf], site: Site) -> (App, TempDir) {
    let mut loaded = vejviser::guide::load_paths(paths);
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    loaded.drop_broken_guides();
    let handouts = tempfile::tempdir().unwrap();
    let app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors,
        site,
        guides_label: "tests/fixtures/tui".to_string(),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, true),
        handout_dir: handouts.path().join("udskrifter"),
    });
    (app, handouts)
}

/// The guides that ship with the program (with their English translations).
fn shipped_guides() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("guides")
}

fn app() -> (App, TempDir) {
    app_on(&[fixture_dir()], Site::default())
}

/// One key press, translated by the real key map for the mode the app is in.
fn press(app: &mut App, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = keys::action(app.mode(), KeyEvent::new(code, modifiers)) {
        app.update(action);
    }
}

/// Press each character as a key.
fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Start a guide the way a helper would: search for it and press Enter.
fn open(app: &mut App, id: &str) {
    let position = app
        .picker_guides()
        .iter()
        .position(|g| g.id == id)
        .unwrap_or_else(|| panic!("guide `{id}` is not in the picker"));
    app.update(Action::Open(position));
    assert_eq!(guide_id(app).as_deref(), Some(id));
}

fn guide_id(app: &App) -> Option<String> {
    app.case.as_ref().map(|c| c.walk.guide().id.clone())
}

fn step_id(app: &App) -> Option<String> {
    app.case
        .as_ref()
        .and_then(|c| c.walk.step())
        .map(|s| s.id.value.clone())
}

fn outcome_id(app: &App) -> Option<String> {
    app.case
        .as_ref()
        .and_then(|c| c.walk.outcome())
        .map(|o| o.id.value.clone())
}

fn choice_labels(app: &App) -> Vec<String> {
    app.case
        .as_ref()
        .map(|c| {
            c.walk
                .choices()
                .iter()
                .map(|ch| ch.label.value.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn listed_ids(app: &App) -> Vec<String> {
    app.picker_guides().iter().map(|g| g.id.clone()).collect()
}

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| vejviser::tui::view::render(app, frame))
        .unwrap();
    terminal
}

/// The row (y) of the first screen row containing `text`.
fn row_of(terminal: &Terminal<TestBackend>, text: &str) -> u16 {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .find(|&y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row.contains(text)
        })
        .unwrap_or_else(|| panic!("`{text}` is not on screen:\n{}", terminal.backend()))
}

// ------------------------------------------------------------------ the library

#[test]
fn the_fixture_library_loads_without_errors() {
    let mut loaded = vejviser::guide::load_paths(&[fixture_dir()]);
    let today = Date::new(2026, 11, 23).unwrap();
    let findings = vejviser::guide::check(&loaded.library, &loaded.sources, today);
    loaded.diagnostics.extend(findings);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    loaded.drop_broken_guides();
    assert_eq!(loaded.library.guides.len(), 3);
}

#[test]
fn the_picker_lists_guides_by_area_then_title() {
    let (app, _dir) = app();
    assert_eq!(app.mode(), Mode::Picker);
    assert_eq!(listed_ids(&app), [BOLIG, MITID, SAFETY]);
    assert_eq!(app.picker.selected, 0);
}

// ------------------------------------------------------------------ search

#[test]
fn search_narrows_the_list() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.mode(), Mode::Searching);
    keys(&mut app, "far mitid");
    assert_eq!(app.picker.query, "far mitid");
    assert_eq!(listed_ids(&app), [MITID]);
    // A word no guide has does not empty the list: the best partial match stays first.
    keys(&mut app, " xyzzy");
    assert_eq!(listed_ids(&app).first().map(String::as_str), Some(MITID));
    app.picker.query.clear();
    keys(&mut app, "xyzzy");
    assert!(listed_ids(&app).is_empty(), "no word matches: no hits");
}

#[test]
fn search_tolerates_typos() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "mitd");
    assert_eq!(listed_ids(&app), [MITID]);
    for _ in 0.."mitd".len() {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "boligstotte");
    assert_eq!(listed_ids(&app), [BOLIG]);
}

#[test]
fn search_takes_ae_oe_aa_for_danish_letters() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    for (typed, expected) in [
        ("paaroerende", MITID),
        ("pårørende", MITID),
        ("boligstoette", BOLIG),
        ("ansoegning", BOLIG),
    ] {
        app.picker.query.clear();
        keys(&mut app, typed);
        assert_eq!(
            listed_ids(&app).first().map(String::as_str),
            Some(expected),
            "{typed}"
        );
    }
}

#[test]
fn letters_typed_into_search_never_act_as_commands() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "q?h/");
    assert_eq!(app.picker.query, "q?h/");
    assert!(!app.quit);
    assert!(app.case.is_none());
    assert_eq!(app.overlay, None);
}

#[test]
fn the_safety_key_works_in_the_search_box_and_in_every_box() {
    // In the search box: `!` is never text there.
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "bolig!");
    assert_eq!(guide_id(&app).as_deref(), Some(SAFETY));
    // Over the help box, the quit question and the statistics: the box closes, the case waits.
    for overlay_key in [KeyCode::Char('?'), KeyCode::Char('q'), KeyCode::Char('s')] {
        let (mut app, _dir) = self::app();
        if overlay_key != KeyCode::Char('s') {
            open(&mut app, MITID);
        }
        press(&mut app, overlay_key);
        assert!(
            matches!(app.mode(), Mode::Overlay | Mode::ConfirmQuit),
            "{overlay_key:?} opens a box"
        );
        press(&mut app, KeyCode::Char('!'));
        assert_eq!(guide_id(&app).as_deref(), Some(SAFETY), "{overlay_key:?}");
        assert_eq!(app.overlay, None);
        assert!(!app.quit);
    }
    // On the site screen.
    let (mut app, _dir) = self::app();
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.mode(), Mode::Setup);
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(guide_id(&app).as_deref(), Some(SAFETY));
}

#[test]
fn one_esc_clears_the_search_and_leaves_the_box() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "svindel");
    assert_eq!(listed_ids(&app), [SAFETY]);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Picker);
    assert_eq!(app.picker.query, "");
    assert_eq!(listed_ids(&app).len(), 3);
}

#[test]
fn after_a_case_ends_the_search_is_empty_again() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "mitid");
    press(&mut app, KeyCode::Enter);
    assert!(app.case.is_some());
    press(&mut app, KeyCode::Esc);
    assert!(
        app.case.is_none(),
        "Esc at the first question ends the case"
    );
    assert_eq!(app.picker.query, "");
    assert!(!app.picker.searching);
    assert_eq!(app.picker.selected, 0);
    assert_eq!(listed_ids(&app).len(), 3);
}

#[test]
fn a_redraw_with_the_same_query_does_not_search_again() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "far");
    render(&app, 80, 24);
    let after_typing = app.searches();
    assert!(after_typing >= 1);
    for _ in 0..20 {
        render(&app, 80, 24);
        let _ = app.selected_guide();
    }
    // Moving the selection and drawing again changes the screen, not the query.
    press(&mut app, KeyCode::Down);
    render(&app, 80, 24);
    assert_eq!(app.searches(), after_typing, "redraws searched again");
    keys(&mut app, " mitid");
    render(&app, 80, 24);
    assert!(app.searches() > after_typing, "a changed query is searched");
    assert_eq!(listed_ids(&app).first().map(String::as_str), Some(MITID));
}

#[test]
fn the_search_field_takes_no_more_than_the_search_reads() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    // A pasted page arrives as key presses; the field stops at the limit.
    let page = "far mitid ".repeat(1_000);
    keys(&mut app, &page);
    assert_eq!(
        app.picker.query.chars().count(),
        vejviser::search::MAX_QUERY_CHARS
    );
    assert!(page.starts_with(&app.picker.query));
    assert_eq!(listed_ids(&app).first().map(String::as_str), Some(MITID));
    // Erasing makes room again.
    press(&mut app, KeyCode::Backspace);
    keys(&mut app, "ø");
    assert!(app.picker.query.ends_with('ø'));
}

#[test]
fn english_words_find_a_guide_in_the_danish_app() {
    let (mut app, _dir) = app_on(&[shipped_guides()], Site::default());
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "father mitid");
    assert_eq!(
        listed_ids(&app).first().map(String::as_str),
        Some("paaroerende-vil-bruge-mitid")
    );
}

#[test]
fn enter_with_no_hits_starts_nothing() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "xyzzy");
    press(&mut app, KeyCode::Enter);
    assert!(app.case.is_none());
    assert_eq!(app.mode(), Mode::Searching);
}

// ------------------------------------------------------------------ picking and answering

#[test]
fn enter_starts_the_selected_guide() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Down);
    assert_eq!(app.selected_guide().map(|g| g.id.as_str()), Some(MITID));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Step);
    assert_eq!(guide_id(&app).as_deref(), Some(MITID));
    assert_eq!(step_id(&app).as_deref(), Some("hvem"));
}

#[test]
fn enter_after_a_search_starts_the_best_hit() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "far mitid");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Step);
    assert_eq!(guide_id(&app).as_deref(), Some(MITID));
    assert!(
        !app.picker.searching,
        "starting a guide leaves the search box"
    );
}

#[test]
fn the_picker_selection_stays_inside_the_list() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Up);
    assert_eq!(app.picker.selected, 0);
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(app.picker.selected, 2);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.picker.selected, 1);
}

#[test]
fn digits_choose_the_numbered_choice() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(step_id(&app).as_deref(), Some("samtykke"));
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(outcome_id(&app).as_deref(), Some("vejled"));
    assert_eq!(app.mode(), Mode::Outcome);
}

#[test]
fn a_digit_with_no_such_choice_does_nothing() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(step_id(&app).as_deref(), Some("hvem"));
    // Choice 5 exists in the file but one of the five is hidden at this site.
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(step_id(&app).as_deref(), Some("hvem"));
    assert!(app.notice.is_none());
}

#[test]
fn up_down_and_enter_choose() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.case.as_ref().unwrap().selected, 1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(outcome_id(&app).as_deref(), Some("afvis"));
}

#[test]
fn the_selection_stops_at_the_last_visible_choice() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    for _ in 0..10 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(app.case.as_ref().unwrap().selected, 3);
    press(&mut app, KeyCode::Enter);
    assert_eq!(outcome_id(&app).as_deref(), Some("henvis"));
}

#[test]
fn answering_resets_the_selection_and_the_scroll() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.case.as_ref().unwrap().scroll, 10);
    press(&mut app, KeyCode::Char('1'));
    let case = app.case.as_ref().unwrap();
    assert_eq!((case.selected, case.scroll), (0, 0));
}

#[test]
fn when_and_unless_follow_what_the_site_offers() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    let labels = choice_labels(&app);
    assert_eq!(labels.len(), 4);
    assert_eq!(labels[3], "Borgeren vil have hjælp med MitID-appen");

    let (mut app, _dir) = app_on(&[fixture_dir()], Site::offering(["app-cafe"]));
    open(&mut app, MITID);
    let labels = choice_labels(&app);
    assert_eq!(labels.len(), 4);
    assert_eq!(
        labels[3],
        "Borgeren vil have hjælp med MitID-appen i app-caféen"
    );
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(outcome_id(&app).as_deref(), Some("app-cafe"));
}

#[test]
fn a_step_shown_only_when_the_site_offers_a_service_hides_the_choice_leading_to_it() {
    let (mut app, _dir) = app();
    open(&mut app, BOLIG);
    assert_eq!(
        choice_labels(&app),
        ["Ja", "Nej, og vi udfylder ikke sammen her"]
    );

    let (mut app, _dir) = app_on(&[fixture_dir()], Site::offering(["udfyld-sammen"]));
    open(&mut app, BOLIG);
    assert_eq!(
        choice_labels(&app),
        ["Ja", "Nej, borgeren vil have hjælp til at udfylde"]
    );
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(step_id(&app).as_deref(), Some("udfyld-samtykke"));
}

// ------------------------------------------------------------------ back, restart, ending

#[test]
fn back_undoes_one_answer() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    keys(&mut app, "12");
    assert_eq!(outcome_id(&app).as_deref(), Some("vejled"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(step_id(&app).as_deref(), Some("samtykke"));
    press(&mut app, KeyCode::Backspace);
    assert_eq!(step_id(&app).as_deref(), Some("hvem"));
    assert_eq!(app.case.as_ref().unwrap().walk.answers().count(), 0);
    assert!(app.ended.is_empty());
}

#[test]
fn back_at_the_first_step_ends_the_case_as_abandoned() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Left);
    assert!(app.case.is_none());
    assert_eq!(app.mode(), Mode::Picker);
    assert_eq!(app.ended.len(), 1);
    let record = &app.ended[0];
    assert_eq!(record.ending, Ending::Abandoned);
    assert_eq!(record.guide_id, MITID);
    assert_eq!(record.outcome, None);
    assert_eq!(record.path, ["hvem"]);
    assert_eq!(
        app.notice,
        Some(Notice {
            text: DA.case_abandoned.to_string(),
            is_problem: false
        })
    );
}

#[test]
fn restart_after_an_outcome_goes_back_to_the_first_question() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    keys(&mut app, "12");
    let started = app.case.as_ref().unwrap().walk.started();
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(step_id(&app).as_deref(), Some("hvem"));
    let case = app.case.as_ref().unwrap();
    assert_eq!(case.walk.answers().count(), 0);
    assert_eq!(case.walk.started(), started, "a restart is the same case");
    assert!(app.ended.is_empty());
}

#[test]
fn enter_at_an_outcome_finishes_the_case_and_returns_to_the_picker() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    keys(&mut app, "12");
    press(&mut app, KeyCode::Enter);
    assert!(app.case.is_none());
    assert_eq!(app.mode(), Mode::Picker);
    assert_eq!(app.ended.len(), 1);
    let record = &app.ended[0];
    assert_eq!(record.ending, Ending::Finished);
    assert_eq!(
        record.outcome,
        Some(("vejled".to_string(), OutcomeKind::Guide))
    );
    assert_eq!(record.path, ["hvem", "samtykke"]);
    assert!(
        record.must_not_shown,
        "the guide's must-not rule was on screen"
    );
    assert_eq!(
        app.notice.as_ref().map(|n| n.text.as_str()),
        Some(DA.case_ended)
    );
}

// ------------------------------------------------------------------ quitting

#[test]
fn q_with_a_case_open_asks_first_and_n_keeps_the_case() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.mode(), Mode::ConfirmQuit);
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.overlay, None);
    assert!(!app.quit);
    assert_eq!(step_id(&app).as_deref(), Some("samtykke"));
    assert!(app.ended.is_empty());
    // Esc is also "no".
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Step);
    assert_eq!(step_id(&app).as_deref(), Some("samtykke"));
}

#[test]
fn j_in_the_quit_box_quits_and_logs_the_case_as_abandoned() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('j'));
    assert!(app.quit);
    assert!(app.case.is_none());
    assert_eq!(app.ended.len(), 1);
    assert_eq!(app.ended[0].ending, Ending::Abandoned);
    assert_eq!(app.ended[0].path, ["hvem", "samtykke"]);
}

#[test]
fn other_keys_in_the_quit_box_mean_no() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('q'));
    // A digit must not answer the question hidden behind the box.
    press(&mut app, KeyCode::Enter);
    assert!(!app.quit);
    assert_eq!(app.overlay, None);
    assert_eq!(step_id(&app).as_deref(), Some("hvem"));
}

#[test]
fn q_with_no_case_quits_at_once() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
    assert_eq!(app.overlay, None);
    assert!(app.ended.is_empty());
}

#[test]
fn ctrl_c_quits_at_once_and_abandons_the_open_case() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('1'));
    press_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
    assert!(app.case.is_none());
    assert_eq!(app.ended.len(), 1);
    assert_eq!(app.ended[0].ending, Ending::Abandoned);
}

/// A named way to bring the app into some mode.
type Setting = (&'static str, fn(&mut App));

#[test]
fn force_quit_works_from_every_mode() {
    let setups: [Setting; 4] = [
        ("searching", |app| {
            press(app, KeyCode::Char('/'));
        }),
        ("help over a case", |app| {
            open(app, MITID);
            press(app, KeyCode::Char('?'));
        }),
        ("quit box", |app| {
            open(app, MITID);
            press(app, KeyCode::Char('q'));
        }),
        ("outcome", |app| {
            open(app, MITID);
            keys(app, "2");
        }),
    ];
    for (name, setup) in setups {
        let (mut app, _dir) = app();
        setup(&mut app);
        let had_case = app.case.is_some();
        app.update(Action::ForceQuit);
        assert!(app.quit, "{name}");
        assert!(app.case.is_none(), "{name}");
        assert_eq!(app.ended.len(), usize::from(had_case), "{name}");
        assert!(
            app.ended.iter().all(|r| r.ending == Ending::Abandoned),
            "{name}"
        );
    }
}

#[test]
fn shutdown_abandons_every_open_case() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('!'));
    app.shutdown();
    assert!(app.quit);
    assert!(app.case.is_none() && app.paused.is_empty());
    let guides: Vec<_> = app.ended.iter().map(|r| r.guide_id.as_str()).collect();
    assert_eq!(guides, [SAFETY, MITID]);
}

// ------------------------------------------------------------------ the safety key

#[test]
fn the_safety_key_pauses_the_case_and_returns_to_it_at_the_same_step() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Down);
    let before = app.case.as_ref().unwrap().walk.path().join("/");
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(guide_id(&app).as_deref(), Some(SAFETY));
    assert_eq!(step_id(&app).as_deref(), Some("hvad-sker-der"));
    assert!(app.in_safety_interrupt());
    assert_eq!(app.paused.len(), 1);

    press(&mut app, KeyCode::Char('1'));
    assert_eq!(outcome_id(&app).as_deref(), Some("spaer"));
    press(&mut app, KeyCode::Enter);

    assert!(!app.in_safety_interrupt());
    assert_eq!(guide_id(&app).as_deref(), Some(MITID));
    let case = app.case.as_ref().unwrap();
    assert_eq!(case.walk.path().join("/"), before);
    assert_eq!(case.selected, 1, "the highlighted choice is kept too");
    assert_eq!(app.ended.len(), 1);
    assert_eq!(app.ended[0].guide_id, SAFETY);
    assert_eq!(app.ended[0].ending, Ending::Finished);
}

#[test]
fn backing_out_of_the_safety_guide_also_returns_to_the_paused_case() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('!'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(guide_id(&app).as_deref(), Some(MITID));
    assert_eq!(step_id(&app).as_deref(), Some("hvem"));
    assert_eq!(app.ended.len(), 1);
    assert_eq!(app.ended[0].ending, Ending::Abandoned);
}

#[test]
fn the_safety_key_inside_the_safety_guide_does_nothing() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('!'));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(guide_id(&app).as_deref(), Some(SAFETY));
    assert_eq!(outcome_id(&app).as_deref(), Some("spaer"));
    assert_eq!(app.paused.len(), 1);
}

#[test]
fn the_safety_key_works_from_the_picker_and_then_returns_there() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(guide_id(&app).as_deref(), Some(SAFETY));
    assert!(!app.in_safety_interrupt(), "no case was waiting");
    keys(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    assert!(app.case.is_none());
    assert_eq!(app.mode(), Mode::Picker);
}

#[test]
fn quitting_during_the_safety_guide_abandons_both_cases() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('!'));
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.mode(), Mode::ConfirmQuit);
    press(&mut app, KeyCode::Char('j'));
    assert!(app.quit);
    let ended: Vec<_> = app
        .ended
        .iter()
        .map(|r| (r.guide_id.as_str(), r.ending))
        .collect();
    assert_eq!(
        ended,
        [(SAFETY, Ending::Abandoned), (MITID, Ending::Abandoned)]
    );
}

#[test]
fn the_safety_key_without_the_safety_guide_says_so() {
    let dir = fixture_dir();
    let (mut app, _dir) = app_on(
        &[
            dir.join("rules.toml"),
            dir.join("places.toml"),
            dir.join("services.toml"),
            dir.join("mitid"),
        ],
        Site::default(),
    );
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(guide_id(&app).as_deref(), Some(MITID));
    assert!(app.paused.is_empty());
    let notice = app.notice.as_ref().unwrap();
    assert!(notice.is_problem);
    assert_eq!(notice.text, DA.safety_missing);
}

// ------------------------------------------------------------------ help and errors

#[test]
fn question_mark_opens_help_and_any_other_key_closes_it() {
    for closer in [
        KeyCode::Char('x'),
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Char('1'),
        KeyCode::Char('?'),
        KeyCode::Char('h'),
    ] {
        let (mut app, _dir) = app();
        open(&mut app, MITID);
        press(&mut app, KeyCode::Char('?'));
        assert_eq!(app.overlay, Some(Overlay::Help));
        assert_eq!(app.mode(), Mode::Overlay);
        press(&mut app, closer);
        assert_eq!(app.overlay, None, "{closer:?} closes help");
        assert_eq!(
            step_id(&app).as_deref(),
            Some("hvem"),
            "{closer:?} only closes help, it does not also act on the case"
        );
    }
}

#[test]
fn f1_opens_help_and_arrows_scroll_it() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.overlay, Some(Overlay::Help));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.overlay_scroll, 2);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.overlay_scroll, 1);
    assert_eq!(
        app.overlay,
        Some(Overlay::Help),
        "scrolling keeps help open"
    );
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.overlay_scroll, 0, "help opens at the top");
}

#[test]
fn e_shows_the_guide_errors() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.overlay, Some(Overlay::Errors));
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.overlay, None);
}

// ------------------------------------------------------------------ handouts

#[test]
fn h_at_an_outcome_writes_the_citizen_steps_numbered() {
    let (mut app, dir) = app();
    open(&mut app, MITID);
    keys(&mut app, "12h");
    let handouts = dir.path().join("udskrifter");
    let files: Vec<_> = std::fs::read_dir(&handouts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.ends_with(&format!("-{MITID}-vejled.txt")),
        "file name: {name}"
    );
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        text.starts_with("Borgeren logger selv på – du viser vej\n"),
        "{text}"
    );
    for (n, step) in [
        "Gå ind på borger.dk og tryk på »Log på«.",
        "Tast selv dit bruger-ID og godkend i MitID-appen. Den, der hjælper dig, kigger væk imens.",
        "Giv aldrig dine koder eller din telefon med MitID-appen til andre – heller ikke til familien.",
    ]
    .iter()
    .enumerate()
    {
        assert!(text.contains(&format!("  {}. {step}\n", n + 1)), "{text}");
    }
    let notice = app.notice.as_ref().unwrap();
    assert!(!notice.is_problem);
    assert_eq!(
        notice.text,
        format!("{}: {}", DA.handout_saved, files[0].display())
    );
    assert_eq!(
        outcome_id(&app).as_deref(),
        Some("vejled"),
        "the case stays open"
    );
    assert!(app.ended.is_empty());
}

#[test]
fn a_handout_names_the_place_to_contact() {
    let (mut app, dir) = app();
    open(&mut app, MITID);
    keys(&mut app, "13h");
    let file = std::fs::read_dir(dir.path().join("udskrifter"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.contains("  1. Ring til MitID Support på 33 98 00 10.\n"),
        "{text}"
    );
    assert!(
        text.contains("  MitID Support\n  Telefon: 33 98 00 10\n"),
        "{text}"
    );
}

#[test]
fn h_at_an_outcome_without_citizen_steps_says_so_and_writes_nothing() {
    let (mut app, dir) = app();
    open(&mut app, MITID);
    keys(&mut app, "11");
    assert_eq!(outcome_id(&app).as_deref(), Some("goer-det-sammen"));
    press(&mut app, KeyCode::Char('h'));
    let notice = app.notice.as_ref().unwrap();
    assert!(notice.is_problem);
    assert_eq!(notice.text, DA.handout_nothing);
    assert!(!dir.path().join("udskrifter").exists());
}

#[test]
fn h_at_a_step_does_nothing() {
    let (mut app, dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(step_id(&app).as_deref(), Some("hvem"));
    assert!(app.notice.is_none());
    assert!(!dir.path().join("udskrifter").exists());
}

#[test]
fn the_next_key_clears_the_notice() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    keys(&mut app, "12h");
    assert!(app.notice.is_some());
    press(&mut app, KeyCode::Down);
    assert!(app.notice.is_none());
}

// ------------------------------------------------------------------ mouse and resize

#[test]
fn a_click_on_a_rendered_choice_chooses_it() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    let terminal = render(&app, 80, 24);
    let y = row_of(&terminal, "En pårørende alene");
    app.update(Action::Click { column: 30, row: y });
    assert_eq!(outcome_id(&app).as_deref(), Some("afvis"));
}

#[test]
fn a_click_on_the_second_row_of_a_wrapped_choice_chooses_it() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    let terminal = render(&app, 80, 24);
    let first = row_of(&terminal, "Borgeren og en pårørende sammen");
    // The long label wraps; its second row holds the rest of the words.
    let second = row_of(&terminal, "selvbetjening");
    assert_eq!(second, first + 1, "\n{}", terminal.backend());
    app.update(Action::Click {
        column: 60,
        row: second,
    });
    assert_eq!(outcome_id(&app).as_deref(), Some("fuldmagt"));
}

#[test]
fn a_click_on_a_guide_in_the_picker_starts_it() {
    let (mut app, _dir) = app();
    let terminal = render(&app, 80, 24);
    let y = row_of(&terminal, "Borgeren bliver presset");
    app.update(Action::Click { column: 5, row: y });
    assert_eq!(guide_id(&app).as_deref(), Some(SAFETY));
}

#[test]
fn a_click_on_the_question_text_does_nothing() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    let terminal = render(&app, 80, 24);
    let y = row_of(&terminal, "Hvem står ved skranken");
    app.update(Action::Click { column: 10, row: y });
    app.update(Action::Click { column: 0, row: 0 });
    assert_eq!(step_id(&app).as_deref(), Some("hvem"));
}

#[test]
fn a_resize_keeps_the_state_and_moves_the_click_regions() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Down);
    let small = render(&app, 80, 24);
    let small_row = row_of(&small, "Nej, borgeren vil hellere ringe");
    let small_regions = app.clickable.borrow().clone();
    let big = render(&app, 120, 40);
    let big_row = row_of(&big, "Nej, borgeren vil hellere ringe");

    assert_eq!(app.mode(), Mode::Step);
    assert_eq!(step_id(&app).as_deref(), Some("samtykke"));
    assert_eq!(app.case.as_ref().unwrap().selected, 1);

    // The regions are those of the last render (120 × 40), not the first.
    let big_regions = app.clickable.borrow().clone();
    assert_eq!(big_regions.len(), small_regions.len());
    assert_ne!(big_regions, small_regions);
    // Column 76 of that row was the choice at 80 columns; at 120 it is the rules panel.
    assert!(
        small_regions
            .iter()
            .any(|(r, _)| r.contains((76, small_row).into()))
    );
    app.update(Action::Click {
        column: 76,
        row: big_row,
    });
    assert_eq!(step_id(&app).as_deref(), Some("samtykke"));
    app.update(Action::Click {
        column: 20,
        row: big_row,
    });
    assert_eq!(outcome_id(&app).as_deref(), Some("henvis"));
}

#[test]
fn rendering_changes_nothing_but_the_click_regions() {
    let (mut app, _dir) = app();
    open(&mut app, MITID);
    keys(&mut app, "1");
    for (w, h) in [(80, 24), (120, 40), (59, 15), (200, 60)] {
        render(&app, w, h);
        assert_eq!(step_id(&app).as_deref(), Some("samtykke"));
        assert_eq!(app.mode(), Mode::Step);
    }
}

#[test]
fn a_click_behind_an_open_box_never_answers_the_hidden_question() {
    for opener in ['?', 'q'] {
        let (mut app, _dir) = app();
        open(&mut app, MITID);
        let terminal = render(&app, 80, 24);
        let y = row_of(&terminal, "Borgeren selv");
        press(&mut app, KeyCode::Char(opener));
        render(&app, 80, 24);
        app.update(Action::Click { column: 3, row: y });
        assert_eq!(
            step_id(&app).as_deref(),
            Some("hvem"),
            "box opened by {opener}"
        );
        assert!(!app.quit);
    }
}
