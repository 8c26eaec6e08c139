//! `h` at an outcome: the plain-text handout is written at once (as before), and a small box
//! asks which language to print the citizen's handout in. Enter (or `b`) writes the HTML page
//! and opens it in the browser for printing. Language names are drawn in Latin script: the
//! terminal never has to lay out right-to-left text.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme::Theme;
use crate::guide::Library;
use crate::guide::translation::{Review, Target};
use crate::handout::open::OpenError;
use crate::lang::{Lang, Language};

/// How a handout is opened; tests put a recorder here instead of a browser.
pub type Opener = fn(&Path) -> Result<(), OpenError>;

/// The handout state of a session.
pub struct Handouts {
    /// The library as loaded, in Danish with its translations: handouts print the Danish
    /// and the citizen's language whatever language the screens are in. `None`: the app's
    /// own library is Danish already.
    pub danish: Option<Library>,
    /// The language chosen last this session, offered first next time.
    pub last: Option<Language>,
    /// The highlighted line of the box.
    pub selected: usize,
    pub open: Opener,
}

impl Default for Handouts {
    fn default() -> Self {
        Handouts {
            danish: None,
            last: None,
            selected: 0,
            open: crate::handout::open::in_browser,
        }
    }
}

/// A language the box offers, and whether its translation of this guide is a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offer {
    pub lang: Language,
    pub draft: bool,
}

/// The handout languages of guide `guide` in `library`: Danish, and each language the guide
/// has a translation file for.
pub fn offers(library: &Library, guide: &str) -> Vec<Offer> {
    let target = Target::Guide(guide.to_string());
    Language::all()
        .filter_map(|lang| {
            if lang == Language::DANISH {
                return Some(Offer { lang, draft: false });
            }
            let translation =
                (library.translations.iter()).find(|t| t.lang == lang && t.target == target)?;
            Some(Offer {
                lang,
                draft: translation.review() == Review::Draft,
            })
        })
        .collect()
}

/// Words of the box.
fn words(lang: Lang) -> (&'static str, &'static str, &'static str) {
    (
        lang.pick(
            "Udskrift til borgeren – sprog",
            "Handout for the citizen – language",
        ),
        lang.pick("udkast – ikke gennemlæst", "draft – not reviewed"),
        lang.pick(
            "1-9/↑↓ vælg  Enter/b gem og åbn i browseren  Esc luk",
            "1-9/↑↓ choose  Enter/b save and open in the browser  Esc close",
        ),
    )
}

/// The box: `offers` numbered, `handouts.selected` highlighted.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    handouts: &Handouts,
    offers: &[Offer],
    lang: Lang,
    theme: &Theme,
) {
    let (title, draft, hint) = words(lang);
    let mut lines = Vec::new();
    for (i, offer) in offers.iter().enumerate() {
        let selected = i == handouts.selected;
        let style = if selected { theme.selected } else { theme.text };
        let mut spans = vec![
            Span::styled(
                format!(" {:>2}  ", i + 1),
                if selected { style } else { theme.key },
            ),
            Span::styled(format!("{:<10}", offer.lang.name(lang)), style),
        ];
        if offer.draft {
            spans.push(Span::styled(format!("  {draft}"), theme.muted));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(format!(" {hint}"), theme.muted)));
    let width = area.width.saturating_sub(4).min(72);
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [at] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, at);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(theme.border)
                .title(Span::styled(format!(" {title} "), theme.title)),
        ),
        at,
    );
}

/// Where the HTML of a handout written today would be (for tests and messages).
pub fn html_path(dir: &Path, guide: &str, outcome: &str, lang: Language) -> PathBuf {
    let stem = crate::handout::file_stem(guide, outcome, lang, crate::handout::today());
    dir.join(format!("{stem}.html"))
}
