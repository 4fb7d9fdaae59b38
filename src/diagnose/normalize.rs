//! Words and variable parts of error text. Variable parts (paths, IP addresses, ports, hex
//! addresses, numbers, quoted names, URLs) differ between the user's error and a record's
//! signature, so similarity compares their kind, not their value; their values are kept for
//! filling commands.

use std::ops::Range;

use regex_automata::util::captures::Captures;
use regex_automata::Input;

use super::fixed_regex::FixedRegex;

/// The kind of a variable part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VarKind {
    Url,
    Path,
    Ip,
    Port,
    Hex,
    Number,
    Quoted,
}

impl VarKind {
    /// The placeholder token that stands for this kind in similarity.
    pub fn token(self) -> &'static str {
        match self {
            VarKind::Url => "<url>",
            VarKind::Path => "<path>",
            VarKind::Ip => "<ip>",
            VarKind::Port => "<port>",
            VarKind::Hex => "<hex>",
            VarKind::Number => "<num>",
            VarKind::Quoted => "<quoted>",
        }
    }
}

/// A variable part of a text: its kind and the byte range of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    pub kind: VarKind,
    pub span: Range<usize>,
}

/// Variable parts, one named group per kind. The curly quotes are wrapped in `(?u:...)`: only
/// non-ASCII text has them (see [`FixedRegex`]). A quoted value has at most
/// [`MAX_QUOTED_CHARS`], checked in [`for_each_variable_match`]: a bounded repetition such as `{1,80}`
/// here compiled and warmed up several times slower.
static VARIABLE: FixedRegex = FixedRegex::new(concat!(
    r"(?P<url>\b[a-z][a-z0-9+.-]*://[^\s'\x22<>]+)",
    r"|(?P<ip>\b\d{1,3}(?:\.\d{1,3}){3}\b)(?::(?P<ipport>\d{1,5})\b)?",
    r"|(?P<quoted>'[^'\n]+'|\x22[^\x22\n]+\x22|`[^`\n]+`|(?u:‘[^’\n]+’|“[^”\n]+”))",
    r"|(?P<path>(?:\b[A-Za-z]:\\|~?/|\./|\.\./)[\w.@+\-/\\]*[\w/]|\b[\w.-]+/[\w.@+\-/]+\.[a-z]{1,5}\b)",
    r"|(?P<hex>\b0x[0-9a-f]+\b|\b[0-9a-f]{12,}\b)",
    r"|(?P<port>:\d{2,5}\b)",
    r"|(?P<num>\b\d+(?:\.\d+)*\b)",
));

/// Characters between the quotes of a quoted value, at most.
const MAX_QUOTED_CHARS: usize = 80;

/// Calls `on_match` with each match of [`VARIABLE`] in `text`, in order, without overlaps, as
/// a regex whose quoted values repeat `{1,80}` times would find them. Only that branch can
/// match where a quote opens, and its value cannot hold its closing quote: so where it matches
/// a longer value, that regex finds nothing there, and the search goes on after the opening
/// quote.
fn for_each_variable_match(text: &str, mut on_match: impl FnMut(&Captures)) {
    let regex = VARIABLE.for_text(text);
    let mut caps = regex.create_captures();
    let mut from = 0;
    while from < text.len() {
        regex.search_captures(&Input::new(text).range(from..), &mut caps);
        let Some(whole) = caps.get_match() else { break };
        match caps.get_group_by_name("quoted").map(|span| &text[span.range()]) {
            Some(quoted) if quoted.chars().count() > MAX_QUOTED_CHARS + 2 => from = whole.start() + quote_len(quoted),
            _ => {
                from = whole.end();
                on_match(&caps);
            }
        }
    }
}

/// The variable parts of `text`, in order.
pub fn variables(text: &str) -> Vec<Variable> {
    let mut found = Vec::new();
    for_each_variable_match(text, |caps| {
        let group = |name: &str| caps.get_group_by_name(name).map(|span| span.range());
        let kinds = [
            ("url", VarKind::Url),
            ("ip", VarKind::Ip),
            ("quoted", VarKind::Quoted),
            ("path", VarKind::Path),
            ("hex", VarKind::Hex),
            ("num", VarKind::Number),
        ];
        for (name, kind) in kinds {
            if let Some(range) = group(name) {
                let span = if kind == VarKind::Quoted {
                    let quoted = &text[range.clone()];
                    range.start + quote_len(quoted)..range.end - quote_len_end(quoted)
                } else {
                    range
                };
                found.push(Variable { kind, span });
            }
        }
        if let Some(port) = group("ipport") {
            found.push(Variable { kind: VarKind::Port, span: port });
        }
        if let Some(port) = group("port") {
            found.push(Variable { kind: VarKind::Port, span: port.start + 1..port.end });
        }
    });
    found
}

fn quote_len(quoted: &str) -> usize {
    quoted.chars().next().map_or(0, char::len_utf8)
}

fn quote_len_end(quoted: &str) -> usize {
    quoted.chars().next_back().map_or(0, char::len_utf8)
}

/// Words too common in error text to tell records apart.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in", "into", "is", "it",
    "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with", "you", "your",
];

