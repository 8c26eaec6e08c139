//! `vejviser walk [GUIDE]`: the same guidance line by line on plain stdin/stdout, for screen
//! readers, braille displays, SSH and scripts. No colour, no cursor movement, no box drawing —
//! nothing a screen reader would read out as noise. A second front end over the same core.

use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use serde_json::json;

use crate::case::{CaseRecord, Ending};
use crate::guide::Guide;
use crate::guide::model::{Library, Outcome};
use crate::lang::Lang;
use crate::log::CaseKeeper;
use crate::search::SearchIndex;
use crate::site::Site;
use crate::walk::Walk;

/// Input ended in the middle of a case (the case is logged as abandoned).
pub const EXIT_INPUT_ENDED: u8 = 3;

/// The case could not be saved in the log (it went to the recovery file, or nowhere).
pub const EXIT_NOT_SAVED: u8 = 4;

/// The case open right now, as it is to be logged (abandoned) if the program is stopped by a
/// signal. Emptied, under the lock, by the code that logs the case, so it is logged once.
pub type OpenCase = Arc<Mutex<Option<CaseRecord>>>;

pub struct Options {
    pub guide: Option<String>,
    /// Answers separated by `;`, each a choice number or label.
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
    /// Whether the case has been handed to the log, and whether the log took it.
    pub logged: Option<bool>,
}

pub fn run(
    options: &Options,
    ctx: &mut Context,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let guide = match &options.guide {
        Some(name) => match find_guide(ctx.library, name) {
            Ok(guide) => guide,
            Err(close) => {
                writeln!(out, "{}", unknown_guide(name, &close, ctx.lang))?;
                return Ok(ExitCode::from(2));
            }
        },
        None => match ask_for_guide(ctx, input, out)? {
            Some(guide) => guide,
            None => return Ok(ExitCode::from(EXIT_INPUT_ENDED)),
        },
    };
    let mut walk = match Walk::new(Arc::clone(&guide), ctx.site.clone()) {
        Ok(walk) => walk,
        Err(err) => {
            writeln!(out, "{err}")?;
            return Ok(ExitCode::from(1));
        }
    };
    track(&walk, ctx);
    let result = match &options.answers {
        Some(script) => scripted(&mut walk, script, options.json, ctx, out),
        None => interactive(&mut walk, ctx, input, out),
    };
    // Output failed (a closed pipe, a full disk) in the middle of the case: it still counts.
    if result.is_err() && ctx.logged.is_none() {
        finish(&walk, ctx, Ending::Abandoned);
    }
    let code = result?;
    Ok(match ctx.logged {
        Some(false) if code == ExitCode::SUCCESS => ExitCode::from(EXIT_NOT_SAVED),
        _ => code,
    })
}

