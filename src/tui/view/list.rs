//! The result list: one row per record (a marker on the selected one, the confidence when
//! diagnosing, the id and the signature), with the characters the query matched highlighted.
//! Match positions are computed here, for the rows on screen only.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::theme::Theme;
use crate::i18n::Lang;
use crate::search::{Field, FieldMatch};
use crate::tui::app::{App, Focus, Mode, Results};
use crate::tui::text::{to_line, truncate, Styled};

/// Draws the list into `area`.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = Theme::new(app.no_color);
    let (style, kind) = theme.border(app.focus == Focus::List);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(style)
        .border_type(kind)
        .title(format!(" {} ", app.ui().results_title));
    let width = usize::from(area.width.saturating_sub(2));
    let height = usize::from(area.height.saturating_sub(2));
    let lines: Vec<Line<'static>> = match message(app) {
        Some(text) => vec![Line::styled(text, theme.dim())],
        None => (app.offset..app.results.len().min(app.offset + height))
            .map(|row| row_line(app, row, width, theme))
            .collect(),
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// What to say instead of rows: loading, or nothing found.
fn message(app: &App) -> Option<&'static str> {
    let ui = app.ui();
    match (&app.results, app.loaded.is_some()) {
        (_, false) | (Results::Pending, _) => Some(ui.loading),
        (results, true) if results.is_empty() && !app.busy => {
            Some(if matches!(app.mode, Mode::Diagnose { .. }) { ui.no_diagnosis } else { ui.no_results })
        }
        _ => None,
    }
}

fn row_line(app: &App, row: usize, width: usize, theme: Theme) -> Line<'static> {
    let (Some(loaded), Some(index)) = (&app.loaded, app.results.record_at(row)) else { return Line::default() };
    let Some(record) = loaded.kb.get(index) else { return Line::default() };
    let selected = row == app.selected;
    let matches: Vec<FieldMatch> = app.results.query().map(|q| loaded.index.highlight(index, q)).unwrap_or_default();
    let mut line: Styled = if selected { plain("▶ ", theme.selected()) } else { plain("  ", Style::default()) };
    if let Some(found) = app.results.match_at(row) {
        line.extend(plain(&format!("{:>3.0}% ", found.score * 100.0), theme.heading()));
    }
    line.extend(marked(&record.id, Style::default(), positions(&matches, Field::Id), theme));
    let (signature, field) = match (app.lang, &record.signature_zh) {
        (Lang::Zh, Some(zh)) => (Some(zh), Field::SignatureZh),
        _ => (record.signature.as_ref(), Field::Signature),
    };
    if let Some(signature) = signature {
        line.extend(plain("  ", Style::default()));
        line.extend(marked(signature, theme.dim(), positions(&matches, field), theme));
    }
    let mut line = truncate(&line, width);
    if selected {
        line.iter_mut().for_each(|(_, style)| *style = theme.selected().patch(*style));
    }
    to_line(&line)
}

fn plain(text: &str, style: Style) -> Styled {
    crate::tui::text::styled(text, style)
}

fn positions(matches: &[FieldMatch], field: Field) -> &[usize] {
    matches.iter().find(|m| m.field == field).map_or(&[], |m| m.positions.as_slice())
}

/// `text` in `style`, its characters at `positions` (char indices, ascending) highlighted.
fn marked(text: &str, style: Style, positions: &[usize], theme: Theme) -> Styled {
    let mut wanted = positions.iter().peekable();
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            let hit = wanted.next_if(|&&p| p == i).is_some();
            (crate::tui::text::clean_char(c), if hit { style.patch(theme.matched()) } else { style })
        })
        .collect()
}
