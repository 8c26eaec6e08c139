//! `report --format html`: one self-contained page for a manager, with bar charts as inline
//! SVG. No scripts, no fonts or images from the network, and CSS for printing on A4. Every
//! figure comes from a [`Published`] report, so the disclosure control applies unchanged.

use std::fmt::Write as _;

use super::disclose::{Count, Published, PublishedRow};
use super::model::Dimension;
use super::render::{exact_warning, key_text, method_note, title};
use crate::lang::Lang;

/// The groupings the page shows, each already published (perturbed or `--exact`).
pub struct HtmlReport {
    pub by_guide: Published,
    pub by_kind: Published,
    pub by_week: Published,
    pub by_site: Published,
}

/// Text for HTML content and attribute values: ids come from files anyone can edit.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, 'Segoe UI', Roboto, Arial, sans-serif; color: #1a1a1a;
  margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; border-bottom: 2px solid #0b5394; }
.warning { background: #b00020; color: #fff; padding: .6rem .8rem; font-weight: bold; }
.note, .meta { color: #444; font-size: .9rem; }
section { break-inside: avoid; page-break-inside: avoid; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 12px; fill: #1a1a1a; }
svg .bar { fill: #0b5394; }
svg .line { fill: none; stroke: #0b5394; stroke-width: 2; }
svg .dot { fill: #0b5394; }
svg .axis { stroke: #999; stroke-width: 1; }
svg .hidden { fill: #777; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin-top: .4rem; }
th, td { border-bottom: 1px solid #ddd; padding: .2rem .4rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr.total td { font-weight: bold; border-top: 2px solid #1a1a1a; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .warning { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg .bar, svg .dot { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

const WIDTH: u32 = 720;
const LABEL: u32 = 250;
const ROW: u32 = 22;

/// A horizontal bar chart: one bar per row of `(label, value, shown text)`; a row without a
/// value (hidden, or "–") has no bar, only its text.
fn bar_chart(title: &str, rows: &[(String, Option<u64>, String)], max: u64) -> String {
    let height = ROW * rows.len().max(1) as u32 + 10;
    let room = WIDTH - LABEL - 60;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(title)
    );
    for (i, (label, value, text)) in rows.iter().enumerate() {
        let y = i as u32 * ROW + 5;
        let short: String = label.chars().take(38).collect();
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 8,
            y + 15,
            escape(&short)
        );
        match value {
            Some(v) => {
                let w = if max == 0 {
                    0
                } else {
                    (*v * u64::from(room)).div_ceil(max) as u32
                };
                let _ = write!(
                    svg,
                    "<rect class=\"bar\" x=\"{LABEL}\" y=\"{}\" width=\"{w}\" height=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
                    y + 3,
                    ROW - 6,
                    LABEL + w + 6,
                    y + 15,
                    escape(text)
                );
            }
            None => {
                let _ = write!(
                    svg,
                    "<text class=\"hidden\" x=\"{}\" y=\"{}\">{}</text>",
                    LABEL + 6,
                    y + 15,
                    escape(text)
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A trend line over the weeks; a hidden week is a gap in the line, marked `<5`.
fn line_chart(title: &str, rows: &[PublishedRow]) -> String {
    let (height, left, bottom, top) = (240u32, 50u32, 200u32, 20u32);
    let max = rows
        .iter()
        .filter_map(|r| r.cases.shown())
        .max()
        .unwrap_or(0)
        .max(5);
    let step = if rows.len() > 1 {
        (WIDTH - left - 20) / (rows.len() as u32 - 1)
    } else {
        0
    };
    let x = |i: usize| left + step * i as u32;
    let y = |v: u64| bottom - ((v * u64::from(bottom - top)) / max) as u32;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(title)
    );
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{bottom}\" x2=\"{}\" y2=\"{bottom}\"/><line class=\"axis\" x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{bottom}\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{max}</text><text x=\"{}\" y=\"{bottom}\" text-anchor=\"end\">0</text>",
        WIDTH - 10,
        left - 6,
        top + 4,
        left - 6
    );
    // One polyline per run of shown weeks.
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, svg: &mut String| {
        if run.len() > 1 {
            let _ = write!(
                svg,
                "<polyline class=\"line\" points=\"{}\"/>",
                run.join(" ")
            );
        }
        run.clear();
    };
    for (i, row) in rows.iter().enumerate() {
        match row.cases {
            Count::Shown(v) => {
                run.push(format!("{},{}", x(i), y(v)));
                let _ = write!(
                    svg,
                    "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"3\"><title>{}: {v}</title></circle>",
                    x(i),
                    y(v),
                    escape(&row.key)
                );
            }
            Count::Small => {
                flush(&mut run, &mut svg);
                let _ = write!(
                    svg,
                    "<text class=\"hidden\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">&lt;5</text>",
                    x(i),
                    bottom - 6
                );
            }
        }
    }
    flush(&mut run, &mut svg);
    // Week labels: all of them when few, else every fourth.
    let every = if rows.len() > 13 { 4 } else { 1 };
    for (i, row) in rows.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x(i),
            bottom + 18,
            escape(&row.key)
        );
    }
    svg.push_str("</svg>");
    svg
}

fn percent_text(p: Option<u64>) -> String {
    p.map_or_else(|| "–".into(), |p| format!("{p} %"))
}

/// A table of a grouping's figures, with the total on its own last row.
fn table(report: &Published, lang: Lang) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in [
        lang.pick("Gruppe", "Group"),
        lang.pick("Sager", "Cases"),
        lang.pick("Afbrudt", "Abandoned"),
        lang.pick("Må ikke", "Must not"),
        lang.pick("Median", "Median"),
    ] {
        let _ = write!(out, "<th scope=\"col\">{h}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    let line = |out: &mut String, class: &str, label: &str, row: &PublishedRow| {
        let _ = write!(
            out,
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(label),
            escape(&row.cases.text()),
            percent_text(row.abandoned_percent),
            percent_text(row.must_not_percent),
            row.median_minutes
                .map_or_else(|| "–".into(), |m| format!("{m} min"))
        );
    };
    for row in &report.rows {
        line(&mut out, "", &key_text(&row.key, report.by, lang), row);
    }
    line(
        &mut out,
        " class=\"total\"",
        lang.pick("I alt", "Total"),
        &report.total,
    );
    out.push_str("</tbody></table>");
    out
}

fn counts_chart(report: &Published, title: &str, lang: Lang) -> String {
    let rows: Vec<(String, Option<u64>, String)> = report
        .rows
        .iter()
        .map(|r| {
            (
                key_text(&r.key, report.by, lang),
                r.cases.shown(),
                r.cases.text(),
            )
        })
        .collect();
    let max = rows.iter().filter_map(|r| r.1).max().unwrap_or(0);
    bar_chart(title, &rows, max)
}

/// Bars of a rate per guide, on a 0–100 % scale; rows without a shown rate say "–".
fn rate_chart(
    report: &Published,
    title: &str,
    rate: impl Fn(&PublishedRow) -> Option<u64>,
) -> String {
    let rows: Vec<(String, Option<u64>, String)> = report
        .rows
        .iter()
        .map(|r| (r.key.clone(), rate(r), percent_text(rate(r))))
        .collect();
    bar_chart(title, &rows, 100)
}

fn section(out: &mut String, heading: &str, chart: &str, body: &str) {
    let _ = write!(
        out,
        "<section><h2>{}</h2>{chart}{body}</section>",
        escape(heading)
    );
}

/// The whole page.
pub fn to_html(report: &HtmlReport, lang: Lang) -> String {
    let main = &report.by_guide;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{}</title><style>{CSS}</style></head><body>",
        lang.pick("da", "en"),
        escape(lang.pick("Vejviser: sager", "Vejviser: cases"))
    );
    if main.exact {
        let _ = write!(
            out,
            "<p class=\"warning\">{}</p>",
            escape(exact_warning(lang))
        );
    }
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"meta\">{}</p>",
        escape(lang.pick("Sager ved skranken", "Cases at the desk")),
        escape(&title(main, lang))
    );
    if !main.exact {
        let _ = write!(out, "<p class=\"note\">{}</p>", escape(&method_note(lang)));
    }
    let per_guide = lang.pick("Sager pr. guide", "Cases per guide");
    section(
        &mut out,
        per_guide,
        &counts_chart(main, per_guide, lang),
        &table(main, lang),
    );
    let per_kind = lang.pick("Sager pr. udfaldstype", "Cases per outcome kind");
    section(
        &mut out,
        per_kind,
        &counts_chart(&report.by_kind, per_kind, lang),
        &table(&report.by_kind, lang),
    );
    let per_week = lang.pick("Sager pr. uge", "Cases per week");
    section(
        &mut out,
        per_week,
        &line_chart(per_week, &report.by_week.rows),
        &table(&report.by_week, lang),
    );
    let must_not = lang.pick(
        "Andel der mødte en må-ikke-regel, pr. guide",
        "Share that met a must-not rule, per guide",
    );
    section(
        &mut out,
        must_not,
        &rate_chart(main, must_not, |r| r.must_not_percent),
        "",
    );
    let abandoned = lang.pick("Andel afbrudte sager, pr. guide", "Abandon rate, per guide");
    section(
        &mut out,
        abandoned,
        &rate_chart(main, abandoned, |r| r.abandoned_percent),
        "",
    );
    let per_site = lang.pick("Sager pr. sted", "Cases per site");
    section(
        &mut out,
        per_site,
        &counts_chart(&report.by_site, per_site, lang),
        &table(&report.by_site, lang),
    );
    out.push_str("</body></html>\n");
    out
}

/// The groupings the page needs, from a function that builds one report per grouping.
pub fn groupings() -> [Dimension; 4] {
    [
        Dimension::Guide,
        Dimension::Kind,
        Dimension::Week,
        Dimension::Site,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_guide_files_cannot_open_a_tag() {
        assert_eq!(
            escape("<script>alert('x')</script>&\u{1b}"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
        );
    }
}
