//! HTML reports: what a run found ([`Report`], `depeche extract --format
//! html`) and what changed between two runs ([`diff`], `depeche diff
//! --html`), each one self-contained page (inline CSS and JS, no network)
//! that opens from disk.
//!
//! * Every entity is one `<mark class="k k-<kind>" data-e="<id>"
//!   tabindex="0" data-tip="...">`: its details show on hover and on
//!   keyboard focus. Nested entities nest; crossing entities are split, the
//!   later parts marked `cont` (and not focusable).
//! * Everything that comes from the input is escaped ([`escape`]).
//! * The extraction report is written as a stream: sections as records come,
//!   the summary at the end, shown first by the style sheet.

pub mod diff;
mod escape;
mod extract;
mod fields;
mod highlight;
mod page;

pub use escape::{class_name, escape, escape_text};
pub use extract::{MAX_ERRORS, MAX_NAMES, Report, ReportOptions, Section, write_report};
pub use highlight::{ByteOffsets, Span, write_marked};
