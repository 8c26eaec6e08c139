//! The printed handout of every outcome of the shipped guides in every language: valid HTML
//! (no parse error by the HTML standard's parser), self-contained, `lang`/`dir` right on every
//! block, every text a guide, place, site or handout-phrase text (nothing else can be on it),
//! guide text escaped, and every QR code decoding to its web address.

use crate::common::handout as handout_support;

use std::collections::BTreeSet;
use std::path::Path;

use handout_support::{
    Parsed, Printed, date, decode_modules, elements, every_handout, parse, qr_svgs, site,
    text_nodes,
};
use vejviser::guide::{Library, load_embedded, load_paths};
use vejviser::handout::words::WORDS;
use vejviser::handout::{Handout, danish_date, html, qr};
use vejviser::lang::{Direction, Language};
use vejviser::site::Site;

fn shipped() -> Library {
    let mut loaded = load_embedded();
    loaded.drop_broken_guides();
    loaded.library
}

/// Every text that may be printed: the guides' and places' Danish and translated texts, the
/// site's, the handout's own phrases, the date.
fn allowed(library: &Library, site: &Site) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for guide in &library.guides {
        out.insert(guide.title.value.clone());
        for outcome in &guide.outcomes {
            out.insert(outcome.title.value.clone());
            out.extend(outcome.steps.iter().map(|s| s.value.clone()));
        }
    }
    for place in library.places.values() {
        out.insert(place.name.value.clone());
        for field in [&place.phone, &place.web, &place.hours, &place.note]
            .into_iter()
            .flatten()
        {
            out.insert(field.value.clone());
        }
    }
    for translation in &library.translations {
        for unit in &translation.units {
            for (_, texts) in &unit.fields {
                out.extend(texts.iter().map(|t| t.value.clone()));
            }
        }
    }
    out.insert(site.name.clone());
    let c = &site.contact;
    out.extend(
        [&c.address, &c.phone, &c.hours, &c.web]
            .into_iter()
            .flatten()
            .cloned(),
    );
    for w in WORDS {
        out.extend(
            [
                w.heading_citizen,
                w.heading_relative,
                w.contact,
                w.phone,
                w.web,
                w.hours,
                w.date,
                w.printed_at,
                w.in_danish,
                w.danish_follows,
                w.footer_citizen,
                w.footer_relative,
                w.draft,
                w.scan,
            ]
            .map(String::from),
        );
    }
    out.insert(danish_date(date()));
    out.insert(String::from("03.12.2026"));
    out
}

/// Made once for all tests of this file (they run in parallel and only read them).
fn all() -> &'static (Library, Vec<Printed>) {
    static ALL: std::sync::OnceLock<(Library, Vec<Printed>)> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let library = shipped();
        let printed = every_handout(&library, &site());
        assert!(printed.len() > 4 * 80, "only {} handouts", printed.len());
        (library, printed)
    })
}

/// Each page is parsed once (the parser is the slow part) and held to all three checks.
#[test]
fn every_handout_in_every_language_is_valid_says_its_languages_and_holds_only_guide_text() {
    let (library, printed) = all();
    let allowed = allowed(library, &site());
    for p in printed {
        let parsed = parse(&p.html);
        valid_and_self_contained(p, &parsed);
        languages_marked(p, &parsed);
        only_guide_and_site_text(p, &parsed, &allowed);
    }
    let arabic = printed
        .iter()
        .find(|p| p.handout.lang.code() == "ar")
        .unwrap();
    assert_eq!(arabic.handout.lang.direction(), Direction::Rtl);
    assert!(
        arabic
            .html
            .contains("<section class=\"version\" lang=\"ar\" dir=\"rtl\">")
    );
}

