package listen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/level"
	"github.com/loggen/loggen/runtime/pyconf"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// Apply applies one configuration as the listener does: a JSON dictConfig
// dictionary, or else a fileConfig INI file. It checks the whole
// configuration first; on an error nothing changes.
func Apply(data []byte) error {
	c, incremental, err := parse(data)
	if err != nil {
		return err
	}
	if incremental != nil {
		return logging.ConfigureDict(incremental)
	}
	return logging.Configure(c)
}

// parse reads and checks a configuration: a whole one as a logging.Config,
// or an incremental dictConfig dictionary (which logging.ConfigureDict
// checks as it applies it).
func parse(data []byte) (c *logging.Config, incremental map[string]any, err error) {
	var d any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&d); err == nil {
		if _, err := dec.Token(); err == io.EOF {
			m, ok := d.(map[string]any)
			if !ok {
				return nil, nil, fmt.Errorf("a JSON configuration is a dictionary, not %s", jsonKind(d))
			}
			return parseDict(m)
		}
	}
	ini, err := parseINI(data)
	if err != nil {
		return nil, nil, err
	}
	return parseDict(ini)
}

// parseDict reads a dictConfig dictionary.
func parseDict(d map[string]any) (*logging.Config, map[string]any, error) {
	if pyfmt.Truthy(d["incremental"]) {
		return nil, d, nil
	}
	b := &builder{}
	c := b.dictConfig(d)
	if err := errors.Join(b.errs...); err != nil {
		return nil, nil, err
	}
	return c, nil, nil
}

// A builder turns a whole configuration into a logging.Config, collecting
// every mistake.
type builder struct {
	errs       []error
	formatters map[string]logging.Formatter
	filters    map[string]logging.Filter
	handlers   map[string]bool
}

func (b *builder) errorf(format string, args ...any) {
	b.errs = append(b.errs, fmt.Errorf(format, args...))
}

// runtimeClasses are the handler classes a configuration made at run time
// may name: those of Python's logging module that the runtime has.
var runtimeClasses = []string{"logging.StreamHandler", "logging.FileHandler", "logging.NullHandler"}

// dictConfig builds a whole dictConfig configuration.
func (b *builder) dictConfig(d map[string]any) *logging.Config {
	if v, ok := intOf(d["version"]); !ok || v != 1 {
		b.errorf("version must be 1, got %v", d["version"])
	}
	c := &logging.Config{DisableExistingLoggers: true}
	if v, ok := d["disable_existing_loggers"]; ok {
		c.DisableExistingLoggers = pyfmt.Truthy(v)
	}
	b.formatters = map[string]logging.Formatter{}
	for _, id := range sortedKeys(mapOf(b, "formatters", d["formatters"])) {
		b.formatter(id, mapOf(b, "formatter "+quote(id), d["formatters"].(map[string]any)[id]))
	}
	b.filters = map[string]logging.Filter{}
	for _, id := range sortedKeys(mapOf(b, "filters", d["filters"])) {
		f := mapOf(b, "filter "+quote(id), d["filters"].(map[string]any)[id])
		if fac, ok := f["()"]; ok && fac != "logging.Filter" {
			b.errorf("filter %q: '()' %v: a configuration sent at run time can make only logging.Filter", id, fac)
			continue
		}
		b.filters[id] = logging.NameFilter(str(b, "filter "+quote(id)+": name", f["name"]))
	}
	hs := mapOf(b, "handlers", d["handlers"])
	b.handlers = map[string]bool{}
	for id := range hs {
		b.handlers[id] = true
	}
	for _, id := range sortedKeys(hs) {
		if hc, ok := b.handler(id, mapOf(b, "handler "+quote(id), hs[id])); ok {
			c.Handlers = append(c.Handlers, hc)
		}
	}
	for _, name := range sortedKeys(mapOf(b, "loggers", d["loggers"])) {
		lc := b.logger("logger "+quote(name), mapOf(b, "logger "+quote(name), d["loggers"].(map[string]any)[name]), false)
		lc.Name = name
		c.Loggers = append(c.Loggers, lc)
	}
	if r, ok := d["root"]; ok && pyfmt.Truthy(r) {
		lc := b.logger("root", mapOf(b, "root", r), true)
		c.Root = &lc
	}
	return c
}

