#!/usr/bin/env python3
"""Learn spinner A's substitutions from spun/original pairs and write them as a dictionary.

Usage (from the repository root; deterministic, a few seconds):

    pip install wordsegment==1.3.1 && apt-get install wordnet-base
    python3 dictionaries/tools/learn_spinner.py > dictionaries/news_learned.tsv
    python3 dictionaries/tools/learn_spinner.py --exclude 117,118 > /tmp/without_117.tsv

Inputs: the spinner-A pairs of the shared corpus beside the repository (`--corpus`, default
../shared/corpus): every pair of `dev/`, and the pairs of `train/` whose family in `train/INDEX.tsv`
is `A`. `--exclude` leaves pairs out (a leave-one-story-out run learns without the story it restores:
see dictionaries/tools/loso.py).

How:
* Each pair is tokenised (words keep inner apostrophes, hyphens and dots; punctuation marks are
  tokens of their own), lowercased, and aligned with difflib's longest-matching-block algorithm.
* Every differing block of at most MAX_WORDS words a side, made of words only, is a substitution
  spun phrase -> original phrase. A block the spinner inserted ("a brand new study" for "a new
  study") is learned together with the word after it ("brand new" -> "new"); a block it dropped
  with the word before it.
* P(original | spun phrase) = count(spun phrase aligned to original) / (occurrences of the spun
  phrase in the spun texts + SMOOTHING): how often restoring the phrase would be right where the
  spinner's output has it. The decoder's language model and the document's spin score decide in
  context; the weight is the prior.
* A single-word substitution seen at least twice is also learned in its other inflections (WordNet's
  morphology, both words in Norvig's unigram list): "assessment -> review" gives
  "assessments -> reviews", at INFLECTION_DISCOUNT times its weight, unless the inflected key was
  itself observed.
* Keys of the hand-reviewed `news.tsv` and `news_families.tsv` are left to them, and so are
  substitutions whose spun phrase is a number or a single letter, or that only change case or
  punctuation. Entries below MIN_WEIGHT are dropped.

Output: the dictionary TSV format (spun<TAB>original<TAB>weight), sorted, with a header that says
which pairs it was learned from. No corpus text is copied: keys are phrases of at most MAX_WORDS
words.
"""

import argparse
import collections
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_thesaurus  # noqa: E402  (the WordNet reader, unigram loader and inflection rules)

MAX_WORDS = 3
SMOOTHING = 5.0
MIN_WEIGHT = 0.15
MIN_WEIGHT_OF_WORD = 0.45
MIN_COUNT_FOR_INFLECTION = 2
INFLECTION_DISCOUNT = 0.8

TOKEN = re.compile(r"\w+(?:['’.\-]\w+)*|[^\w\s]")
WORD = re.compile(r"\w+(?:['\-.]\w+)*\Z")
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def tokens(text):
    return [t.replace("’", "'").lower() for t in TOKEN.findall(text)]


