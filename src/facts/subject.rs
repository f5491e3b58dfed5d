//! `subject`: whose figure it is. Each name before the figure in its
//! sentence gets a role from the words before it; the nearest name with a
//! subject role wins.
//!
//! Roles (rule names in the fixture tables):
//! - `subject.possessor`: « le chiffre d'affaires de Google Cloud », « celle
//!   de Microsoft », « chez Microsoft », « le taux de chômage au Québec »;
//! - `subject.clause`: a name with no preposition before it (« Alphabet, maison
//!   mère de Google, prévoit… » → Alphabet, not Google);
//! - `subject.anaphor`: « le groupe », « la société », « la jeune pousse »,
//!   resolved to the organization last named as a subject in the article;
//! - a person with a stated organization stands for it (« M. Garman,
//!   directeur général d'AWS, a précisé… » → AWS), except for pay;
//! - `subject.source`: « selon X », « pour X, » at the start: X's organization
//!   when the text states one, else nothing;
//! - complements (« de Google » after a noun that is not a measure), places
//!   after « à », « en »: never subjects;
//! - `subject.carry`: nothing in the sentence: the subject of the figure
//!   before it in the same paragraph.

use std::borrow::Cow;

use super::measure::{AsStr, fold_tok};
use super::words::Tok;

/// The role of a name from the words before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// « de X » after a measure noun, « chez X »: whose figure it is.
    Possessor,
    /// No preposition before: the subject of its clause.
    Clause,
    /// « selon X »: who says it.
    Source,
    /// Any other complement: not the subject.
    Complement,
}

/// Nouns after which « de X » names whose figure it is.
const POSSESSOR_NOUNS: &[&str] = &[
    "affaires",
    "action",
    "actions",
    "titre",
    "capital",
    "bénéfice",
    "bénéfices",
    "ventes",
    "résultat",
    "dette",
    "marge",
    "croissance",
    "capitalisation",
    "valorisation",
    "celle",
    "celui",
    "exportations",
    "revenus",
    "budget",
    "excédents",
    "perte",
    "pertes",
    "production",
    "chômage",
    "inflation",
    "économie",
    "pib",
    "déficit",
    "net",
    "trésorerie",
    "recettes",
    "activité",
    "cours",
    "effectifs",
    "investissements",
    "dépenses",
    "ebitda",
    "ebit",
    "brute",
    "nette",
    "opérationnelle",
    "épargne",
    "livraisons",
    "volumes",
    "rachat",
    "directeur",
];

/// Words of a national statistic: « le taux de chômage au Québec ».
const MACRO_NOUNS: &[&str] =
    &["chômage", "inflation", "croissance", "pib", "économie", "épargne", "taux", "déficit", "dette", "salaires"];

/// Auxiliaries before a participle: a name right after « a racheté » is its object.
const AUXILIARIES: &[&str] = &["a", "ont", "avait", "avaient", "aura", "auront", "été", "est", "sont", "va", "vont"];

/// Prepositions after which a name is a complement.
const PREPOSITIONS: &[&str] = &[
    "à",
    "au",
    "aux",
    "en",
    "dans",
    "vers",
    "sur",
    "par",
    "avec",
    "contre",
    "entre",
    "après",
    "avant",
    "pour",
    "sans",
    "sous",
    "via",
    "auprès",
    "face",
    "comme",
    "dont",
    "et",
    "ou",
    "hors",
    "notamment",
    "passant",
    "ni",
];

/// The role of the name whose first token is `k` in `toks` (the sentence's tokens).
///
/// ```
/// use depeche::facts::{subject::{Role, role}, words::tokens};
/// let text = "Le chiffre d'affaires de Google Cloud a bondi.";
/// let toks = tokens(text, 0..text.len());
/// let k = toks.iter().position(|t| t.text(text) == "Google").unwrap();
/// assert_eq!(role(text, &toks, k), Role::Possessor);
/// ```
pub fn role(text: &str, toks: &[Tok], k: usize) -> Role {
    role_for(text, toks, k, false)
}

