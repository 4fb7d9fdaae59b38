//! The non-interactive CLI: `diagnose`, `search`, `show`, `validate`, `stats`. Each command
//! writes to the given output and returns whether it found something (exit 0) or not (exit 1);
//! I/O and usage errors are the caller's exit 2. A closed pipe is not an error.

mod diagnose;
mod print;
mod search;
mod show;
mod stats;
mod validate;

use std::io::{self, Write};

use crate::args::{Args, Command};
use crate::kb::Kb;

/// Why a command could not run (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("{0}")]
    Usage(String),
}

impl CliError {
    /// Whether this is a closed pipe (`errkb ... | head`), which is not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Io(err) if err.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Whether a command found what it looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Found, valid: exit 0.
    Found,
    /// Nothing found, or problems found: exit 1.
    NotFound,
}

/// Runs `command` with the KB selected by `args`, writing results to `out` and notes to `err`.
pub fn run(command: &Command, args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, CliError> {
    let lang = args.language();
    if let Command::Validate { paths } = command {
        return Ok(validate::run(args, paths, out)?);
    }
    let kb = Kb::load(&args.sources());
    match command {
        Command::Diagnose { text, json, limit } => {
            print::load_issues(&kb, err)?;
            let text = diagnose::read_text(text.as_deref())?;
            Ok(diagnose::run(&kb, &text, *json, *limit, lang, out)?)
        }
        Command::Search { query, json, limit } => {
            print::load_issues(&kb, err)?;
            search::run(&kb, &query.join(" "), *json, *limit, out)
        }
        Command::Show { id, json } => {
            print::load_issues(&kb, err)?;
            Ok(show::run(&kb, id, *json, lang, out, err)?)
        }
        Command::Stats { json } => Ok(stats::run(&kb, *json, out)?),
        Command::Validate { .. } => unreachable!("handled above"),
    }
}
