//! Shared by the handout tests: every handout of the shipped guides, the page parsed as a
//! browser parses it, and the QR codes read back from what the page draws.
#![allow(dead_code)]

use std::rc::Rc;

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use vejviser::date::Date;
use vejviser::guide::Library;
use vejviser::handout::{Handout, html};
use vejviser::lang::Language;
use vejviser::site::{Site, SiteContact};

/// A site with every contact detail filled in, as a Borgerservice site file would have.
pub fn site() -> Site {
    Site {
        id: "koege-borgerservice".into(),
        name: "Borgerservice Køge".into(),
        contact: SiteContact {
            address: Some("Torvet 1, 4600 Køge".into()),
            phone: Some("56 67 67 67".into()),
            hours: Some("Man–fre 10–15, tors 10–17".into()),
            web: Some("https://www.koege.dk/borgerservice".into()),
        },
        ..Site::default()
    }
}

pub fn date() -> Date {
    Date::new(2026, 12, 3).unwrap()
}

/// One printed handout.
pub struct Printed {
    pub guide: String,
    pub outcome: String,
    pub handout: Handout,
    pub html: String,
}

/// The handout of every outcome with citizen steps of every guide, in every listed language.
pub fn every_handout(library: &Library, site: &Site) -> Vec<Printed> {
    let mut out = Vec::new();
    for guide in &library.guides {
        for outcome in guide.outcomes.iter().filter(|o| !o.steps.is_empty()) {
            for lang in Language::all() {
                let handout =
                    Handout::new(library, site, &guide.id, &outcome.id, lang, date()).unwrap();
                let html = html::render(&handout);
                out.push(Printed {
                    guide: guide.id.clone(),
                    outcome: outcome.id.value.clone(),
                    handout,
                    html,
                });
            }
        }
    }
    out
}

/// A page as the HTML parser reads it: its parse errors (the spec's), and its elements.
pub struct Parsed {
    pub errors: Vec<String>,
    pub root: Handle,
}

pub fn parse(page: &str) -> Parsed {
    let mut opts = ParseOpts::default();
    opts.tree_builder.exact_errors = true;
    opts.tokenizer.exact_errors = true;
    let dom: RcDom = parse_document(RcDom::default(), opts).one(page);
    let errors = dom.errors.borrow().iter().map(|e| e.to_string()).collect();
    Parsed {
        errors,
        root: dom.document.clone(),
    }
}

/// An element: its tag, attributes, and the language in force there (nearest `lang`).
pub struct Element {
    pub tag: String,
    pub attrs: Vec<(String, String)>,
    pub lang: String,
    pub dir: String,
    pub node: Handle,
}

impl Element {
    /// Its text, children's included.
    pub fn text(&self) -> String {
        text_of(&self.node)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every element, in document order.
pub fn elements(parsed: &Parsed) -> Vec<Element> {
    let mut out = Vec::new();
    walk(&parsed.root, "", "", &mut out);
    out
}

fn walk(node: &Handle, lang: &str, dir: &str, out: &mut Vec<Element>) {
    let (mut lang, mut dir) = (lang.to_string(), dir.to_string());
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let attrs: Vec<(String, String)> = attrs
            .borrow()
            .iter()
            .map(|a| (a.name.local.to_string(), a.value.to_string()))
            .collect();
        for (n, v) in &attrs {
            match n.as_str() {
                "lang" => lang = v.clone(),
                "dir" => dir = v.clone(),
                _ => {}
            }
        }
        out.push(Element {
            tag: name.local.to_string(),
            attrs,
            lang: lang.clone(),
            dir: dir.clone(),
            node: node.clone(),
        });
    }
    for child in node.children.borrow().iter() {
        walk(child, &lang, &dir, out);
    }
}

pub fn text_of(node: &Handle) -> String {
    let mut out = String::new();
    collect_text(node, &mut out);
    out
}

fn collect_text(node: &Handle, out: &mut String) {
    match &node.data {
        NodeData::Text { contents } => out.push_str(&contents.borrow()),
        NodeData::Element { name, .. } if &*name.local == "style" => {}
        _ => {
            for child in node.children.borrow().iter() {
                collect_text(child, out);
            }
        }
    }
}

/// Every text node outside `<style>`, each with the language in force there.
pub fn text_nodes(parsed: &Parsed) -> Vec<(String, String)> {
    let mut out = Vec::new();
    texts(&parsed.root, "", &mut out);
    out
}

fn texts(node: &Handle, lang: &str, out: &mut Vec<(String, String)>) {
    match &node.data {
        NodeData::Text { contents } => out.push((contents.borrow().to_string(), lang.to_string())),
        NodeData::Element { name, attrs, .. } => {
            if &*name.local == "style" {
                return;
            }
            let lang = attrs
                .borrow()
                .iter()
                .find(|a| &*a.name.local == "lang")
                .map_or(lang.to_string(), |a| a.value.to_string());
            for child in node.children.borrow().iter() {
                texts(child, &lang, out);
            }
        }
        _ => {
            for child in node.children.borrow().iter() {
                texts(child, lang, out);
            }
        }
    }
}

/// The SVG markup of each QR code on a page, as written.
pub fn qr_svgs(page: &str) -> Vec<&str> {
    page.match_indices("<svg ")
        .filter_map(|(at, _)| {
            let rest = &page[at..];
            let end = rest.find("</svg>")? + "</svg>".len();
            Some(&rest[..end])
        })
        .filter(|svg| svg.contains("class=\"qr\""))
        .collect()
}

/// Decode a QR code from its drawn modules, scaled up into a greyscale bitmap as a camera
/// would see the print.
pub fn decode_modules(modules: &vejviser::handout::qr::Modules) -> Vec<String> {
    const SCALE: usize = 6;
    let quiet = vejviser::handout::qr::QUIET_ZONE;
    let size = (modules.width + 2 * quiet) * SCALE;
    decode_pixels(size, size, |x, y| {
        let (mx, my) = (x / SCALE, y / SCALE);
        let dark = mx >= quiet && my >= quiet && modules.is_dark(mx - quiet, my - quiet);
        if dark { 0 } else { 255 }
    })
}

/// Every QR code found in a greyscale picture, decoded.
pub fn decode_pixels(w: usize, h: usize, pixel: impl FnMut(usize, usize) -> u8) -> Vec<String> {
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, pixel);
    image
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, content)| content))
        .collect()
}

/// Chromium, when installed: `None` with the reason to skip, or a panic under CI.
pub fn chromium() -> Option<std::path::PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| which(name));
    if found.is_none() {
        let why = "headless Chromium is not installed (apt-get install chromium fonts-noto-core)";
        assert!(std::env::var_os("CI").is_none(), "CI is set and {why}");
        eprintln!("skipped: {why}");
    }
    found
}

pub fn which(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Shared so that a page's handle outlives its parse.
pub type Node = Rc<markup5ever_rcdom::Node>;
