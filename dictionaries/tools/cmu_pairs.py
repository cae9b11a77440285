#!/usr/bin/env python3
"""Build dictionaries/pairs.bloom: the word pairs of the CMU Sphinx US English language model, as a
Bloom filter that the decoder asks "is this pair ordinary English?".

Usage (from the repository root):

    apt-get install pocketsphinx-en-us          # /usr/share/pocketsphinx/model/en-us/en-us.lm.bin
    python3 -m venv /tmp/ps && /tmp/ps/bin/pip install pocketsphinx==5.1.1
    /tmp/ps/bin/python dictionaries/tools/cmu_pairs.py [LM_BIN] > dictionaries/pairs.bloom

Extraction: pocketsphinx's NGramModel writes the model as ARPA text; its unigram and bigram
sections come out whole (it crashes in the trigram section on this model, which is therefore not
used, and loses the last few dozen bigrams). Pairs whose words are both alphabetic (apostrophes
allowed, then dropped, as the decoder's tokens drop them) are kept, lowercased.

File layout (little-endian): b"UNSPINBLOOM2", u64 block count n, u32 hash count k, then n blocks of
64 bytes (bit b of a block is byte b/8, mask 1 << (b % 8)). A word's hash is `word_hash` of
src/decoder/counts.rs (murmur3's finaliser over its UTF-8 bytes, eight at a time); pair "w1 w2"
hashes to h = mix(rotl(word_hash(w1), 32) ^ word_hash(w2)), goes to block ((h >> 32) * n) >> 32
and sets bits (g >> 9i) & 511 of it for i in 0..k, where g = mix(h). One block is one cache line,
so a look-up reads one line. With 16 bits a pair and k = 7, about 0.1 % of unknown pairs test as
present (the script prints the rate it measures).
"""
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

BITS_PER_PAIR = 16
HASHES = 7
BLOCK_BITS = 512
MASK = (1 << 64) - 1
WORD = re.compile(r"^[a-z][a-z']*$")


def mix(h):
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & MASK
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & MASK
    return h ^ (h >> 33)


def word_hash(data):
    h = mix(len(data))
    whole = len(data) // 8 * 8
    for at in range(0, whole, 8):
        h = mix(h ^ int.from_bytes(data[at:at + 8], "little"))
    return mix(h ^ int.from_bytes(data[whole:], "little"))


def pair_hash(first, second):
    a = word_hash(first.encode())
    return mix((((a << 32) | (a >> 32)) & MASK) ^ word_hash(second.encode()))


def positions(h, blocks):
    g = mix(h)
    block = ((h >> 32) * blocks) >> 32
    return block, [(g >> (9 * i)) & (BLOCK_BITS - 1) for i in range(HASHES)]


def arpa_bigrams(lm_bin):
    with tempfile.TemporaryDirectory() as tmp:
        arpa = os.path.join(tmp, "lm.arpa")
        # The writer crashes in the trigram section; run it in a child and keep what it wrote.
        code = (
            "from pocketsphinx import Config, LogMath, NGramModel\n"
            f"NGramModel(Config(), LogMath(), {lm_bin!r}).write({arpa!r}, NGramModel.str_to_type('arpa'))\n"
        )
        subprocess.run([sys.executable, "-c", code], check=False)
        section = None
        with open(arpa, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("\\"):
                    section = line.strip()
                    continue
                if section != "\\2-grams:":
                    continue
                fields = line.split()
                if len(fields) >= 3:
                    yield fields[1].lower(), fields[2].lower()


def main():
    lm_bin = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
    pairs = sorted({
        f"{a.replace(chr(39), '')} {b.replace(chr(39), '')}"
        for a, b in arpa_bigrams(lm_bin)
        if WORD.match(a) and WORD.match(b)
    })
    blocks = (len(pairs) * BITS_PER_PAIR + BLOCK_BITS - 1) // BLOCK_BITS
    bits = bytearray(blocks * BLOCK_BITS // 8)

    def contains(first, second):
        block, offsets = positions(pair_hash(first, second), blocks)
        return all(bits[block * 64 + (o >> 3)] & (1 << (o & 7)) for o in offsets)

    for pair in pairs:
        block, offsets = positions(pair_hash(*pair.split(" ")), blocks)
        for o in offsets:
            bits[block * 64 + (o >> 3)] |= 1 << (o & 7)
    # False positives, measured on pairs of the model's own words that it lacks.
    known = set(pairs)
    vocabulary = sorted({w for pair in pairs for w in pair.split(" ")})
    rng = random.Random(1)
    tried = hits = 0
    for _ in range(200_000):
        first, second = rng.choice(vocabulary), rng.choice(vocabulary)
        if f"{first} {second}" not in known:
            tried += 1
            hits += contains(first, second)
    out = sys.stdout.buffer
    out.write(b"UNSPINBLOOM2" + struct.pack("<QI", blocks, HASHES) + bytes(bits))
    print(
        f"{len(pairs)} pairs, {blocks} blocks, {HASHES} hashes, "
        f"{hits / tried:.2%} false positives on {tried} absent pairs",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
