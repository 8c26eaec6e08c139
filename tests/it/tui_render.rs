//! What the helper sees: the app drawn on ratatui's `TestBackend` at 80 × 24 (the smallest
//! common terminal) and 120 × 40, snapshot-tested with insta, plus buffer assertions for what a
//! snapshot cannot show: styles (a must-not rule is in the danger style; without colour it still
//! carries a symbol and the word) and that guide text can never reach the terminal as a control
//! sequence.
//!
//! Guides: the stable library in `tests/fixtures/tui/` (see `tests/tui_state.rs` for its map).
//! When a snapshot changes, read the new one: nothing cut mid-word, footer whole, rules visible.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};
use tempfile::TempDir;
use vejviser::guide::InputFile;
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::app::Notice;
use vejviser::tui::keys::{self, KEYS, Mode};
use vejviser::tui::strings::DA;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};

const MITID: &str = "paaroerende-vil-bruge-mitid";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui")
}

fn build(loaded: vejviser::guide::Loaded, lang: Lang, theme: Theme) -> (App, TempDir) {
    let mut loaded = loaded;
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
        site: Site::default(),
        guides_label: "tests/fixtures/tui".to_string(),
        lang,
        theme,
        handout_dir: handouts.path().join("udskrifter"),
    });
    (app, handouts)
}

fn app_with(lang: Lang, theme: Theme) -> (App, TempDir) {
    build(vejviser::guide::load_paths(&[fixture_dir()]), lang, theme)
}

fn app() -> (App, TempDir) {
    app_with(Lang::Da, Theme::new(ThemeName::Normal, true))
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

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| vejviser::tui::view::render(app, frame))
        .unwrap();
    terminal
}

fn rows(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// (x, y) of the first cell where `text` starts (by column, counting each cell once).
fn find(buffer: &Buffer, text: &str) -> Option<(u16, u16)> {
    for y in 0..buffer.area.height {
        let cells: Vec<&str> = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        for x in 0..cells.len() {
            let rest: String = cells[x..].concat();
            if rest.starts_with(text) {
                return Some((x as u16, y));
            }
        }
    }
    None
}

fn must_find(terminal: &Terminal<TestBackend>, text: &str) -> (u16, u16) {
    find(terminal.backend().buffer(), text)
        .unwrap_or_else(|| panic!("`{text}` is not on screen:\n{}", terminal.backend()))
}

/// The cell has every colour and modifier that `expected` sets.
fn assert_styled(buffer: &Buffer, (x, y): (u16, u16), len: u16, expected: Style, what: &str) {
    for x in x..x + len {
        let cell = &buffer[(x, y)];
        if let Some(fg) = expected.fg {
            assert_eq!(
                cell.fg,
                fg,
                "{what}: colour of `{}` at {x},{y}",
                cell.symbol()
            );
        }
        if let Some(bg) = expected.bg {
            assert_eq!(
                cell.bg,
                bg,
                "{what}: background of `{}` at {x},{y}",
                cell.symbol()
            );
        }
        assert!(
            cell.modifier.contains(expected.add_modifier),
            "{what}: `{}` at {x},{y} is {:?}, wanted {:?}",
            cell.symbol(),
            cell.modifier,
            expected.add_modifier
        );
    }
}

/// Every word of `text` stands whole on some row: wrapping never cut a word.
fn assert_words_whole(terminal: &Terminal<TestBackend>, text: &str) {
    let rows = rows(terminal.backend().buffer());
    for word in text.split_whitespace() {
        assert!(
            rows.iter().any(|r| r.contains(word)),
            "`{word}` is cut or missing:\n{}",
            terminal.backend()
        );
    }
}

// ------------------------------------------------------------------ snapshots

#[test]
fn picker() {
    let (app, _dir) = app();
    insta::assert_snapshot!("picker_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("picker_120x40", render(&app, 120, 40).backend());
}

#[test]
fn picker_searching() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "far mitid");
    insta::assert_snapshot!("picker_search_80x24", render(&app, 80, 24).backend());
}

#[test]
fn picker_with_no_hits() {
    let (mut app, _dir) = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "xyzzy");
    insta::assert_snapshot!("picker_no_hits_80x24", render(&app, 80, 24).backend());
}

