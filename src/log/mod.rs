//! The anonymous case log: one SQLite row per case, holding identifiers, codes and times only.

pub mod archive;
pub mod ids;
mod keeper;
mod row;
pub mod schema;
mod store;
mod versions;
mod writer;

use thiserror::Error;

pub use keeper::{CaseKeeper, SaveState, recovery_path};
pub use row::LogRow;
pub use store::Log;
pub use writer::{BackgroundKeeper, Saved};

#[derive(Debug, Error)]
pub enum LogError {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the folder for the log could not be made: {0}")]
    Folder(std::io::Error),
    #[error("the log was written by a newer vejviser (schema {found}; this version knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error(
        "the log cannot use write-ahead logging here (journal mode {0}); is it on a network folder?"
    )]
    NoWal(String),
    #[error("not an identifier: {0:?}")]
    NotAnId(String),
    /// `PRAGMA quick_check` found damage: the file is never written to.
    #[error("the log file is damaged: {0}")]
    Damaged(String),
    /// The file's tables, indexes, triggers or views differ from the ones vejviser makes.
    #[error("the log's schema has been changed by hand ({0})")]
    SchemaAltered(String),
    /// An insert that changed no row (or several): something in the file is not ours.
    #[error("a case was not stored: the insert changed {0} rows")]
    NotStored(usize),
    /// `--db` names a folder, a device or something else that is not a file.
    #[error("the log path is not a file (a folder or a device)")]
    NotAFile,
    /// `export` was asked for a log that does not exist; `collect` for a file that does not.
    #[error("{0}: no such log file")]
    NoLog(std::path::PathBuf),
    /// A log of schema 1–5 has no case ids, so it cannot be collected without duplicates.
    #[error(
        "the log is of schema {0}, without case ids; open it once with this vejviser (or export it) first"
    )]
    NoCaseIds(i64),
    /// What went wrong, and in which of several files.
    #[error("{}: {source}", file.display())]
    InFile {
        file: std::path::PathBuf,
        source: Box<LogError>,
    },
    #[error("{0}")]
    Write(#[from] crate::fsio::WriteError),
    /// The operating system gave no random numbers for a case's id and record key.
    #[error("no random numbers from the operating system: {0}")]
    NoRandomness(String),
}

impl LogError {
    /// The database refused this row itself (a CHECK, NOT NULL or type constraint): saving the
    /// same row again can never succeed.
    pub fn is_refused_row(&self) -> bool {
        matches!(
            self,
            LogError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation
        )
    }

    /// A plain-language reason for the status line, in the helper's language.
    pub fn explain(&self, lang: crate::lang::Lang) -> String {
        use rusqlite::ErrorCode;
        match self {
            LogError::InFile { file, source } => {
                return format!("{}: {}", file.display(), source.explain(lang));
            }
            LogError::NoLog(file) => {
                return format!(
                    "{}: {}",
                    file.display(),
                    lang.pick("der er ingen sagslog her", "there is no case log here")
                );
            }
            LogError::NoCaseIds(version) => {
                return match lang {
                    crate::lang::Lang::Da => format!(
                        "loggen er fra skema {version} uden sags-id'er; åbn den én gang med denne vejviser (eller eksportér den) først"
                    ),
                    crate::lang::Lang::En => self.to_string(),
                };
            }
            LogError::Write(err) => return err.message(lang),
            _ => {}
        }
        let da = lang == crate::lang::Lang::Da;
        let code = match self {
            LogError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
            _ => None,
        };
        let text = match (self, code) {
            (LogError::NotAFile, _) => {
                if da {
                    "stien til loggen er en mappe eller en enhed, ikke en fil; giv --db et filnavn"
                } else {
                    "the log's path is a folder or a device, not a file; give --db a file name"
                }
            }
            (_, Some(ErrorCode::DiskFull)) => {
                if da {
                    "disken er fuld"
                } else {
                    "the disk is full"
                }
            }
            (
                _,
                Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen),
            ) => {
                if da {
                    "filen eller mappen må ikke skrives i"
                } else {
                    "the file or folder is read-only"
                }
            }
            (_, Some(ErrorCode::NotADatabase)) => {
                if da {
                    "filen er ikke en vejviser-database (den røres ikke)"
                } else {
                    "the file is not a vejviser database (it is left untouched)"
                }
            }
            (_, Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)) => {
                if da {
                    "databasen er optaget"
                } else {
                    "the database is busy"
                }
            }
            (LogError::Damaged(_), _) | (_, Some(ErrorCode::DatabaseCorrupt)) => {
                if da {
                    "filen er beskadiget (den røres ikke)"
                } else {
                    "the file is damaged (it is left untouched)"
                }
            }
            (LogError::SchemaAltered(_) | LogError::NotStored(_), _) => {
                if da {
                    "filens tabeller er ændret udefra (den røres ikke)"
                } else {
                    "the file's tables were changed from outside (it is left untouched)"
                }
            }
            (LogError::NotAnId(_), _) => {
                if da {
                    "en sag blev ikke gemt: den holdt andet end id'er og koder"
                } else {
                    "a case was not saved: it held more than identifiers and codes"
                }
            }
            (_, Some(ErrorCode::ConstraintViolation)) => {
                if da {
                    "en sag blev ikke gemt: loggens regler afviste den"
                } else {
                    "a case was not saved: the log's rules refused it"
                }
            }
            (LogError::Folder(_), _) => {
                if da {
                    "mappen til sagsloggen kan ikke oprettes"
                } else {
                    "the folder for the case log cannot be made"
                }
            }
            (LogError::NoRandomness(_), _) => {
                if da {
                    "styresystemet gav ingen tilfældige tal til sagens id"
                } else {
                    "the operating system gave no random numbers for the case's id"
                }
            }
            (LogError::TooNew { .. }, _) => {
                if da {
                    "databasen er fra en nyere vejviser; opdater programmet"
                } else {
                    "the database is from a newer vejviser; update the program"
                }
            }
            _ => return self.to_string(),
        };
        text.to_string()
    }
}
