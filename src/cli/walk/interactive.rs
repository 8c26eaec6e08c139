//! Line mode at a desk: prompts, the keys typed at them, the safety guide as an interrupt, the
//! handout, and the end of each case.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use crate::cli::exit::Exit;
use crate::present::Say;
use std::sync::Arc;

use super::plain::{plain, plain_symbols};
use super::saved::{self, Saved};
use super::site::site_line;
use super::{
    Case, Context, SAFETY_GUIDE, answer, finish, help, read_line, safety_missing, show, track,
};
use crate::case::{CaseRecord, Ending};
use crate::lang::Lang;
use crate::tr;
use crate::walk::Walk;

pub fn outcome_keys(lang: Lang) -> String {
    tr!(lang, "walk-outcome-keys")
}

pub fn interactive(
    walk: Walk,
    say_site: bool,
    ctx: &mut Context,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let mut open = vec![Case::new(walk)];
    track(&open, ctx);
    let result = interactive_loop(&mut open, say_site, ctx, input, out);
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
    /// `h`, or `h uk`: the handout, and the printable page in that language.
    Handout(Option<&'a str>),
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
        "h" if at_outcome => Typed::Handout(None),
        typed if at_outcome && typed.starts_with("h ") => {
            Typed::Handout(Some(line.trim()[1..].trim()))
        }
        // not-prose: the words typed for help, taken in either language whatever the screens say
        "h" | "hjælp" | "help" => Typed::Help,
        "t" | "b" => Typed::Back,
        "g" | "r" => Typed::Restart,
        _ => Typed::Answer(line),
    }
}

fn interactive_loop(
    open: &mut Vec<Case>,
    say_site: bool,
    ctx: &mut Context,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let lang = ctx.lang;
    if say_site {
        writeln!(out, "{}", site_line(&ctx.site, lang))?;
    }
    if let Some(case) = open.last_mut() {
        writeln!(out, "{}", plain(&case.walk.guide().title))?;
        writeln!(out, "{}", help(lang))?;
        show(case, ctx, out)?;
    }
    loop {
        track(open, ctx);
        let waiting = open.len() > 1;
        let Some(case) = open.last_mut() else {
            return Ok(ExitCode::SUCCESS);
        };
        let at_outcome = case.walk.is_finished();
        let prompt = if at_outcome {
            tr!(lang, "walk-prompt-outcome")
        } else {
            tr!(lang, "walk-prompt-step")
        };
        write!(out, "{prompt} ")?;
        out.flush()?;
        let Some(line) = read_line(input)? else {
            writeln!(out)?;
            if at_outcome {
                close_case(open, ctx, Ending::Finished, out)?;
                continue;
            }
            writeln!(out, "{}", tr!(lang, "walk-input-ended"))?;
            close_all(open, ctx, out)?;
            return Ok(ExitCode::from(Exit::InputEnded));
        };
        match typed(&line, at_outcome) {
            Typed::Nothing if at_outcome => close_case(open, ctx, Ending::Finished, out)?,
            Typed::Nothing => writeln!(out, "{}", tr!(lang, "walk-type-a-number"))?,
            Typed::Quit => {
                close_all(open, ctx, out)?;
                return Ok(ExitCode::SUCCESS);
            }
            Typed::Safety => open_safety(open, ctx, out)?,
            Typed::Rules => case.heard.repeat(&case.walk, ctx.library, lang, out)?,
            Typed::Help => writeln!(out, "{}", help(lang))?,
            Typed::Handout(Some(code)) => match crate::lang::Language::from_code(code) {
                Some(language) => {
                    write_handout(case, ctx, out)?;
                    write_printable(case, ctx, language, out)?;
                }
                None => writeln!(
                    out,
                    "{}",
                    tr!(
                        lang,
                        "walk-unknown-language",
                        code = code,
                        codes = crate::lang::Language::codes()
                    )
                )?,
            },
            Typed::Handout(None) => write_handout(case, ctx, out)?,
            Typed::Back => {
                // Back from the first question of an interrupting case: it ends (abandoned)
                // and the waiting case goes on, as Back does in the app.
                if waiting && case.walk.answers().next().is_none() {
                    close_case(open, ctx, Ending::Abandoned, out)?;
                    continue;
                }
                if !case.walk.back() {
                    writeln!(out, "{}", tr!(lang, "walk-first-question"))?;
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
            "{}",
            tr!(
                lang,
                "walk-ambiguous-answer",
                numbers = answer::numbered(&candidates)
            )
        ),
        _ => writeln!(
            out,
            "{}",
            tr!(
                lang,
                "walk-unknown-answer",
                last = case.walk.choices().len()
            )
        ),
    }
}

/// `!`: the open case waits, the safety guide is walked as a case of its own, and the waiting
/// case goes on at the same question when that case ends (as in the app).
fn open_safety(open: &mut Vec<Case>, ctx: &Context, out: &mut dyn Write) -> std::io::Result<()> {
    let lang = ctx.lang;
    if open
        .last()
        .is_some_and(|c| c.walk.guide().id == SAFETY_GUIDE)
    {
        return writeln!(out, "{}", tr!(lang, "walk-already-in-safety"));
    }
    let Some(guide) = ctx.library.guide(SAFETY_GUIDE) else {
        return writeln!(out, "{}", safety_missing(lang));
    };
    let walk = match Walk::new(Arc::clone(guide), ctx.site.clone()) {
        Ok(walk) => walk,
        Err(err) => return writeln!(out, "{}", err.say(lang)),
    };
    writeln!(out)?;
    writeln!(out, "{}", tr!(lang, "walk-safety-opened"))?;
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

/// `h <code>`: the printable page in the citizen's language, with the Danish below.
fn write_printable(
    case: &Case,
    ctx: &Context,
    language: crate::lang::Language,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = ctx.lang;
    let Some(outcome) = case.walk.outcome() else {
        return Ok(());
    };
    let guide = &case.walk.guide().id;
    let made = crate::handout::Handout::new(
        ctx.danish,
        &ctx.site,
        guide,
        &outcome.id,
        language,
        crate::handout::today(),
    );
    let Ok(handout) = made else {
        // No steps: `write_handout` has said so already.
        return Ok(());
    };
    let text = crate::tui::strings::strings(lang);
    match crate::handout::save_html(&ctx.handout_dir, &handout, guide, &outcome.id) {
        Ok(path) => writeln!(
            out,
            "{} ({}): {}",
            text.handout_saved,
            language.name(lang),
            path.display()
        ),
        Err((path, err)) => writeln!(
            out,
            "{} ({}): {}",
            text.handout_failed,
            path.display(),
            err.message(lang)
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
        let title = plain(&case.walk.guide().title);
        writeln!(out, "{}", tr!(ctx.lang, "walk-back-to-case", title = title))?;
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
