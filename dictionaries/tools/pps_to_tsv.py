#!/usr/bin/env python3
"""Convert the Problematic Paper Screener's tortured-phrase list into dictionaries/tortured.tsv.

Usage (from the repository root):

    python3 dictionaries/tools/pps_to_tsv.py [SOURCE] [-o OUTPUT] [--report] [--genuine FILE ...]

    SOURCE     the PPS export, a TSV with the columns tortured, expected, pps_query, nb_papers
               (default: ../shared/data/tortured/pps_2025-11.tsv, relative to the repository root)
    -o OUTPUT  where to write the dictionary (default: standard output)
    --report   print the conversion figures and the oddities found in the `tortured` column to
               standard error
    --genuine  with --report: also list the spun keys that occur in these files of genuine
               (unspun) text, i.e. the entries that would edit genuine text if their clauses allowed

The canonical command, recorded in the generated header, is

    python3 dictionaries/tools/pps_to_tsv.py ../shared/data/tortured/pps_2025-11.tsv > dictionaries/tortured.tsv

Only the Python 3 standard library is used. The output is deterministic (no dates), so regenerating
from the same source gives the same bytes.

Output format (see the crate's dictionary docs): spun<TAB>original<TAB>weight<TAB>clauses, `#`
comment lines first.

Conversion rules
================

Rows dropped
------------
* unsure: the `expected` value contains "?" anywhere ("Crow search algorithm ?", "(?)", "???").
* not expressible: the `expected` value describes instead of naming an original ("meaning unclear,
  see ...", "agent that has an activity opposed to killing germs"), or nothing is left once the notes
  are removed, or the original is the spun phrase itself. Each such row is counted in the header.

The spun key (from the `tortured` column)
-----------------------------------------
* Trimmed and lowercased (matching is case-insensitive anyway); typographic apostrophes and hyphens
  (’ ‘ U+2010 U+2011) are written as ASCII ' and -. A key with an en dash ("euler–bernoulli ...") is
  written twice, with the en dash and with "-", because the crate's key normaliser does not fold
  U+2013 and papers use both.
* Further spun alternatives come from OR in the query: `"A" OR "B"` gives a line for A and one for B.

The original (from the `expected` column)
-----------------------------------------
Applied in this order:
 1. OVERRIDES (below) replace a handful of values that are prose rather than a phrase, or whose
    bracket use no rule gets right; each has a one-line reason.
 2. Clean-up: no-break spaces become spaces, the curators' quotes (" and \\") are removed, typographic
    apostrophes become ', a trailing "*" or "..." is removed, ", see <url>" and anything after it and
    a ( ) group holding a URL are removed.
 3. "X AND Y" (the curators' note of a second phrase the query requires, e.g. "differential equation
    AND 1st order") keeps X: Y describes the clause phrase, which is not part of the replaced text.
 4. "(= X)" means the real original is X ("square measure (= are)" -> "are").
 5. Brackets attached to a word are a spelling variant, and the word is written in full: "autist(ic)"
    -> "autistic", "emotion(al)" -> "emotional", "(web)sites" -> "websites"; "(s)" is kept only when
    the spun phrase ends in "s" ("Gabor capacities" -> "Gabor functions", "Gabor work" -> "Gabor
    function"). Attached brackets that the spun phrase has too ("Intel(R)") stay.
 6. Free-standing ( ) and [ ] groups. In this list they mark words that are NOT in the spun text:
    acronyms ("true positive rate (TPR)"), glosses ("hidden state (in HMM)"), context words
    ("[neural network] layer outputs", "artificial neural (network)") and optional words
    ("supervised (machine) learning", "(mean) squared error"). So a group is DROPPED, unless
      a. the spun phrase contains the group or all its words ("single-abandoned virus" ->
         "single-stranded [virus]" keeps "virus"; "[C=O] bunches" -> "[C=O] groups"), or
      b. the spun phrase has ( ) groups of its own: then the expected ( ) groups that are not notes
         are kept, in order, one per spun group ("IoT (Web of Things)" -> "IoT (Internet of
         Things)", "fifth era (5G)" -> "fifth generation (5G)"), or
      c. the expected value is "ACRONYM (expansion) rest" and the spun phrase lacks the acronym: the
         form (acronym or expansion) whose word count is nearer the spun phrase's replaces the pair
         ("cutting edge sequencing" -> "next-generation sequencing", but "Macintosh layer" ->
         "MAC layer").
    Hence "[neural network] layer outputs" -> "layer outputs", "supervised (machine) learning" ->
    "supervised learning" and "into (reaction) mixture" -> "into mixture" by rule (the last one is
    overridden to "into the mixture", which is what "into the combination" stands for).
 7. An acronym that ends the spun phrase and is missing from the original is appended, so that it is
    not deleted from the text: a ( ) acronym always ("hazard ratio (RR)" -> "relative risk (RR)",
    "data technology (IT)" -> "information technology (IT)"), a bare one only for proximity queries,
    where it is the query's anchor word ("social impact UTAUT"~10 -> "social influence UTAUT"); in
    other rows a bare acronym is part of the spun phrase ("administered ML" -> "supervised machine
    learning").
 8. Alternatives (only when the spun phrase has no "/" or " or " itself): "A / B" and "A or B"
    between phrases, and "x/y" inside a word position ("benign cancer/tumor", "fog/mist/cloud
    computing") give one line per alternative; the language model chooses among them.
 9. Obvious misspellings in the expected column are corrected (TYPOS, PHRASE_TYPOS: "linear
    opeerator", "bits par pixel", ...), since the original is inserted into the text.
10. Case: if the spun phrase is itself written as a name (two or more capitalised words, e.g. "World
    Wellbeing Association (WHO)"), the expected case is kept. Otherwise capitals that only come from
    acronym expansion or sentence case are lowercased ("Magnetic-activated cell sorting" ->
    "magnetic-activated cell sorting", "Estimated Glomerular Filtration Rate" -> "estimated glomerular
    filtration rate", "Synthetic Minority Over-sampling TEchnique" -> "... technique"), except proper
    nouns: words in PROPER_WORDS (Gaussian, Markov, Python, March, ...) and any hyphenated compound
    containing one ("Holt-Winters", "North-American"), phrases in PROPER_PHRASES, capitalised words
    the spun phrase also has after its first word, and whole names containing an institution word
    (ORG_HEADS: "World Health Organization", "Centers for Medicare & Medicaid Services").
    Mixed-case and all-caps words (eGFR, CatBoost, RNA) are never touched.

Clauses (from `pps_query`)
--------------------------
* `"X" AND "Y"` -> `+Y` (the document must also contain Y); unquoted words form a phrase too
  (`AND business intelligence` -> `+business intelligence`); the typo "ADN" is read as AND.
* `NOT "Y"` -> `-Y`.
* OR among the spun phrases -> one line per spun phrase. `"A" OR "B" AND "C"` is read as
  `("A" OR "B") AND "C"` (alternative spellings of the fingerprint, then its check word).
* `AND ("A" OR "B")` -> one line per alternative, each with its own `+A` / `+B` (the document must
  contain A or B, which one line per alternative expresses exactly); several such groups multiply.
  `NOT ("A" OR "B")` would give `-A;-B` on one line.
* `~N` (proximity) is dropped and the phrase kept, as the format has no proximity. On the spun phrase
  the whole query phrase becomes the key ("gatherings clustering"~10 -> key "gatherings clustering"),
  so those keys only match the words in that exact order and adjacent. On a clause phrase that starts
  with the spun phrase (`NOT "CHIMe labs Stanford"~5` for "Chime labs"), the spun words are removed
  and the rest is the clause (`-Stanford`); a clause that adds nothing (`"created nations developed
  countries"~100` next to `AND "developed countries"`) is dropped.
* A trailing wildcard is expanded with WILDCARDS (`optimiz*` -> optimize, optimization, ...), one line
  per form, as the format matches whole phrases.

Weight
------
For a key with several different originals, weight = (n + 1) / (n_max + 1), rounded to 3 decimals,
where n is the sum of nb_papers over the rows giving that (key, original) and n_max the largest such
sum for the key: the curators' paper counts become a relative prior ("selection timber" -> decision
tree 1, decision forest 0.063). The weight is left empty (= 1) for the best original and for keys
with a single original, and for alternatives split out of one row (they share one count).

Deduplication
-------------
Lines with the same key, original and clauses are written once. A line with clauses is dropped when
the same key and original also appear without clauses (it can never add anything).
"""

