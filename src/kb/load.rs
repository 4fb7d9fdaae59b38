//! Loading records from KB sources: files (`.txt`/`.json` with one object or an array of
//! objects, `.jsonl` with one object a line), folders scanned recursively, and the built-in KB.
//! Nothing is dropped silently: every file, line or record that cannot be read becomes a
//! [`Issue`] naming `path:line:column`, and everything else still loads. Many files (or the
//! lines of a large JSON Lines file) load on every core; records and issues keep the order
//! of one thread.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::value::RawValue;

use super::parse::{parse_exact_record, parse_record};
use super::position::{line_column, relative_to, LineIndex};
use super::record::{RawText, Record};
use crate::parallel::split;

/// Files larger than this are not read.
pub const MAX_FILE_BYTES: u64 = 256 << 20;
/// Records whose JSON text is larger than this are not parsed.
pub const MAX_RECORD_BYTES: usize = 4 << 20;
/// JSON nesting deeper than this is rejected before parsing.
pub const MAX_DEPTH: usize = 128;

/// Where records come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The records of `seeds/`, compiled into the binary.
    Builtin,
    /// A file or a folder.
    Path(PathBuf),
}

impl Source {
    /// `builtin` names the built-in KB; anything else is a path.
    pub fn parse(text: &str) -> Source {
        if text == "builtin" {
            Source::Builtin
        } else {
            Source::Path(PathBuf::from(text))
        }
    }
}

/// How bad a load issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something was read with a caveat; nothing was lost.
    Warning,
    /// Something could not be read, or was read only in part.
    Error,
}

/// A problem found in a KB (while loading or validating), at `path:line:column`.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub path: Arc<str>,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}:{}:{}: {kind}: {}", self.path, self.line, self.column, self.message)
    }
}

/// Records and issues, in the order the sources were read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    pub issues: Vec<Issue>,
    /// Stop once this many records are loaded (a first screenful of a large KB).
    limit: Option<usize>,
}

impl Loaded {
    /// Whether the record limit, if any, is reached.
    fn is_full(&self) -> bool {
        self.limit.is_some_and(|limit| self.records.len() >= limit)
    }

    fn issue(
        &mut self,
        path: &Arc<str>,
        (line, column): (usize, usize),
        severity: Severity,
        message: impl Into<String>,
    ) {
        self.issues.push(Issue { path: path.clone(), line, column, severity, message: message.into() });
    }
}

/// Loads every source, in order.
pub fn load_sources(sources: &[Source]) -> Loaded {
    load_sources_with(sources, None, &mut |_| {})
}

/// Loads the sources in order, stopping once `limit` records are loaded (if given), and
/// telling `progress` how many records are loaded after each file.
pub fn load_sources_with(sources: &[Source], limit: Option<usize>, progress: &mut dyn FnMut(usize)) -> Loaded {
    let mut loaded = Loaded { limit, ..Loaded::default() };
    for source in sources {
        match source {
            Source::Builtin => {
                load_in_order(super::builtin::FILES, &mut loaded, &mut |_| {}, &|(name, text), loaded| {
                    let path: Arc<str> = Arc::from(format!("builtin:{name}"));
                    load_bytes(&path, text.as_bytes(), is_jsonl(Path::new(name)), None, loaded);
                })
            }
            Source::Path(path) => load_path_with(path, &mut loaded, progress),
        }
        progress(loaded.records.len());
    }
    // A large KB's list grew by doubling: up to half of it spare.
    loaded.records.shrink_to_fit();
    loaded
}

/// Loads a file, or every KB file below a folder.
pub fn load_path(path: &Path, loaded: &mut Loaded) {
    load_path_with(path, loaded, &mut |_| {});
}

fn load_path_with(path: &Path, loaded: &mut Loaded, progress: &mut dyn FnMut(usize)) {
    let shown: Arc<str> = Arc::from(path.display().to_string());
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let mut files = Vec::new();
            let mut seen = HashSet::new();
            let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            collect_files(path, real, &mut seen, &mut files, loaded);
            files.sort();
            load_in_order(&files, loaded, progress, &|file, loaded| load_file(file, loaded));
        }
        Ok(_) => load_file(path, loaded),
        Err(err) => loaded.issue(&shown, (0, 0), Severity::Error, format!("cannot read: {err}")),
    }
}

