//! What can go wrong with the central log, told so a helper or an IT person knows what to do.

use std::path::PathBuf;

use thiserror::Error;

use crate::lang::Lang;

#[derive(Debug, Error)]
pub enum CentralError {
    /// The configuration file cannot be read or says something vejviser does not understand.
    #[error("{path}: {what}")]
    Config { path: PathBuf, what: String },
    /// The server's address is not a `postgres://` URL vejviser can use.
    #[error("the central server's address is not usable: {0}")]
    BadUrl(String),
    #[error("a report from the central server takes its URL alone, without log files")]
    UrlWithFiles,
    #[error(
        "the central server's address holds a password; put it in VEJVISER_CENTRAL_PASSWORD or in a password file instead"
    )]
    PasswordInUrl,
    /// A password file that others can read is refused, so a copied folder does not leak it.
    #[error(
        "{path}: others can read this password file (mode {mode:o}); make it readable by you only: chmod 600"
    )]
    PasswordFileOpen { path: PathBuf, mode: u32 },
    #[error("{path}: the password file cannot be read: {what}")]
    PasswordFile { path: PathBuf, what: String },
    /// An extra CA certificate file (`sslrootcert`) that cannot be used.
    #[error("{path}: no usable certificate: {what}")]
    CaFile { path: PathBuf, what: String },
    #[error("TLS could not be set up: {0}")]
    TlsSetup(String),
    /// Nothing answers at the address (down, wrong port, no network).
    #[error("the central server does not answer: {0}")]
    Unreachable(String),
    #[error("the central server refused the password for user {user}")]
    WrongPassword { user: String },
    /// The server requires TLS and vejviser was told not to use it.
    #[error("the central server requires TLS, but sslmode=disable was chosen: {0}")]
    ServerRequiresTls(String),
    #[error("the central server does not offer TLS; ask its administrator to switch it on: {0}")]
    ServerWithoutTls(String),
    /// The certificate does not check out (unknown CA, wrong name, expired).
    #[error("the central server's certificate is not trusted: {0}")]
    Certificate(String),
    /// Authentication or pg_hba refused the connection for another reason.
    #[error("the central server refused the connection: {0}")]
    NotAllowed(String),
    #[error("the central server has no vejviser schema yet; run `vejviser central init URL` once")]
    NoSchema,
    #[error(
        "the central server's schema ({found}) needs a newer vejviser (it accepts cases from programs that know schema {needs}; this one knows {known}); update vejviser"
    )]
    SchemaTooNew { found: i64, needs: i64, known: i64 },
    #[error(
        "the central server's schema ({found}) is older than this vejviser's ({known}); run `vejviser central init URL` to upgrade it"
    )]
    SchemaTooOld { found: i64, known: i64 },
    /// The user lacks a privilege (not a member of `vejviser_counter` or `vejviser_reader`).
    #[error("the central server does not allow this for user {user}: {what}")]
    Privilege { user: String, what: String },
    /// A CHECK constraint on the server refused a case.
    #[error("the central server refused a case: {0}")]
    Refused(String),
    #[error("the local log: {0}")]
    Log(#[from] crate::log::LogError),
    #[error("the central server: {0}")]
    Server(String),
}

