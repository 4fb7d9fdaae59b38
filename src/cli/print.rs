//! Small printing helpers shared by the commands.

use std::io::{self, Write};

use crate::kb::Kb;

/// Load issues printed before a command's output, at most this many.
const MAX_ISSUES_SHOWN: usize = 10;

/// Prints the KB's load issues to `err` (a few, then a count), so nothing is lost silently.
pub fn load_issues(kb: &Kb, err: &mut dyn Write) -> io::Result<()> {
    for issue in kb.issues().iter().take(MAX_ISSUES_SHOWN) {
        writeln!(err, "errkb: {issue}")?;
    }
    let more = kb.issues().len().saturating_sub(MAX_ISSUES_SHOWN);
    if more > 0 {
        writeln!(err, "errkb: … and {more} more load issues (run `errkb validate` to list them all)")?;
    }
    Ok(())
}

/// A rate in 0..1 as a percentage.
pub fn percent(rate: f64) -> String {
    format!("{:.0}%", rate * 100.0)
}
