//! Full-screen app speed: drawing the step screen, and the guide search per keystroke over a
//! generated library of 1,000 guides. Run with `cargo bench --bench tui`.

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vejviser::guide::{Guide, InputFile, load_embedded, load_files};
use vejviser::lang::Lang;
use vejviser::search::SearchIndex;
use vejviser::site::Site;
use vejviser::tui::keys::Action;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup, view};

fn main() {
    divan::main();
}

/// An app on the shipped guides, in the middle of a case (a step with rules and a breadcrumb).
fn app_at_step() -> App {
    let mut loaded = load_embedded();
    loaded.drop_broken_guides();
    let mut app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors: Vec::new(),
        site: Site::default(),
        guides_label: String::from("indbyggede"),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, true),
        handout_dir: PathBuf::from("/nonexistent"),
    });
    for c in "far mitid".chars() {
        app.update(Action::Search);
        app.update(Action::Type(c));
    }
    app.update(Action::Enter);
    app.update(Action::Choose(2));
    assert!(app.case.is_some(), "the bench needs an open case");
    app
}

#[divan::bench(args = [(80, 24), (200, 60)])]
fn render_step(bencher: divan::Bencher, (width, height): (u16, u16)) {
    let app = app_at_step();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    bencher.bench_local(|| {
        terminal
            .draw(|frame| view::render(&app, frame))
            .expect("draw");
    });
}

const WORDS: &[&str] = &[
    "mitid",
    "fuldmagt",
    "pension",
    "boligstøtte",
    "flytning",
    "sundhedskort",
    "digital",
    "post",
    "fritagelse",
    "kodeviser",
    "app",
    "telefon",
    "pårørende",
    "værgemål",
    "skat",
    "tastselv",
    "rejsekort",
    "mobilepay",
    "eboks",
    "ansøgning",
    "tillæg",
    "borger",
    "hjælp",
    "kommune",
    "adresse",
    "bank",
    "netbank",
    "læseadgang",
    "svindel",
    "pres",
    "kode",
    "pin",
    "glemt",
    "spærret",
    "mistet",
    "ung",
    "ældre",
    "bibliotek",
    "frivillig",
    "myndighed",
];

fn generated_guides(n: usize) -> Vec<Arc<Guide>> {
    let files = (0..n)
        .map(|i| {
            let w = |k: usize| WORDS[(i * 7 + k * 13) % WORDS.len()];
            let text = format!(
                "format = 1\n[guide]\ntitle = \"{} og {} nr. {i}\"\nsummary = \"En borger spørger om {} i forbindelse med {}.\"\n\
                 tags = [\"{}\", \"{}\"]\nsynonyms = [\"{} {}\", \"{}\"]\nstart = \"a\"\nreviewed = 2026-11-01\nsources = [\"x\"]\n\
                 [steps.a]\nask = \"?\"\nchoices = [{{ label = \"Ja\", next = \"b\" }}]\n[outcomes.b]\nkind = \"guide\"\ntitle = \"t\"\nhelper = \"h\"\n",
                w(0), w(1), w(2), w(3), w(4), w(5), w(6), w(7), w(8)
            );
            InputFile {
                display: format!("g{i}.toml"),
                relative: format!("omr{}/g{i}.toml", i % 12),
                bytes: text.into_bytes(),
            }
        })
        .collect();
    load_files(files).library.guides
}

/// Each prefix of a typed query is one keystroke; the last is a typo ("fuldmat").
#[divan::bench(args = ["f", "fu", "ful", "fuld", "fuldm", "fuldma", "fuldmat", "far mitid", "paaroerende"])]
fn search_1000_guides(bencher: divan::Bencher, query: &str) {
    let guides = generated_guides(1_000);
    let index = SearchIndex::new(&guides);
    assert!(!index.search("mitid").is_empty());
    bencher.bench_local(|| index.search(divan::black_box(query)).len());
}
