//! Keeps cases safe when the log file cannot be written: the app goes on guiding, says plainly
//! that cases are not being saved and why, holds them in memory, and tries again.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    /// A recovery file this keeper has taken in; removed once its cases are written.
    claimed: Option<PathBuf>,
    /// After a failure, no new try before this moment (a key must never wait for the disk).
    next_try: Option<Instant>,
    /// The identity of the file the open log writes to, to notice it moved or was replaced.
    file_id: Option<FileId>,
    /// How long a write waits for another program's lock while the log is healthy.
    busy: Duration,
}

/// At most one try every this long while the log cannot be written.
pub const RETRY_EVERY: Duration = Duration::from_secs(3);

/// How long the app waits for a lock another program holds: long enough for another window's
/// write (milliseconds), short enough that the screen never freezes.
pub const APP_BUSY: Duration = Duration::from_millis(1000);

/// While the log is failing, a try waits for a lock only this long.
pub const RETRY_BUSY: Duration = Duration::from_millis(150);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileId(u64, u64);

/// Which file is at `path` now (device and inode on unix; on other systems only whether
/// there is one).
fn file_id(path: &Path) -> Option<FileId> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(FileId(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(FileId(0, 0))
    }
}

/// The recovery file beside a log: cases that could not be written before the program ended,
/// one JSON `LogRow` a line (the same anonymous fields as the log), merged in at the next start.
pub fn recovery_path(log: &std::path::Path) -> PathBuf {
    let mut name = log
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".recovery.jsonl");
    log.with_file_name(name)
}

impl CaseKeeper {
    /// Open the log at `path`. Failure is not fatal: it is remembered and retried.
    pub fn open(path: PathBuf, site: &str) -> Self {
        let (log, problem) = match Log::open_with(&path, APP_BUSY) {
            Ok(log) => (Some(log), None),
            Err(err) => (None, Some(err)),
        };
        let id = file_id(&path);
        let mut keeper = CaseKeeper {
            path: Some(path),
            log,
            site: site.to_string(),
            waiting: Vec::new(),
            problem,
            claimed: None,
            next_try: None,
            file_id: id,
            busy: APP_BUSY,
        };
        keeper.merge_recovery();
        keeper
    }

    /// Take in the recovery file a previous run left, and write its cases now if possible.
    /// The file is first renamed, so two windows starting at once do not both take it.
    fn merge_recovery(&mut self) {
        let Some(path) = &self.path else { return };
        let file = recovery_path(path);
        if !file.exists() {
            return;
        }
        let mut claimed = file.clone().into_os_string();
        claimed.push(format!(".{}", std::process::id()));
        let claimed = PathBuf::from(claimed);
        if std::fs::rename(&file, &claimed).is_err() {
            return;
        }
        let Ok(text) = std::fs::read_to_string(&claimed) else {
            return;
        };
        // Each row goes through the log's CHECKs like any other: a hand-edited line with a name
        // in it is refused there, never stored.
        self.waiting.extend(
            text.lines()
                .filter_map(|line| serde_json::from_str::<LogRow>(line).ok())
                .map(|mut row| {
                    // Without randomness the row keeps waiting: the log's CHECK refuses it.
                    let _ = row.fill_missing_ids();
                    row
                }),
        );
        self.claimed = Some(claimed);
        self.retry();
        if self.waiting.is_empty()
            && let Some(claimed) = self.claimed.take()
        {
            let _ = std::fs::remove_file(claimed);
        }
    }

    /// Write the cases still waiting to the recovery file beside the log, for the next start
    /// to merge in. Returns how many were written there (and are no longer held here).
    pub fn write_recovery(&mut self) -> std::io::Result<usize> {
        let Some(path) = &self.path else {
            return Ok(0);
        };
        if self.waiting.is_empty() {
            return Ok(0);
        }
        let file = recovery_path(path);
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut text = String::new();
        for row in &self.waiting {
            text.push_str(&serde_json::to_string(row).map_err(std::io::Error::other)?);
            text.push('\n');
        }
        use std::io::Write;
        let mut out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&file)?;
        out.write_all(text.as_bytes())?;
        out.sync_all()?;
        let count = self.waiting.len();
        self.waiting.clear();
        if let Some(claimed) = self.claimed.take() {
            let _ = std::fs::remove_file(claimed);
        }
        Ok(count)
    }

    /// A keeper that writes to an existing log (tests, in-memory use).
    pub fn with_log(log: Log, site: &str) -> Self {
        CaseKeeper {
            path: None,
            log: Some(log),
            site: site.to_string(),
            waiting: Vec::new(),
            problem: None,
            claimed: None,
            next_try: None,
            file_id: None,
            busy: APP_BUSY,
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
            claimed: None,
            next_try: None,
            file_id: None,
            busy: APP_BUSY,
        }
    }

    /// Wait this long for another program's lock on a healthy log, instead of [`APP_BUSY`].
    pub fn set_busy(&mut self, busy: Duration) {
        self.busy = busy;
    }

    pub fn path(&self) -> Option<&PathBuf> {
        self.path.as_ref()
    }

    /// Write `site` with every case from now on (the helper chose the site on the site screen).
    pub fn set_site(&mut self, site: &str) {
        self.site = site.to_string();
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
        self.retry_if_due();
    }

    /// Retry, unless the last try failed less than [`RETRY_EVERY`] ago. For the UI thread.
    pub fn retry_if_due(&mut self) {
        if self.next_try.is_some_and(|at| Instant::now() < at) {
            return;
        }
        self.retry();
    }

    /// Try to write every waiting case, oldest first. Stops at the first failure.
    pub fn retry(&mut self) {
        if self.waiting.is_empty() {
            return;
        }
        let failing = self.problem.is_some();
        // The file was moved away or replaced: write to the file at the path, not the old one.
        if let (Some(path), Some(_)) = (&self.path, &self.log)
            && file_id(path) != self.file_id
        {
            self.log = None;
        }
        if self.log.is_none() {
            let Some(path) = &self.path else { return };
            let busy = if failing { RETRY_BUSY } else { self.busy };
            match Log::open_with(path, busy) {
                Ok(log) => {
                    self.log = Some(log);
                    self.file_id = file_id(path);
                }
                Err(err) => {
                    self.problem = Some(err);
                    self.next_try = Some(Instant::now() + RETRY_EVERY);
                    return;
                }
            }
        }
        if let Some(log) = &self.log {
            let busy = if failing { RETRY_BUSY } else { self.busy };
            let _ = log.connection().busy_timeout(busy);
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
                    self.next_try = Some(Instant::now() + RETRY_EVERY);
                    return;
                }
            }
        }
        self.next_try = None;
        if let Some(claimed) = self.claimed.take() {
            let _ = std::fs::remove_file(claimed);
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