/// Work items (files, lines) loaded between two progress reports, at most.
const BATCH: usize = 1024;
/// Fewer items than this load on one thread: starting threads would cost more (on two cores,
/// the built-in KB's 242 files load about 0.5 ms faster on one thread; the corpus's 2,522
/// files, 8 ms faster on both).
const PARALLEL_FROM: usize = 512;

/// Loads `items` in order into `loaded` with `load_one`, telling `progress` the record count
/// as it goes. Without a record limit, many items load on every core: each thread loads a
/// contiguous share into a [`Loaded`] of its own, and the shares are appended in order, so
/// records and issues come out exactly as one thread would give them.
fn load_in_order<T: Sync>(
    items: &[T],
    loaded: &mut Loaded,
    progress: &mut dyn FnMut(usize),
    load_one: &(dyn Fn(&T, &mut Loaded) + Sync),
) {
    if loaded.limit.is_some() || items.len() < PARALLEL_FROM {
        for item in items {
            if loaded.is_full() {
                break;
            }
            load_one(item, loaded);
            progress(loaded.records.len());
        }
        return;
    }
    for batch in items.chunks(BATCH) {
        let load_share = |start: usize, end: usize| {
            let mut part = Loaded::default();
            batch[start..end].iter().for_each(|item| load_one(item, &mut part));
            Some(vec![part])
        };
        // Every share gives `Some`: nothing is cancelled here.
        for mut part in split(batch.len(), 0, load_share).into_iter().flatten().flatten() {
            loaded.records.append(&mut part.records);
            loaded.issues.append(&mut part.issues);
        }
        progress(loaded.records.len());
    }
}

/// Collects the KB files below `dir`, whose real path is `real`.
fn collect_files(
    dir: &Path,
    real: PathBuf,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    loaded: &mut Loaded,
) {
    // Following symlinks is allowed; entering the same real folder twice is not (no loops).
    if !seen.insert(real.clone()) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            let shown: Arc<str> = Arc::from(dir.display().to_string());
            loaded.issue(&shown, (0, 0), Severity::Error, format!("cannot read folder: {err}"));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        // The entry's type comes with the listing; only a symlink (or an entry of unknown
        // type) needs a look at its target.
        let kind = entry.file_type().ok();
        let linked = kind.is_none_or(|kind| kind.is_symlink());
        let is_dir = if linked { path.is_dir() } else { kind.is_some_and(|kind| kind.is_dir()) };
        if is_dir {
            // A plain folder's real path is its parent's plus its name.
            let real = if linked {
                std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone())
            } else {
                real.join(entry.file_name())
            };
            collect_files(&path, real, seen, files, loaded);
        } else if is_kb_file(&path) {
            files.push(path);
        }
    }
}

fn is_kb_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "json" | "jsonl"))
}

fn is_jsonl(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("jsonl")
}

fn load_file(path: &Path, loaded: &mut Loaded) {
    let shown: Arc<str> = Arc::from(path.display().to_string());
    match read_file(path) {
        Ok(bytes) => load_bytes(&shown, &bytes, is_jsonl(path), Some(path), loaded),
        Err(ReadError::TooLarge(size)) => {
            let message = format!("file too large ({size} bytes; the limit is {MAX_FILE_BYTES})");
            loaded.issue(&shown, (1, 1), Severity::Error, message);
        }
        Err(ReadError::Io(err)) => loaded.issue(&shown, (0, 0), Severity::Error, format!("cannot read: {err}")),
    }
}

enum ReadError {
    TooLarge(u64),
    Io(std::io::Error),
}

