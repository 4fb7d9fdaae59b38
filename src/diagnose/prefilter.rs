//! Choosing which records' regexes to run on a pasted text, and where. Every match of a
//! pattern contains some literals (see [`required_clauses`]: `connection.*refused` needs both
//! words); one Aho-Corasick automaton over all those literals (in lower case) finds, in one
//! pass over the text (in lower case), which occur and where, and so the records whose every requirement is
//! met. A pattern matched line by line need only be run over the lines where its literals
//! occur. Patterns that require no literal go to a small always-run bucket. (A
//! `RegexSet` over thousands of patterns does not scale.) On a large KB a long log can select
//! thousands of patterns; the [`MAX_CANDIDATES`] most specific are run.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::requirements::{is_line_bound, literal_len, parse, required_clauses, Clause};
use crate::kb::position::LineIndex;
use crate::kb::Kb;
use crate::parallel::split;

/// The prefilter of a KB's patterns.
#[derive(Debug)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// The clauses each automaton literal satisfies (by literal id).
    satisfies: Table,
    /// The automaton literals of each clause.
    clause_literals: Table,
    /// For each record, its first clause (a record's clauses are numbered in a row).
    first_clause: Vec<u32>,
    /// For each clause, the record that requires it.
    clause_owner: Vec<u32>,
    /// For each record, how many clauses its regex requires.
    required: Vec<u16>,
    /// For each record, whether its regex is matched line by line (see [`line_bound`]).
    line_bound: Vec<bool>,
    /// Records whose regex must always be run, over the whole text.
    always: Vec<usize>,
    /// For each record, how specific its regex is, in half characters (see `literal_len`).
    literal_chars: Vec<u16>,
}

/// Regexes run on one text at most, the most specific first (a 100-line log selects about 130
/// of the 2,522 patterns of the deadends corpus, and thousands of a 100k-record KB's).
pub const MAX_CANDIDATES: usize = 300;

/// A record whose regex may match, and the parts of the text where a match can lie: the
/// lines where its literals occur, or the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub index: usize,
    pub ranges: Vec<Range<usize>>,
}

impl Candidate {
    /// Record `index`, to be looked for in the whole of a text of `len` bytes.
    pub fn whole(index: usize, len: usize) -> Candidate {
        Candidate { index, ranges: std::iter::once(0..len).collect() }
    }
}

/// Lists of ids, one list per row, stored flat.
#[derive(Debug, Default)]
struct Table {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Table {
    fn from_rows(rows: impl IntoIterator<Item = Vec<u32>>) -> Table {
        let mut table = Table { starts: vec![0], items: Vec::new() };
        for row in rows {
            table.items.extend(row);
            table.starts.push(table.items.len() as u32);
        }
        table
    }

