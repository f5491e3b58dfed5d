//! French sentence splitting.
//!
//! The splitter is a byte-level scan: `memchr` finds the candidate bytes
//! (`.`, `!`, `?`, line breaks, and the lead byte `0xE2` of « … », U+2028 and
//! U+2029); every other byte is skipped without decoding. At a candidate the
//! scanner decides whether a sentence ends there, then the text between two
//! cuts is trimmed of white space; stretches holding only white space are
//! dropped. Every non-space character therefore belongs to exactly one
//! sentence, whatever the input.
//!
//! ## Rules
//!
//! A run of terminators (`.`, `!`, `?`, `…`, possibly mixed: « ?! », « ... »),
//! followed by closing marks (« » », `”`, `)`, `]`, `"`/`'`/`’` right
//! after the terminator, and a dash that ends the line as in a dateline
//! « 24 janvier 2016. – »), ends a sentence **after the closing marks** when:
//!
//! * white space follows (a terminator glued to the next character never
//!   cuts: « 12.50 », « J.-P. », « U.S.A. », `lemonde.fr`, `a@b.fr`, URLs);
//! * the next character is neither a lowercase letter (« ... et puis »,
//!   « « Viens ! » a-t-il dit ») nor a continuing punctuation mark
//!   (`,` `;` `:` `)` `]` `»` `%`...);
//! * for a single `.`, the word before it is not an abbreviation:
//!   * titles and initials never end a sentence before a capital or a digit:
//!     « M. Dupont », « MM. Dupont et Durand », « Dr. », « Mgr. », « J. Dupont »,
//!     « U.S.A. » (a single capital letter before the point is an initial),
//!     except, for an initial, before a word that starts sentences but never
//!     follows an initial in a name (« le plan B. Il a... », « Il », « Elle »,
//!     « Mais », « Selon »...; not « Le », « La », « De »: « J.-M. Le Pen »);
//!   * « av. », « apr. », « cf. », « env. », « ex. » likewise;
//!   * abbreviations followed by a number do not end a sentence before a
//!     digit: « p. 12 », « art. 4 », « n. », « vol. », « chap. », « fig. »,
//!     months « janv. 2020 »;
//!   * « J.-C. » after « av. » or « apr. » is an era, not initials: it ends a
//!     sentence before a capital (« en 52 av. J.-C. La ville... »);
//!   * **« etc. »** ends a sentence only when the next word starts like a
//!     sentence (a capital letter, an opening guillemet or quote, a dash or a
//!     parenthesis); before a digit, a lowercase word or a comma it does not.
//!     French never capitalizes the word after a mid-sentence « etc. », so a
//!     capital is the reliable sign that a new sentence began.
//!
//! Line breaks:
//!
//! * a paragraph break (a line break followed by an empty or blank line, or
//!   U+2029) always ends a sentence; `\r\n`, `\r` and U+2028 are line breaks;
//! * a single line break ends a sentence when the line has no final
//!   punctuation (a headline, a dateline) unless the next line starts with a
//!   lowercase letter (a hard-wrapped paragraph) or the line ends with `,`,
//!   `;`, `:`, an opening mark or a hyphen. Lines ending with a terminator
//!   are left to the terminator rules above (« M.\nDupont » stays whole).

use std::ops::Range;

use memchr::memchr3;

/// Splits `text` into sentence byte ranges, trimmed of surrounding white
/// space, in order and non-overlapping (see the module docs for the rules).
///
/// ```
/// use depeche::text::split_sentences;
/// let text = "M. Dupont arrive. Il a payé 12.50 €… puis il part !";
/// let s: Vec<&str> = split_sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(s, ["M. Dupont arrive.", "Il a payé 12.50 €… puis il part !"]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut out = Vec::with_capacity(len / 120 + 1);
    let mut seg_start = 0;
    let mut pos = 0;
    let mut next_term: Option<usize> = None;
    let mut next_line: Option<usize> = None;
    let mut term_done = false;
    let mut line_done = false;
    loop {
        if !term_done && next_term.is_none_or(|p| p < pos) {
            next_term = memchr3(b'.', b'!', b'?', &bytes[pos..]).map(|p| p + pos);
            term_done = next_term.is_none();
        }
        if !line_done && next_line.is_none_or(|p| p < pos) {
            next_line = memchr3(b'\n', b'\r', 0xE2, &bytes[pos..]).map(|p| p + pos);
            line_done = next_line.is_none();
        }
        let i = match (next_term, next_line) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => break,
        };
        match bytes[i] {
            b'.' | b'!' | b'?' => {
                let (end, cut) = terminator(text, i);
                if cut {
                    push(text, &mut out, seg_start, end);
                    seg_start = end;
                }
                pos = end;
            }
            b'\n' => {
                if line_break_cuts(text, i, i + 1) {
                    push(text, &mut out, seg_start, i);
                    seg_start = i;
                }
                pos = i + 1;
            }
            b'\r' => {
                // `\r\n` is handled at the `\n`.
                if bytes.get(i + 1) != Some(&b'\n') && line_break_cuts(text, i, i + 1) {
                    push(text, &mut out, seg_start, i);
                    seg_start = i;
                }
                pos = i + 1;
            }
            _ => {
                // 0xE2: a three-byte character U+2000..U+2FFF.
                match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(0x80), Some(0xA6)) => {
                        let (end, cut) = terminator(text, i);
                        if cut {
                            push(text, &mut out, seg_start, end);
                            seg_start = end;
                        }
                        pos = end;
                    }
                    (Some(0x80), Some(0xA9)) => {
                        // U+2029 PARAGRAPH SEPARATOR.
                        push(text, &mut out, seg_start, i);
                        seg_start = i;
                        pos = i + 3;
                    }
                    (Some(0x80), Some(0xA8)) => {
                        // U+2028 LINE SEPARATOR.
                        if line_break_cuts(text, i, i + 3) {
                            push(text, &mut out, seg_start, i);
                            seg_start = i;
                        }
                        pos = i + 3;
                    }
                    _ => pos = i + 1,
                }
            }
        }
    }
    push(text, &mut out, seg_start, len);
    out
}

