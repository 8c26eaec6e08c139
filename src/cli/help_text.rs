//! Every text of `--help`, in Danish and English, in one table. The derive attributes in
//! `cli/mod.rs` define the options; this file says what `--help` calls them, in the program's
//! language, and replaces clap's own English words (Usage, Options, default, possible values).

use std::ffi::OsString;

use clap::{Arg, CommandFactory};

use super::Cli;
use crate::lang::Lang;

/// What a command or argument is called in help: (command, argument id, Danish, English). The
/// command is the subcommand's name (`vejviser` for the program itself) or `*` for an argument
/// that means the same wherever it appears; an empty id is the command's own line.
const TEXTS: &[(&str, &str, &str, &str)] = &[
    (
        "vejviser",
        "",
        "Vejledning til hjælpere ved skranken: hvad du skal, må og ikke må, når du hjælper en borger digitalt.",
        "Guidance for help-desk staff: what you must, may and must not do when you help a citizen with digital services.",
    ),
    (
        "*",
        "language",
        "Sproget i programmets tekst (da, en), og i guiderne, hvor de har en opdateret oversættelse; til `translate` også et sprog til borgerens udskrift (uk, ar).",
        "Language of the program's text (da, en), and of the guides where they have a current translation; for `translate` also a handout language (uk, ar).",
    ),
    (
        "*",
        "guides",
        "En mappe med guider, der bruges i stedet for de indbyggede (kan gentages).",
        "A folder of guides to use instead of the guides built into the program (repeatable).",
    ),
    (
        "vejviser",
        "site",
        "Stedfilen: navn, tilbudte ydelser, lokale steder (standard: site.toml ved siden af sagsloggen, ellers i brugerens konfigurationsmappe).",
        "The site file: name, services offered, local places (default: site.toml beside the case log, else in the user's config folder).",
    ),
    (
        "*",
        "site",
        "Stedfilen: navn, tilbudte ydelser, lokale steder.",
        "The site file: name, services offered, local places.",
    ),
    (
        "*",
        "db",
        "Sagsloggen (SQLite). Standard: sager.sqlite3 i brugerens datamappe.",
        "The case log (SQLite). Default: sager.sqlite3 in the user's data folder.",
    ),
    (
        "*",
        "no_log",
        "Gem ikke sager i loggen.",
        "Do not log cases.",
    ),
    (
        "*",
        "theme",
        "Farvetema i fuldskærmsprogrammet (NO_COLOR slår farver fra i alle temaer).",
        "Colour theme of the full-screen app (NO_COLOR turns colour off in any theme).",
    ),
    ("*", "help", "Vis hjælp.", "Print help."),
    ("*", "version", "Vis versionen.", "Print the version."),
    (
        "*",
        "paths",
        "Guidemapper eller -filer (standard: --guides, ellers de indbyggede guider).",
        "Guide folders or files (default: --guides, else the built-in guides).",
    ),
    ("*", "format", "Uddataformat.", "Output format."),
    (
        "check",
        "",
        "Tjek guidefiler: henvisninger, om alle trin kan nås, politikregler, friskhed.",
        "Check guide files: references, reachability, policy rules, freshness.",
    ),
    (
        "test",
        "",
        "Kør de scenarietest, der står i guiderne.",
        "Run the scenario tests written inside the guides.",
    ),
    (
        "graph",
        "",
        "En guide som rutediagram (Mermaid til git-websider, eller Graphviz DOT).",
        "A guide as a flowchart (Mermaid for git web views, or Graphviz DOT).",
    ),
    ("graph", "guide", "Guidens id.", "The guide's id."),
    (
        "doc",
        "",
        "Markdown-sider for hver guide, til dem der gennemgår guiderne uden at læse TOML.",
        "Markdown pages of every guide, for reviewers who don't read TOML.",
    ),
    (
        "doc",
        "out",
        "Skriv index.md og en side pr. guide her (standard: vis på skærmen).",
        "Write index.md and one page per guide here (default: print to the screen).",
    ),
    (
        "new",
        "",
        "Skriv en ny, gyldig guide at starte fra: `vejviser new OMRÅDE/ID`.",
        "Write a new, valid guide to start from: `vejviser new AREA/ID`.",
    ),
    (
        "new",
        "name",
        "Område og id, fx `mitid/ny-guide`.",
        "Area and id, e.g. `mitid/ny-guide`.",
    ),
    (
        "translate",
        "",
        "Start eller fuldfør oversættelsesfiler ved siden af de danske guider: `translate --lang en guides`.",
        "Start or complete translation files beside the Danish guides: `translate --lang en guides`.",
    ),
    (
        "translate",
        "paths",
        "Guidemapper eller -filer, der skal oversættes.",
        "Guide folders or files to translate.",
    ),
    (
        "stats",
        "",
        "Pr. guide: trin, udfald efter art, regler, længste vej, scenariedækning, gennemgået.",
        "Per guide: steps, outcomes by kind, rules, longest path, scenario coverage, reviewed.",
    ),
    (
        "walk",
        "",
        "Gå en guide igennem linje for linje i ren tekst (skærmlæsere, SSH, scripts).",
        "Walk a guide line by line on plain text (screen readers, SSH, scripts).",
    ),
    (
        "walk",
        "guide",
        "Guidens id eller et søgeord (standard: spørg efter et søgeord).",
        "The guide's id or a search word (default: ask for a search word).",
    ),
    (
        "walk",
        "answers",
        "Svar adskilt af `;`, hvert et valgnummer, en svartekst eller en entydig begyndelse af en; går guiden igennem uden spørgsmål.",
        "Answers separated by `;`, each a choice number, label or unique beginning of a label; walks without prompts.",
    ),
    (
        "walk",
        "format",
        "Med --answers: skriv udfaldet, eller fejlen, som JSON.",
        "With --answers: print the outcome, or the error, as JSON.",
    ),
    (
        "report",
        "",
        "Tal fra en eller flere sagslogge: antal, andel afbrudte, andel med må-ikke-regler, mediantid.",
        "Figures from one or many case logs: counts, abandon rate, must-not share, median time.",
    ),
    (
        "report",
        "files",
        "Logfiler (standard: denne pc's log).",
        "Log files (default: this PC's log).",
    ),
    (
        "report",
        "by",
        "Hvad der grupperes efter.",
        "What to group by.",
    ),
    (
        "report",
        "since",
        "Første dag, der tælles med (YYYY-MM-DD, år-måned-dag).",
        "First day to include (YYYY-MM-DD).",
    ),
    (
        "report",
        "until",
        "Sidste dag, der tælles med (YYYY-MM-DD, år-måned-dag).",
        "Last day to include (YYYY-MM-DD).",
    ),
    (
        "report",
        "exact",
        "Nøjagtige tal, intet skjult eller afrundet: kun til brug i kommunen (første linje siger, at rapporten ikke må deles). `--no-suppress` er det gamle navn.",
        "Exact counts, nothing hidden or rounded: only for use inside the municipality (the output's first line says it must not be shared). `--no-suppress` is the old name.",
    ),
    (
        "report",
        "output",
        "Skriv rapporten til denne fil (UTF-8) i stedet for skærmen. Sikrere end `>` i Windows PowerShell 5.1, som omkoder det, den omdirigerer, og ødelægger æ, ø og å.",
        "Write the report to this file (UTF-8) instead of the screen. Safer than `>` in Windows PowerShell 5.1, which re-encodes what it redirects and garbles æ, ø and å.",
    ),
    (
        "export",
        "",
        "En ensartet kopi af denne pc's sagslog (--db), sikker mens programmet kører, til `collect`.",
        "A consistent copy of this PC's log (--db), safe while the app runs, for `collect`.",
    ),
    (
        "export",
        "since",
        "Kun sager fra denne dag (YYYY-MM-DD, år-måned-dag).",
        "Only cases from this day on (YYYY-MM-DD).",
    ),
    (
        "export",
        "out",
        "Filen, der skrives (erstattes, hvis den findes).",
        "The file to write (replaced if it exists).",
    ),
    (
        "collect",
        "",
        "Flet eksporterede sagslogge i ét arkiv, hver sag én gang; rapporter læser arkivet.",
        "Merge exported logs into one archive, each case once; reports read the archive.",
    ),
    (
        "collect",
        "archive",
        "Arkivets sagslog (oprettes, hvis den mangler).",
        "The archive log (made if missing).",
    ),
    (
        "collect",
        "files",
        "Eksporterede sagslogge, der skal lægges til.",
        "Exported logs to add.",
    ),
    (
        "completions",
        "",
        "Fuldførelse af kommandoer i bash, zsh, fish eller PowerShell, skrevet på skærmen.",
        "Shell completions for bash, zsh, fish or PowerShell, printed to the screen.",
    ),
    ("completions", "shell", "Skallen.", "The shell."),
    (
        "man",
        "",
        "Manualsiden (roff), skrevet på skærmen eller som en side pr. underkommando.",
        "The manual page (roff), printed to the screen or written as one page per subcommand.",
    ),
    (
        "man",
        "out",
        "Skriv vejviser.1 og en side pr. underkommando her (standard: vis vejviser.1).",
        "Write vejviser.1 and one page per subcommand here (default: print vejviser.1).",
    ),
    (
        "help",
        "",
        "Vis denne hjælp eller hjælpen til en underkommando.",
        "Print this message or the help of the given subcommand(s).",
    ),
    (
        "help",
        "subcommand",
        "Underkommandoen, der skal vises hjælp til.",
        "The subcommand whose help to print.",
    ),
];

