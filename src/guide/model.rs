//! The guide library as the rest of the program sees it: guides, shared rules, places, services.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use super::source::{ContentHash, FileId, Sp};
use crate::privacy::may_hold_a_hit;

/// The newest guide format this version reads.
pub const FORMAT_VERSION: i64 = 1;

pub use super::source::Text;

/// Everything loaded from one or more guide folders.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub guides: Vec<Arc<Guide>>,
    pub rules: BTreeMap<String, Rule>,
    pub places: BTreeMap<String, Place>,
    pub services: BTreeMap<String, Service>,
    /// Display titles of the area folders (`ansoegninger` → "Ansøgninger").
    pub areas: BTreeMap<String, Area>,
    /// Translations of guide text, in every language found; applied by `translation::apply`.
    pub translations: Vec<super::translated::Translation>,
    /// Ids of guides that sit in the same guides folder but were not loaded, because only part
    /// of the folder was given (`check guides/mitid`): a `see` may name them.
    pub unloaded_guides: std::collections::BTreeSet<String>,
}

impl Library {
    /// The services in the order `services.toml` lists them.
    pub fn services_in_order(&self) -> Vec<&Service> {
        let mut services: Vec<&Service> = self.services.values().collect();
        services.sort_by_key(|s| (s.id.span.file, s.id.span.start));
        services
    }

    pub fn guide(&self, id: &str) -> Option<&Arc<Guide>> {
        self.guides.iter().find(|g| g.id == id)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.get(id)
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.get(id)
    }

    /// The title of an area folder, or the folder name when no title is given.
    pub fn area_title<'a>(&'a self, area: &'a str) -> &'a str {
        self.areas.get(area).map_or(area, |a| a.title.as_str())
    }
}

/// A guide: what its file says, plus an index from ids to its steps and outcomes. The fields
/// are those of [`GuideParts`], reached through `Deref`.
#[derive(Clone, Debug)]
pub struct Guide {
    parts: GuideParts,
    index: HashMap<String, NodeRef, BuildHasherDefault<IdHasher>>,
    /// See [`Guide::may_hold_personal_data`].
    may_hold_personal_data: bool,
}

impl std::ops::Deref for Guide {
    type Target = GuideParts;
    fn deref(&self) -> &GuideParts {
        &self.parts
    }
}

/// A fast hasher for the id index (FxHash-like, with a final mix). The ids are short and come
/// from the guide's own file, so SipHash's defence against crafted collisions buys nothing
/// here, and it was about a tenth of `check`, which looks up every `next` and every start.
#[derive(Default)]
struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let (words, tail) = bytes.as_chunks::<8>();
        for word in words {
            self.add(u64::from_le_bytes(*word));
        }
        let mut last = [0u8; 8];
        last[..tail.len()].copy_from_slice(tail);
        self.add(u64::from_le_bytes(last));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        // The map takes its bucket from the low bits and a tag from the top ones: mix both.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }
}

/// Where an id points inside a guide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeRef {
    Step(usize),
    Outcome(usize),
}

/// A borrowed step or outcome.
#[derive(Clone, Copy, Debug)]
pub enum Node<'g> {
    Step(&'g Step),
    Outcome(&'g Outcome),
}

/// Everything a guide file says, as read.
#[derive(Clone, Debug)]
pub struct GuideParts {
    pub id: String,
    /// The folder the guide sits in, e.g. `mitid`.
    pub area: String,
    pub file: FileId,
    /// Short hash of the guide file's text (line endings normalised), to tell versions apart.
    /// Computed on first use.
    pub hash: ContentHash,
    pub title: Text,
    pub summary: Text,
    pub tags: Vec<Text>,
    pub synonyms: Vec<Text>,
    pub audience: Vec<Sp<Audience>>,
    pub start: Text,
    pub rules: Vec<Text>,
    pub reviewed: Option<Sp<Date>>,
    pub sources: Vec<Text>,
    pub steps: Vec<Step>,
    pub outcomes: Vec<Outcome>,
    pub tests: Vec<Scenario>,
}

impl GuideParts {
    /// Every text of the guide besides its id: what the privacy lint reads.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        let guide = self;
        let steps = guide.steps.iter().flat_map(|step| {
            [&step.id, &step.ask]
                .into_iter()
                .chain(&step.help)
                .chain(step.choices.iter().map(|c| &c.label))
        });
        let outcomes = guide.outcomes.iter().flat_map(|outcome| {
            [&outcome.id, &outcome.title, &outcome.helper]
                .into_iter()
                .chain(&outcome.steps)
        });
        [&guide.title, &guide.summary]
            .into_iter()
            .chain(&guide.tags)
            .chain(&guide.synonyms)
            .chain(&guide.sources)
            .chain(steps)
            .chain(outcomes)
            .chain(guide.tests.iter().map(|t| &t.name))
    }
}

