//! `vejviser test`: runs every scenario, one line each, then coverage and a summary.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::load_and_check;
use super::output::use_color;
use crate::cli::exit::Exit;
use crate::lang::Lang;
use crate::present::Show as _;
use crate::scenario::run_guide;

pub fn run(paths: &[PathBuf], site: Option<&Path>, lang: Lang) -> ExitCode {
    let (mut loaded, _) = load_and_check(paths, site);
    let color = use_color();
    let errors = loaded.drop_broken_guides();
    for diagnostic in &errors {
        outln!("{}", diagnostic.render(&loaded.sources, lang, color));
    }
    let had_errors = !errors.is_empty();

    let (mut passed, mut failed) = (0, 0);
    let (mut steps, mut steps_hit, mut outcomes, mut outcomes_hit) = (0, 0, 0, 0);
    let (ok, fail) = if color {
        ("\x1b[32mok\x1b[0m  ", "\x1b[1;31mFEJL\x1b[0m")
    } else {
        ("ok  ", lang.pick("FEJL", "FAIL"))
    };
    for guide in &loaded.library.guides {
        let run = run_guide(guide);
        for scenario in &run.runs {
            let name = crate::text::visible_line(&scenario.name);
            match &scenario.result {
                Ok(()) => outln!("{ok}  {}/{}: {name}", guide.area, guide.id),
                Err(failure) => {
                    let at = loaded.sources.location(&scenario.span);
                    outln!("{fail}  {}/{}: {name}", guide.area, guide.id);
                    outln!("      --> {at}");
                    outln!("      {}", failure.message(lang));
                }
            }
        }
        let uncovered = run.uncovered_outcomes();
        if !uncovered.is_empty() {
            let list = uncovered.join(", ");
            outln!(
                "      {}/{}: {} {list}",
                guide.area,
                guide.id,
                lang.pick("intet scenarie når", "no scenario reaches")
            );
        }
        passed += run.passed();
        failed += run.failed();
        steps += guide.steps.len();
        steps_hit += run.steps_reached.len();
        outcomes += guide.outcomes.len();
        outcomes_hit += run.outcomes_reached.len();
    }
    outln!();
    outln!(
        "{}: {steps_hit}/{steps} {} ({}), {outcomes_hit}/{outcomes} {} ({})",
        lang.pick("Dækning", "Coverage"),
        lang.pick("trin", "steps"),
        percent(steps_hit, steps),
        lang.pick("udfald", "outcomes"),
        percent(outcomes_hit, outcomes),
    );
    match lang {
        Lang::Da => outln!("{passed} bestået, {failed} fejlet"),
        Lang::En => outln!("{passed} passed, {failed} failed"),
    }
    if failed > 0 || had_errors {
        ExitCode::from(Exit::Findings)
    } else {
        ExitCode::SUCCESS
    }
}

fn percent(part: usize, whole: usize) -> String {
    (part * 100)
        .checked_div(whole)
        .map_or_else(|| String::from("–"), |p| format!("{p} %"))
}
