//! Monetary amounts: a number and a currency in any order and spacing
//! (« 100 $ », « $100 », « USD 100 », « 1,5 million d'euros », « un milliard
//! de yens »), ranges sharing scale and currency (« entre 60 et 65 milliards
//! de dollars »), qualifiers (« environ », « plus de »), minor units
//! (« 1 euro et 23 centimes ») and per-unit prices (« 80 dollars le baril »).
//! The grammar lives in [`super::figure`]; rules: `money.number_currency`,
//! `money.currency_number`, `money.range`, `money.minor_unit`.

use super::figure::Grammar;
use super::{Context, Mention};
use crate::Result;
use crate::pipeline::Settings;
use crate::record::Kind;
use std::sync::Arc;

/// The money extractor, built once.
#[derive(Debug)]
pub struct Money {
    grammar: Arc<Grammar>,
}

impl Money {
    /// Builds the extractor (loads the currency lexicon).
    pub fn new(settings: &Settings) -> Result<Self> {
        Ok(Money { grammar: Arc::new(Grammar::new(settings)?) })
    }

    /// Builds the extractor on a grammar already built (the money and
    /// percent extractors share one: it is the same scan).
    pub(crate) fn with_grammar(grammar: Arc<Grammar>) -> Self {
        Money { grammar }
    }

    /// Appends the amounts found in the article to `out`.
    pub fn extract(&self, cx: &Context<'_>, out: &mut Vec<Mention>) {
        self.grammar.extract(cx, Kind::Money, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        crate::extract::figure::found(text, Kind::Money)
            .into_iter()
            .map(|(m, v)| format!("{}={} {}", &text[m.start..m.end], v, m.currency.as_deref().unwrap_or("-")))
            .collect()
    }

    #[test]
    fn positives() {
        assert_eq!(run("Il a payé 26,3 milliards de dollars."), ["26,3 milliards de dollars=26300000000 USD"]);
        assert_eq!(run("Un billet de 1\u{a0}234,56\u{a0}€."), ["1\u{a0}234,56\u{a0}€=1234.56 EUR"]);
        assert_eq!(
            run("Coût : entre 60 et 65 milliards de dollars."),
            ["entre 60 et 65 milliards de dollars=60000000000..65000000000 USD"]
        );
        assert_eq!(run("Le prix : CHF 12.50 net."), ["CHF 12.50=12.5 CHF"]);
        assert_eq!(run("Un contrat de 2 Md€."), ["2 Md€=2000000000 EUR"]);
        assert_eq!(run("Il coûte un euro et vingt centimes."), ["un euro et vingt centimes=1.2 EUR"]);
    }

    #[test]
    fn negatives() {
        assert!(run("En 2025, 300 employés ont quitté le groupe.").is_empty());
        assert!(run("Le CAC 40 a fini la séance en hausse.").is_empty());
        assert!(run("Face à un euro fort, les exportateurs souffrent.").is_empty());
        assert!(run("Des centaines de milliers de puces Trainium2.").is_empty());
    }
}
