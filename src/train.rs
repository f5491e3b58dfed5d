//! `depeche train`: reads gold files, trains the tagger with a progress
//! bar, writes the model file, and prints a summary (with the held-out
//! scores when `--dev` is given).

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Instant;

use depeche::eval::{EvalOptions, evaluate_files, read_gold_file};
use depeche::model::ModelChoice;
use depeche::model::train::{TrainOptions, train_gold};
use depeche::{Error, Kind, OffsetUnit, Pipeline};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::TrainArgs;

/// Runs `depeche train`; returns the exit code.
pub fn train(args: &TrainArgs, pipeline: &Pipeline) -> Result<i32, Error> {
    let started = Instant::now();
    let mut docs = Vec::new();
    let mut malformed = Vec::new();
    for path in &args.gold {
        let (d, errors) = read_gold_file(path)?;
        docs.extend(d);
        malformed.extend(errors);
    }
    for m in &malformed {
        eprintln!("depeche: malformed gold line (skipped): {m}");
    }
    if docs.is_empty() {
        return Err(Error::Config("no gold article to train on: give JSON Lines files in the eval format".into()));
    }
    let options = TrainOptions { epochs: args.epochs, bits: args.bits, ..TrainOptions::default() };
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} training: epoch {msg} [{bar:30}] {pos}/{len} sentences ({eta})")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        bar
    };
    let (model, summary) = train_gold(pipeline, &docs, &options, |epoch, done| {
        if bar.length() == Some(0) {
            bar.set_length(1);
        }
        bar.set_message(format!("{epoch}/{}", options.epochs));
        if done == 0 {
            bar.reset();
        }
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let bytes = model.to_bytes();
    write_atomic(&args.output, &bytes)?;
    eprintln!(
        "depeche: trained {} epochs on {} articles, {} sentences, {} tokens, {} names ({} left out: not on token boundaries, overlapping, or without a capital); last epoch: {} segments decoded wrong",
        summary.epochs,
        summary.articles,
        summary.sentences,
        summary.tokens,
        summary.names,
        summary.skipped,
        summary.last_epoch_errors
    );
    eprintln!(
        "depeche: wrote {} ({} bytes) in {:.1} s",
        args.output.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    if let Some(dev) = &args.dev {
        let scored = Pipeline::builder()
            .locale(pipeline.settings().locale)
            .offsets(OffsetUnit::Chars)
            .model(ModelChoice::File(Arc::new(model)));
        let scored = match &pipeline.settings().lexicon_dir {
            Some(dir) => scored.lexicon_dir(dir),
            None => scored,
        };
        let report = evaluate_files(&scored.build()?, std::slice::from_ref(dev), EvalOptions::default())?;
        let f1 = |name: &str| report.score(name).map_or("-".to_string(), |k| format!("{:.3}", k.strict.f1));
        eprintln!(
            "depeche: held-out {} ({} articles), strict F1: names {}, person {}, organization {}, place {}",
            dev.display(),
            report.documents,
            f1("names"),
            f1(Kind::Person.as_str()),
            f1(Kind::Organization.as_str()),
            f1(Kind::Place.as_str())
        );
    }
    Ok(if malformed.is_empty() { 0 } else { 2 })
}

/// Writes `bytes` to `path` through a temporary file in the same folder.
fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
        hint: "check that the model's folder exists and is writable",
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(io)?;
    // Readable by all, like a file written by `cp` (a temporary file is private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(io)?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
