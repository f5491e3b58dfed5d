//! Command-line arguments. Only parsing and validation live here; the work
//! is done by the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// depeche: people, organizations, places, money and percentages in French news.
#[derive(Debug, Parser)]
#[command(name = "depeche", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract entities from articles and write one JSON record per article.
    ///
    /// Exit codes: 0 when every input was read, 2 when at least one input
    /// became an error record (the others are still processed) or a folder
    /// held no file matching the globs, 1 on a fatal error (bad lexicon,
    /// output not writable), 2 on a usage error.
    Extract(ExtractArgs),
    /// Score the pipeline against gold annotations (JSON Lines).
    ///
    /// Exit codes: 0 when scored, 1 when a --min-f1 threshold is not met or on
    /// a fatal error, 2 when some gold lines were malformed (they are skipped).
    Eval(EvalArgs),
    /// Compare two runs' records article by article.
    ///
    /// Exit codes (like diff): 0 when the runs are the same, 1 when they differ,
    /// 2 on an error.
    Diff(DiffArgs),
    /// Train the tagger for people, organizations and places on gold
    /// annotations (the eval format) and write a model file for --model.
    ///
    /// Exit codes: 0 when the model was written, 1 on a fatal error, 2 on a
    /// usage error or when some gold lines were malformed (they are skipped).
    Train(TrainArgs),
    /// Work with user rule files (see the README, "Writing rules").
    #[command(subcommand)]
    Rules(RulesCommand),
}

/// `depeche rules ...`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Compile rule files and run every example and counterexample through
    /// the whole pipeline; print each failure with its file and line.
    ///
    /// Exit codes: 0 when every example passes, 1 when one fails or a file
    /// does not compile (each problem printed as FILE:LINE:COLUMN), 2 on a
    /// usage error.
    Check(RulesCheckArgs),
}

/// `depeche rules check`.
#[derive(Debug, Args)]
pub struct RulesCheckArgs {
    /// Rule files (TOML).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// Input format on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    /// By extension: .jsonl as JSON Lines, .html/.htm as HTML, else text.
    Auto,
    /// Plain text files, one article each.
    Text,
    /// JSON Lines: {"id": ..., "text": ...} per line.
    Jsonl,
    /// HTML pages, one article each.
    Html,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One JSON record per article (the default).
    Jsonl,
    /// One row per entity, tab-separated, with a header.
    Tsv,
    /// One row per entity, comma-separated (RFC 4180), with a header.
    Csv,
    /// One CSV row per figure with a subject: id, subject, measure, value,
    /// min, max, currency, period, text.
    Facts,
    /// One self-contained HTML page: a summary, then each article with its
    /// entities highlighted (see --html-max-articles).
    Html,
    /// One token per line with its span and BILOU tag, a blank line between
    /// sentences, `# id`/`# text` comments before each article.
    Conll,
    /// The article's text (with --rewrite numbers: spelled-out numbers in
    /// digits); articles separated by a form feed.
    Text,
}

/// What `--rewrite` rewrites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RewriteArg {
    /// Spelled-out numbers and ordinals written in digits (« vingt-six
    /// milliards » → « 26 milliards », « premier » → « 1er »).
    Numbers,
}

/// Offset unit on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OffsetsArg {
    /// Unicode code points (Python str indices).
    Chars,
    /// UTF-8 bytes.
    Bytes,
    /// UTF-16 code units (JavaScript, Java).
    Utf16,
}

/// Locale on the command line (case ignored; `fr` is fr-FR, `_` may stand for `-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LocaleArg {
    /// France: bare « $ » is USD, bare « francs » FRF.
    #[value(name = "fr-FR", alias = "fr", alias = "fr_FR")]
    France,
    /// Belgium: bare « francs » are BEF; septante, nonante.
    #[value(name = "fr-BE", alias = "fr_BE")]
    Belgium,
    /// Switzerland: bare « francs » are CHF; septante, huitante, nonante.
    #[value(name = "fr-CH", alias = "fr_CH")]
    Switzerland,
    /// Canada: bare « $ » and « dollars » are CAD.
    #[value(name = "fr-CA", alias = "fr_CA")]
    Canada,
}

