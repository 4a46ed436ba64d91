// Package pyconf reads the syntax of Python's logging configuration files
// without running Python: configparser's INI files, as fileConfig reads
// them (sections, continuation lines, comments, the DEFAULT section and
// BasicInterpolation), and the Python literals fileConfig evaluates in
// args= and kwargs= (tuples, lists, dicts, strings, numbers, True, False,
// None, sys.stdout, level names and the logging.handlers constants, and the
// constructors tuple(), list() and dict() over them). Nothing is evaluated:
// anything else is an error at its position. It also holds how PyYAML's
// yaml.safe_load reads plain scalars (YAMLTag, YAMLScalar: YAML 1.1's
// yes/on/off booleans, octal 017, base-60 1:30).
//
// The generator (package model), the run-time listener (runtime/listen)
// and the reloader (runtime/reload) read INI files, and YAML scalars, with it.
package pyconf
