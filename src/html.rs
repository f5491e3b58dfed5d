//! HTML articles: the article's text, title, date and canonical URL.
//!
//! A news page is mostly not the article: navigation, share bars, "à lire
//! aussi" boxes, comments, footers, scripts. [`extract_article`] reduces a
//! page to the article in four steps:
//!
//! 1. the page is parsed by `dom_query` (html5ever, the HTML5 parsing
//!    algorithm: entities are decoded, broken markup is repaired);
//! 2. the metadata is read before anything is removed (meta tags, `<link
//!    rel=canonical>`, JSON-LD `NewsArticle` blocks, `<time datetime>`);
//! 3. obvious boilerplate is removed (`nav`, `aside`, `footer`, `form`,
//!    `script`, `style`, site headers, and elements whose class or id names a
//!    share bar, comments, a newsletter box, related links or an ad), then
//!    `dom_smoothie` (a port of Mozilla's Readability) scores what is left and
//!    picks the article body;
//! 4. the body is turned into text by our own serializer, which keeps French
//!    typography: only HTML white space (space, tab, CR, LF, FF) is collapsed,
//!    so the no-break spaces of « 1 234 € » and « 40 % » (U+00A0, U+202F)
//!    stay as they are. Blocks (paragraphs, headings, list items, quotes)
//!    are separated by a blank line; `<br>` is a line break. Figure captions
//!    are left out (photo credits are not the story).
//!
//! The text starts with the headline (the page's `<h1>`, or else the title)
//! as its first paragraph, like the plain-text articles depeche reads, so
//! that names in headlines are found too; offsets index this text.
//!
//! ```
//! let page = r#"<html><head><title>La BCE relève ses taux | Le Quotidien</title>
//! <meta property="article:published_time" content="2025-03-04T08:00:00+01:00"></head>
//! <body><nav><a href="/">Accueil</a></nav><article><h1>La BCE relève ses taux</h1>
//! <p>Le premier paragraphe, assez long pour être un article de presse ordinaire.</p>
//! <p>Le second, avec 40&nbsp;% et d&rsquo;autres choses encore à raconter ici.</p></article>
//! <footer>Mentions légales</footer></body></html>"#;
//! let a = depeche::html::extract_article(page).unwrap();
//! assert_eq!(a.title.as_deref(), Some("La BCE relève ses taux"));
//! assert_eq!(a.date.as_deref(), Some("2025-03-04T08:00:00+01:00"));
//! assert!(a.text.starts_with("La BCE relève ses taux\n\nLe premier paragraphe"));
//! assert!(a.text.contains("avec 40\u{a0}% et d’autres"));
//! assert!(!a.text.contains("Accueil") && !a.text.contains("Mentions"));
//! ```

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};
use serde_json::Value;

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
/// Title: `og:title`, else the JSON-LD article's `headline`, else
/// `twitter:title`, else `<title>` (without a trailing « | Site » part),
/// else the first `<h1>`. Date: `article:published_time`, else JSON-LD
/// `datePublished`, else `<meta itemprop=datePublished>` / `name=date`, else
/// the first `<time datetime>` (inside the article when there is one).
/// URL: `<link rel=canonical>`, else `og:url`, else the JSON-LD `url` /
/// `mainEntityOfPage`. Values are given as the page states them (trimmed,
/// white space collapsed, entities decoded).
///
/// # Errors
/// A message when no article text can be found (an empty page, a page of
/// links only, or something that is not HTML).
pub fn extract_article(html: &str) -> Result<HtmlArticle, String> {
    if nesting_depth(html, MAX_DEPTH) > MAX_DEPTH {
        return Err(format!(
            "the HTML page nests elements more than {MAX_DEPTH} levels deep (as an HTML5 parser \
             would nest them), deeper than any real article page; it was not parsed, as parsing \
             it would take time growing with the square of its size"
        ));
    }
    let doc = Document::from(html);
    let meta = Metadata::read(&doc);
    let headline = first_text(&doc, "article h1, main h1").or_else(|| first_text(&doc, "h1"));
    remove_boilerplate(&doc);
    // What is left of the article (or the whole body), for pages that
    // Readability gives up on (too many elements, nothing it scores).
    let fallback = ["article", "main", "body"]
        .iter()
        .find_map(|sel| doc.select(sel).nodes().first().map(html_to_text).filter(|t| !t.is_empty()))
        .unwrap_or_default();

    let config = Config { max_elements_to_parse: MAX_ELEMENTS, ..Config::default() };
    let body = match Readability::with_document(doc, None, Some(config)).and_then(|mut r| r.parse()) {
        Ok(article) => html_to_text(&Document::fragment(article.content).root()),
        Err(_) => String::new(),
    };
    let body = if body.is_empty() { fallback } else { body };
    if body.is_empty() {
        return Err("no article text found in the HTML page (no paragraphs outside navigation, \
             share bars, comments and footers); check that the file is an article page"
            .to_string());
    }
    let mut text = String::new();
    if let Some(h) = headline.as_deref().or(meta.title.as_deref()) {
        let starts_with_headline = body.strip_prefix(h).is_some_and(|rest| rest.is_empty() || rest.starts_with('\n'));
        if !starts_with_headline {
            text.push_str(h);
            text.push_str("\n\n");
        }
    }
    text.push_str(&body);
    Ok(HtmlArticle { text, title: meta.title, date: meta.date, url: meta.url })
}

