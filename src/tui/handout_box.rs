//! `h` at an outcome: the plain-text handout is written at once (as before), and a small box
//! asks which language to print the citizen's handout in. Enter (or `b`) writes the HTML page
//! and opens it in the browser for printing. Language names are drawn in Latin script: the
//! terminal never has to lay out right-to-left text.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::app::{App, Notice, Overlay};
use super::keys::Action;
use crate::guide::Library;
use crate::guide::translation::{Review, Target};
use crate::handout::Handout;
use crate::handout::open::OpenError;
use crate::lang::{Lang, Language};

/// How a handout is opened; tests put a recorder here instead of a browser.
pub type Opener = fn(&Path) -> Result<(), OpenError>;

/// The handout state of a session.
pub struct Handouts {
    /// The library as loaded, in Danish with its translations: handouts print the Danish
    /// and the citizen's language whatever language the screens are in. `None`: the app's
    /// own library is Danish already.
    pub danish: Option<Library>,
    /// The language chosen last this session, offered first next time.
    pub last: Option<Language>,
    /// The highlighted line of the box.
    pub selected: usize,
    pub open: Opener,
}

impl Default for Handouts {
    fn default() -> Self {
        Handouts {
            danish: None,
            last: None,
            selected: 0,
            open: crate::handout::open::in_browser,
        }
    }
}

/// A language the box offers, and whether its translation of this guide is a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offer {
    pub lang: Language,
    pub draft: bool,
}

impl App {
    fn handout_library(&self) -> &Library {
        self.handouts.danish.as_ref().unwrap_or(&self.library)
    }

    /// The handout languages of the guide on screen: Danish, and each language it has a
    /// translation file for.
    pub fn handout_offers(&self) -> Vec<Offer> {
        let Some(case) = &self.case else {
            return Vec::new();
        };
        let target = Target::Guide(case.walk.guide().id.clone());
        let library = self.handout_library();
        Language::all()
            .filter_map(|lang| {
                if lang == Language::DANISH {
                    return Some(Offer { lang, draft: false });
                }
                let translation =
                    (library.translations.iter()).find(|t| t.lang == lang && t.target == target)?;
                Some(Offer {
                    lang,
                    draft: translation.review() == Review::Draft,
                })
            })
            .collect()
    }

    /// `h`: write the text handout as before, then ask for the printed one's language.
    pub(super) fn open_handout_box(&mut self) {
        if !self.save_text_handout() {
            return;
        }
        let offers = self.handout_offers();
        let default = self.handouts.last.unwrap_or(Language::DANISH);
        self.handouts.selected = offers.iter().position(|o| o.lang == default).unwrap_or(0);
        self.overlay = Some(Overlay::Handout);
    }

    pub(super) fn update_handout_box(&mut self, action: Action) {
        let count = self.handout_offers().len();
        match action {
            Action::Up => self.handouts.selected = self.handouts.selected.saturating_sub(1),
            Action::Down => {
                self.handouts.selected = (self.handouts.selected + 1).min(count.saturating_sub(1));
            }
            Action::Choose(n) if (1..=count).contains(&n) => self.handouts.selected = n - 1,
            Action::Choose(_) => {}
            Action::Enter | Action::OpenHandout => {
                self.overlay = None;
                let lang = (self.handout_offers().get(self.handouts.selected)).map(|o| o.lang);
                if let Some(lang) = lang {
                    self.print_handout(lang);
                }
            }
            Action::Quit => self.overlay = None,
            _ => self.overlay = None,
        }
    }

    /// `b` at an outcome: the printed handout in the last language chosen (else Danish).
    pub(super) fn open_handout_again(&mut self) {
        let lang = self.handouts.last.unwrap_or(Language::DANISH);
        self.print_handout(lang);
    }