#[test]
fn step() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    insta::assert_snapshot!("step_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("step_120x40", render(&app, 120, 40).backend());
}

#[test]
fn step_after_an_answer() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    keys(&mut app, "1");
    press(&mut app, KeyCode::Down);
    insta::assert_snapshot!("step_answered_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("step_answered_120x40", render(&app, 120, 40).backend());
}

#[test]
fn outcome_refer() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    keys(&mut app, "13");
    insta::assert_snapshot!("outcome_refer_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("outcome_refer_120x40", render(&app, 120, 40).backend());
}

#[test]
fn outcome_guide() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    keys(&mut app, "12");
    insta::assert_snapshot!("outcome_guide_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("outcome_guide_120x40", render(&app, 120, 40).backend());
}

#[test]
fn outcome_refuse() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    keys(&mut app, "2");
    insta::assert_snapshot!("outcome_refuse_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("outcome_refuse_120x40", render(&app, 120, 40).backend());
}

#[test]
fn help() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!("help_80x24", render(&app, 80, 24).backend());
    insta::assert_snapshot!("help_120x40", render(&app, 120, 40).backend());
}

#[test]
fn confirm_quit() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    press(&mut app, KeyCode::Char('q'));
    insta::assert_snapshot!("confirm_quit_80x24", render(&app, 80, 24).backend());
}

#[test]
fn safety_interrupt() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    keys(&mut app, "1!");
    insta::assert_snapshot!("safety_80x24", render(&app, 80, 24).backend());
}

#[test]
fn too_small() {
    let (app, _dir) = app();
    insta::assert_snapshot!("too_small_59x15", render(&app, 59, 15).backend());
}

#[test]
fn step_in_english() {
    let (mut app, _dir) = app_with(Lang::En, Theme::new(ThemeName::Normal, true));
    open(&mut app, "far mitid");
    insta::assert_snapshot!("step_en_80x24", render(&app, 80, 24).backend());
}

// ------------------------------------------------------------------ layout

#[test]
fn long_texts_wrap_at_spaces_and_keep_every_word() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    let guide = app.case.as_ref().unwrap().walk.guide().clone();
    let step = guide.step("hvem").unwrap();
    for (width, height) in [(80, 24), (120, 40)] {
        let terminal = render(&app, width, height);
        assert_words_whole(&terminal, &step.ask);
        for choice in &step.choices[..3] {
            assert_words_whole(&terminal, &choice.label);
        }
    }
}

/// Every key hint of the mode stands whole in the footer rows at 80 columns.
fn assert_footer_whole(app: &App, mode: Mode) {
    assert_eq!(app.mode(), mode);
    let terminal = render(app, 80, 24);
    let mut rows = rows(terminal.backend().buffer());
    let footer = rows.split_off(rows.len() - 2).concat();
    let mut hints: Vec<_> = KEYS.iter().filter(|k| k.footer.contains(&mode)).collect();
    if !app.errors.is_empty() && mode == Mode::Picker {
        hints.extend(KEYS.iter().filter(|k| k.keys == "e"));
    }
    for key in hints {
        let hint = format!(" {} {} ", key.footer_keys, key.short(app.lang));
        assert!(
            footer.contains(&hint) || footer.trim_end().ends_with(hint.trim_end()),
            "{mode:?} footer lacks `{hint}`:\n{}",
            terminal.backend()
        );
    }
}

#[test]
fn every_footer_hint_is_shown_whole_at_80_columns() {
    for lang in [Lang::Da, Lang::En] {
        let (mut app, _dir) = app_with(lang, Theme::new(ThemeName::Normal, true));
        assert_footer_whole(&app, Mode::Picker);
        press(&mut app, KeyCode::Char('/'));
        assert_footer_whole(&app, Mode::Searching);
        press(&mut app, KeyCode::Enter);
        assert_footer_whole(&app, Mode::Step);
        keys(&mut app, "2");
        assert_footer_whole(&app, Mode::Outcome);
    }
}

