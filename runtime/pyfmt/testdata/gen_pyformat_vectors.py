#!/usr/bin/env python3
"""Generate pyformat_vectors.json: CPython's own answers for the Go tests.

Run from the repository root (or anywhere) with CPython 3.11:

    python3 runtime/pyfmt/testdata/gen_pyformat_vectors.py

It writes runtime/pyfmt/testdata/pyformat_vectors.json next to this script. The Go
tests only read the JSON; they never run Python. Every "out" (or "error" and
"exc") in the file is what this interpreter produced.

Values are written as strings: ints in decimal, floats as float.hex() (which
Go's strconv.ParseFloat reads exactly, "inf" and "nan" included), str as is.
"""

import calendar
import json
import logging
import os
import random
import sys
import time

os.environ["TZ"] = "UTC"
time.tzset()

rnd = random.Random(20231114)
vectors = []


def enc(v):
    """Encode a Python value as {"type": ..., "value": ...}."""
    if v is None:
        return {"type": "none", "value": ""}
    if isinstance(v, bool):
        return {"type": "bool", "value": "True" if v else "False"}
    if isinstance(v, int):
        return {"type": "int", "value": str(v)}
    if isinstance(v, float):
        return {"type": "float", "value": v.hex()}
    if isinstance(v, str):
        return {"type": "str", "value": v}
    raise TypeError(type(v))


def run(d, fn):
    try:
        d["out"] = fn()
    except Exception as e:  # record CPython's exception and message
        d["exc"] = type(e).__name__
        d["error"] = str(e)
    vectors.append(d)


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

ints = [0, 1, 5, -5, 10, -10, 65, 255, -255, 1234, -1234, 123456789, -1234567,
        0x1F600, 0x10FFFF, 0x110000, INT64_MAX, INT64_MIN, 1000000, 99999]
floats = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 2.675, 1.0, 100.0, 123.0, 123.456,
          -123.456, 0.0001, 0.00001234, 1e-5, 1e16, 1e22, 1234567.891, 9.995,
          1700000000.123456, float("inf"), float("-inf"), float("nan"), 1e300,
          -1e-300, 5e-324, 0.1, 1 / 3, 12345.678, 999999.5]
strs = ["", "a", "ab", "hello", "héllo", "日本語", "it's", 'say "hi"', "tab\there",
        "😀x", "a\nb", "back\\slash", "\x7f\x00", "\u00a0nb", "x"]
bools = [True, False]
values = ints + floats + strs + bools + [None]

# ---------------------------------------------------------------------
# percent: "%<spec>" % (value,)

flag_sets = ["", "-", "+", " ", "#", "0", "-0", "+0", " 0", "#0", "+#", "-+", "#-", "+ "]
widths = ["", "1", "5", "12"]
precs = ["", ".0", ".1", ".3", ".10"]
verbs = "sracdiuoxXeEfFgG"


def percent(spec, v):
    run({"kind": "percent", "spec": spec, "in": enc(v)}, lambda: spec % (v,))


