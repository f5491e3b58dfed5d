//! `depeche extract`: list inputs, process them in parallel batches, write
//! records in input order, report progress and a summary.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::collections::BTreeMap;

use crossbeam_channel::{TryRecvError, bounded, unbounded};
use depeche::document::{ListOptions, ReadOptions, Source, list_sources};
use depeche::record::Line;
use depeche::report::{Report, ReportOptions, Section};
use depeche::table::{self, Cells, TableFormat};
use depeche::{Error, InputFormat, Kind, Pipeline};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{DiffArgs, ExtractArgs, FormatArg, InputArg};

mod output;
use output::Output;

/// Most sources in flight (being processed, or processed and waiting for
/// their turn to be written).
const WINDOW_ITEMS: usize = 256;
/// Most bytes in flight: the texts being processed (by size hint) and the
/// renderings waiting for their turn. Working memory is about 10 to 30
/// times the text being processed, whatever `--jobs` is, so this bounds the
/// memory of a run: a new source starts only while less than this is in
/// flight (one always may when nothing is).
const WINDOW_BYTES: u64 = 4 * 1024 * 1024;

/// One processed source, rendered by a worker thread: the bytes to write
/// and its counts for the summary.
struct Rendered {
    out: io::Result<Vec<u8>>,
    /// What is written after `out`: a record written in two parts
    /// ([`depeche::record::RecordJson`]) has its entities here.
    tail: Vec<u8>,
    bytes: usize,
    /// For an error record: its id and error kind.
    failure: Option<(String, String)>,
    /// With --emit-map: the article's line of the map file.
    map: Option<Vec<u8>>,
    by_kind: [usize; Kind::ALL.len()],
    /// Entities of user kinds (rule files), by kind name.
    by_user_kind: BTreeMap<&'static str, usize>,
    /// JSON Lines input: which `--keep` fields the line had (`None`: not a
    /// JSON Lines article).
    kept: Option<Vec<bool>>,
    /// --format html: the article's section.
    section: Option<Section>,
}

/// How records are written.
#[derive(Debug, Clone, Copy)]
struct Style {
    format: FormatArg,
    /// --rewrite numbers (with --format text).
    rewrite: bool,
    /// --emit-map.
    map: bool,
    /// The record carries its text only for the output format: leave it out.
    drop_text: bool,
}

impl Rendered {
    fn new(
        (mut line, bytes): (Line, usize),
        style: Style,
        keep: &[String],
        cells: Cells,
        seq: usize,
        html: &ReportOptions,
    ) -> Rendered {
        let mut by_kind = [0; Kind::ALL.len()];
        let mut by_user_kind = BTreeMap::new();
        let mut kept = None;
        let mut failure = None;
        match &line {
            Line::Record(r) => {
                for e in &r.entities {
                    match Kind::ALL.iter().position(|k| *k == e.kind) {
                        Some(i) => by_kind[i] += 1,
                        None => *by_user_kind.entry(e.kind.as_str()).or_default() += 1,
                    }
                }
                kept = r.fields.as_ref().map(|f| keep.iter().map(|k| f.contains_key(k)).collect());
            }
            Line::Error(e) => failure = Some((e.id.clone(), e.error.kind.clone())),
        }
        if style.format == FormatArg::Html {
            let section = Some(Section::render(&line, seq, html));
            return Rendered {
                out: Ok(Vec::new()),
                tail: Vec::new(),
                map: None,
                bytes,
                failure,
                by_kind,
                by_user_kind,
                kept,
                section,
            };
        }
        let mut map = None;
        let out = match (&mut line, style.format) {
            (Line::Record(r), FormatArg::Conll | FormatArg::Text) => {
                let text = r.text.take().unwrap_or_default();
                let mut out = Vec::with_capacity(text.len() * 2);
                if style.format == FormatArg::Conll {
                    depeche::conll::write(&mut out, r, &text);
                } else if style.rewrite {
                    let rw = depeche::rewrite::rewrite_numbers(&text);
                    out.extend_from_slice(rw.text.as_bytes());
                    if style.map {
                        map = Some(map_line(&r.id, r.offsets, &text, &rw));
                    }
                } else {
                    out.extend_from_slice(text.as_bytes());
                }
                Ok(out)
            }
            (_, FormatArg::Conll | FormatArg::Text) => Ok(Vec::new()),
            (l, _) => {
                if style.drop_text
                    && let Line::Record(r) = l
                {
                    r.text = None;
                }
                render(l, style.format, cells)
            }
        };
        Rendered { out, tail: Vec::new(), map, bytes, failure, by_kind, by_user_kind, kept, section: None }
    }

