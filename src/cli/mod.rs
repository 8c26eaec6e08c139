//! The command line: argument parsing and one small module per subcommand.

/// `print!` through the one output path (see `output::write_stdout`).
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::output::write_stdout(format_args!($($arg)*)) };
}

/// `outln!` through the one output path.
macro_rules! outln {
    () => { $crate::cli::output::write_stdout(format_args!("\n")) };
    ($($arg:tt)*) => {{
        $crate::cli::output::write_stdout(format_args!($($arg)*));
        $crate::cli::output::write_stdout(format_args!("\n"));
    }};
}

/// `errln!` that never panics on a closed stderr.
macro_rules! errln {
    ($($arg:tt)*) => {{
        $crate::cli::output::write_stderr(format_args!($($arg)*));
        $crate::cli::output::write_stderr(format_args!("\n"));
    }};
}

pub mod central;
mod check;
mod collect;
mod doc;
pub mod exit;
mod export;
mod graph;
pub mod help_text;
mod manual;
mod new;
pub mod output;
mod report;
mod start;
pub mod stats;
mod test;
pub mod translate;
pub mod walk;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use self::exit::Exit;
use crate::date::Date;
use crate::guide::{Loaded, check as check_library, load_embedded, load_paths};
use crate::lang::Lang;
use crate::present::Show as _;
use crate::site::Site;

