//! Restores spun text: `cargo run --release --example restore < article.txt`.
//!
//! Run with `--help` for the options.

use std::{
    collections::HashMap,
    ffi::OsString,
    fs::{self, File},
    io::{self, BufWriter, IsTerminal, Read, Seek, Write},
    path::{Path, PathBuf},
    process::ExitCode,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Mutex,
    },
    time::Instant,
};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use same_file::Handle;
use unspin::{Dictionary, Edit, Error, Report, Restorer, RestorerBuilder};

const USAGE: &str = "\
usage: restore [OPTIONS] [FILE ...]
       restore [OPTIONS] --out DIR FILE_OR_DIRECTORY ...

Restores spun text (synonym-spinner output, tortured phrases) to its likely original wording.
Reads the FILEs, or standard input when none is given (or for -), and writes the restored text
to standard output, one input after another. Plain text and --diff are streamed, and --json is
spooled through temporary files, so memory stays bounded whatever the size of the input; --screen
reads each whole input into memory. An input that fails part-way through (invalid UTF-8 at byte
700,000, a read error) leaves what was restored before that point on standard output (with
--json, only its error record); with --out, its file is not written at all.

With --out DIR, each FILE, and each file under each DIRECTORY (recursively; hidden entries are
skipped), is restored into DIR under its relative name: a FILE by its file name, a directory's
files by their path inside that directory. Files are restored in parallel, largest first. An
input is never overwritten: restore refuses to start when an output would be an input file or
DIR is inside an input directory.

options:
  --diff         show every edit in place: [-spun-]{+original+} (coloured on a terminal)
  --color WHEN   colour the --diff markers: auto (on a terminal, unless NO_COLOR is set; the
                 default), always or never
  --json         print the restoration as JSON, one line per input:
                 {\"input\": NAME, \"text\": ..., \"edits\": [...]}, or {\"input\": NAME, \"error\": ...}
                 for an input that failed; with --out, each input's JSON goes to NAME.json
  --screen       report the tortured phrases found (fingerprints of the tortured dictionary, and
                 unlisted ones the phrase model finds) instead of restoring; JSON with --json
  --out DIR      write each restored input into DIR (created if missing), not to standard output
  --dictionary FILE
                 restore with the TSV dictionary FILE instead of the embedded ones; repeat it to
                 use several (each is named by its file stem: `news` and `news_*` files hold
                 ordinary words that only context can judge, any other name fingerprints)
  --lossy        replace invalid UTF-8 with U+FFFD and say how many sequences were replaced
                 (by default such an input fails with the offset of its first invalid byte)
  -j, --jobs N   restore N files at a time with --out (default: one per core)
  -q, --quiet    show neither the progress bar nor the summary
  -h, --help     show this help

A progress bar (on a terminal) and a summary (files, MB, edits, MB/s) go to standard error; the
summary is shown with --out, or when standard error is a terminal. An input that fails is
reported (with --json, also as an error record) and the others are still restored. A file or
link under an input directory that cannot be read (a dangling link, a link loop) is reported
like any unreadable file. Exit status: 0 when every input was restored, 1 when any failed or
output could not be written, 2 for a usage error or a refused --out, 141 (quietly) when the
reader of standard output went away, as for `restore big.txt | head`.
";

/// When `--diff` is coloured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Colour {
    Auto,
    Always,
    Never,
}

impl Colour {
    /// Whether to colour output, on a terminal or not, given `NO_COLOR`'s value.
    pub(crate) fn wanted(self, terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
        match self {
            Colour::Always => true,
            Colour::Never => false,
            Colour::Auto => terminal && no_color.map_or(true, |v| v.is_empty()),
        }
    }
}

/// A `--json` line: the input's name, then its restoration, report or error.
#[derive(serde::Serialize)]
struct Record<'a, T> {
    input: &'a str,
    #[serde(flatten)]
    body: T,
}

/// The exit status when the reader of standard output went away: that of a process killed by
/// SIGPIPE, as the shell reports it.
const BROKEN_PIPE: u8 = 141;

