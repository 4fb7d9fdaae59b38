//! The loop: wait for a message (key, paste, resize, worker answer, signal), turn it into an
//! action, let the app update, perform the effect, draw. Messages that queued up meanwhile are
//! all applied before the next frame, so a burst of keys costs one draw.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;

use super::action::{Action, Effect};
use super::app::{App, Options};
use super::clipboard::Clipboard;
use super::events::{action_of, spawn_input, spawn_signals, Msg};
use super::terminal::{self, Tty};
use super::worker::Worker;
use super::{opener, view};
use crate::i18n::ui::Ui;
use crate::kb::Source;

/// How the browser ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Quit,
    /// `--print`: the command to print on stdout.
    Print(String),
    /// Ended by this signal.
    Signal(i32),
}

/// The things the loop performs effects with.
struct Shell {
    terminal: Terminal<CrosstermBackend<Tty>>,
    worker: Worker,
    clipboard: Clipboard,
}

/// Runs the browser until the user quits; the terminal is restored on return.
pub fn run(options: Options, sources: Vec<Source>, mouse: bool) -> Result<Outcome> {
    let tty = terminal::open()?;
    let (sender, messages) = mpsc::channel();
    let worker = Worker::spawn(sources, sender.clone()).context("starting the worker")?;
    spawn_signals(sender.clone()).context("watching signals")?;
    terminal::install_panic_hook();
    terminal::enter(mouse).context("setting up the terminal")?;
    let result = Terminal::new(CrosstermBackend::new(tty)).map_err(anyhow::Error::from).and_then(|terminal| {
        spawn_input(sender).context("reading the terminal")?;
        let mut shell = Shell { terminal, worker, clipboard: Clipboard::default() };
        event_loop(&mut shell, options, &messages)
    });
    terminal::restore();
    result
}

fn event_loop(shell: &mut Shell, options: Options, messages: &Receiver<Msg>) -> Result<Outcome> {
    let size = shell.terminal.size()?;
    let (mut app, effect) = App::new(options, (size.width, size.height));
    if let Some(outcome) = perform(shell, &mut app, effect)? {
        return Ok(outcome);
    }
    loop {
        shell.terminal.draw(|frame| view::draw(&app, frame))?;
        let mut msg = next(messages, &app)?;
        loop {
            let action = match msg {
                Msg::Terminal(event) => action_of(event, app.context()),
                Msg::Action(action) => Some(action),
                Msg::Signal(signal) => return Ok(Outcome::Signal(signal)),
                Msg::InputGone(why) => anyhow::bail!("reading the terminal: {why}"),
            };
            if let Some(action) = action {
                let effect = app.update(action);
                if let Some(outcome) = perform(shell, &mut app, effect)? {
                    return Ok(outcome);
                }
            }
            match messages.try_recv() {
                Ok(more) => msg = more,
                Err(_) => break,
            }
        }
    }
}

/// The next message, or a tick when the toast is due to go.
fn next(messages: &Receiver<Msg>, app: &App) -> Result<Msg> {
    let wait =
        app.toast.as_ref().map_or(Duration::from_secs(3600), |t| t.until.saturating_duration_since(Instant::now()));
    match messages.recv_timeout(wait) {
        Ok(msg) => Ok(msg),
        Err(RecvTimeoutError::Timeout) => Ok(Msg::Action(Action::Tick)),
        Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the worker and the terminal reader stopped"),
    }
}

/// Performs `effect`; `Some` ends the loop.
fn perform(shell: &mut Shell, app: &mut App, effect: Option<Effect>) -> Result<Option<Outcome>> {
    match effect {
        None => {}
        Some(Effect::Quit) => return Ok(Some(Outcome::Quit)),
        Some(Effect::Print(command)) => return Ok(Some(Outcome::Print(command))),
        Some(Effect::Request(request)) => shell.worker.send(request),
        Some(Effect::Copy(copy)) => {
            let outcome = shell.clipboard.copy(&copy.text, shell.terminal.backend_mut());
            app.copied(&copy, outcome);
        }
        Some(Effect::OpenUrl(url)) => {
            if let Err(why) = opener::open(&url) {
                app.toast(Ui::fill(app.ui().open_failed, &[&url, &why]), true);
            }
        }
        Some(Effect::Suspend) => {
            terminal::suspend()?;
            // `Terminal::clear` would query the cursor position, racing the input thread for
            // the reply; a resize clears the screen and forces a full redraw without asking.
            let size = shell.terminal.size()?;
            shell.terminal.resize(Rect::new(0, 0, size.width, size.height))?;
        }
    }
    Ok(None)
}
