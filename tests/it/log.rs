//! The anonymous case log (`vejviser::log`): what a case leaves behind, the CHECK constraints that
//! keep free text out of every column, schema migrations, durability settings, two processes on
//! one file, and what happens when the file cannot be opened or written.
//!
//! Cases are made the way the app makes them: a small guide is loaded in memory, walked with
//! `Walk`, turned into a `CaseRecord` and then into a `LogRow`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use rusqlite::{Connection, ErrorCode, params_from_iter};
use vejviser::case::{CaseRecord, Ending};
use vejviser::date::{Date, danish_hour};
use vejviser::guide::{Guide, InputFile, Library, OutcomeKind, load_files};
use vejviser::lang::Lang;
use vejviser::log::schema::MIGRATIONS;
use vejviser::log::{CaseKeeper, Log, LogError, LogRow, SaveState};
use vejviser::site::Site;
use vejviser::walk::Walk;

// ------------------------------------------------------------------------------------- fixture

const RULES: &str = r#"format = 1

[rules.aldrig-andres-mitid]
kind   = "must_not"
text   = "Brug aldrig en anden persons MitID."
why    = "En godkendelse tæller som en underskrift."
source = "https://mitid.dk"

[rules.kig-vaek]
kind   = "must"
text   = "Kig væk, mens borgeren taster sin kode."
why    = "Så kan ingen sige, at du kender koden."
source = "https://mitid.dk"
"#;

/// Two ways to an outcome without a must-not rule, one way to a refusal that shows one.
const GUIDE: &str = r#"format = 1

[guide]
title    = "Lille guide"
summary  = "En lille guide til at prøve loggen af."
start    = "hvem"
reviewed = 2026-11-01
sources  = ["https://example.org"]

[steps.hvem]
ask     = "Hvem står ved skranken?"
choices = [
  { label = "Borgeren selv", next = "samtykke", rules = ["kig-vaek"] },
  { label = "En pårørende alene", next = "afvis" },
]

[steps.samtykke]
ask     = "Siger borgeren ja til, at du hjælper ved skærmen?"
choices = [
  { label = "Ja", next = "goer-det" },
  { label = "Nej", next = "vejled" },
]

[outcomes.goer-det]
kind   = "do"
title  = "Gør det sammen"
helper = "Sid ved siden af; borgeren taster selv."

[outcomes.vejled]
kind   = "guide"
title  = "Vejled borgeren"
helper = "Vis vej på borger.dk."

[outcomes.afvis]
kind   = "refuse"
title  = "Du må ikke bruge en andens MitID"
helper = "Forklar venligt hvorfor."
rules  = ["aldrig-andres-mitid"]
"#;

const SITE: &str = "bibliotek-nord";

fn library() -> Library {
    let file = |name: &str, text: &str| InputFile {
        display: format!("guides/{name}"),
        relative: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    };
    let loaded = load_files(vec![
        file("rules.toml", RULES),
        file("skranke/lille.toml", GUIDE),
    ]);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.library
}

fn guide(library: &Library) -> Arc<Guide> {
    Arc::clone(library.guide("lille").unwrap())
}

/// Walk the guide answering `labels` in order, then end the case.
fn case(library: &Library, labels: &[&str], ending: Ending) -> CaseRecord {
    let mut walk = Walk::new(guide(library), Site::default()).unwrap();
    for label in labels {
        walk.choose_label(label).unwrap();
    }
    CaseRecord::of(&walk, library, ending)
}

fn finished(library: &Library) -> CaseRecord {
    case(library, &["Borgeren selv", "Ja"], Ending::Finished)
}

fn abandoned(library: &Library) -> CaseRecord {
    case(library, &["Borgeren selv"], Ending::Abandoned)
}

fn refused(library: &Library) -> CaseRecord {
    case(library, &["En pårørende alene"], Ending::Finished)
}

fn row(record: &CaseRecord) -> LogRow {
    LogRow::new(record, SITE).unwrap()
}

/// The columns of `cases`, in order, as the issue lists them (plus the row id).
const CASE_COLUMNS: &[&str] = &[
    "id",
    "started",
    "duration_min",
    "site",
    "guide",
    "guide_hash",
    "outcome",
    "outcome_kind",
    "path",
    "must_not_shown",
    "ending",
    "app_version",
    "case_id",
    "record_key",
];

/// Columns of `guide_versions` that hold lists of ids joined by `/`; an empty list is allowed.
const LIST_COLUMNS: &[&str] = &["steps", "outcomes", "rules"];

fn columns(conn: &Connection, table: &str) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT name, type FROM pragma_table_info('{table}')"
        ))
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn user_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn sqlite_code(err: &LogError) -> Option<ErrorCode> {
    match err {
        LogError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
        _ => None,
    }
}

// ----------------------------------------------------------------------- one row per case

