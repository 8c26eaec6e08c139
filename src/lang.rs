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

/// Which way a script runs, for `dir` in a handout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The HTML `dir` value.
    pub fn html(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A language guide text can be translated into and a handout printed in.
#[derive(Debug)]
pub struct LanguageInfo {
    /// ISO 639 code, as in file names (`faa-mitid.uk.toml`) and `h uk`.
    pub code: &'static str,
    /// The language's name in itself, for the handout (may be right-to-left).
    pub native: &'static str,
    /// Its name in Latin script for the terminal: the Danish and the English name.
    pub danish: &'static str,
    pub english: &'static str,
    /// The Danish adjective ("den ukrainske tekst").
    pub danish_adjective: &'static str,
    pub direction: Direction,
    /// The program's own text (screens, messages) exists in this language too.
    pub ui: Option<Lang>,
}

/// Every language the program knows, in the order they are offered. Adding a handout language
/// is one entry here plus its `<id>.<code>.toml` files (and its row in the handout's phrases).
pub const LANGUAGES: &[LanguageInfo] = &[
    LanguageInfo {
        code: "da",
        native: "Dansk",
        danish: "dansk",
        english: "Danish",
        danish_adjective: "danske",
        direction: Direction::Ltr,
        ui: Some(Lang::Da),
    },
    LanguageInfo {
        code: "en",
        native: "English",
        danish: "engelsk",
        english: "English",
        danish_adjective: "engelske",
        direction: Direction::Ltr,
        ui: Some(Lang::En),
    },
    LanguageInfo {
        code: "uk",
        native: "Українська",
        danish: "ukrainsk",
        english: "Ukrainian",
        danish_adjective: "ukrainske",
        direction: Direction::Ltr,
        ui: None,
    },
    LanguageInfo {
        code: "ar",
        native: "العربية",
        danish: "arabisk",
        english: "Arabic",
        danish_adjective: "arabiske",
        direction: Direction::Rtl,
        ui: None,
    },
];

/// One of [`LANGUAGES`], by position (so it is `Copy` and orders as listed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Language(u8);

impl Language {
    pub const DANISH: Language = Language(0);

    pub fn all() -> impl Iterator<Item = Language> {
        (0..LANGUAGES.len()).filter_map(|i| u8::try_from(i).ok().map(Language))
    }

    /// The language of a code such as `uk`, if listed.
    pub fn from_code(code: &str) -> Option<Language> {
        let code = code.trim().to_ascii_lowercase();
        Language::all().find(|l| l.code() == code)
    }

    pub fn info(self) -> &'static LanguageInfo {
        &LANGUAGES[usize::from(self.0)]
    }

    pub fn code(self) -> &'static str {
        self.info().code
    }

    pub fn direction(self) -> Direction {
        self.info().direction
    }

    /// Its name in the helper's language, always in Latin script (safe to draw in a terminal).
    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.info().danish, self.info().english)
    }

    /// The program language of the same name, for a language the program speaks.
    pub fn ui(self) -> Option<Lang> {
        self.info().ui
    }

    /// Whether only the citizen's handout is translated (title, the citizen's steps, places),
    /// not the helper's screens: a translation into it needs only those parts.
    pub fn handout_only(self) -> bool {
        self.ui().is_none()
    }

    /// The codes a translation can be into, for a message: `` `en`, `uk`, `ar` ``.
    pub fn codes_except_danish() -> String {
        (Language::all().filter(|l| *l != Language::DANISH))
            .map(|l| format!("`{}`", l.code()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The codes, for a message: `da, en, uk, ar`.
    pub fn codes() -> String {
        Language::all()
            .map(Language::code)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Self {
        Language::all()
            .find(|l| l.ui() == Some(lang))
            .unwrap_or(Language::DANISH)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Ok(lang) = s.parse::<Lang>() {
            return Ok(lang.into());
        }
        Language::from_code(s).ok_or_else(|| {
            format!(
                "unknown language `{}` (use one of {})",
                s.trim(),
                Language::codes()
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_found_and_unique() {
        for language in Language::all() {
            assert_eq!(Language::from_code(language.code()), Some(language));
            assert_eq!(language.code().parse::<Language>(), Ok(language));
        }
        let mut codes: Vec<_> = Language::all().map(Language::code).collect();
        codes.dedup();
        assert_eq!(codes.len(), LANGUAGES.len());
        assert_eq!(Language::from(Lang::En).code(), "en");
        assert!(Language::from_code("xx").is_none());
    }

    #[test]
    fn terminal_names_are_latin_and_arabic_is_rtl() {
        for language in Language::all() {
            for lang in [Lang::Da, Lang::En] {
                assert!(language.name(lang).is_ascii());
            }
        }
        assert_eq!(
            Language::from_code("ar").map(Language::direction),
            Some(Direction::Rtl)
        );
    }
}
