package model

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file reads the context section of loggen's own key: record
// attributes that Go functions read from the context of each log call
// (InfoContext(ctx, msg) and the other ...Context methods).
//
//	loggen:
//	  context:
//	    trace_id: example.com/app/obs.TraceID   # func(context.Context) string
//	    span_id:  example.com/app/obs.SpanID    # func(context.Context) (string, bool)
//
// In an INI file the same map is the section [loggen.context], one
// "name = importpath.Func" option per attribute.
//
// Each function is loaded with go/packages, as Go factories are, and
// checked: it takes a context.Context (or runtime.Context) and returns T,
// or (T, bool) where false means that the context has no value. The
// generated configuration's context extractor calls the functions and adds
// one field per attribute; formats print them by name, like extras, but
// they get no field in the generated Extra struct, and each use in a format
// is checked against T here.

// A ContextAttr is one entry of loggen's context section: a record
// attribute that a Go function reads from the context of a log call.
type ContextAttr struct {
	Name string // the record attribute
	Pkg  string // the function's import path
	Func string // the function's name
	Kind ContextKind
	// GoType is the function's result type T as messages and comments
	// show it: "string", "obs.Tenant".
	GoType string
	// Convert reports that T is not the Go type that the kind's field
	// constructor takes (a named type, int, float32): the generated code
	// converts the value (string(v), int64(v)).
	Convert bool
	// Optional reports that the function returns (T, bool): a record gets
	// the attribute only when the bool is true.
	Optional bool
	Pos      Pos // the function's name in the file

	short string // package name and function name, for messages
}

// A ContextKind says how the generated code makes a record field of a
// context function's result, and what formats can do with it.
type ContextKind int

// The context kinds.
const (
	ContextString    ContextKind = iota // a string type: runtime.String, a Python str
	ContextInt                          // an integer type: runtime.Int64, a Python int
	ContextFloat                        // a float type: runtime.Float64, a Python float
	ContextBool                         // a bool type: runtime.Bool, a Python bool
	ContextAny                          // another type: runtime.Any, a str of fmt's %v
	ContextInterface                    // an interface type: runtime.Any of its dynamic value
)

// contextAttr returns the context attribute name, and whether the context
// section declares it (the attribute is nil when its entry has mistakes).
func (c *checker) contextAttr(name string) (*ContextAttr, bool) {
	a, ok := c.contextAttrs[name]
	return a, ok
}

// contextSection reads loggen's context map.
func (c *checker) contextSection(v *yaml.Node) {
	ctx := "loggen: context"
	if v == nil || isNull(v) || c.reference(ctx, v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		c.errorf(v, ctx, "expected a mapping of record attribute names to Go functions (trace_id: example.com/app/obs.TraceID), got %s", describe(v))
		return
	}
	if c.contextAttrs == nil {
		c.contextAttrs = map[string]*ContextAttr{}
	}
	c.contextNode = v
	for _, p := range c.pairs(v) {
		if !isString(p.key) {
			c.errorf(p.key, ctx, "a record attribute name is a string, but PyYAML reads %s as %s; quote it", trunc(p.key.Value), pyReading(p.key))
			continue
		}
		kctx := ctx + ": " + quote(p.name)
		// Uses of the name in formats are context attributes even when
		// the entry is wrong: they are not reported again as extras.
		c.contextAttrs[p.name] = nil
		good := c.contextName(kctx, p)
		a := c.contextFunc(kctx, p.name, deref(p.val))
		if a == nil || !good {
			continue
		}
		c.contextAttrs[p.name] = a
		c.cfg.Context = append(c.cfg.Context, a)
	}
}

// contextName checks the name of a context attribute: a Python identifier
// that is not a LogRecord attribute.
func (c *checker) contextName(ctx string, p pair) bool {
	if !isIdentifier(p.name) {
		hint := ""
		if s := identifierLike(p.name); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		c.errorf(p.key, ctx, "a context attribute's name is an identifier: letters, digits and _, not starting with a digit%s", hint)
		return false
	}
	if _, ok := pyfmt.RecordAttr(p.name); ok {
		c.errorf(p.key, ctx, "%s is a LogRecord attribute, which every record has and formats print as the record's own: give the context attribute another name, such as %q", quote(p.name), "ctx_"+p.name)
		return false
	}
	return true
}

