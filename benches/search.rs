//! The guide search per keystroke over a generated library of 1,000 guides with realistic text,
//! and a redraw that searches nothing. Run with `cargo bench --bench search`; results and how to
//! read them are in `BENCHMARKS.md`.
//!
//! The library is generated in memory from the words of the shipped guides (Danish and English,
//! with their real frequencies), so the vocabulary looks like the guides': each guide has a title,
//! tags, synonyms, a summary, 8 steps and 5 outcomes, about 1,000 words in all. A real library of
//! 1,000 guides would have many more distinct words than 38 guides have, so every guide also gets
//! 25 compound words of its own (two pool words joined), which brings the vocabulary to about
//! 28,000 distinct words. The search compares each typed word with each distinct word, so this is
//! what the cost depends on.
//!
//! `VEJVISER_BENCH_CPU=<rounds>` replaces divan's wall-clock run by an on-CPU-time report (Linux,
//! `/proc/thread-self/schedstat`), for a machine busy with other work.

use std::path::PathBuf;
use std::sync::Arc;

use vejviser::guide::{Guide, InputFile, Library, load_files};
use vejviser::lang::Lang;
use vejviser::search::{MAX_QUERY_CHARS, SearchIndex};
use vejviser::site::Site;
use vejviser::tui::keys::Action;
use vejviser::tui::theme::{Theme, ThemeName};
use vejviser::tui::{App, Setup};

const GUIDES: usize = 1_000;

/// What a helper might paste or type at length; cut to the query limit.
const SENTENCE: &str = "min mor har mistet sin mobil og kan ikke logge på mitid, hun skal søge \
    boligstøtte og have læseadgang til digital post, og hendes søn vil hjælpe med fuldmagt til \
    skat, pension og sundhedskort i kommunen, og hun har glemt sin pinkode til appen";

/// Another long query with other words, so that searching it after [`SENTENCE`] reuses
/// nothing: a whole query searched from scratch.
const OTHER: &str = "borgeren er lige flyttet fra udlandet uden cpr nummer, vil bestille \
    pas og kørekort, mangler nemkonto i banken, spørger om folkepension, ældrecheck, \
    varmetillæg, rejsekort, e-boks appen, jobnet, dagpenge, a-kasse, aktindsigt, klage";

fn main() {
    if std::env::var_os("VEJVISER_BENCH_BUILD").is_some() {
        let mut loaded = vejviser::guide::load_embedded();
        loaded.drop_broken_guides();
        for _ in 0..300 {
            divan::black_box(SearchIndex::new(&loaded.library.guides).distinct_words());
        }
        return;
    }
    let library = library(GUIDES);
    let index = SearchIndex::for_library(&library.guides, &library);
    let query = long_query();
    eprintln!(
        "library: {} guides, {} distinct words; query: {} characters, {} words",
        library.guides.len(),
        index.distinct_words(),
        query.chars().count(),
        query.split_whitespace().count()
    );
    assert!(
        index.search(&query).len() > 10,
        "the long query finds guides"
    );
    if let Some(rounds) = std::env::var("VEJVISER_BENCH_CPU")
        .ok()
        .and_then(|r| r.parse().ok())
    {
        cpu_report(rounds, &index);
        return;
    }
    divan::main();
}

/// The long query, exactly [`MAX_QUERY_CHARS`] characters: the last keystroke the field takes.
fn long_query() -> String {
    cut(SENTENCE, MAX_QUERY_CHARS)
}

/// `text` repeated and cut to `n` characters.
fn cut(text: &str, n: usize) -> String {
    let text: String = text.chars().cycle().take(n).collect();
    assert_eq!(text.chars().count(), n);
    text
}

/// Every quoted text in the shipped guide files (Danish and English), split into words, in
/// order: a word pool with the guides' own word frequencies.
fn word_pool() -> Vec<String> {
    let mut pool = Vec::new();
    for (_, text) in vejviser::guide::embedded::FILES {
        for (i, piece) in text.split('"').enumerate() {
            if i % 2 == 1 {
                pool.extend(
                    piece
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| w.chars().count() > 1 && !w.chars().any(|c| c.is_ascii_digit()))
                        .map(str::to_lowercase),
                );
            }
        }
    }
    assert!(pool.len() > 10_000, "the shipped guides give a word pool");
    pool
}

/// A small deterministic generator, so every run sees the same library.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
}

