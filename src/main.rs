use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = vejviser::cli::Cli::parse();
    if cli.command.is_some() {
        quiet_broken_pipe();
    }
    vejviser::cli::run(cli)
}

/// `vejviser test guides | head` should stop quietly when `head` has read enough, as other
/// command-line tools do, instead of failing on a closed pipe.
fn quiet_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action for SIGPIPE before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
