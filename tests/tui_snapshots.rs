//! Whole screens of the browser on a `TestBackend`, over the fixture KB, in English and
//! Chinese, at large, narrow and tiny sizes.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use crossterm::event::KeyCode;
use errkb::i18n::Lang;
use errkb::tui::app::Options;
use fixture::Harness;
use insta::assert_snapshot;
use ratatui::style::Color;

const TRACE: &str = "Traceback (most recent call last):\n  File \"/srv/app/cache.py\", line 42, in get\n    return self.client.get(key)\n\u{1b}[31mredis.exceptions.ResponseError: MOVED 3999 10.0.0.7:7001\u{1b}[0m\n";

#[test]
fn browse() {
    assert_snapshot!(Harness::new(Lang::En, (120, 35)).screen());
}

#[test]
fn filtered() {
    let mut h = Harness::new(Lang::En, (120, 35));
    h.type_text("moved");
    assert_snapshot!(h.screen());
}

#[test]
fn diagnose_a_pasted_trace() {
    let mut h = Harness::new(Lang::En, (120, 35));
    h.paste(TRACE);
    h.press(KeyCode::Tab);
    h.press(KeyCode::Char('2'));
    assert_snapshot!(h.screen());
}

#[test]
fn detail_in_chinese() {
    let mut h = Harness::new(Lang::En, (120, 35));
    h.press(KeyCode::F(2));
    h.type_text("module");
    assert_snapshot!(h.screen());
}

#[test]
fn help() {
    let mut h = Harness::new(Lang::En, (120, 35));
    h.press(KeyCode::F(1));
    assert_snapshot!(h.screen());
}

#[test]
fn help_in_chinese() {
    let mut h = Harness::new(Lang::Zh, (100, 40));
    h.press(KeyCode::Char('?'));
    assert_snapshot!(h.screen());
}

#[test]
fn narrow() {
    let mut h = Harness::new(Lang::Zh, (60, 20));
    h.type_text("ask");
    assert_snapshot!(h.screen());
}

#[test]
fn tiny() {
    assert_snapshot!(Harness::new(Lang::En, (20, 5)).screen());
}

#[test]
fn no_color() {
    let mut h = Harness::with(Options { no_color: true, ..Options::default() }, (100, 24));
    h.type_text("red");
    let buffer = h.buffer();
    let colored = buffer.content().iter().filter(|c| c.fg != Color::Reset || c.bg != Color::Reset).count();
    assert_eq!(colored, 0, "NO_COLOR: no cell has a colour");
    assert_snapshot!(h.screen());
}
