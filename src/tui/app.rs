//! The app's state and how each action changes it. Rendering only reads this; the event loop
//! only turns terminal events into actions. Everything here is testable without a terminal.

use std::cell::{Cell, OnceCell, RefCell};
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::keys::{Action, Mode};
use super::setup::{SetupResult, SiteSetup, setup_text};
use super::strings::{Strings, strings};
use super::theme::Theme;
use crate::case::{CaseRecord, Ending};
use crate::guide::source::SourceMap;
use crate::guide::{Diagnostic, Guide, Library};
use crate::lang::Lang;
use crate::search::{MAX_QUERY_CHARS, SearchIndex};
use crate::site::Site;
use crate::walk::Walk;

/// The guide the safety key opens from anywhere.
pub const SAFETY_GUIDE: &str = "pres-og-svindel";

/// An open case and how it is shown.
pub struct Case {
    pub walk: Walk,
    /// The highlighted choice (0-based among the visible choices).
    pub selected: usize,
    pub scroll: u16,
    /// How the case was opened: it decides what the header says while another case waits.
    pub opened: Opened,
}

/// How a case was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    /// From the list of guides.
    Picker,
    /// By the safety key, from anywhere.
    Safety,
    /// By following a `see` link from another case, which waits.
    Link,
}

impl Case {
    fn new(walk: Walk, opened: Opened) -> Self {
        Case {
            walk,
            selected: 0,
            scroll: 0,
            opened,
        }
    }
}

#[derive(Default)]
pub struct Picker {
    pub query: String,
    pub searching: bool,
    /// Index into [`App::picker_guides`].
    pub selected: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Errors,
    ConfirmQuit,
    Stats,
    /// "This guide has changed since last time", shown once per guide before its first case.
    Changed,
    /// Every rule in force, with why it holds and its source (Tab).
    Rules,
    /// The `see` links of the step or outcome on screen, to pick one to follow.
    Links,
    /// The handout's language, after `h` (see `handout_box`).
    Handout,
}

/// Figures for the statistics screen, filled in by the front end from the log.
pub struct Stats {
    pub today: Result<crate::report::Report, String>,
    pub week: Result<crate::report::Report, String>,
}

/// A one-line message in the status bar, e.g. where a handout was saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_problem: bool,
}

/// What the app was started with.
pub struct Setup {
    pub library: Library,
    pub sources: SourceMap,
    /// Problems found when loading; the guides they concern are already left out.
    pub errors: Vec<Diagnostic>,
    pub site: Site,
    /// "indbyggede" or the folder(s) given.
    pub guides_label: String,
    pub lang: Lang,
    pub theme: Theme,
    pub handout_dir: PathBuf,
}

