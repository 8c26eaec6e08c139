//! The real terminal: raw mode, alternate screen and mouse on entry; all of it undone on every
//! way out — normal quit, error, panic, Ctrl-C, SIGTERM, and SIGHUP from a closed window.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::app::App;
use super::keys::{self, Action};
use super::view;

/// How long to wait for input before checking signals again. Short enough that a closed window
/// ends the process well within a second.
const TICK: Duration = Duration::from_millis(100);

/// How long crossterm may take to read input that is already waiting.
const READ_NOW: Duration = Duration::from_millis(1);

/// The longest a burst of input goes without a redraw.
const FRAME: Duration = Duration::from_millis(50);

/// Undo every terminal mode this program turns on. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = out.flush();
}

/// Restores the terminal when dropped, whatever the reason the scope ends.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Restore the terminal before the panic message is printed, then say what to do.
fn install_panic_hook(data_dir: String) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        eprintln!(
            "\nvejviser stoppede på grund af en fejl i programmet. Sager, der allerede er gemt, er \
             stadig gemt.\nvejviser stopped because of a fault in the program. Cases already saved \
             stay saved.\nData: {data_dir}\nSend teksten herunder til den, der passer vejviser. / \
             Send the text below to whoever looks after vejviser.\n"
        );
        previous(info);
    }));
}

/// Requests to stop that arrive as signals (kill, a closed window).
struct StopFlag(Arc<AtomicBool>);

impl StopFlag {
    fn register() -> Self {
        let flag = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
            signal_hook::consts::SIGQUIT,
        ] {
            let _ = signal_hook::flag::register(signal, Arc::clone(&flag));
        }
        StopFlag(flag)
    }

    fn raised(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Last resort: if the main loop has not ended a few seconds after a stop signal (stuck in
    /// a terminal library call), end the process rather than spin on a closed terminal.
    fn start_watchdog(&self) {
        let flag = Arc::clone(&self.0);
        std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(TICK);
            }
            std::thread::sleep(Duration::from_secs(3));
            std::process::exit(1);
        });
    }
}

/// Run the app until it quits. `after_update` is called after every change of state, so cases
/// that ended are handed to the log at once, and on every quiet tick, to take in what the log
/// reported; it returns whether that changed the screen.
pub fn run(
    app: &mut App,
    data_dir: &str,
    after_update: &mut dyn FnMut(&mut App) -> bool,
) -> io::Result<()> {
    install_panic_hook(data_dir.to_string());
    let stop = StopFlag::register();
    stop.start_watchdog();
    enable_raw_mode()?;
    let guard = Guard;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let result = event_loop(app, &mut terminal, &stop, after_update);
    // Whatever ended the loop, open cases are logged as abandoned before we leave.
    app.shutdown();
    let _ = after_update(app);
    // The guard restores the terminal. ratatui's own drop would try again and print its
    // failure with `eprintln!`, which panics when the window is gone, and a panic here would
    // take the cases still being written with it.
    std::mem::forget(terminal);
    drop(guard);
    result
}

fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    stop: &StopFlag,
    after_update: &mut dyn FnMut(&mut App) -> bool,
) -> io::Result<()> {
    // Draw only when something changed: an idle app costs no CPU beyond a wake-up per tick.
    let mut dirty = true;
    // A click read during a burst of input, to handle once the screen is drawn.
    let mut held = None;
    // Fault injection for the end-to-end tests: prove that a panic in the UI restores the
    // terminal and keeps saved cases. Set only by tests; nothing else reads it.
    let panic_on_key = std::env::var_os("VEJVISER_FAULT").is_some_and(|v| v == "panic-on-f12");
    loop {
        if dirty {
            terminal.draw(|frame| view::render(app, frame))?;
            dirty = false;
        }
        if app.quit || stop.raised() {
            return Ok(());
        }
        // Events crossterm has read and parsed, or can read now. A short timeout: crossterm is
        // never left waiting on a terminal that may close under it (crossterm#793 spins there
        // forever); not zero, as the level-triggered reader reads nothing with a zero timeout.
        let waiting = match held.take() {
            Some(event) => Some(event),
            None if event::poll(READ_NOW)? => Some(event::read()?),
            None => None,
        };
        if let Some(first) = waiting {
            held = handle_burst(app, first, stop, panic_on_key, after_update)?;
            dirty = true;
            continue;
        }
        match wait_for_input(TICK) {
            Input::Closed => return Ok(()),
            Input::Ready => {}
            // What the log's thread reported (a case saved, or not) shows within a tick.
            Input::Idle => dirty = after_update(app),
        }
    }
}

/// Take in the events that are waiting, then draw once: a pasted page is thousands of key
/// events, and a redraw after each kept a Ctrl-C behind them waiting for seconds. The screen
/// is still drawn every frame of a long burst. A click after other events is held back until
/// the screen is drawn, as it acts on the regions the last drawing recorded; it is returned.
fn handle_burst(
    app: &mut App,
    first: Event,
    stop: &StopFlag,
    panic_on_key: bool,
    after_update: &mut dyn FnMut(&mut App) -> bool,
) -> io::Result<Option<Event>> {
    let started = Instant::now();
    let mut next = first;
    loop {
        handle(app, next, panic_on_key, after_update);
        if app.quit || stop.raised() || started.elapsed() > FRAME || !event::poll(READ_NOW)? {
            return Ok(None);
        }
        next = event::read()?;
        if is_click(&next) {
            return Ok(Some(next));
        }
    }
}

fn is_click(event: &Event) -> bool {
    matches!(event, Event::Mouse(m) if m.kind == MouseEventKind::Down(MouseButton::Left))
}

fn handle(
    app: &mut App,
    event: Event,
    panic_on_key: bool,
    after_update: &mut dyn FnMut(&mut App) -> bool,
) {
    let action = match event {
        Event::Key(key) if panic_on_key && key.code == event::KeyCode::F(12) => injected_panic(),
        Event::Key(key) => keys::action(app.mode(), key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Down),
            MouseEventKind::ScrollUp => Some(Action::Up),
            _ => None,
        },
        _ => None,
    };
    if let Some(action) = action {
        app.update(action);
        let _ = after_update(app);
    }
}

enum Input {
    Ready,
    Idle,
    /// The terminal is gone (a closed window): stop, save, leave.
    Closed,
}

/// Wait for the terminal to have input, ourselves, so a hung-up terminal is seen as closed
/// instead of as endless empty input.
#[cfg(unix)]
fn wait_for_input(timeout: Duration) -> Input {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    // SAFETY: one valid pollfd, for the duration of the call.
    let ready = unsafe { libc::poll(&mut fds, 1, ms) };
    if ready <= 0 {
        // Timeout, or a signal interrupted the wait: the loop checks the stop flag next.
        return Input::Idle;
    }
    if fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Input::Closed
    } else {
        Input::Ready
    }
}

#[cfg(not(unix))]
fn wait_for_input(timeout: Duration) -> Input {
    match event::poll(timeout) {
        Ok(true) => Input::Ready,
        Ok(false) => Input::Idle,
        Err(_) => Input::Closed,
    }
}

#[allow(clippy::panic)]
fn injected_panic() -> ! {
    panic!("fault injected by VEJVISER_FAULT")
}
