//! Compiling a record's `regex`, written in the common Perl/Python dialect and matched
//! case-insensitively. The linear-time engine of the `regex` crate (`regex-automata`'s meta
//! regex, without its own literal prefilter: diagnosis has one for all patterns at once, and
//! building it was 40% of compile time; nor its one-pass DFA, which only speeds up reading
//! capture groups, done here on one short match at a time) is used when it accepts the pattern;
//! patterns it rejects for lookaround or backreferences run on `fancy-regex` with a
//! backtracking limit. Both engines get size limits, so a hostile pattern can neither hang
//! nor exhaust memory.

use std::ops::Range;

use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::{meta, util::syntax, Input, PatternID};

/// Compiled-program size limit for one pattern.
pub const SIZE_LIMIT: usize = 2 << 20;
/// Backtracking steps allowed per search on the fallback engine.
pub const BACKTRACK_LIMIT: usize = 200_000;

/// A compiled record pattern.
#[derive(Debug)]
pub enum Pattern {
    /// The linear-time engine.
    Linear(meta::Regex),
    /// The backtracking engine, for lookaround and backreferences.
    Backtracking(fancy_regex::Regex),
}

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PatternError(pub String);

/// The texts a pattern is compiled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Haystack {
    /// Any text: Unicode classes and case folding, as the KB's authors wrote them.
    Any,
    /// Text that is all ASCII. Classes and case folding limited to ASCII match such text
    /// exactly as the Unicode ones do (`\w`, `\d`, `\s`, `\b` and `.` agree on ASCII
    /// characters), and compile several times faster: a case-insensitive Unicode `\w` is
    /// most of a typical pattern's compile time.
    Ascii,
}

impl Haystack {
    /// What `text` is.
    pub fn of(text: &str) -> Haystack {
        if text.is_ascii() {
            Haystack::Ascii
        } else {
            Haystack::Any
        }
    }
}

impl Pattern {
    /// Compiles `source` case-insensitively, falling back to backtracking when needed.
    pub fn compile(source: &str) -> Result<Pattern, PatternError> {
        Pattern::compile_for(source, Haystack::Any)
    }

    /// Compiles `source` to search texts of kind `haystack`. A pattern that needs Unicode
    /// (`\p{..}`, a non-ASCII class) is compiled for any text.
    pub fn compile_for(source: &str, haystack: Haystack) -> Result<Pattern, PatternError> {
        let config = meta::Config::new()
            .nfa_size_limit(Some(SIZE_LIMIT))
            .onepass(false)
            .dfa_size_limit(Some(SIZE_LIMIT))
            .hybrid_cache_capacity(SIZE_LIMIT)
            .auto_prefilter(false)
            .which_captures(if has_named_groups(source) { WhichCaptures::All } else { WhichCaptures::Implicit });
        let syntax = syntax::Config::new().case_insensitive(true);
        if haystack == Haystack::Ascii {
            let ascii = syntax.unicode(false).utf8(false);
            if let Ok(regex) = meta::Builder::new().configure(config.clone()).syntax(ascii).build(source) {
                return Ok(Pattern::Linear(regex));
            }
        }
        let linear = meta::Builder::new().configure(config).syntax(syntax).build(source);
        match linear {
            Ok(regex) => Ok(Pattern::Linear(regex)),
            Err(err) if err.size_limit().is_some() => Err(PatternError(format!(
                "pattern too large (compiled size over {} bytes)",
                err.size_limit().unwrap_or(SIZE_LIMIT)
            ))),
            Err(linear_err) => fancy_regex::RegexBuilder::new(&format!("(?i){source}"))
                .backtrack_limit(BACKTRACK_LIMIT)
                .delegate_size_limit(SIZE_LIMIT)
                .delegate_dfa_size_limit(SIZE_LIMIT)
                .build()
                .map(Pattern::Backtracking)
                .map_err(|_| {
                    let why = linear_err.syntax_error().map_or_else(|| linear_err.to_string(), |e| e.to_string());
                    PatternError(first_line(&why))
                }),
        }
    }

    /// Whether the pattern needed the backtracking engine.
    pub fn is_backtracking(&self) -> bool {
        matches!(self, Pattern::Backtracking(_))
    }

    /// The first match in `text`, with the spans of its named groups. A backtracking search
    /// that hits its limit counts as no match.
    pub fn find(&self, text: &str) -> Option<PatternMatch> {
        self.find_in(text, 0..text.len())
    }