pub struct App {
    pub lang: Lang,
    pub text: &'static Strings,
    pub theme: Theme,
    pub library: Library,
    pub sources: SourceMap,
    pub errors: Vec<Diagnostic>,
    pub site: Site,
    pub guides_label: String,
    pub handout_dir: PathBuf,
    /// Built on the first search, so the app starts without waiting for it.
    index: OnceCell<SearchIndex>,
    /// Other versions of the guides whose words the search also finds (see `search_also`).
    search_versions: Vec<Arc<Guide>>,
    /// Guides in list order: by area, then title.
    ordered: Vec<Arc<Guide>>,
    /// The last query searched and its hits (positions in `ordered`): the screen is drawn again
    /// many times for one query, and only a changed query is searched again.
    search_cache: RefCell<Option<(String, Vec<usize>)>>,
    /// How many times the index was searched, for tests that a redraw does not search.
    searches: Cell<usize>,
    pub picker: Picker,
    pub case: Option<Case>,
    /// Cases waiting while the safety guide or a linked guide is open, the newest last.
    pub paused: Vec<Case>,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: u16,
    /// The highlighted link in the links box (0-based).
    pub link_selected: usize,
    pub notice: Option<Notice>,
    pub quit: bool,
    /// Cases that have ended, oldest first, for the log to take.
    pub ended: Vec<CaseRecord>,
    /// Guides that changed since this site last used them, with what changed. A guide leaves
    /// this map when the helper has seen the alert.
    pub changed: std::collections::BTreeMap<String, crate::guide::changes::Changes>,
    /// Guides whose change alert was seen, for the front end to remember (then cleared).
    pub acknowledged: Vec<String>,
    /// Figures for the statistics overlay; `None` until the front end has read them.
    pub stats: Option<Stats>,
    /// Whether ended cases are safely in the log; set by the event loop after each change.
    pub save_state: crate::log::SaveState,
    /// Why cases wait to be sent to the central log, when they do (see `central::ShipState`).
    pub central: Option<String>,
    /// Screen regions that a mouse click acts on, written by the last render.
    pub clickable: RefCell<Vec<(Rect, Action)>>,
    /// How far the case view can scroll, written by the last render: holding ↓ past the end
    /// must not store rows that ↑ then has to climb back before the view moves.
    pub scroll_limit: Cell<u16>,
    /// The site screen, while it is open.
    pub setup: Option<SiteSetup>,
    /// Where a new site file goes, when the site has none yet (set by the front end).
    pub site_path: Option<PathBuf>,
    /// A site chosen on the site screen, for the front end to write to its file (then cleared).
    pub site_to_save: Option<Site>,
    /// The printed handout: its language box and the Danish library it is made from.
    pub handouts: super::handout_box::Handouts,
}

impl App {
    pub fn new(setup: Setup) -> Self {
        // Areas in the order areas.toml lists them (others after, by name); guides by title.
        let area_rank = |area: &str| {
            setup
                .library
                .areas
                .get(area)
                .map_or(u32::MAX, |a| a.id.span.start)
        };
        let mut ordered = setup.library.guides.clone();
        ordered.sort_by(|a, b| {
            (area_rank(&a.area), a.area.as_str(), a.title.as_str()).cmp(&(
                area_rank(&b.area),
                b.area.as_str(),
                b.title.as_str(),
            ))
        });
        App {
            index: OnceCell::new(),
            search_versions: Vec::new(),
            ordered,
            search_cache: RefCell::new(None),
            searches: Cell::new(0),
            lang: setup.lang,
            text: strings(setup.lang),
            theme: setup.theme,
            library: setup.library,
            sources: setup.sources,
            errors: setup.errors,
            site: setup.site,
            guides_label: setup.guides_label,
            handout_dir: setup.handout_dir,
            picker: Picker::default(),
            case: None,
            paused: Vec::new(),
            overlay: None,
            overlay_scroll: 0,
            link_selected: 0,
            notice: None,
            quit: false,
            ended: Vec::new(),
            save_state: crate::log::SaveState::Off,
            central: None,
            stats: None,
            changed: std::collections::BTreeMap::new(),
            acknowledged: Vec::new(),
            clickable: RefCell::new(Vec::new()),
            scroll_limit: Cell::new(u16::MAX),
            setup: None,
            site_path: None,
            site_to_save: None,
            handouts: Default::default(),
        }
    }

    pub fn mode(&self) -> Mode {
        match (self.overlay, &self.case) {
            (Some(Overlay::ConfirmQuit), _) => Mode::ConfirmQuit,
            _ if self.setup.is_some() => Mode::Setup,
            (Some(Overlay::Links), _) => Mode::Links,
            (Some(Overlay::Handout), _) => Mode::HandoutBox,
            (Some(_), _) => Mode::Overlay,
            (None, Some(case)) if case.walk.is_finished() => Mode::Outcome,
            (None, Some(_)) => Mode::Step,
            (None, None) if self.picker.searching => Mode::Searching,
            (None, None) => Mode::Picker,
        }
    }

