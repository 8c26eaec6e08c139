//! `vejviser export [--since DATE] OUT`: a consistent copy of this PC's log, for `collect`.

use std::path::Path;
use std::process::ExitCode;

use crate::date::Date;
use crate::lang::Lang;
use crate::log::archive::export;

pub fn run(source: &Path, out: &Path, since: Option<Date>, lang: Lang) -> ExitCode {
    match export(source, out, since) {
        Ok(done) => {
            outln!(
                "{}",
                match lang {
                    Lang::Da => format!(
                        "{} sager fra {} er gemt i {}",
                        done.cases,
                        source.display(),
                        out.display()
                    ),
                    Lang::En => format!(
                        "{} cases from {} are saved in {}",
                        done.cases,
                        source.display(),
                        out.display()
                    ),
                }
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            errln!(
                "{}: {} ({})",
                lang.pick("fejl", "error"),
                err.explain(lang),
                out.display()
            );
            ExitCode::from(super::exit::Exit::Findings)
        }
    }
}
