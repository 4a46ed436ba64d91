#!/usr/bin/env python3
"""Generate timed_vectors.json: CPython's TimedRotatingFileHandler, replayed.

Run with CPython 3.11 from anywhere:

    python3 runtime/testdata/gen_timed_vectors.py

It writes runtime/testdata/timed_vectors.json next to this script. The Go
test (runtime/timed_test.go) only reads the JSON; it never runs Python.

Each case drives the real logging.handlers.TimedRotatingFileHandler in a
fresh temporary directory under a fake clock: time.time is replaced (the
handler reads it in __init__, shouldRollover and doRollover) and every
record's created is set to the same instant. TZ is set and time.tzset()
called per case, so time.localtime answers for that zone.

A case may start with files already in the directory ("files": name ->
content, "mtimes": name -> whole seconds set with os.utime): the handler
takes its first rollover time from the log file's mtime when the file
exists. A case that opens the file at once (delay false) always starts with
the log file present, since otherwise CPython would stat a file it has just
created and read the real clock.

After each record the case records the directory listing (name -> content)
and the handler's rolloverAt, which the Go test compares step by step.
"""

import calendar
import datetime
import json
import logging
import logging.handlers
import os
import shutil
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "app.log"

_real_time = time.time
_fake = [0.0]


def fake_time():
    return _fake[0]


def utc(*args):
    """Epoch seconds of a UTC date and time: utc(2024, 1, 1, 0, 0, 0)."""
    return calendar.timegm(datetime.datetime(*args).timetuple())


def listing(d):
    out = {}
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), encoding="utf-8") as f:
            out[name] = f.read()
    return out


def run(case):
    os.environ["TZ"] = case["tz"]
    time.tzset()
    d = tempfile.mkdtemp(prefix="timedvec")
    try:
        for name, content in case.get("files", {}).items():
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(content)
        for name, mt in case.get("mtimes", {}).items():
            os.utime(os.path.join(d, name), (mt, mt))
        kw = dict(case["kwargs"])
        if "atTime" in kw:
            parts = [int(p) for p in kw["atTime"].split(":")]
            kw["atTime"] = datetime.time(*parts)
        _fake[0] = case["start"]
        time.time = fake_time
        try:
            h = logging.handlers.TimedRotatingFileHandler(
                os.path.join(d, BASE), encoding="utf-8", **kw)
            h.setFormatter(logging.Formatter("%(message)s"))
            case["initialRolloverAt"] = h.rolloverAt
            steps = []
            for i, t in enumerate(case["times"]):
                _fake[0] = t
                rec = logging.LogRecord("root", logging.INFO, __file__, 1,
                                        "msg %d", (i,), None)
                rec.created = t
                h.handle(rec)
                steps.append({"time": t, "rolloverAt": h.rolloverAt,
                              "files": listing(d)})
            h.close()
        finally:
            time.time = _real_time
        case["steps"] = steps
    finally:
        shutil.rmtree(d)
    return case


cases = []


def add(name, tz, kwargs, start, times, files=None, mtimes=None):
    c = {"name": name, "tz": tz, "kwargs": kwargs, "start": start,
         "times": times}
    if files:
        c["files"] = files
    if mtimes:
        c["mtimes"] = mtimes
    cases.append(c)


T0 = utc(2024, 1, 3, 10, 20, 30)  # a Wednesday, UTC

add("S_backup2", "UTC", {"when": "S", "backupCount": 2, "delay": True}, T0,
    [T0 + 0.25, T0 + 0.75, T0 + 1.0, T0 + 1.5, T0 + 2.9, T0 + 3.0, T0 + 7.2,
     T0 + 7.3, T0 + 8.0, T0 + 9.99])
add("s_lower_interval5", "UTC", {"when": "s", "interval": 5, "delay": True},
    T0, [T0 + 1, T0 + 4.9, T0 + 5, T0 + 6, T0 + 9.999, T0 + 10, T0 + 31])
add("M_backup3", "UTC", {"when": "M", "backupCount": 3, "delay": True}, T0,
    [T0 + 10, T0 + 59, T0 + 60, T0 + 125, T0 + 200, T0 + 260, T0 + 400,
     T0 + 461, T0 + 3600])
add("M_interval15", "UTC", {"when": "M", "interval": 15, "delay": True}, T0,
    [T0 + 60, T0 + 900, T0 + 901, T0 + 1799, T0 + 1800, T0 + 2700, T0 + 7200])
