//! Report output: an aligned table with bars for the terminal, CSV for Excel, JSON for tools.

use std::fmt::Write as _;

use serde_json::json;
use unicode_width::UnicodeWidthStr;

use super::aggregate::{Dimension, Group, Report};
use super::suppress::{Cell, MIN_COUNT, suppress_table};
use crate::lang::Lang;

/// One group as it may be shown.
pub struct Shown<'a> {
    pub group: &'a Group,
    pub cell: Cell,
}

/// The rows as they may be shown (suppressed, hidden rows last), and the total's cell.
pub fn shown(report: &Report, no_suppress: bool) -> (Vec<Shown<'_>>, Cell) {
    let counts: Vec<u64> = report.groups.iter().map(|g| g.cases).collect();
    let (cells, total_cell) = if no_suppress {
        (
            counts.iter().map(|&c| Cell::Shown(c)).collect(),
            Cell::Shown(report.total.cases),
        )
    } else {
        suppress_table(&counts)
    };
    let mut rows: Vec<Shown<'_>> = report
        .groups
        .iter()
        .zip(cells)
        .map(|(group, cell)| Shown { group, cell })
        .collect();
    // Groups are sorted largest first, so a hidden row's place would say how big it is
    // (`50, <5, <5` with 3 hidden must be 2 and 1). Hidden rows go last, by key. Weeks and hours
    // are in time order, which says nothing about size.
    if !matches!(report.by, Dimension::Week | Dimension::Hour) {
        rows.sort_by(|a, b| {
            let hidden = |r: &Shown<'_>| r.cell == Cell::Hidden;
            hidden(a).cmp(&hidden(b)).then_with(|| {
                if hidden(a) {
                    a.group.key.cmp(&b.group.key)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
        });
    }
    (rows, total_cell)
}

/// A count as shown. A hidden count is "<5" when it is small and "≥5" when it is hidden only to
/// cover a small one: saying "<5" there would be untrue, and the rule in `suppress` already
/// assumes the reader can tell the two apart.
pub fn count_text(cell: Cell, cases: u64) -> String {
    match cell {
        Cell::Shown(n) => n.to_string(),
        Cell::Hidden if cases < MIN_COUNT => format!("<{MIN_COUNT}"),
        Cell::Hidden => format!("≥{MIN_COUNT}"),
    }
}

fn percent(part: u64, whole: u64) -> Option<u64> {
    (part * 100 + whole / 2).checked_div(whole)
}

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

fn key_text(key: &str, by: Dimension, lang: Lang) -> String {
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

const BAR_WIDTH: usize = 24;

/// The terminal table.
pub fn to_table(report: &Report, lang: Lang, no_suppress: bool) -> String {
    let (rows, total_cell) = shown(report, no_suppress);
    let headers = [
        dimension_label(report.by, lang),
        lang.pick("sager", "cases"),
        "",
        lang.pick("afbrudt", "abandoned"),
        lang.pick("må ikke", "must not"),
        lang.pick("median", "median"),
    ];
    let max = rows
        .iter()
        .filter_map(|r| match r.cell {
            Cell::Shown(n) => Some(n),
            Cell::Hidden => None,
        })
        .max()
        .unwrap_or(0);
    let mut lines: Vec<[String; 6]> = Vec::new();
    for row in &rows {
        let g = row.group;
        let (bar, abandoned, must_not, median) = match row.cell {
            Cell::Shown(n) => (
                "█".repeat((n as usize * BAR_WIDTH).div_ceil(max.max(1) as usize)),
                percent(g.abandoned, g.cases).map_or_else(|| "–".into(), |p| format!("{p} %")),
                percent(g.must_not, g.cases).map_or_else(|| "–".into(), |p| format!("{p} %")),
                g.median_minutes()
                    .map_or_else(|| "–".into(), |m| format!("{m} min")),
            ),
            Cell::Hidden => ("·".into(), "–".into(), "–".into(), "–".into()),
        };
        lines.push([
            key_shown(&g.key, report.by, lang),
            count_text(row.cell, g.cases),
            bar,
            abandoned,
            must_not,
            median,
        ]);
    }
    let t = &report.total;
    let total_shown = matches!(total_cell, Cell::Shown(n) if n > 0);
    lines.push([
        lang.pick("I alt", "Total").to_string(),
        count_text(total_cell, report.total.cases),
        String::new(),
        if total_shown {
            percent(t.abandoned, t.cases).map_or_else(|| "–".into(), |p| format!("{p} %"))
        } else {
            "–".into()
        },
        if total_shown {
            percent(t.must_not, t.cases).map_or_else(|| "–".into(), |p| format!("{p} %"))
        } else {
            "–".into()
        },
        if total_shown {
            t.median_minutes()
                .map_or_else(|| "–".into(), |m| format!("{m} min"))
        } else {
            "–".into()
        },
    ]);
    let mut widths = headers.map(|h| h.width());
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
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
    if !no_suppress {
        let _ = writeln!(
            out,
            "\n{}",
            lang.pick(
                "Tal under 5 vises som <5. Så de ikke kan regnes ud fra totalen, skjules de mindste andre tal med (vist som ≥5).",
                "Counts below 5 are shown as <5. So that they cannot be worked out from the total, the smallest other counts are hidden too (shown as ≥5)."
            )
        );
    }
    out
}

fn title(report: &Report, lang: Lang) -> String {
    let files = report.files.len();
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

/// CSV that opens cleanly in a Danish Excel: a byte order mark and `;` between fields.
pub fn to_csv(report: &Report, no_suppress: bool) -> String {
    let (rows, total_cell) = shown(report, no_suppress);
    let mut out = String::from("\u{feff}");
    let _ = writeln!(
        out,
        "{};cases;abandoned_percent;must_not_percent;median_minutes",
        report.by.code()
    );
    let line = |out: &mut String, key: &str, cell: Cell, g: &Group| {
        let (a, m, med) = match cell {
            Cell::Shown(n) if n > 0 => (
                percent(g.abandoned, g.cases).map_or_else(String::new, |p| p.to_string()),
                percent(g.must_not, g.cases).map_or_else(String::new, |p| p.to_string()),
                g.median_minutes()
                    .map_or_else(String::new, |m| m.to_string()),
            ),
            _ => (String::new(), String::new(), String::new()),
        };
        let _ = writeln!(
            out,
            "{};{};{a};{m};{med}",
            csv_field(key),
            count_text(cell, g.cases)
        );
    };
    for row in &rows {
        line(&mut out, &row.group.key, row.cell, row.group);
    }
    line(&mut out, "total", total_cell, &report.total);
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

pub fn to_json(report: &Report, no_suppress: bool) -> String {
    let (rows, total_cell) = shown(report, no_suppress);
    let entry = |key: &str, cell: Cell, g: &Group| {
        let visible = matches!(cell, Cell::Shown(n) if n > 0);
        json!({
            "key": key,
            "cases": match cell { Cell::Shown(n) => Some(n), Cell::Hidden => None },
            "suppressed": cell == Cell::Hidden,
            "abandoned_percent": if visible { percent(g.abandoned, g.cases) } else { None },
            "must_not_percent": if visible { percent(g.must_not, g.cases) } else { None },
            "median_minutes": if visible { g.median_minutes() } else { None },
        })
    };
    let groups: Vec<_> = rows
        .iter()
        .map(|r| entry(&r.group.key, r.cell, r.group))
        .collect();
    let value = json!({
        "by": report.by.code(),
        "since": report.filter.since.map(|d| d.to_string()),
        "until": report.filter.until.map(|d| d.to_string()),
        "files": report.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
        "suppression": if no_suppress { None } else { Some(MIN_COUNT) },
        "groups": groups,
        "total": entry("total", total_cell, &report.total),
    });
    format!("{value:#}")
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
