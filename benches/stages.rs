//! Per-stage benchmarks, so that the hot spot is visible:
//!
//! ```sh
//! cargo bench --bench stages            # every stage
//! cargo bench --bench stages -- names   # one stage
//! ```
//!
//! Every stage runs over the same 2 MB of generated articles (see
//! `benches/support/corpus.rs`), and reports bytes per second of article
//! text. The end-to-end command-line benchmark is `scripts/bench.sh`.

#[path = "support/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::sync::LazyLock;

use depeche::extract::money::Money;
use depeche::extract::names::Names;
use depeche::extract::percent::Percent;
use depeche::extract::{Context, Mention};
use depeche::lexicon::Lexicons;
use depeche::offsets::OffsetMap;
use depeche::record::Line;
use depeche::text::{split_sentences, tokenize};
use depeche::{Document, OffsetUnit, Pipeline, Settings};
use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// 2 MB of articles of varied lengths (seed 1, not the CLI corpus's seed).
static ARTICLES: LazyLock<Vec<String>> = LazyLock::new(|| corpus::articles(1, 2_000_000));
static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);
static SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::default);

fn total_bytes() -> usize {
    ARTICLES.iter().map(String::len).sum()
}

/// Runs `f` on every article, counting the articles' bytes.
fn over_articles<T>(bencher: Bencher, f: impl Fn(&str) -> T + Sync) {
    let bytes = total_bytes();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for a in ARTICLES.iter() {
            black_box(f(black_box(a)));
        }
    });
}

#[divan::bench]
fn sentences(bencher: Bencher) {
    over_articles(bencher, split_sentences);
}

#[divan::bench]
fn tokens(bencher: Bencher) {
    over_articles(bencher, tokenize);
}

#[divan::bench]
fn offsets_chars(bencher: Bencher) {
    over_articles(bencher, |a| {
        let map = OffsetMap::new(a, OffsetUnit::Chars);
        map.map(a.len())
    });
}

/// Sentences are split beforehand: only the extractor is measured.
fn extractor(bencher: Bencher, run: impl Fn(&Context<'_>, &mut Vec<Mention>) + Sync) {
    let split: Vec<_> = ARTICLES.iter().map(|a| split_sentences(a)).collect();
    let bytes = total_bytes();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut out = Vec::new();
        for (a, s) in ARTICLES.iter().zip(&split) {
            let cx = Context::new(a, s, &SETTINGS);
            out.clear();
            run(&cx, &mut out);
            black_box(&out);
        }
    });
}

#[divan::bench]
fn money_and_percent(bencher: Bencher) {
    let money = Money::new(&SETTINGS).expect("money builds");
    let percent = Percent::new(&SETTINGS).expect("percent builds");
    extractor(bencher, |cx, out| {
        money.extract(cx, out);
        percent.extract(cx, out);
    });
}

#[divan::bench]
fn names(bencher: Bencher) {
    let lexicons = Lexicons::load(None).expect("built-in lexicons load");
    let names = Names::new(lexicons, &SETTINGS).expect("names builds");
    extractor(bencher, |cx, out| names.extract(cx, out));
}

/// Every extractor and the overlap resolution, in byte offsets.
#[divan::bench]
fn analyze(bencher: Bencher) {
    over_articles(bencher, |a| PIPELINE.analyze(a));
}

/// `analyze` plus offsets in code points and the record's owned strings.
#[divan::bench]
fn process(bencher: Bencher) {
    let docs: Vec<Document> =
        ARTICLES.iter().enumerate().map(|(i, a)| Document::new(format!("a{i}"), a.as_str())).collect();
    let bytes = total_bytes();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for d in &docs {
            black_box(PIPELINE.process(d));
        }
    });
}

/// Writing the records as JSON lines with the hand-written writer the tool
/// uses (`Line::write_json`, held to serde_json by a property test in
/// src/record/tests.rs), into a reused buffer.
#[divan::bench]
fn serialize(bencher: Bencher) {
    let lines = records();
    let mut buf = Vec::with_capacity(1 << 20);
    bencher.counter(BytesCount::new(total_bytes())).bench_local(|| {
        buf.clear();
        for l in &lines {
            l.write_json(&mut buf);
            buf.push(b'\n');
        }
        black_box(buf.len())
    });
}

/// The same records through serde_json, the reference the hand-written
/// writer must beat to be worth keeping.
#[divan::bench]
fn serialize_serde_json(bencher: Bencher) {
    let lines = records();
    let mut buf = Vec::with_capacity(1 << 20);
    bencher.counter(BytesCount::new(total_bytes())).bench_local(|| {
        buf.clear();
        for l in &lines {
            serde_json::to_writer(&mut buf, l).expect("serializes");
            buf.push(b'\n');
        }
        black_box(buf.len())
    });
}

/// The benchmark articles' records.
fn records() -> Vec<Line> {
    ARTICLES
        .iter()
        .enumerate()
        .map(|(i, a)| Line::Record(PIPELINE.process(&Document::new(format!("a{i}"), a.as_str()))))
        .collect()
}

/// Building the pipeline: lexicons loaded, automata and rules compiled.
#[divan::bench(sample_count = 20)]
fn startup() -> Pipeline {
    Pipeline::default()
}
