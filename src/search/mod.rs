//! The live filter: which records match a [`Query`], best first, and where (for highlighting).
//!
//! `search` and `rank` are pure functions of (index, query, scope), so they can run on a
//! worker thread; they check a cancellation callback as they go, so a newer keystroke can stop
//! an older search. A first pass finds the matching records with their scores, or for fuzzy
//! terms a cheap upper bound of them; the fuzzy matcher then scores only the records that can
//! reach the rows asked for (every record for `search`, the first page for `rank`, see
//! [`rank`]). Match positions are computed on demand, by [`SearchIndex::highlight`], for the
//! rows that are on screen.

mod fuzzy;
mod index;
pub mod query;
mod rank;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use fuzzy::{Estimate, FuzzyTerm};
use index::EntryRef;
pub use index::{Field, SearchIndex};
pub use query::{Query, QueryError, Term, TermKind};
pub use rank::{rank, Ranking};
use rank::{Order, Pending};

use crate::parallel::split;

/// A record that matches, with its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: i64,
}

/// The characters of one field that a query matched (char indices, ascending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    pub field: Field,
    pub positions: Vec<usize>,
}

/// Records checked between two looks at the cancellation callback.
const CANCEL_CHECK_EVERY: usize = 512;
/// Below this many records to match or score, one thread is faster than spawning more.
const PARALLEL_FROM: usize = 8192;

/// Every record of `scope` (all records when `None`) that matches `query`, best first; ties
/// keep KB order. Large scopes are split across the machine's cores. Returns `None` when
/// `cancelled` said so before the search finished.
pub fn search(
    index: &SearchIndex,
    query: &Query,
    scope: Option<&[usize]>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    let terms: Vec<ReadyTerm> = query.terms.iter().map(ReadyTerm::new).collect();
    let mut order = Order::new(matches(index, &terms, scope, cancelled)?);
    order.rank_all(index, &terms, cancelled)?;
    Some(order.into_ranked())
}

/// The same as [`search`] without cancellation, over every record.
pub fn search_all(index: &SearchIndex, query: &Query) -> Vec<Hit> {
    search(index, query, None, &|| false).unwrap_or_default()
}