/// Keep the shared copy of the open case up to date, for a signal that may come any moment.
fn track(walk: &Walk, ctx: &Context) {
    let record = CaseRecord::of(walk, ctx.library, Ending::Abandoned);
    let mut open = ctx.open_case.lock().unwrap_or_else(|p| p.into_inner());
    *open = Some(record);
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

fn ask_for_guide(
    ctx: &Context,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<Option<Arc<Guide>>> {
    let lang = ctx.lang;
    let index = SearchIndex::for_library(&ctx.library.guides, ctx.library);
    loop {
        write!(
            out,
            "{} ",
            lang.pick("Søg efter en guide:", "Search for a guide:")
        )?;
        out.flush()?;
        let Some(query) = read_line(input)? else {
            return Ok(None);
        };
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
            writeln!(
                out,
                "{}. {}",
                n + 1,
                crate::text::visible_line(&hit.guide.title)
            )?;
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
                return Ok(None);
            };
            if answer.is_empty() {
                break;
            }
            match answer
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|n| shown.get(n))
            {
                Some(hit) => return Ok(Some(Arc::clone(hit.guide))),
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

fn print_step(walk: &Walk, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
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
        crate::text::visible_line(&step.ask)
    )?;
    if let Some(help) = &step.help {
        writeln!(
            out,
            "{}: {}",
            lang.pick("Hjælp", "Help"),
            crate::text::visible_line(help)
        )?;
    }
    print_rules(walk, ctx, out)?;
    for (n, choice) in walk.choices().iter().enumerate() {
        writeln!(
            out,
            "{}. {}",
            n + 1,
            crate::text::visible_line(&choice.label)
        )?;
    }
    Ok(())
}

/// Must-not rules first, each marked in words so it works without colour.
fn print_rules(walk: &Walk, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
    let mut rules: Vec<_> = walk
        .rules_in_force()
        .into_iter()
        .filter_map(|id| ctx.library.rule(id))
        .collect();
    rules.sort_by_key(|r| *r.kind);
    for rule in rules {
        let label = rule.kind.label(ctx.lang);
        writeln!(out, "{label}: {}", crate::text::visible_line(&rule.text))?;
    }
    Ok(())
}

fn print_outcome(
    walk: &Walk,
    outcome: &Outcome,
    ctx: &Context,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = ctx.lang;
    let v = |t: &str| crate::text::visible_line(t);
    writeln!(out)?;
    writeln!(out, "{}: {}", outcome.kind.label(lang), v(&outcome.title))?;
    writeln!(
        out,
        "{}: {}",
        lang.pick("Det gør du nu", "What you do now"),
        v(&outcome.helper)
    )?;
    print_rules(walk, ctx, out)?;
    if !outcome.steps.is_empty() {
        writeln!(
            out,
            "{}:",
            lang.pick("Borgerens egne trin", "The citizen's own steps")
        )?;
        for (n, step) in outcome.steps.iter().enumerate() {
            writeln!(out, "{}. {}", n + 1, v(step))?;
        }
    }
    if let Some(place) = outcome.refer.as_ref().and_then(|id| ctx.library.place(id)) {
        writeln!(
            out,
            "{}: {}",
            lang.pick("Henvis til", "Refer to"),
            v(&place.name)
        )?;
        for (label, value) in place.contact(lang) {
            writeln!(out, "{label}: {}", v(value))?;
        }
        // The note often holds what a guide points at ("the price is under the place").
        if let Some(note) = &place.note {
            writeln!(out, "{}", v(note))?;
        }
    }
    Ok(())
}

fn help(lang: Lang) -> &'static str {
    lang.pick(
        "Skriv nummeret på et svar og tryk Enter. t = et trin tilbage, g = forfra, ? = denne hjælp, q = afslut (sagen gemmes som afbrudt).",
        "Type the number of an answer and press Enter. t = back one step, g = restart, ? = this help, q = quit (the case is saved as abandoned).",
    )
}

fn interactive(
    walk: &mut Walk,
    ctx: &mut Context,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let lang = ctx.lang;
    writeln!(out, "{}", crate::text::visible_line(&walk.guide().title))?;
    writeln!(out, "{}", help(lang))?;
    print_step(walk, ctx, out)?;
    loop {
        track(walk, ctx);
        if let Some(outcome) = walk.outcome() {
            print_outcome(walk, outcome, ctx, out)?;
            finish(walk, ctx, Ending::Finished);
            return Ok(ExitCode::SUCCESS);
        }
        write!(out, "{} ", lang.pick("Svar:", "Answer:"))?;
        out.flush()?;
        let Some(line) = read_line(input)? else {
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                lang.pick(
                    "Input sluttede midt i sagen. Sagen gemmes som afbrudt.",
                    "Input ended in the middle of the case. The case is saved as abandoned."
                )
            )?;
            finish(walk, ctx, Ending::Abandoned);
            return Ok(ExitCode::from(EXIT_INPUT_ENDED));
        };
        match line.to_lowercase().as_str() {
            "" => writeln!(
                out,
                "{}",
                lang.pick(
                    "Skriv et nummer, eller ? for hjælp.",
                    "Type a number, or ? for help."
                )
            )?,
            "?" | "h" | "hjælp" | "help" => writeln!(out, "{}", help(lang))?,
            "q" => {
                finish(walk, ctx, Ending::Abandoned);
                return Ok(ExitCode::SUCCESS);
            }
            "t" | "b" => {
                if !walk.back() {
                    writeln!(
                        out,
                        "{}",
                        lang.pick("Du er ved første spørgsmål.", "This is the first question.")
                    )?;
                }
                print_step(walk, ctx, out)?;
            }
            "g" | "r" => {
                walk.restart();
                print_step(walk, ctx, out)?;
            }
            other => match other.parse::<usize>() {
                Ok(n) if walk.choose(n).is_ok() => print_step(walk, ctx, out)?,
                _ => writeln!(
                    out,
                    "{} 1-{}.",
                    lang.pick(
                        "Ukendt svar. Skriv et nummer fra",
                        "Unknown answer. Type a number from"
                    ),
                    walk.choices().len()
                )?,
            },
        }
    }
}

