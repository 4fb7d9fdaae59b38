//! The shape of one synthetic record's error: its id, domain, and signature as literal parts
//! and variable parts, from which its signature, Chinese signature, aliases, regex and fresh
//! occurrences (for traces) are all rendered. Re-deriving a spec is cheap: it holds no prose.

use super::rng::Rng;
use super::vocab::{Flavor, CODES, DOMAINS, PHRASES, SITUATIONS, STEMS, SYLLABLES, TOOLS};

/// A variable part of an error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Var {
    Number,
    Name,
    Path,
    HostPort,
    Hex,
    Quoted,
}

/// A piece of a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Lit(String),
    Var(Var),
}

/// How a record's regex is written (real KBs mix all of these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegexStyle {
    /// The signature with its variable parts as classes (`\d+`, `[\w.]+`, ...).
    Exact,
    /// The same with named groups for the values (used to fill commands).
    Named,
    /// An alternation of key phrases joined by `.*`, like many public KBs.
    Alternation,
    /// No regex at all.
    Missing,
    /// A pattern with no usable literal (always run by the prefilter).
    Broad,
    /// Lookaround: needs the backtracking engine.
    Lookaround,
}

/// One synthetic error.
#[derive(Debug, Clone)]
pub struct Spec {
    pub id: String,
    pub domain: &'static str,
    pub flavor: Flavor,
    /// The phrase's index in [`PHRASES`] (or in [`SITUATIONS`] for prose).
    pub phrase: usize,
    pub parts: Vec<Part>,
    pub code: &'static str,
    pub class: String,
    pub style: RegexStyle,
    /// Seed of the values in the record's own example signature.
    sample: u64,
}

/// A synthetic identifier of 2-3 syllables.
pub fn ident(rng: &mut Rng) -> String {
    (0..rng.between(2, 3)).map(|_| *rng.pick(SYLLABLES)).collect()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

impl Spec {
    /// The spec of record `index` of the KB of `seed`.
    pub fn new(seed: u64, index: usize) -> Spec {
        let mut rng = Rng::stream(seed, index as u64);
        let (domain, flavor) = *rng.pick(DOMAINS);
        let phrase = if flavor == Flavor::Prose { rng.below(SITUATIONS.len()) } else { rng.below(PHRASES.len()) };
        let code = *rng.pick(CODES);
        let class = capitalised(&ident(&mut rng));
        let english = if flavor == Flavor::Prose { SITUATIONS[phrase].0 } else { PHRASES[phrase].0 };
        let parts = template(&mut rng, flavor, english, code, &class);
        let style = match rng.below(100) {
            _ if flavor == Flavor::Prose => RegexStyle::Alternation,
            0..55 => RegexStyle::Exact,
            55..63 => RegexStyle::Named,
            63..92 => RegexStyle::Alternation,
            92..98 => RegexStyle::Missing,
            98 => RegexStyle::Broad,
            _ => RegexStyle::Lookaround,
        };
        let slug = english.split(' ').take(4).collect::<Vec<_>>().join("-");
        let sample = rng.next_u64();
        Spec { id: format!("{domain}/{slug}-{index:x}"), domain, flavor, phrase, parts, code, class, style, sample }
    }

    /// The English phrase at the heart of the error.
    pub fn phrase_en(&self) -> &'static str {
        if self.flavor == Flavor::Prose {
            SITUATIONS[self.phrase].0
        } else {
            PHRASES[self.phrase].0
        }
    }

    /// Its Chinese rendering.
    pub fn phrase_zh(&self) -> &'static str {
        if self.flavor == Flavor::Prose {
            SITUATIONS[self.phrase].1
        } else {
            PHRASES[self.phrase].1
        }
    }

    /// The error text with values drawn from `rng` (a fresh occurrence of the error).
    pub fn render(&self, rng: &mut Rng) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Lit(text) => text.clone(),
                Part::Var(var) => value(*var, rng),
            })
            .collect()
    }

    /// The signature stored in the record (the values of the record's own example).
    pub fn signature(&self) -> String {
        self.render(&mut Rng::new(self.sample))
    }

    /// The Chinese signature: the phrase translated, values kept.
    pub fn signature_zh(&self) -> String {
        self.signature().replace(self.phrase_en(), self.phrase_zh())
    }

    /// The record's regex, in the style of the spec.
    pub fn regex(&self) -> Option<String> {
        let exact = |named: bool| self.parts.iter().map(|p| part_regex(p, named)).collect::<String>();
        let words: Vec<&str> = self.phrase_en().split(' ').collect();
        Some(match self.style {
            RegexStyle::Exact => exact(false),
            RegexStyle::Named => exact(true),
            RegexStyle::Alternation if self.flavor == Flavor::Prose => {
                format!("({}.{{0,40}}{}|{})", words[0], words[words.len() - 1], self.class.to_lowercase())
            }
            RegexStyle::Alternation => {
                let joined = words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join(".*");
                format!("({joined}|{}\\w*Error.*{}|{})", self.class, regex::escape(words[0]), self.code)
            }
            RegexStyle::Missing => return None,
            RegexStyle::Broad => r"\w+: \w+ \w+ \d+".to_string(),
            RegexStyle::Lookaround => format!("{}(?! \\(ignored\\))", regex::escape(self.phrase_en())),
        })
    }

    /// Other ways the same error is printed.
    pub fn aliases(&self, rng: &mut Rng) -> Vec<String> {
        let phrase = self.phrase_en();
        let choices = [
            format!("{} {phrase}", self.code),
            format!("{}Error: {phrase}", self.class),
            format!("{phrase} ({})", self.domain),
        ];
        (0..rng.below(3)).map(|_| rng.pick(&choices).clone()).collect()
    }
}

