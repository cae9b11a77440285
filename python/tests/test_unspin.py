"""The Python package: the same results as the Rust crate, spans as str indices, errors with the
Rust messages, restore_many in order and without the GIL, and the shipped stubs."""

import ast
import pathlib
import re
import sys
import threading
import time

import pytest

import unspin

SPUN = "Chinese language officers mentioned the navy help would arrive a yr in the past."
RESTORED = "Chinese officials said the military aid would arrive a year ago."
MILL = "We used counterfeit consciousness and irregular woodland methods."
MILL_RESTORED = "We used artificial intelligence and random forest methods."
GENUINE = "The U.S. Navy said the chief executive had mentioned it."


@pytest.mark.parametrize(
    "text, expected",
    [
        (SPUN, RESTORED),
        (MILL, MILL_RESTORED),
        (GENUINE, GENUINE),
        ("", ""),
        (f"Café « {SPUN} » — 東京.", f"Café « {RESTORED} » — 東京."),
        (f"{MILL} The counterfeit intellect was evaluated.",
         f"{MILL_RESTORED} The artificial intelligence was evaluated."),
    ],
)
def test_restore(text, expected):
    assert unspin.restore(text) == expected
    assert unspin.Restorer.default().restore(text) == expected


def test_unchanged_text_is_the_same_object():
    assert unspin.restore(GENUINE) is GENUINE
    assert unspin.restore_many([GENUINE])[0] is GENUINE


@pytest.mark.parametrize(
    "text",
    [SPUN, MILL, "Ünïcödé: Chinese language officers mentioned 🎉 the navy help.", "“A” yr in the past"],
)
def test_edits_spans_are_str_indices(text):
    restoration = unspin.restore_with_edits(text)
    assert restoration.text == unspin.restore(text)
    assert restoration.edits
    for edit in restoration.edits:
        assert text[edit.input[0]:edit.input[1]] == edit.spun
        assert restoration.text[edit.output[0]:edit.output[1]] == edit.original
        assert edit.dictionary in {"news", "news_families", "tortured", "model"}
        assert 0 < edit.confidence <= 1
    # Replaying the edits on the input gives the restored text.
    out, copied = [], 0
    for edit in restoration.edits:
        out.append(text[copied:edit.input[0]])
        out.append(edit.original)
        copied = edit.input[1]
    out.append(text[copied:])
    assert "".join(out) == restoration.text


def test_edits_report_their_dictionary_and_model():
    edits = unspin.restore_with_edits(f"{MILL} The bogus alarm was evaluated.").edits
    assert [(e.spun, e.original, e.dictionary) for e in edits] == [
        ("counterfeit consciousness", "artificial intelligence", "tortured"),
        ("irregular woodland", "random forest", "tortured"),
        ("bogus alarm", "false alarm", "model"),
    ]
    assert unspin.restore_with_edits(GENUINE).edits == []


def test_spin_score_separates_spun_from_genuine():
    spun, genuine = unspin.spin_score(SPUN), unspin.spin_score(GENUINE)
    assert 0 <= genuine < spun <= 1
    assert unspin.spin_score("") == 0


def test_screen_reports_tortured_phrases_with_str_spans():
    text = "Ünïcödé 🎉: " + MILL + " Again counterfeit consciousness."
    report = unspin.screen(text)
    assert report.words == len(text.split()) - 1  # the emoji alone is no word
    assert [(text[f.span[0]:f.span[1]], f.phrase, f.expected, f.found_by) for f in report.findings] == [
        ("counterfeit consciousness",) * 2 + ("artificial intelligence", "tortured"),
        ("irregular woodland",) * 2 + ("random forest", "tortured"),
        ("counterfeit consciousness",) * 2 + ("artificial intelligence", "tortured"),
    ]
    assert [(p.phrase, p.expected, p.count) for p in report.phrases][0] == (
        "counterfeit consciousness", "artificial intelligence", 2)
    assert unspin.screen(SPUN).findings == []  # news spinning is not a tortured phrase


TEXTS = [SPUN, None, "", GENUINE, MILL, "東京 yr in the past", None] * 50


@pytest.mark.parametrize("threads", [None, 1, 2, 7, 1000])
def test_restore_many_keeps_order_and_none(threads):
    expected = [None if t is None else unspin.restore(t) for t in TEXTS]
    assert unspin.restore_many(TEXTS, threads=threads) == expected
    restorer = unspin.Restorer(context_model=False)
    assert restorer.restore_many(TEXTS, threads=threads) == [
        None if t is None else restorer.restore(t) for t in TEXTS
    ]


def test_restore_many_takes_any_iterable():
    assert unspin.restore_many(t for t in [SPUN, None]) == [RESTORED, None]
    assert unspin.restore_many(()) == []


@pytest.mark.parametrize(
    "texts, threads, error, message",
    [
        ([SPUN, 3], None, TypeError, "texts[1] is int, not str or None"),
        ([b"bytes"], None, TypeError, "texts[0] is bytes"),
        ([SPUN], 0, ValueError, "threads must be at least 1"),
        (["\ud800"], None, UnicodeEncodeError, "surrogates not allowed"),
        (5, None, TypeError, "not iterable"),
    ],
)
def test_restore_many_rejects_bad_input(texts, threads, error, message):
    with pytest.raises(error, match=re.escape(message)):
        unspin.restore_many(texts, threads=threads)


