//! Styles by meaning, never raw colours in the views. Three themes: normal, high contrast, and
//! no colour (NO_COLOR), where meaning is carried by bold, reverse and the words themselves.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeName {
    Normal,
    HighContrast,
}

#[derive(Clone, Debug)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub title: Style,
    pub question: Style,
    pub selected: Style,
    /// The rule marker of a must-not rule.
    pub danger: Style,
    /// The words of a must-not rule.
    pub danger_text: Style,
    pub must: Style,
    pub may: Style,
    pub border: Style,
    pub status: Style,
    pub warning: Style,
    pub key: Style,
    pub badge_guide: Style,
    pub badge_do: Style,
    pub badge_refer: Style,
    pub badge_refuse: Style,
}

impl Theme {
    pub fn new(name: ThemeName, color: bool) -> Self {
        match (color, name) {
            (false, _) => Self::no_color(),
            (true, ThemeName::Normal) => Self::normal(),
            (true, ThemeName::HighContrast) => Self::high_contrast(),
        }
    }

    /// Readable on light and dark terminals alike: text on the terminal's own background is
    /// in the terminal's own colour (bold or dimmed for weight, never grey, white or yellow,
    /// which vanish on one of the two); every coloured background has a foreground of its own
    /// with a contrast of at least 4.5:1 in the standard palette. Borders may be grey: they
    /// carry no words.
    fn normal() -> Self {
        let bold = Modifier::BOLD;
        // No bold on black text: many terminals draw bold black as grey ("bold is bright").
        let on = |bg: Color, fg: Color| {
            let style = Style::new().bg(bg).fg(fg);
            if fg == Color::Black {
                style
            } else {
                style.add_modifier(bold)
            }
        };
        Theme {
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            title: Style::new().fg(Color::Reset).add_modifier(bold),
            question: Style::new().add_modifier(bold),
            selected: on(Color::Blue, Color::White),
            danger: on(Color::Red, Color::White),
            danger_text: Style::new().add_modifier(bold),
            must: on(Color::Yellow, Color::Black),
            may: on(Color::Green, Color::Black),
            border: Style::new().fg(Color::DarkGray),
            status: Style::new().add_modifier(Modifier::REVERSED),
            warning: on(Color::Red, Color::White),
            key: Style::new().add_modifier(bold),
            badge_guide: on(Color::Green, Color::Black),
            badge_do: on(Color::Blue, Color::White),
            badge_refer: on(Color::Yellow, Color::Black),
            badge_refuse: on(Color::Red, Color::White),
        }
    }

    /// The strongest contrast a terminal has: its own two colours, and their reverse. Kinds
    /// are told apart by their words and by underline, not by shades.
    fn high_contrast() -> Self {
        let bold = Modifier::BOLD;
        let reverse = Style::new().add_modifier(Modifier::REVERSED | bold);
        let alarm = Style::new()
            .bg(Color::Red)
            .fg(Color::White)
            .add_modifier(bold);
        Theme {
            text: Style::new(),
            muted: Style::new(),
            title: Style::new()
                .fg(Color::Reset)
                .add_modifier(bold | Modifier::UNDERLINED),
            question: Style::new().add_modifier(bold),
            selected: reverse,
            danger: alarm,
            danger_text: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            must: reverse,
            may: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new(),
            status: reverse,
            warning: alarm,
            key: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            badge_guide: reverse,
            badge_do: reverse,
            badge_refer: reverse,
            badge_refuse: alarm,
        }
    }

    fn no_color() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        Theme {
            text: Style::new(),
            muted: Style::new(),
            title: bold,
            question: bold,
            selected: reverse,
            danger: bold,
            danger_text: bold,
            must: Style::new(),
            may: Style::new(),
            border: Style::new(),
            status: reverse,
            warning: bold,
            key: bold,
            badge_guide: reverse,
            badge_do: reverse,
            badge_refer: reverse,
            badge_refuse: reverse,
        }
    }
}