named = [
    ("%d", "ab"), ("%x", "ab"), ("%e", "ab"), ("%c", "ab"), ("%c", "a"), ("%c", "é"),
    ("%d", None), ("%x", None), ("%e", None), ("%c", None), ("%s", None), ("%r", None),
    ("%x", 1.5), ("%o", 1.5), ("%c", 1.5), ("%d", float("inf")), ("%d", float("nan")),
    ("%d", float("-inf")), ("%c", -1), ("%c", 0x110000), ("%03d", 5), ("%+d", 10),
    ("%.3d", 10), ("%-5d", 10), ("% d", 10), ("%#o", 10), ("%#x", 10), ("%#X", 255),
    ("%d", 123.9), ("%d", -123.9), ("%d", 1e20), ("%d", -1e20), ("%i", 1e300),
    ("%s", 123.0), ("%r", 123.0), ("%s", 1e16), ("%.2f", 2.675), ("%.0f", 0.5),
    ("%.0f", 1.5), ("%.0f", 2.5), ("%f", 1.0), ("%d", True), ("%f", True), ("%s", True),
    ("%r", False), ("%x", True), ("%c", True), ("%05s", "ab"), ("%.1r", "ab"),
    ("%-6s", "日本"), ("%6s", "日本"), ("%.2s", "日本語"), ("%5.1c", "x"), ("%.0c", 65),
    ("%#.0f", 2.0), ("%#g", 2.0), ("%#x", -10), ("%#08x", -10), ("%.3x", -10),
    ("%#.3o", 10), ("%+.3d", 5), ("% 05d", 5), ("%-05d", 5), ("%010f", float("inf")),
    ("%-010f", float("inf")), ("%+010f", float("nan")), ("%E", float("nan")),
    ("%F", float("-inf")), ("%G", 1e-10), ("%g", 1e16), ("%g", 123456789),
    ("%.5g", 0.0001), ("%#.3g", 1), ("%#g", 0.0), ("%.0g", 0.0), ("%10.4e", -123.456),
    ("%+.2e", -0.0), ("%a", "é"), ("%r", "é"), ("%a", "日本😀"), ("%5r", "a"),
    ("%.3s", 12345), ("%u", -3), ("%x", INT64_MIN), ("%o", -8), ("%e", INT64_MAX),
    ("%.20f", 0.1), ("%.17g", 0.1), ("%f", 1e22), ("%.1f", 0.05), ("%.1f", 0.25),
    ("%.1f", 0.35), ("%.2f", 1.005), ("%.3e", 2.5e-5), ("%g", 0.0001), ("%g", 0.00001),
    ("%g", 100000.0), ("%g", 1000000.0), ("%#.0e", 12345), ("%.0e", 12345),
]
for spec, v in named:
    percent(spec, v)

# Precisions CPython refuses (_PyUnicode_FormatLong: above INT_MAX-3), and
# wide ones within loggen's limit (pyfmt.MaxWidth). Those CPython accepts
# but that would take gigabytes are left out: loggen refuses them.
wide = [
    ("%.2147483647d", 1), ("%.2147483645x", 1), ("%.2147483645o", -1), ("%.2147483645d", 1.5),
    ("%.2147483645d", True), ("%.2147483645d", float("inf")), ("%.2147483645d", "ab"),
    ("%.2147483645X", 2.5), ("%.2147483647s", "ab"), ("%.2147483647r", "ab"), ("%.2147483647c", 65),
    ("%.2147483644s", 1.5), ("%600d", 5), ("%-600d", 5), ("%0600d", -5), ("%.300d", -5),
    ("%#.300x", 255), ("%.400f", 1.0), ("%.1000e", 1.5), ("%#.500g", 0.1), ("%.500g", 0.1),
    ("%1000.300f", -2.5), ("%-999s", "日本"), ("%1000c", 0x1F600), ("%.400f", 1e300),
]
for spec, v in wide:
    percent(spec, v)

for _ in range(1800):
    v = rnd.choice(values)
    spec = "%" + rnd.choice(flag_sets) + rnd.choice(widths) + rnd.choice(precs) + rnd.choice(verbs)
    percent(spec, v)

# ---------------------------------------------------------------------
# format: format(value, spec)

fills = ["", "", "", "<", ">", "^", "=", "*<", "*>", "*^", "x=", "0=", "0<", "é^", " >"]
signs = ["", "", "+", "-", " "]
alts = ["", "", "#"]
zeros = ["", "", "0"]
fwidths = ["", "", "1", "7", "12", "15"]
groupings = ["", "", "", ",", "_"]
fprecs = ["", "", ".0", ".1", ".2", ".3", ".6", ".17"]
types = ["", "", "b", "c", "d", "o", "x", "X", "n", "e", "E", "f", "F", "g", "G", "%", "s"]


def fmt(v, spec):
    run({"kind": "format", "spec": spec, "in": enc(v)}, lambda: format(v, spec))


