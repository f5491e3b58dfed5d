//! The `depeche` command: parses arguments, calls the library, maps errors to
//! exit codes (0 ok, 1 fatal error, 2 some input failed or usage error).

mod cli;
mod run;
mod train;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};
use depeche::{Error, Kind, Locale, OffsetUnit, Pipeline};

use cli::{Cli, Command, FormatArg, LocaleArg, OffsetsArg, PipelineArgs, RulesCommand};

/// mimalloc instead of the system allocator: extraction makes many small,
/// short-lived allocations per article, and glibc's malloc and free cost
/// about a tenth of a run (callgrind); mimalloc also returns memory per
/// thread without contention.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option numbers (`mi_option_e` in `mimalloc.h`, the same in
/// its versions 2 and 3).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets mimalloc's options before anything is allocated: from an ELF
/// constructor (`.init_array`), which runs before `main` and before the
/// standard library's first allocation. Set later, from `main`, the first
/// arena is already reserved and committed at once, and the process keeps
/// about 20 MB more resident from the start (36 MB against 18 MB for an
/// empty input, 113 MB against 88 MB for one 10 MB article).
///
/// Memory freed by a worker goes back to the system at once, and arenas
/// take memory as it is used rather than all at once: otherwise each worker
/// thread keeps what its largest article used, and peak memory grows with
/// --jobs (50 files of 1 MB, --jobs 16: 272 MB before, see the README's
/// "Bad input" for the figures after).
extern "C" fn set_allocator_options() {
    // SAFETY: setting allocator options touches no memory of ours, and
    // mimalloc allows it before its own initialization.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

/// The constructor entry that runs [`set_allocator_options`] before `main`
/// on ELF platforms.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static ALLOCATOR_OPTIONS: extern "C" fn() = set_allocator_options;

fn main() {
    // Elsewhere, as early as `main` allows (a no-op when the constructor ran).
    if !cfg!(target_os = "linux") {
        set_allocator_options();
    }
    let cli = Cli::parse();
    let code = match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            say(format_args!("depeche: error: {e}"));
            1
        }
    };
    std::process::exit(code);
}

/// Writes one line to standard error. Unlike `eprintln!`, it never panics:
/// a closed or full standard error (`depeche ... 2>&-`, a reader gone) loses
/// the message, and the exit code stays what the run earned.
pub(crate) fn say(message: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}

fn dispatch(cli: Cli) -> Result<i32, Error> {
    match cli.command {
        Command::Extract(args) => {
            // The HTML report needs the text and slices it by bytes.
            let html = args.format == cli::FormatArg::Html;
            let offsets = match args.offsets {
                _ if html => OffsetUnit::Bytes,
                OffsetsArg::Chars => OffsetUnit::Chars,
                OffsetsArg::Bytes => OffsetUnit::Bytes,
                OffsetsArg::Utf16 => OffsetUnit::Utf16,
            };
            let kinds = parse_kinds("extract", &args.kinds, &args.pipeline)?;
            if let Err(message) = run::check_formats(&args) {
                crate::say(format_args!("depeche: error: {message}"));
                return Ok(2);
            }
            let needs_text = matches!(args.format, FormatArg::Conll | FormatArg::Text);
            let pipeline = builder(&args.pipeline)?
                .offsets(offsets)
                .kinds(kinds)
                .emit_text(args.emit_text || needs_text || html)
                .tokens(args.tokens || args.format == FormatArg::Conll)
                .build()?;
            run::extract(args, pipeline)
        }
        Command::Eval(args) => {
            let kinds = parse_kinds("eval", &args.kinds, &args.pipeline)?;
            // Every kind is produced, numbers, ordinals and the rule files'
            // kinds included; each gold file judges the kinds it annotates.
            let mut all: Vec<Kind> = Kind::ALL.to_vec();
            if !args.pipeline.rules.is_empty() {
                all.extend(depeche::rules::Rules::load(&args.pipeline.rules)?.kinds());
            }
            let pipeline = builder(&args.pipeline)?.offsets(OffsetUnit::Chars).kinds(all).build()?;
            let options = depeche::eval::EvalOptions {
                kinds: (!kinds.is_empty()).then_some(kinds),
                errors: args.errors,
                ..Default::default()
            };
            let report = depeche::eval::evaluate_files(&pipeline, &args.gold, options)?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&report).map_err(|e| Error::Config(e.to_string()))?);
            } else {
                print!("{}", report.to_text());
            }
            let failed = depeche::eval::check_thresholds(&report, &args.min_f1);
            for f in &failed {
                say(format_args!("depeche: --min-f1 not met: {f}"));
            }
            for m in &report.malformed {
                say(format_args!("depeche: malformed gold line: {m}"));
            }
            Ok(if !failed.is_empty() {
                1
            } else if !report.malformed.is_empty() {
                2
            } else {
                0
            })
        }
        Command::Rules(RulesCommand::Check(args)) => rules_check(&args),
        Command::Train(args) => {
            let pipeline = builder(&args.pipeline)?.model(depeche::model::ModelChoice::None).build()?;
            train::train(&args, &pipeline)
        }
        Command::Diff(args) if args.html => run::diff_html(&args),
        Command::Diff(args) => {
            let diff = match depeche::diff::diff_files(&args.old, &args.new) {
                Ok(d) => d,
                Err(e) => {
                    say(format_args!("depeche: error: {e}"));
                    return Ok(2);
                }
            };
            if args.json {
                println!("{}", serde_json::to_string_pretty(&diff).map_err(|e| Error::Config(e.to_string()))?);
            } else {
                print!("{}", diff.to_text());
            }
            Ok(if diff.is_empty() { 0 } else { 1 })
        }
    }
}

