//! Reading the logs and adding them up. The heavy lifting is one GROUP BY per file, in SQLite,
//! over a covering index of its own per grouping (schema 6); each file gives [`CellRow`]s, which
//! are merged here and handed to [`super::disclose::publish`].

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

use super::disclose::{Published, groups_of, publish};
use super::model::{CellRow, Dimension, Filter, Group};
use crate::date::Date;
use crate::log::schema::MIGRATIONS;

/// The SQL side of a grouping: how the log is grouped and how a row's key is shown.
impl Dimension {
    /// The GROUP BY columns before duration, ending and must-not: each the leading columns of
    /// one covering index (`cases_report_by_*`), so SQLite reads that index in order, with no
    /// sort and no table lookups. Guide and outcome share one; weeks are read by day. A log
    /// from before schema 6 is grouped by guide alone, the order of its own index (schema 4).
    fn group_sql(self, schema_6: bool) -> &'static str {
        match self {
            Dimension::Guide if !schema_6 => "guide",
            Dimension::Guide | Dimension::Outcome => "guide, outcome",
            Dimension::Kind => "outcome_kind",
            Dimension::Site => "site",
            Dimension::Week => "substr(started, 1, 10)",
            Dimension::Hour => "substr(started, 12, 2)",
        }
    }

    /// How many columns [`group_sql`](Self::group_sql) has.
    fn group_width(self, schema_6: bool) -> usize {
        match self {
            Dimension::Guide if !schema_6 => 1,
            Dimension::Guide | Dimension::Outcome => 2,
            _ => 1,
        }
    }

    /// The shown key of a row from its GROUP BY values.
    fn key_of(self, values: &[Option<String>]) -> String {
        let first = values.first().cloned().flatten();
        match self {
            Dimension::Guide | Dimension::Site => first.unwrap_or_default(),
            Dimension::Outcome => format!(
                "{}/{}",
                first.unwrap_or_default(),
                values.get(1).cloned().flatten().as_deref().unwrap_or("-")
            ),
            Dimension::Kind => first.unwrap_or_else(|| String::from("-")),
            Dimension::Week => week_of(first.as_deref().unwrap_or_default()),
            Dimension::Hour => first.unwrap_or_default(),
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

impl Report {
    /// Group a backend's rows into a report (exact figures; see [`Report::publish`]).
    pub fn from_rows(
        by: Dimension,
        filter: Filter,
        files: Vec<PathBuf>,
        rows: impl IntoIterator<Item = CellRow>,
    ) -> Report {
        let (mut groups, total) = groups_of(rows);
        if matches!(by, Dimension::Week | Dimension::Hour) {
            groups.sort_by(|a, b| a.key.cmp(&b.key));
        } else {
            groups.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.key.cmp(&b.key)));
        }
        Report {
            by,
            filter,
            files,
            groups,
            total,
        }
    }

    /// What may be shown: perturbed and rounded, or exact with `exact` (inside the
    /// municipality only). See [`publish`].
    pub fn publish(&self, exact: bool) -> Published {
        let sources = self.files.iter().map(|f| f.display().to_string()).collect();
        publish(
            self.by,
            self.filter,
            sources,
            &self.groups,
            &self.total,
            exact,
        )
    }
}

/// What went wrong reading a log, as facts; `present::Say` tells it to the user, `Display` is
/// the English for logs.
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
    let mut rows = Vec::new();
    for path in files {
        rows.extend(read_file(path, by, filter)?);
    }
    Ok(Report::from_rows(by, filter, files.to_vec(), rows))
}

fn week_of(day: &str) -> String {
    match Date::parse(day) {
        Ok(date) => {
            let (year, week) = date.iso_week();
            format!("{year}-W{week:02}")
        }
        Err(_) => day.to_string(),
    }
}

/// The statement a report sends for grouping `by`, with these `WHERE` conditions (`:since`,
/// `:until` bound by name). Public so the benchmark times the very same statement in the
/// `sqlite3` shell.
pub fn report_sql(by: Dimension, bounds: &[&str], has_record_keys: bool) -> String {
    // A log from before schema 6 has no record keys: a fixed stand-in from the row id keeps its
    // figures consistent between queries (such a file is upgraded when the app next opens it).
    let key = if has_record_keys {
        "record_key"
    } else {
        "(rowid * 2654435761) & 4294967295"
    };
    format!(
        "SELECT {group}, duration_min, ending, must_not_shown, COUNT(*), SUM({key})
         FROM cases {bounds}
         GROUP BY {group}, duration_min, ending, must_not_shown",
        group = by.group_sql(has_record_keys),
        bounds = if bounds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", bounds.join(" AND "))
        }
    )
}

/// One file's rows: (group values, minutes, ending, must-not, count, sum of record keys).
pub fn read_file(path: &Path, by: Dimension, filter: Filter) -> Result<Vec<CellRow>, ReportError> {
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
    // A log from before schema 6 has no record keys: a fixed stand-in from the row id keeps its
    // figures consistent between queries (such a file is upgraded when the app next opens it).
    let width = by.group_width(version >= 6);
    let sql = report_sql(by, &bounds, version >= 6);
    let mut stmt = conn.prepare(&sql).map_err(sql_err)?;
    let mut named: Vec<(&str, &dyn rusqlite::ToSql)> = Vec::new();
    if let Some(since) = &since {
        named.push((":since", since));
    }
    if let Some(until) = &until {
        named.push((":until", until));
    }
    let mut rows = stmt.query(named.as_slice()).map_err(sql_err)?;
    let mut out = Vec::new();
    let bad = |what: String| ReportError::BadValue {
        path: shown.clone(),
        what,
    };
    while let Some(row) = rows.next().map_err(sql_err)? {
        let values: Vec<Option<String>> = (0..width)
            .map(|i| row.get(i))
            .collect::<Result<_, _>>()
            .map_err(sql_err)?;
        let minutes: i64 = row.get(width).map_err(sql_err)?;
        let ending: String = row.get(width + 1).map_err(sql_err)?;
        let must_not: i64 = row.get(width + 2).map_err(sql_err)?;
        let cases: i64 = row.get(width + 3).map_err(sql_err)?;
        let key_sum: i64 = row.get(width + 4).map_err(sql_err)?;
        // A value that does not fit is refused, never wrapped into a plausible number.
        out.push(CellRow {
            key: by.key_of(&values),
            minutes: u32::try_from(minutes)
                .map_err(|_| bad(format!("duration_min = {minutes}")))?,
            abandoned: ending == "abandoned",
            must_not: must_not != 0,
            cases: u64::try_from(cases).map_err(|_| bad(format!("COUNT = {cases}")))?,
            key_sum: u64::try_from(key_sum)
                .map_err(|_| bad(format!("record_key sum = {key_sum}")))?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_fold_into_iso_weeks() {
        assert_eq!(week_of("2026-11-23"), "2026-W48");
        assert_eq!(week_of("2027-01-01"), "2026-W53");
    }
}
