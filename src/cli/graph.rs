//! `vejviser graph GUIDE`: the guide as a Mermaid or DOT flowchart for review.

use std::path::PathBuf;
use std::process::ExitCode;

use super::load_and_check;
use crate::cli::exit::Exit;
use crate::guide::graph::{GraphFormat, render};
use crate::lang::Lang;

pub fn run(guides: &[PathBuf], id: &str, format: GraphFormat, lang: Lang) -> ExitCode {
    let (loaded, _) = load_and_check(guides, None);
    match loaded.library.guide(id) {
        Some(guide) => {
            out!("{}", render(guide, &loaded.library, format));
            ExitCode::SUCCESS
        }
        None => {
            let ids: Vec<&str> = loaded
                .library
                .guides
                .iter()
                .map(|g| g.id.as_str())
                .collect();
            let hint = crate::guide::suggest_closest(id, &ids)
                .map(|s| format!(" {} `{s}`?", lang.pick("Mente du", "Did you mean")))
                .unwrap_or_default();
            errln!(
                "{} `{id}`.{hint}",
                lang.pick(
                    "Der er ingen guide med id'et",
                    "There is no guide with the id"
                )
            );
            ExitCode::from(Exit::Findings)
        }
    }
}
