//! `vejviser walk [GUIDE]`: the same guidance line by line on plain stdin/stdout, for screen
//! readers, braille displays, SSH and scripts. No colour, no cursor movement, no box drawing,
//! and no symbols a screen reader reads badly (arrows, guillemets, dashes): nothing that would
//! be read out as noise. A second front end over the same core.

mod answer;
mod failure;
mod plain;
mod rules;
mod saved;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use serde_json::json;

use self::failure::Failure;
pub use self::plain::{plain, plain_symbols};
use self::saved::Saved;
use crate::case::{CaseRecord, Ending};
use crate::guide::Guide;
use crate::guide::model::{Library, Outcome, OutcomeKind};
use crate::lang::Lang;
use crate::log::CaseKeeper;
use crate::search::SearchIndex;
use crate::site::Site;
use crate::walk::Walk;

/// The guide `!` opens at any prompt, as the safety key does in the app.
use crate::tui::app::SAFETY_GUIDE;

/// Input ended in the middle of a case (the case is logged as abandoned).
pub const EXIT_INPUT_ENDED: u8 = 3;

/// The case could not be saved in the log (it went to the recovery file, or nowhere).
pub const EXIT_NOT_SAVED: u8 = 4;

/// The command was used wrongly (an unknown guide, `--format json` without `--answers`).
pub const EXIT_USAGE: u8 = 2;

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
    if !options.json {
        writeln!(out, "{}", site_line(&ctx.site, lang))?;
    }
    let guide = match &options.guide {
        Some(name) => match find_guide(ctx.library, name) {
            Ok(guide) => guide,
            Err(close) => {
                return Failure::new("unknown_guide", unknown_guide(name, &close, lang))
                    .exit(EXIT_USAGE)
                    .report(options.json, out);
            }
        },
        None => match ask_for_guide(ctx, input, out)? {
            Picked::Guide(guide) => guide,
            Picked::Quit => return Ok(ExitCode::SUCCESS),
            Picked::Ended => return Ok(ExitCode::from(EXIT_INPUT_ENDED)),
        },
    };
    let mut walk = match Walk::new(Arc::clone(&guide), ctx.site.clone()) {
        Ok(walk) => walk,
        Err(err) => return Failure::new("broken_guide", err.to_string()).report(options.json, out),
    };
    let code = match &options.answers {
        Some(script) => scripted(&mut walk, script, options.json, ctx, out)?,
        None => interactive(walk, ctx, input, out)?,
    };
    Ok(match ctx.logged {
        Some(false) if code == ExitCode::SUCCESS => ExitCode::from(EXIT_NOT_SAVED),
        _ => code,
    })
}

/// Options that cannot go together; checked before anything is printed or logged.
fn usage_problem(options: &Options, lang: Lang) -> Option<Failure> {
    if options.json && options.answers.is_none() {
        return Some(
            Failure::new(
                "usage",
                lang.pick(
                    "--format json kræver --answers (svarene, adskilt af ;).",
                    "--format json needs --answers (the answers, separated by ;).",
                ),
            )
            .exit(EXIT_USAGE),
        );
    }
    if options.answers.is_some() && options.guide.is_none() {
        return Some(
            Failure::new(
                "usage",
                lang.pick(
                    "--answers kræver en guide: vejviser walk GUIDE --answers \"1;2\".",
                    "--answers needs a guide: vejviser walk GUIDE --answers \"1;2\".",
                ),
            )
            .exit(EXIT_USAGE),
        );
    }
    None
}

/// The first line of line mode: where the program thinks it is used, which decides what the
/// guides offer (`when`/`unless` services).
fn site_line(site: &Site, lang: Lang) -> String {
    let label = lang.pick("Sted", "Site");
    if site.file.is_none() {
        return format!(
            "{label}: {}",
            lang.pick(
                "ingen site-fil er indlæst, så tjenester, der afhænger af stedet, er slået fra (se --site).",
                "no site file is loaded, so services that depend on the site are off (see --site).",
            )
        );
    }
    let name = if site.name.trim().is_empty() {
        plain(&site.id)
    } else {
        plain(&site.name)
    };
    match site.role {
        Some(role) => format!("{label}: {name} ({})", role_name(role, lang)),
        None => format!("{label}: {name}"),
    }
}

