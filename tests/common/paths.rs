//! Paths through a guide: the answer labels that lead to an outcome, as a site sees the guide.

#![allow(dead_code)]

use std::sync::Arc;

use vejviser::guide::Guide;
use vejviser::site::Site;
use vejviser::walk::Walk;

/// The labels of a path through `guide` to `outcome`, as `site` sees the guide (depth-first).
pub fn path_to(guide: &Arc<Guide>, site: &Site, outcome: &str) -> Option<Vec<String>> {
    fn search(walk: &mut Walk, outcome: &str, labels: &mut Vec<String>) -> bool {
        if let Some(o) = walk.outcome() {
            return o.id.value == outcome;
        }
        if labels.len() > 30 {
            return false;
        }
        let choices: Vec<String> = walk
            .choices()
            .iter()
            .map(|c| c.label.value.clone())
            .collect();
        for (i, label) in choices.into_iter().enumerate() {
            if walk.choose(i + 1).is_err() {
                continue;
            }
            labels.push(label);
            if search(walk, outcome, labels) {
                return true;
            }
            labels.pop();
            walk.back();
        }
        false
    }
    let mut walk = Walk::new(Arc::clone(guide), site.clone()).ok()?;
    let mut labels = Vec::new();
    search(&mut walk, outcome, &mut labels).then_some(labels)
}
