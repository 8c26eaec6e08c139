use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    vejviser::cli::run(vejviser::cli::Cli::parse())
}