/// Options shared by commands that run the pipeline.
#[derive(Debug, Clone, Args)]
pub struct PipelineArgs {
    /// Locale of the articles. It decides what a bare « $ » or « dollars »
    /// means (CAD in fr-CA) and the number words expected.
    #[arg(long, value_enum, ignore_case = true, default_value_t = LocaleArg::France, value_name = "LOCALE")]
    pub locale: LocaleArg,
    /// A folder of lexicon files that extend the built-in ones (same formats;
    /// see the README, "Lexicons").
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// A user rule file (TOML; repeatable, applied in order; see the README,
    /// "Writing rules").
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
    /// A tagger model written by `depeche train`, instead of the embedded one.
    #[arg(long, value_name = "MODEL", conflicts_with = "no_model")]
    pub model: Option<PathBuf>,
    /// The rules alone, without the learned tagger.
    #[arg(long)]
    pub no_model: bool,
    /// The tagger's names alone, without the rules' (to measure the tagger).
    #[arg(long, hide = true, conflicts_with = "no_model")]
    pub model_alone: bool,
    /// The date (YYYY-MM-DD) relative periods (« l'an dernier ») are resolved
    /// against, for every article; default: each article's own date (HTML
    /// metadata, the JSONL date field, or a dateline the text opens with).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

/// `depeche extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, folders (walked recursively in sorted order) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How to read inputs.
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    pub input: InputArg,
    /// Which files to take in folders (repeatable); default *.txt, *.html, *.htm
    /// (*.jsonl with --input jsonl).
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    pub format: FormatArg,
    /// Unit of offsets in records.
    #[arg(long, value_enum, default_value_t = OffsetsArg::Chars)]
    pub offsets: OffsetsArg,
    /// Only these kinds (comma-separated: person,organization,place,money,percent,period,
    /// or a kind of a --rules file); `+KIND` adds a kind to the default ones
    /// (`--kinds +number,+ordinal`: every kind, numbers and ordinals included).
    #[arg(long, value_delimiter = ',', value_name = "KIND", allow_hyphen_values = true)]
    pub kinds: Vec<String>,
    /// Add the article's tokens to each record (`tokens`: [start, end, sentence]).
    #[arg(long)]
    pub tokens: bool,
    /// With --format text: write spelled-out numbers in digits.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub rewrite: Option<RewriteArg>,
    /// With --rewrite: write the alignment between the original and the
    /// rewritten text to FILE (JSON Lines, one line per article).
    #[arg(long, value_name = "FILE")]
    pub emit_map: Option<PathBuf>,
    /// JSONL input: fields of the input line to copy into the record (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "FIELD")]
    pub keep: Vec<String>,
    /// JSONL input: the field holding each article's date (YYYY-MM-DD or ISO 8601),
    /// against which relative periods are resolved.
    #[arg(long, default_value = "date", value_name = "NAME")]
    pub date_field: String,
    /// Add the article text (that the offsets index) to each record.
    #[arg(long)]
    pub emit_text: bool,
    /// --format html: articles shown in the page; later ones are only counted
    /// in its summary.
    #[arg(long, default_value_t = 2000, value_name = "N")]
    pub html_max_articles: usize,
    /// Write to FILE (atomically: a temporary file renamed at the end) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads (default: all cores). Output is identical for any value.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Files larger than this many bytes become `too_large` error records.
    #[arg(long, default_value_t = 64 * 1024 * 1024, value_name = "BYTES")]
    pub max_bytes: u64,
    /// Refuse input that is not valid UTF-8 (error record) instead of decoding it.
    #[arg(long)]
    pub strict_utf8: bool,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Exit 0 even when some inputs became error records (they are still
    /// written): for runners that fail a task on any non-zero exit, such as
    /// Spark's `RDD.pipe`.
    #[arg(long)]
    pub exit_zero: bool,
    /// TSV/CSV: write cells starting with `=`, `+`, `-`, `@` as they are,
    /// without the leading `'` that keeps spreadsheets from running them as
    /// formulas (for programs that read the table).
    #[arg(long)]
    pub raw_cells: bool,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// `depeche eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold files, JSON Lines ({"id","text","entities":[{"kind","start","end",...}]})
    /// or CoNLL (`.conll`, as `--format conll` writes it).
    #[arg(required = true, value_name = "GOLD")]
    pub gold: Vec<PathBuf>,
    /// Only judge these kinds (comma-separated: person,organization,place,money,percent,
    /// period,number,ordinal); default: the kinds each gold file annotates.
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    pub kinds: Vec<String>,
    /// List N false positives and N false negatives per kind (strict matching),
    /// with context and the rule that fired.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub errors: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Exit 1 when the strict F1 of KIND is below X (repeatable); KIND is a kind,
    /// `names` (person + organization) or `figures` (money + percent).
    #[arg(long = "min-f1", value_name = "KIND=X")]
    pub min_f1: Vec<depeche::eval::Threshold>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// `depeche diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier run's records.
    pub old: PathBuf,
    /// The later run's records.
    pub new: PathBuf,
    /// Print the differences as JSON.
    #[arg(long)]
    pub json: bool,
    /// Write the differences as an HTML page: each article's text with the
    /// added, removed and changed entities marked (needs the texts: records
    /// written with --emit-text, or --text).
    #[arg(long, conflicts_with = "json")]
    pub html: bool,
    /// With --html: the runs' inputs (files or folders, as given to
    /// extract), read again for the texts the records do not hold.
    #[arg(long = "text", value_name = "PATH", requires = "html")]
    pub text: Vec<PathBuf>,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `depeche train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Gold files, JSON Lines: {"id","text","entities":[{"kind","start","end",...}]}
    /// (person, organization and place entities are learned; other kinds are ignored).
    #[arg(required = true, value_name = "GOLD")]
    pub gold: Vec<PathBuf>,
    /// The model file to write.
    #[arg(short, long, value_name = "MODEL")]
    pub output: PathBuf,
    /// Gold articles held out: the rules with the new model are scored on them.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Passes over the training data.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub epochs: usize,
    /// Hashed weight buckets: 2^BITS (8 to 24).
    #[arg(long, default_value_t = 16, value_name = "BITS", value_parser = clap::value_parser!(u32).range(8..=24))]
    pub bits: u32,
    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}
