//! The full-screen browser: live search, paste-to-diagnose, a bilingual detail pane, copying a
//! fix. Key -> [`action::Action`] (one [`keymap`] table, which also writes the help) ->
//! [`app::App::update`] -> [`action::Effect`], performed by the loop in [`run`]; drawing
//! ([`view`]) reads the state; searching and diagnosing run on the [`worker`] thread.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod events;
pub mod keymap;
pub mod opener;
pub mod run;
pub mod terminal;
pub mod text;
pub mod view;
pub mod worker;

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use crate::args::Args;
use app::Options;
use run::Outcome;

/// At most this much piped input is read (the diagnosis analyses less still).
const MAX_STDIN: u64 = 16 << 20;

/// Runs the browser (`errkb` without a subcommand).
pub fn main(args: &Args) -> ExitCode {
    let piped = match read_piped_stdin() {
        Ok(text) => text,
        Err(err) => return fail(&format!("reading stdin: {err}")),
    };
    let options = Options {
        lang: args.language(),
        print: args.tui.print,
        error: args.tui.error.clone().or(piped),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    match run::run(options, args.sources(), !args.tui.no_mouse) {
        Ok(Outcome::Quit) => ExitCode::SUCCESS,
        Ok(Outcome::Print(command)) => {
            let mut out = io::stdout().lock();
            match writeln!(out, "{command}").and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(err) => fail(&err.to_string()),
            }
        }
        Ok(Outcome::Signal(signal)) => ExitCode::from(128u8.saturating_add(u8::try_from(signal).unwrap_or(0))),
        Err(err) => fail(&format!("{err:#}")),
    }
}

fn fail(message: &str) -> ExitCode {
    let _ = writeln!(io::stderr(), "errkb: {message}");
    ExitCode::from(2)
}

/// The text piped to errkb (`cmd 2>&1 | errkb`), lossily decoded; `None` when stdin is a
/// terminal or the pipe was empty.
fn read_piped_stdin() -> io::Result<Option<String>> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    stdin.lock().take(MAX_STDIN).read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok((!text.trim().is_empty()).then_some(text))
}
