//! The parts of a page shared by the extract report and the diff report:
//! the head (inline CSS and JS), the kind colours and legend, the bar chart.

use std::io::{self, Write};

use super::escape::{class_name, escape};

const CSS: &str = include_str!("assets/report.css");
const JS: &str = include_str!("assets/report.js");

/// Border and background colours, one pair per kind in order of
/// [`crate::Kind::ALL`]; kinds past the list reuse it from the start.
const PALETTE: [(&str, &str); 10] = [
    ("#d1495b", "#fbe3e6"),
    ("#2f6fb0", "#e0ecf8"),
    ("#2e8b57", "#dff3e7"),
    ("#c77c02", "#fdefd2"),
    ("#7b4bb7", "#ece3f7"),
    ("#0f8b8d", "#d9f2f2"),
    ("#8c564b", "#f0e4e1"),
    ("#b5527a", "#f7e1ea"),
    ("#5f6b00", "#eef2cc"),
    ("#555f6d", "#e6e8eb"),
];

/// Writes `<!doctype html>` to the opening of the page body: the title, the
/// inline style (with a colour rule per kind of `kinds`) and script.
pub(crate) fn write_head(w: &mut dyn Write, title: &str, kinds: &[String]) -> io::Result<()> {
    let mut out = Vec::with_capacity(CSS.len() + JS.len() + 1024);
    out.extend_from_slice(b"<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.extend_from_slice(b"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.extend_from_slice(b"<meta name=\"generator\" content=\"depeche ");
    out.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    out.extend_from_slice(b"\">\n<title>");
    escape(&mut out, title);
    out.extend_from_slice(b"</title>\n<style>\n");
    out.extend_from_slice(CSS.as_bytes());
    for (i, k) in kinds.iter().enumerate() {
        let (c, bg) = PALETTE[i % PALETTE.len()];
        let _ = writeln!(out, ".k-{} {{ --c: {c}; --bg: {bg}; }}", class_name(k));
    }
    out.extend_from_slice(b"</style>\n<script>\n");
    out.extend_from_slice(JS.as_bytes());
    out.extend_from_slice(b"</script>\n</head>\n<body>\n<main class=\"page\">\n");
    w.write_all(&out)
}

/// The sticky bar: the filter box, the count of articles shown, and the
/// legend whose boxes toggle each kind.
pub(crate) fn write_bar(out: &mut Vec<u8>, kinds: &[String], extra: &str) {
    out.extend_from_slice(b"<div class=\"bar\"><input type=\"search\" id=\"filter\" placeholder=\"Filter: article id or entity text\" aria-label=\"Filter articles by id or entity text\"> <span class=\"muted\" id=\"shown\"></span> <span class=\"legend\">");
    for k in kinds {
        let c = class_name(k);
        let _ = write!(
            out,
            "<label class=\"k k-{c}\"><input type=\"checkbox\" checked data-kind=\"{c}\"> <span class=\"sw\"></span> "
        );
        escape(out, k);
        out.extend_from_slice(b"</label> ");
    }
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(b"</span></div>\n");
}

/// A horizontal bar chart (inline SVG) of counts per kind.
pub(crate) fn write_chart(out: &mut Vec<u8>, counts: &[(String, usize)]) {
    const ROW: usize = 24;
    const LABEL: usize = 96;
    const BAR: usize = 150;
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = ROW * counts.len().max(1);
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-label=\"Entities by kind\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\">",
        LABEL + BAR + 50,
        LABEL + BAR + 50
    );
    for (i, (k, n)) in counts.iter().enumerate() {
        let y = i * ROW;
        let width = if *n == 0 { 0 } else { (n * BAR / max).max(2) };
        let _ = write!(out, "<g class=\"k k-{}\" data-kind=\"{}\">", class_name(k), class_name(k));
        let _ = write!(out, "<text x=\"0\" y=\"{}\">", y + 16);
        escape(out, k);
        let _ = write!(
            out,
            "</text><rect x=\"{LABEL}\" y=\"{}\" width=\"{width}\" height=\"{}\" rx=\"2\"></rect><text x=\"{}\" y=\"{}\">{n}</text></g>",
            y + 4,
            ROW - 8,
            LABEL + width + 6,
            y + 16
        );
    }
    out.extend_from_slice(b"</svg>");
}

/// The end of the page.
pub(crate) fn write_foot(w: &mut dyn Write) -> io::Result<()> {
    w.write_all(b"</main>\n</body>\n</html>\n")
}
