//! The `depeche` command: parses arguments, calls the library, maps errors to
//! exit codes (0 ok, 1 fatal error, 2 some input failed or usage error).

mod cli;
mod run;

use clap::Parser;
use depeche::{Error, Kind, Locale, OffsetUnit, Pipeline};

use cli::{Cli, Command, OffsetsArg, PipelineArgs};

fn main() {
    let cli = Cli::parse();
    let code = match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("depeche: error: {e}");
            1
        }
    };
    std::process::exit(code);
}

fn dispatch(cli: Cli) -> Result<i32, Error> {
    match cli.command {
        Command::Extract(args) => {
            let offsets = match args.offsets {
                OffsetsArg::Chars => OffsetUnit::Chars,
                OffsetsArg::Bytes => OffsetUnit::Bytes,
                OffsetsArg::Utf16 => OffsetUnit::Utf16,
            };
            let mut kinds = Vec::new();
            for k in &args.kinds {
                kinds.push(Kind::parse(k.trim()).ok_or_else(|| {
                    Error::Config(format!(
                        "unknown kind {k:?} in --kinds; use person, organization, place, money or percent"
                    ))
                })?);
            }
            let pipeline = builder(&args.pipeline)?.offsets(offsets).kinds(kinds).emit_text(args.emit_text).build()?;
            run::extract(args, pipeline)
        }
        Command::Eval(_args) => Err(Error::Config("eval is not implemented yet".into())),
        Command::Diff(_args) => Err(Error::Config("diff is not implemented yet".into())),
    }
}

/// The pipeline builder for the shared options.
fn builder(args: &PipelineArgs) -> Result<depeche::PipelineBuilder, Error> {
    let locale = Locale::parse(&args.locale).ok_or_else(|| {
        Error::Config(format!("unknown --locale {:?}; use fr-FR, fr-BE, fr-CH or fr-CA", args.locale))
    })?;
    let mut b = Pipeline::builder().locale(locale);
    if let Some(dir) = &args.lexicon {
        b = b.lexicon_dir(dir);
    }
    Ok(b)
}
