package dictconfig

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/loggen/loggen/runtime/pyconf"
)

// handlerArgs are the positional parameters of the handler classes a
// configuration made at run time may name, as fileConfig's args pass them.
var handlerArgs = map[string][]string{
	"logging.StreamHandler": {"stream"},
	"logging.FileHandler":   {"filename", "mode", "encoding", "delay", "errors"},
	"logging.NullHandler":   nil,
}

// iniReader turns a fileConfig INI file into the dictConfig dictionary that
// configures the same things, as Python's fileConfig reads it: format,
// datefmt and style raw, the other options interpolated, args and kwargs
// as Python literals.
type iniReader struct {
	f    *pyconf.INI
	errs []error
	pos  map[string][2]int // where each key of the dictionary comes from, by joined path
}

// errorf records a mistake at line:col (0:0 when the file lacks what is
// missing).
func (r *iniReader) errorf(line, col int, format string, args ...any) {
	r.errs = append(r.errs, &Error{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// at returns the position of option name of section s (or of DEFAULT), or
// else of s.
func (r *iniReader) at(s *pyconf.Section, name string) (int, int) {
	o := s.Option(name)
	if o == nil {
		o = r.f.Defaults.Option(name)
	}
	if o == nil {
		return s.Line, s.Col
	}
	return o.Line, o.Col
}

// mark records that the dictionary's key path comes from option name of
// section s (from s itself if name is "").
func (r *iniReader) mark(s *pyconf.Section, name string, path ...string) {
	l, c := s.Line, s.Col
	if name != "" {
		l, c = r.at(s, name)
	}
	r.pos[strings.Join(path, "\x00")] = [2]int{l, c}
}

// get returns the value of option name of section s (or of DEFAULT),
// interpolated unless raw, and whether it is there.
func (r *iniReader) get(s *pyconf.Section, name string, raw bool) (string, bool) {
	o := s.Option(name)
	if o == nil {
		o = r.f.Defaults.Option(name)
	}
	if o == nil {
		return "", false
	}
	if raw {
		return o.Value, true
	}
	v, bad := r.f.Interpolate(s, o.Value)
	if bad != "" {
		l, c := r.at(s, name)
		r.errorf(l, c, "section [%s]: %s: %s", s.Name, name, bad)
		return "", false
	}
	return v, true
}

// keys returns the ids listed by keys= in section name ([loggers],
// [handlers], [formatters]), as fileConfig splits them.
func (r *iniReader) keys(name string, required bool) []string {
	s := r.f.Section(name)
	if s == nil {
		if required {
			r.errorf(0, 0, "no section [%s]", name)
		}
		return nil
	}
	v, ok := r.get(s, "keys", false)
	if !ok {
		r.errorf(s.Line, s.Col, "section [%s]: no keys=", name)
		return nil
	}
	return splitList(v)
}

// section returns section name, reporting its absence.
func (r *iniReader) section(name string) *pyconf.Section {
	s := r.f.Section(name)
	if s == nil {
		r.errorf(0, 0, "no section [%s]", name)
	}
	return s
}

// splitList splits a comma-separated list as fileConfig's _strip_spaces
// does, dropping empty items.
func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// INIDict converts a fileConfig INI file, as pyconf.ReadINI reads it, to
// the dictConfig dictionary that configures the same things, as Python's
// fileConfig reads it. where returns the line and column of the section or
// option a key of the dictionary comes from, given its path
// (["handlers", "h", "filename"] comes from args= of [handler_h]), or 0, 0.
// The mistakes are *Errors with their positions.
func INIDict(f *pyconf.INI) (d map[string]any, where func(path []string) (line, col int), err error) {
	r := &iniReader{f: f, pos: map[string][2]int{}}
	d, err = r.dict()
	where = func(path []string) (int, int) {
		for n := len(path); n > 0; n-- {
			if p, ok := r.pos[strings.Join(path[:n], "\x00")]; ok {
				return p[0], p[1]
			}
		}
		return 0, 0
	}
	return d, where, err
}

// dict converts the file to a dictConfig dictionary.
func (r *iniReader) dict() (map[string]any, error) {
	d := map[string]any{"version": int64(1), "disable_existing_loggers": true}

	formatters := map[string]any{}
	for _, id := range r.keys("formatters", false) {
		s := r.section("formatter_" + id)
		if s == nil {
			continue
		}
		fm := map[string]any{}
		r.mark(s, "", "formatters", id)
		for _, k := range []string{"format", "datefmt", "style"} {
			if v, ok := r.get(s, k, true); ok {
				fm[k] = v
				r.mark(s, k, "formatters", id, k)
			}
		}
		if v, ok := r.get(s, "class", false); ok {
			fm["class"] = v
			r.mark(s, "class", "formatters", id, "class")
		}
		formatters[id] = fm
	}
	d["formatters"] = formatters

	handlers := map[string]any{}
	for _, id := range r.keys("handlers", false) {
		s := r.section("handler_" + id)
		if s == nil {
			continue
		}
		handlers[id] = r.handler(s, id)
	}
	d["handlers"] = handlers

	loggers := map[string]any{}
	ids := r.keys("loggers", true)
	hasRoot := false
	for _, id := range ids {
		if id == "root" {
			hasRoot = true
		}
	}
	if !hasRoot && r.f.Section("loggers") != nil {
		s := r.f.Section("loggers")
		l, c := r.at(s, "keys")
		r.errorf(l, c, "section [loggers]: keys= must list root")
	}
	for _, id := range ids {
		s := r.section("logger_" + id)
		if s == nil {
			continue
		}
		lg := map[string]any{}
		path := []string{"root"}
		if id != "root" {
			q, _ := r.get(s, "qualname", false)
			path = []string{"loggers", q}
		}
		r.mark(s, "", path...)
		for _, k := range []string{"level", "handlers", "propagate"} {
			r.mark(s, k, at(path, k)...)
		}
		if v, ok := r.get(s, "level", false); ok {
			lg["level"] = v
		}
		if v, ok := r.get(s, "handlers", false); ok {
			hs := []any{}
			for _, h := range splitList(v) {
				hs = append(hs, h)
			}
			lg["handlers"] = hs
		}
		if id == "root" {
			d["root"] = lg
			continue
		}
		q, ok := r.get(s, "qualname", false)
		if !ok {
			r.errorf(s.Line, s.Col, "section [%s]: no qualname=", s.Name)
			continue
		}
		lg["propagate"] = true
		if v, ok := r.get(s, "propagate", false); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				l, c := r.at(s, "propagate")
				r.errorf(l, c, "section [%s]: propagate: expected an integer (0 or 1), got %q", s.Name, v)
			}
			lg["propagate"] = n != 0
		}
		if _, dup := loggers[q]; dup {
			l, c := r.at(s, "qualname")
			r.errorf(l, c, "section [%s]: qualname %q is already configured", s.Name, q)
		}
		loggers[q] = lg
	}
	d["loggers"] = loggers
	return d, errors.Join(r.errs...)
}

// handler converts one [handler_id] section.
func (r *iniReader) handler(s *pyconf.Section, id string) map[string]any {
	h := map[string]any{}
	r.mark(s, "", "handlers", id)
	for _, k := range []string{"class", "level", "formatter"} {
		r.mark(s, k, "handlers", id, k)
	}
	cls, ok := r.get(s, "class", false)
	if !ok {
		r.errorf(s.Line, s.Col, "section [%s]: no class=", s.Name)
		return h
	}
	h["class"] = cls
	if v, ok := r.get(s, "level", false); ok {
		h["level"] = v
	}
	if v, ok := r.get(s, "formatter", false); ok && v != "" {
		h["formatter"] = v
	}
	canon, known := canonicalClass(cls)
	if !known {
		return h // the builder reports the class
	}
	params := handlerArgs[canon]
	if v, ok := r.get(s, "args", false); ok {
		al, ac := r.at(s, "args")
		lit, err := pyconf.ParseLiteral(v)
		switch {
		case err != nil:
			r.errorf(al, ac, "section [%s]: args: %v", s.Name, err)
		case lit.Kind != pyconf.Tuple && lit.Kind != pyconf.List:
			r.errorf(al, ac, "section [%s]: args must be a tuple, such as (sys.stdout,)", s.Name)
		case len(lit.Items) > len(params):
			r.errorf(al, ac, "section [%s]: args: %s takes %d arguments, got %d", s.Name, canon, len(params), len(lit.Items))
		default:
			for i, it := range lit.Items {
				h[params[i]] = goValue(it)
				r.mark(s, "args", "handlers", id, params[i])
			}
		}
	}
	if v, ok := r.get(s, "kwargs", false); ok {
		kl, kc := r.at(s, "kwargs")
		lit, err := pyconf.ParseLiteral(v)
		switch {
		case err != nil:
			r.errorf(kl, kc, "section [%s]: kwargs: %v", s.Name, err)
		case lit.Kind != pyconf.Dict:
			r.errorf(kl, kc, "section [%s]: kwargs must be a dict, such as {'stream': sys.stdout}", s.Name)
		default:
			for i := 0; i+1 < len(lit.Items); i += 2 {
				k := lit.Items[i]
				if k.Kind != pyconf.Str {
					r.errorf(kl, kc, "section [%s]: kwargs keys must be strings", s.Name)
					continue
				}
				if _, dup := h[k.Str]; dup {
					r.errorf(kl, kc, "section [%s]: %q is given twice (in args and kwargs)", s.Name, k.Str)
				}
				h[k.Str] = goValue(lit.Items[i+1])
				r.mark(s, "kwargs", "handlers", id, k.Str)
			}
		}
	}
	return h
}

// goValue converts a Python literal to the value a JSON configuration
// would hold.
func goValue(v pyconf.Value) any {
	switch v.Kind {
	case pyconf.Str, pyconf.Ext:
		return v.Str
	case pyconf.Int:
		return v.Int
	case pyconf.Float:
		return v.Float
	case pyconf.Bool:
		return v.Bool
	case pyconf.Tuple, pyconf.List:
		out := []any{}
		for _, it := range v.Items {
			out = append(out, goValue(it))
		}
		return out
	case pyconf.Dict:
		out := map[string]any{}
		for i := 0; i+1 < len(v.Items); i += 2 {
			out[fmt.Sprint(goValue(v.Items[i]))] = goValue(v.Items[i+1])
		}
		return out
	}
	return nil
}
