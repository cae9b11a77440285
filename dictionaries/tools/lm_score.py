#!/usr/bin/env python3
"""How often does a language model prefer spinner A's original wording to its substitution?

Usage (from the repository root; Python standard library and wordsegment, about half a minute):

    apt-get install pocketsphinx-en-us && pip install wordsegment==1.3.1
    python3 dictionaries/tools/lm_score.py [--corpus ../shared/corpus] [--examples N]

Pairs: every pair of the corpus's dev/ and the pairs of train/ whose family in train/INDEX.tsv is
`A`. Each text is tokenised into lowercase words (inner apostrophes kept) and sentence boundaries
(. ! ? and line breaks), and spun and original are aligned with difflib. Every replaced block of 1
to MAX_WORDS words a side is a substitution. Its two windows are the spun words and the original
words, each between the same context: up to CONTEXT words on either side from the spun text (what a
restorer sees), cut at a sentence boundary, where "<s>" / "</s>" stand. A model prefers the
original when it scores the original window higher; equal scores are ties.

Models:
* `cmu-3`: the CMU Sphinx trigram model read by cmu_lm.py, back-off log10 probability of every
  window word and "</s>", each given up to two words before it ("<s>" counts as one).
* `cmu-2`: the same model cut to bigrams (its bigram probabilities and unigram backoffs).
* `norvig-2`: Norvig's Web 1T unigram and bigram counts from wordsegment 1.3.1 with stupid
  backoff: c(v w) / c(v) for a listed bigram, else ALPHA c(w) / N; an unlisted word gets
  wordsegment's length penalty 10 / (N 10^len). Apostrophes are dropped (its words have none);
  "<s>" and "</s>" are not in its unigrams, so they are not scored and give no context.

Measured (corpus of Dec 2026: 6 dev pairs and 16 train pairs of family A; 1,098 substitutions,
705 of one word for one word, 1,059 with every word in the CMU vocabulary), share of substitutions
where the model prefers the original / ties / prefers the spun words:

    subset (n)        cmu-3                  cmu-2                  norvig-2
    all (1098)        86.2% / 0.1% / 13.8%   84.6% / 0.1% / 15.3%   80.5% / 0.1% / 19.4%
    dev (338)         88.8% / 0.0% / 11.2%   82.8% / 0.0% / 17.2%   78.4% / 0.0% / 21.6%
    train (760)       85.0% / 0.1% / 14.9%   85.4% / 0.1% / 14.5%   81.4% / 0.1% / 18.4%
    1:1 (705)         85.5% / 0.1% / 14.3%   83.7% / 0.1% / 16.2%   79.9% / 0.1% / 20.0%
    phrases (393)     87.3% / 0.0% / 12.7%   86.3% / 0.0% / 13.7%   81.7% / 0.0% / 18.3%

Only cmu-3 prefers the original in 101 substitutions, only norvig-2 in 39; only cmu-3 in 36, only
cmu-2 in 19. Most of the gain over Norvig's counts comes with the CMU model's bigrams (2.05 M of
them, against the 258,437 pairs of wordsegment), the rest with its trigrams. Among the
substitutions cmu-3 gets wrong are British spellings the US model dislikes ("theatres"), the spinner's numbers ("more
than 4"), and blocks that the difflib alignment pairs wrongly.
"""

import argparse
import collections
import difflib
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cmu_lm  # noqa: E402
import learn_spinner  # noqa: E402  (the spinner-A pairs)

MAX_WORDS = 3
CONTEXT = 2
ALPHA = 0.4
BOUNDARY = "|"
TOKEN = re.compile(r"\w+(?:['’]\w+)*|[.!?]+|\n")
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def tokens(text):
    """Lowercase words, and BOUNDARY for every run of sentence ends and line breaks."""
    out = []
    for t in TOKEN.findall(text):
        if t[0] not in ".!?\n":
            out.append(t.replace("’", "'").lower())
        elif not out or out[-1] != BOUNDARY:
            out.append(BOUNDARY)
    return out


def context(toks, start, step):
    """Up to CONTEXT words from toks[start] on in direction step, nearest first, ending in
    "<s>"/"</s>" where a sentence boundary or the text's edge comes first."""
    out = []
    i = start
    while len(out) < CONTEXT:
        if i < 0 or i >= len(toks) or toks[i] == BOUNDARY:
            out.append(cmu_lm.SENTENCE_START if step < 0 else cmu_lm.SENTENCE_END)
            break
        out.append(toks[i])
        i += step
    return out


