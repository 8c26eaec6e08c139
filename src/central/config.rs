//! Which central server a PC ships to, and with which credentials. The server is named in a
//! file of its own (`central.toml` in the user's configuration folder, or `--central-config`),
//! never in the site file or the guide repository, since it goes with a password.
//!
//! ```toml
//! url = "postgres://kasse_12@db.kommune.local/vejviser"
//! password_file = "central.password"   # readable by you only; or VEJVISER_CENTRAL_PASSWORD
//! ```
//!
//! TLS is required, and the server's certificate checked, unless the URL says otherwise in
//! libpq's words: `?sslmode=require` (TLS without checking the certificate) or
//! `?sslmode=disable` (no TLS). `?sslrootcert=FILE` adds the municipality's own CA.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use super::CentralError;

/// The environment variable that holds the password, if no password file is named.
pub const PASSWORD_ENV: &str = "VEJVISER_CENTRAL_PASSWORD";

/// The largest configuration or password file read.
const FILE_CAP: u64 = 64 * 1024;

/// How strict TLS is. Only the default checks who the server is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    /// TLS, and the certificate must be valid for the host name (the default).
    VerifyFull,
    /// TLS without checking the certificate: encrypted, but anyone in between could answer.
    Require,
    /// No TLS at all: only for a server on this machine or a closed test network.
    Disable,
}

/// A server to connect to, without its password.
#[derive(Clone, Debug)]
pub struct Target {
    pub config: postgres::Config,
    pub sslmode: SslMode,
    /// Extra CA certificates to trust (PEM), from `sslrootcert`.
    pub ca_file: Option<PathBuf>,
    /// The user that connects, as the messages name it.
    pub user: String,
}

impl Target {
    /// Parse a `postgres://USER@HOST[:PORT]/DB[?…]` URL. A password in it is refused.
    pub fn parse(url: &str) -> Result<Self, CentralError> {
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut sslmode = SslMode::VerifyFull;
        let mut ca_file = None;
        let mut rest = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "sslmode" => {
                    sslmode = match value {
                        "verify-full" => SslMode::VerifyFull,
                        "require" => SslMode::Require,
                        "disable" => SslMode::Disable,
                        other => {
                            return Err(CentralError::BadUrl(format!(
                                "sslmode={other}: use verify-full (the default), require or disable"
                            )));
                        }
                    }
                }
                "sslrootcert" => ca_file = Some(PathBuf::from(percent_decoded(value))),
                "password" => return Err(CentralError::PasswordInUrl),
                _ => rest.push(pair),
            }
        }
        let rebuilt = if rest.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", rest.join("&"))
        };
        let mut config = postgres::Config::from_str(&rebuilt)
            .map_err(|err| CentralError::BadUrl(err.to_string()))?;
        if config.get_password().is_some() {
            return Err(CentralError::PasswordInUrl);
        }
        let Some(user) = config.get_user().map(str::to_string) else {
            return Err(CentralError::BadUrl(String::from(
                "no user: write it before the host, postgres://USER@HOST/DB",
            )));
        };
        if config.get_hosts().is_empty() {
            return Err(CentralError::BadUrl(String::from("no host")));
        }
        if config.get_dbname().is_none() {
            config.dbname("vejviser");
        }
        config.ssl_mode(match sslmode {
            SslMode::Disable => postgres::config::SslMode::Disable,
            _ => postgres::config::SslMode::Require,
        });
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        config.application_name("vejviser");
        Ok(Target {
            config,
            sslmode,
            ca_file,
            user,
        })
    }
}

/// `%2F` and the like in a URL's value.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The central log as `central.toml` configures it.
#[derive(Clone, Debug)]
pub struct CentralConfig {
    /// The file it was read from.
    pub path: PathBuf,
    pub target: Target,
    pub password_file: Option<PathBuf>,
    /// Cases per transaction.
    pub batch: usize,
    /// How often the worker looks for cases to ship when nothing nudges it.
    pub every: Duration,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    url: String,
    password_file: Option<PathBuf>,
    batch: Option<usize>,
    every_seconds: Option<u64>,
}

/// Cases per transaction unless the file says otherwise.
pub const DEFAULT_BATCH: usize = 500;

/// The worker's timer unless the file says otherwise.
pub const DEFAULT_EVERY: Duration = Duration::from_secs(60);

/// The configuration file used when `--central-config` is not given.
pub fn default_path() -> PathBuf {
    crate::paths::config_dir().join("central.toml")
}

