//! The central server's side against a real PostgreSQL: `central init`, the two roles, the
//! anonymity CHECKs, idempotent batches, passwords, TLS and schema versions.

use crate::common;

use std::process::Command;

use common::pg::{ADMIN, ADMIN_PASSWORD, Cluster};
use vejviser::central::schema::{KNOWN, MIGRATIONS};
use vejviser::central::ship::Session;
use vejviser::central::{CentralError, Target};
use vejviser::lang::Lang;
use vejviser::log::LogRow;

fn row(n: u64) -> LogRow {
    LogRow {
        case_id: format!("{n:032x}"),
        record_key: (n * 7919 % 4_294_967_296) as i64,
        started: String::from("2026-11-23 09:00"),
        duration_min: (n % 30) as i64,
        site: String::from("borgerservice-nord"),
        guide: String::from("glemt-kode"),
        guide_hash: String::from("0123456789abcdef"),
        outcome: Some(String::from("nulstil-kode")),
        outcome_kind: Some(String::from("guide")),
        path: String::from("start/har-mitid"),
        must_not_shown: n.is_multiple_of(2),
        ending: String::from("finished"),
        app_version: String::from("0.1.0"),
    }
}

fn vejviser(args: &[&str], password: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(args)
        .env("VEJVISER_CENTRAL_PASSWORD", password)
        .env_remove("PGPASSWORD")
        .output()
        .unwrap()
}

/// A cluster with database `vejviser` set up by `vejviser central init`, a counter `kasse`
/// and a reader `koordinator`.
fn ready() -> Option<Cluster> {
    let cluster = Cluster::start()?;
    cluster.create_db("vejviser");
    let url = cluster.url(ADMIN, "vejviser", "sslmode=disable");
    let out = vejviser(&["central", "init", &url], ADMIN_PASSWORD);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    cluster.create_user("kasse", "kasse-pw", "vejviser_counter");
    cluster.create_user("koordinator", "koord-pw", "vejviser_reader");
    Some(cluster)
}

fn session(cluster: &Cluster, user: &str, password: &str) -> Result<Session, CentralError> {
    let target = Target::parse(&cluster.url(user, "vejviser", "sslmode=disable"))?;
    Session::open(&target, Some(password))
}

fn stored(cluster: &Cluster) -> i64 {
    cluster
        .admin("vejviser")
        .query_one("SELECT count(*) FROM vejviser.cases", &[])
        .unwrap()
        .get(0)
}

#[test]
fn init_creates_the_schema_once_and_says_so_the_second_time() {
    let Some(cluster) = ready() else { return };
    let url = cluster.url(ADMIN, "vejviser", "sslmode=disable");
    let again = vejviser(&["--lang", "en", "central", "init", &url], ADMIN_PASSWORD);
    assert!(again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .contains(&format!("already up to date: version {KNOWN}")),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let mut admin = cluster.admin("vejviser");
    let roles: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_roles WHERE rolname IN ('vejviser_counter', 'vejviser_reader') AND NOT rolcanlogin",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(roles, 2);
    let versions: i64 = admin
        .query_one("SELECT count(*) FROM vejviser.migrations", &[])
        .unwrap()
        .get(0);
    assert_eq!(versions, KNOWN);
}

#[test]
fn the_documented_sql_file_runs_in_psql_too() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    cluster.create_db("fromfile");
    let mut admin = cluster.admin("fromfile");
    let mut tx = admin.transaction().unwrap();
    // Every migration's file, in order, as the README's psql line runs them.
    for file in [
        "central.sql",
        "central-2-tallies.sql",
        "central-3-slots.sql",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(file);
        tx.batch_execute(&std::fs::read_to_string(path).unwrap())
            .unwrap();
    }
    tx.commit().unwrap();
    assert_eq!(
        MIGRATIONS.len(),
        3,
        "a new migration's file belongs in this test"
    );
    cluster.create_user("kasse2", "pw", "vejviser_counter");
    let target = Target::parse(&cluster.url("kasse2", "fromfile", "sslmode=disable")).unwrap();
    let mut s = Session::open(&target, Some("pw")).unwrap();
    assert_eq!(s.send(&[row(1)]).unwrap(), 1);
}

#[test]
fn a_batch_sent_twice_is_stored_once() {
    let Some(cluster) = ready() else { return };
    let mut s = session(&cluster, "kasse", "kasse-pw").unwrap();
    let batch: Vec<LogRow> = (1..=50).map(row).collect();
    assert_eq!(s.send(&batch).unwrap(), 50);
    assert_eq!(s.send(&batch).unwrap(), 0);
    // Overlapping: half old, half new.
    let overlap: Vec<LogRow> = (26..=75).map(row).collect();
    assert_eq!(s.send(&overlap).unwrap(), 25);
    assert_eq!(stored(&cluster), 75);
}

