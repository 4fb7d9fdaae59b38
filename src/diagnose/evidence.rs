//! Evidence in the text about where an error comes from, used as a prior: a Python traceback
//! points to Python's ecosystem, `error[E0382]` to Rust, `npm ERR!` to Node, a Java stack
//! frame to the JVM, `SQLSTATE`/`ORA-` codes to databases. And whether the text is program
//! output at all: records of non-technical domains should not win on a stack trace just
//! because a broad regex fired on an ordinary word.

use regex_automata::{Input, PatternSet};

use super::fixed_regex::FixedRegex;

/// What the text says about its origin.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Domains the text points to (lower-case domain names, as KBs commonly spell them).
    pub domains: Vec<&'static str>,
    /// Domains the text fits without pointing to them: a Python traceback fits PyTorch or
    /// Django errors as well as Python's own.
    pub related: Vec<&'static str>,
    /// Whether the text is clearly output of a program (traces, `error:` lines, codes).
    pub program_output: bool,
}

/// A trace of one ecosystem in the text.
struct Signal {
    pattern: &'static str,
    /// The domains it points to. Several KBs name the same ecosystem differently, so each
    /// signal lists the common names.
    points_to: &'static [&'static str],
    /// Domains built on that ecosystem, whose errors show the same trace.
    related: &'static [&'static str],
}

