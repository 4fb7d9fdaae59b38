//! Compiling a record's `regex`, written in the common Perl/Python dialect and matched
//! case-insensitively. The linear-time `regex` engine is used when it accepts the pattern;
//! patterns it rejects for lookaround or backreferences run on `fancy-regex` with a
//! backtracking limit. Both engines get size limits, so a hostile pattern can neither hang
//! nor exhaust memory.

use std::ops::Range;

/// Compiled-program size limit for one pattern.
pub const SIZE_LIMIT: usize = 2 << 20;
/// Backtracking steps allowed per search on the fallback engine.
pub const BACKTRACK_LIMIT: usize = 200_000;

/// A compiled record pattern.
#[derive(Debug)]
pub enum Pattern {
    /// The linear-time engine.
    Linear(regex::Regex),
    /// The backtracking engine, for lookaround and backreferences.
    Backtracking(fancy_regex::Regex),
}

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PatternError(pub String);

impl Pattern {
    /// Compiles `source` case-insensitively, falling back to backtracking when needed.
    pub fn compile(source: &str) -> Result<Pattern, PatternError> {
        let linear = regex::RegexBuilder::new(source)
            .case_insensitive(true)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(SIZE_LIMIT)
            .build();
        match linear {
            Ok(regex) => Ok(Pattern::Linear(regex)),
            Err(regex::Error::CompiledTooBig(limit)) => {
                Err(PatternError(format!("pattern too large (compiled size over {limit} bytes)")))
            }
            Err(linear_err) => fancy_regex::RegexBuilder::new(&format!("(?i){source}"))
                .backtrack_limit(BACKTRACK_LIMIT)
                .delegate_size_limit(SIZE_LIMIT)
                .delegate_dfa_size_limit(SIZE_LIMIT)
                .build()
                .map(Pattern::Backtracking)
                .map_err(|_| PatternError(first_line(&linear_err.to_string()))),
        }
    }

    /// Whether the pattern needed the backtracking engine.
    pub fn is_backtracking(&self) -> bool {
        matches!(self, Pattern::Backtracking(_))
    }

    /// The first match in `text`, with the spans of its named groups. A backtracking search
    /// that hits its limit counts as no match.
    pub fn find(&self, text: &str) -> Option<PatternMatch> {
        match self {
            Pattern::Linear(regex) => {
                let caps = regex.captures(text)?;
                let group = |name: &str| caps.name(name).map(|m| m.range());
                Some(PatternMatch::new(caps.get(0)?.range(), regex.capture_names(), group))
            }
            Pattern::Backtracking(regex) => {
                let caps = regex.captures(text).ok()??;
                let group = |name: &str| caps.name(name).map(|m| m.range());
                Some(PatternMatch::new(caps.get(0)?.range(), regex.capture_names(), group))
            }
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Pattern::Linear(regex) => regex.is_match(text),
            Pattern::Backtracking(regex) => regex.is_match(text).unwrap_or(false),
        }
    }
}

/// A match of a pattern: the whole span and its named groups, as byte ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternMatch {
    pub span: Range<usize>,
    pub groups: Vec<(String, Range<usize>)>,
}

impl PatternMatch {
    fn new<'a>(
        span: Range<usize>,
        names: impl Iterator<Item = Option<&'a str>>,
        group: impl Fn(&str) -> Option<Range<usize>>,
    ) -> PatternMatch {
        let groups = names.flatten().filter_map(|name| group(name).map(|range| (name.to_string(), range))).collect();
        PatternMatch { span, groups }
    }
}

fn first_line(text: &str) -> String {
    // regex errors draw the pattern over several lines; the last line says what is wrong.
    text.lines().rfind(|l| l.trim_start().starts_with("error:")).unwrap_or(text).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_case_insensitively_with_named_groups() {
        let pattern = Pattern::compile(r"MOVED (?P<slot>\d+)").unwrap();
        let found = pattern.find("err: moved 3999 x").unwrap();
        assert_eq!(found.span, 5..15);
        assert_eq!(found.groups, vec![("slot".to_string(), 11..15)]);
    }

    #[test]
    fn lookaround_falls_back_to_backtracking() {
        let pattern = Pattern::compile(r"foo(?!bar)").unwrap();
        assert!(pattern.is_backtracking());
        assert!(pattern.is_match("FOObaz"));
        assert!(!pattern.is_match("foobar"));
    }

    #[test]
    fn catastrophic_backtracking_gives_up_instead_of_hanging() {
        let pattern = Pattern::compile(r"(a+)+\1$").unwrap();
        let text = format!("{}b", "a".repeat(5000));
        assert!(!pattern.is_match(&text));
    }

    #[test]
    fn broken_and_huge_patterns_are_errors() {
        assert!(Pattern::compile("(unclosed").is_err());
        assert!(Pattern::compile(r"\w{1000}{1000}").is_err());
    }
}
