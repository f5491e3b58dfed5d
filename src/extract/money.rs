//! Monetary amounts (placeholder until the figures work lands).

use super::{Context, Mention};
use crate::Result;
use crate::pipeline::Settings;

/// The money extractor, built once.
#[derive(Debug)]
pub struct Money {}

impl Money {
    /// Builds the extractor.
    pub fn new(_settings: &Settings) -> Result<Self> {
        Ok(Money {})
    }

    /// Appends the amounts found in the article to `out`.
    pub fn extract(&self, _cx: &Context<'_>, _out: &mut Vec<Mention>) {}
}
