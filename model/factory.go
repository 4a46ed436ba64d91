package model

import (
	"fmt"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/go/packages"
)

// This file checks Go factories: a '()' value (or a handler's class) of the
// form importpath.Name, where importpath has a '/', names a Go function that
// loggen loads with go/packages from the configuration file's directory (so
// that the module of the file is found) and calls from the generated code.
//
// The function takes no parameter or one options struct, and returns T or
// (T, error), where T implements runtime.Handler, runtime.Formatter or
// runtime.Filter. Each remaining key of the entry sets a field of the
// options struct: the field tagged `loggen:"key"`, else the field named key,
// else the field whose name matches key ignoring case and underscores.
// `loggen:"key,required"` makes the key required; `loggen:"-"` hides a field.
//
// A handler's class (or '()') may also name a struct type T whose *T
// implements runtime.Handler: the keys then set T's fields the same way, and
// the generated code is &T{...}. The '.' key sets attributes of the result
// after construction (exported fields of the struct it points to, or SetXxx
// methods); see goref.go.

// A Factory is a Go function that creates a handler, formatter or filter.
type Factory struct {
	Pkg  string // import path
	Name string // function name
	// Params are the options struct's fields that the file sets, in the
	// file's order.
	Params []FactoryParam
	// HasOptions reports that the function takes an options struct, of the
	// type OptionsType in the package OptionsPkg.
	HasOptions  bool
	OptionsPkg  string
	OptionsType string
	// ReturnsError reports that the function returns (T, error).
	ReturnsError bool
	// IsType reports that Name is a struct type T (a handler's class):
	// the generated code is &T{...}, with Params setting T's fields.
	IsType bool
	// Attrs are the '.' attributes, set on the result in order.
	Attrs []Attr
	Pos   Pos // the '()' value
}

// A FactoryParam is one field of a factory's options struct.
type FactoryParam struct {
	Key   string // the key in the file
	Field string // the struct field
	Pos   Pos
	// Value is string, bool, int64, float64, []string, time.Duration or
	// *GoRef, per the field's type, or *EnvRef (a handler's string, bool
	// or integer field).
	Value any
}

const runtimePath = "github.com/loggen/loggen/runtime"

// isGoFactory reports whether s names a Go function: importpath.Name with a
// '/' in importpath (Python names have none).
func isGoFactory(s string) bool {
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || strings.Contains(s, "://") {
		return false
	}
	return strings.Contains(s[:i], "/") && token.IsIdentifier(s[i+1:])
}

// goLoad is the result of loading one factory package.
type goLoad struct {
	pkg   *types.Package
	rt    *types.Package // nil when rtErr says why
	err   string
	rtErr string
}

// loadGoAt is loadGo for the value v, which names path: it reports at v
// a package that cannot be loaded, and, if needRuntime, one whose module
// lacks loggen's runtime, and says whether l may be used.
func (c *checker) loadGoAt(v *yaml.Node, ctx, path string, needRuntime bool) (l goLoad, ok bool) {
	l = c.loadGo(path)
	if l.pkg == nil {
		c.errorf(v, ctx, "cannot load Go package %s: %s", quote(path), l.err)
		return l, false
	}
	if needRuntime && l.rt == nil {
		c.errorf(v, ctx, "%s", l.rtErr)
		return l, false
	}
	return l, true
}

