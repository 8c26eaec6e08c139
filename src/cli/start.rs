//! `vejviser` with no subcommand: the full-screen app on the built-in guides (or `--guides`).

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::process::ExitCode;

use super::{Cli, load_and_check};
use crate::cli::exit::Exit;
use crate::guide::changes::{Changes, Fingerprint};
use crate::log::{BackgroundKeeper, CaseKeeper};
use crate::tui::theme::Theme;
use crate::tui::{App, Setup, terminal};

pub fn run(cli: &Cli) -> ExitCode {
    let (guides, lang, theme) = (&cli.guides, cli.lang, cli.theme);
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        errln!(
            "{}",
            lang.pick(
                "vejviser skal køre i et terminalvindue. Til scripts: `vejviser check` og `vejviser test`.",
                "vejviser must run in a terminal window. For scripts: `vejviser check` and `vejviser test`.",
            )
        );
        return ExitCode::from(Exit::Usage);
    }
    let site_file = super::site_file(cli, true);
    let (mut loaded, site) = load_and_check(guides, site_file.as_deref());
    // The guides as written, so the search still finds their Danish words in another language.
    let originals = loaded.library.guides.clone();
    // Handouts print the Danish and the citizen's language, whatever the screens are in.
    let danish = (lang != crate::lang::Lang::Da).then(|| loaded.library.clone());
    let translated = crate::guide::translation::apply(&mut loaded.library, lang);
    let errors = loaded.drop_broken_guides();
    let guides_label = if guides.is_empty() {
        String::from(lang.pick("indbyggede", "built-in"))
    } else {
        guides
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let color = !super::output::no_color();
    let data_dir = crate::paths::data_dir();
    let keeper = super::keeper(cli, &site);
    let mut app = App::new(Setup {
        library: loaded.library,
        sources: loaded.sources,
        errors,
        site,
        guides_label,
        lang,
        theme: Theme::new(theme, color),
        handout_dir: crate::paths::handout_dir(),
    });
    let db = cli.db.clone().unwrap_or_else(crate::paths::default_db);
    app.site_path = crate::site::site_candidates(&db).into_iter().next();
    app.handouts.danish = danish;
    // No site file anywhere: ask where vejviser is used before the first case.
    if site_file.is_none() {
        app.open_setup(true);
    }
    if lang != crate::lang::Lang::Da {
        app.search_also(&originals);
    }
    let shown_dir = data_dir.display().to_string();
    app.save_state = keeper.state(lang);
    app.changed = guide_changes(&keeper, &app.library);
    if translated.stale > 0 {
        app.notice = Some(crate::tui::app::Notice {
            text: format!("{} {}", app.text.stale_translations, translated.stale),
            is_problem: false,
        });
    }
    // From here on the log is written on a thread of its own: a key never waits for the disk.
    let mut keeper = BackgroundKeeper::spawn(keeper, lang);
    // The central log, if one is set up: shipped from a thread of its own, as the log is written.
    let shipper = match cli.no_log {
        true => None,
        false => super::central::shipper(cli.central_config.as_deref(), &db, lang)
            // Said on the status line, where it stays: stderr is hidden behind the screen.
            .unwrap_or_else(|err| {
                app.central = Some(err.message(lang));
                None
            }),
    };
    let mut save = |app: &mut App| {
        let changed = save_ended(app, &mut keeper, shipper.as_ref());
        ship_state(app, shipper.as_ref()) || changed
    };
    let result = terminal::run(&mut app, &shown_dir, &mut save);
    // Cases the log still cannot take go to the recovery file, for the next start to merge.
    let kept_aside = match keeper.finish() {
        Some(mut keeper) => keep_aside(&mut keeper, lang),
        None => false,
    };
    match result {
        Ok(()) if kept_aside => ExitCode::SUCCESS,
        // Cases lost: the helper was told on stderr.
        Ok(()) => ExitCode::from(Exit::NotSaved),
        Err(err) => {
            errln!("vejviser: {err}");
            ExitCode::from(Exit::Findings)
        }
    }
}