fnamed = [
    ("ab", "05"), ("ab", "+"), ("ab", "-"), ("ab", " "), ("ab", "=5"), ("ab", "#"), ("ab", ","),
    ("ab", "d"), ("ab", "_"), ("ab", ".1"), ("ab", "x<5"), ("ab", "^5"), ("ab", "05s"),
    ("ab", "<05"), ("ab", ",d"), ("ab", ",x"), ("ab", ""), ("日本", "^7"), ("日本", "*>5"),
    ("日本語", ".2"), ("ab", "é^6"), ("ab", "😀<4"),
    (None, ""), (None, "5"), (None, "s"), (None, "<"),
    (True, ""), (False, ""), (True, "d"), (True, ">6"), (True, "s"), (True, "f"), (True, "6"),
    (True, "x"), (True, "^"), (False, "#x"), (True, "c"),
    (123.0, ""), (1e16, ""), (123.0, ".3"), (1e16, ".3"), (123.456, ".3"), (0.0001, ".3"),
    (1.5, ".0"), (123.0, ".10"), (1e-5, ""), (12345.678, ".2"), (100.0, ".2"), (100.0, ".3"),
    (100.0, ".3g"), (100.0, "#.3"), (1e16, ".17"), (123.0, "10"), (123.0, ",.2f"),
    (1234567.0, ","), (1234567.0, "_"), (1234567.5, ",.1"), (1234567.0, "n"),
    (1234.5, ".3n"), (0.5, "%"), (0.5, ".1%"), (1.0, ".0%"), (1e100, "%"),
    (5, "s"), (5, "c"), (65, "c"), (5, ".2"), (5, ".2d"), (5, ",c"), (5, "#c"), (5, "+c"),
    (5, "=5c"), (5, "=5"), (-5, "=5"), (-5, "05"), (-5, "x^05"), (255, "#_x"), (255, "_b"),
    (123456789, "_o"), (123456789, "_x"), (-1234567, ",d"), (1234, ",x"), (1234, ",n"),
    (1234, "_n"), (1234, ".2f"), (1234, "e"), (1234, "%"), (1234, "g"), (1234, "n"),
    (1234, "#x"), (1234, "#X"), (10, "#o"), (5, "#b"), (5, "#08b"), (0, "#x"), (0, "+"),
    (5, " "), (1234, "010,"), (1234, "09,"), (1234, "08,"), (1234, "011,"), (1234, "012_x"),
    (12, "09_b"), (1234, "0=10,"), (1234, "0>10,"), (-1234, "010,"), (-1234, "+012_d"),
    (1.5, "d"), (1.5, "x"), (1.5, "c"), (1.5, "s"), (1.5, "b"), (1.5, "o"), (1.5, "X"),
    (float("inf"), "010"), (float("nan"), "+"), (float("inf"), "E"), (float("-inf"), "010.2f"),
    (float("inf"), "010,"), (float("-inf"), "%"), (-0.0, ""), (-0.0, "+"), (1.0, "#"), (1.0, "#.0"),
    (1e22, ""), (1e22, "f"), (1e22, ","), (1.5, "=10"), (-1.5, "010"), (1.5, "x=+10"),
    (1.5, "#.0e"), (1.5, "#g"), (12.0, "g"), (12.0, "#g"), (0.00001, "g"), (1e-5, ".3"),
    (1e-5, "#"), (5, "#"), (5, "#d"), (5, ".0"), (2.675, ".2f"), (0.5, ".0f"), (1.5, ".0f"),
    (1234567.891, "015,.2f"), (1234567.891, "_.3e"), (-1234567.891, "+020_"),
    (1700000000.123456, ""), (1700000000.123456, ".3f"), (INT64_MIN, ","), (INT64_MAX, "_x"),
    (INT64_MIN, "#b"), (0x110000, "c"), (-1, "c"), (0x1F600, "c"), (0x1F600, "^5c"),
]
for v, spec in fnamed:
    fmt(v, spec)

for _ in range(2200):
    v = rnd.choice(values)
    spec = (rnd.choice(fills) + rnd.choice(signs) + rnd.choice(alts) + rnd.choice(zeros)
            + rnd.choice(fwidths) + rnd.choice(groupings) + rnd.choice(fprecs) + rnd.choice(types))
    fmt(v, spec)

