//! Diagnosis: given pasted error text (one line or a whole log), rank the records that
//! explain it, best first, each with a calibrated `score` in 0..1 (below
//! [`CONFIDENT`] means "not a confident match"), the spans of the input that matched, a
//! short `why`, and the user's values for filling fix commands.
//!
//! Signals: each record's regex, run only when the Aho-Corasick prefilter says it can match
//! and weighed by how specific the hit is (literal content, length, word boundaries, whether it
//! fell on a key error line, and split among the domains whose records hit the same span: see
//! [`shared`]); IDF-weighted similarity of the key error lines to the record's
//! signature and aliases, with variable parts compared by kind; and evidence of the program
//! that printed the text as a prior. Input over [`input::MAX_ANALYSED_BYTES`] is capped.

pub mod evidence;
mod fixed_regex;
pub mod input;
pub mod keylines;
pub mod normalize;
mod prefilter;
mod requirements;
mod shared;
mod similarity;

use std::collections::HashMap;
use std::ops::Range;

use crate::fix::Fill;
use crate::kb::pattern::PatternMatch;
use crate::kb::position::LineIndex;
use crate::kb::{Haystack, Kb, Pattern};
use evidence::{evidence, technicality, Evidence};
use input::Input;
use keylines::{is_frame_line, key_lines, KeyLine};
use prefilter::{Candidate, Prefilter};
use similarity::{Similarity, SimilarityIndex};

/// Scores below this are not confident matches.
pub const CONFIDENT: f32 = 0.5;

/// The prepared diagnosis index of one KB.
#[derive(Debug)]
pub struct Diagnoser {
    prefilter: Prefilter,
    similarity: SimilarityIndex,
    technicality: Vec<f32>,
}

/// The result of diagnosing one text.
#[derive(Debug, Clone, Default)]
pub struct Diagnosis {
    /// Records that explain the text, best first.
    pub matches: Vec<Match>,
    /// Whether the input was over the cap and only part of it was analysed.
    pub truncated: bool,
    /// The key error lines, as byte ranges of the input, best first.
    pub key_lines: Vec<Range<usize>>,
    /// What the text says about the program that printed it.
    pub evidence: Evidence,
}

/// One record that explains the text.
#[derive(Debug, Clone)]
pub struct Match {
    /// The record's index in the KB.
    pub index: usize,
    /// 0..1; below [`CONFIDENT`] is not a confident match.
    pub score: f32,
    /// Byte ranges of the input that matched.
    pub matched: Vec<Range<usize>>,
    /// Which signals counted, for people.
    pub why: String,
    /// The user's values, for filling the record's commands.
    pub fill: Fill,
}

/// What one record's regex did on the text.
struct RegexHit {
    found: PatternMatch,
    strength: f32,
    on_key_line: bool,
    /// How many other domains' records hit mostly the same span (see [`shared`]).
    shared_with: usize,
}

impl Diagnoser {
    /// Prepares the prefilter and the similarity index of `kb` (side by side, on two threads).
    pub fn new(kb: &Kb) -> Diagnoser {
        let (prefilter, (similarity, technicality)) = std::thread::scope(|scope| {
            let other = scope.spawn(|| (SimilarityIndex::new(kb), domain_technicality(kb)));
            let prefilter = Prefilter::new(kb);
            let rest = other.join().unwrap_or_else(|_| (SimilarityIndex::new(kb), domain_technicality(kb)));
            (prefilter, rest)
        });
        Diagnoser { prefilter, similarity, technicality }
    }

    /// Ranks the records of `kb` (the KB this diagnoser was built from) that explain `text`.
    pub fn diagnose(&self, kb: &Kb, text: &str, limit: usize) -> Diagnosis {
        self.diagnose_among(kb, text, limit, |text| self.prefilter.candidates(text))
    }

    /// [`Diagnoser::diagnose`] running every record's regex instead of only those the
    /// prefilter selects: the reference the prefiltered path is tested against.
    #[doc(hidden)]
    pub fn diagnose_unfiltered(&self, kb: &Kb, text: &str, limit: usize) -> Diagnosis {
        self.diagnose_among(kb, text, limit, |text| {
            (0..kb.len()).map(|index| Candidate::whole(index, text.len())).collect()
        })
    }

