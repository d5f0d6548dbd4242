#!/usr/bin/env python3
"""Writes mockserver/testdata/utf7.jsonl: what Python's "utf-7" codec decodes bodies to.

Each line is one body: {"body": hex, "text": hex or null}. "text" is the decoded text encoded
in UTF-8 with surrogates passed through (the form akmock's decodeUTF7 returns), null where
bytes.decode("utf-7") raises UnicodeDecodeError. The bodies are seeded random byte strings
drawn mostly from the bytes UTF-7 gives a meaning ('+', '-', base64, ASCII, a few over 0x7F),
and the UTF-7 encodings of random texts (astral characters and lone surrogates among them),
whole and cut short. Run it with Python 3.13, authentik 2025.6's:

    ~/.pyenv/versions/3.13.0/bin/python3 mockserver/testdata/gen_utf7.py > mockserver/testdata/utf7.jsonl
"""

import json
import random

BASE64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
BYTES = list(BASE64) + [ord("+")] * 12 + [ord("-")] * 10 + list(b' "{}:,.!\\~\x00\x7f') + [0x80, 0xC3, 0xFF]
CHARS = ["a", "+", "-", " ", "é", "€", "😀", "\ud800", "\udc00", "\udbff", "\udfff", "\u0000", "~", "\\"]


def row(body):
    try:
        text = body.decode("utf-7").encode("utf-8", "surrogatepass").hex()
    except UnicodeDecodeError:
        text = None
    return json.dumps({"body": body.hex(), "text": text})


def main():
    rng = random.Random(7)
    seen = set()
    bodies = [b"", b"+", b"+-", b"-", b"+AOk-", b"+AOk", b"+2AA-", b"+2ADcAA-", b"+2AA.", b"+2AA+AGE-", b"+2AA\x80",
              b"+A-", b"+A", b"+AOkA-", b"+AOkB-", b"+AOkAAAA-"]
    for _ in range(1500):
        bodies.append(bytes(rng.choice(BYTES) for _ in range(rng.randint(1, 12))))
    for _ in range(700):
        encoded = "".join(rng.choice(CHARS) for _ in range(rng.randint(1, 6))).encode("utf-7")
        bodies.append(encoded)
        bodies.append(encoded[: rng.randint(0, len(encoded))])
    for body in bodies:
        if body not in seen:
            seen.add(body)
            print(row(body))


main()
