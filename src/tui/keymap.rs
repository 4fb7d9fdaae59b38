//! The one keymap: a table of key -> [`Action`] bindings, each valid in a context. The app
//! resolves keys with it and the help overlay is generated from it, so help cannot drift from
//! the keys. Keys follow fzf and vim habits.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::ui::{KeyHelp, Ui};

/// Where a binding holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The help overlay is open (it takes every key first).
    Help,
    /// Always, even under the help overlay (Ctrl-c).
    Global,
    /// Always, but under the help overlay.
    Always,
    /// The result list (and query line) has the focus.
    List,
    /// The list has the focus and the query is empty (or the text is being diagnosed), so
    /// letters are commands rather than query text.
    Idle,
    /// The detail pane has the focus.
    Detail,
}

/// A key, or a class of keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPat {
    Plain(KeyCode),
    Ctrl(char),
    /// 1 to 9, giving `Action::Pick(n)`.
    Digit,
}

/// Keys that do one action in one context.
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [KeyPat],
    pub when: When,
    pub action: Action,
}

use KeyCode::{BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up, F};
use KeyPat::{Ctrl, Digit, Plain};

/// Every binding, by priority: the first that matches the key in the current context wins.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Plain(Esc), Plain(F(1)), Plain(Char('q')), Plain(Char('?'))],
        when: When::Help,
        action: Action::ToggleHelp,
    },
    Binding { keys: &[Plain(Down), Plain(Char('j')), Plain(PageDown)], when: When::Help, action: Action::ScrollDown },
    Binding { keys: &[Plain(Up), Plain(Char('k')), Plain(PageUp)], when: When::Help, action: Action::ScrollUp },
    Binding { keys: &[Ctrl('c')], when: When::Global, action: Action::Quit },
    Binding { keys: &[Plain(Esc)], when: When::Always, action: Action::Escape },
    Binding { keys: &[Plain(F(1))], when: When::Always, action: Action::ToggleHelp },
    Binding { keys: &[Plain(F(2))], when: When::Always, action: Action::ToggleLanguage },
    Binding { keys: &[Ctrl('z')], when: When::Always, action: Action::Suspend },
    Binding { keys: &[Ctrl('y')], when: When::Always, action: Action::CopyTop },
    Binding { keys: &[Ctrl('o')], when: When::Always, action: Action::OpenDoc },
    Binding { keys: &[Plain(Up), Ctrl('p'), Ctrl('k')], when: When::List, action: Action::Up },
    Binding { keys: &[Plain(Down), Ctrl('n'), Ctrl('j')], when: When::List, action: Action::Down },
    Binding { keys: &[Plain(PageUp)], when: When::List, action: Action::PageUp },
    Binding { keys: &[Plain(PageDown)], when: When::List, action: Action::PageDown },
    Binding { keys: &[Plain(Home)], when: When::List, action: Action::First },
    Binding { keys: &[Plain(End)], when: When::List, action: Action::Last },
    Binding { keys: &[Plain(Tab), Plain(Enter)], when: When::List, action: Action::FocusDetail },
    Binding { keys: &[Plain(Left)], when: When::List, action: Action::CursorLeft },
    Binding { keys: &[Plain(Right)], when: When::List, action: Action::CursorRight },
    Binding { keys: &[Ctrl('a')], when: When::List, action: Action::CursorStart },
    Binding { keys: &[Ctrl('e')], when: When::List, action: Action::CursorEnd },
    Binding { keys: &[Plain(Backspace), Ctrl('h')], when: When::List, action: Action::DeleteChar },
    Binding { keys: &[Ctrl('w')], when: When::List, action: Action::DeleteWord },
    Binding { keys: &[Ctrl('u')], when: When::List, action: Action::ClearLine },
    Binding { keys: &[Plain(Char('q'))], when: When::Idle, action: Action::Quit },
    Binding { keys: &[Plain(Char('?'))], when: When::Idle, action: Action::ToggleHelp },
    Binding { keys: &[Plain(Tab), Plain(BackTab)], when: When::Detail, action: Action::FocusList },
    Binding { keys: &[Plain(Char('j')), Plain(Down), Ctrl('n')], when: When::Detail, action: Action::ItemNext },
    Binding { keys: &[Plain(Char('k')), Plain(Up), Ctrl('p')], when: When::Detail, action: Action::ItemPrev },
    Binding { keys: &[Digit], when: When::Detail, action: Action::Pick(0) },
    Binding { keys: &[Plain(Enter)], when: When::Detail, action: Action::Activate },
    Binding { keys: &[Plain(Char('y'))], when: When::Detail, action: Action::CopyCommand },
    Binding { keys: &[Plain(Char('Y'))], when: When::Detail, action: Action::CopyText },
    Binding { keys: &[Plain(Char('o'))], when: When::Detail, action: Action::OpenDoc },
    Binding { keys: &[Plain(Char('h')), Plain(Backspace)], when: When::Detail, action: Action::Back },
    Binding { keys: &[Plain(PageUp), Ctrl('u')], when: When::Detail, action: Action::ScrollUp },
    Binding { keys: &[Plain(PageDown), Plain(Char(' ')), Ctrl('d')], when: When::Detail, action: Action::ScrollDown },
    Binding { keys: &[Plain(Home), Plain(Char('g'))], when: When::Detail, action: Action::DetailTop },
    Binding { keys: &[Plain(End), Plain(Char('G'))], when: When::Detail, action: Action::DetailBottom },
    Binding { keys: &[Plain(Char('q'))], when: When::Detail, action: Action::Quit },
    Binding { keys: &[Plain(Char('?'))], when: When::Detail, action: Action::ToggleHelp },
];