/// Reports a message on standard error; there is nowhere else to report a failure to do so.
fn report(message: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "restore: {message}");
}

/// The exit status for output that could not be written, reported unless the reader went away.
fn output_failed(error: &io::Error) -> ExitCode {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::from(BROKEN_PIPE);
    }
    report(format_args!("cannot write output: {error}"));
    ExitCode::FAILURE
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Diff,
    Json,
}

struct Options {
    format: Format,
    colour: Colour,
    screen: bool,
    out: Option<PathBuf>,
    lossy: bool,
    jobs: usize,
    quiet: bool,
    /// TSV dictionaries to restore with instead of the embedded ones.
    dictionaries: Vec<PathBuf>,
    /// Files and directories; `-` is standard input.
    inputs: Vec<PathBuf>,
}

/// What restoring one input did.
#[derive(Default)]
struct Done {
    bytes: u64,
    edits: u64,
    replaced: u64,
}

/// Why restoring one input failed: the input (a message naming it), or the output.
enum Failure {
    Input(String),
    Output(io::Error),
}

/// Totals for the summary.
#[derive(Default)]
struct Totals {
    files: u64,
    failed: u64,
    bytes: u64,
    edits: u64,
}

impl Totals {
    fn add(&mut self, done: &Done) {
        self.files += 1;
        self.bytes += done.bytes;
        self.edits += done.edits;
    }
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args_os().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            let mut stdout = io::stdout().lock();
            return match stdout
                .write_all(USAGE.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => output_failed(&error),
            };
        }
        Err(message) => {
            report(message);
            return ExitCode::from(2);
        }
    };
    let restorer = match restorer(&options.dictionaries) {
        Ok(restorer) => restorer,
        Err(error) => {
            report(error);
            return ExitCode::from(2);
        }
    };
    match &options.out {
        Some(dir) => restore_into_dir(&restorer, &options, dir),
        None => restore_to_stdout(&restorer, &options),
    }
}

/// The default restorer, or one with the dictionaries of `paths` in place of the embedded ones.
fn restorer(paths: &[PathBuf]) -> Result<Restorer, Error> {
    if paths.is_empty() {
        return Ok(Restorer::default());
    }
    let mut builder = RestorerBuilder::new().default_dictionaries(false);
    for path in paths {
        builder = builder.dictionary(Dictionary::from_file(path)?);
    }
    Ok(builder.build())
}

/// The options, or `None` for `--help`.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut options = Options {
        format: Format::Text,
        colour: Colour::Auto,
        screen: false,
        out: None,
        lossy: false,
        jobs: 0,
        quiet: false,
        dictionaries: Vec::new(),
        inputs: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_args(args);
    let text = |value: OsString, option: &str| {
        value
            .into_string()
            .map_err(|v| format!("{option} needs a text value, found {v:?}"))
    };
    while let Some(arg) = parser.next().map_err(usage_error)? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("diff") => options.format = Format::Diff,
            Long("json") => options.format = Format::Json,
            Long("screen") => options.screen = true,
            Long("lossy") => options.lossy = true,
            Short('q') | Long("quiet") => options.quiet = true,
            Long("out") => options.out = Some(parser.value().map_err(usage_error)?.into()),
            Long("dictionary") => options
                .dictionaries
                .push(parser.value().map_err(usage_error)?.into()),
            Short('j') | Long("jobs") => {
                let n = text(parser.value().map_err(usage_error)?, "--jobs")?;
                options.jobs = match n.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => return Err(format!("--jobs needs a positive number, found {n:?}")),
                };
            }
            Long("color") => {
                options.colour =
                    match text(parser.value().map_err(usage_error)?, "--color")?.as_str() {
                        "auto" => Colour::Auto,
                        "always" => Colour::Always,
                        "never" => Colour::Never,
                        other => {
                            return Err(format!(
                                "--color takes auto, always or never, found {other:?}"
                            ))
                        }
                    }
            }
            Value(input) => options.inputs.push(input.into()),
            _ => return Err(usage_error(arg.unexpected())),
        }
    }
    if options.jobs == 0 {
        options.jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    }
    let stdin = Path::new("-");
    if options.out.is_some() {
        if options.inputs.is_empty() {
            return Err("--out needs files or directories to restore; run with --help".into());
        }
        if options.inputs.iter().any(|i| i == stdin) {
            return Err(
                "standard input cannot be restored with --out; give files or directories".into(),
            );
        }
    } else if options.inputs.is_empty() {
        options.inputs.push(stdin.into());
    }
    Ok(Some(options))
}

