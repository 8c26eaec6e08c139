//! On a step with more answers than fit, the highlighted answer stays on screen.

use vejviser::guide::{InputFile, load_files};
use vejviser::lang::Lang;
use vejviser::site::Site;
use vejviser::tui::keys::Action;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup, view};

fn app_with_many_choices(n: usize) -> App {
    let choices: Vec<String> = (1..=n)
        .map(|i| format!("  {{ label = \"Svar nummer {i}\", next = \"ud\" }},"))
        .collect();
    let text = format!(
        "format = 1\n[guide]\ntitle = \"Mange svar\"\nsummary = \"S\"\nstart = \"a\"\nreviewed = 2026-11-01\nsources = [\"x\"]\n\
         [steps.a]\nask = \"Hvilket?\"\nchoices = [\n{}\n]\n[outcomes.ud]\nkind = \"guide\"\ntitle = \"U\"\nhelper = \"H\"\n",
        choices.join("\n")
    );
    let mut loaded = load_files(vec![InputFile {
        display: "g.toml".into(),
        relative: "omr/mange.toml".into(),
        bytes: text.into_bytes(),
    }]);
    loaded.drop_broken_guides();
    assert_eq!(loaded.library.guides.len(), 1);
    let mut app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors: Vec::new(),
        site: Site::default(),
        guides_label: String::from("test"),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, false),
        handout_dir: std::env::temp_dir(),
    });
    app.update(Action::Enter);
    assert!(app.case.is_some());
    app
}

fn screen(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| view::render(app, f)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn moving_down_past_the_bottom_scrolls_the_answers() {
    let mut app = app_with_many_choices(40);
    assert!(
        !screen(&app).contains("Svar nummer 30\""),
        "starts at the top"
    );
    for _ in 0..29 {
        app.update(Action::Down);
    }
    assert_eq!(app.case.as_ref().unwrap().selected, 29);
    let shown = screen(&app);
    assert!(shown.contains("30  Svar nummer 30 "), "{shown}");
    // And back up to the first.
    for _ in 0..29 {
        app.update(Action::Up);
    }
    let shown = screen(&app);
    assert!(shown.contains(" 1  Svar nummer 1 "), "{shown}");
    // Enter chooses the highlighted answer, which is on screen.
    app.update(Action::Enter);
    assert!(app.case.as_ref().unwrap().walk.is_finished());
}

/// An outcome whose citizen's steps run far below the screen.
fn app_at_a_long_outcome() -> App {
    let steps: Vec<String> = (1..=60)
        .map(|i| format!("\"Borgerens trin nummer {i}\""))
        .collect();
    let text = format!(
        "format = 1\n[guide]\ntitle = \"Langt udfald\"\nsummary = \"S\"\nstart = \"a\"\nreviewed = 2026-11-01\nsources = [\"x\"]\n\
         [steps.a]\nask = \"Hvad?\"\nchoices = [{{ label = \"Videre\", next = \"ud\" }}]\n\
         [outcomes.ud]\nkind = \"guide\"\ntitle = \"U\"\nhelper = \"H\"\nsteps = [{}]\n",
        steps.join(", ")
    );
    let mut loaded = load_files(vec![InputFile {
        display: "g.toml".into(),
        relative: "omr/langt.toml".into(),
        bytes: text.into_bytes(),
    }]);
    loaded.drop_broken_guides();
    let mut app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors: Vec::new(),
        site: Site::default(),
        guides_label: String::from("test"),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, false),
        handout_dir: std::env::temp_dir(),
    });
    app.update(Action::Enter);
    app.update(Action::Choose(1));
    assert!(app.case.as_ref().unwrap().walk.is_finished());
    app
}

#[test]
fn holding_down_past_the_end_does_not_have_to_be_climbed_back() {
    let mut app = app_at_a_long_outcome();
    // The event loop draws after every key; so does this test.
    for _ in 0..200 {
        app.update(Action::Down);
        screen(&app);
    }
    let bottom = screen(&app);
    assert!(bottom.contains("Borgerens trin nummer 60"), "{bottom}");
    let limit = app.case.as_ref().unwrap().scroll;
    assert!(limit < 200, "the scroll stops at the end: {limit}");
    // One press up moves the view at once.
    app.update(Action::Up);
    let shown = screen(&app);
    assert_ne!(shown, bottom, "↑ moved the view");
    assert!(!shown.contains("Borgerens trin nummer 60"), "{shown}");
    // PageDown is held back by the same limit.
    for _ in 0..20 {
        app.update(Action::PageDown);
        screen(&app);
    }
    assert_eq!(app.case.as_ref().unwrap().scroll, limit);
}
