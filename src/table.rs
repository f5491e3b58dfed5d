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
//! | `sentence` | index of the sentence holding the entity (in the record's `sentences`) |
//! | `role`, `organization` | a person's role and organization as the text states them |
//! | `currency_inferred` | `true` when the currency was read from the article or locale; empty otherwise |
//! | `change` | `true` for a change written as a range (« passant de 9,7 à 9,5 % »); empty otherwise |
//! | `subject` | a figure's subject: the canonical name of the entity it belongs to |
//! | `period` | a figure's period: the period's value (`2024-Q4`), or its text when it has none |
//! | `measure` | what a figure measures (`revenue`, `stake`...) |
//!
//! The `facts` format ([`TableFormat::Facts`]) is CSV too, with one row per
//! figure that has a subject: `id, subject, measure, value, min, max,
//! currency, period, text` ([`FACT_COLUMNS`]).
//!
//! Every column is named like the record field it copies; new columns are
//! appended, so that a column keeps its position.
//! An article without entities has no row; an article that could not be read
//! has one row of kind `error`, its message in `text` and `error.<kind>`
//! (`error.not_found`, `error.html`...) in `rule`, so that no failure goes
//! unseen in a spreadsheet.
//!
//! Quoting:
//! * CSV follows RFC 4180, written by the `csv` crate: rows end with CRLF;
//!   a field that contains a comma, a double quote, CR or LF is put in
//!   double quotes, its double quotes doubled. Text is UTF-8 without a byte
//!   order mark.
//! * TSV has no quoting: inside a field, a backslash is written `\\`, a tab
//!   `\t`, a line feed `\n` and a carriage return `\r`, so that every row is
//!   one line and `cut -f3` or a spreadsheet import split it right. Rows end
//!   with LF.
//! * Other control characters never reach a terminal or a spreadsheet raw
//!   (an ESC or BEL in a file name would drive the terminal that `cat`s the
//!   table): in TSV they are written `\u{1b}` (the code point in hex), in CSV
//!   as the visible Unicode control picture (`␛` U+241B for ESC, `␡` for
//!   DEL) or U+FFFD for the C1 controls (U+0080–U+009F).
//! * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`,
//!   `-`, `@`, a tab or a carriage return as a formula (a file named
//!   `=cmd|' -C calc'!A0.txt` becomes a command). Such a cell is written
//!   with a leading `'`, which spreadsheets take as « text » and do not
//!   show, unless it is a plain number (`-12`, `+3,5`), which no spreadsheet
//!   runs. `--raw-cells` ([`Cells::Raw`]) turns this off for programs that
//!   read the table and want the ids and texts exactly.
//!
//! ```
//! use depeche::table::{TableFormat, write_header};
//! let mut out = Vec::new();
//! write_header(&mut out, TableFormat::Csv).unwrap();
//! assert!(String::from_utf8(out).unwrap().starts_with("id,kind,text,start,end,"));
//! ```

use std::borrow::Cow;
use std::io::{self, Write};

use crate::record::{Bound, Entity, ErrorRecord, Line, Record};

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

/// One column: its name, its cell for an entity, and its cell in an
/// article's `error` row.
struct Column {
    name: &'static str,
    entity: for<'a> fn(&'a Record, &'a Entity) -> Cow<'a, str>,
    error: for<'a> fn(&'a ErrorRecord) -> Cow<'a, str>,
}

/// A column that an error row leaves empty.
const fn col(name: &'static str, entity: for<'a> fn(&'a Record, &'a Entity) -> Cow<'a, str>) -> Column {
    Column { name, entity, error: |_| Cow::Borrowed("") }
}

fn opt(v: &Option<String>) -> Cow<'_, str> {
    Cow::Borrowed(v.as_deref().unwrap_or(""))
}

fn flag(b: bool) -> Cow<'static, str> {
    Cow::Borrowed(if b { "true" } else { "" })
}

