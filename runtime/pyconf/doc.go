// Package pyconf reads the syntax of Python's logging configuration files
// without running Python: configparser's INI files, as fileConfig reads
// them (sections, continuation lines, comments, the DEFAULT section and
// BasicInterpolation), and the Python literals fileConfig evaluates in
// args= and kwargs= (tuples, lists, dicts, strings, numbers, True, False,
// None, sys.stdout, level names and the logging.handlers constants, and the
// constructors tuple(), list() and dict() over them). Nothing is evaluated:
// anything else is an error at its position.
//
// The generator (package model) and the run-time listener
// (runtime/listen) both read INI files with it.
package pyconf
