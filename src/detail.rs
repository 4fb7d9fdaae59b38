//! Everything about one record, laid out for reading in a language: the sections and blocks
//! that the TUI's detail pane styles and `errkb show` prints. Nothing present in a record is
//! hidden: fields this model does not know are listed under "Other fields".

use serde_json::{Map, Value};

use crate::fix::{workaround_command, Fill};
use crate::i18n::labels::Labels;
use crate::i18n::Lang;
use crate::kb::{Details, Kb, LinkKind, Localized, Record};

/// A record laid out as sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub sections: Vec<Section>,
}

/// A titled part of the detail.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: &'static str,
    pub blocks: Vec<Block>,
}

/// One thing to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Prose; `fallback` when English is shown for want of Chinese.
    Text { text: String, fallback: bool },
    /// `label: value`.
    Field { label: String, value: String },
    /// A rate in 0..1, drawn as a bar.
    Rate { label: &'static str, rate: f64 },
    /// A small table.
    Table { header: Vec<&'static str>, rows: Vec<Vec<String>> },
    /// A fix that does not work.
    DeadEnd {
        action: String,
        why_fails: Option<String>,
        fail_rate: Option<f64>,
        condition: Option<String>,
        sources: Vec<String>,
    },
    /// A fix that works.
    Workaround(WorkaroundBlock),
    /// A transition-graph link.
    Link { kind: &'static str, id: String, resolved: bool, note: Option<String>, probability: Option<f64> },
}

/// A workaround, numbered from 1, with its command (filled with the user's values, if any).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkaroundBlock {
    pub number: usize,
    pub text: String,
    pub fallback: bool,
    pub success_rate: Option<f64>,
    pub condition: Option<String>,
    pub command: Option<String>,
    pub filled_command: Option<String>,
    pub sources: Vec<String>,
}

impl Detail {
    /// The workaround blocks, in order.
    pub fn workarounds(&self) -> impl Iterator<Item = &WorkaroundBlock> {
        self.sections.iter().flat_map(|s| &s.blocks).filter_map(|b| match b {
            Block::Workaround(w) => Some(w),
            _ => None,
        })
    }
}

/// Lays out `record` in `lang`; `fill` carries the user's values when diagnosing. When the
/// record's text can no longer be read, its source section says why (and the parts read from
/// that text, its detail sections and other fields, are left out).
pub fn detail(kb: &Kb, record: &Record, lang: Lang, fill: Option<&Fill>) -> Detail {
    let labels = Labels::of(lang);
    let read = record.origin.raw_json().and_then(|raw| Ok((record.details_in(&raw)?, unknown_fields(&raw))));
    let (details, unknown, problem) = match read {
        Ok((details, unknown)) => (details, unknown, None),
        Err(message) => (Details::default(), Vec::new(), Some(message)),
    };
    let mut sections = Vec::new();
    let mut push = |title, blocks: Vec<Block>| {
        if !blocks.is_empty() {
            sections.push(Section { title, blocks });
        }
    };
    push(labels.signature, record.signature_in(lang).map(text).into_iter().collect());
    push(labels.root_cause, record.root_cause_in(lang).map(text).into_iter().collect());
    push(labels.domain, facts(record, labels));
    push(labels.versions, versions(&details, labels));
    push(labels.os_specific, details.os_specific.iter().map(|(os, notes)| field(os, notes)).collect());
    push(labels.dead_ends, dead_ends(&details));
    push(labels.workarounds, workarounds(&details, lang, fill));
    push(labels.graph, links(kb, &details, labels));
    push(labels.docs, docs(record));
    push(labels.dates, dates(record, labels));
    push(labels.tags, words(&record.tags));
    push(labels.aliases, words(&record.aliases));
    push(labels.other_fields, unknown.iter().map(|(k, v)| field(k, v)).collect());
    let problem = problem.map(|text| Block::Text { text, fallback: false });
    push(labels.source, std::iter::once(field(labels.source, &record.origin.location())).chain(problem).collect());
    Detail { sections }
}

fn text(localized: Localized<'_>) -> Block {
    Block::Text { text: localized.text.to_string(), fallback: localized.fallback }
}

fn field(label: &str, value: &str) -> Block {
    Block::Field { label: label.to_string(), value: value.to_string() }
}

fn facts(record: &Record, labels: &Labels) -> Vec<Block> {
    let mut blocks: Vec<Block> = [
        (labels.domain, &record.domain),
        (labels.category, &record.category),
        (labels.subcategory, &record.subcategory),
        (labels.root_cause_type, &record.root_cause_type),
        (labels.error_code, &record.error_code),
        (labels.verification_tier, &record.verification_tier),
        (labels.locale, &record.locale),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.as_deref().map(|v| field(label, v)))
    .collect();
    if let Some(resolvable) = record.resolvable {
        blocks.push(field(labels.resolvable, resolvable.as_str()));
    }
    blocks.extend(record.confidence.map(|rate| Block::Rate { label: labels.confidence, rate }));
    blocks.extend(record.fix_success_rate.map(|rate| Block::Rate { label: labels.fix_success_rate, rate }));
    blocks
}

fn versions(details: &Details, labels: &Labels) -> Vec<Block> {
    if details.versions.is_empty() {
        return Vec::new();
    }
    let cell = |v: &Option<String>| v.clone().unwrap_or_default();
    let rows: Vec<Vec<String>> = details
        .versions
        .iter()
        .map(|v| {
            [&v.version, &v.introduced, &v.deprecated, &v.removed, &v.behavior_change, &v.status].map(cell).to_vec()
        })
        .collect();
    // Columns that are empty in every row are left out of the table.
    let keep: Vec<usize> = (0..6).filter(|&c| c == 0 || rows.iter().any(|r| !r[c].is_empty())).collect();
    vec![Block::Table {
        header: keep.iter().map(|&c| labels.version_columns[c]).collect(),
        rows: rows.iter().map(|r| keep.iter().map(|&c| r[c].clone()).collect()).collect(),
    }]
}

fn dead_ends(details: &Details) -> Vec<Block> {
    details
        .dead_ends
        .iter()
        .map(|d| Block::DeadEnd {
            action: d.action.clone().unwrap_or_default(),
            why_fails: d.why_fails.clone().filter(|w| !w.is_empty()),
            fail_rate: d.fail_rate,
            condition: d.condition.clone().filter(|c| !c.is_empty()),
            sources: d.sources.clone(),
        })
        .collect()
}

fn workarounds(details: &Details, lang: Lang, fill: Option<&Fill>) -> Vec<Block> {
    details
        .workarounds
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let prose = details.workaround_text_in(i, lang);
            let command = workaround_command(w);
            let filled_command = command.as_deref().and_then(|c| fill.and_then(|f| f.apply(c)));
            Block::Workaround(WorkaroundBlock {
                number: i + 1,
                text: prose.map(|p| p.text.to_string()).unwrap_or_default(),
                fallback: prose.is_some_and(|p| p.fallback),
                success_rate: w.success_rate,
                condition: w.condition.clone().filter(|c| !c.is_empty()),
                command,
                filled_command,
                sources: w.sources.clone(),
            })
        })
        .collect()
}

