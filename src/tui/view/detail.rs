//! The detail pane: the shown record laid out by `crate::detail` (plus, when diagnosing, the
//! part of the user's text that matched), wrapped to the pane's width. Built from read-only
//! state, both to draw and (by the app) to know where each workaround and link starts, so
//! the selected one can be scrolled into view.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block as Frame, Borders, Paragraph};

use super::blocks;
use super::theme::Theme;
use crate::detail::detail;
use crate::diagnose::Match;
use crate::i18n::labels::Labels;
use crate::tui::app::{App, Focus, Mode};
use crate::tui::text::{styled, wrap, Styled};

/// The detail pane's lines at one width, and the line where each item (workarounds, then
/// links, as `App::items`) starts.
#[derive(Debug, Default)]
pub struct DetailView {
    pub lines: Vec<Line<'static>>,
    pub anchors: Vec<usize>,
}

/// What blocks need to draw themselves.
pub struct Writer {
    pub view: DetailView,
    pub width: usize,
    pub theme: Theme,
    pub labels: &'static Labels,
    /// The selected item, when the pane has the focus.
    pub selected: Option<usize>,
}

impl Writer {
    /// Wraps `text` into the pane, continuation lines indented by `indent`.
    pub fn push(&mut self, text: Styled, indent: usize) {
        self.view.lines.extend(wrap(&text, self.width, indent));
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.view.lines.push(Line::default());
    }

    /// Starts the next item here; returns whether it is the selected one.
    pub fn anchor(&mut self) -> bool {
        self.view.anchors.push(self.view.lines.len());
        self.selected == Some(self.view.anchors.len() - 1)
    }
}

impl DetailView {
    /// The lines of the shown record at `width` columns.
    pub fn build(app: &App, width: usize) -> DetailView {
        let theme = Theme::new(app.no_color);
        let labels = Labels::of(app.lang);
        let selected = (app.focus == Focus::Detail).then_some(app.item);
        let mut out = Writer { view: DetailView::default(), width: width.max(1), theme, labels, selected };
        let (Some(kb), Some(record)) = (app.kb(), app.current_record()) else {
            let ui = app.ui();
            let message = if app.loaded.is_none() || app.busy { ui.loading } else { ui.nothing_selected };
            out.push(styled(message, theme.dim()), 0);
            return out.view;
        };
        out.push(styled(&record.id, theme.heading()), 0);
        if let (Mode::Diagnose { text, .. }, None, Some(found)) =
            (&app.mode, app.shown, app.results.match_at(app.selected))
        {
            matched_section(&mut out, app, text, found);
        }
        for section in detail(kb, record, app.lang, app.current_fill()).sections {
            out.blank();
            out.push(styled(section.title, theme.heading()), 0);
            for block in &section.blocks {
                blocks::render(&mut out, block);
            }
        }
        out.view
    }
}

/// "Matched in your text": the line of the user's text that matched, the match highlighted.
fn matched_section(out: &mut Writer, app: &App, text: &str, found: &Match) {
    let theme = out.theme;
    let ui = app.ui();
    out.blank();
    let confidence = format!("  {:.0}%", found.score * 100.0);
    let mut title = styled(ui.matched_in_text, theme.heading());
    title.extend(styled(&confidence, theme.heading()));
    out.push(title, 0);
    if let Some(span) = found.matched.first() {
        out.push(matched_line(text, span.clone(), theme), 2);
    }
    if !found.why.is_empty() {
        out.push(styled(&format!("{}: {}", ui.why, found.why), theme.dim()), 2);
    }
}

/// The line of `text` around `span`, the span highlighted, cut to a window around it.
fn matched_line(text: &str, span: Range<usize>, theme: Theme) -> Styled {
    const BEFORE: usize = 80;
    const AFTER: usize = 240;
    let start = text.get(..span.start).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    let end = text.get(span.start..).and_then(|t| t.find('\n')).map_or(text.len(), |i| span.start + i);
    let Some(line) = text.get(start..end) else { return Vec::new() };
    let chars: Styled = line
        .char_indices()
        .map(|(at, c)| (c, if span.contains(&(start + at)) { theme.matched() } else { Style::default() }))
        .collect();
    let first = line.char_indices().position(|(at, _)| start + at >= span.start).unwrap_or(0);
    let from = first.saturating_sub(BEFORE);
    let mut window: Styled =
        chars.iter().skip(from).take(BEFORE + AFTER).map(|&(c, s)| (crate::tui::text::clean_char(c), s)).collect();
    if from > 0 {
        window.insert(0, ('…', Style::default()));
    }
    window.insert(0, (' ', Style::default()));
    window.insert(0, ('›', theme.dim()));
    window
}

/// Draws the pane into `area`.
pub fn draw(app: &App, frame: &mut ratatui::Frame<'_>, area: ratatui::layout::Rect) {
    let theme = Theme::new(app.no_color);
    let (style, kind) = theme.border(app.focus == Focus::Detail);
    let inner_width = usize::from(area.width.saturating_sub(2));
    let view = DetailView::build(app, inner_width);
    let height = usize::from(area.height.saturating_sub(2));
    let scroll = app.scroll.min(view.lines.len().saturating_sub(height));
    let position = if view.lines.len() > height {
        format!(" {}-{}/{} ", scroll + 1, (scroll + height).min(view.lines.len()), view.lines.len())
    } else {
        String::new()
    };
    let block = Frame::new()
        .borders(Borders::ALL)
        .border_style(style)
        .border_type(kind)
        .title(format!(" {} ", app.ui().detail_title))
        .title_bottom(Line::from(position).right_aligned());
    let lines: Vec<Line<'static>> = view.lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
