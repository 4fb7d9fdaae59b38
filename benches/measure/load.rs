//! Loading: `Kb::load` in this process against parsing every record into a
//! `serde_json::Value` (parse only, not kept: a lower bound for an untyped loader), and the
//! peak memory of the release binary's one-shot commands against fzf holding the same lines.

use std::fs;
use std::path::Path;

use errkb::kb::{Kb, Source};

use super::cli::{peak_rss_mb, ERRKB};
use super::diagnosis::trace;
use super::table::{timed, Row, Samples, Target, Unit};
use super::Subject;
use crate::support::rng::Rng;

/// Rows: load time against untyped parsing.
pub fn load(measure: &str, name: &str, source: &Source, reps: usize) -> Row {
    let (mut ours, mut theirs) = (Samples::default(), Samples::default());
    for _ in 0..reps {
        let kb = timed(&mut ours, || Kb::load(std::slice::from_ref(source)));
        let values = timed(&mut theirs, || parse_untyped(source));
        assert_eq!(kb.len(), values, "typed and untyped loads disagree on the record count");
    }
    Row {
        measure: measure.into(),
        kb: name.into(),
        unit: Unit::Ms,
        ours,
        peer: "`serde_json::Value` parse of every record (not kept)".into(),
        theirs,
        target: Target::None,
    }
}

/// Parses every record of `source` into a `Value`; the number of records.
fn parse_untyped(source: &Source) -> usize {
    match source {
        Source::Builtin => errkb::kb::builtin::FILES.iter().map(|(name, text)| count_values(name, text)).sum(),
        Source::Path(path) => files(path)
            .iter()
            .map(|f| count_values(&f.to_string_lossy(), &fs::read_to_string(f).unwrap_or_default()))
            .sum(),
    }
}

fn count_values(name: &str, text: &str) -> usize {
    let parse = |t: &str| match serde_json::from_str::<serde_json::Value>(t) {
        Ok(serde_json::Value::Array(items)) => items.len(),
        Ok(_) => 1,
        Err(_) => 0,
    };
    if name.ends_with(".jsonl") {
        text.lines().filter(|l| !l.trim().is_empty()).map(parse).sum()
    } else {
        parse(text)
    }
}

fn files(path: &Path) -> Vec<std::path::PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut found: Vec<_> = fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .flat_map(|e| files(&e.path()))
        .filter(|f| matches!(f.extension().and_then(|e| e.to_str()), Some("json" | "jsonl" | "txt")))
        .collect();
    found.sort();
    found
}

/// Rows: peak memory of `stats`, `search` and `diagnose` one-shots against `fzf --filter`.
pub fn memory(subject: &Subject, commands: bool) -> Vec<Row> {
    let kb = subject.kb_arg();
    let line = trace(subject, &mut Rng::new(0x3E3), 1).error;
    let mut all: Vec<(&str, Vec<&str>)> = vec![("peak RSS: `errkb stats` (load only)", vec!["--kb", &kb, "stats"])];
    if commands {
        all.push(("peak RSS: `errkb search` (load + search index)", vec!["--kb", &kb, "search", "connrefused"]));
        all.push(("peak RSS: `errkb diagnose` (load + diagnoser)", vec!["--kb", &kb, "diagnose", &line]));
    }
    let mut theirs = Samples::default();
    theirs.push(peak_rss_mb("fzf", &["--filter", "connrefused"], Some(&subject.lines_path)));
    all.into_iter()
        .map(|(measure, args)| {
            let mut ours = Samples::default();
            ours.push(peak_rss_mb(ERRKB, &args, None));
            Row {
                measure: measure.into(),
                kb: subject.name.clone(),
                unit: Unit::Mb,
                ours,
                peer: "`fzf --filter` on the candidate lines".into(),
                theirs: theirs.clone(),
                target: Target::MedianUnder(subject.pick(60.0, 600.0)),
            }
        })
        .collect()
}
