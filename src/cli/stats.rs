//! `errkb stats [--json]`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::kb::{Kb, Severity};

use super::Outcome;

#[derive(Serialize)]
struct JsonStats {
    records: usize,
    load_errors: usize,
    load_warnings: usize,
    domains: BTreeMap<String, usize>,
}

/// Prints record count, load problems and per-domain counts.
pub fn run(kb: &Kb, json: bool, out: &mut dyn Write) -> io::Result<Outcome> {
    let warnings = kb.issues().iter().filter(|i| i.severity == Severity::Warning).count();
    let stats = JsonStats {
        records: kb.len(),
        load_errors: kb.error_count(),
        load_warnings: warnings,
        domains: kb.domain_counts().into_iter().collect(),
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &stats)?;
        writeln!(out)?;
    } else {
        writeln!(out, "records: {}", stats.records)?;
        writeln!(out, "load errors: {}", stats.load_errors)?;
        writeln!(out, "load warnings: {}", stats.load_warnings)?;
        writeln!(out, "domains: {}", stats.domains.len())?;
        for (domain, count) in &stats.domains {
            writeln!(out, "  {domain:<24} {count}")?;
        }
    }
    Ok(if stats.load_errors == 0 { Outcome::Found } else { Outcome::NotFound })
}
