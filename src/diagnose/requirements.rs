//! What every match of a pattern must contain, read from its syntax tree: the literals that
//! the prefilter looks for, whether a match stays on one line, and how specific the pattern
//! is. Patterns are compiled case-insensitively; they are parsed here as written (parsing
//! case-insensitively costs twice as much), so a literal's ASCII letters are compared without
//! case and a literal with other cased letters is not used.

use fancy_regex::{Assertion, Expr};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A pattern's syntax tree.
pub struct Syntax {
    pub hir: Hir,
    /// Whether `hir` is the pattern itself, rather than a looser stand-in for a pattern that
    /// needs the backtracking engine (lookaround and word-boundary assertions dropped,
    /// backreferences read as anything): every match of the pattern matches the stand-in, so
    /// what the stand-in requires, the pattern requires too.
    pub exact: bool,
}

/// Parses `source`; `None` when neither engine's parser accepts it.
pub fn parse(source: &str) -> Option<Syntax> {
    let parse = |source: &str| regex_syntax::ParserBuilder::new().build().parse(source).ok();
    if let Some(hir) = parse(source) {
        return Some(Syntax { hir, exact: true });
    }
    let looser = loosen(Expr::parse_tree(source).ok()?.expr)?;
    let mut stand_in = String::new();
    looser.to_str(&mut stand_in, 0);
    Some(Syntax { hir: parse(&stand_in)?, exact: false })
}

/// `expr` without what the `regex` crate cannot express, each part replaced by something that
/// matches at least as much; `None` for conditionals.
fn loosen(expr: Expr) -> Option<Expr> {
    let all = |children: Vec<Expr>| children.into_iter().map(loosen).collect::<Option<Vec<_>>>();
    Some(match expr {
        Expr::Empty | Expr::Any { .. } | Expr::Literal { .. } | Expr::Delegate { .. } => expr,
        Expr::Assertion(
            assertion @ (Assertion::StartText
            | Assertion::EndText
            | Assertion::StartLine { .. }
            | Assertion::EndLine { .. }),
        ) => Expr::Assertion(assertion),
        Expr::Assertion(_)
        | Expr::LookAround(..)
        | Expr::KeepOut
        | Expr::ContinueFromPreviousMatchEnd
        | Expr::BackrefExistsCondition(_) => Expr::Empty,
        Expr::Backref(_) => {
            Expr::Repeat { child: Box::new(Expr::Any { newline: true }), lo: 0, hi: usize::MAX, greedy: true }
        }
        Expr::Concat(children) => Expr::Concat(all(children)?),
        Expr::Alt(children) => Expr::Alt(all(children)?),
        Expr::Group(child) | Expr::AtomicGroup(child) => Expr::Group(Box::new(loosen(*child)?)),
        Expr::Repeat { child, lo, hi, greedy } => Expr::Repeat { child: Box::new(loosen(*child)?), lo, hi, greedy },
        Expr::Conditional { .. } => return None,
    })
}

/// Literals shorter than this select too many texts to be worth a requirement.
const MIN_LITERAL_LEN: usize = 3;

/// One of these literals occurs in every match (ASCII letters in lower case: the prefilter
/// compares them without case; other characters have no case and are compared exactly).
pub type Clause = Vec<String>;

/// Clauses that every match of `hir` satisfies, all of them: `connection.*refused` gives
/// `[["connection"], ["refused"]]`, `(?:ECONNREFUSED|connection refused)` gives one clause of
/// two literals. Case-insensitive letters (`(?i)moved`) count as literals, since the
/// prefilter compares without case. Empty when nothing long enough is required.
pub fn required_clauses(hir: &Hir) -> Vec<Clause> {
    let mut clauses = Vec::new();
    collect(hir, &mut clauses);
    for clause in &mut clauses {
        clause.sort();
        clause.dedup();
    }
    clauses.sort();
    clauses.dedup();
    clauses
}

