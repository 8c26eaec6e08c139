//! Making the citizen's printed handout: one handout (build it from the library and write its
//! HTML, QR codes included), and every handout of the shipped guides in one language, as
//! `tests/handout_chromium.rs` does before it prints them. Run with `cargo bench --bench
//! handout`; results are in `BENCHMARKS.md`.

use vejviser::date::Date;
use vejviser::guide::{Library, load_embedded};
use vejviser::handout::{Handout, html};
use vejviser::lang::Language;
use vejviser::site::Site;

fn main() {
    divan::main();
}

fn library() -> Library {
    let mut loaded = load_embedded();
    loaded.drop_broken_guides();
    loaded.library
}

fn date() -> Date {
    Date::new(2026, 12, 3).expect("a valid date")
}

/// One Arabic handout: the first outcome with citizen steps that refers to a place on the web,
/// so a QR code is drawn.
#[divan::bench]
fn one_arabic_handout(bencher: divan::Bencher) {
    let library = library();
    let ar = Language::from_code("ar").unwrap_or(Language::DANISH);
    let (guide, outcome) = library
        .guides
        .iter()
        .flat_map(|g| g.outcomes.iter().map(move |o| (g, o)))
        .find(|(_, o)| {
            !o.steps.is_empty()
                && o.refer
                    .iter()
                    .any(|id| library.place(id).is_some_and(|p| p.web.is_some()))
        })
        .map(|(g, o)| (g.id.clone(), o.id.value.clone()))
        .unwrap_or_default();
    bencher.bench_local(|| {
        let handout = Handout::new(&library, &Site::default(), &guide, &outcome, ar, date());
        handout.map(|h| html::render(&h).len())
    });
}

/// Every outcome with citizen steps, in one language.
#[divan::bench(args = ["da", "ar"])]
fn every_handout(bencher: divan::Bencher, code: &str) {
    let library = library();
    let lang = Language::from_code(code).unwrap_or(Language::DANISH);
    bencher.bench_local(|| {
        let mut bytes = 0;
        for guide in &library.guides {
            for outcome in guide.outcomes.iter().filter(|o| !o.steps.is_empty()) {
                if let Ok(h) = Handout::new(
                    &library,
                    &Site::default(),
                    &guide.id,
                    &outcome.id,
                    lang,
                    date(),
                ) {
                    bytes += html::render(&h).len();
                }
            }
        }
        bytes
    });
}