fn valid_and_self_contained(p: &Printed, parsed: &Parsed) {
    {
        let name = format!("{}/{} ({})", p.guide, p.outcome, p.handout.lang);
        assert!(parsed.errors.is_empty(), "{name}: {:?}", parsed.errors);
        assert!(p.html.starts_with("<!DOCTYPE html>\n"), "{name}");
        let elements = elements(parsed);
        let tags: Vec<&str> = elements.iter().map(|e| e.tag.as_str()).collect();
        for absent in ["script", "link", "img", "iframe", "object", "a", "base"] {
            assert!(!tags.contains(&absent), "{name}: <{absent}>");
        }
        for e in &elements {
            for (attr, value) in &e.attrs {
                assert!(
                    !matches!(attr.as_str(), "src" | "href" | "srcset" | "action")
                        && !attr.starts_with("on"),
                    "{name}: {attr}={value}"
                );
            }
        }
        // No resource from anywhere: nothing in the CSS fetches either.
        let css = p
            .html
            .split("<style>")
            .nth(1)
            .unwrap()
            .split("</style>")
            .next()
            .unwrap();
        assert!(!css.contains("url(") && !css.contains("@import"), "{name}");
        assert!(css.contains("size: A4"), "{name}");
        assert_eq!(tags.iter().filter(|t| **t == "h1").count(), 1, "{name}");
        assert!(tags.contains(&"ol"), "{name}: numbered steps");
        let items = elements
            .iter()
            .filter(|e| e.tag == "li" && e.attr("class").is_none());
        let steps =
            p.handout.citizen.steps.len() + p.handout.danish.as_ref().map_or(0, |d| d.steps.len());
        assert_eq!(items.count(), steps, "{name}: one step per numbered line");
    }
}

/// Every block says its language and direction.
fn languages_marked(p: &Printed, parsed: &Parsed) {
    {
        let lang = p.handout.lang;
        let name = format!("{}/{} ({lang})", p.guide, p.outcome);
        let elements = elements(parsed);
        let html = &elements[0];
        assert_eq!(html.tag, "html");
        assert_eq!(html.attr("lang"), Some(lang.code()), "{name}");
        assert_eq!(html.attr("dir"), Some(lang.direction().html()), "{name}");
        for e in &elements {
            let language = Language::from_code(&e.lang)
                .unwrap_or_else(|| panic!("{name}: <{}> in unknown lang {}", e.tag, e.lang));
            // Numbers, phone numbers and addresses run left to right in any language.
            if e.tag != "bdi" {
                assert_eq!(
                    e.dir,
                    language.direction().html(),
                    "{name}: <{}> {}",
                    e.tag,
                    e.text()
                );
            }
        }
        // Each text node is in the language its element says: Arabic letters only where
        // the language is Arabic, Cyrillic only where it is Ukrainian.
        for (text, in_lang) in text_nodes(parsed) {
            let arabic = text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
            let cyrillic = text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
            assert!(
                !arabic || in_lang == "ar",
                "{name}: {text:?} marked {in_lang}"
            );
            assert!(
                !cyrillic || in_lang == "uk",
                "{name}: {text:?} marked {in_lang}"
            );
        }
        // The Danish follows the citizen's language, headed "På dansk".
        if lang != Language::DANISH {
            let at = p
                .html
                .find("<h2 class=\"back\">På dansk</h2>")
                .expect(&name);
            assert!(
                p.html[..at].contains("<h1>"),
                "{name}: the citizen's language first"
            );
            assert!(
                p.html
                    .contains("<section class=\"version danish\" lang=\"da\" dir=\"ltr\">"),
                "{name}"
            );
        }
    }
}

/// Nothing but guide, place, site and handout text is printed.
fn only_guide_and_site_text(p: &Printed, parsed: &Parsed, allowed: &BTreeSet<String>) {
    {
        let name = format!("{}/{} ({})", p.guide, p.outcome, p.handout.lang);
        for (text, _) in text_nodes(parsed) {
            let text = text.trim().trim_end_matches(':').trim();
            if text.is_empty() {
                continue;
            }
            assert!(
                allowed.contains(text),
                "{name}: {text:?} is not guide or site text"
            );
        }
        for e in elements(parsed) {
            if let Some(label) = e.attr("aria-label") {
                assert!(allowed.contains(label), "{name}: aria-label {label:?}");
            }
        }
    }
}

