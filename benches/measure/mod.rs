//! The measurements of the benchmark, one module per area, over a [`Subject`]: a KB loaded in
//! this process plus the same KB as files for the release binary, and its candidate lines
//! (one line per record) for the peers.

pub mod cli;
pub mod diagnosis;
pub mod load;
pub mod matchers;
pub mod search;
pub mod table;
pub mod tui;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use errkb::kb::{Kb, Record, Source};

/// A KB under measurement.
pub struct Subject {
    /// Its name in the table (`built-in`, `2.5k`, ...).
    pub name: String,
    /// What `Kb::load` loads, and the `--kb` argument of the binary.
    pub source: Source,
    pub kb: Kb,
    /// The candidate lines, one per record, as written to `lines_path`.
    pub lines: Vec<String>,
    pub lines_path: PathBuf,
    /// The generator seed of a synthetic KB (`None` for built-in and real KBs).
    pub seed: Option<u64>,
    /// Whether the stress-case targets (100k) apply rather than the common-case ones.
    pub large: bool,
}

impl Subject {
    /// Loads `source` and writes its candidate lines below `dir`.
    pub fn new(name: &str, source: Source, seed: Option<u64>, dir: &Path) -> io::Result<Subject> {
        let kb = Kb::load(std::slice::from_ref(&source));
        let lines: Vec<String> = kb.records().iter().map(candidate_line).collect();
        let lines_path = dir.join(format!("lines-{}.txt", name.replace(['/', ' '], "_")));
        let mut out = BufWriter::new(fs::File::create(&lines_path)?);
        for line in &lines {
            writeln!(out, "{line}")?;
        }
        out.flush()?;
        let large = kb.len() >= 50_000;
        Ok(Subject { name: name.into(), source, kb, lines, lines_path, seed, large })
    }

    /// The `--kb` argument naming this KB.
    pub fn kb_arg(&self) -> String {
        match &self.source {
            Source::Builtin => "builtin".into(),
            Source::Path(path) => path.display().to_string(),
        }
    }

    /// A target that depends on the KB size: `small` for built-in/2.5k, `large` for 100k.
    pub fn pick<T>(&self, small: T, large: T) -> T {
        if self.large {
            large
        } else {
            small
        }
    }
}

/// The text a line-oriented finder sees of a record: id, signature, Chinese signature, aliases,
/// tags, domain and error code (the fields errkb's filter searches), on one line.
fn candidate_line(record: &Record) -> String {
    let mut parts: Vec<&str> = vec![&record.id];
    parts.extend(record.signature.as_deref());
    parts.extend(record.signature_zh.as_deref());
    parts.extend(record.aliases.iter().map(String::as_str));
    parts.extend(record.tags.iter().map(String::as_str));
    parts.extend(record.domain.as_deref());
    parts.extend(record.error_code.as_deref());
    parts.join(" ").replace(['\n', '\r'], " ")
}
