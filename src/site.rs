//! The site a helper works at: its name and the services it offers. One national set of guides
//! serves sites that practise differently through `when`/`unless` on these services.

use std::collections::BTreeSet;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// The identifier written into the log for every case at this site.
    pub id: String,
    /// Shown in the status line; empty when no site file is loaded.
    pub name: String,
    pub offers: BTreeSet<String>,
}

/// The site id used when no site file is given.
pub const UNKNOWN_SITE: &str = "ukendt-sted";

impl Default for Site {
    fn default() -> Self {
        Site {
            id: UNKNOWN_SITE.to_string(),
            name: String::new(),
            offers: BTreeSet::new(),
        }
    }
}

impl Site {
    pub fn offering<I, S>(services: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Site {
            offers: services.into_iter().map(Into::into).collect(),
            ..Site::default()
        }
    }

    pub fn offers(&self, service: &str) -> bool {
        self.offers.contains(service)
    }
}
