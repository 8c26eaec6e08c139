//! One log row, made only from a finished or abandoned case: the only way anything reaches the log.

use std::time::SystemTime;

use super::LogError;
use crate::case::CaseRecord;
use crate::date::danish_hour;
use crate::guide::parse::is_slug;

/// The version written into every row.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Exactly the columns of the `cases` table.
#[derive(Clone, Debug, PartialEq, Eq)]
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
            path: record.path.join("/"),
            must_not_shown: record.must_not_shown,
            ending: record.ending.code().to_string(),
            app_version: APP_VERSION.to_string(),
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
        && crate::guide::privacy::personal_number_in_id(id).is_none()
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
