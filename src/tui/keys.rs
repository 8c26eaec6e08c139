//! Keys → actions, and the one key list that feeds both the footer and the help screen, so the
//! two cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::lang::Lang;

/// What the helper asked for, independent of which key they used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Enter,
    /// A numbered choice (1-based).
    Choose(usize),
    Back,
    Restart,
    Search,
    Help,
    Quit,
    /// Ctrl-C: quit at once; an open case is saved as abandoned.
    ForceQuit,
    Safety,
    Errors,
    Handout,
    /// Write the printed handout and open it in the browser (`b`).
    OpenHandout,
    Type(char),
    Erase,
    Cancel,
    Yes,
    No,
    Click {
        column: u16,
        row: u16,
    },
    Stats,
    /// Open the site screen (where vejviser is used, what the desk offers).
    Settings,
    /// Show every rule in force, with why it holds.
    Rules,
    /// Switch the highlighted service on or off (site screen).
    Toggle,
    /// Start the n-th guide in the picker list (0-based), e.g. by a click.
    Open(usize),
    /// Follow a `see` link of the step or outcome on screen (one at once, several: pick one).
    Links,
    /// Follow the n-th `see` link (0-based), e.g. by a click.
    FollowLink(usize),
}

/// The situations in which keys mean different things.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Picker,
    Searching,
    Step,
    Outcome,
    Overlay,
    ConfirmQuit,
    /// The site screen.
    Setup,
    /// The box of links to pick one from.
    Links,
    /// The box to choose the handout's language in.
    HandoutBox,
}

/// Translate a key press. Key releases and repeats are ignored: Windows consoles send releases
/// too, and a key must act once.
pub fn action(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    // Windows reports AltGr as Ctrl+Alt: AltGr+2 is `@` on a Danish keyboard. Such a key is a
    // typed character in the search box and nothing elsewhere (never Ctrl-C).
    let alt_gr = key
        .modifiers
        .contains(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if alt_gr {
        return match (mode, key.code) {
            (Mode::Searching, KeyCode::Char(c)) => Some(Action::Type(c)),
            _ => None,
        };
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Action::ForceQuit),
            _ => None,
        };
    }
    // The safety key works on every screen, the search box and every box included: a `!` is
    // never needed in a search, and a citizen under pressure cannot wait for the helper to
    // find the right screen first.
    if key.code == KeyCode::Char('!') {
        return Some(Action::Safety);
    }
    let common = match key.code {
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::Enter => Some(Action::Enter),
        KeyCode::F(1) => Some(Action::Help),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    match mode {
        Mode::Searching => match key.code {
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Char(c) => Some(Action::Type(c)),
            _ => None,
        },
        Mode::Setup => match key.code {
            KeyCode::Char(c @ '1'..='9') => Some(Action::Choose(c as usize - '0' as usize)),
            KeyCode::Char(' ') => Some(Action::Toggle),
            KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Backspace | KeyCode::Esc | KeyCode::Left => Some(Action::Back),
            KeyCode::Char('!') => Some(Action::Safety),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
        Mode::Links => match key.code {
            KeyCode::Char(c @ '1'..='9') => Some(Action::Choose(c as usize - '0' as usize)),
            KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Char('k') => Some(Action::Up),
            _ => Some(Action::Cancel),
        },
        Mode::HandoutBox => match key.code {
            KeyCode::Char(c @ '1'..='9') => Some(Action::Choose(c as usize - '0' as usize)),
            KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Char('b') => Some(Action::OpenHandout),
            _ => Some(Action::Cancel),
        },
        Mode::ConfirmQuit => match key.code {
            KeyCode::Char('j' | 'J' | 'y' | 'Y') => Some(Action::Yes),
            KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(Action::No),
            _ => None,
        },
        // Any other key (q and Esc included) closes a box: people press q to close a popup.
        Mode::Overlay => match key.code {
            KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Char('k') => Some(Action::Up),
            _ => Some(Action::Cancel),
        },
        Mode::Picker | Mode::Step | Mode::Outcome => match key.code {
            KeyCode::Char(c @ '1'..='9') => Some(Action::Choose(c as usize - '0' as usize)),
            KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Backspace | KeyCode::Esc | KeyCode::Left => Some(Action::Back),
            KeyCode::Char('r') if mode != Mode::Picker => Some(Action::Restart),
            KeyCode::Char('h') if mode == Mode::Outcome => Some(Action::Handout),
            KeyCode::Char('b') if mode == Mode::Outcome => Some(Action::OpenHandout),
            KeyCode::Tab if mode != Mode::Picker => Some(Action::Rules),
            KeyCode::Char('l') if mode != Mode::Picker => Some(Action::Links),
            KeyCode::Char('/') if mode == Mode::Picker => Some(Action::Search),
            KeyCode::Char('s') if mode == Mode::Picker => Some(Action::Stats),
            KeyCode::Char('i') if mode == Mode::Picker => Some(Action::Settings),
            KeyCode::Char('e') => Some(Action::Errors),
            KeyCode::Char('!') => Some(Action::Safety),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
    }
}

/// One line of the key list.
pub struct KeyHelp {
    /// As listed on the help screen.
    pub keys: &'static str,
    /// As shown in the footer (kept short so the footer fits 80 columns).
    pub footer_keys: &'static str,
    pub da: &'static str,
    pub en: &'static str,
    /// Shown in the footer of these modes (the help screen shows every line).
    pub footer: &'static [Mode],
    /// A shorter text for the footer.
    pub short_da: &'static str,
    pub short_en: &'static str,
}

impl KeyHelp {
    pub fn text(&self, lang: Lang) -> &'static str {
        lang.pick(self.da, self.en)
    }

    pub fn short(&self, lang: Lang) -> &'static str {
        lang.pick(self.short_da, self.short_en)
    }
}

