//! `vejviser new AREA/ID`: a valid starting guide whose comments teach the format.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::exit::Exit;
use crate::guide::parse::is_slug;
use crate::lang::Lang;

pub fn run(name: &str, guides: &[PathBuf], lang: Lang) -> ExitCode {
    let Some((area, id)) = name.split_once('/') else {
        errln!(
            "{}",
            lang.pick(
                "Skriv område og id adskilt af /, fx `vejviser new mitid/ny-guide`.",
                "Write area and id separated by /, e.g. `vejviser new mitid/new-guide`."
            )
        );
        return ExitCode::from(Exit::Usage);
    };
    if !is_slug(area) || !is_slug(id) {
        errln!(
            "{}",
            lang.pick(
                "Område og id må kun have små bogstaver a-z, tal og bindestreg (æ/ø/å skrives ae/oe/aa).",
                "Area and id may only have lowercase a-z, digits and hyphens."
            )
        );
        return ExitCode::from(Exit::Usage);
    }
    let root = guides
        .first()
        .map_or_else(|| PathBuf::from("guides"), Clone::clone);
    let path = root.join(area).join(format!("{id}.toml"));
    if path.exists() {
        errln!(
            "{} {}",
            path.display(),
            lang.pick(
                "findes allerede; vælg et andet id.",
                "already exists; choose another id."
            )
        );
        return ExitCode::from(Exit::Findings);
    }
    let today = crate::date::Date::today();
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .map_err(crate::fsio::WriteError::from)
        .and_then(|()| crate::fsio::write_new(&path, template(today).as_bytes()));
    match written {
        Ok(()) => {
            outln!("{}", path.display());
            outln!(
                "{} `vejviser check {}` {} `vejviser test {}`.",
                lang.pick("Ret teksterne, og kør så", "Edit the texts, then run"),
                root_display(&root),
                lang.pick("og", "and"),
                root_display(&root)
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            errln!("{}: {}", path.display(), err.message(lang));
            ExitCode::from(Exit::Findings)
        }
    }
}

fn root_display(root: &Path) -> String {
    root.display().to_string()
}

/// The starting guide. It passes `check` as written, so the author starts from green.
pub fn template(today: crate::date::Date) -> String {
    format!(
        r#"# En ny guide. Linjer, der starter med #, er kommentarer: vejviser læser dem ikke.
# Filens navn er guidens id, og mappen er dens område. Se guides/README.md for alle nøgler.
format = 1

[guide]
title    = "Skriv en kort titel, som hjælperen genkender"
summary  = "Én eller to sætninger om, hvornår guiden bruges."
tags     = ["emneord"]              # ord, søgningen finder guiden på
synonyms = ["det borgeren siger"]   # ord, en hjælper måske skriver i søgefeltet
start    = "foerste-spoergsmaal"    # id på det første trin
rules    = []                       # regler, der gælder i hele sagen, fx ["aldrig-andres-mitid"]
reviewed = {today}                  # datoen, hvor guiden sidst blev tjekket mod kilderne
sources  = ["https://www.borger.dk"]  # hvor fakta i guiden kommer fra

# Et trin er et spørgsmål. Hvert svar fører til et andet trin eller til et udfald.
[steps.foerste-spoergsmaal]
ask  = "Kan borgeren selv, hvis du viser vej?"
help = "En kort hjælp til hjælperen (valgfri)."
choices = [
  {{ label = "Ja", next = "vejled" }},
  {{ label = "Nej", next = "henvis" }},
]

# Et udfald afslutter sagen. kind er guide (vejled), do (gør det sammen – kræver et
# samtykketrin med consent = true), refer (henvis – kræver refer) eller refuse (må ikke –
# kræver en må-ikke-regel i rules).
[outcomes.vejled]
kind   = "guide"
title  = "Vejled borgeren i selv at gøre det"
helper = "Det, hjælperen gør nu."
steps  = ["Borgerens første trin.", "Borgerens næste trin."]   # borgerens udskrift
# for  = "relative"                 # hvis udskriften er til en pårørende
# see  = ["en-anden-guide"]         # links til andre guides (»Se også«), også på et trin

[outcomes.henvis]
kind   = "refer"
title  = "Henvis til borger.dk"
helper = "Det, hjælperen gør nu."
refer  = "borger-dk"                # et sted fra guides/places.toml, eller flere: ["a", "b"]

# Scenarietests: svarene i rækkefølge og det udfald, de skal nå. Lav én for hvert udfald.
[[tests]]
name    = "Borgeren kan selv"
answers = ["Ja"]
expect  = "vejled"

[[tests]]
name    = "Borgeren kan ikke selv"
answers = ["Nej"]
expect  = "henvis"
"#
    )
}
