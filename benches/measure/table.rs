//! Samples, their median and 99th percentile, and the report table: every figure is printed
//! with a peer measured in the same run, the ratio to it, and the target with a verdict.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// What a row's numbers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Ms,
    Mb,
}

/// Measured values of one thing (milliseconds or megabytes).
#[derive(Debug, Clone, Default)]
pub struct Samples(Vec<f64>);

impl Samples {
    /// Adds a duration, in milliseconds.
    pub fn time(&mut self, elapsed: Duration) {
        self.0.push(elapsed.as_secs_f64() * 1e3);
    }

    /// Adds a raw value.
    pub fn push(&mut self, value: f64) {
        self.0.push(value);
    }

    /// Adds every sample of `other`.
    pub fn extend(&mut self, other: &Samples) {
        self.0.extend_from_slice(&other.0);
    }

    /// The number of samples.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The value below which `q` (0..1) of the samples lie (nearest rank).
    pub fn quantile(&self, q: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1]
    }

    /// The median.
    pub fn p50(&self) -> f64 {
        self.quantile(0.5)
    }

    /// The 99th percentile.
    pub fn p99(&self) -> f64 {
        self.quantile(0.99)
    }
}

/// Runs `f`, adding its duration to `samples`, and returns its result.
pub fn timed<T>(samples: &mut Samples, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    samples.time(start.elapsed());
    out
}

/// The target for a row.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// No target: context for the lead.
    None,
    /// Median and 99th percentile at most these values.
    Under { p50: f64, p99: f64 },
    /// The median at most this value.
    MedianUnder(f64),
    /// Faster (or leaner) than the peer: ratio below 1.
    BeatPeer,
}

/// One line of the report.
#[derive(Debug, Clone)]
pub struct Row {
    pub measure: String,
    pub kb: String,
    pub unit: Unit,
    pub ours: Samples,
    pub peer: String,
    pub theirs: Samples,
    pub target: Target,
}

impl Row {
    fn verdict(&self) -> &'static str {
        let (p50, p99) = (self.ours.p50(), self.ours.p99());
        let met = match self.target {
            Target::None => return "",
            Target::Under { p50: a, p99: b } => p50 <= a && p99 <= b,
            Target::MedianUnder(a) => p50 <= a,
            Target::BeatPeer => p50 < self.theirs.p50(),
        };
        if met {
            "met"
        } else {
            "**not met**"
        }
    }

    fn target_text(&self) -> String {
        let unit = self.unit_text();
        match self.target {
            Target::None => String::new(),
            Target::Under { p50, p99 } => format!("≤ {p50} / ≤ {p99} {unit}"),
            Target::MedianUnder(p50) => format!("≤ {p50} {unit}"),
            Target::BeatPeer => "ratio < 1".into(),
        }
    }

    fn unit_text(&self) -> &'static str {
        match self.unit {
            Unit::Ms => "ms",
            Unit::Mb => "MB",
        }
    }
}

/// A figure with a precision that suits its size.
fn figure(value: f64) -> String {
    match value {
        v if v.is_nan() => "–".into(),
        v if v >= 100.0 => format!("{v:.0}"),
        v if v >= 10.0 => format!("{v:.1}"),
        v if v >= 1.0 => format!("{v:.2}"),
        v => format!("{v:.3}"),
    }
}

/// The report as a Markdown table.
pub fn render(rows: &[Row], todo: &[(String, String)]) -> String {
    let mut out = String::from(
        "| measure | KB | n | p50 | p99 | unit | peer (same run) | peer p50 | ratio | target p50 / p99 | verdict |\n\
         |---|---|---:|---:|---:|---|---|---:|---:|---|---|\n",
    );
    for row in rows {
        let ratio = row.ours.p50() / row.theirs.p50();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.measure,
            row.kb,
            row.ours.len(),
            figure(row.ours.p50()),
            figure(row.ours.p99()),
            row.unit_text(),
            row.peer,
            figure(row.theirs.p50()),
            if ratio.is_finite() { format!("{ratio:.2}") } else { "–".into() },
            row.target_text(),
            row.verdict()
        );
    }
    for (measure, why) in todo {
        let _ = writeln!(out, "| {measure} | – | 0 | – | – | | {why} | – | – | | not measured |");
    }
    out
}
