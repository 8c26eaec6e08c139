//! Report output: an aligned table with bars for the terminal, CSV for Excel, JSON for tools.
//! Everything here renders a [`Published`] report: what it may show is decided in `disclose`.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::disclose::{
    BASE, Count, MAX_PERTURBATION, MEDIAN_MIN, MIN_COUNT, Published, PublishedRow, RATE_MIN,
};
use super::model::Dimension;
use crate::lang::Lang;

fn dimension_label(by: Dimension, lang: Lang) -> &'static str {
    match by {
        Dimension::Guide => lang.pick("guide", "guide"),
        Dimension::Outcome => lang.pick("guide/udfald", "guide/outcome"),
        Dimension::Kind => lang.pick("udfaldstype", "outcome kind"),
        Dimension::Site => lang.pick("sted", "site"),
        Dimension::Week => lang.pick("uge", "week"),
        Dimension::Hour => lang.pick("time", "hour"),
    }
}

pub(super) fn key_text(key: &str, by: Dimension, lang: Lang) -> String {
    match (by, key) {
        (Dimension::Kind, "-") => lang.pick("(afbrudt)", "(abandoned)").to_string(),
        (Dimension::Hour, h) => format!("{h}:00"),
        (Dimension::Outcome, k) if k.ends_with("/-") => {
            format!(
                "{} {}",
                &k[..k.len() - 2],
                lang.pick("(afbrudt)", "(abandoned)")
            )
        }
        _ => key.to_string(),
    }
}

/// A key as the terminal shows it: ids come from files anyone can edit, so control sequences
/// (an OSC that retitles the window, a screen clear) are written as visible escapes.
fn key_shown(key: &str, by: Dimension, lang: Lang) -> String {
    crate::text::visible_line(&key_text(key, by, lang))
}

/// The first line of every `--exact` output, whatever the format.
pub fn exact_warning(lang: Lang) -> &'static str {
    lang.pick(
        "FORTROLIGT: nøjagtige tal (--exact) – må ikke deles uden for kommunen.",
        "CONFIDENTIAL: exact counts (--exact) – must not be shared outside the municipality.",
    )
}

/// How the shared figures were made, in one paragraph under the table.
pub fn method_note(lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Tallene er flyttet lidt tilfældigt (cellenøglemetoden) og afrundet til {BASE}, så små tal ikke kan regnes ud; tal under {MIN_COUNT} vises som <{MIN_COUNT}. \
             I alt er afrundet for sig og er ikke summen af rækkerne. Andele vises for rækker med mindst {RATE_MIN} sager, medianer for mindst {MEDIAN_MIN}."
        ),
        Lang::En => format!(
            "Counts are moved a little at random (the cell key method) and rounded to {BASE}, so small counts cannot be worked out; counts below {MIN_COUNT} are shown as <{MIN_COUNT}. \
             The total is rounded on its own and is not the sum of the rows. Rates are shown for rows of at least {RATE_MIN} cases, medians for at least {MEDIAN_MIN}."
        ),
    }
}

const BAR_WIDTH: usize = 24;

fn percent_text(p: Option<u64>) -> String {
    p.map_or_else(|| "–".into(), |p| format!("{p} %"))
}

fn median_text(m: Option<u32>) -> String {
    m.map_or_else(|| "–".into(), |m| format!("{m} min"))
}

/// The terminal table.
pub fn to_table(report: &Published, lang: Lang) -> String {
    let headers = [
        dimension_label(report.by, lang),
        lang.pick("sager", "cases"),
        "",
        lang.pick("afbrudt", "abandoned"),
        lang.pick("må ikke", "must not"),
        lang.pick("median", "median"),
    ];
    let max = report
        .rows
        .iter()
        .filter_map(|r| r.cases.shown())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<[String; 6]> = Vec::new();
    for row in &report.rows {
        let bar = match row.cases {
            Count::Shown(n) => "█".repeat((n as usize * BAR_WIDTH).div_ceil(max.max(1) as usize)),
            Count::Small => "·".into(),
        };
        lines.push([
            key_shown(&row.key, report.by, lang),
            row.cases.text(),
            bar,
            percent_text(row.abandoned_percent),
            percent_text(row.must_not_percent),
            median_text(row.median_minutes),
        ]);
    }
    let t = &report.total;
    lines.push([
        lang.pick("I alt", "Total").to_string(),
        t.cases.text(),
        String::new(),
        percent_text(t.abandoned_percent),
        percent_text(t.must_not_percent),
        median_text(t.median_minutes),
    ]);
    let mut widths = headers.map(|h| h.width());
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    if report.exact {
        let _ = writeln!(out, "{}", exact_warning(lang));
    }
    let _ = writeln!(out, "{}", title(report, lang));
    let _ = writeln!(out);
    let header: [String; 6] = headers.map(str::to_string);
    for (n, line) in std::iter::once(&header).chain(lines.iter()).enumerate() {
        if n == lines.len() {
            let _ = writeln!(out, "{}", "─".repeat(widths.iter().sum::<usize>() + 10));
        }
        let mut row = String::new();
        for (i, (cell, w)) in line.iter().zip(widths).enumerate() {
            let pad = w.saturating_sub(cell.width());
            // Text left, numbers right; the bar left.
            if i == 0 || i == 2 {
                row.push_str(cell);
                row.push_str(&" ".repeat(pad));
            } else {
                row.push_str(&" ".repeat(pad));
                row.push_str(cell);
            }
            row.push_str("  ");
        }
        let _ = writeln!(out, "{}", row.trim_end());
    }
    if !report.exact {
        let _ = writeln!(out, "\n{}", method_note(lang));
    }
    out
}