add("H_backup2", "UTC", {"when": "H", "backupCount": 2, "delay": True}, T0,
    [T0 + 1, T0 + 3599, T0 + 3600, T0 + 7300, T0 + 10900, T0 + 14500,
     T0 + 90000])
add("H_interval6_utc", "Europe/Berlin",
    {"when": "H", "interval": 6, "utc": True, "delay": True}, T0,
    [T0 + 100, T0 + 21600, T0 + 43300, T0 + 43301, T0 + 100000])
add("D_existing_file", "UTC", {"when": "D", "backupCount": 1}, T0,
    [T0 + 5, T0 + 86399, T0 + 86400, T0 + 90000, T0 + 86400 * 2 + 3,
     T0 + 86400 * 5],
    files={BASE: "old\n", "app.log.2023-12-01": "a\n",
           "app.log.2023-12-02.gz": "b\n", "app.log.old": "keep\n",
           "app.2023-12-03.log": "keep\n", "other.log.2023-12-04": "keep\n"},
    mtimes={BASE: T0 - 3600})
add("D_interval2", "UTC", {"when": "D", "interval": 2, "delay": True}, T0,
    [T0 + 1, T0 + 86400, T0 + 172800, T0 + 172801, T0 + 400000])
add("D_suffix_collision", "UTC", {"when": "D", "delay": True}, T0,
    [T0 + 1, T0 + 86400, T0 + 86401],
    files={"app.log.2024-01-03": "stale\n"})
add("midnight_utc_tz", "UTC", {"when": "midnight", "delay": True}, T0,
    [T0 + 1, utc(2024, 1, 3, 23, 59, 59), utc(2024, 1, 4, 0, 0, 0),
     utc(2024, 1, 4, 0, 0, 1), utc(2024, 1, 5, 12, 0, 0),
     utc(2024, 1, 9, 0, 0, 0)])
add("midnight_start_at_midnight", "UTC",
    {"when": "MIDNIGHT", "backupCount": 2, "delay": True},
    utc(2024, 1, 3, 0, 0, 0),
    [utc(2024, 1, 3, 0, 0, 0), utc(2024, 1, 3, 0, 0, 5),
     utc(2024, 1, 4, 0, 0, 0), utc(2024, 1, 5, 0, 0, 0),
     utc(2024, 1, 6, 0, 0, 0), utc(2024, 1, 7, 0, 0, 0)])
add("midnight_atTime_later", "UTC",
    {"when": "midnight", "atTime": "13:45:10", "delay": True}, T0,
    [T0 + 1, utc(2024, 1, 3, 13, 45, 9), utc(2024, 1, 3, 13, 45, 10),
     utc(2024, 1, 4, 1, 0, 0), utc(2024, 1, 4, 13, 46, 0)])
add("midnight_atTime_earlier", "UTC",
    {"when": "midnight", "atTime": "02:30", "delay": True}, T0,
    [T0 + 1, utc(2024, 1, 4, 2, 29, 59), utc(2024, 1, 4, 2, 30, 0),
     utc(2024, 1, 6, 3, 0, 0)])
add("midnight_interval3", "UTC",
    {"when": "midnight", "interval": 3, "delay": True}, T0,
    [T0 + 1, utc(2024, 1, 4, 0, 0, 0), utc(2024, 1, 5, 0, 0, 0),
     utc(2024, 1, 7, 0, 0, 0), utc(2024, 1, 7, 0, 0, 1)])
add("W0", "UTC", {"when": "W0", "backupCount": 1, "delay": True}, T0,
    [T0 + 1, utc(2024, 1, 7, 23, 59, 59), utc(2024, 1, 8, 0, 0, 0),
     utc(2024, 1, 10, 0, 0, 0), utc(2024, 1, 15, 0, 0, 1),
     utc(2024, 1, 29, 5, 0, 0)])
add("w6_lower", "UTC", {"when": "w6", "delay": True}, T0,
    [T0 + 1, utc(2024, 1, 7, 0, 0, 0), utc(2024, 1, 7, 10, 0, 0),
     utc(2024, 1, 14, 0, 0, 0)])
add("W3_same_day", "UTC", {"when": "W3", "delay": True},
    utc(2024, 1, 4, 9, 0, 0),
    [utc(2024, 1, 4, 9, 0, 1), utc(2024, 1, 5, 0, 0, 0),
     utc(2024, 1, 11, 0, 0, 0)])