# The z option (Python 3.11, PEP 682): negative zero after rounding prints
# as zero for floats; ints and strs refuse it. Its own random generator, so
# that the vectors above stay as they were.
znamed = [
    (-0.0, "z"), (-0.0001, "z.2f"), (-1e-10, "z.3e"), (float("-inf"), "z"), (float("nan"), "z"),
    (float("-inf"), "z010.1f"), (-1e-5, "z.2%"), (-0.0, "z%"), (-0.0, "ze"), (-0.0, "zg"),
    (-0.0, "zn"), (-0.0, "z010.1f"), (-0.0, "+z.1f"), (-0.0, " z.1f"), (-0.0, "-z.1f"),
    (-0.4, "z.0f"), (-0.5, "z.0f"), (-0.5001, "z.0f"), (-0.05, "z.1f"), (-0.0049, "z.2f"),
    (-0.005, "z.2f"), (-0.0051, "z.2f"), (0, "z"), (0, "zd"), (-5, "z"), (0, "z.2f"),
    (-5, "z.2f"), (True, "z"), (True, "z.1f"), ("a", "z"), ("a", "+z"), ("a", "z#"),
    ("a", "zd"), (None, "z"), (-1e-300, "z.3g"), (-0.0, "z#.0f"), (-0.0, "z,.2f"),
    (-1e-5, "z.3"), (-1e-5, "z"), (-0.0, "z.0"), (1, "zc"), (1, "z.2d"), (1, "zx"),
    (1, "z#b"), (1.5, "zd"), (-0.0, "zs"), (-0.001, "z.2E"), (-0.0, "z=+8.2f"),
    (-0.0, "*<z8.1f"), (-0.04, "zF"), (-0.0, "z_.3G"), (-0.0, "0=z8"), (-1234.5, "z,.0f"),
    (-0.0, "z.17g"), (-4e-324, "z.3e"), (-0.00001234, "z.2e"), (-0.009, "z.2%"),
]
for v, spec in znamed:
    fmt(v, spec)
zrnd = random.Random(682)
zvalues = floats + [-0.0, -0.004, -0.005, -0.05, -0.5, -0.49, -1e-7, -0.0001, -1.5, -0.999, 0, -7,
                    "ab", True, None]
for _ in range(400):
    v = zrnd.choice(zvalues)
    spec = (zrnd.choice(fills) + zrnd.choice(signs) + "z" + zrnd.choice(alts) + zrnd.choice(zeros)
            + zrnd.choice(fwidths) + zrnd.choice(groupings) + zrnd.choice(fprecs) + zrnd.choice(types))
    fmt(v, spec)

# Widths and precisions: CPython's refusals, and wide ones within
# loggen's limit (pyfmt.MaxWidth).
fwide = [
    (1.0, ".2147483648f"), (1, ".2147483648f"), (1.0, ".99999999999"), (1.5, ".4294967296e"),
    (1, ".2147483648%"), ("ab", ".99999999999"), ("ab", ".2147483648"), (1.0, "z.2147483648f"),
    ("ab", "600"), ("ab", "*^601"), (5, "0600,"), (-5, "+600_x"), (1.5, ".1000e"), (0.1, "#.500g"),
    (1.0, ".400f"), (-2.5, "1000,.300f"), (1e300, ".400f"), (1e300, ",.40f"),
]
for v, spec in fwide:
    fmt(v, spec)

# ---------------------------------------------------------------------
# message: msg % args, with logging's single-mapping rule


def message(msg, args):
    d = {"kind": "message", "spec": msg}
    if isinstance(args, dict):
        d["mapping"] = {k: enc(v) for k, v in args.items()}
        run(d, lambda: msg % args)
    else:
        d["args"] = [enc(a) for a in args]
        run(d, lambda: msg % tuple(args))