#[test]
fn the_counter_role_can_insert_but_never_read_change_or_delete() {
    let Some(cluster) = ready() else { return };
    let mut s = session(&cluster, "kasse", "kasse-pw").unwrap();
    s.send(&[row(1), row(2)]).unwrap();
    let mut counter = {
        let mut config: postgres::Config = format!(
            "host=127.0.0.1 port={} user=kasse dbname=vejviser",
            cluster.port
        )
        .parse()
        .unwrap();
        config.password("kasse-pw");
        config.connect(postgres::NoTls).unwrap()
    };
    for sql in [
        "SELECT * FROM vejviser.cases",
        "SELECT count(*) FROM vejviser.cases",
        "SELECT case_id FROM vejviser.cases WHERE guide = 'glemt-kode'",
        "UPDATE vejviser.cases SET guide = 'x'",
        "DELETE FROM vejviser.cases",
        "TRUNCATE vejviser.cases",
        // RETURNING would hand the row back: it needs SELECT too.
        "INSERT INTO vejviser.cases SELECT * FROM vejviser.cases RETURNING *",
        "COPY vejviser.cases TO STDOUT",
        // Nor the report roll-up (schema 2), which its own INSERTs keep up to date.
        "SELECT * FROM vejviser.tallies",
        "UPDATE vejviser.tallies SET cases = 0",
        "INSERT INTO vejviser.tallies VALUES ('site', 'y', '2026', 'a', '', 1, false, false, 1, 1)",
        "SELECT vejviser.tally(ARRAY[]::vejviser.cases[], -1)",
    ] {
        let err = counter.simple_query(sql).unwrap_err();
        let code = err.code().cloned();
        assert_eq!(
            code,
            Some(postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{sql}: {err}"
        );
    }
    let new_row = row(3);
    let err = counter
        .execute(
            "INSERT INTO vejviser.cases (case_id, record_key, started, duration_min, site, guide,
                guide_hash, outcome, outcome_kind, path, must_not_shown, ending, app_version)
             VALUES ($1, 1, '2026-11-23 09:00', 1, 'a', 'b', '0123456789abcdef', 'c', 'guide',
                'd', false, 'finished', '0.1.0')
             ON CONFLICT (case_id) DO UPDATE SET guide = 'x'",
            &[&new_row.case_id],
        )
        .unwrap_err();
    assert_eq!(
        err.code(),
        Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE)
    );
    // The reader sees every case.
    let reader = session(&cluster, "koordinator", "koord-pw").unwrap();
    assert!(!reader.server().id.is_empty());
    assert_eq!(stored(&cluster), 2);
}

#[test]
fn the_server_refuses_free_text_as_the_local_log_does() {
    let Some(cluster) = ready() else { return };
    let mut s = session(&cluster, "kasse", "kasse-pw").unwrap();
    let mut bad: Vec<LogRow> = Vec::new();
    let mut each = |n: u64, change: &dyn Fn(&mut LogRow)| {
        let mut r = row(n);
        change(&mut r);
        bad.push(r);
    };
    each(101, &|r| r.guide = String::from("Jens Hansen ringede"));
    each(102, &|r| r.site = String::from("jens@example.dk"));
    each(103, &|r| r.path = String::from("start/0101901234"));
    each(104, &|r| r.outcome = Some(String::from("ring-22334455")));
    each(105, &|r| r.app_version = String::from("borgeren er vred"));
    each(106, &|r| {
        r.case_id = String::from("Jens Hansen, Nørregade 1")
    });
    each(107, &|r| r.started = String::from("2026-11-23 09:17"));
    each(108, &|r| r.guide_hash = String::from("ikke en hash!"));
    each(109, &|r| r.record_key = -1);
    each(110, &|r| r.ending = String::from("solved it"));
    each(111, &|r| r.path = String::from("start//slut"));
    each(112, &|r| r.outcome_kind = None);
    for r in &bad {
        let err = s.send(std::slice::from_ref(r)).unwrap_err();
        assert!(matches!(err, CentralError::Refused(_)), "{r:?}: {err}");
    }
    // One bad case refuses its whole batch: nothing half-stored.
    let mut batch: Vec<LogRow> = (1..=10).map(row).collect();
    batch.push(bad[0].clone());
    assert!(s.send(&batch).is_err());
    assert_eq!(stored(&cluster), 0);
    assert!(s.send(&batch[..10]).is_ok());
}