fn library(n: usize) -> Library {
    let pool = word_pool();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let text = |rng: &mut Rng, words: usize| -> String {
        (0..words)
            .map(|_| pool[rng.next() % pool.len()].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let files = (0..n)
        .map(|i| {
            let mut toml = String::from("format = 1\n[guide]\n");
            let compounds: Vec<String> = (0..25)
                .map(|_| text(&mut rng, 2).replace(' ', ""))
                .collect();
            toml += &format!("title = \"{} {i}\"\n", text(&mut rng, 5));
            toml += &format!("summary = \"{} {}\"\n", text(&mut rng, 30), compounds[..5].join(" "));
            let tags: Vec<String> = (0..4).map(|_| text(&mut rng, 1)).collect();
            toml += &format!("tags = [\"{}\"]\n", tags.join("\", \""));
            let synonyms: Vec<String> = (0..12).map(|_| text(&mut rng, 2)).collect();
            toml += &format!("synonyms = [\"{}\"]\n", synonyms.join("\", \""));
            toml += "start = \"s0\"\nreviewed = 2026-11-01\nsources = [\"https://www.borger.dk\"]\n";
            for s in 0..8 {
                let next = |k: usize| {
                    if s < 7 && k == 0 {
                        format!("s{}", s + 1)
                    } else {
                        format!("o{}", (s + k) % 5)
                    }
                };
                toml += &format!(
                    "[steps.s{s}]\nask = \"{}?\"\nhelp = \"{} {}\"\nchoices = [\n",
                    text(&mut rng, 10),
                    text(&mut rng, 22),
                    compounds[5 + s..7 + s].join(" ")
                );
                for k in 0..3 {
                    toml += &format!(
                        "  {{ label = \"{}\", next = \"{}\" }},\n",
                        text(&mut rng, 6),
                        next(k)
                    );
                }
                toml += "]\n";
            }
            for o in 0..5 {
                let steps: Vec<String> = (0..4).map(|_| text(&mut rng, 12)).collect();
                toml += &format!(
                    "[outcomes.o{o}]\nkind = \"guide\"\ntitle = \"{}\"\nhelper = \"{} {}\"\nsteps = [\"{}\"]\n",
                    text(&mut rng, 8),
                    text(&mut rng, 38),
                    compounds[15 + 2 * o..17 + 2 * o].join(" "),
                    steps.join("\", \"")
                );
            }
            InputFile {
                display: format!("g{i}.toml"),
                relative: format!("omraade{}/g{i}.toml", i % 12),
                bytes: toml.into_bytes(),
            }
        })
        .collect();
    let mut loaded = load_files(files);
    let errors = loaded.drop_broken_guides();
    assert!(
        errors.is_empty(),
        "generated guides load: {:?}",
        errors.first()
    );
    assert_eq!(loaded.library.guides.len(), n);
    loaded.library
}

fn index_of(library: &Library) -> SearchIndex {
    SearchIndex::for_library(&library.guides, library)
}

fn shared_library() -> &'static Library {
    static LIBRARY: std::sync::OnceLock<Library> = std::sync::OnceLock::new();
    LIBRARY.get_or_init(|| library(GUIDES))
}

/// One keystroke with `chars` characters in the field: typing the last one, or erasing it
/// (every call does the other), as the app searches: what the last query matched is reused.
#[divan::bench(args = [1, 5, 20, 50, 100, 200])]
fn keystroke_1000_guides(bencher: divan::Bencher, chars: usize) {
    let index = index_of(shared_library());
    let queries = [cut(SENTENCE, chars), cut(SENTENCE, chars - 1)];
    let mut turn = 0;
    bencher.bench_local(|| {
        turn ^= 1;
        index.search(divan::black_box(&queries[turn])).len()
    });
}

/// A whole query of `chars` characters searched from scratch: every call searches the other of
/// two queries that share (almost) no words, so nothing is reused. This is what a paste costs.
#[divan::bench(args = [20, 50, 100, 200])]
fn whole_query_1000_guides(bencher: divan::Bencher, chars: usize) {
    let index = index_of(shared_library());
    let queries = [cut(SENTENCE, chars), cut(OTHER, chars)];
    let mut turn = 0;
    bencher.bench_local(|| {
        turn ^= 1;
        index.search(divan::black_box(&queries[turn])).len()
    });
}

/// 100 KB pasted into a query: the search reads the first 200 characters only.
#[divan::bench]
fn pasted_100_kb(bencher: divan::Bencher) {
    let index = index_of(shared_library());
    let queries = [cut(SENTENCE, 100_000), cut(OTHER, 100_000)];
    let mut turn = 0;
    bencher.bench_local(|| {
        turn ^= 1;
        index.search(divan::black_box(&queries[turn])).len()
    });
}

/// Building the index when the app starts.
#[divan::bench(sample_count = 10)]
fn build_index_1000_guides(bencher: divan::Bencher) {
    let library = shared_library();
    bencher.bench_local(|| index_of(library).distinct_words());
}

/// A redraw of the picker with the query unchanged: the cached hits, no search.
#[divan::bench]
fn redraw_same_query(bencher: divan::Bencher) {
    let app = app_with_query(&long_query());
    let searches = app.searches();
    bencher.bench_local(|| app.picker_guides().len());
    assert_eq!(app.searches(), searches, "a redraw must not search");
}

fn app_with_query(query: &str) -> App {
    let guides: Vec<Arc<Guide>> = shared_library().guides.clone();
    let library = Library {
        guides,
        ..Library::default()
    };
    let mut app = App::new(Setup {
        library,
        sources: Default::default(),
        errors: Vec::new(),
        site: Site::default(),
        guides_label: String::from("generated"),
        lang: Lang::Da,
        theme: Theme::new(ThemeName::Normal, true),
        handout_dir: PathBuf::from("/nonexistent"),
    });
    app.update(Action::Search);
    for c in query.chars() {
        app.update(Action::Type(c));
    }
    assert!(!app.picker_guides().is_empty());
    app
}

/// `VEJVISER_BENCH_CPU=<rounds>`: each round times, for each query length, a batch of
/// keystrokes (typing and erasing the last character in turn) and a batch of whole queries
/// (two queries without common words in turn), by the time this thread spent on a CPU; batches
/// are large enough for a coarse kernel clock. Prints the median and fastest per search in ms.
fn cpu_report(rounds: usize, index: &SearchIndex) {
    const BATCH: usize = 200;
    let lengths = [1, 5, 20, 50, 100, MAX_QUERY_CHARS];
    let mut keystroke: Vec<Vec<f64>> = vec![Vec::new(); lengths.len()];
    let mut whole: Vec<Vec<f64>> = vec![Vec::new(); lengths.len()];
    let time = |queries: &[String; 2]| {
        let start = thread_cpu_ns();
        for i in 0..BATCH {
            divan::black_box(index.search(divan::black_box(&queries[i % 2])).len());
        }
        (thread_cpu_ns() - start) as f64 / 1e6 / BATCH as f64
    };
    for _ in 0..rounds {
        for (i, &n) in lengths.iter().enumerate() {
            keystroke[i].push(time(&[cut(SENTENCE, n), cut(SENTENCE, n - 1)]));
            whole[i].push(time(&[cut(SENTENCE, n), cut(OTHER, n)]));
        }
    }
    let library = shared_library();
    let shipped = {
        let mut loaded = vejviser::guide::load_embedded();
        loaded.drop_broken_guides();
        loaded.library
    };
    let mut builds = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = thread_cpu_ns();
        divan::black_box(index_of(library).distinct_words());
        builds.0.push((thread_cpu_ns() - start) as f64 / 1e6);
        let start = thread_cpu_ns();
        for _ in 0..20 {
            divan::black_box(index_of(&shipped).distinct_words());
        }
        builds.1.push((thread_cpu_ns() - start) as f64 / 1e6 / 20.0);
        let start = thread_cpu_ns();
        for _ in 0..20 {
            divan::black_box(SearchIndex::new(&shipped.guides).distinct_words());
        }
        eprintln!(
            "own texts only: {:.2} ms",
            (thread_cpu_ns() - start) as f64 / 1e6 / 20.0
        );
    }
    builds.0.sort_by(f64::total_cmp);
    builds.1.sort_by(f64::total_cmp);
    println!(
        "on-CPU time to build the index: {GUIDES} generated guides {:.1} ms (fastest {:.1}), \
         the {} shipped guides with their translations {:.2} ms (fastest {:.2})",
        builds.0[rounds / 2],
        builds.0[0],
        shipped.guides.len(),
        builds.1[rounds / 2],
        builds.1[0]
    );
    println!("on-CPU time per search over {GUIDES} guides, {rounds} rounds of {BATCH}, in ms");
    println!(
        "| characters in the field | keystroke, median | (fastest) | whole query, median | (fastest) |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for ((n, k), w) in lengths.iter().zip(&mut keystroke).zip(&mut whole) {
        k.sort_by(f64::total_cmp);
        w.sort_by(f64::total_cmp);
        println!(
            "| {n} | {:.3} | ({:.3}) | {:.3} | ({:.3}) |",
            k[k.len() / 2],
            k[0],
            w[w.len() / 2],
            w[0]
        );
    }
}

fn thread_cpu_ns() -> u64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat")
        .expect("the on-CPU report needs Linux /proc/thread-self/schedstat");
    stat.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("schedstat starts with nanoseconds on a CPU")
}