import argparse
import collections
import csv
import hashlib
import itertools
import os
import re
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_SOURCE = os.path.join(REPO_ROOT, "..", "shared", "data", "tortured", "pps_2025-11.tsv")
CANONICAL_COMMAND = (
    "python3 dictionaries/tools/pps_to_tsv.py ../shared/data/tortured/pps_2025-11.tsv"
    " > dictionaries/tortured.tsv"
)

# Expected values replaced outright: (tortured or None for any, expected) -> originals, reason.
OVERRIDES = {
    ("area unit", None): (["are"], "prose; 'area unit' is the known spin of the verb 'are'"),
    ("associate in nursing", None): (["an"], "prose; 'Associate in Nursing' spins the article 'an'"),
    ("mobileular", None): (["cellular"], "prose describing a search-and-replace of cell -> mobile"),
    ("just go for it", None): (["YOLO"], "the spun phrase renders the name YOLO, not its expansion"),
    ("consequences be damned", None): (["YOLO"], "the spun phrase renders the name YOLO"),
    ("hey greetings", None): (["HI"], "the spun phrase renders the acronym HI ('hi' = hey, greetings)"),
    ("into the combination", None): (["into the mixture"], "'the' is in the spun phrase"),
    ("ailment expectation", None): (["disease prognosis"], "'(disease)' translates 'ailment'"),
    ("malady expectation", None): (["disease prognosis"], "'(disease)' translates 'malady'"),
    ("monetary development", None): (["economic development"], "the other alternative is unrelated"),
    ("digital misconduct", None): (["digital crime", "cyber crime"], "slash between phrases"),
    ("signing acknowledgment", None): (["sign language recognition"], "slash between phrases"),
    ("a mind boggling want", None): (["an incredible need", "a staggering need"], "slash between phrases"),
    ("gas and mass spectroscopy", None): (["gas chromatography/mass spectrometry"], "GC/MS is one term"),
    ("renal disappointment", None): (["renal failure", "kidney failure"], "'or' between words"),
    ("nano helped gadget", None): (["nanotechnology device", "nanotech device"], "'or' between words"),
    ("personality of a plant pathogen", None): (["nature of a plant pathogen"], "first reading matches"),
    ("speed, assortment", None): (["velocity, variety"], "the starred part of the list is the match"),
    ("structural pitch", None): (["structural features"], "a list of two readings"),
    ("well concurred", None): (["is in accord", "correlates"], "a list of two readings"),
    ("in rundown, this", None): (["in summary, this"], "the rest is an example continuation"),
    ("down-testing", None): (["downsampling"], "'upsampling' is the opposite, listed by contrast"),
    ("down-examining", None): (["downsampling"], "consistency with 'down-testing'"),
    ("redressed straight unit", None): (["rectified linear unit"], "', ReLU' is a gloss"),
    ("chime labs", None): (["Bell Labs"], "the company's name; '[company]' is a gloss"),
    ("man-in-the-middle (mitm) assault", None): (["man-in-the-middle (MitM) attack"], "'assault' = attack"),
    ("superior processing (hpc) machines", None): (
        ["high performance computing (HPC) machines"], "keep the acronym and 'machines'"),
    ("commercial traveler (tsp) issue", None): (
        ["travelling salesman (TSP) problem"], "keep the acronym where the spun text has it"),
    ("high-speed high-speed (fhm) calculation", None): (
        ["Faster High-Utility Itemset Mining (FHM) algorithm"], "typo 'Minin'; 'calculation' = algorithm"),
    ("location goal convention", None): (["Address Resolution Protocol"], "'spoofing' is not spun"),
    ("robotized capacity and recovery frameworks", None): (
        ["automated storage and retrieval systems"], "AS/RS is one term, not two readings"),
    ("newborn child demise", None): (["infant death"], "'syndrome' is not in the spun phrase"),
    ("nps' organic personality", None): (["NPs' biological identity"], "keep the author's 'NPs''"),
}

