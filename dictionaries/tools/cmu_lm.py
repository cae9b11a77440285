#!/usr/bin/env python3
"""Read the CMU Sphinx US English trigram model (`en-us.lm.bin`) directly, check it, score text with
it, and export it as ARPA text or as a compact binary for embedding.

Usage (from the repository root; Python standard library only, deterministic, about a minute):

    apt-get install pocketsphinx-en-us          # /usr/share/pocketsphinx/model/en-us/en-us.lm.bin
    python3 dictionaries/tools/cmu_lm.py --check --export /tmp/cmu_lm.bin [--arpa /tmp/cmu.arpa]

`--check` prints the counts and the sanity checks below; `--export OUT` writes the compact binary
and reads it back; `--arpa OUT` writes ARPA text and parses it back. The exports are not committed.

The source: pocketsphinx's "Trie Language Model" binary, a KenLM-style trie stored in reverse (the
root is the last word of an n-gram, its children the word before it), little-endian:

    "Trie Language Model" (19 bytes), u8 order (3), u32 count[order]
    i32 (1), f32 codebooks: bigram prob[65536], bigram backoff[65536], trigram prob[65536]
    unigrams: (count[0] + 1) x {f32 prob, f32 backoff, u32 first bigram}; the last is a sentinel
    bigram records: count[1] + 1 records of 17 + 32 + 21 bits, bit-packed from the low bit of each
        byte on (word = the previous word, then backoff code (16), prob code (16), first trigram);
        then padding to a byte and 8 bytes
    trigram records: count[2] + 1 records of 17 + 16 bits (word = the first word, prob code)
    u32 n, then n bytes of NUL-terminated words in id order (which is byte order)

Field widths are the bits needed for the largest value (unigram count for words, trigram count for
pointers); the children of an entry are the records from its pointer to the next entry's pointer,
sorted by word id. Values are log base 1.0001 (x log10(1.0001) gives log10); n-gram values are
codes into the codebooks (quantised to 65,536 levels an order), unigram values are plain floats.
Where a trigram's bigram suffix was missing, the builder inserted that bigram with the backed-off
probability and no backoff, so scores are unchanged by it.

Compact export (`--export`), little-endian, each section below padded with zeros to a multiple of
4 bytes; ids are the rank of a word in the sorted word list (the model's own ids):

    b"UNSPINLM", u32 version (1), u32 order (3), u32 V, u32 n2, u32 n3, u32 word bytes B
    u32 word_start[V + 1], then the B bytes of the words (UTF-8, sorted, not separated), padding
    f32 codebooks in log10: bigram prob[65536], bigram backoff[65536], trigram prob[65536]
    unigrams: f32 log10 prob[V], f32 log10 backoff[V], u32 first_bigram[V + 1]
    bigrams sorted by (w2, w1): u32 w1[n2], u16 prob code[n2], u16 backoff code[n2],
        u32 first_trigram[n2 + 1]      (bigram "w1 w2" lies in first_bigram[w2]..first_bigram[w2+1])
    trigrams sorted by (w3, w2, w1): u32 w1[n3], u16 prob code[n3]
                                       (trigram "w1 w2 w3" lies under bigram "w2 w3")

Scoring (`Model.log10_prob`, `Model.score`) is the usual back-off: P(w | u v) is the trigram if
present, else backoff(u v) + P(w | v); P(w | v) is the bigram, else backoff(v) + P(w). A word the
model lacks gets UNKNOWN_LOG10 and breaks the context.

Measured on Debian's pocketsphinx-en-us 0.8+5prealpha+1-15 (27,114,385 bytes; `--check`):
* 1-grams 72,547; 2-grams 2,051,541 (the header says 2,051,547: the builder over-counted, and the
  6 records past the last unigram's range are empty); 3-grams 1,669,625. 1,966,416 of the bigrams
  are pairs of alphabetic words; dictionaries/pairs.bloom, made with pocketsphinx's own ARPA
  writer, holds all but 25 of them, as many as that writer loses when it crashes (1,966,391).
* Unigram probabilities sum to 0.999999 (<s> has log10 -99, as in ARPA, and is left out). The
  back-off distributions P(. | h) sum to 1 within the quantisation: 0.999204 to 1.000092 for
  h = -, the, of, <s>, "of the", "the united", "<s> the".
* log10 P: of the -0.699 (P(the | of)), in the -0.597, the united states -2.351 then -0.053,
  one of the -0.832 then -0.306, but the of -3.747.
* The export (37,130,000 bytes) reads back identical. The ARPA text (108,686,049 bytes; values with
  9 significant digits, n-grams in trie order) parses back within 5e-9 of every value, and each
  n-gram value's nearest codebook level is its own. The codebooks are only nearly sorted (the
  builder's comparator truncated differences to whole units): 414, 1,908 and 1,770 levels are
  out of order. About a minute for everything, 10 s for reading alone.
"""

