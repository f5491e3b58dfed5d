//! The French locale an article is written in: below the extractors, which
//! read it, and the pipeline, which sets it.

/// The French locale an article is written in. It decides what a bare « $ »
/// or « dollars » means (USD, but CAD in `fr-CA`) and which number words are
/// expected (« septante » in Belgium and Switzerland).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// France (default).
    #[default]
    FrFr,
    /// Belgium.
    FrBe,
    /// Switzerland.
    FrCh,
    /// Canada (Québec).
    FrCa,
}

impl Locale {
    /// Parses `fr-FR`, `fr-BE`, `fr-CH`, `fr-CA` (case-insensitive, `_` accepted).
    ///
    /// ```
    /// use depeche::Locale;
    /// assert_eq!(Locale::parse("fr_ca"), Some(Locale::FrCa));
    /// assert_eq!(Locale::parse("en-US"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Locale> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "fr-fr" | "fr" => Some(Locale::FrFr),
            "fr-be" => Some(Locale::FrBe),
            "fr-ch" => Some(Locale::FrCh),
            "fr-ca" => Some(Locale::FrCa),
            _ => None,
        }
    }

    /// The BCP 47 tag (`fr-FR`...).
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::FrFr => "fr-FR",
            Locale::FrBe => "fr-BE",
            Locale::FrCh => "fr-CH",
            Locale::FrCa => "fr-CA",
        }
    }
}
