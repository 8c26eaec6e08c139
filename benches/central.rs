//! The central PostgreSQL log: many counters shipping at once, and a report over millions of
//! cases on the server.
//!
//! Run with `cargo bench --bench central` (PostgreSQL's initdb/pg_ctl must be installed, e.g.
//! Debian's `postgresql`). Results and how to read them: `BENCHMARKS.md`, "Central log".
//!
//! A private cluster is made under `target/bench-central/` (fsync on, as a real server) and
//! deleted at the end. Before divan's own benchmarks, `main` prints what divan cannot measure:
//!
//! 1. **50 counters at once.** 50 local logs of 1,000 cases each; 50 threads, each with its own
//!    login role in `vejviser_counter`, ship theirs (`Session::ship_all`, 500 cases per
//!    transaction) to the one server at the same time. Three runs (the server emptied and the
//!    logs' shipping records cleared between), each checked to have stored 50,000 distinct
//!    cases; seconds and cases per second.
//! 2. **A report per grouping over 5,000,000 cases** (`VEJVISER_BENCH_CASES` to change),
//!    generated on the server with `generate_series`, then `VACUUM ANALYZE` (autovacuum does
//!    the same on a real server). `central::report::read` against the same SQL run by `psql`
//!    (`\timing`, one session, so no process start-up is counted): median of five each, and the
//!    ratio.
//!
//! divan then times `central::report::read` per grouping again, for its own statistics.

#[path = "../tests/common/pg.rs"]
mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use vejviser::central::Target;
use vejviser::central::report::{read, report_sql};
use vejviser::central::ship::{Outbox, Session};
use vejviser::log::{Log, LogRow};
use vejviser::report::{Dimension, Filter};

const COUNTERS: u64 = 50;
const CASES_EACH: u64 = 1_000;
const READER_PASSWORD: &str = "reader-bench-pw";

static CLUSTER: Mutex<Option<pg::Cluster>> = Mutex::new(None);
static READER_URL: OnceLock<String> = OnceLock::new();

const DIMENSIONS: [Dimension; 6] = [
    Dimension::Guide,
    Dimension::Outcome,
    Dimension::Kind,
    Dimension::Site,
    Dimension::Week,
    Dimension::Hour,
];

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-central");
    std::fs::create_dir_all(&root).unwrap();
    let Some(cluster) = pg::Cluster::start_under(&root) else {
        return;
    };
    cluster.create_db("vejviser");
    let admin = Target::parse(&cluster.url(pg::ADMIN, "vejviser", "sslmode=disable")).unwrap();
    let mut client = vejviser::central::tls::connect(&admin, Some(pg::ADMIN_PASSWORD)).unwrap();
    vejviser::central::schema::init(&mut client, pg::ADMIN).unwrap();
    cluster.create_user("koordinator", READER_PASSWORD, "vejviser_reader");
    let _ = READER_URL.set(cluster.url("koordinator", "vejviser", "sslmode=disable"));

    fifty_counters(&cluster, &root);
    big_report(&cluster);

    *CLUSTER.lock().unwrap() = Some(cluster);
    divan::main();
    // Stop the server and delete its folder.
    drop(CLUSTER.lock().unwrap().take());
    let _ = std::fs::remove_dir_all(&root);
}

fn case(seed: u64, n: u64) -> LogRow {
    let abandoned = n % 7 == 3;
    LogRow {
        case_id: format!("{seed:016x}{n:016x}"),
        record_key: ((n * 2_654_435_761 + seed) % 4_294_967_296) as i64,
        started: format!("2026-11-{:02} {:02}:00", 1 + n % 28, 8 + n % 9),
        duration_min: (n % 41) as i64,
        site: format!("kasse-{seed}"),
        guide: format!("guide-{}", n % 38),
        guide_hash: String::from("0123456789abcdef"),
        outcome: (!abandoned).then(|| format!("udfald-{}", n % 6)),
        outcome_kind: (!abandoned)
            .then(|| ["guide", "do", "refer", "refuse"][(n % 4) as usize].into()),
        path: String::from("start/trin-2/trin-3"),
        must_not_shown: n.is_multiple_of(11),
        ending: String::from(if abandoned { "abandoned" } else { "finished" }),
        app_version: String::from("0.1.0"),
    }
}

