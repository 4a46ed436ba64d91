"""Print what PyYAML's yaml.safe_load makes of YAML scalars.

Reads JSON lines {"yaml": SRC} on stdin and writes, for each, the line
{"yaml": SRC, "value": V, "key": K}: V describes the value of "k: SRC" and
K the key of "SRC: {}" (empty when SRC is empty or spans lines). A
description is "None", "bool True", "int 31", "float 1000.0",
"str 'abc'", "date 2001-12-14", "datetime 2001-12-14T21:59:43",
"bytes b'hi'", "merge" (a merge key) or "error" (safe_load raises).
model/pyyaml_test.go compares them with scalars.jsonl and with loggen.
"""

import datetime
import json
import sys

import yaml


def describe(v):
    if v is None:
        return "None"
    if isinstance(v, bool):
        return "bool " + repr(v)
    if isinstance(v, int):
        return "int " + repr(v)
    if isinstance(v, float):
        return "float " + repr(v)
    if isinstance(v, str):
        return "str " + repr(v)
    if isinstance(v, datetime.datetime):
        return "datetime " + v.isoformat()
    if isinstance(v, datetime.date):
        return "date " + v.isoformat()
    if isinstance(v, bytes):
        return "bytes " + repr(v)
    return "other " + type(v).__name__


def value(src):
    try:
        return describe(yaml.safe_load("k: " + src)["k"])
    except Exception:
        return "error"


def key(src):
    try:
        d = yaml.safe_load(src + ": {}")
    except Exception:
        return "error"
    if d == {}:
        return "merge"  # "<<: {}" merges nothing
    (k,) = d
    return describe(k)


for line in sys.stdin:
    src = json.loads(line)["yaml"]
    out = {"yaml": src, "value": value(src), "key": ""}
    if src and "\n" not in src:
        out["key"] = key(src)
    print(json.dumps(out, ensure_ascii=False))