    /// Write the HTML handout of the outcome on screen in `lang` and open it in the browser.
    /// The status line says where it is, and if the browser could not be started, that too.
    fn print_handout(&mut self, lang: Language) {
        let Some(case) = &self.case else { return };
        let Some(outcome) = case.walk.outcome() else {
            return;
        };
        let (guide_id, outcome_id) = (case.walk.guide().id.clone(), outcome.id.value.clone());
        self.handouts.last = Some(lang);
        let date = crate::handout::today();
        let made = Handout::new(
            self.handout_library(),
            &self.site,
            &guide_id,
            &outcome_id,
            lang,
            date,
        );
        let handout = match made {
            Ok(handout) => handout,
            Err(_) => {
                self.notice = Some(Notice {
                    text: self.text.handout_nothing.to_string(),
                    is_problem: true,
                });
                return;
            }
        };
        let written =
            crate::handout::save_html(&self.handout_dir, &handout, &guide_id, &outcome_id);
        self.notice = Some(match written {
            Ok(path) => match (self.handouts.open)(&path) {
                Ok(()) => Notice {
                    text: format!(
                        "{} ({}): {}",
                        self.text.handout_saved,
                        lang.name(self.lang),
                        path.display()
                    ),
                    is_problem: false,
                },
                Err(err) => Notice {
                    text: err.message(self.lang, &path),
                    is_problem: true,
                },
            },
            Err((path, err)) => Notice {
                text: format!(
                    "{} ({}): {}",
                    self.text.handout_failed,
                    path.display(),
                    err.message(self.lang)
                ),
                is_problem: true,
            },
        });
    }

    /// The plain-text handout in the helper's language, as `h` always wrote it. False when
    /// there is nothing to write (the notice says why).
    fn save_text_handout(&mut self) -> bool {
        let Some(case) = &self.case else {
            return false;
        };
        let Some(outcome) = case.walk.outcome() else {
            return false;
        };
        if outcome.steps.is_empty() {
            self.notice = Some(Notice {
                text: self.text.handout_nothing.to_string(),
                is_problem: true,
            });
            return false;
        }
        let saved = crate::handout::save(
            &self.handout_dir,
            case.walk.guide(),
            outcome,
            &self.library,
            self.lang,
        );
        self.notice = Some(match saved {
            Ok(path) => Notice {
                text: format!("{}: {}", self.text.handout_saved, path.display()),
                is_problem: false,
            },
            Err((path, err)) => Notice {
                text: format!(
                    "{} ({}): {}",
                    self.text.handout_failed,
                    path.display(),
                    err.message(self.lang)
                ),
                is_problem: true,
            },
        });
        true
    }
}

/// Words of the box.
fn words(lang: Lang) -> (&'static str, &'static str, &'static str) {
    (
        lang.pick(
            "Udskrift til borgeren – sprog",
            "Handout for the citizen – language",
        ),
        lang.pick("udkast – ikke gennemlæst", "draft – not reviewed"),
        lang.pick(
            "1-9/↑↓ vælg  Enter/b gem og åbn i browseren  Esc luk",
            "1-9/↑↓ choose  Enter/b save and open in the browser  Esc close",
        ),
    )
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let (title, draft, hint) = words(app.lang);
    let offers = app.handout_offers();
    let mut lines = Vec::new();
    for (i, offer) in offers.iter().enumerate() {
        let selected = i == app.handouts.selected;
        let style = if selected {
            app.theme.selected
        } else {
            app.theme.text
        };
        let mut spans = vec![
            Span::styled(
                format!(" {:>2}  ", i + 1),
                if selected { style } else { app.theme.key },
            ),
            Span::styled(format!("{:<10}", offer.lang.name(app.lang)), style),
        ];
        if offer.draft {
            spans.push(Span::styled(format!("  {draft}"), app.theme.muted));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!(" {hint}"),
        app.theme.muted,
    )));
    let width = area.width.saturating_sub(4).min(72);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [at] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, at);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(app.theme.border)
                .title(Span::styled(format!(" {title} "), app.theme.title)),
        ),
        at,
    );
}

/// Where the HTML of a handout written today would be (for tests and messages).
pub fn html_path(dir: &Path, guide: &str, outcome: &str, lang: Language) -> PathBuf {
    let stem = crate::handout::file_stem(guide, outcome, lang, crate::handout::today());
    dir.join(format!("{stem}.html"))
}