/// The options given before a subcommand (or without one, for the full-screen app) sit here; a
/// subcommand has its own copies of those that apply to it, and `run` merges them in, so
/// `vejviser --guides DIR check` and `vejviser check --guides DIR` mean the same.
#[derive(Debug, Parser)]
#[command(
    name = "vejviser",
    version,
    about = "Vejledning til hjælpere ved skranken: hvad du skal, må og ikke må, når du hjælper en borger digitalt.",
    long_about = None,
)]
pub struct Cli {
    /// Language of the program's text (da, en), and of the guides where they have a current
    /// translation; for `translate` also a handout language (uk, ar).
    #[arg(
        long = "lang",
        global = true,
        value_name = "LANG",
        default_value = "da"
    )]
    pub language: crate::lang::Language,

    /// The program's own language, from `--lang` (see [`Cli::settle`]).
    #[arg(skip)]
    pub lang: Lang,

    /// A folder of guides to use instead of the guides built into the program (repeatable).
    #[arg(long = "guides", value_name = "DIR")]
    pub guides: Vec<PathBuf>,

    /// The site file: name, services offered, local places (default: site.toml beside the case
    /// log, else in the user's config folder).
    #[arg(long, value_name = "FILE")]
    pub site: Option<PathBuf>,

    /// The case log (SQLite). Default: sager.sqlite3 in the user's data folder.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,

    /// Do not log cases.
    #[arg(long)]
    pub no_log: bool,

    /// The central log's configuration (server and password file). Default: central.toml in
    /// the user's config folder, if it exists.
    #[arg(long, value_name = "FILE")]
    pub central_config: Option<PathBuf>,

    /// Colour theme of the full-screen app (NO_COLOR turns colour off in any theme).
    #[arg(long, value_enum, default_value_t = crate::tui::theme::ThemeName::Normal)]
    pub theme: crate::tui::theme::ThemeName,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--guides DIR` on a subcommand that reads guides.
#[derive(Debug, Clone, Default, Args)]
pub struct GuidesOpt {
    /// A folder of guides to use instead of the guides built into the program (repeatable).
    #[arg(long = "guides", value_name = "DIR")]
    pub guides: Vec<PathBuf>,
}

/// `--site FILE` on a subcommand that sees the guides as a site does.
#[derive(Debug, Clone, Default, Args)]
pub struct SiteOpt {
    /// The site file: name, services offered, local places.
    #[arg(long, value_name = "FILE")]
    pub site: Option<PathBuf>,
}

/// `--db FILE` on a subcommand that reads or writes the case log.
#[derive(Debug, Clone, Default, Args)]
pub struct DbOpt {
    /// The case log (SQLite). Default: sager.sqlite3 in the user's data folder.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

/// `--central-config FILE` on a subcommand that ships cases to the central log.
#[derive(Debug, Clone, Default, Args)]
pub struct CentralOpt {
    /// The central log's configuration (server and password file).
    #[arg(long, value_name = "FILE")]
    pub central_config: Option<PathBuf>,
}

/// `--no-log` on a subcommand that logs cases.
#[derive(Debug, Clone, Default, Args)]
pub struct NoLogOpt {
    /// Do not log cases.
    #[arg(long)]
    pub no_log: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check guide files: references, reachability, policy rules, freshness.
    Check {
        /// Guide folders or files (default: --guides, else the built-in guides).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        guides: GuidesOpt,
        #[command(flatten)]
        site: SiteOpt,
    },
    /// Run the scenario tests written inside the guides.
    Test {
        /// Guide folders or files (default: --guides, else the built-in guides).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        guides: GuidesOpt,
        #[command(flatten)]
        site: SiteOpt,
    },
    /// A guide as a flowchart (Mermaid for git web views, or Graphviz DOT).
    Graph {
        /// The guide's id.
        guide: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = crate::guide::graph::GraphFormat::Mermaid)]
        format: crate::guide::graph::GraphFormat,
        #[command(flatten)]
        guides: GuidesOpt,
    },
    /// Markdown pages of every guide, for reviewers who don't read TOML.
    Doc {
        /// Guide folders or files (default: --guides, else the built-in guides).
        paths: Vec<PathBuf>,
        /// Write index.md and one page per guide here (default: print to the screen).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        #[command(flatten)]
        guides: GuidesOpt,
    },
    /// Write a new, valid guide to start from: `vejviser new AREA/ID`.
    New {
        /// Area and id, e.g. `mitid/ny-guide`.
        name: String,
        #[command(flatten)]
        guides: GuidesOpt,
    },
    /// Start or complete translation files beside the Danish guides: `translate --lang en guides`.
    Translate {
        /// Guide folders or files to translate.
        paths: Vec<PathBuf>,
        #[command(flatten)]
        guides: GuidesOpt,
    },
    /// Per guide: steps, outcomes by kind, rules, longest path, scenario coverage, reviewed.
    Stats {
        /// Guide folders or files (default: --guides, else the built-in guides).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        guides: GuidesOpt,
    },
    /// Walk a guide line by line on plain text (screen readers, SSH, scripts).
    Walk {
        /// The guide's id or a search word (default: ask for a search word).
        guide: Option<String>,
        /// Answers separated by `;`, each a choice number, label or unique beginning of a
        /// label; walks without prompts.
        #[arg(long)]
        answers: Option<String>,
        /// With --answers: print the outcome, or the error, as JSON.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        guides: GuidesOpt,
        #[command(flatten)]
        site: SiteOpt,
        #[command(flatten)]
        db: DbOpt,
        #[command(flatten)]
        no_log: NoLogOpt,
        #[command(flatten)]
        central: CentralOpt,
    },
    /// Figures from one or many case logs: counts, abandon rate, must-not share, median time.
    Report {
        /// Log files (default: this PC's log).
        files: Vec<PathBuf>,
        /// What to group by.
        #[arg(long, value_enum, default_value_t = crate::report::Dimension::Guide)]
        by: crate::report::Dimension,
        /// First day to include (YYYY-MM-DD).
        #[arg(long, value_parser = report::parse_date)]
        since: Option<crate::date::Date>,
        /// Last day to include (YYYY-MM-DD).
        #[arg(long, value_parser = report::parse_date)]
        until: Option<crate::date::Date>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = report::ReportFormat::Table)]
        format: report::ReportFormat,
        /// Exact counts, nothing hidden or rounded: only for use inside the municipality (the
        /// output's first line says it must not be shared). `--no-suppress` is the old name.
        #[arg(long, alias = "no-suppress")]
        exact: bool,
        /// Write the report to this file (UTF-8) instead of the screen. Safer than `>` in
        /// Windows PowerShell 5.1, which re-encodes what it redirects and garbles æ, ø and å.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        db: DbOpt,
    },
    /// The central log on PostgreSQL: set up a server, or ship this PC's cases now.
    Central {
        #[command(subcommand)]
        command: central::CentralCommand,
        #[command(flatten)]
        db: DbOpt,
        #[command(flatten)]
        central: CentralOpt,
    },
    /// Shell completions for bash, zsh, fish or PowerShell, printed to the screen.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// The manual page (roff), printed to the screen or written as one page per subcommand.
    Man {
        /// Write vejviser.1 and one page per subcommand here (default: print vejviser.1).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// A consistent copy of this PC's log (--db), safe while the app runs, for `collect`.
    Export {
        /// Only cases from this day on (YYYY-MM-DD).
        #[arg(long, value_parser = report::parse_date)]
        since: Option<crate::date::Date>,
        /// The file to write (replaced if it exists).
        out: PathBuf,
        #[command(flatten)]
        db: DbOpt,
    },
    /// Merge exported logs into one archive, each case once; reports read the archive.
    Collect {
        /// The archive log (made if missing).
        archive: PathBuf,
        /// Exported logs to add.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

impl Command {
    /// The shared options given after the subcommand, where it has them.
    fn shared(&self) -> Shared<'_> {
        let none = Shared::default();
        match self {
            Command::Check { guides, site, .. } | Command::Test { guides, site, .. } => Shared {
                guides: Some(guides),
                site: Some(site),
                ..none
            },
            Command::Graph { guides, .. }
            | Command::Doc { guides, .. }
            | Command::New { guides, .. }
            | Command::Translate { guides, .. }
            | Command::Stats { guides, .. } => Shared {
                guides: Some(guides),
                ..none
            },
            Command::Walk {
                guides,
                site,
                db,
                no_log,
                central,
                ..
            } => Shared {
                guides: Some(guides),
                site: Some(site),
                db: Some(db),
                no_log: Some(no_log),
                central: Some(central),
            },
            Command::Report { db, .. } | Command::Export { db, .. } => Shared {
                db: Some(db),
                ..none
            },
            Command::Central { db, central, .. } => Shared {
                db: Some(db),
                central: Some(central),
                ..none
            },
            Command::Completions { .. } | Command::Man { .. } | Command::Collect { .. } => none,
        }
    }
}

#[derive(Default)]
struct Shared<'a> {
    guides: Option<&'a GuidesOpt>,
    site: Option<&'a SiteOpt>,
    db: Option<&'a DbOpt>,
    no_log: Option<&'a NoLogOpt>,
    central: Option<&'a CentralOpt>,
}

impl Cli {
    /// Options given after the subcommand join (or replace) those given before it.
    fn merged(mut self) -> Cli {
        let Some(command) = &self.command else {
            return self;
        };
        let shared = command.shared();
        if let Some(opt) = shared.guides.filter(|o| !o.guides.is_empty()) {
            self.guides = opt.guides.clone();
        }
        if let Some(site) = shared.site.and_then(|o| o.site.clone()) {
            self.site = Some(site);
        }
        if let Some(db) = shared.db.and_then(|o| o.db.clone()) {
            self.db = Some(db);
        }
        self.no_log |= shared.no_log.is_some_and(|o| o.no_log);
        if let Some(file) = shared.central.and_then(|o| o.central_config.clone()) {
            self.central_config = Some(file);
        }
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

impl Cli {
    /// Fill in the program's language from `--lang`. A handout language (uk, ar) is only for
    /// `translate`: the program's own text is Danish or English. Exit code when it cannot run.
    pub fn settle(&mut self) -> Result<(), ExitCode> {
        match self.language.ui() {
            Some(lang) => self.lang = lang,
            None if matches!(self.command, Some(Command::Translate { .. })) => {}
            None => {
                errln!(
                    "`--lang {code}`: {da} findes til borgerens udskrift (tryk h ved et udfald), ikke til programmets egen tekst; brug da eller en. / {en} is for the citizen's handout (press h at an outcome), not for the program's own text; use da or en.",
                    code = self.language.code(),
                    da = self.language.name(Lang::Da),
                    en = self.language.name(Lang::En),
                );
                return Err(Exit::Usage.into());
            }
        }
        Ok(())
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let mut cli = cli.merged();
    if let Err(code) = cli.settle() {
        return code;
    }
    match cli.command {
        None => start::run(&cli),
        Some(Command::Check {
            ref paths, format, ..
        }) => check::run(
            &chosen(paths, &cli.guides),
            cli.site.as_deref(),
            format,
            cli.lang,
        ),
        Some(Command::Test { ref paths, .. }) => {
            test::run(&chosen(paths, &cli.guides), cli.site.as_deref(), cli.lang)
        }
        Some(Command::Graph {
            ref guide, format, ..
        }) => graph::run(&cli.guides, guide, format, cli.lang),
        Some(Command::Doc {
            ref paths, ref out, ..
        }) => doc::run(&chosen(paths, &cli.guides), out.as_deref(), cli.lang),
        Some(Command::New { ref name, .. }) => new::run(name, &cli.guides, cli.lang),
        Some(Command::Translate { ref paths, .. }) => {
            translate::run(&chosen(paths, &cli.guides), cli.language, cli.lang)
        }
        Some(Command::Central { ref command, .. }) => central::run(
            command,
            cli.central_config.as_deref(),
            cli.db.clone().unwrap_or_else(crate::paths::default_db),
            cli.lang,
        ),
        Some(Command::Stats { ref paths, .. }) => stats::run(&chosen(paths, &cli.guides), cli.lang),
        Some(Command::Walk {
            ref guide,
            ref answers,
            format,
            ..
        }) => run_walk(&cli, guide.clone(), answers.clone(), format == Format::Json),
        Some(Command::Report {
            ref files,
            by,
            since,
            until,
            format,
            exact,
            ref output,
            ..
        }) => {
            let mut files = files.clone();
            if files.is_empty() {
                files.extend(cli.db.clone());
            }
            report::run(
                report::Options {
                    files,
                    by,
                    since,
                    until,
                    format,
                    exact,
                    output: output.clone(),
                },
                cli.lang,
            )
        }
        Some(Command::Completions { shell }) => manual::completions(shell, cli.lang),
        Some(Command::Man { ref out }) => manual::man(out.as_deref(), cli.lang),
        Some(Command::Export { since, ref out, .. }) => {
            let db = cli.db.clone().unwrap_or_else(crate::paths::default_db);
            export::run(&db, out, since, cli.lang)
        }
        Some(Command::Collect {
            ref archive,
            ref files,
        }) => collect::run(archive, files, cli.lang),
    }
}

/// Parse the command line with `--help` in the language it asks for (`--lang`, else Danish).
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let lang = help_text::lang_in(&args);
    output::set_lang(lang);
    let matches = help_text::command(lang).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// A path the user named that does not exist (or cannot be read) ends a command that would
/// otherwise print an empty result with exit 0; the diagnostics say which.
fn missing_paths(loaded: &Loaded, lang: Lang) -> Option<ExitCode> {
    use crate::guide::Finding;
    let missing: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.finding,
                Finding::PathNotFound | Finding::NotRegularFile | Finding::Unreadable { .. }
            )
        })
        .collect();
    if missing.is_empty() {
        return None;
    }
    for diagnostic in missing {
        errln!("{}", diagnostic.render(&loaded.sources, lang, false));
    }
    Some(Exit::Findings.into())
}

/// The paths a subcommand works on: its own arguments, else `--guides`.
fn chosen(paths: &[PathBuf], guides: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        guides.to_vec()
    } else {
        paths.to_vec()
    }
}

/// Load (from disk, or the built-in guides when no path is given) and check; with a site file,
/// also check the guides as that site sees them and add its places.
pub fn load_and_check(paths: &[PathBuf], site_file: Option<&Path>) -> (Loaded, Site) {
    let mut loaded = if paths.is_empty() {
        load_embedded()
    } else {
        load_paths(paths)
    };
    let findings = check_library(&loaded.library, &loaded.sources, Date::today());
    loaded.diagnostics.extend(findings);
    if loaded.library.guides.is_empty() && !loaded.diagnostics.iter().any(|d| d.is_error()) {
        let shown = paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        loaded.diagnostics.push(crate::guide::Diagnostic::at_path(
            crate::guide::Finding::NoGuides,
            shown,
        ));
    }
    let site = site_file
        .and_then(|path| crate::site::apply_site(&mut loaded, path))
        .unwrap_or_default();
    if site.file.is_some() {
        let findings = crate::site::check::check_for_site(&loaded.library, &site);
        loaded.diagnostics.extend(findings);
    }
    (loaded, site)
}

/// The site file to use: `--site`, else (when `discover`) `site.toml` beside the case log or in
/// the user's configuration folder.
pub fn site_file(cli: &Cli, discover: bool) -> Option<PathBuf> {
    if cli.site.is_some() || !discover {
        return cli.site.clone();
    }
    let db = cli.db.clone().unwrap_or_else(crate::paths::default_db);
    crate::site::site_candidates(&db)
        .into_iter()
        .find(|p| p.is_file())
}

/// SIGHUP (a closed SSH session or window), SIGTERM and Ctrl-C while `walk` waits for input:
/// the open case is logged as abandoned, as the app does, and the program exits non-zero.
#[cfg(unix)]
fn save_on_signal(ctx: &walk::Context) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT]) else {
        return;
    };
    let open_case = std::sync::Arc::clone(&ctx.open_case);
    let path = ctx.keeper.path().cloned();
    let site = ctx.keeper.site().to_string();
    let lang = ctx.lang;
    std::thread::spawn(move || {
        let Some(signal) = signals.forever().next() else {
            return;
        };
        // Waits for a case being logged right now; then there is nothing left to log.
        // The lock is held until the process ends, so the main thread cannot log it too.
        let mut open = open_case.lock().unwrap_or_else(|p| p.into_inner());
        let records = std::mem::take(&mut *open);
        if let (false, Some(path)) = (records.is_empty(), path) {
            let mut keeper = crate::log::CaseKeeper::open(path, &site);
            for record in &records {
                keeper.keep(record);
            }
            if walk::report_saved(&mut keeper, lang) {
                eprintln!(
                    "{}",
                    lang.pick(
                        "vejviser blev stoppet. Sagen er gemt som afbrudt.",
                        "vejviser was stopped. The case is saved as abandoned.",
                    )
                );
            }
        }
        std::process::exit(exit::signalled(signal));
    });
}

/// The case log as the options ask for it.
pub fn keeper(cli: &Cli, site: &crate::site::Site) -> crate::log::CaseKeeper {
    if cli.no_log {
        crate::log::CaseKeeper::off()
    } else {
        crate::log::CaseKeeper::open(
            cli.db.clone().unwrap_or_else(crate::paths::default_db),
            &site.id,
        )
    }
}

fn run_walk(cli: &Cli, guide: Option<String>, answers: Option<String>, json: bool) -> ExitCode {
    let discovered = site_file(cli, true);
    let (mut loaded, mut site) = load_and_check(&cli.guides, discovered.as_deref());
    // Handouts print the Danish and the citizen's language, whatever the screens are in.
    let danish = loaded.library.clone();
    let translated = crate::guide::translation::apply(&mut loaded.library, cli.lang);
    // Line mode: no symbol a screen reader reads badly, on stderr either.
    if translated.stale > 0 {
        let text = walk::plain_symbols(crate::tui::strings::strings(cli.lang).stale_translations);
        errln!("{text} {}", translated.stale);
    }
    for diagnostic in loaded.drop_broken_guides() {
        let text = diagnostic.render(&loaded.sources, cli.lang, false);
        errln!("{}", walk::plain_symbols(&text));
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // First start at a desk with no site file: ask where vejviser is used, as the app does.
    // Never in a script (answers given, or input that is not a terminal).
    if discovered.is_none() && answers.is_none() && std::io::IsTerminal::is_terminal(&stdin) {
        let db = cli.db.clone().unwrap_or_else(crate::paths::default_db);
        if let Some(path) = crate::site::site_candidates(&db).into_iter().next() {
            match walk::first_run::ask_site(&loaded.library, &path, cli.lang, &mut input, &mut out)
            {
                Ok(Some(chosen)) => site = chosen,
                Ok(None) => {}
                Err(err) => {
                    errln!("vejviser: {err}");
                    return Exit::Findings.into();
                }
            }
        }
    }
    let mut keeper = keeper(cli, &site);
    let mut ctx = walk::Context {
        library: &loaded.library,
        site,
        lang: cli.lang,
        keeper: &mut keeper,
        open_case: walk::OpenCase::default(),
        logged: None,
        handout_dir: crate::paths::handout_dir(),
        danish: &danish,
    };
    #[cfg(unix)]
    save_on_signal(&ctx);
    let options = walk::Options {
        guide,
        answers,
        json,
    };
    let db = cli.db.clone().unwrap_or_else(crate::paths::default_db);
    let shipper = match cli.no_log {
        true => None,
        false => {
            central::shipper(cli.central_config.as_deref(), &db, cli.lang).unwrap_or_else(|err| {
                errln!("vejviser: {}", err.message(cli.lang));
                None
            })
        }
    };
    let code = walk::run(&options, &mut ctx, &mut input, &mut out).unwrap_or_else(|err| {
        errln!("vejviser: {err}");
        Exit::Findings.into()
    });
    // Cases logged here go to the central log now; if they cannot, say so and why.
    if let Some(shipper) = shipper {
        let state = match ctx.logged {
            Some(_) => shipper.settle(central::LINE_MODE_WAIT),
            None => shipper.state(),
        };
        if let Some(line) = state.line(cli.lang) {
            let line = walk::plain_symbols(&line);
            if options.json {
                errln!("{line}");
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    code
}