/// Placeholders in usage lines and value names, in Danish.
const DANISH_WORDS: &[(&str, &str)] = &[
    ("[OPTIONS]", "[TILVALG]"),
    ("[COMMAND]", "[KOMMANDO]"),
    ("<COMMAND>", "<KOMMANDO>"),
    ("DIR", "MAPPE"),
    ("FILE", "FIL"),
    ("PATHS", "STIER"),
    ("FILES", "FILER"),
    ("GUIDE", "GUIDE"),
    ("NAME", "NAVN"),
    ("FORMAT", "FORMAT"),
    ("ANSWERS", "SVAR"),
    ("LANG", "SPROG"),
    ("THEME", "TEMA"),
    ("BY", "EFTER"),
    ("SINCE", "DATO"),
    ("UNTIL", "DATO"),
    ("SHELL", "SKAL"),
    ("SUBCOMMAND", "UNDERKOMMANDO"),
];

/// The help text of `id` in `command`, if the table has one.
pub fn text(command: &str, id: &str, lang: Lang) -> Option<&'static str> {
    let found = |scope: &str| {
        TEXTS
            .iter()
            .find(|(c, i, _, _)| *c == scope && *i == id)
            .map(|(_, _, da, en)| lang.pick(da, en))
    };
    found(command).or_else(|| if id.is_empty() { None } else { found("*") })
}