/// A command-line error as a message that says what to do.
fn usage_error(error: lexopt::Error) -> String {
    match error {
        lexopt::Error::UnexpectedOption(option) => {
            format!("unknown option {option:?}; run with --help for the options")
        }
        lexopt::Error::UnexpectedValue { option, .. } => {
            format!("{option} takes no value; run with --help for the options")
        }
        lexopt::Error::MissingValue {
            option: Some(option),
        } => format!("{option} needs a value; run with --help"),
        other => format!("{other}; run with --help for the options"),
    }
}

/// Restores every input, in order, to standard output.
fn restore_to_stdout(restorer: &Restorer, options: &Options) -> ExitCode {
    let started = Instant::now();
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let colour = options
        .colour
        .wanted(terminal, std::env::var_os("NO_COLOR").as_deref());
    let show_progress = !options.quiet && io::stderr().is_terminal() && !terminal;
    let sizes: Option<Vec<u64>> = options
        .inputs
        .iter()
        .map(|i| {
            if i == Path::new("-") {
                None
            } else {
                fs::metadata(i).ok().map(|m| m.len())
            }
        })
        .collect();
    let progress = progress_bar(show_progress, sizes.map(|s| s.iter().sum()));
    let mut out = BufWriter::new(stdout.lock());
    let mut totals = Totals::default();
    for (index, input) in options.inputs.iter().enumerate() {
        let (name, result) = if input == Path::new("-") {
            let name = "standard input".to_string();
            let mut stdin = Counting::new(io::stdin().lock(), &progress);
            let result = restore_one(restorer, options, &name, &mut stdin, &mut out, colour);
            (name, result)
        } else {
            let name = input.display().to_string();
            let result = open(input, &name).and_then(|file| {
                restore_one(
                    restorer,
                    options,
                    &name,
                    &mut Counting::new(file, &progress),
                    &mut out,
                    colour,
                )
            });
            (name, result)
        };
        match result {
            Ok(done) => {
                warn_replaced(&progress, &name, &done);
                totals.add(&done);
            }
            Err(Failure::Input(message)) => {
                progress.suspend(|| report(&message));
                totals.failed += 1;
                if options.format == Format::Json {
                    let record = Record {
                        input: &name,
                        body: serde_json::json!({ "error": message }),
                    };
                    if let Err(error) = write_json(&mut out, &record) {
                        progress.finish_and_clear();
                        return output_failed(&error);
                    }
                }
            }
            Err(Failure::Output(error)) => {
                progress.finish_and_clear();
                return output_failed(&error);
            }
        }
        progress.set_message(format!("{}/{} inputs", index + 1, options.inputs.len()));
    }
    if let Err(error) = out.flush() {
        progress.finish_and_clear();
        return output_failed(&error);
    }
    progress.finish_and_clear();
    if !options.quiet && io::stderr().is_terminal() {
        summary(&totals, started, None);
    }
    exit_code(&totals)
}

/// One file to restore with `--out`.
struct Job {
    path: PathBuf,
    name: String,
    relative: PathBuf,
    size: u64,
}