/// Every record of `scope` (all records when `None`) that matches `terms`, with its score or
/// a bound of it, in no particular order.
fn matches(
    index: &SearchIndex,
    terms: &[ReadyTerm],
    scope: Option<&[usize]>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Pending>> {
    let total = scope.map_or(index.len(), <[usize]>::len);
    let parts = split(total, PARALLEL_FROM, |start, end| match scope {
        Some(scope) => scan(index, terms, scope[start..end].iter().copied(), cancelled),
        None => scan(index, terms, start..end, cancelled),
    })?;
    Some(parts.into_iter().flatten().collect())
}

/// The matching records among `candidates`, with their scores or bounds, unsorted.
fn scan(
    index: &SearchIndex,
    terms: &[ReadyTerm],
    candidates: impl Iterator<Item = usize>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Pending>> {
    let mut found = Vec::new();
    for (n, record) in candidates.enumerate() {
        if n % CANCEL_CHECK_EVERY == 0 && cancelled() {
            return None;
        }
        if let Some(estimate) = estimate_record(index.entry(record), terms, ReadyTerm::estimate) {
            found.push(Pending { index: record, estimate });
        }
    }
    Some(found)
}

/// A term of a query, ready to score many records: a fuzzy term is prepared once.
#[derive(Debug, Clone)]
struct ReadyTerm {
    term: Term,
    fuzzy: Option<FuzzyTerm>,
}

impl ReadyTerm {
    fn new(term: &Term) -> ReadyTerm {
        let fuzzy = match &term.kind {
            TermKind::Fuzzy(text) => Some(FuzzyTerm::new(text)),
            _ => None,
        };
        ReadyTerm { term: term.clone(), fuzzy }
    }

    /// What the first pass knows of the score of the record `entry` for this term (ignoring
    /// negation), or `None` when it does not match.
    fn estimate(&self, entry: EntryRef<'_>) -> Option<Estimate> {
        match &self.fuzzy {
            Some(fuzzy) => fuzzy.estimate(entry),
            None => score_term(entry, &self.term.kind).map(Estimate::Exact),
        }
    }

    /// The score of the record `entry` for this term (ignoring negation), or `None`.
    fn score(&self, entry: EntryRef<'_>) -> Option<Estimate> {
        match &self.fuzzy {
            Some(fuzzy) => fuzzy.score(entry),
            None => score_term(entry, &self.term.kind),
        }
        .map(Estimate::Exact)
    }
}

/// The sum of what `of` knows of the record's score for each term, or `None` when the record
/// does not match them all.
fn estimate_record(
    entry: EntryRef<'_>,
    terms: &[ReadyTerm],
    of: impl Fn(&ReadyTerm, EntryRef<'_>) -> Option<Estimate>,
) -> Option<Estimate> {
    let mut total = Estimate::Exact(0);
    for term in terms {
        match (of(term, entry), term.term.negated) {
            (Some(_), true) | (None, false) => return None,
            (Some(estimate), false) => total = total.plus(estimate),
            (None, true) => {}
        }
    }
    Some(total)
}

/// The score of the record `entry` for all `terms`, or `None` when it does not match.
fn score_record(entry: EntryRef<'_>, terms: &[ReadyTerm]) -> Option<i64> {
    estimate_record(entry, terms, ReadyTerm::score).map(Estimate::value)
}

fn score_term(entry: EntryRef<'_>, kind: &TermKind) -> Option<i64> {
    match kind {
        TermKind::Fuzzy(text) => FuzzyTerm::new(text).score(entry),
        TermKind::Exact(text) if Term::is_case_insensitive(text) => {
            best(entry.lower_fields(), |value| value.contains(text.as_str()).then_some(100 + text.len() as i64 * 10))
        }
        TermKind::Exact(text) => {
            best(entry.fields(), |value| value.contains(text.as_str()).then_some(100 + text.len() as i64 * 10))
        }
        TermKind::Prefix(text) if Term::is_case_insensitive(text) => {
            best(entry.lower_fields(), |value| value.starts_with(text.as_str()).then_some(120))
        }
        TermKind::Prefix(text) => best(entry.fields(), |value| value.starts_with(text.as_str()).then_some(120)),
        TermKind::Suffix(text) if Term::is_case_insensitive(text) => {
            best(entry.lower_fields(), |value| value.ends_with(text.as_str()).then_some(120))
        }
        TermKind::Suffix(text) => best(entry.fields(), |value| value.ends_with(text.as_str()).then_some(120)),
        TermKind::Regex(regex) => best(entry.fields(), |value| regex.find(value).map(|m| 50 + m.len() as i64)),
        TermKind::Domain(domain) => entry.domain().filter(|d| d.to_lowercase().starts_with(domain.as_str())).map(|_| 0),
        TermKind::Tag(tag) => entry.tags().any(|t| t.to_lowercase().starts_with(tag.as_str())).then_some(0),
    }
}

fn best<'a>(fields: impl Iterator<Item = (Field, &'a str)>, score: impl Fn(&str) -> Option<i64>) -> Option<i64> {
    fields.filter_map(|(field, value)| score(value).map(|s| s + field.weight())).max()
}

/// The byte range of `needle` in `haystack`, smart-case.
fn find_exact(haystack: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    if Term::is_case_insensitive(needle) {
        find_ignore_case(haystack, needle)
    } else {
        haystack.find(needle).map(|start| start..start + needle.len())
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<(usize, char)> = haystack.char_indices().collect();
    (0..chars.len()).find_map(|start| {
        let mut end = start;
        for want in &needle {
            let (_, have) = chars.get(end)?;
            if have.to_lowercase().next() != Some(*want) {
                return None;
            }
            end += 1;
        }
        let end_byte = chars.get(end).map_or(haystack.len(), |(b, _)| *b);
        Some(chars[start].0..end_byte)
    })
}

fn ends_with(value: &str, suffix: &str) -> bool {
    if Term::is_case_insensitive(suffix) {
        value.to_lowercase().ends_with(&suffix.to_lowercase())
    } else {
        value.ends_with(suffix)
    }
}

impl SearchIndex {
    /// Where `query` matched `record`: for each field, the char positions to highlight.
    pub fn highlight(&self, record: usize, query: &Query) -> Vec<FieldMatch> {
        let mut matches: Vec<FieldMatch> = Vec::new();
        for term in query.terms.iter().filter(|t| !t.negated) {
            for (field, value) in self.entry(record).fields() {
                let positions = term_positions(value, term);
                if positions.is_empty() {
                    continue;
                }
                match matches.iter_mut().find(|m| m.field == field) {
                    Some(existing) => existing.positions.extend(positions),
                    None => matches.push(FieldMatch { field, positions }),
                }
            }
        }
        for m in &mut matches {
            m.positions.sort_unstable();
            m.positions.dedup();
        }
        matches
    }
}

fn term_positions(value: &str, term: &Term) -> Vec<usize> {
    let byte_range_to_chars = |range: std::ops::Range<usize>| {
        let start = value[..range.start].chars().count();
        (start..start + value[range].chars().count()).collect()
    };
    match &term.kind {
        TermKind::Fuzzy(text) => {
            SkimMatcherV2::default().fuzzy_indices(value, text).map(|(_, p)| p).unwrap_or_default()
        }
        TermKind::Exact(text) => find_exact(value, text).map(byte_range_to_chars).unwrap_or_default(),
        // The first occurrence is the earliest, so it starts the field if any occurrence does.
        TermKind::Prefix(text) => match find_exact(value, text) {
            Some(range) if range.start == 0 => byte_range_to_chars(range),
            _ => Vec::new(),
        },
        TermKind::Suffix(text) if ends_with(value, text) => {
            let total = value.chars().count();
            (total - text.chars().count().min(total)..total).collect()
        }
        TermKind::Regex(regex) => regex.find(value).map(|m| byte_range_to_chars(m.range())).unwrap_or_default(),
        TermKind::Suffix(_) | TermKind::Domain(_) | TermKind::Tag(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::{Kb, Record};

    fn kb() -> Kb {
        let mut records = Vec::new();
        for (id, signature, domain, tags) in [
            ("redis/moved", "MOVED 12345 10.0.0.1:6379", "redis", vec!["cluster"]),
            ("redis/ask", "ASK 12 10.0.0.1:6379", "redis", vec!["cluster"]),
            ("python/module", "ModuleNotFoundError: No module named 'torch'", "python", vec![]),
        ] {
            let mut record = Record::with_id(id);
            record.signature = Some(signature.into());
            record.signature_zh = Some(format!("{signature}（中文）"));
            record.domain = Some(domain.into());
            record.tags = tags.into_iter().map(String::from).collect();
            records.push(record);
        }
        Kb::from_parts(records, vec![])
    }

    fn ids(query: &str) -> Vec<String> {
        let kb = kb();
        let index = SearchIndex::new(&kb);
        search_all(&index, &Query::parse(query).unwrap()).iter().map(|h| kb.records()[h.index].id.clone()).collect()
    }

    #[test]
    fn fuzzy_and_filters() {
        assert_eq!(ids("moved"), vec!["redis/moved"]);
        assert_eq!(ids("ask"), vec!["redis/ask"], "a capitalised error keyword ranks first");
        assert_eq!(ids("mdnf"), vec!["python/module"]);
        assert_eq!(ids("d:redis"), vec!["redis/moved", "redis/ask"]);
        assert_eq!(ids("d:redis !ask"), vec!["redis/moved"]);
        assert_eq!(ids("tag:clu 'ASK"), vec!["redis/ask"]);
        assert_eq!(ids("^modulenot"), vec!["python/module"]);
        assert_eq!(ids("6379$"), vec!["redis/moved", "redis/ask"]);
        assert_eq!(ids("/\\d{5}/"), vec!["redis/moved"]);
        assert_eq!(ids("中文 torch"), vec!["python/module"]);
        assert_eq!(ids("").len(), 3);
        assert!(ids("zzzz").is_empty());
    }

    #[test]
    fn a_single_character_prefers_a_word_start() {
        assert_eq!(fuzzy::single_char_score("redis moved", 'm'), Some(40));
        assert_eq!(fuzzy::single_char_score("command", 'm'), Some(16));
        assert_eq!(fuzzy::single_char_score("redis", 'x'), None);
    }

    #[test]
    fn highlights_matched_characters() {
        let kb = kb();
        let index = SearchIndex::new(&kb);
        let found = index.highlight(0, &Query::parse("moved").unwrap());
        let signature = found.iter().find(|m| m.field == Field::Signature).unwrap();
        assert_eq!(signature.positions, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn parallel_search_over_a_large_scope_equals_the_sequential_one() {
        let kb = kb();
        let index = SearchIndex::new(&kb);
        let query = Query::parse("m").unwrap();
        let scope: Vec<usize> = (0..20_000).map(|i| i % 3).collect();
        let parallel = search(&index, &query, Some(&scope), &|| false).unwrap();
        let terms: Vec<ReadyTerm> = query.terms.iter().map(ReadyTerm::new).collect();
        let sequential = scan(&index, &terms, scope.iter().copied(), &|| false).unwrap();
        assert_eq!(parallel.len(), sequential.len());
        assert!(parallel.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn cancellation_stops_the_search() {
        let kb = kb();
        let index = SearchIndex::new(&kb);
        assert_eq!(search(&index, &Query::parse("m").unwrap(), None, &|| true), None);
    }
}
