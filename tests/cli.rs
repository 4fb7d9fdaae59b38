//! The CLI as a user runs it: the real binary on the built-in KB and on fixture KBs, one
//! defect per fixture.

mod util;

use util::{errkb, json, record, run, run_command, Fixture};

const REFERENCE_ID: &str = "database/redis-cluster-moved-redirect";
const REFERENCE: &str = include_str!("../seeds/000_0b27752a591ec418.txt");

#[test]
fn show_json_prints_the_reference_record_as_stored() {
    let out = run(&["show", REFERENCE_ID, "--json"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim_end(), REFERENCE.trim_end());
}

#[test]
fn show_renders_every_section_in_chinese() {
    let out = run(&["show", REFERENCE_ID, "--lang", "zh"], b"");
    assert_eq!(out.code, 0);
    for label in [
        "## 根本原因",
        "## 解决方法",
        "## 无效做法",
        "Redis集群客户端",
        "（英文：无中文内容）",
        "$ redis-cli -h 192.168.1.10 -p 6379 GET mykey",
    ] {
        assert!(out.stdout.contains(label), "missing {label:?} in\n{}", out.stdout);
    }
}

#[test]
fn show_unknown_id_exits_1_and_suggests() {
    let out = run(&["show", "database/redis-cluster-moved"], b"");
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("no record has the id"));
}

#[test]
fn diagnose_ranks_the_moved_record_first_from_stdin() {
    let out = run(&["diagnose", "--json"], b"redis.exceptions.ResponseError: MOVED 3999 10.0.0.7:7001\n");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = json(&out);
    let best = &report["matches"][0];
    assert_eq!(best["id"], REFERENCE_ID);
    assert!(best["score"].as_f64().unwrap() >= 0.5);
    assert_eq!(best["matched"][0]["text"], "MOVED 3999 10.0.0.7:7001");
    assert_eq!(best["matched"][0]["start"], 32);
    assert_eq!(best["workarounds"][1]["filled_command"], "redis-cli -h 10.0.0.7 -p 7001 GET mykey");
}

#[test]
fn diagnose_without_a_confident_match_exits_1() {
    let fixture = Fixture::new();
    fixture.write("a.json", record("tool/boom", "boom: the widget exploded", r"widget exploded"));
    let out = run(&["--kb", &fixture.arg(), "diagnose", "the weather is lovely today"], b"");
    assert_eq!(out.code, 1, "{}", out.stdout);
}

#[test]
fn diagnose_huge_and_binary_input_returns() {
    let mut input: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    input.extend_from_slice(b"\nredis.exceptions.ResponseError: MOVED 1 10.0.0.1:7000\n");
    let out = run(&["diagnose", "--json", "-"], &input);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = json(&out);
    assert_eq!(report["truncated"], true);
    assert_eq!(report["matches"][0]["id"], REFERENCE_ID);
}

#[test]
fn search_uses_the_query_syntax_and_reports_bad_regex() {
    let out = run(&["search", "moved", "--json"], b"");
    assert_eq!(out.code, 0);
    let report = json(&out);
    assert_eq!(report["results"][0]["id"], REFERENCE_ID);
    assert!(!report["results"][0]["positions"]["signature"].as_array().unwrap().is_empty());
    let bad = run(&["search", "/(unclosed/"], b"");
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("invalid term `/(unclosed/`"), "{}", bad.stderr);
    assert_eq!(run(&["search", "zzqqxxjj", "'nothing-like-this"], b"").code, 1);
}

#[test]
fn kb_option_works_after_the_subcommand_and_from_the_environment() {
    let fixture = Fixture::new();
    fixture.write("a.json", record("tool/boom", "boom: the widget exploded", r"widget exploded"));
    let after = run(&["stats", "--json", "--kb", &fixture.arg()], b"");
    assert_eq!(json(&after)["records"], 1);
    let env =
        run_command(errkb().env("ERRKB_PATH", format!("{}:builtin", fixture.arg())).args(["stats", "--json"]), b"");
    assert!(json(&env)["records"].as_u64().unwrap() >= 2);
    let both = run(&["--kb", &fixture.arg(), "--kb", "builtin", "show", "tool/boom"], b"");
    assert_eq!(both.code, 0);
}

#[test]
fn a_broken_file_is_named_with_line_and_column_and_the_rest_loads() {
    let fixture = Fixture::new();
    fixture.write("good1.json", record("tool/one", "one failed", "one failed"));
    fixture.write("sub/good2.txt", record("tool/two", "two failed", "two failed"));
    fixture.write("broken.json", "{\n  \"id\": \"tool/three\",\n  \"signature\": oops\n}\n");
    let out = run(&["--kb", &fixture.arg(), "stats", "--json"], b"");
    let stats = json(&out);
    assert_eq!((stats["records"].as_u64(), stats["load_errors"].as_u64()), (Some(2), Some(1)));
    let validate = run(&["validate", &fixture.arg()], b"");
    assert_eq!(validate.code, 1);
    assert!(validate.stdout.contains("broken.json:3:16: error: invalid JSON"), "{}", validate.stdout);
}

