//! Runs `tests/e2e_tmux.sh` on the binary cargo built for the tests: the real browser in a
//! real terminal (tmux). Skips, saying so, when tmux is not installed.

use std::process::Command;

#[test]
fn the_browser_works_in_a_real_terminal() {
    let tmux = Command::new("tmux").arg("-V").output();
    if !tmux.is_ok_and(|out| out.status.success()) {
        println!("SKIPPED: tmux is not installed; the end-to-end TUI test did not run (`.ci/run` installs it)");
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e_tmux.sh");
    let output = Command::new("bash").arg(script).arg(env!("CARGO_BIN_EXE_errkb")).output().expect("running bash");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "the tmux end-to-end test failed:\n{stdout}\n{stderr}");
}