/// The columns, in order: the one place where a column is added (append a
/// line; the header, the rows and [`COLUMNS`] follow).
const TABLE: &[Column] = &[
    Column { name: "id", entity: |r, _| Cow::Borrowed(&r.id), error: |e| Cow::Borrowed(&e.id) },
    Column { name: "kind", entity: |_, e| Cow::Borrowed(e.kind.as_str()), error: |_| Cow::Borrowed("error") },
    Column { name: "text", entity: |_, e| Cow::Borrowed(&e.text), error: |e| Cow::Borrowed(&e.error.message) },
    col("start", |_, e| Cow::Owned(e.start.to_string())),
    col("end", |_, e| Cow::Owned(e.end.to_string())),
    col("value", |_, e| opt(&e.value)),
    col("min", |_, e| opt(&e.min)),
    col("max", |_, e| opt(&e.max)),
    col("currency", |_, e| opt(&e.currency)),
    col("canonical", |_, e| opt(&e.canonical)),
    Column {
        name: "rule",
        entity: |_, e| Cow::Borrowed(&e.rule),
        error: |e| Cow::Owned(format!("error.{}", e.error.kind)),
    },
    col("approx", |_, e| flag(e.approx)),
    col("bound", |_, e| {
        Cow::Borrowed(match e.bound {
            Some(Bound::Min) => "min",
            Some(Bound::Max) => "max",
            None => "",
        })
    }),
    col("points", |_, e| flag(e.points)),
    col("per", |_, e| opt(&e.per)),
    col("sentence", |_, e| Cow::Owned(e.sentence.to_string())),
    col("role", |_, e| opt(&e.role)),
    col("organization", |_, e| opt(&e.organization)),
    col("currency_inferred", |_, e| flag(e.currency_inferred)),
    col("change", |_, e| flag(e.change)),
    col("subject", |r, e| Cow::Borrowed(facts_of(r, e).0)),
    col("period", |r, e| Cow::Borrowed(facts_of(r, e).1)),
    col("measure", |_, e| Cow::Borrowed(e.measure.map_or("", |m| m.as_str()))),
];

/// The column names, in order (the header row).
pub const COLUMNS: [&str; TABLE.len()] = {
    let mut names = [""; TABLE.len()];
    let mut i = 0;
    while i < TABLE.len() {
        names[i] = TABLE[i].name;
        i += 1;
    }
    names
};

/// The columns of the `facts` table, in order.
pub const FACT_COLUMNS: [&str; 9] = ["id", "subject", "measure", "value", "min", "max", "currency", "period", "text"];

/// Whether cells that a spreadsheet would run as a formula are neutralized
/// (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cells {
    /// A leading `'` before a cell starting with `=`, `+`, `-`, `@`, tab or
    /// CR that is not a plain number (the default).
    #[default]
    Safe,
    /// Cells as they are (but for the quoting and escaping of separators
    /// and control characters), for programs.
    Raw,
}

