//! Checking guides as one site sees them: with its services, a choice may be hidden, so a step
//! can run out of answers or a guide can lose every outcome. That is an error for that site.
//! And a site file itself: some services are the municipality's to offer, not a volunteer's.

use std::collections::VecDeque;

use super::Site;
use crate::guide::diagnostic::Diagnostic;
use crate::guide::finding::Finding;
use crate::guide::model::{Audience, Library, Node, NodeRef, Outcome};
use crate::guide::parse::SiteParts;
use crate::guide::source::Span;

/// Services that are a municipal act: a volunteer or NGO site may never offer them, whatever
/// its site file says. Taking the declaration of exemption from Digital Post is the
/// municipality's (Borgerservice; a library only where the municipality lets it).
pub const MUNICIPAL_ONLY: &[&str] = &["modtag-fritagelse"];

/// Whether a site of this role may offer this service.
pub fn may_offer(role: Option<Audience>, service: &str) -> bool {
    let volunteer = matches!(role, Some(Audience::Frivillig | Audience::Ngo));
    !(volunteer && MUNICIPAL_ONLY.contains(&service))
}

/// An error for each municipal-only service a volunteer or NGO site file offers, at the place
/// in the file where it is offered.
pub fn check_site_file(parts: &SiteParts) -> Vec<Diagnostic> {
    let Some(role) = &parts.role else {
        return Vec::new();
    };
    parts
        .offers
        .iter()
        .filter(|service| !may_offer(Some(role.value), service))
        .map(|service| {
            Diagnostic::error(
                Finding::ServiceNotForRole {
                    service: service.value.clone(),
                    role: role.value.code().to_string(),
                },
                service.span.clone(),
            )
        })
        .collect()
}

pub fn check_for_site(library: &Library, site: &Site) -> Vec<Diagnostic> {
    let offers = |s: &str| site.offers(s);
    let mut out = Vec::new();
    for guide in &library.guides {
        let Some(NodeRef::Step(start)) = guide.lookup(&guide.start) else {
            continue; // reported by the plain check
        };
        let mut seen = vec![false; guide.steps.len()];
        let mut queue = VecDeque::from([start]);
        seen[start] = true;
        let mut reaches_outcome = false;
        let mut reached: Vec<String> = Vec::new();
        while let Some(i) = queue.pop_front() {
            let step = &guide.steps[i];
            let mut visible = 0;
            for choice in &step.choices {
                if !choice.condition.holds(&offers) {
                    continue;
                }
                match guide.node(&choice.next) {
                    Some(Node::Step(next)) if next.condition.holds(&offers) => {
                        visible += 1;
                        if let Some(NodeRef::Step(j)) = guide.lookup(&choice.next)
                            && !seen[j]
                        {
                            seen[j] = true;
                            queue.push_back(j);
                        }
                    }
                    Some(Node::Outcome(outcome)) if outcome.condition.holds(&offers) => {
                        visible += 1;
                        reaches_outcome = true;
                        if !reached.contains(&outcome.id.value) {
                            reached.push(outcome.id.value.clone());
                            own_desk(library, site, outcome, &mut out);
                        }
                    }
                    _ => {}
                }
            }
            if visible == 0 {
                out.push(Diagnostic::error(
                    Finding::NoChoicesForSite {
                        id: step.id.value.clone(),
                        site: site.id.clone(),
                    },
                    step.id.span.clone(),
                ));
            }
        }
        if !reaches_outcome {
            out.push(Diagnostic::error(
                Finding::NoOutcomeForSite {
                    site: site.id.clone(),
                },
                Span::file_start(guide.file),
            ));
        }
    }
    out
}

/// A referral this site would make to a place of its own kind: a warning, since the app then
/// tells the helper to help here instead, but the guide should not ask it of this desk.
fn own_desk(library: &Library, site: &Site, outcome: &Outcome, out: &mut Vec<Diagnostic>) {
    let Some(role) = site.role else { return };
    for id in &outcome.refer {
        if library.place(id).is_some_and(|p| p.is_desk(Some(role))) {
            out.push(Diagnostic::warning(
                Finding::RefersToOwnDesk {
                    outcome: outcome.id.value.clone(),
                    place: id.to_string(),
                    role: role.code().to_string(),
                },
                outcome.id.span.clone(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_volunteers_and_ngos_are_refused_the_municipal_service() {
        for role in [Audience::Frivillig, Audience::Ngo] {
            assert!(!may_offer(Some(role), "modtag-fritagelse"), "{role:?}");
            assert!(may_offer(Some(role), "mobilepay"), "{role:?}");
        }
        for role in [
            Some(Audience::Borgerservice),
            Some(Audience::Bibliotek),
            None,
        ] {
            assert!(may_offer(role, "modtag-fritagelse"), "{role:?}");
        }
    }
}
