//! `vejviser report [DB…]`: figures for a manager, from one or many counters' logs.

use std::path::PathBuf;
use std::process::ExitCode;

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
    let filter = Filter {
        since: options.since,
        until: options.until,
    };
    match build(&files, options.by, filter) {
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
                print!("{out}");
                return ExitCode::SUCCESS;
            };
            match write_file(&path, &out) {
                Ok(()) => {
                    println!(
                        "{} {}",
                        lang.pick("Rapporten er gemt i", "The report is saved in"),
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("{}: {err}", path.display());
                    ExitCode::from(super::exit::FINDINGS)
                }
            }
        }
        Err(err) => {
            eprintln!("{}: {err}", lang.pick("fejl", "error"));
            ExitCode::from(super::exit::FINDINGS)
        }
    }
}

/// Write beside the target and rename, so nobody opens a half-written report.
fn write_file(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let name = path.file_name().map_or_else(
        || std::ffi::OsString::from("rapport"),
        std::ffi::OsStr::to_os_string,
    );
    let mut temporary = name;
    temporary.push(".tmp");
    let temporary = path.with_file_name(temporary);
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Parse `2026-11-23` for `--since`/`--until`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let nums: Option<Vec<i64>> = parts.iter().map(|p| p.parse().ok()).collect();
    match nums.as_deref() {
        Some([y, m, d]) => Date::new(*y as i32, *m as u32, *d as u32),
        _ => None,
    }
    .ok_or_else(|| format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23"))
}
