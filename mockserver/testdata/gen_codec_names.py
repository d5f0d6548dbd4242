#!/usr/bin/env python3
"""Writes mockserver/testdata/codec-names.json: the codec codecs.lookup finds for a charset name.

Django takes a Content-Type's charset as a request's encoding when codecs.lookup finds a codec
for it. This script asks Python which codec that is, for every alias in encodings.aliases and
every module name of the encodings package, each also spelt in a few other ways (upper case,
'-' or '.' for '_', leading and trailing punctuation). The file is one JSON object, a name a
line: the name, and the module of the encodings package its codec comes from ("latin_1",
"cp1252", "big5", …), or null where codecs.lookup raises LookupError. Run it with Python 3.13,
authentik 2025.6's:

    ~/.pyenv/versions/3.13.0/bin/python3 mockserver/testdata/gen_codec_names.py \\
        > mockserver/testdata/codec-names.json
"""

import codecs
import encodings
import encodings.aliases
import json
import pkgutil
import sys


def names():
    """Every alias and module name, and the other spellings of each."""
    base = set(encodings.aliases.aliases) | {m.name for m in pkgutil.iter_modules(encodings.__path__)}
    out = set()
    for name in base:
        out |= {
            name,
            name.upper(),
            name.replace("_", "-"),
            name.replace("_", "."),
            "-" + name + " ",
            " " + name.upper().replace("_", " ") + ":",
        }
    return sorted(out)


def module(name):
    """The encodings module whose codec codecs.lookup(name) finds, or None."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # The codec's classes are defined in its module; its decode function may be a built-in
    # (latin_1's is codecs.latin_1_decode), so it is not asked first.
    for obj in (info.incrementaldecoder, info.streamreader, info.decode):
        where = getattr(obj, "__module__", None) or ""
        if where.startswith("encodings."):
            return where[len("encodings."):]
    raise AssertionError("no module for %r: %r" % (name, info))


def main():
    rows = ["%s: %s" % (json.dumps(n), json.dumps(module(n))) for n in names()]
    sys.stdout.write("{\n" + ",\n".join(rows) + "\n}\n")


if __name__ == "__main__":
    main()