def substitutions(spun, original):
    """(spun window, original window, spun words, original words) for each substitution."""
    a, b = tokens(spun), tokens(original)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or i2 - i1 > MAX_WORDS or j2 - j1 > MAX_WORDS:
            continue
        s, o = a[i1:i2], b[j1:j2]
        if BOUNDARY in s or BOUNDARY in o:
            continue
        left = context(a, i1 - 1, -1)[::-1]
        right = context(a, i2, 1)
        yield left + s + right, left + o + right, s, o


class Norvig:
    """Stupid-backoff bigram scores from wordsegment's counts."""

    def __init__(self):
        import wordsegment
        segmenter = wordsegment.Segmenter()
        segmenter.load()
        self.unigrams, self.bigrams, self.total = segmenter.unigrams, segmenter.bigrams, segmenter.total

    def unigram(self, word):
        count = self.unigrams.get(word)
        return count / self.total if count else 10.0 / (self.total * 10 ** len(word))

    def score(self, window):
        words = [w.replace("'", "") for w in window]
        total = 0.0
        for n, w in enumerate(words):
            if w in (cmu_lm.SENTENCE_START, cmu_lm.SENTENCE_END):
                continue
            prev = words[n - 1] if n else None
            pair = self.bigrams.get(f"{prev} {w}") if prev in self.unigrams else None
            total += math.log10(pair / self.unigrams[prev] if pair else ALPHA * self.unigram(w))
        return total


def tally(results):
    """(original preferred, tie, spun preferred) counts."""
    c = collections.Counter((r > 1e-9) - (r < -1e-9) for r in results)
    return c[1], c[0], c[-1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpus"))
    parser.add_argument("--lm", default=cmu_lm.DEFAULT_LM)
    parser.add_argument("--examples", type=int, default=0,
                        help="print this many substitutions where cmu-3 prefers the spun words")
    args = parser.parse_args(argv)
    model, _ = cmu_lm.read_trie(args.lm)
    norvig = Norvig()
    scorers = {
        "cmu-3": lambda w: model.score(w, order=3),
        "cmu-2": lambda w: model.score(w, order=2),
        "norvig-2": norvig.score,
    }
    margins = collections.defaultdict(list)
    pairs = subs = 0
    misses = []
    train = {stem for stem, _ in learn_spinner.train_pairs(os.path.join(args.corpus, "train"), "A")}
    for pair, spun, original in learn_spinner.spinner_pairs(args.corpus, "A"):
        pairs += 1
        for spun_window, original_window, s, o in substitutions(spun, original):
            subs += 1
            kinds = ["all", "train" if pair in train else "dev", "1:1" if len(s) == len(o) == 1 else "phrase"]
            if all(w in model.ids for w in s + o):
                kinds.append("in CMU vocabulary")
            for name, score in scorers.items():
                margin = score(original_window) - score(spun_window)
                for kind in kinds:
                    margins[name, kind].append(margin)
                if name == "cmu-3" and margin < 0:
                    misses.append((margin, " ".join(s), " ".join(o)))
    print(f"{pairs} pairs, {subs} substitutions of 1 to {MAX_WORDS} words, context {CONTEXT}")
    print(f"{'model':10} {'subset':18} {'n':>5}  original / tie / spun preferred")
    for kind in ("all", "dev", "train", "1:1", "phrase", "in CMU vocabulary"):
        for name in scorers:
            orig, tie, spun = tally(margins[name, kind])
            n = orig + tie + spun
            print(f"{name:10} {kind:18} {n:5}  {orig / n:6.1%} / {tie / n:5.1%} / {spun / n:5.1%}")
    for a, b in (("cmu-3", "norvig-2"), ("cmu-3", "cmu-2")):
        only_a = sum(x > 1e-9 >= y for x, y in zip(margins[a, "all"], margins[b, "all"]))
        only_b = sum(y > 1e-9 >= x for x, y in zip(margins[a, "all"], margins[b, "all"]))
        print(f"original preferred by {a} only: {only_a}, by {b} only: {only_b}")
    for margin, s, o in sorted(misses)[:args.examples]:
        print(f"  {margin:7.2f}  {s!r} for {o!r}")


if __name__ == "__main__":
    main()
