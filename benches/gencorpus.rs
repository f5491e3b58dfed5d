//! A deterministic generator of French news-like articles, for benchmarks.
//!
//! ```sh
//! cargo run --release --example gencorpus -- OUT_DIR MEGABYTES [SEED]
//! cargo run --release --example gencorpus -- --jsonl OUT.jsonl MEGABYTES [SEED]
//! ```
//!
//! The same seed always writes the same bytes. Articles vary in length
//! (300 bytes to 200 KB, log-uniform), names (first names from the built-in
//! lexicon, surnames and start-ups made of syllables), organizations and
//! places (built-in lexicons), figures (digits with every French separator,
//! spelled-out numbers, scales, abbreviations, ranges, qualifiers) and
//! typography (U+00A0, U+202F, ’ or ', « »), so that throughput is measured
//! on text the caches have not memorized.
//!
//! The random generator is a hand-written SplitMix64 rather than the `rand`
//! crate: its output is fixed forever by these few lines, while `rand`'s
//! seeded generators may change between versions, which would change the
//! benchmark corpus.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn entries(data: &str) -> Vec<&str> {
    data.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| l.split('\t').next().unwrap_or(l)).collect()
}

struct Vocab<'a> {
    first: Vec<&'a str>,
    orgs: Vec<&'a str>,
    places: Vec<&'a str>,
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
const CURRENCIES: &[&str] = &[
    "euros",
    "dollars",
    "€",
    "$",
    "francs suisses",
    "dollars canadiens",
    "livres sterling",
    "yens",
    "USD",
    "EUR",
    "CHF",
];
const SCALES: &[&str] = &["millions", "milliards", "mille", "millions d’", "milliards de"];
const SPELLED: &[&str] =
    &["trois", "vingt-six", "quarante-deux", "soixante-dix", "quatre-vingt-dix-sept", "cent", "deux cents"];
const OPENERS: &[&str] = &[
    "Selon",
    "D’après",
    "Pour",
    "Interrogé par la presse,",
    "Lors de la présentation des résultats,",
    "Dans un communiqué publié jeudi,",
];
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
    "Les analystes jugent ces objectifs « ambitieux mais tenables ».",
];

fn space(rng: &mut Rng) -> &'static str {
    *rng.pick(&["\u{a0}", "\u{202f}", " ", "\u{a0}"])
}

fn apostrophe(rng: &mut Rng) -> char {
    if rng.chance(70) { '’' } else { '\'' }
}

fn surname(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(SYLLABLES));
    }
    let mut c = s.chars();
    let first = c.next().unwrap().to_uppercase().collect::<String>();
    first + c.as_str()
}

fn startup(rng: &mut Rng) -> String {
    let mut s = surname(rng);
    s.push_str(rng.pick(STARTUP_ENDS));
    s
}

fn grouped(rng: &mut Rng, mut n: u64) -> String {
    let sep = space(rng);
    let mut groups = Vec::new();
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let mut s = String::new();
    for (i, g) in groups.iter().rev().enumerate() {
        if i == 0 {
            write!(s, "{g}").unwrap();
        } else {
            write!(s, "{sep}{g:03}").unwrap();
        }
    }
    s
}

fn amount(rng: &mut Rng) -> String {
    let cur = *rng.pick(CURRENCIES);
    let sp = space(rng);
    let ap = apostrophe(rng);
    match rng.below(9) {
        0 => format!(
            "{},{} {} de {}",
            1 + rng.below(90),
            rng.below(10),
            rng.pick(&["milliards", "millions"]),
            cur_word(cur)
        ),
        1 => format!("{}{sp}{}", grouped(rng, rng.below(5_000_000) as u64), cur),
        2 => {
            let a = 10 + rng.below(50);
            format!("entre {a} et {} milliards de dollars", a + 1 + rng.below(20))
        }
        3 => format!(
            "environ {} {} de {}",
            2 + rng.below(300),
            rng.pick(SCALES).trim_end_matches([' ', 'd', 'e', '’']),
            cur_word(cur)
        ),
        4 => format!("{},{}{sp}Md€", 1 + rng.below(9), rng.below(10)),
        5 => format!("plus de {} millions d{ap}euros", 2 + rng.below(900)),
        6 => format!("{} {} de {}", rng.pick(SPELLED), rng.pick(&["millions", "milliards"]), cur_word(cur)),
        7 => format!("{},{}{sp}€ par mois", 1 + rng.below(40), 10 + rng.below(89)),
        _ => format!("{}{sp}{},{:02}{sp}€", 1 + rng.below(9), 100 + rng.below(899), rng.below(100)),
    }
}

fn cur_word(cur: &str) -> &str {
    match cur {
        "€" | "EUR" => "euros",
        "$" | "USD" => "dollars",
        "CHF" => "francs suisses",
        other => other,
    }
}

