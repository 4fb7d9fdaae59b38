//! The knowledge base: records loaded from sources, looked up by id, with their patterns
//! compiled lazily (a compiled regex costs tens of kilobytes, and diagnosis only needs the
//! ones its prefilter selects).
//!
//! Duplicate ids: every record is kept, listed, searched and diagnosed; the first one loaded
//! (sources in the order given, files in path order) owns the id for `show` and for links,
//! and each later one is reported as an error that names both places.

pub mod builtin;
pub mod load;
mod parse;
pub mod pattern;
pub mod position;
pub mod record;
mod shapes;
pub mod validate;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use load::{Issue, Severity, Source};
pub use pattern::{Pattern, PatternError};
pub use record::{DeadEnd, Link, LinkKind, Localized, Record, RecordFormat, Resolvable, Version, Workaround};

/// A loaded knowledge base.
#[derive(Debug, Default)]
pub struct Kb {
    records: Vec<Record>,
    by_id: HashMap<String, usize>,
    issues: Vec<Issue>,
    patterns: Vec<OnceLock<Option<Result<Pattern, PatternError>>>>,
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
        let patterns = records.iter().map(|_| OnceLock::new()).collect();
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

    /// The compiled pattern of record `index`: `None` when it has no regex.
    pub fn pattern(&self, index: usize) -> Option<&Result<Pattern, PatternError>> {
        let slot = self.patterns.get(index)?;
        slot.get_or_init(|| self.records[index].regex.as_deref().map(Pattern::compile)).as_ref()
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

    #[test]
    fn the_builtin_kb_has_the_reference_record_exactly() {
        let kb = Kb::builtin();
        let record = kb.by_id("database/redis-cluster-moved-redirect").expect("reference record is built in");
        let reference = include_str!("../../seeds/000_0b27752a591ec418.txt");
        assert_eq!(record.origin.raw_json().unwrap(), reference.trim());
        assert_eq!(record.workarounds.len(), 3);
        assert!(record.has_untranslated_chinese(), "its workarounds_zh are English");
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
