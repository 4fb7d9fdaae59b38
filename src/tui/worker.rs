//! The worker thread: it loads the KB (so the first frame does not wait for it; a large KB
//! shows its first records at once and reports progress while the rest loads), builds the
//! search index and, on first need, the diagnoser, then answers requests. Each request carries
//! a generation; the newest generation is also in an atomic, which a running search checks, so
//! a newer keystroke cancels an older search and only the newest answer is sent.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use super::action::{Action, Job, Loaded, Request};
use super::app::results::DIAGNOSIS_LIMIT;
use super::events::Msg;
use crate::diagnose::Diagnoser;
use crate::kb::{Kb, Source};
use crate::search::{rank, SearchIndex};

/// The UI's end of the worker.
#[derive(Debug)]
pub struct Worker {
    requests: Sender<Request>,
    newest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the worker on `sources`; answers go to `answers`.
    pub fn spawn(sources: Vec<Source>, answers: Sender<Msg>) -> std::io::Result<Worker> {
        let (requests, inbox) = mpsc::channel();
        let newest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&newest);
        thread::Builder::new().name("errkb-worker".into()).spawn(move || serve(&sources, &inbox, &seen, &answers))?;
        Ok(Worker { requests, newest })
    }

    /// Sends `request`, superseding every older one.
    pub fn send(&self, request: Request) {
        self.newest.store(request.generation, Ordering::SeqCst);
        // A closed channel means the worker is gone; the UI simply gets no answer.
        let _ = self.requests.send(request);
    }
}

fn serve(sources: &[Source], inbox: &Receiver<Request>, newest: &AtomicU64, answers: &Sender<Msg>) {
    let first = Kb::load_with(sources, Some(FIRST_RECORDS), &mut |_| {});
    let state = if first.len() < FIRST_RECORDS {
        State::new(first)
    } else {
        // A large KB: its first records are shown (and searched) at once, the rest follows.
        let preview = State::new(first);
        if !send(answers, Action::Loaded(preview.loaded(false))) {
            return;
        }
        if let Ok(request) = newest_pending(inbox) {
            if let Some(answer) = preview.answer(request, newest) {
                send(answers, answer);
            }
        }
        let mut last = Instant::now();
        let kb = Kb::load_with(sources, None, &mut |records| {
            if last.elapsed() >= PROGRESS_EVERY {
                last = Instant::now();
                send(answers, Action::LoadProgress(records));
            }
        });
        State::new(kb)
    };
    if !send(answers, Action::Loaded(state.loaded(true))) {
        return;
    }
    state.prepare_diagnosis();
    while let Ok(request) = inbox.recv() {
        let request = newest_pending(inbox).unwrap_or(request);
        if let Some(answer) = state.answer(request, newest) {
            if !send(answers, answer) {
                return;
            }
        }
    }
}

/// The rows a search ranks before it answers: more than a screen shows. The UI ranks the
/// others when the list is scrolled to them.
pub const FIRST_ROWS: usize = 128;

/// How many records a large KB shows before it has loaded completely.
const FIRST_RECORDS: usize = 5_000;
/// How often the loading progress of a large KB is reported.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// The newest request already waiting, if any (older ones are superseded).
fn newest_pending(inbox: &Receiver<Request>) -> Result<Request, TryRecvError> {
    let mut newest = inbox.try_recv()?;
    while let Ok(newer) = inbox.try_recv() {
        newest = newer;
    }
    Ok(newest)
}

/// Sends an answer to the UI; `false` when the UI is gone.
fn send(answers: &Sender<Msg>, action: Action) -> bool {
    answers.send(Msg::Action(action)).is_ok()
}

/// What the worker answers from: a KB, its search index and its diagnoser, which a thread of
/// its own starts building as soon as the KB is loaded (a 100k-record KB takes seconds), so a
/// first paste rarely waits for it.
struct State {
    kb: Arc<Kb>,
    index: Arc<SearchIndex>,
    diagnoser: Arc<OnceLock<Diagnoser>>,
}

impl State {
    fn new(kb: Kb) -> State {
        let index = Arc::new(SearchIndex::new(&kb));
        State { kb: Arc::new(kb), index, diagnoser: Arc::default() }
    }

    /// Starts building the diagnoser on a thread of its own (if the thread cannot start, the
    /// first diagnosis builds it).
    fn prepare_diagnosis(&self) {
        let (kb, diagnoser) = (Arc::clone(&self.kb), Arc::clone(&self.diagnoser));
        let _ = thread::Builder::new().name("errkb-diagnoser".into()).spawn(move || {
            diagnoser.get_or_init(|| Diagnoser::new(&kb));
        });
    }

    fn loaded(&self, complete: bool) -> Loaded {
        Loaded { kb: Arc::clone(&self.kb), index: Arc::clone(&self.index), complete }
    }

    /// The answer to `request`, or `None` when a newer request cancelled it.
    fn answer(&self, request: Request, newest: &AtomicU64) -> Option<Action> {
        let generation = request.generation;
        match request.job {
            Job::Search { query, scope } => {
                let cancelled = || newest.load(Ordering::SeqCst) != generation;
                rank(&self.index, &query, scope.as_deref(), FIRST_ROWS, &cancelled).map(|hits| Action::Searched {
                    generation,
                    query,
                    hits,
                })
            }
            Job::RankAll { hits } => {
                let cancelled = || newest.load(Ordering::SeqCst) != generation;
                hits.into_all_ranked(&cancelled).map(|hits| Action::RankedAll { generation, hits })
            }
            Job::Diagnose { text } => {
                let kb = &self.kb;
                // Waits for the builder thread when it is still at work.
                let diagnoser = self.diagnoser.get_or_init(|| Diagnoser::new(kb));
                Some(Action::Diagnosed { generation, diagnosis: diagnoser.diagnose(kb, &text, DIAGNOSIS_LIMIT) })
            }
        }
    }
}