    /// The first match that lies within `range` of `text` (offsets are `text`'s). What comes
    /// before and after the range still counts for `\b`, `^` and `$` (on the backtracking
    /// engine, the range's end is taken as the end of the text).
    pub fn find_in(&self, text: &str, range: Range<usize>) -> Option<PatternMatch> {
        text.get(range.clone())?;
        match self {
            Pattern::Linear(regex) => {
                // Most searches find nothing; a plain search skips setting up capture groups.
                let input = Input::new(text).span(range);
                let first = regex.search(&input)?;
                let info = regex.group_info();
                if info.group_len(PatternID::ZERO) == 1 {
                    return Some(PatternMatch { span: first.range(), groups: Vec::new() });
                }
                let mut caps = regex.create_captures();
                regex.search_captures(&input, &mut caps);
                let group = |name: &str| caps.get_group_by_name(name).map(|span| span.range());
                Some(PatternMatch::new(caps.get_match()?.range(), info.pattern_names(PatternID::ZERO), group))
            }
            Pattern::Backtracking(regex) => {
                let caps = regex.captures_from_pos(&text[..range.end], range.start).ok()??;
                let group = |name: &str| caps.name(name).map(|m| m.range());
                Some(PatternMatch::new(caps.get(0)?.range(), regex.capture_names(), group))
            }
        }
    }

    /// The first match within `range` of `text` that does not cross a line break: where the
    /// first match in the range spans lines, the search goes on line by line from its start.
    /// For patterns without `$`/`\z`, whose meaning changes at a range's end.
    pub fn find_on_lines(&self, text: &str, range: Range<usize>) -> Option<PatternMatch> {
        let mut from = range.start;
        while from <= range.end {
            let found = self.find_in(text, from..range.end)?;
            let Some(newline) = text[found.span.clone()].find('\n') else { return Some(found) };
            let line_end = found.span.start + newline;
            if let Some(found) = self.find_in(text, found.span.start..line_end) {
                return Some(found);
            }
            from = line_end + 1;
        }
        None
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

/// Whether `source` may name a group (`(?P<name>` or `(?<name>`): only named groups are read
/// from a match, and a pattern compiled without its other groups builds faster.
fn has_named_groups(source: &str) -> bool {
    source.contains("(?P<") || source.match_indices("(?<").any(|(i, _)| !source[i + 3..].starts_with(['=', '!']))
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
    fn finds_within_a_range_with_the_context_before_it() {
        let pattern = Pattern::compile(r"\bmoved \d+").unwrap();
        let text = "unmoved 1\nmoved 2\nmoved 3";
        assert_eq!(pattern.find_in(text, 2..text.len()).map(|m| m.span), Some(10..17), "`un` is before the range");
        assert_eq!(pattern.find_in(text, 18..text.len()).map(|m| m.span), Some(18..25));
        assert_eq!(pattern.find_in(text, 0..9), None);
    }

    #[test]
    fn finds_a_match_within_one_line() {
        let pattern = Pattern::compile(r"'[^']+' not found").unwrap();
        let text = "a 'x\nb' not found\n'y' not found";
        assert_eq!(pattern.find(text).map(|m| m.span), Some(2..17), "across the line break");
        assert_eq!(pattern.find_on_lines(text, 0..text.len()).map(|m| m.span), Some(18..31));
        assert_eq!(pattern.find_on_lines("'a\nb' not found", 0..15), None);
    }

    #[test]
    fn only_named_groups_are_kept() {
        assert!(has_named_groups(r"(?P<a>x)") && has_named_groups(r"(?<=y)(?<b>x)"));
        assert!(!has_named_groups(r"(x)(?<=y)(?<!z)"));
        let found = Pattern::compile(r"(\w+) (?<port>\d+)").unwrap().find("host 8080").unwrap();
        assert_eq!(found.groups, vec![("port".to_string(), 5..9)]);
    }

    #[test]
    fn an_ascii_compile_finds_what_the_unicode_one_finds_in_ascii_text() {
        let patterns = [
            r"\w+Error: (?P<name>[\w.]+)",
            r"\bkey\b.{3}",
            r"[^a-z ]+",
            r"\W+\d+",
            r"\S+:\d+\s",
            r"KELVIN|long s",
            r"\p{Lu}\w+",
            r"[é\w]+ing",
            r"é|rror",
        ];
        let texts = ["KeyError: my.key at x.py:12 ", "a Kelvin LONG S, keys", "no key in map", "building: 42"];
        for source in patterns {
            let fast = Pattern::compile_for(source, Haystack::Ascii).unwrap();
            let unicode = Pattern::compile(source).unwrap();
            for text in texts {
                assert_eq!(fast.find(text), unicode.find(text), "{source:?} in {text:?}");
            }
        }
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