#[test]
fn a_finished_case_is_one_row_with_exactly_the_listed_fields() {
    let library = library();
    let record = finished(&library);
    let row = row(&record);
    let (day, hour) = danish_hour(record.started);
    assert_eq!(
        row,
        LogRow {
            started: format!("{day} {hour:02}:00"),
            duration_min: 0,
            site: SITE.into(),
            guide: "lille".into(),
            guide_hash: guide(&library).hash.to_string(),
            outcome: Some("goer-det".into()),
            outcome_kind: Some("do".into()),
            path: "hvem/samtykke".into(),
            must_not_shown: false,
            ending: "finished".into(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            case_id: row.case_id.clone(),
            record_key: row.record_key,
        }
    );
    assert_eq!(row.guide_hash.len(), 16);
    // The id and key are random: 32 hex digits and a 32-bit number, new for every case.
    assert!(
        vejviser::log::ids::is_case_id(&row.case_id),
        "{}",
        row.case_id
    );
    assert!((0..=vejviser::log::schema::RECORD_KEY_MAX).contains(&row.record_key));
    let again = LogRow::new(&record, SITE).unwrap();
    assert_ne!(again.case_id, row.case_id);

    let dir = tempfile::tempdir().unwrap();
    let mut log = Log::open(&dir.path().join("sager.sqlite3")).unwrap();
    log.save(&row).unwrap();
    assert_eq!(log.rows().unwrap(), std::slice::from_ref(&row));

    // The table has exactly these columns and nothing else, and the stored values are the row's.
    let conn = log.connection();
    let names: Vec<String> = columns(conn, "cases").into_iter().map(|c| c.0).collect();
    assert_eq!(names, CASE_COLUMNS);
    let stored: Vec<String> = conn
        .query_row(
            "SELECT started, duration_min, site, guide, guide_hash, outcome, outcome_kind, path,
                    must_not_shown, ending, app_version, case_id, record_key FROM cases",
            [],
            |r| {
                (0..13)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i))
                    .collect()
            },
        )
        .map(|values: Vec<rusqlite::types::Value>| {
            values.into_iter().map(|v| format!("{v:?}")).collect()
        })
        .unwrap();
    assert_eq!(
        stored,
        [
            format!("Text({:?})", row.started),
            "Integer(0)".into(),
            format!("Text({SITE:?})"),
            "Text(\"lille\")".into(),
            format!("Text({:?})", row.guide_hash),
            "Text(\"goer-det\")".into(),
            "Text(\"do\")".into(),
            "Text(\"hvem/samtykke\")".into(),
            "Integer(0)".into(),
            "Text(\"finished\")".into(),
            format!("Text({:?})", env!("CARGO_PKG_VERSION")),
            format!("Text({:?})", row.case_id),
            format!("Integer({})", row.record_key),
        ]
    );
}

#[test]
fn an_abandoned_case_has_no_outcome_and_the_path_so_far() {
    let library = library();
    let row = row(&abandoned(&library));
    assert_eq!(row.outcome, None);
    assert_eq!(row.outcome_kind, None);
    assert_eq!(row.path, "hvem/samtykke");
    assert_eq!(row.ending, "abandoned");
    assert!(!row.must_not_shown);

    let mut log = Log::in_memory().unwrap();
    log.save(&row).unwrap();
    assert_eq!(log.rows().unwrap(), [row]);
    let nulls: (Option<String>, Option<String>) = log
        .connection()
        .query_row("SELECT outcome, outcome_kind FROM cases", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(nulls, (None, None));
}

#[test]
fn a_must_not_rule_shown_on_the_way_is_recorded() {
    let library = library();
    let row = row(&refused(&library));
    assert_eq!(row.outcome.as_deref(), Some("afvis"));
    assert_eq!(
        row.outcome_kind.as_deref(),
        Some(OutcomeKind::Refuse.code())
    );
    assert_eq!(row.path, "hvem");
    assert!(row.must_not_shown);
    // Backing out of the refusal and leaving still counts: the rule was on screen.
    let mut walk = Walk::new(guide(&library), Site::default()).unwrap();
    walk.choose_label("En pårørende alene").unwrap();
    let left = CaseRecord::of(&walk, &library, Ending::Abandoned);
    assert!(left.must_not_shown);
}

#[test]
fn the_start_is_kept_to_the_danish_hour_and_the_duration_to_the_nearest_minute() {
    let library = library();
    let mut record = finished(&library);
    // 2026-11-23 08:59:59 UTC is 09:59:59 in Copenhagen (winter time): minutes and seconds go.
    let start = UNIX_EPOCH
        + Duration::from_secs(
            Date::new(2026, 11, 23).unwrap().days_since_epoch() as u64 * 86_400 + 8 * 3600 + 3599,
        );
    for (secs, minutes) in [(0, 0), (29, 0), (30, 1), (89, 1), (90, 2), (754, 13)] {
        record.started = start;
        record.ended = start + Duration::from_secs(secs);
        let row = row(&record);
        assert_eq!(row.started, "2026-11-23 09:00");
        assert_eq!(row.duration_min, minutes, "{secs} s");
    }
    // A case left open over a weekend is capped at a day, which the CHECK allows.
    record.ended = start + Duration::from_secs(3 * 86_400);
    let long = row(&record);
    assert_eq!(long.duration_min, 1440);
    let mut log = Log::in_memory().unwrap();
    log.save(&long).unwrap();
}

#[test]
fn a_site_that_is_not_an_identifier_is_refused_before_any_sql() {
    let library = library();
    let record = finished(&library);
    let long = "a".repeat(65);
    for site in [
        "Bibliotek Nord",
        "",
        "jens@example.dk",
        "010190-1234",
        "sted-12345",
        &long,
    ] {
        match LogRow::new(&record, site) {
            Err(LogError::NotAnId(id)) => assert_eq!(id, site),
            other => panic!("{site:?}: expected NotAnId, got {other:?}"),
        }
    }
}

// ------------------------------------------------------------------ no free text in any column

const FREE_TEXT: &[&str] = &[
    "Jens Hansen bor på Vestergade 12",
    "010190-1234",
    "0101901234",
    "010190 1234",
    "33980010",
    "+4533980010",
    "33 98 00 10",
    "jens@example.dk",
    "Jens",
    "",
];

/// A valid value for every column of `cases`; each test below spoils exactly one.
fn valid_case() -> BTreeMap<&'static str, rusqlite::types::Value> {
    use rusqlite::types::Value::{Integer, Text};
    BTreeMap::from([
        ("started", Text("2026-11-23 09:00".into())),
        ("duration_min", Integer(7)),
        ("site", Text("bibliotek-nord".into())),
        ("guide", Text("faa-mitid".into())),
        ("guide_hash", Text("0123456789abcdef".into())),
        ("outcome", Text("goer-det".into())),
        ("outcome_kind", Text("do".into())),
        ("path", Text("hvem/samtykke".into())),
        ("must_not_shown", Integer(0)),
        ("ending", Text("finished".into())),
        ("app_version", Text("0.1.0".into())),
        ("case_id", Text("0123456789abcdef0123456789abcdef".into())),
        ("record_key", Integer(4_294_967_295)),
    ])
}

