#!/usr/bin/env python3
"""CPython's rotating handlers with the logging cookbook's namer and rotator.

    python3 rotate_ref.py DIR < spec.json

spec is {"class": "RotatingFileHandler" or "TimedRotatingFileHandler",
"kwargs": {...}, "records": [[time, message], ...]}. The handler writes
DIR/app.log with the format %(message)s, under a fake clock for the timed
handler (time.time and each record's created are the record's time). The
namer is the cookbook's (name + ".gz") and the rotator compresses with
gzip and removes the source. After each record the script prints one JSON
line: the directory's files, each name with its content (decompressed for
names ending in .gz). The Go test (rotate_test.go) compares loggen's
compressing handlers with these listings step by step.
"""

import gzip
import json
import logging
import logging.handlers
import os
import shutil
import sys
import time

d = sys.argv[1]
spec = json.load(sys.stdin)
os.environ["TZ"] = "UTC"
time.tzset()
fake = [spec["records"][0][0] if spec["records"] else 0.0]
time.time = lambda: fake[0]


def namer(name):
    return name + ".gz"


def rotator(source, dest):
    with open(source, "rb") as f_in:
        with gzip.open(dest, "wb") as f_out:
            shutil.copyfileobj(f_in, f_out)
    os.remove(source)


def listing():
    out = {}
    for name in sorted(os.listdir(d)):
        p = os.path.join(d, name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(p, "rb") as f:
            out[name] = f.read().decode("utf-8")
    return out


cls = getattr(logging.handlers, spec["class"])
h = cls(os.path.join(d, "app.log"), encoding="utf-8", **spec["kwargs"])
h.namer = namer
h.rotator = rotator
h.setFormatter(logging.Formatter("%(message)s"))
for t, msg in spec["records"]:
    fake[0] = t
    rec = logging.LogRecord("root", logging.INFO, __file__, 1, msg, None, None)
    rec.created = t
    h.handle(rec)
    print(json.dumps(listing(), sort_keys=True))
h.close()
