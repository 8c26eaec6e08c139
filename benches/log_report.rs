//! The case log and the reports: one durable case write, every grouping of a report over
//! 1,000,000 cases, and a report over an archive collected from 100 logs of 10,000 cases.
//!
//! Run with `cargo bench --bench log_report`. Results and how to read them: `BENCHMARKS.md`.
//!
//! Before divan's own benchmarks, `main` prints three things divan cannot:
//!
//! 1. **Write percentiles.** 5,000 single-case saves (`Log::save`: one transaction, WAL,
//!    `synchronous = FULL`) to a file in a temporary folder on this machine's disk, timed one by
//!    one: median, p90, p99 and slowest. Next to it, the disk's own floor: a 16 KiB append and
//!    `fdatasync`, the same number of times.
//! 2. **The 1,000,000-case file.** Generated once per run (same seed, same rows every time) with
//!    one transaction and a prepared statement, into a file made by `Log::open`, so it has exactly
//!    the app's schema and indexes. No `ANALYZE`: the app never runs it, so neither do we.
//! 3. **The sqlite3 shell on the same file.** The report's own statement for every grouping
//!    (`report::report_sql`, all dates; by guide also for one month), run by the `sqlite3`
//!    command-line shell (`.timer on`: the statement's own time, no process start-up). Median
//!    of several runs, next to the median of `report::build` + `publish` (what `vejviser report`
//!    does) on the same file, the ratio, and the query plan.
//! 4. **The collected archive.** 100 logs of 10,000 cases each are generated, exported-style
//!    files collected with `log::archive::collect` into one archive (timed), and reported on. Wall-clock time
//!    and CPU time are both given (ours from `/proc/thread-self/schedstat`, the shell's user+sys),
//!    because on a shared machine the wall clock mostly measures the other work.
//!
//! Environment:
//! - `VEJVISER_BENCH_DIR=<folder>`: where the files go (default: a temporary folder), e.g. to
//!   measure another disk.
//! - `VEJVISER_BENCH_CASES=<n>`: size of the report file (default 1,000,000).
//! - `VEJVISER_BENCH_WRITES=<n>`: timed writes for the percentiles (default 5,000).
//! - `VEJVISER_BENCH_LOGS=<n>`, `VEJVISER_BENCH_LOG_CASES=<n>`: the collected logs (100 ×
//!   10,000).
//! - `VEJVISER_BENCH_KEEP=1`: keep the files afterwards (their paths are printed), e.g. to run
//!   the `sqlite3` shell on the generated file by hand.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use divan::Bencher;
use rusqlite::{Connection, params};
use vejviser::log::{Log, LogRow};
use vejviser::report::{Dimension, Filter, build};

const MAX_SECS: u64 = 10;

const ALL: [Dimension; 6] = [
    Dimension::Guide,
    Dimension::Outcome,
    Dimension::Kind,
    Dimension::Site,
    Dimension::Week,
    Dimension::Hour,
];

/// The report's statement for a grouping with no `--since`/`--until`, exactly as sent.
fn report_sql(by: Dimension) -> String {
    vejviser::report::report_sql(by, &[], true)
}

/// The same for `--since 2026-03-01 --until 2026-03-31` (bounds written as values here).
fn month_sql() -> String {
    vejviser::report::report_sql(
        Dimension::Guide,
        &["+started >= '2026-03-01'", "+started <= '2026-03-31 99'"],
        true,
    )
}

/// What `vejviser report` computes: the grouped rows and the published (perturbed) figures.
fn report(files: &[PathBuf], by: Dimension, filter: Filter) -> vejviser::report::Published {
    build(files, by, filter).expect("report").publish(false)
}

fn main() {
    write_percentiles();
    let file = big_file();
    compare_with_shell(file);
    archive();
    divan::main();
}

// ------------------------------------------------------------------------------- benchmarks

/// One case saved the way the app saves it: its own transaction, committed with a full sync.
#[divan::bench(max_time = MAX_SECS)]
fn durable_write(bencher: Bencher) {
    let dir = work_dir();
    let path = dir.path().join("skriv.sqlite3");
    let mut log = Log::open(&path).expect("open the log");
    let row = sample_row();
    // Each save is a new case: a fresh id (the log stores each case id once).
    bencher
        .with_inputs(|| row.with_new_ids().expect("ids"))
        .bench_local_refs(|row| log.save(row).expect("save"));
}

