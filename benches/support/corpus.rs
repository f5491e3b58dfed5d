//! The generator of French news-like articles shared by the `gencorpus`
//! example and the `stages` benchmarks (included with `#[path]`).
//!
//! The random generator is a hand-written SplitMix64 rather than the `rand`
//! crate: its output is fixed forever by these few lines, while `rand`'s
//! seeded generators may change between versions, which would change the
//! benchmark corpus.

use std::fmt::Write as _;

/// SplitMix64: small, fast, and its sequence never changes.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// One of `words`.
    pub fn word<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn entries(data: &str) -> Vec<&str> {
    let v: Vec<&str> = data
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or(l).trim())
        .filter(|l| !l.is_empty())
        .collect();
    assert!(!v.is_empty(), "a lexicon file used by the generator is empty");
    v
}

/// The vocabulary drawn from the built-in lexicons.
pub struct Vocab {
    first: Vec<&'static str>,
    orgs: Vec<&'static str>,
    places: Vec<&'static str>,
}

impl Vocab {
    /// First names, organizations and places of the built-in lexicons.
    pub fn builtin() -> Vocab {
        Vocab {
            first: entries(include_str!("../../src/lexicon/data/first_names.txt")),
            orgs: entries(include_str!("../../src/lexicon/data/organizations.tsv")),
            places: entries(include_str!("../../src/lexicon/data/places.tsv")),
        }
    }
}

const SYLLABLES: &[&str] = &[
    "ber", "ca", "dal", "fon", "gar", "lan", "mar", "nel", "ro", "sau", "tel", "vin", "bou", "che", "del", "four",
    "gi", "lou", "mo", "pel", "quin", "ri", "ta", "vau", "ard", "et", "in", "ot", "eau", "ier", "on", "y",
];
const STARTUP_ENDS: &[&str] = &["ia", "lia", "tech", "io", "ly", "ix", "on", "a", "eo"];
const ROLES: &[&str] = &[
    "le PDG",
    "la directrice générale",
    "le directeur financier",
    "la présidente",
    "le ministre de l’Économie",
    "l’analyste",
    "la porte-parole",
    "le fondateur",
    "M.",
    "Mme",
];
/// Currencies as written after a number, with the word used after « de ».
const CURRENCIES: &[(&str, &str)] = &[
    ("euros", "euros"),
    ("dollars", "dollars"),
    ("€", "euros"),
    ("$", "dollars"),
    ("francs suisses", "francs suisses"),
    ("dollars canadiens", "dollars canadiens"),
    ("livres sterling", "livres sterling"),
    ("yens", "yens"),
    ("USD", "dollars"),
    ("EUR", "euros"),
    ("CHF", "francs suisses"),
];
const SPELLED: &[&str] =
    &["trois", "vingt-six", "quarante-deux", "soixante-dix", "quatre-vingt-dix-sept", "cent", "deux cents", "onze"];
const VERBS: &[&str] =
    &["a déclaré", "a indiqué", "a annoncé", "a précisé", "a estimé", "a reconnu", "a confirmé", "a expliqué"];
const FILLERS: &[&str] = &[
    "Les investisseurs attendaient ce chiffre avec impatience.",
    "La concurrence reste vive dans le secteur.",
    "Le marché a salué l’annonce, mais la prudence reste de mise.",
    "Les syndicats ont demandé des garanties sur l’emploi.",
    "Le calendrier exact n’a pas été communiqué.",
    "Plusieurs sources internes évoquent un projet de longue haleine.",
    "Cette décision intervient après des mois de négociations.",
    "Les analystes jugent ces objectifs «\u{a0}ambitieux mais tenables\u{a0}».",
    "Aucun commentaire n'a été fait sur ce point.",
    "L’opération doit être finalisée au second semestre.",
];
const HEADLINES: &[&str] = &[
    "des résultats en hausse",
    "un plan d’investissement",
    "la Bourse salue l’annonce",
    "nouvelle levée de fonds",
    "le titre décroche",
    "un exercice difficile",
];

fn space(rng: &mut Rng) -> &'static str {
    rng.word(&["\u{a0}", "\u{202f}", " ", "\u{a0}"])
}

