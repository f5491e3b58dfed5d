//! Tokens and the CoNLL format: one token per line with its span and a
//! BILOU tag, for taggers, annotation tools and search indexes.
//!
//! [`tokens`] gives an article's tokens from the project's tokenizer
//! ([`crate::text::tokenize`]), cut at entity boundaries so that every
//! entity is a run of whole tokens, each with its sentence. [`write`] writes
//! a record as CoNLL:
//!
//! ```text
//! # id = a1 (columns separated by tabs)
//! # offsets = chars
//! # text = Meta dépensera 40 milliards de dollars.
//! Meta  0  4  U-ORGANIZATION
//! dépensera  5  14  O
//! 40  15  17  B-MONEY
//! milliards  18  27  I-MONEY
//! de  28  30  I-MONEY
//! dollars  31  38  L-MONEY
//! .  38  39  O
//!
//! ```
//!
//! Columns are separated by a tab: the token, its start and end (in the
//! record's offset unit, end exclusive) and its tag (`B-`, `I-`, `L-`, `U-`
//! and the kind in capitals, or `O`). A white-space character inside a
//! token (the group space of « 1 234 ») is written `_` in the first column;
//! the span gives the exact text. A blank line ends each sentence; before
//! each article come `# id = `, `# offsets = ` and `# text = ` comment lines
//! (in `# text`, a line feed is written `\n`, a carriage return `\r`, a tab
//! `\t` and a backslash `\\`, so that the text stays on one line).
//! [`parse`] reads this back (`depeche eval` takes it as gold).

use std::ops::Range;

use crate::record::{Kind, Record};
use crate::text::tokenize;

/// The tokens of `text` (byte ranges) with their sentence index, cut at the
/// boundaries of `spans` (byte ranges of entities): no token crosses an
/// entity's start or end.
///
/// ```
/// let text = "Le groupe AWS.";
/// let toks = depeche::conll::tokens(text, &[0..text.len()], &[(10, 13)]);
/// let words: Vec<&str> = toks.iter().map(|(r, _)| &text[r.clone()]).collect();
/// assert_eq!(words, ["Le", "groupe", "AWS", "."]);
/// ```
pub fn tokens(text: &str, sentences: &[Range<usize>], spans: &[(usize, usize)]) -> Vec<(Range<usize>, usize)> {
    let mut cuts: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let starts: Vec<usize> = sentences.iter().map(|s| s.start).collect();
    let sentence_of = |b: usize| starts.partition_point(|&s| s <= b).saturating_sub(1);
    let mut out = Vec::new();
    for t in tokenize(text) {
        let inner = cuts.partition_point(|&c| c <= t.start);
        let mut from = t.start;
        for &c in cuts[inner..].iter().take_while(|&&c| c < t.end) {
            push_trimmed(text, from..c, &mut out, &sentence_of);
            from = c;
        }
        push_trimmed(text, from..t.end, &mut out, &sentence_of);
    }
    out
}

fn push_trimmed(
    text: &str,
    r: Range<usize>,
    out: &mut Vec<(Range<usize>, usize)>,
    sentence_of: &impl Fn(usize) -> usize,
) {
    let piece = &text[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return;
    }
    let r = r.start + lead..r.end - trail;
    out.push((r.clone(), sentence_of(r.start)));
}

/// The BILOU tag of each of `tokens` (`[start, end, sentence]`, any unit)
/// for `entities` (`(start, end, kind)` in the same unit, disjoint).
///
/// ```
/// use depeche::Kind;
/// let tags = depeche::conll::bilou(&[[0, 4, 0], [5, 9, 0], [10, 12, 0]], &[(0, 9, Kind::Person)]);
/// assert_eq!(tags, ["B-PERSON", "L-PERSON", "O"]);
/// ```
pub fn bilou(tokens: &[[usize; 3]], entities: &[(usize, usize, Kind)]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); tokens.len()];
    for &(s, e, kind) in entities {
        let first = tokens.partition_point(|t| t[0] < s);
        let last = tokens.partition_point(|t| t[1] <= e);
        if first >= last {
            continue;
        }
        let name = kind.as_str().to_uppercase();
        if last - first == 1 {
            tags[first] = format!("U-{name}");
            continue;
        }
        for (k, tag) in tags[first..last].iter_mut().enumerate() {
            let p = if k == 0 {
                "B"
            } else if first + k == last - 1 {
                "L"
            } else {
                "I"
            };
            *tag = format!("{p}-{name}");
        }
    }
    tags
}