/// Restores every input file into `dir`, in parallel.
fn restore_into_dir(restorer: &Restorer, options: &Options, dir: &Path) -> ExitCode {
    let started = Instant::now();
    let mut totals = Totals::default();
    let (mut jobs, input_dirs, failures) = plan(&options.inputs);
    if options.format == Format::Json {
        for job in &mut jobs {
            job.relative.set_extension("json");
        }
    }
    if let Err(message) = check_outputs(dir, &jobs, &input_dirs) {
        report(message);
        return ExitCode::from(2);
    }
    for message in &failures {
        report(message);
        totals.failed += 1;
    }
    if let Err(error) = fs::create_dir_all(dir) {
        report(format_args!("cannot create {}: {error}", dir.display()));
        return ExitCode::from(2);
    }
    // Largest first, so that a big file does not run alone at the end.
    jobs.sort_by(|a, b| {
        b.size
            .cmp(&a.size)
            .then_with(|| a.relative.cmp(&b.relative))
    });
    let progress = progress_bar(
        !options.quiet && io::stderr().is_terminal(),
        Some(jobs.iter().map(|j| j.size).sum()),
    );
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let totals = Mutex::new(totals);
    let workers = options.jobs.min(jobs.len()).max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(index) else { break };
                let (read, result) = restore_file(restorer, options, job, dir, &progress);
                // Count the whole file, however much of it was read.
                progress.inc(job.size.saturating_sub(read));
                let mut totals = totals.lock().unwrap_or_else(|e| e.into_inner());
                match result {
                    Ok(done) => {
                        warn_replaced(&progress, &job.name, &done);
                        totals.add(&done);
                    }
                    Err(message) => {
                        progress.suspend(|| report(&message));
                        totals.failed += 1;
                    }
                }
                let count = finished.fetch_add(1, Ordering::Relaxed) + 1;
                progress.set_message(format!("{count}/{} files", jobs.len()));
            });
        }
    });
    progress.finish_and_clear();
    let totals = totals.into_inner().unwrap_or_else(|e| e.into_inner());
    if !options.quiet {
        summary(&totals, started, Some(dir));
    }
    exit_code(&totals)
}

/// The files to restore (with their names relative to the output directory), the input
/// directories, and the inputs that cannot be read.
fn plan(inputs: &[PathBuf]) -> (Vec<Job>, Vec<PathBuf>, Vec<String>) {
    let (mut jobs, mut dirs, mut failures) = (Vec::new(), Vec::new(), Vec::new());
    for path in inputs {
        let name = path.display().to_string();
        match fs::metadata(path) {
            Err(error) => failures.push(format!("cannot read {name}: {error}")),
            Ok(meta) if meta.is_dir() => {
                walk(path, &mut jobs, &mut failures);
                dirs.push(path.clone());
            }
            Ok(meta) => match path.file_name() {
                Some(file_name) => jobs.push(Job {
                    relative: PathBuf::from(file_name),
                    name,
                    size: meta.len(),
                    path: path.clone(),
                }),
                None => failures.push(format!("cannot restore {name}: it names no file")),
            },
        }
    }
    (jobs, dirs, failures)
}

/// Adds every non-hidden file under `root` to `jobs`, following links to files but not to
/// directories; what cannot be read (a dangling link, a link loop) goes to `failures`.
fn walk(root: &Path, jobs: &mut Vec<Job>, failures: &mut Vec<String>) {
    let hidden = |entry: &walkdir::DirEntry| {
        entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
    };
    let entries = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !hidden(e));
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(root).display().to_string();
                failures.push(format!("cannot read {path}: {error}"));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.into_path();
        match fs::metadata(&path) {
            Ok(meta) if meta.is_file() => jobs.push(Job {
                name: path.display().to_string(),
                relative: path
                    .strip_prefix(root)
                    .expect("walked from root")
                    .to_path_buf(),
                size: meta.len(),
                path,
            }),
            Ok(_) => {}
            Err(error) => failures.push(format!("cannot read {}: {error}", path.display())),
        }
    }
}

