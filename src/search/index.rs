//! The searchable text of each record, prepared once per KB: the fields the filter looks at,
//! their lower-case forms (for case-insensitive terms, and joined in one line per record for a
//! cheap rejection before fuzzy scoring) and the characters that start a word in them (for the
//! bound of fuzzy scores).

use std::ops::Range;

use super::fuzzy::place_bonus;
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

/// The searchable text of every record of a KB, by record index. The lower-case text of all
/// records is one string, so that a search over many records reads memory in order; so is
/// their text as written (one allocation, not one per field).
#[derive(Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Each record's fields as written, joined by `\n`, one record after the other.
    text: String,
    /// Each record's lower-case fields joined by `\n`, one record after the other.
    lower: String,
    /// Each record's lower-case fields, one record after the other.
    spans: Vec<Span>,
}

/// Where one record's text, lower-case text and fields are.
#[derive(Debug)]
struct Entry {
    /// Its text in `SearchIndex::text`.
    text: Range<usize>,
    /// Its text in `SearchIndex::lower`.
    lower: Range<usize>,
    /// Its fields in `SearchIndex::spans`.
    spans: Range<usize>,
}

/// A field: which it is, where it ends in its record's lower-case text and in its text as
/// written, and the characters that the fuzzy matcher gives a place bonus after its first one
/// (word starts, camel case), in the field or its lower-case form.
#[derive(Debug, Clone, Copy)]
struct Span {
    field: Field,
    end: usize,
    text_end: usize,
    word_starts: AsciiSet,
}

/// The searchable text of one record.
#[derive(Debug, Clone, Copy)]
pub struct EntryRef<'i> {
    all_text: &'i str,
    all_lower: &'i str,
    spans: &'i [Span],
}

/// One field of a record as a fuzzy term sees it. Its text as written is read only when asked
/// for: a search reads the lower-case text of many records, which is one string in memory.
#[derive(Debug, Clone, Copy)]
pub struct FieldText<'e> {
    pub field: Field,
    pub lower: &'e str,
    /// The characters that get a place bonus after the field's first one.
    pub word_starts: AsciiSet,
    value: &'e str,
}

impl<'e> FieldText<'e> {
    /// The field's text as written.
    pub fn value(&self) -> &'e str {
        self.value
    }
}

/// A set of ASCII letters (either case) and digits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AsciiSet(u64);

impl AsciiSet {
    /// The characters of `text`, after its first, that get a place bonus.
    fn word_starts(text: &str) -> AsciiSet {
        let mut set = AsciiSet::default();
        let mut chars = text.chars();
        let Some(mut previous) = chars.next() else { return set };
        for c in chars {
            if place_bonus(previous, c) > 0 {
                set.0 |= AsciiSet::bit(c).unwrap_or(0);
            }
            previous = c;
        }
        set
    }

    fn bit(c: char) -> Option<u64> {
        let c = c.to_ascii_lowercase();
        match c {
            'a'..='z' => Some(1 << (c as u32 - 'a' as u32)),
            '0'..='9' => Some(1 << (26 + c as u32 - '0' as u32)),
            _ => None,
        }
    }

    fn union(self, other: AsciiSet) -> AsciiSet {
        AsciiSet(self.0 | other.0)
    }

    /// Whether `c` may be in the set: `true` for every character outside its domain.
    pub fn may_contain(self, c: char) -> bool {
        AsciiSet::bit(c).is_none_or(|bit| self.0 & bit != 0)
    }
}

impl SearchIndex {
    /// Prepares every record of `kb`.
    pub fn new(kb: &Kb) -> SearchIndex {
        // Sized up front: grown by doubling, the text of 100k records would peak at twice its size.
        let fields = kb.records().iter().flat_map(searchable);
        let (count, bytes) = fields.fold((0, 0), |(count, bytes), (_, value)| (count + 1, bytes + value.len() + 1));
        let mut index = SearchIndex {
            entries: Vec::with_capacity(kb.len()),
            text: String::with_capacity(bytes),
            lower: String::with_capacity(bytes),
            spans: Vec::with_capacity(count),
        };
        index.extend(kb.records());
        index
    }

