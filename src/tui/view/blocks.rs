//! Each kind of `crate::detail::Block` as lines of the detail pane: prose (marked when it is an
//! English fallback), fields, rates as bars, the versions table, dead ends marked DON'T with
//! fail-rate bars, numbered workarounds with success-rate bars and their command set apart,
//! and links (a missing one shown as missing).

use ratatui::style::Style;

use super::detail::Writer;
use crate::detail::{Block, WorkaroundBlock};
use crate::tui::text::{styled, width, Styled};

/// Cells of a rate bar.
const BAR: usize = 10;

/// Writes `block`.
pub fn render(out: &mut Writer, block: &Block) {
    let theme = out.theme;
    match block {
        Block::Text { text, fallback } => {
            let mut line = styled(text, Style::default());
            if *fallback {
                line.extend(styled(&format!(" {}", out.labels.english_fallback), theme.note()));
            }
            out.push(indented(line), 2);
        }
        Block::Field { label, value } => out.push(field(label, value, out), 4),
        Block::Rate { label, rate } => out.push(rate_line(label, *rate, theme.good(), out), 2),
        Block::Table { header, rows } => table(out, header, rows),
        Block::DeadEnd { action, why_fails, fail_rate, condition, sources } => {
            let mut line = styled("  ✗ ", theme.bad());
            line.extend(styled(out.labels.dont, theme.bad()));
            line.extend(styled(&format!("  {action}"), Style::default()));
            out.push(line, 4);
            if let Some(rate) = fail_rate {
                out.push(rate_line(out.labels.fails, *rate, theme.bad(), out), 4);
            }
            optional(out, out.labels.why_fails, why_fails.as_deref());
            optional(out, out.labels.condition, condition.as_deref());
            optional(out, out.labels.sources, Some(&sources.join(", ")).filter(|s| !s.is_empty()).map(|s| s.as_str()));
        }
        Block::Workaround(workaround) => workaround_lines(out, workaround),
        Block::Link { kind, id, resolved, note, probability } => {
            let selected = out.anchor();
            let mut line = marker(selected, out);
            line.extend(styled(&format!("{kind} → "), theme.dim()));
            line.extend(styled(id, if *resolved { theme.heading() } else { theme.dim() }));
            if !resolved {
                line.extend(styled(&format!(" ({})", out.labels.missing_link), theme.note()));
            }
            if let Some(p) = probability {
                line.extend(styled(&format!(" {:.0}%", p * 100.0), theme.dim()));
            }
            out.push(line, 4);
            optional(out, "", note.as_deref());
        }
    }
}

fn workaround_lines(out: &mut Writer, w: &WorkaroundBlock) {
    let theme = out.theme;
    let labels = out.labels;
    let selected = out.anchor();
    let mut line = marker(selected, out);
    line.extend(styled(&format!("{}. ", w.number), theme.heading()));
    line.extend(styled(&w.text, Style::default()));
    if w.fallback {
        line.extend(styled(&format!(" {}", labels.english_fallback), theme.note()));
    }
    out.push(line, 5);
    if let Some(rate) = w.success_rate {
        out.push(rate_line(labels.works, rate, theme.good(), out), 5);
    }
    optional(out, labels.condition, w.condition.as_deref());
    if let Some(filled) = &w.filled_command {
        let mut line = styled("     $ ", theme.dim());
        line.extend(styled(filled, theme.command()));
        line.extend(styled(&format!("  ◆ {}", labels.filled), theme.note()));
        out.push(line, 7);
    }
    if let Some(command) = &w.command {
        let style = if w.filled_command.is_some() { theme.dim() } else { theme.command() };
        let mut line = styled(if w.filled_command.is_some() { "     # " } else { "     $ " }, theme.dim());
        line.extend(styled(command, style));
        out.push(line, 7);
    }
    optional(out, labels.sources, Some(w.sources.join(", ")).filter(|s| !s.is_empty()).as_deref());
}

/// `▶ ` on the selected item, else spaces.
fn marker(selected: bool, out: &Writer) -> Styled {
    if selected {
        styled("▶ ", out.theme.selected())
    } else {
        styled("  ", Style::default())
    }
}

fn indented(mut line: Styled) -> Styled {
    line.splice(0..0, styled("  ", Style::default()));
    line
}

fn field(label: &str, value: &str, out: &Writer) -> Styled {
    let mut line = styled(&format!("  {label}: "), out.theme.dim());
    line.extend(styled(value, Style::default()));
    line
}

/// `label ██████░░░░ 60%`.
fn rate_line(label: &str, rate: f64, style: Style, out: &Writer) -> Styled {
    let rate = if rate.is_finite() { rate.clamp(0.0, 1.0) } else { 0.0 };
    let full = (rate * BAR as f64).round() as usize;
    let mut line = styled(&format!("    {label} "), out.theme.dim());
    line.extend(styled(&"█".repeat(full), style));
    line.extend(styled(&"░".repeat(BAR - full), out.theme.dim()));
    line.extend(styled(&format!(" {:.0}%", rate * 100.0), Style::default()));
    line
}

/// `label: text` on its own line, when there is a text.
fn optional(out: &mut Writer, label: &str, text: Option<&str>) {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else { return };
    let mut line = if label.is_empty() {
        styled("      ", Style::default())
    } else {
        styled(&format!("      {label}: "), out.theme.dim())
    };
    line.extend(styled(text, Style::default()));
    out.push(line, 8);
}

/// A table with columns as wide as their widest cell (by display width).
fn table(out: &mut Writer, header: &[&'static str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (column, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(column) {
                *w = (*w).max(width(cell));
            }
        }
    }
    let line = |cells: Vec<&str>, style: Style| -> Styled {
        let mut line = styled("  ", Style::default());
        for (cell, w) in cells.iter().zip(&widths) {
            let pad = w.saturating_sub(width(cell)) + 2;
            line.extend(styled(&format!("{cell}{}", " ".repeat(pad)), style));
        }
        line
    };
    let head = line(header.to_vec(), out.theme.dim());
    let body: Vec<Styled> =
        rows.iter().map(|r| line(r.iter().map(String::as_str).collect(), Style::default())).collect();
    for row in std::iter::once(head).chain(body) {
        out.push(crate::tui::text::truncate(&row, out.width), 0);
    }
}
