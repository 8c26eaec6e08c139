//! Loading and checking a large generated guide library, against parsing the same files with
//! `toml` alone.
//!
//! Run with `cargo bench --bench load_check`. Results and how to read them: `BENCHMARKS.md`.
//!
//! The library is generated in memory and is the same on every run: 1,000 guides of 40 steps
//! (2–3 choices each) and 6 outcomes (guide, refer, do, refuse), three scenario tests each, plus
//! one `rules.toml`, `places.toml`, `services.toml` and `areas.toml`. Every size (10, 100, 1,000
//! guides) takes the shared files and the first `n` guides. Before timing, `main` asserts that the
//! library loads and checks without a single diagnostic and that every scenario test passes, so
//! the benchmarks measure the happy path.
//!
//! Fairness: the loader consumes its `Vec<InputFile>`, so every benchmark gets a fresh copy of the
//! bytes from `with_inputs` (not timed) and returns what it built (dropped by divan, not timed).
//! The `toml` baselines do the same bytes → `String` conversion (UTF-8 validation) the loader does.
//!
//! `VEJVISER_BENCH_DUMP=<folder>` writes the generated library there as a guides folder.
//! `VEJVISER_BENCH_CPU=<rounds>` replaces divan's wall-clock run by an on-CPU-time report (Linux),
//! for a machine that is busy with other work; see `cpu_report`.

use std::fmt::Write as _;
use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::BytesCount;
use toml::de::DeTable;
use vejviser::date::Date;
use vejviser::guide::source::content_hash;
use vejviser::guide::{Diagnostic, InputFile, Loaded, check, load_files};
use vejviser::scenario::run_guide;

/// Library sizes in guides. The time should grow linearly with these.
const SIZES: &[usize] = &[10, 100, 1_000];
const MAX_GUIDES: usize = 1_000;
const STEPS: usize = 40;
/// Shared files (rules, places, services, areas) come first in the corpus.
const SHARED: usize = 4;
/// Seconds per benchmark before divan stops taking samples (input generation counts too).
const MAX_SECS: u64 = 8;

fn main() {
    // Build the corpus and prove it is the happy path before any timing.
    for &n in SIZES {
        let loaded = load_library(n);
        let mut diags = loaded.diagnostics;
        diags.extend(check(&loaded.library, &loaded.sources, today()));
        assert!(
            diags.is_empty(),
            "the generated library of {n} guides must load and check cleanly, got {} diagnostics, \
             first: {:?}",
            diags.len(),
            diags.first()
        );
        assert_eq!(loaded.library.guides.len(), n);
        for guide in &loaded.library.guides {
            let run = run_guide(guide);
            assert_eq!(run.failed(), 0, "scenario test failed in {}", guide.id);
            assert!(run.uncovered_outcomes().len() < 6);
        }
    }
    let files = corpus(MAX_GUIDES);
    if let Some(dir) = std::env::var_os("VEJVISER_BENCH_DUMP") {
        dump(std::path::Path::new(&dir), files);
    }
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    eprintln!(
        "corpus: {} files, {:.1} MB ({:.1} KB per guide on average)",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e3 / MAX_GUIDES as f64
    );
    if let Some(rounds) = std::env::var("VEJVISER_BENCH_CPU")
        .ok()
        .and_then(|r| r.parse().ok())
    {
        cpu_report(rounds);
        return;
    }
    divan::main();
}

/// Write the corpus as a guides folder, to look at it or run `vejviser check` on it.
fn dump(dir: &std::path::Path, files: &[File]) {
    for f in files {
        let path = dir.join(&f.relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, &f.text).expect("write file");
    }
    eprintln!("corpus written to {}", dir.display());
}

// ------------------------------------------------------------------------------- benchmarks

/// Baseline 1: the parser the loader uses, `toml::de::DeTable::parse`, on every file.
#[divan::bench(args = SIZES, max_time = MAX_SECS)]
fn toml_detable_parse(bencher: Bencher, n: usize) {
    let files = corpus(n);
    bencher
        .counter(bytes_of(files))
        .with_inputs(|| raw_bytes(files))
        .bench_values(detable_parse);
}

/// Baseline 2: `toml::from_str` into an owned `toml::Table`.
#[divan::bench(args = SIZES, max_time = MAX_SECS)]
fn toml_from_str_table(bencher: Bencher, n: usize) {
    let files = corpus(n);
    bencher
        .counter(bytes_of(files))
        .with_inputs(|| raw_bytes(files))
        .bench_values(from_str_table);
}

