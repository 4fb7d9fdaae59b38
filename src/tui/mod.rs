//! The full-screen browser (not built yet: prints help meanwhile).

use std::process::ExitCode;

use clap::CommandFactory;

use crate::args::Args;

/// Runs the TUI.
pub fn main(_args: &Args) -> ExitCode {
    let _ = Args::command().print_help();
    ExitCode::SUCCESS
}
