//! Inputs: documents, where they come from, and how they are read.
//!
//! A command line names paths; [`list_sources`] turns them into a stream of
//! [`Source`]s in a stable order (arguments in order, folders walked
//! recursively in sorted order, JSONL files line by line). A source is read
//! and decoded by [`Source::load`], on a worker thread, so reading is
//! parallel too. Anything that fails becomes an [`InputError`] for that one
//! article, never a stop.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::decode::decode;
use crate::error::{InputError, InputErrorKind};

/// One article's text and what is known about it.
///
/// ```
/// let doc = depeche::Document::new("a1", "Texte de l’article.");
/// assert_eq!(doc.id, "a1");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The id written in the record.
    pub id: String,
    /// The original text; every offset indexes it.
    pub text: String,
    /// The source encoding when it was not UTF-8.
    pub encoding: Option<String>,
    /// HTML input: the page title.
    pub title: Option<String>,
    /// The publication date: HTML metadata, or the JSONL date field.
    pub date: Option<String>,
    /// HTML input: the canonical URL.
    pub url: Option<String>,
    /// JSONL input: fields kept with `--keep`.
    pub fields: Option<crate::record::Fields>,
    /// What the record should say about how the input was read (an
    /// encoding guessed, bytes replaced, an id that was not a string).
    pub warnings: Vec<String>,
}

impl Document {
    /// A document from an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document { id: id.into(), text: text.into(), ..Default::default() }
    }
}

/// How a file's content is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By file extension: `.jsonl`/`.ndjson` as JSON Lines, `.html`/`.htm` as
    /// HTML, anything else as plain text; standard input as plain text.
    #[default]
    Auto,
    /// Plain text, one article per file.
    Text,
    /// JSON Lines, one article per line: `{"id": ..., "text": ..., ...}`.
    Jsonl,
    /// An HTML page, one article per file.
    Html,
}

impl InputFormat {
    fn for_path(self, path: &Path) -> InputFormat {
        if self != InputFormat::Auto {
            return self;
        }
        match path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref() {
            Some("jsonl" | "ndjson") => InputFormat::Jsonl,
            Some("html" | "htm" | "xhtml") => InputFormat::Html,
            _ => InputFormat::Text,
        }
    }
}

/// Options for reading one source.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this many bytes become `too_large` error records.
    pub max_bytes: u64,
    /// Refuse anything that is not valid UTF-8 instead of decoding it.
    pub strict_utf8: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_bytes: 64 * 1024 * 1024, strict_utf8: false }
    }
}

/// One input article, before it is read.
#[derive(Debug, Clone)]
pub enum Source {
    /// Text already in memory (a JSONL line, a library call).
    Inline(Document),
    /// A file to read and decode.
    File {
        /// The record id.
        id: String,
        /// The file's path.
        path: PathBuf,
        /// Text or HTML.
        format: InputFormat,
    },
    /// Standard input read whole as one article (id `-`), as text or HTML.
    Stdin(Vec<u8>, InputFormat),
    /// An input that already failed while listing.
    Failed(InputError),
}

impl Source {
    /// The id of the record this source will produce.
    pub fn id(&self) -> &str {
        match self {
            Source::Inline(d) => &d.id,
            Source::File { id, .. } => id,
            Source::Stdin(..) => "-",
            Source::Failed(e) => &e.id,
        }
    }

    /// An estimate of the source's size in bytes (for progress and batching).
    pub fn size_hint(&self) -> u64 {
        match self {
            Source::Inline(d) => d.text.len() as u64,
            Source::File { path, .. } => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            Source::Stdin(b, _) => b.len() as u64,
            Source::Failed(_) => 0,
        }
    }

    /// Reads and decodes the source into a document.
    ///
    /// # Errors
    /// An [`InputError`] naming the article, the kind of failure and what to do.
    pub fn load(self, opts: &ReadOptions) -> Result<Document, InputError> {
        match self {
            Source::Inline(d) => Ok(d),
            Source::Failed(e) => Err(e),
            Source::Stdin(bytes, format) => Source::decoded("-".into(), bytes, format, opts),
            Source::File { id, path, format } => {
                let bytes = read_file(&id, &path, opts.max_bytes)?;
                Source::decoded(id, bytes, format, opts)
            }
        }
    }

