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

/// What an entity is: a built-in kind, or a kind named by a user rule file
/// ([`Kind::User`]). It is written in records as its lowercase name
/// (`"person"`, `"ticker"`).
///
/// ```
/// use depeche::Kind;
/// assert_eq!(Kind::parse("money"), Some(Kind::Money));
/// let ticker = Kind::user("ticker").unwrap();
/// assert_eq!(ticker.as_str(), "ticker");
/// assert_eq!(serde_json::to_string(&ticker).unwrap(), r#""ticker""#);
/// assert_eq!(serde_json::from_str::<Kind>(r#""ticker""#).unwrap(), ticker);
/// assert_eq!(Kind::lookup("ticker"), Some(ticker));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// A period of time a figure refers to (« au quatrième trimestre 2024 »),
    /// with `value` normalized (`"2024-Q4"`, `"2025"`, `"2017-H1"`,
    /// `"2016-12"`, `"2017-03-03"`, `"2020/2025"`).
    Period,
    /// A kind named by a user rule file (`ticker`, `isin`); see [`crate::rules`].
    User(UserKind),
    /// A number that is not part of a figure, date or code (« trois cents »
    /// → `value` `"300"`, « entre 3 et 5 » → `min`/`max`). Off by default.
    Number,
    /// An ordinal (« 1er », « deuxième », « vingt-et-unième » → `value`
    /// `"21"`). Off by default.
    Ordinal,
}

impl Kind {
    /// All kinds, in output order of the summary.
    pub const ALL: [Kind; 8] = [
        Kind::Person,
        Kind::Organization,
        Kind::Place,
        Kind::Money,
        Kind::Percent,
        Kind::Period,
        Kind::Number,
        Kind::Ordinal,
    ];

    /// Whether the kind is emitted when no kinds are asked for: every kind
    /// but `number` and `ordinal`, which `--kinds +number,+ordinal` (or
    /// listing them) turns on.
    ///
    /// ```
    /// use depeche::Kind;
    /// assert!(Kind::Money.on_by_default());
    /// assert!(!Kind::Number.on_by_default());
    /// ```
    pub fn on_by_default(self) -> bool {
        !matches!(self, Kind::Number | Kind::Ordinal)
    }

    /// The lowercase name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Period => "period",
            Kind::User(u) => u.as_str(),
            Kind::Number => "number",
            Kind::Ordinal => "ordinal",
        }
    }

    /// Parses the lowercase name of a built-in kind.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind named `s`: a built-in kind, or a user kind already known to
    /// this process (declared by a rule file that was loaded, or read from a
    /// record). Never declares a new kind.
    pub fn lookup(s: &str) -> Option<Kind> {
        Kind::parse(s).or_else(|| UserKind::find(s).map(Kind::User))
    }

    /// The kind named `name`: a built-in kind if it is one's name, else the
    /// user kind of that name (declared on first use).
    ///
    /// # Errors
    /// A name that is not 1 to 32 ASCII lowercase letters, digits and `_`,
    /// starting with a letter, or that is `error` (the kind of error rows in tables).
    pub fn user(name: &str) -> Result<Kind, String> {
        if let Some(k) = Kind::parse(name) {
            return Ok(k);
        }
        UserKind::declare(name).map(Kind::User)
    }

    /// True for a kind named by a user rule file.
    pub fn is_user(self) -> bool {
        matches!(self, Kind::User(_))
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Kind::user(&name).map_err(serde::de::Error::custom)
    }
}

/// The name of a kind declared by a user rule file (`ticker`, `isin`).
///
/// Names are interned once per process, so the kind stays `Copy` and its
/// name a `&'static str`; at most [`UserKind::MAX`] names can be declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserKind(&'static str);

impl UserKind {
    /// The most user kinds one process can declare.
    pub const MAX: usize = 4096;

    /// The kind's name.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    fn names() -> std::sync::MutexGuard<'static, Vec<&'static str>> {
        static NAMES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
        NAMES.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn find(name: &str) -> Option<UserKind> {
        Self::names().iter().find(|n| **n == name).map(|n| UserKind(n))
    }