/// Refuses an output directory that would overwrite an input, or restore into an input directory.
fn check_outputs(dir: &Path, jobs: &[Job], input_dirs: &[PathBuf]) -> Result<(), String> {
    let out = absolute(dir);
    for input in input_dirs {
        let input_abs = absolute(input);
        if out == input_abs {
            return Err(format!(
                "refusing to overwrite the inputs: --out {} is the input directory {}; choose another directory",
                dir.display(),
                input.display()
            ));
        }
        if out.starts_with(&input_abs) {
            return Err(format!(
                "refusing --out {}: it is inside the input directory {}, whose files it would receive; choose a directory outside it",
                dir.display(),
                input.display()
            ));
        }
    }
    // Only outputs that exist already can be an input (or a link to one); each is held open
    // while the inputs are compared with them, one input at a time.
    let mut existing: HashMap<Handle, &str> = HashMap::new();
    for job in jobs {
        let target = out.join(&job.relative);
        match Handle::from_path(&target) {
            Ok(output) => {
                existing.entry(output).or_insert(&job.name);
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(format!(
                    "cannot tell whether {} is an input: {error}; choose another directory",
                    target.display()
                ))
            }
        }
    }
    if !existing.is_empty() {
        for job in jobs {
            if let Some(restored) = Handle::from_path(&job.path)
                .ok()
                .and_then(|input| existing.get(&input))
            {
                return Err(format!(
                    "refusing to overwrite the input {}: restoring {restored} into {} would write over it; choose another directory",
                    job.name,
                    dir.display()
                ));
            }
        }
    }
    let mut outputs: HashMap<PathBuf, &str> = HashMap::new();
    for job in jobs {
        let target = out.join(&job.relative);
        if let Some(other) = outputs.insert(target.clone(), &job.name) {
            return Err(format!(
                "{other} and {} would both be restored to {}; restore them into different directories",
                job.name,
                target.display()
            ));
        }
    }
    Ok(())
}

/// `path` made absolute with symlinks resolved, as far as it exists.
fn absolute(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = fs::canonicalize(&existing) {
            return rest.iter().rev().fold(canonical, |p, c| p.join(c));
        }
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => {
                return std::env::current_dir()
                    .map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path))
            }
        }
    }
}

/// Restores one job into `dir` through a temporary file, renamed into place on success.
/// Returns the bytes read, whatever the outcome, and the outcome.
fn restore_file(
    restorer: &Restorer,
    options: &Options,
    job: &Job,
    dir: &Path,
    progress: &ProgressBar,
) -> (u64, Result<Done, String>) {
    let target = dir.join(&job.relative);
    let parent = target.parent().unwrap_or(dir);
    let file_name = target
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy().into_owned());
    let temporary = parent.join(format!(".{file_name}.unspin-{}.tmp", std::process::id()));
    let writing = |e: io::Error| format!("cannot write {}: {e}", target.display());
    let mut read = 0;
    let mut attempt = || {
        let input = open(&job.path, &job.name).map_err(|f| match f {
            Failure::Input(message) => message,
            Failure::Output(error) => format!("cannot read {}: {error}", job.name),
        })?;
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let mut writer = BufWriter::new(File::create(&temporary).map_err(writing)?);
        let mut input = Counting::new(input, progress);
        let result = restore_one(restorer, options, &job.name, &mut input, &mut writer, false)
            .and_then(|done| writer.flush().map(|()| done).map_err(Failure::Output));
        read = input.bytes;
        drop(writer);
        let done = result.map_err(|f| match f {
            Failure::Input(message) => message,
            Failure::Output(error) => writing(error),
        })?;
        fs::rename(&temporary, &target).map_err(writing)?;
        Ok(done)
    };
    let result = attempt();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    (read, result)
}

/// Opens a file to restore; a directory is an error that says what to do instead.
fn open(path: &Path, name: &str) -> Result<File, Failure> {
    let file = File::open(path).map_err(|e| Failure::Input(format!("cannot read {name}: {e}")))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Failure::Input(format!(
            "cannot read {name}: it is a directory; restore directories with --out DIR"
        )));
    }
    Ok(file)
}

