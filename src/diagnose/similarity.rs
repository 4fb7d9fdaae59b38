//! Text similarity between the key lines of an error and a record's signature and aliases,
//! with IDF weights: a word that few records use (`MOVED`, `CROSSSLOT`) counts for much more
//! than one that many use (`error`, `failed`). Variable parts count by kind (see
//! [`super::normalize`]).

use std::collections::HashMap;

use super::normalize::{code_value, is_placeholder, tokens};
use crate::kb::Kb;

/// One wording of a record (its signature or an alias) as weighted tokens.
#[derive(Debug)]
struct Variant {
    tokens: Vec<u32>,
    total_weight: f32,
}

/// The similarity index of a KB.
#[derive(Debug, Default)]
pub struct SimilarityIndex {
    vocabulary: HashMap<String, u32>,
    idf: Vec<f32>,
    /// For each token that is a code, its value (see [`code_value`]).
    code: Vec<Option<u32>>,
    /// For each token, what it counts for in a wording's total and a line's sum: its IDF, or
    /// nothing for a code.
    weight: Vec<f32>,
    /// For each token, the records that use it (ascending, deduplicated).
    postings: Vec<Vec<u32>>,
    variants: Vec<Vec<Variant>>,
    /// For each record, the total weight of its lightest wording (infinite without one).
    lightest: Vec<f32>,
}

/// The lines of a text, prepared once per diagnosis: each line's weight (key line or context),
/// the sum of its words' IDF, and for each word the lines that have it.
struct Lines {
    weight: Vec<f32>,
    idf_sum: Vec<f32>,
    by_token: HashMap<u32, Vec<usize>>,
}

/// The IDF each line shares with one wording, reused from record to record: a sum per line,
/// and the lines that have one.
struct LineSums {
    sum: Vec<f32>,
    has: Vec<bool>,
    touched: Vec<usize>,
}

impl LineSums {
    fn new(lines: usize) -> LineSums {
        LineSums { sum: vec![0.0; lines], has: vec![false; lines], touched: Vec::new() }
    }

    fn add(&mut self, line: usize, idf: f32) {
        if !self.has[line] {
            self.has[line] = true;
            self.touched.push(line);
        }
        self.sum[line] += idf;
    }

    fn clear(&mut self) {
        for line in self.touched.drain(..) {
            self.sum[line] = 0.0;
            self.has[line] = false;
        }
    }
}

/// How well a record's best wording is covered by an error's key lines.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Similarity {
    /// 0..1: the IDF-weighted share of the wording's tokens found in the key lines.
    pub coverage: f32,
    /// 0..1: the IDF-weighted share of the best key line's tokens found in the wording.
    pub precision: f32,
    /// Which key line covered it best.
    pub key_line: usize,
    /// A status or error code the wording and the error share, if any.
    pub code: Option<u32>,
}

/// How much a variable part (a number, a path, a quoted name) counts, relative to a word.
const PLACEHOLDER_WEIGHT: f32 = 0.3;

/// How much a word counts when it is in the text but not on a key error line.
const CONTEXT_WEIGHT: f32 = 0.6;

/// Lines besides the key lines (the last ones) in which a wording is looked for.
const MAX_CONTEXT_LINES: usize = 200;

/// Records considered by similarity, at most, before exact scoring.
const MAX_CANDIDATES: usize = 400;

