//! Both themes are readable on light and on dark terminals. Every screen is drawn on
//! `TestBackend` and every cell that shows a letter is checked:
//! - on the terminal's own background, the text is in the terminal's own colour (bold, dim or
//!   reversed for weight): grey, white or yellow on a white terminal, and black or blue on a
//!   black one, cannot be read. Only box-drawing borders may be grey;
//! - on a coloured background, the foreground is set too, with a contrast of at least 4.5:1
//!   (WCAG AA) in xterm's standard palette.
//!
//! `docs/screenshots/` holds xterm screenshots of the same screens on white and black
//! (see README, "Themes").

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::keys;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};

fn app(theme: ThemeName) -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let mut loaded = vejviser::guide::load_paths(&[dir]);
    loaded.drop_broken_guides();
    App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors: Vec::new(),
        site: Site::default(),
        guides_label: String::from("tests/fixtures/tui"),
        lang: Lang::Da,
        theme: Theme::new(theme, true),
        handout_dir: std::env::temp_dir(),
    })
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

/// xterm's default palette, as RGB.
fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    Some(match color {
        Color::Black => (0, 0, 0),
        Color::Red => (0xcd, 0, 0),
        Color::Green => (0, 0xcd, 0),
        Color::Yellow => (0xcd, 0xcd, 0),
        Color::Blue => (0, 0, 0xee),
        Color::Magenta => (0xcd, 0, 0xcd),
        Color::Cyan => (0, 0xcd, 0xcd),
        Color::Gray => (0xe5, 0xe5, 0xe5),
        Color::DarkGray => (0x7f, 0x7f, 0x7f),
        Color::LightRed => (0xff, 0, 0),
        Color::LightGreen => (0, 0xff, 0),
        Color::LightYellow => (0xff, 0xff, 0),
        Color::LightBlue => (0x5c, 0x5c, 0xff),
        Color::LightMagenta => (0xff, 0, 0xff),
        Color::LightCyan => (0, 0xff, 0xff),
        Color::White => (0xff, 0xff, 0xff),
        Color::Rgb(r, g, b) => (r, g, b),
        _ => return None,
    })
}

fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

fn contrast(a: Color, b: Color) -> Option<f64> {
    let (la, lb) = (luminance(rgb(a)?), luminance(rgb(b)?));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

fn is_border(symbol: &str) -> bool {
    symbol
        .chars()
        .all(|c| ('\u{2500}'..='\u{257f}').contains(&c))
}

/// Problems of one cell, if any.
fn check(cell: &Cell) -> Option<String> {
    let symbol = cell.symbol();
    if symbol.trim().is_empty() {
        return None;
    }
    match (cell.bg, cell.fg) {
        (Color::Reset, Color::Reset) => None,
        (Color::Reset, Color::DarkGray) if is_border(symbol) => None,
        (Color::Reset, fg) => Some(format!(
            "`{symbol}` in {fg:?} on the terminal's own background"
        )),
        (bg, Color::Reset) => Some(format!("`{symbol}` in the terminal's own colour on {bg:?}")),
        // Terminals that brighten bold text draw bold black as grey.
        (_, Color::Black) if cell.modifier.contains(Modifier::BOLD) => Some(format!(
            "`{symbol}` in bold black, which many terminals draw grey"
        )),
        (bg, fg) => match contrast(bg, fg) {
            Some(ratio) if ratio >= 4.5 => None,
            Some(ratio) => Some(format!("`{symbol}` {fg:?} on {bg:?}: {ratio:.1}:1")),
            None => Some(format!("`{symbol}` {fg:?} on {bg:?}: unknown colours")),
        },
    }
}

fn problems(app: &App, screen: &str) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| vejviser::tui::view::render(app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            if let Some(problem) = check(&buffer[(x, y)]) {
                out.push(format!("{screen} at ({x},{y}): {problem}"));
            }
        }
    }
    out
}

/// The screens a helper sees, each reached by keys from a fresh app.
fn screens(theme: ThemeName) -> Vec<(String, App)> {
    let mut out = Vec::new();
    let mut add = |name: &str, keys_to_press: &[&str]| {
        let mut app = app(theme);
        for k in keys_to_press {
            match *k {
                "Esc" => press(&mut app, KeyCode::Esc),
                "Enter" => press(&mut app, KeyCode::Enter),
                "Down" => press(&mut app, KeyCode::Down),
                text => keys(&mut app, text),
            }
        }
        out.push((format!("{theme:?} {name}"), app));
    };
    add("picker", &[]);
    add("search", &["/", "mitid"]);
    add("step with rules", &["/", "far mitid", "Enter"]);
    add("selected choice", &["/", "far mitid", "Enter", "Down"]);
    add("refusal", &["/", "far mitid", "Enter", "2"]);
    add("guide outcome", &["/", "bolig", "Enter", "1"]);
    add("help", &["?"]);
    add("site screen", &["i"]);
    add("site services", &["i", "1"]);
    add("safety", &["!"]);
    add("quit question", &["/", "far mitid", "Enter", "q"]);
    out
}

#[test]
fn every_theme_is_readable_on_light_and_dark_terminals() {
    let mut all = Vec::new();
    for theme in [ThemeName::Normal, ThemeName::HighContrast] {
        for (name, app) in screens(theme) {
            all.extend(problems(&app, &name));
        }
    }
    assert!(all.is_empty(), "{} cells:\n{}", all.len(), all.join("\n"));
}

#[test]
fn the_check_catches_what_was_unreadable_before() {
    // The old themes: white text and a light-grey hint on the terminal's background, and a
    // white-on-white outcome title.
    let mut white = Cell::new("a");
    white.set_fg(Color::White);
    assert!(check(&white).is_some());
    let mut grey = Cell::new("a");
    grey.set_fg(Color::Gray);
    assert!(check(&grey).is_some());
    let mut white_on_white = Cell::new("a");
    white_on_white.set_fg(Color::White).set_bg(Color::White);
    assert!(check(&white_on_white).is_some());
    let mut badge = Cell::new("a");
    badge.set_fg(Color::Black).set_bg(Color::Yellow);
    assert!(check(&badge).is_none());
    let mut border = Cell::new("─");
    border.set_fg(Color::DarkGray);
    assert!(check(&border).is_none());
}