// formatter builds one formatter of a dictConfig.
func (b *builder) formatter(id string, f map[string]any) {
	ctx := "formatter " + quote(id)
	if fac, ok := f["()"]; ok && fac != "logging.Formatter" {
		b.errorf("%s: '()' %v: a configuration sent at run time can make only logging.Formatter", ctx, fac)
		return
	}
	if cls, ok := f["class"]; ok && cls != nil && cls != "logging.Formatter" {
		b.errorf("%s: class %v: a configuration sent at run time can make only logging.Formatter", ctx, cls)
		return
	}
	format := f["format"]
	if format == nil {
		format = f["fmt"]
	}
	o := logging.FormatterOptions{Datefmt: str(b, ctx+": datefmt", f["datefmt"])}
	if s := str(b, ctx+": style", f["style"]); s != "" {
		o.Style = s[0]
	}
	if v, ok := f["validate"]; ok {
		o.NoValidate = !pyfmt.Truthy(v)
	}
	if defs, ok := f["defaults"].(map[string]any); ok {
		o.Defaults = map[string]any{}
		for k, v := range defs {
			o.Defaults[k] = scalar(v)
		}
	}
	fm, err := logging.NewFormatter(str(b, ctx+": format", format), o)
	if err != nil {
		b.errorf("%s: %v", ctx, err)
		return
	}
	b.formatters[id] = fm
}

// handler builds one handler of a dictConfig.
func (b *builder) handler(id string, h map[string]any) (logging.HandlerConfig, bool) {
	ctx := "handler " + quote(id)
	hc := logging.HandlerConfig{ID: id}
	class, ok := h["class"].(string)
	if fac, ok := h["()"].(string); ok {
		class = fac
	}
	canon, known := canonicalClass(class)
	if !ok && h["()"] == nil || !known {
		b.errorf("%s: class %q: a configuration sent at run time can make only %s; generate one with loggen for other classes", ctx, class, strings.Join(runtimeClasses, ", "))
		return hc, false
	}
	if lv, ok := h["level"]; ok && lv != nil {
		l, err := levelOf(lv)
		if err != nil {
			b.errorf("%s: level: %v", ctx, err)
		}
		hc.Level = l
	}
	if fid := str(b, ctx+": formatter", h["formatter"]); fid != "" {
		f, ok := b.formatters[fid]
		if !ok {
			b.errorf("%s: unknown formatter %q", ctx, fid)
		}
		hc.Formatter = f
	}
	hc.Filters = b.filterList(ctx, h["filters"])
	kw := map[string]any{}
	for k, v := range h {
		switch k {
		case "class", "()", "level", "formatter", "filters":
		default:
			kw[k] = v
		}
	}
	switch canon {
	case "logging.StreamHandler":
		var w io.Writer = os.Stderr
		switch s := kw["stream"]; s {
		case nil, "ext://sys.stderr":
		case "ext://sys.stdout":
			w = os.Stdout
		default:
			b.errorf("%s: stream %v: use ext://sys.stdout or ext://sys.stderr", ctx, s)
		}
		delete(kw, "stream")
		hc.New = func() (logging.Handler, error) { return logging.NewStreamHandler(w), nil }
	case "logging.FileHandler":
		o := logging.FileOptions{
			Filename: str(b, ctx+": filename", kw["filename"]),
			Mode:     str(b, ctx+": mode", kw["mode"]),
			Encoding: str(b, ctx+": encoding", kw["encoding"]),
			Delay:    pyfmt.Truthy(kw["delay"]),
		}
		if o.Filename == "" {
			b.errorf("%s: missing required key \"filename\"", ctx)
		}
		if e := str(b, ctx+": errors", kw["errors"]); e != "" && e != "strict" {
			b.errorf("%s: errors %q: loggen handles only \"strict\"", ctx, e)
		}
		for _, k := range []string{"filename", "mode", "encoding", "delay", "errors"} {
			delete(kw, k)
		}
		hc.New = func() (logging.Handler, error) { return logging.NewFileHandler(o) }
	case "logging.NullHandler":
		hc.New = func() (logging.Handler, error) { return logging.NewNullHandler(), nil }
	}
	for _, k := range sortedKeys(kw) {
		b.errorf("%s: %s does not take %q", ctx, canon, k)
	}
	return hc, true
}