/// The bytes of the file at `path`, opened once (its size comes from the open file).
fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // A file that grew since is still read no further than the limit.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Loads the bytes of one KB file, shown to users as `path`. `file` is where the bytes can be
/// read again (records then keep only their span, not a copy of the text).
pub fn load_bytes(path: &Arc<str>, bytes: &[u8], jsonl: bool, file: Option<&Path>, loaded: &mut Loaded) {
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            let message = "file starts with a UTF-8 byte-order mark (BOM); it was skipped";
            loaded.issue(path, (1, 1), Severity::Warning, message);
            (rest, true)
        }
        None => (bytes, false),
    };
    let text: Cow<'_, str> = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(err) => {
            let valid = std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default();
            let message =
                format!("invalid UTF-8 at byte {}; undecodable bytes were replaced with U+FFFD", err.valid_up_to());
            loaded.issue(path, line_column(valid, valid.len()), Severity::Error, message);
            String::from_utf8_lossy(bytes)
        }
    };
    if text.trim().is_empty() {
        let message = "empty file: expected a JSON object, an array of objects or JSON Lines";
        return loaded.issue(path, (1, 1), Severity::Error, message);
    }
    // Offsets into repaired text no longer match the file: such text stays in memory.
    let raw = match file {
        Some(file) if !bom && matches!(text, Cow::Borrowed(_)) => RawText::File(Arc::from(file)),
        _ => RawText::Memory(Arc::from(text.as_ref())),
    };
    let doc = Doc { path, text: &text, lines: LineIndex::new(&text), raw };
    if jsonl {
        load_lines(&doc, loaded);
    } else {
        load_document(&doc, 0..text.len(), loaded);
    }
}

/// The text of one file being loaded.
struct Doc<'a> {
    path: &'a Arc<str>,
    text: &'a str,
    lines: LineIndex<'a>,
    raw: RawText,
}

fn load_lines(doc: &Doc<'_>, loaded: &mut Loaded) {
    let mut start = 0;
    let mut spans = Vec::new();
    for line in doc.text.split_inclusive('\n') {
        let span = start..start + line.trim_end().len();
        start += line.len();
        let lead = line.len() - line.trim_start().len();
        if !line.trim().is_empty() {
            spans.push(span.start + lead..span.end);
        }
    }
    load_in_order(&spans, loaded, &mut |_| {}, &|span, loaded| load_document(doc, span.clone(), loaded));
}

/// Loads the JSON value at `span` of the document: one record, or an array of records.
fn load_document(doc: &Doc<'_>, span: std::ops::Range<usize>, loaded: &mut Loaded) {
    let (path, text) = (doc.path, doc.text);
    let json = &text[span.clone()];
    let at = |offset: usize| doc.lines.line_column(span.start + offset);
    if let Some(offset) = too_deep(json) {
        return loaded.issue(path, at(offset), Severity::Error, format!("JSON nested deeper than {MAX_DEPTH} levels"));
    }
    if !loaded.is_full() {
        if let Some(record) = one_record(doc, span.clone()) {
            return loaded.records.push(record);
        }
    }
    let start = at(0);
    let values: Vec<&RawValue> = match json.trim_start().as_bytes().first() {
        Some(b'[') => match serde_json::from_str::<Vec<&RawValue>>(json) {
            Ok(values) => values,
            Err(err) => return json_error(path, start, &err, loaded),
        },
        Some(b'{') => match serde_json::from_str::<&RawValue>(json) {
            Ok(value) => vec![value],
            Err(err) => return json_error(path, start, &err, loaded),
        },
        _ => {
            let lead = json.len() - json.trim_start().len();
            return loaded.issue(path, at(lead), Severity::Error, "expected a JSON object or an array of objects");
        }
    };
    for value in values {
        if loaded.is_full() {
            break;
        }
        let raw = value.get();
        let offset = span.start + (raw.as_ptr() as usize - json.as_ptr() as usize);
        load_object(doc, offset..offset + raw.len(), loaded);
    }
}

/// The record of a document that is one valid record object (the common case: a file or line
/// per record), read in one pass; `None` for anything else, which [`load_document`] reads
/// step by step (JSON syntax, then each object), reporting what is wrong.
fn one_record(doc: &Doc<'_>, span: std::ops::Range<usize>) -> Option<Record> {
    const JSON_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];
    let json = &doc.text[span.clone()];
    let object = json.trim_matches(JSON_WHITESPACE);
    if !object.starts_with('{') || object.len() > MAX_RECORD_BYTES {
        return None;
    }
    let start = span.start + (json.len() - json.trim_start_matches(JSON_WHITESPACE).len());
    let object = start..start + object.len();
    parse_exact_record(doc.path, &doc.raw, doc.text, object.clone(), doc.lines.line_column(object.start))
}

