//! Arbitrary bytes as a guide file, loaded beside the shipped shared files (rules, places,
//! services, areas) so references can resolve and the checker reaches its deeper passes. Then
//! everything a user can make vejviser do with a file: check it, render every diagnostic in
//! both languages with and without colour and as JSON, drop broken guides, and walk whatever
//! survives. The same bytes are also read as a shared file. Nothing may panic.

#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use vejviser::date::Date;
use vejviser::guide::{InputFile, Loaded, check, load_files};
use vejviser::lang::Lang;
use vejviser::present::Show as _;
use vejviser::site::Site;
use vejviser::walk::Walk;

const SHARED: [&str; 4] = ["rules.toml", "places.toml", "services.toml", "areas.toml"];

fn input(relative: &str, bytes: &[u8]) -> InputFile {
    InputFile {
        display: format!("guides/{relative}"),
        relative: relative.to_string(),
        bytes: bytes.to_vec(),
    }
}

fn exercise(mut loaded: Loaded) {
    let today = Date::new(2026, 11, 23).expect("a real date");
    let found = check(&loaded.library, &loaded.sources, today);
    loaded.diagnostics.extend(found);
    for d in &loaded.diagnostics {
        for lang in [Lang::Da, Lang::En] {
            let _ = d.render(&loaded.sources, lang, false);
            let _ = d.render(&loaded.sources, lang, true);
            let _ = d.to_json(&loaded.sources, lang);
        }
    }
    loaded.drop_broken_guides();
    for guide in &loaded.library.guides {
        let Ok(mut walk) = Walk::new(Arc::clone(guide), Site::default()) else {
            continue;
        };
        // Always the first answer, then the last, to a bounded depth (loops are allowed).
        for round in 0..64 {
            let n = if round % 2 == 0 { 1 } else { walk.choices().len() };
            if walk.choose(n).is_err() {
                break;
            }
            let _ = walk.rules_in_force();
            let _ = walk.path();
        }
        walk.back();
        walk.restart();
    }
}

fuzz_target!(|data: &[u8]| {
    let shared: Vec<InputFile> = vejviser::guide::embedded::FILES
        .iter()
        .filter(|(relative, _)| SHARED.contains(relative))
        .map(|(relative, text)| input(relative, text.as_bytes()))
        .collect();
    let mut files = shared;
    files.push(input("fuzz/guide.toml", data));
    exercise(load_files(files));
    // The same bytes as a shared file, chosen by the first byte.
    let kind = SHARED[data.first().map_or(0, |b| *b as usize % SHARED.len())];
    exercise(load_files(vec![input(kind, data)]));
});
