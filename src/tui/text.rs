//! Text for the screen: sanitising (KB and pasted text may hold control characters and escape
//! sequences, which must never reach the terminal raw), and laying out by display width
//! (`unicode-width`), so Chinese columns line up and a wide character is never split at an edge.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// `c` as it may be drawn: control and bidi-override characters become visible stand-ins.
pub fn clean_char(c: char) -> char {
    match c {
        '\t' => ' ',
        '\u{1b}' => '␛',
        c if c.is_control() => '�',
        // Zero-width and direction-changing characters would make columns lie.
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => '�',
        c => c,
    }
}

/// `text` with every character made safe to draw (newlines included: one line out).
pub fn clean(text: &str) -> String {
    text.chars().map(clean_char).collect()
}

/// The display width of a character as drawn (0-width characters count as 0).
pub fn char_width(c: char) -> usize {
    clean_char(c).width().unwrap_or(0)
}

/// The display width of `text` as drawn.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// A run of styled characters, the unit of wrapping and truncation.
pub type Styled = Vec<(char, Style)>;

/// `text` in one style.
pub fn styled(text: &str, style: Style) -> Styled {
    text.chars().map(|c| (clean_char(c), style)).collect()
}

/// Wraps `text` (newlines start new lines) to `width` columns, breaking after spaces when it can
/// and inside a word when it must; continuation lines start with `indent` spaces.
pub fn wrap(text: &Styled, width: usize, indent: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for paragraph in text.split(|(c, _)| *c == '\n') {
        wrap_paragraph(paragraph, width.max(1), indent, &mut lines);
    }
    lines
}

fn wrap_paragraph(text: &[(char, Style)], width: usize, indent: usize, out: &mut Vec<Line<'static>>) {
    let indent = if indent * 2 >= width { 0 } else { indent };
    let mut line: Styled = Vec::new();
    let mut used = 0;
    let mut last_space: Option<usize> = None;
    for &(c, style) in text {
        let (c, w) = (clean_char(c), char_width(c));
        if used + w > width && !line.is_empty() {
            // The rest after the last space holds no space, so `last_space` can start afresh.
            let cut = last_space.map_or(line.len(), |at| at + 1);
            let rest = line.split_off(cut);
            out.push(to_line(&line));
            line = vec![(' ', Style::default()); indent];
            line.extend(rest.into_iter().skip_while(|(c, _)| *c == ' '));
            used = line.iter().map(|(c, _)| char_width(*c)).sum();
            last_space = None;
        }
        // A space in the leading indentation is no place to break.
        if c == ' ' && line.iter().any(|(c, _)| *c != ' ') {
            last_space = Some(line.len());
        }
        line.push((c, style));
        used += w;
    }
    out.push(to_line(&line));
}

/// `text` cut to `width` columns, ending with `…` when something was cut.
pub fn truncate(text: &Styled, width: usize) -> Styled {
    let total: usize = text.iter().map(|(c, _)| char_width(*c)).sum();
    if total <= width {
        return text.clone();
    }
    let mut out = Vec::new();
    let mut used = 0;
    for &(c, style) in text {
        let w = char_width(c);
        if used + w + 1 > width {
            break;
        }
        out.push((c, style));
        used += w;
    }
    if width > 0 {
        out.push(('…', text.get(out.len()).map_or(Style::default(), |(_, s)| *s)));
    }
    out
}

/// Groups runs of equal style into spans.
pub fn to_line(text: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut current = String::new();
    let mut style = text.first().map_or(Style::default(), |(_, s)| *s);
    for &(c, s) in text {
        if s != style && !current.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut current), style));
        }
        style = s;
        current.push(c);
    }
    if !current.is_empty() {
        spans.push(Span::styled(current, style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mred\u{7}\r"), "a␛[31mred��");
    }

    #[test]
    fn wraps_by_display_width_without_splitting_wide_chars() {
        let text = styled("集群槽位由另一个节点拥有", Style::default());
        let lines = wrap(&text, 7, 0);
        assert!(lines.iter().all(|l| l.width() <= 7), "{:?}", plain(&lines));
        assert_eq!(plain(&lines)[0], "集群槽");
        let words = wrap(&styled("one two three", Style::default()), 8, 2);
        assert_eq!(plain(&words), vec!["one two ", "  three"]);
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        let cut = truncate(&styled("中文字符", Style::default()), 5);
        assert_eq!(to_line(&cut).to_string(), "中文…");
        assert_eq!(to_line(&truncate(&styled("abc", Style::default()), 3)).to_string(), "abc");
    }
}
