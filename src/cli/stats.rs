//! `vejviser stats [PATHS…]`: per guide the steps, outcomes by kind, rules, longest path,
//! scenario coverage, reviewed date and how much of it has a current English translation.

use std::path::PathBuf;
use std::process::ExitCode;

use super::load_and_check;
use crate::guide::model::{Guide, NodeRef, OutcomeKind};
use crate::guide::scenario::run_guide;
use crate::guide::translation::{Target, coverage};
use crate::lang::Lang;

/// The most questions on any path from the start to an outcome (loops are not followed twice).
pub fn longest_path(guide: &Guide) -> usize {
    fn depth(
        guide: &Guide,
        i: usize,
        on_path: &mut Vec<bool>,
        memo: &mut Vec<Option<usize>>,
    ) -> usize {
        if let Some(d) = memo[i] {
            return d;
        }
        on_path[i] = true;
        let mut best = 0;
        for choice in &guide.steps[i].choices {
            if let Some(NodeRef::Step(j)) = guide.lookup(&choice.next)
                && !on_path[j]
            {
                best = best.max(depth(guide, j, on_path, memo));
            }
        }
        on_path[i] = false;
        memo[i] = Some(best + 1);
        best + 1
    }
    match guide.lookup(&guide.start) {
        Some(NodeRef::Step(start)) => depth(
            guide,
            start,
            &mut vec![false; guide.steps.len()],
            &mut vec![None; guide.steps.len()],
        ),
        _ => 0,
    }
}

pub fn run(paths: &[PathBuf], lang: Lang) -> ExitCode {
    let (mut loaded, _) = load_and_check(paths, None);
    if let Some(code) = super::missing_paths(&loaded, lang) {
        return code;
    }
    loaded.drop_broken_guides();
    let header = [
        "guide",
        lang.pick("trin", "steps"),
        lang.pick("vejled", "guide"),
        lang.pick("sammen", "do"),
        lang.pick("henvis", "refer"),
        lang.pick("må ikke", "refuse"),
        lang.pick("regler", "rules"),
        lang.pick("længste vej", "longest path"),
        lang.pick("scenarier", "scenarios"),
        lang.pick("dækning", "coverage"),
        lang.pick("gennemgået", "reviewed"),
        lang.pick("engelsk", "English"),
    ];
    let mut rows = vec![header.map(str::to_string)];
    for guide in &loaded.library.guides {
        let count = |kind| {
            guide
                .outcomes
                .iter()
                .filter(|o| *o.kind == kind)
                .count()
                .to_string()
        };
        let mut rules: Vec<&str> = guide.rules.iter().map(|r| r.as_str()).collect();
        for step in &guide.steps {
            rules.extend(step.rules.iter().map(|r| r.as_str()));
            for choice in &step.choices {
                rules.extend(choice.rules.iter().map(|r| r.as_str()));
            }
        }
        rules.extend(
            guide
                .outcomes
                .iter()
                .flat_map(|o| o.rules.iter().map(|r| r.as_str())),
        );
        rules.sort_unstable();
        rules.dedup();
        let run = run_guide(guide);
        let covered = run.outcomes_reached.len();
        rows.push([
            format!("{}/{}", guide.area, guide.id),
            guide.steps.len().to_string(),
            count(OutcomeKind::Guide),
            count(OutcomeKind::Do),
            count(OutcomeKind::Refer),
            count(OutcomeKind::Refuse),
            rules.len().to_string(),
            longest_path(guide).to_string(),
            format!("{}/{}", run.passed(), run.runs.len()),
            format!("{covered}/{}", guide.outcomes.len()),
            guide
                .reviewed
                .as_ref()
                .map_or_else(|| String::from("–"), |d| d.value.to_string()),
            // Parts translated and current, out of all; "–" when there is no English file.
            coverage(&loaded.library, &Target::Guide(guide.id.clone()), Lang::En)
                .map_or_else(|| String::from("–"), |(done, all)| format!("{done}/{all}")),
        ]);
    }
    let mut widths = [0usize; 12];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in &rows {
        let line: Vec<String> = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, w))| {
                if i == 0 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        outln!("{}", line.join("  ").trim_end());
    }
    ExitCode::SUCCESS
}