/// Writes the header row.
///
/// # Errors
/// Any write error.
pub fn write_header(out: &mut dyn Write, format: TableFormat) -> io::Result<()> {
    match format {
        TableFormat::Facts => {
            write_row(out, TableFormat::Csv, Cells::Raw, FACT_COLUMNS.iter().map(|c| Cow::Borrowed(*c)))
        }
        _ => write_row(out, format, Cells::Raw, COLUMNS.iter().map(|c| Cow::Borrowed(*c))),
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
fn write_fact_rows(out: &mut dyn Write, cells: Cells, line: &Line) -> io::Result<()> {
    match line {
        Line::Error(e) => {
            let measure = format!("error.{}", e.error.kind);
            write_row(
                out,
                TableFormat::Csv,
                cells,
                [e.id.as_str(), "", &measure, "", "", "", "", "", &e.error.message].into_iter().map(Cow::Borrowed),
            )
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
                write_row(out, TableFormat::Csv, cells, row.into_iter().map(Cow::Borrowed))?;
            }
            Ok(())
        }
    }
}

/// Writes the rows of one record: one per entity, or one `error` row.
///
/// ```
/// use depeche::record::Line;
/// use depeche::table::{COLUMNS, TableFormat, write_rows};
/// let line: Line = serde_json::from_str(
///     r#"{"id":"a\tb","error":{"kind":"json","message":"line 1 is not \"JSON\", sorry"}}"#,
/// ).unwrap();
/// let mut csv = Vec::new();
/// write_rows(&mut csv, TableFormat::Csv, &line).unwrap();
/// let empty = ",".repeat(COLUMNS.len() - 11);
/// assert_eq!(
///     String::from_utf8(csv).unwrap(),
///     format!("a\tb,error,\"line 1 is not \"\"JSON\"\", sorry\",,,,,,,,error.json{empty}\r\n")
/// );
/// let mut tsv = Vec::new();
/// write_rows(&mut tsv, TableFormat::Tsv, &line).unwrap();
/// assert!(String::from_utf8(tsv).unwrap().starts_with("a\\tb\terror\t"));
/// ```
///
/// # Errors
/// Any write error.
pub fn write_rows(out: &mut dyn Write, format: TableFormat, line: &Line) -> io::Result<()> {
    write_rows_with(out, format, Cells::Safe, line)
}

/// Writes the rows of one record as [`write_rows`], with formula cells
/// neutralized or not.
///
/// ```
/// use depeche::record::Line;
/// use depeche::table::{Cells, TableFormat, write_rows_with};
/// let line: Line = serde_json::from_str(r#"{"id":"=1+1","error":{"kind":"io","message":"-"}}"#).unwrap();
/// let mut safe = Vec::new();
/// write_rows_with(&mut safe, TableFormat::Csv, Cells::Safe, &line).unwrap();
/// assert!(safe.starts_with(b"'=1+1,error,'-,"));
/// let mut raw = Vec::new();
/// write_rows_with(&mut raw, TableFormat::Csv, Cells::Raw, &line).unwrap();
/// assert!(raw.starts_with(b"=1+1,error,-,"));
/// ```
///
/// # Errors
/// Any write error.
pub fn write_rows_with(out: &mut dyn Write, format: TableFormat, cells: Cells, line: &Line) -> io::Result<()> {
    if format == TableFormat::Facts {
        return write_fact_rows(out, cells, line);
    }
    match line {
        Line::Error(e) => write_row(out, format, cells, TABLE.iter().map(|c| (c.error)(e))),
        Line::Record(r) => {
            for e in &r.entities {
                write_row(out, format, cells, TABLE.iter().map(|c| (c.entity)(r, e)))?;
            }
            Ok(())
        }
    }
}

/// Writes one row: every cell goes through [`clean_cell`]; CSV rows are
/// then written by the `csv` crate (RFC 4180 quoting, CRLF), TSV rows by
/// [`push_tsv`] (the csv crate has no backslash escapes).
fn write_row<'a>(
    out: &mut dyn Write,
    format: TableFormat,
    cells: Cells,
    fields: impl Iterator<Item = Cow<'a, str>>,
) -> io::Result<()> {
    match format {
        TableFormat::Csv | TableFormat::Facts => {
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .terminator(csv::Terminator::CRLF)
                .quote_style(csv::QuoteStyle::Necessary)
                .buffer_capacity(1024)
                .from_writer(out);
            w.write_record(fields.map(|f| clean_cell(format, cells, &f).into_owned()))?;
            w.flush()
        }
        TableFormat::Tsv => {
            let mut row = String::new();
            for (i, f) in fields.enumerate() {
                if i > 0 {
                    row.push('\t');
                }
                push_tsv(&mut row, &clean_cell(format, cells, &f));
            }
            row.push('\n');
            out.write_all(row.as_bytes())
        }
    }
}

