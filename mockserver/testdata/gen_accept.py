#!/usr/bin/env python3
"""Writes accept.jsonl: for each Accept header, the accepted media type DRF's
DefaultContentNegotiation gives authentik's one renderer (application/json), or null when it
refuses (406); drf-orjson-renderer 1.7.x indents its output when that media type mentions
text/html. Run with Debian's Python, Django and DRF (DRF 3.14, whose negotiation code is 3.16's):

    /usr/bin/python3 mockserver/testdata/gen_accept.py

DRF iterates over a Python set of the entries of equal precedence, so where several of them
admit JSON the pick depends on the string hash seed: each header is run under 12 seeds and every
media type seen is kept ("any": the answer is one of them).
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

HEADERS = [
    None, "", "*/*", "application/json", "application/JSON", "APPLICATION/json ; q=0",
    "text/html", "text/*", "application/xml", "application/*", "application", "json", "*/json",
    "*/xml", "application/json;text/html", "application/json; q=0.9; text/html",
    "*/*; x=text/html", "*/*;q=0.8", "application/*;level=1;q=0.5",
    "application/json; indent=4", "application/json;indent=4;q=0.1",
    "text/html, application/json", "application/json, text/html",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "text/html, */*; q=0.01", "application/json; charset=text/html",
    "*/*; q=0.5; text/html=1", "application/json, application/json;text/html",
    "application/json;q=0.9, application/json;x=text/html", "application/json;q=0.5;x=text/html, application/json;q=0.9",
    "text/html;q=1, application/*;q=0.2;x=text/html", " application/json ", ",application/json,",
    "application/json;;", "application/json; a=1; a=2", "application/json; A=B",
    "*/*, application/json;text/html", "image/*, */*", "text/html;level=1, */*",
    "application/json;x=\"text/html\"", "application/json;x=\"a;text/html\"",
    "*/*;x=\"a;b\"", "application/vnd.api+json", "application/json+x",
]

WORKER = r'''
import json, sys
from django.conf import settings
settings.configure()
import django
django.setup()
from django.test import RequestFactory
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.exceptions import NotAcceptable
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request

class R(BaseRenderer):
    media_type = "application/json"
    format = "json"

out = []
for h in json.loads(sys.argv[1]):
    kw = {} if h is None else {"HTTP_ACCEPT": h}
    req = Request(RequestFactory().get("/", **kw))
    try:
        out.append(DefaultContentNegotiation().select_renderer(req, [R()], None)[1])
    except NotAcceptable:
        out.append(None)
print(json.dumps(out))
'''

seen = [set() for _ in HEADERS]
for seed in range(12):
    env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONPATH="/usr/lib/python3/dist-packages")
    got = json.loads(subprocess.run([sys.executable, "-c", WORKER, json.dumps(HEADERS)],
                                    env=env, check=True, capture_output=True, text=True).stdout)
    for i, media_type in enumerate(got):
        seen[i].add(media_type)

with open(os.path.join(HERE, "accept.jsonl"), "w", encoding="utf-8") as out:
    for header, media_types in zip(HEADERS, seen):
        out.write(json.dumps({"accept": header, "any": sorted(media_types, key=lambda m: (m is None, m))}) + "\n")
print(len(HEADERS), "headers")