fn scripted(
    walk: &mut Walk,
    script: &str,
    json_out: bool,
    ctx: &mut Context,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let lang = ctx.lang;
    let answers: Vec<&str> = script
        .split(';')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    for (i, answer) in answers.iter().enumerate() {
        if walk.is_finished() {
            writeln!(
                out,
                "{} {} \"{answer}\": {}",
                lang.pick("Svar", "Answer"),
                i + 1,
                lang.pick(
                    "sagen har allerede nået sit udfald",
                    "the case has already reached its outcome"
                )
            )?;
            finish(walk, ctx, Ending::Finished);
            return Ok(ExitCode::from(1));
        }
        let chosen = match answer.parse::<usize>() {
            Ok(n) => walk.choose(n).map(|_| ()),
            Err(_) => walk.choose_label(answer).map(|_| ()),
        };
        track(walk, ctx);
        if chosen.is_err() {
            let visible: Vec<String> = walk
                .choices()
                .iter()
                .enumerate()
                .map(|(n, c)| format!("{}. {}", n + 1, crate::text::visible_line(&c.label)))
                .collect();
            writeln!(
                out,
                "{} {} \"{answer}\" {}: {}",
                lang.pick("Svar", "Answer"),
                i + 1,
                lang.pick("passer ikke", "does not match"),
                visible.join(" | ")
            )?;
            finish(walk, ctx, Ending::Abandoned);
            return Ok(ExitCode::from(1));
        }
    }
    let Some(outcome) = walk.outcome() else {
        let step = walk
            .step()
            .map_or_else(String::new, |s| crate::text::visible_line(&s.ask));
        writeln!(
            out,
            "{} {step}",
            lang.pick("Svarene slap op ved:", "The answers ran out at:")
        )?;
        finish(walk, ctx, Ending::Abandoned);
        return Ok(ExitCode::from(EXIT_INPUT_ENDED));
    };
    if json_out {
        let place = outcome.refer.as_ref().and_then(|id| ctx.library.place(id));
        // Guide text is data here, but JSON is often printed to a terminal: control, bidi and
        // zero-width characters are written visibly, as everywhere else.
        let v = |t: &str| crate::text::visible(t).into_owned();
        let value = json!({
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
        });
        writeln!(out, "{value:#}")?;
    } else {
        let path: Vec<String> = walk
            .answers()
            .map(|(step, choice)| {
                format!(
                    "{} → {}",
                    crate::text::visible_line(&step.ask),
                    crate::text::visible_line(&choice.label)
                )
            })
            .collect();
        for line in path {
            writeln!(out, "{line}")?;
        }
        print_outcome(walk, outcome, ctx, out)?;
    }
    finish(walk, ctx, Ending::Finished);
    Ok(ExitCode::SUCCESS)
}

/// Log the case (unless logging is off) and say whether it was saved. A case the log cannot
/// take goes to the recovery file beside it, which the next start merges in.
fn finish(walk: &Walk, ctx: &mut Context, ending: Ending) {
    let open_case = Arc::clone(&ctx.open_case);
    // Held while the case is logged: a signal now waits, then finds nothing left to log.
    let mut open = open_case.lock().unwrap_or_else(|p| p.into_inner());
    *open = None;
    let record = CaseRecord::of(walk, ctx.library, ending);
    ctx.keeper.keep(&record);
    ctx.logged = Some(report_saved(ctx.keeper, ctx.lang));
}

/// Say on stderr (stdout may be a script's JSON) if the case was not saved, and put it in the
/// recovery file. True if the case is in the log, or logging is off.
pub fn report_saved(keeper: &mut CaseKeeper, lang: Lang) -> bool {
    let crate::log::SaveState::Failing { reason, .. } = keeper.state(lang) else {
        return true;
    };
    eprintln!(
        "{}: {reason}",
        lang.pick("Sagen kunne ikke gemmes", "The case could not be saved")
    );
    if keeper.waiting() == 0 {
        // Refused by the log's rules: it is nowhere.
        return false;
    }
    let file = keeper
        .path()
        .map(|p| crate::log::recovery_path(p).display().to_string())
        .unwrap_or_default();
    match keeper.write_recovery() {
        Ok(_) => eprintln!(
            "{}: {file}",
            lang.pick(
                "Den er lagt i gendannelsesfilen og gemmes i loggen ved næste start",
                "It was put in the recovery file and is saved in the log at the next start",
            )
        ),
        Err(err) => eprintln!(
            "{} ({file}): {err}",
            lang.pick(
                "Den kunne heller ikke lægges i gendannelsesfilen",
                "It could not be put in the recovery file either",
            )
        ),
    }
    false
}