/// Error phrases as programs print them in a Chinese locale (the glibc, coreutils, GCC, make,
/// PostgreSQL and git translations), with the English words they stand for, so an error printed
/// in Chinese is compared with records written in English.
const CHINESE_PHRASES: &[(&str, &str)] = &[
    ("没有那个文件或目录", "no such file or directory"),
    ("没有规则可制作目标", "no rule to make target"),
    ("设备上没有空间", "no space left on device"),
    ("密码认证失败", "password authentication failed"),
    ("未定义的引用", "undefined reference"),
    ("未找到命令", "command not found"),
    ("连接被拒绝", "connection refused"),
    ("拒绝连接", "connection refused"),
    ("权限不够", "permission denied"),
    ("权限被拒绝", "permission denied"),
    ("拒绝访问", "permission denied"),
    ("致命错误", "fatal error"),
    ("语法错误", "syntax error"),
    ("段错误", "segmentation fault"),
    ("不存在", "does not exist"),
    ("找不到", "cannot find"),
    ("已杀死", "killed"),
    ("服务器", "server"),
    ("连接到", "connection to"),
    ("异常的", "unexpected"),
    ("超时", "timed out"),
    ("失败", "failed"),
    ("错误", "error"),
    ("关系", "relation"),
    ("端口", "port"),
];

/// The English words of the Chinese error phrases in `text` (empty for text without any).
pub fn english_gloss(text: &str) -> String {
    if text.is_ascii() {
        return String::new();
    }
    let found = CHINESE_PHRASES.iter().filter(|(zh, _)| text.contains(zh));
    found.map(|(_, en)| *en).collect::<Vec<_>>().join(" ")
}

/// The similarity tokens of `text`: lower-case words outside variable parts, plus one
/// placeholder token per variable part. Each token comes with whether it is a placeholder.
pub fn tokens(text: &str) -> Vec<String> {
    let vars = variables(text);
    let mut out = Vec::new();
    let mut last = 0;
    for var in &vars {
        if var.span.start < last {
            continue;
        }
        let outer_start = text[..var.span.start].trim_end_matches(['\'', '"', '`', '‘', '“']).len();
        words(&text[last..outer_start.max(last)], &mut out);
        out.push(var.kind.token().to_string());
        if var.kind == VarKind::Number && is_code(text, &var.span) {
            out.push(text[var.span.clone()].to_string());
        }
        last = var.span.end;
    }
    words(&text[last..], &mut out);
    words(&english_gloss(text), &mut out);
    out
}

fn words(text: &str, out: &mut Vec<String>) {
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if word.is_empty() {
            continue;
        }
        let word = word.to_lowercase();
        if word.chars().count() == 1 && word.is_ascii() || STOPWORDS.contains(&word.as_str()) {
            continue;
        }
        out.push(stem(word));
    }
}

/// A light English stemmer, so that wordings drift less: `connection`, `connecting` and
/// `connected` all become `connect`; `refused` and `refuses` become `refus`. Only long,
/// plain-ASCII words are touched (identifiers and codes stay as they are).
pub fn stem(word: String) -> String {
    const SUFFIXES: &[&str] = &["ations", "ation", "ions", "ings", "ion", "ing", "ers", "ies", "ed", "es", "er", "s"];
    if word.len() < 5 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word;
    }
    for suffix in SUFFIXES {
        if let Some(root) = word.strip_suffix(suffix) {
            if root.len() >= 4 {
                return root.to_string();
            }
        }
    }
    word
}

/// Whether the number at `span` reads like a status or error code (`429`, `ERROR 1040`,
/// `errno 111`): three to five digits, no leading zero, standing alone (not part of a date, a
/// time, a version or a `pid#tid`). Its value is kept as a token besides its placeholder: a code
/// that the error and a wording share is evidence, one they do not share is only a different
/// value.
fn is_code(text: &str, span: &Range<usize>) -> bool {
    let number = &text[span.clone()];
    let joined = |c: Option<char>| c.is_some_and(|c| matches!(c, '/' | ':' | '#' | '.' | '-' | '_'));
    (3..=5).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
        && !number.starts_with('0')
        && !joined(text[..span.start].chars().next_back())
        && !joined(text[span.end..].chars().next())
}

/// The value of a code's token (see [`is_code`]), which adds to a wording's coverage when
/// shared and is not missed when absent; `None` for any other token.
pub fn code_value(token: &str) -> Option<u32> {
    token.bytes().all(|b| b.is_ascii_digit()).then(|| token.parse().ok()).flatten()
}