#[test]
fn guide_errors_show_in_the_status_line_and_the_footer() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("fejl").join("oedelagt.toml");
    std::fs::create_dir_all(broken.parent().unwrap()).unwrap();
    std::fs::write(&broken, "format = 1\n[guide\n").unwrap();
    for lang in [Lang::Da, Lang::En] {
        let loaded = vejviser::guide::load_paths(&[fixture_dir(), broken.clone()]);
        let (mut app, _handouts) = build(loaded, lang, Theme::new(ThemeName::Normal, true));
        assert_eq!(app.errors.len(), 1);
        assert_eq!(app.picker_guides().len(), 3, "the good guides stay usable");
        assert_footer_whole(&app, Mode::Picker);
        let terminal = render(&app, 80, 24);
        must_find(&terminal, &format!("! 1 {}", app.text.guide_errors));
        press(&mut app, KeyCode::Char('e'));
        let terminal = render(&app, 80, 24);
        must_find(&terminal, app.text.errors_title);
        must_find(&terminal, "oedelagt.toml:2:");
    }
}

#[test]
fn warnings_come_first_in_the_status_line_so_a_long_folder_cannot_push_them_off() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("fejl").join("oedelagt.toml");
    std::fs::create_dir_all(broken.parent().unwrap()).unwrap();
    std::fs::write(&broken, "format = 1\n[guide\n").unwrap();
    let loaded = vejviser::guide::load_paths(&[fixture_dir(), broken]);
    let (mut app, _handouts) = build(loaded, Lang::Da, Theme::new(ThemeName::Normal, true));
    app.guides_label = "/srv/kommune/borgerservice/vejledninger/guides-til-skranken".to_string();
    app.save_state = vejviser::log::SaveState::Failing {
        reason: "disken er fuld".to_string(),
        waiting: 2,
    };
    let terminal = render(&app, 80, 24);
    let at = must_find(&terminal, DA.not_saving);
    assert_styled(
        terminal.backend().buffer(),
        at,
        5,
        app.theme.warning,
        "not saving",
    );
    must_find(&terminal, &format!("! 1 {}", DA.guide_errors));
}

#[test]
fn the_rules_stay_visible_when_the_step_text_is_long() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    keys(&mut app, "1");
    let terminal = render(&app, 80, 24);
    for word in ["MÅ IKKE", "SKAL", "MÅ:", "Kig væk"] {
        must_find(&terminal, word);
    }
}

#[test]
fn a_long_notice_is_shown_whole() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    keys(&mut app, "12");
    let path =
        format!("/home/skranke/.local/share/vejviser/udskrifter/2026-11-23-{MITID}-vejled.txt");
    app.notice = Some(Notice {
        text: format!("{}: {path}", DA.handout_saved),
        is_problem: false,
    });
    let terminal = render(&app, 80, 24);
    let shown: String = rows(terminal.backend().buffer())
        .iter()
        .map(|r| r.trim())
        .collect::<Vec<_>>()
        .concat();
    assert!(
        shown.contains(&path.replace(' ', "")),
        "the path is cut:\n{}",
        terminal.backend()
    );
    // The footer is still there, whole.
    let footer = rows(terminal.backend().buffer()).split_off(22).concat();
    for hint in ["Enter afslut sag", "h udskrift", "q afslut"] {
        assert!(footer.contains(hint), "{footer}");
    }
}

// ------------------------------------------------------------------ styles

#[test]
fn a_must_not_rule_is_drawn_in_the_danger_style_with_its_word() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    let danger = app.theme.danger;
    for (width, height) in [(80, 24), (120, 40)] {
        let terminal = render(&app, width, height);
        let buffer = terminal.backend().buffer();
        let at = must_find(&terminal, "× MÅ IKKE: Brug aldrig");
        assert_styled(buffer, at, 11, danger, "must-not marker");
        assert_eq!(danger.bg, Some(Color::Red));
        assert_eq!(danger.fg, Some(Color::White));
        let words = (at.0 + 11, at.1);
        assert_styled(buffer, words, 11, app.theme.danger_text, "must-not words");
    }
}

#[test]
fn other_rules_are_marked_by_their_own_style_and_word() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    keys(&mut app, "1");
    let terminal = render(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let must = must_find(&terminal, "● SKAL:");
    assert_styled(buffer, must, 7, app.theme.must, "must rule");
    let may = must_find(&terminal, "○ MÅ:");
    assert_styled(buffer, may, 5, app.theme.may, "may rule");
    // Must-not first, then must, then may.
    let must_not = must_find(&terminal, "× MÅ IKKE:");
    assert!(must_not.1 < must.1 && must.1 < may.1);
}

