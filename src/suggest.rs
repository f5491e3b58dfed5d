//! « Did you mean »: the valid name closest to a misspelled one, for error
//! messages (command-line values, lexicon file names and types, paths).

/// The least similarity (see `similarity`, case-insensitive, 0 to 1) for a
/// candidate to be suggested; clap uses the same threshold on Jaro
/// similarity for its own suggestions.
const THRESHOLD: f64 = 0.7;

/// The candidate closest to `input`, when one is close enough to be a likely
/// misspelling of it; ties go to the earlier candidate.
///
/// ```
/// use depeche::suggest::closest;
/// assert_eq!(closest("people", ["person", "organization", "place", "money", "percent"]), Some("person"));
/// assert_eq!(closest("Organizations.tsv", ["organizations.tsv", "places.tsv"]), Some("organizations.tsv"));
/// assert_eq!(closest("xyz", ["person", "place"]), None);
/// ```
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for c in candidates {
        let score = similarity(&input, &c.to_lowercase());
        if score >= THRESHOLD && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Jaro similarity raised by a common prefix of up to four characters (the
/// Winkler bonus, here also below strsim's 0.7 boost threshold, so that
/// « people » finds « person »).
fn similarity(a: &str, b: &str) -> f64 {
    let jaro = strsim::jaro(a, b);
    if jaro < 0.6 {
        // Too far for a shared prefix (« 01_ ») to make it a misspelling.
        return jaro;
    }
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).take(4).count();
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

/// The closest file name: among the candidates with the same extension
/// first (a `.tsv` file is not a misspelled `.txt` one), comparing the
/// names without extension; then among all of them.
///
/// ```
/// use depeche::suggest::closest_file_name;
/// let files = ["org_heads.txt", "organizations.tsv", "places.tsv"];
/// assert_eq!(closest_file_name("orgs.tsv", files), Some("organizations.tsv"));
/// assert_eq!(closest_file_name("org_head.txt", files), Some("org_heads.txt"));
/// ```
pub fn closest_file_name<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let split = |n: &str| -> (String, String) {
        let n = n.to_lowercase();
        match n.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => (stem.to_string(), ext.to_string()),
            _ => (n, String::new()),
        }
    };
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let (stem, ext) = split(input);
    let mut best: Option<(f64, &'a str)> = None;
    for &c in &candidates {
        let (c_stem, c_ext) = split(c);
        if c_ext == ext {
            let score = similarity(&stem, &c_stem);
            if score >= THRESHOLD && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, c));
            }
        }
    }
    best.map(|(_, c)| c).or_else(|| closest(input, candidates))
}

/// `" (did you mean `X`?)"` for the closest candidate, or an empty string.
///
/// ```
/// use depeche::suggest::did_you_mean;
/// assert_eq!(did_you_mean("fr-QC", ["fr-FR", "fr-CA"]), " (did you mean `fr-CA`?)");
/// assert_eq!(did_you_mean("en-US", ["fr-FR", "fr-CA"]), "");
/// ```
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(input, candidates).map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default()
}

/// The existing path closest to `path`, which does not exist: the closest
/// name in its folder ([`closest_file_name`]), in that folder.
///
/// ```
/// use std::path::Path;
/// use depeche::suggest::closest_path;
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::create_dir(dir.path().join("corpus")).unwrap();
/// assert_eq!(closest_path(&dir.path().join("corpsu")), Some(dir.path().join("corpus")));
/// assert_eq!(closest_path(&dir.path().join("zzqq")), None);
/// ```
pub fn closest_path(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let name = path.file_name()?.to_string_lossy();
    let siblings: Vec<String> = std::fs::read_dir(parent.unwrap_or(std::path::Path::new(".")))
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let near = closest_file_name(&name, siblings.iter().map(String::as_str))?;
    Some(parent.map_or_else(|| near.into(), |p| p.join(near)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        // (input, candidates, expected)
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            ("corporation", &["company", "bank", "public", "party", "union", "media"], Some("company")),
            ("corpsu", &["corpus", "fixtures", "src"], Some("corpus")),
            ("people", &["person", "organization", "place", "money", "percent"], Some("person")),
            ("planet", &["person", "organization", "place", "money", "percent"], Some("place")),
            ("ticker", &["person", "organization", "place", "money", "percent"], None),
            ("percents", &["person", "percent"], Some("percent")),
            ("moneys", &["person", "money"], Some("money")),
            ("README.md", &["organizations.tsv", "places.tsv"], None),
            ("", &["person"], None),
        ];
        for (input, candidates, expected) in cases {
            assert_eq!(closest(input, candidates.iter().copied()), *expected, "{input}");
        }
    }
}
