//! The names tokenizer: one pass over the text into light tokens (words,
//! elided determiners such as « l’ », initials such as « J.-P. »,
//! punctuation), with where sentences start.

use crate::text::chars::{is_alnum, is_alpha};

/// A light token: a byte range and what it looks like.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    /// Letters or digits (possibly with inner hyphens).
    pub word: bool,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Every letter upper-case, at least two letters (« AWS », « SNCF »).
    pub upper: bool,
    /// An elided determiner or preposition with its apostrophe (« l’ », « d’ »).
    pub elision: bool,
    /// An initial (« J. », « J.-P. »).
    pub initial: bool,
    /// First word of a sentence, a line, or after « : », « « », a dash.
    pub at_start: bool,
    /// Inside a mention found by an earlier extractor (money, percent).
    pub taken: bool,
    /// A line break stands between the previous token and this one.
    pub line_before: bool,
}

/// True for « al-Assad », « el-Sissi », « ad-Dawla »: a lowercase Arabic
/// article, a hyphen, then a capital.
pub(super) fn article_prefixed(w: &str) -> bool {
    // Every article is two or three letters long: most words are rejected here.
    let b = w.as_bytes();
    if b.get(2) != Some(&b'-') && b.get(3) != Some(&b'-') {
        return false;
    }
    const ARTICLES: &[&str] = &["al-", "el-", "ad-", "ed-", "ach-", "ash-", "as-", "ar-", "at-", "az-", "an-"];
    ARTICLES.iter().any(|p| w.strip_prefix(p).and_then(|r| r.chars().next()).is_some_and(char::is_uppercase))
}

pub(super) const ELIDED: &[&str] =
    &["l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"];

pub(super) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// [`ASCII_CLASS`] bits: a letter or digit, a letter, a lowercase letter.
pub(super) const ALNUM: u8 = 1;
pub(super) const ALPHA: u8 = 2;
pub(super) const LOWER: u8 = 4;

/// The class of each byte for the tokenizer's inner loop: 0 for all but
/// ASCII letters and digits.
pub(super) const ASCII_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_lowercase() {
            ALNUM | ALPHA | LOWER
        } else if c.is_ascii_uppercase() {
            ALNUM | ALPHA
        } else if c.is_ascii_digit() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    class
};

/// The character at byte `i` of `text` (a char boundary), a space past the end.
fn char_at(text: &str, i: usize) -> char {
    crate::text::chars::char_at(text, i).unwrap_or(' ')
}

/// Splits `text` into light tokens in one pass.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    let mut i = 0;
    let mut start_next = true;
    let mut line_next = false;
    while i < b.len() {
        // The space between words.
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        let cl = c.len_utf8();
        // An ASCII letter or digit, the most frequent start: a word.
        let ascii_word = ASCII_CLASS[usize::from(b[i])] != 0;
        // Common punctuation outside ASCII, neither blank nor a letter: no
        // Unicode table to ask.
        if !c.is_ascii() && matches!(c, '«' | '»' | '’' | '“' | '”' | '–' | '—' | '…' | '•') {
            toks.push(Tok { start: i, end: i + cl, at_start: start_next, line_before: line_next, ..Tok::default() });
            start_next = c != '»' && c != '’' && c != '”';
            line_next = false;
            i += cl;
            continue;
        }
        if !ascii_word && c.is_whitespace() {
            if c == '\n' || c == '\r' {
                start_next = true;
            }
            line_next |= c == '\n';
            i += cl;
            continue;
        }
        if ascii_word || is_alnum(c) {
            let tok = word_at(text, i, c, start_next, line_next);
            toks.push(tok);
            start_next = false;
            line_next = false;
            i = tok.end;
            continue;
        }
        toks.push(Tok { start: i, end: i + cl, at_start: start_next, line_before: line_next, ..Tok::default() });
        line_next = false;
        start_next = matches!(c, '.' | '!' | '?' | '…' | ':' | '«' | '"' | '“' | '—' | '–' | '•' | ';' | '(' | '[');
        i += cl;
    }
    toks
}

