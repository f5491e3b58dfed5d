//! The gazetteer matcher: every organization and place name and alias,
//! indexed by its first word, built once.
//!
//! # What matches
//!
//! The text is read left to right. At each position that starts the text or
//! follows a character that is not alphanumeric, the **longest** name the
//! text starts with there is a match when the character after it is not
//! alphanumeric either; the search then resumes after the match. When the
//! longest name at a position ends inside a word (« Paris » in « Parisien »,
//! « Saint-Denis » in « Saint-Denisien »), nothing matches at that position,
//! even a shorter name; the search resumes one character later. This is a
//! leftmost-longest Aho-Corasick search that drops the candidates cutting a
//! word (the tests check both agree), without building an automaton.
//!
//! # How
//!
//! The *first word* of a name is its leading run of alphanumeric characters,
//! or its first character when that is not alphanumeric. A name the text
//! starts with at a position either has the same first word as the text
//! there, or is made of alphanumeric characters only and is a proper prefix
//! of the text's first word (then it is shorter than every name of the first
//! kind, and it ends inside a word). So the names are grouped by first word,
//! longest first: at each word start, one hash lookup finds the group, and
//! the first name of the group the text starts with is the longest match;
//! when none does, nothing matches there. Building is hashing the names; the
//! search costs a few instructions per byte.

use std::hash::{BuildHasher, Hasher};

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use super::Entry;
use crate::record::Kind;
use crate::text::chars::{ASCII_ALNUM, alnum_end, is_alnum};

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

/// One name (or apostrophe variant) to look for.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    /// Byte range in [`Gazetteer::names`].
    start: usize,
    end: usize,
    /// Length in bytes of the first word.
    key_len: usize,
    /// Up to 8 bytes following the first word (little-endian), and the mask
    /// of the bytes present: a quick test before comparing the whole name
    /// (some first words, « Le », « Saint », lead more than a hundred names).
    tail: u64,
    tail_mask: u64,
    /// What the name stands for.
    kind: Kind,
    entry: usize,
    alias: bool,
}

/// Organization and place names, indexed by first word.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// Every name and variant, one after the other.
    names: String,
    /// The names to look for, without duplicates, grouped by the hash of
    /// their first word. Within a group, the names with at least two bytes
    /// after the first word come first, sorted by those two bytes (« Le
    /// Monde » and « Le Mans » apart from « Le Havre »), then longest first;
    /// then the others, longest first.
    patterns: Vec<Pattern>,
    /// Hash of a first word ([`key_hash`]) → its group in `patterns`:
    /// start, start of the names with less than two bytes after the first
    /// word, end.
    index: FxHashMap<u64, (usize, usize, usize)>,
    /// Per first byte of a name: the lengths of its first word (bit `n`
    /// for `n` bytes, bit 63 for longer), a quick test before hashing.
    first_words: [u64; 256],
    /// Per list: the canonical name of each entry, as a range of `names`.
    lists: Vec<(Kind, Vec<(usize, usize)>)>,
}

/// Whether the character starting at byte `i` of `text` (a character
/// boundary) is alphanumeric, and its length in bytes; `None` at the end.
/// ASCII and the Latin letters of U+00C0..U+023F (two bytes) are read
/// without decoding the character.
fn class_at(text: &str, i: usize) -> Option<(bool, usize)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(i)?;
    if b.is_ascii() {
        return Some((b.is_ascii_alphanumeric(), 1));
    }
    // The frequent characters of Latin texts without decoding them (a test
    // checks these against `char::is_alphanumeric`).
    match (b, bytes.get(i + 1).copied()) {
        // U+0080..U+00BF: spaces, punctuation, signs; ª ² ³ µ ¹ º ¼ ½ ¾ are alphanumeric.
        (0xC2, Some(b1)) => return Some((matches!(b1, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE), 2)),
        // U+00C0..U+023F: letters, but × and ÷.
        (0xC3..=0xC8, Some(b1)) => {
            let c = (u32::from(b & 0x1F) << 6) | u32::from(b1 & 0x3F);
            return Some((c != 0xD7 && c != 0xF7, 2));
        }
        // U+2000..U+203F: spaces, dashes, quotes, ellipsis.
        (0xE2, Some(0x80)) => return Some((false, 3)),
        _ => {}
    }
    let c = text.get(i..)?.chars().next()?;
    Some((is_alnum(c), c.len_utf8()))
}