fn links(kb: &Kb, details: &Details, labels: &Labels) -> Vec<Block> {
    details
        .links()
        .map(|(kind, link)| Block::Link {
            kind: match kind {
                LinkKind::LeadsTo => labels.leads_to,
                LinkKind::PrecededBy => labels.preceded_by,
                LinkKind::ConfusedWith => labels.confused_with,
            },
            id: link.error_id.clone(),
            resolved: kb.by_id(&link.error_id).is_some(),
            note: link.condition.clone().or_else(|| link.distinction.clone()).filter(|n| !n.is_empty()),
            probability: link.probability,
        })
        .collect()
}

fn docs(record: &Record) -> Vec<Block> {
    let url = record.official_doc_url.iter().map(|u| Block::Text { text: u.clone(), fallback: false });
    let section = record.official_doc_section.iter().map(|s| Block::Text { text: s.clone(), fallback: false });
    url.chain(section).collect()
}

fn dates(record: &Record, labels: &Labels) -> Vec<Block> {
    let mut blocks: Vec<Block> = [
        (labels.first_seen, &record.first_seen),
        (labels.last_confirmed, &record.last_confirmed),
        (labels.last_updated, &record.last_updated),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.as_deref().map(|v| field(label, v)))
    .collect();
    blocks.extend(record.evidence_count.map(|n| field(labels.evidence_count, &n.to_string())));
    blocks
}

fn words(list: &[String]) -> Vec<Block> {
    if list.is_empty() {
        Vec::new()
    } else {
        vec![Block::Text { text: list.join(", "), fallback: false }]
    }
}

