//! Evaluation of diagnosis on the labelled set of real errors in `tests/diagnosis/`: errkb's
//! ranking and a baseline that re-implements the public deadends lookup's documented ranking,
//! on the same KB and cases. Shared by the quality test and the `diagnosis` bench.

#![allow(dead_code)]

pub mod baseline;
pub mod metrics;

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// One labelled case of `tests/diagnosis/cases.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub name: String,
    pub file: String,
    pub domain: String,
    #[serde(default)]
    pub synthetic: bool,
    #[serde(default)]
    pub negative: bool,
    /// Acceptable ids in the deadends corpus, best first.
    #[serde(default)]
    pub deadends: Vec<String>,
    /// Acceptable ids in the built-in KB, best first.
    #[serde(default)]
    pub builtin: Vec<String>,
    #[serde(skip)]
    pub text: String,
}

/// Which labels of a case to score against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labels {
    Deadends,
    Builtin,
}

impl Case {
    /// The acceptable ids for `labels`; empty means no record of that KB covers the case.
    pub fn acceptable(&self, labels: Labels) -> &[String] {
        match labels {
            Labels::Deadends if self.negative => &[],
            Labels::Deadends => &self.deadends,
            Labels::Builtin => &self.builtin,
        }
    }
}

/// The folder of the labelled set.
pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnosis")
}

/// Every case of the manifest, with its text read.
pub fn load_cases() -> Vec<Case> {
    let dir = cases_dir();
    let manifest = std::fs::read_to_string(dir.join("cases.json")).expect("tests/diagnosis/cases.json is readable");
    let mut cases: Vec<Case> = serde_json::from_str(&manifest).expect("cases.json is valid");
    for case in &mut cases {
        let bytes = std::fs::read(dir.join(&case.file)).unwrap_or_else(|e| panic!("{}: {e}", case.file));
        case.text = String::from_utf8_lossy(&bytes).into_owned();
    }
    cases
}

/// The deadends corpus next to the project, when present.
pub fn corpus_canons() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/deadends/canons");
    path.is_dir().then_some(path)
}
