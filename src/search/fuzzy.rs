//! Fuzzy terms: the characters of the term in order, scored by fuzzy-matcher's `SkimMatcherV2`
//! on the part of each field that can hold the match, and bounded from above without it.
//!
//! The bound lets a search rank only the records that can reach the rows on screen: a record
//! is fuzzy-scored only when its bound beats the scores already known (see `rank`).

use std::cmp::Reverse;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use memchr::memmem::Finder;

use super::index::{EntryRef, FieldText};
use super::query::Term;

/// What the first pass over a record knows of its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Estimate {
    /// The score itself.
    Exact(i64),
    /// An upper bound: the fuzzy matcher has not run yet.
    AtMost(i64),
}

impl Estimate {
    /// The score or its bound.
    pub(super) fn value(self) -> i64 {
        match self {
            Estimate::Exact(value) | Estimate::AtMost(value) => value,
        }
    }

    /// The estimate of the sum of two scores.
    pub(super) fn plus(self, other: Estimate) -> Estimate {
        match (self, other) {
            (Estimate::Exact(a), Estimate::Exact(b)) => Estimate::Exact(a + b),
            (a, b) => Estimate::AtMost(a.value() + b.value()),
        }
    }
}

// fuzzy-matcher's default scoring (`SkimScoreConfig`), which the bound follows.
/// Score of a matched character.
const SCORE_MATCH: i64 = 16;
/// The gap before the first matched character.
const GAP_EXTENSION: i64 = -1;
/// The least bonus of a character matched right after the previous one.
const BONUS_CONSECUTIVE: i64 = 4;
/// The bonus of the first character of a field, doubled by the matcher.
const BONUS_FIELD_START: i64 = 16;
/// The largest bonus of a character's place after the first one (a word start).
const BONUS_WORD_START: i64 = 8;
/// The score of a one-character term at the start of a word, and inside one.
const SINGLE_AT_WORD_START: i64 = 40;
const SINGLE_INSIDE_WORD: i64 = 16;

/// A fuzzy term prepared once per search: its lower-case forms and the part of its score bound
/// that does not depend on the field are computed here, not for every record.
#[derive(Debug, Clone)]
pub(super) struct FuzzyTerm {
    /// The term as typed: the pattern given to the matcher (smart case).
    text: String,
    /// `str::to_lowercase` of the term: a field's lower-case text must hold it in order.
    lower: String,
    /// Finds `lower` in a field (for the whole-word bonus).
    lower_finder: Finder<'static>,
    /// The term lower-cased character by character: the record's lower-case text must hold it
    /// in order.
    lower_chars: String,
    /// Whether the term has no upper-case letter, so that lower-case fields are scored.
    insensitive: bool,
    /// Whether the matcher compares case: the term has an ASCII capital (its smart case).
    matcher_respects_case: bool,
    /// The first character of the term.
    first: char,
    /// Whether the term is one character, scored without the matcher.
    single: bool,
    /// The bound of the score of the term's characters after the first (see [`FuzzyTerm::bound`]).
    bound_after_first: i64,
}

impl FuzzyTerm {
    /// Prepares `text`, a fuzzy term of a query.
    pub(super) fn new(text: &str) -> FuzzyTerm {
        let insensitive = Term::is_case_insensitive(text);
        let chars: Vec<char> = text.chars().collect();
        let bound_after_first =
            chars.windows(2).map(|pair| SCORE_MATCH + place_bonus(pair[0], pair[1]).max(BONUS_CONSECUTIVE)).sum();
        FuzzyTerm {
            text: text.to_string(),
            lower: text.to_lowercase(),
            lower_finder: Finder::new(&text.to_lowercase()).into_owned(),
            lower_chars: text.chars().flat_map(char::to_lowercase).collect(),
            insensitive,
            matcher_respects_case: text.chars().any(|c| c.is_ascii_uppercase()),
            first: chars.first().copied().unwrap_or_default(),
            single: chars.len() == 1,
            bound_after_first,
        }
    }

    /// What is known of the record's score without the fuzzy matcher, or `None` when it does not
    /// match. A one-character term is scored at once: that is cheap.
    pub(super) fn estimate(&self, entry: EntryRef<'_>) -> Option<Estimate> {
        if self.single {
            return self.score(entry).map(Estimate::Exact);
        }
        if !in_order(entry.all_lower(), &self.lower_chars) {
            return None;
        }
        self.matching_fields(entry).map(|field| self.bound(&field) + self.extras(&field)).max().map(Estimate::AtMost)
    }