fn role_name(role: crate::guide::model::Audience, lang: Lang) -> &'static str {
    use crate::guide::model::Audience;
    match role {
        Audience::Borgerservice => lang.pick("Borgerservice", "citizen service centre"),
        Audience::Bibliotek => lang.pick("bibliotek", "library"),
        Audience::Frivillig => lang.pick("frivillig", "volunteer"),
        Audience::Ngo => "NGO",
    }
}

/// The site as JSON, for scripts.
fn site_json(site: &Site) -> serde_json::Value {
    use crate::guide::model::Audience;
    json!({
        "id": site.id,
        "name": crate::text::visible(&site.name),
        "role": site.role.map(|r| Audience::NAMES[r as usize]),
        "file": site.file.as_ref().map(|f| f.display().to_string()),
    })
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
    let hits = index.search(name);
    match hits.as_slice() {
        [only] => Ok(Arc::clone(only.guide)),
        [first, second, ..] if first.score > second.score => Ok(Arc::clone(first.guide)),
        hits => Err(hits.iter().take(5).map(|h| h.guide.id.clone()).collect()),
    }
}

fn unknown_guide(name: &str, close: &[String], lang: Lang) -> String {
    let mut text = match lang {
        Lang::Da => format!("Der findes ingen guide, der hedder \"{name}\"."),
        Lang::En => format!("There is no guide called \"{name}\"."),
    };
    if !close.is_empty() {
        text.push_str(lang.pick(" Mente du: ", " Did you mean: "));
        text.push_str(&close.join(", "));
        text.push('?');
    } else {
        text.push_str(lang.pick(
            " Kør `vejviser walk` uden navn for at søge.",
            " Run `vejviser walk` without a name to search.",
        ));
    }
    text
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
    let index = SearchIndex::new(&ctx.library.guides);
    loop {
        write!(
            out,
            "{} ",
            lang.pick(
                "Søg efter en guide (! for pres eller svindel, q for at afslutte):",
                "Search for a guide (! for pressure or fraud, q to quit):"
            )
        )?;
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
            writeln!(
                out,
                "{}",
                lang.pick(
                    "Ingen guides passer. Prøv et andet ord.",
                    "No guides match. Try another word."
                )
            )?;
            continue;
        }
        let shown: Vec<_> = hits.iter().take(9).collect();
        for (n, hit) in shown.iter().enumerate() {
            writeln!(out, "{}. {}", n + 1, plain(&hit.guide.title))?;
        }
        loop {
            write!(
                out,
                "{} ",
                lang.pick(
                    "Vælg nummer (eller tom linje for ny søgning):",
                    "Choose a number (or an empty line to search again):"
                )
            )?;
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
                    "{} 1-{}.",
                    lang.pick("Skriv et nummer fra", "Type a number from"),
                    shown.len()
                )?,
            }
        }
    }
}

/// The step or the outcome the case is at.
fn show(case: &mut Case, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
    if case.walk.is_finished() {
        print_outcome(&case.walk, &mut case.heard, ctx, out)?;
        writeln!(out, "{}", outcome_keys(ctx.lang))
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
    writeln!(
        out,
        "{} {}: {}",
        lang.pick("Trin", "Step"),
        walk.path().len(),
        plain(&step.ask)
    )?;
    if let Some(help) = &step.help {
        writeln!(out, "{}: {}", lang.pick("Hjælp", "Help"), plain(help))?;
    }
    heard.say(walk, ctx.library, lang, out)?;
    for (n, choice) in walk.choices().iter().enumerate() {
        writeln!(out, "{}. {}", n + 1, plain(&choice.label))?;
    }
    Ok(())
}

/// The kind of outcome in words for the heading. A refusal says AFVIS, not MÅ IKKE, so it
/// cannot be heard as one more must-not rule.
fn outcome_word(kind: OutcomeKind, lang: Lang) -> &'static str {
    match kind {
        OutcomeKind::Refuse => lang.pick("AFVIS", "REFUSE"),
        other => other.label(lang),
    }
}

