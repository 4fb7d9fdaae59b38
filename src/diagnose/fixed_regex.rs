//! The diagnosis's own regexes (not a KB's), each compiled on first use in the form the text
//! searched needs: with ASCII classes for text that is all ASCII, as written for any other
//! text. On ASCII text the two forms match exactly alike (`\w`, `\d`, `\s` and `\b` agree on
//! ASCII characters), and the ASCII form compiles and warms its lazy DFA several times
//! faster: Unicode classes are most of a one-shot command's regex time (see
//! [`crate::kb::Haystack::Ascii`] for the same idea applied to record patterns).
//!
//! A source may wrap a part that only non-ASCII text can match in `(?u:...)`, such as a class
//! that excludes a non-ASCII character, which the ASCII form could not express otherwise.

use std::sync::OnceLock;

use regex_automata::{meta, util::syntax};

use crate::kb::Haystack;

/// A fixed regex with its two compiled forms, each built on first use.
#[derive(Debug)]
pub struct FixedRegex {
    source: &'static str,
    ascii: OnceLock<meta::Regex>,
    any: OnceLock<meta::Regex>,
}

impl FixedRegex {
    /// A regex of `source`, which must be valid (it is the program's, not the user's).
    pub const fn new(source: &'static str) -> FixedRegex {
        FixedRegex { source, ascii: OnceLock::new(), any: OnceLock::new() }
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
        self.ascii.get_or_init(|| {
            let bytes = syntax::Config::new().unicode(false).utf8(false);
            let config = meta::Config::new().utf8_empty(false);
            meta::Builder::new().configure(config).syntax(bytes).build(self.source).expect("a fixed regex is valid")
        })
    }

    /// The form for any text: Unicode classes, as written.
    pub fn any(&self) -> &meta::Regex {
        self.any.get_or_init(|| meta::Regex::new(self.source).expect("a fixed regex is valid"))
    }
}