    /// Diagnoses `text`, running the regexes of the records `candidates` selects in it.
    fn diagnose_among(
        &self,
        kb: &Kb,
        text: &str,
        limit: usize,
        candidates: impl Fn(&str) -> Vec<Candidate>,
    ) -> Diagnosis {
        let input = Input::new(text);
        let keys = key_lines(&input.text);
        let found = evidence(&input.text);
        let hits = self.regex_hits(kb, &input, &keys, candidates(&input.text));
        let key_texts: Vec<&str> = keys.iter().map(|k| &input.text[k.span.clone()]).collect();
        let similar: HashMap<usize, Similarity> = self.similarity.score(&key_texts, &input.text).into_iter().collect();
        let mut candidates: Vec<usize> = hits.keys().chain(similar.keys()).copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut scored: Vec<(Match, Range<usize>)> = candidates
            .into_iter()
            .map(|index| self.score(kb, index, &input, &keys, hits.get(&index), similar.get(&index), &found))
            .filter(|(m, _)| m.score > 0.05)
            .collect();
        scored.sort_by(|(a, _), (b, _)| {
            let rate = |m: &Match| kb.records()[m.index].fix_success_rate.unwrap_or(0.0);
            b.score.total_cmp(&a.score).then(rate(b).total_cmp(&rate(a))).then(a.index.cmp(&b.index))
        });
        scored.truncate(limit);
        // Only the matches returned get their fill: it runs (and may compile) the record's regex.
        let matches = scored
            .into_iter()
            .map(|(m, user_span)| Match { fill: fill(kb, m.index, &input, hits.get(&m.index), user_span), ..m })
            .collect();
        Diagnosis {
            matches,
            truncated: input.truncated,
            key_lines: keys.iter().map(|k| input.original_span(k.span.clone())).collect(),
            evidence: found,
        }
    }

    fn regex_hits(
        &self,
        kb: &Kb,
        input: &Input,
        keys: &[KeyLine],
        candidates: Vec<Candidate>,
    ) -> HashMap<usize, RegexHit> {
        let mut hits = HashMap::new();
        // Built once, and only if a pattern needs to look across lines.
        let windows = std::cell::OnceCell::new();
        let windows = || windows.get_or_init(|| key_windows(&input.text, keys)).as_slice();
        // Records with the same regex share its result.
        let mut by_slot: HashMap<u32, Option<PatternMatch>> = HashMap::new();
        for Candidate { index, ranges } in candidates {
            let Some(slot) = kb.pattern_slot(index) else { continue };
            let found = by_slot.entry(slot).or_insert_with(|| self.find(kb, index, input, &ranges, &windows));
            let Some(found) = found.clone() else { continue };
            if found.span.is_empty() {
                continue;
            }
            let key = keys.iter().find(|k| k.span.start <= found.span.start && found.span.end <= k.span.end + 1);
            let on_key_line = key.is_some();
            let strength = self.regex_strength(index, &input.text, &found.span, key);
            hits.insert(index, RegexHit { found, strength, on_key_line, shared_with: 0 });
        }
        shared::split_shared(kb, &mut hits);
        hits
    }