/// The heading, what to do now, where to refer with its phone, then the rules, then the
/// citizen's own steps: what the helper needs first comes first.
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
    writeln!(out)?;
    writeln!(
        out,
        "{}: {} - {}",
        lang.pick("UDFALD", "OUTCOME"),
        outcome_word(*outcome.kind, lang),
        plain(&outcome.title)
    )?;
    writeln!(
        out,
        "{}: {}",
        lang.pick("Det gør du nu", "What you do now"),
        plain(&outcome.helper)
    )?;
    print_referral(outcome, ctx, out)?;
    heard.say(walk, ctx.library, lang, out)?;
    if !outcome.steps.is_empty() {
        writeln!(
            out,
            "{}:",
            lang.pick("Borgerens egne trin", "The citizen's own steps")
        )?;
        for (n, step) in outcome.steps.iter().enumerate() {
            writeln!(out, "{}. {}", n + 1, plain(step))?;
        }
    }
    Ok(())
}

/// Where to refer: the place, its phone and other contact lines, and its note.
fn print_referral(outcome: &Outcome, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = ctx.lang;
    let Some(place) = outcome.refer.as_ref().and_then(|id| ctx.library.place(id)) else {
        return Ok(());
    };
    writeln!(
        out,
        "{}: {}",
        lang.pick("Henvis til", "Refer to"),
        plain(&place.name)
    )?;
    for (label, value) in place.contact(lang) {
        writeln!(out, "{label}: {}", plain(value))?;
    }
    // The note often holds what a guide points at ("the price is under the place").
    if let Some(note) = &place.note {
        writeln!(out, "{}", plain(note))?;
    }
    Ok(())
}

fn help(lang: Lang) -> &'static str {
    lang.pick(
        "Skriv nummeret på et svar og tryk Enter. Skriv t for et trin tilbage, g for forfra, ? for reglerne igen, ! for pres eller svindel (sagen venter imens), hjælp for denne hjælp, q for at afslutte (sagen gemmes som afbrudt).",
        "Type the number of an answer and press Enter. Type t to go back one step, g to restart, ? for the rules again, ! for pressure or fraud (the case waits meanwhile), help for this help, q to quit (the case is saved as abandoned).",
    )
}

fn outcome_keys(lang: Lang) -> &'static str {
    lang.pick(
        "Tryk Enter for at afslutte sagen. Skriv h for en udskrift til borgeren, t for et trin tilbage, ? for reglerne igen, ! for pres eller svindel, q for at afslutte.",
        "Press Enter to end the case. Type h for a handout for the citizen, t to go back one step, ? for the rules again, ! for pressure or fraud, q to quit.",
    )
}

fn interactive(
    walk: Walk,
    ctx: &mut Context,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let mut open = vec![Case::new(walk)];
    let result = interactive_loop(&mut open, ctx, input, out);
    // Output failed (a closed pipe, a full disk) in the middle of a case: it still counts.
    if result.is_err() {
        while !open.is_empty() {
            end_case(&mut open, ctx, Ending::Abandoned);
        }
    }
    result
}

/// What a line typed at a prompt asks for.
enum Typed<'a> {
    Nothing,
    Quit,
    Safety,
    Rules,
    Help,
    Handout,
    Back,
    Restart,
    Answer(&'a str),
}

fn typed(line: &str, at_outcome: bool) -> Typed<'_> {
    match line.to_lowercase().as_str() {
        "" => Typed::Nothing,
        "q" => Typed::Quit,
        "!" => Typed::Safety,
        "?" => Typed::Rules,
        "h" if at_outcome => Typed::Handout,
        "h" | "hjælp" | "help" => Typed::Help,
        "t" | "b" => Typed::Back,
        "g" | "r" => Typed::Restart,
        _ => Typed::Answer(line),
    }
}