/// `vejviser report FILE` (by guide, all dates): open, one GROUP BY, merge, perturb, sort.
#[divan::bench(max_time = MAX_SECS)]
fn report_by_guide(bencher: Bencher) {
    let files = [big_file().to_path_buf()];
    bencher.bench(|| report(&files, Dimension::Guide, Filter::default()));
}

/// The report's own SQL through rusqlite on a fresh connection, without the merging in Rust:
/// the share of `report_by_guide` that is SQLite's.
#[divan::bench(max_time = MAX_SECS)]
fn report_sql_alone(bencher: Bencher) {
    let file = big_file();
    bencher.bench(|| {
        let conn = Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open");
        let mut stmt = conn
            .prepare(&report_sql(Dimension::Guide))
            .expect("prepare");
        let mut rows = stmt.query([]).expect("query");
        let mut n = 0u64;
        while let Some(row) = rows.next().expect("row") {
            n += row.get::<_, i64>(5).expect("count") as u64;
        }
        n
    });
}

/// Every grouping of the same file (week folds days into ISO weeks in Rust).
#[divan::bench(args = ALL, max_time = MAX_SECS)]
fn report_by(bencher: Bencher, by: Dimension) {
    let files = [big_file().to_path_buf()];
    bencher.bench(|| report(&files, by, Filter::default()));
}

/// `vejviser report ARCHIVE`: the archive collected from 100 logs of 10,000 cases.
#[divan::bench(max_time = MAX_SECS)]
fn report_collected_archive(bencher: Bencher) {
    let files = [archive().0.clone()];
    bencher.bench(|| report(&files, Dimension::Guide, Filter::default()));
}

/// `vejviser report LOG1 … LOG100`: the same cases read from the 100 logs themselves.
#[divan::bench(max_time = MAX_SECS)]
fn report_hundred_logs(bencher: Bencher) {
    let files = archive().1.clone();
    bencher.bench(|| report(&files, Dimension::Guide, Filter::default()));
}

/// A typical manager's question: one month, by guide.
#[divan::bench(max_time = MAX_SECS)]
fn report_one_month(bencher: Bencher) {
    let files = [big_file().to_path_buf()];
    let filter = Filter {
        since: vejviser::date::Date::new(2026, 3, 1),
        until: vejviser::date::Date::new(2026, 3, 31),
    };
    bencher.bench(|| report(&files, Dimension::Guide, filter));
}

// ---------------------------------------------------------------------- printed before divan

fn write_percentiles() {
    let n = env_usize("VEJVISER_BENCH_WRITES", 5_000);
    let dir = work_dir();
    let path = dir.path().join("percentiler.sqlite3");
    let mut log = Log::open(&path).expect("open the log");
    let row = sample_row();
    // A few untimed writes first: file growth and the first WAL frames.
    for _ in 0..20 {
        log.save(&row.with_new_ids().expect("ids")).expect("save");
    }
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let row = row.with_new_ids().expect("ids");
            let start = Instant::now();
            log.save(&row).expect("save");
            start.elapsed()
        })
        .collect();
    eprintln!(
        "durable write ({n} single-case saves, WAL, synchronous=FULL, {}):\n  {}",
        dir.path().display(),
        percentiles(&mut times)
    );

    // The floor the disk sets: append 16 KiB (what one case adds to the WAL: a few pages) and
    // wait for it to reach the disk, as SQLite's commit does.
    use std::io::Write as _;
    let mut file = std::fs::File::create(dir.path().join("fsync.bin")).expect("create");
    let block = vec![0x5a_u8; 16 * 1024];
    let mut times: Vec<Duration> = (0..n.min(2_000))
        .map(|_| {
            let start = Instant::now();
            file.write_all(&block).expect("write");
            file.sync_data().expect("fdatasync");
            start.elapsed()
        })
        .collect();
    eprintln!(
        "disk floor (16 KiB append + fdatasync, {} times):\n  {}",
        times.len(),
        percentiles(&mut times)
    );
}

