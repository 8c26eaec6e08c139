//! Small pieces of terminal output shared by the subcommands.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::guide::Tally;
use crate::lang::Lang;

/// Whether program messages are Danish (the default) or English; set once at start.
static ENGLISH: AtomicBool = AtomicBool::new(false);

pub fn set_lang(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

/// The language set by [`set_lang`] (for texts made where no `Lang` is passed, such as an
/// argument's value parser).
pub fn lang() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Da
    }
}

/// The one way a subcommand writes to standard output (through `out!`/`outln!`). A full disk
/// or a closed stdout is not a panic: a closed pipe (`| head`) ends the program quietly, any
/// other failure with one line on stderr; both exit 1.
pub fn write_stdout(args: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout.write_fmt(args) {
        stdout_failed(&err);
    }
}

/// Flush what is still buffered; called once before the program exits.
pub fn flush_stdout() {
    if let Err(err) = std::io::stdout().lock().flush() {
        stdout_failed(&err);
    }
}

/// Standard error: a message that cannot be written is dropped, never a panic.
pub fn write_stderr(args: std::fmt::Arguments<'_>) {
    let _ = std::io::stderr().lock().write_fmt(args);
}

fn stdout_failed(err: &std::io::Error) -> ! {
    if err.kind() != std::io::ErrorKind::BrokenPipe {
        let what = if ENGLISH.load(Ordering::Relaxed) {
            "cannot write to standard output"
        } else {
            "kan ikke skrive til standard-output"
        };
        write_stderr(format_args!("vejviser: {what}: {err}\n"));
    }
    std::process::exit(i32::from(super::exit::Exit::Findings.code()))
}

/// Colour only for a terminal that shows it, as anstream decides for every clap and cargo tool:
/// never with NO_COLOR or TERM=dumb, always with CLICOLOR_FORCE.
pub fn use_color() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// The user asked for no colour (https://no-color.org: any non-empty value).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// "3 guides", "1 fejl", "2 advarsler" …
pub fn count(n: usize, lang: Lang, da: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = match lang {
        Lang::Da => da,
        Lang::En => en,
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line summary `check` ends with.
pub fn summary(guides: usize, tally: Tally, lang: Lang) -> String {
    let guides = count(guides, lang, ("guide", "guides"), ("guide", "guides"));
    let errors = count(tally.errors, lang, ("fejl", "fejl"), ("error", "errors"));
    let warnings = count(
        tally.warnings,
        lang,
        ("advarsel", "advarsler"),
        ("warning", "warnings"),
    );
    match lang {
        Lang::Da => format!("Læste {guides}: {errors}, {warnings}"),
        Lang::En => format!("Read {guides}: {errors}, {warnings}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_in_both_languages() {
        let t = Tally {
            errors: 1,
            warnings: 2,
        };
        assert_eq!(
            summary(3, t, Lang::Da),
            "Læste 3 guides: 1 fejl, 2 advarsler"
        );
        assert_eq!(summary(1, t, Lang::En), "Read 1 guide: 1 error, 2 warnings");
    }
}
