//! The browser's state machine, key -> action -> state, without a terminal.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use crossterm::event::{KeyCode, KeyModifiers};
use errkb::i18n::Lang;
use errkb::kb::{Kb, Record};
use errkb::search::{search_all, Query, SearchIndex};
use errkb::tui::action::{Action, Copy, Effect, Job};
use errkb::tui::app::results::{Results, RANK_ON_UI_AT_MOST};
use errkb::tui::app::{Focus, Mode, Options};
use errkb::tui::clipboard::Via;
use fixture::Harness;

const MOVED: &str = "redis.exceptions.ResponseError: MOVED 3999 10.0.0.7:7001";

fn browser() -> Harness {
    Harness::new(Lang::En, (120, 35))
}

#[test]
fn typing_refilters_and_keeps_the_selection_on_the_same_record() {
    let mut h = browser();
    assert_eq!(h.listed().len(), 4);
    h.press(KeyCode::Down);
    assert_eq!(h.current_id().as_deref(), Some("python/module-not-found"));
    h.type_text("mod");
    assert_eq!(h.current_id().as_deref(), Some("python/module-not-found"), "still listed, still selected");
    h.type_text("zzz");
    assert!(h.listed().is_empty());
    h.key(KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(h.app.query.text(), "");
    h.type_text("moved");
    assert_eq!(h.listed()[0], "database/redis-cluster-moved-redirect");
}

#[test]
fn an_invalid_regex_is_reported_not_fatal() {
    let mut h = browser();
    h.type_text("ask ");
    h.paste("/(oops/");
    assert!(h.app.error.as_deref().is_some_and(|e| e.contains("invalid term")), "{:?}", h.app.error);
    assert_eq!(h.listed(), vec!["redis/ask-redirect"], "the last good results stay");
    h.press(KeyCode::Backspace);
    assert_eq!(h.app.error, None);
}

#[test]
fn paste_of_an_error_diagnoses_and_esc_restores_the_query() {
    let mut h = browser();
    h.type_text("ask");
    h.paste(MOVED);
    assert!(matches!(h.app.mode, Mode::Diagnose { .. }));
    assert_eq!(h.current_id().as_deref(), Some("database/redis-cluster-moved-redirect"));
    h.press(KeyCode::Esc);
    assert_eq!(h.app.mode, Mode::Search);
    assert_eq!(h.app.query.text(), "ask");
    h.paste("plain words");
    assert_eq!(h.app.query.text(), "askplain words", "a paste that is not an error is typed");
}

#[test]
fn copy_picks_the_workaround_and_fills_the_users_values() {
    let mut h = browser();
    h.paste(MOVED);
    h.press(KeyCode::Tab);
    assert_eq!(h.app.focus, Focus::Detail);
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('y'));
    let expected = Copy { text: "redis-cli -h 10.0.0.7 -p 7001 GET mykey".into(), command: true };
    assert_eq!(h.effects.last(), Some(&Effect::Copy(expected.clone())));
    h.app.copied(&expected, Ok(Via::Osc52));
    assert!(h.app.toast.as_ref().is_some_and(|t| t.text.contains("OSC 52") && !t.error));
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Char('Y'));
    assert!(
        matches!(h.effects.last(), Some(Effect::Copy(Copy { command: false, text })) if text.starts_with("Refresh"))
    );
}

#[test]
fn ctrl_y_copies_the_top_command_and_warns_about_destructive_ones() {
    let mut h = browser();
    h.type_text("'space");
    h.key(KeyCode::Char('y'), KeyModifiers::CONTROL);
    let Some(Effect::Copy(copy)) = h.effects.last().cloned() else { panic!("no copy: {:?}", h.effects) };
    assert_eq!(copy.text, "rm -rf target/");
    h.app.copied(&copy, Err("no display".into()));
    let toast = h.app.toast.clone().expect("a toast");
    assert!(toast.error && toast.text.contains("careful") && toast.text.contains("rm -rf target/"), "{toast:?}");
}

#[test]
fn print_mode_prints_the_command_on_enter() {
    let mut h = Harness::with(Options { print: true, ..Options::default() }, (120, 35));
    h.type_text("module");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    assert_eq!(h.effects.last(), Some(&Effect::Print("python3 -m pip install requests".into())));
}

#[test]
fn links_are_followed_and_back_returns() {
    let mut h = browser();
    h.type_text("module");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Enter);
    assert_eq!(h.current_id().as_deref(), Some("redis/ask-redirect"));
    h.press(KeyCode::Char('h'));
    assert_eq!(h.current_id().as_deref(), Some("python/module-not-found"));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Enter);
    assert_eq!(h.current_id().as_deref(), Some("python/module-not-found"), "a missing link is not followed");
    assert!(h.app.toast.as_ref().is_some_and(|t| t.text.contains("not in this KB")));
}