/// The language `--lang` asks for on this command line (Danish when absent or unknown), read
/// before parsing so that `--help` is already in it.
pub fn lang_in(args: &[OsString]) -> Lang {
    let mut chosen = Lang::Da;
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(lang) = value.and_then(|v| v.parse().ok()) {
            chosen = lang;
        }
    }
    chosen
}

/// The whole command line definition, with every help text in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let mut cmd = Cli::command();
    // Built first, so the help flag, the version flag, the `help` subcommand and the global
    // `--lang` copied into each subcommand exist and get their text too.
    cmd.build();
    localize(cmd, lang, true)
}

fn localize(mut cmd: clap::Command, lang: Lang, top: bool) -> clap::Command {
    let name = if top {
        "vejviser".to_string()
    } else {
        cmd.get_name().to_string()
    };
    if let Some(about) = text(&name, "", lang) {
        cmd = cmd.about(about).long_about(None);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = text(&name, &id, lang);
        cmd = cmd.mut_arg(id, |arg| localize_arg(arg, help, lang));
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subcommands {
        cmd = cmd.mut_subcommand(sub, |s| localize(s, lang, false));
    }
    if lang == Lang::Da {
        cmd = cmd.subcommand_help_heading("Kommandoer").help_template(
            "{before-help}{about-with-newline}\nBrug: {usage}\n\n{all-args}{after-help}",
        );
        let usage = cmd.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        cmd = cmd.override_usage(danish(usage));
    }
    cmd
}

fn localize_arg(mut arg: Arg, help: Option<&'static str>, lang: Lang) -> Arg {
    if let Some(help) = help {
        arg = arg.help(help).long_help(None);
    }
    if lang == Lang::En {
        return arg;
    }
    let heading = if arg.is_positional() {
        "Argumenter"
    } else {
        "Tilvalg"
    };
    arg = arg.help_heading(heading);
    if let Some(names) = arg.get_value_names().map(|n| n.to_vec()) {
        let names: Vec<clap::builder::Str> = names
            .into_iter()
            .map(|n| {
                DANISH_WORDS
                    .iter()
                    .find(|(en, _)| *en == n.as_str())
                    .map_or(n, |(_, da)| (*da).into())
            })
            .collect();
        arg = arg.value_names(names);
    }
    if !arg.get_action().takes_values() {
        return arg;
    }
    // Clap writes `[default: …]` and `[possible values: …]` in English: say them in Danish.
    let mut extra = String::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        extra.push_str(&format!(" [standard: {}]", defaults.join(", ")));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        extra.push_str(&format!(" [mulige: {}]", values.join(", ")));
    }
    if !extra.is_empty() {
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        arg = arg
            .help(format!("{help}{extra}"))
            .hide_default_value(true)
            .hide_possible_values(true);
    }
    arg
}

