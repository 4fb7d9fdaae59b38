//! Everything the loop waits for arrives on one channel: terminal events (read on their own
//! thread, from /dev/tty when stdin is a pipe: crossterm's `use-dev-tty`), the worker's
//! answers, and SIGTERM/SIGHUP/SIGINT (so the terminal is restored before exiting).

use std::sync::mpsc::Sender;
use std::thread;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::action::Action;
use super::keymap::{resolve, Context};

/// One thing for the loop.
#[derive(Debug)]
pub enum Msg {
    Terminal(Event),
    Action(Action),
    Signal(i32),
    /// Reading the terminal failed: the loop must stop.
    InputGone(String),
}

/// Reads terminal events forever on a thread.
pub fn spawn_input(to: Sender<Msg>) -> std::io::Result<()> {
    thread::Builder::new().name("errkb-input".into()).spawn(move || loop {
        let msg = match event::read() {
            Ok(event) => Msg::Terminal(event),
            Err(err) => Msg::InputGone(err.to_string()),
        };
        let gone = matches!(msg, Msg::InputGone(_));
        if to.send(msg).is_err() || gone {
            return;
        }
    })?;
    Ok(())
}

/// Forwards termination signals to the loop.
pub fn spawn_signals(to: Sender<Msg>) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    thread::Builder::new().name("errkb-signals".into()).spawn(move || {
        for signal in signals.forever() {
            if to.send(Msg::Signal(signal)).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

/// The action of a terminal event in `context`.
pub fn action_of(event: Event, context: Context) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => resolve(key, context),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column: mouse.column, row: mouse.row }),
            MouseEventKind::ScrollDown => Some(Action::Wheel { column: mouse.column, row: mouse.row, down: true }),
            MouseEventKind::ScrollUp => Some(Action::Wheel { column: mouse.column, row: mouse.row, down: false }),
            _ => None,
        },
        _ => None,
    }
}
