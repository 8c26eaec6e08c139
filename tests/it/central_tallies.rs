//! The server's report roll-up (schemas 2 and 3, `vejviser.tallies` spread over slots): a report read from it equals
//! the same report counted from every case, for random cases, random date filters and every
//! grouping; it follows inserts (shipped batches, duplicates skipped), deletes, updates and
//! TRUNCATE; an older server's cases are backfilled; and a server whose old cases are not all
//! real dates is counted from the cases instead.

use crate::common;

use std::collections::BTreeMap;

use common::pg::{ADMIN, ADMIN_PASSWORD, Cluster};
use vejviser::central::Target;
use vejviser::central::report::{Counting, rows, rows_by};
use vejviser::central::schema::MIGRATIONS;
use vejviser::central::ship::Session;
use vejviser::date::Date;
use vejviser::log::LogRow;
use vejviser::report::{CellRow, Dimension, Filter};

const DIMENSIONS: [Dimension; 6] = [
    Dimension::Guide,
    Dimension::Outcome,
    Dimension::Kind,
    Dimension::Site,
    Dimension::Week,
    Dimension::Hour,
];

/// SplitMix64: the same "random" cases on every run, so a failure can be looked at again.
struct Random(u64);

impl Random {
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

    /// A real date in 2023..=2026 (a leap day included now and then).
    fn date(&mut self) -> Date {
        loop {
            let year = 2023 + self.below(4) as i32;
            let month = 1 + self.below(12) as u32;
            // Month edges are where the roll-up and the cases meet: pick them often.
            let day = match self.below(4) {
                0 => 1,
                1 => 28 + self.below(4) as u32,
                _ => 1 + self.below(31) as u32,
            };
            if let Some(d) = Date::new(year, month, day) {
                return d;
            }
        }
    }
}

fn random_case(r: &mut Random, n: u64) -> LogRow {
    let abandoned = r.below(5) == 0;
    let day = r.date();
    LogRow {
        case_id: format!("{:016x}{n:016x}", r.next()),
        record_key: r.below(4_294_967_296) as i64,
        started: format!("{day} {:02}:00", r.below(24)),
        duration_min: r.below(12) as i64,
        site: format!("kasse-{}", r.below(3)),
        guide: format!("guide-{}", r.below(4)),
        guide_hash: String::from("0123456789abcdef"),
        outcome: (!abandoned).then(|| format!("udfald-{}", r.below(3))),
        outcome_kind: (!abandoned)
            .then(|| ["guide", "do", "refer", "refuse"][r.below(4) as usize].into()),
        path: String::from("start/trin-2"),
        must_not_shown: r.below(6) == 0,
        ending: String::from(if abandoned { "abandoned" } else { "finished" }),
        app_version: String::from("0.1.0"),
    }
}

/// A random filter: open ends, month and year edges, mid-month days, empty and reversed.
fn random_filter(r: &mut Random) -> Filter {
    let bound = |r: &mut Random| match r.below(6) {
        0 => None,
        1 => Date::new(2023 + r.below(4) as i32, 1, 1),
        2 => Date::new(2022 + r.below(5) as i32, 12, 31),
        _ => Some(r.date()),
    };
    let since = bound(r);
    let until = bound(r);
    Filter { since, until }
}

/// The rows as a report adds them up: by shown key and cell (a week's days are one week),
/// the key sum modulo 2^32, which is all the report uses of it.
fn cells(rows: Vec<CellRow>) -> Cells {
    let mut out = BTreeMap::new();
    for r in rows {
        let cell: &mut (u64, u64) = out
            .entry((r.key, r.minutes, r.abandoned, r.must_not))
            .or_default();
        cell.0 += r.cases;
        cell.1 = (cell.1 + r.key_sum) % 4_294_967_296;
    }
    out
}

/// The database, and the admin's client to it.
fn ready(cluster: &Cluster) -> postgres::Client {
    cluster.create_db("vejviser");
    let target = Target::parse(&cluster.url(ADMIN, "vejviser", "sslmode=disable")).unwrap();
    vejviser::central::tls::connect(&target, Some(ADMIN_PASSWORD)).unwrap()
}

/// A counter and a reader, once the schema (version 1 or later) has made their roles.
fn users(cluster: &Cluster) {
    cluster.create_user("kasse", "kasse-pw", "vejviser_counter");
    cluster.create_user("koordinator", "koord-pw", "vejviser_reader");
}