fn valid_version() -> BTreeMap<&'static str, rusqlite::types::Value> {
    use rusqlite::types::Value::Text;
    BTreeMap::from([
        ("site", Text("bibliotek-nord".into())),
        ("guide", Text("faa-mitid".into())),
        ("guide_hash", Text("0123456789abcdef".into())),
        ("steps", Text("hvem/kan-selv".into())),
        ("outcomes", Text("vejled/henvis".into())),
        ("rules", Text("aldrig-andres-mitid".into())),
    ])
}

fn insert(
    conn: &Connection,
    table: &str,
    values: &BTreeMap<&'static str, rusqlite::types::Value>,
) -> rusqlite::Result<usize> {
    let names: Vec<&str> = values.keys().copied().collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    conn.execute(
        &format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        ),
        params_from_iter(values.values()),
    )
}

fn assert_constraint(result: rusqlite::Result<usize>, what: &str) {
    match result {
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation => {}
        other => panic!("{what}: expected a constraint error, got {other:?}"),
    }
}

/// Every TEXT column of a table, from the schema itself, so a column added later is tried too.
fn text_columns(conn: &Connection, table: &str) -> Vec<String> {
    columns(conn, table)
        .into_iter()
        .filter(|(_, ty)| ty == "TEXT")
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn no_text_column_of_cases_accepts_free_text() {
    let log = Log::in_memory().unwrap();
    let conn = log.connection();
    let text = text_columns(conn, "cases");
    assert_eq!(
        text,
        [
            "started",
            "site",
            "guide",
            "guide_hash",
            "outcome",
            "outcome_kind",
            "path",
            "ending",
            "app_version",
            "case_id"
        ]
    );
    // The untouched row is accepted, so every failure below is the spoiled column's doing.
    insert(conn, "cases", &valid_case()).unwrap();
    for column in &text {
        for bad in FREE_TEXT {
            let mut values = valid_case();
            values.insert(
                column_name(column),
                rusqlite::types::Value::Text(bad.to_string()),
            );
            assert_constraint(
                insert(conn, "cases", &values),
                &format!("cases.{column} = {bad:?}"),
            );
        }
    }
    assert_eq!(count(conn, "cases"), 1, "only the valid row went in");
}

#[test]
fn no_text_column_of_guide_versions_accepts_free_text() {
    let log = Log::in_memory().unwrap();
    let conn = log.connection();
    let text = text_columns(conn, "guide_versions");
    assert_eq!(
        text,
        ["site", "guide", "guide_hash", "steps", "outcomes", "rules"]
    );
    insert(conn, "guide_versions", &valid_version()).unwrap();
    for column in &text {
        for bad in FREE_TEXT {
            if bad.is_empty() && LIST_COLUMNS.contains(&column.as_str()) {
                continue;
            }
            let mut values = valid_version();
            values.insert(
                column_name(column),
                rusqlite::types::Value::Text(bad.to_string()),
            );
            assert_constraint(
                insert(conn, "guide_versions", &values),
                &format!("guide_versions.{column} = {bad:?}"),
            );
        }
    }
    assert_eq!(count(conn, "guide_versions"), 1);
}

/// The `'static` key of a column name (the maps above are keyed by literals).
fn column_name(name: &str) -> &'static str {
    CASE_COLUMNS
        .iter()
        .chain(LIST_COLUMNS)
        .copied()
        .find(|c| *c == name)
        .unwrap_or_else(|| panic!("unknown column {name}"))
}

