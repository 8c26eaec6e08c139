//! The `tallies` table (schema 8, issue #17): the summed counts reports read instead of every
//! case. Kept by triggers on every write path (save, collect, export `--since`), filled in by
//! the migration for an older file, and as closed to free text as `cases` is.
//!
//! Every check compares the table with the same sums worked out here in Rust from the cases
//! themselves (`Log::rows`), with the keys computed the way a report shows them.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use vejviser::date::Date;
use vejviser::log::archive::{collect, export};
use vejviser::log::schema::MIGRATIONS;
use vejviser::log::{Log, LogRow};

/// (level, dim, period, key, minutes, abandoned, must_not) → (cases, key_sum).
type Tallies = BTreeMap<(String, String, String, String, i64, i64, i64), (i64, i64)>;

/// SplitMix64: the same rows on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random case between 2024-12-20 and 2027-01-10 (so years, months and ISO weeks that
/// straddle them all occur), with a few guides, sites, outcomes, durations and hours.
pub fn random_row(rng: &mut Rng) -> LogRow {
    let first = Date::new(2024, 12, 20).unwrap().days_since_epoch();
    let day = Date::from_days_since_epoch(first + rng.below(752) as i64);
    let abandoned = rng.below(6) == 0;
    let outcome = (!abandoned || rng.below(3) == 0).then(|| {
        let kinds = ["guide", "do", "refer", "refuse"];
        let o = rng.below(4);
        (format!("udfald-{o}"), kinds[o as usize].to_string())
    });
    LogRow {
        started: format!("{day} {:02}:00", 8 + rng.below(10)),
        duration_min: [0, 1, 2, 5, 7, 30, 1440][rng.below(7) as usize],
        site: ["bibliotek-nord", "borgerservice"][rng.below(2) as usize].into(),
        guide: ["mitid", "e-boks", "fuldmagt"][rng.below(3) as usize].into(),
        guide_hash: "0123456789abcdef".into(),
        outcome_kind: outcome.as_ref().map(|o| o.1.clone()),
        outcome: outcome.map(|o| o.0),
        path: "hvem/hvad".into(),
        must_not_shown: rng.below(5) == 0,
        ending: if abandoned { "abandoned" } else { "finished" }.into(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        case_id: format!("{:016x}{:016x}", rng.next(), rng.next()),
        record_key: (rng.next() >> 32) as i64,
    }
}

/// What `tallies` must hold for these cases, worked out without SQL.
fn expected(rows: &[LogRow]) -> Tallies {
    let mut out = Tallies::new();
    for r in rows {
        let day = &r.started[..10];
        let mut add = |level: &str, dim: &str, period: &str, key: String, m, a, n| {
            let e = out
                .entry((level.into(), dim.into(), period.into(), key, m, a, n))
                .or_default();
            e.0 += 1;
            e.1 += r.record_key;
        };
        let Ok(date) = Date::parse(day) else {
            add("x", "week", "-", day.to_string(), 0, 0, 0);
            continue;
        };
        let (year, week) = date.iso_week();
        let keys = [
            ("guide", r.guide.clone()),
            (
                "outcome",
                format!("{}/{}", r.guide, r.outcome.as_deref().unwrap_or("-")),
            ),
            ("kind", r.outcome_kind.clone().unwrap_or_else(|| "-".into())),
            ("site", r.site.clone()),
            ("week", format!("{year}-W{week:02}")),
            ("hour", r.started[11..13].to_string()),
        ];
        let abandoned = i64::from(r.ending == "abandoned");
        let must_not = i64::from(r.must_not_shown);
        for (dim, key) in keys {
            for (level, period) in [("y", &r.started[..4]), ("m", &r.started[..7])] {
                add(
                    level,
                    dim,
                    period,
                    key.clone(),
                    r.duration_min,
                    abandoned,
                    must_not,
                );
            }
        }
    }
    out
}

fn tallies(conn: &Connection) -> Tallies {
    let mut stmt = conn
        .prepare(
            "SELECT level, dim, period, key, minutes, abandoned, must_not, cases, key_sum
             FROM tallies",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ),
            (r.get(7)?, r.get(8)?),
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn rows_of(path: &Path) -> Vec<LogRow> {
    Log::open(path).unwrap().rows().unwrap()
}

fn tallies_of(path: &Path) -> Tallies {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    tallies(&conn)
}

fn write(path: &Path, rows: &[LogRow]) {
    let mut log = Log::open(path).unwrap();
    for r in rows {
        log.save(r).unwrap();
    }
}

fn random_rows(seed: u64, n: usize) -> Vec<LogRow> {
    let mut rng = Rng(seed);
    (0..n).map(|_| random_row(&mut rng)).collect()
}

#[test]
fn every_save_is_counted_into_its_year_and_month_of_every_grouping() {
    let mut log = Log::in_memory().unwrap();
    assert!(tallies(log.connection()).is_empty());
    let rows = random_rows(1, 400);
    for r in &rows {
        log.save(r).unwrap();
    }
    let found = tallies(log.connection());
    assert_eq!(found, expected(&rows));
    // Twelve rows per case at most (six groupings, a year and a month each), and fewer here:
    // the random cases share keys.
    assert!(found.len() < 12 * rows.len());
    assert!(found.keys().any(|k| k.1 == "week" && k.3 == "2025-W01"));
    assert!(
        found
            .keys()
            .any(|k| k.1 == "outcome" && k.3.ends_with("/-"))
    );
}

#[test]
fn an_export_since_a_day_takes_the_cut_cases_out_of_the_tallies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sager.sqlite3");
    let rows = random_rows(2, 300);
    write(&db, &rows);
    for since in [
        Date::new(2025, 1, 1).unwrap(),
        Date::new(2025, 6, 17).unwrap(),
        Date::new(2026, 12, 31).unwrap(),
        Date::new(2030, 1, 1).unwrap(),
    ] {
        let out = dir.path().join(format!("eksport-{since}.sqlite3"));
        export(&db, &out, Some(since)).unwrap();
        let kept: Vec<LogRow> = rows
            .iter()
            .filter(|r| r.started.as_str() >= since.to_string().as_str())
            .cloned()
            .collect();
        assert_eq!(rows_of(&out).len(), kept.len(), "since {since}");
        assert_eq!(tallies_of(&out), expected(&kept), "since {since}");
    }
    // The source log is never changed by an export.
    assert_eq!(tallies_of(&db), expected(&rows));
}

#[test]
fn collecting_counts_each_new_case_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.sqlite3");
    let b = dir.path().join("b.sqlite3");
    let archive = dir.path().join("arkiv.sqlite3");
    let rows_a = random_rows(3, 200);
    let mut rows_b = random_rows(4, 150);
    // b overlaps a: the same cases exported from two places are one case in the archive.
    rows_b.extend(rows_a[..50].iter().cloned());
    write(&a, &rows_a);
    write(&b, &rows_b);
    collect(&archive, &[a.clone(), b.clone()]).unwrap();
    let mut all = rows_a.clone();
    all.extend(rows_b[..150].iter().cloned());
    assert_eq!(tallies_of(&archive), expected(&all));
    // Collecting the same files again adds no case and changes no count.
    let again = collect(&archive, &[a, b]).unwrap();
    assert!(again.iter().all(|c| c.added == 0));
    assert_eq!(tallies_of(&archive), expected(&all));
    assert_eq!(rows_of(&archive).len(), all.len());
}

/// A file of schema 7 (the last before tallies) holding `rows`, written as that version did.
fn schema_7_file(path: &Path, rows: &[LogRow]) {
    let mut conn = Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..7] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 7).unwrap();
    let tx = conn.transaction().unwrap();
    for r in rows {
        tx.execute(
            "INSERT INTO cases (started, duration_min, site, guide, guide_hash, outcome,
                outcome_kind, path, must_not_shown, ending, app_version, case_id, record_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            rusqlite::params![
                r.started,
                r.duration_min,
                r.site,
                r.guide,
                r.guide_hash,
                r.outcome,
                r.outcome_kind,
                r.path,
                r.must_not_shown,
                r.ending,
                r.app_version,
                r.case_id,
                r.record_key
            ],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

#[test]
fn a_schema_7_file_is_migrated_with_tallies_of_all_its_cases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gammel.sqlite3");
    let mut rows = random_rows(5, 500);
    // Days the `started` CHECK lets through but the calendar does not have (only a program
    // other than vejviser writes them): counted apart, by day, never into a month.
    for (n, day) in ["2026-02-31", "2025-13-01", "2026-04-00", "2026-02-31"]
        .iter()
        .enumerate()
    {
        rows[n].started = format!("{day} 10:00");
    }
    schema_7_file(&path, &rows);
    let mut log = Log::open(&path).unwrap();
    assert_eq!(
        log.connection()
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        MIGRATIONS.len() as i64
    );
    let found = tallies(log.connection());
    assert_eq!(found, expected(&rows));
    assert_eq!(
        found.get(&(
            "x".into(),
            "week".into(),
            "-".into(),
            "2026-02-31".into(),
            0,
            0,
            0
        )),
        Some(&(2, rows[0].record_key + rows[3].record_key))
    );
    // And the triggers take over from there.
    let more = random_rows(6, 50);
    for r in &more {
        log.save(r).unwrap();
    }
    rows.extend(more);
    assert_eq!(tallies(log.connection()), expected(&rows));
    drop(log);
    let out = dir.path().join("eksport.sqlite3");
    export(&path, &out, Some(Date::new(2026, 2, 28).unwrap())).unwrap();
    rows.retain(|r| r.started.as_str() >= "2026-02-28");
    assert_eq!(tallies_of(&out), expected(&rows));
}

#[test]
fn sqlite_and_vejviser_agree_on_every_iso_week() {
    // The triggers name weeks with SQLite's `%G-W%V`; reports of older files with
    // `Date::iso_week`. Every day of 1990–2110, the years with 53 weeks included.
    let conn = Connection::open_in_memory().unwrap();
    let mut stmt = conn
        .prepare(
            "WITH RECURSIVE d(day) AS (SELECT '1990-01-01' UNION ALL
                 SELECT date(day, '+1 day') FROM d WHERE day < '2110-12-31')
             SELECT day, strftime('%G-W%V', day) FROM d",
        )
        .unwrap();
    let mut days = 0;
    let mut rows = stmt.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        let day: String = row.get(0).unwrap();
        let week: String = row.get(1).unwrap();
        let (y, w) = Date::parse(&day).unwrap().iso_week();
        assert_eq!(week, format!("{y}-W{w:02}"), "{day}");
        days += 1;
    }
    assert_eq!(days, 44_194);
}

