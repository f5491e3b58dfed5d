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

use pyo3::exceptions::{PyException, PyValueError};
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

/// An extraction pipeline: the lexicons loaded and every rule compiled once,
/// then used for any number of texts. Immutable and safe to share between
/// threads; the GIL is released while it works.
///
/// Args:
///     locale: "fr-FR" (default), "fr-BE", "fr-CH" or "fr-CA": what a bare
///         "$" or "dollars" means (CAD in fr-CA) and which number words are
///         expected ("septante" in Belgium and Switzerland).
///     lexicon_dir: a folder of lexicon files that extend the built-in ones
///         (same file names and formats; see the README, "Lexicons").
///     model: the learned tagger: None the built-in model (as the command
///         runs by default), False none (the rules alone, `--no-model`), or
///         the path of a model file (`--model PATH`, from `depeche train`).
///     kinds: only these kinds, as a list ("person", "organization",
///         "place", "money", "percent") or one comma-separated string;
///         default all.
///     offsets: the unit of "start", "end", "length" and sentence spans:
///         "chars" (code points, Python str indices; default), "bytes"
///         (UTF-8) or "utf16" (JavaScript, Java).
///     rules: a user rule file, or a list of them, applied in order (see the
///         README, "Writing rules"); `kinds` may then name their kinds.
///
/// Raises:
///     ValueError: an unknown locale, kind or offsets unit.
///     DepecheError: a bad lexicon folder or file, a bad rule file or a bad
///         model file; the message names the file and says what is expected.
///
/// Example:
///     >>> import depeche
///     >>> nlp = depeche.Pipeline()
///     >>> record = nlp.extract("Mistral AI a levé 1,7 milliard d’euros à Paris.")
///     >>> [(e["kind"], e["text"]) for e in record["entities"]]
///     [('organization', 'Mistral AI'), ('money', '1,7 milliard d’euros'), ('place', 'Paris')]
///     >>> depeche.Pipeline(locale="fr-CA", kinds="money").extract("Il a payé 5 $.")["entities"][0]["currency"]
///     'CAD'
#[pyclass(frozen, module = "depeche", name = "Pipeline")]
struct PyPipeline {
    inner: Arc<depeche::Pipeline>,
    lexicon_dir: Option<PathBuf>,
}

impl PyPipeline {
    fn rule_files(&self) -> Option<Vec<PathBuf>> {
        let files = &self.inner.settings().rule_files;
        (!files.is_empty()).then(|| files.clone())
    }
}

/// Parses the `kinds` argument: an iterable of names, or one comma-separated
/// string; a name is a built-in kind or a kind of the `rules` files.
fn parse_kinds(kinds: &Bound<'_, PyAny>, rules: &[PathBuf]) -> PyResult<Vec<Kind>> {
    let names: Vec<String> = match kinds.cast::<PyString>() {
        Ok(s) => s.to_cow()?.split(',').map(|k| k.trim().to_string()).collect(),
        Err(_) => kinds.try_iter()?.map(|k| k?.extract::<String>()).collect::<PyResult<_>>()?,
    };
    let user = if names.iter().any(|k| Kind::parse(k.trim()).is_none()) && !rules.is_empty() {
        depeche::rules::Rules::load(rules).map_err(|e| DepecheError::new_err(e.to_string()))?.kinds()
    } else {
        Vec::new()
    };
    names
        .iter()
        .map(|k| {
            let k = k.trim();
            Kind::parse(k).or_else(|| user.iter().copied().find(|u| u.as_str() == k)).ok_or_else(|| {
                let mut known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                known.extend(user.iter().map(|k| k.as_str()));
                PyValueError::new_err(format!("unknown kind {k:?} in kinds; use {}", known.join(", ")))
            })
        })
        .collect()
}

