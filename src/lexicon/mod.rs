//! Lexicons: built-in data files and user folders (placeholder until the names work lands).

use std::path::Path;

use crate::Result;

/// The lexicons, loaded once and shared read-only.
#[derive(Debug, Default)]
pub struct Lexicons {}

impl Lexicons {
    /// The built-in lexicons, optionally extended by the files of a user folder.
    pub fn load(_dir: Option<&Path>) -> Result<Self> {
        Ok(Lexicons {})
    }
}
