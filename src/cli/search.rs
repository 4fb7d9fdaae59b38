//! `errkb search QUERY [--json] [--limit N]`.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::kb::Kb;
use crate::search::{search_all, Field, Query, SearchIndex};

use super::{CliError, Outcome};

#[derive(Serialize)]
struct JsonSearch<'a> {
    query: &'a str,
    total: usize,
    results: Vec<JsonResult<'a>>,
}

#[derive(Serialize)]
struct JsonResult<'a> {
    id: &'a str,
    score: i64,
    signature: Option<&'a str>,
    domain: Option<&'a str>,
    /// Field name -> matched character positions.
    positions: BTreeMap<String, Vec<usize>>,
}

/// Filters the KB with `query` and prints the results.
pub fn run(kb: &Kb, query: &str, json: bool, limit: usize, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let parsed = Query::parse(query).map_err(|error| CliError::Usage(error.to_string()))?;
    let index = SearchIndex::new(kb);
    let hits = search_all(&index, &parsed);
    let shown = &hits[..hits.len().min(limit)];
    if json {
        let results = shown
            .iter()
            .map(|hit| {
                let record = &kb.records()[hit.index];
                let positions = index
                    .highlight(hit.index, &parsed)
                    .into_iter()
                    .map(|m| (field_name(m.field), m.positions))
                    .collect();
                JsonResult {
                    id: &record.id,
                    score: hit.score,
                    signature: record.signature.as_deref(),
                    domain: record.domain.as_deref(),
                    positions,
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &JsonSearch { query, total: hits.len(), results })
            .map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        for hit in shown {
            let record = &kb.records()[hit.index];
            writeln!(out, "{}\t{}", record.id, record.signature.as_deref().unwrap_or(""))?;
        }
    }
    Ok(if hits.is_empty() { Outcome::NotFound } else { Outcome::Found })
}

/// The JSON name of a searched field.
fn field_name(field: Field) -> String {
    match field {
        Field::Id => "id".into(),
        Field::Signature => "signature".into(),
        Field::SignatureZh => "signature_zh".into(),
        Field::Alias(i) => format!("aliases[{i}]"),
        Field::Tag(i) => format!("tags[{i}]"),
        Field::Domain => "domain".into(),
        Field::ErrorCode => "error_code".into(),
    }
}