    fn row(&self, row: usize) -> &[u32] {
        &self.items[self.starts[row] as usize..self.starts[row + 1] as usize]
    }
}

/// What one record's regex requires, read from its syntax tree.
struct Requirements {
    /// Characters of literal text in every match.
    chars: u16,
    /// Whether no match crosses a line break.
    one_line: bool,
    clauses: Vec<Clause>,
}

impl Requirements {
    fn of(source: &str) -> Requirements {
        let syntax = parse(source);
        let hir = syntax.as_ref().map(|s| &s.hir);
        Requirements {
            chars: hir.map_or(0, |h| literal_len(h).min(u16::MAX as usize) as u16),
            one_line: syntax.as_ref().is_some_and(|s| s.exact && is_line_bound(&s.hir)),
            clauses: hir.map(required_clauses).unwrap_or_default(),
        }
    }
}

/// Fewer records than this have their regexes read on one thread; more, on every core
/// (reading the syntax trees is half of building the prefilter of a large KB).
const ANALYSE_IN_PARALLEL_FROM: usize = 2_048;

/// The requirements of every record's regex (`None` without one), in record order, read on
/// every core when they are many.
fn analyse_all(kb: &Kb) -> Vec<Option<Requirements>> {
    let records = kb.records();
    let part = |start: usize, end: usize| {
        Some(records[start..end].iter().map(|r| r.regex.as_deref().map(Requirements::of)).collect())
    };
    // Every part gives `Some`: nothing is cancelled here.
    split(records.len(), ANALYSE_IN_PARALLEL_FROM, part).into_iter().flatten().flatten().collect()
}

impl Prefilter {
    /// Extracts the requirements of every record's regex.
    pub fn new(kb: &Kb) -> Prefilter {
        let mut literal_ids: HashMap<String, u32> = HashMap::new();
        let mut satisfies: Vec<Vec<u32>> = Vec::new();
        let mut clause_literals: Vec<Vec<u32>> = Vec::new();
        let mut first_clause = vec![0u32; kb.len()];
        let mut clause_owner = Vec::new();
        let mut required = vec![0u16; kb.len()];
        let mut line_bound = vec![false; kb.len()];
        let mut always = Vec::new();
        let mut literal_chars = vec![0; kb.len()];
        for (index, analysed) in analyse_all(kb).into_iter().enumerate() {
            let Some(Requirements { chars, one_line, mut clauses }) = analysed else { continue };
            literal_chars[index] = chars;
            line_bound[index] = one_line;
            clauses.truncate(u16::MAX as usize);
            if clauses.is_empty() {
                always.push(index);
                continue;
            }
            required[index] = clauses.len() as u16;
            first_clause[index] = clause_owner.len() as u32;
            for clause in clauses {
                let id = clause_owner.len() as u32;
                clause_owner.push(index as u32);
                let mut own = Vec::with_capacity(clause.len());
                for literal in clause {
                    let next = literal_ids.len() as u32;
                    let literal = *literal_ids.entry(literal).or_insert(next);
                    if literal as usize == satisfies.len() {
                        satisfies.push(Vec::new());
                    }
                    satisfies[literal as usize].push(id);
                    own.push(literal);
                }
                clause_literals.push(own);
            }
        }
        let mut literals = vec![String::new(); literal_ids.len()];
        for (literal, id) in literal_ids {
            literals[id as usize] = literal;
        }
        let automaton = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&literals).ok();
        if automaton.is_none() {
            always = (0..kb.len()).filter(|&i| kb.records()[i].regex.is_some()).collect();
        }
        Prefilter {
            automaton,
            satisfies: Table::from_rows(satisfies),
            clause_literals: Table::from_rows(clause_literals),
            first_clause,
            clause_owner,
            required,
            line_bound,
            always,
            literal_chars,
        }
    }

    /// The records whose regex may match `text`, ascending, each with where.
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let (folded, exact) = fold_for_automaton(text);
        // Where each literal found starts.
        let mut found: HashMap<u32, Vec<usize>> = HashMap::new();
        for m in self.automaton.iter().flat_map(|a| a.find_overlapping_iter(folded.as_str())) {
            found.entry(m.pattern().as_u32()).or_default().push(m.start());
        }
        let mut selected = self.always.clone();
        selected.extend(self.records_with_every_clause(&found));
        if selected.len() > MAX_CANDIDATES {
            selected.sort_by_key(|&index| (std::cmp::Reverse(self.literal_chars[index]), index));
            selected.truncate(MAX_CANDIDATES);
        }
        selected.sort_unstable();
        let lines = LineIndex::new(text);
        selected
            .into_iter()
            .map(|index| {
                if exact && self.line_bound[index] && self.required[index] > 0 {
                    Candidate { index, ranges: self.lines_to_search(index, &found, &lines) }
                } else {
                    Candidate::whole(index, text.len())
                }
            })
            .collect()
    }

    /// The records all of whose clauses a literal of `found` satisfies.
    fn records_with_every_clause(&self, found: &HashMap<u32, Vec<usize>>) -> Vec<usize> {
        let mut clause_met = vec![false; self.clause_owner.len()];
        let mut met = vec![0u16; self.required.len()];
        let mut complete = Vec::new();
        for &literal in found.keys() {
            for &clause in self.satisfies.row(literal as usize) {
                if std::mem::replace(&mut clause_met[clause as usize], true) {
                    continue;
                }
                let record = self.clause_owner[clause as usize] as usize;
                met[record] += 1;
                if met[record] == self.required[record] {
                    complete.push(record);
                }
            }
        }
        complete
    }

    /// The lines with an occurrence of the literals of record `index`'s rarest clause in the
    /// text: a line-bound match lies on one of them.
    fn lines_to_search(&self, index: usize, found: &HashMap<u32, Vec<usize>>, lines: &LineIndex) -> Vec<Range<usize>> {
        let first = self.first_clause[index] as usize;
        let occurrences =
            |clause: usize| self.clause_literals.row(clause).iter().filter_map(|l| found.get(l)).flatten().copied();
        let rarest = (first..first + usize::from(self.required[index]))
            .min_by_key(|&clause| occurrences(clause).count())
            .unwrap_or(first);
        let mut numbers: Vec<usize> = occurrences(rarest).map(|at| lines.line_of(at)).collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers.into_iter().map(|n| lines.line(n)).collect()
    }

    /// Whether record `index`'s regex is matched line by line (with
    /// [`crate::kb::Pattern::find_on_lines`]), so its candidates' ranges are lines.
    pub fn line_bound(&self, index: usize) -> bool {
        self.line_bound.get(index).copied().unwrap_or(false)
    }

    /// How many literal characters record `index`'s regex requires, counting a character
    /// class as half a character.
    pub fn literal_chars(&self, index: usize) -> f32 {
        f32::from(self.literal_chars.get(index).copied().unwrap_or(0)) / 2.0
    }
}

