//! Spelled-out numbers from 0 to 10^24, text2num style: a small interpreter
//! over number words (« vingt-six », « soixante et onze »,
//! « quatre-vingt-dix-sept », « deux cents », « mille », Belgian and Swiss
//! « septante », « huitante », « octante », « nonante »), with or without
//! hyphens (1990 spelling reform included), « virgule » decimals
//! (« vingt-six virgule trois ») and scales (« trois millions »).
//! Approximate nouns (« une quinzaine », « une centaine ») read as their
//! value with `approx`.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::scale::scale_word;
use super::{Quantity, is_hspace};

/// One number word, classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// zéro, un/une ... neuf.
    Unit(u64),
    /// dix ... seize.
    Teen(u64),
    /// vingt, trente ... nonante.
    Tens(u64),
    /// cent, cents.
    Cent,
    /// mille, million(s)... with its power of ten.
    Scale(u32),
    /// « et » (vingt et un).
    Et,
    /// « virgule » (decimals).
    Virgule,
}

/// Classifies a lowercase word.
///
/// ```
/// use depeche::number::words::{classify, Word};
/// assert_eq!(classify("septante"), Some(Word::Tens(70)));
/// assert_eq!(classify("vingts"), Some(Word::Tens(20)));
/// assert_eq!(classify("dollars"), None);
/// ```
pub fn classify(w: &str) -> Option<Word> {
    use Word::*;
    // By first letter, then by word: a handful of comparisons per word
    // rather than one per number word. Scale words (« mille », « millions »,
    // « billions », « trillions »...) last in their letter.
    Some(match *w.as_bytes().first()? {
        b'c' => match w {
            "cinq" => Unit(5),
            "cinquante" => Tens(50),
            "cent" | "cents" => Cent,
            _ => return None,
        },
        b'd' => match w {
            "deux" => Unit(2),
            "dix" => Teen(10),
            "douze" => Teen(12),
            _ => return None,
        },
        b'e' => match w {
            "et" => Et,
            _ => return None,
        },
        b'm' => match w {
            // « mil neuf cent vingt » (dates), « cinq milles » (a common misspelling).
            "mil" | "milles" => Scale(3),
            _ => Scale(scale_word(w)?),
        },
        b'p' => match w {
            // « zéro point cinq »: a decimal point, after a number only.
            "point" => Virgule,
            _ => return None,
        },
        b'h' => match w {
            "huit" => Unit(8),
            "huitante" => Tens(80),
            _ => return None,
        },
        b'n' => match w {
            "neuf" => Unit(9),
            "nonante" => Tens(90),
            _ => return None,
        },
        b'o' => match w {
            "onze" => Teen(11),
            "octante" => Tens(80),
            _ => return None,
        },
        b'q' => match w {
            "quatre" => Unit(4),
            "quatorze" => Teen(14),
            "quinze" => Teen(15),
            "quarante" => Tens(40),
            _ => Scale(scale_word(w)?),
        },
        b's' => match w {
            "six" => Unit(6),
            "sept" => Unit(7),
            "seize" => Teen(16),
            "soixante" => Tens(60),
            "septante" => Tens(70),
            _ => return None,
        },
        b't' => match w {
            "trois" => Unit(3),
            "treize" => Teen(13),
            "trente" => Tens(30),
            _ => Scale(scale_word(w)?),
        },
        b'u' => match w {
            "un" | "une" => Unit(1),
            _ => return None,
        },
        b'v' => match w {
            "vingt" | "vingts" => Tens(20),
            "virgule" => Virgule,
            _ => return None,
        },
        b'z' => match w {
            "zéro" | "zero" => Unit(0),
            _ => return None,
        },
        _ => Scale(scale_word(w)?),
    })
}

