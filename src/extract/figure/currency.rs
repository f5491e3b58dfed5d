//! Currencies: the lookup of the table (`currencies.tsv`, loaded with the
//! lexicons) before and after a number, minor units, and the keys forms are
//! compared by.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::unit::word_after;
pub use crate::lexicon::{Class, Currency};
use crate::number::{char_at, char_before, is_hspace, read_quantity, skip_hspace, skip_hspace_back};
use crate::text::chars::{is_alnum, is_alpha};

/// The currency lexicon indexed for lookups in the text, built once.
#[derive(Debug)]
pub(super) struct Currencies {
    forms: FxHashMap<String, Currency>,
    /// The first token of every form, to reject most words at once, with
    /// the most tokens of a form starting with it: only that many tokens
    /// are read and looked up after it.
    first_tokens: FxHashMap<String, usize>,
    /// For each byte, bit `n` set when a first token starting with that
    /// byte is `n` bytes long (for ASCII tokens, rejected without hashing).
    first_token_lengths: [u64; 256],
}

impl Currencies {
    /// Indexes the forms of a currency table.
    pub(super) fn new(forms: FxHashMap<String, Currency>) -> Self {
        let mut first_tokens: FxHashMap<String, usize> = FxHashMap::default();
        for form in forms.keys() {
            let toks = cur_tokens(form, 0, MAX_CUR_TOKENS);
            if let Some(&(s, e)) = toks.first() {
                let n = first_tokens.entry(normalize_key(&form[s..e])).or_default();
                *n = (*n).max(toks.len());
            }
        }
        let mut first_token_lengths = [0u64; 256];
        for t in first_tokens.keys() {
            first_token_lengths[usize::from(t.as_bytes()[0])] |= 1u64.checked_shl(t.len() as u32).unwrap_or(0);
        }
        Currencies { forms, first_tokens, first_token_lengths }
    }

    /// A currency symbol or code just before byte `i` (spaces allowed):
    /// its start and the currency.
    pub(super) fn prefix_currency(&self, text: &str, i: usize) -> Option<(usize, Currency)> {
        let j = skip_hspace_back(text, i);
        if j == 0 {
            return None;
        }
        // Currency words before a number are codes or symbols (« USD »,
        // « CHF », « US$ », « Fr. »), never a lowercase word: « de 100 ».
        let last = char_before(text, j)?;
        if last.is_lowercase() || last.is_ascii_digit() {
            return None;
        }
        // Up to three tokens back.
        let mut starts = [0; 3];
        let mut n_starts = 0;
        let mut k = j;
        for _ in 0..3 {
            let back = skip_hspace_back(text, k);
            if back == 0 || (back != k && n_starts == 0) {
                if n_starts == 0 && back != k {
                    return None;
                }
                if back == 0 {
                    break;
                }
            }
            let c = char_before(text, back)?;
            let ts = if is_alpha(c) {
                let mut s = back;
                while let Some(p) = char_before(text, s) {
                    if !is_alpha(p) {
                        break;
                    }
                    s -= p.len_utf8();
                }
                s
            } else if c.is_ascii_digit() || c.is_whitespace() || matches!(c, '(' | ',' | ';' | ':' | '«' | '"') {
                break;
            } else {
                back - c.len_utf8()
            };
            starts[n_starts] = ts;
            n_starts += 1;
            k = ts;
        }
        for &ts in starts[..n_starts].iter().rev() {
            if let Some(cur) = with_key(&text[ts..j], |key| self.forms.get(key).copied())
                && matches!(cur.class, Class::Symbol | Class::Code)
                && (cur.class != Class::Code || text[ts..j].chars().all(|c| c.is_ascii_uppercase()))
            {
                // A word prefix must start at a word boundary.
                if char_before(text, ts).is_some_and(is_alnum) {
                    continue;
                }
                return Some((ts, cur));
            }
        }
        None
    }

