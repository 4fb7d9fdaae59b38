//! The `errkb` binary: parses arguments, runs a CLI command or the TUI, maps the outcome to an
//! exit code (0 found/valid, 1 nothing found/problems, 2 error) and treats a closed pipe as
//! success.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use errkb::args::Args;
use errkb::cli::{self, Outcome};

fn main() -> ExitCode {
    let args = Args::parse();
    let Some(command) = &args.command else {
        return errkb::tui::main(&args);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result =
        cli::run(command, &args, &mut out, &mut io::stderr()).and_then(|outcome| Ok(out.flush().map(|_| outcome)?));
    match result {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NotFound) => ExitCode::from(1),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "errkb: {err}");
            ExitCode::from(2)
        }
    }
}