/// The word token starting at byte `i` with the letter or digit `c`: an
/// elided determiner, an initial, or a word (with inner hyphens, « O'Neill »).
fn word_at(text: &str, i: usize, c: char, start_next: bool, line_next: bool) -> Tok {
    let b = text.as_bytes();
    let cl = c.len_utf8();
    let s = i;
    let mut j = i + cl;
    let mut letters = usize::from(is_alpha(c));
    let mut all_upper = c.is_uppercase();
    let mut elision = false;
    // Only a word opening with a capital may be in capitals or an
    // initial: the letters of the others need not be counted
    // (`letters` is exact only when `counted`).
    let counted = all_upper;
    while j < b.len() {
        if !counted {
            while b.get(j).is_some_and(|&x| ASCII_CLASS[usize::from(x)] != 0) {
                j += 1;
            }
            if j == b.len() {
                break;
            }
        }
        // ASCII letters and digits, the bulk of words.
        let class = ASCII_CLASS[usize::from(b[j])];
        if class != 0 {
            letters += usize::from(class & ALPHA != 0);
            all_upper &= class & LOWER == 0;
            j += 1;
            continue;
        }
        let d = char_at(text, j);
        if is_alnum(d) {
            letters += usize::from(is_alpha(d));
            if d.is_lowercase() {
                all_upper = false;
            }
            j += d.len_utf8();
            continue;
        }
        // The character after `d`, decoded only after a hyphen or an apostrophe.
        let next = || text[j + d.len_utf8()..].chars().next();
        if d == '-' && next().is_some_and(is_alnum) {
            j += 1;
            continue;
        }
        if is_apostrophe(d) {
            let w = &text[s..j];
            if ELIDED.iter().any(|e| w.eq_ignore_ascii_case(e)) {
                j += d.len_utf8();
                elision = true;
            } else if j - s == 1 && c.is_uppercase() && next().is_some_and(char::is_uppercase) {
                // O'Neill, D'Alembert
                j += d.len_utf8();
                continue;
            }
        }
        break;
    }
    // « al-Assad », « el-Sissi »: a lowercase article glued to a
    // capitalized word is part of a name.
    let cap = c.is_uppercase() || !elision && article_prefixed(&text[s..j]);
    let mut tok = Tok {
        start: s,
        end: j,
        word: !elision,
        cap: cap && !elision,
        upper: !elision && all_upper && letters >= 2,
        elision,
        at_start: start_next,
        line_before: line_next,
        ..Tok::default()
    };
    // Initials: « J. », « J.-P. », « Ch. » (a word opening with a
    // lowercase article, « al-A. », holds three letters at least).
    if !elision
        && counted
        && cap
        && letters <= 2
        && text[j..].starts_with('.')
        && (j - s == cl || letters == 2 && !all_upper)
    {
        let mut k = j + 1;
        loop {
            let rest = &text[k..];
            let mut it = rest.chars();
            if it.next() == Some('-')
                && let Some(u) = it.next()
                && u.is_uppercase()
                && it.next() == Some('.')
            {
                k += 1 + u.len_utf8() + 1;
                continue;
            }
            break;
        }
        tok.end = k;
        tok.initial = true;
        tok.upper = false;
    }
    tok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_elisions_initials_hyphens() {
        let text = "l’ONU et J.-P. Dupont, d'Alphabet ; Jean-Yves O'Neill.";
        let toks = tokenize(text);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            ["l’", "ONU", "et", "J.-P.", "Dupont", ",", "d'", "Alphabet", ";", "Jean-Yves", "O'Neill", "."]
        );
        assert!(toks[1].upper && toks[0].elision && toks[3].initial && toks[0].at_start && !toks[1].at_start);
    }
}