// isIdentifier reports whether s is an identifier as Python's
// str.isidentifier() sees one, for the characters a name uses in practice:
// a letter or _, then letters, digits and _.
func isIdentifier(s string) bool {
	for i, r := range s {
		if r != '_' && !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r)) {
			return false
		}
	}
	return s != ""
}

// identifierLike returns s with every other character replaced by _ (and
// a leading _ before a digit), when that gives an identifier that is not
// a LogRecord attribute, or "".
func identifierLike(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case i == 0 && unicode.IsDigit(r):
			b.WriteByte('_')
			b.WriteRune(r)
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	out := b.String()
	if _, ok := pyfmt.RecordAttr(out); ok || !isIdentifier(out) || strings.Trim(out, "_") == "" {
		return ""
	}
	return out
}

// contextSignature is what messages say a context function must be.
const contextSignature = "func(context.Context) T, or func(context.Context) (T, bool) whose false means the context has no value"

// contextFunc checks the Go function that the node v names for the context
// attribute name.
func (c *checker) contextFunc(ctx, name string, v *yaml.Node) *ContextAttr {
	s, ok := c.str(ctx, v, true)
	if !ok {
		return nil
	}
	s = strings.TrimPrefix(s, "ext://")
	if !isGoFactory(s) {
		c.errorf(v, ctx, "expected a Go function as importpath.Name, with a / in the import path (example.com/app/obs.TraceID), got %s", quote(s))
		return nil
	}
	i := strings.LastIndexByte(s, '.')
	path, fname := s[:i], s[i+1:]
	l, ok := c.loadGoAt(v, ctx, path, true)
	if !ok {
		return nil
	}
	short := l.pkg.Name() + "." + fname
	obj := l.pkg.Scope().Lookup(fname)
	if obj != nil && !obj.Exported() {
		c.errorf(v, ctx, "%s is not exported: the generated code calls it from another package", short)
		return nil
	}
	if obj == nil {
		var names []string
		for _, n := range l.pkg.Scope().Names() {
			if _, isFunc := l.pkg.Scope().Lookup(n).(*types.Func); isFunc && token.IsExported(n) {
				names = append(names, n)
			}
		}
		c.errorf(v, ctx, "package %s has no exported function %s%s", path, fname, suggest(fname, names))
		return nil
	}
	fn, isFunc := obj.(*types.Func)
	if !isFunc {
		what := "a variable"
		switch obj.(type) {
		case *types.Const:
			what = "a constant"
		case *types.TypeName:
			what = "a type"
		}
		c.errorf(v, ctx, "%s is %s, not a function: name a function of type %s", short, what, contextSignature)
		return nil
	}
	sig := fn.Type().(*types.Signature)
	if sig.TypeParams().Len() > 0 {
		c.errorf(v, ctx, "%s is generic: loggen cannot instantiate it", short)
		return nil
	}
	rtCtx := l.rt.Scope().Lookup("Context").Type()
	res := sig.Results()
	okParams := sig.Params().Len() == 1 && !sig.Variadic() && types.IsInterface(sig.Params().At(0).Type()) &&
		types.AssignableTo(rtCtx, sig.Params().At(0).Type())
	okResults := res.Len() == 1 || res.Len() == 2 && types.Identical(res.At(1).Type(), types.Typ[types.Bool])
	if !okParams || !okResults {
		c.errorf(v, ctx, "%s is %s: a context function is %s", short, types.TypeString(sig, pkgNameQualifier), contextSignature)
		return nil
	}
	t := res.At(0).Type()
	a := &ContextAttr{Name: name, Pkg: path, Func: fname, GoType: types.TypeString(t, pkgNameQualifier), Optional: res.Len() == 2, Pos: c.pos(v), short: short}
	a.Kind, a.Convert = contextKind(t)
	return a
}

