//! Diagnosis of fresh pasted text: each trace is new (new values, a new mix of records), and is
//! diagnosed once, so lazily compiled regexes are paid for as a user would pay for them.
//! Peer: nucleo-matcher filtering the candidate lines with the trace's error line, what a
//! fuzzy finder offers someone who pastes an error. For KBs small enough to compile every
//! regex, the prefilter is also compared with running every regex.

use std::time::Instant;

use nucleo_matcher::{Config, Matcher, Utf32String};

use errkb::diagnose::Diagnoser;
use errkb::kb::Kb;

use super::search::nucleo_filter;
use super::table::{timed, Row, Samples, Target, Unit};
use super::Subject;
use crate::support::rng::Rng;
use crate::support::spec::Spec;
use crate::support::traces;
use crate::support::vocab::{Flavor, DOMAINS};

const NUCLEO_LINE: &str = "nucleo-matcher, the error line as query over all lines";

/// A pasted text and the error line in it.
pub struct Trace {
    pub text: String,
    pub error: String,
}

/// Rows: `Diagnoser::new`, fresh 1-line and 100-line traces, and the prefilter's gain.
pub fn diagnose(subject: &Subject) -> Vec<Row> {
    let kb = &subject.kb;
    let mut build = Samples::default();
    let mut load = Samples::default();
    let mut diagnoser = None;
    for _ in 0..subject.pick(5, 2) {
        timed(&mut load, || Kb::load(std::slice::from_ref(&subject.source)));
        diagnoser = Some(timed(&mut build, || Diagnoser::new(kb)));
    }
    let diagnoser = diagnoser.expect("built at least once");
    let haystacks: Vec<Utf32String> = subject.lines.iter().map(|l| Utf32String::from(l.as_str())).collect();
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut rng = Rng::new(0xD1A6);
    let count = subject.pick(60, 30);
    let row = |measure: &str, ours: Samples, peer: &str, theirs: Samples, target| Row {
        measure: measure.into(),
        kb: subject.name.clone(),
        unit: Unit::Ms,
        ours,
        peer: peer.into(),
        theirs,
        target,
    };
    let mut rows = vec![row(
        "`Diagnoser::new` (prefilter + similarity index)",
        build,
        "`Kb::load` of the same KB",
        load,
        Target::None,
    )];
    for (lines, name) in [(1, "diagnose a fresh 1-line trace"), (100, "diagnose a fresh 100-line trace")] {
        let (mut ours, mut theirs) = (Samples::default(), Samples::default());
        let traces: Vec<Trace> = (0..count).map(|_| trace(subject, &mut rng, lines)).collect();
        for trace in &traces {
            let diagnosis = timed(&mut ours, || diagnoser.diagnose(kb, &trace.text, 10));
            assert!(diagnosis.matches.len() <= 10);
            timed(&mut theirs, || nucleo_filter(&mut matcher, &haystacks, &trace.error));
        }
        let target =
            if lines == 100 { subject.pick(Target::MedianUnder(5.0), Target::MedianUnder(50.0)) } else { Target::None };
        rows.push(row(name, ours, NUCLEO_LINE, theirs.clone(), target));
        if lines == 100 {
            // The same traces again: their regexes are compiled now, so this is the matching alone.
            let mut warm = Samples::default();
            for trace in &traces {
                timed(&mut warm, || diagnoser.diagnose(kb, &trace.text, 10));
            }
            rows.push(row(
                "diagnose the same 100-line traces again (regexes compiled)",
                warm,
                NUCLEO_LINE,
                theirs,
                Target::None,
            ));
        }
    }
    if !subject.large {
        rows.push(prefilter_gain(subject, &diagnoser, &mut rng));
    }
    rows
}

/// Prefiltered against every regex, both with every regex already compiled.
fn prefilter_gain(subject: &Subject, diagnoser: &Diagnoser, rng: &mut Rng) -> Row {
    let start = Instant::now();
    diagnoser.diagnose_unfiltered(&subject.kb, "warm-up: compile every regex", 1);
    eprintln!("  compiling every regex of {}: {:.0} ms", subject.name, start.elapsed().as_secs_f64() * 1e3);
    let (mut ours, mut theirs) = (Samples::default(), Samples::default());
    for _ in 0..30 {
        let trace = trace(subject, rng, 100);
        timed(&mut ours, || diagnoser.diagnose(&subject.kb, &trace.text, 10));
        timed(&mut theirs, || diagnoser.diagnose_unfiltered(&subject.kb, &trace.text, 10));
    }
    Row {
        measure: "diagnose a 100-line trace, regexes compiled (prefilter gain)".into(),
        kb: subject.name.clone(),
        unit: Unit::Ms,
        ours,
        peer: "the same, running every record's regex".into(),
        theirs,
        target: Target::None,
    }
}

/// A fresh trace of a random record of the subject's KB.
pub fn trace(subject: &Subject, rng: &mut Rng, lines: usize) -> Trace {
    let (error, flavor, noise) = match subject.seed {
        Some(seed) => {
            let spec = Spec::new(seed, rng.below(subject.kb.len()));
            let noise = Spec::new(seed, rng.below(subject.kb.len())).render(rng);
            (spec.render(rng), spec.flavor, noise)
        }
        None => {
            let (error, domain) = fresh_signature(&subject.kb, rng);
            (error, flavor_of(&domain), fresh_signature(&subject.kb, rng).0)
        }
    };
    let text = if lines == 1 {
        traces::one_line(error.clone(), rng)
    } else {
        traces::long(error.clone(), flavor, &noise, rng, lines)
    };
    Trace { text, error }
}

/// The first line of a random record's signature with new numbers, and the record's domain.
fn fresh_signature(kb: &Kb, rng: &mut Rng) -> (String, String) {
    loop {
        let record = &kb.records()[rng.below(kb.len())];
        let Some(signature) = record.signature.as_deref().and_then(|s| s.lines().next()) else { continue };
        let fresh = signature
            .chars()
            .map(|c| if c.is_ascii_digit() { char::from(b'0' + rng.below(10) as u8) } else { c })
            .collect();
        return (fresh, record.domain.clone().unwrap_or_default());
    }
}

/// The flavor of a domain name of any KB, for laying out its traces; unknown domains are `Cli`.
fn flavor_of(domain: &str) -> Flavor {
    DOMAINS.iter().find(|(name, _)| *name == domain).map_or(Flavor::Cli, |(_, flavor)| *flavor)
}
