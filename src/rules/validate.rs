//! Check digits a rule can require of what it finds (`validate = "isin"`).

use serde::Deserialize;

/// A check a rule's value must pass (`validate = "..."` in a rule file).
/// White space inside the value is ignored (« 552 120 222 »).
///
/// ```
/// use depeche::rules::Validate;
/// assert!(Validate::Isin.check("FR0000120271"));
/// assert!(!Validate::Isin.check("FR0000120272"));
/// assert!(Validate::Siren.check("552 100 554"));
/// assert!(Validate::Luhn.check("4970 1000 0000 0063"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Validate {
    /// An ISIN (ISO 6166): two letters, nine letters or digits, a check
    /// digit (Luhn over the letters turned into numbers, A = 10 … Z = 35).
    Isin,
    /// Digits whose last one is a Luhn check digit (cards, many identifiers).
    Luhn,
    /// A French SIREN: nine digits, the last a Luhn check digit.
    Siren,
    /// A French SIRET: fourteen digits (SIREN and establishment), Luhn.
    Siret,
}

impl Validate {
    /// True when `value` (white space ignored) passes the check.
    pub fn check(self, value: &str) -> bool {
        let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        match self {
            Validate::Isin => isin(&v),
            Validate::Luhn => {
                v.len() >= 2 && v.bytes().all(|b| b.is_ascii_digit()) && luhn(v.bytes().map(|b| b - b'0'))
            }
            Validate::Siren => {
                v.len() == 9 && v.bytes().all(|b| b.is_ascii_digit()) && luhn(v.bytes().map(|b| b - b'0'))
            }
            Validate::Siret => {
                v.len() == 14 && v.bytes().all(|b| b.is_ascii_digit()) && luhn(v.bytes().map(|b| b - b'0'))
            }
        }
    }
}

fn isin(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 12
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !b[2..11].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        || !b[11].is_ascii_digit()
    {
        return false;
    }
    let mut digits = Vec::with_capacity(24);
    for &c in b {
        if c.is_ascii_digit() {
            digits.push(c - b'0');
        } else {
            let n = c - b'A' + 10;
            digits.extend([n / 10, n % 10]);
        }
    }
    luhn(digits.into_iter())
}

/// The Luhn check over digits, the last one being the check digit.
fn luhn(digits: impl DoubleEndedIterator<Item = u8>) -> bool {
    let sum: u32 = digits
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::Validate::*;

    #[test]
    fn check_digits() {
        // (check, value, valid)
        let rows = [
            (Isin, "FR0000120271", true),
            (Isin, "US0378331005", true),
            (Isin, "NL0000235190", true),
            (Isin, "FR0000120270", false),
            (Isin, "fr0000120271", false),
            (Isin, "FR000012027", false),
            (Isin, "FR00001202711", false),
            (Siren, "552100554", true),
            (Siren, "552 100 554", true),
            (Siren, "552100555", false),
            (Siren, "55210055", false),
            (Siret, "55210055400013", true),
            (Siret, "55210055400014", false),
            (Luhn, "79927398713", true),
            (Luhn, "79927398710", false),
            (Luhn, "7", false),
            (Luhn, "7992739871a", false),
        ];
        for (check, value, valid) in rows {
            assert_eq!(check.check(value), valid, "{check:?} {value}");
        }
    }
}
