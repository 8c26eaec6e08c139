//! The "done when", with the real program: two app instances (line mode) ship their
//! cases while the server is stopped and started again, and `vejviser report` on the server
//! shows every case once.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::pg::{ADMIN, ADMIN_PASSWORD, Cluster};

fn vejviser(pc: &Path, args: &[&str], password: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vejviser"));
    command
        .args(args)
        .env("VEJVISER_DATA_DIR", pc)
        .env("VEJVISER_CONFIG_DIR", pc)
        .env_remove("PGPASSWORD")
        .env_remove("VEJVISER_CENTRAL_PASSWORD");
    if let Some(password) = password {
        command.env("VEJVISER_CENTRAL_PASSWORD", password);
    }
    command.output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PC's folder with its `central.toml` naming the server as `user`.
fn pc(
    root: &Path,
    name: &str,
    cluster: &Cluster,
    user: &str,
    password: &str,
) -> std::path::PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let secret = dir.join("central.password");
    std::fs::write(&secret, format!("{password}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    std::fs::write(
        dir.join("central.toml"),
        format!(
            "url = \"{}\"\npassword_file = \"central.password\"\n",
            cluster.url(user, "vejviser", "sslmode=disable")
        ),
    )
    .unwrap();
    dir
}

fn walk(pc: &Path) -> Output {
    vejviser(pc, &["walk", "boligstoette", "--answers", "2"], None)
}

#[test]
fn two_instances_ship_through_a_server_restart_and_the_report_shows_each_case_once() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    cluster.create_db("vejviser");
    let root = tempfile::tempdir().unwrap();
    let init = vejviser(
        root.path(),
        &[
            "central",
            "init",
            &cluster.url(ADMIN, "vejviser", "sslmode=disable"),
        ],
        Some(ADMIN_PASSWORD),
    );
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    cluster.create_user("kasse_1", "pw-1", "vejviser_counter");
    cluster.create_user("kasse_2", "pw-2", "vejviser_counter");
    cluster.create_user("koordinator", "pw-k", "vejviser_reader");
    let pc1 = pc(root.path(), "pc1", &cluster, "kasse_1", "pw-1");
    let pc2 = pc(root.path(), "pc2", &cluster, "kasse_2", "pw-2");

    // With the server up, a case is saved and sent; nothing is said about waiting.
    let first = walk(&pc1);
    assert!(first.status.success(), "{}", stdout(&first));
    assert!(stdout(&first).contains("Sagen er gemt."));
    assert!(!stdout(&first).contains("venter"), "{}", stdout(&first));

    // With it stopped, the case is still saved, and line mode says it waits, and why.
    cluster.stop();
    let second = walk(&pc2);
    assert!(second.status.success(), "{}", stdout(&second));
    let said = stdout(&second);
    assert!(said.contains("Sagen er gemt."), "{said}");
    assert!(
        said.contains(
            "1 sag venter på at blive sendt til den centrale log: den centrale server svarer ikke"
        ),
        "{said}"
    );

    // Back again: the next run sends the waiting case with its own.
    cluster.restart();
    let third = walk(&pc2);
    assert!(!stdout(&third).contains("venter"), "{}", stdout(&third));
    let shipped = vejviser(&pc2, &["central", "ship"], None);
    assert_eq!(
        stdout(&shipped).trim(),
        "0 sager sendt (0 nye for serveren); 0 venter."
    );

    let report = vejviser(
        root.path(),
        &[
            "report",
            &cluster.url("koordinator", "vejviser", "sslmode=disable"),
            "--by",
            "site",
            "--exact",
            "--format",
            "csv",
        ],
        Some("pw-k"),
    );
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let count: i64 = cluster
        .admin("vejviser")
        .query_one("SELECT count(DISTINCT case_id) FROM vejviser.cases", &[])
        .unwrap()
        .get(0);
    assert_eq!(count, 3);
    let csv = stdout(&report);
    let total = csv.lines().last().unwrap_or_default();
    assert!(total.contains(";3;") || total.ends_with(";3"), "{csv}");
}
