//! A re-implementation of the public deadends lookup's ranking, as its documentation describes
//! it: a regex hit on the text +100; the signature contained in the text, or the text in the
//! signature, +50; +5 per shared word outside a stopword list; ties broken by fix success rate.
//! Its score in 0..1 is points / 100, capped (so a regex or substring hit is "confident").

use std::collections::HashSet;

use errkb::kb::Kb;

use super::metrics::Ranking;

const STOPWORDS: &[&str] = &[
    "a", "an", "the", "is", "are", "was", "were", "be", "to", "of", "in", "on", "at", "for", "and", "or", "not", "no",
    "with", "by", "from", "this", "that", "it", "as", "error", "errors",
];

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| w.len() > 1)
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// The baseline's top `limit` records for `text`.
pub fn rank(kb: &Kb, text: &str, limit: usize) -> Ranking {
    let lower = text.to_lowercase();
    let text_words = words(text);
    let mut scored: Vec<(usize, f64, f64)> = Vec::new();
    for (index, record) in kb.records().iter().enumerate() {
        let mut points = 0.0;
        if let Some(Ok(pattern)) = kb.pattern(index) {
            if pattern.is_match(text) {
                points += 100.0;
            }
        }
        if let Some(signature) = record.signature.as_deref() {
            let signature = signature.to_lowercase();
            if !signature.is_empty() && (lower.contains(&signature) || signature.contains(lower.trim())) {
                points += 50.0;
            }
            points += 5.0 * words(&signature).intersection(&text_words).count() as f64;
        }
        if points > 0.0 {
            scored.push((index, points, record.fix_success_rate.unwrap_or(0.0)));
        }
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)));
    scored
        .into_iter()
        .take(limit)
        .map(|(index, points, _)| (kb.records()[index].id.clone(), (points / 100.0).min(1.0) as f32))
        .collect()
}
