use depeche::{Document, Kind, Locale, Pipeline, record::OffsetUnit};

fn main() -> Result<(), depeche::Error> {
    // Build once (lexicons loaded and indexed), share everywhere: Pipeline is Send + Sync.
    let pipeline = Pipeline::builder().locale(Locale::FrFr).offsets(OffsetUnit::Chars).build()?;
    let record = pipeline.process(&Document::new("a1", "Meta dépensera entre 60 et 65 milliards de dollars."));
    for e in &record.entities {
        println!("{:?} {:?} {:?} {:?}", e.kind, e.text, e.min, e.max);
    }
    let range = record.entities.iter().find(|e| e.kind == Kind::Money).expect("one amount");
    assert_eq!(range.text, "entre 60 et 65 milliards de dollars");
    assert_eq!((range.min.as_deref(), range.max.as_deref()), (Some("60000000000"), Some("65000000000")));
    assert_eq!(range.currency.as_deref(), Some("USD"));
    // Many articles in parallel (rayon), results in input order:
    // pipeline.process_batch(sources, &ReadOptions::default())
    Ok(())
}
