//! `vejviser report postgres://…`: the same report as over files, its counting done in SQL on
//! the server. The server returns one row per (group, duration, ending, must-not) with its count
//! and the sum of its record keys, exactly what each log file gives the file report, so the same
//! code adds them up, perturbs (the cell key method), suppresses and renders them. Whole years
//! and months come from the server's roll-up (schema 2, `vejviser.tallies`, spread over slots since schema 3; see `rollup`).

use postgres::Client;

use super::{CentralError, Target};
use crate::date::Date;
use crate::report::{CellRow, Dimension, Filter, Report};

/// The GROUP BY columns before duration, ending and must-not: the leading columns of one
/// covering index each (`cases_report_by_*` in assets/central.sql), or an expression index.
fn group_sql(by: Dimension) -> &'static str {
    match by {
        Dimension::Guide => "guide",
        Dimension::Outcome => "guide, outcome",
        Dimension::Kind => "outcome_kind",
        Dimension::Site => "site",
        Dimension::Week => "substr(started, 1, 10)",
        Dimension::Hour => "substr(started, 12, 2)",
    }
}

fn group_width(by: Dimension) -> usize {
    if by == Dimension::Outcome { 2 } else { 1 }
}

/// The SQL for a report `by` with these date bounds ($1 since, $2 until when present).
pub fn report_sql(by: Dimension, filter: Filter) -> String {
    let mut bounds = Vec::new();
    if filter.since.is_some() {
        bounds.push(format!("started >= ${}", bounds.len() + 1));
    }
    if filter.until.is_some() {
        bounds.push(format!("started <= ${}", bounds.len() + 1));
    }
    let group = group_sql(by);
    format!(
        "SELECT {group}, duration_min, ending = 'abandoned', must_not_shown, count(*),
                (sum(record_key) % 4294967296)::int8
         FROM vejviser.cases{where_}
         GROUP BY {group}, duration_min, ending, must_not_shown",
        where_ = if bounds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", bounds.join(" AND "))
        }
    )
}

/// Which table a report counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counting {
    /// The roll-up for whole years and months, the cases for part-months (see `rollup`).
    Tallies,
    /// Every case from the cases table ([`report_sql`]).
    Cases,
}

/// Whether every case's start is known to be a real calendar hour (schema 2's CHECK is
/// validated), which the roll-up's whole months rely on.
fn tallies_exact(client: &mut Client, user: &str) -> Result<bool, CentralError> {
    let row = client
        .query_opt(
            "SELECT convalidated FROM pg_catalog.pg_constraint
             WHERE conname = 'cases_started_is_real' AND conrelid = 'vejviser.cases'::regclass",
            &[],
        )
        .map_err(|e| CentralError::from_postgres(&e, user))?;
    Ok(row.is_some_and(|r| r.get::<_, bool>(0)))
}

/// The report's rows from the server, as the reader role sees them: from the roll-up when
/// the server's CHECK makes it exact, else from the cases.
pub fn rows(
    client: &mut Client,
    user: &str,
    by: Dimension,
    filter: Filter,
) -> Result<Vec<CellRow>, CentralError> {
    let counting = if tallies_exact(client, user)? {
        Counting::Tallies
    } else {
        Counting::Cases
    };
    rows_by(client, user, by, filter, counting)
}

