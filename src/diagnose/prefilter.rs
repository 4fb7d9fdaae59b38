//! Choosing which records' regexes to run on a pasted text. Every match of a pattern must
//! start (or end) with one of a few literals that `regex-syntax` extracts from it; one
//! case-insensitive Aho-Corasick automaton over all those literals finds, in one pass over the
//! text, the records whose regex can possibly match. Patterns without usable literals go to a
//! small always-run bucket. (A `RegexSet` over thousands of patterns does not scale.)

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::kb::Kb;

/// Literals shorter than this select too many records to be worth it.
const MIN_LITERAL_LEN: usize = 3;

/// The prefilter of a KB's patterns.
#[derive(Debug)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the record it belongs to.
    owners: Vec<usize>,
    /// Records whose regex must always be run.
    always: Vec<usize>,
    /// For each record, how specific its regex is, in half characters (see `literal_len`).
    literal_chars: Vec<u16>,
}

impl Prefilter {
    /// Extracts the literals of every record's regex.
    pub fn new(kb: &Kb) -> Prefilter {
        let mut literals: Vec<String> = Vec::new();
        let mut owners = Vec::new();
        let mut always = Vec::new();
        let mut literal_chars = vec![0; kb.len()];
        for (index, record) in kb.records().iter().enumerate() {
            let Some(source) = record.regex.as_deref() else { continue };
            let hir = regex_syntax::ParserBuilder::new().build().parse(source).ok();
            literal_chars[index] = hir.as_ref().map_or(0, |h| literal_len(h).min(u16::MAX as usize) as u16);
            match hir.as_ref().and_then(required_literals) {
                Some(found) => {
                    owners.extend(std::iter::repeat_n(index, found.len()));
                    literals.extend(found);
                }
                None => always.push(index),
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .ok();
        if automaton.is_none() {
            always = (0..kb.len()).filter(|&i| kb.records()[i].regex.is_some()).collect();
        }
        Prefilter { automaton, owners, always, literal_chars }
    }

    /// The records whose regex may match `text`, ascending.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let mut selected = self.always.clone();
        if let Some(automaton) = &self.automaton {
            let text = fold_to_ascii(text);
            selected
                .extend(automaton.find_overlapping_iter(text.as_ref()).map(|m| self.owners[m.pattern().as_usize()]));
        }
        selected.sort_unstable();
        selected.dedup();
        selected
    }

    /// How many literal characters record `index`'s regex requires, counting a character
    /// class as half a character.
    pub fn literal_chars(&self, index: usize) -> f32 {
        f32::from(self.literal_chars.get(index).copied().unwrap_or(0)) / 2.0
    }
}

/// `text` with the two non-ASCII characters whose case folding is an ASCII letter (KELVIN SIGN
/// and LONG S) replaced by that letter: a case-insensitive regex matches them, an ASCII
/// case-insensitive automaton would not.
fn fold_to_ascii(text: &str) -> Cow<'_, str> {
    if text.contains(['\u{212A}', '\u{17F}']) {
        Cow::Owned(text.replace('\u{212A}', "k").replace('\u{17F}', "s"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Lower-case literals, one of which starts (or ends) every match; `None` when there is no
/// small set of long-enough ASCII literals.
fn required_literals(hir: &Hir) -> Option<Vec<String>> {
    // Of the prefix and the suffix literals, the set whose shortest literal is longest is the
    // most selective (`[error] ` selects far more text than `CROSSSLOT`).
    let sets = [ExtractKind::Prefix, ExtractKind::Suffix].into_iter().filter_map(|kind| {
        let mut extractor = Extractor::new();
        extractor.kind(kind);
        let seq = extractor.extract(hir);
        let literals = seq.literals()?;
        if literals.is_empty() {
            return None;
        }
        let mut out: Vec<String> = Vec::with_capacity(literals.len());
        for literal in literals {
            let text = std::str::from_utf8(literal.as_bytes()).ok()?;
            if text.len() < MIN_LITERAL_LEN || !text.is_ascii() {
                return None;
            }
            out.push(text.to_ascii_lowercase());
        }
        out.sort();
        out.dedup();
        Some(out)
    });
    sets.max_by_key(|set| set.iter().map(String::len).min().unwrap_or(0))
}

/// How specific the parts of `hir` that every match must contain are, in half characters: a
/// literal character counts 2, a character class 1 (`\d`, `[a-z]`, `\w`), a class that takes
/// almost anything (`.`, `[^x]`) 0.
fn literal_len(hir: &Hir) -> usize {
    /// Classes wider than this (in code points) say nearly nothing about the text.
    const WIDE_CLASS: u32 = 500_000;
    match hir.kind() {
        HirKind::Literal(literal) => 2 * String::from_utf8_lossy(&literal.0).chars().count(),
        HirKind::Class(Class::Unicode(class)) => {
            let width: u32 = class.ranges().iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
            usize::from(width < WIDE_CLASS)
        }
        HirKind::Class(Class::Bytes(class)) => usize::from(class.ranges().len() < 128),
        HirKind::Concat(parts) => parts.iter().map(literal_len).sum(),
        HirKind::Capture(capture) => literal_len(&capture.sub),
        HirKind::Repetition(rep) if rep.min > 0 => literal_len(&rep.sub),
        HirKind::Alternation(branches) => branches.iter().map(literal_len).min().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::Record;

    fn kb(patterns: &[&str]) -> Kb {
        let records = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut record = Record::with_id(&format!("t/{i}"));
                record.regex = Some(p.to_string());
                record
            })
            .collect();
        Kb::from_parts(records, vec![])
    }

    #[test]
    fn selects_records_by_their_literals_case_insensitively() {
        let kb = kb(&[r"MOVED \d+", r"No module named '(\w+)'", r"\d+", r"(?:ECONNREFUSED|connection refused)"]);
        let prefilter = Prefilter::new(&kb);
        assert_eq!(prefilter.candidates("err: moved 12 x"), vec![0, 2]);
        assert_eq!(prefilter.candidates("Connection Refused"), vec![2, 3]);
        assert_eq!(prefilter.candidates("Connection Refu\u{17F}ed"), vec![2, 3], "long s folds to s");
        assert_eq!(prefilter.literal_chars(0), 6.5, "`MOVED ` and half for `\\d`");
        assert_eq!(prefilter.literal_chars(3), 12.0);
        let wildcard = super::tests::kb(&[r"a.*b"]);
        assert_eq!(Prefilter::new(&wildcard).literal_chars(0), 2.0, "`.` says nothing");
    }
}