#[test]
fn the_other_columns_take_only_their_codes_and_numbers() {
    use rusqlite::types::Value::{Integer, Null, Real, Text};
    let log = Log::in_memory().unwrap();
    let conn = log.connection();
    let spoiled: &[(&str, rusqlite::types::Value)] = &[
        // STRICT: no text or real numbers in an INTEGER column.
        ("duration_min", Text("syv".into())),
        ("duration_min", Real(7.5)),
        ("duration_min", Integer(-1)),
        ("duration_min", Integer(1441)),
        ("must_not_shown", Integer(2)),
        ("must_not_shown", Text("ja".into())),
        // Fixed codes only.
        ("outcome_kind", Text("henvis".into())),
        ("ending", Text("closed".into())),
        // Times to the hour only, never to the minute.
        ("started", Text("2026-11-23 09:17".into())),
        ("started", Text("2026-11-23T09:00".into())),
        // Hashes are 16 lowercase hex digits.
        ("guide_hash", Text("0123456789ABCDEF".into())),
        ("guide_hash", Text("0123456789abcdef0".into())),
        // Identifiers: no capitals, spaces, double or edge hyphens, five digits in a row.
        ("guide", Text("faa--mitid".into())),
        ("guide", Text("-faa-mitid".into())),
        ("guide", Text("faa-mitid-".into())),
        ("guide", Text("sag-12345".into())),
        ("site", Text("x".repeat(65))),
        ("path", Text("/hvem".into())),
        ("path", Text("hvem//samtykke".into())),
        ("path", Text("hvem/".into())),
        ("path", Text("hvem/Samtykke".into())),
        // Case ids: exactly 32 lowercase hex digits; record keys 0 to 2^32 - 1.
        ("case_id", Text("0123456789ABCDEF0123456789ABCDEF".into())),
        ("case_id", Text("0123456789abcdef0123456789abcde".into())),
        ("case_id", Text("jens-hansen-vestergade-12-aarhus".into())),
        ("case_id", Text("0123456789abcdef 123456789abcdef".into())),
        ("case_id", Integer(7)),
        ("record_key", Integer(-1)),
        ("record_key", Integer(4_294_967_296)),
        ("record_key", Text("nøgle".into())),
        ("case_id", Null),
        ("record_key", Null),
        // Required columns.
        ("site", Null),
        ("path", Null),
        // An outcome needs its kind and the other way round.
        ("outcome", Null),
        ("outcome_kind", Null),
    ];
    for (column, value) in spoiled {
        let mut values = valid_case();
        values.insert(column, value.clone());
        assert_constraint(
            insert(conn, "cases", &values),
            &format!("{column} = {value:?}"),
        );
    }
    // A finished case must have an outcome; an abandoned one may lack it.
    let mut values = valid_case();
    values.insert("outcome", Null);
    values.insert("outcome_kind", Null);
    assert_constraint(insert(conn, "cases", &values), "finished without outcome");
    values.insert("ending", Text("abandoned".into()));
    insert(conn, "cases", &values).unwrap();
    assert_eq!(count(conn, "cases"), 1);
}

#[test]
fn a_hand_made_row_with_a_name_in_it_is_refused_by_the_database_itself() {
    // As if a bug elsewhere built a LogRow by hand: the database still says no.
    let library = library();
    let good = row(&finished(&library));
    let mut log = Log::in_memory().unwrap();
    for spoil in [
        |r: &mut LogRow| r.site = "Jens Hansen".into(),
        |r: &mut LogRow| r.path = "hvem/010190-1234".into(),
        |r: &mut LogRow| r.outcome = Some("jens@example.dk".into()),
        |r: &mut LogRow| r.app_version = "33980010".into(),
    ] {
        let mut bad = good.clone();
        spoil(&mut bad);
        let err = log.save(&bad).unwrap_err();
        assert_eq!(
            sqlite_code(&err),
            Some(ErrorCode::ConstraintViolation),
            "{bad:?}"
        );
    }
    assert!(log.rows().unwrap().is_empty());
}

#[test]
fn every_table_is_strict() {
    let log = Log::in_memory().unwrap();
    let mut stmt = log
        .connection()
        .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    let tables: Vec<(String, bool)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        tables,
        [
            ("cases".to_string(), true),
            ("guide_versions".to_string(), true),
            ("refused".to_string(), true),
            ("shipped".to_string(), true)
        ]
    );
}

// ---------------------------------------------------------------------- schema and migrations