    /// The match of record `index`'s regex in `ranges` of `text` or, for a pattern written for
    /// a one-line message, in a few lines near them read as one (see [`find_across_lines`]).
    fn find<'w>(
        &self,
        kb: &Kb,
        index: usize,
        input: &Input,
        ranges: &[Range<usize>],
        windows: &dyn Fn() -> &'w [(usize, String)],
    ) -> Option<PatternMatch> {
        let text = &input.text;
        let Some(Ok(pattern)) = kb.pattern_for(index, input.haystack) else { return None };
        let found = if self.prefilter.line_bound(index) {
            ranges.iter().find_map(|range| pattern.find_on_lines(text, range.clone()))
        } else {
            pattern.find(text)
        };
        let regex = kb.records()[index].regex.as_deref().unwrap_or_default();
        if found.is_some() || !(regex.contains(".*") || regex.contains(".+")) {
            return found;
        }
        let near = windows()
            .iter()
            .filter(|(start, window)| ranges.iter().any(|r| *start < r.end && r.start < start + window.len()));
        find_across_lines(&pattern, near)
    }

    /// How much a regex hit says (0..1): long, literal-rich, word-bounded hits that explain
    /// much of a key error line say a lot (a later key line a little more: the final error of a
    /// trace is usually the cause); a short fragment inside an ordinary word says little.
    fn regex_strength(&self, index: usize, text: &str, span: &Range<usize>, key: Option<&KeyLine>) -> f32 {
        let matched = &text[span.clone()];
        let length = (matched.chars().count() as f32 / 30.0).min(1.0);
        let literal = (self.prefilter.literal_chars(index) / 20.0).min(1.0);
        let before = text[..span.start].chars().next_back();
        let after = text[span.end..].chars().next();
        let inside_word = |edge: Option<char>, inner: Option<char>| {
            edge.is_some_and(char::is_alphanumeric) && inner.is_some_and(char::is_alphanumeric)
        };
        let bounded = !inside_word(before, matched.chars().next()) && !inside_word(after, matched.chars().next_back());
        let line = line_around(text, span);
        let line_cover = (matched.trim().chars().count() as f32 / line.trim().chars().count().max(1) as f32).min(1.0);
        let specificity = (0.4 * length + 0.6 * literal) * (0.55 + 0.45 * line_cover.sqrt());
        let place = key.map_or(0.75, |k| 0.8 + 0.2 * k.weight);
        specificity * if bounded { 1.0 } else { 0.4 } * place
    }

    #[allow(clippy::too_many_arguments)]
    fn score(
        &self,
        kb: &Kb,
        index: usize,
        input: &Input,
        keys: &[KeyLine],
        hit: Option<&RegexHit>,
        similar: Option<&Similarity>,
        found: &Evidence,
    ) -> (Match, Range<usize>) {
        let record = &kb.records()[index];
        let regex = hit.map_or(0.0, |h| h.strength);
        let text = similar.map_or(0.0, Similarity::value);
        // The mean: a strong regex hit alone, or a close wording alone, is just confident;
        // both together are sure.
        let mut score = 0.5 * (regex + text);
        let mut why = Vec::new();
        if let Some(hit) = hit {
            let place = if hit.on_key_line { "on an error line" } else { "outside the error lines" };
            let shared = match hit.shared_with {
                0 => String::new(),
                1 => ", shared with records of 1 other domain".into(),
                n => format!(", shared with records of {n} other domains"),
            };
            why.push(format!(
                "regex matched {:?} ({place}, strength {:.2}{shared})",
                clip(&input.text[hit.found.span.clone()]),
                regex
            ));
        }
        if let Some(s) = similar {
            let code = s.code.map(|code| format!(" (its code {code} among them)")).unwrap_or_default();
            why.push(format!("{:.0}% of the signature's words are in the error{code}", s.coverage * 100.0));
        }
        let technical = self.technicality[index];
        if found.program_output && technical < 0.5 {
            score *= 0.5 + technical;
            why.push("the text is program output and this record reads less like one".into());
        }
        let domain = record.domain.as_deref().map(str::to_lowercase);
        match domain.as_deref() {
            Some(domain) if found.domains.contains(&domain) => {
                score += (1.0 - score) * 0.15;
                why.push(format!("the text points to {domain}"));
            }
            Some(domain) if found.related.contains(&domain) => {}
            Some(_) if !found.domains.is_empty() => {
                score *= 0.85;
                why.push(format!(
                    "the text points elsewhere ({})",
                    found.domains[..found.domains.len().min(3)].join(", ")
                ));
            }
            _ => {}
        }
        let (matched, user_span) = self.matched_spans(input, keys, hit, similar);
        let fill = Fill::default();
        (Match { index, score: score.clamp(0.0, 1.0), matched, why: why.join("; "), fill }, user_span)
    }

    /// The input's spans that matched (original offsets), and the analysed span to fill from.
    fn matched_spans(
        &self,
        input: &Input,
        keys: &[KeyLine],
        hit: Option<&RegexHit>,
        similar: Option<&Similarity>,
    ) -> (Vec<Range<usize>>, Range<usize>) {
        if let Some(hit) = hit {
            return (vec![input.original_span(hit.found.span.clone())], hit.found.span.clone());
        }
        let line = similar.and_then(|s| keys.get(s.key_line)).or(keys.first());
        match line {
            Some(line) => {
                let trimmed = trim_span(&input.text, line.span.clone());
                (vec![input.original_span(trimmed.clone())], trimmed)
            }
            None => (Vec::new(), 0..0),
        }
    }
}