    /// The longest currency form at byte `j`: its end, the currency, and
    /// whether its first token is a word glued to the number.
    pub(super) fn currency_at(
        &self,
        text: &str,
        j: usize,
        ok: impl Fn(&Currency) -> bool,
    ) -> Option<(usize, Currency, bool)> {
        // Most words are no currency: their first token alone says so.
        let &(s0, e0) = cur_tokens(text, j, 1).first()?;
        let tok = &text[s0..e0];
        // An ASCII token keeps its length lowercased: most are rejected by
        // their first byte and length alone.
        if tok.is_ascii()
            && (tok.len() >= 64
                || self.first_token_lengths[usize::from(tok.as_bytes()[0].to_ascii_lowercase())] & (1 << tok.len())
                    == 0)
        {
            return None;
        }
        let max_tokens = with_key(tok, |tok| self.first_tokens.get(tok).copied())?;
        // No form has more tokens than the longest starting with this one.
        let toks = cur_tokens(text, j, max_tokens);
        for n in (1..=toks.len()).rev() {
            let end = toks[n - 1].1;
            let raw = &text[j..end];
            // Tokens hold no space: the key of the first `n` is that of
            // their text, built on the stack.
            if let Some(cur) = with_key(raw, |key| self.forms.get(key))
                && ok(cur)
            {
                if cur.class == Class::Code && !raw.chars().all(|c| c.is_ascii_uppercase()) {
                    continue;
                }
                // « 50 Cent » is a name, not fifty cents.
                if cur.class == Class::Minor && raw.starts_with(char::is_uppercase) {
                    continue;
                }
                let first_word = text[j..].chars().next().is_some_and(is_alpha);
                return Some((end, *cur, first_word));
            }
        }
        None
    }

    /// Minor units after a major amount ending at byte `i`:
    /// « et 23 centimes », « 23 cents », « €50 » glued, « roubles trente ».
    pub(super) fn minor_after(&self, text: &str, i: usize) -> Option<(Decimal, usize)> {
        // « 5€50 »
        let b = text.as_bytes();
        if i + 2 <= b.len()
            && b[i].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && !b.get(i + 2).is_some_and(|c| c.is_ascii_alphanumeric())
            && text[..i].ends_with(['€', '$', '£'])
        {
            let v = Decimal::from((b[i] - b'0') as i64 * 10 + (b[i + 1] - b'0') as i64) / Decimal::from(100);
            return Some((v, i + 2));
        }
        let mut j = skip_hspace(text, i);
        if j == i {
            return None;
        }
        let mut had_et = false;
        if let Some(e) = word_after(text, i, "et") {
            had_et = true;
            j = skip_hspace(text, e);
        }
        let q = read_quantity(text, j, false)?;
        if q.value >= Decimal::from(100) || q.value.fract() != Decimal::ZERO || q.scale > 0 || q.glued {
            return None;
        }
        let k = skip_hspace(text, q.end);
        if k > q.end
            && let Some((e, cur, _)) = self.currency_at(text, k, |c| c.class == Class::Minor)
        {
            let _ = cur;
            return Some((q.value / Decimal::from(100), e));
        }
        // « cinq roubles trente »: a bare number closing the phrase.
        if !had_et && q.spelled {
            let next = text[q.end..].chars().next();
            if next.is_none_or(|c| matches!(c, '.' | ',' | ';' | ')' | '!' | '?' | '\n')) {
                return Some((q.value / Decimal::from(100), q.end));
            }
        }
        None
    }
}

/// Tokens for currency lookup from byte `j`: runs of letters (with inner
/// hyphens) or single symbols, separated by horizontal spaces.
pub(super) fn cur_tokens(text: &str, mut j: usize, max: usize) -> Toks {
    let mut out = Toks { spans: [(0, 0); MAX_CUR_TOKENS], len: 0 };
    let max = max.min(MAX_CUR_TOKENS);
    while out.len < max {
        let Some(c) = char_at(text, j) else { break };
        let start = j;
        if is_alpha(c) {
            // Letters, and hyphens between letters.
            let mut k = j;
            loop {
                match char_at(text, k) {
                    Some(ch) if is_alpha(ch) => k += ch.len_utf8(),
                    Some('-') if char_at(text, k + 1).is_some_and(is_alpha) => k += 1,
                    _ => break,
                }
            }
            j = k;
        } else if c.is_ascii_digit() || c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':' | '«' | '»' | '"')
        {
            break;
        } else {
            j += c.len_utf8();
        }
        out.spans[out.len] = (start, j);
        out.len += 1;
        if out.len == max {
            break;
        }
        let k = skip_hspace(text, j);
        // Tokens may be separated by spaces; a symbol may be glued.
        j = k;
    }
    out
}

