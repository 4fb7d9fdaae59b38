//! Filling a record's fix command with the values of the user's own error. A record's
//! command uses the values of its signature (`pip install torch` for `No module named
//! 'torch'`); when the user's error has other values there, the command to copy uses them.
//!
//! Values are paired two ways, both general: the regex's named groups (`(?P<module>\w+)`)
//! matched on the signature and on the user's text; and the variable parts (quoted names,
//! IPs, ports, paths, numbers) of the signature and of the matched text, aligned by kind and
//! order. A command may also name a group explicitly as `{module}`. Nothing is filled when the
//! two sides do not line up.

use std::collections::HashMap;

use crate::diagnose::normalize::{variables, VarKind};
use crate::kb::pattern::PatternMatch;

/// Replace `from` (a value of the signature) with `to` (the user's value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    pub from: String,
    pub to: String,
}

/// The user's values for a record: substitutions, and named groups for `{name}` placeholders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fill {
    pub substitutions: Vec<Substitution>,
    pub named: HashMap<String, String>,
}

impl Fill {
    /// Pairs the values of `signature` (matched as `signature_match`, when the regex matched it)
    /// with those of `user` (the user's matched text, matched as `user_match`).
    pub fn new(
        signature: &str,
        signature_match: Option<&PatternMatch>,
        user: &str,
        user_match: Option<&PatternMatch>,
    ) -> Fill {
        let mut fill = Fill::default();
        if let Some(user_match) = user_match {
            for (name, range) in &user_match.groups {
                let value = &user[range.clone()];
                fill.named.insert(name.clone(), value.to_string());
                let theirs = signature_match.and_then(|m| m.groups.iter().find(|(n, _)| n == name));
                if let Some((_, their_range)) = theirs {
                    fill.push(&signature[their_range.clone()], value);
                }
            }
        }
        let signature_span = signature_match.map_or(signature, |m| &signature[m.span.clone()]);
        let user_span = user_match.map_or(user, |m| &user[m.span.clone()]);
        for (from, to) in align(signature_span, user_span) {
            fill.push(from, to);
        }
        fill
    }

    fn push(&mut self, from: &str, to: &str) {
        let worth_it = from != to && from.chars().count() >= 2 && !to.is_empty();
        if worth_it && !self.substitutions.iter().any(|s| s.from == from) {
            self.substitutions.push(Substitution { from: from.to_string(), to: to.to_string() });
        }
    }

    /// `command` with the user's values, or `None` when nothing in it changes.
    pub fn apply(&self, command: &str) -> Option<String> {
        let mut out = String::with_capacity(command.len());
        let mut i = 0;
        while i < command.len() {
            if let Some((len, value)) = self.replacement_at(command, i) {
                out.push_str(value);
                i += len;
            } else {
                let c = command[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8();
            }
        }
        (out != command).then_some(out)
    }

    fn replacement_at<'a>(&'a self, command: &str, at: usize) -> Option<(usize, &'a str)> {
        let rest = &command[at..];
        if let Some(inner) = rest.strip_prefix('{') {
            let name_end = inner.find('}')?;
            if let Some(value) = self.named.get(&inner[..name_end]) {
                return Some((name_end + 2, value));
            }
        }
        let before = command[..at].chars().next_back();
        if before.is_some_and(is_value_char) {
            return None;
        }
        self.substitutions
            .iter()
            .filter(|s| rest.starts_with(s.from.as_str()))
            .filter(|s| !rest[s.from.len()..].chars().next().is_some_and(is_value_char))
            .max_by_key(|s| s.from.len())
            .map(|s| (s.from.len(), s.to.as_str()))
    }
}

/// A character that continues a value, so a value is only replaced as a whole.
fn is_value_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.' || c == '-'
}

/// Pairs of (signature value, user value) by kind and order: the whole sequences when their
/// kinds line up, else each kind whose counts agree.
fn align<'a>(signature: &'a str, user: &'a str) -> Vec<(&'a str, &'a str)> {
    let theirs = variables(signature);
    let ours = variables(user);
    let kinds = |vars: &[crate::diagnose::normalize::Variable]| vars.iter().map(|v| v.kind).collect::<Vec<_>>();
    if kinds(&theirs) == kinds(&ours) {
        return theirs.iter().zip(&ours).map(|(a, b)| (&signature[a.span.clone()], &user[b.span.clone()])).collect();
    }
    let mut pairs = Vec::new();
    for kind in
        [VarKind::Url, VarKind::Path, VarKind::Ip, VarKind::Port, VarKind::Hex, VarKind::Number, VarKind::Quoted]
    {
        let a: Vec<_> = theirs.iter().filter(|v| v.kind == kind).collect();
        let b: Vec<_> = ours.iter().filter(|v| v.kind == kind).collect();
        if a.len() == b.len() {
            pairs.extend(a.iter().zip(&b).map(|(a, b)| (&signature[a.span.clone()], &user[b.span.clone()])));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::Pattern;

    fn fill(pattern: &str, signature: &str, user: &str) -> Fill {
        let pattern = Pattern::compile(pattern).unwrap();
        Fill::new(signature, pattern.find(signature).as_ref(), user, pattern.find(user).as_ref())
    }

    #[test]
    fn fills_values_aligned_by_kind() {
        let fill = fill(
            r"MOVED \d+ \d+\.\d+\.\d+\.\d+:\d+",
            "redis.exceptions.ResponseError: MOVED 12345 192.168.1.10:6379",
            "MOVED 3999 10.0.0.7:7001",
        );
        assert_eq!(
            fill.apply("redis-cli -h 192.168.1.10 -p 6379 GET mykey").as_deref(),
            Some("redis-cli -h 10.0.0.7 -p 7001 GET mykey")
        );
    }

    #[test]
    fn fills_named_groups_and_placeholders() {
        let fill = fill(
            r"No module named '(?P<module>[\w.]+)'",
            "ModuleNotFoundError: No module named 'torch'",
            "No module named 'numpy'",
        );
        assert_eq!(fill.apply("pip install torch").as_deref(), Some("pip install numpy"));
        assert_eq!(fill.apply("pip install {module}").as_deref(), Some("pip install numpy"));
    }

    #[test]
    fn does_not_fill_inside_other_words_or_when_nothing_lines_up() {
        let fill = fill(r"No module named '(?P<module>[\w.]+)'", "No module named 'torch'", "No module named 'numpy'");
        assert_eq!(fill.apply("pip install torchvision"), None);
        assert_eq!(fill.apply("echo <T> {other}"), None);
        let unrelated = Fill::new("port 6379 in use", None, "something else", None);
        assert_eq!(unrelated.apply("redis-cli -p 6379"), None);
    }
}
