//! `vejviser central init URL` (set up a server) and `vejviser central ship` (ship now and say
//! what happened), plus the central configuration as the other front ends find it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::central::config::{CentralConfig, default_path, password_from_env};
use crate::central::ship::Session;
use crate::central::{CentralError, Target, schema};
use crate::lang::Lang;
use crate::tr;

#[derive(Debug, clap::Subcommand)]
pub enum CentralCommand {
    /// Create (or upgrade) vejviser's schema and its two roles on a PostgreSQL server. Run it
    /// as the database's owner; the password comes from VEJVISER_CENTRAL_PASSWORD or
    /// PGPASSWORD. The same SQL is in assets/central.sql.
    Init {
        /// postgres://OWNER@HOST[:PORT]/DB (add ?sslmode=require or ?sslmode=disable only if
        /// you must; ?sslrootcert=FILE trusts your own CA).
        url: String,
    },
    /// Send the cases the central server does not have yet, now, and say how it went.
    Ship,
}

/// The central configuration: `--central-config`, else `central.toml` in the configuration
/// folder if there is one. A broken file is an error, never silently ignored.
pub fn config(named: Option<&Path>) -> Result<Option<CentralConfig>, CentralError> {
    match named {
        Some(path) => CentralConfig::load(path, true),
        None => CentralConfig::load(&default_path(), false),
    }
}

pub fn run(command: &CentralCommand, named: Option<&Path>, db: PathBuf, lang: Lang) -> ExitCode {
    let result = match command {
        CentralCommand::Init { url } => init(url, lang),
        CentralCommand::Ship => ship(named, db, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            errln!("vejviser: {}", err.message(lang));
            super::exit::Exit::Findings.into()
        }
    }
}

fn init(url: &str, lang: Lang) -> Result<(), CentralError> {
    let target = Target::parse(url)?;
    let password = password_from_env();
    let mut client = crate::central::tls::connect(&target, password.as_deref())?;
    let done = schema::init(&mut client, &target.user)?;
    if done.from == done.to {
        outln!(
            "{} {}",
            lang.pick(
                "Skemaet er allerede opdateret: version",
                "The schema is already up to date: version"
            ),
            done.to
        );
    } else {
        outln!(
            "{} {} → {}. {}",
            lang.pick("Skemaet er oprettet/opgraderet:", "The schema is created/upgraded:"),
            done.from,
            done.to,
            lang.pick(
                "Giv hver PC en bruger i rollen vejviser_counter og koordinatoren en i vejviser_reader (se README).",
                "Give each PC a user in the role vejviser_counter and the coordinator one in vejviser_reader (see README).",
            )
        );
    }
    Ok(())
}

fn ship(named: Option<&Path>, db: PathBuf, lang: Lang) -> Result<(), CentralError> {
    let Some(config) = config(named)? else {
        return Err(CentralError::Config {
            path: default_path(),
            what: lang
                .pick(
                    "ingen central server er sat op (filen findes ikke); se README, »Central log«",
                    "no central server is set up (the file does not exist); see the README, \"Central log\"",
                )
                .to_string(),
        });
    };
    let mut log = crate::log::Log::open(&db)?;
    let password = config.password()?;
    let mut session = Session::open(&config.target, password.as_deref())?;
    let done = session.ship_all(&mut log, config.batch)?;
    let left = crate::central::ship::Outbox::waiting(&mut log, Some(&session.server().id))?;
    outln!(
        "{}",
        tr!(
            lang,
            "central-shipped",
            sent = done.sent,
            stored = done.stored,
            left = left
        )
    );
    if let Some(why) = &done.why_refused {
        outln!(
            "{}",
            tr!(
                lang,
                "central-shipped-refused",
                refused = done.refused,
                why = why.as_str()
            )
        );
    }
    Ok(())
}

/// The shipping worker for the log at `db`, if a central server is configured. A broken
/// configuration is an error for the front end to show (nothing is shipped then).
pub fn shipper(
    named: Option<&Path>,
    db: &Path,
    lang: Lang,
) -> Result<Option<crate::central::Shipper>, CentralError> {
    let Some(config) = config(named)? else {
        return Ok(None);
    };
    let path = db.to_path_buf();
    let open: crate::central::worker::OpenOutbox = Box::new(move || {
        let log = crate::log::Log::open(&path)?;
        Ok(Box::new(log) as Box<dyn crate::central::ship::Outbox>)
    });
    Ok(Some(crate::central::Shipper::spawn(config, open, lang)))
}

/// How long line mode waits at its end for the cases it logged to reach the server.
pub const LINE_MODE_WAIT: Duration = Duration::from_secs(5);

/// A report from the central server when `files` is one `postgres://` URL; `None` for files.
/// The reader's password comes from VEJVISER_CENTRAL_PASSWORD or PGPASSWORD.
pub fn server_report(
    files: &[PathBuf],
    by: crate::report::Dimension,
    filter: crate::report::Filter,
) -> Option<Result<crate::report::Report, CentralError>> {
    let is_url = |p: &PathBuf| crate::central::is_server_url(&p.to_string_lossy());
    if !files.iter().any(is_url) {
        return None;
    }
    let [one] = files else {
        return Some(Err(CentralError::UrlWithFiles));
    };
    let url = one.to_string_lossy();
    let password = password_from_env();
    Some(
        crate::central::report::read(&url, password.as_deref(), by, filter)
            .map(|rows| crate::central::report::to_report(rows, by, filter, &url)),
    )
}
