//! The site screen: where vejviser is used (Borgerservice, library, volunteer, NGO) and what
//! this desk offers. Asked on the first start without a site file, and opened later with `i`.

use std::collections::BTreeSet;

use super::keys::Action;
use crate::guide::model::Audience;
use crate::lang::Lang;
use crate::site::setup::{ROLES, usual_services};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Role,
    Services,
}

/// The screen's state while it is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteSetup {
    pub stage: Stage,
    /// Index into [`ROLES`]: the highlighted, then the chosen, kind of desk.
    pub role: usize,
    /// Service ids in the order shown.
    pub services: Vec<String>,
    pub chosen: BTreeSet<String>,
    /// The highlighted service.
    pub selected: usize,
    /// Opened because there was no site file: Esc then means "not now".
    pub first_run: bool,
}

/// What the screen asks the app to do after a key.
#[derive(Debug, PartialEq, Eq)]
pub enum SetupResult {
    Stay,
    Close,
    Save {
        role: Audience,
        offers: BTreeSet<String>,
    },
}

impl SiteSetup {
    /// `services` are the ids the library knows; `current` is the site's role and offers now.
    pub fn new(
        services: Vec<String>,
        current: Option<(Audience, &BTreeSet<String>)>,
        first_run: bool,
    ) -> Self {
        let (role, chosen) = match current {
            Some((role, offers)) => (
                ROLES.iter().position(|r| *r == role).unwrap_or(0),
                offers.clone(),
            ),
            None => (0, BTreeSet::new()),
        };
        SiteSetup {
            stage: Stage::Role,
            role,
            services,
            chosen,
            selected: 0,
            first_run,
        }
    }

    pub fn update(&mut self, action: Action) -> SetupResult {
        match self.stage {
            Stage::Role => self.update_role(action),
            Stage::Services => self.update_services(action),
        }
    }

    fn update_role(&mut self, action: Action) -> SetupResult {
        match action {
            Action::Up => self.role = self.role.saturating_sub(1),
            Action::Down => self.role = (self.role + 1).min(ROLES.len() - 1),
            Action::Choose(n) if (1..=ROLES.len()).contains(&n) => {
                self.role = n - 1;
                self.pick_role();
            }
            Action::Enter => self.pick_role(),
            Action::Back | Action::Cancel => return SetupResult::Close,
            _ => {}
        }
        SetupResult::Stay
    }

    /// On to the services, pre-set to what such a desk usually offers.
    fn pick_role(&mut self) {
        let role = ROLES[self.role];
        self.chosen = usual_services(role)
            .iter()
            .filter(|s| self.services.iter().any(|known| known == *s))
            .map(|s| s.to_string())
            .collect();
        self.selected = 0;
        self.stage = Stage::Services;
    }

    fn update_services(&mut self, action: Action) -> SetupResult {
        let count = self.services.len();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::Choose(n) if (1..=count).contains(&n) => {
                self.selected = n - 1;
                self.toggle();
            }
            Action::Toggle => self.toggle(),
            Action::Enter => {
                return SetupResult::Save {
                    role: ROLES[self.role],
                    offers: self.chosen.clone(),
                };
            }
            Action::Back | Action::Cancel => self.stage = Stage::Role,
            _ => {}
        }
        SetupResult::Stay
    }

    fn toggle(&mut self) {
        let Some(id) = self.services.get(self.selected) else {
            return;
        };
        if !self.chosen.remove(id) {
            self.chosen.insert(id.clone());
        }
    }
}

/// The screen's words.
pub struct SetupText {
    pub title: &'static str,
    pub intro_first: &'static str,
    pub intro_again: &'static str,
    pub services_title: &'static str,
    pub services_intro: &'static str,
    pub saved: &'static str,
    pub not_saved: &'static str,
    pub skipped: &'static str,
    /// Per role, in [`ROLES`] order: the name shown in the status line, and a description.
    pub roles: [(&'static str, &'static str); 4],
}

