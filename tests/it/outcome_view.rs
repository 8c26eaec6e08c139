//! The app and line mode show an outcome from one view (`present::OutcomeView`): the same texts
//! in the same order. Checked at every outcome of every shipped guide: the app's screen and
//! line mode's transcript must each hold the view's texts in the view's order.

use crate::common;

use std::process::Command;
use std::sync::Arc;

use common::paths::path_to;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vejviser::lang::Lang;
use vejviser::present::OutcomeView;
use vejviser::present::outcome::Words;
use vejviser::site::Site;
use vejviser::tui::keys::Action;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};
use vejviser::walk::Walk;

fn app() -> App {
    let mut loaded = vejviser::guide::load_embedded();
    loaded.drop_broken_guides();
    App::new(Setup {
        library: loaded.library,
        sources: Default::default(),
        errors: Vec::new(),
        site: Site::default(),
        guides_label: String::new(),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, false),
        handout_dir: std::env::temp_dir(),
    })
}

/// Letters and digits only, as words: wrapping, box borders, indents and the plain-text
/// symbols of line mode (`-` for `–`) do not count.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The first words of a text: enough to tell it apart, short enough to not run into a cut.
fn head(text: &str) -> Vec<String> {
    words(text).into_iter().take(4).collect()
}

/// Where `needle` (words) starts in `hay` at or after `from`.
fn find(hay: &[String], needle: &[String], from: usize) -> Option<usize> {
    (from..=hay.len().saturating_sub(needle.len())).find(|&i| hay[i..].starts_with(needle))
}

/// The view's texts in its order: title, each place's summary, what to do, the details heading,
/// each place's name and checked date, the steps, the linked guides.
fn expected(view: &OutcomeView) -> Vec<(String, Vec<String>)> {
    let words = Words::of(Lang::Da);
    let mut out = vec![("title".to_string(), head(&view.title.value))];
    for place in &view.places {
        out.push((
            "refer".into(),
            words_of(&[words.refer_to, &place.summary()]),
        ));
    }
    out.push(("do now".into(), head(words.do_now)));
    out.push(("helper".into(), head(&view.helper.value)));
    if !view.places.is_empty() {
        out.push(("details".into(), head(words.place_details)));
    }
    for place in &view.places {
        out.push(("place".into(), head(&place.name.value)));
        if let Some(checked) = &place.checked {
            out.push(("checked".into(), words_of(&[words.checked, checked])));
        }
    }
    for step in view.steps {
        out.push(("step".into(), head(&step.value)));
    }
    for guide in &view.see {
        out.push(("see".into(), head(&guide.title.value)));
    }
    out
}

fn words_of(parts: &[&str]) -> Vec<String> {
    words(&parts.join(" ")).into_iter().take(6).collect()
}

fn in_order(what: &str, text: &str, expected: &[(String, Vec<String>)]) {
    let hay = words(text);
    // Start at the outcome's title: the breadcrumb above it holds earlier answers.
    let mut at = 0;
    for (name, needle) in expected {
        match find(&hay, needle, at) {
            Some(i) => at = i + needle.len(),
            None => panic!("{what}: `{name}` ({needle:?}) missing or out of order in:\n{text}"),
        }
    }
}

/// The case's own box, left of the rules panel: the rows of the screen cut at the column where
/// the first box on the screen ends.
fn case_panel(screen: &str) -> String {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let end = (rows.iter())
        .find_map(|row| row.iter().position(|&c| c == '┐'))
        .unwrap_or(usize::MAX);
    (rows.iter())
        .map(|row| row.iter().take(end + 1).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Choice numbers for the labels of a path.
fn numbers(guide: &Arc<vejviser::guide::Guide>, labels: &[String]) -> Vec<String> {
    let mut walk = Walk::new(Arc::clone(guide), Site::default()).unwrap();
    let mut out = Vec::new();
    for label in labels {
        let n = walk
            .choices()
            .iter()
            .position(|c| &c.label.value == label)
            .unwrap()
            + 1;
        walk.choose(n).unwrap();
        out.push(n.to_string());
    }
    out
}

fn line_mode(guide: &str, answers: &[String]) -> String {
    let data = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["walk", guide, "--answers", &answers.join(";")])
        .env("VEJVISER_DATA_DIR", data.path())
        .env("VEJVISER_CONFIG_DIR", data.path().join("config"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{guide} {answers:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_app_and_line_mode_show_every_outcome_in_the_order_of_its_view() {
    let mut app = app();
    let guides: Vec<_> = app.library.guides.iter().map(Arc::clone).collect();
    let mut runs = Vec::new();
    for guide in guides {
        for outcome in &guide.outcomes {
            let Some(labels) = path_to(&guide, &app.site, &outcome.id.value) else {
                continue; // only reachable at sites that offer a service
            };
            let view = OutcomeView::new(outcome, &app.library, None, Lang::Da);
            let expected = expected(&view);

            let index = (app.picker_guides().iter())
                .position(|g| g.id == guide.id)
                .unwrap();
            app.update(Action::Open(index));
            for label in &labels {
                let walk = &app.case.as_ref().unwrap().walk;
                let n = (walk.choices().iter())
                    .position(|c| &c.label.value == label)
                    .unwrap();
                app.update(Action::Choose(n + 1));
            }
            // Tall enough that the whole outcome is on the screen.
            let mut terminal = Terminal::new(TestBackend::new(100, 200)).unwrap();
            terminal
                .draw(|frame| vejviser::tui::view::render(&app, frame))
                .unwrap();
            let screen = case_panel(&format!("{}", terminal.backend()));
            let what = format!("app, {} / {}", guide.id, outcome.id.value);
            in_order(&what, &screen, &expected);
            // End the case without logging anything anywhere: back to the list.
            app.case = None;
            app.paused.clear();

            let what = format!("line mode, {} / {}", guide.id, outcome.id.value);
            runs.push((what, guide.id.clone(), numbers(&guide, &labels), expected));
        }
    }
    assert!(runs.len() > 100, "only {} outcomes compared", runs.len());
    // Line mode is a process a run; four at a time.
    let chunk = runs.len().div_ceil(4);
    std::thread::scope(|scope| {
        for part in runs.chunks(chunk) {
            scope.spawn(move || {
                for (what, guide, answers, expected) in part {
                    in_order(what, &line_mode(guide, answers), expected);
                }
            });
        }
    });
}