/// Clap's English placeholders in a usage line or value name, in Danish.
fn danish(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            DANISH_WORDS
                .iter()
                .find(|(en, _)| *en == word)
                .map(|(_, da)| (*da).to_string())
                .unwrap_or_else(|| {
                    // `<DIR>`, `[PATHS]...`: the name inside the brackets.
                    let mut out = word.to_string();
                    for (en, da) in DANISH_WORDS {
                        for (open, close) in [("<", ">"), ("[", "]")] {
                            out = out.replace(
                                &format!("{open}{en}{close}"),
                                &format!("{open}{da}{close}"),
                            );
                        }
                    }
                    out
                })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_command(cmd: &clap::Command, top: bool, seen: &mut Vec<(String, String)>) {
        let name = if top { "vejviser" } else { cmd.get_name() };
        seen.push((name.to_string(), String::new()));
        for arg in cmd.get_arguments() {
            seen.push((name.to_string(), arg.get_id().to_string()));
        }
        for sub in cmd.get_subcommands() {
            every_command(sub, false, seen);
        }
    }

    #[test]
    fn the_table_has_a_text_for_every_command_and_argument() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut seen = Vec::new();
        every_command(&cmd, true, &mut seen);
        for (command, id) in seen {
            for lang in [Lang::Da, Lang::En] {
                assert!(
                    text(&command, &id, lang).is_some(),
                    "no {lang} help text for `{id}` in `{command}`"
                );
            }
        }
    }

    #[test]
    fn lang_is_read_before_parsing() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_in(&args(&["vejviser", "--help"])), Lang::Da);
        assert_eq!(
            lang_in(&args(&["vejviser", "check", "--lang", "en"])),
            Lang::En
        );
        assert_eq!(lang_in(&args(&["vejviser", "--lang=en", "walk"])), Lang::En);
        assert_eq!(lang_in(&args(&["vejviser", "--lang", "xx"])), Lang::Da);
        assert_eq!(
            lang_in(&args(&["vejviser", "walk", "--", "--lang", "en"])),
            Lang::Da
        );
    }

    #[test]
    fn placeholders_are_danish() {
        assert_eq!(
            danish("vejviser check [OPTIONS] [PATHS]..."),
            "vejviser check [TILVALG] [STIER]..."
        );
        assert_eq!(danish("<DIR>"), "<MAPPE>");
    }
}