/// Deepest element nesting accepted: real article pages stay far below;
/// parsing and scoring cost grows with the square of the depth.
const MAX_DEPTH: usize = 256;

/// Pages with more elements skip Readability and keep the text of their
/// `<article>`, `<main>` or `<body>` (without boilerplate).
const MAX_ELEMENTS: usize = 200_000;

/// The deepest element nesting of a page, counted from its tags as the
/// HTML5 tree builder will nest them, up to `limit` (it stops counting
/// beyond: the answer is then `limit + 1`), so that the count costs at most
/// `limit` steps a tag, linear in the page.
///
/// A start tag opens an element, with or without a trailing slash (HTML5
/// ignores `<div/>`'s slash; only in SVG and MathML does it close the
/// element); an end tag closes the innermost open element of its name and
/// those opened inside it, and is ignored when no such element is open
/// (`</span>` without `<span>` closes nothing). Void elements (`<br>`,
/// `<img>`), elements whose end tag may be left out (`p`, `li`, `td`...,
/// which the tree builder closes on their own), comments, and the content
/// of `script`, `style`, `textarea` and `title` are not counted.
fn nesting_depth(html: &str, limit: usize) -> usize {
    const NO_DEPTH: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "optgroup", "rt", "rp",
        "colgroup", "caption", "html", "head", "body", "frame", "keygen",
    ];
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let (mut max, mut i) = (0usize, 0usize);
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off + 1;
        let rest = &html[i..];
        if rest.starts_with("!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(rest.len() - name_start);
        if name_len == 0 || !rest.as_bytes()[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = rest.find('>').map_or(rest.len(), |e| e + 1);
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
        } else if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            i += find_end_tag(rest, &name).unwrap_or(rest.len());
            continue;
        } else if !NO_DEPTH.contains(&name.as_str()) {
            let foreign = open.iter().any(|n| n == "svg" || n == "math");
            // These never nest in themselves: a new one closes the open one.
            if matches!(name.as_str(), "a" | "nobr" | "button" | "form")
                && let Some(at) = open.iter().rposition(|n| *n == name)
            {
                open.truncate(at);
            }
            let heading = |n: &str| matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            if heading(&name) && open.last().is_some_and(|n| heading(n)) {
                open.pop();
            }
            if !(foreign && rest[..tag_end].ends_with("/>")) {
                open.push(name);
                max = max.max(open.len());
                if max > limit {
                    return max;
                }
            }
        }
        i += tag_end.min(rest.len());
    }
    max
}

