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
    Count, Dimension, Filter, MIN_COUNT, Published, Report, ReportError, build, to_csv, to_json,
    to_table,
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

/// A fixed stand-in for the OS's randomness, so the shared figures (and snapshots) of the
/// fixture are the same on every run: SplitMix64.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Write `n` copies of each row to a new log at `path` (one transaction, for speed). Each case
/// gets its own id and record key, drawn from the file's name so that reruns agree.
fn write_log(path: &Path, rows: &[(usize, LogRow)]) {
    let seed = path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .bytes()
        .fold(0u64, |h, b| mix(h ^ u64::from(b)));
    let mut log = Log::open(path).unwrap();
    log.connection().execute_batch("BEGIN").unwrap();
    let mut n_case = 0u64;
    for (n, row) in rows {
        for _ in 0..*n {
            n_case += 1;
            let draw = mix(seed ^ n_case);
            let mut row = row.clone();
            row.case_id = format!("{draw:016x}{:016x}", mix(draw));
            row.record_key = (draw >> 32) as i64;
            log.save(&row).unwrap();
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

/// The report as shared (perturbed and rounded) or exact.
fn shared(report: &Report) -> Published {
    report.publish(false)
}

fn exact(report: &Report) -> Published {
    report.publish(true)
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
        [("2026-W48", 17), ("2026-W49", 9), ("2026-W53", 4)]
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
    let json: Value = serde_json::from_str(&to_json(&shared(&r), Lang::Da)).unwrap();
    assert_eq!(json["total"]["cases"], 0);
    assert!(to_table(&shared(&r), Lang::Da).contains("I alt"));
}

// ---------------------------------------------------------------------------- suppression

#[test]
fn shared_counts_are_rounded_near_the_truth_and_small_ones_hidden() {
    let f = fixture();
    let r = report(&f.both(), Dimension::Guide);
    let p = shared(&r);
    let json: Value = serde_json::from_str(&to_json(&p, Lang::Da)).unwrap();
    assert_eq!(
        json["warning"],
        Value::Null,
        "a shared report carries no warning"
    );
    assert_eq!(json["method"]["name"], "cell-key-rounding");
    assert_eq!(json["method"]["min_count"], MIN_COUNT);
    let truth: BTreeMap<&str, u64> = counts(&r).into_iter().collect();
    for row in p.rows.iter().chain([&p.total]) {
        let true_count = if row.key == "total" {
            r.total.cases
        } else {
            truth[row.key.as_str()]
        };
        match row.cases {
            // Perturbed by at most 4 and rounded to 5: within 6 of the truth, never below 5.
            Count::Shown(n) => {
                assert_eq!(n % 5, 0, "{row:?}");
                assert!(
                    n >= 5 && n.abs_diff(true_count) <= 6,
                    "{row:?} vs {true_count}"
                );
            }
            Count::Small => assert!((1..5).contains(&true_count), "{row:?}"),
        }
    }
    // fuldmagt (4) is "<5"; the shown rows come first, the hidden one last.
    let fuldmagt = p.rows.last().unwrap();
    assert_eq!(
        (fuldmagt.key.as_str(), fuldmagt.cases),
        ("fuldmagt", Count::Small)
    );
    // Rates only for rows of at least 20, medians for at least 10: never for a hidden row.
    for row in &p.rows {
        let n = row.cases.shown().unwrap_or(0);
        if n < 20 {
            assert_eq!(
                (row.abandoned_percent, row.must_not_percent),
                (None, None),
                "{row:?}"
            );
        }
        if n < 10 {
            assert_eq!(row.median_minutes, None, "{row:?}");
        }
    }
    let table = to_table(&p, Lang::Da);
    assert!(table.contains("<5"), "{table}");
    assert!(table.contains("cellenøglemetoden"), "{table}");
    assert!(!table.contains(" 4 "), "{table}");
    // Asking again, or with the files the other way round, gives the very same figures.
    let again = shared(&report(&[f.b.clone(), f.a.clone()], Dimension::Guide));
    assert_eq!(again.rows, p.rows);
    assert_eq!(again.total, p.total);
}

#[test]
fn exact_shows_every_count_and_says_first_that_it_must_not_be_shared() {
    let f = fixture();
    let r = report(&f.both(), Dimension::Guide);
    let json: Value = serde_json::from_str(&to_json(&exact(&r), Lang::En)).unwrap();
    assert_eq!(json["method"]["name"], "exact");
    assert!(
        json["warning"]
            .as_str()
            .unwrap()
            .contains("must not be shared")
    );
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
    assert_eq!(json["total"]["cases"], 30);
    assert_eq!(json["total"]["abandoned_percent"], 10);
    assert_eq!(json["total"]["must_not_percent"], 23);
    assert_eq!(json["total"]["median_minutes"], 7);
    for lang in [Lang::Da, Lang::En] {
        let table = to_table(&exact(&r), lang);
        let first = table.lines().next().unwrap();
        assert!(
            first.contains(lang.pick("må ikke deles", "must not be shared")),
            "{table}"
        );
        assert!(!table.contains("<5"), "{table}");
        let csv = to_csv(&exact(&r), lang);
        let first = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
        assert!(
            first.contains(lang.pick("må ikke deles", "must not be shared")),
            "{csv}"
        );
        let json = to_json(&exact(&r), lang);
        let first_field = json.lines().nth(1).unwrap();
        assert!(
            first_field.trim_start().starts_with("\"warning\""),
            "{json}"
        );
    }
    // Shared output never carries the warning.
    assert!(!to_table(&shared(&r), Lang::Da).contains("FORTROLIGT"));
}

#[test]
fn the_same_cases_get_the_same_figure_in_every_grouping() {
    let f = fixture();
    // The total is the same set of cases whatever the grouping: the same figure every time.
    let totals: Vec<Count> = [
        Dimension::Guide,
        Dimension::Outcome,
        Dimension::Kind,
        Dimension::Site,
        Dimension::Week,
        Dimension::Hour,
    ]
    .into_iter()
    .map(|by| shared(&report(&f.both(), by)).total.cases)
    .collect();
    assert!(totals.iter().all(|t| *t == totals[0]), "{totals:?}");
    // A site's cases are one file's: by site over both files = total of that file alone.
    let by_site = shared(&report(&f.both(), Dimension::Site));
    let nord = by_site.rows.iter().find(|r| r.key == NORD).unwrap();
    assert_eq!(
        nord.cases,
        shared(&report(std::slice::from_ref(&f.a), Dimension::Guide))
            .total
            .cases
    );
    // Abandoned cases by kind = the total's abandoned cases: the same cell.
    let kinds = exact(&report(&f.both(), Dimension::Kind));
    assert!(kinds.rows.iter().any(|r| r.key == "-"));
    let weeks = shared(&report(&f.both(), Dimension::Week));
    let keys: Vec<&str> = weeks.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        ["2026-W48", "2026-W49", "2026-W53"],
        "ISO weeks in time order"
    );
}

#[test]
fn hidden_rows_do_not_give_their_size_away_by_their_place() {
    // 30, 2, 1 in count order would say which hidden row is the larger.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let one = |guide: &str| case("2026-11-23 09:00", 5, NORD, guide, Some(("x", "do")), false);
    write_log(
        &path,
        &[(30, one("b-stor")), (2, one("c-to")), (1, one("a-en"))],
    );
    let r = report(std::slice::from_ref(&path), Dimension::Guide);
    assert_eq!(counts(&r), [("b-stor", 30), ("c-to", 2), ("a-en", 1)]);
    let keys: Vec<String> = shared(&r).rows.into_iter().map(|g| g.key).collect();
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
    let p = shared(&report(std::slice::from_ref(&path), Dimension::Guide));
    let json: Value = serde_json::from_str(&to_json(&p, Lang::En)).unwrap();
    assert_eq!(json["total"]["cases"], Value::Null);
    assert_eq!(json["total"]["hidden"], "<5");
    assert_eq!(json["total"]["abandoned_percent"], Value::Null);
    assert_eq!(json["total"]["median_minutes"], Value::Null);
    let csv = to_csv(&p, Lang::En);
    assert!(csv.ends_with("\nTotal;<5;;;\n"), "{csv}");
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
    for by in [
        Dimension::Guide,
        Dimension::Hour,
        Dimension::Kind,
        Dimension::Week,
    ] {
        for is_exact in [false, true] {
            for lang in [Lang::Da, Lang::En] {
                let p = report(&f.both(), by).publish(is_exact);
                let csv = to_csv(&p, lang);
                assert!(csv.as_bytes().starts_with(&[0xef, 0xbb, 0xbf]), "no BOM");
                let mut rows = parse_csv(csv.trim_start_matches('\u{feff}'));
                if is_exact {
                    rows.remove(0);
                }
                let header = match lang {
                    Lang::Da => vec![
                        match by {
                            Dimension::Guide => "guide",
                            Dimension::Hour => "time",
                            Dimension::Kind => "udfaldstype",
                            _ => "uge",
                        },
                        "sager",
                        "afbrudt_procent",
                        "maa_ikke_procent",
                        "median_minutter",
                    ],
                    Lang::En => vec![
                        by.code(),
                        "cases",
                        "abandoned_percent",
                        "must_not_percent",
                        "median_minutes",
                    ],
                };
                assert_eq!(rows[0], header);
                // The total after an empty line, so a pivot table over the rows leaves it out.
                let n = rows.len();
                assert_eq!(rows[n - 2], [""], "{rows:?}");
                assert_eq!(rows[n - 1][0], lang.pick("I alt", "Total"));
                rows.remove(n - 2);
                assert!(rows.iter().all(|r| r.len() == 5), "{rows:?}");
                let json: Value = serde_json::from_str(&to_json(&p, lang)).unwrap();
                let mut entries: Vec<&Value> = json["groups"].as_array().unwrap().iter().collect();
                entries.push(&json["total"]);
                assert_eq!(rows.len() - 1, entries.len());
                for (row, entry) in rows[1..].iter().zip(&entries) {
                    if entry["key"] != "total" {
                        assert_eq!(row[0], entry["key"].as_str().unwrap());
                    }
                    let number = |v: &Value| v.as_u64().map_or_else(String::new, |n| n.to_string());
                    match entry["cases"].as_u64() {
                        Some(n) => assert_eq!(row[1], n.to_string()),
                        None => assert_eq!(row[1], entry["hidden"].as_str().unwrap()),
                    }
                    assert_eq!(row[2], number(&entry["abandoned_percent"]));
                    assert_eq!(row[3], number(&entry["must_not_percent"]));
                    assert_eq!(row[4], number(&entry["median_minutes"]));
                }
                if by == Dimension::Week {
                    assert_eq!(rows[1][0], "2026-W48", "ISO weeks as 2026-W48");
                }
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
    insta::assert_snapshot!("by_guide_da", to_table(&shared(&r), Lang::Da));
    let r = build(
        &f.both(),
        Dimension::Week,
        Filter {
            since: Some(date(2026, 11, 24)),
            until: Some(date(2026, 12, 31)),
        },
    )
    .unwrap();
    insta::assert_snapshot!("by_week_en_exact", to_table(&exact(&r), Lang::En));
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
    assert_eq!(json["sources"].as_array().unwrap().len(), 2);
    let sites: Vec<(&str, u64)> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["key"].as_str().unwrap(), g["cases"].as_u64().unwrap()))
        .collect();
    // Shared figures: rounded to 5 and within 6 of the truth (20 and 10, 30 in all).
    assert_eq!(
        sites.iter().map(|s| s.0).collect::<Vec<_>>(),
        [NORD, BORGER]
    );
    for ((_, shown), truth) in sites.iter().zip([20u64, 10]) {
        assert!(
            shown.is_multiple_of(5) && shown.abs_diff(truth) <= 6,
            "{sites:?}"
        );
    }
    let total = json["total"]["cases"].as_u64().unwrap();
    assert!(
        total.is_multiple_of(5) && total.abs_diff(30) <= 6,
        "{total}"
    );
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
        "--lang",
        "en",
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // `--no-suppress` is the old name of `--exact`.
    let rows = parse_csv(run.stdout.trim_start_matches('\u{feff}'));
    assert!(rows[0][0].contains("must not be shared"), "{rows:?}");
    assert_eq!(
        rows[1..],
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
            vec![""],
            vec!["Total", "13", "8", "8", "7"],
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
        !run.stdout.contains("sager;"),
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

// ------------------------------------------------------------------------------- JSON schema

fn report_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/report.schema.json");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let index = compiler
        .compile(path.to_str().unwrap(), &mut schemas)
        .unwrap_or_else(|e| panic!("assets/report.schema.json: {e:#}"));
    (schemas, index)
}

#[test]
fn json_output_matches_the_published_schema_in_every_grouping_and_mode() {
    let (schemas, index) = report_schema();
    let f = fixture();
    let mut hidden_seen = false;
    for by in [
        Dimension::Guide,
        Dimension::Outcome,
        Dimension::Kind,
        Dimension::Site,
        Dimension::Week,
        Dimension::Hour,
    ] {
        for is_exact in [false, true] {
            for lang in [Lang::Da, Lang::En] {
                let filter = Filter {
                    since: Some(date(2026, 11, 23)),
                    until: None,
                };
                let p = build(&f.both(), by, filter).unwrap().publish(is_exact);
                let json: Value = serde_json::from_str(&to_json(&p, lang)).unwrap();
                if let Err(e) = schemas.validate(&json, index) {
                    panic!("{by:?} exact={is_exact}: {e:#}\n{json:#}");
                }
                hidden_seen |= json["groups"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|g| g["hidden"] == "<5");
            }
        }
    }
    assert!(
        hidden_seen,
        "the fixture has hidden groups, so `hidden` is tried"
    );
    // The schema is not a rubber stamp: a hidden group that still shows a rate is refused, as
    // is a count together with `hidden`, an unknown grouping and a week written another way.
    let p = shared(&report(&f.both(), Dimension::Guide));
    let good: Value = serde_json::from_str(&to_json(&p, Lang::Da)).unwrap();
    let last = good["groups"].as_array().unwrap().len() - 1;
    let spoil: [&dyn Fn(&mut Value); 4] = [
        &|j| j["groups"][last]["abandoned_percent"] = Value::from(50),
        &|j| j["groups"][last]["cases"] = Value::from(4),
        &|j| j["by"] = Value::from("name"),
        &|j| j["since"] = Value::from("23-11-2026"),
    ];
    for (n, spoil) in spoil.iter().enumerate() {
        let mut bad = good.clone();
        spoil(&mut bad);
        assert!(
            schemas.validate(&bad, index).is_err(),
            "spoiled output {n} passed"
        );
    }
}

#[test]
fn every_grouping_reads_its_own_covering_index_in_order() {
    // With or without dates: one index scan, no table lookups, no sort for the GROUP BY.
    let log = Log::in_memory().unwrap();
    let conn = log.connection();
    for (by, index) in [
        (Dimension::Guide, "cases_report_by_guide"),
        (Dimension::Outcome, "cases_report_by_guide"),
        (Dimension::Kind, "cases_report_by_kind"),
        (Dimension::Site, "cases_report_by_site"),
        (Dimension::Week, "cases_report_by_day"),
        (Dimension::Hour, "cases_report_by_hour"),
    ] {
        for bounds in [
            &[][..],
            &["+started >= '2026-03-01'", "+started <= '2026-03-31 99'"][..],
        ] {
            let sql = vejviser::report::report_sql(by, bounds, true);
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let plan: Vec<String> = stmt
                .query_map([], |r| r.get(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(
                plan,
                [format!("SCAN cases USING COVERING INDEX {index}")],
                "{by:?} {bounds:?}"
            );
        }
    }
}
