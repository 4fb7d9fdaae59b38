//! The help overlay, generated from the keymap table (so it lists exactly the keys the app
//! obeys), grouped by where the keys work: in two columns when the terminal is wide enough,
//! else one column that scrolls.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::theme::Theme;
use crate::tui::app::App;
use crate::tui::keymap::{describe, key_name, When, BINDINGS};
use crate::tui::text::{styled, to_line, truncate, width, Styled};

/// Width of the keys column.
const KEYS: usize = 20;
/// Two columns from this overlay width on.
const TWO_COLUMNS: u16 = 110;

/// The help's groups of lines, in the app's language: anywhere and list, then detail.
pub fn columns(app: &App, theme: Theme) -> [Vec<Line<'static>>; 2] {
    let ui = app.ui();
    let mut left = group(app, theme, ui.help_anywhere, &[When::Global, When::Always]);
    left.push(Line::default());
    left.extend(group(app, theme, ui.help_list, &[When::List, When::Idle]));
    [left, group(app, theme, ui.help_detail, &[When::Detail])]
}

fn group(app: &App, theme: Theme, title: &'static str, whens: &[When]) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled(title, theme.heading())];
    for binding in BINDINGS.iter().filter(|b| whens.contains(&b.when)) {
        let keys: Vec<String> = binding.keys.iter().map(|k| key_name(*k)).collect();
        let keys = keys.join(" ");
        let mut row: Styled = styled(&format!("  {keys}"), theme.matched());
        row.extend(styled(&" ".repeat(KEYS.saturating_sub(width(&keys) + 2).max(1)), Style::default()));
        row.extend(styled(describe(&binding.action, app.ui()), Style::default()));
        out.push(to_line(&row));
    }
    out
}

/// Draws the overlay centred in `area`.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = Theme::new(app.no_color);
    let [left, right] = columns(app, theme);
    let width = area.width.saturating_sub(2).min(120);
    let two = width >= TWO_COLUMNS;
    let rows = if two { left.len().max(right.len()) } else { left.len() + 1 + right.len() };
    let height = area.height.min(rows as u16 + 2);
    let rect = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    let (border, kind) = theme.border(true);
    let title = format!(" {} — {} ", app.ui().help_title, app.ui().hint_help);
    let block = Block::new().borders(Borders::ALL).border_style(border).border_type(kind).title(title);
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let visible = usize::from(inner.height);
    let scroll = app.help_scroll.min(rows.saturating_sub(visible));
    if two {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
        column(frame, a, left, scroll);
        column(frame, b, right, scroll);
    } else {
        let mut all = left;
        all.push(Line::default());
        all.extend(right);
        column(frame, inner, all, scroll);
    }
}

fn column(frame: &mut Frame<'_>, area: Rect, lines: Vec<Line<'static>>, scroll: usize) {
    let room = usize::from(area.width);
    let lines: Vec<Line<'static>> =
        lines.iter().skip(scroll).take(usize::from(area.height)).map(|l| to_line(&truncate(&chars(l), room))).collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn chars(line: &Line<'_>) -> Styled {
    line.spans.iter().flat_map(|s| s.content.chars().map(move |c| (c, line.style.patch(s.style)))).collect()
}
