//! The built-in KB keeps itself true: unique ids, links that resolve, regexes that recognise
//! their own signature and aliases but no other record's signature (unless the two are linked as
//! frequently confused), and Chinese fields that are really translated.

use errkb::i18n::looks_chinese;
use errkb::kb::{Details, Kb, LinkKind, Severity};

/// The user's reference record is kept byte-identical, English `workarounds_zh` included.
const REFERENCE_ID: &str = "database/redis-cluster-moved-redirect";

#[test]
fn the_builtin_kb_loads_cleanly_with_unique_ids() {
    let kb = Kb::builtin();
    let errors: Vec<String> =
        kb.issues().iter().filter(|i| i.severity == Severity::Error).map(|i| i.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!kb.is_empty());
}

#[test]
fn every_regex_matches_its_signature_and_aliases_and_no_unrelated_signature() {
    let kb = Kb::builtin();
    let details: Vec<Details> = kb.records().iter().map(|r| r.details().unwrap()).collect();
    let mut problems = Vec::new();
    for (index, record) in kb.records().iter().enumerate() {
        let Some(Ok(pattern)) = kb.pattern(index) else {
            problems.push(format!("{}: no usable regex", record.id));
            continue;
        };
        for text in record.signature.iter().chain(&record.aliases) {
            if !pattern.is_match(text) {
                problems.push(format!("{}: regex does not match {text:?}", record.id));
            }
        }
        for (other_index, other) in kb.records().iter().enumerate().filter(|(_, o)| o.id != record.id) {
            let confused = |a: usize, b: &str| {
                details[a].links().any(|(kind, l)| kind == LinkKind::ConfusedWith && l.error_id == b)
            };
            let linked = confused(index, &other.id) || confused(other_index, &record.id);
            if let Some(signature) = &other.signature {
                if pattern.is_match(signature) && !linked {
                    problems.push(format!("{}: regex also matches the signature of {}", record.id, other.id));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_link_resolves_inside_the_kb() {
    let kb = Kb::builtin();
    let mut missing = Vec::new();
    for record in kb.records() {
        for (_, link) in record.details().unwrap().links() {
            if kb.by_id(&link.error_id).is_none() {
                missing.push(format!("{} -> {}", record.id, link.error_id));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn every_chinese_field_is_present_and_translated() {
    let kb = Kb::builtin();
    let mut problems = Vec::new();
    for record in kb.records().iter().filter(|r| r.id != REFERENCE_ID) {
        let id = &record.id;
        match (&record.signature, &record.signature_zh) {
            (Some(en), Some(zh)) if en == zh => problems.push(format!("{id}: signature_zh is the English text")),
            (Some(_), None) => problems.push(format!("{id}: no signature_zh")),
            _ => {}
        }
        match (&record.root_cause, &record.root_cause_zh) {
            (Some(_), Some(zh)) if !looks_chinese(zh) => problems.push(format!("{id}: root_cause_zh is not Chinese")),
            (Some(_), None) => problems.push(format!("{id}: no root_cause_zh")),
            _ => {}
        }
        let details = record.details().unwrap();
        if details.workarounds_zh.len() != details.workarounds.len() {
            problems.push(format!("{id}: workarounds_zh is not aligned with workarounds"));
        }
        for (i, zh) in details.workarounds_zh.iter().enumerate() {
            let english = details.workarounds.get(i).and_then(|w| w.text());
            match zh {
                Some(zh) if Some(zh.as_str()) == english || !looks_chinese(zh) => {
                    problems.push(format!("{id}: workarounds_zh[{i}] is not Chinese"))
                }
                None => problems.push(format!("{id}: workarounds_zh[{i}] is null")),
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