fn assert_constraint(result: rusqlite::Result<usize>, what: &str) {
    match result {
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation => {}
        other => panic!("{what}: expected a constraint error, got {other:?}"),
    }
}

#[test]
fn the_tallies_refuse_free_text_and_impossible_counts() {
    let log = Log::in_memory().unwrap();
    let conn = log.connection();
    let insert = |level: &str, dim: &str, period: &str, key: &str, numbers: [i64; 5]| {
        conn.execute(
            "INSERT INTO tallies VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                level, dim, period, key, numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]
            ],
        )
    };
    let fine = [7, 0, 1, 1, 4_294_967_295];
    // What the triggers write, for each grouping, is accepted.
    for (level, dim, period, key) in [
        ("y", "guide", "2026", "mitid"),
        ("m", "outcome", "2026-11", "mitid/vejled"),
        ("m", "outcome", "2026-11", "mitid/-"),
        ("y", "kind", "2026", "refuse"),
        ("y", "kind", "2026", "-"),
        ("m", "site", "2026-11", "bibliotek-nord"),
        ("y", "week", "2026", "2026-W48"),
        ("m", "hour", "2026-11", "09"),
        ("x", "week", "-", "2026-02-31"),
    ] {
        insert(level, dim, period, key, fine).unwrap_or_else(|e| panic!("{dim} {key}: {e}"));
    }
    let free_text = [
        "Jens Hansen bor på Vestergade 12",
        "010190-1234",
        "0101901234",
        "33980010",
        "+4533980010",
        "jens@example.dk",
        "Jens",
        "",
    ];
    for dim in ["guide", "outcome", "kind", "site", "week", "hour"] {
        for bad in free_text {
            assert_constraint(
                insert("y", dim, "2026", bad, fine),
                &format!("{dim} key {bad:?}"),
            );
            assert_constraint(
                insert("y", dim, bad, "09", fine),
                &format!("{dim} period {bad:?}"),
            );
        }
    }
    for (level, dim, period, key) in [
        // The outcome key is two identifiers (or `-` for none), nothing else.
        ("y", "outcome", "2026", "mitid"),
        ("y", "outcome", "2026", "mitid/Jens Hansen"),
        ("y", "outcome", "2026", "mitid/vejled/mere"),
        ("y", "outcome", "2026", "/vejled"),
        ("y", "outcome", "2026", "sag-12345/vejled"),
        ("y", "kind", "2026", "henvis"),
        ("y", "week", "2026", "2026-11-23"),
        ("y", "hour", "2026", "9"),
        ("y", "guide", "2026", "faa--mitid"),
        // Levels and periods: a year is a year, a month a month.
        ("y", "guide", "2026-11", "mitid"),
        ("m", "guide", "2026", "mitid"),
        ("d", "guide", "2026-11-23", "mitid"),
        ("x", "guide", "-", "mitid"),
        ("x", "week", "2026", "2026-02-31"),
        ("y", "name", "2026", "mitid"),
    ] {
        assert_constraint(
            insert(level, dim, period, key, fine),
            &format!("{level} {dim} {period} {key}"),
        );
    }
    for numbers in [
        [-1, 0, 0, 1, 0],
        [1441, 0, 0, 1, 0],
        [7, 2, 0, 1, 0],
        [7, 0, 2, 1, 0],
        [7, 0, 0, 0, 0],
        [7, 0, 0, 1, -1],
    ] {
        assert_constraint(
            insert("y", "guide", "2026", "e-boks", numbers),
            &format!("{numbers:?}"),
        );
    }
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM tallies", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 9, "only the good rows went in");
}

#[test]
fn a_case_once_written_is_never_changed() {
    // The tallies count each case as it was written; an UPDATE would leave them behind.
    let mut log = Log::in_memory().unwrap();
    let rows = random_rows(7, 3);
    for r in &rows {
        log.save(r).unwrap();
    }
    let conn = log.connection();
    for sql in [
        "UPDATE cases SET duration_min = 3",
        "UPDATE cases SET guide = 'e-boks' WHERE id = 1",
        "UPDATE cases SET started = '2020-01-01 10:00'",
    ] {
        assert_constraint(conn.execute(sql, []), sql);
    }
    assert_eq!(log.rows().unwrap(), rows);
    assert_eq!(tallies(log.connection()), expected(&rows));
}