def test_restore_many_releases_the_gil():
    # With a long switch interval the interpreter never takes the GIL from the worker: this
    # thread can count only while restore_many has let the GIL go itself. It hands the GIL back
    # at every step, and the worker reads the count as soon as restore_many returns.
    consumed = threading.Event()
    steps = [0]
    seen = []

    def texts():
        yield from [MILL * 100] * 100
        consumed.set()

    def work():
        restored = unspin.restore_many(texts(), threads=1)
        seen.extend([steps[0], restored])

    interval = sys.getswitchinterval()
    sys.setswitchinterval(30)
    try:
        worker = threading.Thread(target=work)
        worker.start()
        consumed.wait()
        while worker.is_alive():
            steps[0] += 1
            time.sleep(0)
        worker.join()
    finally:
        sys.setswitchinterval(interval)
    assert seen[1] == [MILL_RESTORED * 100] * 100
    assert seen[0] > 0


def test_single_text_calls_reject_invalid_input():
    with pytest.raises(UnicodeEncodeError):
        unspin.restore("\ud800")
    with pytest.raises(TypeError):
        unspin.restore(None)
    with pytest.raises(TypeError):
        unspin.spin_score(b"bytes")


SLANG = "# slang\ngr8\tgreat\nkeen\twilling\t0.6\nkeen\teager\t0.4\n"


@pytest.mark.parametrize(
    "options, text, expected, dictionaries",
    [
        ({}, "A gr8 day for Chinese language officers.", "A great day for Chinese officials.",
         ["slang", "news"]),
        ({"default_dictionaries": False}, "A gr8 day for Chinese language officers.",
         "A great day for Chinese language officers.", ["slang"]),
        ({"default_dictionaries": False, "context_model": False}, "A keen gr8 day.",
         "A willing great day.", ["slang", "slang"]),
        ({"default_dictionaries": False, "context_model": False, "min_confidence": 0.7},
         "A keen gr8 day.", "A keen great day.", ["slang"]),
    ],
)
def test_restorer_options_and_user_dictionaries(options, text, expected, dictionaries, tmp_path):
    path = tmp_path / "slang.tsv"
    path.write_text(SLANG, encoding="utf-8")
    for source in [unspin.Dictionary.from_tsv(SLANG, name="slang"), path, str(path),
                   unspin.Dictionary.from_file(path)]:
        restorer = unspin.Restorer([source], **options)
        restoration = restorer.restore_with_edits(text)
        assert restoration.text == expected
        assert [e.dictionary for e in restoration.edits] == dictionaries


def test_phrase_model_can_be_switched_off():
    text = f"{MILL} The counterfeit intellect was evaluated."
    assert unspin.Restorer(phrase_model=False).restore(text) == (
        f"{MILL_RESTORED} The counterfeit intellect was evaluated.")


def test_dictionary():
    slang = unspin.Dictionary.from_tsv(SLANG, name="slang")
    assert len(slang) == 2
    assert slang.sources == ["slang"]
    assert unspin.Dictionary.from_tsv("gr8\tgreat\n").sources == ["custom"]


@pytest.mark.parametrize(
    "make, error, message",
    [
        (lambda p: unspin.Dictionary.from_tsv("gr8\n"), unspin.UnspinError,
         "custom:1: expected 2 to 4 tab-separated fields"),
        (lambda p: unspin.Dictionary.from_tsv("# ok\ngr8\tgreat\t2\n", name="slang"), unspin.UnspinError,
         "slang:2:"),
        (lambda p: p.write_text("ok\tfine\nbad\n") and unspin.Dictionary.from_file(p), unspin.UnspinError,
         "slang.tsv:2:"),
        (lambda p: p.write_bytes(b"ok\t\xff\n") and unspin.Restorer([p]), unspin.UnspinError,
         "is not UTF-8 (invalid byte at offset 3)"),
        (lambda p: unspin.Dictionary.from_file(p.parent / "missing.tsv"), FileNotFoundError,
         "cannot read dictionary"),
        (lambda p: unspin.Restorer([p.parent / "missing.tsv"]), FileNotFoundError, "missing.tsv"),
        (lambda p: unspin.Restorer([42]), TypeError, "use unspin.Dictionary.from_tsv(text)"),
        (lambda p: unspin.Restorer(min_confidence=0), ValueError, "min_confidence must be in (0, 1]"),
        (lambda p: unspin.Restorer(min_confidence=1.5), ValueError, "min_confidence must be in (0, 1]"),
    ],
)
def test_errors_carry_the_rust_message(make, error, message, tmp_path):
    with pytest.raises(error) as raised:
        make(tmp_path / "slang.tsv")
    assert message in str(raised.value)


def test_unspin_error_is_a_value_error():
    assert issubclass(unspin.UnspinError, ValueError)


def test_public_names_have_docstrings_and_stubs():
    package = pathlib.Path(unspin.__file__).parent
    assert (package / "py.typed").exists()
    stubbed = set()
    for stub in ["__init__.pyi", "_unspin.pyi"]:
        tree = ast.parse((package / stub).read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                stubbed.add(node.name)
                assert ast.get_docstring(node), f"{stub}: {node.name} has no docstring"
    assert set(unspin.__all__) <= stubbed
    for name in unspin.__all__:
        assert getattr(unspin, name).__doc__, name
    for method in ["restore", "restore_with_edits", "spin_score", "screen", "restore_many", "default"]:
        assert getattr(unspin.Restorer, method).__doc__, method


def test_shared_restorer_is_built_once_per_arguments(tmp_path):
    path = tmp_path / "slang.tsv"
    path.write_text(SLANG, encoding="utf-8")
    assert unspin.shared_restorer() is unspin.shared_restorer()
    slang = unspin.shared_restorer((str(path),), default_dictionaries=False)
    assert slang is unspin.shared_restorer((str(path),), default_dictionaries=False)
    assert slang is not unspin.shared_restorer((str(path),))
    assert slang.restore("A gr8 day for Chinese language officers.") == (
        "A great day for Chinese language officers.")
