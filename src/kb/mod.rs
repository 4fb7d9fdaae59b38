//! The knowledge base: records loaded from sources, looked up by id, with their patterns
//! compiled lazily (a compiled regex costs tens of kilobytes, and diagnosis only needs the
//! ones its prefilter selects), once per distinct pattern, and kept in a bounded cache.
//!
//! Duplicate ids: every record is kept, listed, searched and diagnosed; the first one loaded
//! (sources in the order given, files in path order) owns the id for `show` and for links,
//! and each later one is reported as an error that names both places.

pub mod builtin;
pub mod details;
pub mod load;
mod parse;
pub mod pattern;
pub mod position;
pub mod record;
mod shapes;
pub mod validate;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub use details::{DeadEnd, Details, Link, LinkKind, Version, Workaround};
pub use load::{Issue, Severity, Source};
pub use pattern::{Haystack, Pattern, PatternError};
pub use record::{Localized, Record, RecordFormat, Resolvable};

/// A loaded knowledge base.
#[derive(Debug, Default)]
pub struct Kb {
    records: Vec<Record>,
    by_id: HashMap<String, usize>,
    issues: Vec<Issue>,
    patterns: PatternCache,
}

/// A compiled pattern, or why the record's regex cannot be used.
pub type Compiled = Result<Arc<Pattern>, PatternError>;

/// Distinct patterns kept compiled, at most, in each of the cache's two generations: a KB of a
/// few thousand records keeps every pattern it compiles, and on a larger one the patterns that
/// recent diagnoses ran stay compiled (a diagnosis runs at most 300), while a 100k-record KB
/// cannot grow the cache without bound (a compiled pattern with its search caches is 45-100
/// KB).
const GENERATION: usize = 4096;

/// Each record's pattern slot (records with the same regex share one), and the compiled
/// patterns of the slots used lately, for each kind of text they were compiled for: when the
/// current generation is full it becomes the previous one, and the previous one is dropped,
/// so patterns in use survive.
#[derive(Debug, Default)]
struct PatternCache {
    /// For each record, its slot; `u32::MAX` when it has no regex.
    slot_of: Vec<u32>,
    /// For each slot, a record that has its source.
    source_of: Vec<u32>,
    compiled: Mutex<Generations>,
}

#[derive(Debug, Default)]
struct Generations {
    current: HashMap<(u32, Haystack), Compiled>,
    previous: HashMap<(u32, Haystack), Compiled>,
}

impl Generations {
    fn get(&mut self, slot: (u32, Haystack)) -> Option<Compiled> {
        if let Some(compiled) = self.current.get(&slot) {
            return Some(compiled.clone());
        }
        let compiled = self.previous.remove(&slot)?;
        self.insert(slot, compiled.clone());
        Some(compiled)
    }

    fn insert(&mut self, slot: (u32, Haystack), compiled: Compiled) {
        if self.current.len() >= GENERATION {
            let dropped = std::mem::replace(&mut self.previous, std::mem::take(&mut self.current));
            // Freeing a thousand compiled patterns takes tens of milliseconds: not on the
            // caller's time (if no thread can start, they are freed here).
            let _ = std::thread::Builder::new().name("errkb-free-patterns".into()).spawn(move || drop(dropped));
        }
        self.current.insert(slot, compiled);
    }
}

impl PatternCache {
    fn new(records: &[Record]) -> PatternCache {
        let mut slots: HashMap<&str, u32> = HashMap::new();
        let mut source_of = Vec::new();
        let slot_of = records
            .iter()
            .enumerate()
            .map(|(index, record)| match record.regex.as_deref() {
                None => u32::MAX,
                Some(source) => *slots.entry(source).or_insert_with(|| {
                    source_of.push(index as u32);
                    source_of.len() as u32 - 1
                }),
            })
            .collect();
        PatternCache { slot_of, source_of, compiled: Mutex::default() }
    }
}

impl Kb {
    /// Loads every source in order.
    pub fn load(sources: &[Source]) -> Kb {
        let loaded = load::load_sources(sources);
        Kb::from_parts(loaded.records, loaded.issues)
    }

    /// Loads the sources in order, stopping after `limit` records when given (a first
    /// screenful of a large KB), and telling `progress` how many records are loaded so far.
    pub fn load_with(sources: &[Source], limit: Option<usize>, progress: &mut dyn FnMut(usize)) -> Kb {
        let loaded = load::load_sources_with(sources, limit, progress);
        Kb::from_parts(loaded.records, loaded.issues)
    }

    /// The built-in KB.
    pub fn builtin() -> Kb {
        Kb::load(&[Source::Builtin])
    }

    /// A KB of records `t/0`, `t/1`, …, the `i`th made by `fill` from `values[i]` (for tests).
    #[cfg(test)]
    pub(crate) fn of<T>(values: &[T], fill: impl Fn(Record, &T) -> Record) -> Kb {
        let records = values.iter().enumerate().map(|(i, value)| fill(Record::with_id(&format!("t/{i}")), value));
        Kb::from_parts(records.collect(), vec![])
    }

