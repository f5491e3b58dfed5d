//! The output schema: one JSON line per article.
//!
//! These types are the public contract of depeche's output; they hold only
//! data and carry no extraction logic. A successful article becomes a
//! [`Record`], an article that could not be read becomes an [`ErrorRecord`];
//! [`Line`] is either.
//!
//! Optional fields are omitted when empty or false, so a record stays short;
//! readers must treat a missing field as absent/false.
//!
//! ```
//! use depeche::record::Line;
//! let line = r#"{"id":"a.txt","offsets":"chars","length":5,"sentences":[[0,5]],"entities":[]}"#;
//! let parsed: Line = serde_json::from_str(line).unwrap();
//! assert!(matches!(parsed, Line::Record(_)));
//! ```

use serde::{Deserialize, Serialize};

/// The unit in which offsets (`start`, `end`, `length`, sentence spans) are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// Unicode code points (Python `str` indices). The default.
    #[default]
    Chars,
    /// UTF-8 bytes (Rust `str` indices).
    Bytes,
    /// UTF-16 code units (JavaScript, Java, .NET indices).
    Utf16,
}

impl OffsetUnit {
    /// The lowercase name used on the command line and in records.
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Chars => "chars",
            OffsetUnit::Bytes => "bytes",
            OffsetUnit::Utf16 => "utf16",
        }
    }
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person's name (without title or role).
    Person,
    /// A company, public body, party, union, media, club, international organization.
    Organization,
    /// A country, region, city, site.
    Place,
    /// A monetary amount, with `value` (or `min`/`max`) and `currency`.
    Money,
    /// A percentage, with `value` the percent number (`"40"` for « 40 % »).
    Percent,
}

impl Kind {
    /// All kinds, in output order of the summary.
    pub const ALL: [Kind; 5] = [Kind::Person, Kind::Organization, Kind::Place, Kind::Money, Kind::Percent];

    /// The lowercase name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Money => "money",
            Kind::Percent => "percent",
        }
    }

    /// Parses a lowercase kind name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Which side a bounded figure is bounded on (« plus de » → `min`, « moins de » → `max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// At least the value (« plus de », « au moins »).
    Min,
    /// At most the value (« moins de », « jusqu'à »).
    Max,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One entity found in an article.
///
/// Fields common to all kinds come first; kind-specific fields are omitted
/// when they do not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Position of this entity in the record's `entities` list (0-based);
    /// stable for a given input and configuration, so later stages (facts)
    /// can refer to it.
    pub id: usize,
    /// What the entity is.
    pub kind: Kind,
    /// The entity's text, exactly `text[start..end]` of the article.
    pub text: String,
    /// Start offset in the article, in the record's offset unit.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Index of the sentence (in `sentences`) that contains `start`.
    pub sentence: usize,
    /// The name of the rule that produced the entity, such as `money.number_currency`.
    pub rule: String,
    /// Exact decimal value as a string (`"26300000000"`); money and percent only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Lower end of a range (« entre 60 et 65 milliards »), instead of `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<String>,
    /// Upper end of a range, instead of `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<String>,
    /// ISO 4217 currency code; money only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// True when the currency was guessed from the article or locale rather
    /// than read from the expression (a bare « $ » in a Québec story → CAD).
    #[serde(default, skip_serializing_if = "is_false")]
    pub currency_inferred: bool,
    /// True for approximations (« environ », « près de »).
    #[serde(default, skip_serializing_if = "is_false")]
    pub approx: bool,
    /// `min` for « plus de X », `max` for « moins de X ».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
    /// True for percentage points (« 4 points de pourcentage »).
    #[serde(default, skip_serializing_if = "is_false")]
    pub points: bool,
    /// The unit of a per-unit amount, as written (« par mois » → `"mois"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// True for a change written as a range (« passant de 9,7 à 9,5 % »).
    #[serde(default, skip_serializing_if = "is_false")]
    pub change: bool,
    /// The full name this mention refers to (« Jassy » → `"Andy Jassy"`,
    /// « AWS » → `"Amazon Web Services"`); names only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// A person's role when the text states it (`"PDG"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The organization a person's role is at (`"Alphabet"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
}

/// The record of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The article's id: its path relative to the argument it was found
    /// under, the JSONL `id`, or `-` for standard input.
    pub id: String,
    /// The unit of every offset in this record.
    pub offsets: OffsetUnit,
    /// The article's length in the offset unit.
    pub length: usize,
    /// The encoding the text was decoded from, when it was not UTF-8
    /// (`"windows-1252"`, `"utf-16le"`); absent for UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The page title (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publication date as the page states it (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The canonical URL (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Fields of the JSONL input line carried over with `--keep`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<serde_json::Map<String, serde_json::Value>>,
    /// The article text the offsets index (with `--emit-text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Sentence spans `[start, end)`, covering the text without its
    /// leading/trailing white space.
    pub sentences: Vec<[usize; 2]>,
    /// The entities, sorted by `start`, then longest first.
    pub entities: Vec<Entity>,
}

/// The error part of an [`ErrorRecord`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// A stable snake_case kind (`not_found`, `permission_denied`, `io`,
    /// `decode`, `binary`, `too_large`, `json`, `missing_text`,
    /// `duplicate_id`, `html`, and `internal` for a bug in depeche).
    pub kind: String,
    /// What went wrong and what to do, for a person.
    pub message: String,
}

/// The line written for an article that could not be read or decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// The article's id, as for [`Record::id`].
    pub id: String,
    /// What went wrong.
    pub error: ErrorInfo,
}

impl From<crate::InputError> for ErrorRecord {
    fn from(e: crate::InputError) -> Self {
        ErrorRecord { id: e.id, error: ErrorInfo { kind: e.kind.as_str().to_string(), message: e.message } }
    }
}

/// One output line: a record or an error record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Line {
    /// An error record (tried first: it has the required `error` field).
    Error(ErrorRecord),
    /// A successful record.
    Record(Record),
}

impl Line {
    /// The article id.
    pub fn id(&self) -> &str {
        match self {
            Line::Record(r) => &r.id,
            Line::Error(e) => &e.id,
        }
    }
}
