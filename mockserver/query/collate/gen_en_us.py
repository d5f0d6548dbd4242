#!/usr/bin/env python3
"""Writes en_US.tsv.gz, the weights of glibc 2.36's en_US.UTF-8 collation (Debian 12, the base of
the official postgres:16 image), from two sources of fact and no glibc code:

  1. glibc's strxfrm, called through ctypes on UTF-8 bytes as PostgreSQL calls it, for every
     code point alone: its output is "L1 \\x01 L2 \\x01 L3 \\x01 L4", where L4 holds one group
     per element (its position, which is "\\x01" for a lone element, then its weight; "\\x01"
     between groups). A code point whose
     L4 has one group is one element with those four weights; one with a group per UTF-8 byte is
     not in the table and collates a byte at a time (every byte >= 0x80 weighs only "\\x03" at
     level 4).
  2. The locale's source (en_US copies iso14651_t1, which copies iso14651_t1_common, read with
     no ifdef symbol defined): its collating-element lines name the contractions (their weights
     come from strxfrm of the whole sequence), and its order_start lines say which characters
     are in the <SPECIAL> section, whose level 2 is backward.

Each line: the code point(s) in hex ("+" between those of a contraction), "b" for a <SPECIAL>
element or "f", then the four levels' weights in hex (possibly empty), tab-separated. Run it where
the en_US.UTF-8 locale is installed (`locale -a`), from this directory:

    python3 gen_en_us.py | gzip -9n > en_US.tsv.gz
"""

import ctypes
import re
import sys

LOCALES = "/usr/share/i18n/locales/"

libc = ctypes.CDLL("libc.so.6")
libc.setlocale.restype = ctypes.c_char_p
libc.strxfrm.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]
libc.strxfrm.restype = ctypes.c_size_t
LC_COLLATE = 3
if not libc.setlocale(LC_COLLATE, b"en_US.UTF-8"):
    sys.exit("the en_US.UTF-8 locale is not installed")
_buf = ctypes.create_string_buffer(1 << 12)


def strxfrm(b):
    n = libc.strxfrm(_buf, b, len(_buf))
    assert n < len(_buf)
    return _buf.raw[:n]


def levels(x):
    """strxfrm output -> (L1, L2, L3, [L4 group per element])."""
    parts = x.split(b"\x01", 3)
    parts += [b""] * (4 - len(parts))
    l4 = parts[3]
    groups = []
    if l4:
        assert l4[0] == 1, x
        groups = l4[1:].split(b"\x01")
    return parts[0], parts[1], parts[2], groups


def collate_lines(name):
    """The LC_COLLATE lines of a locale source file, `copy` expanded in place."""
    out, inside = [], False
    with open(LOCALES + name, encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            if s == "LC_COLLATE":
                inside = True
            elif s == "END LC_COLLATE":
                inside = False
            elif inside and s.startswith("copy "):
                out += collate_lines(s.split('"')[1])
            elif inside:
                out.append(s)
    return out


def source_facts():
    """The contractions (name -> code points) and the set of <SPECIAL> members (code points and
    contraction names)."""
    contractions, special = {}, set()
    skipping = []  # one entry per open ifdef/ifndef: whether its lines are skipped
    section, prev, ellipsis = None, None, False
    for s in collate_lines("en_US"):
        if not s or s.startswith("%"):
            continue
        tok = s.split()
        if tok[0] in ("ifdef", "ifndef"):
            skipping.append(tok[0] == "ifdef")  # no symbol is defined
            continue
        if tok[0] == "else":
            skipping[-1] = not skipping[-1]
            continue
        if tok[0] == "endif":
            skipping.pop()
            continue
        if any(skipping):
            continue
        if tok[0] == "collating-element":
            contractions[tok[1]] = [int(h, 16) for h in re.findall(r"<U([0-9A-F]+)>", s.split('"')[1])]
        elif tok[0] == "order_start":
            section, prev = s.split(";")[0].split()[-1], None
        elif tok[0] == "order_end":
            section = None
        elif section is not None:
            if tok[0] == "..":
                ellipsis = True
                continue
            m = re.fullmatch(r"<U([0-9A-F]{4,8})>", tok[0])
            if m:
                cp = int(m.group(1), 16)
                members = range(prev + 1, cp + 1) if ellipsis else [cp]
                if section == "<SPECIAL>":
                    special.update(members)
                prev, ellipsis = cp, False
            elif tok[0] in contractions and section == "<SPECIAL>":
                special.add(tok[0])
    return contractions, special


def line(cps, special, x):
    l1, l2, l3, l4 = levels(x)
    return "\t".join(["+".join("%X" % c for c in cps), "b" if special else "f",
                      l1.hex(), l2.hex(), l3.hex(), l4[0].hex() if l4 else ""])


def main():
    contractions, special = source_facts()
    out = []
    for cp in range(1, 0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        b = chr(cp).encode()
        x = strxfrm(b)
        if len(levels(x)[3]) > 1:  # collates a byte at a time: not in the table
            assert levels(x) == (b"", b"", b"", [b"\x03"] * len(b)), hex(cp)
            continue
        out.append(line([cp], cp in special, x))
    for name, cps in contractions.items():
        x = strxfrm("".join(map(chr, cps)).encode())
        assert len(levels(x)[3]) == 1, name
        out.append(line(cps, name in special, x))
    for b in range(0x80, 0x100):  # the byte a time fallback, as the Go side assumes it
        assert levels(strxfrm(bytes([b]))) == (b"", b"", b"", [b"\x03"]), b
    sys.stdout.write("\n".join(out) + "\n")


main()
