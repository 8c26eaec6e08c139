//! `h` in the app: the text handout is written, a box asks for the printed handout's language
//! (Latin-script names only, drafts marked), Enter writes the HTML page and opens it in the
//! browser; the last language chosen is offered first; a browser that will not start is a
//! message. The shipped guides (with their Ukrainian and Arabic) are used.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;
use vejviser::handout::open::OpenError;
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::keys::{self, Mode};
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};

/// Every path the app asked to open, per test thread name (tests run in parallel).
static OPENED: Mutex<Vec<(String, PathBuf)>> = Mutex::new(Vec::new());

fn thread_name() -> String {
    std::thread::current().name().unwrap_or("").to_string()
}

fn record(path: &Path) -> Result<(), OpenError> {
    OPENED
        .lock()
        .unwrap()
        .push((thread_name(), path.to_path_buf()));
    Ok(())
}

fn opened() -> Vec<PathBuf> {
    let name = thread_name();
    (OPENED.lock().unwrap().iter())
        .filter(|(n, _)| *n == name)
        .map(|(_, p)| p.clone())
        .collect()
}

fn fail(_: &Path) -> Result<(), OpenError> {
    vejviser::handout::open::in_browser(Path::new("/nonexistent/with\0nul"))
}

fn app(lang: Lang) -> (App, TempDir) {
    let mut loaded = vejviser::guide::load_embedded();
    let danish = loaded.library.clone();
    vejviser::guide::translation::apply(&mut loaded.library, lang);
    let errors = loaded.drop_broken_guides();
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors,
        site: Site::default(),
        guides_label: "indbyggede".to_string(),
        lang,
        theme: Theme::new(ThemeName::Normal, true),
        handout_dir: dir.path().join("udskrifter"),
    });
    app.handouts.danish = Some(danish);
    app.handouts.open = record;
    (app, dir)
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

/// `faa-mitid` answered 1, 1, 1, 1: the citizen gets MitID in the app, with steps to take home.
fn at_outcome(app: &mut App) {
    press(app, KeyCode::Char('/'));
    keys(app, "få mitid");
    let index = app
        .picker_guides()
        .iter()
        .position(|g| g.id == "faa-mitid")
        .unwrap();
    app.picker.selected = index;
    press(app, KeyCode::Enter);
    keys(app, "1111");
    let outcome = app.case.as_ref().and_then(|c| c.walk.outcome()).unwrap();
    assert_eq!(outcome.id.as_str(), "sammen-i-appen");
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| vejviser::tui::view::render(app, frame))
        .unwrap();
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

fn files(dir: &TempDir, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir.path().join("udskrifter"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    out.retain(|p| p.extension().is_some_and(|e| e == ext));
    out
}

#[test]
fn h_writes_the_text_and_asks_for_the_language_in_latin_script() {
    let (mut app, dir) = app(Lang::Da);
    at_outcome(&mut app);
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.mode(), Mode::HandoutBox);
    assert_eq!(
        files(&dir, "txt").len(),
        1,
        "the text handout is written at once"
    );
    assert!(
        files(&dir, "html").is_empty(),
        "nothing printed before a language is chosen"
    );
    let shown = screen(&app);
    for name in [
        "dansk",
        "engelsk",
        "ukrainsk",
        "arabisk",
        "udkast – ikke gennemlæst",
    ] {
        assert!(shown.contains(name), "{name}:\n{shown}");
    }
    // Right-to-left (and Cyrillic) text is never drawn in the terminal.
    assert!(
        !shown
            .chars()
            .any(|c| ('\u{0590}'..='\u{08FF}').contains(&c)
                || ('\u{0400}'..='\u{04FF}').contains(&c)),
        "{shown}"
    );
    // Danish is offered first the first time, and is not a draft.
    let offers = app.handout_offers();
    assert_eq!(offers[app.handouts.selected].lang.code(), "da");
    assert!(!offers[0].draft);
    assert!(
        offers
            .iter()
            .filter(|o| o.lang.code() != "da" && o.lang.code() != "en")
            .all(|o| o.draft)
    );
}

