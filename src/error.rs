//! The error types of depeche.
//!
//! Two families of failure exist:
//!
//! * [`Error`]: something that stops a whole command (a bad lexicon folder, an
//!   output file that cannot be created, a malformed gold file for `eval`).
//!   Its message says what went wrong, where, and what to do.
//! * [`InputError`]: one article that could not be read or decoded. It never
//!   stops a batch: it becomes an error record (see [`crate::record::ErrorRecord`])
//!   and the run goes on.

use std::fmt;
use std::path::PathBuf;

/// What kind of input failure an [`InputError`] is. Serialized in error
/// records as a snake_case string (`"not_found"`, `"decode"`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputErrorKind {
    /// The path does not exist (or vanished between listing and reading).
    NotFound,
    /// The operating system refused access.
    PermissionDenied,
    /// Any other I/O failure (broken symlink, symlink loop, device error...).
    Io,
    /// The bytes are not valid text in any encoding depeche accepts.
    Decode,
    /// The file looks binary (NUL bytes, image or archive signature).
    Binary,
    /// The file is larger than the configured `--max-bytes`.
    TooLarge,
    /// A JSON Lines input line is not a JSON object.
    Json,
    /// A JSON Lines input line has no string `text` field.
    MissingText,
    /// A JSON Lines input line repeats the `id` of an earlier line.
    DuplicateId,
    /// An HTML page from which no article text could be extracted.
    Html,
}

impl InputErrorKind {
    /// The snake_case name used in error records.
    pub fn as_str(self) -> &'static str {
        match self {
            InputErrorKind::NotFound => "not_found",
            InputErrorKind::PermissionDenied => "permission_denied",
            InputErrorKind::Io => "io",
            InputErrorKind::Decode => "decode",
            InputErrorKind::Binary => "binary",
            InputErrorKind::TooLarge => "too_large",
            InputErrorKind::Json => "json",
            InputErrorKind::MissingText => "missing_text",
            InputErrorKind::DuplicateId => "duplicate_id",
            InputErrorKind::Html => "html",
        }
    }

    /// Maps an I/O error to the closest kind.
    pub fn from_io(err: &std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::NotFound => InputErrorKind::NotFound,
            std::io::ErrorKind::PermissionDenied => InputErrorKind::PermissionDenied,
            _ => InputErrorKind::Io,
        }
    }
}

impl fmt::Display for InputErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One article that could not be turned into text. It becomes an error record.
///
/// ```
/// use depeche::{InputError, InputErrorKind};
/// let e = InputError::new("a.txt", InputErrorKind::Binary, "contains NUL bytes");
/// assert_eq!(e.to_string(), "a.txt: binary: contains NUL bytes");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The id the record would have had (relative path, or JSONL id / line).
    pub id: String,
    /// The kind of failure.
    pub kind: InputErrorKind,
    /// A sentence for a person: what went wrong and what to do.
    pub message: String,
}

impl InputError {
    /// Builds an input error.
    pub fn new(id: impl Into<String>, kind: InputErrorKind, message: impl Into<String>) -> Self {
        InputError { id: id.into(), kind, message: message.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.id, self.kind, self.message)
    }
}

impl std::error::Error for InputError {}

/// An error that stops a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a named file failed.
    #[error("{path}: {source} ({hint})")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
        /// What the user can do about it.
        hint: &'static str,
    },
    /// A lexicon file is malformed.
    #[error("{path}:{line}: {message}")]
    Lexicon {
        /// The lexicon file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong and what is expected.
        message: String,
    },
    /// A user rule file is malformed: every problem found, one per line,
    /// each as `FILE:LINE:COLUMN: what is wrong and what is expected`.
    #[error("{}", .0.join("\n"))]
    Rules(Vec<String>),
    /// A command-line value or configuration is invalid.
    #[error("{0}")]
    Config(String),
    /// Writing the output failed (other than a closed pipe).
    #[error("writing output: {0}")]
    Output(std::io::Error),
}

/// A `Result` with depeche's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
