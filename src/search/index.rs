//! The searchable text of each record, prepared once per KB: the fields the filter looks at,
//! their lower-case forms (for case-insensitive terms) and one lower-case line of all of them
//! (for a cheap rejection before fuzzy scoring).

use crate::kb::{Kb, Record};

/// A field of a record that the filter searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Signature,
    SignatureZh,
    Alias(usize),
    Tag(usize),
    Domain,
    ErrorCode,
}

impl Field {
    /// A small bonus that ranks a match in the id or signature above one in a tag.
    pub fn weight(self) -> i64 {
        match self {
            Field::Signature => 20,
            Field::Id => 15,
            Field::Alias(_) | Field::ErrorCode => 10,
            Field::SignatureZh | Field::Tag(_) => 5,
            Field::Domain => 0,
        }
    }
}

/// The searchable text of every record of a KB, by record index.
#[derive(Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// The searchable text of one record.
#[derive(Debug)]
pub struct Entry {
    fields: Vec<(Field, Box<str>)>,
    lower: Vec<Box<str>>,
    all_lower: Box<str>,
}

impl SearchIndex {
    /// Prepares every record of `kb`.
    pub fn new(kb: &Kb) -> SearchIndex {
        SearchIndex { entries: kb.records().iter().map(Entry::new).collect() }
    }

    /// Prepares records and appends them (for a KB that loads in the background).
    pub fn extend<'a>(&mut self, records: impl IntoIterator<Item = &'a Record>) {
        self.entries.extend(records.into_iter().map(Entry::new));
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn entry(&self, record: usize) -> &Entry {
        &self.entries[record]
    }
}

impl Entry {
    fn new(record: &Record) -> Entry {
        let mut fields: Vec<(Field, Box<str>)> = vec![(Field::Id, record.id.as_str().into())];
        let mut push = |field, value: &Option<String>| {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                fields.push((field, value.into()));
            }
        };
        push(Field::Signature, &record.signature);
        push(Field::SignatureZh, &record.signature_zh);
        push(Field::Domain, &record.domain);
        push(Field::ErrorCode, &record.error_code);
        fields.extend(record.aliases.iter().enumerate().map(|(i, a)| (Field::Alias(i), a.as_str().into())));
        fields.extend(record.tags.iter().enumerate().map(|(i, t)| (Field::Tag(i), t.as_str().into())));
        let lower: Vec<Box<str>> = fields.iter().map(|(_, v)| v.to_lowercase().into()).collect();
        let all_lower = lower.join("\n").into();
        Entry { fields, lower, all_lower }
    }

    /// Each field with its text.
    pub fn fields(&self) -> impl Iterator<Item = (Field, &str)> {
        self.fields.iter().map(|(f, v)| (*f, &**v))
    }

    /// Each field with its lower-case text.
    pub fn lower_fields(&self) -> impl Iterator<Item = (Field, &str)> {
        self.fields.iter().zip(&self.lower).map(|((f, _), v)| (*f, &**v))
    }

    /// The record's domain.
    pub fn domain(&self) -> Option<&str> {
        self.fields().find(|(f, _)| *f == Field::Domain).map(|(_, v)| v)
    }

    /// The record's tags.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.fields().filter(|(f, _)| matches!(f, Field::Tag(_))).map(|(_, v)| v)
    }

    /// A necessary condition for a fuzzy match: the term's characters occur, in order and
    /// ignoring case, somewhere in the record's searchable text.
    pub fn may_contain_in_order(&self, term: &str) -> bool {
        let mut haystack = self.all_lower.chars();
        term.chars().flat_map(char::to_lowercase).all(|want| haystack.any(|have| have == want))
    }
}
