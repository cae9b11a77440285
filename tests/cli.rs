//! The example binary `restore`: output, options and errors, files and directories with
//! `--out`, `--lossy`, and the refusal to overwrite inputs.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

// The example's own unit tests (lossy decoding, paths) run here: cargo does not run the tests
// of examples.
#[allow(dead_code)]
#[path = "../examples/restore.rs"]
mod restore_example;

fn binary() -> PathBuf {
    let mut path = std::env::current_exe().unwrap();
    path.pop();
    if path.ends_with("deps") {
        path.pop();
    }
    path.join("examples")
        .join(format!("restore{}", std::env::consts::EXE_SUFFIX))
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(binary())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo test builds the examples");
    // Fed from another thread: the binary streams, so it writes output before it has read all
    // its input, and a large input would otherwise fill both pipes.
    let mut pipe = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = pipe.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    output
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).unwrap()
}

fn stderr(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).unwrap()
}

const SPUN: &str = "Chinese language officers have denied it.\n";
const RESTORED: &str = "Chinese officials have denied it.\n";

#[test]
fn restores_standard_input() {
    let output = run(&[], SPUN.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "Chinese officials have denied it.\n");
}

#[test]
fn restores_files_in_order() {
    let dir = std::env::temp_dir().join(format!("unspin-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.txt");
    std::fs::write(&file, SPUN).unwrap();
    let output = run(&[file.to_str().unwrap(), "-"], b"Nothing here.\n");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Chinese officials have denied it.\nNothing here.\n"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// The two sides of a `--diff` text: (before, after). Which phrases the default dictionaries
/// hold changes as they grow, so tests check the diff by what it encodes.
fn sides(diff: &str) -> (String, String) {
    let (mut before, mut after) = (String::new(), String::new());
    let mut rest = diff;
    while let Some(start) = rest.find("[-") {
        before.push_str(&rest[..start]);
        after.push_str(&rest[..start]);
        let (removed, tail) = rest[start + 2..]
            .split_once("-]{+")
            .expect("[-spun-] is followed by {+original+}");
        let (added, tail) = tail.split_once("+}").expect("{+original+} is closed");
        before.push_str(removed);
        after.push_str(added);
        rest = tail;
    }
    before.push_str(rest);
    after.push_str(rest);
    (before, after)
}

#[test]
fn diff_marks_edits_without_colour_when_piped() {
    let output = run(&["--diff"], SPUN.as_bytes());
    let diff = stdout(&output);
    assert!(
        diff.starts_with("[-Chinese language") && !diff.contains('\x1b'),
        "{diff}"
    );
    assert_eq!(sides(diff), (SPUN.to_string(), RESTORED.to_string()));
}

#[test]
fn json_is_the_restoration() {
    let output = run(&["--json"], SPUN.as_bytes());
    let value: serde_json::Value = serde_json::from_str(stdout(&output)).unwrap();
    assert_eq!(value["text"], RESTORED);
    let spun = value["edits"][0]["spun"].as_str().unwrap();
    assert!(spun.starts_with("Chinese language"), "{spun}");
    assert_eq!(value["edits"][0]["input"]["start"], 0);
    assert_eq!(value["edits"][0]["input"]["end"], spun.len());
    assert_eq!(value["edits"][0]["dictionary"], "news");
}

#[test]
fn screen_reports_tortured_phrases_without_rewriting() {
    let paper = b"We used counterfeit consciousness and irregular woodland methods.\n";
    let output = run(&["--screen"], paper);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(
        report.starts_with("standard input: 2 tortured phrases in 8 words\n"),
        "{report}"
    );
    assert!(
        report.contains(
            "at 8..33: \"counterfeit consciousness\" → \"artificial intelligence\" (tortured"
        ),
        "{report}"
    );
    let output = run(&["--screen", "--json"], paper);
    let value: serde_json::Value = serde_json::from_str(stdout(&output)).unwrap();
    assert_eq!(value["findings"][1]["expected"], "random forest");
    assert_eq!(value["phrases"].as_array().map(Vec::len), Some(2));
}

#[test]
fn help_exits_zero() {
    let output = run(&["--help"], b"");
    assert!(output.status.success());
    assert!(stdout(&output).starts_with("usage: restore"));
}

#[test]
fn bad_input_fails_with_a_message() {
    for (args, stdin, message) in [
        (
            &["--frobnicate"][..],
            &b""[..],
            "unknown option \"--frobnicate\"; run with --help",
        ),
        (
            &["/nonexistent/article.txt"][..],
            &b""[..],
            "cannot read /nonexistent/article.txt",
        ),
        (
            &[][..],
            &b"caf\xc3\xa9 \xff\xfe"[..],
            "standard input is not UTF-8: invalid byte at offset 6",
        ),
    ] {
        let output = run(args, stdin);
        assert!(!output.status.success(), "{args:?}");
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).contains("panicked"), "{args:?}");
    }
}

