//! `vejviser` with no subcommand. Until the full-screen app lands, it lists the loaded guides
//! and points to the subcommands.

use std::path::PathBuf;
use std::process::ExitCode;

use super::load_and_check;
use super::output::{summary, use_color};
use crate::guide::Tally;
use crate::lang::Lang;
use crate::text::visible_line;

pub fn run(guides: &[PathBuf], lang: Lang) -> ExitCode {
    let mut loaded = load_and_check(guides);
    let tally = Tally::of(&loaded.diagnostics);
    let color = use_color();
    for diagnostic in loaded.diagnostics.iter().filter(|d| d.is_error()) {
        println!("{}", diagnostic.render(&loaded.sources, lang, color));
    }
    loaded.drop_broken_guides();
    let mut area = "";
    for guide in &loaded.library.guides {
        if guide.area != area {
            area = &guide.area;
            println!("\n{area}");
        }
        println!("  {:<40} {}", guide.id, visible_line(&guide.title));
    }
    println!();
    println!("{}", summary(loaded.library.guides.len(), tally, lang));
    println!(
        "{}",
        lang.pick(
            "Brug `vejviser check` til at kontrollere guides og `vejviser test` til at køre deres scenarier.",
            "Use `vejviser check` to check guides and `vejviser test` to run their scenarios.",
        )
    );
    ExitCode::SUCCESS
}