def spinner_a_pairs(corpus):
    """(id, spun text, original text) for every spinner-A pair of dev/ and train/."""
    dev = os.path.join(corpus, "dev")
    for name in sorted(os.listdir(dev)):
        if name.endswith("_spun.txt"):
            stem = name[: -len("_spun.txt")]
            yield stem, read(dev, name), read(dev, stem + "_original.txt")
    train = os.path.join(corpus, "train")
    with open(os.path.join(train, "INDEX.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    for row in rows:
        stem, family = row[0], row[1]
        if family == "A" and os.path.exists(os.path.join(train, stem + "_original.txt")):
            yield stem, read(train, stem + "_spun.txt"), read(train, stem + "_original.txt")


def read(directory, name):
    with open(os.path.join(directory, name), encoding="utf-8") as f:
        return f.read()


def is_phrase(words):
    return bool(words) and all(WORD.match(w) for w in words)


def substitutions(spun, original):
    """(spun phrase, original phrase) for each differing block of an aligned pair."""
    a, b = tokens(spun), tokens(original)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or i2 - i1 > MAX_WORDS or j2 - j1 > MAX_WORDS:
            continue
        s, o = a[i1:i2], b[j1:j2]
        if op == "delete" and i2 < len(a) and j1 < len(b) and a[i2] == b[j1]:
            s, o = s + [a[i2]], [b[j1]]
        elif op == "insert" and i1 > 0 and j1 > 0 and a[i1 - 1] == b[j1 - 1]:
            s, o = [a[i1 - 1]], [b[j1 - 1]] + o
        if is_phrase(s) and is_phrase(o) and len(s) <= MAX_WORDS + 1:
            yield " ".join(s), " ".join(o)


def occurrences(texts, keys):
    """How often each key occurs as a run of tokens in the texts."""
    longest = max((k.count(" ") + 1 for k in keys), default=0)
    found = collections.Counter()
    for text in texts:
        t = tokens(text)
        for n in range(1, longest + 1):
            for i in range(len(t) - n + 1):
                phrase = " ".join(t[i: i + n])
                if phrase in keys:
                    found[phrase] += 1
    return found


def hand_written_keys():
    keys = set()
    for name in ("news.tsv", "news_families.tsv"):
        with open(os.path.join(REPO, "dictionaries", name), encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    keys.add(line.split("\t")[0].strip().lower())
    return keys


def learnable(spun, original):
    return (spun != original and not any(c.isdigit() for c in spun)
            and len(spun) > 1 and spun.replace("-", " ") != original.replace("-", " "))


def inflected(pairs, counts, wordnet):
    """Other inflections of single-word substitutions: (spun form, original form, base pair)."""
    for spun, original in pairs:
        if " " in spun or " " in original:
            continue
        spun_bases = wordnet.lemmas_of(spun) | {spun}
        original_bases = wordnet.lemmas_of(original) | {original}
        for sb in sorted(spun_bases):
            for ob in sorted(original_bases):
                for o_form, s_form in gen_thesaurus.surface_pairs(ob, sb, wordnet, counts):
                    if s_form != spun and s_form in counts and o_form in counts:
                        yield s_form, o_form, (spun, original)


def learn(pairs, counts=None, wordnet=None):
    """The entries (spun, original, weight) learned from (id, spun, original) pairs."""
    seen = collections.Counter()
    for _, spun, original in pairs:
        seen.update(p for p in substitutions(spun, original) if learnable(*p))
    hand = hand_written_keys()
    keys = {s for s, _ in seen} - hand
    found = occurrences([spun for _, spun, _ in pairs], keys)
    weights = {}
    for (s, o), n in seen.items():
        if s in keys:
            weights[(s, o)] = n / (found[s] + SMOOTHING)
    if counts is not None:
        frequent = sorted(p for p, n in seen.items() if n >= MIN_COUNT_FOR_INFLECTION and p[0] in keys)
        for s, o, base in inflected(frequent, counts, wordnet):
            if s not in keys and s not in hand and (s, o) not in weights:
                weights[(s, o)] = max(weights.get((s, o), 0), INFLECTION_DISCOUNT * weights[base])
    return sorted((s, o, w) for (s, o), w in weights.items()
                  if w >= (MIN_WEIGHT if " " in s else MIN_WEIGHT_OF_WORD))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpus"))
    ap.add_argument("--exclude", default="", help="comma-separated pair ids to leave out")
    ap.add_argument("--unigrams", help="unigrams.txt (default: the installed wordsegment package)")
    ap.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet 3.0 dict directory")
    args = ap.parse_args(argv)
    exclude = {x for x in args.exclude.split(",") if x}
    pairs = [p for p in spinner_a_pairs(args.corpus) if p[0] not in exclude]
    counts, _ = gen_thesaurus.load_unigrams(args.unigrams or gen_thesaurus.package_file("wordsegment", "unigrams.txt"))
    entries = learn(pairs, counts, gen_thesaurus.WordNet(args.wordnet))
    command = "python3 dictionaries/tools/learn_spinner.py" + (f" --exclude {args.exclude}" if exclude else "")
    print(f"# Generated by `{command}` (docstring there: how); do not edit by hand.")
    print("# Spinner A's substitutions learned from the spun/original pairs of the shared corpus")
    print(f"# (dev/ and the family-A pairs of train/): {', '.join(p[0] for p in pairs)}.")
    print("# Weight = P(original | spun phrase in spinner-A output). Inflections from WordNet 3.0 and")
    print("# Norvig's unigram counts (wordsegment 1.3.1). See SOURCES.md.")
    print(f"# {len(entries)} entries, {len({e[0] for e in entries})} keys. Format: spun<TAB>original<TAB>weight.")
    for s, o, w in entries:
        print(f"{s}\t{o}\t{w:.3g}")


if __name__ == "__main__":
    main()
