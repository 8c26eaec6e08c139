//! Core problems in the user's words. The core's errors carry facts only (a kind and its
//! values); what a helper reads comes from the catalogue here, in their language. The English
//! `Display` of each error stays for logs and tests.

use crate::lang::Language;
use crate::report::ReportError;
use crate::tr;
use crate::walk::WalkError;

/// A problem told in the user's language.
pub trait Say {
    fn say(&self, lang: impl Into<Language>) -> String;
}

impl Say for ReportError {
    fn say(&self, lang: impl Into<Language>) -> String {
        let lang = lang.into();
        match self {
            ReportError::Sqlite { path, source } => tr!(
                lang,
                "report-error-sqlite",
                path = path.as_str(),
                detail = source.to_string()
            ),
            ReportError::TooNew { path, found } => {
                tr!(
                    lang,
                    "report-error-too-new",
                    path = path.as_str(),
                    found = *found
                )
            }
            ReportError::Missing { path } => {
                tr!(lang, "report-error-missing", path = path.as_str())
            }
            ReportError::NotAFile { path } => {
                tr!(lang, "report-error-not-a-file", path = path.as_str())
            }
            ReportError::NotALog { path } => {
                tr!(lang, "report-error-not-a-log", path = path.as_str())
            }
            ReportError::BadValue { path, what } => tr!(
                lang,
                "report-error-bad-value",
                path = path.as_str(),
                what = what.as_str()
            ),
        }
    }
}

impl Say for WalkError {
    fn say(&self, lang: impl Into<Language>) -> String {
        let lang = lang.into();
        match self {
            WalkError::BadStart(id) => tr!(lang, "walk-error-bad-start", id = id.as_str()),
            WalkError::Finished => tr!(lang, "walk-error-finished"),
            WalkError::NoSuchChoice(number) => {
                tr!(lang, "walk-error-no-such-choice", number = *number)
            }
            WalkError::NoSuchLabel { label, visible } => tr!(
                lang,
                "walk-error-no-such-label",
                label = label.as_str(),
                choices = visible.join(" | ")
            ),
            WalkError::Broken(id) => tr!(lang, "walk-error-broken", id = id.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn report_errors_reach_danish_users_in_danish_and_english_ones_as_before() {
        let missing = ReportError::Missing {
            path: "a.db".into(),
        };
        assert_eq!(missing.say(Lang::Da), "a.db: filen findes ikke");
        assert_eq!(missing.say(Lang::En), missing.to_string());
        let too_new = ReportError::TooNew {
            path: "a.db".into(),
            found: 9,
        };
        assert_eq!(too_new.say(Lang::En), too_new.to_string());
        assert!(too_new.say(Lang::Da).contains("nyere vejviser (skema 9)"));
    }

    #[test]
    fn walk_errors_are_told_in_the_helpers_language() {
        let broken = WalkError::Broken("slut".into());
        assert_eq!(broken.say(Lang::En), broken.to_string());
        assert_eq!(
            broken.say(Lang::Da),
            "valget fører til `slut`, som hverken er et trin eller et udfald"
        );
        let label = WalkError::NoSuchLabel {
            label: "x".into(),
            visible: vec!["Ja".into(), "Nej".into()],
        };
        assert_eq!(label.say(Lang::En), label.to_string());
        assert!(label.say(Lang::Da).ends_with("valgene er: Ja | Nej"));
        for err in [WalkError::Finished, WalkError::NoSuchChoice(3)] {
            assert_eq!(err.say(Lang::En), err.to_string());
            assert_ne!(err.say(Lang::Da), err.to_string());
        }
    }
}