/// Restores one input to `out` in the chosen format, in bounded memory but for `--screen`:
/// plain text and diffs are streamed, JSON is spooled to temporary files and written as one
/// record once the input is restored.
fn restore_one<R: Read>(
    restorer: &Restorer,
    options: &Options,
    name: &str,
    input: &mut Counting<'_, R>,
    out: &mut impl Write,
    colour: bool,
) -> Result<Done, Failure> {
    if options.screen {
        return screen_one(restorer, options, name, input, out);
    }
    let mut restore = |reader: &mut dyn Read| match options.format {
        Format::Text => restorer.restore_stream(reader, &mut *out),
        Format::Diff => {
            let mut written = 0;
            restorer.restore_stream_with_edits(reader, |piece, edits| {
                write_diff(&mut *out, colour, piece, written, edits)?;
                written += piece.len();
                Ok(())
            })
        }
        Format::Json => write_json_record(restorer, reader, name, &mut *out),
    };
    let (result, replaced) = if options.lossy {
        let mut lossy = Lossy::new(&mut *input);
        let result = restore(&mut lossy);
        (result, lossy.replaced)
    } else {
        (restore(&mut *input), 0)
    };
    let edits = result.map_err(|e| stream_failure(e, name, input.failed))?;
    Ok(Done {
        bytes: input.bytes,
        edits,
        replaced,
    })
}

/// Screens one whole input and writes its report.
fn screen_one<R: Read>(
    restorer: &Restorer,
    options: &Options,
    name: &str,
    input: &mut Counting<'_, R>,
    out: &mut impl Write,
) -> Result<Done, Failure> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Input(format!("cannot read {name}: {e}")))?;
    let (text, replaced) = if options.lossy {
        let mut decoded = Vec::with_capacity(bytes.len());
        let (_, replaced) = decode_lossy(&bytes, true, &mut decoded);
        (
            String::from_utf8(decoded).expect("decode_lossy writes UTF-8"),
            replaced,
        )
    } else {
        let text = String::from_utf8(bytes)
            .map_err(|e| not_utf8(name, e.utf8_error().valid_up_to() as u64))?;
        (text, 0)
    };
    let report = restorer.screen(&text);
    write_report(out, options.format == Format::Json, name, &report).map_err(Failure::Output)?;
    Ok(Done {
        bytes: input.bytes,
        edits: report.findings.len() as u64,
        replaced,
    })
}

/// Restores `reader` into one JSON record, `{"input": …, "text": …, "edits": […]}`: the text
/// and the edits go to temporary files as they are restored, and to `out` once all is.
fn write_json_record(
    restorer: &Restorer,
    reader: &mut dyn Read,
    name: &str,
    out: &mut impl Write,
) -> Result<u64, Error> {
    let (mut text, mut edits) = (Spool::new("text")?, Spool::new("edits")?);
    let mut first = true;
    let count = restorer.restore_stream_with_edits(reader, |piece, found| {
        let quoted = serde_json::to_string(piece)?;
        text.file
            .write_all(&quoted.as_bytes()[1..quoted.len() - 1])?;
        for edit in found {
            if !std::mem::take(&mut first) {
                edits.file.write_all(b",")?;
            }
            serde_json::to_writer(&mut edits.file, edit)?;
        }
        Ok(())
    })?;
    let mut write = || -> io::Result<()> {
        out.write_all(b"{\"input\":")?;
        serde_json::to_writer(&mut *out, name)?;
        out.write_all(b",\"text\":\"")?;
        text.copy_to(out)?;
        out.write_all(b"\",\"edits\":[")?;
        edits.copy_to(out)?;
        out.write_all(b"]}\n")
    };
    write().map_err(Error::Stream)?;
    Ok(count)
}

/// A temporary file, removed when dropped.
struct Spool {
    path: PathBuf,
    file: BufWriter<File>,
}

