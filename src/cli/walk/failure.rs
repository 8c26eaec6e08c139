//! A walk that cannot go on: said on stderr, and for `--format json` also as a JSON object on
//! stdout (`{"error": {"code": ..., "message": ...}}`), with a non-zero exit.

use std::io::Write;
use std::process::ExitCode;

use super::plain::plain_symbols;
use crate::cli::exit::Exit;

pub struct Failure {
    /// A stable identifier for scripts: `unknown_guide`, `too_many_answers`, ...
    code: &'static str,
    message: String,
    exit: Exit,
}

impl Failure {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            exit: Exit::Findings,
        }
    }

    pub fn exit(mut self, code: Exit) -> Self {
        self.exit = code;
        self
    }

    pub fn report(self, json: bool, out: &mut dyn Write) -> std::io::Result<ExitCode> {
        errln!("{}", plain_symbols(&self.message));
        if json {
            let value = serde_json::json!({
                "error": {
                    "code": self.code,
                    "message": crate::text::visible(&self.message),
                }
            });
            writeln!(out, "{value:#}")?;
        }
        Ok(ExitCode::from(self.exit))
    }
}
