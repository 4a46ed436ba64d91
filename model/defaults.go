package model

import (
	"math/big"

	"go.yaml.in/yaml/v3"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file checks a formatter's defaults (Python 3.10's
// Formatter(defaults=...), which dictConfig passes from a formatter's
// "defaults" key since Python 3.12): a mapping of field names to values
// that a format prints when the record has no attribute of that name.
// Python merges them as defaults | record.__dict__, so a record's attribute
// always wins, and a default for a LogRecord attribute is never used.

// A Default is one entry of a formatter's defaults.
type Default struct {
	Name  string
	Value pyfmt.Value // a str, int, float, bool or None
	Pos   Pos
}

// Default returns the formatter's default for the field name, and whether
// it has one.
func (f *Formatter) Default(name string) (pyfmt.Value, bool) {
	for _, d := range f.Defaults {
		if d.Name == name {
			return d.Value, true
		}
	}
	return pyfmt.Value{}, false
}

// defaults checks a formatter's defaults key. Python passes it on unless it
// is null; an empty mapping sets none.
func (c *checker) defaults(ctx string, v *yaml.Node) []Default {
	ctx += ": defaults"
	if isNull(v) || c.reference(ctx, v) {
		return nil
	}
	v = deref(v)
	if v.Kind != yaml.MappingNode {
		// Python raises on every record: defaults | record.__dict__.
		c.errorf(v, ctx, "expected a mapping of field names to values, got %s", describe(v))
		return nil
	}
	var out []Default
	for _, p := range c.pairs(v) {
		if !isString(p.key) {
			c.errorf(p.key, ctx, "field name %s must be a string; quote it", trunc(p.key.Value))
			continue
		}
		// Python copies the values as they are: a cfg:// or ext:// string
		// stays a string.
		if val, ok := c.defaultValue(ctx+": "+quote(p.name), p.val); ok {
			out = append(out, Default{Name: p.name, Value: val, Pos: c.pos(p.val)})
		}
	}
	return out
}

// defaultValue returns the value of one default: a str, an int, a float, a
// bool or None, as Python's loader reads it.
func (c *checker) defaultValue(ctx string, v *yaml.Node) (pyfmt.Value, bool) {
	v = deref(v)
	if c.noEnv(ctx, v, "defaults are compiled into the formatter when the code is generated") {
		return pyfmt.Value{}, false
	}
	if v.Kind != yaml.ScalarNode {
		c.errorf(v, ctx, "expected a string, number, boolean or null, got %s", describe(v))
		return pyfmt.Value{}, false
	}
	x, ok := pyScalar(v)
	if !ok {
		return pyfmt.Value{}, false // safeLoad reported it
	}
	switch x := x.(type) {
	case nil:
		return pyfmt.Value{}, true
	case string:
		return pyfmt.StringValue(x), true
	case bool:
		return pyfmt.BoolValue(x), true
	case int64:
		return pyfmt.IntValue(x), true
	case float64:
		return pyfmt.FloatValue(x), true
	}
	if isBig(x) {
		c.errorf(v, ctx, "%s is too big: loggen's integers are 64-bit", trunc(v.Value))
		return pyfmt.Value{}, false
	}
	c.errorf(v, ctx, "expected a string, number, boolean or null, got %s%s", describe(v), c.quoteHint(v))
	return pyfmt.Value{}, false
}

// checkDefaults checks f's defaults against its format: each use of a field with a default
// must print it as Python would, or the record without the attribute fails
// to format.
func (c *checker) checkDefaults(ctx string, f *Formatter) {
	if len(f.Defaults) == 0 {
		return
	}
	used := map[string]bool{}
	var fields []string
	for _, s := range f.Format.Segments {
		if s.Field != "" && !used[s.Field] {
			used[s.Field] = true
			fields = append(fields, s.Field)
		}
	}
	for _, d := range f.Defaults {
		if _, ok := pyfmt.RecordAttr(d.Name); ok {
			c.warn(d.Pos, "%s: defaults: %s is a LogRecord attribute, which every record has: Python never uses this default", ctx, quote(d.Name))
			continue
		}
		if f.ClassField(d.Name) {
			c.warn(d.Pos, "%s: defaults: %s sets %s on every record: Python never uses this default", ctx, f.Class.Name, quote(d.Name))
			continue
		}
		if !used[d.Name] {
			c.warn(d.Pos, "%s: defaults: the format has no field %s%s", ctx, quote(d.Name), suggest(d.Name, fields))
			continue
		}
		for i, s := range f.Format.Segments {
			if s.Field != d.Name {
				continue
			}
			if _, err := pyfmt.AppendField(nil, f.Format.Style, s, d.Value); err != nil {
				c.add(d.Pos, "%s: defaults: %s: %s cannot print this default (%s): %s",
					ctx, quote(d.Name), fieldText(f.Format, i), d.Value.AppendRepr(nil), pythonError(err))
				break
			}
		}
	}
}

// fieldText returns the text of the field reference of segment i, as the
// format writes it.
func fieldText(f *pyfmt.Format, i int) string {
	end := len(f.Raw)
	if i+1 < len(f.Segments) {
		end = f.Segments[i+1].Offset
	}
	return trunc(f.Raw[f.Segments[i].Offset:end])
}

// pythonError returns err as Python prints an exception: "TypeError: msg".
func pythonError(err error) string {
	if pe, ok := err.(*pyfmt.Error); ok && pe.Exc != "" {
		return pe.Exc + ": " + pe.Msg
	}
	return err.Error()
}

// defaultTypes gives an extra whose uses take any type (%s, {}) the type of
// its int or float defaults, when every use of it can print that type: the
// Go field of Extra then has the type of the values the formatters expect.
// A bool default keeps the type a str (Extra has no bool fields).
func (c *checker) defaultTypes() {
	for _, x := range c.cfg.Extras {
		if x.Type != pyfmt.TypeString {
			continue
		}
		want := pyfmt.TypeString
		for _, f := range c.cfg.Formatters {
			d, ok := f.Default(x.Name)
			if !ok || f.Factory != nil {
				continue
			}
			switch d.Kind() {
			case pyfmt.KindInt:
				want = max(want, pyfmt.TypeInt)
			case pyfmt.KindFloat:
				want = max(want, pyfmt.TypeFloat)
			}
		}
		sample := pyfmt.IntValue(0)
		switch want {
		case pyfmt.TypeString:
			continue
		case pyfmt.TypeFloat:
			sample = pyfmt.FloatValue(0)
		}
		fits := true
		for _, f := range c.cfg.Formatters {
			for _, s := range f.Format.Segments {
				if s.Field == x.Name && s.Extra {
					if _, err := pyfmt.AppendField(nil, f.Format.Style, s, sample); err != nil {
						fits = false
					}
				}
			}
		}
		if fits {
			x.Type = want
		}
	}
}

// isBig reports whether x is an integer PyYAML built that does not fit in
// 64 bits.
func isBig(x any) bool {
	_, ok := x.(*big.Int)
	return ok
}
