//! Per-keystroke search latency: realistic queries typed one character at a time, each prefix
//! ranked as the TUI worker ranks it (the count of hits and the first `FIRST_ROWS` rows; the
//! others are ranked when the list is scrolled to them), plainly and narrowed (the previous
//! hits as scope when the new query narrows the old one), and every hit ranked as the CLI's
//! `search` does, against nucleo-matcher filtering the same candidate lines with the same
//! fzf-style query on one thread.

use std::sync::Arc;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use errkb::search::{rank, search, Hit, Query, Ranking, SearchIndex};
use errkb::tui::worker::FIRST_ROWS;

use super::table::{timed, Row, Samples, Target, Unit};
use super::Subject;

/// What a typed query exercises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Fuzzy,
    Exact,
    Multi,
    Chinese,
}

/// The queries typed, 1 to 20 characters each; `fzf` says whether fzf understands the query
/// the same way (errkb's `d:` filter is not fzf syntax).
pub const QUERIES: &[(&str, Class, bool)] = &[
    ("connrefused", Class::Fuzzy, true),
    ("'ECONNREFUSED", Class::Exact, true),
    ("permission denied", Class::Multi, true),
    ("duplicatekeyviolates", Class::Fuzzy, true),
    ("'deadlock detected", Class::Exact, true),
    ("modnotfound python", Class::Multi, true),
    ("timeout", Class::Fuzzy, true),
    ("连接被拒绝", Class::Chinese, true),
    ("d:docker nospace", Class::Multi, false),
    ("^error 'borrow", Class::Exact, true),
    ("'lock !mysql", Class::Exact, true),
];

/// Search rounds over all queries: more for small KBs, where a keystroke costs little.
fn rounds(subject: &Subject) -> usize {
    subject.pick(5, 1)
}

/// Rows per mode (plain, narrowed) over all keystrokes, and per query class for large KBs.
pub fn keystrokes(subject: &Subject) -> (Vec<Row>, Vec<String>) {
    let index = Arc::new(SearchIndex::new(&subject.kb));
    let haystacks: Vec<Utf32String> = subject.lines.iter().map(|l| Utf32String::from(l.as_str())).collect();
    let mut matcher = Matcher::new(Config::DEFAULT);
    let (mut plain, mut narrowed, mut peer, mut highlight, mut every) =
        (Samples::default(), Samples::default(), Samples::default(), Samples::default(), Samples::default());
    let mut by_class: Vec<(Class, Samples, Samples)> = Vec::new();
    let mut by_length: Vec<(usize, Samples, usize)> = Vec::new();
    for _ in 0..rounds(subject) {
        for &(text, class, _) in QUERIES {
            let (mut class_plain, mut class_narrowed) = (Samples::default(), Samples::default());
            let mut previous: Option<(Query, Ranking)> = None;
            for typed in text.char_indices().map(|(i, c)| &text[..i + c.len_utf8()]) {
                let mut one = Samples::default();
                let ranking = timed(&mut one, || plain_rank(&index, typed));
                class_plain.extend(&one);
                timed(&mut highlight, || {
                    let query = Query::parse(typed).unwrap_or_default();
                    (0..30)
                        .filter_map(|row| ranking.get(row))
                        .map(|h| index.highlight(h.index, &query).len())
                        .sum::<usize>()
                });
                let narrowed_ranking = timed(&mut class_narrowed, || narrowed_rank(&index, typed, &previous));
                let hits = timed(&mut every, || every_hit(&index, typed));
                assert_eq!(
                    first_rows(&ranking),
                    first_rows_of(&hits),
                    "the ranking of {typed:?} is not that of `search`"
                );
                assert_eq!(ranking.len(), hits.len(), "the ranking of {typed:?} is not that of `search`");
                assert_eq!(
                    first_rows(&narrowed_ranking.1),
                    first_rows_of(&hits),
                    "narrowing changed the hits of {typed:?}"
                );
                assert_eq!(narrowed_ranking.1.len(), hits.len(), "narrowing changed the hits of {typed:?}");
                previous = Some(narrowed_ranking);
                timed(&mut peer, || nucleo_filter(&mut matcher, &haystacks, typed));
                let length = typed.chars().count();
                match by_length.iter_mut().find(|(l, _, _)| *l == length) {
                    Some((_, samples, total)) => {
                        samples.extend(&one);
                        *total += hits.len();
                    }
                    None => by_length.push((length, one, hits.len())),
                }
            }
            plain.extend(&class_plain);
            narrowed.extend(&class_narrowed);
            match by_class.iter_mut().find(|(c, _, _)| *c == class) {
                Some((_, p, n)) => {
                    p.extend(&class_plain);
                    n.extend(&class_narrowed);
                }
                None => by_class.push((class, class_plain, class_narrowed)),
            }
        }
    }
    let target = subject.pick(Target::Under { p50: 2.0, p99: 8.0 }, Target::Under { p50: 30.0, p99: 100.0 });
    let row = |measure: &str, ours: Samples, target| Row {
        measure: measure.into(),
        kb: subject.name.clone(),
        unit: Unit::Ms,
        ours,
        peer: "nucleo-matcher, same query on the candidate lines, 1 thread".into(),
        theirs: peer.clone(),
        target,
    };
    let mut rows = vec![
        row(&format!("keystroke → hits (count, first {FIRST_ROWS} rows), `rank` plain (as shipped)"), plain, target),
        row(
            &format!("keystroke → hits (count, first {FIRST_ROWS} rows), `rank` narrowed (as the TUI worker)"),
            narrowed,
            target,
        ),
        row("keystroke → every hit ranked, `search` (as the CLI)", every, Target::None),
        row("highlight the 30 visible rows (per keystroke)", highlight, Target::None),
    ];
    if subject.large {
        for (class, p, n) in by_class {
            rows.push(row(&format!("keystroke, {class:?} queries, plain"), p, Target::None));
            rows.push(row(&format!("keystroke, {class:?} queries, narrowed"), n, Target::None));
        }
    }
    let notes = by_length
        .into_iter()
        .map(|(length, samples, hits)| {
            let share = hits as f64 / samples.len() as f64 / subject.kb.len().max(1) as f64 * 100.0;
            format!("| {} | {length} | {:.1} | {:.0}% |", subject.name, samples.p50(), share)
        })
        .collect();
    (rows, notes)
}

