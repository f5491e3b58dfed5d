//! What a Python caller hands over, turned into the library's inputs.
//!
//! Nothing here fails on a bad text: a `str` that is not valid Unicode (a
//! lone surrogate), bytes that the command line would refuse, or a value
//! that is not text at all (`None`, a pandas `NaN`) become the same error
//! records as the command line's, so that one bad row never stops a batch.

use depeche::record::{ErrorInfo, ErrorRecord, Line};
use depeche::{Document, InputErrorKind, Pipeline, ReadOptions, Source};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

/// The id of a text given without one to `extract` (as for standard input
/// on the command line).
pub const DEFAULT_ID: &str = "-";

/// One input, ready for a worker thread (no Python object inside).
pub enum Item {
    /// A text.
    Text(Document),
    /// Bytes, decoded on the worker as the command line decodes a file, and
    /// the article's date.
    Bytes(String, Vec<u8>, Option<String>),
    /// An input that is already an error record.
    Failed(ErrorRecord),
}

fn failed(id: String, kind: InputErrorKind, message: String) -> Item {
    Item::Failed(ErrorRecord { id, error: ErrorInfo { kind: kind.as_str().to_string(), message } })
}

/// An id given by the caller: a `str` as it is, anything else (an int from a
/// pandas index) as `str(id)`.
pub fn id_string(id: &Bound<'_, PyAny>) -> PyResult<String> {
    match id.cast::<PyString>() {
        Ok(s) => Ok(s.to_string_lossy().into_owned()),
        Err(_) => Ok(id.str()?.to_string_lossy().into_owned()),
    }
}

impl Item {
    /// The input for `text` under `id`; never fails.
    pub fn from_text(id: String, text: &Bound<'_, PyAny>) -> Item {
        if let Ok(s) = text.cast::<PyString>() {
            return match s.to_cow() {
                Ok(t) => Item::Text(Document::new(id, t.into_owned())),
                Err(e) => failed(
                    id,
                    InputErrorKind::Decode,
                    format!(
                        "the text is not valid Unicode ({}); replace the lone surrogates first, e.g. text.encode(\"utf-8\", \"replace\").decode()",
                        e.value(text.py())
                    ),
                ),
            };
        }
        if let Ok(b) = text.cast::<PyBytes>() {
            return Item::Bytes(id, b.as_bytes().to_vec(), None);
        }
        if let Ok(b) = text.cast::<PyByteArray>() {
            return Item::Bytes(id, b.to_vec(), None);
        }
        let what = if text.is_none() {
            "None".to_string()
        } else {
            let name = text.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into());
            match text.repr() {
                Ok(r) if r.to_string_lossy().chars().count() <= 40 => format!("{} ({})", name, r.to_string_lossy()),
                _ => name,
            }
        };
        failed(id, InputErrorKind::MissingText, format!("the text is {what}, not a str (or bytes to decode)"))
    }

    /// A length in bytes, to bound the size of a chunk.
    pub fn size(&self) -> usize {
        match self {
            Item::Text(d) => d.text.len(),
            Item::Bytes(_, b, _) => b.len(),
            Item::Failed(_) => 0,
        }
    }

    /// The record of this input: what the command line writes for it.
    /// The same input, dated `date` (`YYYY-MM-DD`, already checked): the
    /// reference of its relative periods, and the record's `date`.
    pub fn dated(self, date: Option<String>) -> Item {
        match (self, date) {
            (Item::Text(mut doc), Some(d)) => {
                doc.date = Some(d);
                Item::Text(doc)
            }
            (Item::Bytes(id, bytes, _), Some(d)) => Item::Bytes(id, bytes, Some(d)),
            (item, _) => item,
        }
    }

    pub fn process(self, pipeline: &Pipeline) -> Line {
        let source = match self {
            Item::Failed(e) => return Line::Error(e),
            Item::Text(doc) => Source::Inline(doc),
            Item::Bytes(id, bytes, date) => match depeche::decode::decode(bytes, false) {
                Ok(d) => Source::Inline(Document {
                    id,
                    text: d.text,
                    encoding: d.encoding.map(str::to_string),
                    warnings: d.warning.into_iter().collect(),
                    date,
                    ..Default::default()
                }),
                Err((kind, message)) => return failed(id, kind, message).process(pipeline),
            },
        };
        // The command line's own call: a panic becomes an `internal` error record.
        pipeline.process_source(source, &ReadOptions::default()).0
    }
}