messages = [
    ("%s %d", ("x", 5)), ("hello %s", ("world",)), ("%s", ("x",)), ("%d%%", (50,)),
    ("%%", ()), ("%%s", (1,)), ("100%% of %s", ("it",)), ("%s %s", (1,)), ("%s", (1, 2)),
    ("%s", ()), ("hi", (1,)), ("%y", (1,)), ("ab%y", (1,)), ("é%y", (1,)), ("%é", (1,)),
    ("%\x01", (1,)), ("%\x1f", (1,)), ("%y", ()), ("abc%", (1,)), ("%5", (1,)), ("%-", (1,)),
    ("%.", (1,)), ("%5%", (1,)), ("%5%", ()), ("%-5%", (1,)), ("%.3%", (1,)),
    ("%*d", (5, 3)), ("%-*d", (5, 3)), ("%*d", (-5, 3)), ("%.*f", (2, 3.14159)),
    ("%.*f", (-2, 3.14159)), ("%*d", ("a", 3)), ("%*s", (1.5, "a")), ("%*s", (True, "a")),
    ("%.*s", (True, "abc")), ("%.*s", (-1, "abc")), ("%*.*f", (10, 3, 3.14159)),
    ("%.*d", (3, 5)), ("%*d", (5,)), ("%ld", (5,)), ("%hd", (5,)), ("%Ld", (5,)),
    ("%lf", (5.0,)), ("%ls", ("x",)), ("%(a)s", {"a": 1}), ("%(a)s %(b)d", {"a": 1, "b": 2}),
    ("%(a)s", {"b": 1}), ("%s", {"a": "x"}), ("%(a)s", (1,)), ("%(a", {"a": 1}),
    ("%(a(b))s", {"a(b)": 1}), ("%(a)", {"a": 1}), ("%(a)s %s", {"a": 1}),
    ("%(a)s %(a)r", {"a": "q"}), ("%(a)*d", {"a": 1}), ("%(a)%", {"a": 1}),
    ("%(x)-5s|%(y)05.1f", {"x": "ab", "y": 2.25}), ("%(n)d", {"n": None}),
    ("%d", ("ab",)), ("%x", (1.5,)), ("%c", ("ab",)), ("%c", (65,)), ("%c", (0x110000,)),
    ("%d", (float("inf"),)), ("%s=%r", ("k", "v")), ("%r", ("it's",)), ("%a", ("日本",)),
    ("%s %s %s", (None, True, 1.5)), ("%5.2f|%-8s|%03d", (3.14159, "ab", 7)),
    ("%(x)s %(x)s", {"x": "dup"}), ("%(é)s", {"é": 1}), ("日本%s語", ("x",)),
    ("%s", ("日本",)), ("%-6s|", ("日本",)), ("%+.3e", (12345.678,)), ("%#x %#o", (255, 8)),
    ("%i %u", (-7, 7)), ("%%%s%%", ("x",)), ("", ()), ("plain", ()), ("% d", (5,)),
    ("%z", {"a": 1}), ("%(a)z", {"a": 1}), ("%s", (INT64_MIN,)), ("%.3s", ("abcdef",)),
    # Widths and precisions CPython refuses, in the order it finds them.
    ("%99999999999999999999d", (1,)), ("%18446744073709551617d", (1,)),
    ("%9223372036854775808d", (1,)), ("%.2147483648d", (1,)), ("%.99999999999999999999f", (1.0,)),
    ("%99999999999999999999", ()), ("%.99999999999999999999", ()), ("%99999999999999999999d", ()),
    ("%(a)99999999999999999999s", {"a": 1}), ("%(a).2147483648s", {"a": 1}),
    ("%.2147483647d", (1,)), ("%.2147483645x", (1,)), ("%.2147483645d", (1.5,)),
    ("%.2147483645d", ("ab",)), ("%.2147483645d", (float("inf"),)), ("%.2147483645i", (True,)),
    ("%*d", (2**63, 1)), ("%*d", (2**64 - 1, 1)), ("%*d", (-2**63, 1)), ("%-*d|", (-2**63, 1)),
    ("%.*d", (2**31, 1)), ("%.*d", (-2**31 - 1, 1)), ("%.*f", (-2**31, 1.0)),
    ("%.*d", (2**31 - 1, 1)), ("%.*s", (2**31 - 1, "ab")), ("%.*x", (2**31 - 3, 1)),
    ("%*.*d", (2**63, "x", 1)), ("%*.*d", (5, 2**31, 1)), ("%.2147483647s", ("ab",)),
    ("%.2147483647c", (65,)),
    # Wide ones within loggen's limit (pyfmt.MaxWidth).
    ("%600d|%-600s|%.600f", (5, "x", 0.5)), ("%*s|", (1000, "x")), ("%-*s|", (-1000, "x")),
    ("%.*f", (3000, 1.5)), ("%(a)500s%(a)-500s", {"a": "q"}), ("%.*s", (100000, "abc")),
]
for msg, args in messages:
    message(msg, args)

# ---------------------------------------------------------------------
# repr, ascii, float repr

rstrs = strs + [
    "'", '"', "'\"", "\\", "\r\n\t", "\x00\x01\x1f", "\x80\x9f\xa0\xad\xff", "é", "\u0378",
    "\u200b", "\u2028\u2029", "\ue000", "\ufeff", "\ufffd", "\U0001F600", "\U000E0001",
    "\U0010FFFF", "\u0301a\u0301", "Ωмир", "\u3000", "\u1680", "a b", "\x85", "\x1b[0m",
]
for _ in range(120):
    n = rnd.randint(1, 4)
    cps = []
    for _ in range(n):
        r = rnd.random()
        if r < 0.3:
            cp = rnd.randint(0, 0x7F)
        elif r < 0.6:
            cp = rnd.randint(0x80, 0x7FF)
        elif r < 0.9:
            cp = rnd.randint(0x800, 0xFFFF)
        else:
            cp = rnd.randint(0x10000, 0x10FFFF)
        if 0xD800 <= cp <= 0xDFFF:
            cp = 0x41
        cps.append(chr(cp))
    rstrs.append("".join(cps))