    /// Prepares records and appends them (for a KB that loads in the background).
    pub fn extend<'a>(&mut self, records: impl IntoIterator<Item = &'a Record>) {
        for record in records {
            let entry = self.entry_of(record);
            self.entries.push(entry);
        }
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn entry(&self, record: usize) -> EntryRef<'_> {
        let entry = &self.entries[record];
        EntryRef {
            all_text: &self.text[entry.text.clone()],
            all_lower: &self.lower[entry.lower.clone()],
            spans: &self.spans[entry.spans.clone()],
        }
    }

    /// Appends the lower-case text of `record` and returns its entry.
    fn entry_of(&mut self, record: &Record) -> Entry {
        let (text_start, start, spans) = (self.text.len(), self.lower.len(), self.spans.len());
        for (n, (field, value)) in searchable(record).enumerate() {
            if n > 0 {
                self.text.push('\n');
                self.lower.push('\n');
            }
            self.text.push_str(value);
            let lower = value.to_lowercase();
            self.lower.push_str(&lower);
            let word_starts = AsciiSet::word_starts(value).union(AsciiSet::word_starts(&lower));
            let (end, text_end) = (self.lower.len() - start, self.text.len() - text_start);
            self.spans.push(Span { field, end, text_end, word_starts });
        }
        Entry { text: text_start..self.text.len(), lower: start..self.lower.len(), spans: spans..self.spans.len() }
    }
}

/// The fields of `record` that the filter searches, with their text.
fn searchable(record: &Record) -> impl Iterator<Item = (Field, &str)> {
    let optional = [
        (Field::Signature, &record.signature),
        (Field::SignatureZh, &record.signature_zh),
        (Field::Domain, &record.domain),
        (Field::ErrorCode, &record.error_code),
    ];
    let optional = optional.into_iter().filter_map(|(field, value)| Some((field, value.as_deref()?)));
    std::iter::once((Field::Id, record.id.as_str()))
        .chain(optional.filter(|(_, value)| !value.is_empty()))
        .chain(record.aliases.iter().enumerate().map(|(i, a)| (Field::Alias(i), a.as_str())))
        .chain(record.tags.iter().enumerate().map(|(i, t)| (Field::Tag(i), t.as_str())))
}

impl<'i> EntryRef<'i> {
    /// Each field with its text.
    pub fn fields(self) -> impl Iterator<Item = (Field, &'i str)> {
        self.texts().map(|text| (text.field, text.value))
    }

    /// Each field with its lower-case text.
    pub fn lower_fields(self) -> impl Iterator<Item = (Field, &'i str)> {
        self.texts().map(|text| (text.field, text.lower))
    }

    /// Each field as a fuzzy term sees it.
    pub fn texts(self) -> impl Iterator<Item = FieldText<'i>> {
        let starts = std::iter::once((0, 0)).chain(self.spans.iter().map(|span| (span.end + 1, span.text_end + 1)));
        self.spans.iter().zip(starts).map(move |(span, (start, text_start))| FieldText {
            field: span.field,
            lower: &self.all_lower[start..span.end],
            word_starts: span.word_starts,
            value: &self.all_text[text_start..span.text_end],
        })
    }

    /// The record's domain.
    pub fn domain(self) -> Option<&'i str> {
        self.fields().find(|(f, _)| *f == Field::Domain).map(|(_, v)| v)
    }

    /// The record's tags.
    pub fn tags(self) -> impl Iterator<Item = &'i str> {
        self.fields().filter(|(f, _)| matches!(f, Field::Tag(_))).map(|(_, v)| v)
    }

    /// All lower-case fields on one line: a fuzzy term must occur in it, in order, to match.
    pub fn all_lower(self) -> &'i str {
        self.all_lower
    }
}
