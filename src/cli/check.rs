//! `vejviser check`: every diagnostic, then a one-line summary. Exit 1 on any error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::exit::Exit;

use serde_json::json;

use super::output::{summary, use_color};
use super::{Format, load_and_check};
use crate::guide::Tally;
use crate::lang::Lang;
use crate::present::Show as _;

pub fn run(paths: &[PathBuf], site: Option<&Path>, format: Format, lang: Lang) -> ExitCode {
    let (loaded, _) = load_and_check(paths, site);
    let tally = Tally::of(&loaded.diagnostics);
    let guides = loaded.library.guides.len();
    match format {
        Format::Text => {
            let color = use_color();
            for diagnostic in &loaded.diagnostics {
                outln!("{}", diagnostic.render(&loaded.sources, lang, color));
            }
            outln!("{}", summary(guides, tally, lang));
        }
        Format::Json => {
            let diagnostics: Vec<_> = loaded
                .diagnostics
                .iter()
                .map(|d| d.to_json(&loaded.sources, lang))
                .collect();
            let report = json!({
                "diagnostics": diagnostics,
                "summary": { "guides": guides, "files": loaded.sources.len(), "errors": tally.errors, "warnings": tally.warnings },
            });
            outln!("{report:#}");
        }
    }
    if tally.errors > 0 {
        ExitCode::from(Exit::Findings)
    } else {
        ExitCode::SUCCESS
    }
}