fn percent(rng: &mut Rng) -> String {
    let sp = space(rng);
    match rng.below(7) {
        0 => format!("{},{}{sp}%", rng.below(100), rng.below(10)),
        1 => format!("+{},{}{sp}%", rng.below(20), rng.below(10)),
        2 => format!("-{},{}{sp}%", rng.below(20), rng.below(10)),
        3 => format!("{} pour cent", rng.pick(SPELLED)),
        4 => format!("{} points de pourcentage", 1 + rng.below(9)),
        5 => format!("de {} à {}{sp}%", 5 + rng.below(10), 16 + rng.below(10)),
        _ => format!("près de {}{sp}%", 1 + rng.below(99)),
    }
}

fn sentence(rng: &mut Rng, v: &Vocab<'_>, out: &mut String) {
    let ap = apostrophe(rng);
    let person = format!("{} {}", rng.pick(&v.first), surname(rng));
    let org = if rng.chance(30) { startup(rng) } else { rng.pick(&v.orgs).to_string() };
    let place = *rng.pick(&v.places);
    match rng.below(10) {
        0 => write!(out, "{org} a annoncé un investissement de {} à {place}.", amount(rng)),
        1 => write!(
            out,
            "« Nous visons {} de croissance », {} {} {person}.",
            percent(rng),
            rng.pick(VERBS),
            rng.pick(ROLES)
        ),
        2 => write!(
            out,
            "{} {person}, le chiffre d{ap}affaires de {org} a progressé de {}.",
            rng.pick(OPENERS),
            percent(rng)
        ),
        3 => write!(
            out,
            "L{ap}action {org} a reculé de {} à la Bourse de {place} en {}.",
            percent(rng),
            1990 + rng.below(40)
        ),
        4 => write!(
            out,
            "Le groupe {org} emploie {} personnes et vise {} de revenus d{ap}ici {}.",
            100 + rng.below(90_000),
            amount(rng),
            2026 + rng.below(10)
        ),
        5 => write!(
            out,
            "{person}, {} de {org}, a chiffré le projet à {}.",
            rng.pick(&["directeur général", "présidente", "fondateur", "directrice financière"]),
            amount(rng)
        ),
        6 => write!(
            out,
            "Le 3 février, {org} et {} ont signé un accord à {place}, au 12 rue de la Paix.",
            rng.pick(&v.orgs)
        ),
        7 => write!(out, "Le CAC 40 a gagné {} tandis que le taux directeur restait à {}.", percent(rng), percent(rng)),
        8 => write!(out, "{}", rng.pick(FILLERS)),
        _ => {
            write!(out, "Selon {person}, {org} pourrait dépenser {} en {} à {place}.", amount(rng), 2025 + rng.below(3))
        }
    }
    .unwrap();
}

fn article(rng: &mut Rng, v: &Vocab<'_>, target: usize) -> String {
    let mut out = String::with_capacity(target + 512);
    let org = rng.pick(&v.orgs).to_string();
    write!(
        out,
        "{org} : {}\n\n",
        rng.pick(&[
            "des résultats en hausse",
            "un plan d’investissement",
            "la Bourse salue l’annonce",
            "nouvelle levée de fonds"
        ])
    )
    .unwrap();
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

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let jsonl = args.first().is_some_and(|a| a == "--jsonl");
    if jsonl {
        args.remove(0);
    }
    if args.len() < 2 {
        eprintln!("usage: gencorpus [--jsonl] OUT MEGABYTES [SEED]");
        std::process::exit(2);
    }
    let out = PathBuf::from(&args[0]);
    let megabytes: f64 = args[1].parse().expect("MEGABYTES is a number");
    let seed: u64 = args.get(2).map(|s| s.parse().expect("SEED is an integer")).unwrap_or(42);
    let total = (megabytes * 1e6) as usize;

    let v = Vocab {
        first: entries(include_str!("../src/lexicon/data/first_names.txt")),
        orgs: entries(include_str!("../src/lexicon/data/organizations.tsv")),
        places: entries(include_str!("../src/lexicon/data/places.tsv")),
    };
    let mut rng = Rng(seed);
    let mut written = 0usize;
    let mut n = 0usize;
    let mut jsonl_out = if jsonl {
        Some(std::io::BufWriter::new(std::fs::File::create(&out).expect("create the output file")))
    } else {
        std::fs::create_dir_all(&out).expect("create the output folder");
        None
    };
    while written < total {
        // Log-uniform length between 300 bytes and 200 KB.
        let len = (300f64 * (200_000f64 / 300f64).powf(rng.unit())) as usize;
        let text = article(&mut rng, &v, len);
        written += text.len();
        match &mut jsonl_out {
            Some(w) => {
                serde_json::to_writer(&mut *w, &serde_json::json!({"id": format!("a{n:06}"), "text": text})).unwrap();
                w.write_all(b"\n").unwrap();
            }
            None => {
                let dir = out.join(format!("{:03}", n / 1000));
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join(format!("{n:06}.txt")), &text).unwrap();
            }
        }
        n += 1;
    }
    eprintln!("gencorpus: {n} articles, {written} bytes (seed {seed})");
}
