//! The guide versions a site has seen, kept next to its cases, so the app can say once when a
//! guide has changed and what changed.

use std::collections::HashMap;

use rusqlite::params;

use super::{Log, LogError};
use crate::guide::changes::Fingerprint;

fn join(ids: &[String]) -> String {
    ids.join("/")
}

fn split(text: String) -> Vec<String> {
    text.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl Log {
    /// Every guide version this site has seen, by guide id.
    pub fn seen_versions(&self, site: &str) -> Result<HashMap<String, Fingerprint>, LogError> {
        let mut stmt = self.connection().prepare(
            "SELECT guide, guide_hash, steps, outcomes, rules FROM guide_versions WHERE site = ?1",
        )?;
        let rows = stmt.query_map(params![site], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Fingerprint {
                    hash: r.get(1)?,
                    steps: split(r.get(2)?),
                    outcomes: split(r.get(3)?),
                    rules: split(r.get(4)?),
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Remember the version of a guide this site now uses.
    pub fn remember_version(
        &self,
        site: &str,
        guide: &str,
        print: &Fingerprint,
    ) -> Result<(), LogError> {
        self.connection().execute(
            "INSERT INTO guide_versions (site, guide, guide_hash, steps, outcomes, rules)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (site, guide) DO UPDATE SET guide_hash = excluded.guide_hash,
                steps = excluded.steps, outcomes = excluded.outcomes, rules = excluded.rules",
            params![
                site,
                guide,
                print.hash,
                join(&print.steps),
                join(&print.outcomes),
                join(&print.rules)
            ],
        )?;
        Ok(())
    }
}