fn percentiles(times: &mut [Duration]) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    format!(
        "median {:.2?}  p90 {:.2?}  p99 {:.2?}  slowest {:.2?}",
        at(0.5),
        at(0.9),
        at(0.99),
        times[times.len() - 1]
    )
}

fn compare_with_shell(file: &Path) {
    let runs = 9;
    let files = [file.to_path_buf()];
    let month = Filter {
        since: vejviser::date::Date::new(2026, 3, 1),
        until: vejviser::date::Date::new(2026, 3, 31),
    };
    let mut cases: Vec<(String, Dimension, Filter, String)> = ALL
        .iter()
        .map(|&by| {
            (
                format!("by {}", by.code()),
                by,
                Filter::default(),
                report_sql(by),
            )
        })
        .collect();
    cases.push((
        String::from("by guide, one month"),
        Dimension::Guide,
        month,
        month_sql(),
    ));
    for (name, by, filter, sql) in cases {
        let mut wall = Vec::new();
        let mut cpu = Vec::new();
        for _ in 0..runs {
            let (start, cpu_start) = (Instant::now(), cpu_secs());
            divan::black_box(report(&files, by, filter));
            wall.push(start.elapsed().as_secs_f64());
            if let (Some(a), Some(b)) = (cpu_start, cpu_secs()) {
                cpu.push(b - a);
            }
        }
        let (wall, cpu) = (median(&mut wall), median_or_nan(&mut cpu));
        eprintln!(
            "report {name}: build + publish median {:.1} ms wall, {:.1} ms on CPU (of {runs})",
            wall * 1e3,
            cpu * 1e3
        );
        match shell_times(file, &sql, runs) {
            Some((mut real, mut user_sys)) => {
                let (real, user_sys) = (median(&mut real), median(&mut user_sys));
                eprintln!(
                    "  sqlite3 shell, same statement: median {:.1} ms real, {:.1} ms user+sys; \
                     report / shell = {:.2} wall, {:.2} CPU",
                    real * 1e3,
                    user_sys * 1e3,
                    wall / real,
                    cpu / user_sys
                );
            }
            None => eprintln!("  sqlite3 shell not found or failed: no comparison"),
        }
        let plan: Vec<String> = Connection::open(file)
            .and_then(|conn| {
                let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
                let rows = stmt.query_map([], |r| r.get::<_, String>(3))?;
                rows.collect()
            })
            .unwrap_or_default();
        eprintln!("  query plan: {}", plan.join(" | "));
    }
    if let Some(version) = shell_output(file, "SELECT sqlite_version();\n") {
        eprintln!(
            "SQLite: bundled {} (vejviser), shell {}",
            rusqlite::version(),
            version.trim()
        );
    }
}

/// The archive collected from 100 generated logs of 10,000 cases, and those logs; made once.
fn archive() -> &'static (PathBuf, Vec<PathBuf>) {
    static ARCHIVE: OnceLock<(tempfile::TempDir, (PathBuf, Vec<PathBuf>))> = OnceLock::new();
    let (_, paths) = ARCHIVE.get_or_init(|| {
        let dir = work_dir();
        let logs = env_usize("VEJVISER_BENCH_LOGS", 100);
        let each = env_usize("VEJVISER_BENCH_LOG_CASES", 10_000);
        let start = Instant::now();
        let files: Vec<PathBuf> = (0..logs)
            .map(|n| {
                let path = dir.path().join(format!("pc-{n:03}.sqlite3"));
                generate_seeded(&path, each, 0x5eed + 1 + n as u64);
                path
            })
            .collect();
        eprintln!(
            "generated {logs} logs of {each} cases in {:.1} s",
            start.elapsed().as_secs_f64()
        );
        let archive = dir.path().join("arkiv.sqlite3");
        let (start, cpu_start) = (Instant::now(), cpu_secs());
        let done = vejviser::log::archive::collect(&archive, &files).expect("collect");
        let cpu = cpu_start.zip(cpu_secs()).map_or(f64::NAN, |(a, b)| b - a);
        let added: u64 = done.iter().map(|d| d.added).sum();
        eprintln!(
            "collect: {added} cases from {logs} logs in {:.1} s ({cpu:.1} s on CPU), {:.0} MB",
            start.elapsed().as_secs_f64(),
            std::fs::metadata(&archive).map_or(0, |m| m.len()) as f64 / 1e6
        );
        let start = Instant::now();
        let again = vejviser::log::archive::collect(&archive, &files[..1]).expect("collect");
        eprintln!(
            "collect the first log again: {} added, {} known, in {:.2} s",
            again[0].added,
            again[0].known,
            start.elapsed().as_secs_f64()
        );
        let mut wall = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            divan::black_box(report(
                std::slice::from_ref(&archive),
                Dimension::Guide,
                Filter::default(),
            ));
            wall.push(start.elapsed().as_secs_f64());
        }
        eprintln!(
            "report by guide over the archive: median {:.1} ms wall (of 5)",
            median(&mut wall) * 1e3
        );
        (dir, (archive, files))
    });
    paths
}

