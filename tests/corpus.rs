//! The real public KB in ../shared (about 2,522 records in the nested deadends format):
//! it all loads, and its own lookup scenarios are diagnosed. Skips when ../shared is absent.

mod util;

use util::{corpus, json, run};

/// The corpus folder, or `None` after saying the test is skipped.
fn corpus_or_skip() -> Option<std::path::PathBuf> {
    let found = corpus();
    if found.is_none() {
        eprintln!("SKIPPED: ../shared/corpora/deadends is not present next to the project");
    }
    found
}

/// The corpus's records, loaded as `--kb ../shared/corpora/deadends/canons` would.
fn corpus_kb() -> Option<errkb::kb::Kb> {
    Some(errkb::kb::Kb::load(&[errkb::kb::Source::Path(corpus_or_skip()?.join("canons"))]))
}

#[test]
fn the_deadends_corpus_loads_without_errors_and_its_scenarios_are_diagnosed() {
    let Some(corpus) = corpus_or_skip() else { return };
    let canons = corpus.join("canons").display().to_string();
    let stats = json(&run(&["--kb", &canons, "stats", "--json"], b""));
    assert_eq!(stats["load_errors"], 0, "{stats}");
    assert!(stats["records"].as_u64().unwrap() >= 2500, "{stats}");

    let scenarios: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.join("error_scenarios.json")).unwrap()).unwrap();
    let scenarios = scenarios.as_array().unwrap();
    let mut in_domain = 0;
    for scenario in scenarios {
        let message = scenario["error_message"].as_str().unwrap();
        let report = json(&run(&["--kb", &canons, "diagnose", "--json", message], b""));
        let top = &report["matches"][0]["domain"];
        if top == &scenario["expected_domain"] {
            in_domain += 1;
        } else {
            eprintln!("miss: {message:?} -> {top}");
        }
    }
    let share = in_domain as f64 / scenarios.len() as f64;
    eprintln!(
        "error_scenarios.json: top match in the expected domain for {in_domain}/{} ({:.0}%)",
        scenarios.len(),
        share * 100.0
    );
    assert!(share >= 0.8, "only {in_domain}/{} scenarios found their domain", scenarios.len());
}

/// The prefilter on the real corpus's patterns (case-insensitive fragments, alternations,
/// `.*` joins): diagnosing every 8th record's signature, and a trace of several of them, gives
/// what running every regex gives.
#[test]
fn the_prefilter_loses_no_match_of_the_corpus_patterns() {
    let Some(kb) = corpus_kb() else { return };
    let diagnoser = errkb::diagnose::Diagnoser::new(&kb);
    let signatures: Vec<&str> = kb.records().iter().step_by(8).filter_map(|r| r.signature.as_deref()).collect();
    let trace = signatures.iter().step_by(7).copied().collect::<Vec<_>>().join("\n");
    for text in signatures.iter().copied().chain([trace.as_str()]) {
        let fast = diagnoser.diagnose(&kb, text, 10);
        let reference = diagnoser.diagnose_unfiltered(&kb, text, 10);
        let ids = |d: &errkb::diagnose::Diagnosis| d.matches.iter().map(|m| (m.index, m.score)).collect::<Vec<_>>();
        assert_eq!(ids(&fast), ids(&reference), "{text:?}");
    }
}

/// Patterns compiled for ASCII text (classes and case folding limited to ASCII, several times
/// faster to compile) find exactly what the Unicode ones find in ASCII text, on the corpus's
/// patterns: in their own signatures and aliases, and in a trace of many signatures.
#[test]
fn ascii_compiled_corpus_patterns_find_what_unicode_ones_find() {
    use errkb::kb::{Haystack, Pattern};
    let Some(kb) = corpus_kb() else { return };
    let ascii = |text: &&str| text.is_ascii();
    let trace: String = kb
        .records()
        .iter()
        .filter_map(|r| r.signature.as_deref())
        .filter(ascii)
        .step_by(5)
        .collect::<Vec<_>>()
        .join("\n");
    let mut compared = 0;
    for record in kb.records().iter().step_by(4) {
        let Some(source) = record.regex.as_deref() else { continue };
        let (Ok(unicode), Ok(fast)) = (Pattern::compile(source), Pattern::compile_for(source, Haystack::Ascii)) else {
            continue;
        };
        let own = record.signature.iter().chain(&record.aliases).map(String::as_str);
        for text in own.chain([trace.as_str()]).filter(ascii) {
            assert_eq!(fast.find(text), unicode.find(text), "{source:?} in {text:?}");
            compared += 1;
        }
    }
    assert!(compared > 500, "only {compared} comparisons");
}
