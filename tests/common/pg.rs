//! A private PostgreSQL cluster for tests: initdb in a temporary folder, a free port on
//! 127.0.0.1, password authentication, optionally TLS only. As root the server runs as the
//! `postgres` user (or `nobody`), since initdb refuses root. Without PostgreSQL the tests skip
//! with a clear line; with `CI` set they fail, since .ci/run installs it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The cluster's superuser and its password.
pub const ADMIN: &str = "vejviser_admin";
pub const ADMIN_PASSWORD: &str = "admin-test-password";

pub struct Cluster {
    dir: tempfile::TempDir,
    /// fsync on (benchmarks) or off (tests: faster, and a test never outlives a power cut).
    durable: bool,
    bin: PathBuf,
    pub port: u16,
    /// `Some(user)` when the server runs as another user than us.
    run_as: Option<String>,
    /// The server's certificate (PEM) when it requires TLS.
    pub cert: Option<PathBuf>,
}

/// The folder with initdb and pg_ctl: the newest /usr/lib/postgresql/*/bin, else PATH.
fn bin_dir() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    if let Some((_, bin)) = found.pop() {
        return Some(bin);
    }
    let out = Command::new("pg_config").arg("--bindir").output().ok()?;
    let bin = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    bin.join("initdb").is_file().then_some(bin)
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Skip (or, in CI, fail) when there is no PostgreSQL to start.
fn unavailable(why: &str) -> Option<Cluster> {
    if std::env::var_os("CI").is_some() {
        panic!(
            "PostgreSQL is needed for this test in CI ({why}); .ci/run installs Debian's postgresql"
        );
    }
    eprintln!("SKIPPED: no PostgreSQL server here ({why}); `apt-get install postgresql` runs it");
    None
}

impl Cluster {
    /// A cluster that accepts plain connections (and TLS ones, unchecked) with passwords.
    pub fn start() -> Option<Cluster> {
        Self::start_with(false, &std::env::temp_dir(), false)
    }

    /// As [`start`](Self::start), with the cluster's folder under `parent` (benchmarks keep
    /// their large cluster under target/), and with fsync on, as a real server has it. The
    /// server's user must be able to reach the folder.
    pub fn start_under(parent: &Path) -> Option<Cluster> {
        Self::start_with(false, parent, true)
    }

    /// A cluster that accepts TLS connections only, with a self-signed certificate for
    /// `localhost`.
    pub fn start_tls_only() -> Option<Cluster> {
        Self::start_with(true, &std::env::temp_dir(), false)
    }