/// The user's values for record `index`'s commands, from the analysed span `user_span`.
fn fill(kb: &Kb, index: usize, input: &Input, hit: Option<&RegexHit>, user_span: Range<usize>) -> Fill {
    let Some(signature) = kb.records()[index].signature.as_deref() else { return Fill::default() };
    let pattern = kb.pattern_for(index, Haystack::of(signature)).and_then(Result::ok);
    let signature_match = pattern.and_then(|p| p.find(signature));
    let user = &input.text[user_span.clone()];
    let user_match = hit.map(|h| shift(&h.found, user_span.start));
    Fill::new(signature, signature_match.as_ref(), user, user_match.as_ref())
}

/// A match of the whole text, re-expressed relative to the analysed span starting at `start`.
fn shift(found: &PatternMatch, start: usize) -> PatternMatch {
    let at = |r: &Range<usize>| r.start - start..r.end - start;
    PatternMatch { span: at(&found.span), groups: found.groups.iter().map(|(n, r)| (n.clone(), at(r))).collect() }
}

/// How technical each record's domain reads: the mean [`technicality`] of the domain's
/// signatures, so one prose-like signature in a software domain is not taken for another
/// subject, and a domain of prose is recognised as such.
fn domain_technicality(kb: &Kb) -> Vec<f32> {
    let own: Vec<f32> = kb.records().iter().map(|r| r.signature.as_deref().map_or(0.5, technicality)).collect();
    let mut sums: HashMap<&str, (f32, usize)> = HashMap::new();
    for (record, value) in kb.records().iter().zip(&own) {
        if let Some(domain) = record.domain.as_deref() {
            let entry = sums.entry(domain).or_default();
            entry.0 += value;
            entry.1 += 1;
        }
    }
    kb.records()
        .iter()
        .zip(&own)
        .map(|(record, value)| match record.domain.as_deref().and_then(|d| sums.get(d)) {
            Some((sum, count)) => sum / *count as f32,
            None => *value,
        })
        .collect()
}

/// Lines around a key line that a pattern written for a one-line message may span.
const WINDOW_BEFORE: usize = 1;
const WINDOW_AFTER: usize = 6;

/// A match of `pattern` in a few lines around a key line, read as one line: a pattern like
/// `could not apply.*cherry.?pick` was written for a message that the program prints over
/// several lines (the hint comes later).
fn find_across_lines<'a>(
    pattern: &Pattern,
    mut windows: impl Iterator<Item = &'a (usize, String)>,
) -> Option<PatternMatch> {
    windows.find_map(|(start, window)| {
        let found = pattern.find(window)?;
        let shift = |r: &Range<usize>| r.start + start..r.end + start;
        Some(PatternMatch {
            span: shift(&found.span),
            groups: found.groups.iter().map(|(n, r)| (n.clone(), shift(r))).collect(),
        })
    })
}

