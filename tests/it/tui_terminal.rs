//! The whole program in a real (pseudo-)terminal: the built binary runs in a pty of 80 × 24, its
//! output goes through a `vt100` terminal emulator, and the tests wait for what a helper would
//! see on screen — never for a length of time. Then they check that the terminal is handed back
//! as it was: alternate screen left, cursor shown, mouse capture off.
//!
//! These tests use the guides built into the binary, which others edit. So they never hard-code
//! a guide's questions: an in-process copy of the app on the same built-in guides is driven with
//! the same keys, and each screen is checked against what that copy says should be there.

#![cfg(unix)]

use crate::common;

use std::path::Path;

use common::pty::Session;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vejviser::date::Date;
use vejviser::guide::Node;
use vejviser::lang::Lang;
use vejviser::present::outcome::Words;
use vejviser::site::Site;
use vejviser::tui::keys::{self, Mode};
use vejviser::tui::strings::DA;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};
use vejviser::walk::Walk;

/// The app as the binary builds it on its built-in guides, to know what each screen should show.
fn model(handouts: &Path) -> App {
    let mut loaded = vejviser::guide::load_embedded();
    let findings = vejviser::guide::check(&loaded.library, &loaded.sources, Date::today());
    loaded.diagnostics.extend(findings);
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    loaded.drop_broken_guides();
    App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors,
        site: Site::default(),
        guides_label: String::new(),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, false),
        handout_dir: handouts.to_path_buf(),
    })
}

/// Press a key in the real program and in the model.
fn press(session: &mut Session, model: &mut App, key: KeyCode) {
    let bytes = match key {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "\r".to_string(),
        KeyCode::Esc => "\x1b".to_string(),
        other => panic!("no bytes for {other:?}"),
    };
    session.send(bytes.as_bytes());
    if let Some(action) = keys::action(model.mode(), KeyEvent::new(key, KeyModifiers::NONE)) {
        model.update(action);
    }
}

