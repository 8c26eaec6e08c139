//! Reports over one or many case logs (`vejviser::report` and `vejviser report`): counts by every
//! grouping, abandon rate, must-not share, median duration, date filters, ISO weeks, several
//! files, small-count suppression that cannot be undone from the totals, and the three formats.
//!
//! The fixture is two logs (two sites) written with `Log::save`, with figures small enough to
//! check by hand; the expected numbers are worked out in the comments.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use vejviser::date::Date;
use vejviser::lang::Lang;
use vejviser::log::schema::MIGRATIONS;
use vejviser::log::{Log, LogRow};
use vejviser::report::{
    Cell, Dimension, Filter, MIN_COUNT, Report, ReportError, build, suppress_table, to_csv,
    to_json, to_table,
};

// ------------------------------------------------------------------------------------- fixture

/// One case: when it started, minutes, site, guide, outcome (id, kind) or abandoned, must-not.
fn case(
    started: &str,
    minutes: i64,
    site: &str,
    guide: &str,
    outcome: Option<(&str, &str)>,
    must_not: bool,
) -> LogRow {
    LogRow {
        started: started.into(),
        duration_min: minutes,
        site: site.into(),
        guide: guide.into(),
        guide_hash: "0123456789abcdef".into(),
        outcome: outcome.map(|(id, _)| id.into()),
        outcome_kind: outcome.map(|(_, kind)| kind.into()),
        path: "hvem/hvad".into(),
        must_not_shown: must_not,
        ending: if outcome.is_some() {
            "finished"
        } else {
            "abandoned"
        }
        .into(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        case_id: String::new(),
        record_key: -1,
    }
}

/// Write `n` copies of each row to a new log at `path` (one transaction, for speed).
fn write_log(path: &Path, rows: &[(usize, LogRow)]) {
    let mut log = Log::open(path).unwrap();
    log.connection().execute_batch("BEGIN").unwrap();
    for (n, row) in rows {
        for _ in 0..*n {
            log.save(&row.with_new_ids().unwrap()).unwrap();
        }
    }
    log.connection().execute_batch("COMMIT").unwrap();
}

const NORD: &str = "bibliotek-nord";
const BORGER: &str = "borgerservice";

/// File a (bibliotek-nord, 20 cases) and file b (borgerservice, 10 cases):
///
/// | # | n | started          | min | guide    | outcome          | must-not |
/// |---|---|------------------|-----|----------|------------------|----------|
/// | 1 | 6 | 2026-11-23 09:00 |   4 | mitid    | afvis (refuse)   | yes      |
/// | 2 | 4 | 2026-11-23 10:00 |  10 | mitid    | vejled (guide)   |          |
/// | 3 | 2 | 2026-11-24 10:00 |   1 | mitid    | abandoned        |          |
/// | 4 | 3 | 2026-11-30 14:00 |   7 | fuldmagt | henvis (refer)   |          |
/// | 5 | 5 | 2026-12-01 09:00 |  12 | e-boks   | goer-det (do)    |          |
/// | 6 | 5 | 2026-11-29 15:00 |  20 | mitid    | vejled (guide)   |   (b)    |
/// | 7 | 1 | 2026-11-30 09:00 |   3 | fuldmagt | abandoned        | yes (b)  |
/// | 8 | 4 | 2027-01-01 10:00 |   6 | e-boks   | goer-det (do)    |   (b)    |
///
/// By guide: mitid 17 (2 abandoned, 6 must-not; minutes 1,1,4×6,10×4,20×5 → median 10),
/// e-boks 9 (12×5, 6×4 → median 12), fuldmagt 4 (1 abandoned, 1 must-not; 3,7,7,7 → lower
/// middle 7). Total 30, 3 abandoned (10 %), 7 must-not (23 %), median 7.
struct Fixture {
    _dir: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
}

impl Fixture {
    fn both(&self) -> Vec<PathBuf> {
        vec![self.a.clone(), self.b.clone()]
    }
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.sqlite3");
    let b = dir.path().join("b.sqlite3");
    write_log(
        &a,
        &[
            (
                6,
                case(
                    "2026-11-23 09:00",
                    4,
                    NORD,
                    "mitid",
                    Some(("afvis", "refuse")),
                    true,
                ),
            ),
            (
                4,
                case(
                    "2026-11-23 10:00",
                    10,
                    NORD,
                    "mitid",
                    Some(("vejled", "guide")),
                    false,
                ),
            ),
            (2, case("2026-11-24 10:00", 1, NORD, "mitid", None, false)),
            (
                3,
                case(
                    "2026-11-30 14:00",
                    7,
                    NORD,
                    "fuldmagt",
                    Some(("henvis", "refer")),
                    false,
                ),
            ),
            (
                5,
                case(
                    "2026-12-01 09:00",
                    12,
                    NORD,
                    "e-boks",
                    Some(("goer-det", "do")),
                    false,
                ),
            ),
        ],
    );
    write_log(
        &b,
        &[
            (
                5,
                case(
                    "2026-11-29 15:00",
                    20,
                    BORGER,
                    "mitid",
                    Some(("vejled", "guide")),
                    false,
                ),
            ),
            (
                1,
                case("2026-11-30 09:00", 3, BORGER, "fuldmagt", None, true),
            ),
            (
                4,
                case(
                    "2027-01-01 10:00",
                    6,
                    BORGER,
                    "e-boks",
                    Some(("goer-det", "do")),
                    false,
                ),
            ),
        ],
    );
    Fixture { _dir: dir, a, b }
}

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

/// (key, cases) in report order.
fn counts(report: &Report) -> Vec<(&str, u64)> {
    report
        .groups
        .iter()
        .map(|g| (g.key.as_str(), g.cases))
        .collect()
}

fn report(files: &[PathBuf], by: Dimension) -> Report {
    build(files, by, Filter::default()).unwrap()
}

// ------------------------------------------------------------------------------ the figures

#[test]
fn by_guide_over_two_files() {
    let f = fixture();
    let r = report(&f.both(), Dimension::Guide);
    assert_eq!(counts(&r), [("mitid", 17), ("e-boks", 9), ("fuldmagt", 4)]);
    let figures: Vec<_> = r
        .groups
        .iter()
        .map(|g| (g.key.as_str(), g.abandoned, g.must_not, g.median_minutes()))
        .collect();
    assert_eq!(
        figures,
        [
            ("mitid", 2, 6, Some(10)),
            ("e-boks", 0, 0, Some(12)),
            ("fuldmagt", 1, 1, Some(7)),
        ]
    );
    assert_eq!(
        (
            r.total.cases,
            r.total.abandoned,
            r.total.must_not,
            r.total.median_minutes()
        ),
        (30, 3, 7, Some(7))
    );
    assert_eq!(r.files, f.both());
}

#[test]
fn several_files_add_up_to_the_sum_of_each() {
    let f = fixture();
    for by in [
        Dimension::Guide,
        Dimension::Outcome,
        Dimension::Kind,
        Dimension::Site,
        Dimension::Week,
        Dimension::Hour,
    ] {
        let mut sum: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
        for file in [&f.a, &f.b] {
            for g in report(std::slice::from_ref(file), by).groups {
                let e = sum.entry(g.key).or_default();
                e.0 += g.cases;
                e.1 += g.abandoned;
                e.2 += g.must_not;
            }
        }
        let both: BTreeMap<String, (u64, u64, u64)> = report(&f.both(), by)
            .groups
            .into_iter()
            .map(|g| (g.key, (g.cases, g.abandoned, g.must_not)))
            .collect();
        assert_eq!(both, sum, "{by:?}");
    }
    // The same file twice counts twice: files are added up, not merged by row.
    let twice = report(&[f.a.clone(), f.a.clone()], Dimension::Site);
    assert_eq!(counts(&twice), [(NORD, 40)]);
}

#[test]
fn by_site_kind_and_outcome() {
    let f = fixture();
    assert_eq!(
        counts(&report(&f.both(), Dimension::Site)),
        [(NORD, 20), (BORGER, 10)]
    );
    // Largest first, ties by key; "-" is an abandoned case (no outcome).
    assert_eq!(
        counts(&report(&f.both(), Dimension::Kind)),
        [
            ("do", 9),
            ("guide", 9),
            ("refuse", 6),
            ("-", 3),
            ("refer", 3)
        ]
    );
    assert_eq!(
        counts(&report(&f.both(), Dimension::Outcome)),
        [
            ("e-boks/goer-det", 9),
            ("mitid/vejled", 9),
            ("mitid/afvis", 6),
            ("fuldmagt/henvis", 3),
            ("mitid/-", 2),
            ("fuldmagt/-", 1),
        ]
    );
}

#[test]
fn by_hour_of_day_in_time_order() {
    let f = fixture();
    // 09: 6 + 5 + 1; 10: 4 + 2 + 4; 14: 3; 15: 5.
    assert_eq!(
        counts(&report(&f.both(), Dimension::Hour)),
        [("09", 12), ("10", 10), ("14", 3), ("15", 5)]
    );
}

#[test]
fn by_iso_week_in_time_order() {
    let f = fixture();
    // Mon 23 Nov – Sun 29 Nov 2026 is week 48; 30 Nov and 1 Dec are week 49; 1 Jan 2027 is a
    // Friday and belongs to week 53 of 2026.
    assert_eq!(
        counts(&report(&f.both(), Dimension::Week)),
        [("2026-U48", 17), ("2026-U49", 9), ("2026-U53", 4)]
    );
}

#[test]
fn since_and_until_include_both_days() {
    let f = fixture();
    let total = |since, until| {
        build(&f.both(), Dimension::Guide, Filter { since, until })
            .unwrap()
            .total
            .cases
    };
    assert_eq!(total(None, None), 30);
    // From 30 Nov: rows 4, 5, 7, 8.
    assert_eq!(total(Some(date(2026, 11, 30)), None), 3 + 5 + 1 + 4);
    // Until 29 Nov, the whole day: rows 1, 2, 3, 6.
    assert_eq!(total(None, Some(date(2026, 11, 29))), 6 + 4 + 2 + 5);
    // 24 Nov – 30 Nov: rows 3, 6, 4, 7.
    assert_eq!(
        total(Some(date(2026, 11, 24)), Some(date(2026, 11, 30))),
        2 + 5 + 3 + 1
    );
    // One day, and a day with nothing.
    assert_eq!(total(Some(date(2027, 1, 1)), Some(date(2027, 1, 1))), 4);
    assert_eq!(total(Some(date(2026, 11, 25)), Some(date(2026, 11, 28))), 0);
    let r = build(
        &f.both(),
        Dimension::Guide,
        Filter {
            since: Some(date(2026, 11, 30)),
            until: None,
        },
    )
    .unwrap();
    assert_eq!(counts(&r), [("e-boks", 9), ("fuldmagt", 4)]);
}

#[test]
fn an_empty_log_gives_an_empty_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tom.sqlite3");
    drop(Log::open(&path).unwrap());
    let r = report(std::slice::from_ref(&path), Dimension::Guide);
    assert!(r.groups.is_empty());
    assert_eq!(r.total.cases, 0);
    assert_eq!(r.total.median_minutes(), None);
    let json: Value = serde_json::from_str(&to_json(&r, false)).unwrap();
    assert_eq!(json["total"]["cases"], 0);
    assert!(to_table(&r, Lang::Da, false).contains("I alt"));
}

