//! Time to the TUI's first frame: the release binary launched with no subcommand in a detached
//! tmux pane (120x35), polled with `capture-pane` until something is drawn. Peer: the same
//! launch of a shell that prints one line, i.e. the cost of tmux and of polling itself.
//! When the binary prints its help instead of opening a TUI, there is nothing to measure yet.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::cli::ERRKB;
use super::table::{Row, Samples, Target, Unit};
use super::Subject;

const PATIENCE: Duration = Duration::from_secs(20);

/// What a launch showed first.
enum Frame {
    /// Something was drawn after this long.
    Drawn(Duration),
    /// The binary printed its usage text: no TUI yet.
    NoTui,
}

/// The row of the subject, or `Err(why)` when there is no TUI to measure.
pub fn first_frame(subject: &Subject) -> Result<Row, String> {
    let (mut ours, mut theirs) = (Samples::default(), Samples::default());
    let command = format!("{ERRKB} --kb '{}'; sleep 30", subject.kb_arg());
    for _ in 0..subject.pick(7, 3) {
        match launch(&command)? {
            Frame::Drawn(elapsed) => ours.time(elapsed),
            Frame::NoTui => return Err("`errkb` with no subcommand prints its help: src/tui is not built yet".into()),
        }
        if let Frame::Drawn(elapsed) = launch("printf 'ready'; sleep 30")? {
            theirs.time(elapsed);
        }
    }
    Ok(Row {
        measure: "TUI first frame (tmux 120x35, capture-pane polling)".into(),
        kb: subject.name.clone(),
        unit: Unit::Ms,
        ours,
        peer: "tmux pane printing one line (launch + polling cost)".into(),
        theirs,
        target: Target::MedianUnder(subject.pick(50.0, 100.0)),
    })
}

fn launch(command: &str) -> Result<Frame, String> {
    // A private server (-L): other tmux users of the machine neither see nor disturb it.
    // One server per launch: a server still shutting down refuses a new session.
    static LAUNCHES: AtomicUsize = AtomicUsize::new(0);
    let socket = format!("errkb-bench-{}-{}", std::process::id(), LAUNCHES.fetch_add(1, Ordering::Relaxed));
    let session = "bench";
    let tmux = |args: &[&str]| Command::new("tmux").arg("-L").arg(&socket).args(args).output();
    let start = Instant::now();
    let started = tmux(&["new-session", "-d", "-x", "120", "-y", "35", "-s", session, command])
        .map_err(|err| format!("tmux is not available: {err}"))?;
    if !started.status.success() {
        return Err(format!("tmux could not start a session: {}", String::from_utf8_lossy(&started.stderr).trim()));
    }
    let capture = || {
        let output = tmux(&["capture-pane", "-p", "-t", session]);
        output.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default()
    };
    let frame = loop {
        if !capture().trim().is_empty() {
            let drawn = start.elapsed();
            // Help text may still be arriving: look again before deciding what was drawn.
            std::thread::sleep(Duration::from_millis(150));
            break if capture().contains("Usage: errkb") { Frame::NoTui } else { Frame::Drawn(drawn) };
        }
        if start.elapsed() > PATIENCE {
            let _ = tmux(&["kill-server"]);
            return Err(format!("nothing drawn within {PATIENCE:?}"));
        }
        std::thread::sleep(Duration::from_micros(500));
    };
    let _ = tmux(&["kill-server"]);
    Ok(frame)
}
