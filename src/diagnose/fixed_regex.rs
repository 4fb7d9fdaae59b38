//! The diagnosis's own regexes (not a KB's), each compiled on first use in the form the text
//! searched needs: with ASCII classes for text that is all ASCII, as written for any other
//! text. On ASCII text the two forms match exactly alike (`\w`, `\d`, `\s`, `\b` and case
//! folding agree on ASCII characters), and the ASCII form compiles and warms its lazy DFA
//! several times faster: Unicode classes are most of a one-shot command's regex time (see
//! [`crate::kb::Haystack::Ascii`] for the same idea applied to record patterns).
//!
//! A source may wrap a part that only non-ASCII text can match in `(?u:...)`, such as a class
//! that excludes a non-ASCII character, which the ASCII form could not express otherwise.

use std::sync::OnceLock;

use regex_automata::{meta, util::syntax, MatchKind};

use crate::kb::Haystack;

/// A fixed regex, or set of regexes, with its two compiled forms, each built on first use.
#[derive(Debug)]
pub struct FixedRegex {
    sources: Sources,
    ascii: OnceLock<meta::Regex>,
    any: OnceLock<meta::Regex>,
}

/// What a [`FixedRegex`] is compiled from.
#[derive(Debug)]
enum Sources {
    /// One regex: the leftmost-first match, as `regex::Regex` finds it.
    One(&'static str),
    /// Several: which of them match, as `regex::RegexSet` tells.
    Set(fn() -> Vec<&'static str>),
}

impl FixedRegex {
    /// The regex `source`, which must be valid (it is the program's, not the user's).
    pub const fn new(source: &'static str) -> FixedRegex {
        FixedRegex::of(Sources::One(source))
    }

    /// The set of the regexes `sources` gives, all valid; pattern `i` is the `i`th.
    pub const fn set(sources: fn() -> Vec<&'static str>) -> FixedRegex {
        FixedRegex::of(Sources::Set(sources))
    }

    const fn of(sources: Sources) -> FixedRegex {
        FixedRegex { sources, ascii: OnceLock::new(), any: OnceLock::new() }
    }

    /// The form that searches `text`.
    pub fn for_text(&self, text: &str) -> &meta::Regex {
        match Haystack::of(text) {
            Haystack::Ascii => self.ascii(),
            Haystack::Any => self.any(),
        }
    }

    /// The form for all-ASCII text: ASCII classes, searching bytes.
    pub fn ascii(&self) -> &meta::Regex {
        self.ascii.get_or_init(|| self.compile(syntax::Config::new().unicode(false).utf8(false)))
    }

    /// The form for any text: Unicode classes, as written.
    pub fn any(&self) -> &meta::Regex {
        self.any.get_or_init(|| self.compile(syntax::Config::new()))
    }

    /// Whether the regex matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.for_text(text).is_match(text)
    }

    fn compile(&self, syntax: syntax::Config) -> meta::Regex {
        let (sources, kind) = match &self.sources {
            Sources::One(source) => (vec![*source], MatchKind::LeftmostFirst),
            Sources::Set(sources) => (sources(), MatchKind::All),
        };
        let config = meta::Config::new().match_kind(kind).utf8_empty(syntax.get_utf8());
        meta::Builder::new().configure(config).syntax(syntax).build_many(&sources).expect("a fixed regex is valid")
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// Texts to test the diagnosis's regexes on: the built-in KB's wordings and their lines,
    /// the lines of the diagnosis cases, and strings made to catch classes out.
    pub fn sample_texts() -> Vec<String> {
        let kb = crate::kb::Kb::builtin();
        let records = kb.records().iter();
        let mut texts: Vec<String> = records.flat_map(|r| r.signature.iter().chain(&r.aliases)).cloned().collect();
        let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnosis/cases");
        for domain in std::fs::read_dir(cases).into_iter().flatten().flatten() {
            for case in std::fs::read_dir(domain.path()).into_iter().flatten().flatten() {
                texts.extend(std::fs::read_to_string(case.path()).ok());
            }
        }
        let lines: Vec<String> = texts.iter().flat_map(|t| t.lines()).map(str::to_string).collect();
        texts.extend(lines);
        texts.extend(
            [
                "open C:\\Users\\me\\app.cfg and ~/x/y, ./a.b ../c/d.tar.gz at https://h.io/p?q=1#f 'x' \"y\" `z`",
                "0xDEADbeef deadbeef00112233 1.2.3.4:5678 :80 ::1 12.34.56 v1.2.3-rc.4 a_b/c-d.e@f+g/h.json9",
                "\t\x0b\x0c\r\n'\n' \"unterminated 'it''s' `a\nb` 999.999.999.999 1.2.3.4.5 10.0.0.1:123456",
                "  KeyError: x\n\tat a.B(C.java:1)\nERR_X E1234 TS2304 ORA-00942 Kelvin kill SKIP long s",
            ]
            .map(str::to_string),
        );
        texts.push((0..=127u8).map(char::from).collect());
        texts
    }

    /// What `form` finds in `text`: every group of every match, or the patterns of a set that
    /// match.
    fn found(regex: &FixedRegex, form: &meta::Regex, text: &str) -> Vec<Vec<Option<std::ops::Range<usize>>>> {
        if let Sources::Set(_) = regex.sources {
            let mut set = regex_automata::PatternSet::new(form.pattern_len());
            form.which_overlapping_matches(&regex_automata::Input::new(text), &mut set);
            return vec![set.iter().map(|p| Some(p.as_usize()..p.as_usize())).collect()];
        }
        let groups = |caps: regex_automata::util::captures::Captures| {
            (0..caps.group_len()).map(|i| caps.get_group(i).map(|span| span.range())).collect()
        };
        form.captures_iter(text).map(groups).collect()
    }

    /// Checks that both forms of `regex` find the same in ASCII text.
    pub fn assert_forms_agree(regex: &FixedRegex) {
        for text in sample_texts().into_iter().filter(|text| text.is_ascii()) {
            assert_eq!(found(regex, regex.ascii(), &text), found(regex, regex.any(), &text), "{text:?}");
        }
    }
}
