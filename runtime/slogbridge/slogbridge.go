// Package slogbridge connects log/slog and loggen's loggers, both ways.
//
// Into loggen: Logger(l) is a *slog.Logger whose records go through the
// loggen logger l exactly as l's own calls do (l's level, filters,
// handlers and propagation, l's name as %(name)s), and NewHandler makes a
// slog.Handler for slog.SetDefault that picks the logger of each record by
// name, so that the one configuration decides where slog's records go too:
//
//	slog.SetDefault(slog.New(slogbridge.NewHandler(slogbridge.HandlerOptions{NameKey: "logger"})))
//	slog.With("logger", "app.db").Info("connected", "host", "db1")
//
// A slog record's time and program counter become the record's created
// time and caller (funcName, lineno, pathname name the slog call), its
// level maps to Python's (LevelFromSlog), and its attributes become the
// record's extra attributes, which formats print by name (%(host)s): a
// group qualifies the keys of its attributes as slog's TextHandler does
// ("request.method"). The context of a slog call is the record's
// (Record.Context), so the context extractors of
// logging.AddContextExtractor see it.
//
// Out of loggen: a Forwarder is a loggen handler that passes each record
// on to a slog.Handler, such as an OpenTelemetry bridge, with the logger's
// name, the message, the attributes, the time, the caller and the context;
// a Go factory of a configuration returns one:
//
//	func NewHandler() logging.Handler { return slogbridge.NewForwarder(otelslog.NewHandler("app")) }
//
// This package is separate from the runtime so that programs that do not
// use log/slog do not link it.
package slogbridge

import (
	"context"
	"log/slog"
	"math"
	"strconv"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// LevelFromSlog returns the Python level of a slog level: DEBUG (-4) is
// 10, INFO (0) is 20, WARN (4) is 30, ERROR (8) is 40, and the levels in
// between and beyond are in proportion, 2.5 Python levels per slog level,
// rounded down (INFO+2 is 25, ERROR+4 is 50, CRITICAL), and at least 1, as
// level 0 (NOTSET) is never logged.
func LevelFromSlog(l slog.Level) logging.Level {
	py := 20 + (5*int64(l))>>1 // floor(20 + 2.5·l)
	if py < 1 {
		py = 1
	}
	if py > math.MaxInt32 {
		py = math.MaxInt32
	}
	return logging.Level(py)
}

// LevelToSlog returns the slog level of a Python level, the nearest one
// by the proportion of LevelFromSlog: 10 is DEBUG, 20 INFO, 30 WARN, 40
// ERROR, 50 (CRITICAL) ERROR+4, 25 INFO+2. LevelFromSlog(LevelToSlog(l))
// is l for every level LevelFromSlog returns.
func LevelToSlog(l logging.Level) slog.Level {
	return slog.Level(math.Round(float64(2*(int64(l)-20)) / 5))
}

// Logger returns a *slog.Logger whose records go through l exactly as
// l's own calls do. It is l.Slog() in other words: a method would make
// every program link log/slog.
func Logger(l *logging.Logger) *slog.Logger {
	return slog.New(&Handler{logger: l})
}

// HandlerOptions configure the Handler of NewHandler.
type HandlerOptions struct {
	// NameKey is the key of the attribute whose value names the logger of
	// a record ("logger", say): the value of an attribute of that key
	// outside any group, given to With or to the call, picks the logger as
	// logging.Get(value) does, and is not kept as an attribute. "" means no
	// attribute picks the logger.
	NameKey string
	// Default is the name of the logger of the records that no attribute
	// names; "" is the root logger.
	Default string
}

// A Handler is a slog.Handler that logs each record through a loggen
// logger. Make one with NewHandler or Logger.
type Handler struct {
	logger  *logging.Logger
	nameKey string
	fields  []logging.Field // WithAttrs's, keys qualified
	prefix  string          // the groups of WithGroup: "g1.g2."
}

// NewHandler returns a Handler that logs through the logger named by each
// record's NameKey attribute or, without one, through the Default logger.
//
// Enabled answers for the logger that With chose (or the default): a call
// whose own attributes name another logger is logged if that logger is
// enabled for it too, but only if the first was.
func NewHandler(opts HandlerOptions) *Handler {
	return &Handler{logger: logging.Get(opts.Default), nameKey: opts.NameKey}
}

// Enabled reports whether the handler's logger handles records of level.
func (h *Handler) Enabled(_ context.Context, level slog.Level) bool {
	return h.logger.IsEnabledFor(LevelFromSlog(level))
}

// Handle logs r through the handler's logger, or the one r's attributes
// name. It returns nil: loggen's handlers report their failures
// themselves, as Python's do.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	logger := h.logger
	var buf [16]logging.Field
	fields := append(buf[:0], h.fields...)
	r.Attrs(func(a slog.Attr) bool {
		fields = h.appendAttr(fields, h.prefix, a, &logger)
		return true
	})
	var lctx logging.Context
	if ctx != nil {
		lctx = ctx
	}
	logger.LogEvent(lctx, LevelFromSlog(r.Level), r.Time, r.PC, nil, fields, r.Message)
	return nil
}

// WithAttrs returns a Handler whose records have attrs too; a NameKey
// attribute among them picks the logger.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	h2 := *h
	h2.fields = h.fields[:len(h.fields):len(h.fields)]
	for _, a := range attrs {
		h2.fields = h2.appendAttr(h2.fields, h.prefix, a, &h2.logger)
	}
	return &h2
}

// WithGroup returns a Handler that qualifies the keys of the attributes
// that follow with name: "name.key".
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	h2.prefix = h.prefix + name + "."
	return &h2
}

// appendAttr appends the fields of a, under prefix, to fields, or picks
// the logger if a names it.
func (h *Handler) appendAttr(fields []logging.Field, prefix string, a slog.Attr, logger **logging.Logger) []logging.Field {
	a.Value = a.Value.Resolve()
	if a.Equal(slog.Attr{}) {
		return fields
	}
	if a.Value.Kind() == slog.KindGroup {
		attrs := a.Value.Group()
		if len(attrs) == 0 {
			return fields
		}
		if a.Key != "" {
			prefix += a.Key + "."
		}
		for _, g := range attrs {
			fields = h.appendAttr(fields, prefix, g, logger)
		}
		return fields
	}
	if prefix == "" && h.nameKey != "" && a.Key == h.nameKey {
		*logger = logging.Get(a.Value.String())
		return fields
	}
	key := a.Key
	if prefix != "" {
		key = prefix + key
	}
	return append(fields, logging.Field{Key: key, Value: fromSlogValue(a.Value)})
}

// fromSlogValue returns the Python value of a resolved slog value that is
// not a group.
func fromSlogValue(v slog.Value) pyfmt.Value {
	switch v.Kind() {
	case slog.KindString:
		return pyfmt.StringValue(v.String())
	case slog.KindInt64:
		return pyfmt.IntValue(v.Int64())
	case slog.KindUint64:
		if u := v.Uint64(); u <= math.MaxInt64 {
			return pyfmt.IntValue(int64(u))
		} else {
			return pyfmt.StringValue(strconv.FormatUint(u, 10))
		}
	case slog.KindFloat64:
		return pyfmt.FloatValue(v.Float64())
	case slog.KindBool:
		return pyfmt.BoolValue(v.Bool())
	}
	return pyfmt.AnyValue(v.Any()) // durations, times, anything else: str() is fmt's %v
}
