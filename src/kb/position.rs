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

/// Line starts of one text, for many `line:column` look-ups (a KB file holds thousands of
/// records: scanning from the start for each would be quadratic).
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last look-up `(offset, line, column)`: records come in order, so counting the
    /// columns of a long line (a minified array) continues from there. Behind a lock, as
    /// the lines of a large file are loaded on several threads.
    last: std::sync::Mutex<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect();
        LineIndex { text, starts, last: std::sync::Mutex::new((0, 1, 1)) }
    }

    /// The 0-based number of the line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    /// Line `n`'s byte range (0-based, clamped to the last line), without its newline.
    pub fn line(&self, n: usize) -> std::ops::Range<usize> {
        let n = n.min(self.starts.len() - 1);
        let end = self.starts.get(n + 1).map_or(self.text.len(), |&next| next - 1);
        self.starts[n]..end
    }

    /// The 1-based line and column of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let mut last = self.last.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (last_offset, last_line, last_column) = *last;
        let column = if last_line == line && last_offset <= offset {
            last_column + self.text[last_offset..offset].chars().count()
        } else {
            let start = self.starts[line.saturating_sub(1)];
            self.text[start..offset].chars().count() + 1
        };
        *last = (offset, line, column);
        (line, column)
    }
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
    fn finds_the_line_of_an_offset_and_its_range() {
        let index = LineIndex::new("ab\ncd\n\nef");
        assert_eq!([0, 2, 3, 6, 7, 9].map(|at| index.line_of(at)), [0, 0, 1, 2, 3, 3]);
        assert_eq!([0, 1, 2, 3, 9].map(|n| index.line(n)), [0..2, 3..5, 6..6, 7..9, 7..9]);
    }

    #[test]
    fn counts_lines_and_characters() {
        let text = "{\n  \"a\": \"é\",\n}";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (2, 1));
        assert_eq!(line_column(text, text.find(',').unwrap()), (2, 11));
    }

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let text = "{\n  \"a\": \"é\",\n}\n\nlast";
        let index = LineIndex::new(text);
        for offset in (0..=text.len()).chain((0..=text.len()).rev()) {
            assert_eq!(index.line_column(offset), line_column(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn shifts_inner_positions() {
        assert_eq!(relative_to((3, 5), (1, 2)), (3, 6));
        assert_eq!(relative_to((3, 5), (2, 7)), (4, 7));
    }
}
