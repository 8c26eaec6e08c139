//! The shipping thread. The app nudges it after each saved case and never waits for it; it also
//! looks on a timer, backs off while the server is away, and keeps what it has found out in a
//! small shared state the status line reads.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::ship::{Outbox, Session, Shipped};
use super::{CentralConfig, CentralError};
use crate::lang::Lang;
use crate::tr;

/// What the status line and line mode say about shipping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShipState {
    /// Cases in the local log that the server does not have yet (as last counted).
    pub waiting: usize,
    /// Why they wait, in the helper's language, while shipping fails.
    pub problem: Option<String>,
    /// Cases the server refused (as last counted); they stay in the local log.
    pub refused: usize,
    /// The server's reason for the last case it refused since the program started.
    pub why_refused: Option<String>,
    /// Cases shipped since the program started.
    pub sent: u64,
    /// Rounds tried so far (a round ships everything waiting, or fails).
    pub rounds: u64,
}

impl ShipState {
    /// One line for the helper when cases wait and why, or the server refused some; `None`
    /// when all is well.
    pub fn line(&self, lang: Lang) -> Option<String> {
        if let Some(problem) = &self.problem {
            return Some(if self.waiting == 0 {
                tr!(lang, "central-problem", problem = problem.as_str())
            } else {
                tr!(
                    lang,
                    "central-waiting",
                    count = self.waiting,
                    problem = problem.as_str()
                )
            });
        }
        if self.refused == 0 {
            return None;
        }
        Some(match &self.why_refused {
            Some(why) => tr!(
                lang,
                "central-refused-why",
                count = self.refused,
                why = why.as_str()
            ),
            None => tr!(lang, "central-refused", count = self.refused),
        })
    }
}

/// Opens the local log for the worker (again, after a failure).
pub type OpenOutbox = Box<dyn FnMut() -> Result<Box<dyn Outbox>, CentralError> + Send>;

enum Msg {
    Nudge,
    Stop,
}

pub struct Shipper {
    tx: Sender<Msg>,
    state: Arc<Mutex<ShipState>>,
}

/// Waits after a failure: doubling from `first` up to `max`, with a quarter of random spread so
/// fifty counters do not all knock at once when the server comes back.
#[derive(Clone, Debug)]
pub struct Backoff {
    first: Duration,
    max: Duration,
    current: Option<Duration>,
}

impl Backoff {
    pub fn new(first: Duration, max: Duration) -> Self {
        Backoff {
            first,
            max,
            current: None,
        }
    }

    /// The wait before the next try, after one more failure.
    pub fn fail(&mut self) -> Duration {
        let next = match self.current {
            None => self.first,
            Some(d) => (d * 2).min(self.max),
        };
        self.current = Some(next);
        next.mul_f64(1.0 - 0.25 * spread())
    }

    pub fn reset(&mut self) {
        self.current = None;
    }

    pub fn is_failing(&self) -> bool {
        self.current.is_some()
    }
}

/// A number in [0, 1) that differs from call to call and from process to process.
fn spread() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(Instant::now().elapsed().as_nanos());
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Backoff bounds for the app: a first retry soon, then never more than every five minutes.
pub const FIRST_RETRY: Duration = Duration::from_secs(2);
pub const MAX_RETRY: Duration = Duration::from_secs(300);

impl Shipper {
    /// Start the worker. It tries at once, then after each nudge and every `config.every`.
    pub fn spawn(config: CentralConfig, open: OpenOutbox, lang: Lang) -> Self {
        Self::spawn_with(config, open, lang, Backoff::new(FIRST_RETRY, MAX_RETRY))
    }

    /// As [`spawn`](Self::spawn) with chosen backoff bounds (tests use short ones).
    pub fn spawn_with(
        config: CentralConfig,
        open: OpenOutbox,
        lang: Lang,
        backoff: Backoff,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let state = Arc::new(Mutex::new(ShipState::default()));
        let shared = Arc::clone(&state);
        let spawned = std::thread::Builder::new()
            .name(String::from("vejviser-central"))
            .spawn(move || {
                Worker {
                    config,
                    open,
                    lang,
                    backoff,
                    outbox: None,
                    session: None,
                    server: None,
                    state: shared,
                }
                .run(&rx)
            });
        if let Err(err) = spawned {
            let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
            s.problem = Some(err.to_string());
        }
        Shipper { tx, state }
    }

    /// A case was saved: ship soon (unless backing off). Returns at once.
    pub fn nudge(&self) {
        let _ = self.tx.send(Msg::Nudge);
    }

