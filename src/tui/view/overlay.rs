//! Boxes drawn over the screen: help, the list of guide errors, and "quit with a case open?".

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{block, hanging, window};
use crate::present::Explain;
use crate::tui::app::{App, Overlay};
use crate::tui::keys::KEYS;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(overlay) = app.overlay else { return };
    match overlay {
        Overlay::Help => help(app, frame, area),
        Overlay::Errors => errors(app, frame, area),
        Overlay::ConfirmQuit => confirm_quit(app, frame, area),
        Overlay::Stats => stats(app, frame, area),
        Overlay::Changed => changed(app, frame, area),
        Overlay::Links => links(app, frame, area),
        Overlay::Rules => rules(app, frame, area),
        Overlay::Handout => crate::tui::handout_box::render(
            frame,
            area,
            &app.handouts,
            &app.handout_offers(),
            app.lang,
            &app.theme,
        ),
    }
}

/// The `see` links of the step or outcome on screen, numbered, to pick one to follow.
fn links(app: &App, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(8).min(80);
    let inner_width = width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    let mut rows = Vec::new();
    for (i, guide) in app.links().into_iter().enumerate() {
        let selected = i == app.link_selected;
        let style = if selected {
            app.theme.selected
        } else {
            app.theme.text
        };
        let first = lines.len();
        lines.extend(hanging(
            vec![Span::styled(
                format!(" {:>2}  ", i + 1),
                if selected {
                    app.theme.selected
                } else {
                    app.theme.key
                },
            )],
            5,
            &guide.title,
            inner_width,
            style,
        ));
        rows.push((first, lines.len(), i));
    }
    lines.push(Line::default());
    lines.extend(hanging(
        vec![],
        0,
        app.text.links_hint,
        inner_width,
        app.theme.muted,
    ));
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let at = centered(area, width, height);
    // Only the box's rows act on a click now: a choice under the box must not be followed.
    let mut clickable = app.clickable.borrow_mut();
    clickable.clear();
    for (from, to, i) in rows {
        for row in from..to {
            let y = at.y + 1 + row as u16;
            if y + 1 < at.y + at.height {
                clickable.push((
                    Rect::new(at.x + 1, y, at.width.saturating_sub(2), 1),
                    crate::tui::keys::Action::FollowLink(i),
                ));
            }
        }
    }
    drop(clickable);
    boxed(app, frame, at, app.text.see_also, lines);
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

fn boxed(app: &App, frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>) {
    frame.render_widget(Clear, area);
    let outer = block(app, title);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let (shown, _) = window(
        lines,
        inner.height as usize,
        usize::from(app.overlay_scroll),
    );
    frame.render_widget(Paragraph::new(shown), inner);
}

fn help(app: &App, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(8).min(90);
    let inner_width = width.saturating_sub(2) as usize;
    let key_width = KEYS
        .iter()
        .map(|k| k.keys.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut lines = Vec::new();
    for key in KEYS {
        let lead = format!(" {:<key_width$}", key.keys);
        lines.extend(hanging(
            vec![Span::styled(lead, app.theme.key)],
            key_width + 1,
            key.text(app.lang),
            inner_width,
            app.theme.text,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        app.lang
            .pick(" Tryk en tast for at lukke.", " Press a key to close."),
        app.theme.muted,
    )));
    let height = (lines.len() as u16 + 2).min(area.height);
    boxed(
        app,
        frame,
        centered(area, width, height),
        app.text.help_title,
        lines,
    );
}

fn errors(app: &App, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4);
    let inner_width = width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    if app.errors.is_empty() {
        lines.push(Line::from(app.text.no_errors));
    }
    for d in &app.errors {
        let place = match d.line_col(&app.sources) {
            Some((line, col)) => format!("{}:{line}:{col}", d.path(&app.sources)),
            None => d.path(&app.sources).to_string(),
        };
        lines.extend(hanging(vec![], 0, &place, inner_width, app.theme.key));
        lines.extend(hanging(
            vec![Span::raw("  ")],
            2,
            &d.finding.message(app.lang),
            inner_width,
            app.theme.warning,
        ));
        if let Some(hint) = d.finding.hint(app.lang) {
            lines.extend(hanging(
                vec![Span::raw("  → ")],
                4,
                &hint,
                inner_width,
                app.theme.text,
            ));
        }
        lines.push(Line::default());
    }
    let height = area.height.saturating_sub(2);
    boxed(
        app,
        frame,
        centered(area, width, height),
        app.text.errors_title,
        lines,
    );
}

fn confirm_quit(app: &App, frame: &mut Frame, area: Rect) {
    let width = 56.min(area.width);
    let inner_width = width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    if app.case.is_some() || app.in_safety_interrupt() {
        lines.extend(hanging(
            vec![],
            0,
            app.text.quit_question,
            inner_width,
            app.theme.question,
        ));
    }
    let waiting = app.cases_waiting();
    if waiting > 0 {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.extend(hanging(
            vec![],
            0,
            &format!("{waiting} {}", app.text.quit_waiting),
            inner_width,
            app.theme.warning,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(app.text.quit_keys, app.theme.key)));
    let height = lines.len() as u16 + 2;
    boxed(
        app,
        frame,
        centered(area, width, height),
        app.text.quit_title,
        lines,
    );
}

fn stats(app: &App, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(100);
    let inner_width = width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    match &app.stats {
        None => lines.push(Line::from(app.text.loading)),
        Some(stats) => {
            for (title, report) in [
                (app.text.today, &stats.today),
                (app.text.this_week, &stats.week),
            ] {
                lines.push(Line::from(Span::styled(title, app.theme.title)));
                match report {
                    Ok(report) => lines.extend(bars(app, report, inner_width)),
                    Err(err) => {
                        lines.extend(hanging(vec![], 0, err, inner_width, app.theme.warning))
                    }
                }
                lines.push(Line::default());
            }
            lines.extend(hanging(
                vec![],
                0,
                app.text.stats_note,
                inner_width,
                app.theme.muted,
            ));
        }
    }
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    boxed(
        app,
        frame,
        centered(area, width, height),
        app.text.stats_title,
        lines,
    );
}

/// One bar per guide, with the same disclosure control as a shared report (`report::publish`:
/// perturbed, rounded to 5, small counts as <5): the screen sits on a shared PC, and a count of 1
/// today can point at the one citizen who was just here.
fn bars<'a>(app: &App, report: &crate::report::Report, width: usize) -> Vec<Line<'a>> {
    if report.groups.is_empty() {
        return vec![Line::from(Span::styled(app.text.no_cases, app.theme.muted))];
    }
    let published = report.publish(false);
    let max = (published.rows.iter())
        .filter_map(|r| r.cases.shown())
        .max()
        .unwrap_or(1)
        .max(1);
    let label_width = (width / 2).min(40);
    let bar_room = width.saturating_sub(label_width + 8).max(1);
    (published.rows.iter())
        .map(|row| {
            let title = app
                .library
                .guide(&row.key)
                .map_or_else(|| row.key.clone(), |g| crate::text::visible_line(&g.title));
            let label = crate::tui::wrap::truncate(&title, label_width);
            let bar = match row.cases.shown() {
                Some(n) => "█".repeat((n as usize * bar_room).div_ceil(max as usize)),
                None => String::from("·"),
            };
            let pad =
                label_width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
            Line::from(vec![
                Span::styled(format!("{label}{} ", " ".repeat(pad)), app.theme.text),
                Span::styled(format!("{:>4} ", row.cases.text()), app.theme.key),
                Span::styled(bar, app.theme.key),
            ])
        })
        .collect()
}

fn changed(app: &App, frame: &mut Frame, area: Rect) {
    let Some(changes) = app.shown_changes() else {
        return;
    };
    let width = area.width.saturating_sub(8).min(80);
    let inner_width = width.saturating_sub(2) as usize;
    let t = app.text;
    let mut lines = hanging(vec![], 0, t.changed_intro, inner_width, app.theme.text);
    let lists = [
        (t.steps_added, &changes.steps_added),
        (t.steps_removed, &changes.steps_removed),
        (t.outcomes_added, &changes.outcomes_added),
        (t.outcomes_removed, &changes.outcomes_removed),
        (t.rules_added, &changes.rules_added),
        (t.rules_removed, &changes.rules_removed),
    ];
    for (label, ids) in lists {
        if ids.is_empty() {
            continue;
        }
        // What is still in the guide or library is named by its text; what was removed is
        // known only by its id.
        let guide = app.case.as_ref().map(|c| c.walk.guide());
        let names: Vec<String> = ids
            .iter()
            .map(|id| {
                let step = guide.and_then(|g| g.step(id)).map(|s| s.ask.value.clone());
                let outcome = guide
                    .and_then(|g| g.outcome(id))
                    .map(|o| o.title.value.clone());
                let rule = app.library.rule(id).map(|r| r.text.value.clone());
                step.or(outcome).or(rule).unwrap_or_else(|| id.clone())
            })
            .collect();
        let lead = format!("• {label}: ");
        let lead_width = unicode_width::UnicodeWidthStr::width(lead.as_str());
        lines.extend(hanging(
            vec![Span::styled(lead, app.theme.key)],
            lead_width,
            &names.join("; "),
            inner_width,
            app.theme.text,
        ));
    }
    if changes.reworded {
        lines.extend(hanging(vec![], 0, t.reworded, inner_width, app.theme.text));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(t.close_hint, app.theme.muted)));
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    boxed(
        app,
        frame,
        centered(area, width, height),
        t.changed_title,
        lines,
    );
}

/// Every rule in force, whole, with why it holds and its source; scrolls like help.
fn rules(app: &App, frame: &mut Frame, area: Rect) {
    let Some(case) = &app.case else { return };
    let rules: Vec<&crate::guide::Rule> = case
        .walk
        .rules_in_force()
        .into_iter()
        .filter_map(|id| app.library.rule(id))
        .collect();
    let width = area.width.saturating_sub(8).min(90);
    let height = area.height.saturating_sub(2);
    let inner_width = width.saturating_sub(2) as usize;
    let mut lines = super::rules::rules_explained(app, &rules, inner_width);
    lines.push(Line::from(Span::styled(
        app.text.close_hint,
        app.theme.muted,
    )));
    // The box is often taller than the screen: its title says how to scroll and close.
    let title = format!(
        "{} ({})",
        app.text.rules,
        app.lang.pick(
            "↑↓ ruller, en anden tast lukker",
            "↑↓ scroll, any other key closes"
        )
    );
    boxed(app, frame, centered(area, width, height), &title, lines);
}