const fn signal(pattern: &'static str, points_to: &'static [&'static str], related: &'static [&'static str]) -> Signal {
    Signal { pattern, points_to, related }
}

const SIGNALS: &[Signal] = &[
    signal(
        r#"Traceback \(most recent call last\)|File "[^"]+\.py", line \d+|\b\w+Error: .*\n?$|\bpython3?\b"#,
        &["python"],
        &["pip", "pytorch", "tensorflow", "huggingface", "cuda", "data", "llm", "opencv", "django"],
    ),
    signal(r"\bpip(?:3)?\b|site-packages|setup\.py|pyproject\.toml|\bwheel\b", &["pip", "python"], &[]),
    signal(r"error\[E\d{4}\]|\bcargo\b|\brustc\b|Cargo\.toml|\.rs:\d+:\d+", &["rust"], &[]),
    signal(
        r"npm (?:ERR!|error)|node:internal|\bnode_modules\b|\.m?js:\d+:\d+|\byarn\b|\bpnpm\b",
        &["node", "npm"],
        &["typescript", "react", "nextjs"],
    ),
    signal(r"\berror TS\d{4}\b|\btsc\b|\.tsx?[:(]\d+", &["typescript"], &["node", "react", "nextjs"]),
    signal(
        r"\bat [\w.$]+\([\w$]+\.(?:java|kt):\d+\)|Exception in thread|\bjava\.\w+|\bmvn\b|\bgradle\b|\[ERROR\] ",
        &["java"],
        &["android", "kafka", "elasticsearch", "kotlin"],
    ),
    signal(r"\bgoroutine \d+|\.go:\d+|\bgo: |\bgo\.mod\b", &["go"], &[]),
    signal(
        r"SQLSTATE|\bORA-\d{5}|\bpsql\b|\bpostgres(?:ql)?\b|\bpsycopg2?\b|\basyncpg\b|\blibpq\b|\bmysql\b|\bpymysql\b|\bMySQLdb\b|\bmariadb\b|\bsqlite3?\b|\bERROR:\s+(?:relation|column|syntax|duplicate)",
        &["database", "postgresql", "mysql"],
        &["mongodb"],
    ),
    signal(r"\bredis\b|\bRESP\b|\bCLUSTERDOWN\b|\bWRONGTYPE\b|\bNOAUTH\b", &["redis", "database"], &[]),
    signal(r"\bdocker\b|Error response from daemon|\bcontainerd\b|\bDockerfile\b", &["docker"], &[]),
    signal(
        r"\bkubectl\b|\bkubelet\b|\bpod/|\bCrashLoopBackOff\b|\bImagePullBackOff\b|\bk8s\b|(?m)^[EWIF]\d{4} \d\d:\d\d:\d\d\.\d{6}\s+\d+ \w+\.go:\d+\]",
        &["kubernetes"],
        &["go", "docker"],
    ),
    signal(r"\bfatal: |\bgit\b|\bHEAD\b|\borigin/", &["git"], &[]),
    signal(r"\bnginx\b|\[emerg\]|\bupstream\b", &["nginx"], &[]),
    signal(r"\bCUDA\b|\bcuDNN\b|\bNCCL\b|\bnvidia-smi\b|\btorch\b", &["cuda", "pytorch"], &["huggingface", "llm"]),
    signal(r"CMake Error|CMakeLists\.txt|\bcmake\b", &["cmake"], &["gcc", "c++", "cpp"]),
    signal(r"\bterraform\b|\.tf line \d+", &["terraform"], &[]),
    signal(r"\bssh\b|\bsshd\b|\bknown_hosts\b|\bpublickey\b", &["ssh"], &["git", "linux", "networking"]),
    signal(r"\bSSL\b|\bTLS\b|\bcertificate\b|\bx509\b|\bopenssl\b", &["tls"], &["security", "networking"]),
    signal(r"\bcurl: \(\d+\)|\bwget\b|\bHTTP/\d(?:\.\d)? \d{3}\b", &["networking"], &["api", "tls", "security"]),
    signal(r"\bbash: |\bsh: |\bsudo\b|\bsystemd\b|\bapt(?:-get)?\b|\bdpkg\b|\bENOSPC\b|\bEACCES\b", &["linux"], &[]),
];

static SIGNAL_SET: FixedRegex = FixedRegex::set(|| SIGNALS.iter().map(|s| s.pattern).collect());

static PROGRAM_OUTPUT: FixedRegex = FixedRegex::new(concat!(
    r#"(?m)^\s*(?:Traceback \(most recent call last\)|File "[^"]+", line \d+|at [\w.$<>]+\(|Caused by: )"#,
    r"|(?m)^\s*(?:error|fatal|panic|ERROR|FATAL|npm ERR!|npm error)\b[\[:]",
    r"|\b[A-Z][A-Za-z]+(?:Error|Exception)\b:|\berror\[E\d{4}\]|\bE\d{4}\b|\bTS\d{4}\b|\bSQLSTATE\b|\bORA-\d{5}\b",
    r"|\b(?:ERR|E)[A-Z_]{3,}\b|\bexit (?:code|status) \d+|\bSegmentation fault\b|\b0x[0-9a-f]{6,}\b|\.\w{1,4}:\d+:\d+"
));

/// What `text` (a bounded slice of the input) says about where it comes from.
pub fn evidence(text: &str) -> Evidence {
    let (mut domains, mut related): (Vec<&'static str>, Vec<&'static str>) = (Vec::new(), Vec::new());
    let mut matched = PatternSet::new(SIGNALS.len());
    SIGNAL_SET.for_text(text).which_overlapping_matches(&Input::new(text), &mut matched);
    let found: Vec<&Signal> = matched.iter().map(|i| &SIGNALS[i.as_usize()]).collect();
    for domain in found.iter().flat_map(|s| s.points_to) {
        if !domains.contains(domain) {
            domains.push(domain);
        }
    }
    for domain in found.iter().flat_map(|s| s.related) {
        if !domains.contains(domain) && !related.contains(domain) {
            related.push(domain);
        }
    }
    Evidence { domains, related, program_output: PROGRAM_OUTPUT.is_match(text) }
}

/// How technical a signature reads (0..1): program output has codes, error class names,
/// paths, calls and constants; prose about other subjects has none of them. Used to tell
/// software records from non-software ones without naming domains.
pub fn technicality(signature: &str) -> f32 {
    let signals = [
        PROGRAM_OUTPUT.is_match(signature),
        signature.contains("::") || signature.contains("()") || signature.contains("->"),
        signature
            .split_whitespace()
            .any(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())),
        signature.contains('/') || signature.contains('\\') || signature.contains('.') && !signature.ends_with('.'),
        signature.contains(": ") || signature.contains('='),
        signature.split_whitespace().any(|w| w.chars().any(|c| c.is_ascii_digit())),
    ];
    let hits = signals.iter().filter(|&&s| s).count() as f32;
    (hits / 3.0).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_ecosystems() {
        let python = evidence("Traceback (most recent call last):\n  File \"a.py\", line 1\nKeyError: 'x'");
        assert!(python.domains.contains(&"python") && python.program_output);
        assert!(evidence("error[E0382]: borrow of moved value").domains.contains(&"rust"));
        assert!(evidence("npm ERR! code ERESOLVE").domains.contains(&"node"));
        let driver = evidence("psycopg2.OperationalError: connection to server at \"db\", port 5432 failed");
        assert!(driver.domains.contains(&"database") && driver.domains.contains(&"python"), "{driver:?}");
        assert!(!evidence("the weather is nice").program_output);
    }

    #[test]
    fn the_ascii_forms_find_what_the_unicode_forms_find_in_ascii_text() {
        crate::diagnose::fixed_regex::tests::assert_forms_agree(&SIGNAL_SET);
        crate::diagnose::fixed_regex::tests::assert_forms_agree(&PROGRAM_OUTPUT);
    }

    #[test]
    fn technical_signatures_score_higher_than_prose() {
        assert!(technicality("redis.exceptions.ResponseError: MOVED 12345 192.168.1.10:6379") >= 1.0);
        assert!(technicality("error[E0382]: borrow of moved value: `v`") >= 1.0);
        assert!(technicality("AI tells someone fleeing a disaster to go to the nearest shelter") < 0.5);
    }
}