impl SimilarityIndex {
    /// Tokenises every record's signature and aliases.
    pub fn new(kb: &Kb) -> SimilarityIndex {
        let mut index = SimilarityIndex::default();
        let mut document_frequency: Vec<u32> = Vec::new();
        for (record_index, record) in kb.records().iter().enumerate() {
            let wordings = record.signature.iter().chain(&record.aliases);
            let mut variants = Vec::new();
            for wording in wordings {
                let ids: Vec<u32> =
                    tokens(wording).into_iter().map(|t| index.token_id(t, &mut document_frequency)).collect();
                variants.push(ids);
            }
            let mut seen: Vec<u32> = variants.iter().flatten().copied().collect();
            seen.sort_unstable();
            seen.dedup();
            for &token in &seen {
                document_frequency[token as usize] += 1;
                index.postings[token as usize].push(record_index as u32);
            }
            index.variants.push(variants.into_iter().map(|tokens| Variant { tokens, total_weight: 0.0 }).collect());
        }
        let n = kb.len().max(1) as f32;
        index.idf =
            document_frequency.iter().map(|&df| (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln()).collect();
        index.code = vec![None; index.idf.len()];
        for (token, &id) in &index.vocabulary {
            if is_placeholder(token) {
                index.idf[id as usize] *= PLACEHOLDER_WEIGHT;
            }
            index.code[id as usize] = code_value(token);
        }
        // A code's value is a bonus when shared and not missed when absent: it weighs nothing
        // in a wording's total or a line's sum.
        index.weight =
            index.idf.iter().zip(&index.code).map(|(&idf, code)| if code.is_some() { 0.0 } else { idf }).collect();
        for variant in index.variants.iter_mut().flatten() {
            variant.tokens.sort_unstable();
            variant.tokens.dedup();
            variant.total_weight = variant.tokens.iter().map(|&t| index.weight[t as usize]).sum();
        }
        index.lightest = index
            .variants
            .iter()
            .map(|v| v.iter().map(|v| v.total_weight).filter(|&w| w > 0.0).fold(f32::INFINITY, f32::min))
            .collect();
        index
    }

    fn token_id(&mut self, token: String, document_frequency: &mut Vec<u32>) -> u32 {
        let next = self.vocabulary.len() as u32;
        *self.vocabulary.entry(token).or_insert_with(|| {
            document_frequency.push(0);
            self.postings.push(Vec::new());
            next
        })
    }

    /// The records that share rare-enough words with the text, with their similarity, best
    /// first. Words of the key lines count fully; words found only elsewhere in the text (hints,
    /// context lines) count for [`CONTEXT_WEIGHT`].
    pub fn score(&self, key_lines: &[&str], whole_text: &str) -> Vec<(usize, Similarity)> {
        let mut lines: Vec<(Vec<u32>, f32)> = key_lines.iter().map(|line| (self.known_tokens(line), 1.0)).collect();
        let mut in_keys: Vec<u32> = lines.iter().flat_map(|(tokens, _)| tokens).copied().collect();
        in_keys.sort_unstable();
        in_keys.dedup();
        let context: Vec<u32> =
            self.known_tokens(whole_text).into_iter().filter(|t| in_keys.binary_search(t).is_err()).collect();
        // The other lines (the last ones of a long log) can also be where a wording is found.
        let others = whole_text.lines().rev().filter(|l| !key_lines.contains(l)).take(MAX_CONTEXT_LINES);
        lines.extend(others.map(|line| (self.known_tokens(line), CONTEXT_WEIGHT)).filter(|(t, _)| !t.is_empty()));
        let by_line = self.lines(&lines);
        let mut sums = LineSums::new(lines.len());
        let weight_of = |token: u32| {
            if in_keys.binary_search(&token).is_ok() {
                1.0
            } else if context.binary_search(&token).is_ok() {
                CONTEXT_WEIGHT
            } else {
                0.0
            }
        };
        let mut accumulated: HashMap<u32, f32> = HashMap::new();
        for &token in in_keys.iter().chain(&context) {
            let gain = self.idf[token as usize] * weight_of(token);
            for &record in &self.postings[token as usize] {
                *accumulated.entry(record).or_default() += gain;
            }
        }
        // Ranked by what the shared words could cover at best: a short wording whose one rare
        // word is in the text is a better candidate than a long one sharing several common words.
        let mut candidates: Vec<(u32, f32, f32)> =
            accumulated.into_iter().map(|(record, gain)| (record, self.coverage_bound(record, gain), gain)).collect();
        let best_first = |a: &(u32, f32, f32), b: &(u32, f32, f32)| {
            b.1.total_cmp(&a.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0))
        };
        if candidates.len() > MAX_CANDIDATES {
            candidates.select_nth_unstable_by(MAX_CANDIDATES, best_first);
            candidates.truncate(MAX_CANDIDATES);
        }
        candidates.sort_by(best_first);
        let mut scored: Vec<(usize, Similarity)> = candidates
            .into_iter()
            .map(|(record, _, _)| (record as usize, self.similarity(record as usize, &weight_of, &by_line, &mut sums)))
            .filter(|(_, s)| s.coverage > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.value().total_cmp(&a.1.value()).then(a.0.cmp(&b.0)));
        scored
    }

    /// The most a record's wordings can be covered when the words they share with the text
    /// weigh `gain` in all.
    fn coverage_bound(&self, record: u32, gain: f32) -> f32 {
        (gain / self.lightest[record as usize]).min(1.0)
    }

    fn lines(&self, lines: &[(Vec<u32>, f32)]) -> Lines {
        let mut by_token: HashMap<u32, Vec<usize>> = HashMap::new();
        for (index, (tokens, _)) in lines.iter().enumerate() {
            for &token in tokens {
                by_token.entry(token).or_default().push(index);
            }
        }
        Lines {
            weight: lines.iter().map(|(_, weight)| *weight).collect(),
            idf_sum: lines.iter().map(|(tokens, _)| tokens.iter().map(|&t| self.weight[t as usize]).sum()).collect(),
            by_token,
        }
    }

