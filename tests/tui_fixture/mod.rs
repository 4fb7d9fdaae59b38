//! A small fixed KB (the reference record and three records written here) and a harness that
//! drives the browser's state machine without a terminal: keys go through the real keymap,
//! requests are answered at once on this thread, screens are drawn on a `TestBackend`.

#![allow(dead_code)]

use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use errkb::diagnose::Diagnoser;
use errkb::i18n::Lang;
use errkb::kb::load::{load_bytes, Loaded as LoadedRecords};
use errkb::kb::Kb;
use errkb::search::{rank, SearchIndex};
use errkb::tui::action::{Action, Effect, Job, Loaded};
use errkb::tui::app::{App, Options};
use errkb::tui::events::action_of;
use errkb::tui::view;
use errkb::tui::worker::FIRST_ROWS;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const REFERENCE: &str = include_str!("../../seeds/000_0b27752a591ec418.txt");

const MODULE: &str = r#"{"id":"python/module-not-found","signature":"ModuleNotFoundError: No module named 'requests'",
"signature_zh":"ModuleNotFoundError：没有名为 'requests' 的模块","regex":"No module named '(?P<module>[\\w.]+)'",
"domain":"python","category":"import_error","root_cause":"The package is not installed in the interpreter that runs the code.",
"root_cause_zh":"运行代码的解释器里没有安装这个包。",
"dead_ends":[{"action":"Reinstall Python","why_fails":"The package is still missing afterwards.","fail_rate":0.8}],
"workarounds":[{"action":"Install it with the same interpreter: `python3 -m pip install requests`","success_rate":0.92},
{"action":"Activate the virtualenv that has it","success_rate":0.6,"condition":"when a venv exists"}],
"workarounds_zh":["用同一个解释器安装：`python3 -m pip install requests`","Activate the virtualenv that has it"],
"transition_graph":{"leads_to":[{"error_id":"redis/ask-redirect","probability":0.1}],"preceded_by":[],
"frequently_confused_with":[{"error_id":"python/import-error","distinction":"ImportError means the module exists but fails"}]},
"tags":["pip","import"],"aliases":["No module named"],"confidence":0.9,"fix_success_rate":0.9}"#;

const ASK: &str = "{\"id\":\"redis/ask-redirect\",\"signature\":\"ASK 3999 10.0.0.7:7001\",\"domain\":\"redis\",\
\"root_cause\":\"A slot is migrating\\u001b[31m between nodes.\",\"error_code\":\"ASK\",\"official_doc_url\":\"https://redis.io/docs/reference/cluster-spec/\",\
\"workarounds\":[{\"action\":\"Send ASKING then retry: redis-cli -c -h 10.0.0.7 -p 7001\",\"success_rate\":0.8}],\
\"tags\":[\"cluster\"],\"extra_note\":\"kept\"}";

const DISK: &str = r#"{"id":"linux/no-space-left","signature":"No space left on device","domain":"linux",
"root_cause":"The filesystem is full.","workarounds":[{"action":"Remove old build output: rm -rf target/","success_rate":0.7}]}"#;

/// The fixture KB, with stable paths.
pub fn kb() -> Kb {
    let mut loaded = LoadedRecords::default();
    for (name, text) in
        [("000_reference.txt", REFERENCE), ("module.json", MODULE), ("ask.json", ASK), ("disk.json", DISK)]
    {
        load_bytes(&Arc::from(format!("fixture/{name}")), text.as_bytes(), false, None, &mut loaded);
    }
    Kb::from_parts(loaded.records, loaded.issues)
}

/// The browser over the fixture KB, with a synchronous stand-in for the worker.
pub struct Harness {
    pub app: App,
    pub effects: Vec<Effect>,
    kb: Arc<Kb>,
    index: Arc<SearchIndex>,
    diagnoser: Diagnoser,
}

