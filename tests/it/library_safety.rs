//! Safety net for the shipped guide library (`guides/`).
//!
//! Loads the library exactly as `vejviser check guides` does and proves, beyond what the checker
//! itself proves:
//! 1. the library is clean: no errors and no warnings;
//! 2. every scenario passes, and together the scenarios reach every outcome of every guide;
//! 3. the library is complete enough: at least 20 guides, including the safety-interrupt guide
//!    `pres-og-svindel`;
//! 4. no path leads a helper to use or learn someone else's MitID. Every path from start to an
//!    outcome is enumerated (when/unless ignored, so branches that only some sites see count too),
//!    and on each path:
//!    - (a) if the guide mentions MitID anywhere, `aldrig-andres-mitid` is in force;
//!    - (b) a path ending in a `do` outcome passes a `consent = true` step and has `kig-vaek` in
//!      force at the outcome;
//!    - (c) no step or outcome text on the path contains an instruction to use, learn or keep
//!      someone else's MitID or codes (a deny-list, see `DENIED`);
//! 5. the rules of issue #16 are in force where they apply, on every path of every guide:
//!    - (a) every `do` outcome has `log-ud-paa-faelles-pc` in force at the outcome;
//!    - (b) a path whose texts mention card details or a payment (see `card_hits`) has
//!      `aldrig-kortoplysninger` in force;
//!    - (c) a path whose texts are about setting up or recovering an account that carries a
//!      phone number or an e-mail (MitID, Apple-ID, Google, e-Boks, MobilePay; see
//!      `account_setup_hit`) has `aldrig-egne-kontaktoplysninger` in force.
//!
//!    Both detectors have their own tests of what they catch and what they let through.
//!
//! Tests run with the crate root as working directory, so `guides` is the shipped folder.

use std::collections::BTreeSet;
use std::path::PathBuf;

use vejviser::date::Date;
use vejviser::guide::model::{Choice, Guide, Node, Step};
use vejviser::guide::translation::apply;
use vejviser::guide::{Loaded, OutcomeKind, check, load_paths};
use vejviser::lang::Lang;
use vejviser::present::Show as _;
use vejviser::scenario::run_guide;

const SAFETY_GUIDE: &str = "pres-og-svindel";
const NEVER_OTHERS_MITID: &str = "aldrig-andres-mitid";
const LOOK_AWAY: &str = "kig-vaek";
const MIN_GUIDES: usize = 20;

/// Phrases that would instruct a helper (or a relative) to use, learn or keep someone else's
/// MitID or codes. Matched case-insensitively against every text a helper or citizen reads on a
/// path: step questions, help texts, answer labels, outcome titles, helper texts and handouts.
///
/// Why the list is matched strictly, with no exemption for texts that also say "aldrig"/"ikke":
/// - In Danish the negation of an imperative sits *between* the verb and its object
///   ("Skriv aldrig koden ned", "Gem ikke koden"), and after a modal it sits *before* the infinitive
///   ("må ikke bruge borgerens MitID"). A correctly negated warning therefore never contains the
///   contiguous phrases below, which are all positive imperatives or positive modal constructions.
///   (A negative *subject* negates too – "Ingen må bruge borgerens MitID" – so modal phrases are
///   anchored on a positive subject such as "du" or "den pårørende", or on "gerne".)
/// - An exemption for any text containing "aldrig"/"ikke" would let a real instruction through as
///   soon as the same sentence or handout line negates something else
///   ("Skriv koden ned, så du ikke glemmer den").
///
/// So a hit is always worth a look; if a warning sentence trips it, rephrase the sentence
/// (e.g. "Giv aldrig dine koder til andre") rather than weakening the list.
const DENIED: &[&str] = &[
    // From the issue.
    "borgerens mitid-kode",
    "log på med borgerens",
    "skriv koden ned",
    "gem koden",
    "brug hans mitid",
    "brug hendes mitid",
    "opbevar kodeviseren",
    // Logging in as, or with the MitID of, someone else.
    "log ind med borgerens",
    "log på som borgeren",
    "log ind som borgeren",
    "log på i borgerens navn",
    "brug borgerens mitid",
    "brug din fars mitid",
    "brug din mors mitid",
    "brug deres mitid",
    "godkend for borgeren",
    "godkend på borgerens vegne",
    // Positive modal constructions ("may/can/must use ..."). These are anchored on a positive
    // subject or on "gerne", because a negative subject also negates: "Ingen må bruge borgerens
    // MitID" is a warning, "Du må bruge borgerens MitID" is not.
    "må gerne bruge borgerens",
    "må gerne logge på med borgerens",
    "må gerne kende borgerens",
    "må gerne låne borgerens",
    "du må bruge borgerens",
    "du kan bruge borgerens",
    "du skal bruge borgerens",
    "i må bruge borgerens",
    "i kan bruge borgerens",
    "vi må bruge borgerens",
    "den pårørende må bruge borgerens",
    "den pårørende kan bruge borgerens",
    "hjælperen må bruge borgerens",
    "hjælperen kan bruge borgerens",
    "værgen må bruge borgerens",
    "værgen kan bruge borgerens",
    "du må logge på med borgerens",
    "du må låne borgerens",
    "du må få borgerens kode",
    "du må kende borgerens",
    "du må se borgerens kode",
    // Learning or writing down codes.
    "skriv koderne ned",
    "skriv pin-koden ned",
    "skriv adgangskoden ned",
    "skriv bruger-id'et ned",
    "noter koden",
    "noter koderne",
    "tag et billede af koden",
    "fortæl mig koden",
    "fortæl hjælperen koden",
    "fortæl hjælperen din",
    "giv hjælperen koden",
    "giv hjælperen din kode",
    "sig koden højt",
    "tast borgerens kode",
    "tast borgerens pin",
    "tast borgerens adgangskode",
    "tast koden for borgeren",
    // Keeping codes or devices.
    "gem koderne",
    "gem en kopi",
    "gem kodeviseren",
    "opbevar koderne",
    "opbevar koden",
    "opbevar kodeoplæseren",
    "opbevar borgerens",
    "behold borgerens",
    "hold på borgerens",
    "tag borgerens telefon",
    "tag kodeviseren",
];