    /// Decodes bytes into a document; an HTML page is reduced to its article.
    fn decoded(id: String, bytes: Vec<u8>, format: InputFormat, opts: &ReadOptions) -> Result<Document, InputError> {
        let d = decode(bytes, opts.strict_utf8).map_err(|(k, m)| InputError::new(&id, k, m))?;
        let mut doc = Document {
            id,
            text: d.text,
            encoding: d.encoding.map(str::to_string),
            warnings: d.warning.into_iter().collect(),
            ..Default::default()
        };
        if format == InputFormat::Html {
            let art = crate::html::extract_article(&doc.text)
                .map_err(|m| InputError::new(&doc.id, InputErrorKind::Html, m))?;
            doc.text = art.text;
            doc.title = art.title;
            doc.date = art.date;
            doc.url = art.url;
        }
        Ok(doc)
    }
}

fn io_error(id: &str, path: &Path, e: &std::io::Error) -> InputError {
    let kind = InputErrorKind::from_io(e);
    let hint = match kind {
        InputErrorKind::NotFound => "check the path (the file may have been moved or deleted during the run)",
        InputErrorKind::PermissionDenied => "check the file's permissions",
        _ => "check the file and the disk",
    };
    InputError::new(id, kind, format!("cannot read {}: {e}; {hint}", path.display()))
}

/// Opens an input file after checking, before opening it, that it is a
/// regular file (through symbolic links): opening a named pipe would block
/// until a writer comes, possibly forever, and a device (`/dev/zero`) never
/// ends. Every input file goes through here, text, HTML and JSON Lines.
fn open_regular(id: &str, path: &Path) -> Result<File, InputError> {
    let kind = std::fs::metadata(path).map_err(|e| io_error(id, path, &e))?.file_type();
    if !kind.is_file() && !kind.is_dir() {
        return Err(InputError::new(
            id,
            InputErrorKind::Io,
            format!("{} is not a regular file (a named pipe, a socket or a device); skipped", path.display()),
        ));
    }
    File::open(path).map_err(|e| io_error(id, path, &e))
}

fn read_file(id: &str, path: &Path, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let file = open_regular(id, path)?;
    let meta = file.metadata().map_err(|e| io_error(id, path, &e))?;
    if meta.is_dir() {
        return Err(InputError::new(id, InputErrorKind::Io, format!("{} is a folder, not a file", path.display())));
    }
    if meta.len() > max_bytes {
        return Err(too_large(id, meta.len(), max_bytes));
    }
    // Read at most max_bytes + 1, in case the file grows while we read it.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1).read_to_end(&mut bytes).map_err(|e| io_error(id, path, &e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(id, bytes.len() as u64, max_bytes));
    }
    Ok(bytes)
}

fn too_large(id: &str, len: u64, max: u64) -> InputError {
    InputError::new(
        id,
        InputErrorKind::TooLarge,
        format!("the file has {len} bytes, more than --max-bytes {max}; raise --max-bytes to read it"),
    )
}

/// How to list sources.
#[derive(Debug, Clone, Default)]
pub struct ListOptions {
    /// How to read files.
    pub format: InputFormat,
    /// Which files to take when walking folders (matched against the path
    /// relative to the folder, and against the file name). `None`: the
    /// default for the format (`*.txt`, `*.html`, `*.htm` for text/auto,
    /// `*.jsonl`, `*.ndjson` for JSONL, `*.html`, `*.htm` for HTML).
    pub globs: Option<Vec<String>>,
    /// JSONL fields to carry into the record.
    pub keep: Vec<String>,
    /// The JSONL field holding the article's date (`None`: `date`); it
    /// becomes the record's `date` and resolves relative periods.
    pub date_field: Option<String>,
    /// The longest JSONL line or standard-input article read, in bytes
    /// (`None`: no limit). Longer ones become `too_large` error records
    /// without being held in memory.
    pub max_bytes: Option<u64>,
}

