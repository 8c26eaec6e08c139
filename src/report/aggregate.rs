//! Reading the logs and adding them up. The heavy lifting is one GROUP BY per file, in SQLite;
//! only the small grouped result is merged here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

use crate::date::Date;
use crate::log::schema::MIGRATIONS;

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
    /// SQL for the key of a row. Week is grouped by day here and folded into ISO weeks later.
    fn key_sql(self) -> &'static str {
        match self {
            Dimension::Guide => "guide",
            Dimension::Outcome => "guide || '/' || coalesce(outcome, '-')",
            Dimension::Kind => "coalesce(outcome_kind, '-')",
            Dimension::Site => "site",
            Dimension::Week => "substr(started, 1, 10)",
            Dimension::Hour => "substr(started, 12, 2)",
        }
    }

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

    fn add(&mut self, other: &Group) {
        self.cases += other.cases;
        self.abandoned += other.abandoned;
        self.must_not += other.must_not;
        for (m, c) in &other.minutes {
            *self.minutes.entry(*m).or_default() += c;
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub by: Dimension,
    pub filter: Filter,
    pub files: Vec<PathBuf>,
    /// Largest first; ties by key.
    pub groups: Vec<Group>,
    pub total: Group,
}

#[derive(Debug, Error)]
pub enum ReportError {
    #[error("{path}: {source}")]
    Sqlite {
        path: String,
        source: rusqlite::Error,
    },
    #[error("{path}: written by a newer vejviser (schema {found}); update vejviser to read it")]
    TooNew { path: String, found: i64 },
    #[error("{path}: the file does not exist")]
    Missing { path: String },
    #[error("{path}: not a file (a folder or a device); give the path of a case log file")]
    NotAFile { path: String },
    /// Not a vejviser case log, or one whose tables were changed by hand.
    #[error("{path}: not a vejviser case log (or its tables were changed by hand)")]
    NotALog { path: String },
    /// A value the log can never hold, e.g. a duration that does not fit.
    #[error("{path}: the log holds an impossible value ({what}); it may have been altered")]
    BadValue { path: String, what: String },
}

impl ReportError {
    /// The problem in the user's language.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ReportError::Sqlite { path, source } => format!("{path}: databasefejl: {source}"),
            ReportError::TooNew { path, found } => format!(
                "{path}: skrevet af en nyere vejviser (skema {found}); opdatér vejviser for at læse den"
            ),
            ReportError::Missing { path } => format!("{path}: filen findes ikke"),
            ReportError::NotAFile { path } => format!(
                "{path}: ikke en fil (en mappe eller en enhed); giv stien til en sagslog-fil"
            ),
            ReportError::NotALog { path } => format!(
                "{path}: ikke en sagslog fra vejviser (eller dens tabeller er ændret i hånden)"
            ),
            ReportError::BadValue { path, what } => {
                format!("{path}: loggen har en umulig værdi ({what}); den kan være ændret")
            }
        }
    }
}

/// A log whose tables or values are not what vejviser writes is named as such, not with a raw
/// SQLite message.
fn classify(path: &str, source: rusqlite::Error) -> ReportError {
    use rusqlite::Error as E;
    let not_a_log = match &source {
        E::SqliteFailure(err, _) => err.code == rusqlite::ErrorCode::NotADatabase,
        E::FromSqlConversionFailure(..)
        | E::InvalidColumnType(..)
        | E::IntegralValueOutOfRange(..)
        | E::InvalidColumnIndex(..)
        | E::InvalidColumnName(..) => true,
        E::SqlInputError { msg, .. } => msg.contains("no such"),
        other => {
            other.to_string().contains("no such table")
                || other.to_string().contains("no such column")
        }
    };
    if not_a_log {
        ReportError::NotALog {
            path: path.to_string(),
        }
    } else {
        ReportError::Sqlite {
            path: path.to_string(),
            source,
        }
    }
}