import argparse
import array
import bisect
import math
import os
import struct
import sys

DEFAULT_LM = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
MAGIC = b"Trie Language Model"
EXPORT_MAGIC = b"UNSPINLM"
EXPORT_VERSION = 1
LOG10_UNIT = math.log10(1.0001)
CODES = 1 << 16
UNKNOWN_LOG10 = -8.0
SENTENCE_START, SENTENCE_END = "<s>", "</s>"


def unpack_records(mem, start, count, total_bits, widths):
    """Columns of `count` records of `total_bits` bits packed from bit 0 of mem[start:]; each record
    holds fields of the given widths, the first in its lowest bits."""
    columns = [array.array("I", bytes(4 * count)) for _ in widths]
    shifts = []
    at = 0
    for width in widths:
        shifts.append((at, (1 << width) - 1))
        at += width
    span = (total_bits + 14) // 8  # a record and the up to 7 bits before it in its first byte
    from_bytes = int.from_bytes
    bit = start * 8
    for i in range(count):
        record = from_bytes(mem[bit >> 3:(bit >> 3) + span], "little") >> (bit & 7)
        for column, (shift, mask) in zip(columns, shifts):
            column[i] = (record >> shift) & mask
        bit += total_bits
    return columns


MODEL_ARRAYS = ("words", "uni_prob", "uni_bo", "first_bigram", "bi_word", "bi_prob", "bi_bo",
                "first_trigram", "tri_word", "tri_prob", "bi_prob_book", "bi_bo_book",
                "tri_prob_book")


class Model:
    """A back-off trigram model in the layout of the compact export (reverse trie, log10 values)."""

    def __init__(self, words, uni_prob, uni_bo, first_bigram, bi_word, bi_prob, bi_bo,
                 first_trigram, tri_word, tri_prob, codebooks):
        self.words = words
        self.ids = {w: i for i, w in enumerate(words)}
        self.uni_prob, self.uni_bo, self.first_bigram = uni_prob, uni_bo, first_bigram
        self.bi_word, self.bi_prob, self.bi_bo = bi_word, bi_prob, bi_bo
        self.first_trigram, self.tri_word, self.tri_prob = first_trigram, tri_word, tri_prob
        self.bi_prob_book, self.bi_bo_book, self.tri_prob_book = codebooks

    @property
    def counts(self):
        return len(self.words), len(self.bi_word), len(self.tri_word)

    def bigram(self, w1, w2):
        """Index of bigram "w1 w2" (word ids), or -1."""
        lo, hi = self.first_bigram[w2], self.first_bigram[w2 + 1]
        i = bisect.bisect_left(self.bi_word, w1, lo, hi)
        return i if i < hi and self.bi_word[i] == w1 else -1

    def trigram(self, w1, w2, w3):
        """Index of trigram "w1 w2 w3" (word ids), or -1."""
        b = self.bigram(w2, w3)
        if b < 0:
            return -1
        lo, hi = self.first_trigram[b], self.first_trigram[b + 1]
        i = bisect.bisect_left(self.tri_word, w1, lo, hi)
        return i if i < hi and self.tri_word[i] == w1 else -1

    def bigram_values(self, i):
        return self.bi_prob_book[self.bi_prob[i]], self.bi_bo_book[self.bi_bo[i]]

    def trigram_prob(self, i):
        return self.tri_prob_book[self.tri_prob[i]]

    def log10_prob(self, word, history=()):
        """log10 P(word | history) with back-off; ids, history oldest first, at most 2 used."""
        history = tuple(history)[-2:]
        if len(history) == 2:
            t = self.trigram(history[0], history[1], word)
            if t >= 0:
                return self.trigram_prob(t)
            b = self.bigram(history[0], history[1])
            backoff = self.bigram_values(b)[1] if b >= 0 else 0.0
            return backoff + self.log10_prob(word, history[1:])
        if len(history) == 1:
            b = self.bigram(history[0], word)
            if b >= 0:
                return self.bigram_values(b)[0]
            return self.uni_bo[history[0]] + self.uni_prob[word]
        return self.uni_prob[word]

    def score(self, tokens, order=3):
        """log10 probability of a token sequence (lowercase words; "<s>" and "</s>" allowed), each
        token conditioned on up to order - 1 tokens before it. The first token is scored as a
        unigram unless it is "<s>", which is context only."""
        total = 0.0
        history = []
        for n, token in enumerate(tokens):
            word = self.ids.get(token)
            if word is None:
                total += UNKNOWN_LOG10
                history = []
                continue
            if not (n == 0 and token == SENTENCE_START):
                total += self.log10_prob(word, history[max(0, len(history) - order + 1):])
            history.append(word)
        return total


