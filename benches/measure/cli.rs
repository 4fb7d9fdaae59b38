//! The release binary as a user runs it, one command at a time, against `fzf --filter` on the
//! same candidate lines: wall time per run, and peak memory (max RSS from `/usr/bin/time -v`).

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::diagnosis::trace;
use super::search::QUERIES;
use super::table::{Row, Samples, Target, Unit};
use super::Subject;
use crate::support::rng::Rng;

/// The release `errkb` binary cargo built for this benchmark.
pub const ERRKB: &str = env!("CARGO_BIN_EXE_errkb");

/// Runs `program args` with `stdin` from a file (or nothing), output discarded; its wall time.
pub fn run(program: &str, args: &[&str], stdin: Option<&Path>) -> Duration {
    let mut command = Command::new(program);
    command.args(args).stdout(Stdio::null()).stderr(Stdio::null()).stdin(input(stdin));
    let start = Instant::now();
    let status = command.status().unwrap_or_else(|err| panic!("cannot run {program}: {err}"));
    let elapsed = start.elapsed();
    // errkb and fzf exit 1 when nothing matches; 2 is an error.
    assert!(status.code().is_some_and(|c| c <= 1), "{program} {args:?} failed: {status}");
    elapsed
}

/// The peak resident memory of `program args`, in MB.
pub fn peak_rss_mb(program: &str, args: &[&str], stdin: Option<&Path>) -> f64 {
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(program)
        .args(args)
        .stdin(input(stdin))
        .stdout(Stdio::null())
        .output()
        .expect("/usr/bin/time runs (apt-get install time)");
    let report = String::from_utf8_lossy(&output.stderr);
    let kilobytes: f64 = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no max RSS in the report of {program}: {report}"));
    kilobytes / 1024.0
}

fn input(stdin: Option<&Path>) -> Stdio {
    match stdin {
        Some(path) => File::open(path).map(Stdio::from).expect("candidate lines were written"),
        None => Stdio::null(),
    }
}

/// Rows: `errkb search` and `errkb diagnose` one-shots against `fzf --filter`.
pub fn one_shots(subject: &Subject) -> Vec<Row> {
    let kb = subject.kb_arg();
    let lines = Some(subject.lines_path.as_path());
    let reps = subject.pick(5, 3);
    let (mut search, mut fzf_search) = (Samples::default(), Samples::default());
    for (query, _, _) in QUERIES.iter().filter(|(_, _, fzf_syntax)| *fzf_syntax) {
        for _ in 0..reps {
            search.time(run(ERRKB, &["--kb", &kb, "search", query], None));
            fzf_search.time(run("fzf", &["--filter", query], lines));
        }
    }
    let (mut diagnose, mut fzf_diagnose) = (Samples::default(), Samples::default());
    let mut rng = Rng::new(0xC11);
    for _ in 0..subject.pick(10, 5) * reps {
        let line = trace(subject, &mut rng, 1).error;
        diagnose.time(run(ERRKB, &["--kb", &kb, "diagnose", &line], None));
        fzf_diagnose.time(run("fzf", &["--filter", &line], lines));
    }
    let row = |measure: &str, ours, theirs| Row {
        measure: measure.into(),
        kb: subject.name.clone(),
        unit: Unit::Ms,
        ours,
        peer: "`fzf --filter` (same text) on the candidate lines".into(),
        theirs,
        target: Target::BeatPeer,
    };
    vec![
        row("`errkb search QUERY` one-shot CLI (load + index + search)", search, fzf_search),
        row("`errkb diagnose LINE` one-shot CLI (load + index + diagnose)", diagnose, fzf_diagnose),
    ]
}
