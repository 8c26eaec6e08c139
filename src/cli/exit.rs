//! The exit codes of every subcommand, in one named set (README, "Exit codes").

use std::process::ExitCode;

/// How a run of `vejviser` ended, as scripts see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Done, nothing wrong.
    Ok = 0,
    /// The input is wrong (an invalid guide, a failed scenario, an answer that does not fit) or
    /// the work could not be done (output that cannot be written, a file that cannot be read).
    Findings = 1,
    /// The command was used wrongly: an unknown guide, options that cannot go together, a
    /// missing argument. Clap's own usage errors use the same code.
    Usage = 2,
    /// Input ended in the middle of a case (`walk`); the case is logged as abandoned.
    InputEnded = 3,
    /// A case could not be saved in the log (it went to the recovery file, or nowhere).
    NotSaved = 4,
}

/// Stopped by a signal (SIGHUP, SIGTERM, Ctrl-C): 128 plus its number, as shells report it.
pub fn signalled(signal: i32) -> i32 {
    128 + signal
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_as_documented() {
        let all = [
            Exit::Ok,
            Exit::Findings,
            Exit::Usage,
            Exit::InputEnded,
            Exit::NotSaved,
        ];
        let codes: Vec<u8> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes, [0, 1, 2, 3, 4]);
        assert_eq!(signalled(15), 143);
    }
}