    /// The record's best score over its fields, or `None` when it does not match. Fields are
    /// scored from the highest bound down, until the bound cannot beat the best score.
    pub(super) fn score(&self, entry: EntryRef<'_>) -> Option<i64> {
        if !in_order(entry.all_lower(), &self.lower_chars) {
            return None;
        }
        let mut fields: Vec<(i64, i64, FieldText<'_>)> = self
            .matching_fields(entry)
            .map(|field| {
                let extras = self.extras(&field);
                (self.bound(&field) + extras, extras, field)
            })
            .collect();
        fields.sort_unstable_by_key(|&(bound, _, _)| Reverse(bound));
        let mut best = None;
        for (bound, extras, field) in fields {
            if best.is_some_and(|best| bound <= best) {
                break;
            }
            if let Some(score) = fuzzy_score(self.haystack(&field), &self.text) {
                best = best.max(Some(score + extras));
            }
        }
        best
    }

    /// The fields of `entry` that the term matches, as the matcher decides (for two characters
    /// or more; one character is looked for as is).
    fn matching_fields<'e>(&'e self, entry: EntryRef<'e>) -> impl Iterator<Item = FieldText<'e>> + 'e {
        entry.texts().filter(move |field| {
            // Scoring is the expensive part: only fields that can match are scored.
            in_order(field.lower, &self.lower) && self.matcher_finds(field)
        })
    }

    /// Whether the matcher finds the term's characters in order in the field it scores (the
    /// test its scoring starts with), given that the lower-case field holds the lower-case term.
    fn matcher_finds(&self, field: &FieldText<'_>) -> bool {
        let haystack = self.haystack(field);
        if self.single {
            haystack.contains(self.first)
        } else if self.insensitive && self.lower == self.text {
            true
        } else if self.insensitive || self.matcher_respects_case {
            in_order(haystack, &self.text)
        } else {
            in_order_ignoring_ascii_case(haystack, &self.text)
        }
    }

    /// The text the matcher scores. Smart case: a lower-case term is matched against the
    /// lower-case field, so `moved` scores the same on `MOVED` as on `moved`.
    fn haystack<'e>(&self, field: &FieldText<'e>) -> &'e str {
        if self.insensitive {
            field.lower
        } else {
            field.value()
        }
    }

    /// What the field adds to the matcher's score: its weight and the whole-word bonus.
    fn extras(&self, field: &FieldText<'_>) -> i64 {
        field.field.weight() + word_bonus(field, &self.lower_finder)
    }

    /// An upper bound of the score of the term on the field, before its extras (for one
    /// character, the score at a word start). The matcher scores a character 16 plus a bonus
    /// for its place: for the first character of the term (after a gap of -1) 16 at the start
    /// of the field, at most 8 elsewhere, 0 inside a word; for each next one right after the
    /// previous match, the place bonus of that pair but at least 4, and after a gap at most 8
    /// minus a gap penalty of at least 4. Only the first character's bonus depends on the field:
    /// the index keeps which characters start a word in it. (When the matcher ignores case, a
    /// small letter of the term matched on a capital may get the camel-case bonus, 6, but then
    /// also a case-mismatch penalty of 2.)
    fn bound(&self, field: &FieldText<'_>) -> i64 {
        if self.single {
            return SINGLE_AT_WORD_START;
        }
        let starts_field = self.haystack(field).chars().next().is_some_and(|c| c.eq_ignore_ascii_case(&self.first));
        let first_bonus = if starts_field {
            BONUS_FIELD_START
        } else if field.word_starts.may_contain(self.first) {
            BONUS_WORD_START
        } else {
            0
        };
        SCORE_MATCH + GAP_EXTENSION + first_bonus + self.bound_after_first
    }
}

/// The bonus the matcher gives `current` for its place after `previous` (its `CharRole`): 8 at
/// the start of a word (after a space, a bracket or a slash), 7 after other punctuation, 6 for
/// a capital after a small letter or a digit (camel case), else 0.
pub(super) fn place_bonus(previous: char, current: char) -> i64 {
    if matches!(previous, '\0' | ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}') {
        8
    } else if previous.is_ascii_punctuation() {
        7
    } else if !previous.is_ascii_uppercase() && current.is_ascii_uppercase() {
        6
    } else {
        0
    }
}

/// Whether the characters of `needle` occur in `haystack` in order. Bytes are looked for
/// (with `memchr`) rather than characters decoded: in UTF-8 an ASCII byte is always a whole
/// character, and a found encoding of another character is that character (`str::find`).
pub(super) fn in_order(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let mut rest = haystack.as_bytes();
        return needle.bytes().all(|want| match memchr::memchr(want, rest) {
            Some(at) => {
                rest = &rest[at + 1..];
                true
            }
            None => false,
        });
    }
    let mut rest = haystack;
    needle.chars().all(|want| match rest.find(want) {
        Some(at) => {
            rest = &rest[at + want.len_utf8()..];
            true
        }
        None => false,
    })
}