use Mode::{Outcome, Picker, Searching, Setup, Step};

pub const KEYS: &[KeyHelp] = &[
    KeyHelp {
        keys: "1-9",
        footer_keys: "1-9",
        da: "vælg svar nummer 1-9",
        en: "choose answer 1-9",
        footer: &[Step],
        short_da: "svar",
        short_en: "answer",
    },
    KeyHelp {
        keys: "↑↓ j k",
        footer_keys: "↑↓",
        da: "flyt markeringen",
        en: "move the selection",
        footer: &[Picker, Step],
        short_da: "flyt",
        short_en: "move",
    },
    KeyHelp {
        keys: "Enter",
        footer_keys: "Enter",
        da: "start den markerede guide / vælg det markerede svar",
        en: "start the selected guide / choose the selected answer",
        footer: &[Picker, Searching, Step],
        short_da: "vælg",
        short_en: "choose",
    },
    KeyHelp {
        keys: "Enter ",
        footer_keys: "Enter",
        da: "på udfaldet: afslut sagen (den gemmes) og gå til listen",
        en: "at the outcome: end the case (it is saved) and go to the list",
        footer: &[Outcome],
        short_da: "afslut sag",
        short_en: "end case",
    },
    KeyHelp {
        keys: "/",
        footer_keys: "/",
        da: "søg efter en guide (titel, emneord, synonymer)",
        en: "search for a guide (title, tags, synonyms)",
        footer: &[Picker],
        short_da: "søg",
        short_en: "search",
    },
    KeyHelp {
        keys: "Esc",
        footer_keys: "Esc",
        da: "ryd søgningen og forlad søgefeltet",
        en: "clear the search and leave the search box",
        footer: &[Searching],
        short_da: "tilbage til listen",
        short_en: "back to the list",
    },
    KeyHelp {
        keys: "Esc",
        footer_keys: "Esc",
        da: "gå et trin tilbage og fortryd sidste svar (også Backspace og ←)",
        en: "go back one step, undoing the last answer (also Backspace and ←)",
        footer: &[Step, Outcome],
        short_da: "tilbage",
        short_en: "back",
    },
    KeyHelp {
        keys: "r",
        footer_keys: "r",
        da: "start sagen forfra",
        en: "restart the case",
        // Not in the footer: it must fit 80 columns on one row, and restart is rarely needed.
        footer: &[],
        short_da: "forfra",
        short_en: "restart",
    },
    KeyHelp {
        keys: "h",
        footer_keys: "h",
        da: "udskrift til borgeren: vælg sprog, Enter åbner siden til print",
        en: "handout for the citizen: choose its language, Enter opens it to print",
        footer: &[Outcome],
        short_da: "udskrift",
        short_en: "handout",
    },
    KeyHelp {
        keys: "b",
        footer_keys: "b",
        da: "åbn udskriften i browseren igen (sidste sprog)",
        en: "open the handout in the browser again (last language)",
        footer: &[],
        short_da: "browser",
        short_en: "browser",
    },
    KeyHelp {
        keys: "l",
        footer_keys: "l",
        da: "se også: åbn en henvist guide; sagen venter imens",
        en: "see also: open a linked guide; the case waits meanwhile",
        // In the footer only where there are links (see `view::footer_lines`).
        footer: &[],
        short_da: "se også",
        short_en: "see also",
    },
    KeyHelp {
        keys: "Tab",
        footer_keys: "Tab",
        da: "alle regler, der gælder nu, med begrundelse og kilde",
        en: "every rule in force now, with why and its source",
        footer: &[],
        short_da: "regler",
        short_en: "rules",
    },
    KeyHelp {
        keys: "PgUp PgDn",
        footer_keys: "PgDn",
        da: "rul i lange tekster",
        en: "scroll long texts",
        footer: &[],
        short_da: "rul",
        short_en: "scroll",
    },
    KeyHelp {
        keys: "!",
        footer_keys: "!",
        da: "PRES ELLER SVINDEL: åbn guiden straks, fra enhver skærm (også søgefeltet); sagen venter og fortsætter bagefter",
        en: "PRESSURE OR FRAUD: open that guide at once, from any screen (the search box too); the case waits and goes on afterwards",
        footer: &[Picker, Searching, Step, Outcome, Setup],
        short_da: "pres/svindel",
        short_en: "pressure/fraud",
    },
    KeyHelp {
        keys: "s",
        footer_keys: "s",
        da: "statistik: sager i dag og i denne uge (fra listen)",
        en: "statistics: cases today and this week (from the list)",
        footer: &[Picker],
        short_da: "statistik",
        short_en: "statistics",
    },
    KeyHelp {
        keys: "i",
        footer_keys: "i",
        da: "sted: hvor vejviser bruges, og hvad I tilbyder (fra listen)",
        en: "site: where vejviser is used and what you offer (from the list)",
        footer: &[Picker],
        short_da: "sted",
        short_en: "site",
    },
    KeyHelp {
        keys: "Mellemrum",
        footer_keys: "1-9 Mellemrum",
        da: "på skærmen Sted: slå en service til eller fra",
        en: "on the site screen: switch a service on or off",
        footer: &[Setup],
        short_da: "til/fra",
        short_en: "on/off",
    },
    KeyHelp {
        keys: "Enter  ",
        footer_keys: "Enter",
        da: "på skærmen Sted: vælg stedet / gem",
        en: "on the site screen: choose the kind of desk / save",
        footer: &[Setup],
        short_da: "vælg/gem",
        short_en: "choose/save",
    },
    KeyHelp {
        keys: "Esc  ",
        footer_keys: "Esc",
        da: "på skærmen Sted: tilbage / ikke nu",
        en: "on the site screen: back / not now",
        footer: &[Setup],
        short_da: "tilbage",
        short_en: "back",
    },
    KeyHelp {
        keys: "e",
        footer_keys: "e",
        da: "vis fejl i guides (fil og linje)",
        en: "show guide errors (file and line)",
        footer: &[],
        short_da: "fejl",
        short_en: "errors",
    },
    KeyHelp {
        keys: "? F1",
        footer_keys: "?",
        da: "denne hjælp",
        en: "this help",
        footer: &[Picker, Step, Outcome],
        short_da: "hjælp",
        short_en: "help",
    },
    KeyHelp {
        keys: "q",
        footer_keys: "q",
        da: "afslut (spørger først, hvis en sag er i gang)",
        en: "quit (asks first if a case is open)",
        footer: &[Picker, Step, Outcome, Setup],
        short_da: "afslut",
        short_en: "quit",
    },
    KeyHelp {
        keys: "Ctrl-C",
        footer_keys: "Ctrl-C",
        da: "afslut straks; en åben sag gemmes som afbrudt",
        en: "quit at once; an open case is saved as abandoned",
        footer: &[],
        short_da: "afslut",
        short_en: "quit",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn key_releases_do_nothing() {
        let release = KeyEvent {
            code: KeyCode::Char('q'),
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        };
        assert_eq!(action(Mode::Picker, release), None);
    }

    #[test]
    fn letters_type_into_the_search_box_but_act_elsewhere() {
        let q = press(KeyCode::Char('q'));
        assert_eq!(action(Mode::Searching, q), Some(Action::Type('q')));
        assert_eq!(action(Mode::Step, q), Some(Action::Quit));
        assert_eq!(
            action(Mode::Searching, press(KeyCode::Char('ø'))),
            Some(Action::Type('ø'))
        );
    }

    #[test]
    fn digits_choose_and_ctrl_c_quits_everywhere() {
        assert_eq!(
            action(Mode::Step, press(KeyCode::Char('3'))),
            Some(Action::Choose(3))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Picker, Mode::Searching, Mode::Step, Mode::ConfirmQuit] {
            assert_eq!(action(mode, ctrl_c), Some(Action::ForceQuit));
        }
    }

    #[test]
    fn alt_gr_types_in_search_and_is_never_ctrl_c() {
        let alt_gr = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL | KeyModifiers::ALT);
        assert_eq!(
            action(Mode::Searching, alt_gr('@')),
            Some(Action::Type('@'))
        );
        assert_eq!(action(Mode::Step, alt_gr('c')), None);
        assert_eq!(
            action(Mode::Searching, alt_gr('c')),
            Some(Action::Type('c'))
        );
    }

    #[test]
    fn l_follows_links_in_a_case_and_the_links_box_takes_digits() {
        let l = press(KeyCode::Char('l'));
        assert_eq!(action(Mode::Step, l), Some(Action::Links));
        assert_eq!(action(Mode::Outcome, l), Some(Action::Links));
        assert_eq!(action(Mode::Picker, l), None);
        assert_eq!(action(Mode::Searching, l), Some(Action::Type('l')));
        assert_eq!(
            action(Mode::Links, press(KeyCode::Char('2'))),
            Some(Action::Choose(2))
        );
        assert_eq!(
            action(Mode::Links, press(KeyCode::Esc)),
            Some(Action::Cancel)
        );
        assert_eq!(
            action(Mode::Links, press(KeyCode::Enter)),
            Some(Action::Enter)
        );
    }

    #[test]
    fn every_footer_mode_has_a_way_to_get_help() {
        for mode in [Mode::Picker, Mode::Step, Mode::Outcome] {
            assert!(
                KEYS.iter()
                    .any(|k| k.footer.contains(&mode) && k.footer_keys.contains('?'))
            );
        }
    }
}