/// Time this thread has spent on a CPU (Linux: `/proc/thread-self/schedstat`), so the figures
/// mean something on a machine that other work keeps busy. `None` elsewhere.
fn cpu_secs() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

fn median_or_nan(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        f64::NAN
    } else {
        median(values)
    }
}

/// The statement's own times per run, real and user+sys, from the shell's `.timer on`
/// ("Run Time: real 0.052 user 0.041 sys 0.009").
fn shell_times(file: &Path, sql: &str, runs: usize) -> Option<(Vec<f64>, Vec<f64>)> {
    let mut script = String::from(".output /dev/null\n.timer on\n");
    for _ in 0..runs {
        script.push_str(sql);
        script.push_str(";\n");
    }
    let out = shell_output(file, &script)?;
    let mut real = Vec::new();
    let mut user_sys = Vec::new();
    for line in out.lines() {
        let Some(rest) = line.strip_prefix("Run Time: ") else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let value = |name: &str| -> Option<f64> {
            let i = fields.iter().position(|f| *f == name)?;
            fields.get(i + 1)?.parse().ok()
        };
        real.push(value("real")?);
        user_sys.push(value("user")? + value("sys")?);
    }
    (real.len() == runs).then_some((real, user_sys))
}

fn shell_output(file: &Path, script: &str) -> Option<String> {
    use std::io::Write as _;
    let mut child = Command::new("sqlite3")
        .arg("-readonly")
        .arg(file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    if !out.status.success() {
        return None;
    }
    // `.timer` writes to stdout even with `.output /dev/null` in older shells, stderr in some.
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Some(text)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

// ------------------------------------------------------------------------------- inputs

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace(['_', ','], "").parse().ok())
        .unwrap_or(default)
}

/// A folder for the benchmark's files, removed at the end unless `VEJVISER_BENCH_KEEP` is set.
fn work_dir() -> tempfile::TempDir {
    let mut dir = match std::env::var_os("VEJVISER_BENCH_DIR") {
        Some(dir) => {
            std::fs::create_dir_all(&dir).expect("make VEJVISER_BENCH_DIR");
            tempfile::Builder::new().tempdir_in(dir)
        }
        None => tempfile::Builder::new().tempdir(),
    }
    .expect("temporary folder");
    if std::env::var_os("VEJVISER_BENCH_KEEP").is_some() {
        dir.disable_cleanup(true);
    }
    dir
}