for s in rstrs:
    run({"kind": "repr", "in": enc(s)}, lambda: repr(s))
    run({"kind": "ascii", "in": enc(s)}, lambda: ascii(s))

rfloats = floats + [
    1e15, 1e16, 1e17, 9999999999999998.0, 2e16 + 8, 1e-4, 1e-5, 0.00012345, 1.5e-7,
    1.7976931348623157e308, 2.2250738585072014e-308, 5000.0, 123.0, 0.3, 0.1 + 0.2,
    1e23, 8.41e21, 5e-310, -1.0, 1234567890123456.7, 123456789012345678.0,
]
for _ in range(200):
    import struct
    bits = rnd.getrandbits(64)
    f = struct.unpack("<d", struct.pack("<Q", bits))[0]
    rfloats.append(f)
for _ in range(100):
    rfloats.append(rnd.uniform(-1e6, 1e6))
    rfloats.append(round(rnd.uniform(0, 1000), rnd.randint(0, 6)))
for f in rfloats:
    run({"kind": "floatrepr", "in": enc(f)}, lambda: repr(f))

# ---------------------------------------------------------------------
# strftime, C locale, TZ=UTC


def enc_tm(tt):
    return {
        "year": tt.tm_year, "month": tt.tm_mon, "day": tt.tm_mday, "hour": tt.tm_hour,
        "minute": tt.tm_min, "second": tt.tm_sec, "weekday": (tt.tm_wday + 1) % 7,
        "yday": tt.tm_yday, "zone": tt.tm_zone, "offset": tt.tm_gmtoff,
        "unix": calendar.timegm(tt),
    }


def utc(y, mo, d, h=0, mi=0, s=0):
    return time.gmtime(calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0)))


tms = [
    time.gmtime(1700000000), time.gmtime(0), utc(2000, 2, 29, 9, 5, 7), utc(2020, 12, 31, 12, 0, 0),
    utc(2021, 1, 1, 0, 0, 1), utc(2024, 12, 30, 23, 59, 59), utc(2023, 1, 1, 13, 1, 2),
    utc(2026, 1, 4, 11, 59, 59), utc(2010, 1, 3), utc(1999, 12, 31, 23, 59, 60 - 1),
    utc(2032, 2, 29, 12, 30), time.gmtime(-1),
    time.struct_time((2023, 11, 14, 17, 3, 2, 1, 318, 0, "EST", -18000)),
    time.struct_time((2023, 1, 2, 0, 3, 2, 0, 2, 0, "IST", 19800)),
]
directives = "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%"
for tt in tms:
    for flag in ["", "-", "_", "0", "^", "#"]:
        for d in directives:
            directive = "%" + flag + d
            run({"kind": "strftime", "spec": directive, "tm": enc_tm(tt)},
                lambda: time.strftime(directive, tt))

# Python's default Formatter.formatTime (no datefmt), over gmtime.
fmtr = logging.Formatter()
fmtr.converter = time.gmtime
for created in [1700000000.123456, 0.0, 951815107.999, 1609459200.5, 4102444800.001]:
    rec = logging.LogRecord("n", logging.INFO, "p", 1, "m", None, None)
    rec.created = created
    rec.msecs = int((created - int(created)) * 1000) + 0.0
    tt = time.gmtime(created)
    run({"kind": "asctime", "tm": enc_tm(tt), "in": {"type": "int", "value": str(int(rec.msecs))}},
        lambda: fmtr.formatTime(rec))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pyformat_vectors.json")
with open(out, "w", encoding="utf-8") as f:
    # One vector per line, so that a regenerated file diffs readably.
    f.write('{"python": %s, "vectors": [\n' % json.dumps(sys.version.split()[0]))
    f.write(",\n".join(json.dumps(v, ensure_ascii=True, sort_keys=True) for v in vectors))
    f.write("\n]}\n")
print(f"wrote {len(vectors)} vectors to {out}")
