//! `vejviser doc [PATHS…] [--out DIR]`: Markdown pages for reviewers who don't read TOML.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::load_and_check;
use crate::cli::exit::Exit;
use crate::guide::doc::pages;
use crate::lang::Lang;

pub fn run(paths: &[PathBuf], out: Option<&Path>, lang: Lang) -> ExitCode {
    let (mut loaded, _) = load_and_check(paths, None);
    if let Some(code) = super::missing_paths(&loaded, lang) {
        return code;
    }
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        errln!(
            "{} {errors} {}",
            lang.pick(
                "Guides med fejl springes over:",
                "Guides with errors are skipped:"
            ),
            lang.pick(
                "fejl (se `vejviser check`)",
                "errors (see `vejviser check`)"
            )
        );
    }
    loaded.drop_broken_guides();
    let pages = pages(&loaded.library);
    let Some(dir) = out else {
        for page in &pages {
            outln!("<!-- {} -->\n{}", page.path, page.text);
        }
        return ExitCode::SUCCESS;
    };
    for page in &pages {
        let path = dir.join(&page.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(crate::fsio::WriteError::from)
            .and_then(|()| crate::fsio::write_replacing(&path, page.text.as_bytes()));
        if let Err(err) = written {
            errln!("{}: {}", path.display(), err.message(lang));
            return ExitCode::from(Exit::Findings);
        }
    }
    outln!(
        "{} {} {} {}",
        pages.len(),
        lang.pick("sider skrevet i", "pages written to"),
        dir.display(),
        lang.pick("(start med index.md)", "(start with index.md)")
    );
    ExitCode::SUCCESS
}
