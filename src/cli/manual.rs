//! `completions` and `man`: what shells and `man` need, generated from the one command line
//! definition (in the program's language).

use std::path::Path;
use std::process::ExitCode;

use clap_complete::Shell;

use super::exit::Exit;
use super::help_text::command;
use crate::lang::Lang;

pub fn completions(shell: Shell, lang: Lang) -> ExitCode {
    let mut cmd = command(lang);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "vejviser", &mut script);
    out!("{}", String::from_utf8_lossy(&script));
    Exit::Ok.into()
}

pub fn man(out: Option<&Path>, lang: Lang) -> ExitCode {
    let cmd = command(lang);
    let Some(dir) = out else {
        match page(&cmd) {
            Ok(text) => out!("{text}"),
            Err(err) => {
                errln!("vejviser: {err}");
                return Exit::Findings.into();
            }
        }
        return Exit::Ok.into();
    };
    let mut pages = vec![("vejviser.1".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        pages.push((format!("vejviser-{}.1", sub.get_name()), sub.clone()));
    }
    for (file, page_cmd) in pages {
        let path = dir.join(&file);
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| page(&page_cmd))
            .map_err(|e| e.to_string())
            .and_then(|text| {
                crate::fsio::write_replacing(&path, text.as_bytes()).map_err(|e| e.message(lang))
            });
        match written {
            Ok(()) => outln!("{}", path.display()),
            Err(err) => {
                errln!(
                    "{}: {} {err}",
                    path.display(),
                    lang.pick(
                        "kunne ikke skrive manualsiden:",
                        "could not write the manual page:"
                    )
                );
                return Exit::Findings.into();
            }
        }
    }
    Exit::Ok.into()
}

/// One roff page.
fn page(cmd: &clap::Command) -> std::io::Result<String> {
    let mut roff = Vec::new();
    // A subcommand has no version of its own; its page's footer names the program's.
    let cmd = cmd.clone().version(env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(cmd).render(&mut roff)?;
    Ok(String::from_utf8_lossy(&roff).into_owned())
}