/// The first few words of a text, which stay on one row however the text wraps.
fn opening(text: &str, words: usize) -> String {
    text.split_whitespace()
        .take(words)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Wait for the model's current step or outcome on the real screen.
fn expect_model_screen(session: &Session, model: &App) -> String {
    let case = model.case.as_ref().expect("a case is open in the model");
    match case.walk.current() {
        Node::Step(step) => {
            let title = format!("trin {}", case.walk.path().len());
            let ask = opening(&step.ask, 3);
            let choices = case.walk.choices();
            let first = format!(" 1  {}", opening(&choices[0].label, 2));
            let second = choices
                .get(1)
                .map(|c| format!(" 2  {}", opening(&c.label, 2)));
            session.wait_for(
                &format!("step `{}`: {title}, `{ask}`, `{first}`", step.id.as_str()),
                |s| {
                    s.contains(&title)
                        && s.contains(&ask)
                        && s.contains(&first)
                        && second.as_ref().is_none_or(|c| s.contains(c))
                },
            )
        }
        Node::Outcome(outcome) => {
            let badge = outcome.kind.label(Lang::Da);
            let heading = format!(" {badge}  {}", opening(&outcome.title, 2));
            session.wait_for(
                &format!("outcome `{}` with `{heading}`", outcome.id.as_str()),
                |s| s.contains(&heading) && s.contains(Words::of(Lang::Da).do_now),
            )
        }
    }
}

/// Choice numbers (1-9) that lead from where the walk stands to an outcome with steps for the
/// citizen, preferring the first choices.
fn path_to_a_handout(walk: &Walk, depth: usize) -> Option<Vec<usize>> {
    if let Some(outcome) = walk.outcome() {
        return (!outcome.steps.is_empty()).then(Vec::new);
    }
    if depth > 20 {
        return None;
    }
    for n in 1..=walk.choices().len().min(9) {
        let mut next = walk.clone();
        if next.choose(n).is_ok()
            && let Some(mut rest) = path_to_a_handout(&next, depth + 1)
        {
            rest.insert(0, n);
            return Some(rest);
        }
    }
    None
}

/// Start the program, search for "far mitid" and start the guide it finds.
fn start_far_mitid(session: &mut Session, model: &mut App) {
    session.wait_for_text(DA.search_hint);
    press(session, model, KeyCode::Char('/'));
    for c in "far mitid".chars() {
        press(session, model, KeyCode::Char(c));
    }
    session.wait_for_text("far mitid_");
    let found = model
        .selected_guide()
        .expect("\"far mitid\" finds a guide")
        .clone();
    assert!(
        found.title.contains("MitID"),
        "\"far mitid\" should find the guide about a relative and MitID, found {:?}",
        found.title.value
    );
    session.wait_for_text(&format!("► {}", opening(&found.title, 3)));
    press(session, model, KeyCode::Enter);
    assert_eq!(model.mode(), Mode::Step);
    let screen = expect_model_screen(session, model);
    assert!(
        screen.contains(&opening(&found.title, 3)),
        "the header names the guide:\n{screen}"
    );
}

#[test]
fn a_whole_case_in_a_real_terminal() {
    let mut session = Session::start();
    let model_handouts = tempfile::tempdir().unwrap();
    let mut model = model(model_handouts.path());
    start_far_mitid(&mut session, &mut model);

    // Answer with the digit keys down to an outcome the citizen gets a handout for.
    let walk = model.case.as_ref().unwrap().walk.clone();
    let answers = path_to_a_handout(&walk, 0).expect("the guide has an outcome with steps");
    for n in answers {
        let digit = char::from_digit(n as u32, 10).unwrap();
        press(&mut session, &mut model, KeyCode::Char(digit));
        expect_model_screen(&session, &model);
    }
    assert_eq!(model.mode(), Mode::Outcome);

    // The handout goes into the data folder, and the status line says where.
    press(&mut session, &mut model, KeyCode::Char('h'));
    session.wait_for_text(DA.handout_saved);
    let handouts = session.data_dir.path().join("udskrifter");
    let files: Vec<_> = std::fs::read_dir(&handouts)
        .unwrap_or_else(|e| panic!("{}: {e}", handouts.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        text.contains("  1. "),
        "the citizen's steps are numbered:\n{text}"
    );
    let shown_path = files[0].display().to_string();
    session.wait_for(&format!("the path `{shown_path}` on screen"), |screen| {
        let joined: String = screen.lines().map(str::trim).collect();
        joined.contains(&shown_path)
    });

    // `h` also opens the box for the printed handout's language, with names in Latin script;
    // Esc closes it without printing, and the outcome is still on screen.
    assert_eq!(model.mode(), Mode::HandoutBox);
    session.wait_for_text("ukrainsk");
    session.wait_for_text("arabisk");
    press(&mut session, &mut model, KeyCode::Esc);
    assert_eq!(model.mode(), Mode::Outcome);
    // Wait for the box to go before the next Esc: two Esc bytes in one read are one key to a
    // terminal parser (ESC ESC), so pressing on while the box is still drawn races the reader.
    session.wait_for("the language box closed", |s| !s.contains("ukrainsk"));
    expect_model_screen(&session, &model);

    // Esc goes back to the question before the outcome.
    press(&mut session, &mut model, KeyCode::Esc);
    assert_eq!(model.mode(), Mode::Step);
    expect_model_screen(&session, &model);

    // q with a case open asks first; j quits.
    press(&mut session, &mut model, KeyCode::Char('q'));
    session.wait_for_text(DA.quit_keys);
    press(&mut session, &mut model, KeyCode::Char('j'));
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {}", status.exit_code());
    session.assert_terminal_restored();
}

fn signal_ends_the_program(signal: &str) {
    let mut session = Session::start();
    let model_handouts = tempfile::tempdir().unwrap();
    let mut model = model(model_handouts.path());
    start_far_mitid(&mut session, &mut model);
    press(&mut session, &mut model, KeyCode::Char('1'));
    expect_model_screen(&session, &model);

    let sent = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("kill -{signal} {}", session.pid()))
        .status()
        .unwrap();
    assert!(sent.success());
    session.wait_for_exit();
    session.assert_terminal_restored();
}

#[test]
fn sigterm_with_a_case_open_ends_the_program_and_restores_the_terminal() {
    signal_ends_the_program("TERM");
}

#[test]
fn sighup_from_a_closed_window_ends_the_program_and_restores_the_terminal() {
    signal_ends_the_program("HUP");
}

#[test]
fn ctrl_c_quits_at_once_without_asking() {
    let mut session = Session::start();
    let model_handouts = tempfile::tempdir().unwrap();
    let mut model = model(model_handouts.path());
    start_far_mitid(&mut session, &mut model);
    // Ctrl-C arrives as a key (the terminal is raw), not as a signal.
    session.send(&[0x03]);
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {}", status.exit_code());
    session.assert_terminal_restored();
}
