// Package examples holds runnable programs that use loggen, each with its
// logging configuration, a go:generate line and the generated package
// committed beside it:
//
//   - basic: the first program of Python's logging tutorial (a file
//     handler in mode "w", root at DEBUG).
//   - jsonlog: one logging.yaml for a Python program (app.py, with
//     python-json-logger's JsonFormatter) and a Go one, which write the same
//     JSON lines.
//   - extra: a typed extra attribute (%(user)s), caller information
//     (%(funcName)s, %(lineno)d) and a 12-hour datefmt.
//   - sdk: an SDK-style library (boto3 / botocore / botocore.client.S3)
//     that logs through loggers it gets by name, and an application whose
//     configuration alone turns on one subsystem's debug output.
//   - dictconfig: the brief/precise formatters, the filtered console
//     handler and the rotating file of the logging.config reference.
//   - ini: the fileConfig INI file of the logging.config reference
//     (hand01…, form01…), read directly by loggen.
//   - syslog: records sent to a syslog daemon with CPython's bytes.
//   - queue: a QueueHandler in front of a slow file handler; the caller
//     only enqueues, and Shutdown drains the queue.
//   - stdlib: log/slog's default logger and the log package going through
//     the configuration (runtime/slogbridge, runtime/stdlog), an error's
//     chain and stack printed as a Python traceback, a recovered panic.
//   - contextcfg: record attributes read from the context of each log
//     call by Go functions that loggen's context section names (trace and
//     span ids, a tenant), with defaults for calls without them, and a
//     recovered panic logged with an ExtraLogger's extras.
//   - otel: a module of its own (so that loggen's does not depend on
//     OpenTelemetry) that ships records over OTLP/HTTP through a Go
//     factory returning a slogbridge.Forwarder; its test runs a receiver.
//
// The tests in this directory regenerate every example and compare with the
// committed code, then run each program and check what it writes.
package examples
