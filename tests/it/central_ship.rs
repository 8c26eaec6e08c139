//! Shipping real local logs to a real PostgreSQL: first ship, a server that is down at start,
//! a server stopped in the middle of shipping, two copies of one log, a restart of the program,
//! and `vejviser central ship` from the command line.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::pg::{ADMIN, ADMIN_PASSWORD, Cluster};
use vejviser::central::config::CentralConfig;
use vejviser::central::ship::{Outbox, Session};
use vejviser::central::worker::{Backoff, OpenOutbox};
use vejviser::central::{CentralError, Shipper, Target};
use vejviser::lang::Lang;
use vejviser::log::{Log, LogRow};

const GUIDES: [&str; 4] = ["glemt-kode", "digital-post", "far-mitid", "boligstoette"];

/// Case `n` of a test log; `seed` keeps the ids of different logs apart.
fn case(seed: u64, n: u64) -> LogRow {
    let abandoned = n % 7 == 3;
    LogRow {
        case_id: format!("{seed:016x}{n:016x}"),
        record_key: ((n * 2_654_435_761) % 4_294_967_296) as i64,
        started: format!("2026-11-{:02} {:02}:00", 2 + n % 27, 8 + n % 9),
        duration_min: (n % 41) as i64,
        site: format!("kasse-{}", n % 3),
        guide: GUIDES[(n % 4) as usize].to_string(),
        guide_hash: String::from("0123456789abcdef"),
        outcome: (!abandoned).then(|| format!("udfald-{}", n % 5)),
        outcome_kind: (!abandoned)
            .then(|| ["guide", "do", "refer", "refuse"][(n % 4) as usize].into()),
        path: String::from("start/trin-2"),
        must_not_shown: n.is_multiple_of(11),
        ending: String::from(if abandoned { "abandoned" } else { "finished" }),
        app_version: String::from("0.1.0"),
    }
}

/// A log file at `path` with cases `range` of `seed`, written in one transaction.
fn make_log(path: &Path, seed: u64, range: std::ops::Range<u64>) {
    let mut log = Log::open(path).unwrap();
    log.connection().execute_batch("BEGIN").unwrap();
    for n in range {
        log.save(&case(seed, n)).unwrap();
    }
    log.connection().execute_batch("COMMIT").unwrap();
}

struct Setup {
    cluster: Cluster,
    dir: tempfile::TempDir,
}

/// A cluster with the schema, counters `kasse1`/`kasse2` and reader `koordinator`.
fn ready() -> Option<Setup> {
    let cluster = Cluster::start()?;
    cluster.create_db("vejviser");
    let target = Target::parse(&cluster.url(ADMIN, "vejviser", "sslmode=disable")).unwrap();
    let mut admin = vejviser::central::tls::connect(&target, Some(ADMIN_PASSWORD)).unwrap();
    vejviser::central::schema::init(&mut admin, ADMIN).unwrap();
    for user in ["kasse1", "kasse2"] {
        cluster.create_user(user, &format!("{user}-pw"), "vejviser_counter");
    }
    cluster.create_user("koordinator", "koord-pw", "vejviser_reader");
    Some(Setup {
        cluster,
        dir: tempfile::tempdir().unwrap(),
    })
}

impl Setup {
    fn config(&self, user: &str, batch: usize) -> CentralConfig {
        let pw = self.dir.path().join(format!("{user}.password"));
        std::fs::write(&pw, format!("{user}-pw\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        CentralConfig {
            path: self.dir.path().join("central.toml"),
            target: Target::parse(&self.cluster.url(user, "vejviser", "sslmode=disable")).unwrap(),
            password_file: Some(pw),
            batch,
            every: Duration::from_secs(3600),
        }
    }

    fn log_path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn session(&self, user: &str) -> Session {
        let config = self.config(user, 1);
        Session::open(&config.target, config.password().unwrap().as_deref()).unwrap()
    }

    /// (cases on the server, distinct case ids on the server).
    fn on_server(&self) -> (i64, i64) {
        let row = self
            .cluster
            .admin("vejviser")
            .query_one(
                "SELECT count(*), count(DISTINCT case_id) FROM vejviser.cases",
                &[],
            )
            .unwrap();
        (row.get(0), row.get(1))
    }

    fn shipper(&self, user: &str, log: &Path, batch: usize) -> Shipper {
        let path = log.to_path_buf();
        let open: OpenOutbox = Box::new(move || Ok(Box::new(Log::open(&path)?) as Box<dyn Outbox>));
        Shipper::spawn_with(
            self.config(user, batch),
            open,
            Lang::Da,
            Backoff::new(Duration::from_millis(50), Duration::from_millis(400)),
        )
    }
}

/// Wait until `done` holds, for at most a minute (the server and the worker run on their own).
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let end = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < end, "timed out waiting for: {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn waiting(log: &Path, server: &str) -> usize {
    Log::open(log).unwrap().waiting(Some(server)).unwrap()
}

