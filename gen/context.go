package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// contextExtractorName is the generated context extractor.
const contextExtractorName = "extractContext"

// contextExtractor declares the context extractor of the configuration's
// context section (loggen: {context: ...}), which the generated Config
// gives the runtime: it calls each attribute's function with the context of
// the log call and appends the attribute's field, in the file's order. It
// allocates nothing of its own (the record's fields have room), unless a
// result is of a type that runtime.Any boxes.
func (g *generator) contextExtractor() {
	fields := jen.Id("fields")
	var body []jen.Code
	var run []jen.Code // the fields of consecutive attributes that are always there
	flush := func() {
		if len(run) == 0 {
			return
		}
		body = append(body, fields.Clone().Op("=").Append(append([]jen.Code{fields.Clone()}, run...)...))
		run = nil
	}
	for _, a := range g.cfg.Context {
		call := jen.Qual(a.Pkg, a.Func).Call(jen.Id("ctx"))
		if !a.Optional {
			run = append(run, contextField(a, call))
			continue
		}
		flush()
		body = append(body, jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Add(call), jen.Id("ok")).Block(
			fields.Clone().Op("=").Append(fields.Clone(), contextField(a, jen.Id("v")))))
	}
	flush()
	body = append(body, jen.Return(fields.Clone()))
	g.private = append(g.private,
		jen.Commentf("%s is the configuration's context extractor: it adds the record", contextExtractorName).Line().
			Commentf("attributes of loggen's context section in %s, which Go functions", g.opts.Source).Line().
			Comment("read from the context of a log call.").Line().
			Func().Id(contextExtractorName).Params(jen.Id("ctx").Qual(rtPath, "Context"), fields.Clone().Index().Qual(rtPath, "Field")).
			Index().Qual(rtPath, "Field").Block(body...))
}

// contextField returns the field of the attribute a with the value v, a
// value of the function's result type.
func contextField(a *model.ContextAttr, v *jen.Statement) *jen.Statement {
	ctor, conv := "Any", jen.Null()
	switch a.Kind {
	case model.ContextString:
		ctor, conv = "String", jen.String()
	case model.ContextInt:
		ctor, conv = "Int64", jen.Int64()
	case model.ContextFloat:
		ctor, conv = "Float64", jen.Float64()
	case model.ContextBool:
		ctor, conv = "Bool", jen.Bool()
	}
	if a.Convert && ctor != "Any" {
		v = conv.Call(v)
	}
	return jen.Qual(rtPath, ctor).Call(jen.Lit(a.Name), v)
}