    /// The guides the picker shows, in order: all of them, or the search hits best first. A
    /// query is searched once; drawing the same query again reuses the hits.
    pub fn picker_guides(&self) -> Vec<&Arc<Guide>> {
        let query = &self.picker.query;
        if query.trim().is_empty() {
            return self.ordered.iter().collect();
        }
        let mut cache = self.search_cache.borrow_mut();
        let positions = match &*cache {
            Some((cached, positions)) if cached == query => positions,
            _ => {
                self.searches.set(self.searches.get() + 1);
                let index = self.index.get_or_init(|| {
                    SearchIndex::for_library_with(
                        &self.ordered,
                        &self.library,
                        &self.search_versions,
                    )
                });
                let positions = index.search(query).iter().map(|h| h.position).collect();
                &cache.insert((query.clone(), positions)).1
            }
        };
        positions
            .iter()
            .filter_map(|&i| self.ordered.get(i))
            .collect()
    }

    /// How many times a query has been searched since the app started.
    pub fn searches(&self) -> usize {
        self.searches.get()
    }

    /// Let the search find the guides by the texts of these versions too (matched by id), e.g.
    /// the Danish originals when the app shows the English translation.
    pub fn search_also(&mut self, versions: &[Arc<Guide>]) {
        self.search_versions = versions.to_vec();
        self.index = OnceCell::new();
        *self.search_cache.get_mut() = None;
    }

    pub fn selected_guide(&self) -> Option<&Arc<Guide>> {
        self.picker_guides().get(self.picker.selected).copied()
    }

    pub fn update(&mut self, action: Action) {
        if let Action::Click { column, row } = action {
            let hit = self
                .clickable
                .borrow()
                .iter()
                .find(|(r, _)| r.contains((column, row).into()))
                .map(|(_, a)| *a);
            if let Some(action) = hit {
                self.update(action);
            }
            return;
        }
        if action == Action::ForceQuit {
            self.abandon_all();
            self.quit = true;
            return;
        }
        self.notice = None;
        if action == Action::Safety {
            // From any screen: whatever box is open closes, the open case waits.
            self.overlay = None;
            self.setup = None;
            self.picker.searching = false;
            self.open_safety();
            return;
        }
        match self.mode() {
            Mode::ConfirmQuit => match action {
                Action::Yes => {
                    self.abandon_all();
                    self.quit = true;
                }
                _ => self.overlay = None,
            },
            Mode::Overlay => match action {
                Action::Down | Action::PageDown => {
                    self.overlay_scroll = self.overlay_scroll.saturating_add(step_of(action));
                }
                Action::Up | Action::PageUp => {
                    self.overlay_scroll = self.overlay_scroll.saturating_sub(step_of(action));
                }
                Action::Quit => self.ask_quit(),
                _ => self.close_overlay(),
            },
            Mode::Setup => self.update_setup(action),
            Mode::Links => self.update_links(action),
            Mode::HandoutBox => self.update_handout_box(action),
            Mode::Picker | Mode::Searching => self.update_picker(action),
            Mode::Step | Mode::Outcome => self.update_case(action),
        }
    }

    /// Open the site screen: on the first start without a site file, or with `i` later.
    pub fn open_setup(&mut self, first_run: bool) {
        let services = (self.library.services_in_order().into_iter())
            .map(|s| s.id.value.clone())
            .collect();
        let current = self.site.role.map(|role| (role, &self.site.offers));
        self.setup = Some(SiteSetup::new(services, current, first_run));
    }

    fn update_setup(&mut self, action: Action) {
        match action {
            Action::Safety => {
                self.setup = None;
                self.open_safety();
                return;
            }
            Action::Quit => {
                self.ask_quit();
                return;
            }
            _ => {}
        }
        let Some(setup) = self.setup.as_mut() else {
            return;
        };
        match setup.update(action) {
            SetupResult::Stay => {}
            SetupResult::Close => {
                let first_run = setup.first_run;
                self.setup = None;
                if first_run {
                    self.notice = Some(Notice {
                        text: setup_text(self.lang).skipped.to_string(),
                        is_problem: true,
                    });
                }
            }
            SetupResult::Save { role, offers } => {
                self.setup = None;
                self.choose_site(role, offers);
            }
        }
    }

