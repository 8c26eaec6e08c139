//! Properties of the shared figures (`report::disclose`): the same set of cases gets the same
//! figure whatever the query, the grouping, the order or the files the cases come from; every
//! shown count is a multiple of 5 within the method's spread of the truth; 1–4 is `<5`.

use proptest::prelude::*;
use vejviser::report::disclose::{BASE, MAX_PERTURBATION, perturb};
use vejviser::report::{CellRow, Count, Dimension, Filter, Report};

/// One case as a report sees it.
#[derive(Clone, Debug)]
struct Case {
    guide: u8,
    site: u8,
    hour: u8,
    minutes: u32,
    abandoned: bool,
    must_not: bool,
    record_key: u32,
}

fn case() -> impl Strategy<Value = Case> {
    (
        0u8..4,
        0u8..3,
        8u8..16,
        0u32..30,
        any::<bool>(),
        any::<bool>(),
        any::<u32>(),
    )
        .prop_map(
            |(guide, site, hour, minutes, abandoned, must_not, record_key)| Case {
                guide,
                site,
                hour,
                minutes,
                abandoned,
                must_not,
                record_key,
            },
        )
}

/// The key a grouping gives a case.
fn key(by: Dimension, c: &Case) -> String {
    match by {
        Dimension::Guide => format!("guide-{}", c.guide),
        Dimension::Site => format!("sted-{}", c.site),
        Dimension::Hour => format!("{:02}", c.hour),
        Dimension::Kind => String::from(if c.abandoned { "-" } else { "guide" }),
        Dimension::Outcome => format!("guide-{}/x", c.guide),
        Dimension::Week => String::from("2026-W49"),
    }
}

/// What a backend returns for these cases: one row per case (the finest split there is).
fn rows(by: Dimension, cases: &[Case]) -> Vec<CellRow> {
    cases
        .iter()
        .map(|c| CellRow {
            key: key(by, c),
            minutes: c.minutes,
            abandoned: c.abandoned,
            must_not: c.must_not,
            cases: 1,
            key_sum: u64::from(c.record_key),
        })
        .collect()
}

/// The same cases, added up per (key, minutes, ending, must-not) as SQL's GROUP BY does.
fn grouped(by: Dimension, cases: &[Case]) -> Vec<CellRow> {
    let mut map: std::collections::BTreeMap<(String, u32, bool, bool), (u64, u64)> =
        Default::default();
    for c in cases {
        let e = map
            .entry((key(by, c), c.minutes, c.abandoned, c.must_not))
            .or_default();
        e.0 += 1;
        e.1 += u64::from(c.record_key);
    }
    map.into_iter()
        .map(
            |((key, minutes, abandoned, must_not), (cases, key_sum))| CellRow {
                key,
                minutes,
                abandoned,
                must_not,
                cases,
                key_sum,
            },
        )
        .collect()
}

fn published(by: Dimension, rows: Vec<CellRow>) -> vejviser::report::Published {
    Report::from_rows(by, Filter::default(), Vec::new(), rows).publish(false)
}

const ALL: [Dimension; 6] = [
    Dimension::Guide,
    Dimension::Outcome,
    Dimension::Kind,
    Dimension::Site,
    Dimension::Week,
    Dimension::Hour,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Repeating a query, reading the cases in another order, splitting them over several files
    /// or grouping them in SQL first: the same figures every time.
    #[test]
    fn the_same_cases_always_get_the_same_figures(
        cases in prop::collection::vec(case(), 0..120),
        order in any::<u64>(),
        by in prop::sample::select(ALL.to_vec()),
    ) {
        let first = published(by, rows(by, &cases));
        prop_assert_eq!(&first, &published(by, rows(by, &cases)));
        let mut shuffled = rows(by, &cases);
        // A fixed shuffle from `order`: rotate and reverse, as two files read the other way round.
        let len = shuffled.len().max(1);
        shuffled.rotate_left(order as usize % len);
        if order % 2 == 0 {
            shuffled.reverse();
        }
        prop_assert_eq!(&first, &published(by, shuffled));
        prop_assert_eq!(&first, &published(by, grouped(by, &cases)));
    }

    /// The total is one cell: every grouping shows the same total figure for the same cases.
    #[test]
    fn the_total_is_the_same_in_every_grouping(cases in prop::collection::vec(case(), 0..120)) {
        let totals: Vec<_> = ALL.iter().map(|&by| published(by, rows(by, &cases)).total).collect();
        for t in &totals {
            prop_assert_eq!(t, &totals[0]);
        }
    }

    /// A group's figure depends on its own cases only: adding cases of another group changes
    /// nothing in this one (so the group in a bigger report is the group in a smaller one).
    #[test]
    fn a_group_is_unchanged_by_other_groups_cases(
        mine in prop::collection::vec(case(), 1..60),
        others in prop::collection::vec(case(), 0..60),
    ) {
        let mine: Vec<Case> = mine.into_iter().map(|c| Case { guide: 0, ..c }).collect();
        let others: Vec<Case> = others.into_iter().map(|c| Case { guide: 1, ..c }).collect();
        let alone = published(Dimension::Guide, rows(Dimension::Guide, &mine));
        let all: Vec<Case> = mine.iter().chain(&others).cloned().collect();
        let together = published(Dimension::Guide, rows(Dimension::Guide, &all));
        let find = |p: &vejviser::report::Published| {
            p.rows.iter().find(|r| r.key == "guide-0").cloned()
        };
        prop_assert_eq!(find(&alone), find(&together));
    }

    /// Shown counts are multiples of 5, at least 5, within the spread of the truth; 1–4 is
    /// `<5`, 0 is 0.
    #[test]
    fn shown_counts_stay_within_the_methods_bound(cases in 0u64..100_000, key_sum in any::<u64>()) {
        match perturb(cases, key_sum, false) {
            Count::Shown(0) => prop_assert_eq!(cases, 0),
            Count::Shown(n) => {
                prop_assert_eq!(n % BASE, 0);
                prop_assert!(n >= 5);
                prop_assert!(n.abs_diff(cases) <= MAX_PERTURBATION + BASE / 2);
            }
            Count::Small => prop_assert!((1..5).contains(&cases)),
        }
        prop_assert_eq!(perturb(cases, key_sum, true), Count::Shown(cases));
    }
}
