//! Calendar days without a date crate: the log and the checks only need whole days.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

pub use crate::guide::model::Date;

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today in UTC.
    pub fn today() -> Self {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Self::from_days_since_epoch(secs.div_euclid(86_400))
    }
}

/// Danish local time (CET/CEST, EU summer-time rule) of an instant, to the hour: the log stores
/// when cases start in the time the counter staff live in, without a time-zone database.
pub fn danish_hour(at: SystemTime) -> (Date, u32) {
    let secs = at
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let utc_day = Date::from_days_since_epoch(secs.div_euclid(86_400));
    // Summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
    // Sunday of October.
    let start = last_sunday(utc_day.year, 3) * 86_400 + 3_600;
    let end = last_sunday(utc_day.year, 10) * 86_400 + 3_600;
    let offset = if (start..end).contains(&secs) {
        7_200
    } else {
        3_600
    };
    let local = secs + offset;
    let day = Date::from_days_since_epoch(local.div_euclid(86_400));
    (day, (local.rem_euclid(86_400) / 3_600) as u32)
}

/// Days since the epoch of the last Sunday of a month.
fn last_sunday(year: i32, month: u32) -> i64 {
    let last = Date {
        year,
        month,
        day: days_in_month(year, month),
    }
    .days_since_epoch();
    // 1970-01-01 was a Thursday: weekday 0 = Monday … 6 = Sunday.
    let weekday = (last + 3).rem_euclid(7);
    last - (weekday - 6).rem_euclid(7)
}

impl Date {
    /// Monday = 0 … Sunday = 6.
    pub fn weekday(self) -> u32 {
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }

    /// The ISO 8601 week: (week-numbering year, week 1–53).
    pub fn iso_week(self) -> (i32, u32) {
        let days = self.days_since_epoch();
        // The Thursday of this week decides the year.
        let thursday = days - i64::from(self.weekday()) + 3;
        let year = Date::from_days_since_epoch(thursday).year;
        let jan1 = Date {
            year,
            month: 1,
            day: 1,
        }
        .days_since_epoch();
        (year, ((thursday - jan1) / 7 + 1) as u32)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
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
        UNIX_EPOCH + std::time::Duration::from_secs(secs)
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
