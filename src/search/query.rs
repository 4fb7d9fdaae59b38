//! The query syntax of the live filter, in the spirit of fzf's extended search:
//! space-separated terms are ANDed; `'exact`, `^prefix`, `suffix$`, `!negation`, `/regex/`,
//! `domain:redis` (or `d:`), `tag:x` (or `t:`); anything else is a fuzzy term.
//! Lower-case terms match case-insensitively; a term with an upper-case letter is exact about
//! case (smart case). A backslash escapes a space.

use regex::Regex;

/// A parsed query: all its terms must hold.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// One term of a query.
#[derive(Debug, Clone)]
pub struct Term {
    pub kind: TermKind,
    /// `!term`: the record must NOT match.
    pub negated: bool,
}

/// What a term matches.
#[derive(Debug, Clone)]
pub enum TermKind {
    /// Characters in order, not necessarily adjacent.
    Fuzzy(String),
    /// A substring.
    Exact(String),
    /// The start of a field.
    Prefix(String),
    /// The end of a field.
    Suffix(String),
    /// A regular expression, over each field.
    Regex(Regex),
    /// The record's domain starts with this (case-insensitive).
    Domain(String),
    /// One of the record's tags starts with this (case-insensitive).
    Tag(String),
}

/// A query that cannot be run, e.g. an invalid `/regex/`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid term `{term}`: {message}")]
pub struct QueryError {
    pub term: String,
    pub message: String,
}

impl Query {
    /// Parses `text`; an empty query matches every record.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let terms =
            split_terms(text).into_iter().filter_map(|t| parse_term(&t).transpose()).collect::<Result<_, _>>()?;
        Ok(Query { terms })
    }

    /// Whether the query has no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether every record this query matches is also matched by `previous`, so that a search
    /// for it may start from the results of `previous` (narrowing as the user types).
    pub fn narrows(&self, previous: &Query) -> bool {
        previous.terms.len() <= self.terms.len()
            && previous.terms.iter().zip(&self.terms).enumerate().all(|(i, (old, new))| {
                let last = i + 1 == previous.terms.len();
                old.narrowed_by(new, last)
            })
    }
}

impl Term {
    /// Whether the term has only lower-case letters, so it matches case-insensitively.
    pub fn is_case_insensitive(text: &str) -> bool {
        !text.chars().any(char::is_uppercase)
    }

    fn narrowed_by(&self, new: &Term, last: bool) -> bool {
        if self.negated || new.negated {
            return false;
        }
        let extends = |old: &str, new: &str| {
            if last {
                new.starts_with(old) && Term::is_case_insensitive(new) == Term::is_case_insensitive(old)
            } else {
                new == old
            }
        };
        match (&self.kind, &new.kind) {
            (TermKind::Fuzzy(old), TermKind::Fuzzy(new)) => extends(old, new),
            (TermKind::Exact(old), TermKind::Exact(new)) => extends(old, new),
            (TermKind::Prefix(old), TermKind::Prefix(new)) => extends(old, new),
            (TermKind::Domain(old), TermKind::Domain(new)) => extends(old, new),
            (TermKind::Tag(old), TermKind::Tag(new)) => extends(old, new),
            _ => false,
        }
    }
}

fn split_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => current.push(chars.next().unwrap_or(' ')),
            c if c.is_whitespace() => {
                if !current.is_empty() {
                    terms.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        terms.push(current);
    }
    terms
}

fn parse_term(text: &str) -> Result<Option<Term>, QueryError> {
    let (negated, body) = match text.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let lower_prefix = |names: &[&str]| {
        names.iter().find_map(|name| {
            let head = body.get(..name.len())?;
            head.eq_ignore_ascii_case(name).then(|| body[name.len()..].to_string())
        })
    };
    let kind = if let Some(domain) = lower_prefix(&["domain:", "d:"]) {
        TermKind::Domain(domain.to_lowercase())
    } else if let Some(tag) = lower_prefix(&["tag:", "t:"]) {
        TermKind::Tag(tag.to_lowercase())
    } else if body.len() >= 2 && body.starts_with('/') && body.ends_with('/') {
        let source = &body[1..body.len() - 1];
        let regex = regex::RegexBuilder::new(source)
            .case_insensitive(Term::is_case_insensitive(source))
            .size_limit(1 << 20)
            .build()
            .map_err(|err| QueryError { term: text.to_string(), message: short_regex_error(&err) })?;
        TermKind::Regex(regex)
    } else if let Some(exact) = body.strip_prefix('\'') {
        TermKind::Exact(exact.to_string())
    } else if let Some(prefix) = body.strip_prefix('^') {
        TermKind::Prefix(prefix.to_string())
    } else if body.len() > 1 && body.ends_with('$') {
        TermKind::Suffix(body[..body.len() - 1].to_string())
    } else if negated {
        // As in fzf, a negated plain term is an exact (substring) term.
        TermKind::Exact(body.to_string())
    } else {
        TermKind::Fuzzy(body.to_string())
    };
    let empty = match &kind {
        TermKind::Fuzzy(t) | TermKind::Exact(t) | TermKind::Prefix(t) | TermKind::Suffix(t) => t.is_empty(),
        TermKind::Domain(_) | TermKind::Tag(_) | TermKind::Regex(_) => false,
    };
    Ok((!empty).then_some(Term { kind, negated }))
}

fn short_regex_error(err: &regex::Error) -> String {
    let text = err.to_string();
    text.lines().rfind(|l| l.trim_start().starts_with("error:")).unwrap_or(&text).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        Query::parse(text)
            .unwrap()
            .terms
            .iter()
            .map(|t| format!("{}{:?}", if t.negated { "!" } else { "" }, t.kind))
            .collect()
    }

    #[test]
    fn parses_every_term_kind() {
        assert_eq!(
            kinds("moved 'exact ^pre suf$ !neg d:redis tag:Cluster"),
            vec![
                "Fuzzy(\"moved\")",
                "Exact(\"exact\")",
                "Prefix(\"pre\")",
                "Suffix(\"suf\")",
                "!Exact(\"neg\")",
                "Domain(\"redis\")",
                "Tag(\"cluster\")"
            ]
        );
        assert!(matches!(Query::parse("/mov.d/").unwrap().terms[0].kind, TermKind::Regex(_)));
        assert_eq!(kinds("a\\ b"), vec!["Fuzzy(\"a b\")"]);
        assert!(Query::parse("   ").unwrap().is_empty());
        assert!(Query::parse("! ' ^").unwrap().is_empty());
    }

    #[test]
    fn an_invalid_regex_is_an_error_not_a_crash() {
        let err = Query::parse("ok /(unclosed/").unwrap_err();
        assert_eq!(err.term, "/(unclosed/");
    }

    #[test]
    fn narrowing_only_when_the_query_grows() {
        let q = |t| Query::parse(t).unwrap();
        assert!(q("mov").narrows(&q("mo")));
        assert!(q("mo ve").narrows(&q("mo")));
        assert!(!q("mo").narrows(&q("mov")));
        assert!(!q("mx ve").narrows(&q("mo")));
        assert!(q("mo !x").narrows(&q("mo !")), "another term only removes records");
        assert!(!q("mo !xy").narrows(&q("mo !x")), "a longer negation removes fewer");
        assert!(!q("Mo").narrows(&q("m")));
    }
}
