//! The browser's state, and `update`: the only place it changes. Nothing here draws or does
//! I/O; an update may return an [`Effect`] for the loop to perform. Drawing reads this state.

mod detail_nav;
mod query_line;
pub mod results;
mod update;

use std::time::{Duration, Instant};

pub use query_line::QueryLine;
pub use results::Results;

use super::action::{Effect, Loaded};
use super::keymap::Context;
use crate::fix::Fill;
use crate::i18n::ui::Ui;
use crate::i18n::Lang;
use crate::kb::{Kb, Record};

/// How long a toast stays.
pub const TOAST_FOR: Duration = Duration::from_secs(4);

/// Search or diagnose.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Search,
    /// Diagnosing pasted or piped `text`; `saved` is the query to return to.
    Diagnose {
        text: String,
        saved: QueryLine,
    },
}

/// Which pane has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// A short message over the status line.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
    pub until: Instant,
}

/// How the browser was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Lang,
    /// Enter on a workaround prints its command and exits.
    pub print: bool,
    /// Text to diagnose from the start (piped stdin or `--error`).
    pub error: Option<String>,
    /// Draw without colours (`NO_COLOR`).
    pub no_color: bool,
}

/// Everything the screen shows.
#[derive(Debug)]
pub struct App {
    pub lang: Lang,
    pub print: bool,
    pub no_color: bool,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub query: QueryLine,
    pub mode: Mode,
    /// The KB, once the worker has loaded it.
    pub loaded: Option<Loaded>,
    pub results: Results,
    /// Selected row of the result list, and the first row on screen.
    pub selected: usize,
    pub offset: usize,
    pub focus: Focus,
    /// First line of the detail pane on screen, and the selected workaround or link.
    pub scroll: usize,
    pub item: usize,
    /// A record reached through a link, shown instead of the selected row.
    pub shown: Option<usize>,
    /// What `shown` was before each link was followed.
    pub history: Vec<Option<usize>>,
    pub help: bool,
    /// First line of the help overlay on screen.
    pub help_scroll: usize,
    pub toast: Option<Toast>,
    /// Why the query cannot run (an invalid regex).
    pub error: Option<String>,
    /// The generation of the newest request; older answers are dropped.
    pub generation: u64,
    /// A request is in flight.
    pub busy: bool,
    /// Records loaded so far, while a large KB is still loading.
    pub load_progress: Option<usize>,
}

impl App {
    /// A browser in its first state (the KB still loading); the effect is the first request.
    pub fn new(options: Options, size: (u16, u16)) -> (App, Option<Effect>) {
        let mut app = App {
            lang: options.lang,
            print: options.print,
            no_color: options.no_color,
            size,
            query: QueryLine::default(),
            mode: Mode::Search,
            loaded: None,
            results: Results::default(),
            selected: 0,
            offset: 0,
            focus: Focus::List,
            scroll: 0,
            item: 0,
            shown: None,
            history: Vec::new(),
            help: false,
            help_scroll: 0,
            toast: None,
            error: None,
            generation: 0,
            busy: false,
            load_progress: None,
        };
        let effect = match options.error {
            Some(text) if !text.trim().is_empty() => app.start_diagnosis(text),
            _ => app.request_search(),
        };
        (app, effect)
    }

    /// The UI strings of the current language.
    pub fn ui(&self) -> &'static Ui {
        Ui::of(self.lang)
    }

    /// The KB, once loaded.
    pub fn kb(&self) -> Option<&Kb> {
        self.loaded.as_ref().map(|l| &*l.kb)
    }

    /// The index of the record the detail pane shows.
    pub fn current(&self) -> Option<usize> {
        self.shown.or_else(|| self.results.record_at(self.selected))
    }

    /// The record the detail pane shows.
    pub fn current_record(&self) -> Option<&Record> {
        self.kb()?.get(self.current()?)
    }

    /// The user's values for the shown record, when it is a diagnosis match.
    pub fn current_fill(&self) -> Option<&Fill> {
        match self.shown {
            Some(_) => None,
            None => self.results.match_at(self.selected).map(|m| &m.fill),
        }
    }

    /// The key contexts that hold now.
    pub fn context(&self) -> Context {
        let idle = self.query.is_empty() || matches!(self.mode, Mode::Diagnose { .. });
        Context { help: self.help, detail: self.focus == Focus::Detail, idle }
    }

    /// Shows a toast.
    pub fn toast(&mut self, text: String, error: bool) {
        self.toast = Some(Toast { text, error, until: Instant::now() + TOAST_FOR });
    }
}
