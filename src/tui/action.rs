//! What the user asked for ([`Action`], from the keymap, the mouse, a paste or the worker) and
//! what the loop must do about it ([`Effect`]): `App::update` turns the one into the other and
//! never touches the terminal, the clipboard or the worker itself.

use std::sync::Arc;

use crate::diagnose::Diagnosis;
use crate::kb::Kb;
use crate::search::{Query, Ranking, SearchIndex};

/// One thing the user (or the worker) did.
#[derive(Debug, Clone)]
pub enum Action {
    Quit,
    /// Esc: close the overlay, leave the detail pane or diagnose mode, clear the query, quit.
    Escape,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    FocusDetail,
    FocusList,
    /// Enter in the detail pane: follow the selected link, or copy (print) the command.
    Activate,
    ItemNext,
    ItemPrev,
    /// Select workaround `n` (1-based).
    Pick(usize),
    CopyCommand,
    CopyText,
    CopyTop,
    OpenDoc,
    Back,
    ToggleHelp,
    ToggleLanguage,
    Suspend,
    Insert(char),
    Paste(String),
    CursorLeft,
    CursorRight,
    CursorStart,
    CursorEnd,
    DeleteChar,
    DeleteWord,
    ClearLine,
    ScrollUp,
    ScrollDown,
    /// The top / the end of the detail pane.
    DetailTop,
    DetailBottom,
    /// A mouse click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel at a screen cell (`down` when scrolling down).
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// Time passed (toasts expire).
    Tick,
    /// The worker has loaded the KB, or a first part of a large one.
    Loaded(Loaded),
    /// The worker is still loading a large KB: this many records so far.
    LoadProgress(usize),
    /// The worker finished a search.
    Searched {
        generation: u64,
        query: Query,
        hits: Ranking,
    },
    /// The worker ranked every row of a search (for `End`).
    RankedAll {
        generation: u64,
        hits: Ranking,
    },
    /// The worker finished a diagnosis.
    Diagnosed {
        generation: u64,
        diagnosis: Diagnosis,
    },
}

/// The KB and its search index, built by the worker.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub kb: Arc<Kb>,
    pub index: Arc<SearchIndex>,
    /// `false` for the first records of a large KB, shown while the rest loads.
    pub complete: bool,
}

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Print to stdout after leaving the TUI, then exit (`--print`).
    Print(String),
    Copy(Copy),
    OpenUrl(String),
    Suspend,
    Request(Request),
}

/// Text to put on the clipboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    pub text: String,
    /// A command (`y`, Ctrl-y) rather than a whole workaround text (`Y`).
    pub command: bool,
}

/// Work for the worker thread, tagged with the generation that asked for it.
#[derive(Debug, Clone)]
pub struct Request {
    pub generation: u64,
    pub job: Job,
}

/// A search, the rest of a search's ranking, or a diagnosis.
#[derive(Debug, Clone)]
pub enum Job {
    /// `scope`: the hits of a query this one narrows, to search among only.
    Search {
        query: Query,
        scope: Option<Vec<usize>>,
    },
    /// Rank every row of `hits` (too many for the UI thread to rank at once).
    RankAll {
        hits: Ranking,
    },
    Diagnose {
        text: String,
    },
}

impl PartialEq for Request {
    /// Requests are told apart by generation: a newer one supersedes any older one.
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}
