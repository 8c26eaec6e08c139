//! `vejviser` with no subcommand: the full-screen app on the built-in guides (or `--guides`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::load_and_check;
use crate::lang::Lang;
use crate::site::Site;
use crate::tui::theme::{Theme, ThemeName};
use crate::tui::{App, Setup, terminal};

pub fn run(guides: &[PathBuf], lang: Lang, theme: ThemeName) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "{}",
            lang.pick(
                "vejviser skal køre i et terminalvindue. Til scripts: `vejviser check` og `vejviser test`.",
                "vejviser must run in a terminal window. For scripts: `vejviser check` and `vejviser test`.",
            )
        );
        return ExitCode::from(2);
    }
    let mut loaded = load_and_check(guides);
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    loaded.drop_broken_guides();
    let guides_label = if guides.is_empty() {
        String::from(lang.pick("indbyggede", "built-in"))
    } else {
        guides
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let data_dir = crate::paths::data_dir();
    let mut app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors,
        site: Site::default(),
        guides_label,
        lang,
        theme: Theme::new(theme, color),
        handout_dir: crate::paths::handout_dir(),
    });
    let shown_dir = data_dir.display().to_string();
    match terminal::run(&mut app, &shown_dir, &mut |_app| {}) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("vejviser: {err}");
            ExitCode::from(1)
        }
    }
}