/// Where `</name` starts in `s` (ASCII case-insensitive).
fn find_end_tag(s: &str, name: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(off) = memchr::memmem::find(&bytes[from..], b"</") {
        let at = from + off;
        let tail = &bytes[at + 2..];
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Title, date and URL read from a page's head and JSON-LD.
#[derive(Debug, Default)]
struct Metadata {
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

impl Metadata {
    fn read(doc: &Document) -> Metadata {
        let meta = |keys: &[&str]| -> Option<String> {
            for key in keys {
                for attr in ["property", "name", "itemprop"] {
                    for node in doc.select(&format!("meta[{attr}]")).nodes() {
                        let matches = node.attr(attr).is_some_and(|v| v.trim().eq_ignore_ascii_case(key));
                        if matches && let Some(v) = node.attr("content").and_then(|c| clean(&c)) {
                            return Some(v);
                        }
                    }
                }
            }
            None
        };
        let ld = json_ld_article(doc);
        let ld_str = |key: &str| ld.as_ref().and_then(|o| o.get(key)).and_then(json_text);

        let title = meta(&["og:title"])
            .or_else(|| ld_str("headline"))
            .or_else(|| meta(&["twitter:title"]))
            .or_else(|| first_text(doc, "head title").map(|t| strip_site_name(&t)))
            .or_else(|| first_text(doc, "h1"));
        let date = meta(&["article:published_time"])
            .or_else(|| ld_str("datePublished"))
            .or_else(|| meta(&["datePublished", "date", "pubdate", "dc.date.issued", "dc.date"]))
            .or_else(|| {
                ["article time[datetime]", "main time[datetime]", "time[datetime]"].iter().find_map(|sel| {
                    doc.select(sel).nodes().iter().find_map(|n| n.attr("datetime").and_then(|d| clean(&d)))
                })
            });
        let url = doc
            .select("link[rel][href]")
            .nodes()
            .iter()
            .find(|n| {
                n.attr("rel").is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")))
            })
            .and_then(|n| n.attr("href").and_then(|h| clean(&h)))
            .or_else(|| meta(&["og:url"]))
            .or_else(|| ld_str("url"))
            .or_else(|| {
                ld.as_ref().and_then(|o| o.get("mainEntityOfPage")).and_then(|m| match m {
                    Value::Object(o) => o.get("@id").and_then(json_text),
                    other => json_text(other),
                })
            });
        Metadata { title, date, url }
    }
}

/// The first JSON-LD object (in `<script type="application/ld+json">`, also
/// inside arrays and `@graph`) whose `@type` is an article type.
fn json_ld_article(doc: &Document) -> Option<serde_json::Map<String, Value>> {
    fn is_article_type(t: &Value) -> bool {
        match t {
            Value::String(s) => s.ends_with("Article") || matches!(s.as_str(), "BlogPosting" | "LiveBlogPosting"),
            Value::Array(a) => a.iter().any(is_article_type),
            _ => false,
        }
    }
    fn find(v: Value, depth: usize) -> Option<serde_json::Map<String, Value>> {
        if depth > 8 {
            return None;
        }
        match v {
            Value::Array(items) => items.into_iter().find_map(|i| find(i, depth + 1)),
            Value::Object(mut o) => {
                if o.get("@type").is_some_and(is_article_type) {
                    return Some(o);
                }
                o.remove("@graph").and_then(|g| find(g, depth + 1))
            }
            _ => None,
        }
    }
    doc.select("script[type]").nodes().iter().find_map(|n| {
        let is_ld = n.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            return None;
        }
        let raw = n.text();
        let raw = raw.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim().trim_end_matches(';');
        serde_json::from_str::<Value>(raw).ok().and_then(|v| find(v, 0))
    })
}

/// A JSON-LD value as text: a string (entities decoded, as some sites
/// escape them in JSON-LD), or the first string of an array.
fn json_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(&html_escape::decode_html_entities(s)),
        Value::Array(a) => a.iter().find_map(json_text),
        _ => None,
    }
}

/// Trims and collapses HTML white space; `None` when nothing is left.
/// No-break spaces are kept.
fn clean(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for word in s.split(is_html_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = out.trim().to_string();
    (!out.is_empty()).then_some(out)
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

fn first_text(doc: &Document, sel: &str) -> Option<String> {
    doc.select(sel).nodes().iter().find_map(|n| clean(&n.text()))
}

/// « Le titre | Le Quotidien » → « Le titre »: drops the last part after a
/// ` | `, ` – `, ` — ` or ` - ` separator when what remains has at least
/// three words.
fn strip_site_name(title: &str) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: "] {
        if let Some(pos) = title.rfind(sep) {
            let head = title[..pos].trim();
            if head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
        }
    }
    title.to_string()
}