#[test]
fn first_ship_sends_every_case_once_and_a_restarted_program_sends_nothing_again() {
    let Some(s) = ready() else { return };
    let log = s.log_path("sager.sqlite3");
    make_log(&log, 1, 0..1234);
    let shipper = s.shipper("kasse1", &log, 100);
    let state = shipper.settle(Duration::from_secs(60));
    assert_eq!(state.problem, None);
    assert_eq!(state.sent, 1234);
    assert_eq!(state.waiting, 0);
    assert_eq!(s.on_server(), (1234, 1234));
    drop(shipper);
    // The next start finds everything recorded as shipped.
    let mut session = s.session("kasse1");
    let mut local = Log::open(&log).unwrap();
    assert_eq!(session.ship_all(&mut local, 100).unwrap().sent, 0);
    // A case saved later goes with the next nudge.
    local.save(&case(1, 5000)).unwrap();
    let shipper = s.shipper("kasse1", &log, 100);
    let state = shipper.settle(Duration::from_secs(60));
    assert_eq!((state.sent, state.waiting), (1, 0));
    assert_eq!(s.on_server(), (1235, 1235));
}

#[test]
fn cases_wait_while_the_server_is_down_at_start_and_go_when_it_is_back() {
    let Some(s) = ready() else { return };
    let log = s.log_path("sager.sqlite3");
    make_log(&log, 2, 0..300);
    s.cluster.stop();
    let shipper = s.shipper("kasse1", &log, 50);
    let state = shipper.settle(Duration::from_secs(60));
    assert_eq!(state.waiting, 300);
    let line = state.line(Lang::Da).unwrap();
    assert!(
        line.starts_with("300 sager venter på at blive sendt til den centrale log: den centrale server svarer ikke"),
        "{line}"
    );
    // The app goes on saving meanwhile; the count follows.
    Log::open(&log).unwrap().save(&case(2, 300)).unwrap();
    wait_for("the new case counted as waiting", || {
        shipper.state().waiting == 301
    });
    s.cluster.restart();
    // No nudge: the backoff's own retry finds the server again.
    wait_for("every case shipped", || shipper.state().waiting == 0);
    assert_eq!(shipper.state().problem, None);
    assert_eq!(s.on_server(), (301, 301));
}

/// The local log, with the server stopped at one chosen moment of the shipping.
struct StopsServer<'a> {
    log: Log,
    cluster: &'a Cluster,
    /// Stop before sending this batch (counting from 1)...
    before_send: Option<usize>,
    /// ...or after the server committed this batch, before it is recorded locally.
    before_mark: Option<usize>,
    batches: usize,
    marks: usize,
}

impl Outbox for StopsServer<'_> {
    fn pending(&mut self, server: &str, limit: usize) -> Result<Vec<LogRow>, CentralError> {
        let rows = self.log.pending(server, limit)?;
        self.batches += 1;
        if self.before_send == Some(self.batches) {
            self.cluster.stop();
        }
        Ok(rows)
    }

    fn mark_shipped(&mut self, server: &str, ids: &[String]) -> Result<(), CentralError> {
        self.marks += 1;
        if self.before_mark == Some(self.marks) {
            self.cluster.stop();
            return Err(CentralError::Unreachable(String::from(
                "stopped by the test",
            )));
        }
        self.log.mark_shipped(server, ids)
    }

    fn mark_refused(&mut self, server: &str, ids: &[String]) -> Result<(), CentralError> {
        self.log.mark_refused(server, ids)
    }

    fn refused(&mut self, server: &str) -> Result<usize, CentralError> {
        self.log.refused(server)
    }

    fn waiting(&mut self, server: Option<&str>) -> Result<usize, CentralError> {
        self.log.waiting(server)
    }
}

#[test]
fn a_server_stopped_in_the_middle_of_a_batch_loses_nothing_and_stores_nothing_twice() {
    let Some(s) = ready() else { return };
    let log = s.log_path("sager.sqlite3");
    make_log(&log, 3, 0..1000);
    let mut session = s.session("kasse1");
    let server = session.server().id.clone();
    // Stopped with the fourth batch read but not yet committed.
    let mut outbox = StopsServer {
        log: Log::open(&log).unwrap(),
        cluster: &s.cluster,
        before_send: Some(4),
        before_mark: None,
        batches: 0,
        marks: 0,
    };
    let err = session.ship_all(&mut outbox, 100).unwrap_err();
    assert!(err.is_transient(), "{err}");
    assert_eq!(waiting(&log, &server), 700);
    s.cluster.restart();
    assert_eq!(s.on_server(), (300, 300));
    // Stopped after the server committed a batch but before the PC recorded it: that batch
    // is sent again, and the server keeps one copy.
    let mut session = s.session("kasse1");
    let mut outbox = StopsServer {
        log: Log::open(&log).unwrap(),
        cluster: &s.cluster,
        before_send: None,
        before_mark: Some(2),
        batches: 0,
        marks: 0,
    };
    assert!(session.ship_all(&mut outbox, 100).is_err());
    s.cluster.restart();
    assert_eq!(s.on_server(), (500, 500));
    assert_eq!(waiting(&log, &server), 600);
    let mut session = s.session("kasse1");
    let done = session
        .ship_all(&mut Log::open(&log).unwrap(), 100)
        .unwrap();
    assert_eq!((done.sent, done.stored), (600, 500));
    assert_eq!(s.on_server(), (1000, 1000));
    assert_eq!(waiting(&log, &server), 0);
}

