//! At every outcome of every shipped guide, the first screen at 80 × 24 shows what the helper
//! needs now: the kind, where to refer with the phone number, and what to do now begins.

use crate::common;

use std::sync::Arc;

use common::paths::path_to;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::keys::Action;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};

fn app(lang: Lang) -> App {
    let mut loaded = vejviser::guide::load_embedded();
    vejviser::guide::translation::apply(&mut loaded.library, lang);
    loaded.drop_broken_guides();
    App::new(Setup {
        library: loaded.library,
        sources: Default::default(),
        errors: Vec::new(),
        site: Site::default(),
        guides_label: String::new(),
        lang,
        theme: Theme::new(ThemeName::Normal, false),
        handout_dir: std::env::temp_dir(),
    })
}

#[test]
fn every_referral_shows_its_place_and_phone_on_the_first_screen() {
    for lang in [Lang::Da, Lang::En] {
        let mut app = app(lang);
        let guides: Vec<_> = app.library.guides.iter().map(Arc::clone).collect();
        let mut checked = 0;
        for guide in guides {
            for outcome in &guide.outcomes {
                let Some(labels) = path_to(&guide, &app.site, &outcome.id.value) else {
                    continue; // only reachable at sites that offer a service
                };
                let index = app
                    .picker_guides()
                    .iter()
                    .position(|g| g.id == guide.id)
                    .unwrap();
                app.update(Action::Open(index));
                for label in &labels {
                    let walk = &app.case.as_ref().unwrap().walk;
                    let n = walk
                        .choices()
                        .iter()
                        .position(|c| &c.label.value == label)
                        .unwrap();
                    app.update(Action::Choose(n + 1));
                }
                let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
                terminal
                    .draw(|frame| vejviser::tui::view::render(&app, frame))
                    .unwrap();
                let screen = format!("{}", terminal.backend());
                let place = outcome.refer.first().and_then(|id| app.library.place(id));
                if let Some(phone) = place.and_then(|p| p.phone.as_ref()) {
                    assert!(
                        screen.contains(phone.value.as_str()),
                        "{} / {}: the phone {} is not on the first screen:\n{screen}",
                        guide.id,
                        outcome.id.value,
                        phone.value
                    );
                    checked += 1;
                }
                let do_now = vejviser::present::outcome::Words::of(app.lang).do_now;
                assert!(
                    screen.contains(do_now),
                    "{} / {}: `{do_now}` is not on the first screen:\n{screen}",
                    guide.id,
                    outcome.id.value
                );
                // End the case without logging anything anywhere: back to the list.
                app.case = None;
                app.paused.clear();
            }
        }
        assert!(
            checked > 20,
            "only {checked} referrals with a phone were checked"
        );
    }
}
