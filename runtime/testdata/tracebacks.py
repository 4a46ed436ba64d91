"""Prints, as JSON, how CPython's traceback module prints chained exceptions
and exception groups (without stacks), for runtime's TestExcTextCPython.

Each case builds exceptions whose classes stand for the Go error types of
the test: their module is the Go package name and their qualname the Go
type name, so Python prints "runtime.ValueError: ..." where loggen prints
the Go type. Run it with CPython 3.11 and commit its output:

    python3 tracebacks.py > tracebacks.json
"""
import json
import traceback


def cls(module, name, base=Exception):
    c = type(name, (base,), {})
    c.__module__ = module
    c.__qualname__ = name
    return c


ValueError_ = cls("runtime", "ValueError")
Wrap = cls("runtime", "Wrap")
Group = cls("runtime", "Group", ExceptionGroup)
Join = cls("errors", "joinError", ExceptionGroup)


def caused(outer, inner):
    outer.__cause__ = inner
    return outer


def text(e):
    s = "".join(traceback.format_exception(e))
    return s[:-1] if s.endswith("\n") else s


def nest(depth):
    g = Group("level 0", [ValueError_("leaf")])
    for i in range(1, depth):
        g = Group("level %d" % i, [g])
    return g


cases = {
    "chain2": caused(Wrap("read config: boom"), ValueError_("boom")),
    "chain3": caused(Wrap("serve: read config: boom"),
                     caused(Wrap("read config: boom"), ValueError_("boom"))),
    "group": Group("two", [ValueError_("a"), ValueError_("b")]),
    "join": Join("", [ValueError_("a"),
                      caused(Wrap("b: c"), ValueError_("c"))]),
    "nested": Group("outer", [ValueError_("a"),
                              Group("inner", [ValueError_("b"), ValueError_("c")])]),
    "wide": Group("many", [ValueError_(str(i)) for i in range(17)]),
    "multiline": caused(Wrap("two\nlines"), Group("g", [ValueError_("x\ny")])),
    "group-caused": caused(Wrap("wrapped"), Group("inner", [ValueError_("a")])),
    "deep": nest(12),
    "empty": caused(Wrap(""), ValueError_("")),
}
print(json.dumps({k: text(v) for k, v in cases.items()}, indent=1, sort_keys=True))