impl CentralError {
    /// Worth trying again later (the server may come back); the rest needs a person.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            CentralError::Unreachable(_) | CentralError::Server(_) | CentralError::Log(_)
        )
    }

    /// The problem in the user's language, short enough for the status line's reason.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            CentralError::Config { path, what } => format!("{}: {what}", path.display()),
            CentralError::BadUrl(what) => {
                format!("den centrale servers adresse kan ikke bruges: {what}")
            }
            CentralError::UrlWithFiles => String::from(
                "en rapport fra den centrale server tager kun dens adresse, uden logfiler",
            ),
            CentralError::PasswordInUrl => String::from(
                "den centrale servers adresse indeholder en adgangskode; læg den i VEJVISER_CENTRAL_PASSWORD eller i en adgangskodefil i stedet",
            ),
            CentralError::PasswordFileOpen { path, mode } => format!(
                "{}: andre kan læse denne adgangskodefil (rettigheder {mode:o}); gør den læsbar kun for dig: chmod 600",
                path.display()
            ),
            CentralError::PasswordFile { path, what } => {
                format!(
                    "{}: adgangskodefilen kan ikke læses: {what}",
                    path.display()
                )
            }
            CentralError::CaFile { path, what } => {
                format!("{}: intet brugbart certifikat: {what}", path.display())
            }
            CentralError::TlsSetup(what) => format!("TLS kunne ikke sættes op: {what}"),
            CentralError::Unreachable(what) => {
                format!("den centrale server svarer ikke: {what}")
            }
            CentralError::WrongPassword { user } => {
                format!("den centrale server afviste adgangskoden for brugeren {user}")
            }
            CentralError::ServerRequiresTls(what) => {
                format!("den centrale server kræver TLS, men sslmode=disable er valgt: {what}")
            }
            CentralError::ServerWithoutTls(what) => format!(
                "den centrale server tilbyder ikke TLS; bed dens administrator slå det til: {what}"
            ),
            CentralError::Certificate(what) => {
                format!("den centrale servers certifikat er ikke godkendt: {what}")
            }
            CentralError::NotAllowed(what) => {
                format!("den centrale server afviste forbindelsen: {what}")
            }
            CentralError::NoSchema => String::from(
                "den centrale server har endnu ikke vejvisers skema; kør `vejviser central init URL` én gang",
            ),
            CentralError::SchemaTooNew {
                found,
                needs,
                known,
            } => format!(
                "den centrale servers skema ({found}) kræver en nyere vejviser (den tager imod sager fra programmer, der kender skema {needs}; dette kender {known}); opdatér vejviser"
            ),
            CentralError::SchemaTooOld { found, known } => format!(
                "den centrale servers skema ({found}) er ældre end denne vejvisers ({known}); kør `vejviser central init URL` for at opgradere det"
            ),
            CentralError::Privilege { user, what } => {
                format!("den centrale server tillader ikke dette for brugeren {user}: {what}")
            }
            CentralError::Refused(what) => {
                format!("den centrale server afviste en sag: {what}")
            }
            CentralError::Log(err) => format!("den lokale log: {}", err.explain(lang)),
            CentralError::Server(what) => format!("den centrale server: {what}"),
        }
    }

    /// A PostgreSQL client error, classified. `user` is the role that connected.
    pub fn from_postgres(err: &postgres::Error, user: &str) -> Self {
        use postgres::error::SqlState;
        let text = plain_error(err);
        if let Some(db) = err.as_db_error() {
            let code = db.code();
            if *code == SqlState::INVALID_PASSWORD {
                return CentralError::WrongPassword {
                    user: user.to_string(),
                };
            }
            if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
                // pg_hba's "hostssl" only: a plain connection is told "no encryption".
                if db.message().contains("no encryption") {
                    return CentralError::ServerRequiresTls(db.message().to_string());
                }
                return CentralError::NotAllowed(db.message().to_string());
            }
            if *code == SqlState::INSUFFICIENT_PRIVILEGE {
                return CentralError::Privilege {
                    user: user.to_string(),
                    what: db.message().to_string(),
                };
            }
            if *code == SqlState::CHECK_VIOLATION
                || *code == SqlState::NOT_NULL_VIOLATION
                || *code == SqlState::INVALID_TEXT_REPRESENTATION
            {
                return CentralError::Refused(db.message().to_string());
            }
            if *code == SqlState::UNDEFINED_TABLE || *code == SqlState::INVALID_SCHEMA_NAME {
                return CentralError::NoSchema;
            }
            return CentralError::Server(text);
        }
        if text.contains("server does not support TLS") {
            return CentralError::ServerWithoutTls(text);
        }
        if text.contains("certificate") || text.contains("Certificate") {
            return CentralError::Certificate(text);
        }
        if err.is_closed() || text.contains("error connecting") || text.contains("timed out") {
            return CentralError::Unreachable(text);
        }
        CentralError::Server(text)
    }
}

/// The error with its causes, on one line ("error connecting to server: Connection refused").
fn plain_error(err: &postgres::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text
}