#[test]
fn the_indexes_serve_the_reports() {
    let log = Log::in_memory().unwrap();
    let conn = log.connection();
    // An expression column (the day, the hour) has no name: it is shown as "(expr)".
    let index_columns = |name: &str| -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT coalesce(name, '(expr)') FROM pragma_index_info('{name}') ORDER BY seqno"
            ))
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' ORDER BY name")
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        names,
        [
            "cases_by_started",
            "cases_report_by_day",
            "cases_report_by_guide",
            "cases_report_by_hour",
            "cases_report_by_kind",
            "cases_report_by_site",
            "sqlite_autoindex_cases_1"
        ]
    );
    // Everything a report reads, in its GROUP BY order: a covering index scan per grouping.
    let tail = [
        "duration_min",
        "ending",
        "must_not_shown",
        "started",
        "record_key",
    ];
    for (index, lead) in [
        ("cases_report_by_guide", &["guide", "outcome"][..]),
        ("cases_report_by_kind", &["outcome_kind"][..]),
        ("cases_report_by_site", &["site"][..]),
        ("cases_report_by_day", &["(expr)"][..]),
        ("cases_report_by_hour", &["(expr)"][..]),
    ] {
        let expected: Vec<&str> = lead.iter().chain(&tail).copied().collect();
        assert_eq!(index_columns(index), expected, "{index}");
    }
    assert_eq!(index_columns("cases_by_started"), ["started"]);
    assert_eq!(index_columns("sqlite_autoindex_cases_1"), ["case_id"]);
}

#[test]
fn a_case_id_is_stored_once() {
    let log = Log::in_memory().unwrap();
    let conn = log.connection();
    insert(conn, "cases", &valid_case()).unwrap();
    let mut again = valid_case();
    again.insert("record_key", rusqlite::types::Value::Integer(0));
    assert_constraint(insert(conn, "cases", &again), "the same case_id twice");
    assert_eq!(count(conn, "cases"), 1);
}

/// A file of schema 5 (the last before case ids) holding `rows`, written as that version did.
fn schema_5_file(path: &Path, rows: &[LogRow]) {
    let mut conn = Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..5] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 5).unwrap();
    let tx = conn.transaction().unwrap();
    for r in rows {
        tx.execute(
            "INSERT INTO cases (started, duration_min, site, guide, guide_hash, outcome,
                outcome_kind, path, must_not_shown, ending, app_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            rusqlite::params![
                r.started,
                r.duration_min,
                r.site,
                r.guide,
                r.guide_hash,
                r.outcome,
                r.outcome_kind,
                r.path,
                r.must_not_shown,
                r.ending,
                r.app_version
            ],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

#[test]
fn a_schema_5_file_keeps_every_row_and_each_gets_its_own_random_id_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.sqlite3");
    let library = library();
    let made = [finished(&library), abandoned(&library), refused(&library)];
    let old_rows: Vec<LogRow> = (0..300).map(|n| row(&made[n % 3])).collect();
    schema_5_file(&path, &old_rows);

    let log = Log::open(&path).unwrap();
    assert_eq!(user_version(log.connection()), MIGRATIONS.len() as i64);
    let migrated = log.rows().unwrap();
    assert_eq!(migrated.len(), old_rows.len());
    // Every field the case had is kept, in the same order; only the id and key are new.
    let fields = |r: &LogRow| LogRow {
        case_id: String::new(),
        record_key: 0,
        ..r.clone()
    };
    assert_eq!(
        migrated.iter().map(fields).collect::<Vec<_>>(),
        old_rows.iter().map(fields).collect::<Vec<_>>()
    );
    let ids: std::collections::BTreeSet<&str> =
        migrated.iter().map(|r| r.case_id.as_str()).collect();
    assert_eq!(
        ids.len(),
        migrated.len(),
        "every migrated case has its own id"
    );
    assert!(ids.iter().all(|id| vejviser::log::ids::is_case_id(id)));
    assert!(
        !ids.iter()
            .any(|id| old_rows.iter().any(|r| r.case_id == *id))
    );
    let keys: std::collections::BTreeSet<i64> = migrated.iter().map(|r| r.record_key).collect();
    assert!(
        keys.iter()
            .all(|k| (0..=vejviser::log::schema::RECORD_KEY_MAX).contains(k))
    );
    // 300 draws from 2^32: a repeat is a one-in-a-hundred-thousand event; many mean no randomness.
    assert!(keys.len() >= 298, "{} distinct keys", keys.len());
    // Record keys spread over the whole range (not e.g. only small numbers).
    assert!(keys.iter().any(|&k| k > 1 << 31) && keys.iter().any(|&k| k < 1 << 31));
}

#[test]
fn case_ids_take_only_hex_even_from_a_program_that_bypasses_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let mut log = Log::open(&path).unwrap();
    let library = library();
    let good = row(&finished(&library));
    for bad in FREE_TEXT
        .iter()
        .map(|t| t.to_string())
        .chain(["jens hansen 0101901234 aarhus c".into(), "g".repeat(32)])
    {
        let mut spoiled = good.clone();
        spoiled.case_id = bad.clone();
        let err = log.save(&spoiled).unwrap_err();
        assert_eq!(
            sqlite_code(&err),
            Some(ErrorCode::ConstraintViolation),
            "{bad:?}"
        );
    }
    assert!(log.rows().unwrap().is_empty());
}

#[test]
fn the_published_migrations_never_change() {
    // A file of any older schema is upgraded by running the migrations it lacks, so a migration
    // once released must stay byte for byte the same. New ones are appended.
    for (n, sql) in MIGRATIONS.iter().enumerate() {
        insta::assert_snapshot!(format!("migration_{}", n + 1), sql);
    }
}