#[test]
fn enter_prints_the_chosen_language_opens_it_and_it_is_offered_first_next_time() {
    let (mut app, dir) = app(Lang::Da);
    at_outcome(&mut app);
    press(&mut app, KeyCode::Char('h'));
    let arabic = app
        .handout_offers()
        .iter()
        .position(|o| o.lang.code() == "ar")
        .unwrap();
    keys(&mut app, &(arabic + 1).to_string());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Outcome);
    let html = files(&dir, "html");
    assert_eq!(html.len(), 1, "{html:?}");
    assert!(
        html[0]
            .to_string_lossy()
            .ends_with("-sammen-i-appen-ar.html")
    );
    let page = std::fs::read_to_string(&html[0]).unwrap();
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{page}");
    assert_eq!(opened(), html, "the page is opened in the browser");
    let notice = app.notice.clone().unwrap();
    assert!(!notice.is_problem);
    assert!(
        notice.text.contains(&html[0].display().to_string()),
        "{}",
        notice.text
    );
    // Next time the box starts on Arabic; `b` prints and opens it again at once.
    press(&mut app, KeyCode::Char('h'));
    let offers = app.handout_offers();
    assert_eq!(offers[app.handouts.selected].lang.code(), "ar");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Outcome);
    press(&mut app, KeyCode::Char('b'));
    assert_eq!(opened().len(), 2);
}

#[test]
fn a_browser_that_does_not_start_is_a_message_with_the_path() {
    let (mut app, dir) = app(Lang::Da);
    app.handouts.open = fail;
    at_outcome(&mut app);
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Enter);
    let notice = app.notice.clone().unwrap();
    assert!(notice.is_problem);
    assert!(
        notice.text.contains("Browseren kunne ikke åbnes"),
        "{}",
        notice.text
    );
    let html = files(&dir, "html");
    assert!(
        notice.text.contains(&html[0].display().to_string()),
        "{}",
        notice.text
    );
    assert_eq!(app.mode(), Mode::Outcome, "the case goes on");
}

#[test]
fn in_the_english_app_the_handout_still_has_the_danish_below() {
    let (mut app, dir) = app(Lang::En);
    at_outcome(&mut app);
    press(&mut app, KeyCode::Char('h'));
    let shown = screen(&app);
    assert!(
        shown.contains("Ukrainian") && shown.contains("draft – not reviewed"),
        "{shown}"
    );
    let ukrainian = app
        .handout_offers()
        .iter()
        .position(|o| o.lang.code() == "uk")
        .unwrap();
    keys(&mut app, &(ukrainian + 1).to_string());
    press(&mut app, KeyCode::Enter);
    let page = std::fs::read_to_string(&files(&dir, "html")[0]).unwrap();
    assert!(page.contains("<html lang=\"uk\" dir=\"ltr\">"));
    assert!(
        page.contains("Få MitID i appen sammen med borgeren"),
        "the Danish title"
    );
    assert!(
        !page.contains("Get MitID in the app"),
        "no English in a Ukrainian handout"
    );
}

/// Line mode: `h ar` at an outcome writes the text handout and the Arabic page, and says both
/// paths; an unknown code writes nothing and names the codes.
#[test]
fn line_mode_h_with_a_code_writes_the_page_in_that_language() {
    use std::io::Write as _;
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["walk", "faa-mitid", "--no-log"])
        .env("VEJVISER_DATA_DIR", data.path())
        .env("VEJVISER_CONFIG_DIR", config.path())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"1\n1\n1\n1\nh xx\nh ar\n\n").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Ukendt sprog `xx`"), "{text}");
    let folder = data.path().join("udskrifter");
    let files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 2, "one text file and one page: {files:?}");
    let page = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .unwrap();
    assert!(page.to_string_lossy().ends_with("-sammen-i-appen-ar.html"));
    assert!(
        text.contains(&format!("(arabisk): {}", page.display())),
        "{text}"
    );
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
}
