//! The case screens: a step (question, numbered choices, help, rules, breadcrumb) and an outcome
//! (kind badge, what to do now, the citizen's steps, where to refer, rules).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::rules::{fitted_rules, rule_lines};
use super::{block, hanging, window};
use crate::guide::model::{Outcome, OutcomeKind, Step};
use crate::guide::{Node, Rule};
use crate::present::outcome::{OutcomeView, Words};
use crate::text::visible_line;
use crate::tui::app::{App, Case};
use crate::tui::keys::Action;
use crate::tui::wrap::truncate;

/// From this width the rules stand beside the question instead of below it.
const SIDE_BY_SIDE: u16 = 100;

pub fn render(app: &App, case: &Case, frame: &mut Frame, area: Rect) {
    let rules: Vec<&Rule> = case
        .walk
        .rules_in_force()
        .into_iter()
        .filter_map(|id| app.library.rule(id))
        .collect();
    if rules.is_empty() {
        // No rules in force: the case gets the whole area rather than an empty box.
        match case.walk.current() {
            Node::Step(step) => render_step(app, case, step, frame, area),
            Node::Outcome(outcome) => render_outcome(app, case, outcome, frame, area),
        }
        return;
    }
    let (main, side) = if area.width >= SIDE_BY_SIDE {
        let [main, side] =
            Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                .areas(area);
        (main, Some(side))
    } else {
        (area, None)
    };
    let (main, rules_area) = match side {
        Some(side) => (main, side),
        None => {
            let width = area.width.saturating_sub(2) as usize;
            let wanted = rule_lines(app, &rules, width).len() as u16 + 2;
            let height = wanted.min(area.height / 3).max(3);
            let [main, below] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(height)]).areas(main);
            (main, below)
        }
    };
    match case.walk.current() {
        Node::Step(step) => render_step(app, case, step, frame, main),
        Node::Outcome(outcome) => render_outcome(app, case, outcome, frame, main),
    }
    let outer = block(app, app.text.rules);
    let inner = outer.inner(rules_area);
    frame.render_widget(outer, rules_area);
    let lines = fitted_rules(app, &rules, inner.width as usize, inner.height as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One row with the answers so far, the newest kept when the row is too narrow for all.
fn breadcrumb(app: &App, case: &Case, width: usize) -> Vec<Line<'static>> {
    let labels: Vec<String> = case
        .walk
        .answers()
        .map(|(_, choice)| visible_line(&choice.label))
        .collect();
    if labels.is_empty() {
        return Vec::new();
    }
    let lead = format!("{}: ", app.text.answers_so_far);
    let width_of = unicode_width::UnicodeWidthStr::width;
    let room = width.saturating_sub(width_of(lead.as_str()));
    let mut text = labels.join(" › ");
    if width_of(text.as_str()) > room && labels.len() > 1 {
        // Keep the newest answers that fit after "… › " (always at least the last one). Counted
        // from the end, so a case hundreds of answers deep draws as fast as a short one.
        let mut used = width_of("… › ");
        let mut kept: Vec<&str> = Vec::new();
        for label in labels.iter().rev() {
            let needed = width_of(label.as_str()) + if kept.is_empty() { 0 } else { 3 };
            if !kept.is_empty() && used + needed > room {
                break;
            }
            used += needed;
            kept.push(label);
        }
        kept.reverse();
        text = format!("… › {}", kept.join(" › "));
    }
    vec![
        Line::from(vec![
            Span::styled(lead, app.theme.muted),
            Span::styled(truncate(&text, room), app.theme.muted),
        ]),
        Line::default(),
    ]
}

