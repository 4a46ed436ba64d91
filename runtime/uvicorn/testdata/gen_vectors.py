#!/usr/bin/python3
"""Write vectors.json: what uvicorn's formatters add to records, as
uvicorn itself computes them, for runtime/uvicorn's tests.

    /usr/bin/python3 gen_vectors.py > vectors.json

Debian's python3-uvicorn (0.17.6) and python3-click (8.1.3) provide the
formatters and click's colours; the HTTP phrases are Python 3.11's.
"""

import json
import logging
import sys

import uvicorn
from uvicorn.logging import AccessFormatter, DefaultFormatter

# Level names the level vectors register (numbers without one print as
# "Level N").
LEVEL_NAMES = {15: "NOTICE", 25: "\u00c4\u00d6\u00dc", 35: "VERYLONGNAME", 45: "E"}

# The status codes of the status vectors: every code Python might know,
# and values int() reads or refuses.
STATUS = list(range(0, 700)) + [
    -1, -100, -404, 99, 1000, 2**63 - 1, 2**63, 2**70, -(2**70),
    "200", " 404\n", "+301", "-1", "1_0_0", "0_200", "00200", "\u0664\u0660\u0664",
    "\U0001d7d0\U0001d7ce\U0001d7ce", "99999999999999999999999",
    "", " ", "2__00", "_200", "200_", "2 00", "0x1F", "200.0", "abc", "+", "-_1",
    "\x1c200\x1f", "\u00a0201\u2003", "\x1c202\u00a0", "\u0664\u0660\u0664x", "2\u0660_0",
    True, False, 200.0, 404.9, -99.5, 1e20, 2.0**70,
    float("nan"), float("inf"), float("-inf"), None,
]


def value(v):
    """A JSON form of a Python value that keeps its type."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int):
        if -(2**63) <= v < 2**63:
            return v
        return {"bigint": str(v)}
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return {"float": repr(v)}
        return {"float": repr(v)}
    return v


def record(level, msg, args, extra=None):
    r = logging.LogRecord("uvicorn.access", level, "", 0, msg, args, None)
    if extra:
        r.__dict__.update(extra)
    return r


def outcome(f):
    try:
        return {"text": f()}
    except Exception as e:  # the error Python reports
        return {"error": "%s: %s" % (type(e).__name__, e)}


def main():
    for n, name in LEVEL_NAMES.items():
        logging.addLevelName(n, name)
    plain = AccessFormatter("%(levelprefix)s", use_colors=False)
    colored = AccessFormatter("%(levelprefix)s", use_colors=True)
    out = {"uvicorn": uvicorn.__version__, "level_names": {str(k): v for k, v in LEVEL_NAMES.items()}}

    out["levelprefix"] = [
        {"level": n,
         "plain": DefaultFormatter("%(levelprefix)s", use_colors=False).formatMessage(record(n, "m", ())),
         "colored": DefaultFormatter("%(levelprefix)s", use_colors=True).formatMessage(record(n, "m", ()))}
        for n in (1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 51, 100)
    ]

    status = []
    for code in STATUS:
        args = ("127.0.0.1:5000", "GET", "/", "1.1", code)
        status.append({
            "code": value(code),
            "plain": outcome(lambda: AccessFormatter("%(status_code)s", use_colors=False).formatMessage(record(20, "m", args))),
            "colored": outcome(lambda: AccessFormatter("%(status_code)s", use_colors=True).formatMessage(record(20, "m", args))),
        })
    out["status"] = status

    fmt = '%(client_addr)s|%(request_line)s'
    access = []
    for args in [
        ("127.0.0.1:5000", "GET", "/", "1.1", 200),
        ("[::1]:443", "POST", "/a%20b?q=1", "2", 201),
        (None, 1, 2.5, True, "200"),
        ("unix:/tmp/s", "GET", "/\u00e9t\u00e9", "1.0", 404),
        ("a", "b", "c", "d"),
        ("a", "b", "c", "d", "e", "f"),
        (),
        ("a", "b", "c", "d", "x"),
        ("a", "b", "c", "d", None),
    ]:
        access.append({
            "args": [value(a) for a in args],
            "plain": outcome(lambda: AccessFormatter(fmt, use_colors=False).formatMessage(record(20, "m", args))),
            "colored": outcome(lambda: AccessFormatter(fmt, use_colors=True).formatMessage(record(20, "m", args))),
        })
    out["access"] = access

    messages = []
    for msg, args, extra in [
        ("plain %s", ("x",), None),
        ("plain %s", ("x",), {"color_message": "colored \x1b[36m%s\x1b[0m"}),
        ("no args", (), {"color_message": "colored 100%"}),
        ("no args", (), None),
        ("n %d", (3,), {"color_message": "c %d%%"}),
        ("n %s", ("x",), {"color_message": "c %d"}),
    ]:
        def fmt_message(use_colors, field):
            r = record(20, msg, args, extra)
            f = DefaultFormatter("%%(%s)s" % field, use_colors=use_colors)
            r.message = r.getMessage()
            return f.formatMessage(r)
        messages.append({
            "msg": msg, "args": [value(a) for a in args],
            "color_message": (extra or {}).get("color_message"),
            "plain": outcome(lambda: fmt_message(False, "message")),
            "colored": outcome(lambda: fmt_message(True, "message")),
            "colored_msg": outcome(lambda: fmt_message(True, "msg")),
        })
    out["messages"] = messages
    json.dump(out, sys.stdout, indent=1, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
