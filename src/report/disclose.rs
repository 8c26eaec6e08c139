//! Disclosure control for reports that are shared: the cell key method with base-5 rounding.
//!
//! Every case carries a random `record_key` (schema 6). A cell of a report (a group's cases, its
//! abandoned cases, its must-not cases, the total) gets a *cell key*: the sum of its cases'
//! record keys modulo 2^32. The cell key picks a perturbation from a fixed table
//! ([`PERTURBATION`], −4 … +4, mean 0); the perturbed count is then rounded to a multiple of 5.
//! Counts 1–4 are shown as `<5`, a zero stays 0 (there are no cases whose key could move it).
//!
//! Why this survives differencing (see the threat model in the README):
//! - the same set of cases always gets the same figure, whatever the query, grouping or file
//!   order (the key is a sum), so asking again or asking differently gives nothing new;
//! - a total is a cell of its own: it is not the sum of the shown rows, so "total minus the rest"
//!   gives a range, never the hidden count;
//! - rounding comes after perturbation, so every figure stands for a range of at least 13 counts
//!   (`shown − 6 … shown + 6`), and the difference of two figures for a range of 25;
//! - rates and medians are shown only for rows large enough ([`RATE_MIN`], [`MEDIAN_MIN`]), and a
//!   rate is worked out from the *published* counts, so it tells no more than they do.
//!
//! The known weakness, the averaging attack (many different queries whose difference is the
//! same small cell), can only narrow an estimate: the perturbation of each query is bounded
//! but never zero for certain, and the record keys that decide it stay in the municipality.

use super::model::{CellRow, Dimension, Filter, Group};

/// Counts below this are never shown.
pub const MIN_COUNT: u64 = 5;

/// Shown counts are multiples of this.
pub const BASE: u64 = 5;

/// The perturbation table: (perturbation, how many of 1000 cell keys get it). Symmetric, so the
/// perturbation is 0 on average; its spread (variance 2.4) plus rounding hides a count within a
/// range wider than any small count.
pub const PERTURBATION: [(i64, u64); 9] = [
    (-4, 10),
    (-3, 40),
    (-2, 120),
    (-1, 200),
    (0, 260),
    (1, 200),
    (2, 120),
    (3, 40),
    (4, 10),
];

/// The largest perturbation either way.
pub const MAX_PERTURBATION: u64 = 4;

/// Rates (abandoned, must-not) are shown only for rows whose published count is at least this:
/// a percentage of a smaller row would say how many of a handful of cases it is.
pub const RATE_MIN: u64 = 20;

/// Medians are shown only for rows whose published count is at least this.
pub const MEDIAN_MIN: u64 = 10;

/// Cell keys are sums of 32-bit record keys, modulo 2^32.
const KEY_MODULUS: u64 = 1 << 32;

/// A count as it may be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Count {
    /// Exact (`--exact`), or perturbed and rounded to a multiple of 5.
    Shown(u64),
    /// 1–4 cases: shown as `<5`.
    Small,
}

impl Count {
    pub fn text(self) -> String {
        match self {
            Count::Shown(n) => n.to_string(),
            Count::Small => format!("<{MIN_COUNT}"),
        }
    }

    pub fn shown(self) -> Option<u64> {
        match self {
            Count::Shown(n) => Some(n),
            Count::Small => None,
        }
    }
}

/// One row as it may be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedRow {
    pub key: String,
    pub cases: Count,
    /// `None`: not shown ("–"), the row is too small or there is nothing to divide.
    pub abandoned_percent: Option<u64>,
    pub must_not_percent: Option<u64>,
    pub median_minutes: Option<u32>,
}

/// A report as it may be shown: the rows in the order shown, and the total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    pub by: Dimension,
    pub filter: Filter,
    /// Where the figures come from (file paths, a database name), for the title.
    pub sources: Vec<String>,
    /// Exact counts, for use inside the municipality only (`--exact`).
    pub exact: bool,
    pub rows: Vec<PublishedRow>,
    pub total: PublishedRow,
}

/// The published count of a cell of `cases` cases whose record keys add up to `key_sum`.
/// Exact when `exact`; otherwise `0` stays `0`, 1–4 is [`Count::Small`], and anything else is
/// perturbed by the cell key and rounded to a multiple of [`BASE`] (never below 5).
pub fn perturb(cases: u64, key_sum: u64, exact: bool) -> Count {
    if exact || cases == 0 {
        return Count::Shown(cases);
    }
    if cases < MIN_COUNT {
        return Count::Small;
    }
    let noisy = cases.saturating_add_signed(perturbation(cases, key_sum));
    Count::Shown(round_to_base(noisy).max(MIN_COUNT))
}

/// The table's perturbation for a cell. The cell key is mixed with the count before the
/// lookup, so cells whose keys differ by a fixed amount do not get related perturbations.
pub fn perturbation(cases: u64, key_sum: u64) -> i64 {
    let cell_key = key_sum % KEY_MODULUS;
    let spot = mix(cell_key ^ (cases << 32)) % 1000;
    let mut seen = 0;
    for (p, share) in PERTURBATION {
        seen += share;
        if spot < seen {
            return p;
        }
    }
    0
}

/// The nearest multiple of [`BASE`] (a count is whole, so there is no tie).
fn round_to_base(n: u64) -> u64 {
    (n + BASE / 2) / BASE * BASE
}