/// Most tokens [`cur_tokens`] reads (the longest currency form has fewer).
pub(super) const MAX_CUR_TOKENS: usize = 5;

/// Up to [`MAX_CUR_TOKENS`] token spans, without allocating.
pub(super) struct Toks {
    pub(super) spans: [(usize, usize); MAX_CUR_TOKENS],
    pub(super) len: usize,
}

impl std::ops::Deref for Toks {
    type Target = [(usize, usize)];
    fn deref(&self) -> &[(usize, usize)] {
        &self.spans[..self.len]
    }
}

/// Normalizes a currency form: lowercase, ’ → ', runs of horizontal spaces
/// → one space.
pub(super) fn normalize_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_key_into(s, &mut out);
    out
}

/// [`normalize_key`] into `out` (appended).
pub(super) fn normalize_key_into(s: &str, out: &mut impl Extend<char>) {
    let mut space = false;
    let mut empty = true;
    for c in s.chars() {
        if is_hspace(c) {
            space = true;
            continue;
        }
        if space && !empty {
            out.extend(Some(' '));
        }
        space = false;
        empty = false;
        match c {
            '’' => out.extend(Some('\'')),
            c if c.is_ascii() => out.extend(Some(c.to_ascii_lowercase())),
            c => match crate::number::simple_lowercase(c) {
                Some(l) => out.extend(Some(l)),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
}

/// Calls `f` with [`normalize_key`] of `s`, built on the stack when it is
/// short (every currency form is): lookups in the hot paths do not allocate.
pub(super) fn with_key<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = s.as_bytes();
    // Already a key: lowercase ASCII, single spaces inside only.
    if s.is_ascii()
        && !b.iter().any(|&c| c.is_ascii_uppercase() || c == b'\t')
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
    {
        return f(s);
    }
    let mut buf = KeyBuf { bytes: [0; KeyBuf::CAP], len: 0, overflow: false };
    if s.len() <= KeyBuf::CAP && s.is_ascii() {
        // ASCII: bytes lowercased, runs of spaces and tabs as one space
        // (none first nor last), as `normalize_key_into` does.
        let mut space = false;
        for &c in s.as_bytes() {
            if c == b' ' || c == b'\t' {
                space = true;
                continue;
            }
            if space && buf.len > 0 {
                buf.bytes[buf.len] = b' ';
                buf.len += 1;
            }
            space = false;
            buf.bytes[buf.len] = c.to_ascii_lowercase();
            buf.len += 1;
        }
    } else {
        normalize_key_into(s, &mut buf);
    }
    match std::str::from_utf8(&buf.bytes[..buf.len]) {
        Ok(key) if !buf.overflow => f(key),
        _ => f(&normalize_key(s)),
    }
}

/// A fixed buffer of UTF-8 text for [`with_key`]; `overflow` when a
/// character did not fit.
pub(super) struct KeyBuf {
    pub(super) bytes: [u8; KeyBuf::CAP],
    pub(super) len: usize,
    pub(super) overflow: bool,
}

impl KeyBuf {
    pub(super) const CAP: usize = 48;
}

impl Extend<char> for KeyBuf {
    fn extend<I: IntoIterator<Item = char>>(&mut self, chars: I) {
        for c in chars {
            let n = c.len_utf8();
            if self.overflow || self.len + n > Self::CAP {
                self.overflow = true;
                return;
            }
            c.encode_utf8(&mut self.bytes[self.len..self.len + n]);
            self.len += n;
        }
    }
}