impl ListOptions {
    /// The globs that choose files in folders: `globs`, or the format's default.
    ///
    /// ```
    /// use depeche::{InputFormat, ListOptions};
    /// let jsonl = ListOptions { format: InputFormat::Jsonl, ..Default::default() };
    /// assert_eq!(jsonl.patterns(), ["*.jsonl", "*.ndjson"]);
    /// ```
    pub fn patterns(&self) -> Vec<String> {
        let defaults: &[&str] = match self.format {
            InputFormat::Auto | InputFormat::Text => &["*.txt", "*.html", "*.htm"],
            InputFormat::Jsonl => &["*.jsonl", "*.ndjson"],
            InputFormat::Html => &["*.html", "*.htm"],
        };
        match &self.globs {
            Some(g) => g.clone(),
            None => defaults.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn glob_set(&self) -> Result<GlobSet, String> {
        let pats = self.patterns();
        let mut b = GlobSetBuilder::new();
        for p in &pats {
            let g = Glob::new(p).map_err(|e| format!("invalid --glob {p:?}: {e}"))?;
            b.add(g);
        }
        b.build().map_err(|e| e.to_string())
    }

    /// Checks the options (glob syntax) before a run.
    ///
    /// # Errors
    /// A message naming the bad glob.
    pub fn validate(&self) -> Result<(), String> {
        self.glob_set().map(|_| ())
    }
}

/// Lists the sources named by `paths` (`-` is standard input), calling
/// `sink` for each in order; stops early when `sink` returns `false`.
///
/// Folders are walked recursively in sorted order (file names compared as
/// bytes), following symbolic links; a folder or link that cannot be read
/// yields a [`Source::Failed`] and the walk goes on.
///
/// Returns how many sources each path gave (as far as the listing went), so
/// that a folder in which nothing matched can be reported.
pub fn list_sources(paths: &[PathBuf], opts: &ListOptions, sink: &mut dyn FnMut(Source) -> bool) -> Vec<usize> {
    let globs = match opts.glob_set() {
        Ok(g) => g,
        Err(m) => {
            sink(Source::Failed(InputError::new("-", InputErrorKind::Io, m)));
            return Vec::new();
        }
    };
    let mut seen_ids = SeenIds::default();
    let mut counts = Vec::with_capacity(paths.len());
    for path in paths {
        let mut n = 0;
        let mut counted = |s: Source| {
            n += 1;
            sink(s)
        };
        let keep_going = if path.as_os_str() == "-" {
            list_stdin(opts, &mut seen_ids, &mut counted)
        } else {
            list_path(path, opts, &globs, &mut seen_ids, &mut counted)
        };
        counts.push(n);
        if !keep_going {
            break;
        }
    }
    counts
}

fn list_stdin(opts: &ListOptions, seen: &mut SeenIds, sink: &mut dyn FnMut(Source) -> bool) -> bool {
    let stdin = std::io::stdin();
    if opts.format == InputFormat::Jsonl {
        return read_jsonl(stdin.lock(), "-", opts, seen, sink);
    }
    let mut bytes = Vec::new();
    let limit = opts.max_bytes.unwrap_or(u64::MAX);
    match stdin.lock().take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        Ok(n) if n as u64 > limit => sink(Source::Failed(too_large("-", n as u64, limit))),
        Ok(_) => sink(Source::Stdin(
            bytes,
            if opts.format == InputFormat::Html { InputFormat::Html } else { InputFormat::Text },
        )),
        Err(e) => {
            sink(Source::Failed(InputError::new("-", InputErrorKind::Io, format!("cannot read standard input: {e}"))))
        }
    }
}

fn list_path(
    root: &Path,
    opts: &ListOptions,
    globs: &GlobSet,
    seen: &mut SeenIds,
    sink: &mut dyn FnMut(Source) -> bool,
) -> bool {
    let root_id = root.to_string_lossy().into_owned();
    match std::fs::metadata(root) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return sink(Source::Failed(missing_argument(root_id, root)));
        }
        Err(e) => return sink(Source::Failed(io_error(&root_id, root, &e))),
        Ok(m) if !m.is_dir() => {
            seen.insert_file(&root_id);
            return list_file(root, root_id, opts, seen, sink);
        }
        Ok(_) => {}
    }
    let walker = walkdir::WalkDir::new(root).follow_links(true).sort_by(|a, b| a.file_name().cmp(b.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
                let id = relative_id(root, &path);
                let message = if let Some(anc) = err.loop_ancestor() {
                    format!("{} is a symbolic link loop back to {}; skipped", path.display(), anc.display())
                } else {
                    format!("cannot list {}: {err}; check that it exists and is readable", path.display())
                };
                let kind = err.io_error().map(InputErrorKind::from_io).unwrap_or(InputErrorKind::Io);
                if !sink(Source::Failed(InputError::new(id, kind, message))) {
                    return false;
                }
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if !(globs.is_match(rel) || globs.is_match(entry.file_name())) {
            continue;
        }
        let mut id = relative_id(root, entry.path());
        if !seen.insert_file(&id) {
            // Another folder argument gave this name: say which folder this one is in.
            id = format!("{}/{id}", root.to_string_lossy().trim_end_matches('/'));
            seen.insert_file(&id);
        }
        if !list_file(entry.path(), id, opts, seen, sink) {
            return false;
        }
    }
    true
}