impl Guide {
    pub fn new(parts: GuideParts) -> Self {
        let mut index = HashMap::with_capacity_and_hasher(
            parts.steps.len() + parts.outcomes.len(),
            BuildHasherDefault::default(),
        );
        // First definition wins; duplicates are reported by the checker.
        for (i, outcome) in parts.outcomes.iter().enumerate().rev() {
            index.insert(outcome.id.value.clone(), NodeRef::Outcome(i));
        }
        for (i, step) in parts.steps.iter().enumerate().rev() {
            index.insert(step.id.value.clone(), NodeRef::Step(i));
        }
        // Read the texts for the privacy lint now, while they are still in the CPU cache from
        // parsing: on a large library, `check` reading them again is mostly waiting for memory.
        let may_hold_personal_data = may_hold_a_hit(parts.id.as_bytes())
            || parts.texts().any(|text| may_hold_a_hit(text.as_bytes()));
        Guide {
            parts,
            index,
            may_hold_personal_data,
        }
    }

    /// False when no text the privacy lint reads can hold anything it looks for (no `@`,
    /// fewer than eight digits), so the lint can skip this guide.
    pub fn may_hold_personal_data(&self) -> bool {
        self.may_hold_personal_data
    }

    /// The guide's texts, to put a translation in place. Ids must not be changed through this:
    /// the index would no longer match.
    pub fn texts_mut(&mut self) -> &mut GuideParts {
        &mut self.parts
    }

    pub fn lookup(&self, id: &str) -> Option<NodeRef> {
        self.index.get(id).copied()
    }

    pub fn node(&self, id: &str) -> Option<Node<'_>> {
        Some(match self.lookup(id)? {
            NodeRef::Step(i) => Node::Step(&self.steps[i]),
            NodeRef::Outcome(i) => Node::Outcome(&self.outcomes[i]),
        })
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        match self.lookup(id)? {
            NodeRef::Step(i) => self.steps.get(i),
            NodeRef::Outcome(_) => None,
        }
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        match self.lookup(id)? {
            NodeRef::Outcome(i) => self.outcomes.get(i),
            NodeRef::Step(_) => None,
        }
    }
}

/// Who a guide is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Borgerservice,
    Bibliotek,
    Frivillig,
    Ngo,
}

impl Audience {
    pub const NAMES: [&'static str; 4] = ["borgerservice", "bibliotek", "frivillig", "ngo"];

    /// The name written in guide and site files (`role = "bibliotek"`).
    pub fn code(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "borgerservice" => Audience::Borgerservice,
            "bibliotek" => Audience::Bibliotek,
            "frivillig" => Audience::Frivillig,
            "ngo" => Audience::Ngo,
            _ => return None,
        })
    }
}

/// Show-conditions that make one national guide serve sites that practise differently.
#[derive(Clone, Debug, Default)]
pub struct Condition {
    /// Shown only where the site offers this service.
    pub when: Option<Text>,
    /// Shown only where the site does not offer this service.
    pub unless: Option<Text>,
}

impl Condition {
    pub fn holds(&self, offers: &dyn Fn(&str) -> bool) -> bool {
        self.when.as_ref().is_none_or(|s| offers(s))
            && self.unless.as_ref().is_none_or(|s| !offers(s))
    }

    pub fn services(&self) -> impl Iterator<Item = &Text> {
        self.when.iter().chain(self.unless.iter())
    }
}

#[derive(Clone, Debug)]
pub struct Step {
    pub id: Text,
    pub ask: Text,
    pub help: Option<Text>,
    pub consent: bool,
    pub rules: Vec<Text>,
    pub condition: Condition,
    pub choices: Vec<Choice>,
    /// Other guides to read alongside this step (`see = ["<guide-id>", …]`), in order.
    pub see: Vec<Text>,
}