/// `vejviser::guide::load_files`: parse, read into the model, build the library.
#[divan::bench(args = SIZES, max_time = MAX_SECS)]
fn load(bencher: Bencher, n: usize) {
    let files = corpus(n);
    bencher
        .counter(bytes_of(files))
        .with_inputs(|| inputs(files))
        .bench_values(load_files);
}

/// Load, then `vejviser::guide::check` the whole library: what `vejviser check` does.
#[divan::bench(args = SIZES, max_time = MAX_SECS)]
fn load_and_check(bencher: Bencher, n: usize) {
    let files = corpus(n);
    let today = today();
    bencher
        .counter(bytes_of(files))
        .with_inputs(|| inputs(files))
        .bench_values(|inputs| load_and_check_files(inputs, today));
}

/// `check` alone on an already loaded library, to split the cost of `load_and_check`.
#[divan::bench(args = SIZES, max_time = MAX_SECS)]
fn check_only(bencher: Bencher, n: usize) {
    let files = corpus(n);
    let loaded = load_library(n);
    let today = today();
    bencher
        .counter(bytes_of(files))
        .bench(|| check(&loaded.library, &loaded.sources, today));
}

/// `content_hash` alone (SHA-256 of every file). `load_files` no longer does this: a guide hashes
/// its file when the hash is first asked for. Kept to show what that costs.
#[divan::bench(args = SIZES, max_time = MAX_SECS)]
fn content_hash_only(bencher: Bencher, n: usize) {
    let files = corpus(n);
    bencher.counter(bytes_of(files)).bench(|| {
        files
            .iter()
            .map(|f| content_hash(&f.text))
            .collect::<Vec<_>>()
    });
}

// ------------------------------------------------------------------------------- operations
// The same functions serve divan and the on-CPU report, so both time exactly the same work.

/// Every file to `String` (as the loader does), then `DeTable::parse`. The parsed tables borrow
/// the texts, so they are dropped here (as inside the loader); the texts are returned.
fn detable_parse(bytes: Vec<Vec<u8>>) -> Vec<String> {
    let texts = utf8(bytes);
    for text in &texts {
        let doc = DeTable::parse(text).expect("valid TOML");
        divan::black_box(&doc);
    }
    texts
}

fn from_str_table(bytes: Vec<Vec<u8>>) -> Vec<toml::Table> {
    utf8(bytes)
        .iter()
        .map(|text| toml::from_str::<toml::Table>(text).expect("valid TOML"))
        .collect()
}

fn load_and_check_files(inputs: Vec<InputFile>, today: Date) -> (Loaded, Vec<Diagnostic>) {
    let loaded = load_files(inputs);
    let diags = check(&loaded.library, &loaded.sources, today);
    (loaded, diags)
}

// ------------------------------------------------------------------------------- on-CPU report

/// `VEJVISER_BENCH_CPU=<rounds>`: for a machine busy with other work. Instead of divan's
/// wall-clock samples, time each operation by the time this thread actually ran on a CPU (Linux
/// `/proc/thread-self/schedstat`), so waiting for a core does not count. Each round runs every
/// operation once, in turn, so all see the same conditions; the ratio is taken per round.
fn cpu_report(rounds: usize) {
    let today = today();
    println!("on-CPU time per run, {rounds} rounds, median (fastest) in ms");
    println!(
        "| guides | toml DeTable::parse | toml::from_str Table | load | load + check | check | \
         (load+check) / DeTable | (load+check) / from_str |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &n in SIZES {
        let files = corpus(n);
        // The clock ticks coarsely on some kernels, so small sizes run in batches of `k` runs that
        // together do the work of the largest size.
        let k = (MAX_GUIDES / n).max(1);
        let loaded = load_library(n);
        let mut t: [Vec<f64>; 5] = Default::default();
        let mut ratio_detable = Vec::new();
        let mut ratio_table = Vec::new();
        for _ in 0..rounds {
            let parse = on_cpu((0..k).map(|_| raw_bytes(files)).collect(), detable_parse);
            let table = on_cpu((0..k).map(|_| raw_bytes(files)).collect(), from_str_table);
            let load = on_cpu((0..k).map(|_| inputs(files)).collect(), load_files);
            let both = on_cpu((0..k).map(|_| inputs(files)).collect(), |i| {
                load_and_check_files(i, today)
            });
            let check_only = on_cpu(vec![(); k], |()| {
                check(&loaded.library, &loaded.sources, today)
            });
            for (i, ms) in [parse, table, load, both, check_only]
                .into_iter()
                .enumerate()
            {
                t[i].push(ms);
            }
            ratio_detable.push(both / parse);
            ratio_table.push(both / table);
        }
        let cell = |v: &mut Vec<f64>| format!("{:.2} ({:.2})", median(v), min(v));
        println!(
            "| {n} | {} | {} | {} | {} | {} | {:.2}× | {:.2}× |",
            cell(&mut t[0]),
            cell(&mut t[1]),
            cell(&mut t[2]),
            cell(&mut t[3]),
            cell(&mut t[4]),
            median(&mut ratio_detable),
            median(&mut ratio_table),
        );
    }
}