#[test]
fn a_wrong_password_is_named_as_such() {
    let Some(cluster) = ready() else { return };
    let err = session(&cluster, "kasse", "forkert").err().unwrap();
    assert!(
        matches!(&err, CentralError::WrongPassword { user } if user == "kasse"),
        "{err}"
    );
    assert_eq!(
        err.message(Lang::Da),
        "den centrale server afviste adgangskoden for brugeren kasse"
    );
    let url = cluster.url(ADMIN, "vejviser", "sslmode=disable");
    let out = vejviser(&["central", "init", &url], "forkert");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("afviste adgangskoden"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_server_that_is_down_is_told_as_not_answering() {
    let Some(cluster) = ready() else { return };
    cluster.stop();
    let err = session(&cluster, "kasse", "kasse-pw").err().unwrap();
    assert!(matches!(err, CentralError::Unreachable(_)), "{err}");
    assert!(err.is_transient());
    cluster.restart();
    assert!(session(&cluster, "kasse", "kasse-pw").is_ok());
}

#[test]
fn an_older_program_ships_to_a_newer_schema_only_where_its_columns_still_fit() {
    let Some(cluster) = ready() else { return };
    let mut admin = cluster.admin("vejviser");
    // A later migration that adds a column with a default: programs that know this one may
    // still ship.
    admin
        .batch_execute(&format!(
            "ALTER TABLE vejviser.cases ADD COLUMN channel text NOT NULL DEFAULT 'counter';
             INSERT INTO vejviser.migrations VALUES ({}, {KNOWN});",
            KNOWN + 1
        ))
        .unwrap();
    let mut s = session(&cluster, "kasse", "kasse-pw").unwrap();
    assert_eq!(s.server().version, KNOWN + 1);
    assert_eq!(s.send(&[row(1)]).unwrap(), 1);
    // One whose new column has no default: programs that know only this one must stop.
    admin
        .batch_execute(&format!(
            "ALTER TABLE vejviser.cases ADD COLUMN language text;
             INSERT INTO vejviser.migrations VALUES ({0}, {0});",
            KNOWN + 2
        ))
        .unwrap();
    let err = session(&cluster, "kasse", "kasse-pw").err().unwrap();
    assert!(
        matches!(
            err,
            CentralError::SchemaTooNew {
                found,
                needs,
                known: KNOWN
            } if found == KNOWN + 2 && needs == KNOWN + 2
        ),
        "{err}"
    );
    assert!(err.message(Lang::Da).contains("opdatér vejviser"));
}

#[test]
fn a_server_without_the_schema_says_to_run_init() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    cluster.create_db("vejviser");
    cluster
        .admin("postgres")
        .batch_execute("CREATE ROLE kasse LOGIN PASSWORD 'pw'")
        .unwrap();
    let err = session(&cluster, "kasse", "pw").err().unwrap();
    assert!(matches!(err, CentralError::NoSchema), "{err}");
    assert!(err.message(Lang::En).contains("vejviser central init"));
}

#[test]
fn a_tls_only_server_is_reached_with_tls_and_refused_without() {
    let Some(cluster) = Cluster::start_tls_only() else {
        return;
    };
    cluster.create_db("vejviser");
    let mut admin = cluster.admin("vejviser");
    for sql in MIGRATIONS {
        admin.batch_execute(sql).unwrap();
    }
    cluster.create_user("kasse", "kasse-pw", "vejviser_counter");
    let open = |query: &str| {
        let target = Target::parse(&cluster.url("kasse", "vejviser", query)).unwrap();
        Session::open(&target, Some("kasse-pw"))
    };
    // No TLS at all: the server's pg_hba says no, and the message says why.
    let err = open("sslmode=disable").err().unwrap();
    assert!(matches!(err, CentralError::ServerRequiresTls(_)), "{err}");
    assert!(err.message(Lang::Da).contains("kræver TLS"));
    // The default checks the certificate: a self-signed one is not trusted...
    let err = open("").err().unwrap();
    assert!(matches!(err, CentralError::Certificate(_)), "{err}");
    assert!(err.message(Lang::Da).contains("certifikat"));
    // ...unless its CA is named,
    let ca = cluster.cert.as_ref().unwrap().display().to_string();
    let mut s = open(&format!("sslrootcert={ca}")).unwrap();
    assert_eq!(s.send(&[row(1)]).unwrap(), 1);
    // or checking is switched off explicitly.
    let mut s = open("sslmode=require").unwrap();
    assert_eq!(s.send(&[row(2)]).unwrap(), 1);
    let _ = ADMIN;
}

#[test]
fn a_plain_server_is_refused_by_the_default_tls_requirement() {
    let Some(cluster) = ready() else { return };
    // The test cluster has no TLS: the default (verify-full) must not fall back to plain text.
    let target = Target::parse(&cluster.url("kasse", "vejviser", "")).unwrap();
    let err = Session::open(&target, Some("kasse-pw")).err().unwrap();
    assert!(matches!(err, CentralError::ServerWithoutTls(_)), "{err}");
}
