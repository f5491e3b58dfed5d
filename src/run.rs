//! `depeche extract`: list inputs, process them in parallel batches, write
//! records in input order, report progress and a summary.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::collections::BTreeMap;

use crossbeam_channel::{TryRecvError, bounded, unbounded};
use depeche::document::{ListOptions, ReadOptions, Source, list_sources};
use depeche::record::Line;
use depeche::table::{self, TableFormat};
use depeche::{Error, InputFormat, Kind, Pipeline};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{ExtractArgs, FormatArg, InputArg};

/// Most sources in flight (being processed, or processed and waiting for
/// their turn to be written).
const WINDOW_ITEMS: usize = 256;
/// Most bytes (by size hint) in flight: with the rendered output (about four
/// times the text) this bounds the memory of a run.
const WINDOW_BYTES: u64 = 8 * 1024 * 1024;

/// One processed source, rendered by a worker thread: the bytes to write
/// and its counts for the summary.
struct Rendered {
    out: io::Result<Vec<u8>>,
    bytes: usize,
    error: bool,
    by_kind: [usize; Kind::ALL.len()],
    /// Entities of user kinds (rule files), by kind name.
    by_user_kind: BTreeMap<&'static str, usize>,
}

impl Rendered {
    fn new((line, bytes): (Line, usize), format: FormatArg) -> Rendered {
        let mut by_kind = [0; Kind::ALL.len()];
        let mut by_user_kind = BTreeMap::new();
        if let Line::Record(r) = &line {
            for e in &r.entities {
                match Kind::ALL.iter().position(|k| *k == e.kind) {
                    Some(i) => by_kind[i] += 1,
                    None => *by_user_kind.entry(e.kind.as_str()).or_default() += 1,
                }
            }
        }
        Rendered { out: render(&line, format), bytes, error: matches!(line, Line::Error(_)), by_kind, by_user_kind }
    }
}

/// The output of one line: a JSON line, or table rows (without the header).
fn render(line: &Line, format: FormatArg) -> io::Result<Vec<u8>> {
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
        Some(f) => table::write_rows(&mut out, f, line)?,
    }
    Ok(out)
}

fn table_format(format: FormatArg) -> Option<TableFormat> {
    match format {
        FormatArg::Jsonl => None,
        FormatArg::Tsv => Some(TableFormat::Tsv),
        FormatArg::Csv => Some(TableFormat::Csv),
        FormatArg::Facts => Some(TableFormat::Facts),
    }
}

/// Counts for the summary line.
#[derive(Debug, Default)]
struct Stats {
    articles: usize,
    errors: usize,
    bytes: usize,
    by_kind: [usize; Kind::ALL.len()],
    by_user_kind: BTreeMap<&'static str, usize>,
}

