//! The record model: one error of the knowledge base, with typed access to every field of
//! the native format (../FORMAT.md). Every field but `id` is optional. The record's original
//! JSON text is reachable (as a span of its source, read back from its file when needed), so a
//! record can be exported unchanged, unknown fields included, without holding a
//! `serde_json::Value` tree per record or a second copy of a large KB's text. The detail
//! sections (dead ends, workarounds, versions, OS notes, links) are parsed from that text on
//! demand ([`Record::details`]) rather than kept for every record.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::details::Details;
use super::parse::parse_details;
use crate::i18n::{looks_chinese, Lang};

/// One error record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub signature: Option<String>,
    pub signature_zh: Option<String>,
    pub regex: Option<String>,
    pub domain: Option<String>,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub root_cause: Option<String>,
    pub root_cause_zh: Option<String>,
    pub root_cause_type: Option<String>,
    pub official_doc_url: Option<String>,
    pub official_doc_section: Option<String>,
    pub error_code: Option<String>,
    pub verification_tier: Option<String>,
    pub confidence: Option<f64>,
    pub fix_success_rate: Option<f64>,
    pub resolvable: Option<Resolvable>,
    pub first_seen: Option<String>,
    pub last_confirmed: Option<String>,
    pub last_updated: Option<String>,
    pub evidence_count: Option<u64>,
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    pub locale: Option<String>,
    /// Where the record came from and its original text.
    pub origin: Origin,
}

/// Whether an error can be fixed at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolvable {
    Yes,
    No,
    Partial,
}

/// The shape a record was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// The flat format of FORMAT.md.
    Native,
    /// The nested deadends.dev "ErrorCanon" format.
    Deadends,
}

/// Where a record came from: its file, its position and its original JSON text.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// The path as shown to users (`builtin:` prefix for the built-in KB).
    pub path: Arc<str>,
    /// 1-based line of the record's opening brace.
    pub line: usize,
    /// 1-based column of the record's opening brace.
    pub column: usize,
    pub format: RecordFormat,
    raw: RawText,
    span: Range<usize>,
}

/// Where the original text of a source lives.
#[derive(Debug, Clone, PartialEq)]
pub enum RawText {
    /// Kept in memory: the built-in KB, and files whose text had to be repaired (a BOM,
    /// invalid UTF-8) so that offsets no longer match the file.
    Memory(Arc<str>),
    /// Read back from the file when needed, so a large KB is not held in memory twice.
    File(Arc<Path>),
}

impl Origin {
    /// An origin for the record spanning `span` of its source, which starts at
    /// `(line, column)` and whose original text lives in `raw`.
    pub fn new(
        path: Arc<str>,
        raw: RawText,
        (line, column): (usize, usize),
        span: Range<usize>,
        format: RecordFormat,
    ) -> Self {
        Origin { path, line, column, format, raw, span }
    }

    /// The record's JSON exactly as it stands in its source; an error when its file can no
    /// longer be read or has changed since it was loaded.
    pub fn raw_json(&self) -> Result<Cow<'_, str>, String> {
        match &self.raw {
            RawText::Memory(text) => Ok(Cow::Borrowed(&text[self.span.clone()])),
            RawText::File(file) => {
                // Only the record's bytes are read: the detail pane asks on every frame, and a
                // JSON Lines file can hold a whole KB.
                let raw = read_span(file, &self.span).map_err(|err| format!("cannot read {}: {err}", self.path))?;
                let text = std::str::from_utf8(&raw).map_err(|_| self.changed())?;
                let whole = text.starts_with('{') && text.ends_with('}');
                if whole {
                    Ok(Cow::Owned(text.to_string()))
                } else {
                    Err(self.changed())
                }
            }
        }
    }

    /// The error for a source whose text is no longer what was loaded.
    fn changed(&self) -> String {
        format!("{} changed since it was loaded", self.path)
    }

    /// `path:line:column` of the record.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path, self.line, self.column)
    }
}

