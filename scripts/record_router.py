#!/usr/bin/python3
"""Record what authentik's Go router sends for the reference oracle's answers, compression included.

    scripts/record_router.py BASE CORPUS OUT

BASE is scripts/routerproxy (authentik's router middleware) in front of a reference oracle freshly
started on the fixture the corpus is for (writes come last in it and change the data). CORPUS is
JSON lines of requests ({"method", "path", "headers", "body"?}). OUT gets one JSON line per
request, in order: {"request": …, "response": {"status", "headers": {name: [values]} for the
headers the router's compression decides (Content-Encoding, Content-Length, Transfer-Encoding,
Vary) and Content-Type, "body_base64": the bytes as sent, still compressed, chunking undone}}.
Recorded responses are facts: akmock's tests replay them (TestRouterGolden) and never rewrite
them. Standard library only; http.client neither asks for nor undoes any compression itself.
"""
import argparse
import base64
import http.client
import json
import urllib.parse

HEADERS = ("Content-Encoding", "Content-Length", "Content-Type", "Transfer-Encoding", "Vary")


def fetch(base, req):
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    body = req.get("body")
    conn.putrequest(req["method"], req["path"], skip_accept_encoding=True)
    for name, value in req.get("headers", {}).items():
        conn.putheader(name, value)
    if body is not None:
        data = body.encode()
        conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
    else:
        conn.endheaders()
    resp = conn.getresponse()
    raw = resp.read()
    headers = {name: resp.msg.get_all(name) for name in HEADERS if resp.msg.get_all(name)}
    conn.close()
    return resp.status, headers, raw


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
            status, headers, raw = fetch(a.base, req)
            rec = {"request": req, "response": {"status": status, "headers": headers,
                                                "body_base64": base64.b64encode(raw).decode()}}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(f"recorded {n} responses into {a.out}")


if __name__ == "__main__":
    main()