/// Put cases still waiting in the recovery file beside the log, and say so. False if they
/// could not be put anywhere (they are lost; the helper is told).
pub fn keep_aside(keeper: &mut CaseKeeper, lang: crate::lang::Lang) -> bool {
    if keeper.waiting() == 0 {
        return true;
    }
    let file = keeper
        .path()
        .map(|p| crate::log::recovery_path(p).display().to_string())
        .unwrap_or_default();
    match keeper.write_recovery() {
        Ok(n) => {
            errln!(
                "{n} {}: {file}",
                lang.pick(
                    "sag(er) kunne ikke gemmes i loggen og er lagt i gendannelsesfilen; de gemmes ved næste start",
                    "case(s) could not be saved in the log and were put in the recovery file; they are saved at the next start",
                )
            );
            true
        }
        Err(err) => {
            errln!(
                "{} ({file}): {err}",
                lang.pick(
                    "Sager, der ventede, kunne ikke gemmes nogen steder",
                    "Cases that were waiting could not be saved anywhere",
                )
            );
            false
        }
    }
}

/// Hand ended cases to the log's thread, and take in what it reports: "gemt" is said only
/// once a case is committed. True when that changed what the screen shows.
fn save_ended(
    app: &mut App,
    keeper: &mut BackgroundKeeper,
    shipper: Option<&crate::central::Shipper>,
) -> bool {
    let mut changed = false;
    for id in std::mem::take(&mut app.acknowledged) {
        if let Some(guide) = app.library.guide(&id) {
            keeper.remember(&id, Fingerprint::of(guide));
        }
    }
    if let Some(site) = app.site_to_save.take() {
        keeper.set_site(&site.id);
        save_site(app, &site);
        changed = true;
    }
    let ended: Vec<_> = app.ended.drain(..).collect();
    keeper.keep(ended);
    for report in keeper.reports() {
        if !report.ended.is_empty()
            && let Some(shipper) = shipper
        {
            shipper.nudge();
        }
        app.saved(report.state, &report.ended);
        changed = true;
    }
    if app.overlay == Some(crate::tui::app::Overlay::Stats) && app.stats.is_none() {
        app.stats = Some(read_stats(keeper.path()));
        changed = true;
    }
    changed
}

/// Take in what the central log's worker last said (it never waits). True when it changed.
fn ship_state(app: &mut App, shipper: Option<&crate::central::Shipper>) -> bool {
    // Without a worker, whatever was said at the start (a broken central.toml) stays.
    let Some(shipper) = shipper else {
        return false;
    };
    let line = shipper.state().line(app.lang);
    let changed = line != app.central;
    app.central = line;
    changed
}

/// Write the site chosen on the site screen to its file, and say where (or why not).
fn save_site(app: &mut App, site: &crate::site::Site) {
    let text = crate::tui::setup::setup_text(app.lang);
    let (shown, is_problem) = match (&site.file, crate::site::setup::save(site)) {
        (Some(path), Ok(())) => (format!("{}: {}", text.saved, path.display()), false),
        (Some(path), Err(err)) => (
            format!(
                "{} ({}): {}",
                text.not_saved,
                path.display(),
                err.message(app.lang)
            ),
            true,
        ),
        (None, _) => (text.not_saved.to_string(), true),
    };
    app.notice = Some(crate::tui::app::Notice {
        text: shown,
        is_problem,
    });
}

/// Today's and this week's cases by guide, from this PC's log.
fn read_stats(path: Option<&std::path::PathBuf>) -> crate::tui::app::Stats {
    use crate::report::{Dimension, Filter, build};
    let Some(path) = path else {
        let off = String::from("–");
        return crate::tui::app::Stats {
            today: Err(off.clone()),
            week: Err(off),
        };
    };
    let (today, _) = crate::date::danish_hour(std::time::SystemTime::now());
    let monday = crate::date::Date::from_days_since_epoch(
        today.days_since_epoch() - i64::from(today.weekday()),
    );
    let files = [path.clone()];
    let read = |since| {
        build(
            &files,
            Dimension::Guide,
            Filter {
                since: Some(since),
                until: None,
            },
        )
        .map_err(|e| e.to_string())
    };
    crate::tui::app::Stats {
        today: read(today),
        week: read(monday),
    }
}

/// Guides that changed since this site last used them. A guide this site has never seen is
/// remembered quietly: there is nothing to compare it with.
fn guide_changes(
    keeper: &CaseKeeper,
    library: &crate::guide::Library,
) -> BTreeMap<String, Changes> {
    let mut changed = BTreeMap::new();
    let Some(log) = keeper.log() else {
        return changed;
    };
    let seen = log.seen_versions(keeper.site()).unwrap_or_default();
    for guide in &library.guides {
        let print = Fingerprint::of(guide);
        match seen.get(&guide.id) {
            None => {
                let _ = log.remember_version(keeper.site(), &guide.id, &print);
            }
            Some(old) => {
                if let Some(changes) = Changes::between(old, &print) {
                    changed.insert(guide.id.clone(), changes);
                }
            }
        }
    }
    changed
}