/// A path named on the command line that does not exist: said so, with the
/// closest name in its folder when one is near.
fn missing_argument(id: String, path: &Path) -> InputError {
    if let Ok(target) = std::fs::read_link(path) {
        return InputError::new(
            id,
            InputErrorKind::NotFound,
            format!("{} is a symbolic link to {}, which does not exist", path.display(), target.display()),
        );
    }
    let hint = match crate::suggest::closest_path(path) {
        Some(near) => format!("did you mean {}?", near.display()),
        None => "check the path".to_string(),
    };
    InputError::new(id, InputErrorKind::NotFound, format!("{} does not exist; {hint}", path.display()))
}

fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '\\' { s.replace('\\', "/") } else { s.into_owned() }
}

fn list_file(
    path: &Path,
    id: String,
    opts: &ListOptions,
    seen: &mut SeenIds,
    sink: &mut dyn FnMut(Source) -> bool,
) -> bool {
    match opts.format.for_path(path) {
        InputFormat::Jsonl => match open_regular(&id, path) {
            Ok(f) => read_jsonl(BufReader::new(f), &id, opts, seen, sink),
            Err(e) => sink(Source::Failed(e)),
        },
        format => sink(Source::File { id, path: path.to_path_buf(), format }),
    }
}

/// Reads JSON Lines from `reader` as [`list_sources`] does for a `.jsonl`
/// file named `origin`: one source per non-blank line, in order, calling
/// `sink` for each; stops early when `sink` returns `false`.
///
/// ```
/// use depeche::document::{ListOptions, Source, jsonl_sources};
/// let input = "{\"id\": \"a\", \"text\": \"Un.\"}\n\n{\"id\": \"a\", \"text\": \"Deux.\"}\n";
/// let mut ids = Vec::new();
/// jsonl_sources(input.as_bytes(), "in.jsonl", &ListOptions::default(), &mut |s: Source| {
///     ids.push((s.id().to_string(), matches!(s, Source::Failed(_))));
///     true
/// });
/// assert_eq!(ids, [("a".to_string(), false), ("a".to_string(), true)]);
/// ```
pub fn jsonl_sources(reader: impl BufRead, origin: &str, opts: &ListOptions, sink: &mut dyn FnMut(Source) -> bool) {
    read_jsonl(reader, origin, opts, &mut SeenIds::default(), sink);
}

/// Reads JSON Lines from `reader`, one source per non-blank line.
fn read_jsonl(
    mut reader: impl BufRead,
    origin: &str,
    opts: &ListOptions,
    seen: &mut SeenIds,
    sink: &mut dyn FnMut(Source) -> bool,
) -> bool {
    let mut buf = Vec::new();
    let mut lineno = 0usize;
    let limit = opts.max_bytes.unwrap_or(u64::MAX);
    loop {
        buf.clear();
        match read_line_bounded(&mut reader, &mut buf, limit) {
            Ok(LineRead::End) => return true,
            Ok(LineRead::TooLong(skipped)) => {
                lineno += 1;
                let err = too_large(&format!("{origin}:{lineno}"), skipped, limit);
                let err = InputError { message: format!("line {lineno} of {origin}: {}", err.message), ..err };
                if !sink(Source::Failed(err)) {
                    return false;
                }
                continue;
            }
            Ok(LineRead::Line) => {}
            Err(e) => {
                return sink(Source::Failed(InputError::new(
                    format!("{origin}:{}", lineno + 1),
                    InputErrorKind::Io,
                    format!("cannot read line {} of {origin}: {e}", lineno + 1),
                )));
            }
        }
        lineno += 1;
        let line = trim_line(&buf);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let source = jsonl_source(line, origin, lineno, opts, seen);
        if !sink(source) {
            return false;
        }
    }
}