#[test]
fn every_qr_code_decodes_to_a_web_address_on_the_handout() {
    let (_, printed) = all();
    // The same address draws the same code: each drawing is decoded once.
    let mut seen: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for p in printed {
        let name = format!("{}/{} ({})", p.guide, p.outcome, p.handout.lang);
        let mut decoded = Vec::new();
        for svg in qr_svgs(&p.html) {
            let found = seen.entry(svg).or_insert_with(|| {
                let modules = qr::read_svg(svg).unwrap_or_else(|| panic!("{name}: unreadable SVG"));
                let found = decode_modules(&modules);
                assert_eq!(found.len(), 1, "{name}: {found:?}");
                found[0].clone()
            });
            let label = svg
                .split("aria-label=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            assert_eq!(found, label, "{name}");
            decoded.push(found.clone());
        }
        assert_eq!(
            decoded,
            p.handout.web_addresses(),
            "{name}: one code per web address"
        );
    }
    assert!(
        seen.len() >= 5,
        "only {} different codes on all handouts",
        seen.len()
    );
}

#[test]
fn guide_text_is_escaped_and_a_line_left_in_danish_is_marked_danish() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("guides");
    handout_support_copy(&root);
    let path = root.join("ansoegninger/boligstoette.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let hostile = text.replacen(
        "\"Log på med dit eget MitID.\"",
        "\"Log på med <b>dit</b> eget MitID & tryk »OK« – 'ikke' \\\"nej\\\" <script>x</script>\"",
        1,
    );
    assert_ne!(text, hostile);
    std::fs::write(&path, hostile).unwrap();
    let loaded = load_paths(&[root]);
    let handout = Handout::new(
        &loaded.library,
        &Site::default(),
        "boligstoette",
        "vejled",
        Language::from_code("uk").unwrap(),
        date(),
    )
    .unwrap();
    let page = html::render(&handout);
    assert!(
        !page.contains("<script>") && !page.contains("<b>"),
        "{page}"
    );
    assert!(page.contains("&lt;b&gt;dit&lt;/b&gt; eget MitID &amp; tryk »OK« – &#39;ikke&#39; &quot;nej&quot; &lt;script&gt;"), "{page}");
    assert!(parse(&page).errors.is_empty());
    // The fixture has no Ukrainian: every line is Danish, and marked so.
    assert!(
        handout
            .citizen
            .steps
            .iter()
            .all(|l| l.lang == Language::DANISH)
    );
    assert!(page.contains("<li lang=\"da\" dir=\"ltr\">"), "{page}");
    assert!(
        !handout.draft,
        "nothing translated is printed, so nothing is a draft"
    );
}

#[test]
fn an_unreviewed_translation_prints_the_notice_in_both_languages_and_a_reviewed_one_does_not() {
    let library = shipped();
    let uk = Language::from_code("uk").unwrap();
    let handout =
        Handout::new(&library, &site(), "faa-mitid", "sammen-i-appen", uk, date()).unwrap();
    assert!(handout.draft);
    let page = html::render(&handout);
    let da = &WORDS.iter().find(|w| w.code == "da").unwrap().draft;
    let ukr = &WORDS.iter().find(|w| w.code == "uk").unwrap().draft;
    assert!(page.contains(da) && page.contains(ukr), "{page}");
    // English has no `reviewed_by` (not recorded): no notice.
    let en = Language::from_code("en").unwrap();
    let handout =
        Handout::new(&library, &site(), "faa-mitid", "sammen-i-appen", en, date()).unwrap();
    assert!(!handout.draft);
    // Reviewed: no notice.
    let mut reviewed = library.clone();
    for t in reviewed.translations.iter_mut().filter(|t| t.lang == uk) {
        if let Some(by) = t.reviewed_by.as_mut() {
            by.value = String::from("Olena K.");
        }
    }
    let handout = Handout::new(
        &reviewed,
        &site(),
        "faa-mitid",
        "sammen-i-appen",
        uk,
        date(),
    )
    .unwrap();
    assert!(!handout.draft);
    assert!(!html::render(&handout).contains(ukr));
}

#[test]
fn the_site_header_has_the_desks_name_address_phone_hours_and_web() {
    let library = shipped();
    let handout = Handout::new(
        &library,
        &site(),
        "faa-mitid",
        "sammen-i-appen",
        Language::DANISH,
        date(),
    )
    .unwrap();
    let page = html::render(&handout);
    for part in [
        "Borgerservice Køge",
        "Torvet 1, 4600 Køge",
        "56 67 67 67",
        "Man–fre 10–15, tors 10–17",
        "https://www.koege.dk/borgerservice",
        "3. december 2026",
    ] {
        assert!(page.contains(part), "{part}: {page}");
    }
    // Without a site file there is no header at all, rather than empty labels.
    let handout = Handout::new(
        &library,
        &Site::default(),
        "faa-mitid",
        "sammen-i-appen",
        Language::DANISH,
        date(),
    )
    .unwrap();
    assert!(!html::render(&handout).contains("class=\"site\""));
}

fn handout_support_copy(root: &Path) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui"),
        root,
    );
}