/// Run `f` on each input and return the milliseconds per run this thread spent on a CPU
/// meanwhile. The outputs are dropped after the clock stops, as divan does.
fn on_cpu<I, O>(inputs: Vec<I>, f: impl Fn(I) -> O) -> f64 {
    let runs = inputs.len();
    let start = thread_cpu_ns();
    let outputs: Vec<O> = inputs.into_iter().map(f).collect();
    let ns = thread_cpu_ns() - start;
    drop(divan::black_box(outputs));
    ns as f64 / 1e6 / runs as f64
}

fn thread_cpu_ns() -> u64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat")
        .expect("the on-CPU report needs Linux /proc/thread-self/schedstat");
    stat.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("schedstat starts with nanoseconds on a CPU")
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    }
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

// ------------------------------------------------------------------------------- inputs

/// One generated file.
struct File {
    relative: String,
    text: String,
}

fn today() -> Date {
    Date::new(2026, 6, 1).expect("valid date")
}

/// The shared files and the first `n` guides.
fn corpus(n: usize) -> &'static [File] {
    static FILES: OnceLock<Vec<File>> = OnceLock::new();
    let all = FILES.get_or_init(|| generate(MAX_GUIDES));
    &all[..SHARED + n.min(MAX_GUIDES)]
}

fn load_library(n: usize) -> Loaded {
    load_files(inputs(corpus(n)))
}

fn inputs(files: &[File]) -> Vec<InputFile> {
    files
        .iter()
        .map(|f| InputFile {
            display: format!("guides/{}", f.relative),
            relative: f.relative.clone(),
            bytes: f.text.as_bytes().to_vec(),
        })
        .collect()
}

fn raw_bytes(files: &[File]) -> Vec<Vec<u8>> {
    files.iter().map(|f| f.text.as_bytes().to_vec()).collect()
}

/// The bytes → `String` step the loader does for each file (validation, no copy).
fn utf8(bytes: Vec<Vec<u8>>) -> Vec<String> {
    bytes
        .into_iter()
        .map(|b| String::from_utf8(b).expect("UTF-8"))
        .collect()
}

fn bytes_of(files: &[File]) -> BytesCount {
    BytesCount::new(files.iter().map(|f| f.text.len()).sum::<usize>())
}

// ------------------------------------------------------------------------------- generator