/// The `model` argument: `None` the built-in model (the command's default),
/// `False` no tagger (`--no-model`), a path a model file (`--model PATH`).
fn model_choice(model: Option<&Bound<'_, PyAny>>) -> PyResult<Option<depeche::model::ModelChoice>> {
    use depeche::model::{Model, ModelChoice};
    let Some(m) = model.filter(|m| !m.is_none()) else { return Ok(None) };
    if m.is_instance_of::<pyo3::types::PyBool>() {
        return if m.is_truthy()? {
            Err(PyValueError::new_err(
                "model=True is not a model; give None (the built-in model), False (no tagger) or a model file's path",
            ))
        } else {
            Ok(Some(ModelChoice::None))
        };
    }
    let path: PathBuf = m.extract()?;
    let loaded = m.py().detach(|| Model::load(&path)).map_err(|e| DepecheError::new_err(e.to_string()))?;
    Ok(Some(ModelChoice::File(Arc::new(loaded))))
}

/// The `rules` argument: one path, or an iterable of paths.
fn rule_paths(rules: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    match rules {
        None => Ok(Vec::new()),
        Some(r) if r.is_none() => Ok(Vec::new()),
        Some(r) => match r.extract::<PathBuf>() {
            Ok(one) => Ok(vec![one]),
            Err(_) => r.try_iter()?.map(|p| p?.extract::<PathBuf>()).collect(),
        },
    }
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
    #[pyo3(signature = (locale = "fr-FR", lexicon_dir = None, model = None, kinds = None, offsets = "chars", rules = None))]
    fn new(
        py: Python<'_>,
        locale: &str,
        lexicon_dir: Option<PathBuf>,
        model: Option<&Bound<'_, PyAny>>,
        kinds: Option<&Bound<'_, PyAny>>,
        offsets: &str,
        rules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let locale = Locale::parse(locale).ok_or_else(|| {
            PyValueError::new_err(format!("unknown locale {locale:?}; use fr-FR, fr-BE, fr-CH or fr-CA"))
        })?;
        let model = model_choice(model)?;
        let rules = rule_paths(rules)?;
        let kinds = match kinds {
            Some(k) if !k.is_none() => parse_kinds(k, &rules)?,
            _ => Vec::new(),
        };
        let mut builder = depeche::Pipeline::builder().locale(locale).offsets(parse_offsets(offsets)?).kinds(kinds);
        if let Some(dir) = &lexicon_dir {
            builder = builder.lexicon_dir(dir);
        }
        for file in &rules {
            builder = builder.rules_file(file);
        }
        if let Some(model) = model {
            builder = builder.model(model);
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

    /// The user rule files (`None`: none).
    #[getter]
    fn rules(&self) -> Option<Vec<PathBuf>> {
        self.rule_files()
    }

    /// The user lexicon folder (`None`: built-in lexicons only).
    #[getter]
    fn lexicon_dir(&self) -> Option<PathBuf> {
        self.lexicon_dir.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let repr = |v: Bound<'_, PyAny>| -> PyResult<String> { Ok(v.repr()?.to_string_lossy().into_owned()) };
        let mut s = format!("depeche.Pipeline(locale={}", repr(self.locale().into_pyobject(py)?.into_any())?);
        if let Some(dir) = &self.lexicon_dir {
            s.push_str(&format!(", lexicon_dir={}", repr(dir.display().to_string().into_pyobject(py)?.into_any())?));
        }
        if let Some(kinds) = self.kinds() {
            s.push_str(&format!(", kinds={}", repr(kinds.into_pyobject(py)?.into_any())?));
        }
        s.push_str(&format!(", offsets={}", repr(self.offsets().into_pyobject(py)?.into_any())?));
        if let Some(files) = self.rule_files() {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            s.push_str(&format!(", rules={}", repr(names.into_pyobject(py)?.into_any())?));
        }
        s.push(')');
        Ok(s)
    }

    /// Pickling rebuilds the pipeline from its arguments (for Spark, multiprocessing).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let args =
            (this.locale(), this.lexicon_dir.clone(), py.None(), this.kinds(), this.offsets(), this.rule_files());
        (slf.get_type(), args).into_pyobject(py)
    }

    /// Extracts the entities of one text; returns its record.
    ///
    /// The record is the dict that `json.loads` gives for the line
    /// `depeche extract` writes for the same text: "id", "offsets",
    /// "length", "sentences" ([start, end] lists) and "entities", each with
    /// "kind", "text", "start", "end", "sentence", "rule" and, when known,
    /// "value", "min", "max" (exact decimals, as str: see
    /// `depeche.with_decimals`), "currency", "canonical", "role"... Offsets
    /// count code points by default, so `text[e["start"]:e["end"]] == e["text"]`.
    ///
    /// A bad text never raises: bytes are decoded as the command decodes a
    /// file (the record then names the "encoding"), and bytes it would refuse
    /// (binary data), a str that is not valid Unicode (a lone surrogate) or a
    /// value that is not text (None, NaN) give an error record,
    /// {"id": ..., "error": {"kind": ..., "message": ...}}, as on the command line.
    ///
    /// Args:
    ///     text: the article, as str (or bytes to decode).
    ///     id: the record's "id" (default "-", as for standard input); not a
    ///         str: str(id).
    ///     date: the article's date, "YYYY-MM-DD" (or a datetime.date): the
    ///         reference of relative periods (« l'an dernier »), and the
    ///         record's "date". Another value raises ValueError.
    ///
    /// Example:
    ///     >>> nlp = depeche.Pipeline()
    ///     >>> text = "Zoé Dupont 😀 a vendu pour 1\u202f234,56\u00a0€."
    ///     >>> r = nlp.extract(text, id="a1")
    ///     >>> [(e["kind"], e["value"] if "value" in e else e["text"]) for e in r["entities"]]
    ///     [('person', 'Zoé Dupont'), ('money', '1234.56')]
    ///     >>> all(text[e["start"]:e["end"]] == e["text"] for e in r["entities"])
    ///     True
    ///     >>> nlp.extract(b"\x89PNG\r\n\x1a\n", id="img")["error"]["kind"]
    ///     'binary'
    #[pyo3(signature = (text, id = None, date = None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        id: Option<&Bound<'py, PyAny>>,
        date: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let date = match date {
            Some(d) if !d.is_none() => {
                let d = d.str()?.to_string_lossy().into_owned();
                if depeche::facts::date::Day::parse(&d).is_none() {
                    return Err(pyo3::exceptions::PyValueError::new_err(format!(
                        "date={d:?} is not a date: give it as YYYY-MM-DD, such as \"2025-06-01\" (a datetime.date works too)"
                    )));
                }
                Some(d)
            }
            _ => None,
        };
        let id = match id {
            Some(id) if !id.is_none() => input::id_string(id)?,
            _ => input::DEFAULT_ID.to_string(),
        };
        let item = input::Item::from_text(id, text).dated(date);
        let pipeline = &*self.inner;
        let line = py.detach(|| item.process(pipeline));
        convert::to_python(py, &mut convert::Keys::default(), &line)
    }

    /// Extracts many texts in parallel; yields their records in input order.
    ///
    /// Texts are read from `texts` a chunk at a time and processed on `jobs`
    /// threads with the GIL released, while the records of the chunk before
    /// are handed out: memory stays bounded however long the input (a
    /// generator is read as it goes), and the records are the same, in the
    /// same order, for any `jobs`. Each record is what `extract` returns.
    ///
    /// Args:
    ///     texts: an iterable of texts (the record's "id" is then the text's
    ///         position, "0", "1"...) or of (id, text) pairs; a text is as
    ///         for `extract` (a bad one gives an error record).
    ///     jobs: worker threads (default: one per core).
    ///
    /// Raises:
    ///     ValueError: `texts` is one str or bytes rather than an iterable of them.
    ///     Any exception that iterating `texts` raises, once the records of
    ///     the texts before it have been handed out.
    ///
    /// Example:
    ///     >>> nlp = depeche.Pipeline()
    ///     >>> texts = ["Airbus a livré 766 avions.", None, "Le taux est de 3 %."]
    ///     >>> [(r["id"], len(r.get("entities", [])), "error" in r) for r in nlp.extract_many(texts)]
    ///     [('0', 1, False), ('1', 0, True), ('2', 1, False)]
    ///     >>> [r["id"] for r in nlp.extract_many([("a", "Un texte."), ("b", "Un autre.")], jobs=2)]
    ///     ['a', 'b']
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
