//! Property tests: the fast paths return exactly what the plain paths return, on generated KBs
//! (the benchmark's generator, `benches/support/`) with random queries and traces from a
//! seeded PRNG, so a failure is reproducible from the printed case.
//!
//! - Narrowing: whenever a query `narrows` the previous one, searching only the previous hits
//!   gives the same hits, in the same order, as searching every record.
//! - Lazy ranking: the rows of a `Ranking` (as the browser gets it, narrowed as it narrows),
//!   asked for in any order, are the hits of a full search, in the same order.
//! - Prefilter: diagnosis that runs only the regexes the Aho-Corasick prefilter selects equals
//!   diagnosis that runs every record's regex.

#[path = "../benches/support/mod.rs"]
mod support;

use std::sync::Arc;

use errkb::diagnose::{Diagnoser, Diagnosis, Match};
use errkb::fix::Fill;
use errkb::kb::{Kb, Source};
use errkb::search::{rank, search, search_all, Hit, Query, Ranking, SearchIndex};
use support::records::{ensure_kb, Layout};
use support::rng::Rng;
use support::spec::Spec;
use support::traces;
use support::vocab::PHRASES;

const SEED: u64 = 0x0E9A_15EE;
const RECORDS: usize = 400;

/// A generated KB (one file per record, in a temporary folder).
fn generated_kb() -> Kb {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = ensure_kb(dir.path(), SEED, RECORDS, Layout::Files).expect("the KB is written");
    let kb = Kb::load(&[Source::Path(path)]);
    assert_eq!((kb.len(), kb.error_count()), (RECORDS, 0), "{:?}", kb.issues().first());
    kb
}

/// Text to type: a piece of a record's searchable text or of the vocabulary, sometimes with an
/// operator in front, upper case or several terms.
fn random_query(kb: &Kb, rng: &mut Rng) -> String {
    let record = &kb.records()[rng.below(kb.len())];
    let sources: Vec<&str> = [Some(record.id.as_str()), record.signature.as_deref(), record.signature_zh.as_deref()]
        .into_iter()
        .flatten()
        .chain(record.aliases.iter().map(String::as_str))
        .chain([PHRASES[rng.below(PHRASES.len())].0, PHRASES[rng.below(PHRASES.len())].1])
        .collect();
    let source: Vec<char> = rng.pick(&sources).chars().collect();
    let start = rng.below(source.len());
    let piece: String = source[start..].iter().take(rng.between(1, 14)).collect();
    let piece = if rng.chance(0.2) { piece.to_uppercase() } else { piece.to_lowercase() };
    let operator = *rng.pick(&["", "", "", "'", "^", "!", "d:", "t:", "/"]);
    let suffix = *rng.pick(&["", "", "", "$", " ", " !x", " 'err", "/"]);
    format!("{operator}{piece}{suffix}")
}

fn indices(hits: &[Hit]) -> Vec<usize> {
    hits.iter().map(|h| h.index).collect()
}

#[test]
fn narrowing_returns_exactly_the_hits_of_a_plain_search() {
    let kb = generated_kb();
    let index = SearchIndex::new(&kb);
    let mut rng = Rng::new(SEED);
    let mut narrowed_steps = 0;
    for session in 0..120 {
        let text = random_query(&kb, &mut rng);
        let mut previous: Option<(Query, Vec<Hit>)> = None;
        for typed in text.char_indices().map(|(i, c)| &text[..i + c.len_utf8()]) {
            let Ok(query) = Query::parse(typed) else { continue };
            let plain = search_all(&index, &query);
            if let Some((old, old_hits)) = &previous {
                if query.narrows(old) {
                    narrowed_steps += 1;
                    let narrowed = search(&index, &query, Some(&indices(old_hits)), &|| false).expect("not cancelled");
                    assert_eq!(
                        narrowed, plain,
                        "session {session}: {typed:?} narrowed from the hits of the previous query"
                    );
                }
            }
            previous = Some((query, plain));
        }
    }
    assert!(narrowed_steps > 500, "too few narrowing steps exercised: {narrowed_steps}");
}

