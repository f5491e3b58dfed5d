//! Tabular output (TSV, CSV): one row per entity (placeholder until the tables work lands).

use std::io::{self, Write};

use crate::record::Line;

/// A table format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Tab-separated values.
    Tsv,
    /// Comma-separated values (RFC 4180).
    Csv,
}

/// Writes the header row.
///
/// # Errors
/// Any write error.
pub fn write_header(_out: &mut dyn Write, _format: TableFormat) -> io::Result<()> {
    Ok(())
}

/// Writes the rows of one record.
///
/// # Errors
/// Any write error.
pub fn write_rows(_out: &mut dyn Write, _format: TableFormat, _line: &Line) -> io::Result<()> {
    Ok(())
}