/// The bytes `span` of `file`; an error when the file is shorter.
fn read_span(file: &Path, span: &Range<usize>) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut handle = std::fs::File::open(file)?;
    handle.seek(SeekFrom::Start(span.start as u64))?;
    let mut bytes = vec![0; span.len()];
    handle.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// A field rendered in a language, with whether it fell back to English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    /// The Chinese text was missing, or was really English, so English is shown.
    pub fallback: bool,
}

impl Record {
    /// A record with only an id, for tests and builders.
    pub fn with_id(id: &str) -> Self {
        let text: Arc<str> = Arc::from(format!("{{\"id\":{}}}", serde_json::Value::from(id)));
        let span = 0..text.len();
        let raw = RawText::Memory(text.clone());
        Record {
            id: id.to_string(),
            signature: None,
            signature_zh: None,
            regex: None,
            domain: None,
            category: None,
            subcategory: None,
            root_cause: None,
            root_cause_zh: None,
            root_cause_type: None,
            official_doc_url: None,
            official_doc_section: None,
            error_code: None,
            verification_tier: None,
            confidence: None,
            fix_success_rate: None,
            resolvable: None,
            first_seen: None,
            last_confirmed: None,
            last_updated: None,
            evidence_count: None,
            tags: Vec::new(),
            aliases: Vec::new(),
            locale: None,
            origin: Origin::new(Arc::from("<memory>"), raw, (1, 1), span, RecordFormat::Native),
        }
    }

    /// The signature in `lang`, falling back to English per field.
    pub fn signature_in(&self, lang: Lang) -> Option<Localized<'_>> {
        // A signature is error text: its Chinese rendering legitimately keeps most of it verbatim,
        // so only a missing or identical one counts as a fallback.
        let en = self.signature.as_deref();
        match lang {
            Lang::En => en.map(|text| Localized { text, fallback: false }),
            Lang::Zh => match self.signature_zh.as_deref() {
                Some(zh) if !zh.trim().is_empty() && Some(zh) != en => Some(Localized { text: zh, fallback: false }),
                _ => en.map(|text| Localized { text, fallback: true }),
            },
        }
    }

    /// The root cause in `lang`, falling back to English per field.
    pub fn root_cause_in(&self, lang: Lang) -> Option<Localized<'_>> {
        localize(self.root_cause.as_deref(), self.root_cause_zh.as_deref(), lang)
    }

    /// The detail sections, parsed from the record's raw text (a loaded record does not keep
    /// them); an error when its file can no longer be read or has changed since it was loaded.
    pub fn details(&self) -> Result<Details, String> {
        self.details_in(&self.origin.raw_json()?)
    }

    /// The detail sections parsed from `raw`, this record's text as [`Origin::raw_json`] gave
    /// it (for callers that need the text too); an error when it is not this record's text.
    pub fn details_in(&self, raw: &str) -> Result<Details, String> {
        parse_details(raw, &self.id).ok_or_else(|| self.origin.changed())
    }
}

/// `en` or `zh` in `lang`, falling back to English when the Chinese text is missing or is
/// really English.
pub(super) fn localize<'a>(en: Option<&'a str>, zh: Option<&'a str>, lang: Lang) -> Option<Localized<'a>> {
    match lang {
        Lang::En => en.map(|text| Localized { text, fallback: false }),
        Lang::Zh => match zh {
            Some(zh) if looks_chinese(zh) => Some(Localized { text: zh, fallback: false }),
            // An English "translation" is shown, but marked, when there is no English field.
            Some(zh) if en.is_none() => Some(Localized { text: zh, fallback: true }),
            _ => en.map(|text| Localized { text, fallback: true }),
        },
    }
}

impl Resolvable {
    /// The canonical spelling used in the format.
    pub fn as_str(self) -> &'static str {
        match self {
            Resolvable::Yes => "true",
            Resolvable::No => "false",
            Resolvable::Partial => "partial",
        }
    }
}