/// The report's rows, counted from the table asked for (tests compare the two).
pub fn rows_by(
    client: &mut Client,
    user: &str,
    by: Dimension,
    filter: Filter,
    counting: Counting,
) -> Result<Vec<CellRow>, CentralError> {
    let found = match counting {
        Counting::Tallies => {
            let sql = super::rollup::tallied_sql(by, &super::rollup::Plan::of(filter));
            client.query(sql.as_str(), &[])
        }
        Counting::Cases => {
            let since = filter.since.map(|d| d.to_string());
            // Start times are "YYYY-MM-DD HH:00": the whole last day is below "YYYY-MM-DD 99".
            let until = filter.until.map(|d| format!("{d} 99"));
            let params: Vec<&(dyn postgres::types::ToSql + Sync)> = since
                .iter()
                .chain(until.iter())
                .map(|s| s as &(dyn postgres::types::ToSql + Sync))
                .collect();
            client.query(report_sql(by, filter).as_str(), &params)
        }
    }
    .map_err(|e| CentralError::from_postgres(&e, user))?;
    let width = group_width(by);
    let mut out = Vec::with_capacity(found.len());
    for row in found {
        let values: Vec<Option<String>> = (0..width).map(|i| row.get(i)).collect();
        let minutes: i16 = row.get(width);
        let cases: i64 = row.get(width + 3);
        let key_sum: i64 = row.get(width + 4);
        let bad = |what: String| CentralError::Server(format!("an impossible value: {what}"));
        out.push(CellRow {
            key: key_of(by, &values),
            minutes: u32::try_from(minutes).map_err(|_| bad(format!("duration {minutes}")))?,
            abandoned: row.get(width + 1),
            must_not: row.get(width + 2),
            cases: u64::try_from(cases).map_err(|_| bad(format!("count {cases}")))?,
            key_sum: u64::try_from(key_sum).map_err(|_| bad(format!("key sum {key_sum}")))?,
        });
    }
    Ok(out)
}

/// The shown key of a row, as the file report makes it.
fn key_of(by: Dimension, values: &[Option<String>]) -> String {
    let first = values.first().cloned().flatten();
    match by {
        Dimension::Outcome => format!(
            "{}/{}",
            first.unwrap_or_default(),
            values.get(1).cloned().flatten().as_deref().unwrap_or("-")
        ),
        Dimension::Kind => first.unwrap_or_else(|| String::from("-")),
        Dimension::Week => week_of(first.as_deref().unwrap_or_default()),
        _ => first.unwrap_or_default(),
    }
}

/// `2026-11-23` → its ISO week, as the file report writes it.
fn week_of(day: &str) -> String {
    let parts: Vec<i64> = day.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [y, m, d] => match Date::new(*y as i32, *m as u32, *d as u32) {
            Some(date) => {
                let (year, week) = date.iso_week();
                format!("{year}-W{week:02}")
            }
            None => day.to_string(),
        },
        _ => day.to_string(),
    }
}

/// The rows added up into a report, by the same code that adds up the rows of files.
pub fn to_report(rows: Vec<CellRow>, by: Dimension, filter: Filter, source: &str) -> Report {
    Report::from_rows(by, filter, vec![std::path::PathBuf::from(source)], rows)
}

/// Connect as the URL's user (a member of `vejviser_reader`) and read the report's rows.
pub fn read(
    url: &str,
    password: Option<&str>,
    by: Dimension,
    filter: Filter,
) -> Result<Vec<CellRow>, CentralError> {
    let target = Target::parse(url)?;
    let mut client = super::tls::connect(&target, password)?;
    // The same schema check as shipping: a report from a schema this program does not know
    // could count the wrong columns.
    super::schema::check(&mut client, &target.user)?;
    rows(&mut client, &target.user, by, filter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bounds_asked_for_are_in_the_query() {
        let none = report_sql(Dimension::Guide, Filter::default());
        assert!(!none.contains("WHERE"), "{none}");
        let day = Date::new(2026, 11, 23);
        let both = report_sql(
            Dimension::Site,
            Filter {
                since: day,
                until: day,
            },
        );
        assert!(
            both.contains("WHERE started >= $1 AND started <= $2"),
            "{both}"
        );
        let until = report_sql(
            Dimension::Hour,
            Filter {
                since: None,
                until: day,
            },
        );
        assert!(until.contains("WHERE started <= $1"), "{until}");
    }

    #[test]
    fn keys_are_made_as_over_files() {
        let v = |s: &[Option<&str>]| s.iter().map(|x| x.map(str::to_string)).collect::<Vec<_>>();
        assert_eq!(
            key_of(Dimension::Outcome, &v(&[Some("glemt-kode"), None])),
            "glemt-kode/-"
        );
        assert_eq!(key_of(Dimension::Kind, &v(&[None])), "-");
        assert_eq!(
            key_of(Dimension::Week, &v(&[Some("2026-11-23")])),
            "2026-W48"
        );
    }
}