/// The most a JSON Lines line buffer reserves at once (address space, not
/// memory: only the pages written count).
const MAX_LINE_RESERVE: u64 = 256 * 1024 * 1024;

/// What [`read_line_bounded`] read.
enum LineRead {
    /// The end of the input (nothing read).
    End,
    /// A line, in the buffer (with its newline, unless it ends the input).
    Line,
    /// A line longer than the limit, consumed without being kept: its length.
    TooLong(u64),
}

/// Reads one line into `buf`, holding at most `limit` bytes of it (the
/// buffer never grows past that): a longer line is consumed chunk by chunk
/// and dropped, so that refusing a line of any length costs at most
/// `limit` bytes, once.
fn read_line_bounded(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: u64) -> std::io::Result<LineRead> {
    let (mut total, mut too_long) = (0u64, false);
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(match (total, too_long) {
                (0, _) => LineRead::End,
                (n, true) => LineRead::TooLong(n),
                _ => LineRead::Line,
            });
        }
        let (n, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        total += n as u64;
        let content = total - u64::from(done);
        if !too_long && content > limit {
            too_long = true;
            // Give the memory back at once.
            *buf = Vec::new();
        }
        if !too_long {
            if buf.len() + n > buf.capacity() {
                // Room for the longest line accepted, at once: the pages are
                // taken only as they are written, and the buffer is never
                // copied as it grows (a copy would hold the line twice).
                let room = limit.saturating_add(1).min(MAX_LINE_RESERVE) as usize;
                buf.reserve((buf.len() + n).max(room) - buf.len());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        reader.consume(n);
        if done {
            return Ok(if too_long { LineRead::TooLong(total) } else { LineRead::Line });
        }
    }
}

/// A line without its line ending, and without a UTF-8 BOM (which editors
/// put at the start of a file, so on its first line).
fn trim_line(buf: &[u8]) -> &[u8] {
    let mut line = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
    while let [rest @ .., b'\n' | b'\r'] = line {
        line = rest;
    }
    line
}

/// Turns one JSONL line into a source (or an error naming the line).
pub fn jsonl_source(line: &[u8], origin: &str, lineno: usize, opts: &ListOptions, seen: &mut SeenIds) -> Source {
    let fallback_id = format!("{origin}:{lineno}");
    let value: serde_json::Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            let what = if std::str::from_utf8(line).is_err() { "is not valid UTF-8" } else { "is not valid JSON" };
            return Source::Failed(InputError::new(
                fallback_id,
                InputErrorKind::Json,
                format!(
                    "line {lineno} of {origin} {what} ({e}); each line must be a JSON object such as {{\"id\": \"a1\", \"text\": \"...\"}}"
                ),
            ));
        }
    };
    let serde_json::Value::Object(mut obj) = value else {
        return Source::Failed(InputError::new(
            fallback_id,
            InputErrorKind::Json,
            format!(
                "line {lineno} of {origin} is JSON but not an object; each line must be {{\"id\": ..., \"text\": ...}}"
            ),
        ));
    };
    let mut warnings = Vec::new();
    let numeric = matches!(obj.get("id"), Some(serde_json::Value::Number(_)));
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        None => fallback_id,
        Some(serde_json::Value::String(_)) => {
            warnings.push(format!(
                "line {lineno} of {origin}: the \"id\" is empty; the record is named {fallback_id:?} instead"
            ));
            fallback_id
        }
        Some(other) => {
            let what = match other {
                serde_json::Value::Null => "null",
                serde_json::Value::Bool(_) => "a boolean",
                serde_json::Value::Array(_) => "an array",
                _ => "an object",
            };
            warnings.push(format!(
                "line {lineno} of {origin}: the \"id\" is {what}, not a string or a number; the record is named {fallback_id:?} instead"
            ));
            fallback_id
        }
    };
    let text = match obj.remove("text") {
        Some(serde_json::Value::String(s)) => s,
        Some(other) => {
            let what = match other {
                serde_json::Value::Null => "null",
                serde_json::Value::Bool(_) => "a boolean",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Array(_) => "an array",
                _ => "an object",
            };
            return Source::Failed(InputError::new(
                id,
                InputErrorKind::MissingText,
                format!("line {lineno} of {origin}: \"text\" is {what}, not a string"),
            ));
        }
        None => {
            return Source::Failed(InputError::new(
                id,
                InputErrorKind::MissingText,
                format!(
                    "line {lineno} of {origin} has no \"text\" field; each line needs the article's text as a string"
                ),
            ));
        }
    };
    if !seen.insert_jsonl(&id) {
        let same = if numeric || serde_json::from_str::<serde_json::Number>(&id).is_ok() {
            " (ids are compared as the record writes them: the number 12 and the string \"12\" are the same id)"
        } else {
            ""
        };
        return Source::Failed(InputError::new(
            id.clone(),
            InputErrorKind::DuplicateId,
            format!("line {lineno} of {origin} repeats the id {id:?} of an earlier line{same}; ids must be unique"),
        ));
    }
    let date = match obj.get(opts.date_field.as_deref().unwrap_or("date")) {
        Some(serde_json::Value::String(d)) => Some(d.clone()),
        _ => None,
    };
    let fields = if opts.keep.is_empty() {
        None
    } else {
        // The kept values as the line wrote them (a number keeps every
        // digit): read again, as raw JSON, from a line known to be valid.
        let raw: std::collections::BTreeMap<String, &serde_json::value::RawValue> =
            serde_json::from_slice(line).unwrap_or_default();
        let mut kept = crate::record::Fields::default();
        // The text is the article, never a kept field.
        for k in opts.keep.iter().filter(|k| *k != "text") {
            if let Some(v) = raw.get(k) {
                // Cannot fail: the value comes from a line already parsed.
                let _ = kept.insert_raw(k.clone(), v.get());
            }
        }
        Some(kept)
    };
    Source::Inline(Document { id, text, fields, date, warnings, ..Default::default() })
}

