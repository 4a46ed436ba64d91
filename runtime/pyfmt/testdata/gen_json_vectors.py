#!/usr/bin/env python3
"""Generate json_vectors.json: what CPython's json.dumps writes, for the Go
tests of json.go.

Run with CPython 3.11 from anywhere:

    python3 runtime/pyfmt/testdata/gen_json_vectors.py

It writes json_vectors.json next to this script; the Go tests only read it.
Each vector has a "kind":

    str         json.dumps(s, ensure_ascii=ascii)
    value       json.dumps(v, ensure_ascii=ascii, indent=indent), v tagged
                as ["s", str] ["i", decimal] ["f", float.hex()] ["b", bool]
                ["n"] ["l", [items]] ["d", [[key, item], ...]]
    created     datetime.fromtimestamp(float.fromhex(in), tz=timezone.utc)
                .isoformat()
    splitlines  str.splitlines()
"""

import json
import math
import os
import random
from datetime import datetime, timezone

random.seed(20240607)

STRINGS = [
    "", "plain", "quote \" backslash \\ slash /", "tab\tnewline\nreturn\r",
    "\b\f\v\x00\x01\x1f\x7f\x80\x9f\xa0", "h\u00e9llo", "\u00ff\u0100\u07ff\u0800",
    "\uffff\ufffe\ufeff", "\U0001f600 grin", "\U00010000\U0010ffff",
    "\u2028\u2029", "caf\u00e9 \u20ac 100", "mixed \"\u00e9\" \\ \U0001f4a9\n",
    "</script>", "'single'", "{\"a\": 1}",
]
for _ in range(200):
    n = random.randint(0, 12)
    s = "".join(random.choice([
        chr(random.randint(0, 0x7f)),
        chr(random.randint(0x80, 0x7ff)),
        chr(random.randint(0x800, 0xd7ff)),
        chr(random.randint(0xe000, 0xffff)),
        chr(random.randint(0x10000, 0x10ffff)),
        random.choice("\"\\\n\r\t\b\f/ "),
    ]) for _ in range(n))
    STRINGS.append(s)

FLOATS = [0.0, -0.0, 1.0, -1.5, 0.1, 1e16, 1e-5, 1.5e300, 5e-324, 123.0,
          1700000000.123456, 5000.0, 2.0 ** 53, float("inf"), float("-inf"),
          float("nan"), 1e22, 123456789.125, 0.30000000000000004]
for _ in range(200):
    FLOATS.append(random.choice([
        random.uniform(-1e6, 1e6),
        math.ldexp(random.random(), random.randint(-1074, 1023)),
        random.randint(-10**6, 10**6) / 1000,
    ]))


def tag(v):
    if v is None:
        return ["n"]
    if isinstance(v, bool):
        return ["b", v]
    if isinstance(v, int):
        return ["i", str(v)]
    if isinstance(v, float):
        return ["f", v.hex()]
    if isinstance(v, str):
        return ["s", v]
    if isinstance(v, list):
        return ["l", [tag(x) for x in v]]
    if isinstance(v, dict):
        return ["d", [[k, tag(x)] for k, x in v.items()]]
    raise TypeError(type(v))


VALUES = [
    None, True, False, 0, -7, 2 ** 63 - 1, -2 ** 63, 1.5, float("nan"),
    "x\u00e9", [], {}, [1, "a", None, True, 2.5],
    {"message": "hi", "n": 1, "l": [1, [2, []], {}], "d": {"k": {"z": None}}},
    {"\u00e9": ["\U0001f600"], "": ""},
    [[[]], [{}], {"a": []}],
]
INDENTS = [None, 0, 2, 4, -1, "\t", "--", ""]

CREATED = [1700000000.123456, 1700000000.0, 0.0, 1.5, 1700000000.9999996,
           1700000000.0000005, 1700000000.0000015, 86399.999999, 951782400.5,
           4102444800.25, 1e9 + 0.1234565]
for _ in range(100):
    CREATED.append(random.uniform(0, 4e9))

LINES = ["", "a", "a\n", "a\nb", "a\r\nb\rc\n\nd", "\n", "\n\n", "x\vy\fz",
         "p\x1cq\x1dr\x1es", "n\x85e", "l\u2028m\u2029o", "Traceback:\n  x\nE: y"]

out = []
for s in STRINGS:
    for ascii in (True, False):
        out.append({"kind": "str", "in": s, "ascii": ascii,
                    "out": json.dumps(s, ensure_ascii=ascii)})
for f in FLOATS:
    out.append({"kind": "value", "in": tag(f), "ascii": True, "indent": None,
                "out": json.dumps(f)})
for v in VALUES:
    for indent in INDENTS:
        for ascii in (True, False):
            out.append({"kind": "value", "in": tag(v), "ascii": ascii,
                        "indent": indent,
                        "out": json.dumps(v, ensure_ascii=ascii,
                                          indent=indent)})
for c in CREATED:
    out.append({"kind": "created", "in": c.hex(),
                "out": datetime.fromtimestamp(c, tz=timezone.utc).isoformat()})
for s in LINES:
    out.append({"kind": "splitlines", "in": s, "out": s.splitlines()})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "json_vectors.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=True, indent=0)
    f.write("\n")
print("%d vectors written to %s" % (len(out), path))