    fn known_tokens(&self, text: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = tokens(text).iter().filter_map(|t| self.vocabulary.get(t).copied()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn similarity(
        &self,
        record: usize,
        weight_of: &dyn Fn(u32) -> f32,
        lines: &Lines,
        inside: &mut LineSums,
    ) -> Similarity {
        let mut best = Similarity::default();
        for variant in &self.variants[record] {
            if variant.total_weight <= 0.0 {
                continue;
            }
            let shared: f32 = variant.tokens.iter().map(|&t| self.idf[t as usize] * weight_of(t)).sum();
            let coverage = (shared / variant.total_weight).min(1.0);
            // Only the lines that share a word with the wording can explain it.
            inside.clear();
            for &token in &variant.tokens {
                for &line in lines.by_token.get(&token).map_or(&[][..], Vec::as_slice) {
                    inside.add(line, self.weight[token as usize]);
                }
            }
            let (key_line, precision) = inside
                .touched
                .iter()
                .map(|&line| (line, lines.weight[line] * inside.sum[line] / lines.idf_sum[line]))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .unwrap_or((0, 0.0));
            let code = variant.tokens.iter().filter(|&&t| weight_of(t) > 0.0).find_map(|&t| self.code[t as usize]);
            let candidate = Similarity { coverage, precision, key_line, code };
            if candidate.value() > best.value() {
                best = candidate;
            }
        }
        best
    }
}

impl Similarity {
    /// One figure in 0..1: mostly how much of the wording is in the text, and also how much of
    /// the error line the wording explains (a short generic wording found inside a long,
    /// specific error line says less).
    pub fn value(&self) -> f32 {
        self.coverage.powf(0.65) * self.precision.max(0.05).powf(0.35)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::Record;

    #[test]
    fn rare_words_decide() {
        let index = index_of(&[
            "MOVED 12345 192.168.1.10:6379",
            "ERR unknown command",
            "ERR wrong number of arguments",
            "CROSSSLOT Keys in request don't hash to the same slot",
        ]);
        let found = index.score(&["redis: MOVED 3999 10.0.0.7:7001"], "");
        assert_eq!(found[0].0, 0);
        assert!(found[0].1.coverage > 0.99, "{:?}", found[0]);
        let found = index.score(&["ERR unknown command 'FOO'"], "");
        assert_eq!(found[0].0, 1);
        assert!(found.iter().all(|(r, s)| *r == 1 || s.value() < 0.5));
    }

    fn index_of(signatures: &[&str]) -> SimilarityIndex {
        SimilarityIndex::new(&Kb::of(signatures, |record, s| Record { signature: Some(s.to_string()), ..record }))
    }

    #[test]
    fn a_short_wording_with_one_rare_word_stays_a_candidate_among_many_long_ones() {
        // Many long wordings, each sharing five fairly common words with the error line.
        let word = |i: usize| format!("common{}", i % 50);
        let long: Vec<String> = (0..MAX_CANDIDATES + 50)
            .map(|i| {
                format!(
                    "{} {} {} {} {} own{i} only{i} this{i}",
                    word(i),
                    word(i + 7),
                    word(i + 13),
                    word(i + 29),
                    word(i + 41)
                )
            })
            .collect();
        let mut signatures: Vec<&str> = long.iter().map(String::as_str).collect();
        signatures.push("CrashLoopBackOff");
        let index = index_of(&signatures);
        let line: Vec<String> = (0..50).map(word).collect();
        let found = index.score(&[line.join(" ").as_str()], "api 0/1 CrashLoopBackOff 6");
        assert!(found.iter().any(|(record, _)| *record == signatures.len() - 1), "{}", found.len());
    }

    #[test]
    fn a_shared_code_lifts_a_wording_and_a_different_one_costs_nothing() {
        let index = index_of(&[
            "HTTP/1.1 408 Request Timeout",
            "HTTP/1.1 429 Too Many Requests",
            "ERROR 1040 Too many connections",
        ]);
        let found = index.score(&["curl: (22) The requested URL returned error: 429"], "");
        assert_eq!(found[0].0, 1, "{found:?}");
        assert_eq!(found[0].1.code, Some(429));
        let same = index.score(&["ERROR 1040 Too many connections"], "");
        let other = index.score(&["ERROR 1041 Too many connections"], "");
        assert_eq!(same[0].0, 2);
        assert_eq!(other[0].0, 2);
        assert!(other[0].1.coverage > 0.99, "{other:?}");
    }
}