#[test]
fn the_outcome_badge_is_in_its_kind_style() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    keys(&mut app, "2");
    let terminal = render(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let at = must_find(&terminal, " MÅ IKKE  Den pårørende");
    assert_styled(buffer, at, 9, app.theme.badge_refuse, "refuse badge");
}

#[test]
fn the_selected_choice_is_highlighted_across_its_label() {
    let (mut app, _dir) = app();
    open(&mut app, "far mitid");
    press(&mut app, KeyCode::Down);
    let terminal = render(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let at = must_find(&terminal, "  2  En pårørende alene, uden borgeren");
    assert_styled(buffer, at, 38, app.theme.selected, "selected choice");
    let other = must_find(&terminal, "  1  Borgeren selv");
    assert_ne!(buffer[(other.0 + 5, other.1)].bg, Color::Blue);
}

#[test]
fn without_colour_a_must_not_rule_still_has_its_symbol_and_word() {
    let (mut app, _dir) = app_with(Lang::Da, Theme::new(ThemeName::Normal, false));
    open(&mut app, "far mitid");
    keys(&mut app, "2");
    for (width, height) in [(80, 24), (120, 40)] {
        let terminal = render(&app, width, height);
        let buffer = terminal.backend().buffer();
        for cell in &buffer.content {
            assert_eq!(
                cell.fg,
                Color::Reset,
                "no colour at all:\n{}",
                terminal.backend()
            );
            assert_eq!(
                cell.bg,
                Color::Reset,
                "no colour at all:\n{}",
                terminal.backend()
            );
        }
        let at = must_find(&terminal, "× MÅ IKKE: Brug aldrig en anden persons");
        assert_styled(
            buffer,
            at,
            10,
            Style::new().add_modifier(Modifier::BOLD),
            "must-not without colour",
        );
        // The refusal badge is reversed so it stands out without colour.
        let badge = must_find(&terminal, " MÅ IKKE  Den pårørende");
        assert_styled(
            buffer,
            badge,
            9,
            Style::new().add_modifier(Modifier::REVERSED),
            "badge without colour",
        );
    }
}

// ------------------------------------------------------------------ hostile text

/// A guide whose text tries to clear the screen, set the window title and reverse the text.
const HOSTILE: &str = r#"format = 1

[guide]
title    = "Ond guide \u001b]0;pwned\u0007 titel"
summary  = "Resumé \u202eesrever\u202c og \u001b[31mrødt"
start    = "start"
reviewed = 2026-11-01
sources  = ["https://example.org"]

[steps.start]
ask     = "Spørgsmål \u001b[2J ryd skærmen?"
help    = "Hjælp \u200b usynlig"
choices = [
  { label = "Svar \u202eesrever\u202c slut", next = "slut" },
  { label = "Andet \u001b[H svar", next = "slut" },
]

[outcomes.slut]
kind   = "guide"
title  = "Slut \u001b[2J her"
helper = "Gør \u202e det \u001b[0m."
steps  = ["Trin \u001b[2J et"]
"#;

fn hostile_app() -> (App, TempDir) {
    let loaded = vejviser::guide::load_files(vec![InputFile {
        display: "guides/farlig/ond-guide.toml".to_string(),
        relative: "farlig/ond-guide.toml".to_string(),
        bytes: HOSTILE.as_bytes().to_vec(),
    }]);
    assert!(
        loaded.library.guide("ond-guide").is_some(),
        "{:?}",
        loaded.diagnostics
    );
    build(loaded, Lang::Da, Theme::new(ThemeName::Normal, true))
}

fn assert_no_control_characters(terminal: &Terminal<TestBackend>) {
    for cell in &terminal.backend().buffer().content {
        for c in cell.symbol().chars() {
            assert!(
                !c.is_control() && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'),
                "a {c:?} reached the screen:\n{}",
                terminal.backend()
            );
        }
    }
}

#[test]
fn hostile_guide_text_is_shown_as_visible_text() {
    let (mut app, _dir) = hostile_app();
    let picker = render(&app, 80, 24);
    assert_no_control_characters(&picker);
    must_find(&picker, "Ond guide \\u{1b}]0;pwned\\u{7} titel");
    must_find(&picker, "Resumé \\u{202e}esrever\\u{202c} og");
    must_find(&picker, "\\u{1b}[31mrødt");

    press(&mut app, KeyCode::Enter);
    for (width, height) in [(80, 24), (120, 40)] {
        let step = render(&app, width, height);
        assert_no_control_characters(&step);
        must_find(&step, "Spørgsmål \\u{1b}[2J ryd skærmen?");
        must_find(&step, "Svar \\u{202e}esrever\\u{202c} slut");
        must_find(&step, "Andet \\u{1b}[H svar");
        must_find(&step, "Hjælp \\u{200b} usynlig");
    }
    insta::assert_snapshot!("hostile_step_80x24", render(&app, 80, 24).backend());

    keys(&mut app, "1");
    let outcome = render(&app, 80, 24);
    assert_no_control_characters(&outcome);
    must_find(&outcome, "Slut \\u{1b}[2J her");
    must_find(&outcome, "Trin \\u{1b}[2J et");
    must_find(
        &outcome,
        "Svar indtil nu: Svar \\u{202e}esrever\\u{202c} slut",
    );
}

#[test]
fn a_hostile_handout_is_plain_text_too() {
    let (mut app, dir) = hostile_app();
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "1h");
    let file = std::fs::read_dir(dir.path().join("udskrifter"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(file).unwrap();
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains("  1. Trin \\u{1b}[2J et"), "{text}");
}

// ------------------------------------------------------------------ the rules panel

/// A guide with more rules in force than the panel has room for at 80 × 24.
fn many_rules_guide() -> String {
    let mut text = String::from(
        r#"format = 1

[guide]
title    = "Mange regler"
summary  = "En guide med mange regler."
start    = "start"
reviewed = 2026-11-01
sources  = ["https://example.org"]
rules    = ["r1", "r2", "r3", "r4", "r5", "r6", "r7"]

[steps.start]
ask     = "Et spørgsmål?"
choices = [
  { label = "Videre", next = "slut" },
]

[outcomes.slut]
kind   = "refer"
title  = "Henvis"
helper = "Henvis borgeren."
refer  = "mitid-support"
steps  = ["Første trin for borgeren.", "Andet trin.", "Tredje trin.", "Fjerde trin.", "Femte trin."]
"#,
    );
    for n in 1..=7 {
        text.push_str(&format!(
            "\n[rules.r{n}]\nkind = \"must\"\ntext = \"Regel nummer {n} er en lang regel, som fylder mere end en linje, når skærmen kun er firs tegn bred, og slutter her{n}.\"\nwhy = \"Fordi.\"\nsource = \"https://example.org\"\n"
        ));
    }
    text
}

fn many_rules_app() -> (App, TempDir) {
    let guide = many_rules_guide();
    let mut files = vec![InputFile {
        display: "guides/test/mange-regler.toml".to_string(),
        relative: "test/mange-regler.toml".to_string(),
        bytes: guide.into_bytes(),
    }];
    // The safety guide and the shared files, so the library is whole.
    for name in ["rules.toml", "services.toml", "places.toml", "areas.toml"] {
        let path = fixture_dir().join(name);
        if path.exists() {
            files.push(InputFile {
                display: format!("guides/{name}"),
                relative: name.to_string(),
                bytes: std::fs::read(path).unwrap(),
            });
        }
    }
    let loaded = vejviser::guide::load_files(files);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    build(loaded, Lang::Da, Theme::new(ThemeName::Normal, true))
}

#[test]
fn the_rules_panel_shows_whole_rules_and_says_how_many_more_there_are() {
    let (mut app, _dir) = many_rules_app();
    app.update(keys::Action::Open(0));
    let terminal = render(&app, 80, 24);
    let screen = rows(terminal.backend().buffer()).join("\n");
    let more = screen
        .lines()
        .find(|l| l.contains("regler mere: Tab viser alle regler"))
        .unwrap_or_else(|| panic!("no count of the rules left out:\n{screen}"));
    let left_out: usize = more
        .split("+ ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    // Every rule shown is shown to its end; together with those counted, all seven.
    let ends = (1..=7)
        .filter(|n| screen.contains(&format!("her{n}.")))
        .count();
    let starts = (1..=7)
        .filter(|n| screen.contains(&format!("nummer {n} er")))
        .count();
    assert_eq!(ends, starts, "a rule is cut mid-sentence:\n{screen}");
    assert_eq!(ends + left_out, 7, "{screen}");
    assert!(ends >= 1, "{screen}");
    insta::assert_snapshot!("rules_panel_more_than_fit_80x24", terminal.backend());

    // Tab shows every rule, whole, with why it holds.
    press(&mut app, KeyCode::Tab);
    let all = render(&app, 80, 24);
    let text = rows(all.backend().buffer()).join("\n");
    assert!(text.contains("Regel nummer 1"), "{text}");
    assert!(text.contains("Fordi."), "{text}");
}

#[test]
fn at_an_outcome_the_referral_and_its_phone_come_before_the_citizens_steps() {
    let (mut app, _dir) = many_rules_app();
    app.update(keys::Action::Open(0));
    keys(&mut app, "1");
    let terminal = render(&app, 80, 24);
    let screen = rows(terminal.backend().buffer());
    let row = |text: &str| {
        screen
            .iter()
            .position(|r| r.contains(text))
            .unwrap_or_else(|| {
                panic!(
                    "`{text}` is not on the first screen:\n{}",
                    screen.join("\n")
                )
            })
    };
    // The kind, then where to refer with the phone, then what to do now.
    assert!(row("Henvis til: MitID Support – 33 98 00 10") < row("Det gør du nu"));
    // The phone is on the first screen; the citizen's steps may follow below it.
    if let Some(steps) = screen
        .iter()
        .position(|r| r.contains("Borgerens egne trin"))
    {
        assert!(row("33 98 00 10") < steps);
    }
    insta::assert_snapshot!("outcome_many_rules_80x24", terminal.backend());
}

/// The `s` screen shows this PC's counts the way a shared report does: perturbed and rounded to
/// 5, small ones as <5 — a count of 1 today on a library PC can point at the citizen just helped.
#[test]
fn the_statistics_screen_publishes_like_a_shared_report() {
    use vejviser::report::{CellRow, Dimension, Filter, Report};
    let (mut app, _handouts) = app();
    press(&mut app, KeyCode::Char('s'));
    let row = |key: &str, cases: u64, key_sum: u64| CellRow {
        key: key.to_string(),
        minutes: 7,
        abandoned: false,
        must_not: false,
        cases,
        key_sum,
    };
    let report = || {
        Report::from_rows(
            Dimension::Guide,
            Filter::default(),
            Vec::new(),
            [row(MITID, 12, 912_345_678), row("andet-emne", 2, 77)],
        )
    };
    app.stats = Some(vejviser::tui::app::Stats {
        today: Ok(report()),
        week: Ok(report()),
    });
    let terminal = render(&app, 100, 30);
    let screen = rows(terminal.backend().buffer());
    // Rows of the statistics box (it is drawn over the picker, which lists the titles too).
    let line_of = |key: &str| -> Vec<&String> {
        (screen.iter())
            .filter(|l| l.starts_with("│ │") && l.contains(key))
            .collect()
    };
    let mitid_title = app.library.guide(MITID).unwrap().title.clone();
    let big = line_of(&mitid_title[..12]);
    assert_eq!(big.len(), 2, "today and this week:\n{}", screen.join("\n"));
    for line in big {
        assert!(
            line.contains("  10 ") || line.contains("  15 "),
            "12 cases are shown rounded to 5, never exact: {line}"
        );
        assert!(!line.contains(" 12 "), "{line}");
    }
    let small = line_of("andet-emne");
    assert_eq!(small.len(), 2, "{}", screen.join("\n"));
    for line in small {
        assert!(line.contains(" <5 "), "2 cases show as <5: {line}");
    }
    assert!(
        screen.iter().any(|l| l.contains("afrundet til 5")),
        "the note says the counts are rounded:\n{}",
        screen.join("\n")
    );
}