/// One realistic row: what a finished case of a real guide looks like in the log.
fn sample_row() -> LogRow {
    LogRow {
        started: "2026-11-23 09:00".into(),
        duration_min: 7,
        site: "bibliotek-nord".into(),
        guide: "mitid-mistet-spaerret-glemt".into(),
        guide_hash: "0123456789abcdef".into(),
        outcome: Some("bestil-nyt-kodeviser".into()),
        outcome_kind: Some("guide".into()),
        path: "hvem/hvad-er-sket/har-borgeren-app/kan-borgeren-logge-paa".into(),
        must_not_shown: false,
        ending: "finished".into(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        case_id: "0123456789abcdef0123456789abcdef".into(),
        record_key: 12345,
    }
}

/// The generated file, made on first use and kept for the whole run.
fn big_file() -> &'static Path {
    static FILE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = FILE.get_or_init(|| {
        let dir = work_dir();
        let path = dir.path().join("million.sqlite3");
        let n = env_usize("VEJVISER_BENCH_CASES", 1_000_000);
        let (start, cpu_start) = (Instant::now(), cpu_secs());
        generate(&path, n);
        let cpu = cpu_start.zip(cpu_secs()).map_or(f64::NAN, |(a, b)| b - a);
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        eprintln!(
            "generated {n} cases in {:.1} s ({cpu:.1} s on CPU): {} ({:.0} MB)",
            start.elapsed().as_secs_f64(),
            path.display(),
            size as f64 / 1e6
        );
        (dir, path)
    });
    path
}

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Skewed towards small values: a few guides and sites get most of the cases.
    fn skewed(&mut self, n: u64) -> u64 {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}

const GUIDES: u64 = 60;
const SITES: u64 = 25;
const KINDS: [&str; 4] = ["guide", "do", "refer", "refuse"];

/// `n` cases over two years (2025–2026), 60 guides, 25 sites, opening hours 8–17. About 12 % are
/// abandoned and 8 % met a must-not rule; durations are 0–60 minutes, mostly short.
fn generate(path: &Path, n: usize) {
    generate_seeded(path, n, 0x5eed);
}

/// As [`generate`], from another seed (so another PC's cases, with other ids).
fn generate_seeded(path: &Path, n: usize, seed: u64) {
    // `Log::open` makes the file with the app's schema, indexes and settings.
    drop(Log::open(path).expect("make the log"));
    let mut conn = Connection::open(path).expect("open");
    // Generation only: no syncs, and a cache big enough that index pages stay in memory.
    conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;")
        .expect("pragma");
    let tx = conn.transaction().expect("transaction");
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO cases (started, duration_min, site, guide, guide_hash, outcome,
                    outcome_kind, path, must_not_shown, ending, app_version, case_id,
                    record_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .expect("prepare");
        let mut rng = Rng(seed);
        let first_day = vejviser::date::Date::new(2025, 1, 1)
            .expect("date")
            .days_since_epoch();
        let guides: Vec<(String, String)> = (0..GUIDES)
            .map(|g| {
                (
                    format!("guide-{g}"),
                    format!("{:016x}", g * 0x9e37_79b9 + 1),
                )
            })
            .collect();
        let sites: Vec<String> = (0..SITES).map(|s| format!("sted-{s}")).collect();
        let steps: Vec<String> = (0..12).map(|s| format!("trin-{s}")).collect();
        let app_version = env!("CARGO_PKG_VERSION");
        for _ in 0..n {
            let day =
                vejviser::date::Date::from_days_since_epoch(first_day + rng.below(730) as i64);
            let started = format!("{day} {:02}:00", 8 + rng.below(10));
            let duration = (rng.skewed(61) as i64).min(rng.below(61) as i64 + 3);
            let (guide, hash) = &guides[rng.skewed(GUIDES) as usize];
            let site = &sites[rng.skewed(SITES) as usize];
            let abandoned = rng.below(100) < 12;
            let (outcome, kind) = if abandoned {
                (None, None)
            } else {
                let o = rng.below(5);
                (Some(format!("udfald-{o}")), Some(KINDS[(o % 4) as usize]))
            };
            let len = 2 + rng.below(5) as usize;
            let path: Vec<&str> = (0..len)
                .map(|_| steps[rng.below(12) as usize].as_str())
                .collect();
            let must_not = rng.below(100) < 8;
            insert
                .execute(params![
                    started,
                    duration,
                    site,
                    guide,
                    hash,
                    outcome,
                    kind,
                    path.join("/"),
                    must_not,
                    if abandoned { "abandoned" } else { "finished" },
                    app_version,
                    format!("{:016x}{:016x}", rng.next(), rng.next()),
                    (rng.next() >> 32) as i64,
                ])
                .expect("insert");
        }
    }
    tx.commit().expect("commit");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
}
