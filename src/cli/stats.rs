//! `vejviser stats [PATHS…]`: per guide the steps, outcomes by kind, rules, longest path,
//! scenario coverage, reviewed date and how much of it has a current English translation; then
//! per language how much is translated and who reviewed it.

use std::path::PathBuf;
use std::process::ExitCode;

use super::load_and_check;
use crate::guide::Library;
use crate::guide::model::{Guide, NodeRef, OutcomeKind};
use crate::guide::translation::{Target, coverage};
use crate::lang::{Lang, Language};
use crate::scenario::run_guide;

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
            coverage(
                &loaded.library,
                &Target::Guide(guide.id.clone()),
                Language::from(Lang::En),
            )
            .map_or_else(|| String::from("–"), |(done, all)| format!("{done}/{all}")),
        ]);
    }
    print_table(&rows);
    outln!();
    print_table(&review_rows(&loaded.library, lang));
    ExitCode::SUCCESS
}

/// Per language: its files, the parts translated and current out of all it needs, and who
/// reviewed it ("udkast" for files nobody has).
pub fn review_rows(library: &Library, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        lang.pick("sprog", "language").to_string(),
        lang.pick("filer", "files").to_string(),
        lang.pick("oversatte dele", "translated parts").to_string(),
        lang.pick("gennemlæst af", "reviewed by").to_string(),
    ]];
    for language in Language::all().filter(|l| *l != Language::DANISH) {
        let files: Vec<_> = (library.translations.iter())
            .filter(|t| t.lang == language)
            .collect();
        let (mut done, mut all) = (0, 0);
        for (target, _) in Target::all_for(library, language) {
            if let Some((d, a)) = coverage(library, &target, language) {
                done += d;
                all += a;
            } else {
                all +=
                    crate::guide::translation::danish_parts_for(library, &target, language).len();
            }
        }
        let mut reviewers: Vec<&str> = files.iter().filter_map(|t| t.reviewer()).collect();
        reviewers.sort_unstable();
        reviewers.dedup();
        let drafts = (files.iter())
            .filter(|t| t.review() == crate::guide::translation::Review::Draft)
            .count();
        let mut reviewed = reviewers.join(", ");
        if drafts > 0 {
            if !reviewed.is_empty() {
                reviewed.push_str("; ");
            }
            reviewed.push_str(&format!(
                "{} ({drafts} {})",
                lang.pick("udkast – ikke gennemlæst", "draft – not reviewed"),
                lang.pick("filer", "files")
            ));
        }
        if reviewed.is_empty() {
            reviewed.push('–');
        }
        rows.push(vec![
            format!("{} ({})", language.name(lang), language.code()),
            files.len().to_string(),
            format!("{done}/{all}"),
            reviewed,
        ]);
    }
    rows
}

/// Columns padded to their widest cell: the first left-aligned, the others right-aligned.
fn print_table<R: AsRef<[String]>>(rows: &[R]) {
    let columns = rows.first().map_or(0, |r| r.as_ref().len());
    let mut widths = vec![0usize; columns];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row.as_ref()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in rows {
        let line: Vec<String> = (row.as_ref().iter())
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                if i == 0 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        outln!("{}", line.join("  ").trim_end());
    }
}