fn apostrophe(rng: &mut Rng) -> char {
    if rng.chance(70) { '’' } else { '\'' }
}

/// « de » before a word, elided before a vowel (« d’euros », « de dollars »).
fn de(rng: &mut Rng, word: &str) -> String {
    if word.starts_with(['a', 'e', 'é', 'i', 'o', 'u', 'y']) {
        format!("d{}{word}", apostrophe(rng))
    } else {
        format!("de {word}")
    }
}

fn surname(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.word(SYLLABLES));
    }
    let mut c = s.chars();
    let first = c.next().map(|f| f.to_uppercase().collect::<String>()).unwrap_or_default();
    first + c.as_str()
}

fn startup(rng: &mut Rng) -> String {
    let mut s = surname(rng);
    s.push_str(rng.word(STARTUP_ENDS));
    s
}

/// `n` with groups of three digits separated by `sep`.
fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut s = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            s.push_str(sep);
        }
        s.push(d);
    }
    s
}

fn amount(rng: &mut Rng) -> String {
    let (cur, word) = *rng.pick(CURRENCIES);
    let sp = space(rng);
    let ap = apostrophe(rng);
    match rng.below(11) {
        0 => {
            let scale = rng.word(&["milliards", "millions"]);
            format!("{},{} {scale} {}", 1 + rng.below(90), rng.below(10), de(rng, word))
        }
        1 => {
            let sep = space(rng);
            format!("{}{sp}{cur}", grouped(rng.below(5_000_000) as u64, sep))
        }
        2 => {
            let a = 10 + rng.below(50);
            format!("entre {a} et {} milliards de dollars", a + 1 + rng.below(20))
        }
        3 => {
            let scale = rng.word(&["millions", "milliards", "mille"]);
            format!("environ {} {scale} {}", 2 + rng.below(300), de(rng, word))
        }
        4 => format!("{},{}{sp}{}", 1 + rng.below(9), rng.below(10), rng.word(&["Md€", "M€", "k€", "Mds$"])),
        5 => format!("plus de {} millions d{ap}euros", 2 + rng.below(900)),
        6 => {
            let (n, scale) = (rng.word(SPELLED), rng.word(&["millions", "milliards"]));
            format!("{n} {scale} {}", de(rng, word))
        }
        7 => format!("{},{}{sp}€ par mois", 1 + rng.below(40), 10 + rng.below(89)),
        8 => format!("{} {cur}", grouped(1000 + rng.below(9_000_000) as u64, ".")),
        9 => format!("un milliard {}", de(rng, word)),
        _ => format!("{}{sp}{},{:02}{sp}€", 1 + rng.below(9), 100 + rng.below(899), rng.below(100)),
    }
}

fn percent(rng: &mut Rng) -> String {
    let sp = space(rng);
    match rng.below(8) {
        0 => format!("{},{}{sp}%", rng.below(100), rng.below(10)),
        1 => format!("+{},{}{sp}%", rng.below(20), rng.below(10)),
        2 => format!("-{},{}{sp}%", rng.below(20), rng.below(10)),
        3 => format!("{} pour cent", rng.word(SPELLED)),
        4 => format!("{} points de pourcentage", 1 + rng.below(9)),
        5 => format!("de {} à {}{sp}%", 5 + rng.below(10), 16 + rng.below(10)),
        6 => format!("{}{sp}pour cent", 1 + rng.below(99)),
        _ => format!("près de {}{sp}%", 1 + rng.below(99)),
    }
}

