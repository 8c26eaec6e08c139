//! Embeds every `*.toml` under `guides/` into the binary as `(relative path, text)` pairs, and
//! every message catalogue `assets/i18n/<code>/*.ftl` as `(code, text)` pairs (so a new program
//! language needs only its file and its entry in `LANGUAGES`, no code).

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("guides");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut out = String::from(
        "/// Every shipped guide file: path relative to `guides/`, and its text.\n\
         pub static FILES: &[(&str, &str)] = &[\n",
    );
    for (relative, path) in &files {
        out.push_str(&format!("    ({relative:?}, include_str!({path:?})),\n"));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(dest.join("embedded_guides.rs"), out).expect("OUT_DIR is writable");
    embed_catalogues(&dest);
}

fn embed_catalogues(dest: &Path) {
    // One folder per program language, `assets/i18n/<code>/`, with one `.ftl` file per area of
    // the program (so translators and reviewers work area by area); a language's files are
    // joined in name order into one catalogue.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/i18n");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut catalogues: Vec<(String, Vec<String>)> = Vec::new();
    if let Ok(entries) = fs::read_dir(&dir) {
        for lang_dir in entries.flatten().map(|e| e.path()) {
            println!("cargo:rerun-if-changed={}", lang_dir.display());
            let Some(code) = lang_dir.file_name().and_then(|s| s.to_str()) else {
                continue;
            };
            let Ok(files) = fs::read_dir(&lang_dir) else {
                continue;
            };
            let mut paths: Vec<String> = files
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .map(|p| {
                    println!("cargo:rerun-if-changed={}", p.display());
                    p.display().to_string()
                })
                .collect();
            paths.sort();
            if !paths.is_empty() {
                catalogues.push((code.to_string(), paths));
            }
        }
    }
    catalogues.sort();
    let mut out = String::from(
        "/// Every message catalogue: its language code and its Fluent text (the language's files\n\
         /// joined in name order).\n\
         pub static CATALOGUES: &[(&str, &str)] = &[\n",
    );
    for (code, paths) in &catalogues {
        let parts: Vec<String> = paths
            .iter()
            .map(|p| format!("include_str!({p:?}), \"\\n\""))
            .collect();
        out.push_str(&format!("    ({code:?}, concat!({})),\n", parts.join(", ")));
    }
    out.push_str("];\n");
    fs::write(dest.join("embedded_catalogues.rs"), out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((relative, path.display().to_string()));
        }
    }
}
