//! A report from the server's roll-up (`vejviser.tallies`, schema 2): whole years and whole
//! months inside the date filter are read from it, the part-months at the filter's edges from
//! the cases themselves, and the two added up in one statement. The result is the same rows
//! as [`super::report::report_sql`] over the cases table, in far less time.

use crate::date::Date;
use crate::report::{Dimension, Filter};

/// Where a report's figures come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Year rows of the roll-up, from..=to (`None`: unbounded).
    pub years: Option<(Option<i32>, Option<i32>)>,
    /// Month rows of the roll-up, as (year, month) from..=to; at most two runs.
    pub months: Vec<((i32, u32), (i32, u32))>,
    /// Days read from the cases table, from..=to; at most two runs.
    pub days: Vec<(Date, Date)>,
}

/// The years a server can hold (its CHECK: `[12][0-9]{3}`).
const FIRST_YEAR: i32 = 1000;
const LAST_YEAR: i32 = 2999;

fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

fn from_index(index: i64) -> (i32, u32) {
    (
        index.div_euclid(12) as i32,
        (index.rem_euclid(12) + 1) as u32,
    )
}

fn days_in(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| Date::new(year, month, *d).is_some())
        .unwrap_or(28)
}

fn last_day(year: i32, month: u32) -> Option<Date> {
    Date::new(year, month, days_in(year, month))
}

impl Plan {
    /// Split `filter` into roll-up periods and raw days.
    pub fn of(filter: Filter) -> Plan {
        let first = Date::new(FIRST_YEAR, 1, 1);
        let last = Date::new(LAST_YEAR, 12, 31);
        // Bounds outside the years a server can hold are no bounds at all.
        let since = filter.since.filter(|d| Some(*d) > first);
        let until = filter.until.filter(|d| Some(*d) < last);
        if let (Some(s), Some(u)) = (since, until)
            && s > u
        {
            return Plan::default();
        }
        if since.is_some_and(|s| Some(s) > last) || until.is_some_and(|u| Some(u) < first) {
            return Plan::default();
        }
        // The whole months inside the filter, as month indexes (None: unbounded).
        let whole_from = since.map(|s| month_index(s.year, s.month) + i64::from(s.day != 1));
        let whole_to = until
            .map(|u| month_index(u.year, u.month) - i64::from(u.day != days_in(u.year, u.month)));
        let mut plan = Plan::default();
        if let (Some(from), Some(to), Some(s), Some(u)) = (whole_from, whole_to, since, until)
            && from > to
        {
            // Not one whole month: at most two part-months, read from the cases.
            plan.days.push((s, u));
            return plan;
        }
        if let Some(s) = since.filter(|s| s.day != 1)
            && let Some(end) = last_day(s.year, s.month)
        {
            plan.days.push((s, end));
        }
        if let Some(u) = until.filter(|u| u.day != days_in(u.year, u.month))
            && let Some(start) = Date::new(u.year, u.month, 1)
        {
            plan.days.push((start, u));
        }
        // Whole years inside the whole months; the months around them.
        let year_from = whole_from.map(|m| (m + 11).div_euclid(12));
        let year_to = whole_to.map(|m| (m + 1).div_euclid(12) - 1);
        let has_years = match (year_from, year_to) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        if has_years {
            plan.years = Some((year_from.map(|y| y as i32), year_to.map(|y| y as i32)));
            if let Some(from) = whole_from
                && let Some(y) = year_from
                && from < y * 12
            {
                plan.months.push((from_index(from), from_index(y * 12 - 1)));
            }
            if let Some(to) = whole_to
                && let Some(y) = year_to
                && to > y * 12 + 11
            {
                plan.months.push((from_index((y + 1) * 12), from_index(to)));
            }
        } else if let (Some(from), Some(to)) = (whole_from, whole_to) {
            plan.months.push((from_index(from), from_index(to)));
        }
        plan
    }
}

/// The roll-up's key columns for `by`, and how the cases table makes them (`''` for NULL).
fn keys(by: Dimension) -> (&'static str, &'static str, &'static str) {
    match by {
        Dimension::Guide => ("guide", "guide", "''"),
        Dimension::Outcome => ("outcome", "guide", "coalesce(outcome, '')"),
        Dimension::Kind => ("kind", "coalesce(outcome_kind, '')", "''"),
        Dimension::Site => ("site", "site", "''"),
        Dimension::Week => ("week", "substr(started, 1, 10)", "''"),
        Dimension::Hour => ("hour", "substr(started, 12, 2)", "''"),
    }
}

/// The columns a report row starts with, as [`super::report::report_sql`] gives them.
fn shown(by: Dimension) -> &'static str {
    match by {
        Dimension::Outcome => "key1, nullif(key2, '')",
        Dimension::Kind => "nullif(key1, '')",
        _ => "key1",
    }
}

fn month_text((year, month): (i32, u32)) -> String {
    format!("{year:04}-{month:02}")
}

