//! The printable handout: one self-contained HTML page (inline CSS, QR codes as inline SVG, no
//! scripts, nothing fetched), laid out for A4 and for poor sight: large type, black on white,
//! one step per numbered line. The citizen's language first, then the Danish (on a page of its
//! own, so printed on both sides it is on the back). `lang` and `dir` are set on the page and
//! on every block whose language differs, so Arabic lays out right to left and a line left in
//! Danish is read as Danish.

use std::fmt::Write as _;

use super::escape::escape;
use super::words::{Words, words};
use super::{Handout, Line, PlaceView, Version};
use crate::lang::Language;

const CSS: &str = "\
@page { size: A4; margin: 15mm 17mm; }
html { background: #fff; color: #000; }
body { font-family: \"Noto Sans\", \"Noto Sans Arabic\", \"Noto Naskh Arabic\", \"DejaVu Sans\", Arial, sans-serif;
  font-size: 16pt; line-height: 1.5; margin: 0 auto; max-width: 180mm; padding: 8mm; }
h1 { font-size: 24pt; line-height: 1.25; margin: 0 0 2mm; }
h2 { font-size: 19pt; line-height: 1.3; margin: 7mm 0 2mm; }
h3 { font-size: 17pt; margin: 6mm 0 2mm; }
p { margin: 0 0 2mm; }
.title { font-size: 22pt; font-weight: bold; line-height: 1.25; }
.guide, .date, .follows { font-size: 14pt; }
.site { border-bottom: 2pt solid #000; padding-bottom: 3mm; margin-bottom: 6mm; }
.site-name { font-size: 18pt; font-weight: bold; }
.notice { border: 2.5pt solid #000; padding: 3mm 4mm; font-weight: bold; margin: 0 0 5mm; }
.notice span { display: block; }
ol.steps { padding-inline-start: 13mm; margin: 0; }
ol.steps li { margin: 0 0 3mm; padding-inline-start: 1mm; }
ul.places { list-style: none; padding: 0; margin: 0; }
.place { border-inline-start: 3pt solid #000; padding-inline-start: 4mm; margin: 0 0 5mm; break-inside: avoid; }
.place-name { font-weight: bold; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 4mm; margin: 1mm 0; }
dt { font-weight: bold; }
dd { margin: 0; }
figure.qr { display: flex; gap: 4mm; align-items: center; margin: 2mm 0; break-inside: avoid; }
figure.qr svg { width: 30mm; height: 30mm; flex: none; }
figcaption { font-size: 13pt; overflow-wrap: anywhere; }
.footer { margin-top: 8mm; border-top: 1.5pt solid #000; padding-top: 2mm; font-size: 14pt; }
.danish { break-before: page; }
.back { font-size: 15pt; text-transform: uppercase; letter-spacing: 0.05em; margin-top: 0; }
@media screen { .danish { border-top: 3pt dashed #000; margin-top: 12mm; padding-top: 6mm; } }
@media print { body { padding: 0; max-width: none; } }
";

/// The whole page.
pub fn render(handout: &Handout) -> String {
    let lang = handout.lang;
    let w = words(lang);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"vejviser\">\n<title>{}</title>\n<style>\n{CSS}</style>\n\
         </head>\n<body>\n",
        lang.code(),
        lang.direction().html(),
        escape(&handout.citizen.title.text),
    );
    site_header(&mut out, handout, w);
    out.push_str("<main>\n");
    version(&mut out, handout, &handout.citizen, w, true);
    if let Some(danish) = &handout.danish {
        version(&mut out, handout, danish, words(Language::DANISH), false);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// `lang` and `dir` for an element whose language differs from its surroundings.
fn lang_attrs(line: Language, around: Language) -> String {
    if line == around {
        String::new()
    } else {
        format!(
            " lang=\"{}\" dir=\"{}\"",
            line.code(),
            line.direction().html()
        )
    }
}

/// Text that runs left to right whatever surrounds it: numbers, addresses, dates.
fn ltr(text: &str) -> String {
    format!("<bdi dir=\"ltr\">{}</bdi>", escape(text))
}

fn line(line: &Line, around: Language) -> String {
    if line.lang == around {
        escape(&line.text)
    } else {
        format!(
            "<span{}>{}</span>",
            lang_attrs(line.lang, around),
            escape(&line.text)
        )
    }
}

/// Who printed it and how to reach them again: the site file's name, address, phone, hours,
/// web page (Danish text, labels in the citizen's language).
fn site_header(out: &mut String, handout: &Handout, w: &Words) {
    let site = &handout.site;
    if handout.site_name.is_empty()
        && site.address.is_none()
        && site.phone.is_none()
        && site.hours.is_none()
        && site.web.is_none()
    {
        return;
    }
    let da = lang_attrs(Language::DANISH, handout.lang);
    out.push_str("<header class=\"site\">\n");
    let _ = writeln!(out, "<p>{}</p>", escape(w.printed_at));
    if !handout.site_name.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"site-name\"{da}>{}</p>",
            escape(&handout.site_name)
        );
    }
    let mut rows = Vec::new();
    if let Some(address) = &site.address {
        rows.push(format!("<p{da}>{}</p>", escape(address)));
    }
    let mut details = String::new();
    if let Some(phone) = &site.phone {
        let _ = write!(
            details,
            "<dt>{}</dt><dd>{}</dd>",
            escape(w.phone),
            ltr(phone)
        );
    }
    if let Some(hours) = &site.hours {
        let _ = write!(
            details,
            "<dt>{}</dt><dd{da}>{}</dd>",
            escape(w.hours),
            escape(hours)
        );
    }
    if let Some(web) = &site.web {
        let _ = write!(details, "<dt>{}</dt><dd>{}</dd>", escape(w.web), ltr(web));
    }
    for row in rows {
        let _ = writeln!(out, "{row}");
    }
    if !details.is_empty() {
        let _ = writeln!(out, "<dl>{details}</dl>");
    }
    if let Some(web) = &site.web {
        qr_figure(out, web, w);
    }
    out.push_str("</header>\n");
}

fn version(out: &mut String, handout: &Handout, v: &Version, w: &Words, first: bool) {
    let here = v.lang;
    let (class, title_tag, heading_tag) = if first {
        ("version", "h1", "h2")
    } else {
        ("version danish", "p class=\"title\"", "h3")
    };
    let title_end = title_tag.split(' ').next().unwrap_or("p");
    let _ = writeln!(
        out,
        "<section class=\"{class}\" lang=\"{}\" dir=\"{}\">",
        here.code(),
        here.direction().html()
    );
    if !first {
        let _ = writeln!(out, "<h2 class=\"back\">{}</h2>", escape(w.in_danish));
    }
    if first && handout.draft {
        // In both languages, so the citizen and the helper both see it.
        let da = words(Language::DANISH);
        let _ = writeln!(
            out,
            "<p class=\"notice\" role=\"note\"><span>{}</span><span{}>{}</span></p>",
            escape(w.draft),
            lang_attrs(Language::DANISH, here),
            escape(da.draft)
        );
    }
    let _ = writeln!(out, "<{title_tag}>{}</{title_end}>", line(&v.title, here));
    let _ = writeln!(out, "<p class=\"guide\">{}</p>", line(&v.guide_title, here));
    let date = if here == Language::DANISH {
        super::danish_date(handout.date)
    } else {
        format!(
            "{:02}.{:02}.{}",
            handout.date.day, handout.date.month, handout.date.year
        )
    };
    let _ = writeln!(
        out,
        "<p class=\"date\">{}: {}</p>",
        escape(w.date),
        ltr(&date)
    );
    if first && handout.danish.is_some() {
        let _ = writeln!(out, "<p class=\"follows\">{}</p>", escape(w.danish_follows));
    }
    let _ = writeln!(
        out,
        "<{heading_tag}>{}</{heading_tag}>",
        escape(w.heading(handout.addressee))
    );
    out.push_str("<ol class=\"steps\">\n");
    for step in &v.steps {
        let _ = writeln!(
            out,
            "<li{}>{}</li>",
            lang_attrs(step.lang, here),
            escape(&step.text)
        );
    }
    out.push_str("</ol>\n");
    if !v.places.is_empty() {
        let _ = writeln!(out, "<{heading_tag}>{}</{heading_tag}>", escape(w.contact));
        out.push_str("<ul class=\"places\">\n");
        for place in &v.places {
            place_item(out, place, here, w, first);
        }
        out.push_str("</ul>\n");
    }
    if first {
        // Web addresses written in the steps get a code too (the places' have theirs).
        let in_places: Vec<&str> = v.places.iter().filter_map(|p| p.web.as_deref()).collect();
        for step in &v.steps {
            for url in super::urls_in(&step.text) {
                if !in_places.contains(&url) && handout.site.web.as_deref() != Some(url) {
                    qr_figure(out, url, w);
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "<p class=\"footer\">{}</p>",
        escape(w.footer(handout.addressee))
    );
    out.push_str("</section>\n");
}

fn place_item(out: &mut String, place: &PlaceView, here: Language, w: &Words, with_qr: bool) {
    out.push_str("<li class=\"place\">\n");
    let _ = writeln!(
        out,
        "<p class=\"place-name\">{}</p>",
        line(&place.name, here)
    );
    let mut details = String::new();
    if let Some(phone) = &place.phone {
        let _ = write!(
            details,
            "<dt>{}</dt><dd>{}</dd>",
            escape(w.phone),
            ltr(phone)
        );
    }
    if let Some(hours) = &place.hours {
        let _ = write!(
            details,
            "<dt>{}</dt><dd{}>{}</dd>",
            escape(w.hours),
            lang_attrs(hours.lang, here),
            escape(&hours.text)
        );
    }
    if let Some(web) = &place.web {
        let _ = write!(details, "<dt>{}</dt><dd>{}</dd>", escape(w.web), ltr(web));
    }
    if !details.is_empty() {
        let _ = writeln!(out, "<dl>{details}</dl>");
    }
    if let Some(note) = &place.note {
        let _ = writeln!(
            out,
            "<p{}>{}</p>",
            lang_attrs(note.lang, here),
            escape(&note.text)
        );
    }
    if with_qr && let Some(web) = &place.web {
        qr_figure(out, web, w);
    }
    out.push_str("</li>\n");
}

/// A QR code with the address under it; nothing when the address is too long for a code.
fn qr_figure(out: &mut String, url: &str, w: &Words) {
    if let Some(svg) = super::qr::svg(url, url) {
        let _ = writeln!(
            out,
            "<figure class=\"qr\">{svg}<figcaption>{}<br>{}</figcaption></figure>",
            escape(w.scan),
            ltr(url)
        );
    }
}