impl Spool {
    fn new(kind: &str) -> Result<Spool, Error> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "unspin-{}-{}-{kind}.tmp",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(Error::Stream)?;
        Ok(Spool {
            path,
            file: BufWriter::new(file),
        })
    }

    /// Copies what was written to `out`.
    fn copy_to(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.file.flush()?;
        let file = self.file.get_mut();
        file.seek(io::SeekFrom::Start(0))?;
        io::copy(file, out).map(drop)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

fn stream_failure(error: Error, name: &str, read_failed: bool) -> Failure {
    match error {
        Error::StreamNotUtf8 { offset } => not_utf8(name, offset),
        Error::Stream(error) if read_failed => {
            Failure::Input(format!("cannot read {name}: {error}"))
        }
        Error::Stream(error) => Failure::Output(error),
        other => Failure::Input(format!("cannot restore {name}: {other}")),
    }
}

fn not_utf8(name: &str, offset: u64) -> Failure {
    Failure::Input(format!(
        "{name} is not UTF-8: invalid byte at offset {offset}; convert it, or use --lossy to replace invalid sequences"
    ))
}

/// Writes one JSON record and a line break.
fn write_json(out: &mut impl Write, record: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

/// Writes a restored `piece` of the output, which starts at `offset` in the whole output, with
/// its `edits` marked in place: `[-spun-]{+original+}`, coloured if asked.
fn write_diff(
    out: &mut impl Write,
    colour: bool,
    piece: &str,
    offset: usize,
    edits: &[Edit],
) -> io::Result<()> {
    let mut copied = 0;
    for edit in edits {
        out.write_all(&piece.as_bytes()[copied..edit.output.start - offset])?;
        if colour {
            write!(
                out,
                "\x1b[31m[-{}-]\x1b[0m\x1b[32m{{+{}+}}\x1b[0m",
                edit.spun, edit.original
            )?;
        } else {
            write!(out, "[-{}-]{{+{}+}}", edit.spun, edit.original)?;
        }
        copied = edit.output.end - offset;
    }
    out.write_all(&piece.as_bytes()[copied..])
}

/// Writes a screening report: JSON (one line per input), or a summary, the fingerprints with their
/// counts, and every finding with its byte span.
fn write_report(out: &mut impl Write, json: bool, name: &str, report: &Report) -> io::Result<()> {
    if json {
        return write_json(
            out,
            &Record {
                input: name,
                body: report,
            },
        );
    }
    let found = report.findings.len();
    writeln!(
        out,
        "{name}: {found} tortured phrase{} in {} words",
        if found == 1 { "" } else { "s" },
        report.words
    )?;
    for phrase in &report.phrases {
        writeln!(
            out,
            "  {:>4} × {:?} → {:?}",
            phrase.count, phrase.phrase, phrase.expected
        )?;
    }
    for finding in &report.findings {
        writeln!(
            out,
            "  at {}..{}: {:?} → {:?} ({}, confidence {:.2})",
            finding.span.start,
            finding.span.end,
            finding.phrase,
            finding.expected,
            finding.found_by,
            finding.confidence
        )?;
    }
    Ok(())
}

/// Counts the bytes read (for the summary and the progress bar) and whether reading failed
/// (to tell input errors from output errors).
struct Counting<'p, R> {
    inner: R,
    bytes: u64,
    failed: bool,
    progress: &'p ProgressBar,
}

impl<'p, R: Read> Counting<'p, R> {
    fn new(inner: R, progress: &'p ProgressBar) -> Counting<'p, R> {
        Counting {
            inner,
            bytes: 0,
            failed: false,
            progress,
        }
    }
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let result = self.inner.read(buf);
        match &result {
            Ok(n) => {
                self.bytes += *n as u64;
                self.progress.inc(*n as u64);
            }
            Err(e) if e.kind() != io::ErrorKind::Interrupted => self.failed = true,
            Err(_) => {}
        }
        result
    }
}

/// Decodes a byte stream as UTF-8, replacing each invalid sequence with U+FFFD exactly as
/// `String::from_utf8_lossy` does on the whole input, and counts the replacements.
struct Lossy<R> {
    inner: R,
    raw: Vec<u8>,
    decoded: Vec<u8>,
    position: usize,
    eof: bool,
    replaced: u64,
}

impl<R: Read> Lossy<R> {
    fn new(inner: R) -> Lossy<R> {
        Lossy {
            inner,
            raw: Vec::new(),
            decoded: Vec::new(),
            position: 0,
            eof: false,
            replaced: 0,
        }
    }
}

impl<R: Read> Read for Lossy<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.position == self.decoded.len() {
            if self.eof {
                return Ok(0);
            }
            self.decoded.clear();
            self.position = 0;
            let start = self.raw.len();
            self.raw.resize(start + 64 * 1024, 0);
            let n = match self.inner.read(&mut self.raw[start..]) {
                Ok(n) => n,
                Err(e) => {
                    self.raw.truncate(start);
                    if e.kind() == io::ErrorKind::Interrupted {
                        continue;
                    }
                    return Err(e);
                }
            };
            self.raw.truncate(start + n);
            self.eof = n == 0;
            let (used, replaced) = decode_lossy(&self.raw, self.eof, &mut self.decoded);
            self.raw.drain(..used);
            self.replaced += replaced;
        }
        let n = buf.len().min(self.decoded.len() - self.position);
        buf[..n].copy_from_slice(&self.decoded[self.position..self.position + n]);
        self.position += n;
        Ok(n)
    }
}