# Words lowercased nowhere (proper nouns and eponyms seen in the list).
PROPER_WORDS = set("""
Alf Alzheimer Amazon April August Blu Bcl Boolean December February Holt Huntington January Joule July June Lewis March May November October September Trojan Tucker American Anaconda Android Apache Apriori Arrhenius Azure Baker Bayes Bayesian
Behnken Bell Bernoulli Bessel Bhattacharyya Boltzmann Bonferroni Box Brinkman Bronsted Brownian
Butterworth Byzantine Canny Carlo Chebyshev Chinese Cox Cronbach Curie Darcy Debye Dell Diffie
Dirichlet Doppler Dulbecco Eagle Eckert English Euclidean Euler European Excel Fisher Fourier
Freundlich Gabor Gaussian Gini Golgi Google Grashof Gutenberg Hadamard Hahn Hall Hamming Hann
Hellman Helsinki Henon Hénon Hilbert Hopfield Hough Huang Hurst India Indian Intel Iran Jacobian Jahn
Java Jenkins Jupyter Kaiser Kalman Kaplan Kelvin Keras Knudsen Kohonen Krasovskii Kullback Kuznets
Kutta Lagrange Lagrangian Langmuir Laplace Laplacian Legendre Leibler Lewy Linux Lobatto Lorentz
Lyapunov Mahalanobis Manhattan Markov Mastercard Maxwell Medicaid Medicare Meier Mel Menten Michaelis
Microsoft Monte Navier Newton Newtonian Nusselt Nyquist Oracle Pareto Parkinson Pasteur Pearson
Pochhammer Poisson Prandtl Python Radon Raman Rayleigh Reynolds Rician Rosseland Runge Shannon
Shapley Sherwood Sobel Song Spanish Stefan Spearman Stokes Tamura Teager Teller Timoshenko Tukey Turing
Vegard Venturi Vineland Visa Viterbi Wasserstein Weibull Western Wiener Wilcoxon Windows Winters
Young
""".split())

# Multi-word names kept as written wherever they occur in an original.
PROPER_PHRASES = [
    "United States", "United Kingdom", "Great Depression", "Web of Science", "Amazon Web Services",
    "Amazon Elastic Compute Cloud", "Microsoft Windows", "IEEE Transactions", "Hospital Without Walls",
    "Prisoner's Dilemma", "Project Gutenberg", "Declaration of Helsinki", "Fall armyworm",
    "Multimedia Tools and Applications", "No Free Lunch",
]

# A fully capitalised original containing one of these words is an institution's name: kept as is.
ORG_HEADS = set("""
Act Administration Agency Archive Army Association Authority Bank Board Branch Center Centers Centre
College Commission Committee Community Corporation Council Court Department Federation Forum
Foundation Fund Initiative Institute Laboratories Ministry Office Organisation Organization Party
Program Programme Society Union University
""".split())
FUNCTION_WORDS = set("a an and at for in of on or the to with".split())

