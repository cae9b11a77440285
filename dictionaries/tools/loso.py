#!/usr/bin/env python3
"""Leave-one-story-out evaluation of spinner-A restoration on the shared corpus's train/ pairs.

Usage (from the repository root, after `cargo build --release --example restore`):

    python3 dictionaries/tools/loso.py                     # spinner A, learned without each story
    python3 dictionaries/tools/loso.py --spinner wordswap  # another spinner of learn_spinner.py
    python3 dictionaries/tools/loso.py --baseline          # the embedded dictionaries, as they are

For each story of `train/` with pairs of the spinner (pairs of one story, or one source spun twice,
are left out together), `learn_spinner.py --exclude STORY` learns the spinner's substitutions from
every other pair, and the example binary restores the story's spun texts with the embedded
dictionaries' sources, that spinner's table replaced by the one learned without the story
(`--dictionary`). This is the figure
that predicts an article nobody has seen. It prints each pair's word error rate before and after,
scored by `../shared/eval/score.py`, and the total error reduction.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(REPO, "..", "shared")
# The embedded dictionaries (build.rs compiles the same list).
EMBEDDED = ["news", "news_families", "news_learned", "news_learned_wordswap", "tortured"]

sys.path.insert(0, HERE)
import learn_spinner  # noqa: E402


def stories(train, spinner):
    """Groups of the spinner's pair ids that share a story, in INDEX.tsv order."""
    groups = {}
    for stem, story in learn_spinner.train_pairs(train, spinner):
        same = re.search(r"same (?:source|story) as (\w+)", story)
        groups.setdefault(same.group(1) if same else stem, []).append(stem)
    return list(groups.values())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(SHARED, "corpus"))
    ap.add_argument("--spinner", choices=sorted(learn_spinner.SPINNERS), default="A")
    ap.add_argument("--baseline", action="store_true", help="restore with the embedded dictionaries")
    ap.add_argument("--restore", default=os.path.join(REPO, "target", "release", "examples", "restore"))
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(SHARED, "eval"))
    from score import clean, distance, gold_len, tokens

    train = os.path.join(args.corpus, "train")
    total = {"errors": 0, "spun": 0, "tokens": 0}
    print(f"{'pair':8} {'tokens':>6} {'spun WER':>9} {'restored WER':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        table = learn_spinner.SPINNERS[args.spinner].table
        for group in stories(train, args.spinner):
            command = [args.restore]
            if not args.baseline:
                learned = os.path.join(tmp, table + ".tsv")
                with open(learned, "w", encoding="utf-8") as out:
                    subprocess.run([sys.executable, os.path.join(HERE, "learn_spinner.py"),
                                    "--corpus", args.corpus, "--spinner", args.spinner,
                                    "--exclude", ",".join(group)],
                                   stdout=out, check=True)
                for name in EMBEDDED:
                    path = learned if name == table else os.path.join(REPO, "dictionaries", name + ".tsv")
                    command += ["--dictionary", path]
            for stem in group:
                with open(os.path.join(train, stem + "_spun.txt"), encoding="utf-8") as f:
                    spun = f.read()
                with open(os.path.join(train, stem + "_original.txt"), encoding="utf-8") as f:
                    gold = clean(f.read())
                restored = subprocess.run(command, input=spun.encode(), capture_output=True,
                                          check=True).stdout.decode()
                n = gold_len(gold)
                before = distance(gold, tokens(clean(spun)))
                after = distance(gold, tokens(clean(restored)))
                total["errors"] += after
                total["spun"] += before
                total["tokens"] += n
                print(f"{stem:8} {n:6d} {before / n:9.3f} {after / n:13.3f}", flush=True)
    t = total
    print(f"{'all':8} {t['tokens']:6d} {t['spun'] / t['tokens']:9.3f} {t['errors'] / t['tokens']:13.3f}"
          f"   error reduction {1 - t['errors'] / t['spun']:.1%}")


if __name__ == "__main__":
    main()