def read_trie(path):
    """The model of a pocketsphinx trie binary, values converted to log10."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:len(MAGIC)] != MAGIC:
        sys.exit(f"{path}: not a pocketsphinx trie model (no {MAGIC!r} header)")
    at = len(MAGIC)
    order = data[at]
    at += 1
    if order != 3:
        sys.exit(f"{path}: order {order}; this reader handles trigram models only")
    v, n2, n3 = struct.unpack_from("<3I", data, at)
    at += 12 + 4  # the i32 after the counts is a vestigial quantiser type
    books = array.array("f")
    books.frombytes(data[at:at + 3 * CODES * 4])
    at += 3 * CODES * 4
    books = array.array("f", (x * LOG10_UNIT for x in books))
    codebooks = (books[:CODES], books[CODES:2 * CODES], books[2 * CODES:])

    unigrams = list(struct.iter_unpack("<ffI", data[at:at + 12 * (v + 1)]))
    at += 12 * (v + 1)
    uni_prob = array.array("f", (u[0] * LOG10_UNIT for u in unigrams[:v]))
    uni_bo = array.array("f", (u[1] * LOG10_UNIT for u in unigrams[:v]))
    uni_next = array.array("I", (u[2] for u in unigrams))

    word_bits, next_bits = v.bit_length(), n3.bit_length()
    bi_bits, tri_bits = word_bits + 32 + next_bits, word_bits + 16
    bi_bytes = ((n2 + 1) * bi_bits + 7) // 8 + 8
    tri_bytes = ((n3 + 1) * tri_bits + 7) // 8 + 8
    bi_word, bi_bo, bi_prob, bi_next = unpack_records(
        data, at, n2 + 1, bi_bits, (word_bits, 16, 16, next_bits))
    at += bi_bytes
    tri_word, tri_prob = unpack_records(data, at, n3 + 1, tri_bits, (word_bits, 16))
    at += tri_bytes
    (size,) = struct.unpack_from("<I", data, at)
    at += 4
    words = [w.decode("utf-8") for w in data[at:at + size].split(b"\0")[:-1]]
    if len(words) != v or at + size != len(data):
        sys.exit(f"{path}: {len(words)} words for {v} unigrams, or trailing bytes; layout not understood")
    if words != sorted(words):
        sys.exit(f"{path}: the word list is not sorted; the export's ids would not be ranks")

    # Records past the last unigram's range (and their children) are unreachable: drop them.
    n2_used = uni_next[v]
    n3_used = bi_next[n2_used]
    bi_next = bi_next[:n2_used + 1]
    return Model(words, uni_prob, uni_bo, uni_next,
                 bi_word[:n2_used], array.array("H", bi_prob[:n2_used]),
                 array.array("H", bi_bo[:n2_used]), bi_next,
                 tri_word[:n3_used], array.array("H", tri_prob[:n3_used]), codebooks), (v, n2, n3)


def export_sections(model):
    """The compact export's header and sections, in file order (see the module docstring)."""
    v, n2, n3 = model.counts
    encoded = [w.encode("utf-8") for w in model.words]
    starts = array.array("I", [0])
    for w in encoded:
        starts.append(starts[-1] + len(w))
    return [
        EXPORT_MAGIC + struct.pack("<6I", EXPORT_VERSION, 3, v, n2, n3, starts[-1]),
        starts, b"".join(encoded),
        model.bi_prob_book, model.bi_bo_book, model.tri_prob_book,
        model.uni_prob, model.uni_bo, model.first_bigram,
        model.bi_word, model.bi_prob, model.bi_bo, model.first_trigram,
        model.tri_word, model.tri_prob,
    ]