# Misspellings in the expected column, corrected word by word (case of the first letter kept).
TYPOS = {
    "assocated": "associated", "boltzman": "Boltzmann", "boxe": "box", "composent": "component",
    "consuption": "consumption", "continious": "continuous", "continuos": "continuous",
    "countinuous": "continuous", "effet": "effect", "entrooy": "entropy", "enviroment": "environment",
    "forecastingc": "forecasting", "fruxtose": "fructose", "fuction": "function",
    "gradiant": "gradient", "gradiants": "gradients", "highresolution": "high-resolution",
    "illneses": "illnesses", "mamography": "mammography", "medicial": "medical", "minin": "mining",
    "netwok": "network", "ocurrence": "occurrence", "opeerator": "operator",
    "pericutaneous": "percutaneous", "polyphormism": "polymorphism", "preprocesing": "preprocessing",
    "squarred": "squared", "supression": "suppression", "tartanic": "tartaric",
    "unbiaised": "unbiased", "valiadation": "validation",
}
PHRASE_TYPOS = {"bits par pixel": "bits per pixel"}

WILDCARDS = {
    "hear": ["hear", "hears", "heard", "hearing", "hearings"],
    "optimiz": ["optimize", "optimized", "optimizes", "optimizing", "optimization", "optimizations",
                "optimizer", "optimizers"],
}

DESCRIPTION = re.compile(r"^(meaning unclear|agent that |the word |paraphrased versions|search and replace)", re.I)
NOTE = re.compile(
    r"^(see|please|note|e\.g|i\.e|as in|or |caveat|called|via|=|could|in the|in a |a part|part of|"
    r"of |for |referring|sometimes|us healthcare|the |a |an |number of|\")", re.I)


def is_acronym(text):
    """'TPR', 'ROC AUC', 'R&D', 'Cas-9', 'eGFR', '5G': every word has two or more capitals/digits."""
    tokens = text.split()
    return bool(tokens) and all(
        re.fullmatch(r"[A-Za-z0-9&'+./\-–]+", t) and len(re.findall(r"[A-Z0-9]", t)) >= 2
        for t in tokens)


