#!/usr/bin/env python3
"""Writes pairs of texts and the sign of glibc's strcoll for them under en_US.UTF-8 (called
through ctypes on UTF-8 bytes, as PostgreSQL calls it), one JSON array a line: [a, b, sign].

The texts are seeded random strings of a few kinds: names in authentik's style (letters, digits,
spaces, punctuation, accents), identifier-like ASCII, and mixes of every script and kind of
character the collation treats apart: <SPECIAL> characters (backward at level 2) in runs,
characters ignored at levels 1-3, contractions, expansions, characters not in the table (Hangul
syllables, private use, unassigned), combining marks. Half the pairs are a text and a small
change of it, so that ties at level 1 are decided at levels 2-4. Before them come a few fixed
pairs for what random short texts never reach: level-4 positions past 253 and 65,535 (runs of
CJK ideographs, which weigh nothing at level 4), and the contractions that begin with a shorter
contraction (Kannada, Sinhala). Run it where the en_US.UTF-8 locale is installed, from this
directory:

    python3 gen_pairs.py 1 20000 | gzip -9n > en_US-pairs.jsonl.gz
"""

import ctypes
import json
import random
import sys

libc = ctypes.CDLL("libc.so.6")
libc.setlocale.restype = ctypes.c_char_p
libc.strcoll.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
if not libc.setlocale(3, b"en_US.UTF-8"):  # LC_COLLATE
    sys.exit("the en_US.UTF-8 locale is not installed")


def span(a, b):
    return list(range(a, b + 1))


POOLS = {
    "letters": [ord(c) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"],
    "digits": span(0x30, 0x39),
    "punct": [ord(c) for c in " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"],
    "latin": span(0xA0, 0x24F) + span(0x1E00, 0x1EFF),
    "combining": span(0x300, 0x36F) + span(0x20D0, 0x20FF),
    "greek_cyrillic": span(0x370, 0x3FF) + span(0x400, 0x52F),
    "cjk": span(0x4E00, 0x4EFF) + span(0x3400, 0x34FF) + span(0x3040, 0x30FF) + span(0xAC00, 0xAD00)
    + span(0x1100, 0x11FF) + span(0x3000, 0x303F),
    "thai_lao": span(0xE00, 0xEFF),
    "arabic_hebrew": span(0x590, 0x6FF),
    "indic_tibetan": span(0x900, 0x9FF) + span(0xF00, 0xFFF),
    "symbols": span(0x2000, 0x206F) + span(0x2190, 0x21FF) + span(0x2600, 0x26FF) + span(0x1F300, 0x1F6FF),
    "unlisted": span(0xE000, 0xE0FF) + span(0xF0000, 0xF00FF) + [0x378, 0x5FF, 0x10FFFD, 0xE0080],
    "control": span(1, 0x1F) + span(0x7F, 0x9F) + [0x200B, 0x200C, 0x200D, 0xAD, 0xFEFF, 0xFFFD],
}
CONTRACTIONS = ["l\u00b7", "L\u00b7", "\u0438\u0306", "\u0418\u0306", "\u0627\u0653", "\u0627\u0654",
                "\u0e40\u0e01", "\u0e42\u0e14", "\u0ec0\u0e81", "\u0fb2\u0f71\u0f80", "\u0f71\u0f72",
                "\u0cc6\u0cc2\u0cd5", "\u0cc6\u0cc2", "\u0dd9\u0dcf\u0dca", "\u0dd9\u0dcf"]
NAME_WORDS = ["default", "authentication", "login", "Login", "source", "user", "stage", "flow", "Écran",
              "naïve", "straße", "Ærø", "co-op", "coop", "co_op", "v1.2", "v10", "v2", "Zoë", "zoe"]


def draw(kinds):
    if random.random() < 0.04:
        return random.choice(CONTRACTIONS)
    return chr(random.choice(POOLS[random.choice(kinds)]))


def text():
    r = random.random()
    if r < 0.3:  # a name in authentik's style
        words = random.sample(NAME_WORDS, random.randint(1, 3))
        sep = random.choice([" ", "-", "_", ".", "", " - "])
        return sep.join(w if random.random() < 0.7 else w.upper() for w in words)
    if r < 0.5:  # identifier-like ASCII
        kinds = ["letters", "letters", "digits", "punct"]
    elif r < 0.75:
        kinds = random.sample(list(POOLS), 2) + ["punct"]
    else:
        kinds = list(POOLS)
    return "".join(draw(kinds) for _ in range(random.randint(1, 10)))


def change(s):
    s = list(s)
    r = random.random()
    any_kind = list(POOLS)
    if r < 0.25 and s:
        s[random.randrange(len(s))] = draw(any_kind)
    elif r < 0.5:
        s.insert(random.randint(0, len(s)), draw(["punct", "punct", "digits", "combining", "control", "unlisted"]))
    elif r < 0.6 and s:
        del s[random.randrange(len(s))]
    elif r < 0.75:
        s = [c.swapcase() if random.random() < 0.5 else c for c in s]
    elif r < 0.9 and len(s) > 1:
        i = random.randrange(len(s) - 1)
        s[i], s[i + 1] = s[i + 1], s[i]
    else:
        s += list(text()[:3])
    return "".join(s)


def fixed_pairs():
    han = "\u4e00"
    for total, ns in ((600, range(251, 258)), (70000, range(65533, 65539))):
        for n in ns:
            for mark in ("-", "a", "\u0301"):
                yield han * n + mark + han * (total - n), han * (n + 1) + mark + han * (total - n - 1)
    prefixed = ["\u0cc6\u0cc2\u0cd5", "\u0cc6\u0cc2", "\u0cc6\u0cd5", "\u0cc6\u0cc2\u0cd5\u0cd5", "\u0cc6\u0cc2a", "\u0cc6",
                "\u0cc2\u0cd5", "\u0dd9\u0dcf\u0dca", "\u0dd9\u0dcf", "\u0dd9\u0dca", "\u0dd9\u0dcf\u0dcaa", "\u0dcf\u0dca", "\u0dd9"]
    for a in prefixed:
        for b in prefixed:
            if a != b:
                yield a, b


def main():
    random.seed(int(sys.argv[1]))
    pairs = list(fixed_pairs())
    for _ in range(int(sys.argv[2])):
        a = text()
        pairs.append((a, change(a) if random.random() < 0.5 else text()))
    for a, b in pairs:
        r = libc.strcoll(a.encode(), b.encode())
        print(json.dumps([a, b, (r > 0) - (r < 0)], ensure_ascii=False))


main()