/// Fields the record model reads, by top-level key; `Some` lists the sub-keys it reads.
const KNOWN: &[(&str, Option<&[&str]>)] = &[
    ("id", None),
    ("signature", None),
    ("signature_zh", None),
    ("regex", None),
    ("domain", None),
    ("category", None),
    ("subcategory", None),
    ("root_cause", None),
    ("root_cause_zh", None),
    ("root_cause_type", None),
    ("versions", None),
    ("os_specific", None),
    ("dead_ends", None),
    ("workarounds", None),
    ("workarounds_zh", None),
    ("transition_graph", None),
    ("official_doc_url", None),
    ("official_doc_section", None),
    ("error_code", None),
    ("verification_tier", None),
    ("confidence", None),
    ("fix_success_rate", None),
    ("resolvable", None),
    ("first_seen", None),
    ("last_confirmed", None),
    ("last_updated", None),
    ("evidence_count", None),
    ("tags", None),
    ("aliases", None),
    ("locale", None),
    ("error", Some(&["signature", "regex", "domain", "category", "first_seen", "last_confirmed"])),
    ("environment", Some(&["runtime", "os"])),
    ("verdict", Some(&["resolvable", "fix_success_rate", "confidence", "last_updated", "summary"])),
    ("metadata", Some(&["evidence_count", "review_status"])),
];

/// Known keys of list elements.
const KNOWN_ITEMS: &[(&str, &[&str])] = &[
    ("dead_ends", &["action", "why_fails", "fail_rate", "condition", "sources"]),
    ("workarounds", &["action", "success_rate", "how", "condition", "sources"]),
];

/// `(path, compact JSON)` of every field in `raw` that the record model does not read.
pub fn unknown_fields(raw: &str) -> Vec<(String, String)> {
    let Ok(object) = serde_json::from_str::<Map<String, Value>>(raw) else { return Vec::new() };
    let mut out = Vec::new();
    for (key, value) in &object {
        match KNOWN.iter().find(|(k, _)| k == key) {
            None => out.push((key.clone(), show(value))),
            Some((_, Some(sub_keys))) => {
                if let Value::Object(inner) = value {
                    for (sub, v) in inner.iter().filter(|(s, _)| !sub_keys.contains(&s.as_str())) {
                        out.push((format!("{key}.{sub}"), show(v)));
                    }
                }
            }
            Some((_, None)) => {
                let Some((_, item_keys)) = KNOWN_ITEMS.iter().find(|(k, _)| k == key) else { continue };
                let Value::Array(items) = value else { continue };
                for (i, item) in items.iter().enumerate() {
                    let Value::Object(item) = item else { continue };
                    for (sub, v) in item.iter().filter(|(s, _)| !item_keys.contains(&s.as_str())) {
                        out.push((format!("{key}[{i}].{sub}"), show(v)));
                    }
                }
            }
        }
    }
    out
}

fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::Source;

    #[test]
    fn lists_unknown_fields_at_every_level() {
        let raw = r#"{"id":"a","x":1,"error":{"signature":"s","extra":"e"},"dead_ends":[{"action":"a","common_misconception":"m"}]}"#;
        assert_eq!(
            unknown_fields(raw),
            vec![
                ("x".to_string(), "1".to_string()),
                ("error.extra".to_string(), "e".to_string()),
                ("dead_ends[0].common_misconception".to_string(), "m".to_string())
            ]
        );
    }

    #[test]
    fn the_reference_record_in_chinese_falls_back_per_field() {
        let kb = Kb::builtin();
        let record = kb.by_id("database/redis-cluster-moved-redirect").unwrap();
        let shown = detail(&kb, record, Lang::Zh, None);
        assert_eq!(shown.sections[0].title, "错误签名");
        let root = &shown.sections[1].blocks[0];
        assert!(matches!(root, Block::Text { fallback: false, text } if text.contains("集群")));
        let second = shown.workarounds().nth(1).unwrap();
        assert!(second.fallback, "its workarounds_zh are English");
        assert_eq!(second.command.as_deref(), Some("redis-cli -h 192.168.1.10 -p 6379 GET mykey"));
    }

    #[test]
    fn a_record_whose_file_changed_says_so_under_its_source() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("k.json");
        std::fs::write(&file, r#"{"id": "a/1", "workarounds": [{"action": "x"}]}"#).unwrap();
        let kb = Kb::load(&[Source::Path(file.clone())]);
        std::fs::write(&file, r#"{"id": "b/1", "workarounds": [{"action": "x"}]}"#).unwrap();
        let shown = detail(&kb, &kb.records()[0], Lang::En, None);
        let source = &shown.sections.last().unwrap().blocks;
        assert!(matches!(&source[1], Block::Text { text, .. } if text.ends_with("k.json changed since it was loaded")));
        assert_eq!(shown.workarounds().count(), 0);
    }
}