/// Writes `record` (which must carry its `tokens`) as CoNLL: see the module
/// documentation. `text` is the article's text.
///
/// ```
/// use depeche::{Document, Pipeline};
/// let p = Pipeline::builder().tokens(true).build().unwrap();
/// let doc = Document::new("a1", "Le titre gagne 4\u{a0}%.");
/// let mut out = Vec::new();
/// depeche::conll::write(&mut out, &p.process(&doc), &doc.text);
/// let out = String::from_utf8(out).unwrap();
/// assert!(out.starts_with("# id = a1\n# offsets = chars\n# text = Le titre"));
/// assert!(out.contains("4\t15\t16\tB-PERCENT\n%\t17\t18\tL-PERCENT\n"));
/// ```
pub fn write(out: &mut Vec<u8>, record: &Record, text: &str) {
    let tokens = record.tokens.as_deref().unwrap_or(&[]);
    let entities: Vec<(usize, usize, Kind)> = record.entities.iter().map(|e| (e.start, e.end, e.kind)).collect();
    let tags = bilou(tokens, &entities);
    let units = unit_starts(text, record.offsets);
    out.extend_from_slice(format!("# id = {}\n", one_line(&record.id)).as_bytes());
    out.extend_from_slice(format!("# offsets = {}\n", record.offsets.as_str()).as_bytes());
    out.extend_from_slice(format!("# text = {}\n", escape(text)).as_bytes());
    let mut sentence = None;
    for (t, tag) in tokens.iter().zip(&tags) {
        if sentence.is_some_and(|s| s != t[2]) {
            out.push(b'\n');
        }
        sentence = Some(t[2]);
        let form: String = text[units[t[0]]..units[t[1]]]
            .chars()
            .map(|c| if c.is_whitespace() || c == '\t' { '_' } else { c })
            .collect();
        out.extend_from_slice(format!("{form}\t{}\t{}\t{tag}\n", t[0], t[1]).as_bytes());
    }
    out.push(b'\n');
}

/// For each offset in `unit` (and the end), the byte offset it stands for.
fn unit_starts(text: &str, unit: crate::record::OffsetUnit) -> Vec<usize> {
    use crate::record::OffsetUnit;
    let mut v = Vec::with_capacity(text.len() + 1);
    for (b, c) in text.char_indices() {
        let n = match unit {
            OffsetUnit::Chars => 1,
            OffsetUnit::Bytes => c.len_utf8(),
            OffsetUnit::Utf16 => c.len_utf16(),
        };
        v.extend(std::iter::repeat_n(b, n));
    }
    v.push(text.len());
    v
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// `\n`, `\r`, `\t` and `\` written as two characters.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

/// One article read from CoNLL: its id, text, entities (kind as written in
/// lowercase, code-point offsets) and the line of its first comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllDoc {
    /// The `# id` comment (or `doc-N` without one).
    pub id: String,
    /// The `# text` comment, unescaped (or the tokens joined by spaces without one).
    pub text: String,
    /// `(kind, start, end)` in code points.
    pub entities: Vec<(String, usize, usize)>,
    /// The line (1-based) where the article starts.
    pub line: usize,
}

/// Whether `contents` looks like CoNLL rather than JSON Lines: its first
/// line that is not blank starts with `#` or is not a JSON object.
///
/// ```
/// assert!(depeche::conll::looks_like_conll("# id = a\nLe\tO\n"));
/// assert!(!depeche::conll::looks_like_conll("{\"id\":\"a\"}\n"));
/// ```
pub fn looks_like_conll(contents: &str) -> bool {
    contents
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        .find(|l| !l.is_empty())
        .is_some_and(|l| !l.starts_with('{'))
}

