//! `vejviser translate --lang en [PATHS…]`: start or complete the translation files beside the
//! Danish ones (`--lang uk`, `ar` …: the citizen's handout parts only). A new file gets every part; an existing file only gets the parts it lacks,
//! appended at the end, so nothing a translator wrote is ever rewritten.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::load_and_check;
use crate::cli::exit::Exit;
use crate::guide::translation::{
    DanishPart, PartKey, Target, danish_part, danish_parts_for, part_hash,
};
use crate::guide::{Library, Loaded};
use crate::lang::{Lang, Language};

/// `to` is the language to translate into; `lang` the program's own, for its messages.
pub fn run(paths: &[PathBuf], to: Language, lang: Lang) -> ExitCode {
    if to == Language::DANISH {
        errln!(
            "Dansk er guidernes eget sprog. Vælg sproget, der skal oversættes til: `vejviser translate --lang en guides`."
        );
        return ExitCode::from(Exit::Usage);
    }
    if paths.is_empty() {
        errln!(
            "Give the guides folder (or files) to translate, e.g. `vejviser translate --lang en guides`."
        );
        return ExitCode::from(Exit::Usage);
    }
    // A Danish file given alone is read with its translation beside it: otherwise every part
    // would look untranslated and be appended again as an empty copy.
    let mut with_translations = paths.to_vec();
    for path in paths.iter().filter(|p| p.is_file()) {
        let beside = translation_path(path, to);
        if beside.is_file() && !with_translations.contains(&beside) {
            with_translations.push(beside);
        }
    }
    let (loaded, _) = load_and_check(&with_translations, None);
    if let Some(code) = super::missing_paths(&loaded, Lang::En) {
        return code;
    }
    let mut failed = false;
    let mut wrote = 0;
    for (target, danish_path) in targets(&loaded, paths, to) {
        let parts = danish_parts_for(&loaded.library, &target, to);
        if parts.is_empty() {
            continue;
        }
        let path = translation_path(&danish_path, to);
        let have = covered(&loaded.library, &target, to);
        let missing: Vec<_> = parts.iter().filter(|(k, _)| !have.contains(&k)).collect();
        if missing.is_empty() {
            continue;
        }
        // `source` is the hash of the whole Danish part, as for every language: a change to
        // any of its Danish text makes the translation stale.
        let missing: Vec<_> = (missing.into_iter())
            .map(|(key, part)| {
                let full = danish_part(&loaded.library, &target, key).unwrap_or_default();
                (key, part_hash(&full), part)
            })
            .collect();
        match write(&path, &danish_path, &missing, to, lang) {
            Ok(created) => {
                wrote += 1;
                let verb = if created { "new" } else { "added to" };
                outln!("{verb}: {} ({} parts)", path.display(), missing.len());
            }
            Err(err) => {
                failed = true;
                errln!("{}: {err}", path.display());
            }
        }
    }
    if wrote == 0 && !failed {
        outln!(
            "Every part already has a translation file entry; `vejviser check` shows stale ones."
        );
    } else if wrote > 0 {
        outln!(
            "Fill in the empty \"\" texts (the Danish is in the comment above each), then run `vejviser check`."
        );
    }
    if failed {
        ExitCode::from(Exit::Findings)
    } else {
        ExitCode::SUCCESS
    }
}

/// The Danish files under `paths` that have text to translate, with where they are on disk.
fn targets(loaded: &Loaded, paths: &[PathBuf], to: Language) -> Vec<(Target, PathBuf)> {
    let under = |shown: &str| {
        let shown = Path::new(shown);
        paths.iter().any(|p| shown.starts_with(p))
    };
    Target::all_for(&loaded.library, to)
        .into_iter()
        .filter_map(|(target, file)| {
            let path = loaded.sources.get(file)?.path.clone();
            under(&path).then(|| (target, PathBuf::from(path)))
        })
        .collect()
}

/// `mitid/x.toml` → `mitid/x.en.toml`.
pub fn translation_path(danish: &Path, lang: Language) -> PathBuf {
    let stem = danish
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    danish.with_file_name(format!("{stem}.{lang}.toml"))
}

fn covered<'a>(library: &'a Library, target: &Target, lang: Language) -> Vec<&'a PartKey> {
    library
        .translations
        .iter()
        .filter(|t| t.lang == lang && t.target == *target)
        .flat_map(|t| t.units.iter().map(|u| &u.key))
        .collect()
}

/// Write a new file, or append to the one there. True when the file is new.
fn write(
    path: &Path,
    danish: &Path,
    parts: &[(&PartKey, String, &DanishPart)],
    to: Language,
    lang: Lang,
) -> Result<bool, String> {
    let existing = match crate::fsio::read_regular_text(path, crate::fsio::MAX_INPUT_BYTES) {
        Ok(text) => Some(text),
        Err(crate::fsio::ReadError::NotFound) => None,
        Err(err) => return Err(err.message(lang)),
    };
    let mut text = String::new();
    match &existing {
        None => {
            let name = danish
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let what = if to.handout_only() {
                ": the citizen's handout only"
            } else {
                ""
            };
            let _ = writeln!(
                text,
                "# {} translation of {name}{what}.\n\
                 # Each part has `source`: the hash of the Danish text it was translated from.\n\
                 # When the Danish changes, `vejviser check` says the part is stale, and the app\n\
                 # shows the Danish until the translation is updated.\n\
                 # Empty texts (\"\") are not translated yet; the Danish is shown for them.\n\
                 format = 1",
                to.name(Lang::En)
            );
            let _ = writeln!(
                text,
                "# Who read it against the Danish; empty: a draft, and the handout says so.\n\
                 reviewed_by = \"\""
            );
        }
        Some(old) => {
            text.push_str(old);
            if !old.ends_with('\n') {
                text.push('\n');
            }
            let _ = writeln!(
                text,
                "\n# Added by `vejviser translate` on {}: parts that are new in the Danish file.",
                crate::date::Date::today()
            );
        }
    }
    for (key, hash, part) in parts {
        text.push('\n');
        skeleton(&mut text, key, hash, part);
    }
    // Keep the line endings the file already has (a Windows editor may have written CRLF).
    if existing.as_deref().is_some_and(|t| t.contains("\r\n")) {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    crate::fsio::write_replacing(path, text.as_bytes()).map_err(|err| err.message(lang))?;
    Ok(existing.is_none())
}

/// One part: its header, `source`, and each field empty with the Danish above it.
pub fn skeleton(out: &mut String, key: &PartKey, hash: &str, part: &DanishPart) {
    let _ = writeln!(out, "{}", key.header());
    let _ = writeln!(out, "source = \"{hash}\"");
    for (name, texts) in part {
        let list = key
            .section
            .fields()
            .iter()
            .any(|f| f.name == *name && f.list);
        if list {
            let _ = writeln!(out, "# {name}:");
            for (n, text) in texts.iter().enumerate() {
                comment(out, &format!("  {}. ", n + 1), text);
            }
            let empties = vec!["\"\""; texts.len()].join(", ");
            let _ = writeln!(out, "{name} = [{empties}]");
        } else {
            for text in texts {
                comment(out, &format!("{name}: "), text);
            }
            let _ = writeln!(out, "{name} = \"\"");
        }
    }
}

/// The Danish text as a comment, every line of it behind `#`.
fn comment(out: &mut String, lead: &str, text: &str) {
    for (i, line) in text.lines().enumerate() {
        let lead = if i == 0 { lead } else { "  " };
        let _ = writeln!(out, "# {lead}{}", line.trim_end());
    }
}
