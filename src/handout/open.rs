//! Open a written handout in the system's browser for printing (`xdg-open` or `$BROWSER` on
//! Linux, the default browser on Windows). The browser is started detached with no terminal
//! input or output, so the full-screen app keeps its screen and never waits for it.

use std::path::Path;

/// Why the browser could not be started.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct OpenError(String);

impl OpenError {
    /// What to say to the helper: that it did not open, and where the file is to open by hand.
    pub fn message(&self, lang: crate::lang::Lang, path: &Path) -> String {
        format!(
            "{} ({}): {}",
            lang.pick(
                "Browseren kunne ikke åbnes; åbn filen selv",
                "The browser could not be opened; open the file yourself"
            ),
            self.0,
            path.display()
        )
    }
}

pub fn in_browser(path: &Path) -> Result<(), OpenError> {
    opener::open_browser(path).map_err(|err| OpenError(err.to_string()))
}