    /// Processes one source and renders it: JSON Lines written as the
    /// pipeline goes ([`Pipeline::process_source_json`]), other formats from
    /// the record.
    fn of(
        pipeline: &Pipeline,
        (source, read): (Source, &ReadOptions),
        style: Style,
        keep: &[String],
        cells: Cells,
        seq: usize,
        html: &ReportOptions,
    ) -> Rendered {
        if style.format == FormatArg::Jsonl {
            let json = pipeline.process_source_json(source, read, !style.drop_text);
            Rendered::json(json, style, keep, cells, seq, html)
        } else {
            Rendered::new(pipeline.process_source(source, read), style, keep, cells, seq, html)
        }
    }

    /// A JSON Lines record written by the pipeline as it found its
    /// entities (a large article is never held as a list of entities), or
    /// an error record.
    fn json(
        (json, bytes): (Result<depeche::record::RecordJson, depeche::record::ErrorRecord>, usize),
        style: Style,
        keep: &[String],
        cells: Cells,
        seq: usize,
        html: &ReportOptions,
    ) -> Rendered {
        let json = match json {
            Ok(json) => json,
            Err(e) => return Rendered::new((Line::Error(e), bytes), style, keep, cells, seq, html),
        };
        let mut by_kind = [0; Kind::ALL.len()];
        let mut by_user_kind = BTreeMap::new();
        for (kind, n) in json.by_kind {
            match Kind::ALL.iter().position(|k| *k == kind) {
                Some(i) => by_kind[i] += n,
                None => *by_user_kind.entry(kind.as_str()).or_default() += n,
            }
        }
        let kept = json.fields.as_ref().map(|f| keep.iter().map(|k| f.contains_key(k)).collect());
        let mut tail = json.body;
        tail.push(b'\n');
        Rendered {
            out: Ok(json.head),
            tail,
            map: None,
            bytes,
            failure: None,
            by_kind,
            by_user_kind,
            kept,
            section: None,
        }
    }
}

/// The map line of one rewritten article: `{"id", "offsets", "edits":
/// [[original_start, original_end, rewritten_start, rewritten_end], ...]}`
/// in the record's offset unit.
fn map_line(id: &str, unit: depeche::OffsetUnit, original: &str, rw: &depeche::rewrite::Rewritten) -> Vec<u8> {
    let from = depeche::offsets::OffsetMap::new(original, unit);
    let to = depeche::offsets::OffsetMap::new(&rw.text, unit);
    let edits: Vec<[usize; 4]> = rw
        .edits
        .iter()
        .map(|e| {
            [from.map(e.original.start), from.map(e.original.end), to.map(e.rewritten.start), to.map(e.rewritten.end)]
        })
        .collect();
    let mut out = serde_json::to_vec(&serde_json::json!({"id": id, "offsets": unit.as_str(), "edits": edits}))
        .expect("a JSON value serializes");
    out.push(b'\n');
    out
}

/// Checks the options that go together (--rewrite needs --format text,
/// --emit-map needs --rewrite); the message says what to change.
pub fn check_formats(args: &ExtractArgs) -> Result<(), String> {
    if args.rewrite.is_some() && args.format != FormatArg::Text {
        return Err("--rewrite needs --format text (the rewritten article is text)".into());
    }
    if args.emit_map.is_some() && args.rewrite.is_none() {
        return Err("--emit-map needs --rewrite numbers (it maps the rewritten text back to the original)".into());
    }
    Ok(())
}

