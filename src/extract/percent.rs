//! Percentages (placeholder until the figures work lands).

use super::{Context, Mention};
use crate::Result;
use crate::pipeline::Settings;

/// The percent extractor, built once.
#[derive(Debug)]
pub struct Percent {}

impl Percent {
    /// Builds the extractor.
    pub fn new(_settings: &Settings) -> Result<Self> {
        Ok(Percent {})
    }

    /// Appends the percentages found in the article to `out`.
    pub fn extract(&self, _cx: &Context<'_>, _out: &mut Vec<Mention>) {}
}
