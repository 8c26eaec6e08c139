//! Dates and Danish time: the Danish day around midnight (UTC and Danish), summer time, and the
//! one date parser, with an injected clock (an instant passed in, never the machine's time).

use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use vejviser::date::{Date, danish_hour};
use vejviser::lang::Lang;

fn date(year: i32, month: u32, day: u32) -> Date {
    Date::new(year, month, day).expect("a valid date")
}

/// The instant `hh:mm:ss` UTC on a day.
fn utc(day: Date, h: u64, m: u64, s: u64) -> SystemTime {
    let days = u64::try_from(day.days_since_epoch()).expect("after 1970");
    UNIX_EPOCH + Duration::from_secs(days * 86_400 + h * 3_600 + m * 60 + s)
}

#[test]
fn the_danish_day_begins_at_danish_midnight() {
    // Winter (CET, UTC+1): 23:00 UTC is already tomorrow in Denmark.
    let day = date(2026, 12, 3);
    assert_eq!(Date::danish(utc(day, 22, 59, 59)), day);
    assert_eq!(Date::danish(utc(day, 23, 0, 0)), date(2026, 12, 4));
    assert_eq!(Date::danish(utc(day, 0, 0, 0)), day, "01:00 in Denmark");
    // Summer (CEST, UTC+2): from 22:00 UTC.
    let day = date(2026, 7, 1);
    assert_eq!(Date::danish(utc(day, 21, 59, 59)), day);
    assert_eq!(Date::danish(utc(day, 22, 0, 0)), date(2026, 7, 2));
    // New Year's Eve and a leap day.
    assert_eq!(
        Date::danish(utc(date(2026, 12, 31), 23, 30, 0)),
        date(2027, 1, 1)
    );
    assert_eq!(
        Date::danish(utc(date(2028, 2, 28), 23, 0, 0)),
        date(2028, 2, 29)
    );
}

#[test]
fn the_hour_follows_summer_time_changes() {
    // 2027: summer time starts on 28 March at 01:00 UTC (02:00 CET becomes 03:00 CEST) and ends
    // on 31 October at 01:00 UTC (03:00 CEST becomes 02:00 CET).
    let spring = date(2027, 3, 28);
    assert_eq!(danish_hour(utc(spring, 0, 59, 59)), (spring, 1));
    assert_eq!(danish_hour(utc(spring, 1, 0, 0)), (spring, 3));
    let autumn = date(2027, 10, 31);
    assert_eq!(danish_hour(utc(autumn, 0, 30, 0)), (autumn, 2), "CEST");
    assert_eq!(
        danish_hour(utc(autumn, 1, 30, 0)),
        (autumn, 2),
        "CET, the hour again"
    );
    assert_eq!(danish_hour(utc(autumn, 2, 0, 0)), (autumn, 3));
}

/// The EU summer-time rule, written out: the reference the time-zone database must agree with.
fn eu_rule(at: SystemTime) -> (Date, u32) {
    let secs =
        i64::try_from(at.duration_since(UNIX_EPOCH).expect("after 1970").as_secs()).expect("fits");
    let year = Date::from_days_since_epoch(secs.div_euclid(86_400)).year;
    let last_sunday = |month: u32| {
        let mut day = date(year, month, 31);
        while day.weekday() != 6 {
            day = Date::from_days_since_epoch(day.days_since_epoch() - 1);
        }
        day.days_since_epoch() * 86_400 + 3_600
    };
    let offset = if (last_sunday(3)..last_sunday(10)).contains(&secs) {
        7_200
    } else {
        3_600
    };
    let local = secs + offset;
    (
        Date::from_days_since_epoch(local.div_euclid(86_400)),
        u32::try_from(local.rem_euclid(86_400) / 3_600).expect("an hour"),
    )
}