/// The value of an approximate noun (« dizaine » → 10).
pub fn approx_noun(w: &str) -> Option<u64> {
    Some(match w {
        "dizaine" | "dizaines" => 10,
        "douzaine" => 12,
        "quinzaine" => 15,
        "vingtaine" => 20,
        "trentaine" => 30,
        "quarantaine" => 40,
        "cinquantaine" => 50,
        "soixantaine" => 60,
        "centaine" => 100,
        "millier" => 1000,
        _ => return None,
    })
}

/// True when the lowercase word can start a spelled-out number (used by the
/// scanner to decide cheaply whether to try [`read_spelled`]).
pub fn starts_number(w: &str) -> bool {
    // « milles » (a misspelling) continues a number but does not start one.
    matches!(classify(w), Some(Word::Unit(_) | Word::Teen(_) | Word::Tens(_) | Word::Cent | Word::Scale(3)))
        && w != "milles"
}

/// The words [`starts_number`] accepts (checked by a test).
const STARTING_WORDS: &[&str] = &[
    "zéro",
    "zero",
    "un",
    "une",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "vingts",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "septante",
    "huitante",
    "octante",
    "nonante",
    "cent",
    "cents",
    "mille",
    "mil",
];

/// For each first byte, bit `n` set when a word of [`STARTING_WORDS`]
/// starting with that byte is `n` bytes long.
const STARTING_LENGTHS: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut k = 0;
    while k < STARTING_WORDS.len() {
        let w = STARTING_WORDS[k].as_bytes();
        t[w[0] as usize] |= 1 << w.len();
        k += 1;
    }
    t
};

/// A cheap test before [`starts_number`] on a word of the text, in any
/// case: false when no word of that first letter (and, for an ASCII word,
/// that length: lowercase, it keeps it) starts a number. The first letters
/// of the starting words are ASCII: only ASCII letters lowercase to them.
pub(crate) fn may_start_number(w: &str) -> bool {
    let Some(&first) = w.as_bytes().first() else { return false };
    let lengths = STARTING_LENGTHS[usize::from(first.to_ascii_lowercase())];
    if !w.is_ascii() {
        return lengths != 0;
    }
    w.len() < 16 && lengths & (1 << w.len()) != 0
}

/// A word of the text: its end and what its lowercase form says (read once,
/// without keeping the lowercase string).
#[derive(Debug, Clone, Copy)]
struct Tok {
    end: usize,
    /// [`classify`] of the lowercase form.
    class: Option<Word>,
    /// « un » (`Some(true)`) or « une » (`Some(false)`).
    un: Option<bool>,
    /// « demi ».
    demi: bool,
    /// [`approx_noun`] of the lowercase form.
    approx: Option<u64>,
}

/// Most words [`read_spelled`] reads.
const MAX_WORDS: usize = 24;

/// Up to [`MAX_WORDS`] words, without allocating.
struct Toks {
    toks: [Tok; MAX_WORDS],
    len: usize,
}

impl std::ops::Deref for Toks {
    type Target = [Tok];
    fn deref(&self) -> &[Tok] {
        &self.toks[..self.len]
    }
}

/// Reads up to [`MAX_WORDS`] words from byte `i`, separated by horizontal
/// spaces or a hyphen; stops at anything else.
fn read_words(text: &str, mut i: usize) -> Toks {
    let empty = Tok { end: 0, class: None, un: None, demi: false, approx: None };
    let mut out = Toks { toks: [empty; MAX_WORDS], len: 0 };
    while out.len < MAX_WORDS {
        let start = i;
        let end = super::scale::word_end(text, i);
        if end == start || end - start > 20 {
            break;
        }
        let tok = super::with_lowercase(&text[start..end], |lower| Tok {
            end,
            class: classify(lower),
            un: match lower {
                "un" => Some(true),
                "une" => Some(false),
                _ => None,
            },
            demi: lower == "demi",
            approx: approx_noun(lower),
        });
        // Stop after the first word that is not a number word (kept: it may
        // be « quinzaine » or « demi »).
        let stop = tok.class.is_none() && !tok.demi;
        out.toks[out.len] = tok;
        out.len += 1;
        if stop {
            break;
        }
        // Separator: spaces or one hyphen (with optional spaces? no: a
        // hyphen must be attached, « vingt-six »).
        let j = if text[end..].starts_with('-') { end + 1 } else { super::skip_hspace(text, end) };
        if j == end {
            break;
        }
        i = j;
    }
    out
}

