//! Opening a doc URL with the system opener (`xdg-open`, `open`), detached: the UI never waits
//! for it. Only http(s) URLs are opened, so KB text cannot make errkb run a local file.

use std::process::{Command, Stdio};

/// Starts the system opener on `url` and returns at once.
pub fn open(url: &str) -> Result<(), String> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err("not an http(s) URL".into());
    }
    let program = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let mut command = Command::new(program);
    // Its own process group: a text-mode browser must not fight errkb for the terminal.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{program}: {e}"))?;
    // Reap it in the background, so it neither blocks the UI nor lingers as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}
