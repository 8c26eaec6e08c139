//! A long paste on the first-run site screen must not stall the keys after it. crossterm's
//! default reader registers the terminal edge-triggered and read one 1 KiB chunk per wake-up,
//! so the rest of a 4,800-character paste stayed in the terminal until the next key, and
//! Ctrl-C (behind the paste) never arrived: the app did not quit. Both ways a paste can come —
//! as plain keys, and bracketed by the terminal — are tried, each in a real pseudo-terminal.

#![cfg(unix)]

use crate::common::pty::Session;

/// About 4,800 characters of ordinary words, none of them a key that acts on the site screen
/// (no digits, `q`, `j`, `k`, `!`, space or line break): only the paste's size matters.
fn long_text() -> String {
    let words = [
        "borger",
        "ansøgning",
        "hjælp",
        "mitid",
        "post",
        "fritagelse",
    ];
    let mut text = String::new();
    for word in words.iter().cycle() {
        if text.chars().count() >= 4_800 {
            break;
        }
        text.push_str(word);
        text.push(',');
    }
    text
}

fn ctrl_c_quits_after(paste: &[u8]) {
    let mut session = Session::start_first_run(&[], tempfile::tempdir().unwrap());
    session.wait_for_text("Hvor bruges vejviser?");
    session.send(paste);
    session.send(&[0x03]);
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {}", status.exit_code());
    session.assert_terminal_restored();
}

#[test]
fn ctrl_c_quits_after_a_long_paste_typed_as_keys() {
    ctrl_c_quits_after(long_text().as_bytes());
}

#[test]
fn ctrl_c_quits_after_a_long_bracketed_paste() {
    let paste = format!("\x1b[200~{}\x1b[201~", long_text());
    ctrl_c_quits_after(paste.as_bytes());
}
