//! The fuzzy matcher alone: fuzzy-matcher's `SkimMatcherV2` as errkb's search uses it (a fresh
//! matcher per call: a reused one carries state between calls) against nucleo-matcher, scoring the same candidate lines with the same fuzzy term, on one
//! thread, for every prefix of the fuzzy queries (short prefixes match most lines: the worst
//! case).

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32String};

use super::search::{Class, QUERIES};
use super::table::{timed, Row, Samples, Target, Unit};
use super::Subject;

/// Rows: SkimMatcherV2 vs nucleo-matcher over every candidate line.
pub fn compare(subject: &Subject) -> Vec<Row> {
    let mut nucleo = Matcher::new(Config::DEFAULT);
    let haystacks: Vec<Utf32String> = subject.lines.iter().map(|l| Utf32String::from(l.as_str())).collect();
    let (mut ours, mut theirs) = (Samples::default(), Samples::default());
    let terms = QUERIES.iter().filter(|(_, class, _)| *class == Class::Fuzzy).map(|(text, _, _)| *text);
    for _ in 0..subject.pick(3, 1) {
        for term in terms.clone() {
            for typed in term.char_indices().map(|(i, c)| &term[..i + c.len_utf8()]) {
                let skim_hits = timed(&mut ours, || {
                    subject.lines.iter().filter_map(|line| SkimMatcherV2::default().fuzzy_match(line, typed)).count()
                });
                let atom = Atom::new(typed, CaseMatching::Smart, Normalization::Smart, AtomKind::Fuzzy, false);
                let nucleo_hits = timed(&mut theirs, || {
                    haystacks.iter().filter_map(|h| atom.score(h.slice(..), &mut nucleo)).count()
                });
                // Both are subsequence matchers: they must agree on which lines match.
                assert_eq!(skim_hits, nucleo_hits, "matchers disagree on {typed:?}");
            }
        }
    }
    vec![Row {
        measure: "fuzzy term over all candidate lines: fuzzy-matcher SkimMatcherV2 (as used)".into(),
        kb: subject.name.clone(),
        unit: Unit::Ms,
        ours,
        peer: "nucleo-matcher, same term and lines".into(),
        theirs,
        target: Target::None,
    }]
}