/// `text` as the automaton reads it, and whether its offsets are the text's. ASCII letters
/// become lower case, as the literals are: an automaton that compares exactly builds several
/// times faster than an ASCII case-insensitive one (100k records: 1.2 s of 2 s). Newlines
/// become spaces (same length), since a pattern may be tried on a few lines read as one; the
/// two non-ASCII characters whose case folding is an ASCII letter (KELVIN SIGN, LONG S) become
/// that letter, since a case-insensitive regex matches them (this shortens the text).
fn fold_for_automaton(text: &str) -> (String, bool) {
    let folds = text.contains(['\u{212A}', '\u{17F}']);
    let mut folded = text.replace('\n', " ");
    if folds {
        folded = folded.replace('\u{212A}', "k").replace('\u{17F}', "s");
    }
    folded.make_ascii_lowercase();
    (folded, !folds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::Record;

    fn kb(patterns: &[&str]) -> Kb {
        Kb::of(patterns, |record, p| Record { regex: Some(p.to_string()), ..record })
    }

    /// The candidates' indices.
    fn indices(candidates: Vec<Candidate>) -> Vec<usize> {
        candidates.into_iter().map(|c| c.index).collect()
    }

    #[test]
    fn selects_records_whose_every_literal_occurs_case_insensitively() {
        let kb = kb(&[
            r"MOVED \d+",
            r"No module named '(\w+)'",
            r"\d+",
            r"(?:ECONNREFUSED|connection refused)",
            r"connection.*refused",
        ]);
        let prefilter = Prefilter::new(&kb);
        assert_eq!(indices(prefilter.candidates("err: moved 12 x")), vec![0, 2]);
        assert_eq!(indices(prefilter.candidates("Connection Refused")), vec![2, 3, 4]);
        assert_eq!(indices(prefilter.candidates("Connection Refu\u{17F}ed")), vec![2, 3, 4], "long s folds to s");
        assert_eq!(indices(prefilter.candidates("refused; connection")), vec![2, 4], "both words, in any order");
        assert_eq!(indices(prefilter.candidates("connection reset")), vec![2], "one word is not enough");
        assert_eq!(indices(prefilter.candidates("connection\nrefused")), vec![2, 3, 4], "over a line break");
        assert_eq!(prefilter.literal_chars(0), 6.5, "`MOVED ` and half for `\\d`");
        assert_eq!(prefilter.literal_chars(3), 12.0);
        let wildcard = super::tests::kb(&[r"a.*b"]);
        assert_eq!(Prefilter::new(&wildcard).literal_chars(0), 2.0, "`.` says nothing");
    }

    #[test]
    fn a_one_line_pattern_is_run_over_the_lines_of_its_literals() {
        let kb = kb(&[r"MOVED '[^']+'", r"moved\s+\d+"]);
        let text = "line one\nerr: MOVED '12'\nline three\n";
        let candidates = Prefilter::new(&kb).candidates(text);
        assert_eq!(candidates[0].ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), ["err: MOVED '12'"]);
        assert_eq!(candidates[1], Candidate::whole(1, text.len()), "`\\s` crosses lines on purpose");
    }
}
