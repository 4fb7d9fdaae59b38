//! The toast: a short message (what was copied and how, or what failed) in a box above the
//! status line, wrapped so that a failed copy's text can be read and selected by hand.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::theme::Theme;
use crate::tui::app::App;
use crate::tui::text::{styled, wrap};

/// At most this many lines of toast text.
const MAX_LINES: usize = 4;

/// Draws the toast, if any, at the bottom of `body` (the area between query and status lines).
pub fn draw(app: &App, frame: &mut Frame<'_>, body: Rect) {
    let Some(toast) = &app.toast else { return };
    let theme = Theme::new(app.no_color);
    let width = body.width.saturating_sub(4).max(1);
    let style = if toast.error { theme.error() } else { ratatui::style::Style::default() };
    let mut lines: Vec<Line<'static>> = wrap(&styled(&toast.text, style), usize::from(width.saturating_sub(2)), 0);
    lines.truncate(MAX_LINES);
    let height = (lines.len() as u16 + 2).min(body.height);
    let area = Rect::new(body.x + 2, body.bottom().saturating_sub(height), width, height);
    let (border, kind) = theme.border(true);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::new().borders(Borders::ALL).border_style(border).border_type(kind)),
        area,
    );
}
