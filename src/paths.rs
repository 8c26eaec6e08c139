//! Where vejviser keeps its files. Environment overrides let tests (and IT departments) choose.

use std::path::PathBuf;

/// The data folder: `VEJVISER_DATA_DIR`, else the platform's per-user data folder
/// (`~/.local/share/vejviser` on Linux, `%LOCALAPPDATA%\vejviser\data` on Windows).
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("VEJVISER_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("dk", "", "vejviser")
        .map(|d| d.data_local_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("vejviser-data"))
}

/// The configuration folder: `VEJVISER_CONFIG_DIR`, else the platform's per-user config folder
/// (`~/.config/vejviser` on Linux, `%APPDATA%\vejviser\config` on Windows).
pub fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("VEJVISER_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("dk", "", "vejviser")
        .map(|d| d.config_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("vejviser-config"))
}

/// Where handouts are written.
pub fn handout_dir() -> PathBuf {
    data_dir().join("udskrifter")
}

/// The default case log.
pub fn default_db() -> PathBuf {
    data_dir().join("sager.sqlite3")
}
