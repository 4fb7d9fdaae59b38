#!/usr/bin/env bash
# rustc / cargo errors, domain "rust". No registry dependencies (offline).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export CARGO_TARGET_DIR="$WORK/_cargo_target"
export CARGO_NET_OFFLINE=true
unset RUST_BACKTRACE

crate() { # name [edition]
    fresh "$1"
    mkdir -p src
    cat >Cargo.toml <<EOF
[package]
name = "$1"
version = "0.3.1"
edition = "${2:-2021}"

[dependencies]
EOF
}

c_multi_color() {
    crate ledger-import
    cat >src/main.rs <<'EOF'
use std::collections::HashMap;
use std::fmt::Write;

#[derive(Debug)]
struct Entry {
    account: String,
    cents: i64,
}

fn totals(entries: &Vec<Entry>) -> HashMap<String, i64> {
    let mut out = HashMap::new();
    for e in entries {
        *out.entry(e.account.clone()).or_insert(0) += e.cents;
    }
    out
}

fn main() {
    let mut entries = vec![
        Entry { account: "4000-sales".into(), cents: 129_900 },
        Entry { account: "1200-receivables".into(), cents: -129_900 },
    ];
    let first = &entries[0];
    entries.push(Entry { account: "8100-fx".into(), cents: 12 });
    println!("first: {:?}", first);

    let label = String::from("Q3-close");
    let archived = label;
    println!("closing {}", label);

    let count = entries.len();
    println!("{} entries {:?} {}", count, totals(&entries), archived);
}
EOF
    cargo build --color=always
}

c_e0308() {
    crate slugger
    cat >src/main.rs <<'EOF'
fn slug(title: &str) -> String {
    title.to_lowercase().replace(' ', "-")
}

fn main() {
    let t: &str = slug("Quarterly Close Report");
    println!("{t}");
}
EOF
    cargo build
}

c_e0599_trait() {
    crate csv-writer
    cat >src/main.rs <<'EOF'
use std::fs::File;

fn main() -> std::io::Result<()> {
    let mut f = File::create("/tmp/capture/work/csv-writer/out.csv")?;
    f.write_all(b"id,amount\n1,1999\n")?;
    Ok(())
}
EOF
    cargo build
}

c_e0425() {
    crate retry-loop
    cat >src/main.rs <<'EOF'
fn fetch(attempt: u32) -> Result<u32, String> {
    if attempt < 2 { Err(format!("timeout on attempt {attempt}")) } else { Ok(200) }
}

fn main() {
    for attempt in 0..5 {
        if let Ok(code) = fetch(attempt) {
            println!("ok {code}");
            break;
        }
    }
    println!("took {} attempts", attempt);
}
EOF
    cargo build
}

c_e0433() {
    crate event-dump
    cat >src/main.rs <<'EOF'
fn main() {
    let raw = r#"{"kind":"invoice.paid","id":"in_8812"}"#;
    let v: serde_json::Value = serde_json::from_str(raw).unwrap();
    println!("{}", v["kind"]);
}
EOF
    cargo build
}

c_e0106() {
    crate header-parse
    cat >src/main.rs <<'EOF'
fn longest_header(a: &str, b: &str) -> &str {
    if a.len() >= b.len() { a } else { b }
}

fn main() {
    println!("{}", longest_header("X-Request-Id", "Content-Type"));
}
EOF
    cargo build
}

c_e0499() {
    crate pool-borrow
    cat >src/main.rs <<'EOF'
struct Pool {
    conns: Vec<String>,
}

impl Pool {
    fn checkout(&mut self) -> &mut String {
        self.conns.last_mut().unwrap()
    }
}

fn main() {
    let mut pool = Pool { conns: vec!["db-a".into(), "db-b".into()] };
    let a = pool.checkout();
    let b = pool.checkout();
    a.push_str("-busy");
    b.push_str("-busy");
}
EOF
    cargo build
}

c_e0277_send() {
    crate metrics-thread
    cat >src/main.rs <<'EOF'
use std::rc::Rc;
use std::thread;

struct Registry {
    names: Vec<&'static str>,
}

fn main() {
    let reg = Rc::new(Registry { names: vec!["http_requests_total", "queue_depth"] });
    let worker = {
        let reg = Rc::clone(&reg);
        thread::spawn(move || {
            println!("exporting {} metrics", reg.names.len());
        })
    };
    worker.join().unwrap();
}
EOF
    cargo build
}

c_e0597() {
    crate tag-index
    cat >src/main.rs <<'EOF'
fn main() {
    let mut index: Vec<&str> = Vec::new();
    for batch in ["alpha,beta", "gamma"] {
        let owned = batch.to_uppercase();
        for tag in owned.split(',') {
            index.push(tag);
        }
    }
    println!("{:?}", index);
}
EOF
    cargo build
}