    /// The state as last published. Never waits for the network.
    pub fn state(&self) -> ShipState {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Wait (at most `limit`) until a round has shipped everything or failed, after a nudge.
    /// For line mode at its end, and for tests; the app never calls it.
    pub fn settle(&self, limit: Duration) -> ShipState {
        let before = self.state().rounds;
        self.nudge();
        let end = Instant::now() + limit;
        loop {
            let state = self.state();
            if state.rounds > before || Instant::now() >= end {
                return state;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Shipper {
    /// The worker ends after its current batch; a transaction it leaves open is rolled back
    /// by the server, and the cases go next time.
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Stop);
    }
}

struct Worker {
    config: CentralConfig,
    open: OpenOutbox,
    lang: Lang,
    backoff: Backoff,
    outbox: Option<Box<dyn Outbox>>,
    session: Option<Session>,
    /// The id of the server last reached, to count what waits while it is away.
    server: Option<String>,
    state: Arc<Mutex<ShipState>>,
}

impl Worker {
    fn run(mut self, rx: &Receiver<Msg>) {
        let mut next = Instant::now();
        loop {
            let wait = next.saturating_duration_since(Instant::now());
            match rx.recv_timeout(wait) {
                Ok(Msg::Nudge) if !self.backoff.is_failing() => next = Instant::now(),
                Ok(Msg::Nudge) | Err(RecvTimeoutError::Timeout) => {}
                Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            }
            if Instant::now() < next {
                continue;
            }
            next = Instant::now()
                + match self.round() {
                    Ok(()) => {
                        self.backoff.reset();
                        self.config.every
                    }
                    Err(_) => self.backoff.fail(),
                };
        }
    }

    /// Ship everything waiting, and publish the outcome.
    fn round(&mut self) -> Result<(), CentralError> {
        let result = self.ship();
        let waiting = self.count_waiting();
        let refused = self.count_refused();
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.rounds += 1;
        if let Some(waiting) = waiting {
            state.waiting = waiting;
        }
        if let Some(refused) = refused {
            state.refused = refused;
        }
        match &result {
            Ok(done) => {
                state.sent += done.sent;
                state.problem = None;
                if done.why_refused.is_some() {
                    state.why_refused.clone_from(&done.why_refused);
                }
            }
            Err(err) => state.problem = Some(err.message(self.lang)),
        }
        result.map(|_| ())
    }

    fn ship(&mut self) -> Result<Shipped, CentralError> {
        if self.outbox.is_none() {
            self.outbox = Some((self.open)()?);
        }
        if self.session.as_ref().is_none_or(Session::is_closed) {
            self.session = None;
            let password = self.config.password()?;
            let session = Session::open(&self.config.target, password.as_deref())?;
            self.server = Some(session.server().id.clone());
            self.session = Some(session);
        }
        let (Some(outbox), Some(session)) = (self.outbox.as_mut(), self.session.as_mut()) else {
            return Ok(Shipped::default());
        };
        match session.ship_all(outbox.as_mut(), self.config.batch) {
            Ok(done) => Ok(done),
            Err(err) => {
                // Start afresh next time: a fresh connection, and the log opened again.
                self.session = None;
                if matches!(err, CentralError::Log(_)) {
                    self.outbox = None;
                }
                Err(err)
            }
        }
    }

    fn count_waiting(&mut self) -> Option<usize> {
        let outbox = self.outbox.as_mut()?;
        outbox.waiting(self.server.as_deref()).ok()
    }

    fn count_refused(&mut self) -> Option<usize> {
        let (outbox, server) = (self.outbox.as_mut()?, self.server.as_deref()?);
        outbox.refused(server).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_cap_and_resets() {
        let mut b = Backoff::new(Duration::from_secs(2), Duration::from_secs(10));
        let waits: Vec<Duration> = (0..5).map(|_| b.fail()).collect();
        let bounds = [2, 4, 8, 10, 10];
        for (wait, high) in waits.iter().zip(bounds) {
            let high = Duration::from_secs(high);
            assert!(
                *wait <= high && *wait >= high.mul_f64(0.75),
                "{wait:?} vs {high:?}"
            );
        }
        assert!(b.is_failing());
        b.reset();
        assert!(!b.is_failing());
        assert!(b.fail() <= Duration::from_secs(2));
    }

    #[test]
    fn the_line_says_how_many_wait_and_why() {
        let state = ShipState {
            waiting: 3,
            problem: Some(String::from("den centrale server svarer ikke")),
            ..ShipState::default()
        };
        assert_eq!(
            state.line(Lang::Da).as_deref(),
            Some(
                "3 sager venter på at blive sendt til den centrale log: den centrale server svarer ikke"
            )
        );
        let one = ShipState {
            waiting: 1,
            ..state.clone()
        };
        assert!(
            one.line(Lang::Da)
                .is_some_and(|l| l.starts_with("1 sag venter "))
        );
        assert_eq!(ShipState::default().line(Lang::Da), None);
        // Refused cases are said while nothing else is wrong, with the reason when known.
        let refused = ShipState {
            refused: 2,
            why_refused: Some(String::from("cases_started_is_real")),
            ..ShipState::default()
        };
        assert_eq!(
            refused.line(Lang::En).as_deref(),
            Some(
                "2 cases were refused by the central server and will not be sent again; they stay in the local log: cases_started_is_real"
            )
        );
    }
}