// ---------------------------------------------------------------------------- suppression

#[test]
fn small_counts_are_shown_as_under_five_and_cannot_be_subtracted_out() {
    let f = fixture();
    let r = report(&f.both(), Dimension::Guide);
    let json: Value = serde_json::from_str(&to_json(&r, false)).unwrap();
    assert_eq!(json["suppression"], MIN_COUNT);
    let groups = json["groups"].as_array().unwrap();
    // fuldmagt (4) is hidden; alone, 30 − 17 would give it away, so e-boks (9) is hidden too.
    // Hidden rows come after the shown ones, by key, so their order says nothing either.
    let shown: Vec<(&str, &Value, bool)> = groups
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap(),
                &g["cases"],
                g["suppressed"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("mitid", &Value::from(17), false),
            ("e-boks", &Value::Null, true),
            ("fuldmagt", &Value::Null, true),
        ]
    );
    for g in &groups[1..] {
        for figure in ["abandoned_percent", "must_not_percent", "median_minutes"] {
            assert_eq!(g[figure], Value::Null, "{figure} of a hidden group");
        }
    }
    assert_eq!(json["total"]["cases"], 30);
    assert_eq!(json["groups"][0]["abandoned_percent"], 12);
    assert_eq!(json["groups"][0]["must_not_percent"], 35);
    assert_eq!(json["groups"][0]["median_minutes"], 10);
    assert_eq!(json["total"]["abandoned_percent"], 10);
    assert_eq!(json["total"]["must_not_percent"], 23);
    assert_eq!(json["total"]["median_minutes"], 7);

    // 30 − 17 = 13 for the two hidden groups: 4 + 9, 3 + 10, 2 + 11, 1 + 12 all fit.
    let table = to_table(&r, Lang::Da, false);
    assert!(table.contains("<5"), "{table}");
    assert!(table.contains("≥5"), "{table}");
    assert!(!table.contains(" 4 "), "{table}");
    assert!(!table.contains(" 9 "), "{table}");
}

