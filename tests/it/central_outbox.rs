//! The local shipping record (schema 7) and the refused cases (schema 8), without a server: what waits, what is marked, and that
//! only random ids fit in it.

use vejviser::central::ship::Outbox;
use vejviser::log::{Log, LogRow};

fn case(n: u64) -> LogRow {
    LogRow {
        case_id: format!("{n:032x}"),
        record_key: n as i64,
        started: String::from("2026-11-23 09:00"),
        duration_min: 3,
        site: String::from("kasse"),
        guide: String::from("glemt-kode"),
        guide_hash: String::from("0123456789abcdef"),
        outcome: Some(String::from("nulstil")),
        outcome_kind: Some(String::from("guide")),
        path: String::from("start"),
        must_not_shown: false,
        ending: String::from("finished"),
        app_version: String::from("0.1.0"),
    }
}

const SERVER_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SERVER_B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

#[test]
fn pending_cases_come_oldest_first_and_leave_once_marked_for_that_server() {
    let mut log = Log::in_memory().unwrap();
    for n in 1..=10 {
        log.save(&case(n)).unwrap();
    }
    let first = log.pending(SERVER_A, 4).unwrap();
    assert_eq!(first, (1..=4).map(case).collect::<Vec<_>>());
    let ids: Vec<String> = first.iter().map(|r| r.case_id.clone()).collect();
    log.mark_shipped(SERVER_A, &ids).unwrap();
    // Marking twice is harmless (a batch recorded again after a retry).
    log.mark_shipped(SERVER_A, &ids).unwrap();
    assert_eq!(log.waiting(Some(SERVER_A)).unwrap(), 6);
    assert_eq!(log.pending(SERVER_A, 100).unwrap()[0], case(5));
    // Another server (a re-initialised one has a new id) has none of them.
    assert_eq!(log.waiting(Some(SERVER_B)).unwrap(), 10);
    // Before any server is known: what is on no server at all.
    assert_eq!(log.waiting(None).unwrap(), 6);
}

#[test]
fn the_shipping_record_takes_random_ids_only() {
    let log = Log::in_memory().unwrap();
    for (case_id, server) in [
        ("Jens Hansen", SERVER_A),
        ("0101901234", SERVER_A),
        (&*"0".repeat(32), "db.kommune.dk"),
        (&*"A".repeat(32), SERVER_A),
    ] {
        let err = log
            .connection()
            .execute(
                "INSERT INTO shipped (case_id, server) VALUES (?1, ?2)",
                [case_id, server],
            )
            .unwrap_err();
        assert!(
            err.to_string().contains("CHECK"),
            "{case_id} {server}: {err}"
        );
        let err = log
            .connection()
            .execute(
                "INSERT INTO refused (case_id, server) VALUES (?1, ?2)",
                [case_id, server],
            )
            .unwrap_err();
        assert!(
            err.to_string().contains("CHECK"),
            "refused {case_id} {server}: {err}"
        );
    }
}

#[test]
fn refused_cases_leave_what_waits_for_that_server_only() {
    let mut log = Log::in_memory().unwrap();
    for n in 1..=5 {
        log.save(&case(n)).unwrap();
    }
    let refused = [case(2).case_id, case(4).case_id];
    log.mark_refused(SERVER_A, &refused).unwrap();
    log.mark_refused(SERVER_A, &refused[..1]).unwrap();
    assert_eq!(log.refused(SERVER_A).unwrap(), 2);
    assert_eq!(log.waiting(Some(SERVER_A)).unwrap(), 3);
    let pending: Vec<LogRow> = log.pending(SERVER_A, 10).unwrap();
    assert_eq!(pending, [case(1), case(3), case(5)]);
    // Another server may take them.
    assert_eq!(log.refused(SERVER_B).unwrap(), 0);
    assert_eq!(log.pending(SERVER_B, 10).unwrap().len(), 5);
}

#[test]
fn a_schema_6_log_upgrades_with_every_case_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sager.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &vejviser::log::schema::MIGRATIONS[..6] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 6).unwrap();
        for n in 1..=3 {
            let r = case(n);
            conn.execute(
                "INSERT INTO cases (started, duration_min, site, guide, guide_hash, outcome,
                    outcome_kind, path, must_not_shown, ending, app_version, case_id, record_key)
                 VALUES (?1, 3, 'kasse', 'glemt-kode', '0123456789abcdef', 'nulstil', 'guide',
                    'start', 0, 'finished', '0.1.0', ?2, ?3)",
                rusqlite::params![r.started, r.case_id, r.record_key],
            )
            .unwrap();
        }
    }
    let mut log = Log::open(&path).unwrap();
    assert_eq!(log.waiting(None).unwrap(), 3);
    assert_eq!(log.pending(SERVER_A, 10).unwrap().len(), 3);
}
