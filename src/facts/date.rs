//! The article's date: from metadata (`2017-01-05`, `2017-01-05T08:30:00+01:00`,
//! `05/01/2017`), or from a dateline the article opens with (« 5 janvier 2017. – »,
//! « Publié le 05/01/2017 »). Relative periods are resolved against it.

/// A calendar day.
///
/// ```
/// use depeche::facts::Day;
/// let d = Day::parse("2017-01-05T08:30:00+01:00").unwrap();
/// assert_eq!((d.year, d.month, d.day), (2017, 1, 5));
/// assert_eq!(Day::parse("05/01/2017"), Some(d));
/// assert_eq!(Day::parse("5 janvier 2017"), Some(d));
/// assert_eq!(Day::parse("hier"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// The year (1000–2999).
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31.
    pub day: u32,
}

impl Day {
    /// A day, checked (month 1–12, day valid for the month, year 1000–2999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        ((1000..=2999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in(year, month))
            .then_some(Day { year, month, day })
    }

    /// Parses a date as metadata or a dateline writes it: ISO 8601 (with or
    /// without a time), `DD/MM/YYYY`, `DD.MM.YYYY`, or French words
    /// (« 5 janvier 2017 », « 1er mars 2024 », « 5 janv. 2017 »).
    pub fn parse(s: &str) -> Option<Day> {
        let s = s.trim();
        let b = s.as_bytes();
        // ISO: YYYY-MM-DD...
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit) {
            return Day::new(s[..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?);
        }
        // DD/MM/YYYY or DD.MM.YYYY
        let parts: Vec<&str> = s.split(['/', '.']).collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit())) {
            if parts[2].len() == 4 {
                return Day::new(parts[2].parse().ok()?, parts[1].parse().ok()?, parts[0].parse().ok()?);
            }
            return None;
        }
        // French words: DAY MONTH YEAR
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.len() == 3 {
            let day = words[0].trim_end_matches("er").parse().ok()?;
            let month = month_number(words[1])?;
            let year = words[2].trim_end_matches(['.', ',']).parse().ok()?;
            return Day::new(year, month, day);
        }
        None
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The quarter, 1–4.
    pub fn quarter(self) -> u32 {
        (self.month - 1) / 3 + 1
    }
}

/// Days in `month` of `year` (Gregorian).
pub fn days_in(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The number of a French month name or abbreviation (« janvier », « janv. »,
/// « févr », « sept. »), any case; `None` for anything else.
///
/// ```
/// assert_eq!(depeche::facts::date::month_number("Décembre"), Some(12));
/// assert_eq!(depeche::facts::date::month_number("janv."), Some(1));
/// assert_eq!(depeche::facts::date::month_number("mardi"), None);
/// ```
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    // Most words are not months: reject them on their length and first
    // letter before lowercasing anything.
    if !(3..=10).contains(&word.len())
        || !matches!(word.as_bytes()[0].to_ascii_lowercase(), b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
    {
        return None;
    }
    // The second letter too (a month's second character lowercases to one
    // of these; only ASCII letters and « É » lowercase to them).
    let b = word.as_bytes();
    if !matches!(
        (b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()),
        (b'j', b'a' | b'u')
            | (b'f' | b'd', b'e' | 0xc3)
            | (b'm', b'a')
            | (b'a', b'v' | b'o')
            | (b's', b'e')
            | (b'o', b'c')
            | (b'n', b'o')
    ) {
        return None;
    }
    // An ASCII word: lowercased on the stack and matched at once.
    if word.is_ascii() {
        let mut lower = [0u8; 10];
        for (d, s) in lower.iter_mut().zip(word.as_bytes()) {
            *d = s.to_ascii_lowercase();
        }
        return match &lower[..word.len()] {
            b"janvier" | b"janv" => Some(1),
            b"fevrier" | b"fevr" => Some(2),
            b"mars" => Some(3),
            b"avril" | b"avr" => Some(4),
            b"mai" => Some(5),
            b"juin" => Some(6),
            b"juillet" | b"juil" => Some(7),
            b"aout" => Some(8),
            b"septembre" | b"sept" => Some(9),
            b"octobre" | b"oct" => Some(10),
            b"novembre" | b"nov" => Some(11),
            b"dec" | b"decembre" => Some(12),
            _ => None,
        };
    }
    // Compared without lowercasing (no allocation: this runs on many words).
    const MONTHS: [(&str, u32); 24] = [
        ("janvier", 1),
        ("janv", 1),
        ("février", 2),
        ("fevrier", 2),
        ("févr", 2),
        ("fevr", 2),
        ("fév", 2),
        ("mars", 3),
        ("avril", 4),
        ("avr", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("juil", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("sept", 9),
        ("octobre", 10),
        ("oct", 10),
        ("novembre", 11),
        ("nov", 11),
        ("décembre", 12),
        ("dec", 12),
    ];
    MONTHS
        .iter()
        .find(|(m, _)| super::words::eq_fold(word, m))
        .map(|&(_, n)| n)
        .or_else(|| ["decembre", "déc"].iter().any(|m| super::words::eq_fold(word, m)).then_some(12))
}

/// The date of a dateline the article opens with, if any: « 5 janvier 2017. – »,
/// « PARIS, 5 janvier 2017 (AFP) – », « Publié le 05/01/2017 », « Mis à jour le
/// 5 janv. 2017 ». Only the first line (at most 120 bytes) is read, and the
/// date must come before any sentence of the article proper.
///
/// ```
/// use depeche::facts::date::dateline;
/// assert_eq!(dateline("5 janvier 2017. – Le groupe a annoncé...").unwrap().iso(), "2017-01-05");
/// assert_eq!(dateline("PARIS, 5 janv. 2017 (AFP) – La banque...").unwrap().iso(), "2017-01-05");
/// assert_eq!(dateline("Publié le 05/01/2017\nLe groupe...").unwrap().iso(), "2017-01-05");
/// assert_eq!(dateline("Le groupe a publié le 5 janvier 2017 ses comptes."), None);
/// ```
pub fn dateline(text: &str) -> Option<Day> {
    let mut end = text.len().min(120);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text[..end].split('\n').next().unwrap_or("");
    // The date must start the line, follow « Publié le » / « Mis à jour le »,
    // or follow a capitalized place and a comma (« PARIS, »).
    let rest = if let Some(r) = strip_prefix_ci(head, "publié le ").or_else(|| strip_prefix_ci(head, "mis à jour le "))
    {
        r
    } else if let Some((place, r)) = head.split_once(", ") {
        if !place.is_empty() && place.chars().all(|c| c.is_uppercase() || c == ' ' || c == '-') { r } else { head }
    } else {
        head
    };
    let words: Vec<&str> = rest.split_whitespace().take(3).collect();
    if let Some(first) = words.first()
        && first.bytes().filter(|c| *c == b'/').count() == 2
    {
        return Day::parse(first.trim_end_matches([',', '.']));
    }
    if words.len() == 3 {
        let year = words[2].trim_end_matches(['.', ',']);
        if year.len() == 4 {
            return Day::parse(&format!("{} {} {}", words[0], words[1], year));
        }
    }
    None
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    (head.to_lowercase() == prefix).then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_dates_are_refused() {
        for s in ["2017-02-30", "2017-13-01", "31/04/2017", "0/1/2017", "5 brumaire 2017", "", "2017"] {
            assert_eq!(Day::parse(s), None, "{s}");
        }
        assert_eq!(Day::parse("29/02/2024").map(Day::iso).as_deref(), Some("2024-02-29"));
    }
}
