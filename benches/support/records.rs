//! Whole synthetic records as JSON, in both shapes a KB may hold (the flat native format,
//! with Chinese fields on some records, and the nested deadends format), and KBs of them
//! written as JSON Lines shards to a folder, generated once and reused.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::rng::Rng;
use super::spec::{ident, Spec};
use super::vocab::{TOOLS, WORDS};

/// Records per JSONL file in the sharded layout: KB files over 256 MB are refused.
pub const SHARD: usize = 25_000;
/// Bumped whenever the generator's output changes, so stale KBs are regenerated.
pub const VERSION: &str = "synth-v2";

/// How a KB's records are laid out on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// JSON Lines files of [`SHARD`] records: how a large KB is shipped.
    Jsonl,
    /// One `.json` file per record in folders of 1,000, like a KB kept in version control.
    Files,
}

/// The JSON text (one line) of record `index` of the KB of `seed` with `size` records.
pub fn record_json(seed: u64, index: usize, size: usize) -> String {
    let spec = Spec::new(seed, index);
    let mut rng = Rng::stream(seed ^ 0xD0C5, index as u64);
    let value = if rng.chance(0.4) { nested(&spec, &mut rng, seed, size) } else { native(&spec, &mut rng, seed, size) };
    value.to_string()
}

/// The folder holding the KB of `size` records in `layout` below `root`, written on first use.
pub fn ensure_kb(root: &Path, seed: u64, size: usize, layout: Layout) -> io::Result<PathBuf> {
    let dir = root.join(format!("synth-{size}-{layout:?}").to_lowercase());
    let marker = dir.join(".complete");
    let stamp = format!("{VERSION} seed={seed:#x} size={size}\n");
    if fs::read_to_string(&marker).is_ok_and(|s| s == stamp) {
        return Ok(dir);
    }
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    let per_chunk = if layout == Layout::Jsonl { SHARD } else { 1_000 };
    let chunks: Vec<usize> = (0..size.div_ceil(per_chunk)).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = chunks
            .chunks(chunks.len().div_ceil(2).max(1))
            .map(|mine| {
                let dir = &dir;
                scope.spawn(move || {
                    mine.iter().try_for_each(|&chunk| {
                        let records = chunk * per_chunk..((chunk + 1) * per_chunk).min(size);
                        write_chunk(dir, seed, chunk, records, size, layout)
                    })
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| w.join().expect("generator thread panicked"))
    })?;
    fs::write(marker, stamp)?;
    Ok(dir)
}

fn write_chunk(
    dir: &Path,
    seed: u64,
    chunk: usize,
    records: Range<usize>,
    size: usize,
    layout: Layout,
) -> io::Result<()> {
    if layout == Layout::Jsonl {
        let mut out = BufWriter::new(fs::File::create(dir.join(format!("part-{chunk:03}.jsonl")))?);
        for index in records {
            writeln!(out, "{}", record_json(seed, index, size))?;
        }
        return out.flush();
    }
    let folder = dir.join(format!("{chunk:04}"));
    fs::create_dir_all(&folder)?;
    for index in records {
        fs::write(folder.join(format!("{index:07}.json")), record_json(seed, index, size))?;
    }
    Ok(())
}

fn native(spec: &Spec, rng: &mut Rng, seed: u64, size: usize) -> Value {
    let chinese = rng.chance(0.4);
    let workarounds: Vec<Value> = (0..rng.between(2, 4)).map(|_| workaround(rng)).collect();
    let mut record = json!({
        "id": spec.id,
        "signature": spec.signature(),
        "regex": spec.regex(),
        "domain": spec.domain,
        "category": format!("{}_error", rng.pick(WORDS)),
        "subcategory": null,
        "root_cause": sentence(rng, 12, 30),
        "root_cause_type": rng.pick(&["generic", "config", "resource", "version"]),
        "versions": (0..rng.between(1, 3)).map(|_| version(rng)).collect::<Vec<_>>(),
        "os_specific": {},
        "dead_ends": (0..rng.between(2, 3)).map(|_| dead_end(rng)).collect::<Vec<_>>(),
        "workarounds": workarounds,
        "transition_graph": graph(rng, seed, size, false),
        "official_doc_url": format!("https://docs.example.org/{}/{}", spec.domain, ident(rng)),
        "official_doc_section": null,
        "error_code": if rng.chance(0.5) { json!(spec.code) } else { Value::Null },
        "verification_tier": rng.pick(&["ai_generated", "community", "verified"]),
        "confidence": rate(rng),
        "fix_success_rate": rate(rng),
        "resolvable": if rng.chance(0.5) { json!(true) } else { json!(*rng.pick(&["true", "partial", "false"])) },
        "first_seen": "2024-03-01",
        "last_confirmed": "2025-11-20",
        "last_updated": "2025-11-20",
        "evidence_count": rng.between(1, 40),
        "tags": tags(spec, rng),
        "aliases": spec.aliases(rng),
        "locale": "en",
    });
    if chinese {
        let count = workarounds_len(&record);
        record["signature_zh"] = json!(spec.signature_zh());
        record["root_cause_zh"] = json!(format!("{}：{}", spec.phrase_zh(), "配置或环境导致此错误。"));
        // As in real data, some "translations" are left in English.
        record["workarounds_zh"] = json!((0..count)
            .map(|i| if rng.chance(0.2) {
                format!("restart step {i}")
            } else {
                format!("第{i}步：检查配置后重试")
            })
            .collect::<Vec<_>>());
    }
    if rng.chance(0.1) {
        record["x_internal_ref"] = json!({ "ticket": rng.between(1000, 9999), "owner": ident(rng) });
    }
    record
}

fn workarounds_len(record: &Value) -> usize {
    record["workarounds"].as_array().map_or(0, Vec::len)
}

fn nested(spec: &Spec, rng: &mut Rng, seed: u64, size: usize) -> Value {
    json!({
        "schema_version": "1.0.0",
        "id": spec.id,
        "url": format!("https://kb.example.org/{}", spec.id),
        "error": {
            "signature": spec.signature(),
            "regex": spec.regex(),
            "domain": spec.domain,
            "category": format!("{}_error", rng.pick(WORDS)),
            "first_seen": "2024-05-02",
            "last_confirmed": "2025-10-09",
        },
        "environment": {
            "runtime": { "name": spec.domain, "version_range": format!(">={}.{}", rng.between(1, 9), rng.below(20)) },
            "os": rng.pick(&["linux", "macos", "windows", "any"]),
            "additional": { "arch": rng.pick(&["x86_64", "arm64"]) },
        },
        "verdict": {
            "resolvable": *rng.pick(&["true", "partial", "false"]),
            "fix_success_rate": rate(rng),
            "confidence": rate(rng),
            "last_updated": "2025-10-09",
            "summary": sentence(rng, 20, 45),
        },
        "dead_ends": (0..rng.between(2, 3)).map(|_| dead_end(rng)).collect::<Vec<_>>(),
        "workarounds": (0..rng.between(2, 4)).map(|_| workaround(rng)).collect::<Vec<_>>(),
        "transition_graph": graph(rng, seed, size, true),
        "metadata": {
            "generated_by": "synthetic",
            "generation_date": "2025-10-09",
            "review_status": rng.pick(&["human_reviewed", "auto"]),
            "evidence_count": rng.between(1, 40),
            "last_verification": "2025-10-09",
        },
    })
}

fn sentence(rng: &mut Rng, min: usize, max: usize) -> String {
    let words: Vec<&str> = (0..rng.between(min, max)).map(|_| *rng.pick(WORDS)).collect();
    let mut text = words.join(" ");
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text + "."
}

fn rate(rng: &mut Rng) -> f64 {
    rng.between(20, 99) as f64 / 100.0
}

fn version(rng: &mut Rng) -> Value {
    json!({ "version": format!("{} {}.{}", ident(rng), rng.between(1, 9), rng.below(10)), "introduced": null,
            "deprecated": null, "removed": null, "behavior_change": null, "status": "active" })
}

fn dead_end(rng: &mut Rng) -> Value {
    json!({ "action": sentence(rng, 8, 20), "why_fails": sentence(rng, 15, 35), "fail_rate": rate(rng),
            "condition": "", "sources": [format!("https://forum.example.org/t/{}", rng.between(1, 99_999))] })
}

fn workaround(rng: &mut Rng) -> Value {
    let command = format!("{} {} --{} {}", rng.pick(TOOLS), ident(rng), ident(rng), ident(rng));
    let action = format!("{} {command}", sentence(rng, 6, 16).trim_end_matches('.'));
    json!({ "action": action, "success_rate": rate(rng), "how": sentence(rng, 12, 28), "condition": "",
            "sources": [format!("https://docs.example.org/fix/{}", rng.between(1, 99_999))] })
}

fn tags(spec: &Spec, rng: &mut Rng) -> Vec<String> {
    let mut tags = vec![spec.domain.to_string()];
    let words: Vec<&str> = spec.phrase_en().split(' ').filter(|w| w.len() > 3).collect();
    for _ in 0..rng.between(0, 3) {
        if let Some(word) = words.get(rng.below(words.len().max(1))) {
            tags.push(word.to_string());
        }
    }
    tags.dedup();
    tags
}

/// Links to other records of the KB: id strings in native records, objects in nested ones.
fn graph(rng: &mut Rng, seed: u64, size: usize, objects: bool) -> Value {
    let link = |rng: &mut Rng| {
        let id = Spec::new(seed, rng.below(size)).id;
        if objects || rng.chance(0.5) {
            json!({ "error_id": id, "probability": rate(rng), "condition": sentence(rng, 5, 12) })
        } else {
            json!(id)
        }
    };
    let links = |max: usize, rng: &mut Rng| (0..rng.between(0, max)).map(|_| link(rng)).collect::<Vec<_>>();
    json!({ "leads_to": links(2, rng), "preceded_by": links(1, rng), "frequently_confused_with": links(1, rng) })
}
