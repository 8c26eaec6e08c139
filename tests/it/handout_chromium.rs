//! The handouts as a browser prints them: every outcome of the shipped guides in every language
//! rendered by headless Chromium to PDF (one run per language: all handouts of that language,
//! each starting on a new page) with every page rasterised and checked not blank, and to a PNG
//! (one screenshot per language of a sheet with every handout scaled down in a cell) with every
//! cell checked not blank; the fonts installed cover every character printed (fontconfig), and
//! the PDF embeds a font of the script; one handout per language also as a full-size PNG, with
//! its QR code read back from the picture.
//!
//! Needs `chromium`, `fonts-noto-core` and `poppler-utils` (`.ci/run` installs them): skipped
//! with a line saying so when missing, and failing when `CI` is set.

use crate::common::handout as handout_support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use handout_support::{Printed, chromium, decode_pixels, every_handout, site, which};
use vejviser::lang::Language;

fn tools() -> Option<PathBuf> {
    let browser = chromium()?;
    for tool in ["fc-list", "pdftoppm", "pdfinfo", "pdffonts"] {
        if which(tool).is_none() {
            let why =
                format!("`{tool}` is not installed (apt-get install fontconfig poppler-utils)");
            assert!(std::env::var_os("CI").is_none(), "CI is set and {why}");
            eprintln!("skipped: {why}");
            return None;
        }
    }
    Some(browser)
}

