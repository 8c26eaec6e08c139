//! The full-screen app's status line says when cases wait for the central log, and why, in the
//! warning style, before the site and the guides' folder (which may be cut on a narrow screen).

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vejviser::central::ShipState;
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};

fn app() -> (App, tempfile::TempDir) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let loaded = vejviser::guide::load_paths(&[dir]);
    let handouts = tempfile::tempdir().unwrap();
    let app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors: Vec::new(),
        site: Site::default(),
        guides_label: "/srv/kommune/borgerservice/vejledninger/guides-til-skranken".to_string(),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, true),
        handout_dir: handouts.path().join("udskrifter"),
    });
    (app, handouts)
}

fn status_row(app: &App) -> (String, Vec<ratatui::style::Style>) {
    let mut terminal = Terminal::new(TestBackend::new(120, 24)).unwrap();
    terminal
        .draw(|frame| vejviser::tui::view::render(app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    // The status line is the row above the footer's key hints.
    let y = (0..buffer.area.height)
        .rev()
        .find(|&y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("Sted")
        })
        .expect("a status row");
    let text = (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect();
    let styles = (0..buffer.area.width)
        .map(|x| buffer[(x, y)].style())
        .collect();
    (text, styles)
}

#[test]
fn waiting_cases_and_the_reason_are_on_the_status_line_in_the_warning_style() {
    let (mut app, _dir) = app();
    let (quiet, _) = status_row(&app);
    assert!(!quiet.contains("central"), "{quiet}");
    let state = ShipState {
        waiting: 3,
        problem: Some(String::from("den centrale server svarer ikke")),
        ..ShipState::default()
    };
    app.central = state.line(Lang::Da);
    let (text, styles) = status_row(&app);
    let said =
        "3 sager venter på at blive sendt til den centrale log: den centrale server svarer ikke";
    let at = text.find(said).unwrap_or_else(|| panic!("{text}"));
    let column = text[..at].chars().count();
    let (cell, warning) = (styles[column], app.theme.warning);
    assert_eq!((cell.fg, cell.bg), (warning.fg, warning.bg));
    assert!(cell.add_modifier.contains(warning.add_modifier));
    assert!(at < text.find("Sted").unwrap(), "{text}");
    // Shipped again: the line is gone.
    app.central = ShipState::default().line(Lang::Da);
    assert!(!status_row(&app).0.contains("venter"));
}
