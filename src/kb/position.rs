//! Byte offsets to the 1-based `line:column` positions that users and editors expect
//! (columns count characters, as serde_json and most editors do).

/// The 1-based line and column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Shifts a position relative to an embedded text that starts at `(line, column)` of its file.
pub fn relative_to(start: (usize, usize), inner: (usize, usize)) -> (usize, usize) {
    let (start_line, start_column) = start;
    let (line, column) = inner;
    if line <= 1 {
        (start_line, start_column + column.saturating_sub(1))
    } else {
        (start_line + line - 1, column)
    }
}

/// The largest char boundary of `text` at or before `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let text = "{\n  \"a\": \"é\",\n}";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (2, 1));
        assert_eq!(line_column(text, text.find(',').unwrap()), (2, 11));
    }

    #[test]
    fn shifts_inner_positions() {
        assert_eq!(relative_to((3, 5), (1, 2)), (3, 6));
        assert_eq!(relative_to((3, 5), (2, 7)), (4, 7));
    }
}