/// Chromium headless with nothing that reaches the network, in a profile of its own.
fn run_chromium(browser: &Path, profile: &Path, args: &[String], page: &Path) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// All handouts of one language in one document, each on new pages, with the page's own CSS.
fn book(printed: &[&Printed], lang: Language) -> String {
    let first = &printed[0].html;
    let head_end = first.find("<body>").unwrap();
    let mut out = first[..head_end].replace(
        "</style>",
        "article.handout { break-after: page; }\n</style>",
    );
    out.push_str("<body>\n");
    for p in printed {
        let body = p.html.split("<body>\n").nth(1).unwrap();
        let body = body.split("</body>").next().unwrap();
        out.push_str(&format!(
            "<article class=\"handout\" lang=\"{}\" dir=\"{}\">\n{body}</article>\n",
            lang.code(),
            lang.direction().html()
        ));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The sheet of scaled-down handouts: columns, and each cell's size and pitch in pixels.
const SHEET_COLUMNS: usize = 5;
const CELL_W: usize = 190;
const CELL_H: usize = 266;
const CELL_PITCH: usize = 198;
const CELL_PITCH_Y: usize = 274;

/// Every handout of a language, each drawn at a fifth of its size in a cell of a grid.
fn sheet(printed: &[&Printed], lang: Language) -> String {
    let first = &printed[0].html;
    let head_end = first.find("<body>").unwrap();
    let mut out = first[..head_end].replace(
        "</style>",
        &format!(
            "body.sheet {{ max-width: none; margin: 0; padding: 0; }}\n\
             .grid {{ display: grid; grid-template-columns: repeat({SHEET_COLUMNS}, {CELL_W}px); \
             gap: {}px {}px; direction: ltr; }}\n\
             .cell {{ width: {CELL_W}px; height: {CELL_H}px; overflow: hidden; }}\n\
             .cell > div {{ width: {}px; transform: scale(0.2); transform-origin: 0 0; }}\n</style>",
            CELL_PITCH_Y - CELL_H,
            CELL_PITCH - CELL_W,
            CELL_W * 5
        ),
    );
    out.push_str("<body class=\"sheet\">\n<div class=\"grid\">\n");
    for p in printed {
        let body = p.html.split("<body>\n").nth(1).unwrap();
        let body = body.split("</body>").next().unwrap();
        out.push_str(&format!(
            "<div class=\"cell\"><div lang=\"{}\" dir=\"{}\">\n{body}</div></div>\n",
            lang.code(),
            lang.direction().html()
        ));
    }
    out.push_str("</div>\n</body>\n</html>\n");
    out
}

struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

fn read_png(path: &Path) -> Gray {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    let pixels = (0..width * height)
        .map(|i| {
            let px = &buf[i * channels * (info.bit_depth as usize / 8).max(1)..];
            match channels {
                1 | 2 => px[0],
                _ => {
                    ((u32::from(px[0]) * 30 + u32::from(px[1]) * 59 + u32::from(px[2]) * 11) / 100)
                        as u8
                }
            }
        })
        .collect();
    Gray {
        width,
        height,
        pixels,
    }
}

/// A binary PGM (P5), as `pdftoppm -gray` writes.
fn read_pgm(path: &Path) -> Gray {
    let bytes = std::fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5", "{}", path.display());
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[at + 1..at + 1 + width * height].to_vec();
    Gray {
        width,
        height,
        pixels,
    }
}

/// Not blank: some ink, on more than a stray row, and not a page of ink. `least` is the share
/// of dark pixels expected at the least (a page can end with only a line or two).
fn assert_printed(gray: &Gray, least: f64, what: &str) {
    let dark = gray.pixels.iter().filter(|p| **p < 128).count();
    let share = dark as f64 / gray.pixels.len() as f64;
    assert!(
        share > least && share < 0.5,
        "{what}: {share:.5} of it is dark"
    );
    let inked_rows = (0..gray.height)
        .filter(|y| {
            let row = &gray.pixels[y * gray.width..(y + 1) * gray.width];
            row.iter().any(|p| *p < 128)
        })
        .count();
    assert!(inked_rows >= 3, "{what}: ink on only {inked_rows} rows");
}

/// Every character printed on a language's handouts (letters, digits, punctuation).
fn characters(printed: &[&Printed]) -> BTreeSet<char> {
    let mut out = BTreeSet::new();
    for p in printed {
        let parsed = handout_support::parse(&p.html);
        for (text, _) in handout_support::text_nodes(&parsed) {
            out.extend(
                text.chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control()),
            );
        }
    }
    out
}

#[test]
fn every_handout_in_every_language_prints_in_chromium() {
    let Some(browser) = tools() else { return };
    let mut loaded = vejviser::guide::load_embedded();
    loaded.drop_broken_guides();
    let all = every_handout(&loaded.library, &site());
    let work = tempfile::tempdir().unwrap();
    let mut covered: BTreeSet<char> = BTreeSet::new();
    for lang in Language::all() {
        let printed: Vec<&Printed> = all.iter().filter(|p| p.handout.lang == lang).collect();
        let code = lang.code();
        let page = work.path().join(format!("book-{code}.html"));
        std::fs::write(&page, book(&printed, lang)).unwrap();
        let pdf = work.path().join(format!("book-{code}.pdf"));
        run_chromium(
            &browser,
            &work.path().join(format!("profile-{code}")),
            &[
                format!("--print-to-pdf={}", pdf.display()),
                String::from("--no-pdf-header-footer"),
            ],
            &page,
        );
        let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout).to_string();
        assert!(info.contains("(A4)"), "{code}: not A4: {info}");
        let pages: usize = (info.lines())
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        // Each handout starts a page; the Danish of a translated one starts another.
        let least = if lang == Language::DANISH {
            printed.len()
        } else {
            2 * printed.len()
        };
        assert!(
            pages >= least,
            "{code}: {pages} pages for {} handouts",
            printed.len()
        );
        // The PDF embeds a font of the script (no box for a missing glyph).
        let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
        let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
        let needed = match code {
            "ar" => "Arabic",
            _ => "Noto",
        };
        assert!(
            fonts.contains(needed),
            "{code}: no {needed} font in\n{fonts}"
        );
        // Every page, as printed, has ink on it.
        let raster = work.path().join(format!("page-{code}"));
        let out = Command::new("pdftoppm")
            .args(["-r", "30", "-gray"])
            .arg(&pdf)
            .arg(&raster)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut rasters: Vec<PathBuf> = std::fs::read_dir(work.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                name.starts_with(&format!("page-{code}-")) && name.ends_with(".pgm")
            })
            .collect();
        rasters.sort();
        assert_eq!(rasters.len(), pages, "{code}");
        for page in &rasters {
            assert_printed(
                &read_pgm(page),
                0.0002,
                &format!("{code} {}", page.display()),
            );
            std::fs::remove_file(page).unwrap();
        }
        // Chromium's own picture of every handout: a sheet of them, each scaled down in a cell.
        let sheet_page = work.path().join(format!("sheet-{code}.html"));
        std::fs::write(&sheet_page, sheet(&printed, lang)).unwrap();
        let png = work.path().join(format!("sheet-{code}.png"));
        let rows = printed.len().div_ceil(SHEET_COLUMNS);
        run_chromium(
            &browser,
            &work.path().join(format!("profile-sheet-{code}")),
            &[
                format!("--screenshot={}", png.display()),
                format!(
                    "--window-size={},{}",
                    SHEET_COLUMNS * CELL_PITCH,
                    rows * CELL_PITCH_Y
                ),
                String::from("--force-device-scale-factor=1"),
            ],
            &sheet_page,
        );
        let gray = read_png(&png);
        for (i, p) in printed.iter().enumerate() {
            let (x0, y0) = (
                (i % SHEET_COLUMNS) * CELL_PITCH,
                (i / SHEET_COLUMNS) * CELL_PITCH_Y,
            );
            let cell = Gray {
                width: CELL_W,
                height: CELL_H,
                pixels: (y0..y0 + CELL_H)
                    .flat_map(|y| (x0..x0 + CELL_W).map(move |x| (x, y)))
                    .map(|(x, y)| gray.pixels.get(y * gray.width + x).copied().unwrap_or(255))
                    .collect(),
            };
            assert_printed(
                &cell,
                0.01,
                &format!("{code} {}/{} in the screenshot", p.guide, p.outcome),
            );
        }
        covered.extend(characters(&printed));
    }
    // The fonts installed have a glyph for every character printed.
    let missing: Vec<String> = covered
        .iter()
        .filter(|c| {
            let out = Command::new("fc-list")
                .arg(format!(":charset={:x}", **c as u32))
                .arg("family")
                .output()
                .unwrap();
            out.stdout.iter().all(u8::is_ascii_whitespace)
        })
        .map(|c| format!("{c} (U+{:04X})", *c as u32))
        .collect();
    assert!(missing.is_empty(), "no installed font draws {missing:?}");
    assert!(
        covered.contains(&'ب') && covered.contains(&'ї'),
        "Arabic and Ukrainian were printed"
    );
}