#[test]
fn no_suppress_shows_every_count() {
    let f = fixture();
    let r = report(&f.both(), Dimension::Guide);
    let json: Value = serde_json::from_str(&to_json(&r, true)).unwrap();
    assert_eq!(json["suppression"], Value::Null);
    let shown: Vec<(&str, u64, u64)> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap(),
                g["cases"].as_u64().unwrap(),
                g["median_minutes"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [("mitid", 17, 10), ("e-boks", 9, 12), ("fuldmagt", 4, 7)]
    );
    assert_eq!(json["groups"][2]["abandoned_percent"], 25);
    assert!(
        json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["suppressed"] == false)
    );
    let table = to_table(&r, Lang::En, true);
    assert!(!table.contains("<5"), "{table}");
    assert!(!table.contains("≥5"), "{table}");
}

#[test]
fn suppression_in_every_grouping_of_the_fixture() {
    let f = fixture();
    let cells = |by| -> Vec<(String, Option<u64>)> {
        let json: Value = serde_json::from_str(&to_json(&report(&f.both(), by), false)).unwrap();
        json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| (g["key"].as_str().unwrap().to_string(), g["cases"].as_u64()))
            .collect()
    };
    let own = |v: &[(&str, Option<u64>)]| -> Vec<(String, Option<u64>)> {
        v.iter().map(|(k, c)| (k.to_string(), *c)).collect()
    };
    // Two small ones (3 + 3 = 6: 2 + 4, 3 + 3, 4 + 2) protect each other.
    assert_eq!(
        cells(Dimension::Kind),
        own(&[
            ("do", Some(9)),
            ("guide", Some(9)),
            ("refuse", Some(6)),
            ("-", None),
            ("refer", None),
        ])
    );
    // Hours stay in time order; 14:00 (3) takes the smallest other, 15:00 (5), with it.
    assert_eq!(
        cells(Dimension::Hour),
        own(&[
            ("09", Some(12)),
            ("10", Some(10)),
            ("14", None),
            ("15", None)
        ])
    );
    assert_eq!(
        cells(Dimension::Week),
        own(&[
            ("2026-U48", Some(17)),
            ("2026-U49", None),
            ("2026-U53", None)
        ])
    );
    assert_eq!(
        cells(Dimension::Site),
        own(&[(NORD, Some(20)), (BORGER, Some(10))])
    );
}

