//! Numbers and ordinals that are not part of a figure: « trois cents
//! salariés » → `number` 300, « 2,5 millions d'habitants » → 2500000,
//! « -2,5 » → -2.5, « entre 3 et 5 » → `min` 3 `max` 5, « vingt et un
//! cinquièmes » → 4.2; « 1er », « 2e », « vingt-et-unième » → `ordinal`.
//!
//! Off by default (`--kinds +number,+ordinal`). Every number is read by
//! [`crate::number`] (digits, the word interpreter, scales, ordinals); this
//! file decides which numbers stand on their own. Not numbers:
//!
//! * the parts of money and percentages (and of any other entity: numbers
//!   are found last and lose every overlap, see [`super::resolve`]);
//! * days and years of dates (« le 14 juillet 2025 », « en 2024 »), times
//!   (« 14 h 30 »), the « 1er » of « 1er mai »;
//! * ids and codes: digits glued to letters (« A320 », « 5G »), after a
//!   capitalized word (« CAC 40 », « Windows 11 », « Boeing 737 »), with a
//!   leading zero (« 01 »), postal codes (« 75008 Paris »), phone numbers;
//! * « un »/« une » as articles, « neuf » as an adjective (« un logement
//!   neuf »), « seconde » as a unit of time, « Premier ministre ».
//!
//! Rules: `number.digits`, `number.words`, `number.range`,
//! `number.fraction`, `ordinal.digits`, `ordinal.words`. The table of
//! examples is `fixtures/numbers/*.toml`.

use rust_decimal::Decimal;

use super::{Context, Mention};
use crate::number::ordinal::{read_digit_ordinal, read_ordinal};
use crate::number::words::{Word, classify, may_start_number, read_spelled};
use crate::number::{Quantity, char_at, char_before, read_quantity, skip_hspace, skip_hspace_back, with_lowercase};
use crate::record::Kind;
use crate::text::chars::{alnum_end, is_alnum, is_alpha};

mod not_numbers;
use self::not_numbers::{is_code, is_date_or_time, month_after, phone_end};

/// The number and ordinal extractor (stateless: closed word lists live here
/// as `match` arms).
#[derive(Debug, Default, Clone, Copy)]
pub struct Numbers;

/// A number read at one place, before it becomes a mention.
#[derive(Debug, Clone)]
struct Read {
    start: usize,
    end: usize,
    value: Decimal,
    q: Option<Quantity>,
}

impl Numbers {
    /// Appends the numbers and ordinals of the article to `out` (in text order).
    pub fn extract(&self, cx: &Context<'_>, out: &mut Vec<Mention>) {
        // The spans other extractors found: a number inside one would lose
        // the overlap, so it is not read at all.
        let mut taken: Vec<(usize, usize)> = out.iter().map(|m| (m.start, m.end)).collect();
        taken.sort_unstable();
        self.scan_outside(cx.text, true, &taken, out);
    }

    /// Appends the numbers and ordinals of `text` to `out`, in text order;
    /// with `ranges` false, « entre 3 et 5 » gives two numbers rather than
    /// one range (what a rewrite wants).
    ///
    /// ```
    /// use depeche::extract::number::Numbers;
    /// let mut out = Vec::new();
    /// Numbers.scan("entre trois et cinq", false, &mut out);
    /// assert_eq!(out.len(), 2);
    /// ```
    pub fn scan(&self, text: &str, ranges: bool, out: &mut Vec<Mention>) {
        self.scan_outside(text, ranges, &[], out);
    }

