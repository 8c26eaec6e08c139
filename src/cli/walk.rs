//! `vejviser walk [GUIDE]`: the same guidance line by line on plain stdin/stdout, for screen
//! readers, braille displays, SSH and scripts. No colour, no cursor movement, no box drawing,
//! and no symbols a screen reader reads badly (arrows, guillemets, dashes): nothing that would
//! be read out as noise. A second front end over the same core.

mod answer;
mod failure;
pub mod first_run;
mod interactive;
mod plain;
mod rules;
mod saved;
mod script;
mod site;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::exit::Exit;
use std::sync::{Arc, Mutex};

use self::failure::Failure;
pub use self::plain::{plain, plain_symbols};
use self::saved::Saved;
use crate::case::{CaseRecord, Ending};
use crate::guide::Guide;
use crate::guide::model::{Library, OutcomeKind};
use crate::lang::Lang;
use crate::log::CaseKeeper;
use crate::present::outcome::{OutcomeView, Words};
use crate::search::SearchIndex;
use crate::site::Site;
use crate::tr;
use crate::walk::Walk;

/// The guide `!` opens at any prompt, as the safety key does in the app.
use crate::tui::app::SAFETY_GUIDE;

/// The cases open right now (the one being walked and any the safety guide interrupted), as
/// they are to be logged (abandoned) if the program is stopped by a signal. A case leaves this
/// list, under the lock, in the code that logs it, so it is logged once.
pub type OpenCase = Arc<Mutex<Vec<CaseRecord>>>;

pub struct Options {
    pub guide: Option<String>,
    /// Answers separated by `;`, each a choice number, label or beginning of a label.
    pub answers: Option<String>,
    pub json: bool,
}

/// Everything a walk needs, so tests can run it on in-memory input and output.
pub struct Context<'a> {
    pub library: &'a Library,
    pub site: Site,
    pub lang: Lang,
    pub keeper: &'a mut CaseKeeper,
    /// Shared with a signal handler, if one is watching (see `cli::run_walk`).
    pub open_case: OpenCase,
    /// Whether cases have been handed to the log, and whether the log took every one of them.
    pub logged: Option<bool>,
    /// Where `h` at an outcome writes the handout (the app's folder).
    pub handout_dir: PathBuf,
    /// The library in Danish with its translations, for `h <language>`.
    pub danish: &'a Library,
}

/// One case in line mode: the walk, and which rules it has read out in full.
struct Case {
    walk: Walk,
    heard: rules::Heard,
}

impl Case {
    fn new(walk: Walk) -> Self {
        Case {
            walk,
            heard: rules::Heard::default(),
        }
    }
}

pub fn run(
    options: &Options,
    ctx: &mut Context,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let lang = ctx.lang;
    if let Some(failure) = usage_problem(options, lang) {
        return failure.report(options.json, out);
    }
    // Said first; when a guide is named, only once its case has begun (and counts if the
    // output fails).
    if options.guide.is_none() {
        writeln!(out, "{}", site::site_line(&ctx.site, lang))?;
    }
    let guide = match &options.guide {
        Some(name) => match find_guide(ctx.library, name) {
            Ok(guide) => guide,
            Err(close) => {
                return Failure::new("unknown_guide", unknown_guide(name, &close, lang))
                    .exit(Exit::Usage)
                    .report(options.json, out);
            }
        },
        None => match ask_for_guide(ctx, input, out)? {
            Picked::Guide(guide) => guide,
            Picked::Quit => return Ok(ExitCode::SUCCESS),
            Picked::Ended => return Ok(ExitCode::from(Exit::InputEnded)),
        },
    };
    let mut walk = match Walk::new(Arc::clone(&guide), ctx.site.clone()) {
        Ok(walk) => walk,
        Err(err) => return Failure::new("broken_guide", err.to_string()).report(options.json, out),
    };
    let code = match &options.answers {
        Some(script) => scripted(&mut walk, script, options.json, ctx, out)?,
        None => interactive::interactive(walk, options.guide.is_some(), ctx, input, out)?,
    };
    Ok(match ctx.logged {
        Some(false) if code == ExitCode::SUCCESS => ExitCode::from(Exit::NotSaved),
        _ => code,
    })
}

