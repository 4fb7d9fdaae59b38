//! The status line: a query error when there is one, else the loading progress of a large KB,
//! else the hints of the current context; and the number of KB load problems at the right.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::theme::Theme;
use crate::i18n::ui::Ui;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::text::{styled, to_line, truncate, width};

/// Draws the status line into `area` (one row).
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = Theme::new(app.no_color);
    let ui = app.ui();
    let (text, style) = match (&app.error, app.load_progress) {
        (Some(error), _) => (error.clone(), theme.error()),
        (None, Some(records)) => (Ui::fill(ui.loading_records, &[&records.to_string()]), theme.dim()),
        (None, None) => (hint(app).to_string(), theme.dim()),
    };
    let problems = app.kb().map_or(0, |kb| kb.error_count());
    let right = if problems > 0 { Ui::fill(ui.load_problems, &[&problems.to_string()]) } else { String::new() };
    let total = usize::from(area.width);
    let mut line = truncate(&styled(&text, style), total.saturating_sub(width(&right) + 1));
    let used: usize = line.iter().map(|(c, _)| crate::tui::text::char_width(*c)).sum();
    if !right.is_empty() {
        line.extend(styled(&" ".repeat(total.saturating_sub(used + width(&right))), Style::default()));
        line.extend(styled(&right, theme.bad()));
    }
    frame.render_widget(Paragraph::new(to_line(&truncate(&line, total))), area);
}

fn hint(app: &App) -> &'static str {
    let ui = app.ui();
    if app.help {
        ui.hint_help
    } else if app.focus == Focus::Detail {
        ui.hint_detail
    } else if matches!(app.mode, Mode::Diagnose { .. }) {
        ui.hint_diagnose
    } else {
        ui.hint_list
    }
}