class Unexpressible(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Queries


def tokenize_query(query):
    """Tokens: ('Q', text, prox) quoted phrase, ('W', text, prox) bare words, ('OP', op), '(' ')'."""
    tokens, i, n = [], 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c in "()":
            tokens.append((c,))
            i += 1
        elif c == '"':
            j = query.index('"', i + 1)
            text, i = query[i + 1:j], j + 1
            m = re.match(r"~(\d+)", query[i:])
            prox = None
            if m:
                prox, i = int(m.group(1)), i + m.end()
            tokens.append(("Q", text.strip(), prox))
        else:
            m = re.match(r'[^\s()"]+', query[i:])
            word, i = m.group(0), i + m.end()
            if word in ("AND", "OR", "NOT", "ADN"):
                tokens.append(("OP", "AND" if word == "ADN" else word))
            else:
                prox = None
                pm = re.match(r"(.*)~(\d+)$", word)
                if pm:
                    word, prox = pm.group(1), int(pm.group(2))
                if tokens and tokens[-1][0] == "W" and tokens[-1][2] is None:
                    tokens[-1] = ("W", tokens[-1][1] + " " + word, prox)
                else:
                    tokens.append(("W", word, prox))
    return tokens


def parse_query(query):
    """Returns (spun alternatives, clauses, notes); a clause is (sign, [alternative terms])."""
    tokens = tokenize_query(query)
    pos = 0
    notes = collections.Counter()

    def term():
        nonlocal pos
        tok = tokens[pos]
        if tok[0] not in ("Q", "W"):
            raise ValueError(f"expected a phrase in {query!r}")
        pos += 1
        return {"text": tok[1], "prox": tok[2], "quoted": tok[0] == "Q"}

    def group():
        nonlocal pos
        if tokens[pos] == ("(",):
            pos += 1
            alts = [term()]
            while tokens[pos] == ("OP", "OR"):
                pos += 1
                alts.append(term())
            if tokens[pos] != (")",):
                raise ValueError(f"unbalanced parenthesis in {query!r}")
            pos += 1
            return alts
        return [term()]

    spun = [term()]
    while pos < len(tokens) and tokens[pos] == ("OP", "OR"):
        pos += 1
        spun.append(term())
        notes["or_spun"] += 1
    clauses = []
    while pos < len(tokens):
        tok = tokens[pos]
        if tok[0] != "OP" or tok[1] == "OR":
            raise ValueError(f"unexpected {tok} in {query!r}")
        pos += 1
        sign = "+" if tok[1] == "AND" else "-"
        alts = group()
        if len(alts) > 1:
            notes["or_clause"] += 1
        clauses.append((sign, alts))
    return spun, clauses, notes


QUERY_KINDS = ["AND", "NOT", "OR between spun phrases", "OR inside a clause", "proximity ~N",
               "unquoted words", "wildcard", "ADN typo"]


def query_kinds(query, spun, clauses):
    """The kinds of clause a query uses (a row counts once per kind)."""
    terms = spun + [a for _, alts in clauses for a in alts]
    kinds = {
        "AND": any(sign == "+" for sign, _ in clauses),
        "NOT": any(sign == "-" for sign, _ in clauses),
        "OR between spun phrases": len(spun) > 1,
        "OR inside a clause": any(len(alts) > 1 for _, alts in clauses),
        "proximity ~N": any(t["prox"] is not None for t in terms),
        "unquoted words": any(not t["quoted"] for t in terms),
        "wildcard": any(t["text"].endswith("*") for t in terms),
        "ADN typo": " ADN " in query,
    }
    return [k for k in QUERY_KINDS if kinds[k]]


def build_contexts(spun_phrase, clauses, stats):
    """The clause lists (one per line) for a row: the product of alternative groups."""
    spun_words = spun_phrase.lower().split()
    groups = []
    for sign, alts in clauses:
        stats["clause_and" if sign == "+" else "clause_not"] += 1
        if any(not a["quoted"] for a in alts):
            stats["clause_unquoted"] += 1
        phrases = []
        for a in alts:
            text = a["text"]
            if a["prox"] is not None:
                stats["prox_clause"] += 1
                words = text.split()
                if [w.lower() for w in words[:len(spun_words)]] == spun_words:
                    text = " ".join(words[len(spun_words):])
            if text.endswith("*"):
                stem = text[:-1].lower()
                if stem not in WILDCARDS:
                    raise Unexpressible(f"wildcard {text!r} has no expansion")
                stats["wildcard"] += 1
                phrases.extend(WILDCARDS[stem])
            elif text:
                phrases.append(text)
        if not phrases:
            continue
        if sign == "-":
            for p in phrases:  # NOT (A OR B): none may occur, so every phrase is excluded
                groups.append([("-", p)])
        else:
            groups.append([("+", p) for p in phrases])
    contexts = []
    for combo in itertools.product(*groups) if groups else [()]:
        seen, out = set(), []
        for sign, phrase in combo:
            k = (sign, phrase.lower())
            if k not in seen:
                seen.add(k)
                out.append(f"{sign}{phrase}")
        contexts.append(";".join(out))
    return contexts


# ---------------------------------------------------------------------------------------------
# Expected values


def find_groups(text):
    """Top-level ( ) and [ ] groups: dicts with start, end (exclusive), kind, content, attached."""
    groups, depth, start = [], 0, None
    for i, c in enumerate(text):
        if c in "([":
            if depth == 0:
                start = i
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                raise Unexpressible("unbalanced brackets")
            if depth == 0:
                before = text[start - 1] if start > 0 else " "
                after = text[i + 1] if i + 1 < len(text) else " "
                groups.append({
                    "start": start, "end": i + 1, "kind": text[start], "content": text[start + 1:i],
                    "attached": before.isalnum() or (after.isalnum() and text[start] == "("),
                })
    if depth != 0:
        raise Unexpressible("unbalanced brackets")
    return groups


def words_of(text):
    return re.findall(r"[\w'&+.\-/]+", text.lower())


def clean_expected(tortured, expected, proximity=False):
    """Returns the list of originals for one row (usually one), or raises Unexpressible."""
    key = tortured.lower()
    e = expected.replace("\xa0", " ").replace('\\"', '"').replace('"', "")
    e = e.replace("’", "'").replace("‘", "'")
    e = re.sub(r",?\s*\bsee https?://\S*.*$", "", e)
    e = re.sub(r"\s*\([^()]*https?://[^()]*\)", "", e)
    e = re.sub(r"(\.\.\.|…|\*)\s*$", "", e).strip()
    e = re.sub(r"\s+", " ", e)
    if DESCRIPTION.search(e) or "http" in e:
        raise Unexpressible("a description, not a phrase")
    if " AND " in e:
        e = e.split(" AND ")[0].strip()
    m = re.search(r"\(= ?([^()]+)\)", e)
    if m:
        return [m.group(1).strip()]
    t_groups = [g for g in find_groups(tortured) if not g["attached"] and g["kind"] == "("]
    t_lower = tortured.lower().replace("’", "'")
    t_words = set(words_of(t_lower))

    # attached groups: spelling variants
    def attached(m):
        whole = m.group(0)
        if whole.lower() in t_lower:
            return whole
        inner = m.group(2) if m.group(2) is not None else m.group(4)
        if inner.lower() == "s" and not key.rstrip().endswith("s"):
            inner = ""
        if m.group(2) is not None:
            return m.group(1) + inner
        return inner + m.group(5)
    e = re.sub(r"(\w)\(([^()\s]+)\)|(?<![\w(])()\(([^()\s]+)\)(\w)", attached, e)

    groups = [g for g in find_groups(e) if not g["attached"]]
    paren_groups = [g for g in groups if g["kind"] == "(" and not NOTE.search(g["content"])]
    keep = {}
    for g in groups:
        content = g["content"].strip()
        whole = e[g["start"]:g["end"]].lower()
        if whole in t_lower:
            keep[g["start"]] = e[g["start"]:g["end"]]
        elif words_of(content) and set(words_of(content)) <= t_words and not is_acronym(content):
            keep[g["start"]] = content
        elif t_groups and g in paren_groups and paren_groups.index(g) < len(t_groups):
            keep[g["start"]] = e[g["start"]:g["end"]]
    # ACRONYM (expansion) rest: choose the form nearer the spun phrase in length
    m = re.match(r"^([A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*) \(([^()]+)\)(.*)$", e)
    if m and not t_groups and m.group(1).lower() not in t_words:
        acronym, expansion, rest = m.group(1), m.group(2).split(",")[0].strip(), m.group(3)
        initials = "".join(w[0] for w in re.split(r"[\s\-]+", expansion) if w).upper()
        if initials.startswith(acronym.upper()[:2]):
            n = len(tortured.split())
            if abs(len(expansion.split()) - n) < abs(1 - n):
                e = expansion + rest
                groups = [g for g in find_groups(e) if not g["attached"]]
                keep = {}
    out, last = [], 0
    for g in groups:
        out.append(e[last:g["start"]])
        if g["start"] in keep:
            out.append(keep[g["start"]])
        last = g["end"]
    out.append(e[last:])
    e = "".join(out)
    e = re.sub(r"\s+", " ", e)
    e = re.sub(r"\s+([,.;:)\]])", r"\1", e)
    e = re.sub(r"([(\[])\s+", r"\1", e).strip(" ,;:")

    # an acronym ending the spun phrase is kept in the text
    tail = None
    tm = re.search(r"\(([^()]+)\)$", tortured.strip())
    if tm and is_acronym(tm.group(1)):
        if not e.endswith(")"):
            tail = "(" + tm.group(1) + ")"
    elif proximity:
        tm = re.search(r"\s([A-Z][A-Z0-9\-]+)$", tortured.strip())
        if tm:
            tail = tm.group(1)
    if tail and not re.search(r"(?<!\w)" + re.escape(tail.strip("()")) + r"(?!\w)", e, re.I):
        e = f"{e} {tail}"

    # alternatives
    alternatives = [e]
    if "/" not in tortured and "/" in e:
        if re.search(r"\s/|/\s", e):
            alternatives = [a.strip() for a in re.split(r"\s*/\s*", e)]
        else:
            parts = [tok.split("/") if "/" in tok and not re.search(r"\(.*/.*\)", tok) else [tok]
                     for tok in e.split(" ")]
            alternatives = [" ".join(p) for p in itertools.product(*parts)]
    if " or " not in f" {key} ":
        alternatives = [b.strip() for a in alternatives for b in re.split(r" or ", a, flags=re.I)]
    return [a for a in alternatives if a]


def fix_typos(text):
    for wrong, right in PHRASE_TYPOS.items():
        text = re.sub(re.escape(wrong), right, text, flags=re.I)

    def fix(m):
        w = m.group(0)
        right = TYPOS.get(w.lower())
        if right is None:
            return w
        return right[0].upper() + right[1:] if w[0].isupper() else right
    return re.sub(r"[^\W\d_]+", fix, text)


def is_capitalised(word):
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def looks_like_name(tortured):
    return sum(1 for w in tortured.split() if w[:1].isupper() and any(c.islower() for c in w)) >= 2


def normalise_case(tortured, original):
    """Lowercase capitals that come from acronym expansion or sentence case (see the rules)."""
    if looks_like_name(tortured):
        return original
    content = [w for w in re.findall(r"[^\W\d_][\w'\-]*", re.sub(r"\([^)]*\)", "", original))
               if w.lower() not in FUNCTION_WORDS]
    if content and all(w[0].isupper() for w in content) and any(
            part in ORG_HEADS for w in content for part in w.split("-")):
        return original
    protected = []
    for phrase in PROPER_PHRASES:
        for m in re.finditer(re.escape(phrase), original):
            protected.append((m.start(), m.end()))
    later = tortured.split()[1:]
    keep = {re.sub(r"['’]s$", "", w) for w in re.findall(r"[^\W\d_][\w'’]*", " ".join(later))
            if is_capitalised(re.sub(r"['’]s$", "", w))}

    def fix(m):
        compound = m.group(0)
        if any(a <= m.start() < b for a, b in protected):
            return compound
        parts = re.split(r"([\-\u2013/])", compound)
        bare = [re.sub(r"'s$", "", p) for p in parts]
        if any(p in PROPER_WORDS or p in keep for p in bare):
            return compound  # "Holt-Winters", "North-American", "Bcl-2"
        return "".join(p.lower() if is_capitalised(p) or re.fullmatch(r"[A-Z]{2}[a-z]{3,}", p) else p
                       for p in parts)
    return re.sub(r"[^\W\d_][\w'\-\u2013/]*", fix, original)


def spun_keys(tortured):
    key = tortured.strip().lower()
    key = key.replace("’", "'").replace("‘", "'").replace("\u2010", "-").replace("\u2011", "-")
    key = re.sub(r"\s+", " ", key)
    keys = [key]
    if "\u2013" in key:
        keys.append(key.replace("\u2013", "-"))
    return keys


# ---------------------------------------------------------------------------------------------


def convert(rows):
    stats = collections.Counter()
    dropped = collections.defaultdict(list)
    lines = []  # (key, original, context, nb, row index)
    for index, (tortured, expected, query, nb) in enumerate(rows):
        stats["rows"] += 1
        nb = int(nb.replace(",", "") or 0)
        try:
            spun, clauses, notes = parse_query(query)
        except ValueError as err:
            dropped["query"].append((tortured, expected, str(err)))
            continue
        kinds = query_kinds(query, spun, clauses)
        for kind in kinds:
            stats["src:" + kind] += 1
        if "?" in expected:
            dropped["unsure"].append((tortured, expected, "unsure"))
            continue
        stats.update(notes)
        if clauses:
            stats["rows_with_clauses"] += 1
        if spun[0]["text"].lower() != tortured.strip().lower():
            stats["query_phrase_differs"] += 1
        spun_phrases = [tortured.strip()] + [s["text"] for s in spun[1:]]
        for s in spun:
            if s["prox"] is not None:
                stats["prox_spun"] += 1
        try:
            override = OVERRIDES.get((tortured.strip().lower(), None))
            if override:
                stats["override"] += 1
                originals = list(override[0])
            else:
                originals = clean_expected(tortured.strip(), expected, spun[0]["prox"] is not None)
                originals = [normalise_case(tortured.strip(), fix_typos(o)) for o in originals]
            contexts = build_contexts(tortured.strip(), clauses, stats)
        except Unexpressible as err:
            dropped["unexpressible"].append((tortured, expected, str(err)))
            continue
        produced = 0
        if len(originals) > 1:
            stats["rows_split_alternatives"] += 1
        for phrase in spun_phrases:
            for key in spun_keys(phrase):
                for original in originals:
                    if original.lower() == key:
                        continue
                    for context in contexts:
                        lines.append((key, original, context, nb, index))
                        produced += 1
        if not produced:
            dropped["unexpressible"].append((tortured, expected, "the original is the spun phrase"))
        else:
            stats["rows_used"] += 1
            for kind in kinds:
                stats["used:" + kind] += 1
    # deduplicate, then drop clause lines subsumed by an unconditional line
    merged = {}
    for key, original, context, nb, index in lines:
        k = (key, original, context)
        if k in merged:
            stats["dup_lines"] += 1
            if index not in merged[k][1]:
                merged[k][0] += nb
                merged[k][1].add(index)
        else:
            merged[k] = [nb, {index}]
    unconditional = {(k, o) for (k, o, c) in merged if not c}
    for k in list(merged):
        if k[2] and (k[0], k[1]) in unconditional:
            del merged[k]
            stats["subsumed_lines"] += 1
    # weights
    pair_nb = collections.defaultdict(int)
    pair_rows = collections.defaultdict(set)
    for (key, original, context), (nb, idx) in merged.items():
        for i in idx:
            if i not in pair_rows[(key, original)]:
                pair_rows[(key, original)].add(i)
                pair_nb[(key, original)] += int(rows[i][3].replace(",", "") or 0)
    best = collections.defaultdict(int)
    originals_per_key = collections.defaultdict(set)
    for (key, original), n in pair_nb.items():
        best[key] = max(best[key], n)
        originals_per_key[key].add(original)
    out = []
    for (key, original, context) in sorted(merged, key=lambda k: (k[0], k[1].lower(), k[1], k[2])):
        weight = ""
        if len(originals_per_key[key]) > 1:
            w = (pair_nb[(key, original)] + 1) / (best[key] + 1)
            if w < 1:
                weight = f"{max(w, 0.001):.3f}".rstrip("0").rstrip(".")
        if weight:
            stats["weighted_lines"] += 1
        out.append((key, original, weight, context))
    return out, stats, dropped


def render(source_path, source_bytes, out, stats, dropped):
    keys = {line[0] for line in out}
    with_context = sum(1 for line in out if line[3])
    n_dropped = sum(len(v) for v in dropped.values())
    src_kinds = ", ".join(f"{stats['src:' + k]} {k}" for k in QUERY_KINDS if stats["src:" + k])
    used_kinds = ", ".join(f"{stats['used:' + k]} {k}" for k in QUERY_KINDS if stats["used:" + k])
    head = [
        "# tortured.tsv: tortured phrases (scientific spinning) -> original phrases, for unspin.",
        "# GENERATED FILE, do not edit by hand. Regenerate from the repository root with:",
        f"#   {CANONICAL_COMMAND}",
        "# Rules (cleaning of originals, queries -> clauses, weights): the docstring of"
        " dictionaries/tools/pps_to_tsv.py.",
        f"# Source: {os.path.basename(source_path)}, sha256"
        f" {hashlib.sha256(source_bytes).hexdigest()}: the tortured-phrase list of the",
        "#   Problematic Paper Screener, snapshot of November 2025 (columns tortured, expected,"
        " pps_query, nb_papers).",
        "# Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Credit: Problematic Paper"
        " Screener by",
        "#   Guillaume Cabanac, Cyril Labbé and Alexander Magazinov; see \"Tortured phrases: A dubious"
        " writing style",
        "#   emerging in science\" (arXiv:2107.06751, 2021). Changes: see the rules above.",
        f"# Rows in: {stats['rows']}. Rows used: {stats['rows_used']}. Rows dropped:"
        f" {n_dropped} = {len(dropped.get('unsure', []))} unsure (\"?\" in the expected phrase)"
        f" + {len(dropped.get('unexpressible', []))} not expressible:",
    ]
    for tortured, expected, reason in dropped.get("unexpressible", []):
        head.append(f"#   {tortured!r} -> {expected[:60]!r}: {reason}")
    head += [
        f"# Lines written: {len(out)}, for {len(keys)} spun phrases; {with_context} lines with"
        f" clauses; {stats['weighted_lines']} with a weight.",
        f"# Query clauses, rows of the source by kind: {src_kinds}.",
        f"#   Among the rows used: {used_kinds}.",
        f"#   Proximity ~N was dropped on {stats['prox_spun']} spun phrases (kept as the literal"
        f" key, so they match only adjacent words) and {stats['prox_clause']} clause phrases.",
        f"# Rows giving several originals (alternatives): {stats['rows_split_alternatives']};"
        f" originals set by hand (OVERRIDES): {stats['override']}; clause lines dropped as subsumed"
        f" by the same key and original without clauses: {stats['subsumed_lines']}; exact"
        f" duplicates: {stats['dup_lines']}.",
        "# Weight: (n + 1) / (n_max + 1) among the originals of one key, n = nb_papers; empty = 1.",
        "# Columns: spun<TAB>original<TAB>weight<TAB>clauses (+phrase: the document must contain"
        " it; -phrase: it must not).",
    ]
    body = ["\t".join(line) for line in out]
    return "\n".join(head + body) + "\n"


def report(out, stats, dropped, rows, genuine_files):
    err = sys.stderr
    print(f"rows {stats['rows']}, used {stats['rows_used']}, lines {len(out)}", file=err)
    for reason, items in sorted(dropped.items()):
        print(f"dropped {reason}: {len(items)}", file=err)
        if reason != "unsure":
            for item in items:
                print("   ", " | ".join(item), file=err)
    for k in QUERY_KINDS:
        print(f"  rows with {k}: source {stats['src:' + k]}, used {stats['used:' + k]}", file=err)
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}", file=err)
    print("\n== oddities in the tortured column", file=err)
    for tortured, expected, query, _nb in rows:
        flags = []
        if tortured != tortured.strip() or "  " in tortured:
            flags.append("whitespace")
        if any(ord(c) > 127 for c in tortured):
            flags.append("non-ASCII " + ",".join(sorted({f"U+{ord(c):04X}" for c in tortured if ord(c) > 127})))
        m = re.match(r'"([^"]*)"', query)
        if m and m.group(1) != m.group(1).strip():
            flags.append("space inside the query's quotes")
        if re.search(r"[^\w\s'’\-]", tortured):
            flags.append("punctuation")
        if flags:
            print(f"  {tortured!r} -> {expected!r}: {'; '.join(flags)}", file=err)
    by_key = collections.defaultdict(list)
    for key, original, _weight, context in out:
        by_key[key].append((original, context))
    print("\n== single-word keys (clauses shown)", file=err)
    for key in sorted(k for k in by_key if " " not in k):
        print(f"  {key}: " + "; ".join(f"{o} [{c}]" if c else o for o, c in by_key[key]), file=err)
    if genuine_files:
        counts = collections.Counter()
        maxlen = max(len(k.split()) for k in by_key)
        for path in genuine_files:
            with open(path, encoding="utf-8") as f:
                tokens = re.findall(r"[\w'’\-]+|[^\w\s]", f.read().lower().replace("’", "'"))
            for n in range(1, maxlen + 1):
                for i in range(len(tokens) - n + 1):
                    gram = " ".join(tokens[i:i + n])
                    if gram in by_key:
                        counts[gram] += 1
        print("\n== keys found in genuine text (count; U = applies unconditionally)", file=err)
        for key, c in counts.most_common():
            unconditional = any(not any(c.startswith("+") for c in ctx.split(";"))
                                for _, ctx in by_key[key])
            print(f"  {c:6d} {'U' if unconditional else ' '} {key} -> "
                  + "; ".join(f"{o} [{x}]" if x else o for o, x in by_key[key]), file=err)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--output")
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--genuine", nargs="*", default=[])
    args = parser.parse_args()
    with open(args.source, "rb") as f:
        source_bytes = f.read()
    reader = csv.reader(source_bytes.decode("utf-8").splitlines(), delimiter="\t",
                        quoting=csv.QUOTE_NONE)
    header = next(reader)
    if header[:4] != ["tortured", "expected", "pps_query", "nb_papers"]:
        sys.exit(f"unexpected columns {header}")
    rows = [r[:4] for r in reader if any(r)]
    out, stats, dropped = convert(rows)
    text = render(args.source, source_bytes, out, stats, dropped)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    if args.report:
        report(out, stats, dropped, rows, args.genuine)


if __name__ == "__main__":
    main()
