//! The report's data: what is grouped ([`Dimension`]), which cases count ([`Filter`]), the rows a
//! backend returns ([`CellRow`]) and one group's exact figures ([`Group`]). A leaf: the reading
//! (`aggregate`) and the disclosure control (`disclose`) both build on it.

use std::collections::BTreeMap;

use crate::date::Date;

/// What the rows are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Dimension {
    Guide,
    Outcome,
    Kind,
    Site,
    Week,
    Hour,
}

impl Dimension {
    pub fn code(self) -> &'static str {
        match self {
            Dimension::Guide => "guide",
            Dimension::Outcome => "outcome",
            Dimension::Kind => "kind",
            Dimension::Site => "site",
            Dimension::Week => "week",
            Dimension::Hour => "hour",
        }
    }
}

/// Which cases to count, by the day they started (both ends included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub since: Option<Date>,
    pub until: Option<Date>,
}

/// One group's figures, before suppression.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    pub key: String,
    pub cases: u64,
    pub abandoned: u64,
    pub must_not: u64,
    /// How many cases took each whole number of minutes, for the median.
    pub minutes: BTreeMap<u32, u64>,
    /// The sum of the cases' record keys (wrapping; only the remainder modulo 2^32 counts):
    /// the cell keys of the group, its abandoned cases and its must-not cases.
    pub key_sum: u64,
    pub abandoned_key_sum: u64,
    pub must_not_key_sum: u64,
}

impl Group {
    /// The median duration in minutes (the lower middle value for an even count).
    pub fn median_minutes(&self) -> Option<u32> {
        let middle = self.cases.checked_sub(1)? / 2;
        let mut seen = 0;
        for (&minutes, &count) in &self.minutes {
            seen += count;
            if seen > middle {
                return Some(minutes);
            }
        }
        None
    }

    /// Count a backend's row into this group.
    pub fn add_row(&mut self, row: &CellRow) {
        self.cases += row.cases;
        self.key_sum = self.key_sum.wrapping_add(row.key_sum);
        if row.abandoned {
            self.abandoned += row.cases;
            self.abandoned_key_sum = self.abandoned_key_sum.wrapping_add(row.key_sum);
        }
        if row.must_not {
            self.must_not += row.cases;
            self.must_not_key_sum = self.must_not_key_sum.wrapping_add(row.key_sum);
        }
        *self.minutes.entry(row.minutes).or_default() += row.cases;
    }
}

/// One row a backend hands to [`publish`](super::disclose::publish): the cases of one group that share a duration, an
/// ending and a must-not flag. SQLite's and PostgreSQL's backends both return exactly this:
/// `SELECT key, duration_min, ending = 'abandoned', must_not_shown, count(*), sum(record_key)
/// … GROUP BY 1, 2, 3, 4`. Rows with the same key may come from many files; they are added up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRow {
    /// The group's key as shown (a guide id, `guide/outcome`, an ISO week `2026-W49`, …).
    pub key: String,
    pub minutes: u32,
    pub abandoned: bool,
    pub must_not: bool,
    pub cases: u64,
    /// The sum of these cases' record keys (any size: only its remainder modulo 2^32 counts).
    pub key_sum: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_a_histogram() {
        let mut g = Group::default();
        for (m, c) in [(1, 2), (3, 1), (10, 2)] {
            g.minutes.insert(m, c);
            g.cases += c;
        }
        // 1 1 3 10 10 → 3
        assert_eq!(g.median_minutes(), Some(3));
        g.minutes.insert(20, 1);
        g.cases += 1;
        // 1 1 3 10 10 20 → lower middle 3
        assert_eq!(g.median_minutes(), Some(3));
        assert_eq!(Group::default().median_minutes(), None);
    }
}
