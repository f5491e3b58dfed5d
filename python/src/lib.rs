//! The `depeche._depeche` extension module: the Python face of the depeche
//! library. Nothing here extracts anything: texts go to
//! [`depeche::Pipeline::process_source`], the very call the command line
//! makes, and records come back as the dicts that `json.loads` would make of
//! the command's JSON lines (the record's serde form, see [`convert`]).
//!
//! The GIL is released while Rust works: `Pipeline.extract` lets other
//! Python threads run, and `Pipeline.extract_many` processes chunks of its
//! input on a rayon pool while the calling thread hands out the records of
//! the chunk before.

mod convert;
mod input;
mod many;

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyException, PyNotImplementedError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use depeche::{Kind, Locale, OffsetUnit};

/// The CLI's allocator: extraction makes many small, short-lived
/// allocations, and the speed of the command line depends on it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pyo3::create_exception!(
    depeche,
    DepecheError,
    PyException,
    "A pipeline could not be built (a bad lexicon folder or file, a bad model file); the message says what and where."
);

/// The message for a parameter that another part of depeche will serve.
fn not_yet(what: &str) -> PyErr {
    PyNotImplementedError::new_err(format!(
        "{what} is not supported by this build of depeche yet; leave it as None (the parameter is accepted so that code written for it keeps working when it is)"
    ))
}

/// An extraction pipeline, built once and shared.
#[pyclass(frozen, module = "depeche", name = "Pipeline")]
struct PyPipeline {
    inner: Arc<depeche::Pipeline>,
    lexicon_dir: Option<PathBuf>,
}

/// Parses the `kinds` argument: an iterable of names, or one comma-separated string.
fn parse_kinds(kinds: &Bound<'_, PyAny>) -> PyResult<Vec<Kind>> {
    let names: Vec<String> = match kinds.cast::<PyString>() {
        Ok(s) => s.to_cow()?.split(',').map(|k| k.trim().to_string()).collect(),
        Err(_) => kinds.try_iter()?.map(|k| k?.extract::<String>()).collect::<PyResult<_>>()?,
    };
    names
        .iter()
        .map(|k| {
            Kind::parse(k.trim()).ok_or_else(|| {
                let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                PyValueError::new_err(format!("unknown kind {k:?} in kinds; use {}", all.join(", ")))
            })
        })
        .collect()
}

fn parse_offsets(offsets: &str) -> PyResult<OffsetUnit> {
    [OffsetUnit::Chars, OffsetUnit::Bytes, OffsetUnit::Utf16]
        .into_iter()
        .find(|u| u.as_str() == offsets)
        .ok_or_else(|| PyValueError::new_err(format!("unknown offsets {offsets:?}; use \"chars\" (Python str indices, the default), \"bytes\" (UTF-8) or \"utf16\"")))
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (locale = "fr-FR", lexicon_dir = None, model = None, kinds = None, offsets = "chars"))]
    fn new(
        py: Python<'_>,
        locale: &str,
        lexicon_dir: Option<PathBuf>,
        model: Option<&Bound<'_, PyAny>>,
        kinds: Option<&Bound<'_, PyAny>>,
        offsets: &str,
    ) -> PyResult<Self> {
        let locale = Locale::parse(locale).ok_or_else(|| {
            PyValueError::new_err(format!("unknown locale {locale:?}; use fr-FR, fr-BE, fr-CH or fr-CA"))
        })?;
        if model.is_some_and(|m| !m.is_none()) {
            return Err(not_yet("model= (the learned tagger)"));
        }
        let kinds = match kinds {
            Some(k) if !k.is_none() => parse_kinds(k)?,
            _ => Vec::new(),
        };
        let mut builder = depeche::Pipeline::builder().locale(locale).offsets(parse_offsets(offsets)?).kinds(kinds);
        if let Some(dir) = &lexicon_dir {
            builder = builder.lexicon_dir(dir);
        }
        // Loading the lexicons takes a while: let other threads run.
        let inner = py.detach(|| builder.build()).map_err(|e| DepecheError::new_err(e.to_string()))?;
        Ok(PyPipeline { inner: Arc::new(inner), lexicon_dir })
    }

    /// The locale tag (`"fr-FR"`...).
    #[getter]
    fn locale(&self) -> &'static str {
        self.inner.settings().locale.as_str()
    }

    /// The offset unit of records (`"chars"`, `"bytes"` or `"utf16"`).
    #[getter]
    fn offsets(&self) -> &'static str {
        self.inner.settings().offsets.as_str()
    }

    /// The kinds emitted (`None`: all).
    #[getter]
    fn kinds(&self) -> Option<Vec<&'static str>> {
        let kinds = &self.inner.settings().kinds;
        (!kinds.is_empty()).then(|| kinds.iter().map(|k| k.as_str()).collect())
    }

    /// The user lexicon folder, if any.
    #[getter]
    fn lexicon_dir(&self) -> Option<PathBuf> {
        self.lexicon_dir.clone()
    }

    fn __repr__(&self) -> String {
        let mut s = format!("depeche.Pipeline(locale={:?}", self.locale());
        if let Some(dir) = &self.lexicon_dir {
            s.push_str(&format!(", lexicon_dir={:?}", dir.display().to_string()));
        }
        if let Some(kinds) = self.kinds() {
            s.push_str(&format!(", kinds={kinds:?}"));
        }
        s.push_str(&format!(", offsets={:?})", self.offsets()));
        s
    }

    /// Pickling rebuilds the pipeline from its arguments (for Spark, multiprocessing).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let args = (this.locale(), this.lexicon_dir.clone(), py.None(), this.kinds(), this.offsets());
        (slf.get_type(), args).into_pyobject(py)
    }

    /// Extracts one text; returns its record as a dict.
    #[pyo3(signature = (text, id = None, date = None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        id: Option<&Bound<'py, PyAny>>,
        date: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if date.is_some_and(|d| !d.is_none()) {
            return Err(not_yet("date= (the reference date of relative periods)"));
        }
        let id = match id {
            Some(id) if !id.is_none() => input::id_string(id)?,
            _ => input::DEFAULT_ID.to_string(),
        };
        let item = input::Item::from_text(id, text);
        let pipeline = &*self.inner;
        let line = py.detach(|| item.process(pipeline));
        convert::to_python(py, &mut convert::Keys::default(), &line)
    }

    /// Extracts many texts in parallel; yields their records in input order.
    #[pyo3(signature = (texts, jobs = None))]
    fn extract_many(&self, texts: &Bound<'_, PyAny>, jobs: Option<usize>) -> PyResult<many::Records> {
        many::Records::new(self.inner.clone(), texts, jobs)
    }
}

/// The compiled part of the `depeche` package.
#[pymodule]
fn _depeche(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPipeline>()?;
    m.add_class::<many::Records>()?;
    m.add("DepecheError", m.py().get_type::<DepecheError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