fn load_object(doc: &Doc<'_>, span: std::ops::Range<usize>, loaded: &mut Loaded) {
    let path = doc.path;
    let start = doc.lines.line_column(span.start);
    if !doc.text[span.clone()].starts_with('{') {
        return loaded.issue(path, start, Severity::Error, "array element is not a JSON object");
    }
    if span.len() > MAX_RECORD_BYTES {
        let message = format!("record too large ({} bytes; the limit is {MAX_RECORD_BYTES})", span.len());
        return loaded.issue(path, start, Severity::Error, message);
    }
    match parse_record(path, &doc.raw, doc.text, span, start) {
        Ok(record) => loaded.records.push(record),
        Err(err) => loaded.issue(path, relative_to(start, (err.line, err.column)), Severity::Error, err.message),
    }
}

fn json_error(path: &Arc<str>, start: (usize, usize), err: &serde_json::Error, loaded: &mut Loaded) {
    let message = err.to_string();
    let message = message.rfind(" at line ").map_or(message.as_str(), |at| &message[..at]);
    let position = relative_to(start, (err.line(), err.column()));
    loaded.issue(path, position, Severity::Error, format!("invalid JSON: {message}"));
}

/// The byte offset where nesting first exceeds [`MAX_DEPTH`], if it does.
fn too_deep(json: &str) -> Option<usize> {
    // Nesting never exceeds the number of brackets that open (in strings or not): a record
    // has far fewer than the limit, and looking for them is much faster than the walk below.
    memchr::memchr2_iter(b'[', b'{', json.as_bytes()).nth(MAX_DEPTH)?;
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (offset, byte) in json.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str, text: &[u8]) -> Loaded {
        let mut loaded = Loaded::default();
        let path: Arc<str> = Arc::from(name);
        load_bytes(&path, text, name.ends_with(".jsonl"), None, &mut loaded);
        loaded
    }

    #[test]
    fn loads_an_array_and_keeps_the_raw_text() {
        let loaded = load("a.json", b"[\n {\"id\": \"a/1\", \"x\": 1},\n {\"id\": \"a/2\"}\n]");
        assert_eq!(loaded.issues, vec![]);
        assert_eq!(loaded.records.len(), 2);
        assert_eq!(loaded.records[0].origin.raw_json().unwrap(), "{\"id\": \"a/1\", \"x\": 1}");
        assert_eq!((loaded.records[1].origin.line, loaded.records[1].origin.column), (3, 2));
    }

    #[test]
    fn a_bad_record_in_an_array_does_not_lose_the_others() {
        let loaded = load("a.json", b"[{\"id\": \"a/1\"},\n {\"id\": \"a/2\", \"confidence\": \"high\"}]");
        assert_eq!(loaded.records.len(), 1);
        let issue = &loaded.issues[0];
        assert_eq!((issue.line, issue.severity), (2, Severity::Error));
        assert!(issue.message.contains("confidence"), "{}", issue.message);
    }

    #[test]
    fn a_limit_stops_loading_early_and_progress_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let lines: Vec<String> = (0..50).map(|i| format!("{{\"id\":\"a/{i}\"}}")).collect();
        std::fs::write(dir.path().join("k.jsonl"), lines.join("\n")).unwrap();
        let sources = [Source::Path(dir.path().to_path_buf())];
        let mut seen = Vec::new();
        let first = load_sources_with(&sources, Some(10), &mut |n| seen.push(n));
        assert_eq!(first.records.len(), 10);
        assert_eq!(seen.last(), Some(&10));
        let all = load_sources(&sources);
        assert_eq!(all.records.len(), 50);
        assert_eq!(all.records[49].origin.raw_json().unwrap(), "{\"id\":\"a/49\"}", "read back from the file");
    }

    #[test]
    fn loading_on_every_core_gives_the_order_and_issues_of_one_thread() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..600 {
            let text = if i % 37 == 0 { format!("{{\"id\": \"f/{i}\",") } else { format!("{{\"id\": \"f/{i}\"}}") };
            std::fs::write(dir.path().join(format!("{i:03}.json")), text).unwrap();
        }
        let lines: Vec<String> =
            (0..2_500).map(|i| if i % 401 == 0 { "{oops".into() } else { format!("{{\"id\":\"l/{i}\"}}") }).collect();
        std::fs::write(dir.path().join("big.jsonl"), lines.join("\n")).unwrap();
        let sources = [Source::Path(dir.path().to_path_buf())];
        let parallel = load_sources(&sources);
        // With a limit, loading stays on one thread.
        let sequential = load_sources_with(&sources, Some(usize::MAX), &mut |_| {});
        let located = |loaded: &Loaded| -> Vec<String> {
            loaded.records.iter().map(|r| format!("{} {}", r.id, r.origin.location())).collect()
        };
        assert_eq!(parallel.records.len(), 600 - 17 + 2_500 - 7);
        assert_eq!(located(&parallel), located(&sequential));
        assert_eq!(parallel.issues, sequential.issues);
    }

    #[test]
    fn jsonl_reports_the_bad_line_and_loads_the_rest() {
        let loaded = load("k.jsonl", b"{\"id\":\"a/1\"}\n{\"id\": oops}\n\n{\"id\":\"a/3\"}\n");
        assert_eq!(loaded.records.len(), 2);
        assert_eq!((loaded.issues[0].line, loaded.issues[0].column), (2, 8));
    }

    #[test]
    fn reports_missing_id_bom_empty_and_depth() {
        assert!(load("a.json", b"{\"signature\": \"x\"}").issues[0].message.contains("no `id`"));
        let bom = load("b.json", b"\xEF\xBB\xBF{\"id\":\"a/1\"}");
        assert_eq!((bom.records.len(), bom.issues[0].severity), (1, Severity::Warning));
        assert!(load("e.json", b"  \n").issues[0].message.contains("empty file"));
        let deep = format!("{{\"id\":\"a\",\"x\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert!(load("d.json", deep.as_bytes()).issues[0].message.contains("nested deeper"));
    }

    #[test]
    fn a_document_that_is_not_exactly_one_record_is_read_step_by_step() {
        let one = load("a.json", b" \n {\"id\": \"a/1\"}\r\n\n");
        assert_eq!((one.records.len(), one.issues.len()), (1, 0));
        assert_eq!(one.records[0].origin.raw_json().unwrap(), "{\"id\": \"a/1\"}");
        assert_eq!((one.records[0].origin.line, one.records[0].origin.column), (2, 2));
        for (text, message) in [
            ("{\"id\":\"a/1\"} x", "trailing characters"),
            ("{\"id\":\"a/1\"}{\"id\":\"a/2\"}", "trailing characters"),
            ("\u{a0}{\"id\":\"a/1\"}", "expected value"),
            ("{\"signature\":\"x\"}", "no `id`"),
        ] {
            let loaded = load("a.json", text.as_bytes());
            assert!(loaded.records.is_empty(), "{text:?}");
            assert!(loaded.issues[0].message.contains(message), "{text:?}: {:?}", loaded.issues);
        }
    }

    #[test]
    fn depth_is_only_walked_when_enough_brackets_open() {
        let nested = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert_eq!(too_deep(&nested(MAX_DEPTH)), None);
        assert_eq!(too_deep(&nested(MAX_DEPTH + 1)), Some(MAX_DEPTH));
        assert_eq!(too_deep(&format!("[{}]", "[],".repeat(300) + "[]")), None, "many brackets, shallow");
        assert_eq!(too_deep(&format!("[\"{}\"]", "[".repeat(300))), None, "brackets in a string");
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_position_and_the_record_still_loads() {
        let loaded = load("u.json", b"{\"id\":\"a/1\",\n\"signature\":\"bad \xFF\"}");
        assert_eq!(loaded.records.len(), 1);
        assert_eq!((loaded.issues[0].line, loaded.issues[0].column), (2, 18));
    }
}
