//! Tabular output (TSV, CSV): one row per entity, for spreadsheets and
//! command-line tools.
//!
//! Columns, in this order (the header row names them):
//!
//! | column | content |
//! | --- | --- |
//! | `id` | the article id |
//! | `kind` | `person`, `organization`, `place`, `money`, `percent`, or `error` |
//! | `text` | the entity's text (for an error row: the message) |
//! | `start`, `end` | offsets in the record's unit (code points by default) |
//! | `value`, `min`, `max` | exact decimals as written by the record (`26300000000`) |
//! | `currency` | ISO 4217 code |
//! | `canonical` | the full name a mention refers to |
//! | `rule` | the rule that produced the entity (for an error row: `error.` + the error kind) |
//! | `approx` | `true` for « environ », « près de »; empty otherwise |
//! | `bound` | `min` for « plus de », `max` for « moins de »; empty otherwise |
//! | `points` | `true` for percentage points; empty otherwise |
//! | `per` | the unit of a per-unit amount (« par mois » → `mois`) |
//! | `subject` | a figure's subject: the canonical name of the entity it belongs to |
//! | `period` | a figure's period: the period's value (`2024-Q4`), or its text when it has none |
//! | `measure` | what a figure measures (`revenue`, `stake`...) |
//!
//! The `facts` format ([`TableFormat::Facts`]) is CSV too, with one row per
//! figure that has a subject: `id, subject, measure, value, min, max,
//! currency, period, text` ([`FACT_COLUMNS`]).
//!
//! An article without entities has no row; an article that could not be read
//! has one row of kind `error`, its message in `text` and `error.<kind>`
//! (`error.not_found`, `error.html`...) in `rule`, so that no failure goes
//! unseen in a spreadsheet.
//!
//! Quoting:
//! * CSV follows RFC 4180: rows end with CRLF; a field that contains a comma,
//!   a double quote, CR or LF is put in double quotes, its double quotes
//!   doubled. Text is UTF-8 without a byte order mark.
//! * TSV has no quoting: inside a field, a backslash is written `\\`, a tab
//!   `\t`, a line feed `\n` and a carriage return `\r`, so that every row is
//!   one line and `cut -f3` or a spreadsheet import split it right. Rows end
//!   with LF.
//!
//! ```
//! use depeche::table::{TableFormat, write_header};
//! let mut out = Vec::new();
//! write_header(&mut out, TableFormat::Csv).unwrap();
//! assert!(String::from_utf8(out).unwrap().starts_with("id,kind,text,start,end,"));
//! ```

use std::io::{self, Write};

use crate::record::{Bound, Line};

/// A table format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Tab-separated values.
    Tsv,
    /// Comma-separated values (RFC 4180).
    Csv,
    /// One CSV row per figure with a subject: who, what, how much, when.
    Facts,
}

/// The column names, in order.
pub const COLUMNS: [&str; 18] = [
    "id",
    "kind",
    "text",
    "start",
    "end",
    "value",
    "min",
    "max",
    "currency",
    "canonical",
    "rule",
    "approx",
    "bound",
    "points",
    "per",
    "subject",
    "period",
    "measure",
];

/// The columns of the `facts` table, in order.
pub const FACT_COLUMNS: [&str; 9] = ["id", "subject", "measure", "value", "min", "max", "currency", "period", "text"];

/// Writes the header row.
///
/// # Errors
/// Any write error.
pub fn write_header(out: &mut dyn Write, format: TableFormat) -> io::Result<()> {
    match format {
        TableFormat::Facts => write_row(out, TableFormat::Csv, &FACT_COLUMNS),
        _ => write_row(out, format, &COLUMNS),
    }
}

/// The name a figure's subject goes by (its canonical name, else its text)
/// and its period's value (else its text), from the record.
fn facts_of<'a>(r: &'a crate::record::Record, e: &crate::record::Entity) -> (&'a str, &'a str) {
    let subject = e.subject.and_then(|s| r.entities.get(s)).map_or("", |s| s.canonical.as_deref().unwrap_or(&s.text));
    let period = e.period.and_then(|p| r.entities.get(p)).map_or("", |p| p.value.as_deref().unwrap_or(&p.text));
    (subject, period)
}

/// Writes the `facts` rows of one record: one per figure with a subject,
/// or one row for an article that could not be read (`error.<kind>` as its
/// measure, the message as its text).
///
/// ```
/// use depeche::{Document, Pipeline};
/// use depeche::record::Line;
/// use depeche::table::{TableFormat, write_rows};
/// let r = Pipeline::default().process(&Document::new("a1", "Meta investira 65 milliards de dollars en 2025."));
/// let mut out = Vec::new();
/// write_rows(&mut out, TableFormat::Facts, &Line::Record(r)).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "a1,Meta,investment,65000000000,,,USD,2025,65 milliards de dollars\r\n");
/// ```
fn write_fact_rows(out: &mut dyn Write, line: &Line) -> io::Result<()> {
    match line {
        Line::Error(e) => {
            let measure = format!("error.{}", e.error.kind);
            write_row(out, TableFormat::Csv, &[&e.id, "", &measure, "", "", "", "", "", &e.error.message])
        }
        Line::Record(r) => {
            for e in r.entities.iter().filter(|e| e.subject.is_some()) {
                let (subject, period) = facts_of(r, e);
                let row = [
                    r.id.as_str(),
                    subject,
                    e.measure.map_or("", |m| m.as_str()),
                    e.value.as_deref().unwrap_or(""),
                    e.min.as_deref().unwrap_or(""),
                    e.max.as_deref().unwrap_or(""),
                    e.currency.as_deref().unwrap_or(""),
                    period,
                    &e.text,
                ];
                write_row(out, TableFormat::Csv, &row)?;
            }
            Ok(())
        }
    }
}

