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

File layout (little-endian): b"UNSPINBLOOM1", u64 bit count m, u32 hash count k, then m/8 bytes of
bits (bit b is byte b/8, mask 1 << (b % 8)). Pair "w1 w2" (one ASCII space) sets bits
((h1 + i*h2) mod 2^64) mod m for i in 0..k, where h1 = FNV-1a 64 of the UTF-8 bytes and h2 = splitmix64(h1) | 1.
With 10 bits a pair and k = 7, about 0.8 % of unknown pairs test as present.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile

BITS_PER_PAIR = 10
HASHES = 7
MASK = (1 << 64) - 1
WORD = re.compile(r"^[a-z][a-z']*$")


def fnv1a(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & MASK
    return h


def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


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
    m = (len(pairs) * BITS_PER_PAIR + 7) // 8 * 8
    bits = bytearray(m // 8)
    for pair in pairs:
        h1 = fnv1a(pair.encode())
        h2 = splitmix64(h1) | 1
        for i in range(HASHES):
            b = ((h1 + i * h2) & MASK) % m
            bits[b >> 3] |= 1 << (b & 7)
    out = sys.stdout.buffer
    out.write(b"UNSPINBLOOM1" + struct.pack("<QI", m, HASHES) + bytes(bits))
    print(f"{len(pairs)} pairs, {m} bits, {HASHES} hashes", file=sys.stderr)


if __name__ == "__main__":
    main()