/// A small deterministic generator (xorshift64*), so every run sees the same library.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A Danish-looking sentence of `lo..=hi` words, capitalised and ending in a full stop.
    fn sentence(&mut self, lo: usize, hi: usize) -> String {
        let words = self.range(lo, hi);
        let mut out = String::new();
        for i in 0..words {
            let word = if i % 2 == 0 {
                self.pick(NOUNS)
            } else {
                self.pick(SMALL)
            };
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        let mut chars = out.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        format!("{}{}.", first.unwrap_or_default(), chars.as_str())
    }

    /// The rest of a choice label, after »Ja, « or »Nej, «.
    fn label(&mut self, lo: usize, hi: usize) -> String {
        self.sentence(lo, hi).trim_end_matches('.').to_lowercase()
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        (0..sentences)
            .map(|_| self.sentence(6, 14))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn question(&mut self) -> String {
        let s = self.sentence(6, 12);
        format!("{}?", s.trim_end_matches('.'))
    }
}

const NOUNS: &[&str] = &[
    "borgeren",
    "den pårørende",
    "ansøgningen",
    "kommunen",
    "fuldmagten",
    "Digital Post",
    "selvbetjeningen",
    "hjælperen",
    "skranken",
    "telefonen",
    "koden",
    "brevet",
    "sagen",
    "ydelsen",
    "betalingen",
    "boligstøtten",
    "pensionen",
    "helbredstillægget",
    "lægen",
    "sundhedskortet",
    "flytningen",
    "adressen",
    "forskudsopgørelsen",
    "årsopgørelsen",
    "netbanken",
    "MitID",
    "appen",
    "kodeviseren",
    "biblioteket",
    "den frivillige",
    "vejledningen",
    "blanketten",
    "underskriften",
    "kvitteringen",
    "fristen",
    "klagen",
    "afgørelsen",
    "myndigheden",
    "værgen",
    "samtykket",
    "oplysningerne",
    "CPR-nummeret",
    "e-Boks",
    "borger.dk",
    "Udbetaling Danmark",
    "sagsbehandleren",
];

const SMALL: &[&str] = &[
    "og", "at", "det", "er", "på", "til", "med", "for", "ikke", "kan", "skal", "må", "har", "om",
    "hvis", "så", "selv", "gerne", "altid", "aldrig", "først", "bagefter", "igen", "hos", "fra",
    "efter", "uden", "før", "når", "også",
];

const SLUGS: &[&str] = &[
    "mitid",
    "fuldmagt",
    "post",
    "ansoegning",
    "boligstoette",
    "pension",
    "flytning",
    "skat",
    "sundhedskort",
    "netbank",
    "kode",
    "brev",
    "klage",
    "frist",
    "blanket",
    "vaerge",
    "samtykke",
    "adresse",
    "betaling",
    "tillaeg",
    "laege",
    "kvittering",
];

const AREAS: &[&str] = &[
    "mitid",
    "digital-post",
    "ansoegninger",
    "sikkerhed",
    "bolig",
    "pension",
    "sundhed",
    "skat",
];

const AREA_TITLES: &[&str] = &[
    "MitID",
    "Digital Post",
    "Ansøgninger",
    "Sikkerhed",
    "Bolig",
    "Pension",
    "Sundhed",
    "Skat",
];

const SERVICES: &[&str] = &[
    "udfyld-sammen-med-borger",
    "mobilepay",
    "apple-id",
    "rejsekort",
    "printer",
];

const AUDIENCE: &[&str] = &["borgerservice", "bibliotek", "frivillig", "ngo"];

const N_RULES: usize = 30;
const N_PLACES: usize = 20;

/// Outcome ids and kinds, in file order. Only steps with `consent = true` lead to the `do`.
const OUTCOMES: &[(&str, &str)] = &[
    ("vejled-borgeren-selv", "guide"),
    ("brug-selvbetjening", "guide"),
    ("henvis-til-myndighed", "refer"),
    ("henvis-til-frivillig", "refer"),
    ("hjaelp-med-ansoegning", "do"),
    ("afvis-anmodning", "refuse"),
];
const DO: usize = 4;
const REFUSE: usize = 5;
/// The outcomes an ordinary (non-consent) step may lead to.
const ORDINARY: &[usize] = &[0, 1, 2, 3, REFUSE];

fn rule_id(i: usize) -> String {
    format!(
        "{}-{}-{i}",
        SLUGS[i % SLUGS.len()],
        SLUGS[(i * 7 + 3) % SLUGS.len()]
    )
}

fn rule_kind(i: usize) -> &'static str {
    ["must", "may", "must_not"][i % 3]
}

/// A shared `must_not` rule.
fn must_not_rule(r: &mut Rng) -> String {
    rule_id(r.below(N_RULES / 3) * 3 + 2)
}

fn place_id(i: usize) -> String {
    format!("sted-{}-{i}", SLUGS[(i * 5) % SLUGS.len()])
}

/// A TOML basic string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn generate(guides: usize) -> Vec<File> {
    let mut files = vec![
        File {
            relative: String::from("rules.toml"),
            text: rules_file(),
        },
        File {
            relative: String::from("places.toml"),
            text: places_file(),
        },
        File {
            relative: String::from("services.toml"),
            text: services_file(),
        },
        File {
            relative: String::from("areas.toml"),
            text: areas_file(),
        },
    ];
    for g in 0..guides {
        let area = AREAS[g % AREAS.len()];
        files.push(File {
            relative: format!("{area}/guide-{g}.toml"),
            text: guide_file(g),
        });
    }
    files
}

fn rules_file() -> String {
    let mut r = Rng::new(1);
    let mut out = String::from("format = 1\n\n# Fælles regler for alle guides.\n");
    for i in 0..N_RULES {
        let _ = write!(
            out,
            "\n[rules.{}]\nkind   = {}\ntext   = {}\nwhy    = {}\nsource = {}\n",
            rule_id(i),
            q(rule_kind(i)),
            q(&r.sentence(8, 14)),
            q(&r.paragraph(2)),
            q(&format!("https://www.borger.dk/regel/{}", rule_id(i))),
        );
    }
    out
}

