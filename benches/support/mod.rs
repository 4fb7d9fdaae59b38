//! Synthetic knowledge bases for the benchmark (`benches/perf.rs`) and the equivalence
//! property tests (`tests/equivalence.rs`, which include this folder with `#[path]`).
//!
//! Everything is deterministic: a small splitmix64 generator ([`rng::Rng`]), a fixed seed, and
//! per-record streams (record `i` is generated from `seed ^ i`), so record `i` is the same at
//! every KB size and can be re-derived (e.g. to write a fresh trace of it) without storing it.
//! The vocabulary is written for this generator; no real KB text is copied.

pub mod records;
pub mod rng;
pub mod spec;
pub mod traces;
pub mod vocab;
