//! The live filter: which records match a [`Query`], best first, and where (for highlighting).
//!
//! `search` is a pure function of (index, query, scope), so it can run on a worker thread;
//! it checks a cancellation callback as it goes, so a newer keystroke can stop an older search.
//! Scores only are computed for every candidate; match positions are computed on demand, by
//! [`SearchIndex::highlight`], for the rows that are on screen.

mod index;
pub mod query;

use std::borrow::Cow;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

pub use index::{Field, SearchIndex};
pub use query::{Query, QueryError, Term, TermKind};

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
/// Below this many candidates one thread is faster than spawning more.
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
    let total = scope.map_or(index.len(), <[usize]>::len);
    let threads = if total < PARALLEL_FROM { 1 } else { std::thread::available_parallelism().map_or(1, |n| n.get()) };
    let chunk = total.div_ceil(threads.max(1)).max(1);
    let run = |start: usize| {
        let end = (start + chunk).min(total);
        match scope {
            Some(scope) => scan(index, query, scope[start..end].iter().copied(), cancelled),
            None => scan(index, query, start..end, cancelled),
        }
    };
    let parts: Vec<Option<Vec<Hit>>> = if threads <= 1 {
        vec![run(0)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..total).step_by(chunk).map(|start| s.spawn(move || run(start))).collect();
            handles.into_iter().map(|h| h.join().unwrap_or(None)).collect()
        })
    };
    let mut hits = Vec::with_capacity(parts.iter().flatten().map(Vec::len).sum());
    for part in parts {
        hits.extend(part?);
    }
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
    Some(hits)
}

/// The matching records among `candidates`, unsorted.
fn scan(
    index: &SearchIndex,
    query: &Query,
    candidates: impl Iterator<Item = usize>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    let mut hits = Vec::new();
    for (n, record) in candidates.enumerate() {
        if n % CANCEL_CHECK_EVERY == 0 && cancelled() {
            return None;
        }
        if let Some(score) = score_record(index, record, query) {
            hits.push(Hit { index: record, score });
        }
    }
    Some(hits)
}

/// The fuzzy score of `value` for `pattern`, from a fresh matcher: a reused `SkimMatcherV2`
/// (fuzzy-matcher 0.3) keeps score-matrix cells of earlier calls, so a record's score depended
/// on which records were scored before it, and narrowing, which visits records in another
/// order, changed the ranking; its `use_cache(false)` panics (a `RefCell` borrowed twice).
///
/// A one-character term (the first keystroke, which matches most records) needs no alignment:
/// its score is that of its best occurrence, at the start of a word or inside one.
fn fuzzy_score(value: &str, pattern: &str) -> Option<i64> {
    let mut chars = pattern.chars();
    match (chars.next(), chars.next()) {
        (Some(single), None) => single_char_score(value, single),
        _ => SkimMatcherV2::default().fuzzy_match(value, pattern),
    }
}

/// The score of the best occurrence of `wanted` in `value`: higher at the start of a word.
fn single_char_score(value: &str, wanted: char) -> Option<i64> {
    const AT_WORD_START: i64 = 40;
    const INSIDE_WORD: i64 = 16;
    let mut best = None;
    let mut previous: Option<char> = None;
    for c in value.chars() {
        if c == wanted {
            if previous.is_none_or(|p| !p.is_alphanumeric()) {
                return Some(AT_WORD_START);
            }
            best = Some(INSIDE_WORD);
        }
        previous = Some(c);
    }
    best
}

/// Whether the characters of `needle` occur in `haystack` in order.
fn in_order(haystack: &str, needle: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|want| rest.any(|have| have == want))
}

/// The same as [`search`] without cancellation, over every record.
pub fn search_all(index: &SearchIndex, query: &Query) -> Vec<Hit> {
    search(index, query, None, &|| false).unwrap_or_default()
}

/// The score of `record` for `query`, or `None` when it does not match.
fn score_record(index: &SearchIndex, record: usize, query: &Query) -> Option<i64> {
    let mut total = 0;
    for term in &query.terms {
        let score = score_term(index, record, term);
        match (score, term.negated) {
            (Some(_), true) | (None, false) => return None,
            (Some(score), false) => total += score,
            (None, true) => {}
        }
    }
    Some(total)
}

fn score_term(index: &SearchIndex, record: usize, term: &Term) -> Option<i64> {
    let entry = index.entry(record);
    match &term.kind {
        TermKind::Fuzzy(text) => {
            if !entry.may_contain_in_order(text) {
                return None;
            }
            let insensitive = Term::is_case_insensitive(text);
            let lower: Cow<'_, str> = if insensitive { Cow::Borrowed(text) } else { Cow::Owned(text.to_lowercase()) };
            let fields = entry.fields().zip(entry.lower_fields());
            fields
                // Scoring is the expensive part: only fields that can match are scored.
                .filter(|(_, (_, lower_value))| in_order(lower_value, &lower))
                .filter_map(|((field, value), (_, lower_value))| {
                    // Smart case: a lower-case term is matched against the lower-case field, so
                    // `moved` scores the same on `MOVED` as on `moved`.
                    let haystack = if insensitive { lower_value } else { value };
                    let bonus = word_bonus(value, lower_value, &lower);
                    fuzzy_score(haystack, text).map(|s| s + field.weight() + bonus)
                })
                .max()
        }
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

/// A bonus when the term is a whole word of the field, and a larger one when that word is in
/// capitals there: error keywords and codes (`MOVED`, `ENOSPC`, `CROSSSLOT`) are written so.
fn word_bonus(value: &str, lower_value: &str, lower_term: &str) -> i64 {
    let is_word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut bonus = 0;
    for (start, _) in lower_value.match_indices(lower_term) {
        let end = start + lower_term.len();
        if is_word_char(lower_value[..start].chars().next_back()) || is_word_char(lower_value[end..].chars().next()) {
            continue;
        }
        let original = (value.len() == lower_value.len()).then(|| value.get(start..end)).flatten();
        let capitals =
            original.is_some_and(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase));
        bonus = bonus.max(if capitals { 60 } else { 30 });
    }
    bonus
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
        assert_eq!(single_char_score("redis moved", 'm'), Some(40));
        assert_eq!(single_char_score("command", 'm'), Some(16));
        assert_eq!(single_char_score("redis", 'x'), None);
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
        let sequential = scan(&index, &query, scope.iter().copied(), &|| false).unwrap();
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