fn load() -> Loaded {
    let loaded = load_paths(&[PathBuf::from("guides")]);
    assert!(
        !loaded.library.guides.is_empty(),
        "no guides loaded from ./guides (is the working directory the crate root?)"
    );
    loaded
}

#[test]
fn shipped_library_has_no_diagnostics() {
    let loaded = load();
    let mut diagnostics: Vec<_> = loaded.diagnostics.iter().collect();
    let findings = check(&loaded.library, &loaded.sources, Date::today());
    diagnostics.extend(findings.iter());
    let rendered: Vec<String> = diagnostics
        .iter()
        .map(|d| d.render(&loaded.sources, Lang::En, false))
        .collect();
    assert!(
        rendered.is_empty(),
        "the shipped library must have no errors and no warnings:\n{}",
        rendered.join("\n")
    );
}

#[test]
fn every_scenario_passes_and_every_outcome_is_covered() {
    let loaded = load();
    let mut problems = Vec::new();
    for guide in &loaded.library.guides {
        let run = run_guide(guide);
        if guide.tests.is_empty() {
            problems.push(format!("{}: has no scenarios", guide.id));
        }
        for scenario in &run.runs {
            if let Err(failure) = &scenario.result {
                problems.push(format!(
                    "{}: scenario \"{}\" fails: {}",
                    guide.id,
                    scenario.name,
                    failure.message(Lang::En)
                ));
            }
        }
        for outcome in run.uncovered_outcomes() {
            problems.push(format!(
                "{}: no scenario reaches outcome `{outcome}`",
                guide.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn library_is_complete_enough() {
    let loaded = load();
    let ids: Vec<&str> = loaded
        .library
        .guides
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    assert!(
        ids.len() >= MIN_GUIDES,
        "expected at least {MIN_GUIDES} guides, found {}: {ids:?}",
        ids.len()
    );
    let safety = loaded.library.guide(SAFETY_GUIDE);
    assert!(
        safety.is_some(),
        "the safety-interrupt guide `{SAFETY_GUIDE}` must exist (the app opens it from any screen)"
    );
    if let Some(guide) = safety {
        assert_eq!(
            guide.area, "sikkerhed",
            "`{SAFETY_GUIDE}` must sit in guides/sikkerhed/"
        );
    }
}

/// One walk from the start to an outcome: the steps passed, the choice taken at each, and the
/// outcome reached.
struct Path<'g> {
    steps: Vec<(&'g Step, &'g Choice)>,
    outcome: &'g vejviser::guide::Outcome,
}

impl Path<'_> {
    fn describe(&self) -> String {
        let mut parts: Vec<&str> = self.steps.iter().map(|(s, _)| s.id.as_str()).collect();
        parts.push(self.outcome.id.as_str());
        parts.join(" → ")
    }

    /// Rules in force anywhere on the path: the guide's, every step's, every chosen choice's and
    /// the outcome's.
    fn rules_on_path<'a>(&'a self, guide: &'a Guide) -> BTreeSet<&'a str> {
        let mut rules: BTreeSet<&str> = guide.rules.iter().map(|r| r.as_str()).collect();
        for (step, choice) in &self.steps {
            rules.extend(step.rules.iter().map(|r| r.as_str()));
            rules.extend(choice.rules.iter().map(|r| r.as_str()));
        }
        rules.extend(self.outcome.rules.iter().map(|r| r.as_str()));
        rules
    }

    /// Rules the app shows on the outcome screen: the guide's, the chosen choices' and the
    /// outcome's (a step's own rules are shown only while the helper stands at that step).
    fn rules_at_outcome<'a>(&'a self, guide: &'a Guide) -> BTreeSet<&'a str> {
        let mut rules: BTreeSet<&str> = guide.rules.iter().map(|r| r.as_str()).collect();
        for (_, choice) in &self.steps {
            rules.extend(choice.rules.iter().map(|r| r.as_str()));
        }
        rules.extend(self.outcome.rules.iter().map(|r| r.as_str()));
        rules
    }

    /// Every text read on this path, with where it is, for error messages.
    fn texts(&self) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        for (step, choice) in &self.steps {
            out.push((
                format!("[steps.{}] ask", step.id.as_str()),
                step.ask.as_str(),
            ));
            if let Some(help) = &step.help {
                out.push((format!("[steps.{}] help", step.id.as_str()), help.as_str()));
            }
            out.push((
                format!("[steps.{}] label", step.id.as_str()),
                choice.label.as_str(),
            ));
        }
        let id = self.outcome.id.as_str();
        out.push((
            format!("[outcomes.{id}] title"),
            self.outcome.title.as_str(),
        ));
        out.push((
            format!("[outcomes.{id}] helper"),
            self.outcome.helper.as_str(),
        ));
        for (i, step) in self.outcome.steps.iter().enumerate() {
            out.push((format!("[outcomes.{id}] steps[{i}]"), step.as_str()));
        }
        out
    }
}

/// Every path from the start step to an outcome, ignoring when/unless so that every branch any
/// site could see is included. A step already on the current path is not entered again, so a
/// cycle (which the checker also rejects) cannot make this loop forever.
fn all_paths(guide: &Guide) -> Vec<Path<'_>> {
    fn walk<'g>(
        guide: &'g Guide,
        step: &'g Step,
        trail: &mut Vec<(&'g Step, &'g Choice)>,
        out: &mut Vec<Path<'g>>,
    ) {
        for choice in &step.choices {
            trail.push((step, choice));
            match guide.node(&choice.next) {
                Some(Node::Outcome(outcome)) => out.push(Path {
                    steps: trail.clone(),
                    outcome,
                }),
                Some(Node::Step(next)) => {
                    let seen = trail.iter().any(|(s, _)| s.id.as_str() == next.id.as_str());
                    if !seen {
                        walk(guide, next, trail, out);
                    }
                }
                None => {} // a broken reference; the diagnostics test reports it
            }
            trail.pop();
        }
    }
    let mut out = Vec::new();
    if let Some(start) = guide.step(&guide.start) {
        walk(guide, start, &mut Vec::new(), &mut out);
    }
    out
}