#[test]
fn esc_and_q_unwind_then_quit() {
    let mut h = browser();
    h.type_text("aq");
    assert_eq!(h.app.query.text(), "aq", "q is text while the query is not empty");
    h.press(KeyCode::Esc);
    assert_eq!(h.app.query.text(), "");
    h.press(KeyCode::F(1));
    assert!(h.app.help);
    h.press(KeyCode::Char('q'));
    assert!(!h.app.help, "q closes the help first");
    assert!(h.effects.is_empty());
    h.press(KeyCode::Char('q'));
    assert_eq!(h.effects.last(), Some(&Effect::Quit));
    h.key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(h.effects.len(), 2);
}

#[test]
fn f2_switches_language_and_o_opens_the_doc() {
    let mut h = browser();
    h.press(KeyCode::F(2));
    assert_eq!(h.app.lang, Lang::Zh);
    h.type_text("ask");
    h.press(KeyCode::Tab);
    h.press(KeyCode::Char('o'));
    assert_eq!(h.effects.last(), Some(&Effect::OpenUrl("https://redis.io/docs/reference/cluster-spec/".into())));
}

#[test]
fn piped_text_starts_in_diagnose_mode() {
    let options = Options { error: Some("MOVED 12 10.1.1.1:7000\n".into()), ..Options::default() };
    let h = Harness::with(options, (120, 35));
    assert!(matches!(h.app.mode, Mode::Diagnose { .. }));
    assert_eq!(h.current_id().as_deref(), Some("database/redis-cluster-moved-redirect"));
}

#[test]
fn mouse_and_resize_never_panic() {
    let mut h = browser();
    h.act(Action::Click { column: 5, row: 3 });
    assert_eq!(h.app.selected, 1);
    h.act(Action::Wheel { column: 80, row: 10, down: true });
    for (w, hgt) in [(0, 0), (1, 1), (20, 5), (60, 20), (120, 35)] {
        h.act(Action::Resize { width: w, height: hgt });
        h.press(KeyCode::Down);
        h.screen();
    }
}

#[test]
fn a_large_kb_shows_its_first_records_then_progress_then_everything() {
    use errkb::kb::Kb;
    use errkb::search::SearchIndex;
    use errkb::tui::action::Loaded;
    use std::sync::Arc;

    let mut h = browser();
    let full = fixture::kb();
    let first = Arc::new(Kb::from_parts(full.records()[..2].to_vec(), vec![]));
    let generation = h.app.generation;
    h.act(Action::Loaded(Loaded { index: Arc::new(SearchIndex::new(&first)), kb: first, complete: false }));
    assert_eq!(h.app.load_progress, Some(2), "the status line says loading is not done");
    h.act(Action::LoadProgress(3));
    assert_eq!(h.app.load_progress, Some(3));
    let full = Arc::new(full);
    h.act(Action::Loaded(Loaded { index: Arc::new(SearchIndex::new(&full)), kb: full, complete: true }));
    assert_eq!(h.app.load_progress, None);
    assert!(h.app.generation > generation + 1, "each load ran the query again");
    assert_eq!(h.listed().len(), 4);
}

#[test]
fn end_on_a_long_list_is_ranked_by_the_worker_not_the_ui_thread() {
    let records: Vec<Record> = (0..5_000)
        .map(|i| {
            let mut record = Record::with_id(&format!("net/{i:04}"));
            record.signature = Some(format!("connect to host{} port {} refused", i % 97, i));
            record
        })
        .collect();
    let kb = Kb::from_parts(records, vec![]);
    let expected = search_all(&SearchIndex::new(&kb), &Query::parse("cnrf").unwrap());
    let mut h = Harness::over(kb, Options::default(), (120, 35));
    h.type_text("cnrf");
    assert_eq!(h.app.results.len(), expected.len());
    let effect = h.app.update(Action::Last);
    assert!(matches!(&effect, Some(Effect::Request(r)) if matches!(r.job, Job::RankAll { .. })), "{effect:?}");
    let Results::Search { hits, .. } = &h.app.results else { panic!("a search is listed") };
    assert!(hits.unranked() > RANK_ON_UI_AT_MOST, "the UI thread ranked the rows itself");
    h.settle(effect);
    assert_eq!(h.app.selected, expected.len() - 1);
    let last = expected.last().map(|hit| format!("net/{:04}", hit.index));
    assert_eq!(h.current_id(), last, "the last row of a full search");
    h.press(KeyCode::Home);
    assert_eq!(h.app.selected, 0);
}