/// What a reader who knows the rule can conclude about each hidden count: every value it could
/// have, given the shown counts, the total, "<5" = 1–4 and "≥5" = 5 up to the smallest shown
/// count. Worked out by brute force over subset sums, independently of `suppress`'s arithmetic.
fn possible_values(counts: &[u64], cells: &[Cell], total: u64) -> Vec<Vec<u64>> {
    let shown_sum: u64 = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Shown(n) => Some(*n),
            Cell::Hidden => None,
        })
        .sum();
    let hidden_sum = total - shown_sum;
    let smallest_shown = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Shown(n) if *n > 0 => Some(*n),
            _ => None,
        })
        .min()
        .unwrap_or(hidden_sum);
    let range = |i: usize| -> Vec<u64> {
        if counts[i] < MIN_COUNT {
            (1..MIN_COUNT).collect()
        } else {
            (MIN_COUNT..=smallest_shown.min(hidden_sum)).collect()
        }
    };
    let hidden: Vec<usize> = (0..counts.len())
        .filter(|&i| cells[i] == Cell::Hidden)
        .collect();
    hidden
        .iter()
        .map(|&i| {
            // Sums the other hidden counts can make.
            let mut reach = vec![false; hidden_sum as usize + 1];
            reach[0] = true;
            for &j in hidden.iter().filter(|&&j| j != i) {
                let mut next = vec![false; reach.len()];
                for (s, _) in reach.iter().enumerate().filter(|(_, r)| **r) {
                    for v in range(j) {
                        if let Some(slot) = next.get_mut(s + v as usize) {
                            *slot = true;
                        }
                    }
                }
                reach = next;
            }
            range(i)
                .into_iter()
                .filter(|&v| v <= hidden_sum && reach[(hidden_sum - v) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn no_hidden_count_can_be_worked_out_in_any_small_table() {
    // Every table of one to four groups with these counts (10,000 tables and their orders).
    let values = [1u64, 2, 3, 4, 5, 6, 7, 9, 12, 30];
    let mut tables = 0;
    for len in 1..=4u32 {
        for n in 0..values.len().pow(len) {
            let counts: Vec<u64> = (0..len)
                .map(|k| values[n / values.len().pow(k) % values.len()])
                .collect();
            let (cells, total_cell) = suppress_table(&counts);
            let total: u64 = counts.iter().sum();
            for (c, cell) in counts.iter().zip(&cells) {
                match cell {
                    Cell::Shown(n) => {
                        assert_eq!(n, c);
                        assert!(*n >= MIN_COUNT, "{counts:?}: {n} shown");
                    }
                    Cell::Hidden => {}
                }
            }
            match total_cell {
                Cell::Shown(t) => {
                    assert_eq!(t, total);
                    for (i, possible) in possible_values(&counts, &cells, total).iter().enumerate()
                    {
                        assert!(
                            possible.len() >= 2,
                            "{counts:?} → {cells:?}: hidden cell {i} can only be {possible:?}"
                        );
                    }
                }
                // Without the total nothing adds up to anything; only allowed when needed.
                Cell::Hidden => assert!(
                    total < MIN_COUNT || cells.iter().all(|c| *c == Cell::Hidden),
                    "{counts:?}: total hidden needlessly"
                ),
            }
            tables += 1;
        }
    }
    assert_eq!(tables, 10 + 100 + 1_000 + 10_000);
}

#[test]
fn the_old_rule_of_one_extra_cell_was_not_enough() {
    // Kept as examples: each of these could be worked out with "hide one more if only one is
    // hidden", and must not be now.
    for counts in [&[1, 1, 30][..], &[3, 5, 5, 30], &[4, 4, 30], &[1, 2, 30]] {
        let (cells, total) = suppress_table(counts);
        assert!(matches!(total, Cell::Shown(_)));
        for possible in possible_values(counts, &cells, counts.iter().sum()) {
            assert!(possible.len() >= 2, "{counts:?} → {cells:?}");
        }
    }
}

#[test]
fn hidden_rows_do_not_give_their_size_away_by_their_place() {
    // 30, 2, 1 in count order would say the first hidden is the 2 (they add up to 3).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    write_log(
        &path,
        &[
            (
                30,
                case(
                    "2026-11-23 09:00",
                    5,
                    NORD,
                    "b-stor",
                    Some(("x", "do")),
                    false,
                ),
            ),
            (
                2,
                case(
                    "2026-11-23 09:00",
                    5,
                    NORD,
                    "c-to",
                    Some(("x", "do")),
                    false,
                ),
            ),
            (
                1,
                case(
                    "2026-11-23 09:00",
                    5,
                    NORD,
                    "a-en",
                    Some(("x", "do")),
                    false,
                ),
            ),
        ],
    );
    let r = report(std::slice::from_ref(&path), Dimension::Guide);
    assert_eq!(counts(&r), [("b-stor", 30), ("c-to", 2), ("a-en", 1)]);
    let json: Value = serde_json::from_str(&to_json(&r, false)).unwrap();
    let keys: Vec<&str> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["b-stor", "a-en", "c-to"], "hidden rows by key");
}

#[test]
fn a_tiny_total_is_hidden_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    write_log(
        &path,
        &[(3, case("2026-11-23 09:00", 5, NORD, "mitid", None, true))],
    );
    let r = report(std::slice::from_ref(&path), Dimension::Guide);
    let json: Value = serde_json::from_str(&to_json(&r, false)).unwrap();
    assert_eq!(json["total"]["cases"], Value::Null);
    assert_eq!(json["total"]["abandoned_percent"], Value::Null);
    assert_eq!(json["total"]["median_minutes"], Value::Null);
    let csv = to_csv(&r, false);
    assert!(csv.ends_with("total;<5;;;\n"), "{csv}");
}

// ---------------------------------------------------------------------------------- formats

/// A minimal CSV reader for `;`-separated text with `"`-quoted fields (RFC 4180 rules).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (';', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quote");
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[test]
fn csv_has_a_byte_order_mark_semicolons_and_the_json_numbers() {
    let f = fixture();
    for by in [Dimension::Guide, Dimension::Hour, Dimension::Kind] {
        for no_suppress in [false, true] {
            let r = report(&f.both(), by);
            let csv = to_csv(&r, no_suppress);
            assert!(csv.starts_with('\u{feff}'), "no BOM");
            assert!(csv.as_bytes().starts_with(&[0xef, 0xbb, 0xbf]));
            let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
            assert_eq!(
                rows[0],
                [
                    by.code(),
                    "cases",
                    "abandoned_percent",
                    "must_not_percent",
                    "median_minutes"
                ]
            );
            assert!(rows.iter().all(|r| r.len() == 5), "{rows:?}");
            let json: Value = serde_json::from_str(&to_json(&r, no_suppress)).unwrap();
            let mut entries: Vec<&Value> = json["groups"].as_array().unwrap().iter().collect();
            entries.push(&json["total"]);
            assert_eq!(rows.len() - 1, entries.len());
            for (row, entry) in rows[1..].iter().zip(entries) {
                assert_eq!(row[0], entry["key"].as_str().unwrap());
                let number = |v: &Value| v.as_u64().map_or_else(String::new, |n| n.to_string());
                match entry["cases"].as_u64() {
                    Some(n) => assert_eq!(row[1], n.to_string()),
                    None => assert!(row[1] == "<5" || row[1] == "≥5", "{row:?}"),
                }
                assert_eq!(row[2], number(&entry["abandoned_percent"]));
                assert_eq!(row[3], number(&entry["must_not_percent"]));
                assert_eq!(row[4], number(&entry["median_minutes"]));
            }
        }
    }
}

#[test]
fn the_csv_reader_used_here_handles_quotes() {
    let rows = parse_csv("a;\"b;c\";\"say \"\"hi\"\"\"\r\n1;2;3\n");
    assert_eq!(rows, [vec!["a", "b;c", "say \"hi\""], vec!["1", "2", "3"]]);
}

#[test]
fn the_table_in_danish_and_english() {
    let f = fixture();
    let r = report(&f.both(), Dimension::Guide);
    insta::assert_snapshot!("by_guide_da", to_table(&r, Lang::Da, false));
    let r = build(
        &f.both(),
        Dimension::Week,
        Filter {
            since: Some(date(2026, 11, 24)),
            until: Some(date(2026, 12, 31)),
        },
    )
    .unwrap();
    insta::assert_snapshot!("by_week_en_no_suppress", to_table(&r, Lang::En, true));
}

// ------------------------------------------------------------------------- files and errors

#[test]
fn a_report_never_changes_the_files_it_reads() {
    let f = fixture();
    let before: Vec<Vec<u8>> = f.both().iter().map(|p| std::fs::read(p).unwrap()).collect();
    for by in [Dimension::Guide, Dimension::Week] {
        report(&f.both(), by);
    }
    let after: Vec<Vec<u8>> = f.both().iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(before == after, "a report changed a log file");
}

#[test]
fn a_log_of_an_older_schema_is_read_without_upgrading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gammel.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO cases (started, duration_min, site, guide, guide_hash, outcome,
                outcome_kind, path, must_not_shown, ending, app_version)
             VALUES ('2026-11-23 09:00', 5, 'sted', 'mitid', '0123456789abcdef', 'x', 'do',
                     'hvem', 0, 'finished', '0.1.0'),
                    ('2026-11-23 10:00', 7, 'sted', 'mitid', '0123456789abcdef', NULL, NULL,
                     'hvem', 1, 'abandoned', '0.1.0');",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let r = build(
        std::slice::from_ref(&path),
        Dimension::Guide,
        Filter {
            since: Some(date(2026, 11, 23)),
            until: Some(date(2026, 11, 23)),
        },
    )
    .unwrap();
    assert_eq!(counts(&r), [("mitid", 2)]);
    assert_eq!((r.total.abandoned, r.total.must_not), (1, 1));
    assert!(std::fs::read(&path).unwrap() == before);
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
}

