//! `vejviser report [DB…]`: figures for a manager, from one or many counters' logs.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::exit::Exit;
use crate::date::Date;
use crate::lang::Lang;
use crate::report::{Dimension, Filter, build, to_csv, to_json, to_table};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    /// `;`-separated with a byte order mark, for a Danish Excel.
    Csv,
    Json,
}

pub struct Options {
    pub files: Vec<PathBuf>,
    pub by: Dimension,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub format: ReportFormat,
    pub no_suppress: bool,
    pub output: Option<PathBuf>,
}

pub fn run(options: Options, lang: Lang) -> ExitCode {
    let files = if options.files.is_empty() {
        vec![crate::paths::default_db()]
    } else {
        options.files
    };
    if let (Some(since), Some(until)) = (options.since, options.until)
        && since > until
    {
        errln!(
            "{}",
            match lang {
                Lang::Da =>
                    format!("--since {since} ligger efter --until {until}; byt om på datoerne"),
                Lang::En => format!("--since {since} is after --until {until}; swap the dates"),
            }
        );
        return ExitCode::from(Exit::Usage);
    }
    let filter = Filter {
        since: options.since,
        until: options.until,
    };
    // `report postgres://…` counts on the central server; anything else is log files.
    let built = match super::central::server_report(&files, options.by, filter) {
        Some(result) => result.map_err(|err| err.message(lang)),
        None => build(&files, options.by, filter).map_err(|err| err.message(lang)),
    };
    match built {
        Ok(report) => {
            let mut out = match options.format {
                ReportFormat::Table => to_table(&report, lang, options.no_suppress),
                ReportFormat::Csv => to_csv(&report, options.no_suppress),
                ReportFormat::Json => to_json(&report, options.no_suppress),
            };
            if !out.ends_with('\n') {
                out.push('\n');
            }
            let Some(path) = options.output else {
                out!("{out}");
                return ExitCode::SUCCESS;
            };
            match crate::fsio::write_replacing(&path, out.as_bytes()) {
                Ok(()) => {
                    outln!(
                        "{} {}",
                        lang.pick("Rapporten er gemt i", "The report is saved in"),
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    errln!("{}: {}", path.display(), err.message(lang));
                    ExitCode::from(Exit::Findings)
                }
            }
        }
        Err(message) => {
            errln!("{}: {message}", lang.pick("fejl", "error"));
            ExitCode::from(Exit::Findings)
        }
    }
}

/// Parse `2026-11-23` for `--since`/`--until` (the one date parser, said in the program's
/// language).
pub fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|err| err.message(super::output::lang()))
}
