//! `Pipeline.extract_many`: chunks of the input processed in parallel while
//! the records of the chunk before are handed out.

use crossbeam_channel::{Receiver, bounded};
use std::collections::VecDeque;
use std::sync::Arc;

use depeche::Pipeline;
use depeche::record::Line;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyIterator, PyList, PyString, PyTuple};
use rayon::prelude::*;

use crate::convert;
use crate::input::{Item, id_string};

/// Most inputs in one chunk: small chunks start the workers soon after the
/// first input and keep the wait for the last chunk's records short.
const CHUNK_ITEMS: usize = 64;
/// Most text bytes in one chunk (a chunk always takes at least one input).
const CHUNK_BYTES: usize = 256 * 1024;
/// Chunks submitted ahead of the one being handed out: enough work queued
/// for the workers (about a thousand short articles) to go on while the
/// calling thread waits for its turn on a busy machine, few enough to bound
/// memory (at most `(AHEAD + 1) * CHUNK_BYTES` of text and its records in
/// flight).
const AHEAD: usize = 16;

/// The iterator of records that `Pipeline.extract_many` returns (not built
/// directly); not to be shared between threads.
#[pyclass(module = "depeche")]
pub struct Records {
    pipeline: Arc<Pipeline>,
    pool: Arc<rayon::ThreadPool>,
    /// The caller's iterator; `None` once it is exhausted.
    source: Option<Py<PyIterator>>,
    /// The number of inputs read so far (the id of an input without one).
    read: usize,
    /// Chunks being processed, in input order.
    pending: VecDeque<Receiver<Vec<Line>>>,
    /// The records of the chunk being handed out.
    ready: std::vec::IntoIter<Line>,
    /// An exception raised by the caller's iterator, raised again once the
    /// inputs read before it have been handed out.
    error: Option<PyErr>,
    /// The Python strings of field names, shared by every record.
    keys: convert::Keys,
}

impl Records {
    pub fn new(pipeline: Arc<Pipeline>, texts: &Bound<'_, PyAny>, jobs: Option<usize>) -> PyResult<Records> {
        let threads = jobs.unwrap_or(0);
        // A pool of this call's own: the global pool would not survive a
        // fork (multiprocessing, Spark workers).
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("depeche-{i}"))
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start {threads} worker threads: {e}")))?;
        if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
            return Err(PyValueError::new_err(
                "extract_many takes an iterable of texts (or of (id, text) pairs), not one text; use extract for one text",
            ));
        }
        Ok(Records {
            pipeline,
            pool: Arc::new(pool),
            source: Some(texts.try_iter()?.unbind()),
            read: 0,
            pending: VecDeque::new(),
            ready: Vec::new().into_iter(),
            error: None,
            keys: convert::Keys::default(),
        })
    }

    /// Reads the next chunk of inputs from the caller's iterator.
    fn read_chunk(&mut self, py: Python<'_>) -> Vec<Item> {
        let mut items = Vec::new();
        let Some(source) = &self.source else { return items };
        let mut source = source.bind(py).clone();
        let mut bytes = 0;
        while items.len() < CHUNK_ITEMS && bytes < CHUNK_BYTES {
            match source.next() {
                None => {
                    self.source = None;
                    break;
                }
                Some(Err(e)) => {
                    self.source = None;
                    self.error = Some(e);
                    break;
                }
                Some(Ok(obj)) => {
                    let item = match item(&obj, self.read) {
                        Ok(item) => item,
                        Err(e) => {
                            self.source = None;
                            self.error = Some(e);
                            break;
                        }
                    };
                    self.read += 1;
                    bytes += item.size();
                    items.push(item);
                }
            }
        }
        items
    }

    /// Hands a chunk to the pool.
    fn submit(&mut self, items: Vec<Item>) {
        let (tx, rx) = bounded(1);
        let pipeline = self.pipeline.clone();
        self.pool.spawn(move || {
            let lines: Vec<Line> = items.into_par_iter().map(|item| item.process(&pipeline)).collect();
            // The iterator may have been dropped: nobody is waiting then.
            let _ = tx.send(lines);
        });
        self.pending.push_back(rx);
    }
}

/// One input: a text (its id is its position), or an `(id, text)` pair.
fn item(obj: &Bound<'_, PyAny>, index: usize) -> PyResult<Item> {
    if let Ok(t) = obj.cast::<PyTuple>()
        && t.len() == 2
    {
        return Ok(Item::from_text(id_string(&t.get_item(0)?)?, &t.get_item(1)?));
    }
    if let Ok(l) = obj.cast::<PyList>()
        && l.len() == 2
    {
        return Ok(Item::from_text(id_string(&l.get_item(0)?)?, &l.get_item(1)?));
    }
    Ok(Item::from_text(index.to_string(), obj))
}

#[pymethods]
impl Records {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            if let Some(line) = self.ready.next() {
                return convert::to_python(py, &mut self.keys, &line).map(Some);
            }
            while self.pending.len() <= AHEAD && self.source.is_some() {
                let items = self.read_chunk(py);
                if !items.is_empty() {
                    self.submit(items);
                }
            }
            let Some(rx) = self.pending.pop_front() else {
                return match self.error.take() {
                    Some(e) => Err(e),
                    None => Ok(None),
                };
            };
            let lines = py
                .detach(move || rx.recv())
                .map_err(|_| PyRuntimeError::new_err("a depeche worker thread stopped; this is a bug in depeche"))?;
            self.ready = lines.into_iter();
        }
    }
}