/// Elements removed before the article body is looked for.
const BOILERPLATE_TAGS: &str = "script, style, noscript, template, nav, aside, footer, form, iframe, \
                                svg, button, select, dialog, figcaption";

/// Parts of a class or id (split on `-`, `_` and spaces) that name
/// boilerplate, removed whatever its size: comments, share bars, related
/// links, newsletter boxes.
const BOILERPLATE_WORDS: &[&str] = &[
    "aussi",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "commentaire",
    "commentaires",
    "comments",
    "newsletter",
    "outbrain",
    "partage",
    "partager",
    "related",
    "share",
    "sharing",
    "social",
    "taboola",
];

/// Parts of a class or id that name boilerplate only when the element holds
/// little text (ads, banners, menus): `class="article-body ad-free"` or
/// `class="pub-2025 longform"` must not take the article away.
const SHORT_BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "cookie",
    "cookies",
    "menu",
    "pub",
    "publicite",
    "sidebar",
    "subscribe",
];

/// Most characters of text in an element removed for a word of
/// [`SHORT_BOILERPLATE_WORDS`].
const SHORT_BOILERPLATE_CHARS: usize = 300;

fn remove_boilerplate(doc: &Document) {
    doc.select(BOILERPLATE_TAGS).remove();
    // A site header (logo, menu), not the article's own header.
    for node in doc.select("header").nodes() {
        let in_article = node.ancestors_it(None).any(|a| a.has_name("article") || a.has_name("main"));
        if !in_article {
            node.remove_from_parent();
        }
    }
    for node in doc.select("[class], [id]").nodes() {
        if ["html", "body", "main", "article"].iter().any(|t| node.has_name(t)) {
            continue;
        }
        let names = format!("{} {}", node.attr("class").unwrap_or_default(), node.attr("id").unwrap_or_default());
        let words = || names.split(|c: char| c == '-' || c == '_' || is_html_space(c));
        let has = |list: &[&str]| words().any(|w| list.iter().any(|b| w.eq_ignore_ascii_case(b)));
        if has(BOILERPLATE_WORDS)
            || (has(SHORT_BOILERPLATE_WORDS) && node.text().chars().count() <= SHORT_BOILERPLATE_CHARS)
        {
            node.remove_from_parent();
        }
    }
}

/// Block elements: each starts and ends a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "table"
            | "tr"
            | "hr"
            | "address"
    )
}

/// Text of a node tree: blocks separated by a blank line, `<br>` as a line
/// break, HTML white space collapsed (no-break spaces kept), paragraphs
/// trimmed, empty ones dropped. Iterative, so deep nesting cannot overflow
/// the stack.
fn html_to_text(root: &NodeRef) -> String {
    enum Step<'a> {
        Open(NodeRef<'a>),
        Close(bool),
    }
    let mut out = String::new();
    let mut para = String::new();
    let mut pre_depth = 0usize;
    let mut stack: Vec<Step> = root.children_it(true).map(Step::Open).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(pre) => {
                if pre {
                    pre_depth -= 1;
                }
                flush_paragraph(&mut out, &mut para);
            }
            Step::Open(node) => {
                if node.is_text() {
                    let t = node.text();
                    if pre_depth > 0 {
                        para.push_str(&t);
                    } else {
                        push_collapsed(&mut para, &t);
                    }
                    continue;
                }
                if !node.is_element() {
                    continue;
                }
                let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
                match name.as_str() {
                    "script" | "style" | "noscript" | "template" | "figcaption" => continue,
                    "br" => {
                        para.truncate(para.trim_end_matches(' ').len());
                        para.push('\n');
                        continue;
                    }
                    "td" | "th" if !para.is_empty() && !para.ends_with([' ', '\n']) => para.push(' '),
                    _ => {}
                }
                if is_block(&name) {
                    flush_paragraph(&mut out, &mut para);
                    let pre = name == "pre";
                    if pre {
                        pre_depth += 1;
                    }
                    stack.push(Step::Close(pre));
                }
                stack.extend(node.children_it(true).map(Step::Open));
            }
        }
    }
    flush_paragraph(&mut out, &mut para);
    out
}

