//! The unit of a per-unit figure (« 80 dollars le baril », « 3 % l'an »,
//! « 1 200 euros par mois »): written as `per`, not part of the span.

use crate::number::{is_hspace, skip_hspace};

/// Determiners and words after « par » that do not name a unit.
pub(super) const NOT_PER: &[&str] = &[
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "ce",
    "cette",
    "ces",
    "cet",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "notre",
    "nos",
    "votre",
    "vos",
    "mon",
    "ma",
    "mes",
    "rapport",
    "exemple",
    "contre",
    "ailleurs",
    "conséquent",
    "suite",
    "endroits",
    "moments",
    "voie",
    "ordonnance",
    "décret",
    "lequel",
    "laquelle",
    "lesquels",
    "lesquelles",
    "quel",
    "quelle",
];

/// Units that may follow « le », « la », « l' » as a price per unit.
pub(super) const PER_NOUNS: &[&str] = &[
    "baril",
    "kilo",
    "kg",
    "litre",
    "tonne",
    "mètre",
    "m2",
    "m²",
    "permis",
    "billet",
    "action",
    "unité",
    "pièce",
    "nuit",
    "heure",
    "titre",
    "place",
    "ticket",
    "once",
    "gallon",
    "mégawattheure",
    "kilowattheure",
    "mwh",
    "kwh",
    "repas",
    "bouteille",
    "paquet",
    "entrée",
    "boisseau",
    "gramme",
    "hectare",
    "lot",
    "part",
    "minute",
    "consultation",
    "journée",
    "séance",
    "kilomètre",
    "km",
    "m³",
    "mètre cube",
    "exemplaire",
    "abonnement",
];

/// The unit of a per-unit figure after byte `i` (not part of the span).
pub(super) fn per_after(text: &str, i: usize, percent: bool) -> Option<String> {
    let j = skip_hspace(text, i);
    let rest = &text[j..];
    if let Some(r) = rest.strip_prefix('/') {
        let e = crate::number::scale::word_end(r, 0);
        if e > 0 {
            return Some(r[..e].to_string());
        }
        return None;
    }
    if j == i {
        return None;
    }
    let e = crate::number::scale::word_end(text, j);
    crate::number::with_lowercase(&text[j..e], |w| per_word(text, w, e, percent))
}

/// [`per_after`] once the word after the figure (`w`, lowercase, ending at
/// byte `e`) is read.
pub(super) fn per_word(text: &str, w: &str, e: usize, percent: bool) -> Option<String> {
    match w {
        "par" => {
            let k = skip_hspace(text, e);
            let e2 = crate::number::scale::word_end(text, k);
            let not_per = crate::number::with_lowercase(&text[k..e2], |unit| NOT_PER.contains(&unit));
            if e2 > k && k > e && !not_per {
                return Some(text[k..e2].to_string());
            }
            None
        }
        "le" | "la" | "l" => {
            let mut k = skip_hspace(text, e);
            if w == "l" {
                if !text[e..].starts_with(['\'', '’']) {
                    return None;
                }
                k = e + text[e..].chars().next().map_or(1, char::len_utf8);
            }
            let e2 = crate::number::scale::word_end(text, k);
            crate::number::with_lowercase(&text[k..e2], |unit| {
                // « 3 % l'an » is a yearly rate; « 50 euros l'an dernier » is a date.
                if percent && unit == "an" && !text[e2..].trim_start_matches(is_hspace).starts_with(['d', 'p']) {
                    return Some(unit.to_string());
                }
                PER_NOUNS.contains(&unit).then(|| text[k..e2].to_string())
            })
        }
        "annuel" | "annuels" | "annuelle" | "annuelles" => Some("an".into()),
        "mensuel" | "mensuels" | "mensuelle" | "mensuelles" => Some("mois".into()),
        "hebdomadaire" | "hebdomadaires" => Some("semaine".into()),
        "journalier" | "journaliers" | "quotidien" | "quotidiens" => Some("jour".into()),
        "de" => {
            let k = skip_hspace(text, e);
            let r = &text[k..];
            for (p, u) in [("l'heure", "heure"), ("l’heure", "heure")] {
                if r.starts_with(p) {
                    return Some(u.into());
                }
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_units() {
        assert_eq!(per_after(" par mois", 0, false).as_deref(), Some("mois"));
        assert_eq!(per_after(" le baril", 0, false).as_deref(), Some("baril"));
        assert_eq!(per_after("/an", 0, false).as_deref(), Some("an"));
        assert_eq!(per_after(" annuel", 0, false).as_deref(), Some("an"));
        // Negative: « par la suite », « le lendemain ».
        assert_eq!(per_after(" par la suite", 0, false), None);
        assert_eq!(per_after(" le lendemain", 0, false), None);
    }
}