#[test]
fn a_server_killed_while_the_worker_ships_ends_with_every_case_once() {
    let Some(s) = ready() else { return };
    let log = s.log_path("sager.sqlite3");
    make_log(&log, 4, 0..20_000);
    let shipper = s.shipper("kasse1", &log, 50);
    shipper.nudge();
    wait_for("the first batches on the server", || s.on_server().0 > 0);
    s.cluster.stop();
    std::thread::sleep(Duration::from_millis(300));
    s.cluster.restart();
    wait_for("every case shipped", || {
        let state = shipper.state();
        state.waiting == 0 && state.problem.is_none() && state.rounds > 1
    });
    assert_eq!(s.on_server(), (20_000, 20_000));
}

#[test]
fn two_copies_of_one_log_are_stored_once() {
    let Some(s) = ready() else { return };
    let first = s.log_path("kasse1.sqlite3");
    make_log(&first, 5, 0..400);
    let second = s.log_path("kasse2.sqlite3");
    std::fs::copy(&first, &second).unwrap();
    // The copy goes on with cases of its own.
    make_log(&second, 6, 0..50);
    let a = s.shipper("kasse1", &first, 64);
    let b = s.shipper("kasse2", &second, 64);
    wait_for("both copies shipped", || {
        let (a, b) = (a.state(), b.state());
        a.rounds > 0 && b.rounds > 0 && a.waiting == 0 && b.waiting == 0
    });
    assert_eq!(s.on_server(), (450, 450));
}

#[test]
fn central_ship_on_the_command_line_says_what_it_sent() {
    let Some(s) = ready() else { return };
    let log = s.log_path("sager.sqlite3");
    make_log(&log, 7, 0..25);
    let config = s.config("kasse1", 10);
    let toml = format!(
        "url = \"{}\"\npassword_file = \"{}\"\nbatch = 10\n",
        s.cluster.url("kasse1", "vejviser", "sslmode=disable"),
        config.password_file.as_ref().unwrap().display()
    );
    let file = s.dir.path().join("central.toml");
    std::fs::write(&file, toml).unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_vejviser"))
            .args(["--db", log.to_str().unwrap(), "--central-config"])
            .arg(&file)
            .args(["central", "ship"])
            .env_remove("VEJVISER_CENTRAL_PASSWORD")
            .output()
            .unwrap()
    };
    let out = run();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        said.trim(),
        "25 sager sendt (25 nye for serveren); 0 venter."
    );
    let out = run();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "0 sager sendt (0 nye for serveren); 0 venter."
    );
    // With the server away: a clear message and a failing exit code.
    s.cluster.stop();
    let out = run();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("den centrale server svarer ikke"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_case_the_server_refuses_is_recorded_once_and_holds_up_nothing() {
    let Some(s) = ready() else { return };
    let path = s.log_path("sager.sqlite3");
    make_log(&path, 9, 0..40);
    // A 31 April: the local log checks the form of a date, the server (schema 2) also that the
    // day exists. Written behind the log's back, as an older program might have.
    Log::open(&path)
        .unwrap()
        .connection()
        .execute(
            "UPDATE cases SET started = '2026-04-31 10:00' WHERE case_id = ?1",
            [case(9, 17).case_id],
        )
        .unwrap();
    let config = s.config("kasse1", 16);
    let mut session = s.session("kasse1");
    let server = session.server().id.clone();
    let mut log = Log::open(&path).unwrap();
    let done = session.ship_all(&mut log, config.batch).unwrap();
    assert_eq!((done.sent, done.stored, done.refused), (39, 39, 1));
    assert!(
        done.why_refused
            .as_deref()
            .is_some_and(|w| w.contains("cases_started_is_real")),
        "{done:?}"
    );
    assert_eq!(s.on_server(), (39, 39));
    assert_eq!(log.waiting(Some(&server)).unwrap(), 0);
    assert_eq!(log.refused(&server).unwrap(), 1);

    // After a restart it is neither sent again nor counted as waiting; the worker says so.
    let mut again = s.session("kasse1");
    let done = again.ship_all(&mut Log::open(&path).unwrap(), 16).unwrap();
    assert_eq!((done.sent, done.refused), (0, 0));
    let open_path = path.clone();
    let open: OpenOutbox =
        Box::new(move || Ok(Box::new(Log::open(&open_path)?) as Box<dyn Outbox>));
    let shipper = Shipper::spawn(config, open, Lang::Da);
    let state = shipper.settle(Duration::from_secs(20));
    assert_eq!((state.waiting, state.refused), (0, 1));
    let line = state.line(Lang::Da).unwrap_or_default();
    assert!(
        line.starts_with("1 sag er afvist af den centrale server og sendes ikke igen"),
        "{line}"
    );
}