/// The contexts that hold now, from the app's state.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub help: bool,
    pub detail: bool,
    pub idle: bool,
}

impl Context {
    fn holds(self, when: When) -> bool {
        match when {
            When::Help => self.help,
            When::Global => true,
            _ if self.help => false,
            When::Always => true,
            When::List => !self.detail,
            When::Idle => !self.detail && self.idle,
            When::Detail => self.detail,
        }
    }
}

/// The action of `key` in `context`: a binding, else a typed character for the query.
pub fn resolve(key: KeyEvent, context: Context) -> Option<Action> {
    for binding in BINDINGS.iter().filter(|b| context.holds(b.when)) {
        for pat in binding.keys {
            match (pat, matches(*pat, key)) {
                (Digit, Some(n)) => return Some(Action::Pick(n)),
                (_, Some(_)) => return Some(binding.action.clone()),
                _ => {}
            }
        }
    }
    match key.code {
        Char(c) if !context.help && !context.detail && !has_command_modifier(key) => Some(Action::Insert(c)),
        _ => None,
    }
}

fn has_command_modifier(key: KeyEvent) -> bool {
    key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// `Some(digit)` when `key` matches `pat` (the digit for [`KeyPat::Digit`], else 0).
fn matches(pat: KeyPat, key: KeyEvent) -> Option<usize> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match (pat, key.code) {
        (Ctrl(want), Char(c)) if ctrl && c.eq_ignore_ascii_case(&want) => Some(0),
        (Plain(want), code) if !has_command_modifier(key) && want == code => Some(0),
        (Digit, Char(c @ '1'..='9')) if !has_command_modifier(key) => c.to_digit(10).map(|d| d as usize),
        _ => None,
    }
}

/// How a key is written in the help.
pub fn key_name(pat: KeyPat) -> String {
    match pat {
        Ctrl(c) => format!("Ctrl-{c}"),
        Digit => "1…9".into(),
        Plain(code) => match code {
            Esc => "Esc".into(),
            Enter => "Enter".into(),
            Tab => "Tab".into(),
            BackTab => "Shift-Tab".into(),
            Backspace => "Backspace".into(),
            Up => "↑".into(),
            Down => "↓".into(),
            Left => "←".into(),
            Right => "→".into(),
            PageUp => "PgUp".into(),
            PageDown => "PgDn".into(),
            Home => "Home".into(),
            End => "End".into(),
            F(n) => format!("F{n}"),
            Char(' ') => "Space".into(),
            Char(c) => c.to_string(),
            other => format!("{other:?}"),
        },
    }
}

/// The help of an action that has a key.
pub fn describe(action: &Action, ui: &Ui) -> &'static str {
    let k: &KeyHelp = &ui.keys;
    match action {
        Action::Quit => k.quit,
        Action::Escape => k.escape,
        Action::Up => k.up,
        Action::Down => k.down,
        Action::PageUp => k.page_up,
        Action::PageDown => k.page_down,
        Action::First => k.first,
        Action::Last => k.last,
        Action::FocusDetail => k.focus_detail,
        Action::FocusList => k.focus_list,
        Action::Activate => k.activate,
        Action::ItemNext => k.item_next,
        Action::ItemPrev => k.item_prev,
        Action::Pick(_) => k.pick,
        Action::CopyCommand => k.copy_command,
        Action::CopyText => k.copy_text,
        Action::CopyTop => k.copy_top,
        Action::OpenDoc => k.open_doc,
        Action::Back => k.back,
        Action::ToggleHelp => k.help,
        Action::ToggleLanguage => k.language,
        Action::Suspend => k.suspend,
        Action::CursorLeft => k.cursor_left,
        Action::CursorRight => k.cursor_right,
        Action::CursorStart => k.cursor_start,
        Action::CursorEnd => k.cursor_end,
        Action::DeleteChar => k.delete_char,
        Action::DeleteWord => k.delete_word,
        Action::ClearLine => k.clear_line,
        Action::ScrollUp => k.scroll_up,
        Action::ScrollDown => k.scroll_down,
        Action::DetailTop => k.detail_top,
        Action::DetailBottom => k.detail_bottom,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::ui::{EN, ZH};

    #[test]
    fn every_binding_is_described_in_both_languages() {
        for binding in BINDINGS.iter().filter(|b| b.when != When::Help) {
            assert!(!describe(&binding.action, &EN).is_empty(), "{binding:?}");
            assert!(!describe(&binding.action, &ZH).is_empty(), "{binding:?}");
        }
    }

    #[test]
    fn letters_are_commands_only_when_the_query_is_idle() {
        let key = |c| KeyEvent::new(Char(c), KeyModifiers::NONE);
        let typing = Context { help: false, detail: false, idle: false };
        let idle = Context { idle: true, ..typing };
        let detail = Context { detail: true, ..typing };
        assert!(matches!(resolve(key('q'), typing), Some(Action::Insert('q'))));
        assert!(matches!(resolve(key('q'), idle), Some(Action::Quit)));
        assert!(matches!(resolve(key('7'), detail), Some(Action::Pick(7))));
        assert!(resolve(key('x'), detail).is_none());
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        assert!(matches!(resolve(ctrl_c, Context { help: true, ..detail }), Some(Action::Quit)));
    }
}