#[test]
fn a_database_of_the_first_schema_is_migrated_and_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gammel.sqlite3");
    let library = library();
    let old_rows = [
        row(&finished(&library)),
        row(&abandoned(&library)),
        row(&refused(&library)),
    ];
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        let mut log_like = conn;
        let tx = log_like.transaction().unwrap();
        for r in &old_rows {
            tx.execute(
                "INSERT INTO cases (started, duration_min, site, guide, guide_hash, outcome,
                    outcome_kind, path, must_not_shown, ending, app_version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                rusqlite::params![
                    r.started,
                    r.duration_min,
                    r.site,
                    r.guide,
                    r.guide_hash,
                    r.outcome,
                    r.outcome_kind,
                    r.path,
                    r.must_not_shown,
                    r.ending,
                    r.app_version
                ],
            )
            .unwrap();
        }
        tx.commit().unwrap();
        assert!(!columns(&log_like, "cases").is_empty());
        assert!(columns(&log_like, "guide_versions").is_empty());
    }

    let mut log = Log::open(&path).unwrap();
    // The same cases, each with a random id and key of its own (schema 6).
    let without_ids = |r: &LogRow| LogRow {
        case_id: String::new(),
        record_key: 0,
        ..r.clone()
    };
    let migrated = log.rows().unwrap();
    assert_eq!(
        migrated.iter().map(without_ids).collect::<Vec<_>>(),
        old_rows.iter().map(without_ids).collect::<Vec<_>>()
    );
    assert!(migrated.iter().all(|r| r.case_id.len() == 32));
    let conn = log.connection();
    assert_eq!(user_version(conn), MIGRATIONS.len() as i64);
    assert_eq!(
        columns(conn, "guide_versions")
            .into_iter()
            .map(|c| c.0)
            .collect::<Vec<_>>(),
        ["site", "guide", "guide_hash", "steps", "outcomes", "rules"]
    );
    let names: Vec<String> = columns(conn, "cases").into_iter().map(|c| c.0).collect();
    assert_eq!(names, CASE_COLUMNS);
    // The upgraded file takes new cases and still refuses free text.
    log.save(&row(&finished(&library))).unwrap();
    assert_eq!(log.rows().unwrap().len(), 4);
    let mut values = valid_case();
    values.insert("site", rusqlite::types::Value::Text("Jens Hansen".into()));
    assert_constraint(
        insert(log.connection(), "cases", &values),
        "after migration",
    );
    drop(log);

    // Opening again is a no-op: same version, same rows.
    let log = Log::open(&path).unwrap();
    assert_eq!(user_version(log.connection()), MIGRATIONS.len() as i64);
    assert_eq!(log.rows().unwrap().len(), 4);
}

#[test]
fn every_intermediate_schema_upgrades_too() {
    for applied in 0..=MIGRATIONS.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sager.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..applied] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", applied as i64)
                .unwrap();
        }
        let mut log = Log::open(&path).unwrap();
        assert_eq!(user_version(log.connection()), MIGRATIONS.len() as i64);
        log.save(&row(&finished(&library()))).unwrap();
        assert_eq!(log.rows().unwrap().len(), 1, "from schema {applied}");
    }
}

#[test]
fn a_database_from_a_newer_vejviser_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ny.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE fremtid (x INTEGER); INSERT INTO fremtid VALUES (1);")
            .unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Log::open(&path)
        .err()
        .expect("a newer schema must be refused");
    assert!(
        matches!(err, LogError::TooNew { found: 99, known } if known == MIGRATIONS.len() as i64),
        "{err:?}"
    );
    assert!(err.explain(Lang::Da).contains("nyere vejviser"));
    assert!(fs::read(&path).unwrap() == before, "the file was changed");

    // The keeper says why, keeps the case, and still leaves the file alone on retry.
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    keeper.keep(&finished(&library));
    keeper.retry();
    assert_failing(&keeper, "nyere vejviser", 1);
    assert!(fs::read(&path).unwrap() == before, "the file was changed");
}

fn assert_failing(keeper: &CaseKeeper, reason_contains: &str, waiting: usize) {
    match keeper.state(Lang::Da) {
        SaveState::Failing { reason, waiting: w } => {
            assert!(
                reason.contains(reason_contains),
                "reason {reason:?} should say {reason_contains:?}"
            );
            assert_eq!(w, waiting);
        }
        other => panic!("expected Failing, got {other:?}"),
    }
    assert_eq!(keeper.waiting(), waiting);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let library = library();
    for (name, bytes) in [
        ("kort.sqlite3", b"Dette er en indkoebsliste.\n".to_vec()),
        (
            "lang.sqlite3",
            "Sager fra skranken, ført i hånden.\n"
                .repeat(400)
                .into_bytes(),
        ),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, &bytes).unwrap();
        let err = Log::open(&path).err().expect("must refuse a text file");
        assert_eq!(sqlite_code(&err), Some(ErrorCode::NotADatabase), "{err:?}");
        assert!(err.explain(Lang::Da).contains("ikke en vejviser-database"));
        assert!(err.explain(Lang::En).contains("not a vejviser database"));
        assert!(fs::read(&path).unwrap() == bytes, "{name} was changed");

        let mut keeper = CaseKeeper::open(path.clone(), SITE);
        keeper.keep(&finished(&library));
        keeper.keep(&abandoned(&library));
        keeper.retry();
        assert_failing(&keeper, "ikke en vejviser-database", 2);
        assert!(fs::read(&path).unwrap() == bytes, "{name} was changed");
    }
}