fn below_100(t: &[Word], i: usize) -> Option<(u64, usize)> {
    use Word::*;
    match *t.get(i)? {
        Unit(4) if t.get(i + 1) == Some(&Tens(20)) => Some(tens_tail(t, i + 2, 80)),
        Unit(u) if u >= 1 => Some((u, i + 1)),
        Teen(10) => match t.get(i + 1) {
            Some(&Unit(u)) if (7..=9).contains(&u) => Some((10 + u, i + 2)),
            _ => Some((10, i + 1)),
        },
        Teen(n) => Some((n, i + 1)),
        Tens(n) => Some(tens_tail(t, i + 1, n)),
        _ => None,
    }
}

fn tens_tail(t: &[Word], i: usize, base: u64) -> (u64, usize) {
    use Word::*;
    let seventy = base == 60 || base == 80;
    match t.get(i) {
        Some(Et) => match t.get(i + 1) {
            Some(Unit(1)) => (base + 1, i + 2),
            Some(Teen(11)) if seventy => (base + 11, i + 2),
            _ => (base, i),
        },
        Some(&Unit(u)) if u >= 2 || (u == 1 && base == 80) => (base + u, i + 1),
        Some(&Teen(n)) if seventy => {
            if n == 10
                && let Some(&Unit(u)) = t.get(i + 1)
                && (7..=9).contains(&u)
            {
                return (base + 10 + u, i + 2);
            }
            (base + n, i + 1)
        }
        _ => (base, i),
    }
}

fn below_1000(t: &[Word], i: usize) -> Option<(u64, usize)> {
    use Word::*;
    if let Some(&Unit(u)) = t.get(i)
        && u >= 2
        && t.get(i + 1) == Some(&Cent)
    {
        let (r, j) = below_100(t, i + 2).unwrap_or((0, i + 2));
        return Some((u * 100 + r, j));
    }
    if t.get(i) == Some(&Cent) {
        let (r, j) = below_100(t, i + 1).unwrap_or((0, i + 1));
        return Some((100 + r, j));
    }
    // « dix-neuf cent soixante-treize » (years): 11 to 19 hundreds.
    if let Some((n, j)) = below_100(t, i)
        && (11..=19).contains(&n)
        && t.get(j) == Some(&Cent)
    {
        let (r, k) = below_100(t, j + 1).unwrap_or((0, j + 1));
        return Some((n * 100 + r, k));
    }
    below_100(t, i)
}

/// Interprets classified words as one integer; returns the value and the
/// number of words used. `None` when the first word does not start a number.
///
/// ```
/// use depeche::number::words::{classify, interpret};
/// let w: Vec<_> = "quatre vingt dix sept".split(' ').map(|w| classify(w).unwrap()).collect();
/// assert_eq!(interpret(&w), Some((97, 4)));
/// ```
pub fn interpret(t: &[Word]) -> Option<(u128, usize)> {
    if t.first() == Some(&Word::Unit(0)) {
        return Some((0, 1));
    }
    let mut total: u128 = 0;
    let mut i = 0;
    let mut last_scale = u32::MAX;
    loop {
        let (n, j) = below_1000(t, i).unwrap_or((0, i));
        match t.get(j) {
            Some(&Word::Scale(p)) if p < last_scale && (j > i || p == 3) => {
                let n = if j == i { 1 } else { n };
                total += n as u128 * 10u128.pow(p);
                last_scale = p;
                i = j + 1;
            }
            // « cinquante-trois mille millions »: a scale of a scale.
            Some(&Word::Scale(p))
                if j == i && i > 0 && matches!(t[i - 1], Word::Scale(q) if q < p) && total < 10u128.pow(p) =>
            {
                total = total.checked_mul(10u128.pow(p))?;
                last_scale += p;
                i = j + 1;
            }
            // « deux-cent-mille quatorze-mille »: the number ends before a
            // scale it cannot take.
            Some(&Word::Scale(_)) if j > i && i > 0 => break,
            _ => {
                if j > i {
                    total += n as u128;
                    i = j;
                }
                break;
            }
        }
    }
    (i > 0).then_some((total, i))
}

