//! The checks behind the fuzz targets (`fuzz/fuzz_targets/` includes this file). Here, with the
//! crate's tests so that they travel with the packaged crate: `tests/fuzz_regressions.rs` runs
//! the checks on every input saved in `tests/fuzz_regressions/`, so
//! `cargo test` covers what fuzzing found. Each check panics on a violation.
//!
//! Depends on nothing but `unspin` and `std`.

use std::{borrow::Cow, io::Read, sync::OnceLock};

use unspin::{Dictionary, Error, Restoration, Restorer, RestorerBuilder};

/// A small dictionary with every kind of entry; its keys are also in `fuzz/restore.dict`, so
/// that libFuzzer builds inputs from them.
pub const SMALL: &str = "\
chinese language\tChinese
officers\tofficials
mentioned\tsaid
navy help\tmilitary aid
navy\tmilitary
announcement\tstatement
indication\tsign
additionally it is\tit is also
isn't any\tis no
well-known\tfamous
invoice gates\tBill Gates
yr\tyear
in the past\tago
élan\tverve
über\tover
counterfeit consciousness\tartificial intelligence
keen\twilling\t0.6
keen\teager\t0.4
bosom\tbreast\t\t+cancer
frog\ttoad\t\t-pond
hour\tsixty minutes
";

/// The small dictionary without and with the context model, and the defaults.
pub fn restorers() -> &'static [Restorer; 3] {
    static RESTORERS: OnceLock<[Restorer; 3]> = OnceLock::new();
    RESTORERS.get_or_init(|| {
        let small = Dictionary::from_tsv_named("small", SMALL.as_bytes())
            .expect("the small dictionary parses");
        let builder = RestorerBuilder::new()
            .default_dictionaries(false)
            .dictionary(small);
        [
            builder.clone().context_model(false).build(),
            builder.build(),
            Restorer::default(),
        ]
    })
}

/// The small dictionary, eager (no context model): many edits, so rendering is exercised.
pub fn small() -> &'static Restorer {
    &restorers()[0]
}

/// The small dictionary, decided in context by the language model.
pub fn small_in_context() -> &'static Restorer {
    &restorers()[1]
}

/// `data` is a selector byte (which restorer, and the block size of the stream), then the text,
/// decoded lossily so that every input is restored.
pub fn restore(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let restorer = &restorers()[usize::from(selector) % 3];
    let text = String::from_utf8_lossy(bytes);
    let restoration = restorer.restore_with_edits(&text);
    check(&text, &restoration);
    assert!(
        restorer.restore(&text) == restoration.text,
        "restore differs from restore_with_edits"
    );
    let score = restorer.spin_score(&text);
    assert!((0.0..=1.0).contains(&score), "spin score {score}");

    // Streaming, in blocks that split UTF-8 sequences, gives the same text and edit count, and
    // the same edits when it hands them out.
    let block = 1 + usize::from(selector / 3) % 29;
    let mut streamed = Vec::new();
    let edits = restorer
        .restore_stream(
            Blocks {
                bytes: text.as_bytes(),
                block,
            },
            &mut streamed,
        )
        .expect("valid UTF-8 streams");
    assert!(
        streamed == restoration.text.as_bytes(),
        "restore_stream differs from restore"
    );
    assert_eq!(edits, restoration.edits.len() as u64);
    let (mut pieces, mut found) = (String::new(), Vec::new());
    restorer
        .restore_stream_with_edits(
            Blocks {
                bytes: text.as_bytes(),
                block,
            },
            |piece, edits| {
                pieces.push_str(piece);
                found.extend_from_slice(edits);
                Ok(())
            },
        )
        .expect("valid UTF-8 streams");
    assert!(
        pieces == restoration.text && found == restoration.edits,
        "restore_stream_with_edits differs from restore_with_edits"
    );

    // The raw bytes stream exactly when they are UTF-8, else fail at the first invalid byte.
    let result = restorer.restore_stream(Blocks { bytes, block }, std::io::sink());
    match std::str::from_utf8(bytes) {
        Ok(_) => assert!(result.is_ok(), "{result:?}"),
        Err(e) => match result {
            Err(Error::StreamNotUtf8 { offset }) => assert_eq!(offset, e.valid_up_to() as u64),
            other => panic!("invalid UTF-8 at {} streamed as {other:?}", e.valid_up_to()),
        },
    }
}

