//! Reads a translation file, `<file>.<lang>.toml`: the same sections as the Danish file, each
//! with `source` (the hash of the Danish it translates) and the translated texts.

use toml::de::DeValue;

use super::{Reader, Table};
use crate::guide::finding::{Finding, ValueType, What};
use crate::guide::model::Text;
use crate::guide::source::{Sp, Span};
use crate::guide::translation::{PartKey, Section, Target, Translation, Unit};
use crate::lang::Language;

impl Reader<'_> {
    /// `base` is the file name without `.toml`, e.g. `mitid-glemt.en`.
    pub(super) fn translation(&mut self, root: &Table, base: &str) -> Option<Translation> {
        let (of, code) = base.rsplit_once('.').unwrap_or((base, ""));
        // Danish is the source itself, never a translation of it.
        let lang = match Language::from_code(code).filter(|l| *l != Language::DANISH) {
            Some(lang) => lang,
            None => {
                self.diags.push(crate::guide::Diagnostic::error(
                    Finding::TranslationLanguage {
                        code: code.to_string(),
                    },
                    Span::file_start(self.file),
                ));
                return None;
            }
        };
        let target = match Section::of_shared_file(of) {
            Some(section) => Target::Shared(section),
            None => Target::Guide(of.to_string()),
        };
        let sections = target.sections_for(lang);
        let mut allowed = vec!["format", "reviewed_by"];
        allowed.extend(sections.iter().map(|s| s.key()));
        self.keys(root, &allowed);
        let mut units = Vec::new();
        for &section in sections {
            if section.has_ids() {
                let what = match section {
                    Section::Steps => What::Step,
                    Section::Outcomes => What::Outcome,
                    Section::Rules => What::Rule,
                    Section::Places => What::Place,
                    Section::Services => What::Service,
                    _ => What::Area,
                };
                for (id, table) in self.named_tables(root, section.key(), what) {
                    units.push(self.unit(section, lang, id.value, &table));
                }
            } else if let Some(table) = self.table(root, section.key()) {
                units.push(self.unit(section, lang, String::new(), &table));
            }
        }
        // Empty is allowed and meaningful: nobody has reviewed it yet.
        let reviewed_by = match root.map.get("reviewed_by").map(|v| (v, v.get_ref())) {
            Some((value, DeValue::String(s))) => {
                Some(Sp::new(s.to_string(), self.span(value.span())))
            }
            Some((value, _)) => {
                self.wrong_type("reviewed_by", ValueType::Text, value);
                None
            }
            None => None,
        };
        Some(Translation {
            file: self.file,
            lang,
            target,
            units,
            reviewed_by,
        })
    }

    fn unit(&mut self, section: Section, lang: Language, id: String, table: &Table) -> Unit {
        let fields = section.fields_for(lang);
        let mut allowed = vec!["source"];
        allowed.extend(fields.iter().map(|f| f.name));
        self.keys(table, &allowed);
        // An empty `source` is read like a wrong one: `check` then gives the hash to write.
        let source = match table.map.get("source").map(|v| (v, v.get_ref())) {
            Some((value, DeValue::String(s))) => {
                Some(Sp::new(s.to_string(), self.span(value.span())))
            }
            Some((value, _)) => {
                self.wrong_type("source", ValueType::Text, value);
                None
            }
            None => None,
        };
        let mut texts = Vec::new();
        for field in fields {
            let Some(value) = table.map.get(field.name) else {
                continue;
            };
            let found: Option<Vec<Text>> = match value.get_ref() {
                DeValue::String(s) if !field.list => {
                    Some(vec![Sp::new(s.to_string(), self.span(value.span()))])
                }
                DeValue::Array(items) if field.list => {
                    let mut list = Vec::with_capacity(items.len());
                    for item in items.iter() {
                        match item.get_ref() {
                            DeValue::String(s) => {
                                list.push(Sp::new(s.to_string(), self.span(item.span())));
                            }
                            _ => self.wrong_type(field.name, ValueType::Text, item),
                        }
                    }
                    Some(list)
                }
                _ => {
                    let expected = if field.list {
                        ValueType::TextList
                    } else {
                        ValueType::Text
                    };
                    self.wrong_type(field.name, expected, value);
                    None
                }
            };
            texts.extend(found.map(|found| (field.name, found)));
        }
        Unit {
            key: PartKey { section, id },
            span: self.span(table.span.clone()),
            source,
            fields: texts,
        }
    }
}
