package gen

import (
	"strconv"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// factoryCall writes the call of a Go factory: pkg.Name(pkg.Options{...}).
// jennifer adds the import.
func factoryCall(f *model.Factory) jen.Code {
	if f.IsType {
		d := jen.Dict{}
		for _, p := range f.Params {
			d[jen.Id(p.Field)] = paramValue(p.Value)
		}
		return jen.Op("&").Qual(f.Pkg, f.Name).Values(d)
	}
	if !f.HasOptions {
		return jen.Qual(f.Pkg, f.Name).Call()
	}
	d := jen.Dict{}
	for _, p := range f.Params {
		d[jen.Id(p.Field)] = paramValue(p.Value)
	}
	return jen.Qual(f.Pkg, f.Name).Call(jen.Qual(f.OptionsPkg, f.OptionsType).Values(d))
}

// paramValue writes a converted option as an untyped constant (or a
// []string literal), so that it suits the field's own type.
func paramValue(v any) jen.Code {
	switch v := v.(type) {
	case *model.GoRef:
		return goRef(v)
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
	}
	return jen.Lit(v)
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
			out = append(out, jen.Id(v).Dot(a.Setter).Call(paramValue(a.Value)))
		} else {
			out = append(out, jen.Id(v).Dot(a.Field).Op("=").Add(paramValue(a.Value)))
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
func factoryHandler(f *model.Factory) jen.Code {
	if !f.ReturnsError && len(f.Attrs) == 0 {
		return newFunc(jen.Return(factoryCall(f), jen.Nil()))
	}
	var body []jen.Code
	if f.ReturnsError {
		body = append(body,
			jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Add(factoryCall(f)),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("err"))))
	} else {
		body = append(body, jen.Id("h").Op(":=").Add(factoryCall(f)))
	}
	body = append(body, attrStmts("h", f.Attrs)...)
	return newFunc(append(body, jen.Return(jen.Id("h"), jen.Nil()))...)
}
