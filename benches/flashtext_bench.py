#!/usr/bin/env python3
"""flashtext on the inputs and dictionary of benches/throughput.rs, for the comparison in RESULTS.md.

    pip install flashtext==2.7
    UNSPIN_BENCH_WRITE_INPUTS=/tmp/unspin-bench-inputs cargo bench --bench throughput
    python3 benches/flashtext_bench.py /tmp/unspin-bench-inputs

The bench writes DIR/pairs.tsv (every pattern the crate's matcher searches for, with its key's best
original) and DIR/{spun_news,spun,genuine}_NMB.txt. This script loads the pairs into a case-insensitive
flashtext KeywordProcessor and runs replace_keywords over each input line by line (paragraphs;
best of several runs on small inputs), and on the 1 MB inputs also over the whole text at once,
which is far slower since replace_keywords is superlinear in its input's length. It prints MiB/s
(2^20 bytes of UTF-8 input per second), the unit criterion uses.
"""

import os
import re
import sys
import time

from flashtext import KeywordProcessor


def load_pairs(directory):
    """A case-insensitive KeywordProcessor of DIR/pairs.tsv, and the number of keywords."""
    processor = KeywordProcessor(case_sensitive=False)
    pairs = 0
    with open(os.path.join(directory, "pairs.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            key, original = line.rstrip("\n").split("\t")
            processor.add_keyword(key, original)
            pairs += 1
    return processor, pairs


def main(argv):
    directory = argv[1] if len(argv) > 1 else "/tmp/unspin-bench-inputs"
    started = time.perf_counter()
    processor, pairs = load_pairs(directory)
    print(f"flashtext 2.7: {pairs} keywords loaded in {(time.perf_counter() - started) * 1e3:.0f} ms")

    def size_of(name):
        return int(re.search(r"_(\d+)MB", name).group(1))

    inputs = [n for n in os.listdir(directory) if re.fullmatch(r"(spun_news|spun|genuine)_\d+MB\.txt", n)]
    for name in sorted(inputs, key=lambda n: (size_of(n), n)):
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            text = f.read()
        size = len(text.encode("utf-8"))
        runs = max(1, min(3, 3_000_000 // size))
        # Per line (paragraph), as flashtext is used: replace_keywords is superlinear in the
        # length of its input (it builds the output by string concatenation).
        best = float("inf")
        for _ in range(runs):
            started = time.perf_counter()
            out = "\n".join(processor.replace_keywords(line) for line in text.split("\n"))
            best = min(best, time.perf_counter() - started)
        print(f"{name} per line: {size / best / 2**20:.2f} MiB/s ({best:.2f} s, best of {runs})")
        if size <= 1_100_000:
            started = time.perf_counter()
            whole = processor.replace_keywords(text)
            elapsed = time.perf_counter() - started
            print(f"{name} whole text at once: {size / elapsed / 2**20:.3f} MiB/s ({elapsed:.2f} s, one run)")
            assert whole == out, "per-line and whole-text outputs differ"


if __name__ == "__main__":
    main(sys.argv)