/// A fresh directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("unspin-cli-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.0.join(relative)
    }

    /// Writes `bytes` to `relative`, creating directories, and returns its path as a string.
    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_string()
    }

    fn arg(&self, relative: &str) -> String {
        self.path(relative).to_str().unwrap().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Every file under `dir`, relative, with its contents, sorted.
fn tree(dir: &Path) -> Vec<(String, String)> {
    fn visit(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .replace('\\', "/");
                out.push((name, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    if dir.exists() {
        visit(dir, dir, &mut out);
    }
    out.sort();
    out
}

#[test]
fn out_restores_files_and_directories_under_their_relative_names() {
    let scratch = Scratch::new("out-dir");
    scratch.write("corpus/a.txt", SPUN);
    scratch.write(
        "corpus/nested/deeper/b.txt",
        format!("Nothing here.\n{SPUN}"),
    );
    scratch.write("corpus/.hidden/c.txt", SPUN);
    scratch.write("corpus/.d.txt", SPUN);
    let single = scratch.write("single.txt", SPUN);
    let out = scratch.arg("out");
    for jobs in ["1", "4"] {
        let _ = fs::remove_dir_all(&out);
        let output = run(
            &[
                "--jobs",
                jobs,
                "--out",
                &out,
                &scratch.arg("corpus"),
                &single,
            ],
            b"",
        );
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(stdout(&output), "");
        assert_eq!(
            tree(Path::new(&out)),
            [
                ("a.txt".to_string(), RESTORED.to_string()),
                (
                    "nested/deeper/b.txt".to_string(),
                    format!("Nothing here.\n{RESTORED}")
                ),
                ("single.txt".to_string(), RESTORED.to_string()),
            ],
            "--jobs {jobs}"
        );
        let summary = stderr(&output);
        assert!(summary.contains("restore: 3 files into"), "{summary}");
        for part in [" MB, ", " edits in ", " MB/s)"] {
            assert!(summary.contains(part), "{part:?} in {summary}");
        }
        assert!(!summary.contains("failed"), "{summary}");
    }
    // The inputs are untouched, and a second run replaces the outputs.
    assert_eq!(
        fs::read_to_string(scratch.path("corpus/a.txt")).unwrap(),
        SPUN
    );
    let output = run(&["--quiet", "--out", &out, &scratch.arg("corpus")], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "--quiet prints no summary");
}

#[test]
fn out_writes_diff_and_json_too() {
    let scratch = Scratch::new("out-formats");
    let input = scratch.write("a.txt", SPUN);
    for (flag, file) in [("--diff", "a.txt"), ("--json", "a.json")] {
        let out = scratch.arg(flag);
        let output = run(&[flag, "--out", &out, &input], b"");
        assert!(output.status.success(), "{flag}: {}", stderr(&output));
        assert_eq!(tree(Path::new(&out)).len(), 1, "{flag}");
        let written = fs::read_to_string(Path::new(&out).join(file)).unwrap();
        assert_eq!(written, stdout(&run(&[flag, &input], b"")), "{flag}");
    }
}

#[test]
fn json_records_name_their_input_and_failures_get_one() {
    let scratch = Scratch::new("json-records");
    let a = scratch.write("a.txt", SPUN);
    let missing = scratch.arg("missing.txt");
    let output = run(&["--json", &a, &missing, &a, "-"], SPUN.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let records: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let inputs: Vec<&str> = records
        .iter()
        .map(|r| r["input"].as_str().unwrap())
        .collect();
    assert_eq!(inputs, [a.as_str(), &missing, &a, "standard input"]);
    assert_eq!(records[0]["text"], RESTORED);
    let error = records[1]["error"].as_str().unwrap();
    assert!(
        error.starts_with(&format!("cannot read {missing}")),
        "{error}"
    );
    assert!(records[1].get("text").is_none());
    assert!(stderr(&output).contains(error), "{}", stderr(&output));
    let output = run(&["--screen", "--json", &a], b"");
    let value: serde_json::Value = serde_json::from_str(stdout(&output)).unwrap();
    assert_eq!(value["input"], a.as_str());
}

#[test]
fn coloured_diff_keeps_its_markers() {
    let coloured = run(&["--diff", "--color", "always"], SPUN.as_bytes());
    let diff = stdout(&coloured);
    assert!(
        diff.starts_with(
            "\x1b[31m[-Chinese language officers-]\x1b[0m\x1b[32m{+Chinese officials+}\x1b[0m"
        ),
        "{diff:?}"
    );
    let plain: String = diff
        .replace("\x1b[31m", "")
        .replace("\x1b[32m", "")
        .replace("\x1b[0m", "");
    assert_eq!(plain, stdout(&run(&["--diff"], SPUN.as_bytes())));
    for never in [
        &["--diff", "--color=never"][..],
        &["--diff", "--color", "auto"],
    ] {
        assert!(
            !stdout(&run(never, SPUN.as_bytes())).contains('\x1b'),
            "{never:?}"
        );
    }
    let output = run(&["--diff", "--color", "sometimes"], SPUN.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--color takes auto, always or never"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn colour_on_its_own_follows_the_terminal_and_no_color() {
    use restore_example::Colour;
    let set = Some(std::ffi::OsStr::new("1"));
    let empty = Some(std::ffi::OsStr::new(""));
    for (colour, terminal, no_color, wanted) in [
        (Colour::Auto, true, None, true),
        (Colour::Auto, true, empty, true),
        (Colour::Auto, true, set, false),
        (Colour::Auto, false, None, false),
        (Colour::Always, false, set, true),
        (Colour::Never, true, None, false),
    ] {
        assert_eq!(
            colour.wanted(terminal, no_color),
            wanted,
            "{colour:?} {terminal} {no_color:?}"
        );
    }
}

/// The reader of standard output going away ends restoration quietly, as it does other filters.
#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(binary())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        for _ in 0..20_000 {
            if pipe.write_all(SPUN.repeat(10).as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut head = [0u8; 100];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut head).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(output.status.code(), Some(141));
    assert_eq!(stderr(&output), "");
}

/// Every write is checked: a full disk under standard output is an error, not a panic.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_under_standard_output_is_reported() {
    let scratch = Scratch::new("full");
    let input = scratch.write("a.txt", SPUN);
    for args in [
        &["--help"][..],
        &[],
        &["--json"],
        &["--diff"],
        &["--screen"],
    ] {
        let output = Command::new(binary())
            .args(args)
            .stdin(Stdio::from(fs::File::open(&input).unwrap()))
            .stdout(Stdio::from(fs::File::create("/dev/full").unwrap()))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("restore: cannot write output: No space left"),
            "{args:?}: {stderr}"
        );
    }
}

/// Links under an input directory that lead nowhere are reported like unreadable files.
#[cfg(unix)]
#[test]
fn dangling_links_and_link_loops_are_reported() {
    let scratch = Scratch::new("links");
    scratch.write("in/a.txt", SPUN);
    std::os::unix::fs::symlink("nowhere", scratch.path("in/dangling")).unwrap();
    std::os::unix::fs::symlink("loop", scratch.path("in/loop")).unwrap();
    let out = scratch.arg("out");
    let output = run(&["--out", &out, "-q", &scratch.arg("in")], b"");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    for link in ["dangling", "loop"] {
        let path = scratch.arg(&format!("in/{link}"));
        assert!(
            stderr.contains(&format!("cannot read {path}: ")),
            "{stderr}"
        );
    }
    assert_eq!(
        tree(Path::new(&out)),
        [("a.txt".to_string(), RESTORED.to_string())]
    );
}

#[test]
fn help_says_what_is_not_bounded_and_what_a_late_error_leaves() {
    let help = stdout(&run(&["--help"], b"")).replace('\n', " ");
    for promise in [
        "--screen reads each whole input into memory",
        "leaves what was restored before that point on standard output",
        "with --out, its file is not written at all",
    ] {
        assert!(help.contains(promise), "{promise}");
    }
}

#[test]
fn a_failing_input_is_reported_and_the_others_complete() {
    let scratch = Scratch::new("failing");
    let good = scratch.write("good.txt", SPUN);
    let also_good = scratch.write("also.txt", SPUN);
    let not_utf8 = scratch.write("latin1.txt", b"Chinese language caf\xe9\n");
    let missing = scratch.arg("missing.txt");
    let directory = scratch.arg("dir");
    fs::create_dir_all(&directory).unwrap();
    for (bad, message) in [
        (
            &not_utf8,
            format!(
                "{not_utf8} is not UTF-8: invalid byte at offset 20; convert it, or use --lossy"
            ),
        ),
        (&missing, format!("cannot read {missing}")),
        (
            &directory,
            format!(
                "cannot read {directory}: it is a directory; restore directories with --out DIR"
            ),
        ),
    ] {
        // To standard output, in order.
        let output = run(&[&good, bad, &also_good], b"");
        assert_eq!(output.status.code(), Some(1), "{bad}");
        assert_eq!(stdout(&output), format!("{RESTORED}{RESTORED}"), "{bad}");
        assert!(
            stderr(&output).contains(&message),
            "{bad}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).contains("panicked"), "{bad}");
        if bad == &directory {
            continue;
        }
        // Into a directory, in parallel: no partial output for the failed file.
        let out = scratch.arg("out");
        let _ = fs::remove_dir_all(&out);
        let output = run(&["--out", &out, &good, bad, &also_good], b"");
        assert_eq!(output.status.code(), Some(1), "--out {bad}");
        assert_eq!(
            tree(Path::new(&out)),
            [
                ("also.txt".to_string(), RESTORED.to_string()),
                ("good.txt".to_string(), RESTORED.to_string())
            ],
            "--out {bad}"
        );
        assert!(
            stderr(&output).contains(&message),
            "--out {bad}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("restore: 2 files into"),
            "{}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("; 1 failed"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn lossy_replaces_invalid_utf8_and_says_how_many() {
    let scratch = Scratch::new("lossy");
    let bytes = b"Chinese language officers have denied it.\nCaf\xe9 \xff\xfe end \xe2\x80.\n";
    let file = scratch.write("latin1.txt", bytes);
    let expected =
        "Chinese officials have denied it.\nCaf\u{fffd} \u{fffd}\u{fffd} end \u{fffd}.\n";
    for (args, stdin, name) in [
        (vec!["--lossy"], &bytes[..], "standard input"),
        (vec!["--lossy", &file], &b""[..], file.as_str()),
    ] {
        let output = run(&args, stdin);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert_eq!(stdout(&output), expected, "{args:?}");
        let warning = format!("restore: {name}: replaced 4 invalid UTF-8 sequences with U+FFFD");
        assert!(
            stderr(&output).contains(&warning),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let output = run(&["--lossy", "--json"], bytes);
    let value: serde_json::Value = serde_json::from_str(stdout(&output)).unwrap();
    assert_eq!(value["text"], expected);
    let out = scratch.arg("out");
    let output = run(&["--lossy", "--out", &out, &file], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        fs::read_to_string(Path::new(&out).join("latin1.txt")).unwrap(),
        expected
    );
    // Valid input is left as it is, with no warning.
    let output = run(&["--lossy"], SPUN.as_bytes());
    assert_eq!((stdout(&output), stderr(&output)), (RESTORED, ""));
}

#[test]
fn out_refuses_to_overwrite_inputs() {
    let scratch = Scratch::new("refuse");
    let corpus = scratch.arg("corpus");
    let input = scratch.write("corpus/a.txt", SPUN);
    let other = scratch.write("other/a.txt", SPUN);
    let (both, linked) = (scratch.arg("both"), scratch.arg("linked"));
    fs::create_dir_all(&linked).unwrap();
    let mut cases = vec![
        (
            vec!["--out", &corpus, &corpus],
            "refusing to overwrite the inputs: --out",
        ),
        (
            vec!["--out", &corpus, &input],
            "refusing to overwrite the input",
        ),
        (
            vec!["--out", &corpus, &other, &input],
            "refusing to overwrite the input",
        ),
        (
            vec!["--out", &both, &input, &other],
            "would both be restored to",
        ),
    ];
    let inside = scratch.arg("corpus/restored");
    cases.push((
        vec!["--out", &inside, &corpus],
        "is inside the input directory",
    ));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&input, scratch.path("linked/a.txt")).unwrap();
        cases.push((
            vec!["--out", &linked, &input],
            "refusing to overwrite the input",
        ));
    }
    for (args, message) in cases {
        let output = run(&args, b"");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(fs::read_to_string(&input).unwrap(), SPUN, "{args:?}");
        assert_eq!(fs::read_to_string(&other).unwrap(), SPUN, "{args:?}");
        assert!(
            !scratch.path("corpus/restored").exists() && !Path::new(&both).exists(),
            "{args:?}"
        );
        assert_eq!(
            fs::read_dir(&corpus).unwrap().count(),
            1,
            "{args:?}: no temporary file left"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    for (args, message) in [
        (&["--out"][..], "--out needs a value"),
        (&["--out", "x"][..], "--out needs files or directories"),
        (
            &["--out", "x", "-"][..],
            "standard input cannot be restored with --out",
        ),
        (&["--jobs", "0"][..], "--jobs needs a positive number"),
        (&["-jx"][..], "--jobs needs a positive number"),
        (&["--lossy=yes"][..], "--lossy takes no value"),
    ] {
        let output = run(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let output = run(&["--help"], b"");
    for option in ["--out DIR", "--lossy", "--jobs N", "--quiet", "MB/s"] {
        assert!(stdout(&output).contains(option), "--help mentions {option}");
    }
}

#[test]
fn large_input_streams_to_the_same_text_as_the_library() {
    // About 1.5 MB, several chunks, with spun phrases throughout and no paragraph breaks in
    // places, so that chunk boundaries fall on line and sentence ends.
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1_500_000 {
        text.push_str(
            [
                "Chinese language officers mentioned the navy help. ",
                "Nothing here. ",
                "A yr in the past ",
            ][i % 3],
        );
        if i % 7000 == 0 {
            text.push('\n');
        }
        i += 1;
    }
    let output = run(&[], text.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let restoration = unspin::Restorer::default().restore_with_edits(&text);
    assert!(
        stdout(&output) == restoration.text,
        "streamed output differs from restore()"
    );
    // JSON and diffs are streamed too, and say the same.
    let output = run(&["--json"], text.as_bytes());
    let record: serde_json::Value = serde_json::from_str(stdout(&output)).unwrap();
    assert!(
        record["text"] == restoration.text.as_ref(),
        "JSON text differs"
    );
    let edits = serde_json::to_string(&restoration.edits).unwrap();
    let edits: serde_json::Value = serde_json::from_str(&edits).unwrap();
    assert!(record["edits"] == edits, "JSON edits differ");
    let output = run(&["--diff"], text.as_bytes());
    let (before, after) = sides(stdout(&output));
    assert!(before == text && after == restoration.text, "diff differs");
}

/// Paths need not be UTF-8: a file name that is not restores like any other, alone and in a
/// directory under `--out`.
#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_are_restored() {
    use std::{ffi::OsStr, os::unix::ffi::OsStrExt};
    let scratch = Scratch::new("not-utf8-paths");
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    fs::create_dir_all(scratch.path("in")).unwrap();
    let file = scratch.path("in").join(name);
    fs::write(&file, SPUN).unwrap();
    let output = Command::new(binary()).arg(&file).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), RESTORED);
    let out = scratch.path("out");
    let output = Command::new(binary())
        .arg("-q")
        .arg("--out")
        .arg(&out)
        .arg(scratch.path("in"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(out.join(name)).unwrap(), RESTORED);
}

/// Invalid UTF-8 late in a file: plain output keeps what was restored before it (as `--help`
/// says), `--json` gives only the input's error record, never half a record.
#[test]
fn a_late_error_leaves_restored_text_but_no_half_record() {
    let scratch = Scratch::new("late-error");
    let mut bytes = SPUN.repeat(700_000 / SPUN.len()).into_bytes();
    bytes.extend_from_slice(b"caf\xe9\n");
    let file = scratch.write("late.txt", &bytes);
    let output = run(&[&file], b"");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with(RESTORED),
        "restored text is kept"
    );
    let output = run(&["--json", &file], b"");
    assert_eq!(output.status.code(), Some(1));
    let record: serde_json::Value = serde_json::from_str(stdout(&output)).unwrap();
    assert_eq!(record["input"], file.as_str());
    assert!(record["error"].as_str().unwrap().contains("is not UTF-8"));
    assert_eq!(stdout(&output).lines().count(), 1);
}

/// `--dictionary` restores with the given TSV files in place of the embedded dictionaries, and a
/// bad one is a usage error that names the file and line.
#[test]
fn dictionary_files_replace_the_embedded_ones() {
    let dir = std::env::temp_dir().join(format!("unspin-cli-dictionary-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let good = dir.join("slang.tsv");
    fs::write(&good, "gr8\tgreat\n").unwrap();
    let bad = dir.join("broken.tsv");
    fs::write(&bad, "gr8\tgreat\tnot a weight\n").unwrap();
    let good = good.to_str().unwrap();

    let output = run(&["--dictionary", good], b"A gr8 day, mentioned the navy.");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "A great day, mentioned the navy.");

    let output = run(&["--dictionary", bad.to_str().unwrap()], b"A gr8 day.");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("broken.tsv:1: the weight"),
        "{}",
        stderr(&output)
    );
    fs::remove_dir_all(&dir).unwrap();
}