#[test]
fn a_damaged_database_is_not_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    {
        let mut log = Log::open(&path).unwrap();
        let row = row(&finished(&library));
        for _ in 0..300 {
            log.save(&row.with_new_ids().unwrap()).unwrap();
        }
        log.connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    // Scribble over everything after the first page (the schema stays readable).
    let mut bytes = fs::read(&path).unwrap();
    let page: usize = u16::from_be_bytes([bytes[16], bytes[17]]).into();
    assert!(bytes.len() > 3 * page, "the test needs a few pages");
    for (i, b) in bytes.iter_mut().enumerate().skip(page) {
        *b = (i % 251) as u8;
    }
    fs::write(&path, &bytes).unwrap();
    let _ = fs::remove_file(dir.path().join("sager.sqlite3-wal"));
    let _ = fs::remove_file(dir.path().join("sager.sqlite3-shm"));

    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    keeper.keep(&finished(&library));
    keeper.retry();
    assert_failing(&keeper, "beskadiget", 1);
    assert!(
        fs::read(&path).unwrap() == bytes,
        "the damaged file was changed"
    );
}

// ------------------------------------------------------------------------------- durability

#[test]
fn a_file_log_uses_wal_full_sync_and_a_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let mut log = Log::open(&path).unwrap();
    let conn = log.connection();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "FULL");
    let busy: i64 = conn
        .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
        .unwrap();
    assert!(busy >= 1000, "busy timeout {busy} ms");

    // Each save is its own committed transaction: another connection sees it at once.
    let other = Connection::open(&path).unwrap();
    let library = library();
    for n in 1..=3 {
        log.save(&row(&finished(&library))).unwrap();
        assert!(log.connection().is_autocommit(), "no transaction left open");
        assert_eq!(count(&other, "cases"), n);
    }
}

#[test]
fn a_missing_folder_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/c/sager.sqlite3");
    let mut log = Log::open(&path).unwrap();
    log.save(&row(&finished(&library()))).unwrap();
    assert!(path.is_file());
}

// ------------------------------------------------------------------------- two processes

const CHILD_DB: &str = "VEJVISER_TEST_CHILD_DB";
const CHILD_SITE: &str = "VEJVISER_TEST_CHILD_SITE";
const PER_CHILD: usize = 500;

/// Not a test of its own: run (with `--ignored`) by `two_processes_log_to_one_file_at_once` as a
/// child process, which sets both variables.
#[test]
#[ignore = "a child process of two_processes_log_to_one_file_at_once"]
fn child_writes_500_cases() {
    let db = std::env::var_os(CHILD_DB).unwrap();
    let site = std::env::var(CHILD_SITE).unwrap();
    let library = library();
    let records = [finished(&library), abandoned(&library), refused(&library)];
    let mut log = Log::open(Path::new(&db)).unwrap();
    for n in 0..PER_CHILD {
        let row = LogRow::new(&records[n % records.len()], &site).unwrap();
        log.save(&row).unwrap();
    }
}

