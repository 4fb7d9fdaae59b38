//! The editable query line: text and a cursor (a byte offset on a char boundary), with the
//! fzf/readline edits (Ctrl-u, Ctrl-w, Backspace, ←/→, Ctrl-a/Ctrl-e).

/// The query text and the cursor in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryLine {
    text: String,
    cursor: usize,
}

impl QueryLine {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: &str) -> QueryLine {
        QueryLine { text: text.to_string(), cursor: text.len() }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before the cursor (its display width places the terminal cursor).
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    /// Whether the line is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Inserts `text` (control characters and newlines dropped) at the cursor.
    pub fn insert(&mut self, text: &str) {
        let clean: String =
            text.chars().map(|c| if c == '\n' || c == '\t' { ' ' } else { c }).filter(|c| !c.is_control()).collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Deletes the character before the cursor.
    pub fn delete_char(&mut self) {
        if let Some(c) = self.before_cursor().chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    /// Deletes the word (and the spaces after it) before the cursor.
    pub fn delete_word(&mut self) {
        let before = self.before_cursor();
        let trimmed = before.trim_end_matches(' ');
        let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes everything before the cursor.
    pub fn clear_before(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        if let Some(c) = self.before_cursor().chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    /// Moves the cursor to the start.
    pub fn start(&mut self) {
        self.cursor = 0;
    }

    /// Moves the cursor to the end.
    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_like_readline() {
        let mut line = QueryLine::new("redis moved");
        line.delete_word();
        assert_eq!(line.text(), "redis ");
        line.insert("集群\u{1b}x");
        assert_eq!(line.text(), "redis 集群x");
        line.left();
        line.left();
        assert_eq!(line.before_cursor(), "redis 集");
        line.delete_char();
        line.clear_before();
        assert_eq!((line.text(), line.before_cursor()), ("群x", ""));
        line.end();
        line.delete_char();
        assert_eq!(line.text(), "群");
    }
}
