// Package pyfmt is Python's text formatting, as CPython 3.11 does it, for
// the loggen runtime, its generator and the code it generates: the %
// operator's conversions (PercentSpec) and msg % args (AppendPercentArgs),
// format()'s format-spec mini-language (FormatSpec), repr() and ascii() of
// strings and floats, strftime over a broken-down time (Tm), and the
// Python-typed Value that extra record attributes hold.
//
// Every function appends to a byte slice and allocates nothing for
// strings, integers and floats unless the slice must grow. Errors are
// *Error values carrying Python's exception name and message. ParseFormat
// and AppendPercentArgs bound the widths and precisions that CPython
// accepts but that would take gigabytes (MaxWidth), and the parsers the
// length of a format (MaxFormatLen). The package
// imports nothing of loggen: generated code and the runtime use it, and the
// generator parses format strings into its spec types at build time.
package pyfmt