/// [`in_order`], comparing characters as the matcher does when it ignores case (ASCII only).
fn in_order_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|want| rest.any(|have| have.eq_ignore_ascii_case(&want)))
}

/// The fuzzy score of `value` for `pattern`, from a fresh matcher: a reused `SkimMatcherV2`
/// (fuzzy-matcher 0.3) keeps score-matrix cells of earlier calls, so a record's score depended
/// on which records were scored before it, and narrowing, which visits records in another
/// order, changed the ranking; its `use_cache(false)` panics (a `RefCell` borrowed twice).
///
/// A one-character term (the first keystroke, which matches most records) needs no alignment:
/// its score is that of its best occurrence, at the start of a word or inside one.
fn fuzzy_score(value: &str, pattern: &str) -> Option<i64> {
    let mut chars = pattern.chars();
    match (chars.next(), chars.next_back()) {
        (Some(single), None) => single_char_score(value, single),
        (Some(first), Some(last)) => {
            SkimMatcherV2::default().fuzzy_match(alignment_window(value, first, last), pattern)
        }
        (None, _) => None,
    }
}

/// The part of `value` that decides the score of a pattern that starts with `first` and ends
/// with `last`: from the character before the first `first` to the last `last`. The matcher's
/// alignment cannot start before the first `first` nor end after the last `last`, each cell of
/// its matrix depends only on the cells to its left, and the place bonus of a character only
/// on the character before it, which the window keeps; so the score is the same as on the
/// whole value, for less work on long fields. Characters compare as the matcher compares them
/// in either case mode or more loosely (ASCII case ignored), which can only widen the window.
fn alignment_window(value: &str, first: char, last: char) -> &str {
    let same_as = |want: char| move |c: char| c.eq_ignore_ascii_case(&want);
    let Some(first_at) = value.find(same_as(first)) else { return value };
    let start = value[..first_at].char_indices().next_back().map_or(0, |(at, _)| at);
    let end = value.rfind(same_as(last)).map_or(value.len(), |at| at + last.len_utf8());
    value.get(start..end).unwrap_or(value)
}

/// The score of the best occurrence of `wanted` in `value`: higher at the start of a word.
pub(super) fn single_char_score(value: &str, wanted: char) -> Option<i64> {
    let mut best = None;
    for (at, _) in value.match_indices(wanted) {
        if value[..at].chars().next_back().is_none_or(|previous| !previous.is_alphanumeric()) {
            return Some(SINGLE_AT_WORD_START);
        }
        best = Some(SINGLE_INSIDE_WORD);
    }
    best
}

