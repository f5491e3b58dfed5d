//! A deterministic generator of French news-like articles, for benchmarks.
//!
//! ```sh
//! cargo run --release --example gencorpus -- OUT_DIR MEGABYTES [SEED]
//! cargo run --release --example gencorpus -- --jsonl OUT.jsonl MEGABYTES [SEED]
//! cargo run --release --example gencorpus -- --article-bytes 10000 OUT_DIR 10
//! cargo run --release --example gencorpus -- --adversarial OUT_DIR [SCALE]
//! ```
//!
//! The same seed always writes the same bytes. Articles vary in length
//! (300 bytes to 200 KB, log-uniform; or all about `--article-bytes` long),
//! names (first names from the built-in lexicon, surnames and start-ups made
//! of syllables), organizations and places (built-in lexicons), figures
//! (digits with every French separator, spelled-out numbers, scales,
//! abbreviations, ranges, qualifiers) and typography (U+00A0, U+202F, ’ or
//! ', « »), so that throughput is measured on text the caches have not
//! memorized. Text files go 1,000 to a sub-folder (`000/000000.txt`...).
//!
//! `--adversarial` writes the inputs that make a quadratic algorithm show
//! (a 5 MB line of digits, 100,000 « € » in a row...), each at its nominal
//! size times SCALE (default 1).

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::io::Write as _;
use std::path::PathBuf;

use corpus::{ADVERSARIAL, Rng, Vocab, adversarial, article, article_length};

fn usage() -> ! {
    eprintln!(
        "usage: gencorpus [--jsonl] [--article-bytes N] OUT MEGABYTES [SEED]\n       gencorpus --adversarial OUT_DIR [SCALE]"
    );
    std::process::exit(2);
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--adversarial") {
        let Some(dir) = args.get(1).map(PathBuf::from) else { usage() };
        let scale: f64 = args.get(2).map(|s| s.parse().unwrap_or_else(|_| usage())).unwrap_or(1.0);
        std::fs::create_dir_all(&dir).expect("create the output folder");
        for (name, what, bytes) in ADVERSARIAL {
            let text = adversarial(name, (*bytes as f64 * scale) as usize);
            std::fs::write(dir.join(format!("{name}.txt")), &text).expect("write an adversarial input");
            eprintln!("gencorpus: {name}.txt, {} bytes: {what}", text.len());
        }
        return;
    }
    let mut jsonl = false;
    let mut fixed: Option<usize> = None;
    while args.first().is_some_and(|a| a.starts_with("--")) {
        match args.remove(0).as_str() {
            "--jsonl" => jsonl = true,
            "--article-bytes" if !args.is_empty() => {
                fixed = Some(args.remove(0).parse().unwrap_or_else(|_| usage()));
            }
            _ => usage(),
        }
    }
    if args.len() < 2 {
        usage();
    }
    let out = PathBuf::from(&args[0]);
    let megabytes: f64 = args[1].parse().unwrap_or_else(|_| usage());
    let seed: u64 = args.get(2).map(|s| s.parse().unwrap_or_else(|_| usage())).unwrap_or(42);
    let total = (megabytes * 1e6) as usize;

    let v = Vocab::builtin();
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
        let len = fixed.unwrap_or_else(|| article_length(&mut rng));
        let text = article(&mut rng, &v, len);
        written += text.len();
        match &mut jsonl_out {
            Some(w) => {
                serde_json::to_writer(&mut *w, &serde_json::json!({"id": format!("a{n:06}"), "text": text}))
                    .expect("write a JSON line");
                w.write_all(b"\n").expect("write a JSON line");
            }
            None => {
                let dir = out.join(format!("{:03}", n / 1000));
                if n.is_multiple_of(1000) {
                    std::fs::create_dir_all(&dir).expect("create a sub-folder");
                }
                std::fs::write(dir.join(format!("{n:06}.txt")), &text).expect("write an article");
            }
        }
        n += 1;
    }
    if let Some(mut w) = jsonl_out {
        w.flush().expect("flush the output file");
    }
    eprintln!("gencorpus: {n} articles, {written} bytes (seed {seed})");
}
