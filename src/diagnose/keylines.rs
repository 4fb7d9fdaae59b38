//! Finding the key error lines of pasted text: the lines that say what went wrong (the last
//! exception line of a traceback, `error:`/`fatal:`/`panic` lines, `Caused by:`), as opposed
//! to stack frames, progress output and source excerpts.

use std::ops::Range;

use super::fixed_regex::FixedRegex;

/// A line of the analysed text with how strongly it looks like the error itself.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyLine {
    /// Byte range of the line (without its newline) in the analysed text.
    pub span: Range<usize>,
    /// 0..1: 1 for an exception line or `error:` line, lower for weaker evidence.
    pub weight: f32,
}

/// At most this many key lines are used for similarity.
pub const MAX_KEY_LINES: usize = 8;

static EXCEPTION_LINE: FixedRegex = FixedRegex::new(
    r"^\s*(?:Caused by: |Exception in thread .*?)?[A-Za-z_][\w.$]*(?:Error|Exception|Exit|Interrupt|Fault|Failure|Warning)\b(?::|$)",
);
static ERROR_WORD: FixedRegex = FixedRegex::new(concat!(
    r"(?i)(?:^|\W)(?:error|errors|err!|fatal|panic(?:ked)?|exception|failed|failure|fail|denied|refused|",
    r"cannot|can't|could not|couldn't|unable|not found|no such|invalid|illegal|unknown|undefined|",
    r"timed out|timeout|killed|aborted|abort|segmentation fault|traceback|unrecognized|unexpected|",
    r"missing|conflict|rejected|forbidden|unauthorized|not allowed|out of memory|exceeded|",
    r"[A-Z]{2,}\d{3,}|E\d{4}|TS\d{4}|SQLSTATE|ORA-\d+)(?:\W|$)"
));
static FRAME_LINE: FixedRegex = FixedRegex::new(concat!(
    r#"^\s+at |^\s*File ".*", line \d+|^\s+\.\.\. \d+ more|^\s*#\d+ |^\s*\d+: +0x|^\s+\d+\s*\||^\s*\|"#,
    r"|^\s*-->|^\s*= note:|^\s*= help:|^\s+\^|^\s*goroutine \d+|^\s+/.*\.go:\d+|^\s*Traceback \(most recent call last\)"
));

/// The key lines of `text`, best first (at most [`MAX_KEY_LINES`]). When no line looks like
/// an error, the last non-empty lines are used.
pub fn key_lines(text: &str) -> Vec<KeyLine> {
    let mut lines: Vec<(usize, KeyLine)> = Vec::new();
    let mut offset = 0;
    let total = text.lines().count().max(1);
    for (number, line) in text.split('\n').enumerate() {
        let span = offset..offset + line.len();
        offset += line.len() + 1;
        let weight = line_weight(line);
        if weight > 0.0 {
            // Later lines win ties: the final error of a log is usually the one that matters.
            let recency = 0.1 * number as f32 / total as f32;
            lines.push((number, KeyLine { span, weight: (weight + recency).min(1.0) }));
        }
    }
    if lines.is_empty() {
        let mut offset = 0;
        let all: Vec<Range<usize>> = text
            .split('\n')
            .map(|line| {
                let span = offset..offset + line.len();
                offset += line.len() + 1;
                span
            })
            .filter(|span| !text[span.clone()].trim().is_empty())
            .collect();
        return all.into_iter().rev().take(3).map(|span| KeyLine { span, weight: 0.5 }).collect();
    }
    lines.sort_by(|a, b| b.1.weight.total_cmp(&a.1.weight).then(b.0.cmp(&a.0)));
    lines.truncate(MAX_KEY_LINES);
    lines.into_iter().map(|(_, line)| line).collect()
}

/// Whether `line` is a stack frame, a source excerpt or a compiler's pointer line: part of
/// a trace's context, never of its message.
pub fn is_frame_line(line: &str) -> bool {
    FRAME_LINE.is_match(line)
}

/// How much a single line looks like an error message (0 = not at all).
pub fn line_weight(line: &str) -> f32 {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > 2000 {
        return 0.0;
    }
    if is_frame_line(line) {
        return 0.0;
    }
    if EXCEPTION_LINE.is_match(line) {
        // The last `Caused by:` of a Java trace is the root cause; the first line only wraps it.
        return if trimmed.starts_with("Caused by:") {
            0.95
        } else if trimmed.starts_with("Exception in thread") {
            0.8
        } else {
            0.9
        };
    }
    let gloss = super::normalize::english_gloss(trimmed);
    if ERROR_WORD.is_match(trimmed) || ERROR_WORD.is_match(&gloss) {
        let leading = trimmed.split(':').next().unwrap_or("").to_ascii_lowercase();
        let labelled = leading.contains("error") || leading.contains("fatal") || leading.contains("err!");
        return if labelled { 0.85 } else { 0.6 };
    }
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        key_lines(text).into_iter().map(|k| &text[k.span]).collect()
    }

    #[test]
    fn python_traceback_puts_the_exception_line_first() {
        let trace = "Traceback (most recent call last):\n  File \"/app/main.py\", line 3, in <module>\n    import numpy\nModuleNotFoundError: No module named 'numpy'\n";
        assert_eq!(texts(trace)[0], "ModuleNotFoundError: No module named 'numpy'");
        assert_eq!(texts(trace).len(), 1);
    }

    #[test]
    fn java_caused_by_and_frames() {
        let trace = "Exception in thread \"main\" java.lang.RuntimeException: boom\n\tat a.B.c(B.java:3)\nCaused by: java.sql.SQLException: Access denied for user 'x'\n\tat d.E.f(E.java:9)\n";
        let found = texts(trace);
        assert!(found.contains(&"Caused by: java.sql.SQLException: Access denied for user 'x'"));
        assert!(found.iter().all(|l| !l.contains("B.java")));
    }

    #[test]
    fn the_ascii_forms_find_what_the_unicode_forms_find_in_ascii_text() {
        for regex in [&EXCEPTION_LINE, &ERROR_WORD, &FRAME_LINE] {
            crate::diagnose::fixed_regex::tests::assert_forms_agree(regex);
        }
    }

    #[test]
    fn plain_lines_fall_back_to_the_last_ones() {
        assert_eq!(texts("MOVED 3999 10.0.0.7:7001"), vec!["MOVED 3999 10.0.0.7:7001"]);
        assert_eq!(texts("error: could not compile `app`\nwarning: x"), vec!["error: could not compile `app`"]);
    }
}