add("W2_atTime", "UTC", {"when": "W2", "atTime": "06:00:00", "delay": True},
    T0,
    [T0 + 1, utc(2024, 1, 10, 5, 59, 59), utc(2024, 1, 10, 6, 0, 0),
     utc(2024, 1, 17, 6, 0, 0)])

# Europe/Berlin: DST starts 2024-03-31 02:00 CET (01:00 UTC) and ends
# 2024-10-27 03:00 CEST (01:00 UTC).
B0 = utc(2024, 3, 29, 10, 0, 0)
add("berlin_midnight_dst_start", "Europe/Berlin",
    {"when": "midnight", "backupCount": 5, "delay": True}, B0,
    [B0 + 1, utc(2024, 3, 29, 23, 0, 0), utc(2024, 3, 30, 22, 59, 59),
     utc(2024, 3, 30, 23, 0, 0), utc(2024, 3, 31, 22, 0, 0),
     utc(2024, 4, 1, 22, 0, 0), utc(2024, 4, 2, 12, 0, 0)])
B1 = utc(2024, 10, 25, 10, 0, 0)
add("berlin_midnight_dst_end", "Europe/Berlin",
    {"when": "midnight", "delay": True}, B1,
    [B1 + 1, utc(2024, 10, 25, 22, 0, 0), utc(2024, 10, 26, 22, 0, 0),
     utc(2024, 10, 27, 23, 0, 0), utc(2024, 10, 28, 23, 0, 0)])
add("berlin_midnight_atTime_dst", "Europe/Berlin",
    {"when": "midnight", "atTime": "02:30", "delay": True}, B0,
    [B0 + 1, utc(2024, 3, 30, 1, 30, 0), utc(2024, 3, 31, 1, 30, 0),
     utc(2024, 3, 31, 2, 0, 0), utc(2024, 4, 1, 0, 30, 0),
     utc(2024, 4, 2, 3, 0, 0)])
add("berlin_W6_dst_start", "Europe/Berlin", {"when": "W6", "delay": True},
    utc(2024, 3, 27, 12, 0, 0),
    [utc(2024, 3, 27, 12, 0, 1), utc(2024, 3, 30, 22, 59, 59),
     utc(2024, 3, 30, 23, 0, 0), utc(2024, 4, 6, 22, 0, 0),
     utc(2024, 4, 13, 22, 0, 0)])
add("berlin_W6_dst_end", "Europe/Berlin", {"when": "W6", "delay": True},
    utc(2024, 10, 23, 12, 0, 0),
    [utc(2024, 10, 23, 12, 0, 1), utc(2024, 10, 26, 22, 0, 0),
     utc(2024, 10, 27, 23, 0, 0), utc(2024, 11, 2, 23, 0, 0)])
add("berlin_D_dst_start", "Europe/Berlin", {"when": "D", "delay": True},
    utc(2024, 3, 30, 12, 0, 0),
    [utc(2024, 3, 30, 12, 0, 1), utc(2024, 3, 31, 12, 0, 0),
     utc(2024, 4, 1, 12, 0, 0)])
add("berlin_H_dst_end", "Europe/Berlin", {"when": "H", "delay": True},
    utc(2024, 10, 26, 23, 30, 0),
    [utc(2024, 10, 26, 23, 30, 1), utc(2024, 10, 27, 0, 30, 0),
     utc(2024, 10, 27, 1, 30, 0), utc(2024, 10, 27, 2, 30, 0)])
add("berlin_midnight_utc_true", "Europe/Berlin",
    {"when": "midnight", "utc": True, "delay": True}, B0,
    [B0 + 1, utc(2024, 3, 30, 23, 0, 0), utc(2024, 3, 31, 0, 0, 0),
     utc(2024, 3, 31, 23, 59, 59), utc(2024, 4, 1, 0, 0, 0)])
add("berlin_existing_mtime_open", "Europe/Berlin",
    {"when": "midnight", "backupCount": 2}, B0,
    [B0 + 1, utc(2024, 3, 30, 12, 0, 0), utc(2024, 3, 31, 12, 0, 0)],
    files={BASE: "old\n", "app.log.2024-03-20": "x\n",
           "app.log.2024-03-21": "y\n"},
    mtimes={BASE: utc(2024, 3, 28, 12, 0, 0)})

out = [run(c) for c in cases]
with open(os.path.join(HERE, "timed_vectors.json"), "w", encoding="utf-8") as f:
    json.dump({"python": ".".join(map(str, __import__("sys").version_info[:3])),
               "base": BASE, "cases": out}, f, indent=1, sort_keys=True)
    f.write("\n")
print("wrote", len(out), "cases")