/// Appends text with runs of HTML white space collapsed to one space.
fn push_collapsed(para: &mut String, text: &str) {
    let mut space = para.ends_with([' ', '\n']) || para.is_empty();
    for c in text.chars() {
        if is_html_space(c) {
            if !space {
                para.push(' ');
                space = true;
            }
        } else {
            para.push(c);
            space = false;
        }
    }
}

/// Ends the current paragraph: trims each of its lines (all white space,
/// including a lone `&nbsp;`), drops empty lines, and appends it to `out`
/// after a blank line.
fn flush_paragraph(out: &mut String, para: &mut String) {
    let lines: Vec<&str> = para.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if !lines.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&lines.join("\n"));
    }
    para.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_no_break_spaces_and_paragraphs() {
        let doc = Document::fragment("<p>Un  chiffre\n de 1&nbsp;234&#8239;€.</p><p>&nbsp;</p><p>Deux<br>lignes</p>");
        assert_eq!(html_to_text(&doc.root()), "Un chiffre de 1\u{a0}234\u{202f}€.\n\nDeux\nlignes");
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let page = format!("{}<p>Un paragraphe assez long au fond de la page.</p>", "<div>".repeat(50_000));
        let started = std::time::Instant::now();
        let err = extract_article(&page).unwrap_err();
        assert!(err.contains("levels deep"), "{err}");
        assert!(started.elapsed().as_secs() < 5);
        let page = format!("{}<p>Un paragraphe au fond d’une page un peu profonde.</p>", "<div><span>".repeat(60));
        assert!(extract_article(&page).unwrap().text.contains("Un paragraphe au fond"));
    }

    #[test]
    fn nesting_depth_ignores_optional_end_tags_and_scripts() {
        let depth = |html| nesting_depth(html, 1000);
        assert_eq!(depth("<div><p>a<p>b<ul><li>c<li>d</ul></div>"), 2);
        assert_eq!(depth("<script>if (a<b) { '<div><div>' }</script><div></div><!-- <div> -->"), 1);
        assert_eq!(depth("<div><img src=x><br/></div>"), 1);
        // HTML5 ignores the slash of `<span/>`: the span stays open.
        assert_eq!(depth("<div><span/></div>"), 2);
        assert_eq!(depth("<div/><div/><div/>"), 3);
        // An end tag without its start tag closes nothing.
        assert_eq!(depth("<div></span><div></b><div>"), 3);
        // An end tag closes what was opened inside its element.
        assert_eq!(depth("<div><b><i></div><div>"), 3);
        // In SVG, `<path/>` is closed.
        assert_eq!(depth("<svg><path/><path/></svg>"), 1);
        // A link opened in a link closes it first.
        assert_eq!(depth("<div><a href=1>x<a href=2>y<a href=3>z</div>"), 2);
        // Counting stops past the limit.
        assert_eq!(nesting_depth(&"<div>".repeat(10_000), 5), 6);
    }

    #[test]
    fn ad_words_remove_short_blocks_only() {
        let para =
            "<p>Un paragraphe d’article de presse, assez long pour compter, avec 40\u{a0}% de hausse et des noms.</p>";
        let page = format!(
            "<html><body><div class='pub'>Publicité</div><div class='article-body ad-free'>{}</div>\
             <section class='comments'>{}</section></body></html>",
            para.repeat(6),
            para.replace("Un paragraphe", "Un commentaire").repeat(6)
        );
        let a = extract_article(&page).unwrap();
        assert_eq!(a.text.matches("Un paragraphe").count(), 6, "{}", a.text);
        assert!(!a.text.contains("Publicité") && !a.text.contains("Un commentaire"), "{}", a.text);
    }

    #[test]
    fn site_name_is_stripped_from_titles() {
        assert_eq!(strip_site_name("La BCE relève ses taux | Le Quotidien"), "La BCE relève ses taux");
        assert_eq!(strip_site_name("Météo - Paris"), "Météo - Paris");
    }

    #[test]
    fn empty_and_non_html_pages_are_errors() {
        assert!(extract_article("").is_err());
        assert!(extract_article("<html><body><nav><a href='/'>Accueil</a></nav></body></html>").is_err());
    }
}
