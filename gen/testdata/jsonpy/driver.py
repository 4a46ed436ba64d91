#!/usr/bin/env python3
"""Replay calls.json through a python-json-logger configuration, as
driver.go does through loggen's code:

    driver.py CONFIG_YAML CALLS_JSON [PATH]

PATH, if given, goes first on sys.path (python-json-logger 3.3.0's source).
The clock is frozen as pyref.py freezes it; a call's "error" becomes the
record's exc_text, which python-json-logger prints as exc_info where it
prints a traceback for an exception (loggen prints the error's text there),
and "stack" gives the record the stack_info STACK (the test puts it in the
place of loggen's Go stacks before it compares).
"""

import json
import logging
import logging.config
import sys

import yaml

STACK = "Stack (most recent call last):\n  File \"app.py\", line 1, in <module>"
CREATED = 1700000000.123456
START = 1699999995.123456


def main(config, calls, path=None):
    if path:
        sys.path.insert(0, path)
    logging._startTime = START
    base = logging.getLogRecordFactory()
    pending = {"error": None, "stack": False}

    def frozen(*args, **kwargs):
        r = base(*args, **kwargs)
        r.created = CREATED
        r.msecs = int((CREATED - int(CREATED)) * 1000) + 0.0
        r.relativeCreated = (CREATED - START) * 1000
        if pending["error"] is not None:
            r.exc_text = pending["error"]
        if pending["stack"]:
            r.stack_info = STACK
        return r

    logging.setLogRecordFactory(frozen)
    with open(config, encoding="utf-8") as f:
        logging.config.dictConfig(yaml.safe_load(f))
    with open(calls, encoding="utf-8") as f:
        steps = json.load(f)
    for s in steps:
        pending["error"] = s.get("error") or None
        pending["stack"] = s.get("stack", False)
        logger = logging.getLogger(s["logger"])
        logger.log(logging.getLevelName(s["level"]), s["msg"], *s.get("args", []),
                   extra=s.get("extra"))
    logging.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:])
