//! Where each pane goes: the query line on top, the status line at the bottom, the list and the
//! detail side by side (list over detail below [`WIDE`] columns), nothing below the minimum size.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this many columns the list is stacked over the detail pane.
pub const WIDE: u16 = 100;
/// The smallest usable terminal; anything smaller shows "terminal too small".
pub const MIN_WIDTH: u16 = 30;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 8;

/// The areas of the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub query: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub status: Rect,
}

/// The panes' areas in `area`, or `None` when it is too small to be useful.
pub fn layout(area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [query, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let [list, detail] = if area.width >= WIDE {
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(body)
    };
    Some(Areas { query, list, detail, status })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_when_narrow_and_gives_up_when_tiny() {
        let wide = layout(Rect::new(0, 0, 120, 30)).unwrap();
        assert_eq!(wide.list.y, wide.detail.y);
        let narrow = layout(Rect::new(0, 0, 60, 20)).unwrap();
        assert!(narrow.detail.y > narrow.list.y);
        assert_eq!(layout(Rect::new(0, 0, 20, 5)), None);
        assert_eq!(layout(Rect::new(0, 0, 0, 0)), None);
    }
}