/// A bonus when the term is a whole word of the field, and a larger one when that word is in
/// capitals there: error keywords and codes (`MOVED`, `ENOSPC`, `CROSSSLOT`) are written so.
fn word_bonus(field: &FieldText<'_>, lower_term: &Finder<'_>) -> i64 {
    let lower_value = field.lower;
    let is_word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut bonus = 0;
    // Occurrences that do not overlap, as `str::match_indices` finds them.
    for start in lower_term.find_iter(lower_value.as_bytes()) {
        let end = start + lower_term.needle().len();
        if is_word_char(lower_value[..start].chars().next_back()) || is_word_char(lower_value[end..].chars().next()) {
            continue;
        }
        let value = field.value();
        let original = (value.len() == lower_value.len()).then(|| value.get(start..end)).flatten();
        let capitals =
            original.is_some_and(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase));
        bonus = bonus.max(if capitals { 60 } else { 30 });
    }
    bonus
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::Kb;
    use crate::search::SearchIndex;

    /// The score of a record as the search computed it before windows and bounds: a fresh
    /// matcher on every whole field that holds the lower-case term in order.
    fn reference_score(entry: EntryRef<'_>, text: &str) -> Option<i64> {
        let record_chars: String = text.chars().flat_map(char::to_lowercase).collect();
        let mut record = entry.all_lower().chars();
        if !record_chars.chars().all(|want| record.any(|have| have == want)) {
            return None;
        }
        let insensitive = Term::is_case_insensitive(text);
        let lower = text.to_lowercase();
        let finder = Finder::new(&lower);
        entry
            .texts()
            .filter(|field| {
                let mut rest = field.lower.chars();
                lower.chars().all(|want| rest.any(|have| have == want))
            })
            .filter_map(|field| {
                let haystack = if insensitive { field.lower } else { field.value() };
                let score = match text.chars().count() {
                    1 => single_char_score(haystack, text.chars().next()?),
                    _ => SkimMatcherV2::default().fuzzy_match(haystack, text),
                };
                score.map(|s| s + field.field.weight() + word_bonus(&field, &finder))
            })
            .max()
    }

    /// A small deterministic generator (xorshift), enough to pick patterns.
    struct Picker(u64);

    impl Picker {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }

    /// Patterns taken from the KB's own fields (characters in order, some runs, some case
    /// changes) and a few awkward ones.
    fn patterns(index: &SearchIndex) -> Vec<String> {
        let mut picker = Picker(0x5EED_F00D);
        let mut patterns: Vec<String> =
            ["mo", "moved", "MOVED", "Moved", "nn", "e.r", "a b", "x/y", "ÉCOLE", "école", "ǅb", "连接", "κόσμε", "OS"]
                .map(String::from)
                .to_vec();
        for _ in 0..600 {
            let entry = index.entry(picker.below(index.len()));
            let texts: Vec<FieldText<'_>> = entry.texts().collect();
            let chars: Vec<char> = texts[picker.below(texts.len())].value().chars().collect();
            let mut at = picker.below(chars.len());
            let mut pattern = String::new();
            for _ in 0..1 + picker.below(8) {
                let Some(&c) = chars.get(at) else { break };
                pattern.push(c);
                at += 1 + picker.below(3) * picker.below(2);
            }
            patterns.push(match picker.below(4) {
                0 => pattern.to_uppercase(),
                1 => pattern,
                _ => pattern.to_lowercase(),
            });
        }
        patterns.retain(|p| !p.trim().is_empty() && !p.contains(char::is_whitespace));
        patterns
    }

    /// Checks every pattern on every record: the score is the reference one, the estimate
    /// matches the same records and is at least the score. Returns how many records matched.
    fn check(index: &SearchIndex, patterns: &[String]) -> usize {
        let mut matched = 0;
        for pattern in patterns {
            let term = FuzzyTerm::new(pattern);
            for record in 0..index.len() {
                let entry = index.entry(record);
                let (score, estimate) = (term.score(entry), term.estimate(entry));
                let context = format!("{pattern:?} on {:?}", entry.all_lower());
                assert_eq!(score, reference_score(entry, pattern), "{context}");
                assert_eq!(estimate.is_some(), score.is_some(), "{context}");
                if let (Some(estimate), Some(score)) = (estimate, score) {
                    assert!(estimate.value() >= score, "{context}: {estimate:?} < {score}");
                    matched += 1;
                }
            }
        }
        matched
    }

    #[test]
    fn scores_are_those_of_the_matcher_on_whole_fields_and_bounds_hold() {
        let index = SearchIndex::new(&Kb::builtin());
        let matched = check(&index, &patterns(&index));
        assert!(matched > 10_000, "the patterns match often enough to test the bound: {matched}");
    }

    #[test]
    fn bounds_hold_on_case_and_punctuation_corner_cases() {
        let values = [
            "ÉaMbÉcole",
            "ÉcoleMOVED",
            "MovedÉcole",
            "a-b_c.d/e f",
            "HTTPError: 404",
            "nnnn nn",
            "x__Y--z",
            "ǅungla",
            "İstanbul",
        ];
        let records = values
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let mut record = crate::kb::Record::with_id(&format!("corner/{i}"));
                record.signature = Some(value.to_string());
                record.aliases = vec![value.to_lowercase(), value.to_uppercase()];
                record
            })
            .collect();
        let index = SearchIndex::new(&Kb::from_parts(records, vec![]));
        let patterns = [
            "Éamb", "ÉaM", "Éab", "Ém", "Éc", "ÉMo", "éM", "mÉ", "Mo", "mo", "MO", "ab", "b_c", "c.d", "/e", "e f",
            "nn", "nnn", "pe", "HE4", "he:", "Y-", "y--z", "ǅu", "İs", "is", "istanbul", "xy", "CM",
        ];
        let matched = check(&index, &patterns.map(String::from));
        assert!(matched > 20, "{matched}");
    }

    #[test]
    fn the_window_keeps_the_character_before_the_match() {
        assert_eq!(alignment_window("the connection was refused", 'c', 'd'), " connection was refused");
        assert_eq!(alignment_window("Connection", 'c', 'n'), "Connection");
        assert_eq!(alignment_window("xyz", 'a', 'b'), "xyz");
    }

    #[test]
    fn in_order_compares_whole_characters() {
        assert!(in_order("connection refused", "cnrf"));
        assert!(!in_order("connection refused", "fr"));
        assert!(in_order("连接被拒绝", "连拒"));
        assert!(!in_order("连接", "接连"));
        assert!(!in_order("é", "e"));
    }
}
