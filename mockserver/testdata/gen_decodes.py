#!/usr/bin/env python3
"""Writes what one of Python's algorithmic text codecs decodes bodies to, one body a line.

Each line is {"body": hex, "text": hex or null}: "text" is the decoded text encoded in UTF-8
with surrogates passed through (the form akmock's decoders return), null where bytes.decode
raises UnicodeDecodeError. The bodies are seeded random byte strings drawn mostly from the bytes
the codec gives a meaning, and the codec's encodings of random texts (astral characters and
lone surrogates among them), whole and cut short. Run it with Python 3.13, authentik 2025.6's:

    for codec in utf-7 raw_unicode_escape; do
        ~/.pyenv/versions/3.13.0/bin/python3 mockserver/testdata/gen_decodes.py $codec \\
            > mockserver/testdata/decodes-$codec.jsonl
    done
"""

import json
import random
import sys

BASE64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
HEX = b"0123456789abcdefABCDEFgG"
CHARS = ["a", "+", "-", " ", "\\", "é", "€", "😀", "\ud800", "\udc00", "\udbff", "\udfff", "\u0000", "~"]

# Per codec: the bytes random bodies are drawn from, and bodies that pin its edge cases.
CODECS = {
    "utf-7": (
        list(BASE64) + [ord("+")] * 12 + [ord("-")] * 10 + list(b' "{}:,.!\\~\x00\x7f') + [0x80, 0xC3, 0xFF],
        [b"", b"+", b"+-", b"-", b"+AOk-", b"+AOk", b"+2AA-", b"+2ADcAA-", b"+2AA.", b"+2AA+AGE-", b"+2AA\x80",
         b"+A-", b"+A", b"+AOkA-", b"+AOkB-", b"+AOkAAAA-"],
    ),
    "raw_unicode_escape": (
        list(HEX) * 3 + [ord("\\")] * 16 + [ord("u")] * 6 + [ord("U")] * 4 + list(b' "{}x0') + [0x80, 0xE9, 0xFF],
        [b"", b"\\", b"a\\", b"\\\\", b"\\u", b"\\u00e9", b"\\\\u00e9", b"\\\\\\u00e9", b"\\u00E9", b"\\u00g9",
         b"\\U0010FFFF", b"\\U00110000", b"\\UFFFFFFFF", b"\\ud83d\\ude00", b"\\x41", b"\\\xe9", b"\xe9"],
    ),
}


def row(codec, body):
    try:
        text = body.decode(codec).encode("utf-8", "surrogatepass").hex()
    except UnicodeDecodeError:
        text = None
    return json.dumps({"body": body.hex(), "text": text})


def main(codec):
    alphabet, bodies = CODECS[codec]
    rng = random.Random(7)
    bodies = list(bodies)
    for _ in range(1500):
        bodies.append(bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
    for _ in range(700):
        encoded = "".join(rng.choice(CHARS) for _ in range(rng.randint(1, 6))).encode(codec, "surrogatepass" if codec != "utf-7" else "strict")
        bodies.append(encoded)
        bodies.append(encoded[: rng.randint(0, len(encoded))])
    seen = set()
    for body in bodies:
        if body not in seen:
            seen.add(body)
            print(row(codec, body))


main(sys.argv[1])