#[test]
fn every_hour_from_2020_to_2035_agrees_with_the_eu_rule() {
    let start = utc(date(2020, 1, 1), 0, 30, 0);
    let end = utc(date(2035, 12, 31), 23, 30, 0);
    let mut at = start;
    let mut hours = 0;
    while at <= end {
        assert_eq!(danish_hour(at), eu_rule(at), "at {at:?}");
        at += Duration::from_secs(3_600);
        hours += 1;
    }
    assert!(hours > 140_000);
}

#[test]
fn days_weekdays_and_weeks_count_on_without_gaps() {
    let mut previous = Date::from_days_since_epoch(-800);
    for n in -799..25_000 {
        let day = Date::from_days_since_epoch(n);
        assert_eq!(day.days_since_epoch(), n);
        assert!(day > previous, "{day} after {previous}");
        assert_eq!(day.weekday(), (previous.weekday() + 1) % 7, "{day}");
        let (year, week) = day.iso_week();
        if day.weekday() == 0 {
            let (_, before) = previous.iso_week();
            assert!(week == 1 || week == before + 1, "{day} starts week {week}");
        } else {
            assert_eq!((year, week), previous.iso_week(), "{day}");
        }
        previous = day;
    }
    assert_eq!(date(1970, 1, 1).weekday(), 3, "a Thursday");
}

#[test]
fn one_parser_for_every_date() {
    for (text, expected) in [
        ("2026-11-23", date(2026, 11, 23)),
        (" 2026-11-23\n", date(2026, 11, 23)),
        ("2026-1-5", date(2026, 1, 5)),
        ("2024-02-29", date(2024, 2, 29)),
    ] {
        assert_eq!(Date::parse(text), Ok(expected), "{text:?}");
    }
    for text in [
        "",
        "2026",
        "2026-11",
        "2025-02-29",
        "2026-13-01",
        "2026-04-31",
        "2026-00-10",
        "26-11-23",
        "+2026-11-23",
        "2026-11-23T10:00",
        "2026-11-23 10:00",
        "2026-11--3",
        "2026-011-23",
        "23-11-2026",
        "2026/11/23",
        "２０２６-11-23",
    ] {
        let err = Date::parse(text).expect_err(text);
        assert!(
            err.message(Lang::Da)
                .contains("er ikke en dato; skriv den som YYYY-MM-DD (år-måned-dag)"),
            "{text:?}"
        );
        assert!(err.message(Lang::En).contains("YYYY-MM-DD"), "{text:?}");
    }
}

fn vejviser(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_bad_date_on_the_command_line_is_said_in_the_programs_language() {
    let (code, stderr) = vejviser(&["report", "--since", "2026-02-30"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("`2026-02-30` er ikke en dato; skriv den som YYYY-MM-DD (år-måned-dag)"),
        "{stderr}"
    );
    let (code, stderr) = vejviser(&["report", "--lang", "en", "--until", "23/11/2026"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("`23/11/2026` is not a date; write it as YYYY-MM-DD"),
        "{stderr}"
    );
}

#[test]
fn a_guide_date_goes_through_the_same_parser() {
    let dir = tempfile::tempdir().expect("temp dir");
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/clean/mitid/hjaelp-med-mitid.toml"),
    )
    .expect("fixture");
    assert!(guide.contains("reviewed = "));
    let today = Date::today();
    let with_today = guide
        .lines()
        .map(|line| {
            if line.starts_with("reviewed = ") {
                format!("reviewed = {today}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    for shared in ["rules.toml", "places.toml", "services.toml"] {
        std::fs::copy(fixture.join(shared), dir.path().join(shared)).expect("copy");
    }
    std::fs::write(dir.path().join("g.toml"), &with_today).expect("write");
    let path = dir.path().to_str().expect("UTF-8 path");
    let (code, stderr) = vejviser(&["check", path]);
    assert_eq!(code, Some(0), "{stderr}");
    let with_time = with_today.replace(
        &format!("reviewed = {today}"),
        &format!("reviewed = {today}T10:00:00"),
    );
    std::fs::write(dir.path().join("g.toml"), with_time).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["check", path])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("reviewed"), "{text}");
}