/// The length in bytes of the character whose first byte is `b`.
fn char_len(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The end of the first word of `s` starting at byte `i` (see the module
/// documentation), whether it is alphanumeric, or `None` at the end of `s`.
#[inline(always)]
fn key_end(s: &str, i: usize) -> Option<(usize, bool)> {
    let b = *s.as_bytes().get(i)?;
    if ASCII_ALNUM[usize::from(b)] {
        return Some((alnum_end(s, i + 1), true));
    }
    if b.is_ascii() {
        return Some((i + 1, false));
    }
    let (word, len) = class_at(s, i)?;
    Some(if word { (alnum_end(s, i + len), true) } else { (i + len, false) })
}

/// The bit of a first word's length in [`Gazetteer::first_words`].
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The hash a first word is indexed by.
fn key_hash(word: &str) -> u64 {
    let mut h = FxBuildHasher.build_hasher();
    h.write(word.as_bytes());
    h.finish()
}

/// Up to 8 bytes of `bytes` from `from` (little-endian, missing bytes zero)
/// and the mask of those present.
fn load_tail(bytes: &[u8], from: usize) -> (u64, u64) {
    let rest = bytes.get(from..).unwrap_or(&[]);
    let rest = &rest[..rest.len().min(8)];
    let mut buf = [0u8; 8];
    buf[..rest.len()].copy_from_slice(rest);
    let mask = if rest.len() == 8 { u64::MAX } else { (1u64 << (8 * rest.len())) - 1 };
    (u64::from_le_bytes(buf), mask)
}

impl Gazetteer {
    /// Compiles the lists, in priority order (a name in two lists belongs to
    /// the first). Each name and alias is also looked for with `'` written
    /// `’` and the other way round, and with its hyphens written as en dashes.
    pub fn new(lists: &[(Kind, &[Entry])]) -> Self {
        let entries = || lists.iter().flat_map(|&(_, es)| es.iter());
        let bytes: usize =
            entries().map(|e| e.canonical.len() + e.aliases.iter().map(String::len).sum::<usize>()).sum();
        let count: usize = entries().map(|e| 1 + e.aliases.len()).sum();
        let mut names = String::with_capacity(bytes + bytes / 8);
        // Every name and variant in priority order; duplicates are dropped below.
        let mut patterns = Vec::with_capacity(count + count / 8);
        let mut all = Vec::with_capacity(lists.len());
        for &(kind, entries) in lists {
            let mut canonical = Vec::with_capacity(entries.len());
            for (entry, e) in entries.iter().enumerate() {
                let forms =
                    std::iter::once((e.canonical.as_str(), false)).chain(e.aliases.iter().map(|a| (a.as_str(), true)));
                for (form, alias) in forms {
                    // The first word and tail are filled in once duplicates are gone.
                    let mut push = |names: &mut String, start: usize| {
                        let end = names.len();
                        patterns.push(Pattern { start, end, key_len: 0, tail: 0, tail_mask: 0, kind, entry, alias });
                    };
                    let start = names.len();
                    names.push_str(form);
                    if !alias {
                        canonical.push((start, names.len()));
                    }
                    push(&mut names, start);
                    if form.contains('\'') {
                        let start = names.len();
                        names.extend(form.chars().map(|c| if c == '\'' { '’' } else { c }));
                        push(&mut names, start);
                    }
                    if form.contains('’') {
                        let start = names.len();
                        names.extend(form.chars().map(|c| if c == '’' { '\'' } else { c }));
                        push(&mut names, start);
                    }
                    // « Abitibi–Témiscamingue »: a hyphen between words is
                    // often written as an en dash.
                    if form.contains('-') {
                        let start = names.len();
                        names.extend(form.chars().map(|c| if c == '-' { '–' } else { c }));
                        push(&mut names, start);
                    }
                }
            }
            all.push((kind, canonical));
        }
        // The first occurrence of a name wins.
        let mut seen = FxHashSet::with_capacity_and_hasher(patterns.len(), FxBuildHasher);
        patterns.retain(|p| p.end > p.start && seen.insert(&names[p.start..p.end]));
        drop(seen);
        let mut first_words = [0; 256];
        let mut hashes = Vec::with_capacity(patterns.len());
        for p in &mut patterns {
            let name = &names[p.start..p.end];
            p.key_len = key_end(name, 0).map_or(0, |(k, _)| k);
            (p.tail, p.tail_mask) = load_tail(name.as_bytes(), p.key_len);
            first_words[usize::from(name.as_bytes()[0])] |= len_bit(p.key_len);
            hashes.push(key_hash(&name[..p.key_len]));
        }
        // Grouped by first word (a counting sort: count, allot, place),
        // longest first within a group. Two names of one length cannot both
        // start the text at one position, so ties need no order.
        let mut index: FxHashMap<u64, (usize, usize, usize)> =
            FxHashMap::with_capacity_and_hasher(patterns.len(), FxBuildHasher);
        for &h in &hashes {
            index.entry(h).or_default().2 += 1;
        }
        let mut next = 0;
        for range in index.values_mut() {
            let count = range.2;
            *range = (next, next, next);
            next += count;
        }
        let mut order = vec![0; patterns.len()];
        for (i, h) in hashes.iter().enumerate() {
            if let Some(range) = index.get_mut(h) {
                order[range.2] = i;
                range.2 += 1;
            }
        }
        for (a, mid, b) in index.values_mut() {
            let group = &mut order[*a..*b];
            // (fewer than two bytes after the first word, else those two bytes, longest first)
            group.sort_unstable_by_key(|&i| {
                let p = &patterns[i];
                let short = p.tail_mask < 0xFFFF;
                (short, if short { 0 } else { p.tail & 0xFFFF }, std::cmp::Reverse(p.end - p.start))
            });
            *mid = *a + group.partition_point(|&i| patterns[i].tail_mask >= 0xFFFF);
        }
        let patterns = order.iter().map(|&i| patterns[i]).collect();
        Gazetteer { names, patterns, index, first_words, lists: all }
    }

    /// The canonical name of an entry.
    pub fn canonical(&self, kind: Kind, entry: usize) -> &str {
        self.lists
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|(_, v)| v.get(entry))
            .and_then(|&(s, e)| self.names.get(s..e))
            .unwrap_or("")
    }

    /// The longest name `text` starts with at byte `i`, among the names
    /// whose first word is `text[i..key]`.
    fn longest_at(&self, text: &str, i: usize, key: usize) -> Option<&Pattern> {
        let &(a, mid, b) = self.index.get(&key_hash(&text[i..key]))?;
        let rest = &text.as_bytes()[i..];
        let key_len = key - i;
        let (tail, mask) = load_tail(rest, key_len);
        let starts = |p: &&Pattern| {
            p.key_len == key_len
                && (tail & p.tail_mask) == p.tail
                && rest.starts_with(&self.names.as_bytes()[p.start..p.end])
        };
        // The names with two bytes or more after the first word are longer
        // than the others; only those sharing the text's two bytes can match.
        if mask >= 0xFFFF {
            let two = tail & 0xFFFF;
            let long = &self.patterns[a..mid];
            let from = long.partition_point(|p| p.tail & 0xFFFF < two);
            if let Some(p) = long[from..].iter().take_while(|p| p.tail & 0xFFFF == two).find(starts) {
                return Some(p);
            }
        }
        self.patterns[mid..b].iter().find(starts)
    }

    /// Every whole-word match in `text`, leftmost-longest, in order. A
    /// candidate that cuts a word (« Paris » in « Parisien ») is dropped and
    /// the search resumes one character later.
    pub fn find_all(&self, text: &str, out: &mut Vec<GazetteerMatch>) {
        if self.patterns.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        // Invariant: `i` is a character boundary at the start of the text or
        // after a character that is not alphanumeric.
        let mut i = 0;
        while let Some((key, word)) = key_end(text, i) {
            if self.first_words[usize::from(bytes[i])] & len_bit(key - i) != 0
                && let Some(p) = self.longest_at(text, i, key)
            {
                let end = i + (p.end - p.start);
                if class_at(text, end).is_none_or(|(w, _)| !w) {
                    out.push(GazetteerMatch { start: i, end, kind: p.kind, entry: p.entry, alias: p.alias });
                    // After a name ending with a letter comes a character
                    // that is not one (tested above): skip it too.
                    let last_in_word = text[..end].chars().next_back().is_some_and(is_alnum);
                    i = if last_in_word { end + bytes.get(end).map_or(0, |&b| char_len(b)) } else { end };
                    continue;
                }
            }
            // No match here. Inside the first word no position follows a
            // non-alphanumeric character; after a word comes a character
            // that is not alphanumeric, skipped too.
            i = if word { key + bytes.get(key).map_or(0, |&b| char_len(b)) } else { key };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
    use proptest::prelude::*;

    fn entry(canonical: &str, aliases: &[&str]) -> Entry {
        Entry {
            canonical: canonical.into(),
            kind_detail: "other".into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    /// The former implementation, a leftmost-longest Aho-Corasick search,
    /// kept here as the reference the matcher must agree with.
    struct Reference {
        ac: Option<AhoCorasick>,
        targets: Vec<(Kind, usize, bool)>,
    }

    impl Reference {
        fn new(lists: &[(Kind, &[Entry])]) -> Self {
            let mut seen = std::collections::HashSet::new();
            let (mut patterns, mut targets) = (Vec::new(), Vec::new());
            for &(kind, entries) in lists {
                for (i, e) in entries.iter().enumerate() {
                    let forms = std::iter::once((e.canonical.as_str(), false))
                        .chain(e.aliases.iter().map(|a| (a.as_str(), true)));
                    for (form, alias) in forms {
                        let mut variants = vec![form.to_string()];
                        if form.contains('\'') {
                            variants.push(form.replace('\'', "’"));
                        }
                        if form.contains('’') {
                            variants.push(form.replace('’', "'"));
                        }
                        for v in variants {
                            if !v.is_empty() && seen.insert(v.clone()) {
                                patterns.push(v);
                                targets.push((kind, i, alias));
                            }
                        }
                    }
                }
            }
            let ac = (!patterns.is_empty())
                .then(|| AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&patterns).unwrap());
            Reference { ac, targets }
        }

        fn find_all(&self, text: &str) -> Vec<GazetteerMatch> {
            let mut out = Vec::new();
            let Some(ac) = &self.ac else { return out };
            let mut pos = 0;
            while pos < text.len() {
                let Some(m) = ac.find(Input::new(text).range(pos..)) else { break };
                let (s, e) = (m.start(), m.end());
                let before_ok = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after_ok = text[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if before_ok && after_ok {
                    let (kind, entry, alias) = self.targets[m.pattern().as_usize()];
                    out.push(GazetteerMatch { start: s, end: e, kind, entry, alias });
                    pos = e;
                } else {
                    pos = s + text[s..].chars().next().map_or(1, char::len_utf8);
                }
            }
            out
        }
    }

    fn find(g: &Gazetteer, text: &str) -> Vec<GazetteerMatch> {
        let mut out = Vec::new();
        g.find_all(text, &mut out);
        out
    }

    #[test]
    fn latin_letters_are_read_without_decoding() {
        for c in '\u{0}'..='\u{3000}' {
            let s = c.to_string();
            assert_eq!(class_at(&s, 0), Some((c.is_alphanumeric(), c.len_utf8())), "{c:?}");
        }
    }

    #[test]
    fn whole_words_longest_and_apostrophes() {
        let orgs =
            vec![entry("Amazon", &[]), entry("Amazon Web Services", &["AWS"]), entry("Ministère de l'Intérieur", &[])];
        let places = vec![entry("Paris", &[])];
        let g = Gazetteer::new(&[(Kind::Organization, &orgs), (Kind::Place, &places)]);
        let text = "Amazon Web Services (AWS) à Paris, pas Parisien ; le Ministère de l’Intérieur.";
        let got: Vec<_> =
            find(&g, text).iter().map(|m| (&text[m.start..m.end], g.canonical(m.kind, m.entry))).collect();
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

    /// Names that exercise the grouping by first word: prefixes of words
    /// and of other names, apostrophes both ways, names starting or ending
    /// with punctuation, accented and non-Latin letters.
    fn tricky() -> (Vec<Entry>, Vec<Entry>) {
        let orgs = vec![
            entry("Saint-Denis Habitat", &["SDH"]),
            entry("Le Monde", &["Monde"]),
            entry("L’Oréal", &[]),
            entry("AT&T", &["AT"]),
            entry("(Re)Sources", &[]),
            entry("E.Leclerc", &["Leclerc", "E."]),
            entry("Banque de France", &["BdF", "Banque"]),
            entry("Crédit Agricole", &["CA", "Crédit"]),
            entry("Ελληνικά Πετρέλαια", &[]),
            entry("3M", &["3"]),
            entry("OPEP+", &[]),
            entry("Organisation des pays exportateurs de pétrole", &["OPEP"]),
            entry("Dunkin'", &["Dunkin"]),
            entry("Paris", &[]),
        ];
        let places = vec![
            entry("Paris", &["Paname"]),
            entry("Saint-Denis", &["St-Denis"]),
            entry("Saint", &[]),
            entry("Saint-Denis-de-la-Réunion", &[]),
            entry("Île-de-France", &["IDF", "Île"]),
            entry("Côte d'Ivoire", &["Côte d’Azur"]),
            entry("Le Mans", &[]),
            entry("Le", &[]),
            entry("Pa", &[]),
            entry("Mer", &["Mer Noire", "Mer du Nord"]),
            entry("Zürich", &[]),
            entry("", &["Œ"]),
        ];
        (orgs, places)
    }

    #[test]
    fn agrees_with_aho_corasick_on_tricky_cases() {
        let (orgs, places) = tricky();
        let lists = [(Kind::Organization, orgs.as_slice()), (Kind::Place, places.as_slice())];
        let (g, r) = (Gazetteer::new(&lists), Reference::new(&lists));
        // (text, matched texts)
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("Paris", &["Paris"]),
            ("Parisien à Paris.", &["Paris"]),
            ("Pa Paris Pari", &["Pa", "Paris"]),
            (
                "à Saint-Denis, pas Saint-Denisien ni Saint-Denis-de-la-Réunion.",
                &["Saint-Denis", "Saint-Denis-de-la-Réunion"],
            ),
            ("Saint-Denisien Saint Saint-", &["Saint", "Saint"]),
            ("Saint-Denis Habitat et Saint-Denis Habitation", &["Saint-Denis Habitat"]),
            ("L'Oréal et L’Oréal, l’Oréal", &["L'Oréal", "L’Oréal"]),
            ("en Côte d’Ivoire et sur la Côte d'Azur, Côte d’Ivoirien", &["Côte d’Ivoire", "Côte d'Azur"]),
            ("AT&T, AT&Tx, AT&", &["AT&T", "AT"]),
            ("(Re)Sources et x(Re)Sources (Re)Sourcesy", &["(Re)Sources"]),
            ("E.Leclerc, E.Lecl, E.", &["E.Leclerc", "E."]),
            ("la Banque de France, la Banque de Franc, la Banque", &["Banque de France", "Banque", "Banque"]),
            ("Crédit Agricole Crédits", &["Crédit Agricole"]),
            ("Ελληνικά Πετρέλαια.", &["Ελληνικά Πετρέλαια"]),
            ("3M 3 3MM 33 é3M", &["3M", "3"]),
            ("Île-de-France, Îles, IDF.", &["Île-de-France", "IDF"]),
            ("Le Mans, Le Monde, Le Mansois, Lemans, Le", &["Le Mans", "Le Monde", "Le"]),
            ("Mer Noire, Mer du Nord, Mer du Sud, Mers", &["Mer Noire", "Mer du Nord", "Mer"]),
            ("Zürich, Zürichois, ZürichX", &["Zürich"]),
            ("Œ Œuvre", &["Œ"]),
            ("l'OPEP+ et l'OPEP, OPEP+x OPEP++", &["OPEP+", "OPEP", "OPEP+"]),
            ("Dunkin' Donuts, Dunkin’, Dunkin Dunkin'x", &["Dunkin'", "Dunkin’", "Dunkin"]),
            ("Paris\u{301} Paris·x Paris\u{a0}", &["Paris", "Paris", "Paris"]),
        ];
        for &(text, want) in cases {
            let got = find(&g, text);
            assert_eq!(got, r.find_all(text), "{text:?}");
            let got: Vec<&str> = got.iter().map(|m| &text[m.start..m.end]).collect();
            assert_eq!(got, want, "{text:?}");
        }
        // A name in two lists belongs to the first.
        let m = find(&g, "Paris");
        assert_eq!((m[0].kind, g.canonical(m[0].kind, m[0].entry)), (Kind::Organization, "Paris"));
        assert_eq!(g.canonical(Kind::Place, 99), "");
    }

    #[test]
    fn builtin_gazetteer_agrees_with_aho_corasick() {
        let lex = super::super::Lexicons::load(None).unwrap();
        let lists = [(Kind::Organization, lex.organizations.as_slice()), (Kind::Place, lex.places.as_slice())];
        let (g, r) = (Gazetteer::new(&lists), Reference::new(&lists));
        let text = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|f| std::fs::read_to_string(f.path()).ok())
            .take(40)
            .collect::<Vec<_>>()
            .join("\n");
        let sample = "Le Monde, Le Havre et Le Mans ; Saint-Denis, Saint-Étienne, Saint-Denisien ; \
                      la Banque de France et L’Oréal, l'ONU, Nations unies. Côte d’Ivoire, Côte d'Ivoire.";
        // Every name and alias, alone, glued to the next one, cut, and
        // followed by a letter, an apostrophe, a sign or another word.
        let mut names = String::new();
        for (k, e) in lex.organizations.iter().chain(&lex.places).enumerate() {
            for form in std::iter::once(&e.canonical).chain(&e.aliases) {
                let cut: String = form.chars().take(form.chars().count() / 2 + 1).collect();
                let end = ["s ", "' ", "’x ", "+ ", " de France ", "-Nord ", "", "\n"][k % 8];
                names.push_str(&format!("{form} ({form}) {form}{end}{cut} {form}{end}"));
            }
        }
        for t in [sample, text.as_str(), names.as_str()] {
            let got = find(&g, t);
            assert_eq!(got, r.find_all(t));
            assert!(t != sample || got.len() >= 8, "{got:?}");
        }
    }

    /// Texts made of the names' pieces, glued with letters, spaces and
    /// punctuation.
    fn text_strategy() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "Saint", "-", "Denis", " ", "Habitat", "Le", "Mans", "Monde", "L", "’", "'", "Oréal", "AT", "&", "T",
            "(Re)", "Sources", "E.", "Leclerc", "Banque", "de", "France", "Île", "IDF", "Côte", "d", "Ivoire", "Azur",
            "Mer", "Noire", "du", "Nord", "3", "M", "Pa", "OPEP", "+", "Dunkin", "ris", "Paris", "x", "é", "ien", ",",
            ".", "\u{301}", "Œ", "Zürich",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: crate::proptest_cases(512), ..ProptestConfig::default() })]
        #[test]
        fn agrees_with_aho_corasick(text in text_strategy()) {
            let (orgs, places) = tricky();
            let lists = [(Kind::Organization, orgs.as_slice()), (Kind::Place, places.as_slice())];
            prop_assert_eq!(find(&Gazetteer::new(&lists), &text), Reference::new(&lists).find_all(&text));
        }

        #[test]
        fn agrees_with_aho_corasick_on_any_text(text in "\\PC{0,60}") {
            let (orgs, places) = tricky();
            let lists = [(Kind::Organization, orgs.as_slice()), (Kind::Place, places.as_slice())];
            prop_assert_eq!(find(&Gazetteer::new(&lists), &text), Reference::new(&lists).find_all(&text));
        }
    }
}
