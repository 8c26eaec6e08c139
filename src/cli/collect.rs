//! `vejviser collect ARCHIVE FILES…`: merge exported logs into one archive, each case once.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::lang::Lang;
use crate::log::archive::collect;

pub fn run(archive: &Path, files: &[PathBuf], lang: Lang) -> ExitCode {
    match collect(archive, files) {
        Ok(done) => {
            for file in &done {
                outln!(
                    "{}",
                    match lang {
                        Lang::Da => format!(
                            "{}: {} nye sager, {} fandtes allerede",
                            file.file.display(),
                            file.added,
                            file.known
                        ),
                        Lang::En => format!(
                            "{}: {} new cases, {} already there",
                            file.file.display(),
                            file.added,
                            file.known
                        ),
                    }
                );
            }
            let added: u64 = done.iter().map(|f| f.added).sum();
            outln!(
                "{}",
                match lang {
                    Lang::Da => format!("I alt {added} nye sager i {}", archive.display()),
                    Lang::En => format!("{added} new cases in all in {}", archive.display()),
                }
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            errln!("{}: {}", lang.pick("fejl", "error"), err.explain(lang));
            ExitCode::from(super::exit::Exit::Findings)
        }
    }
}
