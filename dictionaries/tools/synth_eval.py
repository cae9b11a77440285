#!/usr/bin/env python3
"""Error reduction of a restorer on synthetic spins (synth_spin.py) of never-spun text.

Usage (from the repository root, after `cargo build --release --examples`; under a minute):

    python3 dictionaries/tools/synth_eval.py --split heldout       # the yardstick: never tune on it
    python3 dictionaries/tools/synth_eval.py --split tune --docs 80 --spinners first --rates 0.3

Documents: ../shared/corpus/clean/austen.txt and enwiki_sample.txt are cut into paragraphs (blocks
between blank lines; each line of a block that has a line over 100 characters, as in the Wikipedia
sample), and consecutive paragraphs are gathered into documents of 300 to 600 words (a document
that would pass 600 words ends before the paragraph; longer single paragraphs, and text with braces,
which score.py reads as alternatives, are dropped). A document's id is FILE:N (N counts documents
of that file); it is HELD OUT when the SHA-256 of its id is odd, in the tuning part when even. Each
split lists its documents by that digest and takes the first --docs (so a smaller run is a prefix
of a larger one). Never tune on the held-out part: choose and fit with --split tune only.

Each document is spun by each spinner at each rate (seed: --seed, the id, the spinner and the rate),
restored by --cmd (spun text on stdin, restoration on stdout, like ../shared/eval/evaluate), and
scored with the functions of ../shared/eval/score.py against the document, line by line (the
spinners and the restorer keep line breaks; this bounds the whole-document distance from above and
is far faster; a restoration with another number of lines is scored whole). The table sums errors
over the documents: tokens (score.py's, punctuation included), eligible words and substituted words
as fractions of those tokens, the word error rate of the spun and of the restored text, and the
error reduction 1 - restored / spun.

Held-out split, 40 documents (17,765 tokens), the restorer of commit 39835b9, 2 jobs: 42 s.

    spinner  rate  eligible  substituted  spun WER  restored WER  error reduction
    wordnet   0.1     0.349        0.035     0.043         0.043          +0.00%
    wordnet   0.3     0.349        0.105     0.128         0.128          +0.04%
    wordnet   0.5     0.349        0.175     0.214         0.214          +0.03%
    moby      0.1     0.330        0.033     0.033         0.033          +0.00%
    moby      0.3     0.330        0.099     0.099         0.099          +0.00%
    moby      0.5     0.330        0.165     0.165         0.165          -0.03%
    first     0.1     0.549        0.055     0.066         0.066          +0.00%
    first     0.3     0.549        0.165     0.195         0.195          +0.06%
    first     0.5     0.549        0.275     0.327         0.327          +0.05%

The spun WER at rate r is about r x eligible, not r: of the tokens (tuning split), 15 % are
punctuation and 44 % function words, which wordnet and moby leave and first substitutes only when
WordNet lists them ("at", "as", "will"; not "the", "of"). It is above r x eligible for wordnet and
first because a multi-word lemma costs an error per word it adds (only those when it holds the word
itself, "domestic dogs" for "dogs"): at rate 0.3 on the tuning split a substitution adds 0.31 words
for wordnet and 0.25 for first; Moby's single words add none.
"""

import argparse
import concurrent.futures
import hashlib
import os
import re
import shlex
import subprocess
import sys
import time

from synth_spin import SPINNERS, Resources, Spinner, spin

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "..", "shared")
sys.path.insert(0, os.path.join(SHARED, "eval"))
from score import clean, distance, gold_len, tokens  # noqa: E402

MIN_WORDS, MAX_WORDS = 300, 600
LONG_LINE = 100
SOURCES = ("austen.txt", "enwiki_sample.txt")


def paragraphs(text):
    """(start, end) spans of the paragraphs of a text, in order."""
    spans = []
    for block in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        lines = list(re.finditer(r"[^\n]+", block.group()))
        if any(len(line.group()) > LONG_LINE for line in lines):
            spans += [(block.start() + line.start(), block.start() + line.end()) for line in lines]
        else:
            spans.append(block.span())
    return spans