/// The literal and variable parts of an error of `flavor`.
fn template(rng: &mut Rng, flavor: Flavor, phrase: &str, code: &str, class: &str) -> Vec<Part> {
    let lit = |text: String| Part::Lit(text);
    let stem = *rng.pick(STEMS);
    let module = ident(rng);
    let variant = rng.chance(0.5);
    match flavor {
        Flavor::Python if variant => {
            vec![lit(format!("{module}.errors.{class}{stem}Error: {phrase} ")), Part::Var(Var::Quoted)]
        }
        Flavor::Python => vec![
            lit(format!("{stem}Error: [Errno ")),
            Part::Var(Var::Number),
            lit(format!("] {phrase}: ")),
            Part::Var(Var::Path),
        ],
        Flavor::Node if variant => vec![lit(format!("Error: {code}: {phrase}, open ")), Part::Var(Var::Quoted)],
        Flavor::Node => vec![lit(format!("{class}Error: {phrase} ({code}) at ")), Part::Var(Var::HostPort)],
        Flavor::Jvm => vec![
            lit(format!("Exception in thread \"main\" org.{module}.{class}{stem}Exception: {phrase} for ")),
            Part::Var(Var::Name),
        ],
        Flavor::Rust => {
            vec![lit(format!("error[E0{}]: {phrase} `", rng.between(100, 799))), Part::Var(Var::Name), lit("`".into())]
        }
        Flavor::Go if variant => vec![lit(format!("panic: {phrase} in {module}.{class}: ")), Part::Var(Var::Hex)],
        Flavor::Go => vec![lit(format!("{module}/{class}.go:")), Part::Var(Var::Number), lit(format!(": {phrase}"))],
        Flavor::Database => vec![
            lit(format!("ERROR: {phrase} on table ")),
            Part::Var(Var::Quoted),
            lit(format!(
                " (SQLSTATE {}{})",
                rng.between(10, 99),
                class.to_uppercase().chars().take(3).collect::<String>()
            )),
        ],
        Flavor::Cli if variant => {
            vec![lit(format!("Error response from daemon: {class} {phrase}: ")), Part::Var(Var::Path)]
        }
        Flavor::Cli => vec![lit(format!("{}: error: {phrase} {class} ", rng.pick(TOOLS))), Part::Var(Var::Name)],
        Flavor::Server => vec![
            lit("[error] ".into()),
            Part::Var(Var::Number),
            lit(format!("#0: {phrase} while connecting to upstream {module}, client: ")),
            Part::Var(Var::HostPort),
        ],
        Flavor::Prose => vec![lit(format!("{} in {class}", capitalised(phrase)))],
    }
}

fn part_regex(part: &Part, named: bool) -> String {
    match (part, named) {
        (Part::Lit(text), _) => regex::escape(text),
        (Part::Var(Var::Number), _) => r"\d+".into(),
        (Part::Var(Var::Name), false) => r"[\w.]+".into(),
        (Part::Var(Var::Name), true) => r"(?P<name>[\w.]+)".into(),
        (Part::Var(Var::Path), _) => r"(/[\w.-]+)+".into(),
        (Part::Var(Var::HostPort), false) => r"\d+\.\d+\.\d+\.\d+:\d+".into(),
        (Part::Var(Var::HostPort), true) => r"(?P<host>\d+\.\d+\.\d+\.\d+):(?P<port>\d+)".into(),
        (Part::Var(Var::Hex), _) => "0x[0-9a-f]+".into(),
        (Part::Var(Var::Quoted), _) => "'([^']+)'".into(),
    }
}

/// A value of a variable part.
fn value(var: Var, rng: &mut Rng) -> String {
    match var {
        Var::Number => rng.between(1, 99_999).to_string(),
        Var::Name => format!("{}.{}", ident(rng), ident(rng)),
        Var::Path => format!("/srv/{}/{}.{}", ident(rng), ident(rng), rng.pick(&["py", "json", "so", "log"])),
        Var::HostPort => format!(
            "10.{}.{}.{}:{}",
            rng.below(256),
            rng.below(256),
            rng.below(256),
            rng.pick(&["5432", "6379", "8080", "3306", "443", "9092"])
        ),
        Var::Hex => format!("0x{:x}", rng.next_u64() >> 20),
        Var::Quoted => format!("'{}'", ident(rng)),
    }
}
