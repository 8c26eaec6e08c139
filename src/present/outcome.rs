//! An outcome as the helper sees it, in the order both front ends show it: the kind and title,
//! a row per place to refer to with its phone (so it is on the first screen), what to do now,
//! the places' details, the steps for the citizen (or relative), and links to other guides.
//! What the helper needs first comes first.

use crate::guide::model::{Addressee, Audience, Guide, Library, Outcome, OutcomeKind, Text};
use crate::lang::Lang;

/// One outcome, ready to draw. Every text is the guide's own (already translated, if the
/// library was); labels come from the front end's words.
#[derive(Clone, Debug)]
pub struct OutcomeView<'a> {
    pub kind: OutcomeKind,
    pub title: &'a Text,
    /// What the helper does now.
    pub helper: &'a Text,
    /// The places to refer to, in the guide's order.
    pub places: Vec<PlaceView<'a>>,
    /// Whom the steps speak to, for their heading.
    pub addressee: Addressee,
    pub steps: &'a [Text],
    /// The other guides this outcome links to that exist in the library, in the guide's order.
    pub see: Vec<&'a Guide>,
}

/// A place to refer to, with what the helper says or hands over about it.
#[derive(Clone, Debug)]
pub struct PlaceView<'a> {
    pub name: &'a Text,
    pub phone: Option<&'a Text>,
    /// This desk is itself such a place: it helps the citizen here instead of sending them on.
    pub own_desk: bool,
    /// Labelled contact lines (phone, web, hours), in the order they are shown.
    pub contact: Vec<(&'static str, &'a Text)>,
    pub note: Option<&'a Text>,
    /// When the details were last checked (`2026-11-23`).
    pub checked: Option<String>,
}

impl<'a> OutcomeView<'a> {
    /// The view of `outcome` at a desk of `role`. Places and linked guides the library does not
    /// hold are left out (`check` reports them).
    pub fn new(
        outcome: &'a Outcome,
        library: &'a Library,
        role: Option<Audience>,
        lang: Lang,
    ) -> Self {
        let places = (outcome.refer.iter())
            .filter_map(|id| library.place(id))
            .map(|place| PlaceView {
                name: &place.name,
                phone: place.phone.as_ref(),
                own_desk: place.is_desk(role),
                contact: place.contact(lang),
                note: place.note.as_ref(),
                checked: place.checked.as_ref().map(|d| d.value.to_string()),
            })
            .collect();
        let see = (outcome.see.iter())
            .filter_map(|id| library.guide(id))
            .map(|guide| &**guide)
            .collect();
        OutcomeView {
            kind: *outcome.kind,
            title: &outcome.title,
            helper: &outcome.helper,
            places,
            addressee: outcome.addressee,
            steps: &outcome.steps,
            see,
        }
    }
}

impl PlaceView<'_> {
    /// The one-row summary under the title: "name – phone".
    pub fn summary(&self) -> String {
        match self.phone {
            Some(phone) => format!("{} – {}", self.name.value, phone.value),
            None => self.name.value.clone(),
        }
    }
}

/// The words around an outcome, the same in every front end.
#[derive(Debug)]
pub struct Words {
    /// The heading of what the helper does now.
    pub do_now: &'static str,
    /// Before each place in the summary under the title.
    pub refer_to: &'static str,
    /// The heading of the places' details.
    pub place_details: &'static str,
    /// Before the date a place's details were checked.
    pub checked: &'static str,
}

impl Words {
    pub fn of(lang: Lang) -> &'static Words {
        const DA: Words = Words {
            do_now: "Det gør du nu",
            refer_to: "Henvis til",
            place_details: "Kontakt og åbningstider",
            checked: "tjekket",
        };
        const EN: Words = Words {
            do_now: "What you do now",
            refer_to: "Refer to",
            place_details: "Contact and opening hours",
            checked: "checked",
        };
        match lang {
            Lang::Da => &DA,
            Lang::En => &EN,
        }
    }
}
