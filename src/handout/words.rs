//! The handout's own words (headings, labels, the warning at the foot, the draft notice) in
//! every handout language. Guide text comes from the guides; only these few phrases live here.
//! A language listed in `crate::lang::LANGUAGES` without a row here prints English words (a
//! test makes sure every listed language has its row).

use crate::guide::model::Addressee;
use crate::lang::Language;

/// One language's phrases.
#[derive(Debug)]
pub struct Words {
    pub code: &'static str,
    pub heading_citizen: &'static str,
    pub heading_relative: &'static str,
    pub contact: &'static str,
    pub phone: &'static str,
    pub web: &'static str,
    pub hours: &'static str,
    pub date: &'static str,
    /// Above the site's name and address at the top.
    pub printed_at: &'static str,
    /// The heading of the Danish text after the citizen's own.
    pub in_danish: &'static str,
    /// Under the citizen's heading: the Danish text follows, for staff and officials.
    pub danish_follows: &'static str,
    pub footer_citizen: &'static str,
    pub footer_relative: &'static str,
    /// Printed when no fluent reader has reviewed the translation.
    pub draft: &'static str,
    /// Under a QR code.
    pub scan: &'static str,
}

impl Words {
    pub fn heading(&self, addressee: Addressee) -> &'static str {
        match addressee {
            Addressee::Citizen => self.heading_citizen,
            Addressee::Relative => self.heading_relative,
        }
    }

    pub fn footer(&self, addressee: Addressee) -> &'static str {
        match addressee {
            Addressee::Citizen => self.footer_citizen,
            Addressee::Relative => self.footer_relative,
        }
    }
}

/// The phrases of a language, or the English ones for a language without a row.
pub fn words(language: Language) -> &'static Words {
    has_words(language).unwrap_or(&WORDS[1])
}

/// The row of a language, if it has one.
pub fn has_words(language: Language) -> Option<&'static Words> {
    WORDS.iter().find(|w| w.code == language.code())
}

/// Every handout language's phrases. The Ukrainian and Arabic rows are drafts like the guide
/// translations, to be reviewed with them.
pub const WORDS: &[Words] = &[
    Words {
        code: "da",
        heading_citizen: "Sådan gør du",
        heading_relative: "Til dig som pårørende",
        contact: "Kontakt",
        phone: "Telefon",
        web: "Web",
        hours: "Åbent",
        date: "Dato",
        printed_at: "Udskrevet hos",
        in_danish: "På dansk",
        danish_follows: "Den samme tekst på dansk følger efter.",
        footer_citizen: "Fra vejviser. Skriv aldrig koder eller CPR-nummer på dette papir.",
        footer_relative: "Fra vejviser. Skriv aldrig borgerens koder eller CPR-nummer på dette papir.",
        draft: "Denne oversættelse er endnu ikke gennemlæst af en, der læser sproget flydende. Den danske tekst gælder.",
        scan: "Scan koden med telefonens kamera for at åbne siden.",
    },
    Words {
        code: "en",
        heading_citizen: "What to do",
        heading_relative: "For you as a relative",
        contact: "Contact",
        phone: "Phone",
        web: "Web",
        hours: "Hours",
        date: "Date",
        printed_at: "Printed at",
        in_danish: "In Danish",
        danish_follows: "The same text in Danish follows.",
        footer_citizen: "From vejviser. Never write codes or CPR numbers on this paper.",
        footer_relative: "From vejviser. Never write the citizen's codes or CPR number on this paper.",
        draft: "This translation has not yet been checked by a fluent reader. The Danish text is what applies.",
        scan: "Scan the code with your phone's camera to open the page.",
    },
    Words {
        code: "uk",
        heading_citizen: "Що робити",
        heading_relative: "Для Вас як родича",
        contact: "Куди звернутися",
        phone: "Телефон",
        web: "Вебсайт",
        hours: "Години роботи",
        date: "Дата",
        printed_at: "Надруковано в",
        in_danish: "Данською мовою",
        danish_follows: "Далі – той самий текст данською мовою.",
        footer_citizen: "Від vejviser. Ніколи не записуйте на цьому папері коди або номер CPR.",
        footer_relative: "Від vejviser. Ніколи не записуйте на цьому папері коди або номер CPR людини, якій Ви допомагаєте.",
        draft: "Цей переклад ще не перевірила людина, яка вільно читає цією мовою. Чинним є текст данською мовою.",
        scan: "Відскануйте код камерою телефона, щоб відкрити сторінку.",
    },
    Words {
        code: "ar",
        heading_citizen: "ماذا تفعل",
        heading_relative: "إليك بصفتك من الأقارب",
        contact: "جهات الاتصال",
        phone: "الهاتف",
        web: "الموقع الإلكتروني",
        hours: "مواعيد العمل",
        date: "التاريخ",
        printed_at: "طُبعت في",
        in_danish: "باللغة الدانماركية",
        danish_follows: "يلي ذلك النص نفسه باللغة الدانماركية.",
        footer_citizen: "من vejviser. لا تكتب أبدًا الرموز أو رقم CPR على هذه الورقة.",
        footer_relative: "من vejviser. لا تكتب أبدًا رموز المواطن أو رقم CPR الخاص به على هذه الورقة.",
        draft: "لم يراجع هذه الترجمة بعد شخص يقرأ هذه اللغة بطلاقة. النص الدانماركي هو المعتمد.",
        scan: "امسح الرمز بكاميرا الهاتف لفتح الصفحة.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_language_has_its_own_words() {
        for language in Language::all() {
            let words = has_words(language);
            assert!(words.is_some(), "{} has no handout words", language.code());
        }
        assert_eq!(
            WORDS.len(),
            Language::all().count(),
            "a row for an unlisted language"
        );
    }
}