/// The output of one line: a JSON line, or table rows (without the header).
fn render(line: &Line, format: FormatArg, cells: Cells) -> io::Result<Vec<u8>> {
    // Sized for the usual record (about 150 bytes per entity, 16 per
    // sentence) so that it is not copied as it grows.
    let guess = match line {
        Line::Record(r) => {
            256 + r.id.len()
                + r.text.as_ref().map_or(0, |t| t.len() + t.len() / 8)
                + 160 * r.entities.len()
                + 16 * r.sentences.len()
        }
        Line::Error(e) => 64 + e.id.len() + e.error.message.len(),
    };
    let mut out = Vec::with_capacity(guess);
    match table_format(format) {
        None => {
            line.write_json(&mut out);
            out.push(b'\n');
        }
        Some(f) => table::write_rows_with(&mut out, f, cells, line)?,
    }
    Ok(out)
}

fn table_format(format: FormatArg) -> Option<TableFormat> {
    match format {
        FormatArg::Jsonl | FormatArg::Html | FormatArg::Conll | FormatArg::Text => None,
        FormatArg::Tsv => Some(TableFormat::Tsv),
        FormatArg::Csv => Some(TableFormat::Csv),
        FormatArg::Facts => Some(TableFormat::Facts),
    }
}

/// How many failed ids the summary lists.
const FAILED_SHOWN: usize = 5;

/// Counts for the summary line.
#[derive(Debug, Default)]
struct Stats {
    articles: usize,
    errors: usize,
    bytes: usize,
    by_kind: [usize; Kind::ALL.len()],
    by_user_kind: BTreeMap<&'static str, usize>,
    /// The first [`FAILED_SHOWN`] error records: id and error kind.
    failed: Vec<(String, String)>,
    /// JSON Lines articles read, and for each `--keep` field whether any had it.
    jsonl_articles: usize,
    kept_seen: Vec<bool>,
}

impl Stats {
    fn add(&mut self, r: &mut Rendered) {
        self.articles += 1;
        self.bytes += r.bytes;
        if let Some(f) = r.failure.take() {
            self.errors += 1;
            if self.failed.len() < FAILED_SHOWN {
                self.failed.push(f);
            }
        }
        for (n, k) in self.by_kind.iter_mut().zip(r.by_kind) {
            *n += k;
        }
        for (k, n) in std::mem::take(&mut r.by_user_kind) {
            *self.by_user_kind.entry(k).or_default() += n;
        }
        if let Some(kept) = &r.kept {
            self.jsonl_articles += 1;
            self.kept_seen.resize(kept.len(), false);
            for (seen, had) in self.kept_seen.iter_mut().zip(kept) {
                *seen |= had;
            }
        }
    }
}

/// A warning on standard error (not with `-q`).
fn warn(message: impl std::fmt::Display) {
    crate::say(format_args!("depeche: warning: {message}"));
}

/// The `--keep` warnings, once each at the end of a run: kept fields that no
/// line had, or `--keep` without any JSON Lines article.
fn keep_warnings(keep: &[String], stats: &Stats) -> Vec<String> {
    if keep.is_empty() || stats.articles == stats.errors {
        return Vec::new();
    }
    if stats.jsonl_articles == 0 {
        return vec![format!(
            "--keep {} was ignored: it copies fields of JSON Lines input, and no JSON Lines article was read (use --input jsonl, or .jsonl files)",
            keep.join(",")
        )];
    }
    keep.iter()
        .enumerate()
        .filter(|(i, _)| !stats.kept_seen.get(*i).copied().unwrap_or(false))
        .map(|(_, k)| format!("--keep {k}: no input line has a field {k:?}, so no record has it"))
        .collect()
}

/// The listing options of `extract`, checked (a usage error stops the run).
fn list_options(args: &ExtractArgs) -> ListOptions {
    let list = ListOptions {
        format: match args.input {
            InputArg::Auto => InputFormat::Auto,
            InputArg::Text => InputFormat::Text,
            InputArg::Jsonl => InputFormat::Jsonl,
            InputArg::Html => InputFormat::Html,
        },
        globs: (!args.glob.is_empty()).then(|| args.glob.clone()),
        keep: args.keep.clone(),
        date_field: Some(args.date_field.clone()),
        max_bytes: Some(args.max_bytes),
    };
    if let Err(message) = list.validate() {
        crate::usage_error("extract", message);
    }
    if args.emit_text && table_format(args.format).is_some() && !args.quiet {
        warn(
            "--emit-text has no effect with --format csv or tsv (tables have no text column); use --format jsonl to get the text",
        );
    }
    list
}