/// [`role`], for a deal's figure when `deal` is true: the agent of a deal
/// (« par BNP Paribas ») is the buyer.
pub fn role_for(text: &str, toks: &[Tok], k: usize, deal: bool) -> Role {
    role_by(toks, &|i: usize| fold_tok(text, &toks[i]), k, deal)
}

/// [`role_for`] when the sentence's words are folded already (`folded[i]`
/// is [`fold_tok`] of `toks[i]`).
pub fn role_folded(toks: &[Tok], folded: &[Cow<'_, str>], k: usize, deal: bool) -> Role {
    role_by(toks, &|i: usize| Cow::Borrowed(&*folded[i]), k, deal)
}

fn role_by<'a>(toks: &[Tok], word: &dyn Fn(usize) -> Cow<'a, str>, k: usize, deal: bool) -> Role {
    if k == 0 {
        return Role::Clause;
    }
    let mut p = k - 1;
    // Elision: « d'Amazon », « qu'Alphabet », « l'action ».
    if word(p) == "'" && p > 0 {
        p -= 1;
    }
    // An article: « selon l'Insee », « par la BNS ».
    if p > 0 && matches!(word(p).as_str(), "l" | "le" | "la" | "les") {
        p -= 1;
        if word(p) == "'" && p > 0 {
            p -= 1;
        }
    }
    let prev = word(p);
    match prev.as_str() {
        "selon" => return Role::Source,
        "pour" if p == 0 => return Role::Source,
        "chez" => return Role::Possessor,
        "de" | "d" | "du" | "des" => {
            // « le chiffre d'affaires (annualisé) de X »: a measure noun within
            // two words before « de ».
            let possessed = (p.saturating_sub(2)..p).any(|q| POSSESSOR_NOUNS.contains(&word(q).as_str()));
            return if possessed { Role::Possessor } else { Role::Complement };
        }
        "au" | "en" | "dans" => {
            if (p.saturating_sub(3)..p).any(|q| MACRO_NOUNS.contains(&word(q).as_str())) {
                return Role::Possessor;
            }
            return Role::Complement;
        }
        "par" if deal => return Role::Possessor,
        _ => {}
    }
    if PREPOSITIONS.contains(&prev.as_str()) {
        return Role::Complement;
    }
    // A comparison: « plus d'avions que Boeing ».
    if prev == "que" && (p.saturating_sub(4)..p).any(|q| matches!(word(q).as_str(), "plus" | "moins" | "autant")) {
        return Role::Complement;
    }
    // An apposition: « le néerlandais ASML », « le brasseur AB InBev »,
    // « la directrice financière Amy Hood »: the role of the noun phrase.
    if toks[p].word && prev.chars().all(char::is_lowercase) {
        for q in (p.saturating_sub(3)..=p).rev() {
            let w = word(q);
            if matches!(w.as_str(), "le" | "la" | "les") || (w == "l" && word(q + 1) == "'") {
                return role_by(toks, word, q, deal);
            }
            if !toks[q].word || !w.chars().all(char::is_lowercase) {
                break;
            }
        }
    }
    // The object of a verb: « a racheté X », « a dépassé X ».
    let participle = ["é", "és", "ée", "ées", "is", "ise", "u", "ue"].iter().any(|e| prev.ends_with(e));
    if participle && p > 0 && AUXILIARIES.contains(&word(p - 1).as_str()) {
        return Role::Complement;
    }
    if prev == "après" && p > 0 && word(p - 1) == "d" {
        return Role::Source;
    }
    Role::Clause
}

/// Determiners before an anaphoric noun (« le groupe », « cette société »).
pub fn is_determiner(folded: &str) -> bool {
    matches!(folded, "le" | "la" | "l" | "'" | "ce" | "cette" | "cet")
}