    /// A KB of the given records (and load issues).
    pub fn from_parts(records: Vec<Record>, mut issues: Vec<Issue>) -> Kb {
        let mut by_id: HashMap<String, usize> = HashMap::with_capacity(records.len());
        for (index, record) in records.iter().enumerate() {
            if let Some(&first) = by_id.get(&record.id) {
                let first = &records[first].origin;
                issues.push(Issue {
                    path: record.origin.path.clone(),
                    line: record.origin.line,
                    column: record.origin.column,
                    severity: Severity::Error,
                    message: format!(
                        "duplicate id `{}`: the record at {} keeps the id; this one is still listed and searchable",
                        record.id,
                        first.location()
                    ),
                });
            } else {
                by_id.insert(record.id.clone(), index);
            }
        }
        let patterns = PatternCache::new(&records);
        Kb { records, by_id, issues, patterns }
    }

    /// All records, in load order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the KB has no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The record at `index`.
    pub fn get(&self, index: usize) -> Option<&Record> {
        self.records.get(index)
    }

    /// The index of the record that owns `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The record that owns `id`.
    pub fn by_id(&self, id: &str) -> Option<&Record> {
        self.index_of(id).map(|i| &self.records[i])
    }

    /// Every record with this id (more than one when ids are duplicated), in load order.
    pub fn all_with_id<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Record> + 'a {
        self.records.iter().filter(move |r| r.id == id)
    }

    /// Problems found while loading.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// The number of load issues that are errors.
    pub fn error_count(&self) -> usize {
        self.issues.iter().filter(|i| i.severity == Severity::Error).count()
    }

    /// The compiled pattern of record `index`, for any text: `None` when it has no regex.
    pub fn pattern(&self, index: usize) -> Option<Compiled> {
        self.pattern_for(index, Haystack::Any)
    }

    /// The compiled pattern of record `index`, for texts of kind `haystack`.
    pub fn pattern_for(&self, index: usize, haystack: Haystack) -> Option<Compiled> {
        let key = (self.pattern_slot(index)?, haystack);
        let cache = &self.patterns;
        if let Some(compiled) = cache.compiled.lock().unwrap_or_else(|e| e.into_inner()).get(key) {
            return Some(compiled);
        }
        // Compiled outside the lock: another thread may compile the same pattern meanwhile.
        let source = self.records[cache.source_of[key.0 as usize] as usize].regex.as_deref()?;
        let compiled = Pattern::compile_for(source, haystack).map(Arc::new);
        cache.compiled.lock().unwrap_or_else(|e| e.into_inner()).insert(key, compiled.clone());
        Some(compiled)
    }

    /// Which distinct pattern record `index` has (records with the same regex have the same
    /// slot); `None` when it has no regex.
    pub fn pattern_slot(&self, index: usize) -> Option<u32> {
        self.patterns.slot_of.get(index).copied().filter(|&slot| slot != u32::MAX)
    }

    /// Per-domain record counts, sorted by domain (records without one count as `(none)`).
    pub fn domain_counts(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for record in &self.records {
            *counts.entry(record.domain.as_deref().unwrap_or("(none)")).or_default() += 1;
        }
        let mut counts: Vec<(String, usize)> = counts.into_iter().map(|(d, n)| (d.to_string(), n)).collect();
        counts.sort();
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::looks_chinese;

    #[test]
    fn records_with_the_same_regex_share_one_compiled_pattern_in_a_bounded_cache() {
        let records: Vec<Record> = (0..GENERATION + 10)
            .map(|i| {
                let mut record = Record::with_id(&format!("t/{i}"));
                record.regex = Some(if i < 2 { "same (\\d+)".into() } else { format!("other {i}") });
                record
            })
            .chain(std::iter::once(Record { regex: Some("(unclosed".into()), ..Record::with_id("t/bad") }))
            .collect();
        let kb = Kb::from_parts(records, vec![]);
        assert_eq!(kb.pattern_slot(0), kb.pattern_slot(1));
        let (Some(Ok(a)), Some(Ok(b))) = (kb.pattern(0), kb.pattern(1)) else { panic!("both compile") };
        assert!(Arc::ptr_eq(&a, &b));
        for index in 0..kb.len() - 1 {
            assert!(matches!(kb.pattern(index), Some(Ok(_))), "record {index}");
        }
        let cache = kb.patterns.compiled.lock().unwrap();
        assert!(cache.current.len() + cache.previous.len() <= 2 * GENERATION);
        drop(cache);
        assert!(matches!(kb.pattern(kb.len() - 1), Some(Err(_))), "a bad regex is an error, every time");
        assert!(kb.pattern(0).is_some_and(|p| p.is_ok_and(|p| p.is_match("same 12"))), "compiled again");
    }

    #[test]
    fn the_builtin_kb_has_the_reference_record_exactly() {
        let kb = Kb::builtin();
        let record = kb.by_id("database/redis-cluster-moved-redirect").expect("reference record is built in");
        let reference = include_str!("../../seeds/000_0b27752a591ec418.txt");
        assert_eq!(record.origin.raw_json().unwrap(), reference.trim());
        let details = record.details().unwrap();
        assert_eq!(details.workarounds.len(), 3);
        assert!(details.workarounds_zh.iter().flatten().all(|zh| !looks_chinese(zh)), "its workarounds_zh are English");
    }

    #[test]
    fn duplicate_ids_keep_both_records_and_warn() {
        let kb = Kb::from_parts(vec![Record::with_id("a/x"), Record::with_id("a/x")], vec![]);
        assert_eq!(kb.len(), 2);
        assert_eq!(kb.index_of("a/x"), Some(0));
        assert_eq!(kb.issues()[0].severity, Severity::Error);
        assert!(kb.issues()[0].message.contains("duplicate id"));
    }
}