/// Writes the rows of one record: one per entity, or one `error` row.
///
/// ```
/// use depeche::record::Line;
/// use depeche::table::{TableFormat, write_rows};
/// let line: Line = serde_json::from_str(
///     r#"{"id":"a\tb","error":{"kind":"json","message":"line 1 is not \"JSON\", sorry"}}"#,
/// ).unwrap();
/// let mut csv = Vec::new();
/// write_rows(&mut csv, TableFormat::Csv, &line).unwrap();
/// assert_eq!(
///     String::from_utf8(csv).unwrap(),
///     "a\tb,error,\"line 1 is not \"\"JSON\"\", sorry\",,,,,,,,error.json,,,,,,,\r\n"
/// );
/// let mut tsv = Vec::new();
/// write_rows(&mut tsv, TableFormat::Tsv, &line).unwrap();
/// assert!(String::from_utf8(tsv).unwrap().starts_with("a\\tb\terror\t"));
/// ```
///
/// # Errors
/// Any write error.
pub fn write_rows(out: &mut dyn Write, format: TableFormat, line: &Line) -> io::Result<()> {
    if format == TableFormat::Facts {
        return write_fact_rows(out, line);
    }
    match line {
        Line::Error(e) => {
            let rule = format!("error.{}", e.error.kind);
            let mut row = [""; COLUMNS.len()];
            row[0] = &e.id;
            row[1] = "error";
            row[2] = &e.error.message;
            row[10] = &rule;
            write_row(out, format, &row)
        }
        Line::Record(r) => {
            for e in &r.entities {
                let start = e.start.to_string();
                let end = e.end.to_string();
                let flag = |b: bool| if b { "true" } else { "" };
                let (subject, period) = facts_of(r, e);
                let row = [
                    r.id.as_str(),
                    e.kind.as_str(),
                    &e.text,
                    &start,
                    &end,
                    e.value.as_deref().unwrap_or(""),
                    e.min.as_deref().unwrap_or(""),
                    e.max.as_deref().unwrap_or(""),
                    e.currency.as_deref().unwrap_or(""),
                    e.canonical.as_deref().unwrap_or(""),
                    &e.rule,
                    flag(e.approx),
                    match e.bound {
                        Some(Bound::Min) => "min",
                        Some(Bound::Max) => "max",
                        None => "",
                    },
                    flag(e.points),
                    e.per.as_deref().unwrap_or(""),
                    subject,
                    period,
                    e.measure.map_or("", |m| m.as_str()),
                ];
                write_row(out, format, &row)?;
            }
            Ok(())
        }
    }
}

fn write_row(out: &mut dyn Write, format: TableFormat, fields: &[&str]) -> io::Result<()> {
    let mut row = String::new();
    for (i, f) in fields.iter().enumerate() {
        match format {
            TableFormat::Tsv => {
                if i > 0 {
                    row.push('\t');
                }
                push_tsv(&mut row, f);
            }
            TableFormat::Csv | TableFormat::Facts => {
                if i > 0 {
                    row.push(',');
                }
                push_csv(&mut row, f);
            }
        }
    }
    row.push_str(match format {
        TableFormat::Tsv => "\n",
        TableFormat::Csv | TableFormat::Facts => "\r\n",
    });
    out.write_all(row.as_bytes())
}

fn push_tsv(row: &mut String, field: &str) {
    for c in field.chars() {
        match c {
            '\\' => row.push_str("\\\\"),
            '\t' => row.push_str("\\t"),
            '\n' => row.push_str("\\n"),
            '\r' => row.push_str("\\r"),
            c => row.push(c),
        }
    }
}

fn push_csv(row: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        row.push('"');
        row.push_str(&field.replace('"', "\"\""));
        row.push('"');
    } else {
        row.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        let mut s = String::new();
        push_csv(&mut s, "40\u{a0}%");
        push_csv(&mut s, "|a,b|");
        push_csv(&mut s, "dit « \"oui\" »\r\n");
        assert_eq!(s, "40\u{a0}%\"|a,b|\"\"dit « \"\"oui\"\" »\r\n\"");
    }

    #[test]
    fn tsv_escapes_separators_and_backslash() {
        let mut s = String::new();
        push_tsv(&mut s, "a\tb\nc\rd\\e");
        assert_eq!(s, "a\\tb\\nc\\rd\\\\e");
    }
}