/// Parses CoNLL written by [`write`] or by another tool: tab- or
/// space-separated columns, the token first and the tag last (BILOU, BIO or
/// IOB1, with `B-`/`I-`/`L-`/`E-`/`U-`/`S-` prefixes), optional start and
/// end columns (offsets in the `# offsets` unit, code points by default).
/// Without a `# text` comment, the text is the tokens joined by single
/// spaces (and sentences by a line feed) and offsets are computed. A
/// malformed line gives `(line, message)` and its article is left out.
///
/// ```
/// let src = "# id = a\n# text = Jean Dupont part.\nJean\t0\t4\tB-PERSON\nDupont\t5\t11\tL-PERSON\npart\t12\t16\tO\n.\t16\t17\tO\n\n";
/// let (docs, errors) = depeche::conll::parse(src);
/// assert!(errors.is_empty());
/// assert_eq!(docs[0].entities, [("person".to_string(), 0, 11)]);
/// ```
pub fn parse(contents: &str) -> (Vec<ConllDoc>, Vec<(usize, String)>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    let mut cur: Option<Builder> = None;
    for (n, raw) in contents.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_start_matches('\u{feff}').trim_end_matches('\r');
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(id) = c.strip_prefix("id =").or_else(|| c.strip_prefix("id=")) {
                if let Some(b) = cur.take() {
                    b.finish(&mut docs, &mut errors);
                }
                cur = Some(Builder::new(id.trim().to_string(), line_no));
            } else if let Some(t) = c.strip_prefix("text =").or_else(|| c.strip_prefix("text=")) {
                let b = cur.get_or_insert_with(|| Builder::new(format!("doc-{}", docs.len() + 1), line_no));
                b.text = Some(unescape(t.strip_prefix(' ').unwrap_or(t)));
            } else if let Some(u) = c.strip_prefix("offsets =") {
                let b = cur.get_or_insert_with(|| Builder::new(format!("doc-{}", docs.len() + 1), line_no));
                b.unit = u.trim().to_string();
            }
            continue;
        }
        let b = cur.get_or_insert_with(|| Builder::new(format!("doc-{}", docs.len() + 1), line_no));
        if line.trim().is_empty() {
            b.sentence_break();
            continue;
        }
        if let Err(m) = b.token(line) {
            b.error.get_or_insert((line_no, m));
        }
    }
    if let Some(b) = cur.take() {
        b.finish(&mut docs, &mut errors);
    }
    (docs, errors)
}

/// A token line: form, span (`None` when the columns give none), tag, and
/// whether it starts a sentence.
type TokenLine = (String, Option<(usize, usize)>, String, bool);

/// One article being read.
struct Builder {
    id: String,
    text: Option<String>,
    unit: String,
    line: usize,
    /// One entry per token line.
    tokens: Vec<TokenLine>,
    new_sentence: bool,
    error: Option<(usize, String)>,
}

impl Builder {
    fn new(id: String, line: usize) -> Self {
        Builder { id, text: None, unit: "chars".into(), line, tokens: Vec::new(), new_sentence: false, error: None }
    }

    fn sentence_break(&mut self) {
        self.new_sentence = true;
    }

    fn token(&mut self, line: &str) -> Result<(), String> {
        let cols: Vec<&str> =
            if line.contains('\t') { line.split('\t').collect() } else { line.split_whitespace().collect() };
        if cols.len() < 2 {
            return Err(format!("a token line needs at least a token and a tag, got {line:?}"));
        }
        let tag = cols[cols.len() - 1].trim().to_string();
        let span = if cols.len() >= 4 {
            match (cols[1].trim().parse::<usize>(), cols[2].trim().parse::<usize>()) {
                (Ok(s), Ok(e)) if s < e => Some((s, e)),
                (Ok(_), Ok(_)) => return Err(format!("empty or reversed span in {line:?}")),
                _ => None,
            }
        } else {
            None
        };
        let fresh = std::mem::take(&mut self.new_sentence);
        self.tokens.push((cols[0].to_string(), span, tag, fresh));
        Ok(())
    }

    fn finish(self, docs: &mut Vec<ConllDoc>, errors: &mut Vec<(usize, String)>) {
        if let Some(e) = self.error {
            errors.push(e);
            return;
        }
        match self.build() {
            Ok(d) => docs.push(d),
            Err(m) => errors.push((self.line, m)),
        }
    }

