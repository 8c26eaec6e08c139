//! `vejviser report --format html`: one self-contained page (no scripts, nothing from the
//! network) that parses as HTML5 without errors, has its six charts as inline SVG, applies the
//! disclosure control, speaks Danish or English, and is looked at in headless Chromium: a
//! screenshot at desktop width and a print to PDF on A4.

use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::params;
use scraper::{Html, Selector};
use vejviser::log::Log;

/// Two PCs' logs: three guides over eight weeks, and one with only 3 cases (hidden as `<5`).
fn logs(dir: &Path) -> Vec<PathBuf> {
    let mut seed = 11u64;
    let mut next = move || {
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut files = Vec::new();
    for (site, cases, rare) in [("borgerservice-nord", 400, 3), ("bibliotek-syd", 150, 0)] {
        let path = dir.join(format!("{site}.sqlite3"));
        drop(Log::open(&path).unwrap());
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        for i in 0..cases + rare {
            let guide = if i >= cases {
                "sjaelden-guide"
            } else {
                ["mitid-mistet", "digital-post", "fuldmagt"][(next() % 3) as usize]
            };
            let day = vejviser::date::Date::from_days_since_epoch(
                vejviser::date::Date::new(2026, 10, 5)
                    .unwrap()
                    .days_since_epoch()
                    + (next() % 56) as i64,
            );
            let abandoned = next() % 8 == 0;
            tx.execute(
                "INSERT INTO cases (started, duration_min, site, guide, guide_hash, outcome,
                    outcome_kind, path, must_not_shown, ending, app_version, case_id, record_key)
                 VALUES (?1, ?2, ?3, ?4, '0123456789abcdef', ?5, ?6, 'hvem', ?7, ?8, '0.1.0',
                    ?9, ?10)",
                params![
                    format!("{day} {:02}:00", 9 + next() % 7),
                    (next() % 30) as i64,
                    site,
                    guide,
                    (!abandoned).then_some("vejled"),
                    (!abandoned)
                        .then_some(["guide", "do", "refer", "refuse"][(next() % 4) as usize]),
                    next() % 10 == 0,
                    if abandoned { "abandoned" } else { "finished" },
                    format!("{:016x}{:016x}", next(), next()),
                    (next() >> 32) as i64,
                ],
            )
            .unwrap();
        }
        tx.commit().unwrap();
        files.push(path);
    }
    files
}

