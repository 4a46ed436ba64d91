package gen

import (
	"strconv"
	"time"

	"github.com/loggen/loggen/runtime/level"

	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// factoryCall writes the call of a Go factory: pkg.Name(pkg.Options{...}),
// or &pkg.T{...} for a handler type. jennifer adds the import.
func factoryCall(f *model.Factory) jen.Code {
	if f.IsType {
		return jen.Op("&").Add(factoryOptions(f))
	}
	if !f.HasOptions {
		return jen.Qual(f.Pkg, f.Name).Call()
	}
	return jen.Qual(f.Pkg, f.Name).Call(factoryOptions(f))
}

// factoryOptions writes the options struct of a Go factory (the struct
// itself for a handler type), without the fields that env:// gives.
func factoryOptions(f *model.Factory) jen.Code {
	d := jen.Dict{}
	for _, p := range f.Params {
		if _, env := p.Value.(*model.EnvRef); !env {
			d[jen.Id(p.Field)] = goValue(p.Value, nil)
		}
	}
	if f.IsType {
		return jen.Qual(f.Pkg, f.Name).Values(d)
	}
	return jen.Qual(f.OptionsPkg, f.OptionsType).Values(d)
}

// factoryEnv returns the fields of a Go factory's options that env://
// gives.
func factoryEnv(f *model.Factory) []envField {
	var env []envField
	for _, p := range f.Params {
		if r, ok := p.Value.(*model.EnvRef); ok {
			env = append(env, envField{p.Field, r})
		}
	}
	return env
}

// goValue writes a Go value that model converted from the configuration
// (a model.GoField's value or a Go factory's option): numbers as untyped
// constants, so that they suit the field's own type; durations in their
// largest whole unit; a level as its constant; a handler reference as the
// element of needs (the handlers a NewFrom gets) that it names.
func goValue(v any, needs []string) jen.Code {
	switch v := v.(type) {
	case *model.GoRef:
		return goRef(v)
	case model.GoName:
		return jen.Qual(v.Pkg, v.Name)
	case model.Stream:
		if v == model.Stdout {
			return jen.Qual("os", "Stdout")
		}
		return jen.Qual("os", "Stderr")
	case level.Level:
		return levelCode(v)
	case model.HandlerRef:
		for i, id := range needs {
			if id == string(v) {
				return jen.Id("needs").Index(jen.Lit(i))
			}
		}
		return jen.Nil()
	case []model.HandlerRef:
		return jen.Index().Qual(rtPath, "Handler").ValuesFunc(func(g *jen.Group) {
			for _, r := range v {
				g.Add(goValue(r, needs))
			}
		})
	case time.Duration:
		for _, u := range []struct {
			d    time.Duration
			name string
		}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"}} {
			if v != 0 && v%u.d == 0 {
				return jen.Id(strconv.FormatInt(int64(v/u.d), 10)).Op("*").Qual("time", u.name)
			}
		}
		return jen.Id(strconv.FormatInt(int64(v), 10))
	case int64:
		return jen.Id(strconv.FormatInt(v, 10))
	case []string:
		return jen.Index().String().ValuesFunc(func(g *jen.Group) {
			for _, s := range v {
				g.Lit(s)
			}
		})
	case *[2]string:
		return jen.Op("&").Index(jen.Lit(2)).String().Values(jen.Lit(v[0]), jen.Lit(v[1]))
	case model.QueueSpec:
		// loggen's queue key: the runtime's QueueOptions.
		d := jen.Dict{}
		if v.MaxSize != 0 {
			d[jen.Id("MaxSize")] = jen.Lit(int(v.MaxSize))
		}
		if v.Drop {
			d[jen.Id("WhenFull")] = jen.Qual(model.HandlersPkg, "QueueDrop")
		}
		return jen.Op("&").Qual(model.HandlersPkg, "QueueOptions").Values(d)
	}
	return jen.Lit(v)
}

// isZero reports whether v is the zero value of its Go field, which the
// generated code leaves out. A non-nil empty list is not: SMTPHandler's
// secure: [] differs from no secure.
func isZero(v any) bool {
	switch v := v.(type) {
	case string:
		return v == ""
	case bool:
		return !v
	case int64:
		return v == 0
	case float64:
		return v == 0
	case time.Duration:
		return v == 0
	case level.Level:
		return v == 0
	case []string:
		return v == nil
	case []model.HandlerRef:
		return len(v) == 0
	case *[2]string:
		return v == nil
	}
	return v == nil
}

// goRef writes an ext://importpath.Name reference: the qualified
// identifier, called when it is a function that returns the value.
func goRef(r *model.GoRef) jen.Code {
	if r.Call {
		return jen.Qual(r.Pkg, r.Name).Call()
	}
	return jen.Qual(r.Pkg, r.Name)
}

// attrStmts writes the statements that set the '.' attributes on v.
func attrStmts(v string, attrs []model.Attr) []jen.Code {
	var out []jen.Code
	for _, a := range attrs {
		if a.Setter != "" {
			out = append(out, jen.Id(v).Dot(a.Setter).Call(goValue(a.Value, nil)))
		} else {
			out = append(out, jen.Id(v).Dot(a.Field).Op("=").Add(goValue(a.Value, nil)))
		}
	}
	return out
}

// factoryValue writes the value a Go formatter or filter factory makes
// (kind "Formatter" or "Filter"): the call, or, with '.' attributes, a
// function literal that sets them, called at once.
func factoryValue(f *model.Factory, kind string) jen.Code {
	if len(f.Attrs) == 0 {
		return factoryCall(f)
	}
	body := []jen.Code{jen.Id("x").Op(":=").Add(factoryCall(f))}
	body = append(body, attrStmts("x", f.Attrs)...)
	body = append(body, jen.Return(jen.Id("x")))
	return jen.Func().Params().Qual(rtPath, kind).Block(body...).Call()
}

// factoryHandler writes the New of a handler that a Go factory creates.
// Options that env:// gives are read first, into the options struct o (or
// the handler h, for a handler type); source names the configuration file
// in their positions.
func factoryHandler(f *model.Factory, source string) jen.Code {
	var body []jen.Code
	call := factoryCall(f)
	if env := factoryEnv(f); len(env) > 0 {
		if f.IsType {
			body = append(body, jen.Id("h").Op(":=").Op("&").Add(factoryOptions(f)), envSets("h", env, source))
			body = append(body, attrStmts("h", f.Attrs)...)
			return newFunc(append(body, jen.Return(jen.Id("h"), jen.Nil()))...)
		}
		body = append(body, jen.Id("o").Op(":=").Add(factoryOptions(f)), envSets("o", env, source))
		call = jen.Qual(f.Pkg, f.Name).Call(jen.Id("o"))
	}
	if !f.ReturnsError && len(f.Attrs) == 0 {
		return newFunc(append(body, jen.Return(call, jen.Nil()))...)
	}
	if f.ReturnsError {
		body = append(body,
			jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Add(call),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("err"))))
	} else {
		body = append(body, jen.Id("h").Op(":=").Add(call))
	}
	body = append(body, attrStmts("h", f.Attrs)...)
	return newFunc(append(body, jen.Return(jen.Id("h"), jen.Nil()))...)
}