impl CentralConfig {
    /// Read `path`. `Ok(None)` when it does not exist and was not asked for by name: a PC
    /// without a central server simply ships nowhere.
    pub fn load(path: &Path, named: bool) -> Result<Option<Self>, CentralError> {
        use crate::fsio::ReadError;
        let bad = |what: String| CentralError::Config {
            path: path.to_path_buf(),
            what,
        };
        let text = match crate::fsio::read_regular_text(path, FILE_CAP) {
            Ok(text) => text,
            Err(ReadError::NotFound) if !named => return Ok(None),
            Err(err) => return Err(bad(err.message(crate::lang::Lang::En))),
        };
        let file: File = toml::from_str(&text).map_err(|err| bad(err.to_string()))?;
        let target = Target::parse(&file.url).map_err(|err| bad(err.to_string()))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let batch = file.batch.unwrap_or(DEFAULT_BATCH);
        if !(1..=10_000).contains(&batch) {
            return Err(bad(format!("batch = {batch}: use 1 to 10000")));
        }
        let every = Duration::from_secs(file.every_seconds.unwrap_or(DEFAULT_EVERY.as_secs()));
        if every.is_zero() {
            return Err(bad(String::from("every_seconds = 0: use at least 1")));
        }
        let mut target = target;
        // A relative CA file is beside the configuration file, as the password file is.
        if let Some(ca) = target.ca_file.take() {
            target.ca_file = Some(dir.join(ca));
        }
        Ok(Some(CentralConfig {
            path: path.to_path_buf(),
            target,
            password_file: file.password_file.map(|p| dir.join(p)),
            batch,
            every,
        }))
    }

    /// The password: the password file if one is named, else the environment variable.
    pub fn password(&self) -> Result<Option<String>, CentralError> {
        match &self.password_file {
            Some(path) => read_password_file(path).map(Some),
            None => Ok(password_from_env()),
        }
    }
}

/// `VEJVISER_CENTRAL_PASSWORD`, else libpq's `PGPASSWORD`.
pub fn password_from_env() -> Option<String> {
    [PASSWORD_ENV, "PGPASSWORD"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|p| !p.is_empty())
}

/// A password file: its first line. On unix it must be readable by its owner only.
pub fn read_password_file(path: &Path) -> Result<String, CentralError> {
    let text = crate::fsio::read_regular_text(path, FILE_CAP).map_err(|err| {
        CentralError::PasswordFile {
            path: path.to_path_buf(),
            what: err.message(crate::lang::Lang::En),
        }
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o777);
        if mode & 0o077 != 0 {
            return Err(CentralError::PasswordFileOpen {
                path: path.to_path_buf(),
                mode: mode & 0o777,
            });
        }
    }
    let password = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if password.is_empty() {
        return Err(CentralError::PasswordFile {
            path: path.to_path_buf(),
            what: String::from("it is empty"),
        });
    }
    Ok(password.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_is_checked_unless_the_url_relaxes_it() {
        let target = Target::parse("postgres://kasse@db.example/vejviser").unwrap();
        assert_eq!(target.sslmode, SslMode::VerifyFull);
        assert_eq!(target.user, "kasse");
        let relaxed = Target::parse("postgres://kasse@db/v?sslmode=require").unwrap();
        assert_eq!(relaxed.sslmode, SslMode::Require);
        let off =
            Target::parse("postgresql://kasse@db/v?sslmode=disable&connect_timeout=3").unwrap();
        assert_eq!(off.sslmode, SslMode::Disable);
        assert_eq!(
            off.config.get_connect_timeout(),
            Some(&Duration::from_secs(3))
        );
        assert!(matches!(
            Target::parse("postgres://kasse@db/v?sslmode=prefer"),
            Err(CentralError::BadUrl(_))
        ));
    }

    #[test]
    fn a_password_in_the_url_is_refused() {
        for url in [
            "postgres://kasse:hemmelig@db/vejviser",
            "postgres://kasse@db/vejviser?password=hemmelig",
        ] {
            assert!(
                matches!(Target::parse(url), Err(CentralError::PasswordInUrl)),
                "{url}"
            );
        }
    }

    #[test]
    fn a_url_needs_a_user_and_a_host() {
        assert!(Target::parse("postgres://db/vejviser").is_err());
        assert!(Target::parse("nonsense").is_err());
    }

    #[test]
    fn sslrootcert_is_decoded() {
        let t = Target::parse("postgres://k@db/v?sslrootcert=%2Fetc%2Fca.pem").unwrap();
        assert_eq!(t.ca_file, Some(PathBuf::from("/etc/ca.pem")));
    }
}
