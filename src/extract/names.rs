//! People, organizations and places (placeholder until the names work lands).

use super::{Context, Mention};
use crate::Result;
use crate::lexicon::Lexicons;
use crate::pipeline::Settings;

/// The names extractor, built once from the lexicons.
#[derive(Debug)]
pub struct Names {}

impl Names {
    /// Builds the extractor.
    pub fn new(_lexicons: &Lexicons, _settings: &Settings) -> Result<Self> {
        Ok(Names {})
    }

    /// Appends the names found in the article to `out`.
    pub fn extract(&self, _cx: &Context<'_>, _out: &mut Vec<Mention>) {}
}
