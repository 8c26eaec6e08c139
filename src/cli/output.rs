//! Small pieces of terminal output shared by the subcommands.

use std::io::IsTerminal;

use crate::guide::Tally;
use crate::lang::Lang;

/// Colour only for a terminal, and never when NO_COLOR is set.
pub fn use_color() -> bool {
    std::io::stdout().is_terminal() && !no_color()
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
