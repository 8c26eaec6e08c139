//! `vejviser report [DB…]`: figures for a manager, from one or many counters' logs.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::exit::Exit;
use crate::date::Date;
use crate::lang::Lang;
use crate::present::Say;
use crate::report::{Dimension, Filter, build, to_csv, to_json, to_table};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    /// `;`-separated with a byte order mark, for a Danish Excel.
    Csv,
    Json,
    /// One self-contained page with charts, for a browser or to print (use with `-o FILE`).
    Html,
}

pub struct Options {
    pub files: Vec<PathBuf>,
    pub by: Dimension,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub format: ReportFormat,
    /// Exact counts (`--exact`): for use inside the municipality only.
    pub exact: bool,
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
    let render = |report: crate::report::Report, format: ReportFormat| {
        let published = report.publish(options.exact);
        match format {
            ReportFormat::Csv => to_csv(&published, lang),
            ReportFormat::Json => to_json(&published, lang),
            _ => to_table(&published, lang),
        }
    };
    // `report postgres://…` counts on the central server; anything else is log files.
    let on_server = files
        .iter()
        .any(|f| crate::central::is_server_url(&f.to_string_lossy()));
    let made = match options.format {
        ReportFormat::Html if on_server => Err(lang
            .pick(
                "HTML-rapporten læser logfiler; brug --format table, csv eller json mod den centrale server",
                "the HTML report reads log files; use --format table, csv or json with the central server",
            )
            .to_string()),
        ReportFormat::Html => {
            html_page(&files, filter, options.exact, lang).map_err(|err| err.say(lang))
        }
        format => match super::central::server_report(&files, options.by, filter) {
            Some(result) => result
                .map(|report| render(report, format))
                .map_err(|err| err.message(lang)),
            None => build(&files, options.by, filter)
                .map(|report| render(report, format))
                .map_err(|err| err.say(lang)),
        },
    };
    match made {
        Ok(mut out) => {
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

/// The HTML page: the same files and dates in each grouping the page shows.
fn html_page(
    files: &[PathBuf],
    filter: Filter,
    exact: bool,
    lang: Lang,
) -> Result<String, crate::report::ReportError> {
    let [guide, kind, week, site] =
        crate::report::html::groupings().map(|by| build(files, by, filter));
    let page = crate::report::html::HtmlReport {
        by_guide: guide?.publish(exact),
        by_kind: kind?.publish(exact),
        by_week: week?.publish(exact),
        by_site: site?.publish(exact),
    };
    Ok(crate::report::html::to_html(&page, lang))
}

/// Parse `2026-11-23` for `--since`/`--until` (the one date parser, said in the program's
/// language).
pub fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|err| err.message(super::output::lang()))
}
