//! The central configuration file and the password file: read as a user writes them, refused
//! with a clear message when they are wrong or readable by others.

use std::path::Path;
use std::time::Duration;

use vejviser::central::config::{CentralConfig, read_password_file};
use vejviser::central::{CentralError, SslMode};
use vejviser::lang::Lang;

fn write(dir: &Path, name: &str, text: &str, mode: u32) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    #[cfg(not(unix))]
    let _ = mode;
    path
}

#[test]
fn a_config_names_the_server_and_a_password_file_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "central.password", "hemmelig\n", 0o600);
    let path = write(
        dir.path(),
        "central.toml",
        "url = \"postgres://kasse_12@db.kommune.local/vejviser?sslrootcert=ca.pem\"\n\
         password_file = \"central.password\"\nbatch = 200\nevery_seconds = 30\n",
        0o644,
    );
    let config = CentralConfig::load(&path, true).unwrap().unwrap();
    assert_eq!(config.target.user, "kasse_12");
    assert_eq!(config.target.sslmode, SslMode::VerifyFull);
    assert_eq!(config.target.ca_file, Some(dir.path().join("ca.pem")));
    assert_eq!(config.batch, 200);
    assert_eq!(config.every, Duration::from_secs(30));
    assert_eq!(config.password().unwrap().as_deref(), Some("hemmelig"));
}

#[test]
fn no_config_file_means_no_central_server_unless_one_was_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("central.toml");
    assert!(CentralConfig::load(&missing, false).unwrap().is_none());
    let err = CentralConfig::load(&missing, true).unwrap_err();
    assert!(err.to_string().contains("central.toml"), "{err}");
}

#[test]
fn a_wrong_config_says_where_and_what() {
    let dir = tempfile::tempdir().unwrap();
    for (text, says) in [
        ("url = \"postgres://kasse:pw@db/v\"\n", "password"),
        (
            "url = \"postgres://kasse@db/v?sslmode=allow\"\n",
            "sslmode=allow",
        ),
        ("adresse = \"postgres://kasse@db/v\"\n", "adresse"),
        ("url = \"postgres://kasse@db/v\"\nbatch = 0\n", "batch"),
    ] {
        let path = write(dir.path(), "central.toml", text, 0o644);
        let err = CentralConfig::load(&path, true).unwrap_err();
        let message = err.message(Lang::En);
        assert!(message.contains("central.toml"), "{message}");
        assert!(message.contains(says), "{text}: {message}");
    }
}

#[cfg(unix)]
#[test]
fn a_password_file_others_can_read_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for mode in [0o644, 0o640, 0o604, 0o660] {
        let path = write(dir.path(), "pw", "hemmelig\n", mode);
        let err = read_password_file(&path).unwrap_err();
        assert!(
            matches!(err, CentralError::PasswordFileOpen { mode: m, .. } if m == mode),
            "{mode:o}: {err}"
        );
        assert!(err.message(Lang::Da).contains("chmod 600"));
    }
    let path = write(dir.path(), "pw", "hemmelig\r\n", 0o400);
    assert_eq!(read_password_file(&path).unwrap(), "hemmelig");
}

#[test]
fn an_empty_or_missing_password_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "pw", "\n", 0o600);
    assert!(matches!(
        read_password_file(&empty),
        Err(CentralError::PasswordFile { .. })
    ));
    let err = read_password_file(&dir.path().join("nope")).unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");
    // A folder is not a password file.
    assert!(read_password_file(dir.path()).is_err());
}

#[test]
fn line_mode_says_what_is_wrong_with_central_toml_and_still_saves_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "central.toml",
        "url = \"postgres://kasse@db/v?sslmode=maybe\"\n",
        0o644,
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(["walk", "boligstoette", "--answers", "2", "--central-config"])
        .arg(&config)
        .env("VEJVISER_DATA_DIR", dir.path())
        .env("VEJVISER_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("central.toml"), "{stderr}");
    assert!(stderr.contains("sslmode=maybe"), "{stderr}");
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Sagen er gemt."));
}
