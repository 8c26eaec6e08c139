//! `vejviser report postgres://…` equals `vejviser report FILES…` over the same cases, for every
//! grouping, date range and format, perturbed or exact; and only a reader may ask.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::pg::{ADMIN, ADMIN_PASSWORD, Cluster};
use vejviser::central::Target;
use vejviser::central::ship::Session;
use vejviser::log::{Log, LogRow};

const GUIDES: [&str; 5] = [
    "glemt-kode",
    "digital-post",
    "far-mitid",
    "boligstoette",
    "sjaelden-guide",
];

/// Case `n` of log `seed`: uneven groups, so some are small and suppressed.
fn case(seed: u64, n: u64) -> LogRow {
    let abandoned = n % 7 == 3;
    // The last guide gets only a handful of cases, so suppression has something to hide.
    let guide = if n.is_multiple_of(97) {
        4
    } else {
        (n * n % 4) as usize
    };
    LogRow {
        case_id: format!("{seed:016x}{n:016x}"),
        record_key: ((n * 2_654_435_761 + seed) % 4_294_967_296) as i64,
        started: format!(
            "2026-{:02}-{:02} {:02}:00",
            10 + n % 3,
            1 + n % 28,
            8 + n % 9
        ),
        duration_min: (n % 41) as i64,
        site: format!("kasse-{}", seed),
        guide: GUIDES[guide].to_string(),
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

fn make_log(path: &Path, seed: u64, count: u64) {
    let mut log = Log::open(path).unwrap();
    log.connection().execute_batch("BEGIN").unwrap();
    for n in 0..count {
        log.save(&case(seed, n)).unwrap();
    }
    log.connection().execute_batch("COMMIT").unwrap();
}

fn report(args: &[&str], password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .arg("report")
        .args(args)
        .env("VEJVISER_CENTRAL_PASSWORD", password)
        .env_remove("PGPASSWORD")
        .output()
        .unwrap()
}

/// The JSON report without the names of its sources (files or URL).
fn figures(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    if let Some(map) = json.as_object_mut() {
        map.remove("files");
        map.remove("sources");
    }
    json
}

#[test]
fn a_report_from_the_server_equals_the_report_over_the_same_files() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    cluster.create_db("vejviser");
    let admin = Target::parse(&cluster.url(ADMIN, "vejviser", "sslmode=disable")).unwrap();
    let mut client = vejviser::central::tls::connect(&admin, Some(ADMIN_PASSWORD)).unwrap();
    vejviser::central::schema::init(&mut client, ADMIN).unwrap();
    cluster.create_user("kasse", "kasse-pw", "vejviser_counter");
    cluster.create_user("koordinator", "koord-pw", "vejviser_reader");
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = [(1, 1500), (2, 700)]
        .iter()
        .map(|&(seed, count)| {
            let path = dir.path().join(format!("kasse-{seed}.sqlite3"));
            make_log(&path, seed, count);
            let counter = Target::parse(&cluster.url("kasse", "vejviser", "sslmode=disable"));
            let mut session = Session::open(&counter.unwrap(), Some("kasse-pw")).unwrap();
            session
                .ship_all(&mut Log::open(&path).unwrap(), 250)
                .unwrap();
            path.display().to_string()
        })
        .collect();
    let url = cluster.url("koordinator", "vejviser", "sslmode=disable");
    let mut compared = 0;
    for by in ["guide", "outcome", "kind", "site", "week", "hour"] {
        for dates in [
            &[][..],
            &["--since", "2026-10-05", "--until", "2026-11-20"][..],
        ] {
            for exact in [&[][..], &["--exact"][..]] {
                let mut args = vec!["--by", by, "--format", "json"];
                args.extend_from_slice(dates);
                args.extend_from_slice(exact);
                let mut over_files = args.clone();
                over_files.extend(files.iter().map(String::as_str));
                let mut over_server = args.clone();
                over_server.push(&url);
                let from_files = figures(&report(&over_files, ""));
                let from_server = figures(&report(&over_server, "koord-pw"));
                assert_eq!(from_server, from_files, "report {args:?}");
                compared += 1;
            }
        }
        // CSV too, whole (it names no sources).
        let csv = |source: &[&str], password| {
            let mut args = vec!["--by", by, "--format", "csv"];
            args.extend_from_slice(source);
            report(&args, password).stdout
        };
        let names: Vec<&str> = files.iter().map(String::as_str).collect();
        assert_eq!(csv(&[&url], "koord-pw"), csv(&names, ""), "csv by {by}");
    }
    assert_eq!(compared, 24);
    // Something was really suppressed, so suppression was compared too.
    let shown = report(&["--by", "guide", &url], "koord-pw");
    assert!(String::from_utf8_lossy(&shown.stdout).contains("<5"));
}

#[test]
fn a_counter_cannot_ask_the_server_for_a_report() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    cluster.create_db("vejviser");
    let admin = Target::parse(&cluster.url(ADMIN, "vejviser", "sslmode=disable")).unwrap();
    let mut client = vejviser::central::tls::connect(&admin, Some(ADMIN_PASSWORD)).unwrap();
    vejviser::central::schema::init(&mut client, ADMIN).unwrap();
    cluster.create_user("kasse", "kasse-pw", "vejviser_counter");
    let url = cluster.url("kasse", "vejviser", "sslmode=disable");
    let out = report(&["--by", "site", &url], "kasse-pw");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("tillader ikke dette for brugeren kasse"),
        "{said}"
    );
    // A URL and files at once is refused before anything is read.
    let out = report(&[&url, "sager.sqlite3"], "kasse-pw");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("uden logfiler"));
}