#[test]
fn two_processes_log_to_one_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    // A fresh path: both children also race to create the file and its schema.
    let db = dir.path().join("delt.sqlite3");
    let exe = std::env::current_exe().unwrap();
    // The child test's full name in this binary: its module path less the crate's name.
    let child_test = concat!(module_path!(), "::child_writes_500_cases");
    let child_test = child_test
        .split_once("::")
        .map_or(child_test, |(_, name)| name);
    let children: Vec<_> = ["proces-a", "proces-b"]
        .into_iter()
        .map(|site| {
            let child = Command::new(&exe)
                .args([
                    "--exact",
                    child_test,
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD_DB, &db)
                .env(CHILD_SITE, site)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            (site, child)
        })
        .collect();
    for (site, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{site} failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // The child really ran the writer (and not zero tests).
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("1 passed"),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let log = Log::open(&db).unwrap();
    let rows = log.rows().unwrap();
    assert_eq!(rows.len(), 2 * PER_CHILD);
    for site in ["proces-a", "proces-b"] {
        assert_eq!(rows.iter().filter(|r| r.site == site).count(), PER_CHILD);
    }
}

// ----------------------------------------------------------------- when the log cannot be written

/// Whether this process can write into a folder it has made read-only (root can).
fn permissions_bind(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let probe = dir.join("probe");
        fs::create_dir(&probe).unwrap();
        fs::set_permissions(&probe, fs::Permissions::from_mode(0o555)).unwrap();
        let blocked = fs::write(probe.join("x"), b"x").is_err();
        fs::set_permissions(&probe, fs::Permissions::from_mode(0o755)).unwrap();
        fs::remove_dir_all(&probe).unwrap();
        blocked
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

#[test]
fn a_folder_that_cannot_be_made_keeps_cases_waiting_until_it_can() {
    let dir = tempfile::tempdir().unwrap();
    // The folder's name is taken by a file, so it cannot be made, even by root.
    let blocker = dir.path().join("vejviser");
    fs::write(&blocker, b"en fil, ikke en mappe").unwrap();
    let path = blocker.join("sager.sqlite3");
    let library = library();

    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    assert!(matches!(
        keeper.state(Lang::Da),
        SaveState::Failing { waiting: 0, .. }
    ));
    keeper.keep(&finished(&library));
    keeper.keep(&abandoned(&library));
    assert_failing(&keeper, "mappen til sagsloggen kan ikke oprettes", 2);
    keeper.retry();
    assert_eq!(keeper.waiting(), 2);
    assert_eq!(fs::read(&blocker).unwrap(), b"en fil, ikke en mappe");

    // The way is cleared: the next retry writes both, oldest first.
    fs::remove_file(&blocker).unwrap();
    keeper.retry();
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    assert_eq!(keeper.waiting(), 0);
    let rows = Log::open(&path).unwrap().rows().unwrap();
    assert_eq!(
        rows.iter().map(|r| r.ending.as_str()).collect::<Vec<_>>(),
        ["finished", "abandoned"]
    );
}

#[test]
fn a_read_only_folder_keeps_cases_waiting_until_it_is_writable() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        if !permissions_bind(dir.path()) {
            println!(
                "note: running as a user that ignores folder permissions (root?); \
                 the read-only folder case is skipped (the blocked-folder test covers the keeper)"
            );
            return;
        }
        let folder = dir.path().join("laast");
        fs::create_dir(&folder).unwrap();
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
        let path = folder.join("sager.sqlite3");
        let library = library();
        let mut keeper = CaseKeeper::open(path.clone(), SITE);
        keeper.keep(&finished(&library));
        assert_failing(&keeper, "må ikke skrives i", 1);
        keeper.retry();
        assert_eq!(keeper.waiting(), 1);

        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
        keeper.retry();
        assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
        assert_eq!(Log::open(&path).unwrap().rows().unwrap().len(), 1);
    }
}

#[test]
fn a_full_disk_keeps_cases_waiting_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    keeper.keep(&finished(&library));
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);

    // Let the file grow by one page at most, then keep cases until it is "full".
    let conn = keeper.log().unwrap().connection();
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    conn.pragma_update(None, "max_page_count", pages + 1)
        .unwrap();
    let mut kept = 1;
    while keeper.waiting() == 0 {
        keeper.keep(&finished(&library));
        kept += 1;
        assert!(kept < 10_000, "the page limit never bit");
    }
    assert_failing(&keeper, "disken er fuld", 1);
    match keeper.state(Lang::En) {
        SaveState::Failing { reason, .. } => assert!(reason.contains("disk is full")),
        other => panic!("{other:?}"),
    }
    // More cases queue up behind it; nothing is lost.
    keeper.keep(&abandoned(&library));
    assert_failing(&keeper, "disken er fuld", 2);

    // Space again: the queue is written in order.
    let conn = keeper.log().unwrap().connection();
    conn.pragma_update(None, "max_page_count", 1_000_000)
        .unwrap();
    keeper.retry();
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    let rows = Log::open(&path).unwrap().rows().unwrap();
    assert_eq!(rows.len(), kept + 1);
    assert_eq!(rows.last().unwrap().ending, "abandoned");
}

#[test]
fn a_case_the_log_cannot_hold_does_not_block_the_cases_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);

    // An id the log refuses: five digits in a row. `check` refuses it in guide files too, so
    // only a bug elsewhere could hand the keeper such a case; it must still not block the rest.
    assert!(!vejviser::guide::parse::is_slug("blanket-12345"));
    let mut odd = finished(&library);
    odd.guide_id = "blanket-12345".into();
    keeper.keep(&odd);
    assert_failing(&keeper, "ikke gemt", 0);

    // A row the database itself refuses (a guide hash that breaks its CHECK): it is let go, not
    // retried for ever. (A long path used to be such a row; it is now stored, cut and marked.)
    let mut bad = finished(&library);
    bad.guide_hash = "ikke-en-hash".into();
    keeper.keep(&bad);
    assert_failing(&keeper, "ikke gemt", 0);

    keeper.keep(&finished(&library));
    keeper.keep(&abandoned(&library));
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    let rows = Log::open(&path).unwrap().rows().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r.guide == "lille" && r.path.len() < 100)
    );
}

#[test]
fn a_keeper_that_is_off_keeps_nothing() {
    let mut keeper = CaseKeeper::off();
    keeper.keep(&finished(&library()));
    assert_eq!(keeper.state(Lang::Da), SaveState::Off);
    assert_eq!(keeper.waiting(), 0);
}

#[test]
fn a_keeper_on_a_good_file_saves_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("sager.sqlite3");
    let library = library();
    let mut keeper = CaseKeeper::open(path.clone(), SITE);
    keeper.keep(&finished(&library));
    assert_eq!(keeper.state(Lang::Da), SaveState::Saved);
    // Committed, not merely queued: a separate reader sees it now.
    let other = Connection::open(&path).unwrap();
    assert_eq!(count(&other, "cases"), 1);
}