/// The ids already given, to catch two inputs with the same id, in bounded
/// memory however long the stream.
///
/// JSON Lines ids are kept as 64-bit fingerprints (SipHash with fixed keys,
/// so runs are reproducible) of the last [`SEEN_WINDOW`] lines: a repeat
/// within that many lines is always caught; one further apart is not. Two
/// different ids are taken for the same with a probability below
/// `SEEN_WINDOW / 2^64` a line (under 10^-13; about 10^-7 over a stream of
/// two million lines). Memory stays under about 30 MB on any stream.
///
/// File ids (paths relative to their folder argument) are all kept: a file
/// whose relative path an earlier folder argument already gave is named with
/// its folder argument in front (`b/x.txt` for `x.txt` under `b`, after `a`
/// gave an `x.txt`).
#[derive(Debug, Default)]
pub struct SeenIds {
    fingerprints: rustc_hash::FxHashSet<u64>,
    order: std::collections::VecDeque<u64>,
    files: std::collections::HashSet<String>,
}

/// How many of the last JSON Lines ids [`SeenIds`] remembers.
pub const SEEN_WINDOW: usize = 1 << 20;

impl SeenIds {
    /// Records a JSON Lines id; `false` when it was seen within the window.
    ///
    /// ```
    /// let mut seen = depeche::document::SeenIds::default();
    /// assert!(seen.insert_jsonl("a1"));
    /// assert!(!seen.insert_jsonl("a1"));
    /// ```
    pub fn insert_jsonl(&mut self, id: &str) -> bool {
        use std::hash::{Hash, Hasher};
        // SipHash-1-3 with fixed keys: the same fingerprints on every run.
        let mut h = std::hash::DefaultHasher::new();
        id.hash(&mut h);
        let fp = h.finish();
        if !self.fingerprints.insert(fp) {
            return false;
        }
        self.order.push_back(fp);
        if self.order.len() > SEEN_WINDOW
            && let Some(old) = self.order.pop_front()
        {
            self.fingerprints.remove(&old);
        }
        true
    }

    /// Records a file id; `false` when an earlier input had it.
    fn insert_file(&mut self, id: &str) -> bool {
        self.files.insert(id.to_string())
    }
}