/// Runs the command; returns the exit code.
pub fn extract(args: ExtractArgs, pipeline: Pipeline) -> Result<i32, Error> {
    // The process ends right after this command: freeing the lexicons and
    // automata one allocation at a time would only add to the run time.
    let pipeline = std::mem::ManuallyDrop::new(pipeline);
    let started = Instant::now();
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
    list.validate().map_err(Error::Config)?;
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
    let lister = std::thread::spawn(move || {
        list_sources(&paths, &list_for_thread, &mut |s| tx.send(s).is_ok());
    });

    let mut sink = Output::open(args.output.as_deref(), args.format)?;
    let mut stats = Stats::default();
    let format = args.format;
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
                let rendered = Rendered::new(pipeline.process_source(source, read), format);
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
            while let Some(r) = window.next_ready() {
                stats.articles += 1;
                stats.bytes += r.bytes;
                stats.errors += usize::from(r.error);
                for (n, k) in stats.by_kind.iter_mut().zip(r.by_kind) {
                    *n += k;
                }
                for (k, n) in r.by_user_kind {
                    *stats.by_user_kind.entry(k).or_default() += n;
                }
                let written = match r.out {
                    Ok(bytes) => sink.write_rendered(&bytes),
                    Err(e) => Err(e),
                };
                match written {
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(true),
                    Err(e) => return Err(Error::Output(e)),
                    Ok(()) => {}
                }
                if let Some(p) = &progress {
                    p.inc(1);
                }
            }
            // Flush when no other result is waiting, so that a slow stream
            // (stdin) sees each record soon after its input.
            if done_rx.is_empty() {
                match sink.flush() {
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(true),
                    Err(e) => return Err(Error::Output(e)),
                    Ok(()) => {}
                }
            }
        }
    })?;
    drop(rx);
    let _ = lister.join();
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    if closed {
        // The reader went away (`depeche extract corpus | head -1`): end quietly.
        return Ok(0);
    }
    sink.finish().map_err(Error::Output)?;
    if !args.quiet {
        eprintln!("{}", summary(&stats, started.elapsed()));
    }
    Ok(if stats.errors > 0 && !args.exit_zero { 2 } else { 0 })
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

    fn finish(&mut self, seq: usize, hint: u64, rendered: Rendered) {
        self.ready.insert(seq, (hint, rendered));
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

fn new_progress(paths: &[PathBuf], list: &ListOptions) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} articles ({per_sec}, eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    // Count the articles on the side, so that the run does not wait for it;
    // JSON Lines and standard input are not counted (the bar then shows a count only).
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
        });
    }
    bar
}

fn summary(stats: &Stats, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(1e-9);
    let mb = stats.bytes as f64 / 1e6;
    let mut kinds: Vec<String> =
        Kind::ALL.iter().zip(stats.by_kind).map(|(k, n)| format!("{} {n}", k.as_str())).collect();
    kinds.extend(stats.by_user_kind.iter().map(|(k, n)| format!("{k} {n}")));
    format!(
        "depeche: {} articles, {} errors; {} entities ({}); {:.2} MB in {:.2} s ({:.1} MB/s)",
        stats.articles,
        stats.errors,
        stats.by_kind.iter().sum::<usize>() + stats.by_user_kind.values().sum::<usize>(),
        kinds.join(", "),
        mb,
        secs,
        mb / secs
    )
}

/// Where records go: standard output, or a temporary file renamed into place
/// when the run completes.
struct Output {
    writer: io::BufWriter<Box<dyn Write>>,
    format: FormatArg,
    temp: Option<(tempfile::TempPath, PathBuf)>,
    wrote_header: bool,
}

impl Output {
    fn open(path: Option<&Path>, format: FormatArg) -> Result<Output, Error> {
        let (inner, temp): (Box<dyn Write>, _) = match path {
            None => (Box::new(io::stdout()), None),
            Some(path) => {
                let dir = match path.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let file = tempfile::NamedTempFile::new_in(&dir).map_err(|source| Error::Io {
                    path: dir.clone(),
                    source,
                    hint: "the output folder must exist and be writable",
                })?;
                let (file, temp_path) = file.into_parts();
                (Box::new(file), Some((temp_path, path.to_path_buf())))
            }
        };
        Ok(Output { writer: io::BufWriter::with_capacity(1 << 16, inner), format, temp, wrote_header: false })
    }

    /// Writes the rendering of one line (see [`render`]), after the table
    /// header when it is the first.
    fn write_rendered(&mut self, bytes: &[u8]) -> io::Result<()> {
        if let Some(f) = table_format(self.format)
            && !self.wrote_header
        {
            table::write_header(&mut self.writer, f)?;
            self.wrote_header = true;
        }
        self.writer.write_all(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }

    fn finish(mut self) -> io::Result<()> {
        if let Some(f) = table_format(self.format)
            && !self.wrote_header
        {
            table::write_header(&mut self.writer, f)?;
        }
        self.writer.flush()?;
        if let Some((temp, dest)) = self.temp.take() {
            drop(self.writer);
            temp.persist(&dest).map_err(|e| e.error)?;
        }
        Ok(())
    }
}