/// The statement for a report `by` over `plan`. Its values are dates and fixed names only, so
/// they are written into the text: the same statement can be run in psql as it is.
pub fn tallied_sql(by: Dimension, plan: &Plan) -> String {
    let (dimension, key1, key2) = keys(by);
    let mut periods = Vec::new();
    if let Some((from, to)) = plan.years {
        let mut p = vec![String::from("level = 'y'")];
        if let Some(from) = from {
            p.push(format!("period >= '{from:04}'"));
        }
        if let Some(to) = to {
            p.push(format!("period <= '{to:04}'"));
        }
        periods.push(format!("({})", p.join(" AND ")));
    }
    for (from, to) in &plan.months {
        periods.push(format!(
            "(level = 'm' AND period BETWEEN '{}' AND '{}')",
            month_text(*from),
            month_text(*to)
        ));
    }
    let mut parts = Vec::new();
    if !periods.is_empty() {
        parts.push(format!(
            "SELECT key1, key2, minutes, abandoned, must_not, cases, key_sum
             FROM vejviser.tallies WHERE dimension = '{dimension}' AND ({})",
            periods.join(" OR ")
        ));
    }
    if !plan.days.is_empty() {
        // Start times are "YYYY-MM-DD HH:00": the whole last day is below "YYYY-MM-DD 99".
        let days: Vec<String> = plan
            .days
            .iter()
            .map(|(from, to)| format!("(started >= '{from}' AND started <= '{to} 99')"))
            .collect();
        parts.push(format!(
            "SELECT {key1}, {key2}, duration_min, ending = 'abandoned', must_not_shown,
                    count(*), sum(record_key)
             FROM vejviser.cases WHERE {}
             GROUP BY 1, 2, duration_min, ending, must_not_shown",
            days.join(" OR ")
        ));
    }
    if parts.is_empty() {
        // Nothing can match: the same columns, no rows.
        parts.push(String::from(
            "SELECT ''::text, ''::text, 0::int2, false, false, 0::int8, 0::int8 WHERE false",
        ));
    }
    format!(
        "SELECT {shown}, minutes, abandoned, must_not, sum(cases)::int8,
                (sum(key_sum) % 4294967296)::int8
         FROM ({union}) AS t (key1, key2, minutes, abandoned, must_not, cases, key_sum)
         GROUP BY key1, key2, minutes, abandoned, must_not
         HAVING sum(cases) > 0",
        shown = shown(by),
        union = parts.join("\n UNION ALL\n ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::new(y, m, day)
    }

    fn plan(since: Option<Date>, until: Option<Date>) -> Plan {
        Plan::of(Filter { since, until })
    }

    #[test]
    fn no_filter_is_every_year_of_the_roll_up() {
        assert_eq!(
            plan(None, None),
            Plan {
                years: Some((None, None)),
                ..Plan::default()
            }
        );
    }

    #[test]
    fn mid_month_edges_come_from_the_cases_and_the_rest_from_the_roll_up() {
        let p = plan(d(2025, 3, 15), d(2027, 2, 10));
        assert_eq!(p.years, Some((Some(2026), Some(2026))));
        assert_eq!(
            p.months,
            vec![((2025, 4), (2025, 12)), ((2027, 1), (2027, 1))]
        );
        assert_eq!(
            p.days,
            vec![
                (d(2025, 3, 15).unwrap(), d(2025, 3, 31).unwrap()),
                (d(2027, 2, 1).unwrap(), d(2027, 2, 10).unwrap())
            ]
        );
    }

    #[test]
    fn whole_months_and_years_need_no_cases() {
        let p = plan(d(2024, 1, 1), d(2024, 12, 31));
        assert_eq!(p.years, Some((Some(2024), Some(2024))));
        assert!(p.months.is_empty() && p.days.is_empty(), "{p:?}");
        let p = plan(d(2024, 2, 1), d(2024, 2, 29));
        assert_eq!(p.years, None);
        assert_eq!(p.months, vec![((2024, 2), (2024, 2))]);
        assert!(p.days.is_empty());
    }

    #[test]
    fn inside_one_month_or_across_two_part_months_is_all_cases() {
        let p = plan(d(2026, 3, 15), d(2026, 4, 10));
        assert_eq!(
            p,
            Plan {
                days: vec![(d(2026, 3, 15).unwrap(), d(2026, 4, 10).unwrap())],
                ..Plan::default()
            }
        );
        assert_eq!(plan(d(2026, 4, 10), d(2026, 3, 15)), Plan::default());
    }

    #[test]
    fn open_ends_take_every_year_before_or_after() {
        let p = plan(None, d(2026, 11, 20));
        assert_eq!(p.years, Some((None, Some(2025))));
        assert_eq!(p.months, vec![((2026, 1), (2026, 10))]);
        let p = plan(d(2026, 1, 1), None);
        assert_eq!(p.years, Some((Some(2026), None)));
        assert!(p.months.is_empty() && p.days.is_empty());
        // Before the first year a server can hold is no bound.
        assert_eq!(plan(d(900, 5, 5), None), plan(None, None));
    }

    #[test]
    fn the_statement_reads_only_what_the_plan_says() {
        let sql = tallied_sql(Dimension::Week, &plan(d(2025, 3, 15), d(2025, 12, 31)));
        assert!(sql.contains("dimension = 'week'"), "{sql}");
        assert!(
            sql.contains("period BETWEEN '2025-04' AND '2025-12'"),
            "{sql}"
        );
        assert!(
            sql.contains("started >= '2025-03-15' AND started <= '2025-03-31 99'"),
            "{sql}"
        );
        assert!(!sql.contains("level = 'y'"), "{sql}");
        let none = tallied_sql(Dimension::Site, &Plan::default());
        assert!(none.contains("WHERE false"), "{none}");
    }
}