/// SplitMix64's finaliser: a fixed bijection that spreads every input bit over the output.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn percent(part: u64, whole: u64) -> Option<u64> {
    (part.min(whole) * 100 + whole / 2).checked_div(whole)
}

/// One group's figures as they may be shown.
fn publish_group(group: &Group, exact: bool) -> PublishedRow {
    let cases = perturb(group.cases, group.key_sum, exact);
    let large = |min: u64| exact || cases.shown().is_some_and(|n| n >= min);
    // A rate is a published count over a published count: no more than those two say.
    let rate = |part: u64, key_sum: u64| {
        if !large(RATE_MIN) {
            return None;
        }
        let part = perturb(part, key_sum, exact).shown()?;
        percent(part, cases.shown()?)
    };
    PublishedRow {
        key: group.key.clone(),
        cases,
        abandoned_percent: rate(group.abandoned, group.abandoned_key_sum),
        must_not_percent: rate(group.must_not, group.must_not_key_sum),
        median_minutes: if large(MEDIAN_MIN) {
            group.median_minutes()
        } else {
            None
        },
    }
}

/// Add up a backend's rows by key into groups and a total (exact; nothing is hidden yet).
pub fn groups_of(rows: impl IntoIterator<Item = CellRow>) -> (Vec<Group>, Group) {
    let mut by_key: std::collections::BTreeMap<String, Group> = Default::default();
    let mut total = Group::default();
    for row in rows {
        let group = by_key.entry(row.key.clone()).or_insert_with(|| Group {
            key: row.key.clone(),
            ..Group::default()
        });
        group.add_row(&row);
        total.add_row(&row);
    }
    (by_key.into_values().collect(), total)
}

/// **The one function that decides what a report may show**, for every backend and format.
///
/// ```text
/// pub fn publish(by: Dimension, filter: Filter, sources: Vec<String>,
///                groups: &[Group], total: &Group, exact: bool) -> Published
/// ```
///
/// `groups` and `total` come from [`groups_of`] over the backend's [`CellRow`]s (the SQLite
/// logs through `report::build`, the central PostgreSQL log through the same rows computed in
/// SQL). With `exact` false every count is perturbed by its cell key and rounded ([`perturb`]),
/// the total as a cell of its own; rates and medians of small rows are `None`. Rows are sorted
/// by their published count (largest first, then by key; weeks and hours in time order), so
/// the order says nothing the figures do not; `<5` rows come last, by key.
pub fn publish(
    by: Dimension,
    filter: Filter,
    sources: Vec<String>,
    groups: &[Group],
    total: &Group,
    exact: bool,
) -> Published {
    let mut rows: Vec<PublishedRow> = groups
        .iter()
        .filter(|g| g.cases > 0)
        .map(|g| publish_group(g, exact))
        .collect();
    if matches!(by, Dimension::Week | Dimension::Hour) {
        rows.sort_by(|a, b| a.key.cmp(&b.key));
    } else {
        rows.sort_by(|a, b| {
            let size = |r: &PublishedRow| std::cmp::Reverse(r.cases.shown());
            size(a).cmp(&size(b)).then_with(|| a.key.cmp(&b.key))
        });
    }
    let mut total = publish_group(total, exact);
    total.key = String::from("total");
    Published {
        by,
        filter,
        sources,
        exact,
        rows,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_symmetric_and_sums_to_a_thousand() {
        assert_eq!(PERTURBATION.iter().map(|p| p.1).sum::<u64>(), 1000);
        let mean: i64 = PERTURBATION.iter().map(|&(p, s)| p * s as i64).sum();
        assert_eq!(mean, 0);
        assert_eq!(
            PERTURBATION.iter().map(|p| p.0.unsigned_abs()).max(),
            Some(MAX_PERTURBATION)
        );
    }

    #[test]
    fn small_counts_are_hidden_and_the_rest_are_multiples_of_five_near_the_truth() {
        assert_eq!(perturb(0, 123, false), Count::Shown(0));
        for n in 1..5 {
            assert_eq!(perturb(n, 99, false), Count::Small);
        }
        for n in 5..300u64 {
            for key in [0u64, 1, 77, 1 << 31, u64::MAX] {
                let Count::Shown(shown) = perturb(n, key, false) else {
                    panic!("{n} hidden");
                };
                assert_eq!(shown % BASE, 0);
                assert!(shown >= MIN_COUNT);
                assert!(
                    shown.abs_diff(n) <= MAX_PERTURBATION + BASE / 2,
                    "{n} → {shown}"
                );
            }
        }
        assert_eq!(perturb(3, 1, true), Count::Shown(3));
    }

    #[test]
    fn perturbations_follow_the_table() {
        // Over many cell keys, each perturbation turns up about as often as the table says.
        let mut seen = std::collections::BTreeMap::new();
        for key in 0..100_000u64 {
            *seen
                .entry(perturbation(40, key.wrapping_mul(2_654_435_761)))
                .or_insert(0u64) += 1;
        }
        for (p, share) in PERTURBATION {
            let got = seen.get(&p).copied().unwrap_or(0);
            let want = share * 100;
            assert!(got.abs_diff(want) < want / 5 + 100, "{p}: {got} vs {want}");
        }
    }
}
