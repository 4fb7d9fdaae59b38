//! `errkb validate [PATH...]`: lints KB files; exits 1 when it finds errors.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::args::Args;
use crate::kb::validate::validate;
use crate::kb::{Kb, Severity, Source};

use super::Outcome;

/// Validates `paths` (the KB selected by `args` when empty) and prints every problem.
pub fn run(args: &Args, paths: &[PathBuf], out: &mut dyn Write) -> io::Result<Outcome> {
    let sources =
        if paths.is_empty() { args.sources() } else { paths.iter().map(|p| Source::Path(p.clone())).collect() };
    let kb = Kb::load(&sources);
    let issues = validate(&kb);
    for issue in &issues {
        writeln!(out, "{issue}")?;
    }
    let errors = issues.iter().filter(|i| i.severity == Severity::Error).count();
    let warnings = issues.len() - errors;
    writeln!(out, "{} records checked: {errors} errors, {warnings} warnings", kb.len())?;
    Ok(if errors == 0 { Outcome::Found } else { Outcome::NotFound })
}