/// Pushes `start..end` trimmed, unless it holds only white space.
fn push(text: &str, out: &mut Vec<Range<usize>>, start: usize, end: usize) {
    let seg = &text[start..end];
    let trimmed_start = seg.trim_start();
    if trimmed_start.is_empty() {
        return;
    }
    let s = start + (seg.len() - trimmed_start.len());
    let e = s + trimmed_start.trim_end().len();
    out.push(s..e);
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_horizontal_space(c: char) -> bool {
    c.is_whitespace() && !is_line_break(c)
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}')
}

/// Characters that continue a sentence after a terminator and white space.
fn continues(c: char) -> bool {
    c.is_lowercase()
        || matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '»' | '”' | '›' | '.' | '!' | '?' | '…' | '%' | '‰' | '/')
}

/// Characters that start a sentence (used by the cautious « etc. » rule).
fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || matches!(c, '«' | '“' | '"' | '‘' | '(' | '[' | '-' | '–' | '—' | '¿' | '¡' | '‹')
}

/// Abbreviations that never end a sentence before a capital or a digit
/// (titles and a few prepositions), compared case-sensitively.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Drs", "Pr", "Me", "Mes", "Mgr", "St", "Ste", "Sts", "Stes",
    "Gén", "Gal", "Col", "Cdt", "Cne", "Lt", "Sgt", "Prof", "Vve", "av", "apr", "cf", "Cf", "env", "ex", "Ex", "resp",
    "vs",
];

/// Abbreviations that do not end a sentence before a number.
const NUMBER_ABBREVIATIONS: &[&str] = &[
    "p", "pp", "n", "no", "nos", "art", "Art", "arts", "vol", "Vol", "chap", "ch", "fig", "tab", "al", "t", "éd",
    "ann", "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc",
];

/// Capitalized words that begin sentences but never follow an initial in a
/// name (the particles « Le », « La », « De », « Du » are left out: « J.-M. Le Pen »).
const SENTENCE_STARTERS: &[&str] = &[
    "Ainsi",
    "Alors",
    "Après",
    "Au",
    "Aux",
    "Avant",
    "Avec",
    "Ce",
    "Cela",
    "Cependant",
    "Ces",
    "Cet",
    "Cette",
    "Dans",
    "Depuis",
    "Elle",
    "Elles",
    "En",
    "Enfin",
    "Et",
    "Il",
    "Ils",
    "Je",
    "Les",
    "Leur",
    "Leurs",
    "Lors",
    "Mais",
    "Nous",
    "On",
    "Par",
    "Pour",
    "Pourtant",
    "Puis",
    "Sa",
    "Sans",
    "Selon",
    "Ses",
    "Si",
    "Son",
    "Sur",
    "Toutefois",
    "Un",
    "Une",
    "Vous",
];

/// Whether the first word after the point at the start of `rest` is one of
/// [`SENTENCE_STARTERS`].
fn starts_with_function_word(rest: &str) -> bool {
    let rest = rest[1..].trim_start();
    let end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    SENTENCE_STARTERS.contains(&&rest[..end])
}