#[test]
fn each_defect_is_reported_and_nothing_else_is_lost() {
    let good = record("tool/good", "good failed", "good failed");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bom.json", [b"\xEF\xBB\xBF".as_slice(), good.as_bytes()].concat(), "byte-order mark"),
        ("utf8.json", b"{\"id\":\"tool/u\",\"signature\":\"bad \xC3\x28\"}".to_vec(), "invalid UTF-8"),
        ("noid.json", b"{\"signature\":\"x\"}".to_vec(), "no `id`"),
        ("type.json", b"{\"id\":\"tool/t\",\"confidence\":\"high\"}".to_vec(), "field `confidence`"),
        ("empty.json", b"\n".to_vec(), "empty file"),
        ("scalar.json", b"42".to_vec(), "expected a JSON object"),
        (
            "lines.jsonl",
            format!("{good}\n{{\"id\": \n{}\n", record("tool/l3", "l3 failed", "l3 failed")).into_bytes(),
            "lines.jsonl:2:",
        ),
    ];
    for (name, bytes, expected) in cases {
        let fixture = Fixture::new();
        fixture.write("keep.json", record("tool/keep", "keep failed", "keep failed"));
        fixture.write(name, &bytes);
        let out = run(&["validate", &fixture.arg()], b"");
        assert!(out.stdout.contains(expected), "{name}: expected {expected:?} in\n{}", out.stdout);
        let shown = run(&["--kb", &fixture.arg(), "show", "tool/keep"], b"");
        assert_eq!(shown.code, 0, "{name}: the good file must still load");
    }
}

#[test]
fn duplicate_ids_keep_both_and_say_where() {
    let fixture = Fixture::new();
    fixture.write("a.json", record("tool/dup", "first failed", "first failed"));
    fixture.write("b.json", record("tool/dup", "second failed", "second failed"));
    let out = run(&["--kb", &fixture.arg(), "show", "tool/dup"], b"");
    assert!(out.stdout.contains("first failed"));
    assert!(out.stderr.contains("b.json") && out.stderr.contains("also defined"), "{}", out.stderr);
    let found = run(&["--kb", &fixture.arg(), "search", "'second"], b"");
    assert!(found.stdout.contains("tool/dup"), "the duplicate stays searchable");
}

#[test]
fn nested_deadends_records_map_to_the_model() {
    let fixture = Fixture::new();
    let nested = serde_json::json!({
        "id": "python/thing/py311",
        "error": {"signature": "ThingError: it broke", "regex": "ThingError: it broke", "domain": "python"},
        "environment": {"runtime": {"name": "python", "version_range": ">=3.11"}, "os": "linux"},
        "verdict": {"resolvable": true, "fix_success_rate": 0.8, "summary": "The thing broke."},
        "dead_ends": [{"action": "Retry", "why_fails": "Same input", "fail_rate": 0.9, "common_misconception": "It is flaky"}],
        "workarounds": [{"action": "Fix the thing", "success_rate": 0.8}],
        "transition_graph": {"leads_to": [{"error_id": "python/other/py311", "probability": 0.3}]},
        "metadata": {"evidence_count": 7, "review_status": "human_reviewed"}
    });
    fixture.write("n.json", nested.to_string());
    let out = run(&["--kb", &fixture.arg(), "show", "python/thing/py311"], b"");
    for expected in [
        "The thing broke.",
        "python >=3.11 (linux)",
        "Evidence: 7",
        "human_reviewed",
        "common_misconception",
        "(not in this KB)",
    ] {
        assert!(out.stdout.contains(expected), "missing {expected:?} in\n{}", out.stdout);
    }
    let diagnosed = run(&["--kb", &fixture.arg(), "diagnose", "--json", "ThingError: it broke"], b"");
    assert_eq!(json(&diagnosed)["matches"][0]["id"], "python/thing/py311");
}

#[test]
fn lookaround_regex_works_and_a_broken_regex_leaves_the_record_browseable() {
    let fixture = Fixture::new();
    fixture.write("look.json", record("tool/look", "quota exceeded for bucket", r"quota exceeded(?! forever)"));
    fixture.write("bad.json", record("tool/bad", "bad thing", r"bad (thing"));
    let out = run(&["--kb", &fixture.arg(), "diagnose", "--json", "error: quota exceeded for bucket x"], b"");
    assert_eq!(json(&out)["matches"][0]["id"], "tool/look");
    assert_eq!(run(&["--kb", &fixture.arg(), "show", "tool/bad"], b"").code, 0);
    let validate = run(&["validate", &fixture.arg()], b"");
    assert!(validate.stdout.contains("tool/bad: `regex` does not compile"), "{}", validate.stdout);
    assert!(validate.stdout.contains("tool/look: `regex` needs lookaround"), "{}", validate.stdout);
}

#[test]
fn a_catastrophic_regex_cannot_hang_diagnosis() {
    let fixture = Fixture::new();
    fixture.write("evil.json", record("tool/evil", "aaaa", r"(a+)+\1b"));
    let input = format!("{}c", "a".repeat(100_000));
    let started = std::time::Instant::now();
    let out = run(&["--kb", &fixture.arg(), "diagnose", "--json", "-"], input.as_bytes());
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    // Not a timing assertion on speed, only a guard against a hang.
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let fixture = Fixture::new();
    let many: Vec<String> =
        (0..3000).map(|i| record(&format!("tool/r{i}"), &format!("failure number {i}"), "failure")).collect();
    fixture.write("many.jsonl", many.join("\n"));
    let mut child = errkb()
        .args(["--kb", &fixture.arg(), "search", "failure", "--limit", "3000"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["show"], b"").code, 2);
    assert_eq!(run(&["--lang", "fr", "stats"], b"").code, 2);
    assert_eq!(run(&["--kb", "/nonexistent/kb", "stats", "--json"], b"").code, 1);
}

#[test]
fn the_builtin_kb_validates_without_errors() {
    let out = run(&["validate", "seeds"], b"");
    assert_eq!(out.code, 0, "{}", out.stdout);
}
