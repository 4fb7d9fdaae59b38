//! The query line: the mode badge, the query (or, when diagnosing, what is being diagnosed),
//! the count `shown/total` at the right, and the terminal cursor placed by display width.

use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use crate::i18n::ui::Ui;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::text::{clean, styled, to_line, truncate, width, Styled};

/// Draws the query line into `area` (one row).
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = Theme::new(app.no_color);
    let ui = app.ui();
    let diagnosing = matches!(app.mode, Mode::Diagnose { .. });
    let badge = format!(" {} ", if diagnosing { ui.mode_diagnose } else { ui.mode_search });
    let count = count(app);
    let mut line = styled(&badge, theme.badge(diagnosing));
    line.extend(styled(" › ", theme.dim()));
    let prefix = width(&badge) + 3;
    let room = usize::from(area.width).saturating_sub(prefix + width(&count) + 1);
    let (shown, cursor) = match &app.mode {
        Mode::Diagnose { text, .. } => (truncate(&styled(&summary(text, ui), theme.dim()), room), None),
        Mode::Search => scrolled(app, room),
    };
    let used = width_of(&line) + width_of(&shown);
    line.extend(shown);
    line.extend(styled(&" ".repeat(usize::from(area.width).saturating_sub(used + width(&count))), Style::default()));
    line.extend(styled(&count, theme.dim()));
    frame.render_widget(Paragraph::new(to_line(&truncate(&line, usize::from(area.width)))), area);
    let cursor_wanted = app.focus == Focus::List && !app.help;
    if let (Some(cursor), true) = (cursor, cursor_wanted) {
        let x = (prefix + cursor).min(usize::from(area.width.saturating_sub(1)));
        frame.set_cursor_position(Position::new(area.x + x as u16, area.y));
    }
}

/// The query, scrolled so the cursor is in view, and the cursor's column in it.
fn scrolled(app: &App, room: usize) -> (Styled, Option<usize>) {
    let text = clean(app.query.text());
    let before = width(&clean(app.query.before_cursor()));
    let mut chars: Styled = styled(&text, Style::default());
    let mut skipped = 0;
    // Drop whole characters from the left until the cursor fits: never half a wide character.
    while before - skipped >= room.max(1) && !chars.is_empty() {
        skipped += crate::tui::text::char_width(chars.remove(0).0);
    }
    (truncate(&chars, room), Some(before - skipped))
}

fn width_of(text: &Styled) -> usize {
    text.iter().map(|(c, _)| crate::tui::text::char_width(*c)).sum()
}

/// The first line of the diagnosed text, or how many lines it has.
fn summary(text: &str, ui: &Ui) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    match lines.as_slice() {
        [one] => one.trim().to_string(),
        many => Ui::fill(ui.pasted_lines, &[&many.len().to_string()]),
    }
}

/// `shown/total`, with `…` while a request is in flight.
fn count(app: &App) -> String {
    let total = app.kb().map_or(0, |kb| kb.len());
    let busy = if app.busy || app.loaded.is_none() { "… " } else { "" };
    format!("{busy}{}/{total}", app.results.len())
}
