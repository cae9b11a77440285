//! The Python module `unspin._unspin`, re-exported by the package `unspin`.
//!
//! Every call that restores or scores text releases the GIL while Rust works. Spans handed to
//! Python are `str` indices (code points), not the byte offsets of the Rust API, so that
//! `text[start:end]` is the phrase.

use std::{
    ops::Range,
    path::PathBuf,
    sync::atomic::{AtomicUsize, Ordering},
};

use pyo3::{
    create_exception,
    exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyTypeError, PyValueError},
    prelude::*,
    pybacked::PyBackedStr,
    types::PyString,
};

create_exception!(
    unspin,
    UnspinError,
    PyValueError,
    "A dictionary could not be used: its text is not UTF-8 or a line is malformed. The message names the dictionary, the line and what to fix."
);

/// Raises the Rust error's message: `OSError` (or `FileNotFoundError`, `PermissionError`) when a
/// dictionary file cannot be read, `UnspinError` otherwise.
fn py_err(error: unspin::Error) -> PyErr {
    let message = error.to_string();
    match &error {
        unspin::Error::Io { error, .. } => match error.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
            std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
            _ => PyOSError::new_err(message),
        },
        _ => UnspinError::new_err(message),
    }
}

/// Turns ascending byte offsets of one text into `str` indices, scanning the text once.
struct CharIndex<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharIndex<'t> {
    fn new(text: &'t str) -> CharIndex<'t> {
        CharIndex {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The `str` index of byte `offset`; rescans from the start if offsets go backwards.
    fn at(&mut self, offset: usize) -> usize {
        if offset < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..offset].chars().count();
        self.byte = offset;
        self.chars
    }

    fn span(&mut self, span: &Range<usize>) -> (usize, usize) {
        (self.at(span.start), self.at(span.end))
    }
}

/// One restored phrase. Spans are `(start, end)` `str` indices: `text[start:end]`.
#[pyclass(module = "unspin", frozen, get_all)]
#[derive(Clone)]
struct Edit {
    /// Span of the replaced text in the input.
    input: (usize, usize),
    /// Span of the replacement in the restored text.
    output: (usize, usize),
    /// The text that was replaced (including a corrected article, if any).
    spun: String,
    /// The text written in its place.
    original: String,
    /// The dictionary the entry came from (`news`, `tortured`, or a user dictionary's name).
    dictionary: String,
    /// How sure the decoder is, in (0, 1]; the prior alone when the context model is off.
    confidence: f32,
}

#[pymethods]
impl Edit {
    fn __repr__(&self) -> String {
        format!(
            "Edit(input={:?}, output={:?}, spun={:?}, original={:?}, dictionary={:?}, confidence={:.3})",
            self.input, self.output, self.spun, self.original, self.dictionary, self.confidence
        )
    }
}

/// Restored text and the edits that produced it, in input order, never overlapping.
#[pyclass(module = "unspin", frozen, get_all)]
struct Restoration {
    /// The restored text.
    text: String,
    /// Every edit.
    edits: Vec<Edit>,
}

#[pymethods]
impl Restoration {
    fn __repr__(&self) -> String {
        format!(
            "Restoration(text={:?}, edits=<{} edits>)",
            self.text,
            self.edits.len()
        )
    }
}

/// One occurrence of a tortured phrase.
#[pyclass(module = "unspin", frozen, get_all)]
#[derive(Clone)]
struct Finding {
    /// `(start, end)` `str` indices in the document.
    span: (usize, usize),
    /// The phrase as written.
    phrase: String,
    /// The phrase that was expected there.
    expected: String,
    /// What found it: a dictionary's name (`tortured`, or a user dictionary), or `model`.
    found_by: String,
    /// The entry's prior, in (0, 1].
    confidence: f32,
}

#[pymethods]
impl Finding {
    fn __repr__(&self) -> String {
        format!(
            "Finding(span={:?}, phrase={:?}, expected={:?}, found_by={:?}, confidence={:.3})",
            self.span, self.phrase, self.expected, self.found_by, self.confidence
        )
    }
}

/// How often one tortured phrase occurs.
#[pyclass(module = "unspin", frozen, get_all)]
#[derive(Clone)]
struct PhraseCount {
    /// The normalised tortured phrase.
    phrase: String,
    /// The expected phrase.
    expected: String,
    /// Occurrences in the document.
    count: usize,
}

#[pymethods]
impl PhraseCount {
    fn __repr__(&self) -> String {
        format!(
            "PhraseCount(phrase={:?}, expected={:?}, count={})",
            self.phrase, self.expected, self.count
        )
    }
}

/// What `screen` found in a document: the tortured phrases, without rewriting anything.
#[pyclass(module = "unspin", frozen, get_all)]
struct Report {
    /// Words in the document.
    words: usize,
    /// Every tortured phrase found, in document order.
    findings: Vec<Finding>,
    /// Occurrences per phrase, most frequent first.
    phrases: Vec<PhraseCount>,
}

#[pymethods]
impl Report {
    fn __repr__(&self) -> String {
        format!(
            "Report(words={}, findings=<{} findings>, phrases=<{} phrases>)",
            self.words,
            self.findings.len(),
            self.phrases.len()
        )
    }
}

/// A dictionary of spun phrases and their originals, from TSV (see the README's Dictionaries).
#[pyclass(module = "unspin", frozen)]
struct Dictionary {
    inner: unspin::Dictionary,
}

#[pymethods]
impl Dictionary {
    /// Parses TSV text; `name` is recorded as the dictionary of every edit it makes.
    ///
    /// Raises `UnspinError` naming the line and what to fix when a line is malformed.
    #[staticmethod]
    #[pyo3(signature = (text, name = "custom"))]
    fn from_tsv(text: PyBackedStr, name: &str) -> PyResult<Dictionary> {
        let inner = unspin::Dictionary::from_tsv_named(name, text.as_bytes()).map_err(py_err)?;
        Ok(Dictionary { inner })
    }

    /// Reads a TSV file (`str` or `os.PathLike`); its name is the file stem (`slang.tsv` →
    /// `slang`).
    ///
    /// Raises `OSError` when the file cannot be read, `UnspinError` when it is malformed.
    #[staticmethod]
    fn from_file(path: PathBuf) -> PyResult<Dictionary> {
        let inner = unspin::Dictionary::from_file(path).map_err(py_err)?;
        Ok(Dictionary { inner })
    }

    /// The number of spun phrases.
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The names of the dictionaries merged into this one.
    #[getter]
    fn sources(&self) -> Vec<String> {
        self.inner.sources().to_vec()
    }

    fn __repr__(&self) -> String {
        format!(
            "Dictionary(sources={:?}, phrases={})",
            self.inner.sources(),
            self.inner.len()
        )
    }
}

/// Restores spun text with chosen dictionaries and options. Immutable; share one across threads.
///
/// `dictionaries` are `Dictionary` values or paths of TSV files; their candidates join those
/// of the embedded defaults unless `default_dictionaries` is false. `context_model=False`
/// restores with the dictionaries alone (fastest, but as eager on genuine text as on spun);
/// `phrase_model=False` leaves tortured phrases that no dictionary lists alone;
/// `min_confidence` in (0, 1] is the confidence an edit needs.
#[pyclass(module = "unspin", frozen, name = "Restorer")]
struct PyRestorer {
    inner: unspin::Restorer,
}

#[pymethods]
impl PyRestorer {
    #[new]
    #[pyo3(signature = (dictionaries = None, *, default_dictionaries = true, context_model = true, phrase_model = true, min_confidence = 0.5))]
    fn new(
        py: Python<'_>,
        dictionaries: Option<Vec<Bound<'_, PyAny>>>,
        default_dictionaries: bool,
        context_model: bool,
        phrase_model: bool,
        min_confidence: f32,
    ) -> PyResult<PyRestorer> {
        if !(min_confidence > 0.0 && min_confidence <= 1.0) {
            return Err(PyValueError::new_err(format!(
                "min_confidence must be in (0, 1], not {min_confidence}"
            )));
        }
        let mut builder = unspin::RestorerBuilder::new()
            .default_dictionaries(default_dictionaries)
            .context_model(context_model)
            .phrase_model(phrase_model)
            .min_confidence(min_confidence);
        for item in dictionaries.unwrap_or_default() {
            let dictionary = if let Ok(dictionary) = item.cast::<Dictionary>() {
                dictionary.get().inner.clone()
            } else if let Ok(path) = item.extract::<PathBuf>() {
                py.detach(|| unspin::Dictionary::from_file(path))
                    .map_err(py_err)?
            } else {
                return Err(PyTypeError::new_err(format!(
                    "dictionaries takes unspin.Dictionary values or paths of TSV files, not {}; for TSV text use unspin.Dictionary.from_tsv(text)",
                    item.get_type().name()?
                )));
            };
            builder = builder.dictionary(dictionary);
        }
        Ok(PyRestorer {
            inner: py.detach(|| builder.build()),
        })
    }

    /// The default restorer (embedded dictionaries, default options), shared: built once, on
    /// first use.
    #[staticmethod]
    fn default() -> PyRestorer {
        PyRestorer {
            inner: unspin::Restorer::default(),
        }
    }

    /// Restores `text`.
    fn restore<'py>(&self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        let py = text.py();
        let input = PyBackedStr::try_from(text.clone())?;
        Ok(match py.detach(|| restored(&self.inner, &input)) {
            Some(restored) => PyString::new(py, &restored),
            None => text.clone(),
        })
    }

    /// Restores `text` and reports every edit.
    fn restore_with_edits(&self, py: Python<'_>, text: PyBackedStr) -> Restoration {
        py.detach(|| {
            let restoration = self.inner.restore_with_edits(&text);
            let mut input = CharIndex::new(&text);
            let mut output = CharIndex::new(&restoration.text);
            let edits = restoration
                .edits
                .iter()
                .map(|edit| Edit {
                    input: input.span(&edit.input),
                    output: output.span(&edit.output),
                    spun: edit.spun.clone(),
                    original: edit.original.clone(),
                    dictionary: edit.dictionary.clone(),
                    confidence: edit.confidence,
                })
                .collect();
            Restoration {
                text: restoration.text.into_owned(),
                edits,
            }
        })
    }

    /// How strongly `text` shows signs of spinning, from 0 (genuine prose) to 1.
    fn spin_score(&self, py: Python<'_>, text: PyBackedStr) -> f64 {
        py.detach(|| self.inner.spin_score(&text))
    }

    /// Reports the tortured phrases in `text`, without rewriting anything.
    fn screen(&self, py: Python<'_>, text: PyBackedStr) -> Report {
        py.detach(|| {
            let report = self.inner.screen(&text);
            let mut index = CharIndex::new(&text);
            Report {
                words: report.words,
                findings: report
                    .findings
                    .into_iter()
                    .map(|f| Finding {
                        span: index.span(&f.span),
                        phrase: f.phrase,
                        expected: f.expected,
                        found_by: f.found_by,
                        confidence: f.confidence,
                    })
                    .collect(),
                phrases: report
                    .phrases
                    .into_iter()
                    .map(|p| PhraseCount {
                        phrase: p.phrase,
                        expected: p.expected,
                        count: p.count,
                    })
                    .collect(),
            }
        })
    }

    /// Restores each text on `threads` threads (default: one per core), without the GIL.
    /// `None` items come back as `None`.
    #[pyo3(signature = (texts, threads = None))]
    fn restore_many<'py>(
        &self,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Option<Bound<'py, PyString>>>> {
        let py = texts.py();
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let mut objects = Vec::new();
        let mut inputs = Vec::new();
        for (i, item) in texts.try_iter()?.enumerate() {
            let item = item?;
            if item.is_none() {
                objects.push(None);
                continue;
            }
            let string = item.cast_into::<PyString>().map_err(|e| {
                match e.into_inner().get_type().name() {
                    Ok(kind) => {
                        PyTypeError::new_err(format!("texts[{i}] is {kind}, not str or None"))
                    }
                    Err(e) => e,
                }
            })?;
            inputs.push(PyBackedStr::try_from(string.clone())?);
            objects.push(Some(string));
        }
        let mut restored = py
            .detach(|| parallel_map(&inputs, threads, |text| restored(&self.inner, text)))
            .into_iter();
        Ok(objects
            .into_iter()
            .map(|object| {
                let object = object?;
                Some(match restored.next().expect("one result per text") {
                    Some(text) => PyString::new(py, &text),
                    None => object,
                })
            })
            .collect())
    }

    fn __repr__(&self) -> String {
        format!("Restorer(dictionary={:?})", self.inner.dictionary())
    }
}

/// The restored text, or `None` when nothing changes (the caller keeps its input object).
fn restored(restorer: &unspin::Restorer, text: &str) -> Option<String> {
    match restorer.restore(text) {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(restored) => Some(restored),
    }
}

/// `f` over `items` on up to `threads` threads, each taking the next item when it is free;
/// results in input order. A panic in `f` is raised again here.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            let done = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, result) in done {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.expect("every index is taken once"))
        .collect()
}

/// Restores spun text (synonym-spinner output and tortured phrases) to plausible original
/// wording. The package `unspin` re-exports these and binds its functions to
/// `Restorer.default()`.
#[pymodule]
mod _unspin {
    #[pymodule_export]
    use super::{
        Dictionary, Edit, Finding, PhraseCount, PyRestorer, Report, Restoration, UnspinError,
    };
}
