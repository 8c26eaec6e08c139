//! Calendar days and Danish time, through `jiff` with its bundled time-zone database (so the
//! Danish date is right on Windows and in containers without /usr/share/zoneinfo too).
//!
//! The log, the checks, handouts and reports only need whole days (and the log the hour), in
//! the time the counter staff live in: Europe/Copenhagen. Every date the program reads (guide
//! `reviewed` and `checked`, `--since`/`--until`, the log's days) goes through [`Date::parse`].

use std::fmt;
use std::time::SystemTime;

use jiff::civil;
use jiff::tz::TimeZone;

/// A calendar date (no time zone: guide dates are days).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A text that is not a date written as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23")]
pub struct DateError {
    pub text: String,
}

impl DateError {
    /// The problem in the user's language.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match lang {
            crate::lang::Lang::Da => format!(
                "`{}` er ikke en dato; skriv den som YYYY-MM-DD (år-måned-dag), fx 2026-11-23",
                self.text
            ),
            crate::lang::Lang::En => self.to_string(),
        }
    }
}

/// The time zone of the counters. The database is compiled in, so it cannot be missing; were
/// it ever, Danish standard time is the nearest safe answer.
fn copenhagen() -> &'static TimeZone {
    static ZONE: std::sync::OnceLock<TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| {
        jiff::tz::db()
            .get("Europe/Copenhagen")
            .unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(1)))
    })
}

/// An instant as a jiff timestamp; a clock before 1970 or beyond jiff's range counts as the
/// epoch, as it did before jiff.
fn timestamp(at: SystemTime) -> jiff::Timestamp {
    jiff::Timestamp::try_from(at).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let year = i16::try_from(year).ok()?;
        let month = i8::try_from(month).ok()?;
        let day = i8::try_from(day).ok()?;
        civil::Date::new(year, month, day)
            .ok()
            .map(Date::from_civil)
    }

    /// The one parser for a date the program reads: `YYYY-MM-DD` (four-digit year, one- or
    /// two-digit month and day), with space around it ignored. Anything else, a time of day
    /// included, is refused.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let error = || DateError {
            text: text.to_string(),
        };
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [year, month, day] = parts.as_slice() else {
            return Err(error());
        };
        let digits = |part: &str, widths: std::ops::RangeInclusive<usize>| {
            widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
        };
        if !(digits(year, 4..=4) && digits(month, 1..=2) && digits(day, 1..=2)) {
            return Err(error());
        }
        let number = |part: &str| part.parse::<u32>().map_err(|_| error());
        let year = i32::try_from(number(year)?).map_err(|_| error())?;
        Date::new(year, number(month)?, number(day)?).ok_or_else(error)
    }

    fn from_civil(date: civil::Date) -> Self {
        Date {
            year: i32::from(date.year()),
            month: date.month().unsigned_abs().into(),
            day: date.day().unsigned_abs().into(),
        }
    }

    /// As a jiff date. Every `Date` the program makes is valid (see [`Date::new`]); one built
    /// by hand that is not is clamped to the nearest valid day.
    fn civil(self) -> civil::Date {
        let year = i16::try_from(self.year).unwrap_or(if self.year < 0 { -9999 } else { 9999 });
        let month = i8::try_from(self.month.clamp(1, 12)).unwrap_or(1);
        let day = i8::try_from(self.day.clamp(1, 31)).unwrap_or(1);
        let year = year.clamp(-9999, 9999);
        civil::Date::new(year, month, day)
            .or_else(|_| civil::Date::new(year, month, 1).map(|d| d.last_of_month()))
            .unwrap_or(civil::Date::constant(1970, 1, 1))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        let epoch = civil::Date::constant(1970, 1, 1);
        self.civil()
            .since((jiff::Unit::Day, epoch))
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Self {
        let epoch = civil::Date::constant(1970, 1, 1);
        let date = jiff::Span::new()
            .try_days(days)
            .ok()
            .and_then(|span| epoch.checked_add(span).ok())
            .unwrap_or(epoch);
        Date::from_civil(date)
    }

    /// Today in Denmark.
    pub fn today() -> Self {
        Date::danish(SystemTime::now())
    }

    /// The Danish date at an instant: the injected clock behind [`Date::today`].
    pub fn danish(at: SystemTime) -> Self {
        danish_hour(at).0
    }
}

/// Danish local time (CET/CEST) of an instant, to the hour: the log stores when cases start in
/// the time the counter staff live in.
pub fn danish_hour(at: SystemTime) -> (Date, u32) {
    let local = timestamp(at).to_zoned(copenhagen().clone());
    (
        Date::from_civil(local.date()),
        local.hour().unsigned_abs().into(),
    )
}

impl Date {
    /// Monday = 0 … Sunday = 6.
    pub fn weekday(self) -> u32 {
        self.civil()
            .weekday()
            .to_monday_zero_offset()
            .unsigned_abs()
            .into()
    }

    /// The ISO 8601 week: (week-numbering year, week 1–53).
    pub fn iso_week(self) -> (i32, u32) {
        let week = self.civil().iso_week_date();
        (i32::from(week.year()), week.week().unsigned_abs().into())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_round_trip() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        let d = Date::new(2026, 11, 23).unwrap();
        assert_eq!(d.days_since_epoch(), 20_780);
        for n in [-1000, -1, 0, 59, 60, 11_016, 20_780, 30_000] {
            assert_eq!(Date::from_days_since_epoch(n).days_since_epoch(), n);
        }
    }

    #[test]
    fn invalid_dates_are_refused() {
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 4, 31).is_none());
    }

    fn at(secs: u64) -> SystemTime {
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)
    }

    #[test]
    fn danish_hour_follows_summer_time() {
        // 2026-03-29 00:59 UTC is 01:59 CET; 01:00 UTC is 03:00 CEST.
        let switch = Date::new(2026, 3, 29).unwrap().days_since_epoch() as u64 * 86_400 + 3_600;
        assert_eq!(
            danish_hour(at(switch - 60)),
            (Date::new(2026, 3, 29).unwrap(), 1)
        );
        assert_eq!(
            danish_hour(at(switch)),
            (Date::new(2026, 3, 29).unwrap(), 3)
        );
        // 2026-10-25 01:00 UTC is back to 02:00 CET.
        let back = Date::new(2026, 10, 25).unwrap().days_since_epoch() as u64 * 86_400 + 3_600;
        assert_eq!(
            danish_hour(at(back - 60)),
            (Date::new(2026, 10, 25).unwrap(), 2)
        );
        assert_eq!(danish_hour(at(back)), (Date::new(2026, 10, 25).unwrap(), 2));
        // 23:30 UTC on 31 December is already the next year in Denmark.
        let nye = Date::new(2026, 12, 31).unwrap().days_since_epoch() as u64 * 86_400 + 84_600;
        assert_eq!(danish_hour(at(nye)), (Date::new(2027, 1, 1).unwrap(), 0));
    }

    #[test]
    fn weekdays_and_iso_weeks() {
        assert_eq!(Date::new(2026, 11, 23).unwrap().weekday(), 0, "a Monday");
        assert_eq!(Date::new(2026, 11, 23).unwrap().iso_week(), (2026, 48));
        assert_eq!(Date::new(2027, 1, 1).unwrap().iso_week(), (2026, 53));
        assert_eq!(Date::new(2024, 12, 30).unwrap().iso_week(), (2025, 1));
    }

    #[test]
    fn displays_as_iso() {
        assert_eq!(Date::new(2026, 3, 7).unwrap().to_string(), "2026-03-07");
    }
}