    fn build(&self) -> Result<ConllDoc, String> {
        // Token spans in code points.
        let (text, spans): (String, Vec<(usize, usize)>) = match &self.text {
            Some(text) => {
                let to_chars = chars_of_unit(text, &self.unit)?;
                let mut spans = Vec::with_capacity(self.tokens.len());
                let mut from = 0usize;
                let chars: Vec<char> = text.chars().collect();
                for (form, span, _, _) in &self.tokens {
                    let (s, e) = match span {
                        Some((s, e)) => {
                            let conv = |x: usize| to_chars.get(x).copied().flatten();
                            match (conv(*s), conv(*e)) {
                                (Some(a), Some(b)) => (a, b),
                                _ => {
                                    return Err(format!(
                                        "token {form:?} at {s}..{e} is outside the text or splits a character"
                                    ));
                                }
                            }
                        }
                        None => find_form(&chars, form, from)
                            .ok_or_else(|| format!("token {form:?} is not found in the # text"))?,
                    };
                    from = e;
                    spans.push((s, e));
                }
                (text.clone(), spans)
            }
            None => {
                let mut text = String::new();
                let mut spans = Vec::new();
                let mut n = 0usize;
                for (form, _, _, fresh) in &self.tokens {
                    if !text.is_empty() {
                        text.push(if *fresh { '\n' } else { ' ' });
                        n += 1;
                    }
                    let len = form.chars().count();
                    spans.push((n, n + len));
                    text.push_str(form);
                    n += len;
                }
                (text, spans)
            }
        };
        let mut entities = Vec::new();
        let mut open: Option<(String, usize, usize)> = None;
        for ((_, _, tag, _), &(s, e)) in self.tokens.iter().zip(&spans) {
            let (prefix, kind) = match tag.split_once('-') {
                Some((p, k)) if tag != "O" => (p.to_ascii_uppercase(), k.to_lowercase()),
                _ => ("O".to_string(), String::new()),
            };
            match prefix.as_str() {
                "O" => {
                    entities.extend(open.take());
                }
                "B" | "U" | "S" => {
                    entities.extend(open.take());
                    open = Some((kind, s, e));
                    if prefix != "B" {
                        entities.extend(open.take());
                    }
                }
                "I" | "L" | "E" => {
                    match &mut open {
                        Some((k, _, end)) if *k == kind => *end = e,
                        _ => {
                            entities.extend(open.take());
                            open = Some((kind, s, e));
                        }
                    }
                    if prefix != "I" {
                        entities.extend(open.take());
                    }
                }
                _ => return Err(format!("tag {tag:?} is not O nor B-, I-, L-, E-, U- or S- and a kind")),
            }
        }
        entities.extend(open.take());
        Ok(ConllDoc { id: self.id.clone(), text, entities, line: self.line })
    }
}

/// For each offset in `unit` of `text`, the code point it falls on (`None`
/// inside a character).
fn chars_of_unit(text: &str, unit: &str) -> Result<Vec<Option<usize>>, String> {
    let mut v = Vec::with_capacity(text.len() + 1);
    let mut n = 0;
    for c in text.chars() {
        let w = match unit {
            "chars" => 1,
            "bytes" => c.len_utf8(),
            "utf16" => c.len_utf16(),
            other => return Err(format!("unknown # offsets unit {other:?}: use chars, bytes or utf16")),
        };
        v.push(Some(n));
        v.extend(std::iter::repeat_n(None, w - 1));
        n += 1;
    }
    v.push(Some(n));
    Ok(v)
}

/// The first place at or after `from` where `form` (with `_` standing for
/// white space) is written in `chars`.
fn find_form(chars: &[char], form: &str, from: usize) -> Option<(usize, usize)> {
    let f: Vec<char> = form.chars().collect();
    if f.is_empty() {
        return None;
    }
    (from..=chars.len().checked_sub(f.len())?)
        .find(|&s| f.iter().zip(&chars[s..]).all(|(a, b)| a == b || *a == '_' && b.is_whitespace()))
        .map(|s| (s, s + f.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_round_trips() {
        for s in ["a\nb\\n\tc\r", "", "\\", "é « x »"] {
            assert_eq!(unescape(&escape(s)), s);
            assert!(!escape(s).contains('\n'));
        }
    }

    #[test]
    fn bio_and_bare_tokens_are_read() {
        let (docs, errors) = parse("Jean B-PER\nDupont I-PER\npart O\n\nIl O\nvient O\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(docs[0].text, "Jean Dupont part\nIl vient");
        assert_eq!(docs[0].entities, [("per".to_string(), 0, 11)]);
        let (_, errors) = parse("# id = x\nJean\t0\t4\tX-PER\n");
        assert_eq!(errors.len(), 1);
    }
}