fn interactive_loop(
    open: &mut Vec<Case>,
    ctx: &mut Context,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let lang = ctx.lang;
    if let Some(case) = open.last_mut() {
        writeln!(out, "{}", plain(&case.walk.guide().title))?;
        writeln!(out, "{}", help(lang))?;
        show(case, ctx, out)?;
    }
    loop {
        track(open, ctx);
        let Some(case) = open.last_mut() else {
            return Ok(ExitCode::SUCCESS);
        };
        let at_outcome = case.walk.is_finished();
        let prompt = if at_outcome {
            lang.pick("Valg:", "Choice:")
        } else {
            lang.pick("Svar:", "Answer:")
        };
        write!(out, "{prompt} ")?;
        out.flush()?;
        let Some(line) = read_line(input)? else {
            writeln!(out)?;
            if at_outcome {
                close_case(open, ctx, Ending::Finished, out)?;
                continue;
            }
            writeln!(
                out,
                "{}",
                lang.pick(
                    "Input sluttede midt i sagen.",
                    "Input ended in the middle of the case."
                )
            )?;
            close_all(open, ctx, out)?;
            return Ok(ExitCode::from(EXIT_INPUT_ENDED));
        };
        match typed(&line, at_outcome) {
            Typed::Nothing if at_outcome => close_case(open, ctx, Ending::Finished, out)?,
            Typed::Nothing => writeln!(
                out,
                "{}",
                lang.pick(
                    "Skriv et nummer, eller hjælp for tasterne.",
                    "Type a number, or help for the keys."
                )
            )?,
            Typed::Quit => {
                close_all(open, ctx, out)?;
                return Ok(ExitCode::SUCCESS);
            }
            Typed::Safety => open_safety(open, ctx, out)?,
            Typed::Rules => case.heard.repeat(&case.walk, ctx.library, lang, out)?,
            Typed::Help => writeln!(out, "{}", help(lang))?,
            Typed::Handout => write_handout(case, ctx, out)?,
            Typed::Back => {
                if !case.walk.back() {
                    writeln!(
                        out,
                        "{}",
                        lang.pick("Du er ved første spørgsmål.", "This is the first question.")
                    )?;
                }
                show(case, ctx, out)?;
            }
            Typed::Restart => {
                case.walk.restart();
                show(case, ctx, out)?;
            }
            Typed::Answer(_) if at_outcome => writeln!(out, "{}", outcome_keys(lang))?,
            Typed::Answer(answer) => choose_typed(case, answer, ctx, out)?,
        }
    }
}

/// A number, a label, or the beginning of a label typed at a step.
fn choose_typed(
    case: &mut Case,
    answer: &str,
    ctx: &Context,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = ctx.lang;
    match answer::resolve(answer, &case.walk.choices()) {
        answer::Resolved::Number(n) if case.walk.choose(n).is_ok() => show(case, ctx, out),
        answer::Resolved::Ambiguous(candidates) => writeln!(
            out,
            "{} {}",
            lang.pick(
                "Det passer på flere svar. Skriv et af numrene:",
                "That fits more than one answer. Type one of the numbers:"
            ),
            numbered(&candidates)
        ),
        _ => writeln!(
            out,
            "{} 1-{}.",
            lang.pick(
                "Ukendt svar. Skriv et nummer fra",
                "Unknown answer. Type a number from"
            ),
            case.walk.choices().len()
        ),
    }
}

