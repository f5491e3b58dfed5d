//! Gold files: JSON Lines in the format of `../shared/data/dev` or CoNLL,
//! read into articles and their gold entities (the one loader of gold data,
//! for `depeche eval` and `depeche train`).

use serde::Serialize;
use serde_json::Value;

use rust_decimal::Decimal;

use super::{Item, is_figure, parse_decimal};
use crate::record::Kind;

/// One article of a gold file.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// The article id.
    pub id: String,
    /// The article text.
    pub text: String,
    /// The gold entities.
    pub entities: Vec<Item>,
    /// The line of the gold file (1-based).
    pub line: usize,
    /// The article's date (`"date"`), against which relative periods are resolved.
    pub date: Option<String>,
}

/// A gold line that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldError {
    /// The gold file as given.
    pub file: String,
    /// The line number (1-based).
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl std::fmt::Display for GoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Parses a gold JSONL file's contents. Blank lines are skipped; a line that
/// is not a JSON object with a string `id` and `text` and well-formed
/// `entities` (a `kind`, a non-empty `start..end` inside the text, a `text`
/// equal to that span when given, decimal `value`/`min`/`max`) becomes a
/// [`GoldError`] with its line number and is left out.
///
/// ```
/// let (docs, errors) = depeche::eval::parse_gold("g.jsonl", concat!(
///     r#"{"id":"a","text":"Jean part.","entities":[{"kind":"person","start":0,"end":4}]}"#, "\n",
///     "not json\n",
/// ));
/// assert_eq!(docs.len(), 1);
/// assert_eq!(errors[0].line, 2);
/// ```
pub fn parse_gold(file: &str, contents: &str) -> (Vec<GoldDoc>, Vec<GoldError>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in contents.lines().enumerate() {
        let line_no = n + 1;
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        match parse_gold_line(line) {
            Ok((id, text, entities, date)) => docs.push(GoldDoc { id, text, entities, line: line_no, date }),
            Err(message) => errors.push(GoldError { file: file.to_string(), line: line_no, message }),
        }
    }
    (docs, errors)
}

/// Parses a gold file's contents, JSON Lines or CoNLL: CoNLL when `file`
/// ends in `.conll` or when the contents look like it
/// ([`crate::conll::looks_like_conll`]). The one loader of gold data
/// (`depeche eval` and anything that trains on gold).
///
/// ```
/// let conll = "# id = a\n# text = Jean part.\nJean\t0\t4\tU-PERSON\npart\t5\t9\tO\n.\t9\t10\tO\n\n";
/// let (docs, errors) = depeche::eval::load_gold("gold.conll", conll);
/// assert!(errors.is_empty());
/// assert_eq!((docs[0].id.as_str(), docs[0].entities[0].kind.as_str(), docs[0].entities[0].end), ("a", "person", 4));
/// let (docs, _) = depeche::eval::load_gold("gold.jsonl", r#"{"id":"b","text":"x"}"#);
/// assert_eq!(docs[0].id, "b");
/// ```
pub fn load_gold(file: &str, contents: &str) -> (Vec<GoldDoc>, Vec<GoldError>) {
    if !(file.ends_with(".conll") || crate::conll::looks_like_conll(contents)) {
        return parse_gold(file, contents);
    }
    let (docs, errors) = crate::conll::parse(contents);
    let docs = docs
        .into_iter()
        .map(|d| GoldDoc {
            id: d.id,
            text: d.text,
            entities: d.entities.into_iter().map(|(kind, start, end)| Item::new(&kind, start, end)).collect(),
            line: d.line,
            date: None,
        })
        .collect();
    let errors =
        errors.into_iter().map(|(line, message)| GoldError { file: file.to_string(), line, message }).collect();
    (docs, errors)
}

type GoldLine = (String, String, Vec<Item>, Option<String>);

fn parse_gold_line(line: &str) -> Result<GoldLine, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON ({e})"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let id = match obj.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err("missing or non-string \"id\"".into()),
    };
    let text = obj.get("text").and_then(Value::as_str).ok_or("missing or non-string \"text\"")?.to_string();
    let n_chars = text.chars().count();
    let date = obj.get("date").and_then(Value::as_str).map(str::to_string);
    let list = match obj.get("entities") {
        None | Some(Value::Null) => return Ok((id, text, Vec::new(), date)),
        Some(Value::Array(a)) => a,
        Some(_) => return Err("\"entities\" is not an array".into()),
    };
    let mut items = Vec::with_capacity(list.len());
    for (k, e) in list.iter().enumerate() {
        let at = |m: &str| format!("entity {k}: {m}");
        let e = e.as_object().ok_or_else(|| at("not an object"))?;
        let kind = e.get("kind").and_then(Value::as_str).ok_or_else(|| at("missing \"kind\""))?;
        let start = e.get("start").and_then(Value::as_u64).ok_or_else(|| at("missing or invalid \"start\""))? as usize;
        let end = e.get("end").and_then(Value::as_u64).ok_or_else(|| at("missing or invalid \"end\""))? as usize;
        if start >= end || end > n_chars {
            return Err(at(&format!("span {start}..{end} is empty or outside the text ({n_chars} code points)")));
        }
        if let Some(t) = e.get("text").and_then(Value::as_str) {
            let got: String = text.chars().skip(start).take(end - start).collect();
            if got != t {
                return Err(at(&format!(
                    "\"text\" {t:?} is not the text at {start}..{end} ({got:?}); offsets must count code points"
                )));
            }
        }
        // Only figures are compared by value: other kinds' values (a user
        // kind's code, « FR0000120271 ») are not read.
        let figure_kind = Kind::parse(kind).is_some_and(is_figure);
        let dec = |field: &str| -> Result<Option<Decimal>, String> {
            match e.get(field).filter(|_| figure_kind) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => {
                    parse_decimal(s).map(Some).ok_or_else(|| at(&format!("\"{field}\" {s:?} is not a decimal")))
                }
                Some(Value::Number(n)) => parse_decimal(&n.to_string())
                    .map(Some)
                    .ok_or_else(|| at(&format!("\"{field}\" {n} is not a decimal"))),
                Some(_) => Err(at(&format!("\"{field}\" is not a decimal string"))),
            }
        };
        let currency = match e.get("currency") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(at("\"currency\" is not a string")),
        };
        let string = |field: &str| -> Result<Option<String>, String> {
            match e.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(at(&format!("\"{field}\" is not a string"))),
            }
        };
        let measure = string("measure")?;
        if let Some(m) = &measure
            && crate::record::Measure::parse(m).is_none()
        {
            return Err(at(&format!("unknown \"measure\" {m:?}")));
        }
        items.push(Item {
            kind: kind.to_string(),
            start,
            end,
            value: dec("value")?,
            min: dec("min")?,
            max: dec("max")?,
            currency,
            rule: None,
            subject: string("subject")?.into_iter().collect(),
            period: string("period")?,
            measure,
        });
    }
    Ok((id, text, items, date))
}

/// Reads and parses one gold file ([`load_gold`]: JSON Lines or CoNLL): its articles and its
/// malformed lines. `depeche eval` and `depeche train` read gold through it.
///
/// # Errors
/// The file cannot be read.
pub fn read_gold_file(path: &std::path::Path) -> Result<(Vec<GoldDoc>, Vec<GoldError>), crate::Error> {
    let contents = std::fs::read_to_string(path).map_err(|source| crate::Error::Io {
        path: path.to_path_buf(),
        source,
        hint: "check the gold file's path (JSON Lines, UTF-8)",
    })?;
    Ok(load_gold(&path.display().to_string(), &contents))
}
