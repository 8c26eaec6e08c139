//! A referral never sends a desk to a place of its own kind: `check --site` warns, and at run
//! time the referral says what to do here instead (the app, line mode). Text meant for authors
//! never reaches a helper. On the built-in guides, as a new helper meets them.

use crate::common;

use std::sync::Arc;

use common::paths::path_to;

use vejviser::guide::Library;
use vejviser::guide::model::Audience;
use vejviser::lang::Lang;
use vejviser::present::Explain;
use vejviser::site::Site;
use vejviser::site::check::check_for_site;

fn library() -> Library {
    let mut loaded = vejviser::guide::load_embedded();
    loaded.drop_broken_guides();
    loaded.library
}

fn desk(role: Audience) -> Site {
    Site {
        id: String::from("test-sted"),
        name: String::from("Test"),
        role: Some(role),
        ..Site::default()
    }
}

#[test]
fn check_warns_when_a_borgerservice_desk_would_refer_to_borgerservice() {
    let library = library();
    let found = check_for_site(&library, &desk(Audience::Borgerservice));
    let own: Vec<String> = found
        .iter()
        .filter(|d| d.finding.code() == "refers-to-own-desk")
        .map(|d| d.finding.message(Lang::Da))
        .collect();
    assert!(own.iter().any(|m| m.contains("`borgerservice`")), "{own:?}");
    assert!(
        found
            .iter()
            .filter(|d| d.finding.code() == "refers-to-own-desk")
            .all(|d| !d.is_error())
    );
    // A library desk is not Borgerservice: those referrals are right for it.
    let library_desk = check_for_site(&library, &desk(Audience::Bibliotek));
    assert!(
        library_desk
            .iter()
            .filter(|d| d.finding.code() == "refers-to-own-desk")
            .all(|d| !d.finding.message(Lang::Da).contains("til `borgerservice`")),
    );
}

#[test]
fn at_run_time_a_referral_to_the_desks_own_kind_says_to_help_here() {
    let library = library();
    let site = desk(Audience::Borgerservice);
    let guide = Arc::clone(library.guide("boligstoette").unwrap());
    let labels = path_to(&guide, &site, "henvis-borgerservice")
        .expect("a Borgerservice desk without services can reach the referral");

    // The app.
    let mut app = vejviser::tui::App::new(vejviser::tui::Setup {
        library,
        sources: Default::default(),
        errors: Vec::new(),
        site: site.clone(),
        guides_label: String::new(),
        lang: Lang::Da,
        theme: vejviser::tui::theme::Theme::new(vejviser::tui::theme::ThemeName::Normal, false),
        handout_dir: std::env::temp_dir(),
    });
    let index = app
        .picker_guides()
        .iter()
        .position(|g| g.id == "boligstoette")
        .unwrap();
    app.update(vejviser::tui::keys::Action::Open(index));
    for label in &labels {
        let n = app
            .case
            .as_ref()
            .unwrap()
            .walk
            .choices()
            .iter()
            .position(|c| &c.label.value == label)
            .unwrap();
        app.update(vejviser::tui::keys::Action::Choose(n + 1));
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 40)).unwrap();
    terminal
        .draw(|frame| vejviser::tui::view::render(&app, frame))
        .unwrap();
    let screen = format!("{}", terminal.backend());
    assert!(screen.contains("Det er jer"), "{screen}");
    assert!(
        !screen.contains("site-fil"),
        "author text on screen: {screen}"
    );

    // Line mode.
    let data = tempfile::tempdir().unwrap();
    let site_file = data.path().join("site.toml");
    std::fs::write(
        &site_file,
        "format = 1\n[site]\nid = \"test-sted\"\nname = \"Test\"\nrole = \"borgerservice\"\noffers = []\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .env("VEJVISER_DATA_DIR", data.path())
        .env("VEJVISER_CONFIG_DIR", data.path().join("config"))
        .args(["--no-log", "--site"])
        .arg(&site_file)
        .args(["walk", "boligstoette", "--answers", &labels.join(";")])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Det er jer"), "{text}");
}

#[test]
fn no_shared_place_carries_text_meant_for_authors() {
    for place in library().places.values() {
        for text in [&place.name, place.note.as_ref().unwrap_or(&place.name)] {
            assert!(
                !text.value.contains("site-fil") && !text.value.contains("site file"),
                "{}: {}",
                place.id.value,
                text.value
            );
        }
    }
}
