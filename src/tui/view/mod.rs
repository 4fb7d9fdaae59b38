//! Drawing: `draw(&App, &mut Frame)` renders every pane from read-only state (one file per
//! pane), or "terminal too small" when the terminal is below the minimum size.

pub mod blocks;
pub mod detail;
pub mod help;
pub mod layout;
pub mod list;
pub mod query;
pub mod status;
pub mod theme;
pub mod toast;

use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::app::App;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    let Some(areas) = layout::layout(area) else {
        let text = format!("{} ({}x{})", app.ui().too_small, area.width, area.height);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    };
    query::draw(app, frame, areas.query);
    list::draw(app, frame, areas.list);
    detail::draw(app, frame, areas.detail);
    status::draw(app, frame, areas.status);
    let body = Rect::new(area.x, areas.query.bottom(), area.width, areas.status.y.saturating_sub(areas.query.bottom()));
    toast::draw(app, frame, body);
    if app.help {
        help::draw(app, frame, body);
    }
}
