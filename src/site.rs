//! The site a helper works at: its name and the services it offers. One national set of guides
//! serves sites that practise differently through `when`/`unless` on these services.

use std::collections::BTreeSet;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    /// Shown in the status line; empty when no site file is loaded.
    pub name: String,
    pub offers: BTreeSet<String>,
}

impl Site {
    pub fn offering<I, S>(services: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Site {
            name: String::new(),
            offers: services.into_iter().map(Into::into).collect(),
        }
    }

    pub fn offers(&self, service: &str) -> bool {
        self.offers.contains(service)
    }
}