/// Decides whether the terminator run starting at byte `i` ends a sentence;
/// returns the byte after the run and its closing marks, and the decision.
fn terminator(text: &str, i: usize) -> (usize, bool) {
    let len = text.len();
    let mut j = i;
    let mut dots = 0usize;
    let mut other = false;
    for c in text[i..].chars() {
        match c {
            '.' => dots += 1,
            '!' | '?' | '…' => other = true,
            _ => break,
        }
        j += c.len_utf8();
    }
    let term_end = j;
    let end = skip_closers(text, term_end);
    // The next non-space character, and whether white space came before it.
    let rest = &text[end..];
    let trimmed = rest.trim_start();
    if trimmed.is_empty() {
        return (len, true);
    }
    let saw_space = trimmed.len() != rest.len();
    if !saw_space && end == term_end {
        return (end, false);
    }
    let next = trimmed.chars().next().unwrap_or(' ');
    if continues(next) {
        return (end, false);
    }
    if dots == 1 && !other && !single_dot_cuts(text, i, next) {
        return (end, false);
    }
    (end, true)
}

/// Skips closing marks (with horizontal spaces before « » » and `”`).
fn skip_closers(text: &str, mut j: usize) -> usize {
    let start = j;
    loop {
        let rest = &text[j..];
        let after_space = rest.trim_start_matches(is_horizontal_space);
        let spaced = after_space.len() != rest.len();
        let Some(c) = after_space.chars().next() else { return j };
        let at = j + (rest.len() - after_space.len());
        let take = match c {
            '»' | '”' | '›' => true,
            // A dateline's dash at the end of its line (« 24 janvier 2016. – »).
            '–' | '—' => {
                let after = text[at + c.len_utf8()..].trim_start_matches(is_horizontal_space);
                after.chars().next().is_none_or(is_line_break)
            }
            ')' | ']' | '}' => !spaced,
            '"' | '\'' | '’' => {
                // Straight quotes are closing only when glued to the
                // terminator or followed by white space or the end.
                let after = &text[at + c.len_utf8()..];
                (!spaced && j == start) || after.chars().next().is_none_or(|n| n.is_whitespace())
            }
            _ => false,
        };
        if !take {
            return j;
        }
        j = at + c.len_utf8();
    }
}

/// For a lone `.` at byte `i` followed (after white space) by `next`:
/// whether the word before it lets the sentence end.
fn single_dot_cuts(text: &str, i: usize, next: char) -> bool {
    let before = &text[..i];
    let word_start = before.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map(|(k, _)| k);
    let Some(ws) = word_start else { return true };
    let word = &before[ws..];
    if word == "etc" {
        return starts_sentence(next);
    }
    let next_is_capital = next.is_uppercase();
    let next_is_digit = next.is_ascii_digit();
    if TITLE_ABBREVIATIONS.contains(&word) && (next_is_capital || next_is_digit) {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.next().is_none() && first.is_uppercase() {
        // An initial, unless it is the « C » of « av. J.-C. » / « apr. J.-C. ».
        if first == 'C' && before.ends_with("J.-C") {
            let pre = before[..before.len() - 4].trim_end();
            if pre.ends_with("av.") || pre.ends_with("apr.") {
                return true;
            }
        }
        return !next_is_capital || starts_with_function_word(&text[i..]);
    }
    if NUMBER_ABBREVIATIONS.contains(&word) && next_is_digit {
        return false;
    }
    true
}

/// Whether the line break spanning bytes `i..after` ends a sentence.
fn line_break_cuts(text: &str, i: usize, after: usize) -> bool {
    // Paragraph break: only white space up to another line break.
    let rest = &text[after..];
    let mut next = None;
    for c in rest.chars() {
        if is_line_break(c) {
            return true;
        }
        if !c.is_whitespace() {
            next = Some(c);
            break;
        }
    }
    let Some(next) = next else { return true };
    // The last non-space character of the line.
    let Some(prev) = text[..i].trim_end_matches(is_horizontal_space).chars().next_back() else { return true };
    if is_line_break(prev) {
        return true;
    }
    if is_terminator(prev) || next.is_lowercase() {
        return false;
    }
    if matches!(prev, '»' | '”' | ')' | '"' | '\'' | '’') {
        // A closing mark after a terminator: the terminator rules decide.
        let inner = text[..i]
            .trim_end_matches(|c: char| is_horizontal_space(c) || matches!(c, '»' | '”' | ')' | '"' | '\'' | '’'));
        if inner.chars().next_back().is_some_and(is_terminator) {
            return false;
        }
    }
    !matches!(prev, ',' | ';' | ':' | '«' | '“' | '(' | '[' | '-' | '‑' | '–' | '—')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn positives() {
        assert_eq!(split("Il pleut. Il vente."), ["Il pleut.", "Il vente."]);
        assert_eq!(split("« Viens ! » Puis il part."), ["« Viens ! »", "Puis il part."]);
        assert_eq!(split("Titre\nLe texte."), ["Titre", "Le texte."]);
    }

    #[test]
    fn negatives() {
        assert_eq!(split("M. Dupont part."), ["M. Dupont part."]);
        assert_eq!(split("« Viens ! » a-t-il dit."), ["« Viens ! » a-t-il dit."]);
        assert_eq!(split("Il a payé 12.50 euros."), ["Il a payé 12.50 euros."]);
    }
}
