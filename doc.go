// Package loggen is the root of the loggen module, which turns a Python
// logging configuration (a logging.config.dictConfig dictionary in YAML or
// JSON) into Go code: package model reads and checks the configuration,
// package gen generates a Go package from it, package runtime is the logging
// library the generated code runs on, and cmd/loggen is the command.
//
// This root package holds no code. It only carries the conformance test
// (conformance_test.go), which runs the cases of testdata/conformance (and
// of $LOGGEN_CONFORMANCE_DIR when set) through loggen and compares the
// output with what CPython writes, byte for byte.
package loggen