/// Options that cannot go together; checked before anything is printed or logged.
fn usage_problem(options: &Options, lang: Lang) -> Option<Failure> {
    if options.json && options.answers.is_none() {
        return Some(
            Failure::new("usage", tr!(lang, "walk-usage-json-needs-answers")).exit(Exit::Usage),
        );
    }
    if options.answers.is_some() && options.guide.is_none() {
        return Some(
            Failure::new("usage", tr!(lang, "walk-usage-answers-need-guide")).exit(Exit::Usage),
        );
    }
    None
}

/// Keep the shared copy of the open cases up to date, for a signal that may come any moment.
fn track(open: &[Case], ctx: &Context) {
    let records = open
        .iter()
        .map(|c| CaseRecord::of(&c.walk, ctx.library, Ending::Abandoned))
        .collect();
    let mut shared = ctx.open_case.lock().unwrap_or_else(|p| p.into_inner());
    *shared = records;
}

/// A guide by exact id, else the single best search hit; otherwise the closest ids.
fn find_guide(library: &Library, name: &str) -> Result<Arc<Guide>, Vec<String>> {
    if let Some(guide) = library.guide(name.trim()) {
        return Ok(Arc::clone(guide));
    }
    let index = SearchIndex::new(&library.guides);
    let hits = index.search_all_words(name);
    match hits.as_slice() {
        [only] => Ok(Arc::clone(only.guide)),
        [first, second, ..] if first.score > second.score => Ok(Arc::clone(first.guide)),
        hits => Err(hits.iter().take(5).map(|h| h.guide.id.clone()).collect()),
    }
}

fn unknown_guide(name: &str, close: &[String], lang: Lang) -> String {
    let hint = if close.is_empty() {
        tr!(lang, "walk-unknown-guide-search")
    } else {
        tr!(
            lang,
            "walk-unknown-guide-did-you-mean",
            close = close.join(", ")
        )
    };
    format!("{} {hint}", tr!(lang, "walk-unknown-guide", name = name))
}

fn read_line(input: &mut dyn BufRead) -> std::io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim().to_string()))
}

/// What the guide search ended with.
enum Picked {
    Guide(Arc<Guide>),
    /// `q`: nothing was started.
    Quit,
    /// Input ended.
    Ended,
}

/// `!` typed where a guide is chosen: the safety guide, if it is loaded.
fn safety_guide(ctx: &Context, out: &mut dyn Write) -> std::io::Result<Option<Arc<Guide>>> {
    match ctx.library.guide(SAFETY_GUIDE) {
        Some(guide) => Ok(Some(Arc::clone(guide))),
        None => {
            writeln!(out, "{}", safety_missing(ctx.lang))?;
            Ok(None)
        }
    }
}

fn safety_missing(lang: Lang) -> String {
    plain_symbols(crate::tui::strings::strings(lang).safety_missing)
}

fn ask_for_guide(
    ctx: &Context,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<Picked> {
    let lang = ctx.lang;
    let index = SearchIndex::for_library(&ctx.library.guides, ctx.library);
    loop {
        write!(out, "{} ", tr!(lang, "walk-search-prompt"))?;
        out.flush()?;
        let Some(query) = read_line(input)? else {
            return Ok(Picked::Ended);
        };
        match query.to_lowercase().as_str() {
            "q" => return Ok(Picked::Quit),
            "!" => match safety_guide(ctx, out)? {
                Some(guide) => return Ok(Picked::Guide(guide)),
                None => continue,
            },
            _ => {}
        }
        let hits = index.search(&query);
        if hits.is_empty() {
            writeln!(out, "{}", tr!(lang, "walk-search-no-hits"))?;
            continue;
        }
        let shown: Vec<_> = hits.iter().take(9).collect();
        for (n, hit) in shown.iter().enumerate() {
            writeln!(out, "{}. {}", n + 1, plain(&hit.guide.title))?;
        }
        loop {
            write!(out, "{} ", tr!(lang, "walk-search-choose"))?;
            out.flush()?;
            let Some(answer) = read_line(input)? else {
                return Ok(Picked::Ended);
            };
            match answer.to_lowercase().as_str() {
                "" => break,
                "q" => return Ok(Picked::Quit),
                "!" => match safety_guide(ctx, out)? {
                    Some(guide) => return Ok(Picked::Guide(guide)),
                    None => continue,
                },
                _ => {}
            }
            match answer
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|n| shown.get(n))
            {
                Some(hit) => return Ok(Picked::Guide(Arc::clone(hit.guide))),
                None => writeln!(
                    out,
                    "{}",
                    tr!(lang, "walk-search-out-of-range", last = shown.len())
                )?,
            }
        }
    }
}