/// "2. Nej | 3. Nej, og ..." for messages that list choices.
fn numbered(choices: &[(usize, String)]) -> String {
    choices
        .iter()
        .map(|(n, label)| format!("{n}. {}", plain(label)))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `!`: the open case waits, the safety guide is walked as a case of its own, and the waiting
/// case goes on at the same question when that case ends (as in the app).
fn open_safety(open: &mut Vec<Case>, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = ctx.lang;
    if open
        .last()
        .is_some_and(|c| c.walk.guide().id == SAFETY_GUIDE)
    {
        return writeln!(
            out,
            "{}",
            lang.pick(
                "Du er allerede i guiden om pres og svindel.",
                "You are already in the pressure and fraud guide."
            )
        );
    }
    let Some(guide) = ctx.library.guide(SAFETY_GUIDE) else {
        return writeln!(out, "{}", safety_missing(lang));
    };
    let walk = match Walk::new(Arc::clone(guide), ctx.site.clone()) {
        Ok(walk) => walk,
        Err(err) => return writeln!(out, "{err}"),
    };
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        lang.pick(
            "PRES ELLER SVINDEL: Sagen venter og fortsætter bagefter.",
            "PRESSURE OR FRAUD: The case waits and goes on afterwards."
        )
    )?;
    writeln!(out, "{}", plain(&walk.guide().title))?;
    let mut case = Case::new(walk);
    show(&mut case, ctx, out)?;
    open.push(case);
    Ok(())
}

/// `h` at an outcome: the citizen's handout, written where the app writes it.
fn write_handout(case: &Case, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
    let text = crate::tui::strings::strings(ctx.lang);
    let Some(outcome) = case.walk.outcome() else {
        return Ok(());
    };
    if outcome.steps.is_empty() {
        return writeln!(out, "{}", plain_symbols(text.handout_nothing));
    }
    let saved = crate::handout::save(
        &ctx.handout_dir,
        case.walk.guide(),
        outcome,
        ctx.library,
        ctx.lang,
    );
    match saved {
        Ok(path) => writeln!(out, "{}: {}", text.handout_saved, path.display()),
        Err((path, err)) => writeln!(
            out,
            "{} ({}): {}",
            text.handout_failed,
            path.display(),
            err.message(ctx.lang)
        ),
    }
}

/// End the case being walked, say whether it is saved, and go back to a waiting case.
fn close_case(
    open: &mut Vec<Case>,
    ctx: &mut Context,
    ending: Ending,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let Some(saved) = end_case(open, ctx, ending) else {
        return Ok(());
    };
    writeln!(
        out,
        "{}",
        plain_symbols(&saved::told(&saved, ending, ctx.lang))
    )?;
    if let Some(case) = open.last_mut() {
        writeln!(out)?;
        writeln!(
            out,
            "{}: {}",
            ctx.lang.pick("Tilbage til sagen", "Back to the case"),
            plain(&case.walk.guide().title)
        )?;
        show(case, ctx, out)?;
    }
    Ok(())
}

/// `q` or the end of input: every open case ends, the one at an outcome as finished, the
/// others as abandoned, and each says whether it is saved.
fn close_all(open: &mut Vec<Case>, ctx: &mut Context, out: &mut dyn Write) -> std::io::Result<()> {
    while let Some(case) = open.last() {
        let ending = if case.walk.is_finished() {
            Ending::Finished
        } else {
            Ending::Abandoned
        };
        if let Some(saved) = end_case(open, ctx, ending) {
            writeln!(
                out,
                "{}",
                plain_symbols(&saved::told(&saved, ending, ctx.lang))
            )?;
        }
    }
    Ok(())
}

/// Log the case being walked and take it off the open cases, under the lock a signal handler
/// takes, so a case is logged exactly once. `None` if no case was open.
fn end_case(open: &mut Vec<Case>, ctx: &mut Context, ending: Ending) -> Option<Saved> {
    let shared = Arc::clone(&ctx.open_case);
    let mut waiting = shared.lock().unwrap_or_else(|p| p.into_inner());
    let case = open.pop()?;
    let saved = finish(&case.walk, ctx, ending);
    *waiting = open
        .iter()
        .map(|c| CaseRecord::of(&c.walk, ctx.library, Ending::Abandoned))
        .collect();
    Some(saved)
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
    if let Err(failure) = follow(walk, &answers, ctx.lang) {
        return failure.report(json_out, out);
    }
    let Some(outcome) = walk.outcome() else {
        let step = walk.step().map_or_else(String::new, |s| plain(&s.ask));
        let saved = finish(walk, ctx, Ending::Abandoned);
        say_problem(&saved, ctx.lang);
        let message = format!(
            "{} {step}",
            ctx.lang
                .pick("Svarene slap op ved:", "The answers ran out at:")
        );
        return Failure::new("answers_ran_out", message)
            .exit(EXIT_INPUT_ENDED)
            .report(json_out, out);
    };
    if json_out {
        writeln!(out, "{:#}", outcome_json(walk, outcome, ctx))?;
    } else {
        let lang = ctx.lang;
        writeln!(out, "{}", plain(&walk.guide().title))?;
        for (n, (step, choice)) in walk.answers().enumerate() {
            writeln!(
                out,
                "{} {}: {} {}: {}",
                lang.pick("Trin", "Step"),
                n + 1,
                plain(&step.ask),
                lang.pick("Svar", "Answer"),
                plain(&choice.label)
            )?;
        }
        print_outcome(walk, &mut rules::Heard::default(), ctx, out)?;
    }
    let saved = finish(walk, ctx, Ending::Finished);
    say_problem(&saved, ctx.lang);
    Ok(ExitCode::SUCCESS)
}

