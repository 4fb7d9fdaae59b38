//! Turns one JSON object into a [`Record`], whichever of the two shapes it is in: the flat
//! native format, or the nested deadends "ErrorCanon" format (recognised per record by an
//! `error` object). One typed pass reads both; unknown fields are skipped here and survive in
//! the record's raw text. The detail sections are checked by the same pass when a record is
//! loaded, but not kept: [`parse_details`] reads them again from the raw text on demand.

use serde::Deserialize;
use std::sync::Arc;

use super::details::{DeadEnd, Details, Link, TransitionGraph, Version, Workaround};
use super::record::{Origin, RawText, Record, RecordFormat, Resolvable};
use super::shapes;

/// Why a JSON object is not a record; `line`/`column` are relative to the object's text.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses the object `span` of `text`, which starts at `start` (line, column) and whose
/// original text lives in `raw_text`.
pub fn parse_record(
    path: &Arc<str>,
    raw_text: &RawText,
    text: &str,
    span: std::ops::Range<usize>,
    start: (usize, usize),
) -> Result<Record, ParseError> {
    let json = &text[span.clone()];
    let raw = match read_plain(json) {
        Some(raw) => raw,
        None => read_tracking_path(json)?,
    };
    into_record(raw, path, raw_text, span, start)
}

/// [`parse_record`] of a span that holds one valid record and nothing else; `None` for
/// anything else, whatever is wrong (a caller that wants to know reads the text step by
/// step: this one pass only serves text that needs no more).
pub fn parse_exact_record(
    path: &Arc<str>,
    raw_text: &RawText,
    text: &str,
    span: std::ops::Range<usize>,
    start: (usize, usize),
) -> Option<Record> {
    let raw = read_plain(&text[span.clone()])?;
    into_record(raw, path, raw_text, span, start).ok()
}

fn into_record(
    raw: RawRecord,
    path: &Arc<str>,
    raw_text: &RawText,
    span: std::ops::Range<usize>,
    start: (usize, usize),
) -> Result<Record, ParseError> {
    let format = if raw.error.is_some() { RecordFormat::Deadends } else { RecordFormat::Native };
    let origin = Origin::new(path.clone(), raw_text.clone(), start, span, format);
    raw.into_record(origin).ok_or_else(|| ParseError {
        line: 1,
        column: 1,
        message: "record has no `id` (every record needs a unique string id)".to_string(),
    })
}

/// The typed fields of `json` when it is one valid object, with nothing after it, read with
/// plain serde_json. Tracking the field path, only needed for an error message, made reading
/// every record of a KB about a tenth slower (see [`read_tracking_path`]).
fn read_plain(json: &str) -> Option<RawRecord> {
    let mut de = serde_json::Deserializer::from_str(json);
    let raw = RawRecord::deserialize(&mut de).ok()?;
    de.end().ok().map(|()| raw)
}

/// The typed fields of the object `json`, or what is wrong, at which field path.
fn read_tracking_path(json: &str) -> Result<RawRecord, ParseError> {
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(json)).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let field = if path == "." || path.is_empty() { String::new() } else { format!("field `{path}`: ") };
        ParseError { line: inner.line(), column: inner.column(), message: format!("{field}{}", strip_position(&inner)) }
    })
}

/// The detail sections of the record `id` whose JSON text is `json`; `None` when the text is
/// not a record with that id (its file changed since it was loaded).
pub fn parse_details(json: &str, id: &str) -> Option<Details> {
    let raw: RawRecord = serde_json::from_str(json).ok()?;
    (raw.id.as_deref() == Some(id)).then(|| raw.into_details())
}