/// Writes every line of `window` whose turn has come; true when the reader
/// went away (a broken pipe).
fn write_ready(
    window: &mut Window,
    stats: &mut Stats,
    sink: &mut Output,
    map_sink: &mut Option<Output>,
    format: FormatArg,
    progress: Option<&ProgressBar>,
) -> Result<bool, Error> {
    while let Some(mut r) = window.next_ready() {
        let error = r.failure.is_some();
        stats.add(&mut r);
        if let (Some(m), Some(bytes)) = (map_sink.as_mut(), &r.map) {
            m.write_rendered(bytes, None).map_err(Error::Output)?;
        }
        let text_sep = format == FormatArg::Text && !error && stats.articles - stats.errors > 1;
        let written = match r.out {
            Ok(bytes) if text_sep => {
                sink.write_rendered(b"\x0c", None).and_then(|()| sink.write_rendered(&bytes, r.section))
            }
            Ok(bytes) => sink.write_rendered(&bytes, r.section),
            Err(e) => Err(e),
        }
        .and_then(|()| if r.tail.is_empty() { Ok(()) } else { sink.write_rendered(&r.tail, None) });
        match written {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(true),
            Err(e) => return Err(Error::Output(e)),
            Ok(()) => {}
        }
        if let Some(p) = progress {
            p.inc(1);
        }
    }
    Ok(false)
}

/// The outputs of `extract`: the HTML report's options, the main output
/// (with its report when the format is HTML) and the `--emit-map` one.
fn open_outputs(args: &ExtractArgs, pipeline: &Pipeline) -> Result<(ReportOptions, Output, Option<Output>), Error> {
    let html = ReportOptions {
        title: format!("depeche: {}", args.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ")),
        max_articles: args.html_max_articles,
        user_kinds: pipeline.rules().kinds().iter().map(|k| k.as_str().to_string()).collect(),
    };
    let mut sink = Output::open(args.output.as_deref(), args.format)?;
    if args.format == FormatArg::Html {
        sink.report = Some(Report::new(html.clone()));
    }
    let map_sink = match &args.emit_map {
        Some(path) => Some(Output::open(Some(path), FormatArg::Jsonl)?),
        None => None,
    };
    Ok((html, sink, map_sink))
}

/// Flushes the output; true when the reader went away (a broken pipe).
fn flush_closed(sink: &mut Output) -> Result<bool, Error> {
    match sink.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(Error::Output(e)),
        Ok(()) => Ok(false),
    }
}

