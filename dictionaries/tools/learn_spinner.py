#!/usr/bin/env python3
"""Learn a spinner's substitutions from its spun/original pairs and write them as a dictionary.

Usage (from the repository root; deterministic, a few seconds):

    pip install wordsegment==1.3.1 && apt-get install wordnet-base
    python3 dictionaries/tools/learn_spinner.py > dictionaries/news_learned.tsv
    python3 dictionaries/tools/learn_spinner.py --spinner wordswap > dictionaries/news_learned_wordswap.tsv
    python3 dictionaries/tools/learn_spinner.py --exclude 117,118 > /tmp/without_117.tsv

Inputs: the pairs of the shared corpus beside the repository (`--corpus`, default ../shared/corpus)
that one spinner made (SPINNERS below): for spinner A ("mentioned" for "said", "yr" for "year"),
every pair of `dev/` and the pairs of `train/` whose family in `train/INDEX.tsv` is `A`; for the
word swapper "wordswap" ("successful" for "in", "astatine" for "at", "conscionable" for "just"),
the `train/` pairs whose family names it. `--exclude` leaves pairs out (a leave-one-story-out run
learns without the story it restores: see dictionaries/tools/loso.py).

How:
* Each pair is tokenised (words keep inner apostrophes, hyphens and dots; punctuation marks are
  tokens of their own), lowercased, and aligned with difflib's longest-matching-block algorithm.
* Every differing block of at most MAX_WORDS words a side, made of words only, is a substitution
  spun phrase -> original phrase; a block of as many words on both sides is one substitution a
  word ("navy help" -> "military aid" is "navy" -> "military" and "help" -> "aid"). A block the spinner inserted ("a brand new study" for "a new
  study") is learned together with the word after it ("brand new" -> "new"); a block it dropped
  with the word before it.
* P(original | spun phrase) = count(spun phrase aligned to original) / (occurrences of the spun
  phrase in the spun texts + SMOOTHING): how often restoring the phrase would be right where the
  spinner's output has it. The decoder's language model and the document's spin score decide in
  context; the weight is the prior.
* A single-word substitution seen at least twice is also learned in its other inflections (WordNet's
  morphology, both words among Norvig's INFLECTED_RANK most frequent): "assessment -> review" gives
  "assessments -> reviews", at INFLECTION_DISCOUNT times its weight, unless the inflected key was
  itself observed.
* For spinner A, keys of the hand-reviewed `news.tsv` and `news_families.tsv` are left to them.
  Substitutions whose spun phrase is a number or a single letter, or that only change case or
  punctuation, are not learned. Entries below MIN_WEIGHT are dropped, and a single word needs
  MIN_WEIGHT_OF_WORD: swaps of common words ("higher" for "better") seen once or twice overrule
  genuine words in spun text. Where a spinner's rare spun words are artefacts ("astatine" for
  "at"), a word beyond the RARE_RANK most frequent (Norvig) needs only MIN_WEIGHT. A word the
  spinner swaps both ways ("film" for "movie" and "movie" for "film") is not learned: which way
  one occurrence went is a coin toss the language model cannot call.

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
from typing import NamedTuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_thesaurus  # noqa: E402  (the WordNet reader, unigram loader and inflection rules)

MAX_WORDS = 3
SMOOTHING = 5.0
MIN_WEIGHT = 0.15
MIN_WEIGHT_OF_WORD = 0.5
RARE_RANK = 10_000
INFLECTED_RANK = 30_000
MIN_COUNT_FOR_INFLECTION = 2
INFLECTION_DISCOUNT = 0.8

TOKEN = re.compile(r"\w+(?:['’.\-]\w+)*|[^\w\s]")
WORD = re.compile(r"\w+(?:['\-.]\w+)*\Z")
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def tokens(text):
    return [t.replace("’", "'").lower() for t in TOKEN.findall(text)]


class Spinner(NamedTuple):
    """What is known of a spinner whose pairs the corpus holds."""
    with_dev: bool             # its pairs are in dev/ too
    family: str                # a pattern its family column in train/INDEX.tsv matches
    hand_written: tuple        # the dictionaries whose keys are left to them
    rare_words_are_artefacts: bool
    table: str                 # the dictionary its table is embedded as (`news_learned*`: see
                               # Kind::Learned in src/dictionary/kind.rs)


SPINNERS = {
    "A": Spinner(True, r"A\Z", ("news.tsv", "news_families.tsv"), False, "news_learned"),
    "wordswap": Spinner(False, r"other \((same )?'?\"?successful/", (), True, "news_learned_wordswap"),
}


def spinner_pairs(corpus, spinner):
    """(id, spun text, original text) for every pair of dev/ and train/ that `spinner` made."""
    dev = os.path.join(corpus, "dev")
    for name in sorted(os.listdir(dev)) if SPINNERS[spinner].with_dev else ():
        if name.endswith("_spun.txt"):
            stem = name[: -len("_spun.txt")]
            yield stem, read(dev, name), read(dev, stem + "_original.txt")
    train = os.path.join(corpus, "train")
    for stem, _ in train_pairs(train, spinner):
        yield stem, read(train, stem + "_spun.txt"), read(train, stem + "_original.txt")


def train_pairs(train, spinner):
    """(id, story) of the train/ pairs that `spinner` made, in INDEX.tsv order."""
    family = SPINNERS[spinner].family
    with open(os.path.join(train, "INDEX.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    return [(row[0], row[2]) for row in rows
            if re.match(family, row[1]) and os.path.exists(os.path.join(train, row[0] + "_original.txt"))]


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
        if not (is_phrase(s) and is_phrase(o) and len(s) <= MAX_WORDS + 1):
            continue
        if len(s) == len(o):
            yield from zip(s, o)
        else:
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


def hand_written_keys(names):
    keys = set()
    for name in names:
        with open(os.path.join(REPO, "dictionaries", name), encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    keys.add(line.split("\t")[0].strip().lower())
    return keys


def learnable(spun, original):
    return (spun != original and not any(c.isdigit() for c in spun)
            and len(spun) > 1 and spun.replace("-", " ") != original.replace("-", " "))


def inflected(pairs, counts, ranks, wordnet):
    """Other inflections of single-word substitutions: (spun form, original form, base pair)."""
    for spun, original in pairs:
        if " " in spun or " " in original:
            continue
        spun_bases = wordnet.lemmas_of(spun) | {spun}
        original_bases = wordnet.lemmas_of(original) | {original}
        for sb in sorted(spun_bases):
            for ob in sorted(original_bases):
                for o_form, s_form in gen_thesaurus.surface_pairs(ob, sb, wordnet, counts):
                    if s_form != spun and ranks.get(s_form, INFLECTED_RANK) < INFLECTED_RANK \
                            and ranks.get(o_form, INFLECTED_RANK) < INFLECTED_RANK:
                        yield s_form, o_form, (spun, original)


def learn(pairs, spinner, counts, ranks, wordnet):
    """The entries (spun, original, weight) learned from the (id, spun, original) pairs of a
    `Spinner`, with Norvig's counts and ranks and WordNet for the inflections."""
    seen = collections.Counter()
    for _, spun, original in pairs:
        seen.update(p for p in substitutions(spun, original) if learnable(*p))
    hand = hand_written_keys(spinner.hand_written)
    keys = {s for s, _ in seen} - hand
    found = occurrences([spun for _, spun, _ in pairs], keys)
    weights = {}
    for (s, o), n in seen.items():
        if s in keys:
            weights[(s, o)] = n / (found[s] + SMOOTHING)
    frequent = sorted(p for p, n in seen.items() if n >= MIN_COUNT_FOR_INFLECTION and p[0] in keys)
    for s, o, base in inflected(frequent, counts, ranks, wordnet):
        if s not in keys and s not in hand and (s, o) not in weights:
            weights[(s, o)] = INFLECTION_DISCOUNT * weights[base]
    def bar(spun):
        rare = ranks.get(spun, RARE_RANK) >= RARE_RANK and spinner.rare_words_are_artefacts
        return MIN_WEIGHT if " " in spun or rare else MIN_WEIGHT_OF_WORD
    return sorted((s, o, w) for (s, o), w in weights.items()
                  if w >= bar(s) and (" " in s or (o, s) not in weights))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpus"))
    ap.add_argument("--spinner", choices=sorted(SPINNERS), default="A")
    ap.add_argument("--exclude", default="", help="comma-separated pair ids to leave out")
    ap.add_argument("--unigrams", help="unigrams.txt (default: the installed wordsegment package)")
    ap.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet 3.0 dict directory")
    args = ap.parse_args(argv)
    exclude = {x for x in args.exclude.split(",") if x}
    pairs = [p for p in spinner_pairs(args.corpus, args.spinner) if p[0] not in exclude]
    counts, ranks = gen_thesaurus.load_unigrams(args.unigrams or gen_thesaurus.package_file("wordsegment", "unigrams.txt"))
    entries = learn(pairs, SPINNERS[args.spinner], counts, ranks, gen_thesaurus.WordNet(args.wordnet))
    command = "python3 dictionaries/tools/learn_spinner.py"
    command += f" --spinner {args.spinner}" if args.spinner != "A" else ""
    command += f" --exclude {args.exclude}" if exclude else ""
    print(f"# Generated by `{command}` (docstring there: how); do not edit by hand.")
    print(f"# The substitutions of spinner {args.spinner}, learned from these spun/original pairs of the shared")
    print(f"# corpus: {', '.join(p[0] for p in pairs)}.")
    print("# Weight = P(original | spun phrase in the spinner's output). Inflections from WordNet 3.0 and")
    print("# Norvig's unigram counts (wordsegment 1.3.1). See SOURCES.md.")
    print(f"# {len(entries)} entries, {len({e[0] for e in entries})} keys. Format: spun<TAB>original<TAB>weight.")
    for s, o, w in entries:
        print(f"{s}\t{o}\t{w:.3g}")


if __name__ == "__main__":
    main()
