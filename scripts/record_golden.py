#!/usr/bin/python3
"""Record golden responses from the reference oracle (../shared/oracle) for akmock's tests.

    scripts/record_golden.py BASE CORPUS OUT [--fixture NAME]

BASE is a running oracle (serve.sh FIXTURE PORT), freshly started on the fixture the goldens are
for, since write corpora change its data. CORPUS is JSON lines from the oracle's corpus.py or
corpus_writes.py. OUT gets one JSON line per request, in order:
{"request": {"method", "path", "headers", "body"?, "content_type"?}, "response": {"status",
"content_type", "body"}} with the body exactly as received. Recorded responses are facts: akmock's
tests replay them and never rewrite them. Standard library only.
"""
import argparse
import json
import urllib.error
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(base, req):
    body = req.get("body")
    path = urllib.parse.quote(req["path"], safe="".join(chr(c) for c in range(33, 127)))
    r = urllib.request.Request(base.rstrip("/") + path, method=req["method"], headers=req.get("headers", {}),
                               data=body.encode() if body is not None else None)
    if body is not None:
        r.add_header("Content-Type", req.get("content_type", "application/json"))
    try:
        with OPENER.open(r, timeout=120) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base")
    ap.add_argument("corpus")
    ap.add_argument("out")
    a = ap.parse_args()
    n = 0
    with open(a.corpus, encoding="utf-8") as src, open(a.out, "w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            req = json.loads(line)
            req.pop("kind", None)
            status, ctype, body = fetch(a.base, req)
            rec = {"request": req, "response": {"status": status, "content_type": ctype,
                                                "body": body.decode("utf-8", "replace")}}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(f"recorded {n} responses into {a.out}")


if __name__ == "__main__":
    main()