    fn declare(name: &str) -> Result<UserKind, String> {
        let valid = (1..=32).contains(&name.len())
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && name != "error";
        if !valid {
            return Err(format!(
                "{name:?} is not a kind: use a built-in kind ({}) or a new name of 1 to 32 lowercase letters, digits and _, starting with a letter (not \"error\")",
                Kind::ALL.map(Kind::as_str).join(", ")
            ));
        }
        let mut names = Self::names();
        if let Some(n) = names.iter().find(|n| **n == name) {
            return Ok(UserKind(n));
        }
        if names.len() >= Self::MAX {
            return Err(format!("too many kinds: at most {} user kinds can be declared", Self::MAX));
        }
        let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
        names.push(leaked);
        Ok(UserKind(leaked))
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

/// What a money or percent figure measures (see the README, "Facts").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Money: sales, turnover (« chiffre d'affaires », « ventes »).
    Revenue,
    /// Money: a profit or earnings (« bénéfice net », « résultat »).
    Profit,
    /// Money: a loss or charge (« perte », « déficit » of a company).
    Loss,
    /// Money: capital spending, an investment plan.
    Investment,
    /// Money: funds raised (« lève », « levée de fonds »).
    Funding,
    /// Money: a valuation or market capitalization.
    Valuation,
    /// Money: the amount of a deal, acquisition or contract.
    Deal,
    /// Money: debt.
    Debt,
    /// Money: a budget, a public spending envelope, savings plan.
    Budget,
    /// Money: a price, tariff, fee or share price.
    Price,
    /// Money: pay, salaries, bonuses, dividends paid to people.
    Pay,
    /// Money: a fine or penalty.
    Fine,
    /// Money: a tax or duty.
    Tax,
    /// Percent: a rise or fall.
    Change,
    /// Percent: a part of a whole, a market share.
    Share,
    /// Percent: ownership of a company.
    Stake,
    /// Percent: a rate (unemployment, inflation, interest, margin).
    Rate,
    /// Percent: votes, poll results.
    Vote,
    /// Any other money or percent figure.
    Other,
}

impl Measure {
    /// Every measure, money ones first.
    pub const ALL: [Measure; 19] = [
        Measure::Revenue,
        Measure::Profit,
        Measure::Loss,
        Measure::Investment,
        Measure::Funding,
        Measure::Valuation,
        Measure::Deal,
        Measure::Debt,
        Measure::Budget,
        Measure::Price,
        Measure::Pay,
        Measure::Fine,
        Measure::Tax,
        Measure::Change,
        Measure::Share,
        Measure::Stake,
        Measure::Rate,
        Measure::Vote,
        Measure::Other,
    ];

    /// The lowercase name used in records.
    ///
    /// ```
    /// assert_eq!(depeche::record::Measure::Investment.as_str(), "investment");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Revenue => "revenue",
            Measure::Profit => "profit",
            Measure::Loss => "loss",
            Measure::Investment => "investment",
            Measure::Funding => "funding",
            Measure::Valuation => "valuation",
            Measure::Deal => "deal",
            Measure::Debt => "debt",
            Measure::Budget => "budget",
            Measure::Price => "price",
            Measure::Pay => "pay",
            Measure::Fine => "fine",
            Measure::Tax => "tax",
            Measure::Change => "change",
            Measure::Share => "share",
            Measure::Stake => "stake",
            Measure::Rate => "rate",
            Measure::Vote => "vote",
            Measure::Other => "other",
        }
    }

    /// Parses a lowercase measure name.
    ///
    /// ```
    /// use depeche::record::Measure;
    /// assert_eq!(Measure::parse("stake"), Some(Measure::Stake));
    /// assert_eq!(Measure::parse("height"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s)
    }
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
    /// Exact decimal value as a string (`"26300000000"`); money, percent,
    /// number and ordinal only.
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
    /// A change's first value as written (« passé de 9,7 à 9,5 % » → `"9.7"`);
    /// with `change` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// A change's second value as written (`"9.5"`); with `change` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Period: true when the value was resolved against the article's date
    /// (« l'an dernier », « au premier trimestre » with no year).
    #[serde(default, skip_serializing_if = "is_false")]
    pub relative: bool,
    /// Money, percent: the `id` of the person, organization or place entity
    /// the figure belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<usize>,
    /// Money, percent: the `id` of the period entity the figure refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<usize>,
    /// Money, percent: what the figure measures (`"revenue"`, `"stake"`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
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
    /// What depeche had to guess or repair to read the input: an encoding
    /// guessed, invalid bytes replaced with U+FFFD, an id that was not a
    /// string. Absent when there is nothing to say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The page title (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publication date as the page states it (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The canonical URL (HTML input only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Fields of the JSONL input line carried over with `--keep`, written
    /// as the line wrote them ([`Fields`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Fields>,
    /// The article text the offsets index (with `--emit-text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Sentence spans `[start, end)`, covering the text without its
    /// leading/trailing white space.
    pub sentences: Vec<[usize; 2]>,
    /// The entities, sorted by `start`, then longest first.
    pub entities: Vec<Entity>,
    /// With `--tokens`: the article's tokens as `[start, end, sentence]`
    /// (offsets in the record's unit, `sentence` an index in `sentences`),
    /// from the project's tokenizer ([`crate::text::tokenize`]), cut at
    /// entity boundaries so that every entity is a run of whole tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<[usize; 3]>>,
}