def documents(name, text):
    """(id, text) of the documents of one file."""
    docs, group, words = [], [], 0

    def flush():
        doc = text[group[0][0]:group[-1][1]] if group else ""
        if MIN_WORDS <= words <= MAX_WORDS and not re.search(r"[{}]", doc):
            docs.append((f"{name}:{len(docs)}", doc))

    for start, end in paragraphs(text):
        n = len(text[start:end].split())
        if words + n > MAX_WORDS:
            flush()
            group, words = [], 0
        group.append((start, end))
        words += n
        if words >= MIN_WORDS:
            flush()
            group, words = [], 0
    return docs


def digest(doc_id):
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16)


def split_docs(corpus, split, n):
    docs = []
    for name in SOURCES:
        with open(os.path.join(corpus, "clean", name), encoding="utf-8") as f:
            docs += documents(name, f.read())
    wanted = 1 if split == "heldout" else 0
    return sorted((d for d in docs if digest(d[0]) % 2 == wanted), key=lambda d: digest(d[0]))[:n]


def errors(gold_text, hyp_text):
    """score.py's distance, summed line by line when the line counts agree."""
    gold_lines, hyp_lines = gold_text.split("\n"), hyp_text.split("\n")
    if len(gold_lines) != len(hyp_lines):
        return distance(clean(gold_text), tokens(clean(hyp_text)))
    total = 0
    for g, h in zip(gold_lines, hyp_lines):
        g, hyp = clean(g), tokens(clean(h))
        if tokens(g) != hyp:
            total += distance(g, hyp)
    return total


def restore(cmd, text):
    p = subprocess.run(shlex.split(cmd), input=text.encode(), capture_output=True, timeout=600)
    if p.returncode != 0:
        sys.exit(f"restorer failed ({p.returncode}): {p.stderr.decode(errors='replace')[:500]}")
    return p.stdout.decode()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["tune", "heldout"], required=True)
    ap.add_argument("--docs", type=int, default=40, help="documents of the split (default 40)")
    ap.add_argument("--spinners", default=",".join(SPINNERS))
    ap.add_argument("--rates", default="0.1,0.3,0.5")
    ap.add_argument("--seed", default="0")
    ap.add_argument("--cmd", default="target/release/examples/restore", help="restorer: stdin -> stdout")
    ap.add_argument("--corpus", default=os.path.join(SHARED, "corpus"))
    ap.add_argument("--jobs", type=int, default=2, help="restorers run at once")
    args = ap.parse_args()
    started = time.perf_counter()
    docs = split_docs(args.corpus, args.split, args.docs)
    res = Resources()
    rates = [float(r) for r in args.rates.split(",")]
    print(f"{args.split} split: {len(docs)} documents, {sum(len(tokens(clean(t))) for _, t in docs)} tokens")
    print(f"{'spinner':8} {'rate':>4} {'eligible':>9} {'substituted':>12} {'spun WER':>9} {'restored WER':>13}"
          f" {'error reduction':>16}")
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name in args.spinners.split(","):
            spinner = Spinner(name, res)
            for rate in rates:
                spins = [spin(text, spinner, rate, f"{args.seed}:{doc_id}:{name}:{rate}") for doc_id, text in docs]
                restored = pool.map(lambda s: restore(args.cmd, s[0]), spins)
                n = eligible = substituted = spun_errors = restored_errors = 0
                for (_, gold), (spun, n_eligible, subs), hyp in zip(docs, spins, restored):
                    n += gold_len(clean(gold))
                    eligible += n_eligible
                    substituted += len(subs)
                    spun_errors += errors(gold, spun)
                    restored_errors += errors(gold, hyp)
                reduction = 1 - restored_errors / spun_errors if spun_errors else 0.0
                print(f"{name:8} {rate:4.1f} {eligible / n:9.3f} {substituted / n:12.3f} {spun_errors / n:9.3f}"
                      f" {restored_errors / n:13.3f} {reduction:+15.2%}", flush=True)
    print(f"{time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