// contextKind returns how the generated code makes a field of a value of
// type t, and whether it converts the value first. A type with a String or
// Error method prints as fmt prints it (that method's text), like the other
// types that are not strings, numbers or booleans.
func contextKind(t types.Type) (ContextKind, bool) {
	if types.IsInterface(t) {
		return ContextInterface, false
	}
	ms := types.NewMethodSet(t)
	for _, m := range []string{"String", "Error"} {
		if sel := ms.Lookup(nil, m); sel != nil && sel.Obj().Exported() {
			return ContextAny, false
		}
	}
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		return ContextAny, false
	}
	switch info := b.Info(); {
	case info&types.IsString != 0:
		return ContextString, !types.Identical(t, types.Typ[types.String])
	case info&types.IsBoolean != 0:
		return ContextBool, !types.Identical(t, types.Typ[types.Bool])
	case info&types.IsInteger != 0:
		return ContextInt, !types.Identical(t, types.Typ[types.Int64])
	case info&types.IsFloat != 0:
		return ContextFloat, !types.Identical(t, types.Typ[types.Float64])
	}
	return ContextAny, false
}

// pyType returns the Python type of a context attribute's values, for
// messages.
func (a *ContextAttr) pyType() string {
	switch a.Kind {
	case ContextString:
		return "a str"
	case ContextInt:
		return "an int"
	case ContextFloat:
		return "a float"
	case ContextBool:
		return "a bool"
	}
	return "a Go value that prints as a str (fmt's %v)"
}

// anySample is the sample value of a ContextAny attribute: pyfmt names its
// Go type in messages, which contextUses replaces with the attribute's.
type anySample struct{}

// sample returns a value of the attribute's type, which a use in a format
// must be able to print, or false when nothing can be known at generate
// time (an interface type, whose dynamic value decides). A str is one
// character long, so that %c, which takes one, is accepted.
func (a *ContextAttr) sample() (pyfmt.Value, bool) {
	switch a.Kind {
	case ContextString:
		return pyfmt.StringValue("x"), true
	case ContextInt:
		return pyfmt.IntValue(0), true
	case ContextFloat:
		return pyfmt.FloatValue(0), true
	case ContextBool:
		return pyfmt.BoolValue(false), true
	case ContextAny:
		return pyfmt.AnyValue(anySample{}), true
	}
	return pyfmt.Value{}, false
}

// contextUses checks each use of a context attribute in a format against
// the attribute's type: a use that fails for every value of it is an
// error, as Python would raise it for each record. fnodes holds each
// formatter's format node.
func (c *checker) contextUses(fnodes []*yaml.Node) {
	if len(c.contextAttrs) == 0 {
		return
	}
	sampleName := fmt.Sprintf("%T", anySample{})
	for i, f := range c.cfg.Formatters {
		if fnodes[i] == nil || f.Format == nil || f.Factory != nil {
			continue
		}
		for j, s := range f.Format.Segments {
			if !s.Extra || f.ClassField(s.Field) {
				continue
			}
			a := c.contextAttrs[s.Field]
			if a == nil {
				continue
			}
			v, ok := a.sample()
			if !ok {
				continue
			}
			if _, err := pyfmt.AppendField(nil, f.Format.Style, s, v); err != nil {
				msg := strings.ReplaceAll(pythonError(err), sampleName, a.GoType)
				c.add(c.strPos(fnodes[i], s.Offset), "formatter %s: format: %s: context attribute %s is %s (%s returns %s): %s",
					quote(f.ID), fieldText(f.Format, j), quote(a.Name), a.pyType(), a.short, a.GoType, msg)
			}
		}
	}
}

// incrementalContext reports a context section in an incremental
// configuration, which keeps the formatters and extractors in place.
func (c *checker) incrementalContext() {
	if c.contextNode != nil && len(c.contextAttrs) > 0 {
		c.errorf(c.contextNode, "loggen: context", "an incremental configuration changes only levels and propagate: context attributes belong to a whole configuration (incremental: false)")
	}
}