/// Runs the command; returns the exit code.
pub fn extract(args: ExtractArgs, pipeline: Pipeline) -> Result<i32, Error> {
    // The process ends right after this command: freeing the lexicons and
    // automata one allocation at a time would only add to the run time.
    let pipeline = std::mem::ManuallyDrop::new(pipeline);
    let started = Instant::now();
    let list = list_options(&args);
    let read = ReadOptions { max_bytes: args.max_bytes, strict_utf8: args.strict_utf8 };
    let threads = args.jobs.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Config(format!("cannot start {threads} worker threads: {e}")))?;

    let show_progress = !args.quiet && io::stderr().is_terminal();
    let progress = show_progress.then(|| new_progress(&args.paths, &list));

    // The listing runs on its own thread and feeds a bounded channel, so
    // memory stays bounded however many files there are.
    let (tx, rx) = bounded::<Source>(WINDOW_ITEMS);
    let paths = args.paths.clone();
    let list_for_thread = list.clone();
    let lister = std::thread::spawn(move || list_sources(&paths, &list_for_thread, &mut |s| tx.send(s).is_ok()));

    let (html, mut sink, mut map_sink) = open_outputs(&args, &pipeline)?;
    let html = &html;
    let mut stats = Stats::default();
    let format = Style {
        format: args.format,
        rewrite: args.rewrite.is_some(),
        map: args.emit_map.is_some(),
        drop_text: !args.emit_text,
    };
    let keep = &args.keep;
    let cells = if args.raw_cells { Cells::Raw } else { Cells::Safe };
    // Sources are handed to the workers one by one as they are listed, each
    // with its sequence number; the workers read, process and render them
    // (so this thread only copies bytes) and send them back; this thread
    // writes them in sequence order. No batch waits for its slowest article,
    // and what is in flight is bounded (WINDOW_*), so memory does not grow
    // with the corpus; output is the same for any number of threads.
    let (done_tx, done_rx) = unbounded::<(usize, u64, Rendered)>();
    let pipeline: &Pipeline = &pipeline;
    let read = &read;
    let closed = pool.in_place_scope(|scope| -> Result<bool, Error> {
        let spawn = |source: Source, seq: usize, hint: u64| {
            let done = done_tx.clone();
            scope.spawn(move |_| {
                let rendered = Rendered::of(pipeline, (source, read), format, keep, cells, seq, html);
                // The receiver lives until the scope ends.
                let _ = done.send((seq, hint, rendered));
            });
        };
        let mut window = Window::default();
        let mut listing = true;
        loop {
            // Hand out the sources already listed while there is room;
            // block on the lister only when nothing is in flight.
            while listing && window.has_room() {
                let next =
                    if window.is_empty() { rx.recv().map_err(|_| TryRecvError::Disconnected) } else { rx.try_recv() };
                match next {
                    Ok(source) => {
                        let hint = source.size_hint();
                        let seq = window.start(hint);
                        spawn(source, seq, hint);
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => listing = false,
                }
            }
            if window.is_empty() {
                // Nothing in flight and nothing more to list.
                return Ok(false);
            }
            // Wait for a result, or, when there is room, for a new source.
            let (seq, hint, rendered) = if listing && window.has_room() {
                crossbeam_channel::select! {
                    recv(done_rx) -> r => r.expect("a sender is held here"),
                    recv(rx) -> next => {
                        match next {
                            Ok(source) => {
                                let hint = source.size_hint();
                                let seq = window.start(hint);
                                spawn(source, seq, hint);
                            }
                            Err(_) => listing = false,
                        }
                        continue;
                    }
                }
            } else {
                done_rx.recv().expect("a sender is held here")
            };
            window.finish(seq, hint, rendered);
            // Write every line whose turn has come.
            if write_ready(&mut window, &mut stats, &mut sink, &mut map_sink, args.format, progress.as_ref())? {
                return Ok(true);
            }
            // Flush when no other result is waiting, so that a slow stream
            // (stdin) sees each record soon after its input.
            if done_rx.is_empty() && flush_closed(&mut sink)? {
                return Ok(true);
            }
        }
    })?;
    drop(rx);
    let counts = lister.join().unwrap_or_default();
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    if closed {
        // The reader went away (`depeche extract corpus | head -1`): end quietly.
        return Ok(0);
    }
    sink.finish().map_err(Error::Output)?;
    if let Some(m) = map_sink {
        m.finish().map_err(Error::Output)?;
    }
    Ok(report(&args, &list, &stats, &counts, started.elapsed()))
}

/// The end of a run on stderr: the summary, the warnings, the folders in
/// which nothing matched; returns the exit code.
fn report(args: &ExtractArgs, list: &ListOptions, stats: &Stats, counts: &[usize], elapsed: Duration) -> i32 {
    if !args.quiet {
        crate::say(format_args!("{}", summary(stats, elapsed)));
        for w in keep_warnings(&args.keep, stats) {
            warn(w);
        }
    }
    // A folder argument in which no file matched is a mistake in the
    // arguments (a wrong folder, or globs that do not fit): exit 2.
    let mut nothing = false;
    for (path, _) in args.paths.iter().zip(counts).filter(|(p, n)| **n == 0 && p.is_dir()) {
        crate::say(format_args!("depeche: error: {}", nothing_matched(path, list)));
        nothing = true;
    }
    if nothing || (stats.errors > 0 && !args.exit_zero) { 2 } else { 0 }
}

