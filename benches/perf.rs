//! `cargo bench --bench perf`: how fast errkb is at every KB size, against peers measured in
//! the same run on the same data, as one Markdown table (stdout; progress goes to stderr).
//!
//! KBs: the built-in one, the real public corpus when `../shared/corpora/deadends` is present,
//! and synthetic KBs of 2,500, 100,000 and 1,000,000 records (deterministic, generated once
//! into `$CARGO_TARGET_DIR/bench-kb/`, default `target/bench-kb/`). Search, diagnosis, the
//! one-shot CLI, memory and the TUI use the synthetic KBs as folders of one-record files; load
//! time is also measured on the same records as JSON Lines files of 25,000 records, at 100k and
//! 1M only when a projection from 1,250 and 2,500 records says it will finish within
//! [`LOAD_BUDGET_SECS`] (`ERRKB_BENCH_1M=0` skips 1M). Targets are those of issue 6.
//!
//! `ERRKB_BENCH_KB=100k` keeps only the KBs whose name contains that text (and skips the JSON
//! Lines rows): a focused run while working on one size. `ERRKB_BENCH_ONLY=diagnosis` (or
//! `keystrokes`, `matchers`, `cli`, `tui`) measures only that area.

mod measure;
mod support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use errkb::kb::Source;
use measure::table::{render, Row};
use measure::{cli, diagnosis, load, matchers, search, tui, Subject};
use support::records::{ensure_kb, Layout, SHARD};

/// The seed of every synthetic KB.
const SEED: u64 = 0x00E2_2B5E_ED00_0006;
/// A JSON Lines load projected to take longer than this is reported, not run.
const LOAD_BUDGET_SECS: f64 = 180.0;

fn main() -> std::io::Result<()> {
    let started = Instant::now();
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("bench-kb");
    std::fs::create_dir_all(&root)?;
    let mut subjects: Vec<(String, Source, Option<u64>)> = vec![("built-in".into(), Source::Builtin, None)];
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/deadends/canons");
    if real.is_dir() {
        subjects.push(("real 2,522 (deadends)".into(), Source::Path(real), None));
    } else {
        eprintln!("note: {} is absent: the real-corpus rows are skipped", real.display());
    }
    for (name, size) in [("synthetic 2.5k", 2_500), ("synthetic 100k", 100_000)] {
        subjects.push((name.into(), Source::Path(ensure_kb(&root, SEED, size, Layout::Files)?), Some(SEED)));
    }
    let only = std::env::var("ERRKB_BENCH_KB").ok();
    if let Some(only) = &only {
        subjects.retain(|(name, _, _)| name.contains(only.as_str()));
    }
    let area = std::env::var("ERRKB_BENCH_ONLY").ok();
    let measures = |name: &str| area.as_deref().is_none_or(|area| area == name);
    let mut rows: Vec<Row> = Vec::new();
    let mut todo: Vec<(String, String)> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (name, source, seed) in subjects {
        eprintln!("[{:>4.0}s] {name}: loading", started.elapsed().as_secs_f64());
        if area.is_none() {
            rows.push(load::load("`Kb::load`, folder of one-record files", &name, &source, 3));
        }
        let subject = Subject::new(&name, source, seed, &root)?;
        eprintln!("[{:>4.0}s] {name}: {} records", started.elapsed().as_secs_f64(), subject.kb.len());
        if measures("keystrokes") {
            let (keystroke_rows, by_length) = search::keystrokes(&subject);
            rows.extend(keystroke_rows);
            notes.extend(by_length);
        }
        if measures("matchers") {
            rows.extend(matchers::compare(&subject));
        }
        if measures("diagnosis") {
            eprintln!("[{:>4.0}s] {name}: diagnosis", started.elapsed().as_secs_f64());
            rows.extend(diagnosis::diagnose(&subject));
        }
        if measures("cli") {
            eprintln!("[{:>4.0}s] {name}: one-shot CLI and memory", started.elapsed().as_secs_f64());
            rows.extend(cli::one_shots(&subject));
            rows.extend(load::memory(&subject, true));
        }
        if todo.is_empty() && measures("tui") {
            match tui::first_frame(&subject) {
                Ok(row) => rows.push(row),
                Err(why) => todo.push(("TUI first frame".into(), why)),
            }
        }
    }
    if only.is_none() && area.is_none() {
        jsonl_loads(&root, &mut rows, &mut todo)?;
    }
    print_report(&rows, &todo, &notes);
    eprintln!("[{:>4.0}s] done", started.elapsed().as_secs_f64());
    Ok(())
}

/// Load time of JSON Lines KBs (and the binary's memory on them), where it is affordable.
fn jsonl_loads(root: &Path, rows: &mut Vec<Row>, todo: &mut Vec<(String, String)>) -> std::io::Result<()> {
    let measure = "`Kb::load`, JSON Lines (25k records a file)";
    let half = load::load(measure, "synthetic 1,250", &Source::Path(ensure_kb(root, SEED, 1_250, Layout::Jsonl)?), 1);
    let full = load::load(measure, "synthetic 2.5k", &Source::Path(ensure_kb(root, SEED, 2_500, Layout::Jsonl)?), 1);
    // Time per file grows as records_per_file^exponent; files load one after the other.
    let exponent = (full.ours.p50() / half.ours.p50()).log2().max(1.0);
    let per_shard = full.ours.p50() / 1e3 * (SHARD as f64 / 2_500.0).powf(exponent);
    eprintln!("  JSON Lines load grows as records^{exponent:.2} per file; a 25k-record file: ~{per_shard:.0} s");
    rows.extend([half, full]);
    let sizes: &[(&str, usize)] = match std::env::var("ERRKB_BENCH_1M").as_deref() {
        Ok("0") => &[("synthetic 100k", 100_000)],
        _ => &[("synthetic 100k", 100_000), ("synthetic 1M", 1_000_000)],
    };
    for &(name, size) in sizes {
        let projected = per_shard * size.div_ceil(SHARD) as f64;
        if projected > LOAD_BUDGET_SECS {
            let why = format!(
                "not run: projected {projected:.0} s (load time per file grows as records^{exponent:.2}: \
                 {:.0} ms for 1,250 records, {:.0} ms for 2,500)",
                rows[rows.len() - 2].ours.p50(),
                rows[rows.len() - 1].ours.p50()
            );
            todo.push((format!("{measure} and peak RSS, {name}"), why));
            continue;
        }
        let source = Source::Path(ensure_kb(root, SEED, size, Layout::Jsonl)?);
        rows.push(load::load(measure, name, &source, 1));
        let subject = Subject::new(name, source, Some(SEED), root)?;
        rows.extend(load::memory(&subject, false));
    }
    Ok(())
}

fn print_report(rows: &[Row], todo: &[(String, String)], notes: &[String]) {
    // Group the rows by measure, in the order measures first appear, so sizes sit together.
    let mut order: Vec<&str> = Vec::new();
    for row in rows {
        if !order.contains(&row.measure.as_str()) {
            order.push(&row.measure);
        }
    }
    let mut grouped: Vec<Row> = rows.to_vec();
    grouped.sort_by_key(|row| order.iter().position(|m| *m == row.measure));
    println!("{}", render(&grouped, todo));
    println!("Plain search per keystroke by query length (median ms, share of records that match):\n");
    println!("| KB | chars typed | p50 ms | records matching |\n|---|---:|---:|---:|");
    for note in notes {
        println!("{note}");
    }
}