/// Parses `--kinds`: built-in kinds (case ignored), and the kinds of the
/// `--rules` files. An unknown kind is a usage error (exit 2) in clap's
/// layout, checked here rather than by a clap value parser because the
/// rules files name kinds of their own. With `+KIND`, the kinds on by
/// default (and the rule files' kinds) plus those.
fn parse_kinds(subcommand: &str, names: &[String], args: &PipelineArgs) -> Result<Vec<Kind>, Error> {
    let builtin = |k: &str| Kind::parse(&k.trim().trim_start_matches('+').to_ascii_lowercase());
    let user = if names.iter().any(|k| builtin(k).is_none()) && !args.rules.is_empty() {
        depeche::rules::Rules::load(&args.rules)?.kinds()
    } else {
        Vec::new()
    };
    let mut kinds = Vec::new();
    if names.iter().any(|k| k.trim().starts_with('+')) {
        kinds.extend(Kind::ALL.into_iter().filter(|k| k.on_by_default()));
        kinds.extend(user.iter().copied());
    }
    for k in names {
        match builtin(k).or_else(|| user.iter().copied().find(|u| u.as_str() == k.trim().trim_start_matches('+'))) {
            Some(kind) if kinds.contains(&kind) => {}
            Some(kind) => kinds.push(kind),
            None => {
                let mut valid: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                for u in &user {
                    if !valid.contains(&u.as_str()) {
                        valid.push(u.as_str());
                    }
                }
                invalid_value(subcommand, "--kinds <KIND>", k, &valid)
            }
        }
    }
    Ok(kinds)
}

/// Ends the process with clap's own « invalid value » usage error (same
/// layout as clap's, with the valid values and the closest one; exit 2).
pub(crate) fn invalid_value(subcommand: &str, arg: &str, value: &str, valid: &[&str]) -> ! {
    let mut cli = Cli::command();
    cli.build();
    let cmd = cli.find_subcommand_mut(subcommand).cloned().unwrap_or(cli);
    let mut err = clap::Error::new(ErrorKind::InvalidValue).with_cmd(&cmd);
    err.insert(ContextKind::InvalidArg, ContextValue::String(arg.to_string()));
    err.insert(ContextKind::InvalidValue, ContextValue::String(value.to_string()));
    err.insert(ContextKind::ValidValue, ContextValue::Strings(valid.iter().map(|v| v.to_string()).collect()));
    if let Some(near) = depeche::suggest::closest(value, valid.iter().copied()) {
        err.insert(ContextKind::SuggestedValue, ContextValue::String(near.to_string()));
    }
    err.exit()
}

/// Ends the process with a usage error of clap's layout (exit 2).
pub(crate) fn usage_error(subcommand: &str, message: impl std::fmt::Display) -> ! {
    let mut cli = Cli::command();
    cli.build();
    let mut cmd = cli.find_subcommand_mut(subcommand).cloned().unwrap_or(cli);
    cmd.error(ErrorKind::ValueValidation, message).exit()
}

/// `depeche rules check`: exit 0 when every example passes, 1 otherwise.
fn rules_check(args: &cli::RulesCheckArgs) -> Result<i32, Error> {
    let mut b = builder(&args.pipeline)?;
    for f in &args.files {
        b = b.rules_file(f);
    }
    let pipeline = b.offsets(OffsetUnit::Chars).build()?;
    let failures = depeche::rules::check(&pipeline);
    for f in &failures {
        println!("{f}");
    }
    let (rules, examples, counter) = pipeline.rules().counts();
    let files = args.files.len() + args.pipeline.rules.len();
    if failures.is_empty() {
        println!("{files} files, {rules} rules: {examples} examples and {counter} counterexamples pass");
        Ok(0)
    } else {
        println!(
            "{files} files, {rules} rules: {} of {} examples and counterexamples fail",
            failures.len(),
            examples + counter
        );
        Ok(1)
    }
}

/// The pipeline builder for the shared options.
fn builder(args: &PipelineArgs) -> Result<depeche::PipelineBuilder, Error> {
    let locale = match args.locale {
        LocaleArg::France => Locale::FrFr,
        LocaleArg::Belgium => Locale::FrBe,
        LocaleArg::Canada => Locale::FrCa,
        LocaleArg::Switzerland => Locale::FrCh,
    };
    let mut b = Pipeline::builder().locale(locale);
    if let Some(d) = &args.date {
        let day = depeche::facts::Day::parse(d).ok_or_else(|| {
            Error::Config(format!("invalid --date {d:?}: expected a calendar date such as 2025-05-14"))
        })?;
        b = b.date(day);
    }
    if let Some(dir) = &args.lexicon {
        b = b.lexicon_dir(dir);
    }
    for f in &args.rules {
        b = b.rules_file(f);
    }
    b = b.model_alone(args.model_alone);
    if args.no_model {
        b = b.model(depeche::model::ModelChoice::None);
    } else if let Some(path) = &args.model {
        b = b.model(depeche::model::ModelChoice::File(std::sync::Arc::new(depeche::model::Model::load(path)?)));
    }
    Ok(b)
}