    /// Use the chosen site from now on, and hand it to the front end to save.
    fn choose_site(
        &mut self,
        role: crate::guide::model::Audience,
        offers: std::collections::BTreeSet<String>,
    ) {
        let file = self.site.file.clone().or_else(|| self.site_path.clone());
        let index = crate::site::setup::ROLES
            .iter()
            .position(|r| *r == role)
            .unwrap_or(0);
        let name = if self.site.name.is_empty() {
            setup_text(self.lang).roles[index].0.to_string()
        } else {
            self.site.name.clone()
        };
        let mut site = crate::site::setup::chosen_site(role, offers, &name, file.as_deref());
        site.contact = self.site.contact.clone();
        if self.site.file.is_some() && self.site.id != crate::site::UNKNOWN_SITE {
            site.id = self.site.id.clone();
        }
        self.site = site.clone();
        self.site_to_save = Some(site);
    }

    /// The guides the step or outcome on screen links to (`see`), in the order given. A link
    /// to a guide that is not loaded (it has errors) is left out.
    pub fn links(&self) -> Vec<&Arc<Guide>> {
        let Some(case) = &self.case else {
            return Vec::new();
        };
        let see = match case.walk.current() {
            crate::guide::Node::Step(step) => &step.see,
            crate::guide::Node::Outcome(outcome) => &outcome.see,
        };
        see.iter().filter_map(|id| self.library.guide(id)).collect()
    }

    /// The link key: one link is followed at once; several open a box to pick one.
    fn open_links(&mut self) {
        match self.links().len() {
            0 => {}
            1 => self.follow_link(0),
            _ => {
                self.open_overlay(Overlay::Links);
                self.link_selected = 0;
            }
        }
    }

    fn update_links(&mut self, action: Action) {
        let count = self.links().len();
        match action {
            Action::Up => self.link_selected = self.link_selected.saturating_sub(1),
            Action::Down => {
                self.link_selected = (self.link_selected + 1).min(count.saturating_sub(1));
            }
            Action::Choose(n) if (1..=count).contains(&n) => {
                self.overlay = None;
                self.follow_link(n - 1);
            }
            Action::Enter | Action::FollowLink(_) => {
                let n = match action {
                    Action::FollowLink(n) => n,
                    _ => self.link_selected,
                };
                self.overlay = None;
                self.follow_link(n);
            }
            Action::Choose(_) => {}
            _ => self.overlay = None,
        }
    }

    /// Open the n-th linked guide (0-based) as a new case; the case on screen waits, exactly
    /// where it is, and comes back when the linked case ends (as after the safety key).
    fn follow_link(&mut self, n: usize) {
        let Some(guide) = self.links().get(n).map(|g| Arc::clone(g)) else {
            return;
        };
        if let Some(case) = self.case.take() {
            self.paused.push(case);
        }
        self.start(guide, Opened::Link);
        if self.case.is_none() {
            // The guide could not be started (the notice says why): back to the waiting case.
            self.case = self.paused.pop();
        }
    }

    /// True while the case on screen was opened from a link and another case waits for it.
    pub fn in_link(&self) -> bool {
        !self.paused.is_empty() && self.case.as_ref().is_some_and(|c| c.opened == Opened::Link)
    }

    fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
        self.overlay_scroll = 0;
        if overlay == Overlay::Stats {
            self.stats = None;
        }
    }

    fn close_overlay(&mut self) {
        if self.overlay == Some(Overlay::Changed)
            && let Some(case) = &self.case
        {
            let id = case.walk.guide().id.clone();
            self.changed.remove(&id);
            self.acknowledged.push(id);
        }
        self.overlay = None;
    }

    /// The changes of the guide the open case uses, while its alert is showing.
    pub fn shown_changes(&self) -> Option<&crate::guide::changes::Changes> {
        let case = self.case.as_ref()?;
        self.changed.get(&case.walk.guide().id)
    }

    /// Cases the log has not taken yet (held in memory), as the front end last reported.
    pub fn cases_waiting(&self) -> usize {
        match &self.save_state {
            crate::log::SaveState::Failing { waiting, .. } => *waiting,
            _ => 0,
        }
    }

    /// The front end reports what the log did with the cases that just ended. A case that
    /// could not be saved is said at once, in place of "the case is finished".
    pub fn saved(&mut self, state: crate::log::SaveState, ended: &[CaseRecord]) {
        self.save_state = state;
        if ended.is_empty() {
            return;
        }
        if let crate::log::SaveState::Failing { reason, waiting } = &self.save_state {
            self.notice = Some(Notice {
                text: format!(
                    "{}: {reason} ({waiting} {})",
                    self.text.not_saving, self.text.waiting
                ),
                is_problem: true,
            });
        } else if self.save_state == crate::log::SaveState::Saved
            && ended.iter().any(|r| r.ending == Ending::Finished)
        {
            self.notice = Some(Notice {
                text: self.text.case_saved.to_string(),
                is_problem: false,
            });
        }
    }

    fn ask_quit(&mut self) {
        if self.case.is_some() || !self.paused.is_empty() || self.cases_waiting() > 0 {
            self.open_overlay(Overlay::ConfirmQuit);
        } else {
            self.quit = true;
        }
    }

    fn update_picker(&mut self, action: Action) {
        let count = self.picker_guides().len();
        let p = &mut self.picker;
        match action {
            Action::Up => p.selected = p.selected.saturating_sub(1),
            Action::Down => p.selected = (p.selected + 1).min(count.saturating_sub(1)),
            Action::PageUp => p.selected = p.selected.saturating_sub(10),
            Action::PageDown => p.selected = (p.selected + 10).min(count.saturating_sub(1)),
            Action::Search => p.searching = true,
            // The field takes no more than the search reads, so a pasted page stops there.
            Action::Type(c) if p.query.chars().count() < MAX_QUERY_CHARS => {
                p.query.push(c);
                p.selected = 0;
            }
            Action::Erase => {
                p.query.pop();
                p.selected = 0;
            }
            // One Esc clears the search and leaves the box.
            Action::Cancel => {
                p.searching = false;
                p.query.clear();
                p.selected = 0;
            }
            Action::Back => {
                p.query.clear();
                p.selected = 0;
            }
            Action::Enter => self.start_selected(),
            Action::Open(n) => {
                self.picker.selected = n;
                self.start_selected();
            }
            Action::Safety => self.open_safety(),
            Action::Errors => self.open_overlay(Overlay::Errors),
            Action::Help => self.open_overlay(Overlay::Help),
            Action::Stats => self.open_overlay(Overlay::Stats),
            Action::Settings => self.open_setup(false),
            Action::Quit => self.ask_quit(),
            _ => {}
        }
    }

    fn start_selected(&mut self) {
        let Some(guide) = self.selected_guide().cloned() else {
            return;
        };
        self.picker.searching = false;
        self.start(guide, Opened::Picker);
    }

    fn start(&mut self, guide: Arc<Guide>, opened: Opened) {
        // Loaded guides have passed the checks, so a start that is not a step cannot happen;
        // if it does, say so rather than fail.
        let changed = self.changed.contains_key(&guide.id);
        match Walk::new(guide, self.site.clone()) {
            Ok(walk) => {
                self.case = Some(Case::new(walk, opened));
                if changed {
                    self.open_overlay(Overlay::Changed);
                }
            }
            Err(err) => {
                self.notice = Some(Notice {
                    text: err.to_string(),
                    is_problem: true,
                })
            }
        }
    }

    fn open_safety(&mut self) {
        let in_safety = self
            .case
            .as_ref()
            .is_some_and(|c| c.walk.guide().id == SAFETY_GUIDE);
        if in_safety {
            return;
        }
        let Some(guide) = self.library.guide(SAFETY_GUIDE).cloned() else {
            self.notice = Some(Notice {
                text: self.text.safety_missing.to_string(),
                is_problem: true,
            });
            return;
        };
        if let Some(case) = self.case.take() {
            self.paused.push(case);
        }
        self.start(guide, Opened::Safety);
    }

    /// True while the case on screen was opened by the safety key and another case waits.
    pub fn in_safety_interrupt(&self) -> bool {
        !self.paused.is_empty()
            && self
                .case
                .as_ref()
                .is_some_and(|c| c.opened == Opened::Safety)
    }

    fn update_case(&mut self, action: Action) {
        let Some(case) = self.case.as_mut() else {
            return;
        };
        let visible = case.walk.choices().len();
        let at_outcome = case.walk.is_finished();
        let limit = self.scroll_limit.get();
        match action {
            // At an outcome there is nothing to select, so the arrows (and the wheel) scroll.
            Action::Up if at_outcome => case.scroll = case.scroll.saturating_sub(1),
            Action::Down if at_outcome => case.scroll = case.scroll.saturating_add(1).min(limit),
            Action::Up => case.selected = case.selected.saturating_sub(1),
            Action::Down => case.selected = (case.selected + 1).min(visible.saturating_sub(1)),
            Action::PageDown => case.scroll = case.scroll.saturating_add(10).min(limit),
            Action::PageUp => case.scroll = case.scroll.saturating_sub(10),
            Action::Choose(n) => choose(case, n),
            Action::Enter if case.walk.is_finished() => self.end_case(Ending::Finished),
            Action::Enter => {
                let n = case.selected + 1;
                choose(case, n);
            }
            Action::Back => {
                if case.walk.back() {
                    case.selected = 0;
                    case.scroll = 0;
                } else {
                    self.end_case(Ending::Abandoned);
                }
            }
            Action::Restart => {
                case.walk.restart();
                case.selected = 0;
                case.scroll = 0;
            }
            Action::Handout => self.open_handout_box(),
            Action::OpenHandout if at_outcome => self.open_handout_again(),
            Action::Rules => self.open_overlay(Overlay::Rules),
            Action::Links => self.open_links(),
            Action::FollowLink(n) => self.follow_link(n),
            Action::Safety => self.open_safety(),
            Action::Errors => self.open_overlay(Overlay::Errors),
            Action::Help => self.open_overlay(Overlay::Help),
            Action::Quit => self.ask_quit(),
            _ => {}
        }
    }

    /// Close the open case, log it, and return to a paused case or the picker.
    fn end_case(&mut self, ending: Ending) {
        let Some(case) = self.case.take() else {
            return;
        };
        self.ended
            .push(CaseRecord::of(&case.walk, &self.library, ending));
        // The next citizen starts from the whole list, not the last one's search.
        self.picker = Picker::default();
        self.case = self.paused.pop();
        let text = match ending {
            Ending::Finished => self.text.case_ended,
            Ending::Abandoned => self.text.case_abandoned,
        };
        // Back in a case that waited: say which, so "the case is finished" is not misread.
        let text = match &self.case {
            Some(resumed) => format!(
                "{text} {}: {}",
                self.text.back_to_case,
                crate::text::visible_line(&resumed.walk.guide().title)
            ),
            None => text.to_string(),
        };
        self.notice = Some(Notice {
            text,
            is_problem: false,
        });
    }

    /// Every open case (the current one and any paused) is logged as abandoned.
    fn abandon_all(&mut self) {
        while self.case.is_some() {
            self.end_case(Ending::Abandoned);
        }
    }

    /// Called when the program must stop now (signal, closed window).
    pub fn shutdown(&mut self) {
        self.abandon_all();
        self.quit = true;
    }
}

fn choose(case: &mut Case, n: usize) {
    if case.walk.choose(n).is_ok() {
        case.selected = 0;
        case.scroll = 0;
    }
}

fn step_of(action: Action) -> u16 {
    match action {
        Action::PageUp | Action::PageDown => 10,
        _ => 1,
    }
}
