//! Diagnosis quality on the labelled set of real errors (`tests/diagnosis/`): Precision@1,
//! Precision@3, MRR and negatives left without a confident match, overall, per domain and for
//! real vs synthetic cases, for errkb and for a baseline that re-implements the public
//! deadends lookup's ranking, against the deadends corpus (when ../shared is present) and the
//! built-in KB; then the corpus's own `error_scenarios.json`.
//!
//! Run: `cargo bench --bench diagnosis` (add `-- --misses` to list the cases ranked wrong).

#[path = "../tests/eval/mod.rs"]
mod eval;

use errkb::diagnose::Diagnoser;
use errkb::kb::{Kb, Source};
use eval::metrics::{Ranking, Report};
use eval::{baseline, corpus_canons, load_cases, Case, Labels};

const LIMIT: usize = 10;

fn main() {
    let show_misses = std::env::args().any(|a| a == "--misses");
    let cases = load_cases();
    let real = cases.iter().filter(|c| !c.synthetic).count();
    println!("labelled set: {} cases ({real} real, {} synthetic)\n", cases.len(), cases.len() - real);
    match corpus_canons() {
        Some(canons) => {
            let kb = Kb::load(&[Source::Path(canons)]);
            evaluate("deadends corpus", &kb, &cases, Labels::Deadends, show_misses);
            scenarios(&kb);
        }
        None => println!("../shared/corpora/deadends is absent: skipping the corpus evaluation\n"),
    }
    evaluate("built-in KB", &Kb::builtin(), &cases, Labels::Builtin, show_misses);
}

fn evaluate(name: &str, kb: &Kb, cases: &[Case], labels: Labels, show_misses: bool) {
    let diagnoser = Diagnoser::new(kb);
    let ours = Report::new(cases, labels, |case| rank(kb, &diagnoser, &case.text));
    let theirs = Report::new(cases, labels, |case| baseline::rank(kb, &case.text, LIMIT));
    println!("## {name} ({} records)\n", kb.len());
    println!("| group | ranker | cases | P@1 | P@3 | MRR | negatives rejected |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    let row = |group: &str, ranker: &str, figures: &eval::metrics::Figures| {
        println!("| {group} | {ranker} | {} |", figures.row());
    };
    row("all", "errkb", &ours.overall);
    row("all", "baseline", &theirs.overall);
    row("real", "errkb", &ours.real);
    row("real", "baseline", &theirs.real);
    if ours.synthetic.positives + ours.synthetic.negatives > 0 {
        row("synthetic", "errkb", &ours.synthetic);
        row("synthetic", "baseline", &theirs.synthetic);
    }
    for (domain, figures) in &ours.by_domain {
        row(domain, "errkb", figures);
        row(domain, "baseline", &theirs.by_domain[domain]);
    }
    println!();
    if show_misses {
        for (case, expected, got) in &ours.misses {
            println!("miss: {case}: expected {expected}, got {got}");
        }
        println!();
    }
}

fn rank(kb: &Kb, diagnoser: &Diagnoser, text: &str) -> Ranking {
    let diagnosis = diagnoser.diagnose(kb, text, LIMIT);
    diagnosis.matches.iter().map(|m| (kb.records()[m.index].id.clone(), m.score)).collect()
}

fn scenarios(kb: &Kb) {
    let Some(canons) = corpus_canons() else { return };
    let path = canons.with_file_name("error_scenarios.json");
    let Ok(text) = std::fs::read_to_string(&path) else { return };
    let Ok(scenarios) = serde_json::from_str::<Vec<serde_json::Value>>(&text) else { return };
    let diagnoser = Diagnoser::new(kb);
    let in_domain = |ranking: Ranking, expected: &str| {
        ranking.first().and_then(|(id, _)| kb.by_id(id)).and_then(|r| r.domain.as_deref()) == Some(expected)
    };
    let (mut ours, mut theirs) = (0, 0);
    for scenario in &scenarios {
        let message = scenario["error_message"].as_str().unwrap_or("");
        let expected = scenario["expected_domain"].as_str().unwrap_or("");
        ours += usize::from(in_domain(rank(kb, &diagnoser, message), expected));
        theirs += usize::from(in_domain(baseline::rank(kb, message, LIMIT), expected));
    }
    println!(
        "error_scenarios.json (top match in the expected domain): errkb {ours}/{n}, baseline {theirs}/{n}\n",
        n = scenarios.len()
    );
}
