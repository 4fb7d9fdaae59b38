//! Linting a loaded KB: what a KB author must fix (errors) and should look at (warnings),
//! each at the `path:line:column` of the record it concerns.

use super::details::Details;
use super::load::{Issue, Severity};
use super::record::Record;
use super::Kb;
use crate::i18n::looks_chinese;

/// Every problem of `kb`: its load issues, then each record's lints, in load order.
pub fn validate(kb: &Kb) -> Vec<Issue> {
    let mut issues = kb.issues().to_vec();
    for (index, record) in kb.records().iter().enumerate() {
        let mut lint = |severity, message: String| {
            issues.push(Issue {
                path: record.origin.path.clone(),
                line: record.origin.line,
                column: record.origin.column,
                severity,
                message: format!("{}: {message}", record.id),
            })
        };
        lint_pattern(kb, index, record, &mut lint);
        // The loader checked this text; reading it again fails only when its file changed.
        let details = record.details().unwrap_or_else(|message| {
            lint(Severity::Error, message);
            Details::default()
        });
        lint_rates(record, &details, &mut lint);
        lint_links(kb, &details, &mut lint);
        lint_chinese(record, &details, &mut lint);
    }
    issues
}

fn lint_pattern(kb: &Kb, index: usize, record: &Record, lint: &mut impl FnMut(Severity, String)) {
    if record.signature.is_none() {
        lint(Severity::Warning, "no `signature`".into());
    }
    let pattern = match kb.pattern(index) {
        None => return lint(Severity::Warning, "no `regex`: diagnosis can only compare text".into()),
        Some(Err(err)) => return lint(Severity::Error, format!("`regex` does not compile: {err}")),
        Some(Ok(pattern)) => pattern,
    };
    if pattern.is_backtracking() {
        lint(
            Severity::Warning,
            "`regex` needs lookaround or backreferences: it runs on the slower backtracking engine".into(),
        );
    }
    if let Some(signature) = &record.signature {
        if !pattern.is_match(signature) {
            lint(Severity::Error, "`regex` does not match the record's own `signature`".into());
        }
    }
    for alias in &record.aliases {
        if !pattern.is_match(alias) {
            lint(Severity::Error, format!("`regex` does not match the alias {alias:?}"));
        }
    }
}

fn lint_rates(record: &Record, details: &Details, lint: &mut impl FnMut(Severity, String)) {
    let mut rates: Vec<(String, f64)> = Vec::new();
    rates.extend(record.confidence.map(|r| ("confidence".to_string(), r)));
    rates.extend(record.fix_success_rate.map(|r| ("fix_success_rate".to_string(), r)));
    for (i, dead_end) in details.dead_ends.iter().enumerate() {
        rates.extend(dead_end.fail_rate.map(|r| (format!("dead_ends[{i}].fail_rate"), r)));
    }
    for (i, workaround) in details.workarounds.iter().enumerate() {
        rates.extend(workaround.success_rate.map(|r| (format!("workarounds[{i}].success_rate"), r)));
    }
    for (kind, link) in details.links() {
        rates.extend(link.probability.map(|r| (format!("transition_graph {kind:?} {} probability", link.error_id), r)));
    }
    for (field, rate) in rates {
        if !(0.0..=1.0).contains(&rate) {
            lint(Severity::Error, format!("`{field}` is {rate}, outside 0..1"));
        }
    }
}

fn lint_links(kb: &Kb, details: &Details, lint: &mut impl FnMut(Severity, String)) {
    for (kind, link) in details.links() {
        if kb.by_id(&link.error_id).is_none() {
            lint(
                Severity::Error,
                format!("transition_graph {kind:?} links to `{}`, which is not in the KB", link.error_id),
            );
        }
    }
}

fn lint_chinese(record: &Record, details: &Details, lint: &mut impl FnMut(Severity, String)) {
    let mut check = |field: &str, en: Option<&str>, zh: Option<&str>, prose: bool| match (en, zh) {
        (Some(_), None) => lint(Severity::Warning, format!("`{field}` is missing")),
        (Some(en), Some(zh)) if zh == en => {
            lint(Severity::Warning, format!("`{field}` is the English text, untranslated"))
        }
        (Some(_), Some(zh)) if prose && !looks_chinese(zh) => {
            lint(Severity::Warning, format!("`{field}` is not Chinese (untranslated)"))
        }
        _ => {}
    };
    check("signature_zh", record.signature.as_deref(), record.signature_zh.as_deref(), false);
    check("root_cause_zh", record.root_cause.as_deref(), record.root_cause_zh.as_deref(), true);
    for (i, workaround) in details.workarounds.iter().enumerate() {
        let zh = details.workarounds_zh.get(i).and_then(|zh| zh.as_deref());
        let english = [workaround.text(), workaround.action.as_deref()];
        let same_as_english = zh.is_some() && english.contains(&zh);
        let field = format!("workarounds_zh[{i}]");
        let en = if same_as_english { zh } else { workaround.text() };
        check(&field, en, zh, true);
    }
    if details.workarounds_zh.len() > details.workarounds.len() {
        lint(Severity::Warning, "`workarounds_zh` has more entries than `workarounds`".into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::load::{load_bytes, Loaded};
    use crate::kb::Source;
    use std::sync::Arc;

    fn messages(kb: &Kb) -> Vec<String> {
        validate(kb).into_iter().map(|i| i.message).collect()
    }

    #[test]
    fn the_reference_record_is_flagged_for_its_english_workarounds_zh_only() {
        let kb = Kb::builtin();
        let found =
            messages(&Kb::from_parts(vec![kb.by_id("database/redis-cluster-moved-redirect").unwrap().clone()], vec![]));
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|m| m.contains("workarounds_zh") && m.contains("untranslated")));
    }

    #[test]
    fn finds_bad_regex_rates_and_links() {
        let json = r#"{"id": "a/b", "signature": "boom 42", "regex": "bang", "confidence": 1.5,
            "transition_graph": {"leads_to": ["a/missing"]}, "workarounds": [{"action": "x"}]}"#;
        let mut loaded = Loaded::default();
        load_bytes(&Arc::from("a.json"), json.as_bytes(), false, None, &mut loaded);
        let found = messages(&Kb::from_parts(loaded.records, loaded.issues));
        assert!(found.iter().any(|m| m.contains("does not match the record's own `signature`")));
        assert!(found.iter().any(|m| m.contains("`confidence` is 1.5")));
        assert!(found.iter().any(|m| m.contains("a/missing")));
        assert!(found.iter().any(|m| m.contains("workarounds_zh[0]` is missing")));
    }

    #[test]
    fn a_record_whose_file_changed_is_an_error_at_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("k.json");
        std::fs::write(&file, "[{\"id\": \"a/1\"},\n {\"id\": \"a/2\", \"workarounds\": []}]").unwrap();
        let kb = Kb::load(&[Source::Path(file.clone())]);
        std::fs::write(&file, "[{\"id\": \"a/1\"},\n {\"id\": \"b/2\", \"workarounds\": []}]").unwrap();
        let errors: Vec<Issue> = validate(&kb).into_iter().filter(|i| i.severity == Severity::Error).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (2, 2));
        assert!(errors[0].message.ends_with("k.json changed since it was loaded"), "{}", errors[0].message);
    }
}