#[test]
fn missing_newer_and_foreign_files_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("findes-ikke.sqlite3");
    match build(
        std::slice::from_ref(&missing),
        Dimension::Guide,
        Filter::default(),
    ) {
        Err(ReportError::Missing { path }) => assert_eq!(path, missing.display().to_string()),
        other => panic!("{other:?}"),
    }
    assert!(!missing.exists(), "a report must not create the file");

    let newer = dir.path().join("ny.sqlite3");
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = build(
        std::slice::from_ref(&newer),
        Dimension::Guide,
        Filter::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, ReportError::TooNew { found: 99, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("ny.sqlite3"));

    let text = dir.path().join("noter.sqlite3");
    std::fs::write(&text, "Ikke en database, bare noter.\n".repeat(50)).unwrap();
    let err = build(
        std::slice::from_ref(&text),
        Dimension::Guide,
        Filter::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("noter.sqlite3"), "{err}");
}

// ------------------------------------------------------------------------------ the command

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn vejviser(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn cli_report_by_site_as_json_over_two_files() {
    let f = fixture();
    let run = vejviser(&[
        "report",
        path_str(&f.a),
        path_str(&f.b),
        "--by",
        "site",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["by"], "site");
    assert_eq!(json["files"].as_array().unwrap().len(), 2);
    let sites: Vec<(&str, u64)> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["key"].as_str().unwrap(), g["cases"].as_u64().unwrap()))
        .collect();
    assert_eq!(sites, [(NORD, 20), (BORGER, 10)]);
    assert_eq!(json["total"]["cases"], 30);
}