/// Reads a spelled-out number starting at byte `start` (see the module
/// documentation). A lone « un »/« une » is returned with `article_only`.
pub fn read_spelled(text: &str, start: usize) -> Option<Quantity> {
    // Every number read below starts with a word `starts_number` accepts
    // (« un », « une » included): most other words are refused at once.
    if !may_start_number(&text[start..super::scale::word_end(text, start)]) {
        return None;
    }
    let toks = read_words(text, start);
    if toks.is_empty() {
        return None;
    }
    // « une quinzaine (de millions) »
    if toks[0].un.is_some()
        && let Some(t1) = toks.get(1)
        && let Some(v) = t1.approx
    {
        return approx_quantity(text, start, t1.end, v);
    }
    // « un demi-milliard », « un demi-million »
    if toks[0].un == Some(true)
        && toks.get(1).is_some_and(|t| t.demi)
        && let Some(t2) = toks.get(2)
        && let Some(Word::Scale(p)) = t2.class
        && p >= 6
    {
        return half_scale(start, t2.end, p);
    }
    let mut words = [Word::Et; MAX_WORDS];
    let mut n = 0;
    for t in toks.iter() {
        match t.class {
            Some(c) => words[n] = c,
            None => break,
        }
        n += 1;
    }
    let classes = &words[..n];
    let (int, used) = interpret(classes)?;
    let mut value = Decimal::try_from_i128_with_scale(i128::try_from(int).ok()?, 0).ok()?;
    let mut end = toks[used - 1].end;
    let mut used_all = used;
    let mut last_scale =
        classes[..used].iter().filter_map(|c| if let Word::Scale(p) = c { Some(*p) } else { None }).min();
    // Decimals: « virgule » then zeros and a number below 1000.
    if classes.get(used) == Some(&Word::Virgule) {
        let mut k = used + 1;
        let mut digits = String::new();
        while classes.get(k) == Some(&Word::Unit(0)) {
            digits.push('0');
            k += 1;
        }
        let rest = &classes[k..];
        let frac = if rest.first().is_some_and(|w| !matches!(w, Word::Scale(_))) { below_1000(rest, 0) } else { None };
        if let Some((n, j)) = frac {
            digits.push_str(&n.to_string());
            k += j;
            // « virgule quatre deux », « virgule trois un deux »: digit by digit.
            if n < 10 {
                while let Some(&Word::Unit(d)) = classes.get(k) {
                    digits.push_str(&d.to_string());
                    k += 1;
                }
            }
        }
        if !digits.is_empty() {
            value = Decimal::from_str(&format!("{int}.{digits}")).ok()?;
            end = toks[k - 1].end;
            used_all = k;
            // « deux virgule cinq millions »
            if let Some(&Word::Scale(p)) = classes.get(k)
                && last_scale.is_none()
            {
                value = super::scale::apply(value, p)?;
                end = toks[k].end;
                last_scale = Some(p);
            }
        }
    }
    // « un million et demi »
    if let Some(p) = last_scale
        && used_all == used
        && let Some(e) = super::scale::et_demi(text, end)
    {
        value += super::scale::apply(Decimal::new(5, 1), p)?;
        end = e;
    }
    let article_only = used_all == 1 && toks[0].un.is_some();
    Some(Quantity {
        start,
        end,
        value,
        scale: last_scale.unwrap_or(0),
        abbreviation: false,
        spelled: true,
        article_only,
        approx: false,
        plain_int: false,
        scale_after_de: false,
        glued: false,
    })
}