fn fifty_counters(cluster: &pg::Cluster, root: &Path) {
    let logs: Vec<PathBuf> = (0..COUNTERS)
        .map(|seed| {
            let path = root.join(format!("kasse-{seed}.sqlite3"));
            let _ = std::fs::remove_file(&path);
            let mut log = Log::open(&path).unwrap();
            log.connection().execute_batch("BEGIN").unwrap();
            for n in 0..CASES_EACH {
                log.save(&case(seed, n)).unwrap();
            }
            log.connection().execute_batch("COMMIT").unwrap();
            cluster.create_user(&format!("kasse{seed}"), "kasse-pw", "vejviser_counter");
            path
        })
        .collect();
    let mut admin = cluster.admin("vejviser");
    let total = COUNTERS * CASES_EACH;
    let mut runs = Vec::new();
    for _ in 0..3 {
        admin.batch_execute("TRUNCATE vejviser.cases").unwrap();
        for path in &logs {
            let log = Log::open(path).unwrap();
            log.connection()
                .execute_batch("DELETE FROM shipped")
                .unwrap();
        }
        let start = Instant::now();
        let threads: Vec<_> = logs
            .iter()
            .enumerate()
            .map(|(seed, path)| {
                let url = cluster.url(&format!("kasse{seed}"), "vejviser", "sslmode=disable");
                let path = path.clone();
                std::thread::spawn(move || {
                    let target = Target::parse(&url).unwrap();
                    let mut session = Session::open(&target, Some("kasse-pw")).unwrap();
                    let mut log = Log::open(&path).unwrap();
                    let done = session.ship_all(&mut log, 500).unwrap();
                    assert_eq!(log.waiting(Some(&session.server().id)).unwrap(), 0);
                    done.stored
                })
            })
            .collect();
        let stored: u64 = threads.into_iter().map(|t| t.join().unwrap()).sum();
        let took = start.elapsed();
        let row = admin
            .query_one(
                "SELECT count(*), count(DISTINCT case_id) FROM vejviser.cases",
                &[],
            )
            .unwrap();
        let (count, distinct): (i64, i64) = (row.get(0), row.get(1));
        assert_eq!(
            (stored, count as u64, distinct as u64),
            (total, total, total)
        );
        runs.push(took);
    }
    runs.sort();
    let median = runs[1];
    println!(
        "ship: {COUNTERS} counters x {CASES_EACH} cases at once, 500 per transaction: \
         median {:.2} s of 3 (min {:.2}, max {:.2}), {:.0} cases/s; all {total} stored once",
        median.as_secs_f64(),
        runs[0].as_secs_f64(),
        runs[2].as_secs_f64(),
        total as f64 / median.as_secs_f64()
    );
    admin.batch_execute("TRUNCATE vejviser.cases").unwrap();
    for path in logs {
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::remove_file(path.with_extension("sqlite3-wal"));
        let _ = std::fs::remove_file(path.with_extension("sqlite3-shm"));
    }
}

const GENERATE: &str = "INSERT INTO vejviser.cases
    SELECT lpad(to_hex(g), 32, '0'),
           (g::int8 * 2654435761) % 4294967296,
           '2026-' || lpad((1 + g % 12)::text, 2, '0') || '-' || lpad((1 + g % 28)::text, 2, '0')
               || ' ' || lpad((8 + g % 9)::text, 2, '0') || ':00',
           (g % 41)::int2,
           'kasse-' || (g % 50),
           'guide-' || (g % 38),
           '0123456789abcdef',
           CASE WHEN g % 7 = 3 THEN NULL ELSE 'udfald-' || (g % 6) END,
           CASE WHEN g % 7 = 3 THEN NULL ELSE (ARRAY['guide', 'do', 'refer', 'refuse'])[1 + g % 4] END,
           'start/trin-2/trin-3',
           g % 11 = 0,
           CASE WHEN g % 7 = 3 THEN 'abandoned' ELSE 'finished' END,
           '0.1.0'
    FROM generate_series(1, $1::int8) AS g";

fn big_report(cluster: &pg::Cluster) {
    let cases: i64 = std::env::var("VEJVISER_BENCH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000_000);
    let mut admin = cluster.admin("vejviser");
    let start = Instant::now();
    admin.execute(GENERATE, &[&cases]).unwrap();
    admin
        .batch_execute("VACUUM ANALYZE vejviser.cases")
        .unwrap();
    println!(
        "report: {cases} cases generated on the server and vacuumed in {:.0} s",
        start.elapsed().as_secs_f64()
    );
    let url = READER_URL.get().unwrap();
    for by in DIMENSIONS {
        let ours = median_of(5, || {
            let start = Instant::now();
            let rows = read(url, Some(READER_PASSWORD), by, Filter::default()).unwrap();
            assert!(!rows.is_empty());
            start.elapsed()
        });
        let sql = report_sql(by, Filter::default());
        let theirs = psql_median(cluster, &sql, 5);
        println!(
            "report --by {:<7}: vejviser {:>6.0} ms, psql {:>6.0} ms, ratio {:.2}",
            by.code(),
            ours.as_secs_f64() * 1000.0,
            theirs.as_secs_f64() * 1000.0,
            ours.as_secs_f64() / theirs.as_secs_f64()
        );
    }
    let plan: Vec<String> = admin
        .query(
            &format!(
                "EXPLAIN {}",
                report_sql(Dimension::Guide, Filter::default())
            ),
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect();
    println!("plan for --by guide:\n  {}", plan.join("\n  "));
}

fn median_of(runs: usize, mut one: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| one()).collect();
    times.sort();
    times[runs / 2]
}

/// The median of `runs` executions of `sql` in one psql session, by psql's own `\timing`.
fn psql_median(cluster: &pg::Cluster, sql: &str, runs: usize) -> Duration {
    let mut script = String::from("\\timing on\n");
    for _ in 0..runs {
        script.push_str(sql);
        script.push_str(";\n");
    }
    let mut child = Command::new(cluster.tool("psql"))
        .args(["-X", "-q", "-o", "/dev/null", "-h"])
        .arg(cluster.socket_dir())
        .args([
            "-p",
            &cluster.port.to_string(),
            "-U",
            "koordinator",
            "-d",
            "vejviser",
        ])
        .env("PGPASSWORD", READER_PASSWORD)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(script.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let mut times: Vec<f64> = text
        .lines()
        .filter_map(|l| l.strip_prefix("Time: "))
        .filter_map(|t| t.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(
        times.len(),
        runs,
        "psql said: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    times.sort_by(f64::total_cmp);
    Duration::from_secs_f64(times[runs / 2] / 1000.0)
}

#[divan::bench(args = DIMENSIONS, sample_count = 5, sample_size = 1)]
fn report_on_the_server(by: Dimension) {
    let url = READER_URL.get().unwrap();
    divan::black_box(read(url, Some(READER_PASSWORD), by, Filter::default()).unwrap());
}