c_e0282() {
    crate ids-collect
    cat >src/main.rs <<'EOF'
fn main() {
    let raw = "17,42,108";
    let ids = raw.split(',').map(|s| s.trim().to_string()).collect();
    println!("{:?}", ids);
}
EOF
    cargo build
}

c_panic_backtrace() {
    crate job-runner
    cat >src/main.rs <<'EOF'
use std::sync::mpsc;
use std::thread;

fn spawn_worker(tx: mpsc::Sender<u64>, jobs: Vec<u64>) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        for j in jobs {
            if j == 3 {
                return; // worker bails out early and drops tx
            }
            tx.send(j * 10).unwrap();
        }
    })
}

fn collect(rx: &mpsc::Receiver<u64>, expected: usize) -> Vec<u64> {
    (0..expected).map(|_| rx.recv().unwrap()).collect()
}

fn main() {
    let (tx, rx) = mpsc::channel();
    let h = spawn_worker(tx, vec![1, 2, 3, 4]);
    let results = collect(&rx, 4);
    h.join().unwrap();
    println!("{results:?}");
}
EOF
    cargo build -q 2>/dev/null
    RUST_BACKTRACE=1 cargo run -q
}

c_feature_missing() {
    fresh settlement
    cargo new -q --lib --vcs none crates/fx-core
    mkdir -p src
    cat >Cargo.toml <<'EOF'
[package]
name = "settlement"
version = "0.8.0"
edition = "2021"

[dependencies]
fx-core = { path = "crates/fx-core", features = ["decimal128"] }
EOF
    echo 'fn main() {}' >src/main.rs
    cargo build
}

c_e0061() {
    crate notifier
    cat >src/main.rs <<'EOF'
fn send_alert(channel: &str, severity: u8, text: &str) {
    println!("[{channel}] sev{severity}: {text}");
}

fn main() {
    send_alert("#ops-payments", "settlement batch 2291 stuck");
}
EOF
    cargo build
}

c_neg_custom() {
    crate pipeline-cfg
    mkdir -p conf
    printf '[stage.extract]\nretries_max = 3\n' >conf/pipeline.ini
    cat >src/main.rs <<'EOF'
use std::fmt;

#[derive(Debug)]
enum ManifestError {
    UnknownKey { section: String, key: String, line: usize },
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ManifestError::UnknownKey { section, key, line } => {
                write!(f, "conf/pipeline.ini:{line}: unknown key `{key}` in [{section}] (known: retries, backoff_ms, timeout_s)")
            }
        }
    }
}
impl std::error::Error for ManifestError {}

fn load(text: &str) -> Result<(), ManifestError> {
    let mut section = String::new();
    for (i, l) in text.lines().enumerate() {
        if l.starts_with('[') { section = l.trim_matches(|c| c == '[' || c == ']').to_string(); continue; }
        let key = l.split('=').next().unwrap().trim();
        if !["retries", "backoff_ms", "timeout_s"].contains(&key) {
            return Err(ManifestError::UnknownKey { section: section.clone(), key: key.into(), line: i + 1 });
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string("conf/pipeline.ini")?;
    load(&text)?;
    Ok(())
}
EOF
    cargo build -q 2>/dev/null
    cargo run -q
}

c_neg_manifest() {
    fresh geo-fence
    mkdir -p src
    echo 'fn main() {}' >src/main.rs
    cat >Cargo.toml <<'EOF'
[package]
name = "geo-fence"
version = "0.2.0"
edition = "2021"

[dependencies]
geo-types = "0.7"

[dependencies]
rstar = "0.12"
EOF
    cargo build
}

cap rust rust-multi-errors-color c_multi_color
cap rust rust-e0308-string-vs-str c_e0308
cap rust rust-e0599-write-all-trait-scope c_e0599_trait
cap rust rust-e0425-loop-variable-scope c_e0425
cap rust rust-e0433-serde-json-not-dependency c_e0433
cap rust rust-e0106-missing-lifetime c_e0106
cap rust rust-e0499-two-mutable-borrows c_e0499
cap rust rust-e0277-rc-not-send c_e0277_send
cap rust rust-e0597-does-not-live-long-enough c_e0597
cap rust rust-e0283-collect-annotations c_e0282
cap rust rust-panic-recv-error-backtrace c_panic_backtrace
cap rust rust-cargo-feature-not-found c_feature_missing
cap rust rust-e0061-wrong-arg-count c_e0061
cap rust rust-neg-custom-manifest-error c_neg_custom
cap rust rust-neg-duplicate-manifest-key c_neg_manifest