fn html_report(files: &[PathBuf], out: &Path, extra: &[&str]) -> String {
    let mut args: Vec<String> = vec!["report".into()];
    args.extend(files.iter().map(|f| f.to_str().unwrap().to_string()));
    args.extend(["--format", "html", "-o", out.to_str().unwrap()].map(String::from));
    args.extend(extra.iter().map(|s| s.to_string()));
    let run = Command::new(env!("CARGO_BIN_EXE_vejviser"))
        .args(&args)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read_to_string(out).unwrap()
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn the_page_is_valid_self_contained_html_with_six_svg_charts() {
    let dir = tempfile::tempdir().unwrap();
    let files = logs(dir.path());
    for (extra, lang, heading) in [
        (&[][..], "da", "Sager pr. guide"),
        (&["--lang", "en"][..], "en", "Cases per guide"),
    ] {
        let out = dir.path().join(format!("rapport-{lang}.html"));
        let text = html_report(&files, &out, extra);
        assert!(text.starts_with("<!DOCTYPE html>"), "{}", &text[..40]);
        let doc = Html::parse_document(&text);
        assert!(
            doc.errors.is_empty(),
            "HTML5 parse errors: {:?}",
            doc.errors
        );
        assert_eq!(
            select(&doc, "html")[0].value().attr("lang"),
            Some(lang),
            "the page's language"
        );
        // Self-contained: no scripts, no external style, images, frames or links to fetch.
        for tag in [
            "script", "link", "img", "iframe", "object", "embed", "[src]", "[href]",
        ] {
            assert!(select(&doc, tag).is_empty(), "{lang}: found {tag}");
        }
        assert!(!text.contains("url("), "no CSS fetches");
        let style: String = select(&doc, "style")
            .iter()
            .map(|s| s.text().collect::<String>())
            .collect();
        assert!(
            style.contains("@page") && style.contains("A4"),
            "prints on A4"
        );
        // Six sections, each a heading and one inline SVG chart.
        let sections = select(&doc, "section");
        assert_eq!(sections.len(), 6);
        let headings: Vec<String> = select(&doc, "section > h2")
            .iter()
            .map(|h| h.text().collect())
            .collect();
        assert_eq!(headings[0], heading);
        assert_eq!(select(&doc, "section > svg").len(), 6);
        // Per guide: a bar for each shown guide; the rare guide has none and says <5.
        let first = &sections[0];
        let bars = first.select(&Selector::parse("rect.bar").unwrap()).count();
        assert_eq!(bars, 3, "three guides shown");
        let hidden: Vec<String> = first
            .select(&Selector::parse("text.hidden").unwrap())
            .map(|t| t.text().collect())
            .collect();
        assert_eq!(hidden, ["<5"]);
        // The trend line: a polyline through the weeks.
        assert!(!select(&doc, "polyline.line").is_empty());
        // Shared figures: every count in the tables is a multiple of 5 or <5.
        for cell in select(&doc, "table tbody tr td:nth-child(2)") {
            let t: String = cell.text().collect();
            assert!(
                t == "<5" || t.parse::<u64>().is_ok_and(|n| n % 5 == 0),
                "{t}"
            );
        }
        assert!(
            select(&doc, ".warning").is_empty(),
            "no warning when shared"
        );
    }
    // --exact: exact counts, and the page says first that it must not be shared.
    let out = dir.path().join("intern.html");
    let text = html_report(&files, &out, &["--exact"]);
    let doc = Html::parse_document(&text);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let body_first = select(&doc, "body > *")[0];
    assert_eq!(body_first.value().attr("class"), Some("warning"));
    assert!(
        body_first
            .text()
            .collect::<String>()
            .contains("må ikke deles")
    );
    let rare: Vec<String> = select(&doc, "section:first-of-type tbody tr td")
        .iter()
        .map(|t| t.text().collect())
        .collect();
    let at = rare.iter().position(|t| t == "sjaelden-guide").unwrap();
    assert_eq!(rare[at + 1], "3", "the 3 rare cases, exact");
}

/// The Chromium flags that work in this sandbox and in CI, with a fresh profile folder.
fn chromium(profile: &Path) -> Option<Command> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })?;
    let mut command = Command::new(found);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    Some(command)
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn chromium_shows_the_page_at_desktop_width_and_prints_it_on_a4() {
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("profil-0");
    if chromium(&probe).is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but chromium is missing: .ci/run installs it"
        );
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    }
    let files = logs(dir.path());
    let page = dir.path().join("rapport.html");
    html_report(&files, &page, &[]);
    let blank = dir.path().join("tom.html");
    std::fs::write(&blank, "<!DOCTYPE html><html><body></body></html>").unwrap();

    let shoot = |html: &Path, png: &Path, profile: &str| {
        let run = chromium(&dir.path().join(profile))
            .unwrap()
            .arg("--window-size=1280,1800")
            .arg(format!("--screenshot={}", png.display()))
            .arg(file_url(html))
            .output()
            .unwrap();
        assert!(
            run.status.success() && png.exists(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        std::fs::read(png).unwrap()
    };
    let shot = shoot(&page, &dir.path().join("rapport.png"), "profil-1");
    let empty = shoot(&blank, &dir.path().join("tom.png"), "profil-2");
    assert!(shot.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    // A blank page compresses to almost nothing; charts, text and tables do not.
    assert!(
        shot.len() > 8 * empty.len() && shot.len() > 40_000,
        "the screenshot looks blank: {} bytes (a blank page: {})",
        shot.len(),
        empty.len()
    );

    let pdf = dir.path().join("rapport.pdf");
    let run = chromium(&dir.path().join("profil-3"))
        .unwrap()
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        .output()
        .unwrap();
    assert!(
        run.status.success() && pdf.exists(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page\n").count() + text.matches("/Type /Page/").count();
    assert!(pages >= 2, "the report fills more than one page ({pages})");
    // A4 is 595 × 842 points; Chromium writes it as 594.96 × 841.92.
    let a4 = text.contains("/MediaBox [0 0 594.95996 841.91998]")
        || text.contains("/MediaBox [0 0 595 842]");
    assert!(a4, "the pages are A4");
}