// loadGo loads the package path and the runtime, once per checker.
func (c *checker) loadGo(path string) goLoad {
	if l, ok := c.goPkgs[path]; ok {
		return l
	}
	if c.goPkgs == nil {
		c.goPkgs = map[string]goLoad{}
	}
	dir, err := filepath.Abs(filepath.Dir(c.file))
	var l goLoad
	if err != nil {
		l.err = err.Error()
	} else if msg := moduleProblem(dir); msg != "" {
		l.err, l.rtErr = msg, msg
	} else {
		cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: dir}
		pkgs, err := packages.Load(cfg, path, runtimePath)
		if err != nil {
			l.err = err.Error()
		}
		for _, p := range pkgs {
			if len(p.Errors) > 0 && l.err == "" && (p.PkgPath == path || p.ID == path) {
				l.err = p.Errors[0].Msg
			}
			switch p.PkgPath {
			case path:
				l.pkg = p.Types
			case runtimePath:
				if len(p.Errors) == 0 {
					l.rt = p.Types
				} else {
					l.rtErr = fmt.Sprintf("the module of %s does not provide the loggen runtime (%s): run go get github.com/loggen/loggen there", dir, runtimePath)
				}
			}
		}
		if l.rt == nil && l.rtErr == "" {
			l.rtErr = fmt.Sprintf("the loggen runtime (%s) cannot be loaded from %s", runtimePath, dir)
		}
		if l.pkg == nil && l.err == "" {
			l.err = "no such package"
		}
	}
	if l.err != "" {
		l.pkg = nil
		l.err, _, _ = strings.Cut(l.err, "; to add it:")
		l.err, _, _ = strings.Cut(l.err, "\n")
		// The go command words "not found" differently with -mod=readonly,
		// -mod=mod and GOFLAGS; say it one way.
		for _, notFound := range []string{"no required module provides package", "cannot find module providing package", "is not in std", "cannot find package"} {
			if strings.Contains(l.err, notFound) {
				l.err = "no module of this build provides it (is the import path right?)"
				break
			}
		}
	}
	// Prefer the runtime the factory's package imports, so that its types
	// are the same objects.
	if l.pkg != nil && path == runtimePath {
		l.rt, l.rtErr = l.pkg, ""
	} else if l.pkg != nil {
		for _, imp := range l.pkg.Imports() {
			if imp.Path() == runtimePath && imp.Complete() {
				l.rt, l.rtErr = imp, ""
			}
		}
	}
	c.goPkgs[path] = l
	return l
}

// moduleProblem returns why Go names cannot be resolved from dir, or "":
// they are resolved in the Go module that holds the configuration file, so
// there must be one.
func moduleProblem(dir string) string {
	cmd := exec.Command("go", "env", "GOMOD")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return fmt.Sprintf("the go command cannot run in %s: %v", dir, err)
	}
	if mod := strings.TrimSpace(string(out)); mod == "" || mod == os.DevNull {
		return fmt.Sprintf("%s is in no Go module: Go names in ext://, '()', class and loggen's context section are looked up in the module of the configuration file (run go mod init there)", dir)
	}
	return ""
}