/// Every text of a guide a helper or citizen can read, for "does it mention MitID?".
fn all_guide_text(guide: &Guide) -> String {
    let mut text = vec![guide.title.as_str(), guide.summary.as_str()];
    for step in &guide.steps {
        text.push(step.ask.as_str());
        if let Some(help) = &step.help {
            text.push(help.as_str());
        }
        text.extend(step.choices.iter().map(|c| c.label.as_str()));
    }
    for outcome in &guide.outcomes {
        text.push(outcome.title.as_str());
        text.push(outcome.helper.as_str());
        text.extend(outcome.steps.iter().map(|s| s.as_str()));
    }
    text.join("\n").to_lowercase()
}

#[test]
fn no_path_leads_to_using_someone_elses_mitid() {
    let loaded = load();
    let problems = unsafe_paths(&loaded, &|text| {
        let lower = text.to_lowercase();
        DENIED
            .iter()
            .copied()
            .filter(|p| lower.contains(p))
            .collect()
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The same walk over the library as a helper sees it with `--lang en`: a translator who drops
/// a "never" must not turn a warning into an instruction.
#[test]
fn no_path_leads_to_using_someone_elses_mitid_in_english() {
    let mut loaded = load();
    let applied = apply(&mut loaded.library, Lang::En);
    assert_eq!(applied.stale, 0, "every shipped translation is current");
    let problems = unsafe_paths(&loaded, &|text| denied_en(text));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every text of the shipped guides has its English, so `--lang en` shows no Danish.
#[test]
fn every_shipped_text_has_a_current_english_translation() {
    let danish = load();
    let mut english = load();
    apply(&mut english.library, Lang::En);
    let mut untranslated = Vec::new();
    for (da, en) in danish.library.guides.iter().zip(&english.library.guides) {
        let (da_text, en_text) = (all_guide_text(da), all_guide_text(en));
        for (d, e) in da_text.lines().zip(en_text.lines()) {
            // Words that are the same in both languages (names, "MitID") are fine.
            if d == e && d.split_whitespace().count() > 3 {
                untranslated.push(format!("{}: {d}", da.id));
            }
        }
    }
    for (id, rule) in &english.library.rules {
        if rule.text.value == danish.library.rules[id].text.value {
            untranslated.push(format!("rule {id}"));
        }
    }
    assert!(
        untranslated.is_empty(),
        "still Danish in English:\n{}",
        untranslated.join("\n")
    );
}

/// English instructions to use, learn or keep another's MitID or codes. English puts the
/// negation before the verb ("Never write down the code"), so a phrase is only a hit when no
/// negation comes before it in the same sentence.
const DENIED_EN: &[&str] = &[
    "log in with the citizen's",
    "log on with the citizen's",
    "log in as the citizen",
    "log in on behalf of the citizen",
    "use the citizen's mitid",
    "use his mitid",
    "use her mitid",
    // Not "use their mitid": in English that is also how a citizen uses their own.
    "use your father's mitid",
    "use your mother's mitid",
    "approve for the citizen",
    "approve on the citizen's behalf",
    "write down the code",
    "write the code down",
    "write down the pin",
    "write down the password",
    "write down the user id",
    "take a photo of the code",
    "tell me the code",
    "tell the helper the code",
    "tell the helper your",
    "give the helper the code",
    "give the helper your code",
    "say the code out loud",
    "enter the citizen's code",
    "enter the citizen's pin",
    "enter the citizen's password",
    // "Keep the code display yourself" is advice to the citizen, so keeping is only denied
    // when it is for, or of, someone else.
    "keep the code for",
    "keep the codes for",
    "keep a copy of the code",
    "keep a copy of the citizen's",
    "keep the citizen's",
    "store the code for",
    "store the codes for",
    "store the citizen's",
    "hold on to the citizen's",
    "take the citizen's phone",
];

const NEGATIONS_EN: &[&str] = &[
    "never", "not ", "n't", "no one", "nobody", "no-one", "refuse",
];

/// Words that make the phrase a request someone makes (an answer such as "The relative wants to
/// use the citizen's MitID", which leads to a refusal), not an instruction.
const REQUESTS_EN: &[&str] = &[
    "wants to ",
    "want to ",
    "asks to ",
    "asks you to ",
    "asked to ",
];

fn denied_en(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    let mut hits = Vec::new();
    for sentence in lower.split(['.', '!', '?', ';', ':', '\n']) {
        for phrase in DENIED_EN {
            if let Some(at) = sentence.find(phrase) {
                let before = &sentence[..at];
                let request = REQUESTS_EN.iter().any(|r| before.ends_with(r));
                if !request && !NEGATIONS_EN.iter().any(|n| before.contains(n)) {
                    hits.push(*phrase);
                }
            }
        }
    }
    hits
}

#[test]
fn english_deny_list_catches_instructions_not_warnings() {
    for instruction in [
        "Log in with the citizen's MitID and search for her.",
        "Write down the code so you do not forget it.",
        "Keep the codes for the citizen in the drawer. Never share them.",
        "Use his MitID when he is not here.",
        "You may use the citizen's MitID if she says yes.",
    ] {
        assert!(
            !denied_en(instruction).is_empty(),
            "should be denied: {instruction}"
        );
    }
    for warning in [
        "Never write down the code.",
        "Do not keep the code for others.",
        "Keep the code display yourself. Never give it to anyone else.",
        "Why does the citizen want you to keep the codes?",
        "The relative wants to use the citizen's MitID instead",
        "You must not use the citizen's MitID.",
        "Never look at, listen to or write down the citizen's user ID.",
        "No one may use the citizen's MitID, not even with the citizen's permission.",
        "The relative always uses their own MitID – never the citizen's.",
    ] {
        assert!(
            denied_en(warning).is_empty(),
            "should be allowed: {warning}"
        );
    }
}

/// Every path of every guide: the rules in force and the texts on it, against `denied`.
fn unsafe_paths(loaded: &Loaded, denied: &dyn Fn(&str) -> Vec<&'static str>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut paths_seen = 0;
    for guide in &loaded.library.guides {
        let mentions_mitid = all_guide_text(guide).contains("mitid");
        let paths = all_paths(guide);
        assert!(
            !paths.is_empty(),
            "{}: no path from start to an outcome",
            guide.id
        );
        // The enumeration must see every outcome, or the checks below would miss some.
        let reached: BTreeSet<&str> = paths.iter().map(|p| p.outcome.id.as_str()).collect();
        for outcome in &guide.outcomes {
            if !reached.contains(outcome.id.as_str()) {
                problems.push(format!(
                    "{}: no path reaches `{}`",
                    guide.id,
                    outcome.id.as_str()
                ));
            }
        }
        for path in &paths {
            paths_seen += 1;
            let on_path = path.rules_on_path(guide);
            // (a) MitID guides keep the hard stop in force on every path.
            if mentions_mitid && !on_path.contains(NEVER_OTHERS_MITID) {
                problems.push(format!(
                    "{}: mentions MitID but `{NEVER_OTHERS_MITID}` is not in force on {}",
                    guide.id,
                    path.describe()
                ));
            }
            // (b) Doing it together only after the citizen's consent, and looking away.
            if *path.outcome.kind == OutcomeKind::Do {
                if !path.steps.iter().any(|(step, _)| step.consent) {
                    problems.push(format!(
                        "{}: `do` outcome reached without a consent step: {}",
                        guide.id,
                        path.describe()
                    ));
                }
                if !path.rules_at_outcome(guide).contains(LOOK_AWAY) {
                    problems.push(format!(
                        "{}: `{LOOK_AWAY}` is not in force at the `do` outcome on {}",
                        guide.id,
                        path.describe()
                    ));
                }
            }
            // (c) No text on the path tells anyone to use, learn or keep another's MitID or codes.
            for (place, text) in path.texts() {
                for phrase in denied(text) {
                    problems.push(format!(
                        "{}: {place} contains the denied phrase \"{phrase}\" (on {}): {text}",
                        guide.id,
                        path.describe()
                    ));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(paths_seen > 0, "no paths enumerated");
    problems
}

/// The deny-list itself: it catches instructions and lets properly negated warnings through.
#[test]
fn deny_list_catches_instructions_not_warnings() {
    let hits = |text: &str| {
        let lower = text.to_lowercase();
        DENIED.iter().any(|p| lower.contains(p))
    };
    for instruction in [
        "Log på med borgerens MitID, og søg for hende.",
        "Skriv koden ned, så du ikke glemmer den.",
        "Gem koden i skuffen.",
        "Brug hans MitID, når han ikke er her.",
        "Du må gerne bruge borgerens MitID, hvis hun siger ja.",
        "Opbevar kodeviseren på kontoret.",
    ] {
        assert!(hits(instruction), "should be denied: {instruction}");
    }
    for warning in [
        "Skriv aldrig koden ned.",
        "Gem ikke koden hos andre.",
        "Du må ikke bruge borgerens MitID.",
        "Opbevar selv kodeviseren. Giv den aldrig til andre.",
        "Den pårørende bruger altid sit eget MitID – aldrig borgerens.",
        "Ingen må bruge borgerens MitID, heller ikke med borgerens lov.",
        "Den pårørende må ikke bruge borgerens MitID.",
    ] {
        assert!(!hits(warning), "should be allowed: {warning}");
    }
}

// ------------------------------------------------------------------------------------------
// The rules of issue #16: log out on shared PCs, never card details, never the helper's own
// contact details on a citizen's account. Checked on every path of every guide (when/unless
// ignored, as above).
// ------------------------------------------------------------------------------------------

const LOG_OUT_SHARED_PC: &str = "log-ud-paa-faelles-pc";
const NEVER_CARD_DETAILS: &str = "aldrig-kortoplysninger";
const NEVER_OWN_CONTACT: &str = "aldrig-egne-kontaktoplysninger";

/// The words of a text, lower-cased. A word is a run of letters, digits and hyphens, so a
/// compound such as "e-Boks-appen" or "MobilePay-appen" stays one word (and "kodekort" never
/// looks like "kort").
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Words that start a compound about card details or a card payment. Matched as the *start* of
/// a word, so "betalingskortet" and "kortnummeret" count, while "kodekort", "sundhedskort",
/// "kørekort", "opholdskort" and "Udbetaling" (Danmark) do not: they only end in or contain
/// these words.
const CARD_PREFIXES: &[&str] = &[
    "betalingskort",
    "betalingsmåde",
    "betalingsmetode",
    "kortnummer",
    "kortnumre",
    "kortoplysning",
    "kortdata",
    "kreditkort",
    "debetkort",
    "dankort",
    "visakort",
    "mastercard",
];

/// Whole words about card details or a payment. "betaling" is matched only as a whole word
/// ("en betaling", "betalinger"), not as the start of "Betalingsservice" (direct debit, no card
/// details) or the end of "Udbetaling". The bare word "kort" is deliberately left out: in
/// Danish it also means "short", and in the guides it mostly stands for the health card, the
/// driving licence or a key card. "Visa" is left out too: it is also the residence visa.
const CARD_WORDS: &[&str] = &[
    "betaling",
    "betalingen",
    "betalinger",
    "betalingerne",
    "cvc",
    "cvv",
    "kontrolcifre",
];

/// Two-word names of card wallets.
const CARD_PAIRS: &[(&str, &str)] = &[("apple", "pay"), ("google", "pay")];

/// Services where the citizen pays with a card (word starts, so "MobilePay-appen" and
/// "rejsekortet" count). These count only where a path *lands* on the service – in the
/// outcome's texts or the guide's own title and summary – not in a routing question that merely
/// lists them ("Private firmaer: MobilePay, Rejsekort, bank"), which leads elsewhere.
const CARD_SERVICES: &[&str] = &["mobilepay", "rejsekort"];

/// The card words found in a text (empty: the text is not about a card or a payment).
/// `services` says whether the payment services of [`CARD_SERVICES`] count in this text.
fn card_hits(text: &str, services: bool) -> Vec<String> {
    let words = words(text);
    let mut hits = Vec::new();
    for word in &words {
        let service = services && CARD_SERVICES.iter().any(|p| word.starts_with(p));
        if service
            || CARD_WORDS.contains(&word.as_str())
            || CARD_PREFIXES.iter().any(|p| word.starts_with(p))
        {
            hits.push(word.clone());
        }
    }
    for pair in words.windows(2) {
        if CARD_PAIRS.contains(&(pair[0].as_str(), pair[1].as_str())) {
            hits.push(format!("{} {}", pair[0], pair[1]));
        }
    }
    hits
}

/// Accounts that carry a phone number or an e-mail for codes and recovery. A word names such an
/// account when it contains one of these (so "MitID-appen" and "e-Boks-appen" count), or when it
/// and the next word are "Apple ID" / "Google konto".
const CONTACT_ACCOUNTS: &[&str] = &[
    "mitid",
    "apple-id",
    "icloud",
    "google-konto",
    "gmail",
    "e-boks",
    "eboks",
    "mobilepay",
];

fn is_account(words: &[String], i: usize) -> bool {
    let Some(word) = words.get(i) else {
        return false;
    };
    let next = words.get(i + 1).map(String::as_str).unwrap_or("");
    CONTACT_ACCOUNTS.iter().any(|a| word.contains(a))
        || (word == "apple" && next == "id")
        || (word == "google" && next.starts_with("konto"))
}

fn account_in(words: &[String], from: usize, to: usize) -> bool {
    (from..to.min(words.len())).any(|i| is_account(words, i))
}

/// Verbs of setting up or recovering, matched as word starts: "opret" (oprette, oprettelse),
/// "gendan", "nulstil", "aktiver"/"genaktiv" (aktivere, aktiveringskode, genaktivere), and
/// "hent" (hente the app). They count when an account follows within four words ("Hent
/// e-Boks-appen", "oprette et Apple-ID", "en aktiveringskode til MitID"), so "Hent appen »Min
/// Læge«, og log på med dit MitID" is not a hit.
const SETUP_VERBS: &[&str] = &[
    "opret", "gendan", "nulstil", "aktiver", "aktivér", "genaktiv", "hent",
];

/// Forms of the separable verb "sætte ... op": a hit when an account sits between the verb and
/// "op" ("Sæt MobilePay op", "sætte e-Boks-appen op").
const SET_VERBS: &[&str] = &["sæt", "sætte", "sætter", "sat"];

/// Words that, anywhere in a sentence that names an account, mean it is being recovered or
/// given contact details: "glemt" (koden), "mistet" (telefonen), "telefonnummer".
const RECOVERY_WORDS: &[&str] = &[
    "glemt",
    "mistet",
    "telefonnummer",
    "telefonnummeret",
    "mobilnummer",
];

/// Whether a text is about setting up or recovering an account that carries a phone number or
/// an e-mail (MitID, Apple-ID, Google, e-Boks, MobilePay): some sentence of it names such an
/// account *and*
/// - a setting-up verb is followed by the account (see [`SETUP_VERBS`], [`SET_VERBS`]), or
/// - "få/får" is directly followed by the account ("få MitID"), not after "ikke", "uden" or
///   "svært" (a citizen who *cannot* get MitID is not getting it) or "guiden" ("se guiden om at
///   få MitID" points elsewhere), or
/// - "kom/komme i gang" is followed by "med" and the account, or "ny/nye telefon" is said, or
/// - a recovery word of [`RECOVERY_WORDS`] is in the sentence, or
/// - the sentence mentions a temporary PIN code ("midlertidig PIN-kode", always MitID).
///
/// Merely using an account ("log på med dit eget MitID") is not a hit. Returns the sentence that
/// matched.
fn account_setup_hit(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for sentence in lower.split(['.', '!', '?', ';', '\n']) {
        let w = words(sentence);
        let temporary_pin = w
            .windows(2)
            .any(|p| p[0].starts_with("midlertidig") && p[1].starts_with("pin"));
        if temporary_pin {
            return Some(sentence.trim().to_owned());
        }
        if !account_in(&w, 0, w.len()) {
            continue;
        }
        let mut hit = false;
        for (i, word) in w.iter().enumerate() {
            let verb = SETUP_VERBS.iter().any(|v| word.starts_with(v));
            if verb && account_in(&w, i + 1, i + 5) {
                hit = true;
            }
            if SET_VERBS.contains(&word.as_str())
                && let Some(op) = (i + 1..(i + 7).min(w.len())).find(|&j| w[j] == "op")
                && account_in(&w, i + 1, op)
            {
                hit = true;
            }
            if (word == "få" || word == "får") && is_account(&w, i + 1) {
                let before = &w[i.saturating_sub(3)..i];
                let blockers = ["ikke", "uden", "svært", "guiden"];
                if !before.iter().any(|b| blockers.contains(&b.as_str())) {
                    hit = true;
                }
            }
            if (word == "kom" || word == "komme")
                && w.get(i + 1).is_some_and(|x| x == "i")
                && w.get(i + 2).is_some_and(|x| x == "gang")
                && w.get(i + 3).is_some_and(|x| x == "med")
                && is_account(&w, i + 4)
            {
                hit = true;
            }
            if (word == "ny" || word == "nye")
                && w.get(i + 1).is_some_and(|x| x.starts_with("telefon"))
            {
                hit = true;
            }
            if RECOVERY_WORDS.contains(&word.as_str()) {
                hit = true;
            }
        }
        if hit {
            return Some(sentence.trim().to_owned());
        }
    }
    None
}

/// The texts that frame a path: the guide's title and summary (shown on every path), then the
/// path's own steps, answers and outcome. The flag says whether the text is where the path
/// lands (guide title and summary, the outcome) rather than a step on the way.
fn framed_texts<'a>(guide: &'a Guide, path: &'a Path<'a>) -> Vec<(String, &'a str, bool)> {
    let mut texts = vec![
        ("[guide] title".to_owned(), guide.title.as_str(), true),
        ("[guide] summary".to_owned(), guide.summary.as_str(), true),
    ];
    let outcome = format!("[outcomes.{}]", path.outcome.id.as_str());
    texts.extend(path.texts().into_iter().map(|(place, text)| {
        let lands = place.starts_with(&outcome);
        (place, text, lands)
    }));
    texts
}

/// (a) Every `do` outcome shows the shared-PC rule: the helper and the citizen sit at the same
/// screen, often a shared one.
#[test]
fn every_do_outcome_has_log_out_on_shared_pc() {
    let loaded = load();
    let mut problems = Vec::new();
    for guide in &loaded.library.guides {
        for path in all_paths(guide) {
            if *path.outcome.kind == OutcomeKind::Do
                && !path.rules_at_outcome(guide).contains(LOG_OUT_SHARED_PC)
            {
                problems.push(format!(
                    "{} ({}): `{LOG_OUT_SHARED_PC}` is not in force at the `do` outcome `{}` on {}",
                    guide.id,
                    guide_file(guide),
                    path.outcome.id.as_str(),
                    path.describe()
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// (b) Wherever a path talks about a payment card or a payment, the card rule is in force.
#[test]
fn card_rule_in_force_wherever_a_card_or_payment_comes_up() {
    let loaded = load();
    let mut problems = Vec::new();
    for guide in &loaded.library.guides {
        for path in all_paths(guide) {
            let hits: Vec<(String, Vec<String>)> = framed_texts(guide, &path)
                .into_iter()
                .map(|(place, text, lands)| (place, card_hits(text, lands)))
                .filter(|(_, hits)| !hits.is_empty())
                .collect();
            if !hits.is_empty() && !path.rules_on_path(guide).contains(NEVER_CARD_DETAILS) {
                let (place, words) = &hits[0];
                problems.push(format!(
                    "{} ({}): `{NEVER_CARD_DETAILS}` is not in force on {} (outcome `{}`), \
                     but {place} mentions {words:?}",
                    guide.id,
                    guide_file(guide),
                    path.describe(),
                    path.outcome.id.as_str()
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// (c) Wherever a path is about setting up or recovering an account that carries a phone
/// number or an e-mail, the rule against the helper's own contact details is in force.
#[test]
fn own_contact_rule_in_force_wherever_an_account_is_set_up_or_recovered() {
    let loaded = load();
    let mut problems = Vec::new();
    for guide in &loaded.library.guides {
        for path in all_paths(guide) {
            let hit = framed_texts(guide, &path)
                .into_iter()
                .find_map(|(place, text, _)| account_setup_hit(text).map(|s| (place, s)));
            if let Some((place, sentence)) = hit
                && !path.rules_on_path(guide).contains(NEVER_OWN_CONTACT)
            {
                problems.push(format!(
                    "{} ({}): `{NEVER_OWN_CONTACT}` is not in force on {} (outcome `{}`), \
                         but {place} is about setting up or recovering an account: \"{sentence}\"",
                    guide.id,
                    guide_file(guide),
                    path.describe(),
                    path.outcome.id.as_str()
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Where a guide lives, for the error messages: `guides/<area>/<id>.toml`.
fn guide_file(guide: &Guide) -> String {
    format!("guides/{}/{}.toml", guide.area, guide.id)
}

/// The card detector: payment cards and payments, not code cards, health cards, driving
/// licences or Udbetaling Danmark; payment services only where a path lands on them.
#[test]
fn card_detector_finds_cards_and_payments_only() {
    for text in [
        "Tast selv dit kortnummer.",
        "Betal med et betalingskort.",
        "Vælg en betalingsmåde i appen.",
        "Skriv aldrig CVC ned.",
        "Problemer med en betaling, der er gået galt.",
        "Du kan også betale med Apple Pay.",
        "Dankortet er spærret.",
    ] {
        assert!(
            !card_hits(text, false).is_empty(),
            "should be a card text: {text}"
        );
    }
    for text in ["Sæt MobilePay op.", "Bestil et rejsekort."] {
        assert!(
            !card_hits(text, true).is_empty(),
            "should be a card text: {text}"
        );
        assert!(
            card_hits(text, false).is_empty(),
            "a service named on the way is not a card text: {text}"
        );
    }
    for text in [
        "Tag dit kodekort med.",
        "Du får et nyt sundhedskort med posten.",
        "Tag pas eller kørekort med.",
        "Udbetaling Danmark sender et brev.",
        "Aftaler i Betalingsservice hører til banken.",
        "Skriv en kort besked til lægen.",
        "Mangler kortet, så spørg Borgerservice.",
        "Har du et visa eller en opholdstilladelse?",
    ] {
        assert!(
            card_hits(text, true).is_empty(),
            "should not be a card text: {text}"
        );
    }
}

/// The account detector: an account with contact details *and* setting it up or recovering it,
/// in the same sentence.
#[test]
fn account_detector_needs_an_account_and_a_setup_in_one_sentence() {
    for text in [
        "Sæt MobilePay op sammen med borgeren.",
        "Hent og sætte e-Boks-appen op.",
        "Hent e-Boks-appen på din telefon.",
        "MobilePay: kom i gang, eller flyt appen til en ny telefon.",
        "Borgeren vil oprette et Apple-ID eller en Google-konto.",
        "Har du glemt koden, eller er MitID spærret, så kontakt MitID Support.",
        "Borgeren skal få MitID i Borgerservice.",
        "Indtast borgerens telefonnummer i MitID-appen.",
        "Få en aktiveringskode til MitID.",
        "Du får en midlertidig PIN-kode på SMS.",
    ] {
        assert!(
            account_setup_hit(text).is_some(),
            "should be an account set-up text: {text}"
        );
    }
    for text in [
        "Log på med dit eget MitID.",
        "Hent blanketten på borger.dk.",
        "Hent appen »Min Læge« i App Store, og log på med dit eget MitID første gang.",
        "Du har glemt din taske. Log på med MitID.",
        "Opret en aftale i Betalingsservice.",
        "Læs din post i e-Boks.",
        "Find det sted, der passer, og kom i gang med eget MitID.",
        "Myndigheden skal tilbyde en anden vej, hvis borgeren ikke kan få MitID.",
        "Fritagelse kan gælde, hvis borgeren har svært ved at få MitID.",
        "Vil borgeren have MitID, så brug guiden om at få MitID.",
    ] {
        assert!(
            account_setup_hit(text).is_none(),
            "should not be an account set-up text: {text}"
        );
    }
}