/// Appends `bytes` to `out` as UTF-8 with each invalid sequence replaced by U+FFFD. Unless
/// `last`, an incomplete sequence at the end is left for the next call. Returns the bytes
/// consumed and the number of replacements.
fn decode_lossy(bytes: &[u8], last: bool, out: &mut Vec<u8>) -> (usize, u64) {
    let mut at = 0;
    let mut replaced = 0;
    loop {
        match std::str::from_utf8(&bytes[at..]) {
            Ok(valid) => {
                out.extend_from_slice(valid.as_bytes());
                return (bytes.len(), replaced);
            }
            Err(e) => {
                out.extend_from_slice(&bytes[at..at + e.valid_up_to()]);
                at += e.valid_up_to();
                match e.error_len() {
                    None if !last => return (at, replaced),
                    invalid => {
                        out.extend_from_slice("\u{FFFD}".as_bytes());
                        replaced += 1;
                        at = invalid.map_or(bytes.len(), |n| at + n);
                    }
                }
            }
        }
    }
}

fn warn_replaced(progress: &ProgressBar, name: &str, done: &Done) {
    if done.replaced > 0 {
        let s = if done.replaced == 1 { "" } else { "s" };
        progress.suspend(|| {
            report(format_args!(
                "{name}: replaced {} invalid UTF-8 sequence{s} with U+FFFD",
                done.replaced
            ))
        });
    }
}

fn progress_bar(show: bool, total: Option<u64>) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total),
            "{elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} eta {eta} {msg}",
        ),
        None => (ProgressBar::new_spinner(), "{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec} {msg}"),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(template)
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar
}

fn summary(totals: &Totals, started: Instant, dir: Option<&Path>) {
    let seconds = started.elapsed().as_secs_f64();
    let megabytes = totals.bytes as f64 / 1e6;
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let into = dir.map_or_else(String::new, |d| format!(" into {}", d.display()));
    let failed = if totals.failed > 0 {
        format!("; {} failed", totals.failed)
    } else {
        String::new()
    };
    report(format_args!(
        "{}{into}, {megabytes:.2} MB, {} in {seconds:.2} s ({:.2} MB/s){failed}",
        plural(totals.files, "file"),
        plural(totals.edits, "edit"),
        megabytes / seconds.max(1e-9),
    ));
}

fn exit_code(totals: &Totals) -> ExitCode {
    if totals.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lossy_decoding_matches_the_standard_library_in_any_block_size() {
        let bytes: &[u8] = b"caf\xc3\xa9 \xff\xfe ok \xe2\x80 \xf0\x9f\x98\x80 end \xe2";
        let expected = String::from_utf8_lossy(bytes);
        for block in 1..8 {
            let reader = Blocks { bytes, block };
            let mut lossy = Lossy::new(reader);
            let mut out = String::new();
            lossy.read_to_string(&mut out).unwrap();
            assert_eq!(out, expected, "block {block}");
            assert_eq!(lossy.replaced, 4, "block {block}");
        }
    }

    struct Blocks<'a> {
        bytes: &'a [u8],
        block: usize,
    }

    impl Read for Blocks<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.block.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn absolute_paths_resolve_what_exists() {
        let cwd = fs::canonicalize(".").unwrap();
        assert_eq!(
            absolute(Path::new("not-yet/there")),
            cwd.join("not-yet/there")
        );
        assert_eq!(absolute(Path::new(".")), cwd);
    }
}
