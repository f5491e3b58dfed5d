//! The gazetteer automaton: every organization and place name and alias in
//! one Aho-Corasick automaton run over the whole text, leftmost-longest,
//! built once.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

use super::Entry;
use crate::record::Kind;

/// One gazetteer match: a byte range of the text and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Organization or place.
    pub kind: Kind,
    /// Index of the entry in its list.
    pub entry: usize,
    /// True when the text matched an alias (not the canonical name).
    pub alias: bool,
}

/// Organization and place names compiled into one automaton.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    automaton: Option<AhoCorasick>,
    /// Per pattern: (kind, entry index, is alias).
    targets: Vec<(Kind, usize, bool)>,
    lists: Vec<(Kind, Vec<String>)>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Gazetteer {
    /// Compiles the lists, in priority order (a name in two lists belongs to
    /// the first).
    pub fn new(lists: &[(Kind, &[Entry])]) -> Self {
        let mut seen: HashMap<String, ()> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets = Vec::new();
        let mut all = Vec::new();
        for &(kind, entries) in lists {
            let mut names = Vec::with_capacity(entries.len());
            for (i, e) in entries.iter().enumerate() {
                names.push(e.canonical.clone());
                let forms =
                    std::iter::once((e.canonical.as_str(), false)).chain(e.aliases.iter().map(|a| (a.as_str(), true)));
                for (form, alias) in forms {
                    let mut variants = vec![form.to_string()];
                    if form.contains('\'') {
                        variants.push(form.replace('\'', "’"));
                    }
                    if form.contains('’') {
                        variants.push(form.replace('’', "'"));
                    }
                    for v in variants {
                        if v.is_empty() || seen.insert(v.clone(), ()).is_some() {
                            continue;
                        }
                        patterns.push(v);
                        targets.push((kind, i, alias));
                    }
                }
            }
            all.push((kind, names));
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .expect("gazetteer automaton builds"),
            )
        };
        Gazetteer { automaton, targets, lists: all }
    }

    /// The canonical name of an entry.
    pub fn canonical(&self, kind: Kind, entry: usize) -> &str {
        self.lists.iter().find(|(k, _)| *k == kind).map(|(_, v)| v[entry].as_str()).unwrap_or("")
    }

    /// Every whole-word match in `text`, leftmost-longest, in order. A
    /// candidate that cuts a word (« Paris » in « Parisien ») is dropped and
    /// the search resumes one character later.
    pub fn find_all(&self, text: &str, out: &mut Vec<GazetteerMatch>) {
        let Some(ac) = &self.automaton else { return };
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = ac.find(Input::new(text).range(pos..)) else { break };
            let (s, e) = (m.start(), m.end());
            let before_ok = text[..s].chars().next_back().is_none_or(|c| !is_word_char(c));
            let after_ok = text[e..].chars().next().is_none_or(|c| !is_word_char(c));
            if before_ok && after_ok {
                let (kind, entry, alias) = self.targets[m.pattern().as_usize()];
                out.push(GazetteerMatch { start: s, end: e, kind, entry, alias });
                pos = e;
            } else {
                pos = s + text[s..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_longest_and_apostrophes() {
        let orgs = vec![
            Entry { canonical: "Amazon".into(), kind_detail: "company".into(), aliases: vec![] },
            Entry {
                canonical: "Amazon Web Services".into(),
                kind_detail: "company".into(),
                aliases: vec!["AWS".into()],
            },
            Entry { canonical: "Ministère de l'Intérieur".into(), kind_detail: "public".into(), aliases: vec![] },
        ];
        let places = vec![Entry { canonical: "Paris".into(), kind_detail: "city".into(), aliases: vec![] }];
        let g = Gazetteer::new(&[(Kind::Organization, &orgs), (Kind::Place, &places)]);
        let text = "Amazon Web Services (AWS) à Paris, pas Parisien ; le Ministère de l’Intérieur.";
        let mut out = Vec::new();
        g.find_all(text, &mut out);
        let got: Vec<_> = out.iter().map(|m| (&text[m.start..m.end], g.canonical(m.kind, m.entry))).collect();
        assert_eq!(
            got,
            [
                ("Amazon Web Services", "Amazon Web Services"),
                ("AWS", "Amazon Web Services"),
                ("Paris", "Paris"),
                ("Ministère de l’Intérieur", "Ministère de l'Intérieur")
            ]
        );
    }
}
