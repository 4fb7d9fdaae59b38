//! The terminal's lifecycle, in one place: entering (raw mode, alternate screen, bracketed
//! paste, mouse capture), and restoring exactly that on every exit path: quit, error, panic
//! (a panic hook), signals, and around Ctrl-z. The TUI draws on /dev/tty (stderr when there is
//! none), never on stdout, so `cmd=$(errkb --print)` captures only the printed command.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};

/// Whether errkb has the terminal in its state now (so restoring is needed).
static ENTERED: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture was turned on.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Where the TUI draws: the controlling terminal, or stderr.
pub enum Tty {
    Device(File),
    Stderr(io::Stderr),
}

impl Write for Tty {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Tty::Device(file) => file.write(buf),
            Tty::Stderr(err) => err.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Tty::Device(file) => file.flush(),
            Tty::Stderr(err) => err.flush(),
        }
    }
}

/// Opens the terminal to draw on.
pub fn open() -> io::Result<Tty> {
    match OpenOptions::new().read(true).write(true).open("/dev/tty") {
        Ok(file) => Ok(Tty::Device(file)),
        Err(_) if io::IsTerminal::is_terminal(&io::stderr()) => Ok(Tty::Stderr(io::stderr())),
        Err(err) => Err(io::Error::new(err.kind(), format!("the browser needs a terminal (/dev/tty: {err})"))),
    }
}

/// Puts the terminal in the TUI's state.
pub fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    MOUSE.store(mouse, Ordering::SeqCst);
    let mut out = open()?;
    execute!(out, EnterAlternateScreen, EnableBracketedPaste, cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Undoes [`enter`]; safe to call more than once and from a panic hook.
pub fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    if let Ok(mut out) = open() {
        if MOUSE.load(Ordering::SeqCst) {
            let _ = execute!(out, DisableMouseCapture);
        }
        let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    }
    let _ = terminal::disable_raw_mode();
}

/// Restores the terminal before the default panic message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Ctrl-z: gives the terminal back, stops the process, and takes the terminal again when the
/// shell resumes it (the caller then redraws everything).
pub fn suspend() -> io::Result<()> {
    let mouse = MOUSE.load(Ordering::SeqCst);
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter(mouse)
}