    fn start_with(tls_only: bool, parent: &Path, durable: bool) -> Option<Cluster> {
        let Some(bin) = bin_dir() else {
            return unavailable("initdb not found in /usr/lib/postgresql/*/bin or PATH");
        };
        let run_as = if is_root() {
            ["postgres", "nobody"]
                .into_iter()
                .find(|u| {
                    Command::new("id")
                        .arg(u)
                        .output()
                        .is_ok_and(|o| o.status.success())
                })
                .map(str::to_string)
        } else {
            None
        };
        let dir = tempfile::Builder::new()
            .prefix("vejviser-pg-")
            .tempdir_in(parent)
            .unwrap();
        let mut cluster = Cluster {
            durable,
            dir,
            bin,
            port: free_port(),
            run_as,
            cert: None,
        };
        let pwfile = cluster.dir.path().join("pwfile");
        std::fs::write(&pwfile, ADMIN_PASSWORD).unwrap();
        cluster.give_away(cluster.dir.path());
        cluster.give_away(&pwfile);
        let data = cluster.data();
        let out = cluster.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                ADMIN,
                "--pwfile",
                pwfile.to_str().unwrap(),
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        assert!(out.status.success(), "initdb failed: {}", text(&out));
        if tls_only {
            cluster.require_tls();
        }
        // The free port is released before the server binds it, so a cluster starting at the
        // same moment (tests run in parallel) can take it first: then try another port.
        let mut tries = 0;
        loop {
            match cluster.try_start_server() {
                Ok(()) => break,
                Err(why) if tries < 8 && lost_the_port(&why) => {
                    tries += 1;
                    cluster.port = free_port();
                }
                Err(why) => panic!("pg_ctl start failed: {why}"),
            }
        }
        Some(cluster)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Hand a path to the server's user.
    fn give_away(&self, path: &Path) {
        if let Some(user) = &self.run_as {
            let ok = Command::new("chown")
                .args(["-R", &format!("{user}:"), path.to_str().unwrap()])
                .status()
                .unwrap();
            assert!(ok.success());
        }
    }

    fn run(&self, tool: &str, args: &[&str]) -> Output {
        let program = self.bin.join(tool);
        let mut command = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&program);
                c
            }
            None => Command::new(&program),
        };
        command
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    fn require_tls(&mut self) {
        let key = rcgen::KeyPair::generate().unwrap();
        let params = rcgen::CertificateParams::new(vec!["localhost".to_string()]).unwrap();
        let cert = params.self_signed(&key).unwrap();
        let data = self.data();
        std::fs::write(data.join("server.crt"), cert.pem()).unwrap();
        std::fs::write(data.join("server.key"), key.serialize_pem()).unwrap();
        {
            use std::os::unix::fs::PermissionsExt;
            let perms = std::fs::Permissions::from_mode(0o600);
            std::fs::set_permissions(data.join("server.key"), perms).unwrap();
        }
        let public = self.dir.path().join("ca.pem");
        std::fs::write(&public, cert.pem()).unwrap();
        self.cert = Some(public);
        let hba = "local all all scram-sha-256\n\
                   hostnossl all all 127.0.0.1/32 reject\n\
                   hostssl all all 127.0.0.1/32 scram-sha-256\n";
        std::fs::write(data.join("pg_hba.conf"), hba).unwrap();
        let mut conf = std::fs::read_to_string(data.join("postgresql.conf")).unwrap();
        conf.push_str("\nssl = on\n");
        std::fs::write(data.join("postgresql.conf"), conf).unwrap();
        self.give_away(&data);
    }

    fn start_server(&self) {
        if let Err(why) = self.try_start_server() {
            panic!("pg_ctl start failed: {why}");
        }
    }

    /// Start the server on `self.port`; on failure, what pg_ctl and the server's log said.
    fn try_start_server(&self) -> Result<(), String> {
        let data = self.data();
        let options = format!(
            "-c listen_addresses=127.0.0.1 -c port={} -c unix_socket_directories={} -c fsync={} \
             -c max_connections=120",
            self.port,
            self.dir.path().display(),
            if self.durable { "on" } else { "off" },
        );
        let log = self.dir.path().join("server.log");
        let out = self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-o",
                &options,
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        if out.status.success() {
            return Ok(());
        }
        Err(format!(
            "{}\n{}",
            text(&out),
            std::fs::read_to_string(&log).unwrap_or_default()
        ))
    }

    /// Stop the server at once, as a crash or a pulled cable would (no clean shutdown).
    pub fn stop(&self) {
        let data = self.data();
        let out = self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
        assert!(out.status.success(), "pg_ctl stop failed: {}", text(&out));
    }

    /// Start it again after [`stop`](Self::stop), on the same port.
    pub fn restart(&self) {
        self.start_server();
    }

    /// The folder with the server's Unix socket (for `psql -h`).
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// A program from the server's bin folder (psql), run as us.
    pub fn tool(&self, name: &str) -> PathBuf {
        self.bin.join(name)
    }

    /// A URL for `user` on database `db`. `query` is added as it is (e.g. `sslmode=disable`).
    pub fn url(&self, user: &str, db: &str, query: &str) -> String {
        let mut url = format!(
            "postgres://{user}@localhost:{}/{db}?hostaddr=127.0.0.1",
            self.port
        );
        if !query.is_empty() {
            url.push('&');
            url.push_str(query);
        }
        url
    }

    /// A superuser connection to `db`, over the cluster's Unix socket (so it works on a
    /// TLS-only cluster too).
    pub fn admin(&self, db: &str) -> postgres::Client {
        let mut config: postgres::Config = format!(
            "host={} port={} user={ADMIN} dbname={db}",
            self.dir.path().display(),
            self.port
        )
        .parse()
        .unwrap();
        config.password(ADMIN_PASSWORD);
        config.connect(postgres::NoTls).unwrap()
    }

    /// Make a database for a test.
    pub fn create_db(&self, name: &str) {
        self.admin("postgres")
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
    }

    /// A login role in `group` (vejviser_counter or vejviser_reader).
    pub fn create_user(&self, name: &str, password: &str, group: &str) {
        self.admin("postgres")
            .batch_execute(&format!(
                "CREATE ROLE {name} LOGIN PASSWORD '{password}' IN ROLE {group}"
            ))
            .unwrap();
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }
}

/// Whether a failed start was another process holding the port.
fn lost_the_port(why: &str) -> bool {
    why.contains("Address already in use") || why.contains("could not create any TCP/IP sockets")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