/// The few lines around each key line, as one line each, with where they start in `text`.
/// Newlines become spaces and stack frames and source excerpts become blanks, the same length,
/// so offsets stay those of the text and a pattern cannot match across into a trace's context
/// (`Cannot find module.*-` reaching the `-->` of the next line).
fn key_windows(text: &str, keys: &[KeyLine]) -> Vec<(usize, String)> {
    let lines = LineIndex::new(text);
    keys.iter()
        .map(|key| {
            let line = lines.line_of(key.span.start);
            let (start, end) =
                (lines.line(line.saturating_sub(WINDOW_BEFORE)).start, lines.line(line + WINDOW_AFTER).end);
            let window = text[start..end]
                .split('\n')
                .map(|line| if is_frame_line(line) { " ".repeat(line.len()) } else { line.to_string() })
                .collect::<Vec<_>>()
                .join(" ");
            (start, window)
        })
        .collect()
}

/// The line of `text` that contains the start of `span`.
fn line_around<'a>(text: &'a str, span: &Range<usize>) -> &'a str {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.start..].find('\n').map_or(text.len(), |i| span.start + i);
    &text[start..end.max(span.end.min(text.len()))]
}

fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let line = &text[span.clone()];
    let start = span.start + (line.len() - line.trim_start().len());
    let end = span.start + line.trim_end().len();
    start..end.max(start)
}

fn clip(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_record_explains_a_moved_error_with_the_users_values() {
        let kb = Kb::builtin();
        let diagnoser = Diagnoser::new(&kb);
        let text = "redis.exceptions.ResponseError: MOVED 3999 10.0.0.7:7001";
        let diagnosis = diagnoser.diagnose(&kb, text, 5);
        let best = &diagnosis.matches[0];
        assert_eq!(kb.records()[best.index].id, "database/redis-cluster-moved-redirect");
        assert!(best.score >= CONFIDENT, "{best:?}");
        assert_eq!(&text[best.matched[0].clone()], "MOVED 3999 10.0.0.7:7001");
        let filled = best.fill.apply("redis-cli -h 192.168.1.10 -p 6379 GET mykey");
        assert_eq!(filled.as_deref(), Some("redis-cli -h 10.0.0.7 -p 7001 GET mykey"));
    }

    fn kb_of_regex(regex: &str) -> Kb {
        Kb::of(&[regex], |record, regex| crate::kb::Record { regex: Some(regex.to_string()), ..record })
    }

    #[test]
    fn a_pattern_for_a_one_line_message_matches_over_the_next_lines() {
        let kb = kb_of_regex("could not apply.*cherry.?pick");
        let text = "CONFLICT (content): Merge conflict in a.py\nerror: could not apply 96c66db... fix\nhint: run \"git cherry-pick --continue\"\n";
        let diagnosis = Diagnoser::new(&kb).diagnose(&kb, text, 5);
        let best = &diagnosis.matches[0];
        assert!(text[best.matched[0].clone()].starts_with("could not apply"), "{best:?}");
        let far = format!("error: could not apply 96c66db\n{}git cherry-pick\n", "x\n".repeat(20));
        assert!(Diagnoser::new(&kb).diagnose(&kb, &far, 5).matches.iter().all(|m| m.why.find("regex").is_none()));
    }

    #[test]
    fn a_pattern_does_not_match_across_into_a_source_excerpt() {
        let kb = kb_of_regex("Cannot find module.*-");
        let text = "error[E0433]: cannot find module or crate `serde_json` in this scope\n --> src/main.rs:3:32\n";
        let diagnosis = Diagnoser::new(&kb).diagnose(&kb, text, 5);
        assert!(diagnosis.matches.iter().all(|m| !m.why.contains("regex")), "{:?}", diagnosis.matches);
    }

    #[test]
    fn huge_and_binary_input_returns_promptly() {
        let kb = Kb::builtin();
        let diagnoser = Diagnoser::new(&kb);
        let mut text: String = (0..200_000).map(|i| char::from((i % 256) as u8)).collect();
        text.push_str("\nMOVED 1 10.0.0.1:7000\n");
        let diagnosis = diagnoser.diagnose(&kb, &text, 5);
        assert!(diagnosis.truncated);
        assert_eq!(kb.records()[diagnosis.matches[0].index].id, "database/redis-cluster-moved-redirect");
    }
}