// goFactory checks the Go factory that the node v names for an entry of
// kind "Handler", "Formatter" or "Filter", with the keys params. setup
// reports whether the entry sets level, formatter or filters, which the
// result must then accept (handlers only); their pairs are in setupKeys.
func (c *checker) goFactory(ctx string, v *yaml.Node, kind string, params []pair, setupKeys []pair) *Factory {
	s := v.Value
	i := strings.LastIndexByte(s, '.')
	path, name := s[:i], s[i+1:]
	l, ok := c.loadGoAt(v, ctx, path, true)
	if !ok {
		return nil
	}
	obj := l.pkg.Scope().Lookup(name)
	if obj == nil || !obj.Exported() {
		var names []string
		for _, n := range l.pkg.Scope().Names() {
			if token.IsExported(n) {
				names = append(names, n)
			}
		}
		c.errorf(v, ctx, "package %s has no exported %s%s", path, name, suggest(name, names))
		return nil
	}
	f := &Factory{Pkg: path, Name: name, Pos: c.pos(v)}
	iface, _ := l.rt.Scope().Lookup(kind).Type().Underlying().(*types.Interface)
	var made types.Type // the type of the value the factory makes
	var st *types.Struct
	switch o := obj.(type) {
	case *types.TypeName:
		if kind != "Handler" {
			c.errorf(v, ctx, "%s.%s is a type, not a func: name a function that returns a %s", path, name, runtimeName(kind))
			return nil
		}
		named, _ := types.Unalias(o.Type()).(*types.Named)
		st, _ = o.Type().Underlying().(*types.Struct)
		if st == nil || named == nil || named.TypeParams().Len() > 0 {
			c.errorf(v, ctx, "%s.%s is %s, not a struct type: name a struct type T whose *T implements runtime.Handler, or a function that returns a runtime.Handler",
				path, name, types.TypeString(o.Type().Underlying(), types.RelativeTo(l.pkg)))
			return nil
		}
		made = types.NewPointer(o.Type())
		if iface == nil || !types.Implements(made, iface) {
			miss := ""
			if iface != nil {
				if m, _ := types.MissingMethod(made, iface, true); m != nil {
					miss = " (missing method " + m.Name() + ")"
				}
			}
			c.errorf(v, ctx, "*%s.%s does not implement runtime.Handler%s", path, name, miss)
			return nil
		}
		f.IsType = true
		f.OptionsType = name
	case *types.Func:
		sig := o.Type().(*types.Signature)
		if sig.TypeParams().Len() > 0 {
			c.errorf(v, ctx, "%s.%s is generic: loggen cannot instantiate it", path, name)
			return nil
		}
		res := sig.Results()
		okResults := res.Len() == 1 || res.Len() == 2 && types.Identical(res.At(1).Type(), types.Universe.Lookup("error").Type())
		if !okResults || iface == nil || !types.Implements(res.At(0).Type(), iface) {
			c.errorf(v, ctx, "%s.%s returns %s, want a %s or (%s, error)", path, name, resultString(l.pkg, res), runtimeName(kind), runtimeName(kind))
			return nil
		}
		made = res.At(0).Type()
		f.ReturnsError = res.Len() == 2
		if f.ReturnsError && kind != "Handler" {
			c.errorf(v, ctx, "%s.%s returns an error: a %s factory must return the %s alone (loggen creates %ss once, without an error path)",
				path, name, strings.ToLower(kind), runtimeName(kind), strings.ToLower(kind))
			return nil
		}
		switch sig.Params().Len() {
		case 0:
		case 1:
			pt := sig.Params().At(0).Type()
			named, isNamed := types.Unalias(pt).(*types.Named)
			st, _ = pt.Underlying().(*types.Struct)
			if st == nil || !isNamed || sig.Variadic() || !named.Obj().Exported() || named.TypeArgs().Len() > 0 {
				c.errorf(v, ctx, "%s.%s takes %s: a factory takes no parameter or one exported, named options struct", path, name, types.TypeString(pt, types.RelativeTo(l.pkg)))
				return nil
			}
			f.HasOptions = true
			f.OptionsPkg = named.Obj().Pkg().Path()
			f.OptionsType = named.Obj().Name()
		default:
			c.errorf(v, ctx, "%s.%s takes %d parameters: a factory takes no parameter or one options struct", path, name, sig.Params().Len())
			return nil
		}
	default:
		what := "a variable"
		if _, ok := obj.(*types.Const); ok {
			what = "a constant"
		}
		c.errorf(v, ctx, "%s.%s is %s, not a func: name a function that returns a %s", path, name, what, runtimeName(kind))
		return nil
	}
	if kind == "Handler" && len(setupKeys) > 0 {
		for _, m := range []string{"SetFormatter", "AddFilter", "SetLevel"} {
			if o, _, _ := types.LookupFieldOrMethod(made, true, nil, m); o == nil {
				what := "returns " + types.TypeString(made, types.RelativeTo(l.pkg))
				if f.IsType {
					what = "is a type whose pointer"
				}
				for _, p := range setupKeys {
					c.errorf(p.key, ctx, "%s.%s %s, which has no %s method (embed runtime.HandlerBase): loggen cannot apply %s",
						path, name, what, m, p.name)
				}
				return nil
			}
		}
	}

	fields := structFields(st, l.pkg)
	var keys []string
	for _, fd := range fields {
		keys = append(keys, fd.key)
	}
	set := map[string]bool{}
	ok = true
	for _, p := range params {
		if p.name == "." {
			attrs, good := c.attrs(ctx, p, made, l.pkg)
			f.Attrs = attrs
			ok = ok && good
			continue
		}
		fd := matchField(fields, p.name)
		if fd == nil {
			if st == nil {
				c.errorf(p.key, ctx, "unknown key %s: %s.%s takes no options", quote(p.name), path, name)
			} else {
				c.errorf(p.key, ctx, "unknown key %s%s: %s has no such field", quote(p.name), suggest(p.name, keys), f.OptionsType)
			}
			ok = false
			continue
		}
		if set[fd.name] {
			c.errorf(p.key, ctx, "key %s sets field %s again", quote(p.name), fd.name)
			ok = false
			continue
		}
		set[fd.name] = true
		var val any
		var good bool
		if isEnv(p.val) {
			val, good = c.envFactoryParam(ctx+": "+p.name, kind, fd, p.val, l.pkg)
		} else {
			val, good = c.fieldValue(ctx+": "+p.name, fd, p.val, l.pkg)
		}
		if !good {
			ok = false
			continue
		}
		f.Params = append(f.Params, FactoryParam{Key: p.name, Field: fd.name, Pos: c.pos(p.val), Value: val})
	}
	for _, fd := range fields {
		if fd.required && !set[fd.name] {
			c.errorf(v, ctx, "missing required key %s (field %s of %s)", quote(fd.key), fd.name, f.OptionsType)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return f
}

// runtimeName is the qualified name of a runtime interface.
func runtimeName(kind string) string { return "runtime." + kind }

func resultString(pkg *types.Package, res *types.Tuple) string {
	q := types.RelativeTo(pkg)
	switch res.Len() {
	case 0:
		return "nothing"
	case 1:
		return types.TypeString(res.At(0).Type(), q)
	}
	return types.TypeString(res, q)
}

// A goField is a settable field of an options struct.
type goField struct {
	name     string
	key      string // the tag's key, or the field name with its first letter lowered
	tagged   bool
	required bool
	typ      types.Type
	setter   string // the SetXxx method, for a '.' attribute set by a method
}

// what names fd in messages: "field Name" or "SetName's parameter".
func (fd *goField) what() string {
	if fd.setter != "" {
		return fd.setter + "'s parameter"
	}
	return "field " + fd.name
}

func structFields(st *types.Struct, pkg *types.Package) []goField {
	if st == nil {
		return nil
	}
	var out []goField
	for i := range st.NumFields() {
		v := st.Field(i)
		if !v.Exported() || v.Embedded() {
			continue
		}
		fd := goField{name: v.Name(), typ: v.Type()}
		tag, hasTag := reflect.StructTag(st.Tag(i)).Lookup("loggen")
		if hasTag {
			if tag == "-" {
				continue
			}
			k, opts, _ := strings.Cut(tag, ",")
			fd.required = opts == "required"
			if k != "" {
				fd.key, fd.tagged = k, true
			}
		}
		if fd.key == "" {
			r, n := utf8.DecodeRuneInString(fd.name)
			fd.key = string(unicode.ToLower(r)) + fd.name[n:]
		}
		out = append(out, fd)
	}
	return out
}

// matchField finds the field key sets: by tag, then by name, then ignoring
// case and underscores.
func matchField(fields []goField, key string) *goField {
	for i := range fields {
		if fields[i].tagged && fields[i].key == key {
			return &fields[i]
		}
	}
	for i := range fields {
		if !fields[i].tagged && fields[i].name == key {
			return &fields[i]
		}
	}
	fold := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }
	for i := range fields {
		if !fields[i].tagged && fold(fields[i].name) == fold(key) {
			return &fields[i]
		}
	}
	return nil
}

// fieldValue converts v to the type of the field fd.
func (c *checker) fieldValue(ctx string, fd *goField, v *yaml.Node, pkg *types.Package) (any, bool) {
	v = deref(v)
	if c.reference(ctx, v) {
		return nil, false
	}
	tstr := types.TypeString(fd.typ, types.RelativeTo(pkg))
	mismatch := func() (any, bool) {
		c.errorf(v, ctx, "%s is %s, got %s", fd.what(), tstr, describe(v))
		return nil, false
	}
	if isString(v) && strings.HasPrefix(v.Value, "ext://") {
		path, name, ok := goRefName(v.Value)
		if !ok {
			c.errorf(v, ctx, "%s: a Go factory's option takes ext://importpath.Name (a Go variable or function), ext://sys.stdout or ext://sys.stderr", trunc(v.Value))
			return nil, false
		}
		ft := types.TypeString(fd.typ, pkgNameQualifier)
		r := c.goRef(ctx, v, path, name, fd.typ, "assignable to "+fd.what()+" ("+ft+")")
		return r, r != nil
	}
	if n, ok := types.Unalias(fd.typ).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Duration" {
		if !isString(v) {
			return mismatch()
		}
		d, err := time.ParseDuration(v.Value)
		if err != nil {
			c.errorf(v, ctx, "%s is time.Duration: %s is not a duration (write e.g. \"5s\" or \"250ms\")", fd.what(), quote(v.Value))
			return nil, false
		}
		return d, true
	}
	switch u := fd.typ.Underlying().(type) {
	case *types.Basic:
		info := u.Info()
		switch {
		case info&types.IsString != 0:
			if !isString(v) {
				return mismatch()
			}
			return v.Value, true
		case info&types.IsBoolean != 0:
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
				return mismatch()
			}
			return c.boolean(ctx, v)
		case info&types.IsInteger != 0:
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" {
				return mismatch()
			}
			i, ok := c.integer(ctx, v)
			if !ok {
				return nil, false
			}
			if !fitsInt(i, u.Kind()) {
				c.errorf(v, ctx, "%s is %s: %d is out of range", fd.what(), tstr, i)
				return nil, false
			}
			return i, true
		case info&types.IsFloat != 0:
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" && v.Tag != "!!float" {
				return mismatch()
			}
			return c.float(ctx, v)
		}
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
			if v.Kind != yaml.SequenceNode {
				return mismatch()
			}
			out := []string{}
			for _, it := range v.Content {
				it = deref(it)
				if !isString(it) {
					c.errorf(it, ctx, "%s is %s: expected a string, got %s", fd.what(), tstr, describe(it))
					return nil, false
				}
				out = append(out, it.Value)
			}
			return out, true
		}
	}
	c.errorf(v, ctx, "%s is %s, which loggen cannot set from a configuration (use string, bool, an integer or float type, []string, time.Duration, or ext://importpath.Name for a Go variable)", fd.what(), tstr)
	return nil, false
}