def write_export(model, path):
    with open(path, "wb") as f:
        for section in export_sections(model):
            raw = section if isinstance(section, bytes) else section.tobytes()
            f.write(raw + bytes(-len(raw) % 4))
        return f.tell()


def read_export(path):
    """The model of a compact export, as `write_export` wrote it."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != EXPORT_MAGIC:
        sys.exit(f"{path}: not an unspin LM export")
    version, order, v, n2, n3, size = struct.unpack_from("<6I", data, 8)
    if (version, order) != (EXPORT_VERSION, 3):
        sys.exit(f"{path}: export version {version}, order {order}; expected {EXPORT_VERSION}, 3")
    at = 32

    def take(code, n):
        nonlocal at
        a = array.array(code)
        a.frombytes(data[at:at + n * a.itemsize])
        at += n * a.itemsize
        at += -at % 4
        return a

    starts = take("I", v + 1)
    blob = data[at:at + size]
    at += size + (-size % 4)
    words = [blob[starts[i]:starts[i + 1]].decode("utf-8") for i in range(v)]
    books = tuple(take("f", CODES) for _ in range(3))
    uni_prob, uni_bo = take("f", v), take("f", v)
    first_bigram = take("I", v + 1)
    bi_word, bi_prob, bi_bo, first_trigram = take("I", n2), take("H", n2), take("H", n2), take("I", n2 + 1)
    tri_word, tri_prob = take("I", n3), take("H", n3)
    if at != len(data):
        sys.exit(f"{path}: {len(data) - at} bytes left over; export layout mismatch")
    return Model(words, uni_prob, uni_bo, first_bigram, bi_word, bi_prob, bi_bo,
                 first_trigram, tri_word, tri_prob, books)


def ngrams(model):
    """Every n-gram as (order, word ids oldest first, log10 prob, log10 backoff or None), in trie
    order (unigrams by id, then grouped by last word)."""
    v, _, _ = model.counts
    for w in range(v):
        yield 1, (w,), model.uni_prob[w], model.uni_bo[w]
    for w2 in range(v):
        for b in range(model.first_bigram[w2], model.first_bigram[w2 + 1]):
            yield (2, (model.bi_word[b], w2)) + model.bigram_values(b)
    for w3 in range(v):
        for b in range(model.first_bigram[w3], model.first_bigram[w3 + 1]):
            w2 = model.bi_word[b]
            for t in range(model.first_trigram[b], model.first_trigram[b + 1]):
                yield 3, (model.tri_word[t], w2, w3), model.trigram_prob(t), None


def write_arpa(model, path):
    words = model.words
    with open(path, "w", encoding="utf-8") as f:
        f.write("\\data\\\n")
        for n, count in enumerate(model.counts, 1):
            f.write(f"ngram {n}={count}\n")
        section = 0
        for n, ids, prob, bo in ngrams(model):
            if n != section:
                section = n
                f.write(f"\n\\{n}-grams:\n")
            text = " ".join(words[i] for i in ids)
            f.write(f"{prob:.9g}\t{text}\t{bo:.9g}\n" if bo is not None else f"{prob:.9g}\t{text}\n")
        f.write("\n\\end\\\n")


def check_arpa(model, path):
    """Parse the ARPA file back and compare every value with the model's: (lines, largest absolute
    difference, values whose nearest codebook level is not the model's own)."""
    expected = ngrams(model)
    ids = model.ids
    lines = worst = moved = 0
    # The builder sorted each codebook with a comparator that truncates differences to whole
    # log-1.0001 units, so the levels are only nearly in order: search sorted copies.
    books = {2: (sorted(model.bi_prob_book), sorted(model.bi_bo_book)),
             3: (sorted(model.tri_prob_book), None)}
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2 or not fields[0][:1] in "-0123456789":
                continue
            n, want_ids, want_prob, want_bo = next(expected)
            got_ids = tuple(ids[w] for w in fields[1].split(" "))
            if got_ids != want_ids:
                sys.exit(f"{path}: line {lines + 1} has {fields[1]!r}, expected ids {want_ids}")
            pairs = [(float(fields[0]), want_prob, 0)]
            if want_bo is not None:
                pairs.append((float(fields[2]), want_bo, 1))
            for got, want, kind in pairs:
                worst = max(worst, abs(got - want))
                book = books.get(n, (None, None))[kind]
                if book is not None and nearest(book, got) != want:
                    moved += 1
            lines += 1
    return lines, worst, moved