/// One keystroke ranked over every record, as many rows as the TUI worker ranks.
fn plain_rank(index: &Arc<SearchIndex>, typed: &str) -> Ranking {
    let query = Query::parse(typed).unwrap_or_default();
    rank(index, &query, None, FIRST_ROWS, &|| false).expect("never cancelled")
}

/// One keystroke as the TUI worker runs it: narrowed when the query only grew.
fn narrowed_rank(index: &Arc<SearchIndex>, typed: &str, previous: &Option<(Query, Ranking)>) -> (Query, Ranking) {
    let query = Query::parse(typed).unwrap_or_default();
    let scope: Option<Vec<usize>> = match previous {
        Some((old, ranking)) if query.narrows(old) => Some(ranking.records()),
        _ => None,
    };
    let ranking = rank(index, &query, scope.as_deref(), FIRST_ROWS, &|| false).expect("never cancelled");
    (query, ranking)
}

/// Every hit of one keystroke, best first, as the CLI's `search` gets them.
fn every_hit(index: &SearchIndex, typed: &str) -> Vec<Hit> {
    let query = Query::parse(typed).unwrap_or_default();
    search(index, &query, None, &|| false).unwrap_or_default()
}

/// The rows the TUI worker ranks before it answers.
fn first_rows(ranking: &Ranking) -> Vec<Hit> {
    (0..FIRST_ROWS).map_while(|row| ranking.get(row)).collect()
}

fn first_rows_of(hits: &[Hit]) -> &[Hit] {
    &hits[..hits.len().min(FIRST_ROWS)]
}

/// The indices of the lines that match `typed`, best first, as nucleo-matcher ranks them.
pub fn nucleo_filter(matcher: &mut Matcher, haystacks: &[Utf32String], typed: &str) -> Vec<usize> {
    let pattern = Pattern::parse(typed, CaseMatching::Smart, Normalization::Smart);
    let mut hits: Vec<(u32, usize)> = haystacks
        .iter()
        .enumerate()
        .filter_map(|(i, h)| pattern.score(h.slice(..), matcher).map(|score| (score, i)))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, i)| i).collect()
}