// fitsInt reports whether i fits the integer kind k.
func fitsInt(i int64, k types.BasicKind) bool {
	switch k {
	case types.Int8:
		return i >= -1<<7 && i < 1<<7
	case types.Int16:
		return i >= -1<<15 && i < 1<<15
	case types.Int32:
		return i >= -1<<31 && i < 1<<31
	case types.Uint8:
		return i >= 0 && i < 1<<8
	case types.Uint16:
		return i >= 0 && i < 1<<16
	case types.Uint32:
		return i >= 0 && i < 1<<32
	case types.Uint, types.Uint64, types.Uintptr:
		return i >= 0
	}
	return true
}

// goFactoryPair returns the value of the '()' key of ps when it names a Go
// function (or, without '()', of the class key), with the other pairs.
func goFactoryPair(ps []pair) (*yaml.Node, []pair, bool) {
	key := "()"
	if !hasKey(ps, "()") {
		key = "class"
	}
	for i, p := range ps {
		if p.name != key {
			continue
		}
		if s, ok := factoryName(p.val); ok && isGoFactory(s) {
			rest := append(append([]pair(nil), ps[:i]...), ps[i+1:]...)
			return p.val, rest, true
		}
	}
	return nil, nil, false
}

// goHandler checks a handler that a Go factory creates: level, formatter
// and filters are the standard keys, the others the factory's options.
func (c *checker) goHandler(ctx string, h *Handler, fv *yaml.Node, ps []pair) *Handler {
	var params, setup []pair
	for _, p := range ps {
		v := p.val
		switch p.name {
		case "class":
			// With '()', dictConfig's configure_handler reads class only
			// without '()'; loggen ignores it as for standard classes.
		case "level":
			if !isNull(v) {
				h.Level, _ = c.level(ctx+": level", v)
				setup = append(setup, p)
			}
		case "formatter":
			if isNull(v) {
				continue
			}
			if s, ok := c.str(ctx+": formatter", v, false); ok && s != "" {
				if !slices.Contains(c.formatterIDs, s) {
					c.errorf(v, ctx, "unknown formatter %s%s", quote(s), suggest(s, c.formatterIDs))
				}
				h.Formatter = s
				setup = append(setup, p)
			}
		case "filters":
			if !isNull(v) {
				h.Filters = c.ids(ctx, "filters", v, "filter", c.filterIDs)
				if len(h.Filters) > 0 {
					setup = append(setup, p)
				}
			}
		default:
			params = append(params, p)
		}
	}
	h.Factory = c.goFactory(ctx, fv, "Handler", params, setup)
	if h.Factory == nil {
		return nil
	}
	return h
}
