//! The scores an evaluation reports: per kind, micro-averaged, per fact
//! field, with examples of errors.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::GoldError;
use crate::record::Kind;

/// True positives under one matching.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Matched {
    /// Entities matched.
    pub tp: usize,
    /// Precision (0 when nothing was predicted).
    pub precision: f64,
    /// Recall (0 when there is no gold entity).
    pub recall: f64,
    /// F1 (0 when precision and recall are 0).
    pub f1: f64,
}

impl Matched {
    fn new(tp: usize, gold: usize, predicted: usize) -> Matched {
        let precision = if predicted == 0 { 0.0 } else { tp as f64 / predicted as f64 };
        let recall = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Matched { tp, precision, recall, f1 }
    }
}

/// Scores of one kind (or of a micro-average).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindScore {
    /// `person`, ..., or `names` / `figures` for the micro-averages.
    pub kind: String,
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Strict matching.
    pub strict: Matched,
    /// Overlap matching.
    pub overlap: Matched,
}

impl KindScore {
    pub(super) fn new(kind: &str, gold: usize, predicted: usize, strict_tp: usize, overlap_tp: usize) -> KindScore {
        KindScore {
            kind: kind.to_string(),
            gold,
            predicted,
            strict: Matched::new(strict_tp, gold, predicted),
            overlap: Matched::new(overlap_tp, gold, predicted),
        }
    }
}

/// A false positive or false negative kept for the listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorExample {
    /// The article id.
    pub id: String,
    /// The entity kind.
    pub kind: String,
    /// `fp` (predicted, not in gold) or `fn` (in gold, not predicted).
    pub error: &'static str,
    /// Start (code points).
    pub start: usize,
    /// End (code points).
    pub end: usize,
    /// The entity text.
    pub text: String,
    /// The text around it, the entity between `[[` and `]]`, line breaks as spaces.
    pub context: String,
    /// The rule that fired (false positives), or that produced the
    /// overlapping prediction (false negatives with a near miss).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Why it is an error: `no overlap`, or what differs from the overlapping
    /// entity (`span`, `value`, `currency`).
    pub reason: String,
}

/// The result of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Articles scored.
    pub documents: usize,
    /// Per kind, in the order of [`Kind::ALL`]; only judged kinds.
    pub kinds: Vec<KindScore>,
    /// Micro-averages: `names` (person + organization), `figures` (money + percent).
    pub micro: Vec<KindScore>,
    /// Gold entities of kinds depeche does not produce or that were not judged, by kind.
    pub ignored: BTreeMap<String, usize>,
    /// Predictions of kinds the gold file does not annotate, by kind (not scored).
    pub not_annotated: BTreeMap<String, usize>,
    /// Listed errors (with `errors` > 0), per kind: false positives then false negatives.
    pub errors: Vec<ErrorExample>,
    /// Gold lines that could not be used.
    pub malformed: Vec<GoldError>,
    /// Facts of the figures (`subject`, `period`, `measure`), when the gold
    /// annotates them: for each field, `gold` counts the gold figures that
    /// have it, `predicted` the predicted figures that have it, and a true
    /// positive is a strictly matched figure with the same value (a subject
    /// matches by canonical name or by any of its mentions). `strict` and
    /// `overlap` are the same.
    pub facts: Vec<KindScore>,
}

impl Report {
    /// The scores of one kind, when it was judged.
    pub fn kind(&self, kind: Kind) -> Option<&KindScore> {
        self.kinds.iter().find(|k| k.kind == kind.as_str())
    }

    /// The scores of a kind or of a micro-average (`names`, `figures`).
    pub fn score(&self, name: &str) -> Option<&KindScore> {
        self.kinds.iter().chain(&self.micro).chain(&self.facts).find(|k| k.kind == name)
    }

    /// The report as an aligned text table, followed by ignored kinds,
    /// listed errors and malformed lines.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{} article{}", self.documents, if self.documents == 1 { "" } else { "s" });
        let _ = writeln!(s, "{:<16} {:>6} {:>6}   {:^20}   {:^20}", "", "", "", "strict", "overlap");
        let _ = writeln!(
            s,
            "{:<16} {:>6} {:>6}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
            "kind", "gold", "pred", "P", "R", "F1", "P", "R", "F1"
        );
        let row = |s: &mut String, k: &KindScore| {
            let _ = writeln!(
                s,
                "{:<16} {:>6} {:>6}   {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}",
                k.kind,
                k.gold,
                k.predicted,
                k.strict.precision,
                k.strict.recall,
                k.strict.f1,
                k.overlap.precision,
                k.overlap.recall,
                k.overlap.f1
            );
        };
        for k in &self.kinds {
            row(&mut s, k);
        }
        if !self.micro.is_empty() {
            let _ = writeln!(s, "{}", "-".repeat(80));
            for k in &self.micro {
                let mut k = k.clone();
                k.kind = format!("{} (micro)", k.kind);
                row(&mut s, &k);
            }
        }
        if !self.facts.is_empty() {
            let _ = writeln!(s, "{}", "-".repeat(80));
            for k in &self.facts {
                let mut k = k.clone();
                k.kind = format!("{} (facts)", k.kind);
                row(&mut s, &k);
            }
        }
        if !self.ignored.is_empty() {
            let list: Vec<String> = self.ignored.iter().map(|(k, n)| format!("{k} {n}")).collect();
            let _ = writeln!(s, "\nignored gold kinds (not scored): {}", list.join(", "));
        }
        if !self.not_annotated.is_empty() {
            let list: Vec<String> = self.not_annotated.iter().map(|(k, n)| format!("{k} {n}")).collect();
            let _ = writeln!(s, "predictions of kinds the gold does not annotate (not scored): {}", list.join(", "));
        }
        if !self.errors.is_empty() {
            let _ = writeln!(s, "\nerrors (strict matching):");
            for e in &self.errors {
                let rule = e.rule.as_deref().map(|r| format!(" rule={r}")).unwrap_or_default();
                let _ = writeln!(
                    s,
                    "{} {:<12} {} [{}..{}] {:?} ({}){}\n    {}",
                    e.error.to_uppercase(),
                    e.kind,
                    e.id,
                    e.start,
                    e.end,
                    e.text,
                    e.reason,
                    rule,
                    e.context
                );
            }
        }
        if !self.malformed.is_empty() {
            let _ = writeln!(s, "\n{} malformed gold line(s) skipped:", self.malformed.len());
            for m in &self.malformed {
                let _ = writeln!(s, "  {m}");
            }
        }
        s
    }
}
