use std::process::ExitCode;

use vejviser::cli::output;

fn main() -> ExitCode {
    let mut cli = match vejviser::cli::parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(err) => return usage(&err),
    };
    if let Err(code) = cli.settle() {
        return code;
    }
    output::set_lang(cli.lang);
    let code = vejviser::cli::run(cli);
    output::flush_stdout();
    code
}

/// `--help` and `--version` go through the one output path (a full stdout is an error, not
/// lost output with exit 0); a usage error goes to stderr with exit 2, as clap would.
fn usage(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            if output::use_color() {
                output::write_stdout(format_args!("{}", err.render().ansi()));
            } else {
                output::write_stdout(format_args!("{}", err.render()));
            }
            output::flush_stdout();
            ExitCode::SUCCESS
        }
        _ => {
            output::write_stderr(format_args!("{}", err.render()));
            vejviser::cli::exit::Exit::Usage.into()
        }
    }
}
