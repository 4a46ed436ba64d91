"""Writes formatter_vectors.json: what CPython's logging.Formatter prints
for each format, datefmt and style on one fixed record, for the run-time
formatter's test (runtime/formatter_test.go).

    python3 runtime/testdata/gen_formatter_vectors.py > runtime/testdata/formatter_vectors.json
"""
import json
import logging
import sys
import time

CREATED = 1700000000.123456
START = 1699999995.123456

CASES = [
    ("%", "%(message)s", None, {}),
    ("%", "%(asctime)s %(levelname)-8s %(name)s %(message)s", None, {}),
    ("%", "%(asctime)s %(message)s", "%m/%d/%Y %I:%M:%S %p", {}),
    ("%", "[%(levelname)8s|%(levelno)03d] %(name).3s: %(message)r", None, {}),
    ("%", "%(created)f %(msecs)d %(msecs)s %(relativeCreated).1f", None, {}),
    ("%", "%(levelno)#x %(levelno)+d %(levelno)o %(msecs)05.1f", None, {}),
    ("%", "%(user)s did %(count)d things (%(ratio).2f)", None, {"user": "caal@example.com", "count": 7, "ratio": 0.25}),
    ("%", "%(asctime)-30s|", None, {}),
    ("%", "%(asctime)r", "%H:%M", {}),
    ("%", "%(args)s %(msg)s", None, {}),
    ("%", "%% %(name)s %%", None, {}),
    ("{", "{asctime} {levelname:*^11} {name!r} {message}", None, {}),
    ("{", "{levelno:>6} {created:,.2f} {msecs:08.3f} {name:.2}", None, {}),
    ("{", "{user!r:>10} {count:x} {ratio:.0%}", None, {"user": "bob", "count": 255, "ratio": 0.5}),
    ("{", "{levelno!s:6}|{levelname!a}", None, {}),
    ("{", "{{{message}}}", "%Y", {}),
    ("$", "$asctime ${levelname} $name: $message $$", None, {}),
    ("$", "${user}@$levelno", None, {"user": "eve"}),
    ("%", "%(exc_text)s %(stack_info)s", None, {}),
]


def main():
    logging._startTime = START
    out = []
    for style, fmt, datefmt, extra in CASES:
        r = logging.LogRecord("app.db", logging.WARNING, "/x.py", 1, "disk %s at %d%%", ("low", 95), None)
        r.created = CREATED
        r.msecs = int((CREATED - int(CREATED)) * 1000) + 0.0
        r.relativeCreated = (CREATED - START) * 1000
        r.__dict__.update(extra)
        f = logging.Formatter(fmt, datefmt, style)
        f.converter = time.gmtime
        out.append({"style": style, "format": fmt, "datefmt": datefmt or "", "extra": extra, "out": f.format(r)})
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


main()
