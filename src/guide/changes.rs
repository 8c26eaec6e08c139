//! What changed in a guide since a site last used it, told in terms a helper understands:
//! questions and outcomes added or removed, rules changed, texts reworded. Built from a small
//! fingerprint of identifiers that is stored next to the case log.

use super::model::Guide;

/// The parts of a guide that a change alert talks about. Identifiers only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint {
    pub hash: String,
    pub steps: Vec<String>,
    pub outcomes: Vec<String>,
    pub rules: Vec<String>,
}

impl Fingerprint {
    pub fn of(guide: &Guide) -> Self {
        let mut rules: Vec<String> = guide.rules.iter().map(|r| r.value.clone()).collect();
        for step in &guide.steps {
            rules.extend(step.rules.iter().map(|r| r.value.clone()));
            for choice in &step.choices {
                rules.extend(choice.rules.iter().map(|r| r.value.clone()));
            }
        }
        for outcome in &guide.outcomes {
            rules.extend(outcome.rules.iter().map(|r| r.value.clone()));
        }
        rules.sort();
        rules.dedup();
        Fingerprint {
            hash: guide.hash.to_string(),
            steps: guide.steps.iter().map(|s| s.id.value.clone()).collect(),
            outcomes: guide.outcomes.iter().map(|o| o.id.value.clone()).collect(),
            rules,
        }
    }
}

/// The difference between two fingerprints of one guide.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub steps_added: Vec<String>,
    pub steps_removed: Vec<String>,
    pub outcomes_added: Vec<String>,
    pub outcomes_removed: Vec<String>,
    pub rules_added: Vec<String>,
    pub rules_removed: Vec<String>,
    /// Nothing above changed, so the change is in texts, answers or their order.
    pub reworded: bool,
}

fn added(old: &[String], new: &[String]) -> Vec<String> {
    new.iter().filter(|x| !old.contains(x)).cloned().collect()
}

impl Changes {
    /// `None` when the guide is the same as before.
    pub fn between(old: &Fingerprint, new: &Fingerprint) -> Option<Self> {
        if old.hash == new.hash {
            return None;
        }
        let mut changes = Changes {
            steps_added: added(&old.steps, &new.steps),
            steps_removed: added(&new.steps, &old.steps),
            outcomes_added: added(&old.outcomes, &new.outcomes),
            outcomes_removed: added(&new.outcomes, &old.outcomes),
            rules_added: added(&old.rules, &new.rules),
            rules_removed: added(&new.rules, &old.rules),
            reworded: false,
        };
        changes.reworded = changes == Changes::default();
        Some(changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(hash: &str, steps: &[&str], rules: &[&str]) -> Fingerprint {
        Fingerprint {
            hash: hash.to_string(),
            steps: steps.iter().map(|s| s.to_string()).collect(),
            outcomes: vec!["ud".to_string()],
            rules: rules.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn the_same_hash_is_no_change() {
        let a = print("1", &["a"], &[]);
        assert_eq!(Changes::between(&a, &a.clone()), None);
    }

    #[test]
    fn added_and_removed_steps_and_rules_are_listed() {
        let old = print("1", &["a", "b"], &["r1"]);
        let new = print("2", &["a", "c"], &["r1", "r2"]);
        let c = Changes::between(&old, &new).unwrap();
        assert_eq!(c.steps_added, ["c"]);
        assert_eq!(c.steps_removed, ["b"]);
        assert_eq!(c.rules_added, ["r2"]);
        assert!(c.rules_removed.is_empty());
        assert!(!c.reworded);
    }

    #[test]
    fn a_new_hash_with_the_same_parts_is_a_rewording() {
        let c = Changes::between(&print("1", &["a"], &[]), &print("2", &["a"], &[])).unwrap();
        assert!(c.reworded);
    }
}