fn sentence(rng: &mut Rng, v: &Vocab, out: &mut String) {
    let ap = apostrophe(rng);
    let person = format!("{} {}", rng.word(&v.first), surname(rng));
    let org = if rng.chance(30) { startup(rng) } else { rng.word(&v.orgs).to_string() };
    let place = rng.word(&v.places);
    let (lq, rq) = if rng.chance(60) { ("«\u{a0}", "\u{a0}»") } else { ("« ", " »") };
    match rng.below(12) {
        0 => write!(out, "{org} a annoncé un investissement de {} à {place}.", amount(rng)),
        1 => write!(
            out,
            "{lq}Nous visons {} de croissance{rq}, {} {} {person}.",
            percent(rng),
            rng.word(VERBS),
            rng.word(ROLES)
        ),
        2 => write!(out, "Selon {person}, le chiffre d{ap}affaires de {org} a progressé de {}.", percent(rng)),
        3 => write!(
            out,
            "L{ap}action {org} a reculé de {} à la Bourse de {place} en {}.",
            percent(rng),
            1990 + rng.below(40)
        ),
        4 => write!(
            out,
            "Le groupe {org} emploie {} personnes et vise {} de revenus d{ap}ici {}.",
            grouped(100 + rng.below(90_000) as u64, space(rng)),
            amount(rng),
            2026 + rng.below(10)
        ),
        5 => write!(
            out,
            "{person}, {} de {org}, a chiffré le projet à {}.",
            rng.word(&["directeur général", "présidente", "fondateur", "directrice financière"]),
            amount(rng)
        ),
        6 => write!(
            out,
            "Le {} février, {org} et {} ont signé un accord à {place}, au {} rue de la Paix.",
            1 + rng.below(28),
            rng.word(&v.orgs),
            1 + rng.below(120)
        ),
        7 => write!(out, "Le CAC 40 a gagné {} tandis que le taux directeur restait à {}.", percent(rng), percent(rng)),
        8 | 9 => write!(out, "{}", rng.word(FILLERS)),
        10 => write!(
            out,
            "Lors de la présentation des résultats, {} {person} a évoqué une marge de {}.",
            rng.word(ROLES),
            percent(rng)
        ),
        _ => write!(
            out,
            "D{ap}après {person}, {org} pourrait dépenser {} en {} à {place}.",
            amount(rng),
            2025 + rng.below(3)
        ),
    }
    .unwrap();
}

/// One article of about `target` bytes (at least a headline and a paragraph).
pub fn article(rng: &mut Rng, v: &Vocab, target: usize) -> String {
    let mut out = String::with_capacity(target + 1024);
    let org = rng.word(&v.orgs).to_string();
    write!(out, "{org} : {}\n\n", rng.word(HEADLINES)).unwrap();
    while out.len() < target {
        let n = 2 + rng.below(5);
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            sentence(rng, v, &mut out);
        }
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A length drawn log-uniformly between 300 bytes and 200 KB.
pub fn article_length(rng: &mut Rng) -> usize {
    (300f64 * (200_000f64 / 300f64).powf(rng.unit())) as usize
}

/// Articles of varied lengths, `total` bytes in all (the last one may
/// overshoot by one article), as one text per article.
pub fn articles(seed: u64, total: usize) -> Vec<String> {
    let v = Vocab::builtin();
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    let mut written = 0;
    while written < total {
        let len = article_length(&mut rng);
        let text = article(&mut rng, &v, len);
        written += text.len();
        out.push(text);
    }
    out
}

/// The adversarial inputs: names, what they are, and their nominal size in bytes.
pub const ADVERSARIAL: &[(&str, &str, usize)] = &[
    ("digits", "one line of digits", 5_000_000),
    ("euros", "« € » 100,000 times in a row", 400_000),
    ("entre", "« entre entre entre … »", 1_000_000),
    ("capitalized", "capitalized words, no punctuation", 1_000_000),
    ("grouped", "« 1 234 567 … » one endless grouped number (U+00A0)", 1_000_000),
    ("quotes", "« « « … » never closed", 1_000_000),
];

/// The adversarial input `name` (one of [`ADVERSARIAL`]), about `bytes` long.
pub fn adversarial(name: &str, bytes: usize) -> String {
    let repeat = |unit: &str| unit.repeat(bytes.div_ceil(unit.len()));
    match name {
        "digits" => repeat("0123456789"),
        "euros" => repeat("€ "),
        "entre" => repeat("entre "),
        "grouped" => format!("1{}", repeat("\u{a0}234")),
        "quotes" => repeat("«\u{a0}"),
        _ => {
            let mut rng = Rng(7);
            let mut caps = String::with_capacity(bytes + 16);
            while caps.len() < bytes {
                caps.push_str(&surname(&mut rng));
                caps.push(' ');
            }
            caps
        }
    }
}