#[derive(Clone, Debug)]
pub struct Choice {
    pub label: Text,
    pub next: Text,
    pub rules: Vec<Text>,
    pub condition: Condition,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutcomeKind {
    /// Guide the citizen to do it themselves.
    Guide,
    /// Do it together with the citizen.
    Do,
    /// Refer the citizen to someone else.
    Refer,
    /// The helper must not do what is asked.
    Refuse,
}

impl OutcomeKind {
    pub const NAMES: [&'static str; 4] = ["guide", "do", "refer", "refuse"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "guide" => OutcomeKind::Guide,
            "do" => OutcomeKind::Do,
            "refer" => OutcomeKind::Refer,
            "refuse" => OutcomeKind::Refuse,
            _ => return None,
        })
    }

    /// The identifier used in files and the log.
    pub fn code(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// What the helper sees: the badge on the outcome screen, in line mode and in the docs.
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            OutcomeKind::Guide => lang.pick("VEJLED", "GUIDE"),
            OutcomeKind::Do => lang.pick("GØR DET SAMMEN MED BORGEREN", "DO IT WITH THE CITIZEN"),
            OutcomeKind::Refer => lang.pick("HENVIS", "REFER"),
            OutcomeKind::Refuse => lang.pick("MÅ IKKE", "MUST NOT"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Outcome {
    pub id: Text,
    pub kind: Sp<OutcomeKind>,
    pub title: Text,
    /// What the helper does now.
    pub helper: Text,
    /// The citizen's own steps: the handout.
    pub steps: Vec<Text>,
    /// Where to refer the citizen: places from places.toml, in the order to try them.
    pub refer: Vec<Text>,
    pub rules: Vec<Text>,
    pub condition: Condition,
    /// Other guides to read alongside this outcome (`see = ["<guide-id>", …]`), in order.
    pub see: Vec<Text>,
    /// Whom the handout speaks to (`for = "citizen" | "relative"`).
    pub addressee: Addressee,
}

/// Whom an outcome's handout is written to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Addressee {
    /// The citizen themselves (the default).
    #[default]
    Citizen,
    /// A relative helping the citizen.
    Relative,
}

impl Addressee {
    pub const NAMES: [&'static str; 2] = ["citizen", "relative"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "citizen" => Addressee::Citizen,
            "relative" => Addressee::Relative,
            _ => return None,
        })
    }

    /// The identifier used in files.
    pub fn code(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The heading over the handout's steps, where the helper sees them (app and line mode).
    pub fn steps_label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Addressee::Citizen => lang.pick("Borgerens egne trin", "The citizen's own steps"),
            Addressee::Relative => lang.pick(
                "Den pårørendes egne trin (udskriften er til den pårørende)",
                "The relative's own steps (the handout is for the relative)",
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    MustNot,
    Must,
    May,
}

impl RuleKind {
    pub const NAMES: [&'static str; 3] = ["must_not", "must", "may"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "must_not" => RuleKind::MustNot,
            "must" => RuleKind::Must,
            "may" => RuleKind::May,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// What the helper sees before a rule's text, in words so it reads without colour.
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            RuleKind::MustNot => lang.pick("MÅ IKKE", "MUST NOT"),
            RuleKind::Must => lang.pick("SKAL", "MUST"),
            RuleKind::May => lang.pick("MÅ", "MAY"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: Text,
    pub kind: Sp<RuleKind>,
    pub text: Text,
    pub why: Text,
    pub source: Text,
    /// The guide that defined it, for rules written inside a guide file.
    pub owner: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Place {
    pub id: Text,
    pub name: Text,
    pub phone: Option<Text>,
    pub web: Option<Text>,
    pub hours: Option<Text>,
    pub note: Option<Text>,
    pub checked: Option<Sp<Date>>,
    /// The kinds of desk this place is (`desk = ["borgerservice"]`): a desk of that kind is
    /// never simply sent there, it is told to help here instead.
    pub desk: Vec<Sp<Audience>>,
}

#[derive(Clone, Debug)]
pub struct Area {
    pub id: Text,
    pub title: Text,
}

impl Place {
    /// Whether a desk of `role` would be referring the citizen to its own kind of place.
    pub fn is_desk(&self, role: Option<Audience>) -> bool {
        role.is_some_and(|role| self.desk.iter().any(|d| d.value == role))
    }

    /// The contact details that are given, each with its label, in the order they are shown.
    pub fn contact(&self, lang: crate::lang::Lang) -> Vec<(&'static str, &Text)> {
        [
            (lang.pick("Telefon", "Phone"), &self.phone),
            (lang.pick("Web", "Web"), &self.web),
            (lang.pick("Åbent", "Hours"), &self.hours),
        ]
        .into_iter()
        .filter_map(|(label, value)| Some((label, value.as_ref()?)))
        .collect()
    }
}

#[derive(Clone, Debug)]
pub struct Service {
    pub id: Text,
    pub text: Text,
}

/// A scenario test written inside a guide file.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub name: Text,
    pub answers: Vec<Text>,
    pub expect: Text,
    pub offers: Vec<Text>,
    /// Span of the whole `[[tests]]` entry.
    pub span: super::source::Span,
}

pub use crate::date::Date;