fn places_file() -> String {
    let mut r = Rng::new(2);
    let mut out = String::from("format = 1\n\n# Steder, guides kan henvise borgeren til.\n");
    for i in 0..N_PLACES {
        let _ = write!(
            out,
            "\n[places.{}]\nname    = {}\nphone   = \"33 {:02} {:02} {:02}\"\nweb     = {}\n\
             hours   = \"Man–tors 9–15, fre 9–13\"\nnote    = {}\nchecked = 2026-0{}-1{}\n",
            place_id(i),
            q(r.sentence(2, 4).trim_end_matches('.')),
            r.below(100),
            r.below(100),
            r.below(100),
            q(&format!("https://www.{}.dk", SLUGS[i % SLUGS.len()])),
            q(&r.paragraph(2)),
            1 + i % 5,
            i % 10,
        );
    }
    out
}

fn services_file() -> String {
    let mut r = Rng::new(3);
    let mut out = String::from("format = 1\n");
    for s in SERVICES {
        let _ = write!(out, "\n[services.{s}]\ntext = {}\n", q(&r.sentence(6, 12)));
    }
    out
}

fn areas_file() -> String {
    let mut out = String::from("format = 1\n");
    for (area, title) in AREAS.iter().zip(AREA_TITLES) {
        let _ = write!(out, "\n[areas.{area}]\ntitle = {}\n", q(title));
    }
    out
}

/// Where a choice leads.
#[derive(Clone, Copy)]
enum Next {
    Step(usize),
    Outcome(usize),
}

struct StepPlan {
    id: String,
    consent: bool,
    /// (label, next)
    choices: Vec<(String, Next)>,
}

fn plan_steps(g: usize, r: &mut Rng) -> Vec<StepPlan> {
    (0..STEPS)
        .map(|k| {
            let id = format!("{}-{}", SLUGS[(g + k * 3) % SLUGS.len()], k + 1);
            let consent = k % 10 == 7;
            // A: onwards along the spine (so every step is reachable and has a way out).
            let a = if k + 1 < STEPS {
                Next::Step(k + 1)
            } else {
                Next::Outcome(0)
            };
            // B: consent steps lead to the `do`; others skip ahead or end in an ordinary outcome.
            let b = if consent {
                Next::Outcome(DO)
            } else if k % 2 == 0 && k + 3 < STEPS {
                Next::Step(k + 3)
            } else {
                Next::Outcome(ORDINARY[k % ORDINARY.len()])
            };
            let mut choices = vec![
                (format!("Ja, {}", r.label(2, 7)), a),
                (format!("Nej, {}", r.label(2, 7)), b),
            ];
            // C on every third step: an ordinary outcome.
            if k % 3 == 0 {
                let c = Next::Outcome(ORDINARY[(k / 3) % ORDINARY.len()]);
                choices.push((format!("Ved ikke – {}", r.label(3, 8)), c));
            }
            StepPlan {
                id,
                consent,
                choices,
            }
        })
        .collect()
}

fn next_id(steps: &[StepPlan], next: Next) -> &str {
    match next {
        Next::Step(i) => &steps[i].id,
        Next::Outcome(i) => OUTCOMES[i].0,
    }
}

/// Answers that follow choice A from the start, then take choice `last` at step `at`.
fn answers_to(steps: &[StepPlan], at: usize, last: usize) -> (Vec<String>, Next) {
    let mut answers: Vec<String> = steps[..at].iter().map(|s| s.choices[0].0.clone()).collect();
    let (label, next) = &steps[at].choices[last];
    answers.push(label.clone());
    (answers, *next)
}

