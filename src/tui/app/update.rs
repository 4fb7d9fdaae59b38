//! `App::update`: one action in, the state changed, maybe one effect out. List navigation,
//! query editing, paste, mouse and the modes live here; the detail pane's own actions are in
//! `detail_nav`.

use ratatui::layout::{Position, Rect};

use super::results::{Results, RANK_ON_UI_AT_MOST};
use super::{App, Focus, Mode};
use crate::diagnose::keylines::line_weight;
use crate::tui::action::{Action, Effect, Job};
use crate::tui::view::layout::{layout, Areas};

impl App {
    /// Applies `action`; the effect, if any, is for the loop to perform.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Quit => Some(Effect::Quit),
            Action::Escape => self.escape(),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.page(-1),
            Action::PageDown => self.page(1),
            Action::First | Action::Last => self.ends(matches!(action, Action::Last)),
            Action::FocusDetail => self.focus_detail(),
            Action::FocusList => self.set_focus(Focus::List),
            Action::ToggleHelp => self.set_help(!self.help),
            Action::ScrollUp if self.help => self.scroll_help(-1),
            Action::ScrollDown if self.help => self.scroll_help(1),
            Action::ToggleLanguage => self.set_language(),
            Action::Suspend => Some(Effect::Suspend),
            Action::Paste(text) => self.paste(text),
            Action::Click { column, row } => self.click(column, row),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Tick => self.tick(),
            Action::Loaded(loaded) => self.loaded(loaded),
            Action::LoadProgress(records) => {
                self.load_progress = Some(records);
                None
            }
            answer @ (Action::Searched { .. } | Action::RankedAll { .. } | Action::Diagnosed { .. }) => {
                self.answer(answer);
                None
            }
            edit @ (Action::Insert(_)
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorStart
            | Action::CursorEnd
            | Action::DeleteChar
            | Action::DeleteWord
            | Action::ClearLine) => self.edit(edit),
            other => self.update_detail(other),
        }
    }

    /// Takes what the worker sent.
    fn answer(&mut self, action: Action) {
        match action {
            Action::Searched { generation, query, hits } => self.searched(generation, query, hits),
            Action::Diagnosed { generation, diagnosis } => self.diagnosed(generation, diagnosis),
            Action::RankedAll { generation, hits } => self.ranked_all(generation, hits),
            _ => {}
        }
    }

    /// The screen areas at the current size (`None`: too small).
    pub fn areas(&self) -> Option<Areas> {
        layout(Rect::new(0, 0, self.size.0, self.size.1))
    }

    fn list_height(&self) -> usize {
        self.areas().map_or(1, |a| usize::from(a.list.height.saturating_sub(2)).max(1))
    }

    fn escape(&mut self) -> Option<Effect> {
        if self.focus == Focus::Detail {
            return self.set_focus(Focus::List);
        }
        if matches!(self.mode, Mode::Diagnose { .. }) {
            return self.leave_diagnosis();
        }
        if !self.query.is_empty() {
            self.query = Default::default();
            return self.request_search();
        }
        Some(Effect::Quit)
    }

    /// Selects row `row` (clamped), showing its record from the top.
    pub(super) fn select(&mut self, row: usize) {
        self.selected = row.min(self.results.len().saturating_sub(1));
        self.shown = None;
        self.history.clear();
        self.scroll = 0;
        self.item = 0;
        self.keep_selection_visible();
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let height = self.list_height();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(self.results.len().saturating_sub(height));
    }

    fn move_by(&mut self, delta: isize) -> Option<Effect> {
        self.select(self.selected.saturating_add_signed(delta));
        None
    }

    fn page(&mut self, direction: isize) -> Option<Effect> {
        self.move_by(direction * self.list_height() as isize)
    }

    fn ends(&mut self, last: bool) -> Option<Effect> {
        if last {
            if let Results::Search { hits, .. } = &self.results {
                if hits.unranked() > RANK_ON_UI_AT_MOST {
                    // Ranking them all would freeze the screen: the worker does it.
                    let job = Job::RankAll { hits: hits.clone() };
                    return Some(self.request(job));
                }
            }
        }
        self.select(if last { usize::MAX } else { 0 });
        None
    }

    fn set_focus(&mut self, focus: Focus) -> Option<Effect> {
        self.focus = focus;
        None
    }

    fn set_help(&mut self, open: bool) -> Option<Effect> {
        self.help = open;
        self.help_scroll = 0;
        None
    }

    fn scroll_help(&mut self, delta: isize) -> Option<Effect> {
        // The help is drawn clamped; this bound only keeps the number meaningful.
        self.help_scroll = self.help_scroll.saturating_add_signed(delta).min(crate::tui::keymap::BINDINGS.len());
        None
    }

    fn set_language(&mut self) -> Option<Effect> {
        self.lang = self.lang.toggled();
        // The detail's lines change, so the pane starts from the top of the record again.
        self.scroll = 0;
        self.keep_item_visible();
        None
    }

    fn edit(&mut self, action: Action) -> Option<Effect> {
        if matches!(self.mode, Mode::Diagnose { .. }) {
            return None;
        }
        match action {
            Action::Insert(c) => self.query.insert(c.encode_utf8(&mut [0; 4])),
            Action::CursorLeft => self.query.left(),
            Action::CursorRight => self.query.right(),
            Action::CursorStart => self.query.start(),
            Action::CursorEnd => self.query.end(),
            Action::DeleteChar => self.query.delete_char(),
            Action::DeleteWord => self.query.delete_word(),
            _ => self.query.clear_before(),
        }
        let moved_only =
            matches!(action, Action::CursorLeft | Action::CursorRight | Action::CursorStart | Action::CursorEnd);
        if moved_only {
            None
        } else {
            self.request_search()
        }
    }

    /// A paste: error text (several lines, or one that reads like an error) is diagnosed;
    /// anything else is typed into the query.
    fn paste(&mut self, text: String) -> Option<Effect> {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let is_error = lines.len() > 1 || lines.first().is_some_and(|l| line_weight(l) > 0.0);
        if is_error {
            return self.start_diagnosis(text);
        }
        if matches!(self.mode, Mode::Diagnose { .. }) || self.focus == Focus::Detail {
            return None;
        }
        self.query.insert(text.trim());
        self.request_search()
    }

    fn click(&mut self, column: u16, row: u16) -> Option<Effect> {
        let areas = self.areas()?;
        let at = Position::new(column, row);
        if areas.list.contains(at) {
            self.focus = Focus::List;
            let line = usize::from(row.saturating_sub(areas.list.y + 1));
            if row > areas.list.y && self.offset + line < self.results.len() {
                self.select(self.offset + line);
            }
        } else if areas.detail.contains(at) {
            self.focus = Focus::Detail;
        }
        None
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) -> Option<Effect> {
        let areas = self.areas()?;
        let step: isize = if down { 3 } else { -3 };
        if areas.detail.contains(Position::new(column, row)) {
            return self.scroll_detail(step);
        }
        self.move_by(step.signum())
    }

    fn resize(&mut self, width: u16, height: u16) -> Option<Effect> {
        self.size = (width, height);
        self.keep_selection_visible();
        None
    }

    fn tick(&mut self) -> Option<Effect> {
        if self.toast.as_ref().is_some_and(|t| t.until <= std::time::Instant::now()) {
            self.toast = None;
        }
        None
    }
}