/// Says that nothing in `dir` matched, with the globs used, what the folder
/// holds instead and how to choose other files.
fn nothing_matched(dir: &Path, list: &ListOptions) -> String {
    let globs = list.patterns();
    let source = match (&list.globs, list.format) {
        (Some(_), _) => "given with --glob".to_string(),
        (None, InputFormat::Jsonl) => "the default for --input jsonl".to_string(),
        (None, InputFormat::Html) => "the default for --input html".to_string(),
        (None, _) => "the default".to_string(),
    };
    // What the folder holds instead, counted by extension.
    let mut by_ext: BTreeMap<String, usize> = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).follow_links(true).into_iter().filter_map(Result::ok) {
        if e.file_type().is_file() {
            let ext = e.path().extension().map(|x| x.to_string_lossy().into_owned()).unwrap_or_default();
            *by_ext.entry(ext).or_default() += 1;
        }
    }
    let files: usize = by_ext.values().sum();
    let mut message = format!(
        "no file in {} matched the globs {} ({source})",
        dir.display(),
        globs.iter().map(|g| format!("'{g}'")).collect::<Vec<_>>().join(", ")
    );
    // The most common extension, for an example --glob.
    let top = by_ext.iter().filter(|(e, _)| !e.is_empty()).max_by_key(|(_, n)| **n).map(|(e, _)| e.clone());
    if files == 0 {
        message.push_str("; the folder holds no file at all; check the path");
        return message;
    }
    // The five most common extensions.
    let mut common: Vec<(&String, &usize)> = by_ext.iter().collect();
    common.sort_by_key(|(_, n)| std::cmp::Reverse(**n));
    let mut holds: Vec<String> = common
        .iter()
        .take(5)
        .map(|(e, n)| if e.is_empty() { format!("{n} without extension") } else { format!("{n} .{e}") })
        .collect();
    if common.len() > 5 {
        holds.push("…".into());
    }
    message.push_str(&format!("; it holds {} ({})", plural(files, "file"), holds.join(", ")));
    // --glob '*.txt' with --input jsonl would read text files as JSON Lines.
    let ext = top.as_deref().map(str::to_ascii_lowercase).unwrap_or_default();
    let forced = match list.format {
        InputFormat::Jsonl if ["txt", "html", "htm"].contains(&ext.as_str()) => Some(("jsonl", "JSON Lines")),
        InputFormat::Html if ext == "txt" => Some(("html", "HTML")),
        _ => None,
    };
    match (forced, top) {
        (Some((name, what)), Some(top)) => message.push_str(&format!(
            "; to read the .{top} files by their extension, leave out --input {name} (it reads every file as {what}, and --glob chooses which)"
        )),
        (_, top) => {
            let example = top.map_or_else(|| "'*'".to_string(), |e| format!("'*.{e}'"));
            message.push_str(&format!("; choose the files to read with --glob, such as --glob {example} (repeatable)"));
        }
    }
    message
}

/// `1 article`, `2 articles`, `0 articles`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// A number of bytes in B, kB, MB or GB (powers of 1000), three
/// significant digits (`812 B`, `12.6 kB`, `2.85 MB`).
fn size(bytes: f64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"];
    let mut x = bytes;
    let mut unit = 0;
    while x >= 999.5 && unit + 1 < units.len() {
        x /= 1000.0;
        unit += 1;
    }
    if unit == 0 { format!("{x:.0} B") } else { format!("{} {}", sig3(x), units[unit]) }
}

/// A rate or size with three significant digits at most (`0.0412`,
/// `4.12`, `41.2`, `412`, `4120`).
fn sig3(x: f64) -> String {
    let decimals =
        if x <= 0.0 || !x.is_finite() { 0 } else { (2 - x.abs().log10().floor() as i32).clamp(0, 4) as usize };
    format!("{x:.decimals$}")
}

/// The sources in flight, by sequence number, and the results waiting for
/// their turn to be written.
#[derive(Default)]
struct Window {
    next_seq: usize,
    next_write: usize,
    items: usize,
    bytes: u64,
    ready: BTreeMap<usize, (u64, Rendered)>,
}

impl Window {
    /// Whether another source may start (one always may when none is in
    /// flight, however large).
    fn has_room(&self) -> bool {
        self.items < WINDOW_ITEMS && self.bytes < WINDOW_BYTES
    }

    fn is_empty(&self) -> bool {
        self.items == 0
    }

    /// Counts a new source in; returns its sequence number.
    fn start(&mut self, hint: u64) -> usize {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.items += 1;
        self.bytes += hint;
        seq
    }

