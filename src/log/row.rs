//! One log row, made only from a finished or abandoned case: the only way anything reaches the log.

use std::time::SystemTime;

use super::LogError;
use crate::case::CaseRecord;
use crate::date::danish_hour;
use crate::guide::parse::is_slug;

/// The version written into every row.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Exactly the columns of the `cases` table (also the lines of the recovery file).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LogRow {
    /// Danish local time, to the hour: `2026-11-23 09:00`.
    pub started: String,
    pub duration_min: i64,
    pub site: String,
    pub guide: String,
    pub guide_hash: String,
    pub outcome: Option<String>,
    pub outcome_kind: Option<String>,
    /// Step ids joined by `/`.
    pub path: String,
    pub must_not_shown: bool,
    pub ending: String,
    pub app_version: String,
    /// Random, 32 lowercase hex digits: the case's identity when logs are collected.
    /// Recovery files from before schema 6 lack it; such a row gets a fresh one when merged.
    #[serde(default)]
    pub case_id: String,
    /// Random, `0..=RECORD_KEY_MAX`: this case's part of a report cell's key.
    #[serde(default = "no_record_key")]
    pub record_key: i64,
}

/// Marks a recovery-file row without a record key (never a valid key).
fn no_record_key() -> i64 {
    -1
}

impl LogRow {
    /// The row for a case at a site. Fails (before any SQL) if an id is not an identifier.
    pub fn new(record: &CaseRecord, site: &str) -> Result<Self, LogError> {
        let (day, hour) = danish_hour(record.started);
        let row = LogRow {
            started: format!("{day} {hour:02}:00"),
            duration_min: minutes_between(record.started, record.ended),
            site: site.to_string(),
            guide: record.guide_id.clone(),
            guide_hash: record.guide_hash.clone(),
            outcome: record.outcome.as_ref().map(|(id, _)| id.clone()),
            outcome_kind: record
                .outcome
                .as_ref()
                .map(|(_, kind)| kind.code().to_string()),
            path: fit_path(&record.path),
            must_not_shown: record.must_not_shown,
            ending: record.ending.code().to_string(),
            app_version: APP_VERSION.to_string(),
            case_id: super::ids::new_case_id()?,
            record_key: super::ids::new_record_key()?,
        };
        let ids = [&row.site, &row.guide]
            .into_iter()
            .chain(row.outcome.as_ref())
            .chain(record.path.iter());
        for id in ids {
            if !is_log_id(id) {
                return Err(LogError::NotAnId(id.clone()));
            }
        }
        Ok(row)
    }
}

impl LogRow {
    /// The same case fields under a fresh id and record key (generated logs, tests, benches).
    pub fn with_new_ids(&self) -> Result<LogRow, LogError> {
        Ok(LogRow {
            case_id: super::ids::new_case_id()?,
            record_key: super::ids::new_record_key()?,
            ..self.clone()
        })
    }

    /// A row read from a recovery file written before schema 6 gets its random id and key now.
    pub fn fill_missing_ids(&mut self) -> Result<(), LogError> {
        if self.case_id.is_empty() {
            self.case_id = super::ids::new_case_id()?;
        }
        if self.record_key < 0 {
            self.record_key = super::ids::new_record_key()?;
        }
        Ok(())
    }
}

/// The longest path the `path` column takes (its CHECK in `schema.rs`).
pub const PATH_MAX: usize = 2000;

/// Marks where a path too long for the log was cut. Never a step id (ids do not start with a
/// hyphen), and allowed by the column's CHECK.
pub const TRUNCATED: &str = "-";

/// Step ids joined by `/`. A path longer than the column (a retry loop walked many times)
/// keeps its first and last steps with `/-/` between them, so it is stored, marked as cut.
fn fit_path(ids: &[String]) -> String {
    let full = ids.join("/");
    if full.len() <= PATH_MAX {
        return full;
    }
    let budget = PATH_MAX - TRUNCATED.len() - 2;
    let mut head = Vec::new();
    let mut used = 0;
    for id in ids {
        if used + id.len() + 1 > budget / 2 {
            break;
        }
        used += id.len() + 1;
        head.push(id.as_str());
    }
    let mut tail = Vec::new();
    for id in ids.iter().skip(head.len()).rev() {
        if used + id.len() + 1 > budget {
            break;
        }
        used += id.len() + 1;
        tail.push(id.as_str());
    }
    tail.reverse();
    let mut parts = head;
    parts.push(TRUNCATED);
    parts.extend(tail);
    parts.join("/")
}

/// The identifier rule of the log's CHECK constraints (see `schema.rs`): a slug of at most 64
/// characters with no run of five digits. Checked here too, so a row the database would refuse
/// never reaches it. On top of that, nothing the privacy scanner reads as a CPR number, phone
/// number or e-mail address with its digits split by dashes (`0102-03-1234`), which the CHECK
/// constraints cannot see.
fn is_log_id(id: &str) -> bool {
    let mut digits = 0;
    let no_long_number = id.bytes().all(|b| {
        digits = if b.is_ascii_digit() { digits + 1 } else { 0 };
        digits < 5
    });
    is_slug(id)
        && id.len() <= 64
        && no_long_number
        && crate::privacy::personal_number_in_id(id).is_none()
}

/// Whole minutes, rounded to the nearest, and capped at a day (a case left open overnight).
fn minutes_between(start: SystemTime, end: SystemTime) -> i64 {
    let secs = end.duration_since(start).map_or(0, |d| d.as_secs());
    ((secs + 30) / 60).min(1440) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn durations_round_to_the_nearest_minute_and_cap_at_a_day() {
        let t = SystemTime::UNIX_EPOCH;
        assert_eq!(minutes_between(t, t + Duration::from_secs(29)), 0);
        assert_eq!(minutes_between(t, t + Duration::from_secs(90)), 2);
        assert_eq!(
            minutes_between(t, t + Duration::from_secs(86_400 * 3)),
            1440
        );
        assert_eq!(minutes_between(t + Duration::from_secs(5), t), 0);
    }

    #[test]
    fn a_long_path_keeps_its_ends_and_is_marked_as_cut() {
        let ids: Vec<String> = (0..400).map(|n| format!("trin-{n}")).collect();
        let path = fit_path(&ids);
        assert!(path.len() <= PATH_MAX, "{}", path.len());
        assert!(path.starts_with("trin-0/trin-1/"));
        assert!(path.ends_with("/trin-398/trin-399"));
        assert_eq!(path.matches("/-/").count(), 1);
        let short: Vec<String> = vec!["a".into(), "b".into()];
        assert_eq!(fit_path(&short), "a/b");
    }

    #[test]
    fn log_ids_follow_the_database_rule() {
        assert!(is_log_id("trin-1234-ok"));
        assert!(is_log_id(&"a".repeat(64)));
        // CPR and phone shapes split by dashes, which have no run of five digits.
        for bad in [
            "010190-1234",
            "sag-12345",
            "",
            "Jens",
            &"a".repeat(65),
            "0102-03-1234",
            "jens-hansen-0102-03-1234",
            "ring-22-33-44-55",
        ] {
            assert!(!is_log_id(bad), "{bad}");
        }
    }
}