/// Add up every file. Files are opened read-only and never changed.
pub fn build(files: &[PathBuf], by: Dimension, filter: Filter) -> Result<Report, ReportError> {
    let mut merged: BTreeMap<String, Group> = BTreeMap::new();
    for path in files {
        for group in read_file(path, by, filter)? {
            let key = match by {
                Dimension::Week => week_of(&group.key),
                _ => group.key.clone(),
            };
            merged
                .entry(key.clone())
                .or_insert_with(|| Group {
                    key,
                    ..Group::default()
                })
                .add(&group);
        }
    }
    let mut total = Group {
        key: String::new(),
        ..Group::default()
    };
    for group in merged.values() {
        total.add(group);
    }
    let mut groups: Vec<Group> = merged.into_values().collect();
    if matches!(by, Dimension::Week | Dimension::Hour) {
        groups.sort_by(|a, b| a.key.cmp(&b.key));
    } else {
        groups.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.key.cmp(&b.key)));
    }
    Ok(Report {
        by,
        filter,
        files: files.to_vec(),
        groups,
        total,
    })
}

fn week_of(day: &str) -> String {
    match Date::parse(day) {
        Ok(date) => {
            let (year, week) = date.iso_week();
            format!("{year}-U{week:02}")
        }
        Err(_) => day.to_string(),
    }
}

fn read_file(path: &Path, by: Dimension, filter: Filter) -> Result<Vec<Group>, ReportError> {
    let shown = path.display().to_string();
    match std::fs::metadata(path) {
        Err(_) => return Err(ReportError::Missing { path: shown }),
        Ok(meta) if !meta.is_file() => return Err(ReportError::NotAFile { path: shown }),
        Ok(_) => {}
    }
    let sql_err = |source| classify(&shown, source);
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(sql_err)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(sql_err)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sql_err)?;
    if version > MIGRATIONS.len() as i64 {
        return Err(ReportError::TooNew {
            path: shown,
            found: version,
        });
    }
    // Start times are "YYYY-MM-DD HH:00", so day bounds compare as text. Only the bounds asked
    // for go into the query, and as `+started`: without statistics SQLite takes any range on
    // `started` for a small slice and reads it through `cases_by_started`, one table lookup per
    // case, which on a large log is many times slower than scanning a covering index.
    let since = filter.since.map(|d| d.to_string());
    let until = filter.until.map(|d| format!("{d} 99"));
    let mut bounds = Vec::new();
    if since.is_some() {
        bounds.push("+started >= :since");
    }
    if until.is_some() {
        bounds.push("+started <= :until");
    }
    // Counting each (key, minutes, ending, must-not) combination, rather than summing the last
    // two per (key, minutes), lets SQLite walk `cases_report_by_guide` in its own order doing
    // nothing but count: about a fifth less work per case than the SUMs.
    let sql = format!(
        "SELECT {key}, duration_min, ending, must_not_shown, COUNT(*)
         FROM cases {bounds}
         GROUP BY 1, 2, 3, 4",
        key = by.key_sql(),
        bounds = if bounds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", bounds.join(" AND "))
        }
    );
    let mut stmt = conn.prepare(&sql).map_err(sql_err)?;
    let mut named: Vec<(&str, &dyn rusqlite::ToSql)> = Vec::new();
    if let Some(since) = &since {
        named.push((":since", since));
    }
    if let Some(until) = &until {
        named.push((":until", until));
    }
    let rows = stmt
        .query_map(named.as_slice(), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })
        .map_err(sql_err)?;
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for row in rows {
        let (key, minutes, ending, must_not, cases) = row.map_err(sql_err)?;
        let group = groups.entry(key.clone()).or_insert_with(|| Group {
            key,
            ..Group::default()
        });
        let cases = u64::try_from(cases).map_err(|_| ReportError::BadValue {
            path: shown.clone(),
            what: format!("COUNT = {cases}"),
        })?;
        group.cases += cases;
        if ending == "abandoned" {
            group.abandoned += cases;
        }
        if must_not != 0 {
            group.must_not += cases;
        }
        // A duration that does not fit is refused, never wrapped into a plausible number.
        let minutes = u32::try_from(minutes).map_err(|_| ReportError::BadValue {
            path: shown.clone(),
            what: format!("duration_min = {minutes}"),
        })?;
        *group.minutes.entry(minutes).or_default() += cases;
    }
    Ok(groups.into_values().collect())
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

    #[test]
    fn days_fold_into_iso_weeks() {
        assert_eq!(week_of("2026-11-23"), "2026-U48");
        assert_eq!(week_of("2027-01-01"), "2026-U53");
    }
}
