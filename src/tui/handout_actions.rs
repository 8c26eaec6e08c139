//! What `h` and `b` at an outcome do to the app: write the text handout, open the language box,
//! move in it, and write and open the printed handout. The box itself (its state and how it is
//! drawn) is `handout_box`, which knows nothing of the app.

use super::app::{App, Notice, Overlay};
use super::handout_box::{Offer, offers};
use super::keys::Action;
use crate::guide::Library;
use crate::handout::Handout;
use crate::lang::Language;

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
        offers(self.handout_library(), &case.walk.guide().id)
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