/// Whether a token stands for a variable part (compared by kind, worth less than a word).
pub fn is_placeholder(token: &str) -> bool {
    token.starts_with('<') && token.ends_with('>')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(VarKind, &str)> {
        variables(text).into_iter().map(|v| (v.kind, &text[v.span])).collect()
    }

    #[test]
    fn finds_variable_parts() {
        assert_eq!(
            kinds("MOVED 3999 10.0.0.7:7001"),
            vec![(VarKind::Number, "3999"), (VarKind::Ip, "10.0.0.7"), (VarKind::Port, "7001")]
        );
        assert_eq!(kinds("No module named 'numpy'"), vec![(VarKind::Quoted, "numpy")]);
        assert_eq!(kinds("open /etc/app/x.conf failed"), vec![(VarKind::Path, "/etc/app/x.conf")]);
        assert_eq!(
            kinds("at 0x7ffd1234 and localhost:5432"),
            vec![(VarKind::Hex, "0x7ffd1234"), (VarKind::Port, "5432")]
        );
    }

    /// [`VARIABLE`] with the bound of its quoted values in the pattern, as `for_each_variable_match`
    /// must find its matches.
    const BOUNDED: &str = concat!(
        r"(?P<url>\b[a-z][a-z0-9+.-]*://[^\s'\x22<>]+)",
        r"|(?P<ip>\b\d{1,3}(?:\.\d{1,3}){3}\b)(?::(?P<ipport>\d{1,5})\b)?",
        r"|(?P<quoted>'[^'\n]{1,80}'|\x22[^\x22\n]{1,80}\x22|`[^`\n]{1,80}`|‘[^’\n]{1,80}’|“[^”\n]{1,80}”)",
        r"|(?P<path>(?:\b[A-Za-z]:\\|~?/|\./|\.\./)[\w.@+\-/\\]*[\w/]|\b[\w.-]+/[\w.@+\-/]+\.[a-z]{1,5}\b)",
        r"|(?P<hex>\b0x[0-9a-f]+\b|\b[0-9a-f]{12,}\b)",
        r"|(?P<port>:\d{2,5}\b)",
        r"|(?P<num>\b\d+(?:\.\d+)*\b)",
    );

    /// Texts with quoted values around the bound: of each kind of quote, of ASCII and wider
    /// characters, with values inside, quotes of other kinds inside, and unclosed.
    fn quoted_texts() -> Vec<String> {
        let quotes = [("'", "'"), ("\"", "\""), ("`", "`"), ("‘", "’"), ("“", "”")];
        let fillers = ["a", "é", "x 1.2.3.4:80 /p/q.txt 'in' \"in\" ", "连接被拒绝 "];
        let mut texts = Vec::new();
        for (open, close) in quotes {
            for filler in fillers {
                for len in [1, 79, 80, 81, 82, 200] {
                    let value: String = filler.chars().cycle().take(len).collect();
                    texts.push(format!("at {open}{value}{close} and {open}x{close} 42 {open}{value}"));
                    texts.push(format!("{open}{value}{close}{open}{value}{close}:8080"));
                }
            }
        }
        texts
    }

    #[test]
    fn quoted_values_are_bounded_as_in_the_pattern() {
        let bounded = regex::Regex::new(BOUNDED).unwrap();
        let texts = crate::diagnose::fixed_regex::tests::sample_texts().into_iter().chain(quoted_texts());
        for text in texts {
            let expected: Vec<Vec<Option<Range<usize>>>> =
                bounded.captures_iter(&text).map(|caps| caps.iter().map(|m| m.map(|m| m.range())).collect()).collect();
            let mut found: Vec<Vec<Option<Range<usize>>>> = Vec::new();
            for_each_variable_match(&text, |caps| {
                found.push((0..caps.group_len()).map(|i| caps.get_group(i).map(|span| span.range())).collect());
            });
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn the_ascii_form_finds_what_the_unicode_form_finds_in_ascii_text() {
        crate::diagnose::fixed_regex::tests::assert_forms_agree(&VARIABLE);
    }

    #[test]
    fn chinese_error_phrases_count_as_their_english_words() {
        let zh = tokens("psql: 错误: 连接到\"127.0.0.1\"上的服务器，端口5545失败：拒绝连接");
        for word in tokens("error: connection to server failed: Connection refused") {
            assert!(zh.contains(&word), "{word} missing from {zh:?}");
        }
    }

    #[test]
    fn stems_drifting_wordings_together() {
        assert_eq!(tokens("Connection refused"), tokens("connecting: refuses"));
        assert_eq!(tokens("E0382 ERR_REQUIRE_ESM"), vec!["e0382", "err_require_esm"]);
    }

    #[test]
    fn tokens_replace_values_with_their_kind() {
        assert_eq!(
            tokens("ModuleNotFoundError: No module named 'torch'"),
            vec!["modulenotfounderror", "no", "module", "named", "<quoted>"]
        );
        assert_eq!(tokens("MOVED 12345 192.168.1.10:6379"), vec!["moved", "<num>", "12345", "<ip>", "<port>"]);
    }

    #[test]
    fn codes_keep_their_value_but_dates_pids_and_versions_do_not() {
        assert_eq!(tokens("curl: (22) error: 429"), vec!["curl", "<num>", "error", "<num>", "429"]);
        assert_eq!(tokens("ERROR 1040 (HY000)"), vec!["error", "<num>", "1040", "hy000"]);
        let log = tokens("2026/11/25 13:02:09 [emerg] 2870#2870: v1.25.3 port 0080");
        assert!(log.iter().all(|t| !t.bytes().all(|b| b.is_ascii_digit())), "{log:?}");
    }
}
