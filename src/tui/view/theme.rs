//! Styles, with and without colour. Under `NO_COLOR` only bold, underline and reverse are used,
//! and nothing depends on colour alone: the selected row has a marker, bars are characters.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

/// The styles of one frame.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Colours unless `no_color`.
    pub fn new(no_color: bool) -> Theme {
        Theme { color: !no_color }
    }

    fn pick(self, colored: Style, plain: Style) -> Style {
        if self.color {
            colored
        } else {
            plain
        }
    }

    /// The mode badge.
    pub fn badge(self, diagnose: bool) -> Style {
        let bg = if diagnose { Color::Magenta } else { Color::Cyan };
        self.pick(Style::new().fg(Color::Black).bg(bg).bold(), Style::new().reversed().bold())
    }

    /// Characters the query matched.
    pub fn matched(self) -> Style {
        self.pick(Style::new().fg(Color::Yellow).bold(), Style::new().bold().underlined())
    }

    /// The selected row.
    pub fn selected(self) -> Style {
        self.pick(Style::new().bg(Color::DarkGray).bold(), Style::new().bold())
    }

    /// Section titles and the record id.
    pub fn heading(self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).bold(), Style::new().bold())
    }

    /// Labels and other quiet text.
    pub fn dim(self) -> Style {
        self.pick(Style::new().fg(Color::Gray).add_modifier(Modifier::DIM), Style::new())
    }

    /// "DON'T" and fail bars.
    pub fn bad(self) -> Style {
        self.pick(Style::new().fg(Color::Red).bold(), Style::new().bold())
    }

    /// Success bars.
    pub fn good(self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }

    /// A command to copy.
    pub fn command(self) -> Style {
        self.pick(Style::new().fg(Color::LightGreen), Style::new())
    }

    /// The "filled from your error" mark and English-fallback marks.
    pub fn note(self) -> Style {
        self.pick(Style::new().fg(Color::Yellow).italic(), Style::new().italic())
    }

    /// Error messages.
    pub fn error(self) -> Style {
        self.pick(Style::new().fg(Color::White).bg(Color::Red), Style::new().reversed())
    }

    /// A pane border, brighter when it has the focus.
    pub fn border(self, focused: bool) -> (Style, BorderType) {
        match (focused, self.color) {
            (true, true) => (Style::new().fg(Color::Cyan), BorderType::Thick),
            (true, false) => (Style::new().bold(), BorderType::Thick),
            (false, _) => (self.dim(), BorderType::Plain),
        }
    }
}
