package model

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// This file checks ext://importpath.Name references to Go package-level
// variables and functions (a StreamHandler's stream, a Go factory's
// options), and the '.' key, which sets attributes after construction as
// dictConfig's configure_custom does with setattr.

// pkgNameQualifier writes types as messages show them: bytes.Buffer.
func pkgNameQualifier(p *types.Package) string { return p.Name() }

// goRefName returns the Go package and name that the ext:// string s names:
// importpath.Name with a '/' in importpath, or os.Stdout and os.Stderr
// (which ext://sys.stdout and ext://sys.stderr name too).
func goRefName(s string) (path, name string, ok bool) {
	rest, ok := strings.CutPrefix(s, "ext://")
	if !ok {
		return "", "", false
	}
	switch rest {
	case "sys.stdout":
		rest = "os.Stdout"
	case "sys.stderr":
		rest = "os.Stderr"
	}
	if rest != "os.Stdout" && rest != "os.Stderr" && !isGoFactory(rest) {
		return "", "", false
	}
	i := strings.LastIndexByte(rest, '.')
	return rest[:i], rest[i+1:], true
}

// goRef checks the Go variable or function path.name, which the ext://
// value v names, against the type want (io.Writer when nil); wantDesc
// completes "..., which is not " in messages. A function without parameters
// whose result suits want is called.
func (c *checker) goRef(ctx string, v *yaml.Node, path, name string, want types.Type, wantDesc string) *GoRef {
	l, ok := c.loadGoAt(v, ctx, path, want == nil)
	if !ok {
		return nil
	}
	if want == nil {
		want = l.rt.Scope().Lookup("NewStreamHandler").Type().(*types.Signature).Params().At(0).Type()
	}
	obj := l.pkg.Scope().Lookup(name)
	short := l.pkg.Name() + "." + name
	if obj == nil || !obj.Exported() {
		var names []string
		for _, n := range l.pkg.Scope().Names() {
			switch l.pkg.Scope().Lookup(n).(type) {
			case *types.Var, *types.Func:
				if token.IsExported(n) {
					names = append(names, n)
				}
			}
		}
		c.errorf(v, ctx, "package %s has no exported variable or function %s%s", path, name, suggest(name, names))
		return nil
	}
	r := &GoRef{Pkg: path, Name: name, Pos: c.pos(v)}
	switch o := obj.(type) {
	case *types.Var:
		if types.AssignableTo(o.Type(), want) {
			return r
		}
		c.errorf(v, ctx, "%s is %s, which is not %s", short, types.TypeString(o.Type(), pkgNameQualifier), wantDesc)
		return nil
	case *types.Func:
		sig := o.Type().(*types.Signature)
		if sig.TypeParams().Len() == 0 {
			if types.AssignableTo(sig, want) {
				return r
			}
			if sig.Params().Len() == 0 && sig.Results().Len() == 1 && types.AssignableTo(sig.Results().At(0).Type(), want) {
				r.Call = true
				return r
			}
		}
		c.errorf(v, ctx, "%s is %s: neither it nor its result is %s", short, types.TypeString(sig, pkgNameQualifier), wantDesc)
		return nil
	}
	what := "a type"
	if _, ok := obj.(*types.Const); ok {
		what = "a constant"
	}
	c.errorf(v, ctx, "%s is %s: name a package-level variable or function", short, what)
	return nil
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// attrs checks the '.' pair p of a Go factory whose result has type t: each
// key names an exported field of the struct t points to, or a method SetXxx
// of t with one parameter and no result.
func (c *checker) attrs(ctx string, p pair, t types.Type, pkg *types.Package) ([]Attr, bool) {
	v := deref(p.val)
	if c.reference(ctx+": .", v) {
		return nil, false
	}
	if v.Kind != yaml.MappingNode {
		c.errorf(v, ctx+": .", "expected a mapping of attribute names to values, got %s", describe(v))
		return nil, false
	}
	var fields, setters []goField
	if ptr, ok := t.Underlying().(*types.Pointer); ok {
		if st, ok := ptr.Elem().Underlying().(*types.Struct); ok {
			fields = structFields(st, pkg)
		}
	}
	ms := types.NewMethodSet(t)
	for i := range ms.Len() {
		m, ok := ms.At(i).Obj().(*types.Func)
		if !ok || !m.Exported() || !strings.HasPrefix(m.Name(), "Set") || len(m.Name()) == 3 {
			continue
		}
		sig := m.Type().(*types.Signature)
		if sig.Params().Len() != 1 || sig.Results().Len() != 0 || sig.Variadic() {
			continue
		}
		n := m.Name()[3:]
		setters = append(setters, goField{name: n, key: string(unicode.ToLower(firstRune(n))) + n[utf8.RuneLen(firstRune(n)):], typ: sig.Params().At(0).Type(), setter: m.Name()})
	}
	var keys []string
	for _, fd := range append(append([]goField(nil), fields...), setters...) {
		keys = append(keys, fd.key)
	}
	tstr := types.TypeString(t, types.RelativeTo(pkg))
	var out []Attr
	ok := true
	for _, q := range c.pairs(v) {
		fd := matchField(fields, q.name)
		if fd == nil {
			fd = matchField(setters, q.name)
		}
		if fd == nil {
			c.errorf(q.key, ctx+": .", "unknown attribute %s%s: %s has no such exported field or SetXxx method", quote(q.name), suggest(q.name, keys), tstr)
			ok = false
			continue
		}
		if c.noEnv(ctx+": ."+q.name, q.val, "loggen reads env:// for the options of a Go handler factory, not for '.' attributes") {
			ok = false
			continue
		}
		val, good := c.fieldValue(ctx+": ."+q.name, fd, q.val, pkg)
		if !good {
			ok = false
			continue
		}
		a := Attr{Key: q.name, Pos: c.pos(q.val), Value: val}
		if fd.setter != "" {
			a.Setter = fd.setter
		} else {
			a.Field = fd.name
		}
		out = append(out, a)
	}
	return out, ok
}

// pythonHandlerAttrs are the attributes that Python's handler classes
// read: setting one with '.' changes what the handler does, which loggen
// would have to reproduce. An attribute outside this list is one that no
// class of the logging package reads.
var pythonHandlerAttrs = []string{
	"level", "formatter", "filters", "name", "lock", "stream", "terminator",
	"baseFilename", "mode", "encoding", "errors", "delay", "maxBytes", "backupCount",
	"when", "interval", "utc", "atTime", "suffix", "extMatch", "namer", "rotator", "rolloverAt",
	"dev", "ino", "host", "port", "sock", "closeOnError", "retryTime", "retryStart", "retryMax",
	"retryFactor", "address", "facility", "socktype", "unixsocket", "socket", "ident", "append_nul",
	"mailhost", "mailport", "username", "password", "fromaddr", "toaddrs", "subject", "secure",
	"timeout", "url", "method", "credentials", "context", "capacity", "buffer", "flushLevel",
	"target", "flushOnClose", "queue", "listener", "respect_handler_level",
}

// streamAttrs checks the '.' pair p of a standard handler of class cls.
// Python sets each attribute with setattr after creating the handler: a
// StreamHandler's terminator is supported; an attribute that no class of
// the logging package reads changes nothing, in Python as in loggen (a
// warning says so); any other is an error.
func (c *checker) streamAttrs(ctx string, p pair, cls *HandlerClass) []Attr {
	v := deref(p.val)
	if c.reference(ctx+": .", v) {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		c.errorf(v, ctx+": .", "expected a mapping of attribute names to values, got %s", describe(v))
		return nil
	}
	var out []Attr
	for _, q := range c.pairs(v) {
		switch {
		case q.name == "terminator" && cls.Name == "logging.StreamHandler":
			if s, ok := c.str(ctx+": .terminator", q.val, false); ok {
				out = append(out, Attr{Key: q.name, Setter: "SetTerminator", Pos: c.pos(q.val), Value: s})
			}
		case slices.Contains(pythonHandlerAttrs, q.name):
			hint := ""
			if k, ok := cls.Key(q.name); ok && !k.Arg {
				hint = fmt.Sprintf(" (give it as the key %s instead)", quote(q.name))
			}
			c.errorf(q.key, ctx+": .", "setting %s of a %s after creation is not supported: loggen sets only a logging.StreamHandler's terminator%s", quote(q.name), cls.Name, hint)
		default:
			c.warnf(q.key, ctx+": .", "attribute %s is read by no class of Python's logging package: Python sets it and nothing changes; loggen ignores it%s", quote(q.name), suggest(q.name, pythonHandlerAttrs))
		}
	}
	return out
}
