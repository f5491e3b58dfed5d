//! HTML articles: the article's text, title, date and canonical URL
//! (placeholder until the HTML work lands).

/// What is extracted from an HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// The article's text, paragraphs separated by blank lines.
    pub text: String,
    /// The title.
    pub title: Option<String>,
    /// The publication date as stated.
    pub date: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
}

/// Extracts the article from an HTML page.
///
/// # Errors
/// A message when no article text can be found.
pub fn extract_article(_html: &str) -> Result<HtmlArticle, String> {
    Err("HTML input is not supported yet".to_string())
}
