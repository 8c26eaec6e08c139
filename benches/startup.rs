//! Start-up to the first frame, measured as a person sees it: the release binary starts in a
//! pseudo-terminal on the built-in guides, and the clock stops when the picker's title has been
//! written to the terminal. Run with `cargo bench --bench startup`.

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const RUNS: usize = 30;
/// Written by the first frame (the picker's title).
const MARKER: &str = "Vælg en guide";

fn main() {
    if !cfg!(unix) {
        println!("startup: measured on Unix only");
        return;
    }
    let data = tempfile::tempdir().expect("temp dir");
    let mut times: Vec<Duration> = (0..RUNS).map(|_| first_frame(data.path())).collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "startup to first frame over {RUNS} runs: median {:.1} ms, fastest {:.1} ms, p90 {:.1} ms, slowest {:.1} ms",
        ms(times[RUNS / 2]),
        ms(times[0]),
        ms(times[RUNS * 9 / 10]),
        ms(times[RUNS - 1])
    );
}

fn first_frame(data: &std::path::Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_vejviser"));
    cmd.env("VEJVISER_DATA_DIR", data);
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut seen = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let elapsed = loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => panic!("the program ended before its first frame"),
            Ok(n) => {
                seen.extend_from_slice(&buf[..n]);
                if String::from_utf8_lossy(&seen).contains(MARKER) {
                    break started.elapsed();
                }
            }
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    elapsed
}
