//! Finding the command to copy in a workaround's prose: a backtick span, the code after
//! "run:" (or any final colon), a line that starts with a known program; when there is none,
//! the whole text is the command. Commands are only copied or printed, never executed.

use crate::kb::Workaround;

/// Programs whose name at the start of a text marks it as a command.
const PROGRAMS: &[&str] = &[
    "apt",
    "apt-get",
    "brew",
    "bundle",
    "cargo",
    "cat",
    "cd",
    "chmod",
    "chown",
    "cmake",
    "conda",
    "cp",
    "createdb",
    "createuser",
    "curl",
    "df",
    "dnf",
    "docker",
    "docker-compose",
    "du",
    "echo",
    "export",
    "find",
    "gcc",
    "git",
    "go",
    "gradle",
    "grep",
    "helm",
    "java",
    "javac",
    "journalctl",
    "kill",
    "kubectl",
    "ln",
    "ls",
    "lsof",
    "make",
    "mkdir",
    "mv",
    "mvn",
    "mysql",
    "mysqladmin",
    "nginx",
    "node",
    "npm",
    "npx",
    "nvidia-smi",
    "openssl",
    "pg_ctl",
    "pip",
    "pip3",
    "pipx",
    "pkill",
    "pnpm",
    "ps",
    "psql",
    "python",
    "python3",
    "redis-cli",
    "rm",
    "rustc",
    "rustup",
    "scp",
    "sed",
    "service",
    "set",
    "source",
    "ss",
    "ssh",
    "ssh-add",
    "ssh-keygen",
    "sudo",
    "sysctl",
    "systemctl",
    "tar",
    "terraform",
    "touch",
    "tsc",
    "ulimit",
    "unset",
    "update-ca-certificates",
    "uv",
    "wget",
    "yarn",
];

/// The command of a workaround: extracted from `how` (or `action`), else the whole text.
pub fn workaround_command(workaround: &Workaround) -> Option<String> {
    let sources = [workaround.how.as_deref(), workaround.action.as_deref()];
    let found = sources.iter().flatten().find_map(|text| extract_command(text));
    found.or_else(|| workaround.text().map(str::to_string))
}

/// The command inside `prose`, if one can be told apart from the prose.
pub fn extract_command(prose: &str) -> Option<String> {
    backtick_command(prose).or_else(|| after_colon(prose)).or_else(|| command_line(prose))
}

fn backtick_command(prose: &str) -> Option<String> {
    let spans: Vec<&str> = if let Some(block) = fenced_block(prose) {
        vec![block]
    } else {
        prose.split('`').skip(1).step_by(2).map(str::trim).filter(|s| !s.is_empty()).collect()
    };
    if spans.is_empty() {
        return None;
    }
    let commands: Vec<&str> = spans.iter().copied().filter(|s| starts_with_program(s)).collect();
    match commands.as_slice() {
        [] => spans
            .iter()
            .copied()
            .filter(|s| s.contains(' '))
            .max_by_key(|s| s.len())
            .or(spans.first().copied())
            .map(str::to_string),
        commands => Some(commands.join("\n")),
    }
}

fn fenced_block(prose: &str) -> Option<&str> {
    let start = prose.find("```")?;
    let rest = &prose[start + 3..];
    let body_start = rest.find('\n').map_or(0, |i| i + 1);
    let end = rest[body_start..].find("```")?;
    Some(rest[body_start..body_start + end].trim())
}

fn after_colon(prose: &str) -> Option<String> {
    let at = prose.rfind(": ")?;
    let tail = prose[at + 2..].trim();
    if !(starts_with_program(tail) || looks_like_code(tail)) {
        return None;
    }
    // Trailing prose after the code: "rc.x = rc.y() to force a re-fetch."
    let cut = [") to ", ") so ", ") and then "].iter().filter_map(|m| tail.find(m).map(|i| i + 1)).min();
    let tail = cut.map_or(tail, |i| &tail[..i]);
    Some(tail.trim_end_matches('.').trim().to_string())
}

fn command_line(prose: &str) -> Option<String> {
    prose.lines().map(str::trim).find(|line| starts_with_program(line)).map(str::to_string)
}

fn starts_with_program(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let first = first.trim_start_matches("$ ");
    PROGRAMS.contains(&first) && text.split_whitespace().count() >= 2
}

fn looks_like_code(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let keyword = ["from", "import", "export", "const", "let", "var", "def"].contains(&first);
    let calls = text.contains("()") || text.contains("(") && text.contains(')') && text.contains('=');
    keyword && text.split_whitespace().count() >= 2 || calls
}

/// Why a command deserves a warning before it is run, if it looks destructive.
pub fn destructive_reason(command: &str) -> Option<&'static str> {
    let lower = command.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    if lower.contains("rm -rf") || lower.contains("rm -fr") || (has("rm") && has("-r")) {
        Some("deletes files recursively")
    } else if lower.contains("drop ")
        || lower.contains("truncate ")
        || lower.contains("flushall")
        || lower.contains("flushdb")
    {
        Some("deletes data")
    } else if has("--force")
        || has("-f") && (has("push") || has("reset"))
        || lower.contains("push -f")
        || lower.contains("reset --hard")
    {
        Some("forces an overwrite")
    } else if lower.contains("kubectl delete") || lower.contains("docker system prune") || lower.contains(" prune") {
        Some("deletes resources")
    } else if has("sudo") {
        Some("runs as root")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_command_in_prose() {
        assert_eq!(
            extract_command("Install it: `python3 -m pip install numpy`").as_deref(),
            Some("python3 -m pip install numpy")
        );
        assert_eq!(
            extract_command("Execute the command on the node specified in the MOVED error: redis-cli -h 192.168.1.10 -p 6379 GET mykey").as_deref(),
            Some("redis-cli -h 192.168.1.10 -p 6379 GET mykey")
        );
        assert_eq!(
            extract_command("Refresh the cluster slots map in the client: rc.cluster_slots = rc.cluster_slots() to force a re-fetch of slot assignments.").as_deref(),
            Some("rc.cluster_slots = rc.cluster_slots()")
        );
        assert_eq!(extract_command("Restart\ngit stash pop\nthen retry").as_deref(), Some("git stash pop"));
        assert_eq!(extract_command("Just wait a minute and try again."), None);
        assert_eq!(
            extract_command("Set `maxmemory` with `redis-cli CONFIG SET maxmemory 2gb`").as_deref(),
            Some("redis-cli CONFIG SET maxmemory 2gb")
        );
    }

    #[test]
    fn flags_destructive_commands() {
        assert!(destructive_reason("rm -rf node_modules").is_some());
        assert!(destructive_reason("git push --force origin main").is_some());
        assert!(destructive_reason("psql -c 'DROP TABLE users'").is_some());
        assert!(destructive_reason("sudo systemctl restart nginx").is_some());
        assert!(destructive_reason("pip install numpy").is_none());
    }
}
