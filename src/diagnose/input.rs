//! Preparing pasted text for analysis: capping its size, removing ANSI escape sequences,
//! carriage returns and other control characters, while keeping a map from every byte of the
//! cleaned text back to the input as given (so matched spans are reported in the user's
//! offsets).

use crate::kb::position::floor_char_boundary;
use crate::kb::Haystack;

/// At most this many bytes of input are analysed: the first [`HEAD_BYTES`] and the last
/// `MAX_ANALYSED_BYTES - HEAD_BYTES`, where the error usually is.
pub const MAX_ANALYSED_BYTES: usize = 256 * 1024;
/// How much of the start of a capped input is kept.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Cleaned input text with a map back to the original.
#[derive(Debug, Clone)]
pub struct Input {
    /// The text that is analysed.
    pub text: String,
    /// `(cleaned offset, original offset)` at the start of each copied run, ascending.
    runs: Vec<(usize, usize)>,
    /// Whether part of the input was skipped because it was over the cap.
    pub truncated: bool,
    /// What kind of text `text` is, for the patterns that search it.
    pub haystack: Haystack,
}

impl Input {
    /// Cleans `raw` for analysis.
    pub fn new(raw: &str) -> Input {
        let mut input = Input {
            text: String::with_capacity(raw.len().min(MAX_ANALYSED_BYTES)),
            runs: Vec::new(),
            truncated: false,
            haystack: Haystack::Any,
        };
        if raw.len() <= MAX_ANALYSED_BYTES {
            input.append_clean(raw, 0);
        } else {
            input.truncated = true;
            let head_end = floor_char_boundary(raw, HEAD_BYTES);
            let tail_start = floor_char_boundary(raw, raw.len() - (MAX_ANALYSED_BYTES - HEAD_BYTES));
            input.append_clean(&raw[..head_end], 0);
            input.push_run("\n", head_end);
            input.append_clean(&raw[tail_start..], tail_start);
        }
        input.haystack = Haystack::of(&input.text);
        input
    }

    /// The original offset of cleaned offset `clean`.
    pub fn original_offset(&self, clean: usize) -> usize {
        let run = self.runs.partition_point(|&(start, _)| start <= clean).saturating_sub(1);
        match self.runs.get(run) {
            Some(&(clean_start, original_start)) => original_start + (clean - clean_start),
            None => clean,
        }
    }

    /// The original span of cleaned span `span` (its end maps the last byte, not one past it,
    /// so a span never grows over removed escape sequences).
    pub fn original_span(&self, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if span.is_empty() {
            let at = self.original_offset(span.start);
            return at..at;
        }
        let last = floor_char_boundary(&self.text, span.end - 1);
        let last_len = self.text[last..].chars().next().map_or(1, char::len_utf8);
        self.original_offset(span.start)..self.original_offset(last) + last_len
    }

    fn push_run(&mut self, text: &str, original: usize) {
        if text.is_empty() {
            return;
        }
        let contiguous = self.runs.last().is_some_and(|&(clean, orig)| orig + (self.text.len() - clean) == original);
        if !contiguous {
            self.runs.push((self.text.len(), original));
        }
        self.text.push_str(text);
    }

    /// Appends `raw` (which starts at `base` in the original) without escapes and controls.
    fn append_clean(&mut self, raw: &str, base: usize) {
        let bytes = raw.as_bytes();
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            let skip = match bytes[i] {
                0x1B => escape_len(&bytes[i..]),
                b'\n' | b'\t' => 0,
                b if b < 0x20 || b == 0x7F => 1,
                _ => 0,
            };
            if skip == 0 {
                i += 1;
                continue;
            }
            self.push_run(&raw[copied..i], base + copied);
            // A lone control character still separates words.
            if bytes[i] != 0x1B && bytes[i] != b'\r' {
                self.push_run(" ", base + i);
            }
            i += skip;
            copied = i;
        }
        self.push_run(&raw[copied..], base + copied);
    }
}

/// The length of the escape sequence at the start of `bytes` (which starts with ESC).
fn escape_len(bytes: &[u8]) -> usize {
    match bytes.get(1) {
        // CSI: ESC [ parameters intermediates final-byte
        Some(b'[') => bytes[2..].iter().position(|b| (0x40..=0x7E).contains(b)).map_or(bytes.len(), |p| p + 3),
        // OSC: ESC ] ... (BEL | ESC \)
        Some(b']') => {
            let end = bytes[2..].iter().enumerate().find_map(|(p, &b)| match b {
                0x07 => Some(p + 3),
                0x1B if bytes.get(p + 3) == Some(&b'\\') => Some(p + 4),
                _ => None,
            });
            end.unwrap_or(bytes.len())
        }
        Some(b) if b.is_ascii() => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_colours_and_maps_offsets_back() {
        let raw = "\x1b[1;31merror\x1b[0m: boom\r\nnext";
        let input = Input::new(raw);
        assert_eq!(input.text, "error: boom\nnext");
        let boom = input.text.find("boom").unwrap();
        let span = input.original_span(boom..boom + 4);
        assert_eq!(&raw[span], "boom");
        let error = input.original_span(0..5);
        assert_eq!(&raw[error], "error");
        let next = input.text.find("next").unwrap();
        assert_eq!(&raw[input.original_span(next..next + 4)], "next");
    }

    #[test]
    fn caps_huge_input_keeping_head_and_tail() {
        let raw = format!("first line\n{}\nlast error: here", "x".repeat(MAX_ANALYSED_BYTES * 4));
        let input = Input::new(&raw);
        assert!(input.truncated);
        assert!(input.text.len() <= MAX_ANALYSED_BYTES + 1);
        assert!(input.text.starts_with("first line"));
        let at = input.text.find("last error").unwrap();
        assert_eq!(&raw[input.original_span(at..at + 10)], "last error");
    }

    #[test]
    fn control_bytes_become_spaces() {
        assert_eq!(Input::new("a\0b\x07c").text, "a b c");
    }
}