/// "Cases by guide, 2026-11-01 – 2026-11-30 (3 databases)".
pub fn title(report: &Published, lang: Lang) -> String {
    let files = report.sources.len();
    let period = match (report.filter.since, report.filter.until) {
        (None, None) => lang.pick("alle datoer", "all dates").to_string(),
        (since, until) => format!(
            "{} – {}",
            since.map_or_else(String::new, |d| d.to_string()),
            until.map_or_else(String::new, |d| d.to_string())
        ),
    };
    let database = if files == 1 {
        lang.pick("database", "database")
    } else {
        lang.pick("databaser", "databases")
    };
    format!(
        "{} {}, {period} ({files} {database})",
        lang.pick("Sager efter", "Cases by"),
        dimension_label(report.by, lang)
    )
}

/// CSV that opens cleanly in a Danish Excel: a byte order mark and `;` between fields, column
/// headers in the report's language, and the total on its own row after an empty line, so a
/// pivot table over the rows does not count it twice.
pub fn to_csv(report: &Published, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    if report.exact {
        let _ = writeln!(out, "{}", csv_field(exact_warning(lang)));
    }
    let headers = match lang {
        Lang::Da => [
            dimension_label(report.by, lang),
            "sager",
            "afbrudt_procent",
            "maa_ikke_procent",
            "median_minutter",
        ],
        Lang::En => [
            report.by.code(),
            "cases",
            "abandoned_percent",
            "must_not_percent",
            "median_minutes",
        ],
    };
    let _ = writeln!(out, "{}", headers.join(";"));
    let line = |out: &mut String, key: &str, row: &PublishedRow| {
        let number = |n: Option<u64>| n.map_or_else(String::new, |n| n.to_string());
        let _ = writeln!(
            out,
            "{};{};{};{};{}",
            csv_field(key),
            row.cases.text(),
            number(row.abandoned_percent),
            number(row.must_not_percent),
            number(row.median_minutes.map(u64::from)),
        );
    };
    for row in &report.rows {
        line(&mut out, &row.key, row);
    }
    let _ = writeln!(out);
    line(&mut out, lang.pick("I alt", "Total"), &report.total);
    out
}

/// Keys are identifiers, but they come from files anyone can edit: control characters are made
/// visible, a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a
/// leading `'`, and anything with a separator, quote or line break is quoted.
fn csv_field(text: &str) -> String {
    let mut text = crate::text::visible_line(text);
    if text.len() > 1 && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        text.insert(0, '\'');
    }
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    /// Only with `--exact`: the output must not be shared. Always the first field.
    warning: Option<&'static str>,
    by: &'static str,
    since: Option<String>,
    until: Option<String>,
    sources: &'a [String],
    method: JsonMethod,
    groups: Vec<JsonRow<'a>>,
    total: JsonRow<'a>,
}

#[derive(serde::Serialize)]
struct JsonMethod {
    exact: bool,
    /// `cell-key-rounding` or `exact`.
    name: &'static str,
    rounding_base: Option<u64>,
    min_count: Option<u64>,
    max_perturbation: Option<u64>,
    rate_min: Option<u64>,
    median_min: Option<u64>,
}

#[derive(serde::Serialize)]
struct JsonRow<'a> {
    key: &'a str,
    /// `null` when hidden.
    cases: Option<u64>,
    /// `"<5"` when hidden, else `null`.
    hidden: Option<String>,
    abandoned_percent: Option<u64>,
    must_not_percent: Option<u64>,
    median_minutes: Option<u32>,
}

fn json_row(row: &PublishedRow) -> JsonRow<'_> {
    JsonRow {
        key: &row.key,
        cases: row.cases.shown(),
        hidden: match row.cases {
            Count::Small => Some(row.cases.text()),
            Count::Shown(_) => None,
        },
        abandoned_percent: row.abandoned_percent,
        must_not_percent: row.must_not_percent,
        median_minutes: row.median_minutes,
    }
}

/// JSON of the shape `assets/report.schema.json` describes.
pub fn to_json(report: &Published, lang: Lang) -> String {
    let shared = |n: u64| (!report.exact).then_some(n);
    let value = JsonReport {
        warning: report.exact.then(|| exact_warning(lang)),
        by: report.by.code(),
        since: report.filter.since.map(|d| d.to_string()),
        until: report.filter.until.map(|d| d.to_string()),
        sources: &report.sources,
        method: JsonMethod {
            exact: report.exact,
            name: if report.exact {
                "exact"
            } else {
                "cell-key-rounding"
            },
            rounding_base: shared(BASE),
            min_count: shared(MIN_COUNT),
            max_perturbation: shared(MAX_PERTURBATION),
            rate_min: shared(RATE_MIN),
            median_min: shared(MEDIAN_MIN),
        },
        groups: report.rows.iter().map(json_row).collect(),
        total: json_row(&report.total),
    };
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_cannot_run_as_formulas_or_carry_escapes() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-1+2"), "'-1+2");
        assert_eq!(csv_field("@SUM"), "'@SUM");
        assert_eq!(csv_field("-"), "-");
        assert_eq!(csv_field("mitid"), "mitid");
        assert!(!csv_field("a\u{1b}]0;x\u{7}").contains('\u{1b}'));
    }

    #[test]
    fn table_keys_show_control_sequences_as_text() {
        let shown = key_shown("id\u{1b}]0;hacked\u{7}", Dimension::Guide, Lang::Da);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown}"
        );
        assert!(shown.contains("\\u{1b}"), "{shown}");
    }
}