/// serde_json appends " at line L column C"; the caller reports the position itself.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[derive(Deserialize)]
struct RawRecord {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    signature: Option<String>,
    #[serde(default)]
    signature_zh: Option<String>,
    #[serde(default)]
    regex: Option<String>,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    subcategory: Option<String>,
    #[serde(default)]
    root_cause: Option<String>,
    #[serde(default)]
    root_cause_zh: Option<String>,
    #[serde(default)]
    root_cause_type: Option<String>,
    #[serde(default, deserialize_with = "shapes::null_as_default")]
    versions: Vec<RawVersion>,
    #[serde(default, deserialize_with = "shapes::os_notes")]
    os_specific: Vec<(String, String)>,
    #[serde(default, deserialize_with = "shapes::null_as_default")]
    dead_ends: Vec<RawDeadEnd>,
    #[serde(default, deserialize_with = "shapes::null_as_default")]
    workarounds: Vec<RawWorkaround>,
    #[serde(default, deserialize_with = "shapes::optional_strings")]
    workarounds_zh: Vec<Option<String>>,
    #[serde(default, deserialize_with = "shapes::null_as_default")]
    transition_graph: RawGraph,
    #[serde(default)]
    official_doc_url: Option<String>,
    #[serde(default)]
    official_doc_section: Option<String>,
    #[serde(default, deserialize_with = "shapes::string_or_number")]
    error_code: Option<String>,
    #[serde(default)]
    verification_tier: Option<String>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    fix_success_rate: Option<f64>,
    #[serde(default, deserialize_with = "shapes::resolvable")]
    resolvable: Option<Resolvable>,
    #[serde(default)]
    first_seen: Option<String>,
    #[serde(default)]
    last_confirmed: Option<String>,
    #[serde(default)]
    last_updated: Option<String>,
    #[serde(default)]
    evidence_count: Option<u64>,
    #[serde(default, deserialize_with = "shapes::null_as_default")]
    tags: Vec<String>,
    #[serde(default, deserialize_with = "shapes::null_as_default")]
    aliases: Vec<String>,
    #[serde(default)]
    locale: Option<String>,
    // The nested deadends sections.
    #[serde(default)]
    error: Option<NestedError>,
    #[serde(default)]
    environment: Option<NestedEnvironment>,
    #[serde(default)]
    verdict: Option<NestedVerdict>,
    #[serde(default)]
    metadata: Option<NestedMetadata>,
}

#[derive(Deserialize, Default)]
struct RawVersion {
    #[serde(default, deserialize_with = "shapes::string_or_number")]
    version: Option<String>,
    #[serde(default, deserialize_with = "shapes::string_or_number")]
    introduced: Option<String>,
    #[serde(default, deserialize_with = "shapes::string_or_number")]
    deprecated: Option<String>,
    #[serde(default, deserialize_with = "shapes::string_or_number")]
    removed: Option<String>,
    #[serde(default)]
    behavior_change: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

#[derive(Deserialize)]
struct RawDeadEnd {
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    why_fails: Option<String>,
    #[serde(default)]
    fail_rate: Option<f64>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default, deserialize_with = "shapes::null_as_default")]
    sources: Vec<String>,
}

#[derive(Deserialize)]
struct RawWorkaround {
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    success_rate: Option<f64>,
    #[serde(default)]
    how: Option<String>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default, deserialize_with = "shapes::null_as_default")]
    sources: Vec<String>,
}

#[derive(Deserialize, Default)]
struct RawGraph {
    #[serde(default, deserialize_with = "shapes::links")]
    leads_to: Vec<Link>,
    #[serde(default, deserialize_with = "shapes::links")]
    preceded_by: Vec<Link>,
    #[serde(default, deserialize_with = "shapes::links")]
    frequently_confused_with: Vec<Link>,
}

#[derive(Deserialize)]
struct NestedError {
    #[serde(default)]
    signature: Option<String>,
    #[serde(default)]
    regex: Option<String>,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    first_seen: Option<String>,
    #[serde(default)]
    last_confirmed: Option<String>,
}

#[derive(Deserialize)]
struct NestedEnvironment {
    #[serde(default)]
    runtime: Option<NestedRuntime>,
    #[serde(default)]
    os: Option<String>,
}

#[derive(Deserialize)]
struct NestedRuntime {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    version_range: Option<String>,
}

#[derive(Deserialize)]
struct NestedVerdict {
    #[serde(default, deserialize_with = "shapes::resolvable")]
    resolvable: Option<Resolvable>,
    #[serde(default)]
    fix_success_rate: Option<f64>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    last_updated: Option<String>,
    #[serde(default)]
    summary: Option<String>,
}

#[derive(Deserialize)]
struct NestedMetadata {
    #[serde(default)]
    evidence_count: Option<u64>,
    #[serde(default)]
    review_status: Option<String>,
}