impl Harness {
    /// A browser of `width` x `height`, loaded.
    pub fn new(lang: Lang, size: (u16, u16)) -> Harness {
        Harness::with(Options { lang, ..Options::default() }, size)
    }

    /// A browser started with `options`, loaded.
    pub fn with(options: Options, size: (u16, u16)) -> Harness {
        Harness::over(kb(), options, size)
    }

    /// A browser over `kb`, started with `options`, loaded.
    pub fn over(kb: Kb, options: Options, size: (u16, u16)) -> Harness {
        let kb = Arc::new(kb);
        let index = Arc::new(SearchIndex::new(&kb));
        let diagnoser = Diagnoser::new(&kb);
        let (app, effect) = App::new(options, size);
        let mut harness = Harness { app, effects: Vec::new(), kb: kb.clone(), index: index.clone(), diagnoser };
        harness.act(Action::Loaded(Loaded { kb, index, complete: true }));
        harness.settle(effect);
        harness
    }

    /// Applies `action` and answers any request it makes.
    pub fn act(&mut self, action: Action) {
        let effect = self.app.update(action);
        self.settle(effect);
    }

    /// Answers `effect` as the worker would (or keeps it, when it is not a request).
    pub fn settle(&mut self, effect: Option<Effect>) {
        let Some(effect) = effect else { return };
        let Effect::Request(request) = &effect else {
            self.effects.push(effect);
            return;
        };
        let generation = request.generation;
        let answer = match &request.job {
            Job::Search { query, scope } => {
                let Some(hits) = rank(&self.index, query, scope.as_deref(), FIRST_ROWS, &|| false) else { return };
                Action::Searched { generation, query: query.clone(), hits }
            }
            Job::RankAll { hits } => {
                let Some(hits) = hits.clone().into_all_ranked(&|| false) else { return };
                Action::RankedAll { generation, hits }
            }
            Job::Diagnose { text } => {
                Action::Diagnosed { generation, diagnosis: self.diagnoser.diagnose(&self.kb, text, 50) }
            }
        };
        self.act(answer);
    }

    /// Presses a key (through the real keymap).
    pub fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        if let Some(action) = action_of(Event::Key(KeyEvent::new(code, modifiers)), self.app.context()) {
            self.act(action);
        }
    }

    /// Presses a key without modifiers.
    pub fn press(&mut self, code: KeyCode) {
        self.key(code, KeyModifiers::NONE);
    }

    /// Types `text` key by key.
    pub fn type_text(&mut self, text: &str) {
        text.chars().for_each(|c| self.press(KeyCode::Char(c)));
    }

    /// A bracketed paste.
    pub fn paste(&mut self, text: &str) {
        self.act(Action::Paste(text.to_string()));
    }

    /// The id of the record the detail pane shows.
    pub fn current_id(&self) -> Option<String> {
        self.app.current_record().map(|r| r.id.clone())
    }

    /// The ids of the listed records, in order.
    pub fn listed(&self) -> Vec<String> {
        (0..self.app.results.len())
            .filter_map(|row| self.app.results.record_at(row))
            .map(|i| self.kb.records()[i].id.clone())
            .collect()
    }

    /// The whole screen as text.
    pub fn screen(&self) -> String {
        let backend = TestBackend::new(self.app.size.0, self.app.size.1);
        let mut terminal = Terminal::new(backend).expect("a test terminal");
        terminal.draw(|frame| view::draw(&self.app, frame)).expect("drawing");
        if self.app.size.0 == 0 {
            // TestBackend cannot print a zero-width screen; drawing it is what is tested.
            return String::new();
        }
        terminal.backend().to_string()
    }

    /// The screen's buffer, for style checks.
    pub fn buffer(&self) -> ratatui::buffer::Buffer {
        let backend = TestBackend::new(self.app.size.0, self.app.size.1);
        let mut terminal = Terminal::new(backend).expect("a test terminal");
        terminal.draw(|frame| view::draw(&self.app, frame)).expect("drawing");
        terminal.backend().buffer().clone()
    }
}
