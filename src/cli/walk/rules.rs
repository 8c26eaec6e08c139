//! The rules in force, read in full the first time they come into force and not again at every
//! step: a screen reader user hears a long MÅ IKKE rule once, then a short line; `?` repeats
//! them all.

use std::collections::BTreeSet;
use std::io::Write;

use super::plain::plain;
use crate::guide::model::{Library, Rule};
use crate::lang::Lang;
use crate::walk::Walk;

/// The rules one case has already read out in full.
#[derive(Default)]
pub struct Heard {
    ids: BTreeSet<String>,
}

impl Heard {
    /// New rules in full, must-not first; the ones already read as one short line.
    pub fn say(
        &mut self,
        walk: &Walk,
        library: &Library,
        lang: Lang,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let rules = in_force(walk, library);
        let (old, new): (Vec<&Rule>, Vec<&Rule>) = rules
            .into_iter()
            .partition(|r| self.ids.contains(r.id.as_str()));
        for rule in &new {
            write_rule(rule, lang, out)?;
            self.ids.insert(rule.id.as_str().to_string());
        }
        match (old.len(), new.is_empty()) {
            (0, _) => Ok(()),
            (_, true) => writeln!(
                out,
                "{}",
                lang.pick(
                    "Samme regler som før (? gentager dem).",
                    "Same rules as before (? repeats them)."
                )
            ),
            (1, false) => writeln!(
                out,
                "{}",
                lang.pick(
                    "Og 1 regel fra før (? gentager den).",
                    "And 1 rule from before (? repeats it)."
                )
            ),
            (n, false) => writeln!(
                out,
                "{} {n} {}",
                lang.pick("Og", "And"),
                lang.pick(
                    "regler fra før (? gentager dem).",
                    "rules from before (? repeats them)."
                )
            ),
        }
    }

    /// Every rule in force, in full (the `?` key).
    pub fn repeat(
        &mut self,
        walk: &Walk,
        library: &Library,
        lang: Lang,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let rules = in_force(walk, library);
        if rules.is_empty() {
            return writeln!(
                out,
                "{}",
                lang.pick("Ingen regler gælder lige nu.", "No rules apply right now.")
            );
        }
        writeln!(
            out,
            "{}",
            lang.pick("Reglerne, der gælder nu:", "The rules that apply now:")
        )?;
        for rule in rules {
            write_rule(rule, lang, out)?;
            self.ids.insert(rule.id.as_str().to_string());
        }
        Ok(())
    }
}

/// Must-not rules first, then must, then may.
fn in_force<'a>(walk: &Walk, library: &'a Library) -> Vec<&'a Rule> {
    let mut rules: Vec<&Rule> = walk
        .rules_in_force()
        .into_iter()
        .filter_map(|id| library.rule(id))
        .collect();
    rules.sort_by_key(|r| *r.kind);
    rules
}

/// Each rule marked in words, so it reads without colour.
fn write_rule(rule: &Rule, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}: {}", rule.kind.label(lang), plain(&rule.text))
}