/// One cell before quoting: the one place where formulas are neutralized
/// and, in CSV, control characters replaced (module documentation).
fn clean_cell<'a>(format: TableFormat, cells: Cells, field: &'a str) -> Cow<'a, str> {
    let formula = cells == Cells::Safe && field.starts_with(['=', '+', '-', '@', '\t', '\r']) && !plain_number(field);
    let field: Cow<str> = if formula { format!("'{field}").into() } else { field.into() };
    if format == TableFormat::Tsv || !field.chars().any(control) {
        return field;
    }
    field
        .chars()
        .map(|c| match c {
            '\u{7f}' => '\u{2421}',
            c if control(c) && u32::from(c) < 0x20 => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
            c if control(c) => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// A control character other than the separators tab, LF and CR.
fn control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Appends one TSV cell: backslash escapes for the separators, the
/// backslash and control characters.
fn push_tsv(row: &mut String, field: &str) {
    for c in field.chars() {
        match c {
            '\\' => row.push_str("\\\\"),
            '\t' => row.push_str("\\t"),
            '\n' => row.push_str("\\n"),
            '\r' => row.push_str("\\r"),
            c if control(c) => {
                use std::fmt::Write as _;
                let _ = write!(row, "\\u{{{:x}}}", u32::from(c));
            }
            c => row.push(c),
        }
    }
}

/// A number no spreadsheet runs as a formula: `-12`, `+3,5`, `-0.25`.
fn plain_number(field: &str) -> bool {
    let digits = field.strip_prefix(['+', '-']).unwrap_or(field);
    let mut parts = digits.splitn(2, ['.', ',']);
    let whole = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let int = parts.next();
    whole(int) && parts.next().is_none_or(|f| whole(Some(f)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One cell as written in a row: the row `field, end` without its
    /// second cell and terminator.
    fn cell(format: TableFormat, cells: Cells, field: &str) -> String {
        let mut out = Vec::new();
        write_row(&mut out, format, cells, [field, "end"].into_iter().map(Cow::Borrowed)).unwrap();
        let row = String::from_utf8(out).unwrap();
        let tail = if format == TableFormat::Tsv { "\tend\n" } else { ",end\r\n" };
        row.strip_suffix(tail).unwrap_or_else(|| panic!("{row:?}")).to_string()
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        let csv = |f| cell(TableFormat::Csv, Cells::Safe, f);
        assert_eq!(csv("40\u{a0}%"), "40\u{a0}%");
        assert_eq!(csv("|a,b|"), "\"|a,b|\"");
        assert_eq!(csv("dit « \"oui\" »\r\n"), "\"dit « \"\"oui\"\" »\r\n\"");
    }

    #[test]
    fn tsv_escapes_separators_and_backslash() {
        assert_eq!(cell(TableFormat::Tsv, Cells::Safe, "a\tb\nc\rd\\e"), "a\\tb\\nc\\rd\\\\e");
    }

    /// (field, CSV, TSV) with formulas neutralized; raw, only separators and
    /// control characters are escaped.
    #[test]
    fn formulas_and_control_characters() {
        let rows = [
            ("=cmd|' -C calc'!A0.txt", "'=cmd|' -C calc'!A0.txt", "'=cmd|' -C calc'!A0.txt"),
            ("+33 1 23", "'+33 1 23", "'+33 1 23"),
            ("@SUM(A1)", "'@SUM(A1)", "'@SUM(A1)"),
            ("-2+3", "'-2+3", "'-2+3"),
            ("=1,2", "\"'=1,2\"", "'=1,2"),
            ("\tx", "'\tx", "'\\tx"),
            // Plain numbers and ordinary text stay as they are.
            ("-12", "-12", "-12"),
            ("+3,5", "\"+3,5\"", "+3,5"),
            ("-0.25", "-0.25", "-0.25"),
            ("Zoé Lefèvre", "Zoé Lefèvre", "Zoé Lefèvre"),
            ("a-b=c", "a-b=c", "a-b=c"),
            ("", "", ""),
            // Control characters never go raw to a terminal.
            ("a\u{1b}[31mb\u{7}", "a\u{241b}[31mb\u{2407}", "a\\u{1b}[31mb\\u{7}"),
            ("\u{7f}\u{9b}", "\u{2421}\u{fffd}", "\\u{7f}\\u{9b}"),
        ];
        for (field, csv, tsv) in rows {
            assert_eq!(cell(TableFormat::Csv, Cells::Safe, field), csv, "{field:?}");
            assert_eq!(cell(TableFormat::Tsv, Cells::Safe, field), tsv, "{field:?}");
            let raw = cell(TableFormat::Csv, Cells::Raw, field);
            assert!(!raw.starts_with('\'') || field.starts_with('\''), "{field:?}: {raw}");
        }
        assert_eq!(cell(TableFormat::Csv, Cells::Raw, "=1+1"), "=1+1");
        assert_eq!(cell(TableFormat::Tsv, Cells::Raw, "@x\u{1b}"), "@x\\u{1b}");
    }

    proptest::proptest! {
        /// What a CSV reader reads back is each cell as cleaned: quoting
        /// loses nothing, whatever the text. (A header row goes first, as
        /// in the tool's output: a reader drops a byte order mark that
        /// starts its input.)
        #[test]
        fn csv_rows_read_back(fields in proptest::collection::vec(".{0,12}", 1..6), safe: bool) {
            let cells = if safe { Cells::Safe } else { Cells::Raw };
            let mut out = b"header\r\n".to_vec();
            write_row(&mut out, TableFormat::Csv, cells, fields.iter().map(|f| Cow::Borrowed(f.as_str()))).unwrap();
            let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(out.as_slice());
            let back = reader.records().next().unwrap().unwrap();
            let want: Vec<String> = fields.iter().map(|f| clean_cell(TableFormat::Csv, cells, f).into_owned()).collect();
            proptest::prop_assert_eq!(back.iter().collect::<Vec<_>>(), want.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }
}
