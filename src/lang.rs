//! The language of user-facing text. Danish is the default; English is available everywhere.

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    /// Pick the Danish or the English text.
    pub fn pick<'a>(self, da: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pick("da", "en"))
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "da" | "dansk" | "danish" => Ok(Lang::Da),
            "en" | "engelsk" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}` (use da or en)")),
        }
    }
}