fn render_step(app: &App, case: &Case, step: &Step, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let title = format!("{} {}", app.text.step_of, case.walk.path().len());
    let outer = block(app, &title);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let width = inner.width as usize;
    let mut lines = breadcrumb(app, case, width);
    lines.extend(hanging(vec![], 0, &step.ask, width, t.question));
    lines.push(Line::default());
    let mut choice_rows = Vec::new();
    for (i, choice) in case.walk.choices().into_iter().enumerate() {
        let selected = i == case.selected;
        let style = if selected { t.selected } else { t.text };
        let number = format!(" {:>2}  ", i + 1);
        let first = lines.len();
        lines.extend(hanging(
            vec![Span::styled(
                number,
                if selected { t.selected } else { t.key },
            )],
            5,
            &choice.label,
            width,
            style,
        ));
        choice_rows.push((first, lines.len(), Action::Choose(i + 1)));
    }
    if let Some(help) = &step.help {
        lines.push(Line::default());
        let lead = format!("{}: ", app.text.help_text);
        let lead_width = unicode_width::UnicodeWidthStr::width(lead.as_str());
        lines.extend(hanging(
            vec![Span::styled(lead, t.muted)],
            lead_width,
            help,
            width,
            t.muted,
        ));
    }
    see_lines(app, width, &mut lines, &mut choice_rows);
    // Once the helper moves the highlight, keep it on screen whatever the scroll position says.
    // (At the first answer the question, which comes first, matters more.)
    let focus = choice_rows
        .get(case.selected)
        .filter(|_| case.selected > 0)
        .map(|&(from, to, _)| (from, to));
    draw_scrolled(app, frame, inner, lines, case.scroll, focus, &choice_rows);
}

fn render_outcome(app: &App, case: &Case, outcome: &Outcome, frame: &mut Frame, area: Rect) {
    let view = OutcomeView::new(outcome, &app.library, app.site.role, app.lang);
    let words = Words::of(app.lang);
    let t = &app.theme;
    let badge = view.kind.label(app.lang);
    let badge_style = match view.kind {
        OutcomeKind::Guide => t.badge_guide,
        OutcomeKind::Do => t.badge_do,
        OutcomeKind::Refer => t.badge_refer,
        OutcomeKind::Refuse => t.badge_refuse,
    };
    let outer = ratatui::widgets::Block::bordered()
        .border_style(t.border)
        .title(Span::styled(format!(" {badge} "), badge_style));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let width = inner.width as usize;
    let mut lines = breadcrumb(app, case, width);
    let badge_text = format!(" {badge} ");
    let badge_width = unicode_width::UnicodeWidthStr::width(badge_text.as_str()) + 1;
    lines.extend(hanging(
        vec![Span::styled(badge_text, badge_style), Span::raw(" ")],
        badge_width,
        view.title,
        width,
        t.question,
    ));
    // The order is the view's (see `present::outcome`): line mode shows the same.
    referral_summary(app, &view, width, &mut lines);
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!("{}:", words.do_now),
        t.title,
    )));
    lines.extend(hanging(vec![], 0, view.helper, width, t.text));
    place_lines(app, &view, width, &mut lines);
    if !view.steps.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("{}:", view.addressee.steps_label(app.lang)),
            t.title,
        )));
        for (n, step) in view.steps.iter().enumerate() {
            let lead = format!(" {:>2}. ", n + 1);
            lines.extend(hanging(
                vec![Span::styled(lead, t.key)],
                5,
                step,
                width,
                t.text,
            ));
        }
    }
    let mut link_rows = Vec::new();
    see_lines(app, width, &mut lines, &mut link_rows);
    draw_scrolled(app, frame, inner, lines, case.scroll, None, &link_rows);
}

/// "Se også (tryk l):" and the titles of the guides the step or outcome links to, each row a
/// click target that follows its link.
fn see_lines(
    app: &App,
    width: usize,
    lines: &mut Vec<Line<'static>>,
    rows: &mut Vec<(usize, usize, Action)>,
) {
    let links = app.links();
    if links.is_empty() {
        return;
    }
    let t = &app.theme;
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled(app.text.see_also, t.title),
        Span::styled(format!(" ({}):", app.text.see_also_key), t.muted),
    ]));
    // Arrows, not numbers: at a step the digits choose answers.
    for (i, guide) in links.into_iter().enumerate() {
        let lead = String::from("  → ");
        let lead_width = unicode_width::UnicodeWidthStr::width(lead.as_str());
        let first = lines.len();
        lines.extend(hanging(
            vec![Span::styled(lead, t.key)],
            lead_width,
            &guide.title,
            width,
            t.text,
        ));
        rows.push((first, lines.len(), Action::FollowLink(i)));
    }
}

