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
    pub danger: Style,
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

    fn normal() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            text: Style::new(),
            muted: Style::new().fg(Color::Gray),
            title: Style::new().add_modifier(bold),
            question: Style::new().add_modifier(bold),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(bold),
            danger: Style::new().fg(Color::LightRed).add_modifier(bold),
            must: Style::new().fg(Color::Yellow),
            may: Style::new().fg(Color::Green),
            border: Style::new().fg(Color::DarkGray),
            status: Style::new().bg(Color::DarkGray).fg(Color::White),
            warning: Style::new().fg(Color::LightRed).add_modifier(bold),
            key: Style::new().fg(Color::Cyan).add_modifier(bold),
            badge_guide: Style::new()
                .bg(Color::Green)
                .fg(Color::Black)
                .add_modifier(bold),
            badge_do: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(bold),
            badge_refer: Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(bold),
            badge_refuse: Style::new()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(bold),
        }
    }

    fn high_contrast() -> Self {
        let bold = Modifier::BOLD;
        let inverse = Style::new()
            .bg(Color::White)
            .fg(Color::Black)
            .add_modifier(bold);
        Theme {
            text: Style::new().fg(Color::White),
            muted: Style::new().fg(Color::White),
            title: Style::new()
                .fg(Color::White)
                .add_modifier(bold | Modifier::UNDERLINED),
            question: Style::new().fg(Color::White).add_modifier(bold),
            selected: Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(bold),
            danger: Style::new()
                .fg(Color::LightRed)
                .add_modifier(bold | Modifier::UNDERLINED),
            must: Style::new().fg(Color::LightYellow).add_modifier(bold),
            may: Style::new().fg(Color::LightGreen).add_modifier(bold),
            border: Style::new().fg(Color::White),
            status: inverse,
            warning: Style::new().fg(Color::LightRed).add_modifier(bold),
            key: Style::new().fg(Color::LightYellow).add_modifier(bold),
            badge_guide: inverse,
            badge_do: inverse,
            badge_refer: inverse,
            badge_refuse: Style::new()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(bold),
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
