//! Percentages: « 40 % » (any space or none), « 40 pour cent », « quarante
//! pour cent », « 40 p. 100 », signed « +3,5 % », ranges « de 10 à 12 % »,
//! qualifiers as for money, and percentage points (« 4 points de
//! pourcentage », « 4 points » in a sentence about percentages). The value
//! is the percent number (« 40 % » → `40`). The grammar lives in
//! [`super::figure`]; rules: `percent.number_percent`, `percent.range`,
//! `percent.points`.

use super::figure::Grammar;
use super::{Context, Mention};
use crate::Result;
use crate::pipeline::Settings;
use crate::record::Kind;
use std::sync::Arc;

/// The percent extractor, built once.
#[derive(Debug)]
pub struct Percent {
    grammar: Arc<Grammar>,
}

impl Percent {
    /// Builds the extractor.
    pub fn new(settings: &Settings) -> Result<Self> {
        Ok(Percent { grammar: Arc::new(Grammar::new(settings)?) })
    }

    /// Builds the extractor on a grammar already built (the money and
    /// percent extractors share one: it is the same scan).
    pub(crate) fn with_grammar(grammar: Arc<Grammar>) -> Self {
        Percent { grammar }
    }

    /// Appends the percentages found in the article to `out`.
    pub fn extract(&self, cx: &Context<'_>, out: &mut Vec<Mention>) {
        self.grammar.extract(cx, Kind::Percent, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        crate::extract::figure::found(text, Kind::Percent)
            .into_iter()
            .map(|(m, v)| format!("{}={}{}", &text[m.start..m.end], v, if m.points { " pts" } else { "" }))
            .collect()
    }

    #[test]
    fn positives() {
        assert_eq!(run("Le titre a gagné 40\u{a0}%."), ["40\u{a0}%=40"]);
        assert_eq!(run("Une baisse de - 0,2 % ce mois."), ["- 0,2 %=-0.2"]);
        assert_eq!(run("Soit quarante pour cent des voix."), ["quarante pour cent=40"]);
        assert_eq!(run("Le taux passe de 10 à 12 %."), ["de 10 à 12 %=10..12"]);
        assert_eq!(run("Le taux de chômage gagne 0,3 point."), ["0,3 point=0.3 pts"]);
        assert_eq!(run("Il perd 4 points de pourcentage."), ["4 points de pourcentage=4 pts"]);
    }

    #[test]
    fn negatives() {
        assert!(run("L'équipe mène de 4 points au classement.").is_empty());
        assert!(run("Le 1er mai, 40 personnes défilaient.").is_empty());
        assert!(run("Il reste 25, 6 pour Instagram.").is_empty());
    }
}
