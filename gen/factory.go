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

// factoryHandler writes the New of a handler that a Go factory creates.
func factoryHandler(f *model.Factory) jen.Code {
	if !f.ReturnsError {
		return newFunc(jen.Return(factoryCall(f), jen.Nil()))
	}
	return newFunc(
		jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Add(factoryCall(f)),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("err"))),
		jen.Return(jen.Id("h"), jen.Nil()),
	)
}