/// Adds the clauses `hir` requires to `out`.
fn collect(hir: &Hir, out: &mut Vec<Clause>) {
    match hir.kind() {
        HirKind::Concat(parts) => {
            let mut run = String::new();
            for part in parts {
                match letters(part) {
                    Some(text) => run.push_str(&text),
                    None => {
                        flush(&mut run, out);
                        collect(part, out);
                    }
                }
            }
            flush(&mut run, out);
        }
        HirKind::Alternation(branches) => {
            let mut each = Vec::with_capacity(branches.len());
            for branch in branches {
                let mut own = Vec::new();
                collect(branch, &mut own);
                if own.is_empty() {
                    // A branch that requires nothing makes the alternation require nothing.
                    return;
                }
                each.push(own);
            }
            out.extend(either(each));
        }
        HirKind::Capture(capture) => collect(&capture.sub, out),
        HirKind::Repetition(rep) if rep.min > 0 => collect(&rep.sub, out),
        _ => {
            if let Some(text) = letters(hir) {
                let mut run = text;
                flush(&mut run, out);
            }
        }
    }
}

/// Clauses that hold when the clauses of one of the branches all hold: `(a ∧ b) ∨ c` is
/// `(a ∨ c) ∧ (b ∨ c)`, one clause per way of picking a clause of each branch. When there are
/// too many ways, one clause: the most selective clause of each branch, joined.
fn either(branches: Vec<Vec<Clause>>) -> Vec<Clause> {
    /// Ways of picking, at most, before falling back to one clause.
    const MAX_WAYS: usize = 16;
    let ways = branches.iter().try_fold(1usize, |ways, b| ways.checked_mul(b.len()).filter(|&w| w <= MAX_WAYS));
    if ways.is_none() {
        let selectivity = |c: &Clause| c.iter().map(String::len).min().unwrap_or(0);
        let best = branches.into_iter().filter_map(|b| b.into_iter().max_by_key(selectivity));
        return vec![best.flatten().collect()];
    }
    branches.into_iter().fold(vec![Clause::new()], |picked, branch| {
        picked.iter().flat_map(|clause| branch.iter().map(move |c| clause.iter().chain(c).cloned().collect())).collect()
    })
}

/// Pushes `run` as a one-literal clause when it is long enough, and empties it.
fn flush(run: &mut String, out: &mut Vec<Clause>) {
    if run.len() >= MIN_LITERAL_LEN {
        out.push(vec![std::mem::take(run)]);
    }
    run.clear();
}

/// The text `hir` always matches, ASCII letters in lower case, if it is a literal or a class
/// of the case variants of one ASCII letter (`[Kk\u{212A}]` is `k`).
fn letters(hir: &Hir) -> Option<String> {
    match hir.kind() {
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            let cased = |c: char| !c.is_ascii() && (c.is_lowercase() || c.is_uppercase());
            (!text.chars().any(cased)).then(|| text.to_ascii_lowercase())
        }
        HirKind::Class(Class::Unicode(class)) => one_letter(class.iter().flat_map(|r| r.start()..=r.end()).map(fold)),
        HirKind::Class(Class::Bytes(class)) => {
            one_letter(class.iter().flat_map(|r| r.start()..=r.end()).map(|b| char::from(b.to_ascii_lowercase())))
        }
        _ => None,
    }
}

/// The ASCII letter that every one of `folded` (a class's characters, folded) is, if one.
fn one_letter(mut folded: impl Iterator<Item = char>) -> Option<String> {
    let first = folded.next()?;
    (first.is_ascii_lowercase() && folded.all(|c| c == first)).then(|| first.to_string())
}

/// A character as the prefilter compares it: ASCII lower case, and the two non-ASCII
/// characters whose case folding is an ASCII letter (KELVIN SIGN, LONG S) as that letter.
fn fold(c: char) -> char {
    match c {
        '\u{212A}' => 'k',
        '\u{17F}' => 's',
        _ => c.to_ascii_lowercase(),
    }
}