/// A record written as JSON ([`crate::Pipeline::process_json`]): `head`
/// then `body` are the bytes [`Line::write_json`] writes for it. An article's
/// entities (most of a record) are in `body`, written as they were found.
#[derive(Debug, Clone, Default)]
pub struct RecordJson {
    /// The record up to its entities (`..."entities":[`).
    pub head: Vec<u8>,
    /// The entities and the record's end (`...]}`).
    pub body: Vec<u8>,
    /// How many entities of each kind the record has.
    pub by_kind: std::collections::BTreeMap<Kind, usize>,
    /// The fields kept from the JSON Lines input (`--keep`).
    pub fields: Option<Fields>,
}

/// Fields of a JSON Lines input line carried into a record (`--keep`).
///
/// Each value is written back as the line wrote it, without the white space
/// between its tokens: a number keeps every digit and its form
/// (`12345678901234567890123`, `1e2`, `-0.0`), a string its escapes. Read
/// as a map ([`std::ops::Deref`]), the values are parsed `serde_json` values
/// (where a number beyond 64 bits is a float). A record read back from JSON
/// holds its fields as `serde_json` parsed them.
///
/// ```
/// use depeche::record::Fields;
/// let mut fields = Fields::default();
/// fields.insert_raw("n", "[ 12345678901234567890123, 1e2 ]").unwrap();
/// assert_eq!(serde_json::to_string(&fields).unwrap(), r#"{"n":[12345678901234567890123,1e2]}"#);
/// assert!(fields["n"][1].as_f64() == Some(100.0));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Fields {
    values: serde_json::Map<String, serde_json::Value>,
    raw: std::collections::BTreeMap<String, Box<serde_json::value::RawValue>>,
}

impl Fields {
    /// Adds (or replaces) the field `key` from its JSON text, kept as
    /// written but for the white space between tokens.
    ///
    /// # Errors
    /// A text that is not one JSON value.
    pub fn insert_raw(&mut self, key: impl Into<String>, json: &str) -> Result<(), serde_json::Error> {
        let key = key.into();
        let raw = serde_json::value::RawValue::from_string(compact_json(json))?;
        self.values.insert(key.clone(), serde_json::from_str(raw.get())?);
        self.raw.insert(key, raw);
        Ok(())
    }

    /// The field `key` as written in the input (white space between tokens
    /// left out).
    pub fn raw(&self, key: &str) -> Option<&str> {
        self.raw.get(key).map(|r| r.get())
    }
}

/// `json` without the white space outside its strings.
fn compact_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
            continue;
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
    }
    out
}

impl std::ops::Deref for Fields {
    type Target = serde_json::Map<String, serde_json::Value>;
    fn deref(&self) -> &Self::Target {
        &self.values
    }
}

impl PartialEq for Fields {
    fn eq(&self, other: &Fields) -> bool {
        self.raw.len() == other.raw.len()
            && self.raw.iter().zip(&other.raw).all(|((k, a), (l, b))| k == l && a.get() == b.get())
    }
}

impl FromIterator<(String, serde_json::Value)> for Fields {
    fn from_iter<I: IntoIterator<Item = (String, serde_json::Value)>>(iter: I) -> Fields {
        let mut fields = Fields::default();
        for (k, v) in iter {
            let raw = serde_json::value::to_raw_value(&v).expect("a JSON value serializes");
            fields.raw.insert(k.clone(), raw);
            fields.values.insert(k, v);
        }
        fields
    }
}

impl Serialize for Fields {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.raw.iter())
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Fields, D::Error> {
        let values = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        Ok(values.into_iter().collect())
    }
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
// A `Line` is built once per article and moved a few times; boxing the
// record would add an allocation per article and change the public type.
#[allow(clippy::large_enum_variant)]
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

mod json;

#[cfg(test)]
mod tests;
