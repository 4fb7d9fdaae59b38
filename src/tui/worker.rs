//! The worker thread: it loads the KB (so the first frame does not wait for it), builds the
//! search index and, on first need, the diagnoser, then answers requests. Each request carries
//! a generation; the newest generation is also in an atomic, which a running search checks, so
//! a newer keystroke cancels an older search and only the newest answer is sent.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;

use super::action::{Action, Job, Loaded, Request};
use super::app::results::DIAGNOSIS_LIMIT;
use super::events::Msg;
use crate::diagnose::Diagnoser;
use crate::kb::{Kb, Source};
use crate::search::{search, SearchIndex};

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
    let kb = Arc::new(Kb::load(sources));
    let index = Arc::new(SearchIndex::new(&kb));
    let loaded = Loaded { kb: Arc::clone(&kb), index: Arc::clone(&index) };
    if answers.send(Msg::Action(Action::Loaded(loaded))).is_err() {
        return;
    }
    let mut diagnoser: Option<Diagnoser> = None;
    while let Ok(mut request) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        let generation = request.generation;
        let answer = match request.job {
            Job::Search { query, scope } => {
                let cancelled = || newest.load(Ordering::SeqCst) != generation;
                search(&index, &query, scope.as_deref(), &cancelled).map(|hits| Action::Searched {
                    generation,
                    query,
                    hits,
                })
            }
            Job::Diagnose { text } => {
                let diagnoser = diagnoser.get_or_insert_with(|| Diagnoser::new(&kb));
                Some(Action::Diagnosed { generation, diagnosis: diagnoser.diagnose(&kb, &text, DIAGNOSIS_LIMIT) })
            }
        };
        if let Some(answer) = answer {
            if answers.send(Msg::Action(answer)).is_err() {
                return;
            }
        }
    }
}