// logger builds one logger (or the root logger) of a dictConfig.
func (b *builder) logger(ctx string, l map[string]any, root bool) logging.LoggerConfig {
	var lc logging.LoggerConfig
	if lv, ok := l["level"]; ok && lv != nil {
		v, err := levelOf(lv)
		if err != nil {
			b.errorf("%s: level: %v", ctx, err)
		}
		lc.Level, lc.LevelSet = v, true
	}
	if p, ok := l["propagate"]; ok && p != nil && !root {
		lc.Propagate, lc.PropagateSet = pyfmt.Truthy(p), true
	}
	lc.Filters = b.filterList(ctx, l["filters"])
	if hs, ok := l["handlers"]; ok && hs != nil {
		list, ok := hs.([]any)
		if !ok {
			b.errorf("%s: handlers must be a list", ctx)
		}
		for _, h := range list {
			id, _ := h.(string)
			if !b.handlers[id] {
				b.errorf("%s: unknown handler %v", ctx, h)
				continue
			}
			lc.Handlers = append(lc.Handlers, id)
		}
	}
	return lc
}

func (b *builder) filterList(ctx string, v any) []logging.Filter {
	if v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		b.errorf("%s: filters must be a list", ctx)
		return nil
	}
	var out []logging.Filter
	for _, f := range list {
		id, _ := f.(string)
		flt, ok := b.filters[id]
		if !ok {
			b.errorf("%s: unknown filter %v", ctx, f)
			continue
		}
		out = append(out, flt)
	}
	return out
}

// canonicalClass returns the canonical name of a handler class a run-time
// configuration may name ("StreamHandler", "logging.StreamHandler",
// "ext://logging.StreamHandler"), and whether it is one.
func canonicalClass(name string) (string, bool) {
	name = strings.TrimPrefix(name, "ext://")
	if !strings.Contains(name, ".") {
		name = "logging." + name // fileConfig's eval in the logging module
	}
	for _, c := range runtimeClasses {
		if c == name {
			return c, true
		}
	}
	return name, false
}

// mapOf returns v as a dictionary (nil as an empty one), reporting other
// values.
func mapOf(b *builder, ctx string, v any) map[string]any {
	if v == nil {
		return map[string]any{}
	}
	m, ok := v.(map[string]any)
	if !ok {
		b.errorf("%s must be a dictionary, not %s", ctx, jsonKind(v))
		return map[string]any{}
	}
	return m
}

// str returns v as a string ("" for nil), reporting other values.
func str(b *builder, ctx string, v any) string {
	if v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		b.errorf("%s must be a string, not %s", ctx, jsonKind(v))
	}
	return s
}

// scalar converts a JSON value for a formatter default.
func scalar(v any) any {
	if n, ok := v.(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			return i
		}
		f, _ := n.Float64()
		return f
	}
	return v
}

func intOf(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		i, err := x.Int64()
		return i, err == nil
	case int64:
		return x, true
	case int:
		return int64(x), true
	}
	return 0, false
}

// levelOf converts a level given as a registered name or an integer.
func levelOf(v any) (logging.Level, error) {
	if s, ok := v.(string); ok {
		if l, ok := level.Parse(s); ok {
			return l, nil
		}
		return 0, fmt.Errorf("unknown level: %q", s)
	}
	if i, ok := intOf(v); ok {
		return logging.Level(i), nil
	}
	return 0, fmt.Errorf("level not an integer or a name: %v", v)
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a dictionary"
	case []any:
		return "a list"
	case string:
		return "a string"
	case json.Number, int64, float64:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// parseINI reads a fileConfig INI file as pyconf reads it for the
// generator, and converts it to a dictConfig dictionary.
func parseINI(data []byte) (map[string]any, error) {
	f, errs := pyconf.ReadINI(data)
	if len(errs) > 0 || f == nil {
		var all []error
		for _, e := range errs {
			all = append(all, e)
		}
		if len(all) == 0 {
			all = append(all, errors.New("not a JSON dictionary nor an INI file"))
		}
		return nil, fmt.Errorf("not JSON, and not a readable INI file: %w", errors.Join(all...))
	}
	return iniDict(f)
}
