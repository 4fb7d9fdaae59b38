//! Diagnosis must not regress on the labelled set of real errors: floors on Precision@1 and on
//! negatives, against the built-in KB always and against the deadends corpus when ../shared is
//! present. The full figures, with the baseline, come from `cargo bench --bench diagnosis`.

mod eval;

use errkb::diagnose::Diagnoser;
use errkb::kb::{Kb, Source};
use eval::metrics::Report;
use eval::{corpus_canons, load_cases, Case, Labels};

fn report(kb: &Kb, cases: &[Case], labels: Labels) -> Report {
    let diagnoser = Diagnoser::new(kb);
    Report::new(cases, labels, |case| {
        let diagnosis = diagnoser.diagnose(kb, &case.text, 10);
        diagnosis.matches.iter().map(|m| (kb.records()[m.index].id.clone(), m.score)).collect()
    })
}

fn assert_floors(name: &str, report: &Report, p_at_1: f64, negatives: f64) {
    let figures = &report.overall;
    let rejected = figures.negatives_rejected as f64 / figures.negatives.max(1) as f64;
    let misses: Vec<String> = report.misses.iter().map(|(c, e, g)| format!("{c}: expected {e}, got {g}")).collect();
    assert!(
        figures.p_at_1() >= p_at_1 && rejected >= negatives,
        "{name}: P@1 {:.3} (floor {p_at_1}), negatives rejected {rejected:.2} (floor {negatives})\n{misses:#?}",
        figures.p_at_1()
    );
}

#[test]
fn ranking_on_the_builtin_kb_holds_its_floor() {
    let cases = load_cases();
    let report = report(&Kb::builtin(), &cases, Labels::Builtin);
    assert!(report.overall.positives >= 20, "the set labels at least 20 cases against the built-in KB");
    assert_floors("built-in KB", &report, 0.92, 0.9);
}

#[test]
fn ranking_on_the_deadends_corpus_holds_its_floor() {
    let Some(canons) = corpus_canons() else {
        eprintln!("SKIPPED: ../shared/corpora/deadends is not present next to the project");
        return;
    };
    let cases = load_cases();
    let report = report(&Kb::load(&[Source::Path(canons)]), &cases, Labels::Deadends);
    assert_floors("deadends corpus", &report, 0.85, 0.9);
}