    /// A result is back: until it is written, its rendering counts against
    /// the bytes in flight too (it is often larger than the text).
    fn finish(&mut self, seq: usize, hint: u64, rendered: Rendered) {
        let held = hint + rendered.out.as_ref().map_or(0, |o| o.len() as u64) + rendered.tail.len() as u64;
        self.bytes += held - hint;
        self.ready.insert(seq, (held, rendered));
    }

    /// The next result in sequence order, if it is ready; it leaves the window.
    fn next_ready(&mut self) -> Option<Rendered> {
        let entry = self.ready.first_entry().filter(|e| *e.key() == self.next_write)?;
        let (hint, rendered) = entry.remove();
        self.next_write += 1;
        self.items -= 1;
        self.bytes -= hint;
        Some(rendered)
    }
}

/// The progress display: a spinner with the count of articles written
/// while the total is unknown (folders still being listed, JSON Lines,
/// standard input), then a bar once it is known.
fn new_progress(paths: &[PathBuf], list: &ListOptions) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    bar.set_style(progress_style(false));
    bar.enable_steady_tick(Duration::from_millis(120));
    // Count the articles on the side, so that the run does not wait for it;
    // JSON Lines and standard input are not counted (the spinner stays).
    if list.format != InputFormat::Jsonl && !paths.iter().any(|p| p.as_os_str() == "-") {
        let paths = paths.to_vec();
        let list = list.clone();
        let counter = bar.clone();
        std::thread::spawn(move || {
            let mut n = 0u64;
            list_sources(&paths, &list, &mut |_| {
                n += 1;
                true
            });
            counter.set_length(n);
            counter.set_style(progress_style(true));
        });
    }
    bar
}

/// The spinner (`known_total` false) or the bar; rates with three
/// significant digits.
fn progress_style(known_total: bool) -> ProgressStyle {
    let template = if known_total {
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} articles ({rate}, eta {eta})"
    } else {
        "{spinner} [{elapsed_precise}] {count} ({rate})"
    };
    let style = ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner());
    style
        .with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{} articles/s", sig3(state.per_sec()));
        })
        .with_key("count", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}", plural(state.pos() as usize, "article"));
        })
}

fn summary(stats: &Stats, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(1e-9);
    // Kinds off by default (numbers, ordinals) are listed only when found.
    let mut kinds: Vec<String> = Kind::ALL
        .iter()
        .zip(stats.by_kind)
        .filter(|(k, n)| k.on_by_default() || *n > 0)
        .map(|(k, n)| format!("{} {n}", k.as_str()))
        .collect();
    kinds.extend(stats.by_user_kind.iter().map(|(k, n)| format!("{k} {n}")));
    let entities = stats.by_kind.iter().sum::<usize>() + stats.by_user_kind.values().sum::<usize>();
    let mut s = format!(
        "depeche: {}, {}; {} ({}); {} in {} s ({}/s)",
        plural(stats.articles, "article"),
        plural(stats.errors, "error"),
        if entities == 1 { "1 entity".to_string() } else { format!("{entities} entities") },
        kinds.join(", "),
        size(stats.bytes as f64),
        sig3(secs),
        size(stats.bytes as f64 / secs)
    );
    if !stats.failed.is_empty() {
        let listed: Vec<String> = stats.failed.iter().map(|(id, kind)| format!("{id} ({kind})")).collect();
        s.push_str(&format!("\n  failed: {}", listed.join(", ")));
        if stats.errors > stats.failed.len() {
            s.push_str(&format!(" … and {} more", stats.errors - stats.failed.len()));
        }
        s.push_str(" (the error records in the output say why)");
    }
    s
}

/// `depeche diff OLD NEW --html`: the page to stdout or `-o FILE`; exit 0
/// when the runs are the same, 1 when they differ, 2 on an error.
pub fn diff_html(args: &DiffArgs) -> Result<i32, Error> {
    let (page, differ) = match depeche::report::diff::diff_html_files(&args.old, &args.new, &args.text) {
        Ok(r) => r,
        Err(e) => {
            crate::say(format_args!("depeche: error: {e}"));
            return Ok(2);
        }
    };
    let mut sink = Output::open(args.output.as_deref(), FormatArg::Html)?;
    sink.writer.write_all(&page).map_err(Error::Output)?;
    sink.finish().map_err(Error::Output)?;
    Ok(i32::from(differ))
}