/// The step or the outcome the case is at.
fn show(case: &mut Case, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
    if case.walk.is_finished() {
        print_outcome(&case.walk, &mut case.heard, ctx, out)?;
        writeln!(out, "{}", interactive::outcome_keys(ctx.lang))
    } else {
        print_step(&case.walk, &mut case.heard, ctx, out)
    }
}

fn print_step(
    walk: &Walk,
    heard: &mut rules::Heard,
    ctx: &Context,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let Some(step) = walk.step() else {
        return Ok(());
    };
    let lang = ctx.lang;
    writeln!(out)?;
    let ask = plain(&step.ask);
    let number = walk.path().len();
    writeln!(
        out,
        "{}",
        tr!(lang, "walk-step", number = number, ask = ask)
    )?;
    if let Some(help) = &step.help {
        writeln!(out, "{}", tr!(lang, "walk-step-help", help = plain(help)))?;
    }
    heard.say(walk, ctx.library, lang, out)?;
    for (n, choice) in walk.choices().iter().enumerate() {
        writeln!(out, "{}. {}", n + 1, plain(&choice.label))?;
    }
    print_see(&step.see, ctx, out)
}

/// Links to other guides: "Se også: <title> (<id>)", one a line, so the helper can run
/// `vejviser walk <id>` afterwards.
fn print_see(
    see: &[crate::guide::model::Text],
    ctx: &Context,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for id in see {
        let title = ctx
            .library
            .guide(id)
            .map_or_else(|| id.value.clone(), |g| plain(&g.title));
        let id = crate::text::visible_line(id);
        writeln!(
            out,
            "{}",
            tr!(ctx.lang, "walk-see-also", title = title, id = id)
        )?;
    }
    Ok(())
}

/// The kind of outcome in words for the heading. A refusal says AFVIS, not MÅ IKKE, so it
/// cannot be heard as one more must-not rule.
fn outcome_word(kind: OutcomeKind, lang: Lang) -> String {
    match kind {
        OutcomeKind::Refuse => tr!(lang, "walk-outcome-refuse"),
        other => other.label(lang).to_string(),
    }
}

/// The outcome in the order of its view (see `present::outcome`), as the app shows it: the
/// heading, where to refer with the phone, what to do now, the places' details, then the rules
/// (the app has them in a panel beside), the citizen's own steps and links.
fn print_outcome(
    walk: &Walk,
    heard: &mut rules::Heard,
    ctx: &Context,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let Some(outcome) = walk.outcome() else {
        return Ok(());
    };
    let lang = ctx.lang;
    let view = OutcomeView::new(outcome, ctx.library, ctx.site.role, lang);
    let words = Words::of(lang);
    writeln!(out)?;
    let heading = tr!(
        lang,
        "walk-outcome",
        kind = outcome_word(view.kind, lang),
        title = plain(view.title)
    );
    writeln!(out, "{heading}")?;
    for place in &view.places {
        writeln!(out, "{}: {}", words.refer_to, plain(&place.summary()))?;
    }
    writeln!(out, "{}: {}", words.do_now, plain(view.helper))?;
    print_places(&view, words, lang, out)?;
    heard.say(walk, ctx.library, lang, out)?;
    if !view.steps.is_empty() {
        writeln!(out, "{}:", view.addressee.steps_label(lang))?;
        for (n, step) in view.steps.iter().enumerate() {
            writeln!(out, "{}. {}", n + 1, plain(step))?;
        }
    }
    for guide in &view.see {
        let see = tr!(
            lang,
            "walk-see-also",
            title = plain(&guide.title),
            id = guide.id.to_string()
        );
        writeln!(out, "{see}")?;
    }
    Ok(())
}