/// Take each answer in turn; the first that does not fit stops the walk.
fn follow(walk: &mut Walk, answers: &[&str], lang: Lang) -> Result<(), Failure> {
    let which =
        |i: usize, answer: &str| format!("{} {} \"{answer}\"", lang.pick("Svar", "Answer"), i + 1);
    for (i, answer) in answers.iter().enumerate() {
        if walk.is_finished() {
            return Err(Failure::new(
                "too_many_answers",
                format!(
                    "{}: {}",
                    which(i, answer),
                    lang.pick(
                        "sagen har allerede nået sit udfald",
                        "the case has already reached its outcome"
                    )
                ),
            ));
        }
        let choices = walk.choices();
        match answer::resolve(answer, &choices) {
            answer::Resolved::Number(n) => {
                if let Err(err) = walk.choose(n) {
                    return Err(Failure::new("broken_guide", err.to_string()));
                }
            }
            answer::Resolved::NoMatch => {
                let visible: Vec<(usize, String)> = choices
                    .iter()
                    .enumerate()
                    .map(|(n, c)| (n + 1, c.label.as_str().to_string()))
                    .collect();
                return Err(Failure::new(
                    "answer_does_not_match",
                    format!(
                        "{} {}: {}",
                        which(i, answer),
                        lang.pick("passer ikke", "does not match"),
                        numbered(&visible)
                    ),
                ));
            }
            answer::Resolved::Ambiguous(candidates) => {
                return Err(Failure::new(
                    "ambiguous_answer",
                    format!(
                        "{} {}: {}",
                        which(i, answer),
                        lang.pick(
                            "passer på flere svar; skriv mere af svaret eller dets nummer",
                            "fits more than one answer; type more of it or its number"
                        ),
                        numbered(&candidates)
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn outcome_json(walk: &Walk, outcome: &Outcome, ctx: &Context) -> serde_json::Value {
    let place = outcome.refer.as_ref().and_then(|id| ctx.library.place(id));
    // Guide text is data here, but JSON is often printed to a terminal: control, bidi and
    // zero-width characters are written visibly, as everywhere else.
    let v = |t: &str| crate::text::visible(t).into_owned();
    json!({
        "site": site_json(&ctx.site),
        "guide": walk.guide().id,
        "path": walk.path(),
        "answers": walk.answers().map(|(_, c)| v(&c.label)).collect::<Vec<_>>(),
        "outcome": {
            "id": outcome.id.value,
            "kind": outcome.kind.code(),
            "title": v(&outcome.title),
            "helper": v(&outcome.helper),
            "steps": outcome.steps.iter().map(|s| v(s)).collect::<Vec<_>>(),
            "refer": place.map(|p| json!({
                "id": p.id.value,
                "name": v(&p.name),
                "phone": p.phone.as_ref().map(|t| v(t)),
                "web": p.web.as_ref().map(|t| v(t)),
                "hours": p.hours.as_ref().map(|t| v(t)),
                "note": p.note.as_ref().map(|t| v(t)),
            })),
        },
        "rules": walk.rules_in_force(),
    })
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