fn reader(cluster: &Cluster) -> postgres::Client {
    let target = Target::parse(&cluster.url("koordinator", "vejviser", "sslmode=disable")).unwrap();
    vejviser::central::tls::connect(&target, Some("koord-pw")).unwrap()
}

/// Every grouping under `filters`: the roll-up's rows equal the rows counted from the cases,
/// and the automatic choice reads the roll-up. Returns how many reports had any rows.
fn compare(client: &mut postgres::Client, filters: &[Filter], expect_tallies: bool) -> usize {
    let mut with_rows = 0;
    for filter in filters {
        for by in DIMENSIONS {
            let raw = cells(rows_by(client, "koordinator", by, *filter, Counting::Cases).unwrap());
            let tallied =
                cells(rows_by(client, "koordinator", by, *filter, Counting::Tallies).unwrap());
            if expect_tallies {
                assert!(
                    tallied == raw,
                    "by {by:?}, {filter:?}: {}",
                    first_difference(&tallied, &raw)
                );
            }
            let chosen = cells(rows(client, "koordinator", by, *filter).unwrap());
            assert!(
                chosen == raw,
                "by {by:?}, {filter:?}: {}",
                first_difference(&chosen, &raw)
            );
            with_rows += usize::from(!raw.is_empty());
        }
    }
    with_rows
}

type Cells = BTreeMap<(String, u32, bool, bool), (u64, u64)>;

fn first_difference(got: &Cells, want: &Cells) -> String {
    let keys: std::collections::BTreeSet<_> = got.keys().chain(want.keys()).collect();
    for k in keys {
        if got.get(k) != want.get(k) {
            return format!(
                "{k:?}: {:?} where every case gives {:?} ({} vs {} cells)",
                got.get(k),
                want.get(k),
                got.len(),
                want.len()
            );
        }
    }
    String::from("no difference")
}

fn fixed_filters() -> Vec<Filter> {
    let d = |y, m, day| Date::new(y, m, day);
    vec![
        Filter::default(),
        Filter {
            since: d(2024, 1, 1),
            until: d(2024, 12, 31),
        },
        Filter {
            since: d(2024, 12, 31),
            until: d(2025, 1, 1),
        },
        Filter {
            since: d(2024, 2, 29),
            until: d(2024, 2, 29),
        },
        Filter {
            since: d(2023, 3, 15),
            until: d(2026, 2, 10),
        },
        Filter {
            since: d(2025, 6, 1),
            until: None,
        },
        Filter {
            since: None,
            until: d(2025, 5, 31),
        },
        Filter {
            since: d(2026, 4, 10),
            until: d(2026, 3, 15),
        },
        Filter {
            since: d(2030, 1, 1),
            until: None,
        },
    ]
}

#[test]
fn a_report_from_the_roll_up_equals_the_report_from_every_case() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let mut admin = ready(&cluster);
    vejviser::central::schema::init(&mut admin, ADMIN).unwrap();
    users(&cluster);
    let mut r = Random(18);
    let cases: Vec<LogRow> = (0..3000).map(|n| random_case(&mut r, n)).collect();
    // Shipped by the counter in batches of uneven size, the trigger's usual work; the first
    // batch once more, whose cases the server skips and must not count twice.
    // Each batch from a connection of its own, as from many counters: the batches land in
    // different slots of the roll-up (schema 3), which the report must add up.
    let counter = Target::parse(&cluster.url("kasse", "vejviser", "sslmode=disable")).unwrap();
    let mut at = 0;
    for size in [1, 499, 700, 300, 1500] {
        let mut session = Session::open(&counter, Some("kasse-pw")).unwrap();
        assert_eq!(session.send(&cases[at..at + size]).unwrap(), size as u64);
        at += size;
    }
    let mut session = Session::open(&counter, Some("kasse-pw")).unwrap();
    assert_eq!(session.send(&cases[1..400]).unwrap(), 0);
    let slots: i64 = admin
        .query_one("SELECT count(DISTINCT slot) FROM vejviser.tallies", &[])
        .unwrap()
        .get(0);
    assert!(slots > 1, "every batch went to one slot");
    let mut client = reader(&cluster);
    let mut filters = fixed_filters();
    filters.extend((0..40).map(|_| random_filter(&mut r)));
    let with_rows = compare(&mut client, &filters, true);
    assert!(with_rows > 100, "only {with_rows} reports had rows");

    // The owner deletes and changes cases: the roll-up follows.
    admin
        .batch_execute(
            "DELETE FROM vejviser.cases WHERE substr(case_id, 1, 1) IN ('0', '1', '2');
             UPDATE vejviser.cases SET guide = 'guide-9', started = '2024-02-29 23:00'
                WHERE substr(case_id, 1, 1) = '3';",
        )
        .unwrap();
    compare(&mut client, &filters, true);
    // A slot row that holds nothing is gone; one at 0 cases may still hold a key sum that its
    // cell's other slots need.
    let empty_rows: i64 = admin
        .query_one(
            "SELECT count(*) FROM vejviser.tallies WHERE cases = 0 AND key_sum = 0",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(empty_rows, 0);
    admin.batch_execute("TRUNCATE vejviser.cases").unwrap();
    let left: i64 = admin
        .query_one("SELECT count(*) FROM vejviser.tallies", &[])
        .unwrap()
        .get(0);
    assert_eq!(left, 0);
}

