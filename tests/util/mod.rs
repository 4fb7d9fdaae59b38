//! Helpers for the CLI tests: run the real `errkb` binary on fixture KBs the tests write.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// The `errkb` binary with a clean environment (no ERRKB_PATH, English locale).
pub fn errkb() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_errkb"));
    command.env_remove("ERRKB_PATH").env("LANG", "C.UTF-8").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    command
}

/// Runs `errkb ARGS` with `stdin` as its input.
pub fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_command(errkb().args(args), stdin)
}

/// Runs a prepared command with `stdin` as its input.
pub fn run_command(command: &mut Command, stdin: &[u8]) -> Run {
    let mut child =
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("errkb runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("errkb finishes");
    let _ = writer.join();
    output.into()
}

/// A temporary folder for fixture files.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture { dir: tempfile::tempdir().expect("a temp dir") }
    }

    /// Writes `contents` to `name` (creating folders) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folders");
        }
        std::fs::write(&path, contents).expect("fixture written");
        path
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn arg(&self) -> String {
        self.dir.path().display().to_string()
    }
}

/// A small valid native record.
pub fn record(id: &str, signature: &str, regex: &str) -> String {
    serde_json::json!({
        "id": id,
        "signature": signature,
        "regex": regex,
        "domain": id.split('/').next().unwrap_or(""),
        "root_cause": "Because.",
        "workarounds": [{"action": "Run it", "how": "`fix-it --now`", "success_rate": 0.9}]
    })
    .to_string()
}

/// The shared corpus, when it is present next to the project.
pub fn corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/deadends");
    path.join("canons").is_dir().then_some(path)
}

/// Parses stdout as JSON.
pub fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", run.stdout))
}