#[test]
fn cli_report_with_dates_as_csv_and_as_a_table() {
    let f = fixture();
    let run = vejviser(&[
        "report",
        path_str(&f.a),
        path_str(&f.b),
        "--since",
        "2026-11-30",
        "--format",
        "csv",
        "--no-suppress",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let rows = parse_csv(run.stdout.trim_start_matches('\u{feff}'));
    assert_eq!(
        rows,
        [
            vec![
                "guide",
                "cases",
                "abandoned_percent",
                "must_not_percent",
                "median_minutes"
            ],
            vec!["e-boks", "9", "0", "0", "12"],
            vec!["fuldmagt", "4", "25", "25", "7"],
            vec!["total", "13", "8", "8", "7"],
        ]
    );

    let run = vejviser(&["report", path_str(&f.a), path_str(&f.b), "--by", "hour"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("Sager efter time"), "{}", run.stdout);
    assert!(run.stdout.contains("09:00"));
    assert!(run.stdout.contains("<5"));
    assert!(run.stdout.contains('█'));
}

#[test]
fn cli_report_of_a_missing_file_fails_naming_it() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("kontor-3.sqlite3");
    let run = vejviser(&["report", path_str(&f.a), path_str(&missing)]);
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains(path_str(&missing)), "{}", run.stderr);
    assert!(!missing.exists());
}

#[test]
fn cli_report_refuses_a_bad_date() {
    let f = fixture();
    let run = vejviser(&["report", path_str(&f.a), "--since", "30-11-2026"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
}

#[test]
fn cli_report_to_a_file_keeps_utf8_and_the_byte_order_mark() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rapport æøå.csv");
    let run = vejviser(&[
        "report",
        path_str(&f.a),
        "--format",
        "csv",
        "--output",
        path_str(&file),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("Rapporten er gemt i"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("cases;"),
        "the report goes to the file, not the screen"
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte order mark for Excel"
    );
    let text = String::from_utf8(bytes).unwrap();
    let on_screen = vejviser(&["report", path_str(&f.a), "--format", "csv"]);
    assert_eq!(
        text, on_screen.stdout,
        "the file holds what the screen would show"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn cli_report_to_a_folder_that_does_not_exist_fails_naming_it() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("findes-ikke").join("rapport.csv");
    let run = vejviser(&["report", path_str(&f.a), "-o", path_str(&file)]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("findes-ikke"), "{}", run.stderr);
}
