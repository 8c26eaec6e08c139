//! Saving off the UI thread: a [`CaseKeeper`] on a thread of its own, so a locked, slow or full
//! disk can delay a case's write but never a key. The app hands cases over (never waits), and
//! picks up what happened to them on its next tick.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::SaveState;
use super::keeper::{CaseKeeper, RETRY_EVERY};
use crate::case::CaseRecord;
use crate::guide::changes::Fingerprint;
use crate::lang::Lang;

enum Job {
    Keep(Vec<CaseRecord>),
    /// The helper saw a guide's change alert: remember this version for the site.
    Remember(String, Fingerprint),
}

/// What became of the cases handed over: the state after the write, and the cases it was
/// about (empty for a retry in the background).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub state: SaveState,
    pub ended: Vec<CaseRecord>,
}

pub struct BackgroundKeeper {
    jobs: Option<Sender<Job>>,
    done: Receiver<Saved>,
    worker: Option<JoinHandle<CaseKeeper>>,
    /// The state last reported, for a quick answer without asking the worker.
    last: SaveState,
    path: Option<std::path::PathBuf>,
}

impl BackgroundKeeper {
    /// Move `keeper` to a thread of its own. `lang` is the language its state is told in.
    pub fn spawn(keeper: CaseKeeper, lang: Lang) -> Self {
        Self::spawn_every(keeper, lang, RETRY_EVERY)
    }

    /// As [`spawn`](Self::spawn), retrying a failing log every `every` (tests use a short one).
    pub fn spawn_every(keeper: CaseKeeper, lang: Lang, every: Duration) -> Self {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, done) = mpsc::channel::<Saved>();
        let last = keeper.state(lang);
        let path = keeper.path().cloned();
        let worker = std::thread::Builder::new()
            .name(String::from("vejviser-log"))
            .spawn(move || work(keeper, lang, every, &inbox, &outbox));
        match worker {
            Ok(worker) => BackgroundKeeper {
                jobs: Some(jobs),
                done,
                worker: Some(worker),
                last,
                path,
            },
            // No thread to be had: there is nothing to save with. Say so rather than pretend.
            Err(err) => {
                let (_, done) = mpsc::channel();
                BackgroundKeeper {
                    jobs: None,
                    done,
                    worker: None,
                    last: SaveState::Failing {
                        reason: err.to_string(),
                        waiting: 0,
                    },
                    path,
                }
            }
        }
    }

    /// Hand over ended cases. Returns at once.
    pub fn keep(&mut self, ended: Vec<CaseRecord>) {
        if ended.is_empty() {
            return;
        }
        self.send(Job::Keep(ended));
    }

    /// Remember that the helper has seen this version of a guide. Returns at once.
    pub fn remember(&mut self, guide: &str, print: Fingerprint) {
        self.send(Job::Remember(guide.to_string(), print));
    }

    fn send(&mut self, job: Job) {
        let gone = self
            .jobs
            .as_ref()
            .is_none_or(|jobs| jobs.send(job).is_err());
        if gone {
            self.jobs = None;
        }
    }

    /// What the worker has reported since the last call, oldest first. Never waits.
    pub fn reports(&mut self) -> Vec<Saved> {
        let reports: Vec<Saved> = self.done.try_iter().collect();
        if let Some(last) = reports.last() {
            self.last = last.state.clone();
        }
        reports
    }

    /// The state last reported.
    pub fn state(&self) -> &SaveState {
        &self.last
    }

    pub fn path(&self) -> Option<&std::path::PathBuf> {
        self.path.as_ref()
    }

    /// Stop the worker once it has tried every case handed over, and get the keeper back (with
    /// whatever still waits, for the recovery file). This is the one call that waits.
    pub fn finish(mut self) -> Option<CaseKeeper> {
        self.jobs = None;
        self.worker.take().and_then(|worker| worker.join().ok())
    }
}

impl Drop for BackgroundKeeper {
    /// Ended without [`finish`](BackgroundKeeper::finish) (a panic unwinding past the app):
    /// still write what was handed over, and put what cannot be written in the recovery file.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(worker) = self.worker.take()
            && let Ok(mut keeper) = worker.join()
        {
            let _ = keeper.write_recovery();
        }
    }
}

fn work(
    mut keeper: CaseKeeper,
    lang: Lang,
    every: Duration,
    inbox: &Receiver<Job>,
    outbox: &Sender<Saved>,
) -> CaseKeeper {
    let mut reported = keeper.state(lang);
    loop {
        let ended = match inbox.recv_timeout(every) {
            Ok(Job::Keep(ended)) => {
                for record in &ended {
                    keeper.keep(record);
                }
                ended
            }
            Ok(Job::Remember(guide, print)) => {
                if let Some(log) = keeper.log() {
                    // Not remembering only means the alert shows again next time.
                    let _ = log.remember_version(keeper.site(), &guide, &print);
                }
                continue;
            }
            Err(RecvTimeoutError::Timeout) => {
                keeper.retry_if_due();
                Vec::new()
            }
            Err(RecvTimeoutError::Disconnected) => {
                keeper.retry();
                return keeper;
            }
        };
        let state = keeper.state(lang);
        if !ended.is_empty() || state != reported {
            reported = state.clone();
            // The app may be gone already; the keeper still goes back to whoever finishes us.
            let _ = outbox.send(Saved { state, ended });
        }
    }
}