fn guide_file(g: usize) -> String {
    let mut r = Rng::new(1_000 + g as u64);
    let steps = plan_steps(g, &mut r);
    let local_rule = format!("guide-{g}-lokal");
    let shared_rules: Vec<String> = (0..3)
        .map(|j| rule_id((g * 7 + j * 11) % N_RULES))
        .collect();
    let mut out = String::new();

    // [guide]
    let tags: Vec<String> = (0..r.range(3, 6))
        .map(|_| r.pick(NOUNS).to_lowercase())
        .collect();
    let synonyms: Vec<String> = (0..r.range(8, 20))
        .map(|_| format!("{} {}", r.pick(NOUNS), r.pick(NOUNS)).to_lowercase())
        .collect();
    let audience: Vec<String> = AUDIENCE[..r.range(1, 4)]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let sources: Vec<String> = (0..r.range(2, 6))
        .map(|i| format!("https://www.borger.dk/{}/{g}-{i}", r.pick(SLUGS)))
        .collect();
    let _ = write!(
        out,
        "format = 1\n\n[guide]\ntitle    = {}\nsummary  = {}\ntags     = {}\nsynonyms = {}\n\
         audience = {}\nstart    = {}\nrules    = {}\nreviewed = 2026-0{}-{:02}\nsources  = {}\n",
        q(r.sentence(4, 9).trim_end_matches('.')),
        q(&r.paragraph(2)),
        list(&tags),
        list(&synonyms),
        list(&audience),
        q(&steps[0].id),
        list(&shared_rules),
        1 + g % 5,
        1 + g % 28,
        list(&sources),
    );

    // A rule only this guide may use.
    let _ = write!(
        out,
        "\n[rules.{local_rule}]\nkind   = \"must\"\ntext   = {}\nwhy    = {}\nsource = {}\n",
        q(&r.sentence(8, 14)),
        q(&r.paragraph(1)),
        q(&format!("https://www.borger.dk/guide-{g}")),
    );

    out.push_str(
        "\n# ---------------------------------------------------------------- spørgsmål\n",
    );
    for (k, step) in steps.iter().enumerate() {
        let _ = write!(
            out,
            "\n[steps.{}]\nask     = {}\n",
            step.id,
            q(&r.question())
        );
        if k % 3 != 2 {
            let sentences = r.range(1, 3);
            let _ = writeln!(out, "help    = {}", q(&r.paragraph(sentences)));
        }
        if step.consent {
            out.push_str("consent = true\n");
        }
        if k % 5 == 1 {
            let _ = writeln!(out, "rules   = {}", list(std::slice::from_ref(&local_rule)));
        }
        out.push_str("choices = [\n");
        for (c, (label, next)) in step.choices.iter().enumerate() {
            let _ = write!(
                out,
                "  {{ label = {}, next = {}",
                q(label),
                q(next_id(&steps, *next))
            );
            if (k + c) % 4 == 0 {
                let _ = write!(out, ", rules = {}", list(&[shared_rules[c].clone()]));
            }
            if c == 2 && k % 2 == 0 {
                let _ = write!(out, ", when = {}", q(SERVICES[k % SERVICES.len()]));
            }
            out.push_str(" },\n");
        }
        out.push_str("]\n");
    }

    out.push_str("\n# ---------------------------------------------------------------- udfald\n");
    for (i, (id, kind)) in OUTCOMES.iter().enumerate() {
        let handout: Vec<String> = (0..r.range(2, 6)).map(|_| r.sentence(8, 20)).collect();
        let title = r.sentence(4, 9);
        let sentences = r.range(3, 5);
        let helper = r.paragraph(sentences);
        let _ = write!(
            out,
            "\n[outcomes.{id}]\nkind   = {}\ntitle  = {}\nhelper = {}\nsteps  = [\n",
            q(kind),
            q(title.trim_end_matches('.')),
            q(&helper),
        );
        for line in &handout {
            let _ = writeln!(out, "  {},", q(line));
        }
        out.push_str("]\n");
        match i {
            2 | 3 => {
                let _ = writeln!(out, "refer  = {}", q(&place_id((g + i) % N_PLACES)));
            }
            REFUSE => {
                let _ = writeln!(out, "rules  = {}", list(&[must_not_rule(&mut r)]));
            }
            DO => {
                let _ = writeln!(out, "rules  = {}", list(std::slice::from_ref(&local_rule)));
            }
            _ => {}
        }
    }

    out.push_str("\n# ---------------------------------------------------------------- test\n");
    // The whole spine; through the first consent step to the `do`; to the refusal at step 10.
    for (name, at, last) in [
        ("Hele vejen igennem", STEPS - 1, 0),
        ("Borgeren siger ja til hjælp", 7, 1),
        ("Anmodningen afvises", 9, 1),
    ] {
        let (answers, next) = answers_to(&steps, at, last);
        let _ = write!(
            out,
            "\n[[tests]]\nname    = {}\nanswers = {}\nexpect  = {}\n",
            q(name),
            list(&answers),
            q(next_id(&steps, next)),
        );
    }
    out
}