/// "Henvis til: <place> – <phone>", a row for each place, right under the outcome's title.
fn referral_summary(app: &App, view: &OutcomeView, width: usize, lines: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let words = Words::of(app.lang);
    for place in &view.places {
        let lead = format!("{}: ", words.refer_to);
        let lead_width = unicode_width::UnicodeWidthStr::width(lead.as_str());
        lines.extend(hanging(
            vec![Span::styled(lead, t.title)],
            lead_width,
            &place.summary(),
            width,
            t.question,
        ));
    }
}

/// Where to refer, each place in the order given: name, phone, web, hours, note and when the
/// details were checked. Several places are numbered, so "first this, then that" reads plainly.
fn place_lines(app: &App, view: &OutcomeView, width: usize, lines: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let words = Words::of(app.lang);
    if view.places.is_empty() {
        return;
    }
    lines.push(Line::default());
    // "Henvis til" already stands under the title; here come the places' details.
    lines.push(Line::from(Span::styled(
        format!("{}:", words.place_details),
        t.title,
    )));
    let numbered = view.places.len() > 1;
    for (n, place) in view.places.iter().enumerate() {
        let lead = if numbered {
            format!(" {:>2}. ", n + 1)
        } else {
            String::from("  ")
        };
        let indent = unicode_width::UnicodeWidthStr::width(lead.as_str());
        let pad = " ".repeat(indent);
        lines.extend(hanging(
            vec![Span::styled(lead, t.key)],
            indent,
            place.name,
            width,
            t.question,
        ));
        if place.own_desk {
            lines.extend(hanging(
                vec![Span::raw(pad.clone())],
                indent,
                crate::site::own_desk_note(app.lang),
                width,
                t.warning,
            ));
        }
        for (label, value) in &place.contact {
            let lead = format!("{pad}{label}: ");
            let lead_width = unicode_width::UnicodeWidthStr::width(lead.as_str());
            lines.extend(hanging(
                vec![Span::styled(lead, t.muted)],
                lead_width,
                value,
                width,
                t.text,
            ));
        }
        if let Some(note) = place.note {
            lines.extend(hanging(
                vec![Span::raw(pad.clone())],
                indent,
                note,
                width,
                t.muted,
            ));
        }
        if let Some(checked) = &place.checked {
            lines.push(Line::from(Span::styled(
                format!("{pad}({} {checked})", words.checked),
                t.muted,
            )));
        }
    }
}

/// Draw rows with scrolling, record the rows of each visible choice for the mouse, and mark
/// that more text follows below.
fn draw_scrolled(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line>,
    scroll: u16,
    focus: Option<(usize, usize)>,
    choice_rows: &[(usize, usize, Action)],
) {
    let height = area.height as usize;
    let max_start = lines.len().saturating_sub(height);
    app.scroll_limit
        .set(u16::try_from(max_start).unwrap_or(u16::MAX));
    let mut start = (scroll as usize).min(max_start);
    if let Some((from, to)) = focus {
        // The last row may become "more below", so the focus must end one row earlier.
        let room = height.saturating_sub(1).max(1);
        let taller_than_room = to - from > room;
        if from < start {
            start = from;
        } else if to > start + room && !taller_than_room {
            start = (to - room).min(max_start);
        } else if from >= start + room {
            // A choice taller than the screen is shown from its first row.
            start = from.min(max_start);
        }
    }
    let (mut shown, more) = window(lines, height, start);
    let mut clickable = app.clickable.borrow_mut();
    for &(from, to, action) in choice_rows {
        for row in from.max(start)..to.min(start + height) {
            let y = area.y + (row - start) as u16;
            clickable.push((Rect::new(area.x, y, area.width, 1), action));
        }
    }
    if more && let Some(last) = shown.last_mut() {
        *last = Line::from(Span::styled(
            format!(
                "{:>width$}",
                app.text.more_below,
                width = area.width as usize
            ),
            app.theme.key,
        ));
    }
    frame.render_widget(Paragraph::new(shown), area);
}