/// « une quinzaine (de millions) »: the approximate noun ending at `end`
/// with value `v`, and the scale after « de ».
fn approx_quantity(text: &str, start: usize, end: usize, v: u64) -> Option<Quantity> {
    let mut q = Quantity {
        start,
        end,
        value: Decimal::from(v),
        scale: 0,
        abbreviation: false,
        spelled: true,
        article_only: false,
        approx: true,
        plain_int: false,
        scale_after_de: false,
        glued: false,
    };
    // « de millions », « de milliards »
    if let Some((p, e)) = de_scale(text, end) {
        q.value = super::scale::apply(q.value, p)?;
        q.scale = p;
        q.end = e;
        q.scale_after_de = true;
    }
    Some(q)
}

/// « un demi-milliard »: half of the scale `p`, ending at `end`.
fn half_scale(start: usize, end: usize, p: u32) -> Option<Quantity> {
    Some(Quantity {
        start,
        end,
        value: super::scale::apply(Decimal::new(5, 1), p)?,
        scale: p,
        abbreviation: false,
        spelled: true,
        article_only: false,
        approx: false,
        plain_int: false,
        scale_after_de: false,
        glued: false,
    })
}

/// « de millions », « de milliards » after an approximate noun.
fn de_scale(text: &str, i: usize) -> Option<(u32, usize)> {
    let j = super::skip_hspace(text, i);
    let rest = &text[j..];
    let k = if rest.starts_with("de") && rest[2..].starts_with(is_hspace) {
        super::skip_hspace(text, j + 2)
    } else {
        return None;
    };
    let e = super::scale::word_end(text, k);
    let p = super::with_lowercase(&text[k..e], scale_word)?;
    (p >= 6).then_some((p, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Option<String> {
        read_spelled(s, 0).map(|q| format!("{}@{}", crate::extract::format_decimal(q.value), &s[..q.end]))
    }

    #[test]
    fn positives() {
        assert_eq!(v("vingt-six").as_deref(), Some("26@vingt-six"));
        assert_eq!(v("soixante et onze").as_deref(), Some("71@soixante et onze"));
        assert_eq!(v("quatre-vingt-dix-sept").as_deref(), Some("97@quatre-vingt-dix-sept"));
        assert_eq!(v("quatre-vingts").as_deref(), Some("80@quatre-vingts"));
        assert_eq!(v("deux cents").as_deref(), Some("200@deux cents"));
        assert_eq!(v("mille").as_deref(), Some("1000@mille"));
        assert_eq!(v("septante-trois").as_deref(), Some("73@septante-trois"));
        assert_eq!(v("huitante et un").as_deref(), Some("81@huitante et un"));
        assert_eq!(v("nonante-neuf").as_deref(), Some("99@nonante-neuf"));
        assert_eq!(v("vingt-et-un").as_deref(), Some("21@vingt-et-un"));
        assert_eq!(v("deux-cent-mille").as_deref(), Some("200000@deux-cent-mille"));
        assert_eq!(v("trois millions deux cent mille").as_deref(), Some("3200000@trois millions deux cent mille"));
        assert_eq!(v("vingt-six virgule trois").as_deref(), Some("26.3@vingt-six virgule trois"));
        assert_eq!(v("zéro virgule zéro cinq").as_deref(), Some("0.05@zéro virgule zéro cinq"));
        assert_eq!(v("deux virgule cinq milliards").as_deref(), Some("2500000000@deux virgule cinq milliards"));
        assert_eq!(v("un milliard").as_deref(), Some("1000000000@un milliard"));
        assert_eq!(v("une quinzaine").as_deref(), Some("15@une quinzaine"));
        assert_eq!(v("une dizaine de millions").as_deref(), Some("10000000@une dizaine de millions"));
        assert_eq!(v("un trillion").as_deref(), Some("1000000000000000000@un trillion"));
        assert_eq!(v("un million et demi").as_deref(), Some("1500000@un million et demi"));
        assert_eq!(v("un demi-milliard").as_deref(), Some("500000000@un demi-milliard"));
    }

    /// The word list as it was written before [`classify`] was grouped by
    /// first letter.
    fn classify_reference(w: &str) -> Option<Word> {
        use Word::*;
        Some(match w {
            "zéro" | "zero" => Unit(0),
            "un" | "une" => Unit(1),
            "deux" => Unit(2),
            "trois" => Unit(3),
            "quatre" => Unit(4),
            "cinq" => Unit(5),
            "six" => Unit(6),
            "sept" => Unit(7),
            "huit" => Unit(8),
            "neuf" => Unit(9),
            "dix" => Teen(10),
            "onze" => Teen(11),
            "douze" => Teen(12),
            "treize" => Teen(13),
            "quatorze" => Teen(14),
            "quinze" => Teen(15),
            "seize" => Teen(16),
            "vingt" | "vingts" => Tens(20),
            "trente" => Tens(30),
            "quarante" => Tens(40),
            "cinquante" => Tens(50),
            "soixante" => Tens(60),
            "septante" => Tens(70),
            "huitante" | "octante" => Tens(80),
            "nonante" => Tens(90),
            "cent" | "cents" => Cent,
            "et" => Et,
            "virgule" | "point" => Virgule,
            "mil" | "milles" => Scale(3),
            _ => Scale(scale_word(w)?),
        })
    }

    #[test]
    fn classify_by_first_letter_is_the_word_list() {
        let words = "zéro zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze \
                     quinze seize vingt vingts trente quarante cinquante soixante septante huitante octante nonante \
                     cent cents et virgule mille million millions milliard milliards billion billions billiard \
                     billiards trillion trillions millième dollars de des en eta centaine  x é mil milles point points trilliard quadrillions";
        for w in words.split(' ') {
            assert_eq!(classify(w), classify_reference(w), "{w:?}");
        }
    }

    #[test]
    fn starting_words_are_those_starts_number_accepts() {
        let words = "zéro zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze \
                     quinze seize vingt vingts trente quarante cinquante soixante septante huitante octante nonante \
                     cent cents et virgule mille million millions milliard milliards billion billions billiard \
                     billiards trillion trillions mil milles";
        for w in words.split(' ') {
            assert_eq!(STARTING_WORDS.contains(&w), starts_number(w), "{w}");
            assert!(!starts_number(w) || may_start_number(w) && may_start_number(&w.to_uppercase()), "{w}");
        }
        assert!(!may_start_number("de") && !may_start_number("Les") && !may_start_number(""));
        assert!(may_start_number("ZÉRO") && !may_start_number("été"));
    }

    #[test]
    fn negatives_and_partial() {
        // Not numbers at all.
        assert_eq!(v("virgule cinq"), None);
        assert_eq!(v("millions"), None);
        assert_eq!(v("et"), None);
        // Only the valid head is read.
        assert_eq!(v("vingt un").as_deref(), Some("20@vingt"));
        assert_eq!(v("quarante douze").as_deref(), Some("40@quarante"));
        assert_eq!(v("mille mille").as_deref(), Some("1000@mille"));
        assert_eq!(v("cinq zéro").as_deref(), Some("5@cinq"));
        assert_eq!(v("soixante quinze cent").as_deref(), Some("75@soixante quinze"));
        assert!(read_spelled("un logement", 0).unwrap().article_only);
        // A first word that starts no number: nothing (« et », « virgule »,
        // a scale word other than « mille », any other word).
        for s in ["et un", "virgule cinq", "millions", "milliards de", "Les deux", "dizaine", "demi"] {
            assert_eq!(v(s), None, "{s}");
        }
    }
}