#[test]
fn lazy_ranking_returns_exactly_the_hits_of_a_full_search() {
    let kb = generated_kb();
    let index = Arc::new(SearchIndex::new(&kb));
    let mut rng = Rng::new(SEED ^ 2);
    let mut ranked_rows = 0;
    for session in 0..120 {
        let text = random_query(&kb, &mut rng);
        let mut previous: Option<(Query, Ranking)> = None;
        for typed in text.char_indices().map(|(i, c)| &text[..i + c.len_utf8()]) {
            let Ok(query) = Query::parse(typed) else { continue };
            let full = search_all(&index, &query);
            let scope = match &previous {
                Some((old, ranking)) if query.narrows(old) => Some(ranking.records()),
                _ => None,
            };
            let ranking = rank(&index, &query, scope.as_deref(), rng.below(40), &|| false).expect("not cancelled");
            let context = format!("session {session}: {typed:?}");
            assert_eq!(ranking.len(), full.len(), "{context}");
            for _ in 0..4 {
                let row = rng.below(full.len() + 2);
                assert_eq!(ranking.get(row), full.get(row).copied(), "{context}: row {row}");
            }
            let rows: Vec<Hit> = (0..full.len()).filter_map(|row| ranking.get(row)).collect();
            assert_eq!(rows, full, "{context}");
            ranked_rows += rows.len();
            previous = Some((query, ranking));
        }
    }
    assert!(ranked_rows > 50_000, "too few rows ranked: {ranked_rows}");
}

/// A fresh trace of a random record, with the mutations pasted text really has.
fn random_trace(rng: &mut Rng) -> String {
    let spec = Spec::new(SEED, rng.below(RECORDS));
    let noise = Spec::new(SEED, rng.below(RECORDS)).render(rng);
    let (error, lines) = (spec.render(rng), rng.between(5, 120));
    let mut text = match rng.below(3) {
        0 => traces::one_line(error, rng),
        _ => traces::long(error, spec.flavor, &noise, rng, lines),
    };
    if rng.chance(0.3) {
        text = text.replacen("rror", "\x1b[31mRROR\x1b[0m", 1);
    }
    if rng.chance(0.2) {
        text = text.to_uppercase();
    }
    if rng.chance(0.2) {
        // Characters whose case folding is ASCII: a case-insensitive regex matches them.
        text = text.replace('k', "\u{212A}").replace('s', "\u{17F}");
    }
    text
}

/// What a diagnosis says, as comparable values (`Fill` compares its named values as a map).
fn outcome(diagnosis: &Diagnosis) -> Vec<(String, Fill)> {
    let text = |m: &Match| format!("{} {:.6} {:?} {}", m.index, m.score, m.matched, m.why);
    diagnosis.matches.iter().map(|m| (text(m), m.fill.clone())).collect()
}

#[test]
fn prefiltered_diagnosis_equals_running_every_regex() {
    let kb = generated_kb();
    let diagnoser = Diagnoser::new(&kb);
    let mut rng = Rng::new(SEED ^ 1);
    let mut matched = 0;
    for case in 0..80 {
        let text = random_trace(&mut rng);
        let fast = diagnoser.diagnose(&kb, &text, 20);
        let reference = diagnoser.diagnose_unfiltered(&kb, &text, 20);
        assert_eq!(outcome(&fast), outcome(&reference), "case {case}: {text:?}");
        matched += usize::from(!fast.matches.is_empty());
    }
    assert!(matched > 60, "too few traces matched anything: {matched}");
}

/// Patterns compiled for ASCII text (ASCII classes and case folding, the fast path diagnosis
/// takes when the pasted text is all ASCII) find exactly what the Unicode ones find in it.
#[test]
fn ascii_compiled_patterns_find_what_unicode_ones_find_in_ascii_traces() {
    use errkb::kb::{Haystack, Pattern};
    let kb = generated_kb();
    let mut rng = Rng::new(SEED ^ 2);
    let traces: Vec<String> = (0..40).map(|_| random_trace(&mut rng)).filter(|t| t.is_ascii()).take(20).collect();
    let mut found = 0;
    for source in kb.records().iter().filter_map(|r| r.regex.as_deref()) {
        let (Ok(unicode), Ok(ascii)) = (Pattern::compile(source), Pattern::compile_for(source, Haystack::Ascii)) else {
            continue;
        };
        for text in &traces {
            let expected = unicode.find(text);
            assert_eq!(ascii.find(text), expected, "{source:?} in {text:?}");
            found += usize::from(expected.is_some());
        }
    }
    assert!(found > 100, "too few matches to compare: {found}");
}
