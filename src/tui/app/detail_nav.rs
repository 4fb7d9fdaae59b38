//! The detail pane's actions: scrolling, picking a workaround or link, copying a command,
//! following a link (with a history for Back) and opening the doc URL.

use super::{App, Focus};
use crate::fix::{destructive_reason, workaround_command};
use crate::i18n::ui::Ui;
use crate::kb::Details;
use crate::tui::action::{Action, Copy, Effect};
use crate::tui::clipboard::Via;
use crate::tui::view::detail::DetailView;

/// A selectable thing of the detail pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Workaround `n` (0-based).
    Workaround(usize),
    /// A link to the record with this id.
    Link(String),
}

impl App {
    /// The detail pane's actions (and the ones no other part handles).
    pub(super) fn update_detail(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ItemNext => self.pick_item(self.item.saturating_add(1)),
            Action::ItemPrev => self.pick_item(self.item.saturating_sub(1)),
            Action::Pick(n) => self.pick_item(n.saturating_sub(1)),
            Action::Activate => self.activate(),
            Action::CopyCommand => self.copy(false, true),
            Action::CopyText => self.copy(false, false),
            Action::CopyTop => self.copy(true, true),
            Action::OpenDoc => self.open_doc(),
            Action::Back => self.back(),
            Action::ScrollUp => self.scroll_detail(-(self.detail_height() as isize)),
            Action::ScrollDown => self.scroll_detail(self.detail_height() as isize),
            Action::DetailTop => self.scroll_detail(isize::MIN / 2),
            Action::DetailBottom => self.scroll_detail(isize::MAX / 2),
            _ => None,
        }
    }

    /// The workarounds, then the links, of the shown record.
    pub fn items(&self) -> Vec<Item> {
        let Some(details) = self.current_details() else { return Vec::new() };
        let workarounds = (0..details.workarounds.len()).map(Item::Workaround);
        workarounds.chain(details.links().map(|(_, link)| Item::Link(link.error_id.clone()))).collect()
    }

    /// The detail sections of the shown record, read from its text; `None` when that text can
    /// no longer be read (the detail pane says why).
    fn current_details(&self) -> Option<Details> {
        self.current_record()?.details().ok()
    }

    pub(super) fn focus_detail(&mut self) -> Option<Effect> {
        self.current()?;
        self.focus = Focus::Detail;
        self.keep_item_visible();
        None
    }

    fn detail_height(&self) -> usize {
        self.areas().map_or(1, |a| usize::from(a.detail.height.saturating_sub(2)).max(1))
    }

    fn detail_view(&self) -> Option<DetailView> {
        let width = self.areas()?.detail.width.saturating_sub(2);
        Some(DetailView::build(self, usize::from(width)))
    }

    pub(super) fn scroll_detail(&mut self, delta: isize) -> Option<Effect> {
        let total = self.detail_view().map_or(0, |v| v.lines.len());
        let max = total.saturating_sub(self.detail_height());
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
        None
    }

    /// Scrolls so that the selected item is on screen (when the detail pane has the focus).
    pub(super) fn keep_item_visible(&mut self) {
        if self.focus != Focus::Detail {
            return;
        }
        let Some(view) = self.detail_view() else { return };
        let Some(&anchor) = view.anchors.get(self.item) else { return };
        let height = self.detail_height();
        // The item's own lines (text, bar, command) follow its anchor: keep room for them.
        if anchor < self.scroll || anchor + 6 >= self.scroll + height {
            self.scroll = anchor.saturating_sub(1).min(view.lines.len().saturating_sub(height));
        }
    }

    fn pick_item(&mut self, item: usize) -> Option<Effect> {
        let count = self.items().len();
        if count > 0 {
            self.focus = Focus::Detail;
            self.item = item.min(count - 1);
            self.keep_item_visible();
        }
        None
    }

    fn activate(&mut self) -> Option<Effect> {
        match self.items().get(self.item).cloned() {
            Some(Item::Link(id)) => self.follow(&id),
            Some(Item::Workaround(n)) if self.print => self.command_of(n).map(Effect::Print),
            Some(Item::Workaround(_)) => self.copy(false, true),
            None => None,
        }
    }

    /// The command of workaround `n` of the shown record, filled with the user's values.
    pub fn command_of(&self, n: usize) -> Option<String> {
        let command = workaround_command(self.current_details()?.workarounds.get(n)?)?;
        Some(self.current_fill().and_then(|fill| fill.apply(&command)).unwrap_or(command))
    }

    fn copy(&mut self, top: bool, command: bool) -> Option<Effect> {
        let n = match self.items().get(self.item) {
            Some(Item::Workaround(n)) if !top => *n,
            _ => 0,
        };
        let text = if command {
            self.command_of(n)
        } else {
            self.current_details().and_then(|d| d.workaround_text_in(n, self.lang).map(|t| t.text.to_string()))
        };
        match text {
            Some(text) => Some(Effect::Copy(Copy { text, command })),
            None => {
                self.toast(self.ui().no_workaround.to_string(), true);
                None
            }
        }
    }

    /// Says how a copy went.
    pub fn copied(&mut self, copy: &Copy, outcome: Result<Via, String>) {
        let ui = self.ui();
        let what = if copy.command { ui.what_command } else { ui.what_text };
        let (mut text, error) = match outcome {
            Ok(via) => {
                let how = match via {
                    Via::Clipboard => ui.via_clipboard,
                    Via::Osc52 => ui.via_osc52,
                    Via::Both => ui.via_both,
                };
                (format!("{}: {}", Ui::fill(ui.copied, &[what, how]), copy.text), false)
            }
            Err(why) => (Ui::fill(ui.copy_failed, &[&why, &copy.text]), true),
        };
        if let Some(reason) = destructive_reason(&copy.text) {
            text = format!("{}  {text}", Ui::fill(ui.warning, &[ui.destructive(reason)]));
        }
        self.toast(text, error);
    }

    fn follow(&mut self, id: &str) -> Option<Effect> {
        match self.kb().and_then(|kb| kb.index_of(id)) {
            Some(index) => {
                self.history.push(self.shown);
                self.shown = Some(index);
                self.scroll = 0;
                self.item = 0;
            }
            None => self.toast(Ui::fill(self.ui().link_missing, &[id]), true),
        }
        None
    }

    fn back(&mut self) -> Option<Effect> {
        if let Some(previous) = self.history.pop() {
            self.shown = previous;
            self.scroll = 0;
            self.item = 0;
        }
        None
    }

    fn open_doc(&mut self) -> Option<Effect> {
        match self.current_record().and_then(|r| r.official_doc_url.clone()) {
            Some(url) => {
                self.toast(Ui::fill(self.ui().opening, &[&url]), false);
                Some(Effect::OpenUrl(url))
            }
            None => {
                self.toast(self.ui().no_doc.to_string(), true);
                None
            }
        }
    }
}