#[test]
fn a_version_one_server_is_backfilled_and_old_programs_still_ship_to_it() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let mut admin = ready(&cluster);
    admin.batch_execute(MIGRATIONS[0]).unwrap();
    users(&cluster);
    let mut r = Random(7);
    let cases: Vec<LogRow> = (0..1500).map(|n| random_case(&mut r, n)).collect();
    insert_as_admin(&mut admin, &cases[..1000]);
    let done = vejviser::central::schema::init(&mut admin, ADMIN).unwrap();
    assert_eq!((done.from, done.to), (1, MIGRATIONS.len() as i64));
    // A program that knows only version 1 may still ship here.
    let writable_by: i32 = admin
        .query_one("SELECT max(writable_by) FROM vejviser.migrations", &[])
        .unwrap()
        .get(0);
    assert_eq!(writable_by, 1);
    let counter = Target::parse(&cluster.url("kasse", "vejviser", "sslmode=disable")).unwrap();
    let mut session = Session::open(&counter, Some("kasse-pw")).unwrap();
    assert_eq!(session.send(&cases[1000..]).unwrap(), 500);
    let mut client = reader(&cluster);
    let mut filters = fixed_filters();
    filters.extend((0..15).map(|_| random_filter(&mut r)));
    compare(&mut client, &filters, true);
}

#[test]
fn old_cases_that_are_no_real_date_make_the_report_count_every_case() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let mut admin = ready(&cluster);
    admin.batch_execute(MIGRATIONS[0]).unwrap();
    users(&cluster);
    let mut r = Random(30);
    let mut cases: Vec<LogRow> = (0..400).map(|n| random_case(&mut r, n)).collect();
    // Version 1's CHECK let a 30 February in; the roll-up's whole February would count it
    // where `--until 2024-02-29` does not.
    cases[0].started = String::from("2024-02-30 10:00");
    insert_as_admin(&mut admin, &cases);
    vejviser::central::schema::init(&mut admin, ADMIN).unwrap();
    let validated: bool = admin
        .query_one(
            "SELECT convalidated FROM pg_constraint WHERE conname = 'cases_started_is_real'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(!validated);
    let mut client = reader(&cluster);
    let february = Filter {
        since: Date::new(2024, 2, 1),
        until: Date::new(2024, 2, 29),
    };
    compare(&mut client, &[february, Filter::default()], false);
    // New cases must be real dates, though.
    let counter = Target::parse(&cluster.url("kasse", "vejviser", "sslmode=disable")).unwrap();
    let mut session = Session::open(&counter, Some("kasse-pw")).unwrap();
    let mut bad = random_case(&mut r, 9999);
    bad.started = String::from("2025-04-31 10:00");
    let err = session.send(&[bad]).unwrap_err();
    assert!(err.to_string().contains("cases_started_is_real"), "{err}");
}

fn insert_as_admin(admin: &mut postgres::Client, cases: &[LogRow]) {
    let mut tx = admin.transaction().unwrap();
    for c in cases {
        tx.execute(
            "INSERT INTO vejviser.cases (case_id, record_key, started, duration_min, site, guide,
                guide_hash, outcome, outcome_kind, path, must_not_shown, ending, app_version)
             VALUES ($1, $2, $3, $4::int8::int2, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            &[
                &c.case_id,
                &c.record_key,
                &c.started,
                &c.duration_min,
                &c.site,
                &c.guide,
                &c.guide_hash,
                &c.outcome,
                &c.outcome_kind,
                &c.path,
                &c.must_not_shown,
                &c.ending,
                &c.app_version,
            ],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}
