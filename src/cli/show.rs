//! `errkb show ID [--json] [--lang en|zh]`.

use std::io::{self, Write};

use crate::detail::{detail, Block};
use crate::i18n::Lang;
use crate::kb::Kb;
use crate::search::{search_all, Query, SearchIndex};

use super::print::percent;
use super::Outcome;

/// Prints the record `id`: as stored with `json`, else laid out for reading.
pub fn run(kb: &Kb, id: &str, json: bool, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Outcome> {
    let Some(record) = kb.by_id(id) else {
        writeln!(err, "errkb: no record has the id `{id}`")?;
        let similar = Query::parse(&format!("'{}", id.rsplit('/').next().unwrap_or(id))).ok();
        if let Some(query) = similar {
            let index = SearchIndex::new(kb);
            for hit in search_all(&index, &query).iter().take(5) {
                writeln!(err, "  did you mean: {}", kb.records()[hit.index].id)?;
            }
        }
        return Ok(Outcome::NotFound);
    };
    for other in kb.all_with_id(id).skip(1) {
        writeln!(err, "errkb: note: `{id}` is also defined at {} (the first one is shown)", other.origin.location())?;
    }
    if json {
        return match record.origin.raw_json() {
            Ok(raw) => {
                writeln!(out, "{raw}")?;
                Ok(Outcome::Found)
            }
            Err(message) => {
                writeln!(err, "errkb: {message}")?;
                Ok(Outcome::NotFound)
            }
        };
    }
    writeln!(out, "{}", record.id)?;
    for section in detail(kb, record, lang, None).sections {
        writeln!(out, "\n## {}", section.title)?;
        for block in &section.blocks {
            print_block(block, lang, out)?;
        }
    }
    Ok(Outcome::Found)
}

fn print_block(block: &Block, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let labels = crate::i18n::labels::Labels::of(lang);
    let fallback = |f: bool| if f { format!(" {}", labels.english_fallback) } else { String::new() };
    match block {
        Block::Text { text, fallback: f } => writeln!(out, "{text}{}", fallback(*f)),
        Block::Field { label, value } => writeln!(out, "{label}: {value}"),
        Block::Rate { label, rate } => writeln!(out, "{label}: {}", percent(*rate)),
        Block::Table { header, rows } => {
            writeln!(out, "{}", header.join(" | "))?;
            rows.iter().try_for_each(|row| writeln!(out, "{}", row.join(" | ")))
        }
        Block::DeadEnd { action, why_fails, fail_rate, condition, sources } => {
            let rate = fail_rate.map(|r| format!(" ({} {})", labels.fails, percent(r))).unwrap_or_default();
            writeln!(out, "✗ {}: {action}{rate}", labels.dont)?;
            if let Some(why) = why_fails {
                writeln!(out, "    {}: {why}", labels.why_fails)?;
            }
            if let Some(condition) = condition {
                writeln!(out, "    {}: {condition}", labels.condition)?;
            }
            sources.iter().try_for_each(|s| writeln!(out, "    {}: {s}", labels.sources))
        }
        Block::Workaround(w) => {
            let rate = w.success_rate.map(|r| format!(" ({} {})", labels.works, percent(r))).unwrap_or_default();
            writeln!(out, "{}. {}{rate}{}", w.number, w.text, fallback(w.fallback))?;
            if let Some(condition) = &w.condition {
                writeln!(out, "    {}: {condition}", labels.condition)?;
            }
            if let Some(command) = w.filled_command.as_ref().or(w.command.as_ref()) {
                writeln!(out, "    $ {command}")?;
            }
            w.sources.iter().try_for_each(|s| writeln!(out, "    {}: {s}", labels.sources))
        }
        Block::Link { kind, id, resolved, note, probability } => {
            let missing = if *resolved { String::new() } else { format!(" ({})", labels.missing_link) };
            let p = probability.map(|p| format!(" [{}]", percent(p))).unwrap_or_default();
            let note = note.as_ref().map(|n| format!(": {n}")).unwrap_or_default();
            writeln!(out, "{kind} → {id}{missing}{p}{note}")
        }
    }
}