/// Whether `hir` is best matched line by line: it has no `$` or `\z` (which only a whole
/// text's end satisfies) and matches a newline only through a negated class such as `[^']`,
/// which its author meant for the rest of a line. `\s`, `\n`, `[\s\S]` and `(?s).` cross
/// lines on purpose.
pub fn is_line_bound(hir: &Hir) -> bool {
    /// Classes at least this wide (in code points) are negations of a few characters.
    const NEGATED: u32 = 1_000_000;
    /// The width of the class of every character (`[\s\S]`); ranges span the surrogates.
    const ALL: u32 = 0x11_0000;
    match hir.kind() {
        HirKind::Empty => true,
        HirKind::Literal(literal) => !literal.0.contains(&b'\n'),
        HirKind::Class(Class::Unicode(class)) => {
            let width: u32 = class.iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
            let newline = class.iter().any(|r| r.start() <= '\n' && '\n' <= r.end());
            !newline || (NEGATED..ALL).contains(&width)
        }
        HirKind::Class(Class::Bytes(class)) => {
            let width: usize = class.iter().map(|r| usize::from(r.end() - r.start()) + 1).sum();
            let newline = class.iter().any(|r| r.start() <= b'\n' && b'\n' <= r.end());
            !newline || (200..256).contains(&width)
        }
        HirKind::Look(look) => !matches!(look, Look::End),
        HirKind::Repetition(rep) => is_line_bound(&rep.sub),
        HirKind::Capture(capture) => is_line_bound(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().all(is_line_bound),
    }
}

/// How specific the parts of `hir` that every match must contain are, in half characters: a
/// literal character counts 2, a character class 1 (`\d`, `[a-z]`, `\w`), a class that takes
/// almost anything (`.`, `[^x]`) 0.
pub fn literal_len(hir: &Hir) -> usize {
    /// Classes wider than this (in code points) say nearly nothing about the text.
    const WIDE_CLASS: u32 = 500_000;
    match hir.kind() {
        HirKind::Literal(literal) => 2 * String::from_utf8_lossy(&literal.0).chars().count(),
        HirKind::Class(_) if letters(hir).is_some() => 2,
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

    fn hir(pattern: &str) -> Hir {
        parse(pattern).unwrap_or_else(|| panic!("{pattern} does not parse")).hir
    }

    fn clauses(pattern: &str) -> Vec<Clause> {
        required_clauses(&hir(pattern))
    }

    fn strings(clauses: &[&[&str]]) -> Vec<Clause> {
        clauses.iter().map(|c| c.iter().map(|s| s.to_string()).collect()).collect()
    }

    #[test]
    fn every_part_a_match_needs_is_a_clause() {
        assert_eq!(clauses(r"connection.*refused"), strings(&[&["connection"], &["refused"]]));
        assert_eq!(clauses(r"MOVED \d+ ([\d.]+):(\d+)"), strings(&[&["moved "]]));
        assert_eq!(clauses(r"(?i)No module named '(\w+)'"), strings(&[&["no module named '"]]));
        assert_eq!(
            clauses(r"(?:ECONNREFUSED|connection refused)"),
            strings(&[&["connection refused", "econnrefused"]])
        );
    }

    #[test]
    fn lookaround_and_backreferences_keep_the_literals_around_them() {
        let syntax = parse(r"(?<!\w)timeout(?!\s*retry) after (\d+)s \1").unwrap();
        assert!(!syntax.exact);
        assert_eq!(required_clauses(&syntax.hir), strings(&[&["timeout after "]]), "lookaround takes no text");
        assert!(parse(r"(?(1)a|b)").is_none());
    }

    #[test]
    fn optional_and_short_parts_require_nothing() {
        assert_eq!(clauses(r"(?:fatal: )?bad object"), strings(&[&["bad object"]]));
        assert_eq!(clauses(r"ab\d+cd"), strings(&[]));
        assert_eq!(clauses(r"(?:timeout|\d+)"), strings(&[]), "a branch without literals");
        assert_eq!(clauses(r"(?i)kill"), strings(&[&["kill"]]), "the KELVIN SIGN folds to k");
        assert_eq!(clauses(r"Größe.*连接被拒绝"), strings(&[&["连接被拒绝"]]), "`ö` has a case: no exact literal");
    }

    #[test]
    fn patterns_are_line_bound_unless_they_cross_lines_on_purpose() {
        assert!(is_line_bound(&hir(r"^error: .* refused '([^']+)' \d+\b")));
        assert!(is_line_bound(&hir(r"(?m)failed$")));
        assert!(!is_line_bound(&hir(r"failed\s+to")));
        assert!(!is_line_bound(&hir(r"(?s)a.b")));
        assert!(!is_line_bound(&hir(r"a[\s\S]*b")));
        assert!(!is_line_bound(&hir(r"failed$")));
    }

    #[test]
    fn literal_length_counts_classes_as_half_a_character() {
        let len = |p: &str| literal_len(&hir(p));
        assert_eq!(len(r"MOVED \d"), 13);
        assert_eq!(len(r"(?i)MOVED \d"), 13, "case-insensitive letters count as literals");
        assert_eq!(len(r"a.*b"), 4, "`.` says nothing");
        assert_eq!(len(r"(?:abc|de)"), 4, "the shortest branch");
    }
}
