#!/usr/bin/python3
"""Write vectors.json: when colorlog's ColoredFormatter blanks its escape
codes, and when it appends its reset code, as colorlog itself decides, for
runtime/colorlog's tests.

    /usr/bin/python3 gen_vectors.py > vectors.json

Debian's python3-colorlog (6.7.0) provides the formatter.
"""

import itertools
import json
import logging
import os
import sys

import colorlog


def main():
    out = {"colorlog": "6.7.0", "blank": [], "reset": []}
    r, w = os.pipe()
    pipe = os.fdopen(w, "w")
    for force, no, stream, force_env, no_env in itertools.product(
            (False, True), (False, True), (None, "pipe"), (None, "", "1"), (None, "", "0")):
        for name, v in (("FORCE_COLOR", force_env), ("NO_COLOR", no_env)):
            os.environ.pop(name, None)
            if v is not None:
                os.environ[name] = v
        f = colorlog.ColoredFormatter(stream=pipe if stream else None, no_color=no, force_color=force)
        out["blank"].append({"force_color": force, "no_color": no, "stream": stream,
                             "FORCE_COLOR": force_env, "NO_COLOR": no_env,
                             "blank": f._blank_escape_codes()})
    os.environ.pop("FORCE_COLOR", None)
    os.environ.pop("NO_COLOR", None)
    for fmt in ("%(message)s", "%(message)s%(reset)s", "%(reset)s%(message)s", "%(red)s%(message)s\x1b[0m", "%(message)s\x1b[0m\x1b[0m", "%(message)s\x1b[0"):
        rec = logging.LogRecord("x", logging.INFO, "", 0, "m", (), None)
        rec.message = rec.getMessage()
        # What the format prints (reset=False), and with the reset code.
        out["reset"].append({
            "fmt": fmt,
            "raw": colorlog.ColoredFormatter(fmt, reset=False, force_color=True).formatMessage(rec),
            "reset": colorlog.ColoredFormatter(fmt, reset=True, force_color=True).formatMessage(rec),
        })
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
