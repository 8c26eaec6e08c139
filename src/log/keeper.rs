//! Keeps cases safe when the log file cannot be written: the app goes on guiding, says plainly
//! that cases are not being saved and why, holds them in memory, and tries again.

use std::path::PathBuf;

use super::{Log, LogError, LogRow};
use crate::case::CaseRecord;

/// What the status line should say about saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Everything handed over so far is committed to the file.
    Saved,
    /// Cases are waiting in memory because the log cannot be written.
    Failing { reason: String, waiting: usize },
    /// Logging is switched off on purpose.
    Off,
}

pub struct CaseKeeper {
    path: Option<PathBuf>,
    log: Option<Log>,
    site: String,
    waiting: Vec<LogRow>,
    problem: Option<LogError>,
}

impl CaseKeeper {
    /// Open the log at `path`. Failure is not fatal: it is remembered and retried.
    pub fn open(path: PathBuf, site: &str) -> Self {
        let (log, problem) = match Log::open(&path) {
            Ok(log) => (Some(log), None),
            Err(err) => (None, Some(err)),
        };
        CaseKeeper {
            path: Some(path),
            log,
            site: site.to_string(),
            waiting: Vec::new(),
            problem,
        }
    }

    /// A keeper that writes to an existing log (tests, in-memory use).
    pub fn with_log(log: Log, site: &str) -> Self {
        CaseKeeper {
            path: None,
            log: Some(log),
            site: site.to_string(),
            waiting: Vec::new(),
            problem: None,
        }
    }

    /// A keeper that logs nothing (`--no-log`).
    pub fn off() -> Self {
        CaseKeeper {
            path: None,
            log: None,
            site: String::new(),
            waiting: Vec::new(),
            problem: None,
        }
    }

    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// The site id written with every case.
    pub fn site(&self) -> &str {
        &self.site
    }

    pub fn log(&self) -> Option<&Log> {
        self.log.as_ref()
    }

    /// Hand over a case. It is committed now if the log can be written, else kept and retried.
    pub fn keep(&mut self, record: &CaseRecord) {
        if self.path.is_none() && self.log.is_none() {
            return;
        }
        match LogRow::new(record, &self.site) {
            Ok(row) => self.waiting.push(row),
            // Cannot happen for cases walked on checked guides; never store what fails the rules.
            Err(err) => self.problem = Some(err),
        }
        self.retry();
    }

    /// Try to write every waiting case, oldest first. Stops at the first failure.
    pub fn retry(&mut self) {
        if self.waiting.is_empty() {
            return;
        }
        if self.log.is_none() {
            let Some(path) = &self.path else { return };
            match Log::open(path) {
                Ok(log) => self.log = Some(log),
                Err(err) => {
                    self.problem = Some(err);
                    return;
                }
            }
        }
        let Some(log) = self.log.as_mut() else { return };
        while let Some(row) = self.waiting.first() {
            match log.save(row) {
                Ok(()) => {
                    self.waiting.remove(0);
                    self.problem = None;
                }
                // This row can never be stored (it breaks a CHECK): waiting would only block
                // every case after it. Drop it, and say why on the status line.
                Err(err) if err.is_refused_row() => {
                    self.waiting.remove(0);
                    self.problem = Some(err);
                }
                Err(err) => {
                    self.problem = Some(err);
                    return;
                }
            }
        }
    }

    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }

    pub fn state(&self, lang: crate::lang::Lang) -> SaveState {
        if self.path.is_none() && self.log.is_none() {
            return SaveState::Off;
        }
        match (&self.problem, self.waiting.len()) {
            (None, 0) => SaveState::Saved,
            (problem, waiting) => SaveState::Failing {
                reason: problem
                    .as_ref()
                    .map_or_else(String::new, |p| p.explain(lang)),
                waiting,
            },
        }
    }
}