#[test]
fn chromiums_screenshot_of_a_handout_is_not_blank_and_its_qr_code_reads_back() {
    let Some(browser) = tools() else { return };
    let mut loaded = vejviser::guide::load_embedded();
    loaded.drop_broken_guides();
    let all = every_handout(&loaded.library, &site());
    let work = tempfile::tempdir().unwrap();
    for lang in Language::all() {
        // The first handout in this language with a place on the web.
        let p = all
            .iter()
            .find(|p| {
                p.handout.lang == lang && p.handout.citizen.places.iter().any(|pl| pl.web.is_some())
            })
            .unwrap();
        let code = lang.code();
        let page = work.path().join(format!("{code}.html"));
        std::fs::write(&page, &p.html).unwrap();
        let png = work.path().join(format!("{code}.png"));
        run_chromium(
            &browser,
            &work.path().join(format!("profile-{code}")),
            &[
                format!("--screenshot={}", png.display()),
                String::from("--window-size=1000,3000"),
                String::from("--force-device-scale-factor=1"),
            ],
            &page,
        );
        let gray = read_png(&png);
        assert_printed(&gray, 0.005, &format!("{code} screenshot"));
        let found = decode_pixels(gray.width, gray.height, |x, y| {
            gray.pixels[y * gray.width + x]
        });
        let on_page = p.handout.web_addresses();
        assert!(
            !found.is_empty(),
            "{code}: no QR code read from the screenshot"
        );
        for url in &found {
            assert!(
                on_page.contains(url),
                "{code}: read {url}, not on the handout"
            );
        }
    }
}
