//! `errkb diagnose [TEXT|-] [--json] [--limit N]`.

use std::io::{self, Read, Write};

use serde::Serialize;

use crate::diagnose::{Diagnoser, Match, CONFIDENT};
use crate::fix::workaround_command;
use crate::i18n::Lang;
use crate::kb::Kb;

use super::Outcome;

/// Bytes of stdin read at most; the diagnosis itself analyses a smaller part (see README).
const MAX_STDIN_BYTES: u64 = 64 << 20;

/// The text to diagnose: the argument, or stdin when it is absent or `-`. Invalid UTF-8 is
/// replaced, so offsets refer to the text as decoded.
pub fn read_text(text: Option<&str>) -> io::Result<String> {
    match text {
        Some(text) if text != "-" => Ok(text.to_string()),
        _ => {
            let mut bytes = Vec::new();
            io::stdin().take(MAX_STDIN_BYTES).read_to_end(&mut bytes)?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnosis<'a> {
    matches: Vec<JsonMatch<'a>>,
    truncated: bool,
    key_lines: Vec<JsonSpan<'a>>,
}

#[derive(Serialize)]
struct JsonMatch<'a> {
    id: &'a str,
    score: f64,
    confident: bool,
    signature: Option<&'a str>,
    domain: Option<&'a str>,
    matched: Vec<JsonSpan<'a>>,
    why: &'a str,
    workarounds: Vec<JsonWorkaround>,
}

#[derive(Serialize)]
struct JsonSpan<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct JsonWorkaround {
    command: Option<String>,
    filled_command: Option<String>,
    success_rate: Option<f64>,
}

/// Diagnoses `text` and prints the ranking.
pub fn run(kb: &Kb, text: &str, json: bool, limit: usize, lang: Lang, out: &mut dyn Write) -> io::Result<Outcome> {
    let diagnosis = Diagnoser::new(kb).diagnose(kb, text, limit);
    let span =
        |r: &std::ops::Range<usize>| JsonSpan { start: r.start, end: r.end, text: text.get(r.clone()).unwrap_or("") };
    if json {
        let report = JsonDiagnosis {
            matches: diagnosis.matches.iter().map(|m| json_match(kb, m, &span)).collect::<io::Result<_>>()?,
            truncated: diagnosis.truncated,
            key_lines: diagnosis.key_lines.iter().map(span).collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        if diagnosis.truncated {
            writeln!(out, "(the input was long: only its first 64 KiB and last 192 KiB were analysed)")?;
        }
        for (rank, m) in diagnosis.matches.iter().enumerate() {
            human_match(kb, rank + 1, m, text, lang, out)?;
        }
        if diagnosis.matches.is_empty() {
            writeln!(out, "No record matches this error.")?;
        }
    }
    let confident = diagnosis.matches.first().is_some_and(|m| m.score >= CONFIDENT);
    Ok(if confident { Outcome::Found } else { Outcome::NotFound })
}

fn json_match<'a>(
    kb: &'a Kb,
    m: &'a Match,
    span: &dyn Fn(&std::ops::Range<usize>) -> JsonSpan<'a>,
) -> io::Result<JsonMatch<'a>> {
    let record = &kb.records()[m.index];
    Ok(JsonMatch {
        id: &record.id,
        score: (m.score as f64 * 1000.0).round() / 1000.0,
        confident: m.score >= CONFIDENT,
        signature: record.signature.as_deref(),
        domain: record.domain.as_deref(),
        matched: m.matched.iter().map(span).collect(),
        why: &m.why,
        workarounds: record
            .details()
            .map_err(io::Error::other)?
            .workarounds
            .iter()
            .map(|w| {
                let command = workaround_command(w);
                let filled_command = command.as_deref().and_then(|c| m.fill.apply(c));
                JsonWorkaround { command, filled_command, success_rate: w.success_rate }
            })
            .collect(),
    })
}

fn human_match(kb: &Kb, rank: usize, m: &Match, text: &str, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let record = &kb.records()[m.index];
    let confidence = if m.score >= CONFIDENT { "" } else { "  (not confident)" };
    writeln!(out, "{rank}. {}  score {:.2}{confidence}", record.id, m.score)?;
    if let Some(signature) = record.signature_in(lang) {
        writeln!(out, "   {}", signature.text)?;
    }
    for span in &m.matched {
        writeln!(out, "   matched: {:?} (bytes {}..{})", text.get(span.clone()).unwrap_or(""), span.start, span.end)?;
    }
    writeln!(out, "   why: {}", m.why)?;
    let details = record.details().map_err(io::Error::other)?;
    if let Some(command) = details.workarounds.first().and_then(workaround_command) {
        match m.fill.apply(&command) {
            Some(filled) => writeln!(out, "   fix: {}   (filled from your error)", indent(&filled))?,
            None => writeln!(out, "   fix: {}", indent(&command))?,
        }
    }
    Ok(())
}

/// A multi-line command with its later lines under the first one.
fn indent(command: &str) -> String {
    command.replace('\n', "\n        ")
}