const DA: SetupText = SetupText {
    title: "Hvor bruges vejviser?",
    intro_first: "Første gang: vælg, hvor du hjælper borgere. Så passer svarene til jeres sted, fx om I selv kan gøre det sammen med borgeren, eller skal henvise. Du kan ændre det senere med tasten i.",
    intro_again: "Vælg, hvor du hjælper borgere. Valget gemmes i stedets site-fil.",
    services_title: "Hvad tilbyder I her?",
    services_intro: "Sat til det, et sted som jeres plejer at tilbyde. Slå til og fra med tallet eller mellemrum. Enter gemmer, Esc går tilbage.",
    saved: "Stedet er gemt",
    not_saved: "Stedet kunne ikke gemmes (det gælder kun, til du lukker vejviser)",
    skipped: "Intet sted valgt: svarene kender ikke jeres praksis. Tast i for at vælge.",
    roles: [
        (
            "Borgerservice",
            "kommunens borgerservice: skranke, ansøgninger med borgeren, fritagelse",
        ),
        ("Bibliotek", "bibliotekets digitale hjælp eller app-café"),
        (
            "Frivillig",
            "frivillig app-café eller it-hjælp, fx hos en forening",
        ),
        (
            "NGO / socialt arbejde",
            "NGO, værested eller socialrådgiver, der hjælper borgeren",
        ),
    ],
};

const EN: SetupText = SetupText {
    title: "Where is vejviser used?",
    intro_first: "First start: choose where you help citizens, so the answers fit your desk, e.g. whether you may do it together with the citizen or should refer. You can change it later with the i key.",
    intro_again: "Choose where you help citizens. The choice is saved in the site file.",
    services_title: "What do you offer here?",
    services_intro: "Set to what a desk like yours usually offers. Toggle with the number or Space. Enter saves, Esc goes back.",
    saved: "The site is saved",
    not_saved: "The site could not be saved (it applies until you close vejviser)",
    skipped: "No site chosen: the answers do not know your practice. Press i to choose.",
    roles: [
        (
            "Borgerservice",
            "the municipality's citizen service: counter, applications with the citizen, exemption",
        ),
        ("Library", "the library's digital help or app café"),
        (
            "Volunteer",
            "a volunteer app café or IT help, e.g. at an association",
        ),
        (
            "NGO / social work",
            "an NGO, drop-in centre or social worker helping the citizen",
        ),
    ],
};

pub fn setup_text(lang: Lang) -> &'static SetupText {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn services() -> Vec<String> {
        ["udfyld-sammen-med-borger", "mobilepay", "modtag-fritagelse"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn choosing_a_role_presets_its_usual_services_and_enter_saves_them() {
        let mut setup = SiteSetup::new(services(), None, true);
        assert_eq!(setup.update(Action::Choose(1)), SetupResult::Stay);
        assert_eq!(setup.stage, Stage::Services);
        let expected: BTreeSet<String> = ["udfyld-sammen-med-borger", "modtag-fritagelse"]
            .map(String::from)
            .into();
        assert_eq!(setup.chosen, expected);
        assert_eq!(
            setup.update(Action::Enter),
            SetupResult::Save {
                role: Audience::Borgerservice,
                offers: expected
            }
        );
    }

    #[test]
    fn a_service_can_be_switched_off_and_on_before_saving() {
        let mut setup = SiteSetup::new(services(), None, true);
        setup.update(Action::Down);
        setup.update(Action::Enter);
        assert_eq!(setup.role, 1);
        assert!(setup.chosen.contains("mobilepay"));
        setup.update(Action::Choose(2));
        assert!(!setup.chosen.contains("mobilepay"));
        setup.update(Action::Toggle);
        assert!(setup.chosen.contains("mobilepay"));
        setup.update(Action::Choose(1));
        let SetupResult::Save { role, offers } = setup.update(Action::Enter) else {
            panic!("Enter saves");
        };
        assert_eq!(role, Audience::Bibliotek);
        assert!(offers.contains("udfyld-sammen-med-borger"));
    }

    #[test]
    fn esc_goes_back_to_the_roles_and_then_closes() {
        let mut setup = SiteSetup::new(services(), None, true);
        setup.update(Action::Choose(3));
        assert_eq!(setup.update(Action::Back), SetupResult::Stay);
        assert_eq!(setup.stage, Stage::Role);
        assert_eq!(setup.update(Action::Back), SetupResult::Close);
    }

    #[test]
    fn reopening_starts_at_the_sites_current_role() {
        let offers: BTreeSet<String> = ["mobilepay".to_string()].into();
        let setup = SiteSetup::new(services(), Some((Audience::Ngo, &offers)), false);
        assert_eq!(ROLES[setup.role], Audience::Ngo);
        assert_eq!(setup.chosen, offers);
    }
}