/// The places' details: each place in order, numbered when there are several, with its contact
/// lines, its note (often what a guide points at: "the price is under the place") and when the
/// details were checked.
fn print_places(
    view: &OutcomeView,
    words: &Words,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if view.places.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}:", words.place_details)?;
    let numbered = view.places.len() > 1;
    for (n, place) in view.places.iter().enumerate() {
        let pad = if numbered { "   " } else { "  " };
        if numbered {
            writeln!(out, "{}. {}", n + 1, plain(place.name))?;
        } else {
            writeln!(out, "  {}", plain(place.name))?;
        }
        if place.own_desk {
            writeln!(out, "{pad}{}", plain(crate::site::own_desk_note(lang)))?;
        }
        for (label, value) in &place.contact {
            writeln!(out, "{pad}{label}: {}", plain(value))?;
        }
        if let Some(note) = place.note {
            writeln!(out, "{pad}{}", plain(note))?;
        }
        if let Some(checked) = &place.checked {
            writeln!(out, "{pad}({} {checked})", words.checked)?;
        }
    }
    Ok(())
}

fn help(lang: Lang) -> String {
    tr!(lang, "walk-keys")
}

fn scripted(
    walk: &mut Walk,
    script: &str,
    json_out: bool,
    ctx: &mut Context,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let answers: Vec<&str> = script
        .split(';')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    // An answer that fails logs nothing: no case was walked at a desk.
    if let Err(failure) = script::follow(walk, &answers, ctx.lang) {
        return failure.report(json_out, out);
    }
    let Some(outcome) = walk.outcome() else {
        let step = walk.step().map_or_else(String::new, |s| plain(&s.ask));
        let saved = finish(walk, ctx, Ending::Abandoned);
        say_problem(&saved, ctx.lang);
        if !json_out {
            writeln!(out, "{}", site::site_line(&ctx.site, ctx.lang))?;
            if saved.is_saved() {
                writeln!(out, "{}", saved::told(&saved, Ending::Abandoned, ctx.lang))?;
            }
        }
        let message = tr!(ctx.lang, "walk-answers-ran-out", step = step);
        return Failure::new("answers_ran_out", message)
            .exit(Exit::InputEnded)
            .report(json_out, out);
    };
    // Logged before anything is printed: the case was walked, even if the output fails.
    let saved = finish(walk, ctx, Ending::Finished);
    say_problem(&saved, ctx.lang);
    if json_out {
        writeln!(
            out,
            "{:#}",
            script::outcome_json(walk, outcome, &saved, ctx)
        )?;
    } else {
        writeln!(out, "{}", site::site_line(&ctx.site, ctx.lang))?;
        let lang = ctx.lang;
        writeln!(out, "{}", plain(&walk.guide().title))?;
        for (n, (step, choice)) in walk.answers().enumerate() {
            let answered = tr!(
                lang,
                "walk-answered",
                number = n + 1,
                ask = plain(&step.ask),
                answer = plain(&choice.label)
            );
            writeln!(out, "{answered}")?;
        }
        print_outcome(walk, &mut rules::Heard::default(), ctx, out)?;
        if saved.is_saved() {
            writeln!(out, "{}", saved::told(&saved, Ending::Finished, ctx.lang))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Log the case (unless logging is off) and find out whether it was saved; a case the log
/// cannot take goes to the recovery file beside it, which the next start merges in.
fn finish(walk: &Walk, ctx: &mut Context, ending: Ending) -> Saved {
    let record = CaseRecord::of(walk, ctx.library, ending);
    ctx.keeper.keep(&record);
    let saved = saved::check(ctx.keeper, ctx.lang);
    ctx.logged = Some(ctx.logged.unwrap_or(true) && saved.is_saved());
    saved
}

/// On stderr (stdout may be a script's JSON): what went wrong with saving, if anything.
fn say_problem(saved: &Saved, lang: Lang) {
    let problem = saved::problem(saved, lang);
    if !problem.is_empty() {
        errln!("{}", plain_symbols(&problem));
    }
}

/// Say on stderr if the case was not saved, and put it in the recovery file. True if the case
/// is in the log, or logging is off. (For a case logged by the signal handler.)
pub fn report_saved(keeper: &mut CaseKeeper, lang: Lang) -> bool {
    let saved = saved::check(keeper, lang);
    say_problem(&saved, lang);
    saved.is_saved()
}
