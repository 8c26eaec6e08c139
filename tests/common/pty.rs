//! The real binary in a pseudo-terminal (portable-pty), its output read through a `vt100`
//! terminal emulator: shared by the end-to-end tests. Tests wait for screen content, never for
//! a length of time.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;
/// Generous: CI machines are slow and busy. The tests wait for content, so a fast machine never
/// waits this long.
pub const DEADLINE: Duration = Duration::from_secs(10);

const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// A site file that sets nothing: the app behaves as with no site, without asking first.
pub const NEUTRAL_SITE: &str = "format = 1\n\n[site]\nid = \"ukendt-sted\"\n";

/// The binary running in a pseudo-terminal, with everything it wrote.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
    master: Option<Box<dyn MasterPty + Send>>,
    pub data_dir: TempDir,
}

impl Session {
    pub fn start() -> Session {
        Session::start_with(&[], tempfile::tempdir().unwrap())
    }

    /// Start with extra arguments, in a data folder of the caller's (kept after the session).
    pub fn start_with(args: &[&str], data_dir: TempDir) -> Session {
        Session::start_env(args, &[], data_dir)
    }

    /// Start with extra arguments and environment variables, at a desk whose site file sets
    /// nothing (so the first-run question is not asked; `start_first_run` asks it).
    pub fn start_env(args: &[&str], env: &[(&str, &str)], data_dir: TempDir) -> Session {
        let site = data_dir.path().join("site.toml");
        if !site.exists() {
            std::fs::write(&site, NEUTRAL_SITE).unwrap();
        }
        Session::spawn(args, env, data_dir)
    }

    /// Start as on a fresh install: no site file anywhere, so the app asks where it is used.
    pub fn start_first_run(args: &[&str], data_dir: TempDir) -> Session {
        Session::spawn(args, &[], data_dir)
    }

    fn spawn(args: &[&str], env: &[(&str, &str)], data_dir: TempDir) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_vejviser"));
        cmd.args(args);
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.env("VEJVISER_DATA_DIR", data_dir.path());
        // Never the developer's own site file.
        cmd.env("VEJVISER_CONFIG_DIR", data_dir.path().join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.cwd(data_dir.path());
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child may hold the terminal side, so reading ends when the child is gone.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut from_child = pair.master.try_clone_reader().unwrap();
        let reader = {
            let (parser, raw) = (Arc::clone(&parser), Arc::clone(&raw));
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match from_child.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                            parser.lock().unwrap().process(&buf[..n]);
                        }
                    }
                }
            })
        };
        let writer = pair.master.take_writer().unwrap();
        Session {
            child,
            writer: Some(writer),
            parser,
            raw,
            reader: Some(reader),
            master: Some(pair.master),
            data_dir,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
    }

    /// Wait until the screen satisfies `ready`; fail with the screen as it is if it never does.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                panic!("waited {DEADLINE:?} for {what}; the screen is:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("`{text}`"), |s| s.contains(text))
    }

    /// Wait for the process to end, then for the last of its output.
    pub fn wait_for_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "the program did not end within {DEADLINE:?}; the screen is:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let reader = self.reader.take().unwrap();
        while !reader.is_finished() {
            assert!(
                start.elapsed() < 2 * DEADLINE,
                "the terminal stayed open after the program ended"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        reader.join().unwrap();
        status
    }

    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// The terminal is as the program found it: every mode it turned on is off again, and the
    /// very last thing it wrote undoes the alternate screen and shows the cursor.
    pub fn assert_terminal_restored(&self) {
        let raw = self.raw();
        let entered = raw
            .rfind(ENTER_ALT)
            .expect("the app used the alternate screen");
        let left = raw
            .rfind(LEAVE_ALT)
            .unwrap_or_else(|| panic!("never left the alternate screen: {:?}", tail(&raw)));
        assert!(left > entered, "left the alternate screen before the end");
        let after = &raw[left + LEAVE_ALT.len()..];
        assert!(
            !after.is_empty() && after.replace(SHOW_CURSOR, "").is_empty(),
            "after leaving the alternate screen only `show cursor` may follow: {:?}",
            tail(&raw)
        );
        for mode in ["1000", "1002", "1003", "1006"] {
            let on = raw.rfind(&format!("\x1b[?{mode}h"));
            let off = raw.rfind(&format!("\x1b[?{mode}l"));
            assert!(
                on.is_some(),
                "mouse mode {mode} was never turned on: {:?}",
                tail(&raw)
            );
            assert!(off > on, "mouse mode {mode} is still on: {:?}", tail(&raw));
        }
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen());
        assert!(!screen.hide_cursor());
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn tail(raw: &str) -> &str {
    let from = raw.char_indices().rev().nth(200).map_or(0, |(i, _)| i);
    &raw[from..]
}