/// `data` is a TSV dictionary source. Parsing never panics; a source that parses keeps every
/// line it accepted, and restoring with it keeps the invariants.
pub fn from_tsv(data: &[u8]) {
    let dictionary = match Dictionary::from_tsv(data) {
        Ok(dictionary) => dictionary,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            return;
        }
    };
    let source = std::str::from_utf8(data).expect("a dictionary that parsed is UTF-8");
    let mut phrases = String::new();
    for line in source.strip_prefix('\u{feff}').unwrap_or(source).lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let spun = fields.next().expect("split yields a field");
        let original = fields
            .next()
            .expect("a line that parsed has an original")
            .trim();
        let candidates = dictionary.lookup(spun);
        assert!(
            candidates.iter().any(|c| c.original == original),
            "{spun:?} lost {original:?}: {candidates:?}"
        );
        for candidate in &candidates {
            assert!(
                candidate.weight > 0.0 && candidate.weight <= 1.0,
                "{candidate:?}"
            );
        }
        phrases.push_str(spun);
        phrases.push(' ');
    }
    assert_eq!(
        Dictionary::merge([&dictionary, &dictionary]).len(),
        dictionary.len()
    );
    let builder = RestorerBuilder::new()
        .default_dictionaries(false)
        .dictionary(dictionary);
    for restorer in [
        builder.clone().context_model(false).build(),
        builder.build(),
    ] {
        for text in [source, &phrases] {
            check(text, &restorer.restore_with_edits(text));
        }
    }
}

/// Checks everything a restoration promises: borrowed exactly when nothing changed, edits in
/// order and not overlapping, spans that describe them, and every other byte copied as it is.
pub fn check(input: &str, restoration: &Restoration<'_>) {
    let output: &str = &restoration.text;
    match &restoration.text {
        Cow::Borrowed(text) => {
            assert!(restoration.edits.is_empty(), "borrowed output with edits");
            assert!(
                std::ptr::eq(*text, input),
                "borrowed output is not the input"
            );
        }
        Cow::Owned(_) => assert!(!restoration.edits.is_empty(), "owned output without edits"),
    }
    let (mut input_at, mut output_at) = (0, 0);
    for edit in &restoration.edits {
        assert!(
            edit.input.start >= input_at && edit.input.start < edit.input.end,
            "input span {:?}",
            edit.input
        );
        assert!(
            edit.output.start >= output_at && edit.output.start <= edit.output.end,
            "output span {:?}",
            edit.output
        );
        assert!(
            edit.input.end <= input.len() && edit.output.end <= output.len(),
            "span past the end"
        );
        assert_eq!(
            input[input_at..edit.input.start],
            output[output_at..edit.output.start],
            "bytes between edits"
        );
        assert_eq!(input[edit.input.clone()], edit.spun, "input span");
        assert_eq!(output[edit.output.clone()], edit.original, "output span");
        assert!(
            edit.confidence > 0.0 && edit.confidence <= 1.0,
            "confidence {}",
            edit.confidence
        );
        input_at = edit.input.end;
        output_at = edit.output.end;
    }
    assert_eq!(
        input[input_at..],
        output[output_at..],
        "bytes after the last edit"
    );
}

/// A reader that returns at most `block` bytes a call, to split UTF-8 sequences anywhere.
pub struct Blocks<'a> {
    /// What is left to read.
    pub bytes: &'a [u8],
    /// The most bytes one call returns.
    pub block: usize,
}

impl Read for Blocks<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.block.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}