impl RawRecord {
    /// The record without its detail sections (see [`RawRecord::into_details`]).
    fn into_record(self, origin: Origin) -> Option<Record> {
        let id = self.id.filter(|id| !id.trim().is_empty())?;
        let error = self.error;
        let verdict = self.verdict;
        let nested = |pick: fn(&NestedError) -> &Option<String>| error.as_ref().and_then(|e| pick(e).clone());
        Some(Record {
            id,
            signature: self.signature.or_else(|| nested(|e| &e.signature)),
            signature_zh: self.signature_zh,
            regex: self.regex.or_else(|| nested(|e| &e.regex)),
            domain: self.domain.or_else(|| nested(|e| &e.domain)),
            category: self.category.or_else(|| nested(|e| &e.category)),
            subcategory: self.subcategory,
            root_cause: self.root_cause.or_else(|| verdict.as_ref().and_then(|v| v.summary.clone())),
            root_cause_zh: self.root_cause_zh,
            root_cause_type: self.root_cause_type,
            official_doc_url: self.official_doc_url,
            official_doc_section: self.official_doc_section,
            error_code: self.error_code,
            verification_tier: self
                .verification_tier
                .or_else(|| self.metadata.as_ref().and_then(|m| m.review_status.clone())),
            confidence: self.confidence.or_else(|| verdict.as_ref().and_then(|v| v.confidence)),
            fix_success_rate: self.fix_success_rate.or_else(|| verdict.as_ref().and_then(|v| v.fix_success_rate)),
            resolvable: self.resolvable.or_else(|| verdict.as_ref().and_then(|v| v.resolvable)),
            first_seen: self.first_seen.or_else(|| nested(|e| &e.first_seen)),
            last_confirmed: self.last_confirmed.or_else(|| nested(|e| &e.last_confirmed)),
            last_updated: self.last_updated.or_else(|| verdict.as_ref().and_then(|v| v.last_updated.clone())),
            evidence_count: self.evidence_count.or_else(|| self.metadata.as_ref().and_then(|m| m.evidence_count)),
            tags: exact(self.tags),
            aliases: exact(self.aliases),
            locale: self.locale,
            origin,
        })
    }

    /// The detail sections: versions (with the nested `environment` as one more), OS notes,
    /// dead ends, workarounds and links.
    fn into_details(self) -> Details {
        let mut versions: Vec<Version> = self.versions.into_iter().map(Version::from).collect();
        versions.extend(self.environment.and_then(NestedEnvironment::into_version));
        Details {
            versions,
            os_specific: self.os_specific,
            dead_ends: self.dead_ends.into_iter().map(DeadEnd::from).collect(),
            workarounds: self.workarounds.into_iter().map(Workaround::from).collect(),
            workarounds_zh: self.workarounds_zh,
            transition_graph: TransitionGraph {
                leads_to: self.transition_graph.leads_to,
                preceded_by: self.transition_graph.preceded_by,
                frequently_confused_with: self.transition_graph.frequently_confused_with,
            },
        }
    }
}

/// `items` without spare capacity: lists parsed from JSON grow by doubling, and a KB holds
/// hundreds of thousands of them.
fn exact<T>(mut items: Vec<T>) -> Vec<T> {
    items.shrink_to_fit();
    items
}

impl NestedEnvironment {
    /// `runtime name + version range (os)` as one version entry.
    fn into_version(self) -> Option<Version> {
        let runtime =
            self.runtime.map(|r| [r.name, r.version_range].into_iter().flatten().collect::<Vec<_>>().join(" "));
        let text = match (runtime.filter(|r| !r.is_empty()), self.os.filter(|os| !os.is_empty())) {
            (Some(runtime), Some(os)) => format!("{runtime} ({os})"),
            (Some(runtime), None) => runtime,
            (None, Some(os)) => os,
            (None, None) => return None,
        };
        Some(Version { version: Some(text), ..Version::default() })
    }
}

impl From<RawVersion> for Version {
    fn from(v: RawVersion) -> Self {
        Version {
            version: v.version,
            introduced: v.introduced,
            deprecated: v.deprecated,
            removed: v.removed,
            behavior_change: v.behavior_change,
            status: v.status,
        }
    }
}

impl From<RawDeadEnd> for DeadEnd {
    fn from(d: RawDeadEnd) -> Self {
        DeadEnd {
            action: d.action,
            why_fails: d.why_fails,
            fail_rate: d.fail_rate,
            condition: d.condition,
            sources: d.sources,
        }
    }
}

impl From<RawWorkaround> for Workaround {
    fn from(w: RawWorkaround) -> Self {
        Workaround {
            action: w.action,
            success_rate: w.success_rate,
            how: w.how,
            condition: w.condition,
            sources: w.sources,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_are_read_again_only_from_the_same_record() {
        let json = r#"{"id": "a/1", "environment": {"runtime": {"name": "py", "version_range": ">=3"}, "os": "linux"},
            "workarounds": [{"action": "x"}], "transition_graph": {"leads_to": ["a/2"]}}"#;
        let details = parse_details(json, "a/1").unwrap();
        assert_eq!(details.versions[0].version.as_deref(), Some("py >=3 (linux)"));
        assert_eq!(details.workarounds.len(), 1);
        assert_eq!(details.links().count(), 1);
        assert_eq!(parse_details(json, "a/2"), None, "another record's text");
        assert_eq!(parse_details("{\"id\": ", "a/1"), None);
    }
}