    /// [`Numbers::scan`] outside the byte ranges `taken` (sorted by start).
    fn scan_outside(&self, text: &str, ranges: bool, taken: &[(usize, usize)], out: &mut Vec<Mention>) {
        let b = text.as_bytes();
        let mut i = 0;
        let mut k = 0;
        while i < b.len() {
            while k < taken.len() && taken[k].1 <= i {
                k += 1;
            }
            if k < taken.len() && taken[k].0 <= i {
                i = taken[k].1;
                continue;
            }
            let c = b[i];
            if c.is_ascii_digit() || (matches!(c, b',' | b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
                let prev = char_before(text, i);
                if prev.is_some_and(|p| is_alnum(p) || matches!(p, '_' | ',' | '.' | '/' | ':')) {
                    i = skip_token(text, i);
                    continue;
                }
                match digits_at(text, i, ranges) {
                    Ok(m) => {
                        i = m.end.max(i + 1);
                        out.push(m);
                    }
                    Err(Some(next)) => i = next.max(i + 1),
                    Err(None) => i = skip_token(text, i),
                }
                continue;
            }
            if (c.is_ascii_alphabetic() || c >= 0xC3) && text.is_char_boundary(i) {
                let e = word_end(text, i);
                if e == i {
                    i += text[i..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                if !may_start(&text[i..e]) {
                    i = e;
                    continue;
                }
                // « SIX Swiss Exchange », « UN »: capitals are names, not numbers.
                let caps = e - i > 1 && text[i..e].chars().all(char::is_uppercase);
                if caps || char_before(text, i).is_some_and(|p| is_alnum(p) || p == '-') {
                    i = e;
                    continue;
                }
                match words_at(text, i, ranges) {
                    Ok(m) => {
                        i = m.end.max(e);
                        out.push(m);
                    }
                    Err(Some(next)) => i = next.max(e),
                    Err(None) => i = e,
                }
                continue;
            }
            i += 1;
        }
    }
}

/// The end of the letters, digits and inner separators from byte `i`.
fn skip_token(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut e = alnum_end(text, i).max(i + 1);
    while e + 1 < b.len() && matches!(b[e], b',' | b'.' | b'/' | b':' | b'-') && b[e + 1].is_ascii_alphanumeric() {
        e = alnum_end(text, e + 1);
    }
    e.min(b.len())
}

fn word_end(text: &str, i: usize) -> usize {
    crate::number::scale::word_end(text, i)
}

/// Cheap test on a word of the text: can a number, an ordinal or a sign
/// word start here?
fn may_start(w: &str) -> bool {
    if may_start_number(w) {
        return true;
    }
    let first = w.as_bytes()[0].to_ascii_lowercase();
    if !matches!(first, b'b' | b'c' | b'd' | b'h' | b'm' | b'n' | b'o' | b'p' | b'q' | b's' | b't' | b'v') {
        return false;
    }
    // Ordinal words (« -ième », « -ieme », plural) and « premier », « second ».
    let b = w.as_bytes();
    let stem = if b.ends_with(b"s") { &b[..b.len() - 1] } else { b };
    stem.ends_with("ième".as_bytes())
        || stem.ends_with(b"ieme")
        || matches!(b.get(..4), Some(p) if p.eq_ignore_ascii_case(b"prem") || p.eq_ignore_ascii_case(b"seco"))
}

/// A number or ordinal written with digits at byte `s`; `Err(Some(end))`
/// for a span that is no number (a phone number, a date: skipped whole),
/// `Err(None)` when nothing is read.
fn digits_at(text: &str, s: usize, ranges: bool) -> Result<Mention, Option<usize>> {
    if let Some(end) = phone_end(text, s) {
        return Err(Some(end));
    }
    if let Some((end, rank)) = read_digit_ordinal(text, s) {
        if month_after(text, end).is_some() {
            return Err(Some(end));
        }
        let mut m = Mention::new(Kind::Ordinal, s, end, "ordinal.digits");
        m.value = Some(Decimal::from(rank));
        return Ok(m);
    }
    let n = read_digits_number(text, s).ok_or(None)?;
    let q = n.q.as_ref().ok_or(None)?;
    if q.plain_int && is_code(text, n.start, n.end, q) || is_date_or_time(text, n.start, n.end, q) {
        return Err(Some(n.end));
    }
    Ok(range_or_number(text, n, "number.digits", ranges))
}

/// Reads digits at `s` (or a leading decimal separator, « ,5 »), a scale
/// word or a bare abbreviation (« 100K », « 1,2M »), with the sign before.
fn read_digits_number(text: &str, s: usize) -> Option<Read> {
    let q = if text.as_bytes()[s].is_ascii_digit() {
        let q = read_quantity(text, s, true)?;
        if q.abbreviation && !bare_abbreviation_ok(text, &q) {
            let q = read_quantity(text, s, false)?;
            if q.glued {
                return None;
            }
            q
        } else if q.glued {
            return None;
        } else {
            q
        }
    } else {
        leading_decimal(text, s)?
    };
    let (start, negative) = sign_before(text, s);
    let value = if negative { -q.value } else { q.value };
    Some(Read { start, end: q.end, value, q: Some(q) })
}

/// « ,0012G », « ,5 »: a decimal without its integer part.
fn leading_decimal(text: &str, s: usize) -> Option<Quantity> {
    let b = text.as_bytes();
    let mut e = s + 1;
    while e < b.len() && b[e].is_ascii_digit() && e - s <= 9 {
        e += 1;
    }
    if e < b.len() && b[e].is_ascii_digit() {
        return None;
    }
    let frac = &text[s + 1..e];
    let value = Decimal::from_i128_with_scale(frac.parse::<i128>().ok()?, frac.len() as u32);
    // A bounded copy (a scale abbreviation follows within a few bytes).
    let mut cut = (s + 32).min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut q = read_quantity(&format!("0{}", &text[s..cut]), 0, true)?;
    if q.end == 1 + cut - s && cut < text.len() {
        return None;
    }
    q.start = s;
    q.end = q.end + s - 1;
    if q.glued || q.abbreviation && !bare_abbreviation_ok(text, &q) {
        return None;
    }
    if q.scale == 0 {
        q.value = value;
    }
    Some(q)
}

/// A scale abbreviation without a currency (« 100K », « 3M », « 1,2M »):
/// only k, K and M glued to the digits, and G after decimals; then no letter
/// or digit.
fn bare_abbreviation_ok(text: &str, q: &Quantity) -> bool {
    let digits_end = text[q.start..q.end].find(|c: char| c.is_alphabetic()).map_or(q.end, |k| q.start + k);
    let abbr = &text[digits_end..q.end];
    let followed = char_at(text, q.end).is_some_and(|c| is_alnum(c) || c == '_');
    let decimals = text[q.start..digits_end].contains([',', '.']);
    !followed && (matches!(abbr, "k" | "K" | "M") || abbr == "G" && decimals)
}

/// The sign before byte `s`: « -2,5 », « − 3 », « +1 », and « moins 3 »,
/// « plus vingt » unless « au moins », « non plus »... or after a number.
fn sign_before(text: &str, s: usize) -> (usize, bool) {
    let j = skip_hspace_back(text, s);
    if let Some(c) = char_before(text, j)
        && matches!(c, '+' | '-' | '−')
    {
        let k = j - c.len_utf8();
        let before = char_before(text, k);
        let opens = before.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '=' | ':' | '«' | '/'));
        // « - 1 200 » with a space only at the start of a line: elsewhere a
        // spaced dash is punctuation.
        let spaced_ok = j == s || before.is_none_or(|p| p == '\n');
        if opens && spaced_ok {
            return (k, c != '+');
        }
        return (s, false);
    }
    if j == s {
        return (s, false);
    }
    let ws = word_start_back(text, j);
    let w = &text[ws..j];
    let negative = match w {
        "moins" | "Moins" => true,
        "plus" | "Plus" => false,
        _ => return (s, false),
    };
    // « au moins trois », « non plus deux », « huit moins quatre ».
    let pe = skip_hspace_back(text, ws);
    let ps = word_start_back(text, pe);
    let prev = &text[ps..pe];
    let blocked = with_lowercase(prev, |p| {
        matches!(
            p,
            "au" | "non"
                | "de"
                | "ni"
                | "pas"
                | "le"
                | "la"
                | "les"
                | "du"
                | "des"
                | "en"
                | "un"
                | "une"
                | "peu"
                | "bien"
                | "beaucoup"
                | "encore"
                | "rien"
                | "jamais"
                | "guère"
                | "plus"
                | "moins"
                | "a"
                | "et"
                | "ou"
                | "sans"
                | "ne"
                | "même"
                | "toujours"
                | "deux"
                | "fois"
                | "d"
        ) || classify(p).is_some()
    }) || char_before(text, pe).is_some_and(|c| c.is_ascii_digit());
    if blocked { (s, false) } else { (ws, negative) }
}

/// The start of the word ending at byte `j`.
fn word_start_back(text: &str, mut j: usize) -> usize {
    while let Some(c) = char_before(text, j) {
        if !is_alpha(c) {
            break;
        }
        j -= c.len_utf8();
    }
    j
}

/// The word before byte `i` (spaces skipped), lowercased, and its start.
fn word_before(text: &str, i: usize) -> (String, usize) {
    let (w, s) = raw_word_before(text, i);
    (w.to_lowercase(), s)
}

/// The word before byte `i` (spaces skipped), as written, and its start.
fn raw_word_before(text: &str, i: usize) -> (&str, usize) {
    let e = skip_hspace_back(text, i);
    let s = word_start_back(text, e);
    (&text[s..e], s)
}

/// A range « entre X et Y » / « de X à Y » around the number `n`, or `n` alone.
fn range_or_number(text: &str, n: Read, rule: &'static str, ranges: bool) -> Mention {
    if ranges && let Some(m) = range_from(text, &n) {
        return m;
    }
    let mut m = Mention::new(Kind::Number, n.start, n.end, rule);
    m.value = Some(n.value);
    m.approx = n.q.as_ref().is_some_and(|q| q.approx);
    m
}

fn range_from(text: &str, n: &Read) -> Option<Mention> {
    let (w, ws) = raw_word_before(text, n.start);
    let conn = match w {
        "entre" | "Entre" => "et",
        "de" | "De" => "à",
        _ => return None,
    };
    if ws == n.start {
        return None;
    }
    let j = skip_hspace(text, n.end);
    let e = word_end(text, j);
    if j == n.end || &text[j..e] != conn {
        return None;
    }
    let k = skip_hspace(text, e);
    if k == e {
        return None;
    }
    let second = if text.as_bytes().get(k)?.is_ascii_digit() {
        let r = read_digits_number(text, k)?;
        let q = r.q.as_ref()?;
        if q.plain_int && is_code(text, r.start, r.end, q) || is_date_or_time(text, r.start, r.end, q) {
            return None;
        }
        r
    } else {
        let q = read_spelled(text, k)?;
        if q.article_only {
            return None;
        }
        Read { start: k, end: q.end, value: q.value, q: Some(q) }
    };
    let (q1, q2) = (n.q.as_ref()?, second.q.as_ref()?);
    let mut lo = n.value;
    if q1.scale == 0 && q2.scale > 0 && lo.abs() < Decimal::from(1000) {
        lo = crate::number::scale::apply(lo, q2.scale)?;
    }
    let hi = second.value;
    if lo >= hi {
        return None;
    }
    let mut m = Mention::new(Kind::Number, ws, second.end, "number.range");
    m.min = Some(lo);
    m.max = Some(hi);
    Some(m)
}

/// A number, ordinal or fraction written with words at byte `s`.
/// `Err(Some(end))` skips a run of number words that is no number.
fn words_at(text: &str, s: usize, ranges: bool) -> Result<Mention, Option<usize>> {
    words_at_inner(text, s, ranges).map_or(Err(None), |r| r)
}

/// The class of the last word of `text[s..e]`.
fn last_class(text: &str, s: usize, e: usize) -> Option<Word> {
    let w = word_start_back(text, e).max(s);
    with_lowercase(&text[w..e], classify)
}

/// The class of the word right after byte `e` (spaces only between), or
/// `Some(None)` for an ordinal word (« -ième »), and where its run of
/// number words ends (at most 64 words further: the scan resumes there).
fn next_class(text: &str, e: usize) -> Option<(Option<Word>, usize)> {
    let j = skip_hspace(text, e);
    if j == e {
        return None;
    }
    let we = word_end(text, j);
    let class = with_lowercase(&text[j..we], |lower| {
        if crate::number::ordinal::ordinal_word(lower).is_some() {
            Some(None)
        } else {
            classify(lower).filter(|c| !matches!(c, Word::Et | Word::Virgule)).map(Some)
        }
    })?;
    // The end of the run of number words from `j`.
    let mut k = we;
    for _ in 0..64 {
        let n = if text[k..].starts_with('-') { k + 1 } else { skip_hspace(text, k) };
        let ne = word_end(text, n);
        if n == k || ne == n || !with_lowercase(&text[n..ne], |w| classify(w).is_some()) {
            break;
        }
        k = ne;
    }
    Some((class, k))
}

/// Two numbers side by side that cannot be one and are not a list of
/// digits either (« mille mille », « soixante-quinze cent », « quarante
/// douze », « dix deux », « dix unième »): neither is read.
fn ill_formed_pair(last: Option<Word>, value: Decimal, next: Option<Word>) -> bool {
    // « quatre-vingt-dix un » is two numbers, « dix deux » none.
    let alone = value < Decimal::from(100);
    match (last, next) {
        (_, None) => true,
        (_, Some(Word::Cent | Word::Scale(_))) => true,
        (Some(Word::Teen(_)), Some(Word::Unit(_))) => value < Decimal::from(20),
        (Some(Word::Tens(_)), Some(Word::Teen(_))) => alone,
        _ => false,
    }
}

fn words_at_inner(text: &str, s: usize, ranges: bool) -> Option<Result<Mention, Option<usize>>> {
    if let Some(o) = read_ordinal(text, s) {
        if o.fraction {
            let mut m = Mention::new(Kind::Number, s, o.end, "number.fraction");
            m.value = Some(o.value);
            return Some(Ok(m));
        }
        if o.weak && !weak_ordinal_ok(text, s, o.end) {
            return None;
        }
        // « vingtième cinq »
        if !o.weak
            && let Some((Some(_), run_end)) = next_class(text, o.end)
            && read_ordinal(text, skip_hspace(text, o.end)).is_none()
        {
            return Some(Err(Some(run_end)));
        }
        let mut m = Mention::new(Kind::Ordinal, s, o.end, "ordinal.words");
        m.value = Some(o.value);
        return Some(Ok(m));
    }
    let mut q = read_spelled(text, s)?;
    // « vingt-un », « deux-roues »: a hyphenated word that is no number.
    if text[q.end..].starts_with('-') && char_at(text, q.end + 1).is_some_and(is_alpha) {
        return None;
    }
    // « virgule cinq » without the integer part.
    let (prev, _) = raw_word_before(text, s);
    if matches!(prev, "virgule" | "point") {
        return None;
    }
    let mut start = s;
    // « zéro huit », « zéro zéro cent vingt-cinq »: leading zeros.
    if q.value.is_zero() && q.end - s <= "zéro".len() {
        let mut k = q.end;
        // At most a few leading zeros: a longer run is no number.
        for _ in 0..8 {
            let j = skip_hspace(text, k);
            if j == k {
                break;
            }
            match read_spelled(text, j) {
                Some(next) if next.value.is_zero() && next.end - j <= "zéro".len() => k = next.end,
                Some(next) => {
                    q = Quantity { start: s, ..next };
                    break;
                }
                None => break,
            }
        }
    }
    if q.article_only && !article_is_number(text, s, q.end) {
        return None;
    }
    if matches!(&text[s..q.end], "neuf" | "Neuf") && !neuf_is_number(text, s, q.end) {
        return None;
    }
    let (sign_start, negative) = sign_before(text, s);
    if sign_start < s {
        start = sign_start;
    }
    if let Some((next, run_end)) = next_class(text, q.end)
        && ill_formed_pair(last_class(text, s, q.end), q.value, next)
    {
        return Some(Err(Some(run_end)));
    }
    let value = if negative { -q.value } else { q.value };
    let n = Read { start, end: q.end, value, q: Some(q) };
    Some(Ok(range_or_number(text, n, "number.words", ranges)))
}

/// « un » / « une » stands for 1 only in a list of numbers (« un, deux,
/// trois », « un sept neuf »), or alone as the whole text.
fn article_is_number(text: &str, s: usize, e: usize) -> bool {
    if text.trim() == &text[s..e] || after_number_word(text, s) {
        return true;
    }
    let mut j = skip_hspace(text, e);
    if text[j..].starts_with(',') {
        j = skip_hspace(text, j + 1);
    }
    if j == e {
        return false;
    }
    let we = word_end(text, j);
    with_lowercase(&text[j..we], |w| matches!(classify(w), Some(Word::Unit(_) | Word::Teen(_) | Word::Tens(_))))
        && !with_lowercase(&text[j..we], |w| matches!(w, "un" | "une"))
}

/// Whether the word before byte `s` (spaces between) is a number word
/// other than « et » (« quatre-vingt-dix un », « un sept neuf neuf »).
fn after_number_word(text: &str, s: usize) -> bool {
    let pe = skip_hspace_back(text, s);
    if pe == s {
        return false;
    }
    let ps = word_start_back(text, pe);
    ps < pe && with_lowercase(&text[ps..pe], |w| classify(w).is_some_and(|c| !matches!(c, Word::Et | Word::Virgule)))
}

/// « neuf » is 9 after a determiner or « numéro », before another number
/// word or a month, or alone; otherwise the adjective (« un logement neuf »).
fn neuf_is_number(text: &str, s: usize, e: usize) -> bool {
    if text.trim() == &text[s..e] || month_after(text, e).is_some() {
        return true;
    }
    let j = skip_hspace(text, e);
    let we = word_end(text, j);
    if j > e && with_lowercase(&text[j..we], |w| classify(w).is_some_and(|c| c != Word::Et)) {
        return true;
    }
    if after_number_word(text, s) {
        return true;
    }
    let (w, ws) = word_before(text, s);
    if ws == s {
        return s == 0 || char_before(text, s).is_some_and(|c| matches!(c, ',' | ':' | '(' | '\n'));
    }
    matches!(
        w.as_str(),
        "le" | "les" | "numéro" | "n" | "de" | "à" | "sur" | "par" | "et" | "ou" | "des" | "dès" | "dans"
    )
}

/// « premier », « seconde »... are ranks except in « Premier ministre »,
/// « une seconde », « cinq cent premiers », « première seconde ».
fn weak_ordinal_ok(text: &str, s: usize, e: usize) -> bool {
    let lower = text[s..e].to_lowercase();
    let j = skip_hspace(text, e);
    let next = text[j..word_end(text, j)].to_lowercase();
    let (prev, _) = word_before(text, s);
    if matches!(next.as_str(), "ministre" | "secrétaire" | "league" | "premier" | "première" | "second" | "seconde") {
        return false;
    }
    if matches!(prev.as_str(), "premier" | "première" | "second" | "seconde") {
        return false;
    }
    if classify(&prev).is_some_and(|c| c != Word::Et)
        || char_before(text, skip_hspace_back(text, s)).is_some_and(|c| c.is_ascii_digit())
    {
        return false;
    }
    if lower.starts_with("second")
        && matches!(
            prev.as_str(),
            "une"
                | "quelques"
                | "chaque"
                | "par"
                | "cette"
                | "dernière"
                | "dernières"
                | "des"
                | "aux"
                | "en"
                | "la"
                | "les"
        )
    {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Settings;

    fn run(text: &str) -> Vec<String> {
        let sentences = crate::text::split_sentences(text);
        let settings = Settings::default();
        let cx = Context::new(text, &sentences, &settings);
        let mut out = Vec::new();
        Numbers.extract(&cx, &mut out);
        out.iter()
            .map(|m| {
                let v = match (&m.value, &m.min, &m.max) {
                    (Some(v), _, _) => super::super::format_decimal(*v),
                    (None, Some(a), Some(b)) => {
                        format!("{}..{}", super::super::format_decimal(*a), super::super::format_decimal(*b))
                    }
                    _ => String::new(),
                };
                format!("{}:{}={}", m.kind.as_str(), &text[m.start..m.end], v)
            })
            .collect()
    }

    #[test]
    fn positives() {
        assert_eq!(run("trois cents salariés"), ["number:trois cents=300"]);
        assert_eq!(run("il fait -2,5 degrés"), ["number:-2,5=-2.5"]);
        assert_eq!(run("entre 3 et 5 jours"), ["number:entre 3 et 5=3..5"]);
        assert_eq!(run("le 1er trimestre et la 2e place"), ["ordinal:1er=1", "ordinal:2e=2"]);
        assert_eq!(run("la vingt-et-unième édition"), ["ordinal:vingt-et-unième=21"]);
    }

    #[test]
    fn negatives() {
        for s in [
            "un logement neuf",
            "le CAC 40 recule",
            "le 14 juillet 2025",
            "Appelez le 01 23 45 67 89.",
            "l'A320",
            "75008 Paris",
            "une seconde plus tard",
            "le Premier ministre",
            "à 14 h 30",
        ] {
            assert!(run(s).is_empty(), "{s}: {:?}", run(s));
        }
    }
}