def nearest(book, value):
    i = bisect.bisect_left(book, value)
    candidates = [book[j] for j in (i - 1, i) if 0 <= j < len(book)]
    return min(candidates, key=lambda c: abs(c - value))


def same_model(a, b):
    return all(getattr(a, name) == getattr(b, name) for name in MODEL_ARRAYS)


def context_mass(model, history):
    """Sum over every word w (but <s>) of P(w | history): 1 for a consistent back-off model."""
    ids = [model.ids[w] for w in history]
    start = model.ids[SENTENCE_START]
    return math.fsum(10 ** model.log10_prob(w, ids) for w in range(len(model.words)) if w != start)


SPOT_CHECKS = [
    "of the", "in the", "the united states", "one of the", "united states of", "the of",
    "states the united", "<s> the", "the </s>",
]
CONTEXTS = [(), ("the",), ("of",), ("<s>",), ("of", "the"), ("the", "united"), ("<s>", "the")]


def run_checks(model, header_counts):
    v, n2, n3 = model.counts
    print(f"header counts: {header_counts[0]:,} / {header_counts[1]:,} / {header_counts[2]:,}")
    print(f"reachable:     1-grams {v:,}  2-grams {n2:,}  3-grams {n3:,}")
    start = model.ids[SENTENCE_START]
    mass = math.fsum(10 ** p for w, p in enumerate(model.uni_prob) if w != start)
    print(f"sum of unigram probabilities without <s>: {mass:.6f} "
          f"(<s> log10 {model.uni_prob[start]:.2f})")
    for history in CONTEXTS:
        print(f"sum over w of P(w | {' '.join(history) or '-'}): {context_mass(model, history):.6f}")
    print("spot checks (log10, per word after the first, trigram order):")
    for phrase in SPOT_CHECKS:
        tokens = phrase.split()
        total = model.score(tokens)
        first = model.score(tokens[:1])
        print(f"  {phrase!r:24} {total - first:8.3f}  per-word: " + ", ".join(
            f"{model.log10_prob(model.ids[w], [model.ids[h] for h in tokens[max(0, i - 2):i]]):.3f}"
            for i, w in enumerate(tokens) if i > 0))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lm", default=DEFAULT_LM, help="pocketsphinx trie binary")
    parser.add_argument("--check", action="store_true", help="print counts and sanity checks")
    parser.add_argument("--export", metavar="OUT", help="write the compact binary and read it back")
    parser.add_argument("--arpa", metavar="OUT", help="write ARPA text and parse it back")
    args = parser.parse_args(argv)
    model, header_counts = read_trie(args.lm)
    if args.check:
        run_checks(model, header_counts)
    if args.export:
        size = write_export(model, args.export)
        ok = same_model(model, read_export(args.export))
        print(f"export {args.export}: {size:,} bytes; read back {'identical' if ok else 'DIFFERENT'}")
        if not ok:
            sys.exit(1)
    if args.arpa:
        write_arpa(model, args.arpa)
        lines, worst, moved = check_arpa(model, args.arpa)
        print(f"ARPA {args.arpa}: {os.path.getsize(args.arpa):,} bytes, {lines:,} n-grams read back, "
              f"largest difference {worst:.2e} log10, {moved} values nearer another codebook level")


if __name__ == "__main__":
    main()
