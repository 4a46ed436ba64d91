package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// builtinHandler sets the fields of a HandlerConfig that make a handler of
// a built-in class, from the class table (model.HandlerClasses): New, or,
// for a class built on other handlers (a MemoryHandler's target, a
// QueueHandler's handlers), Needs and NewFrom. Listing those handlers as
// Needs makes runtime.Configure create them first, so that Shutdown, which
// closes handlers newest first, closes this one before them. Options that
// env:// gives are read in New, into a variable o; source names the
// configuration file in their positions.
func builtinHandler(d jen.Dict, h *model.Handler, source string) {
	cls := h.Class
	fields, arg := h.GoFields()
	needs := handlerNeeds(fields)
	var args, body []jen.Code
	if arg != nil {
		args = append(args, goValue(arg, needs))
	}
	if cls.Options.Name != "" {
		opts := jen.Dict{}
		var env []envField
		for _, f := range fields {
			if r, ok := f.Value.(*model.EnvRef); ok {
				env = append(env, envField{f.Name, r})
			} else if !isZero(f.Value) {
				opts[jen.Id(f.Name)] = goValue(f.Value, needs)
			}
		}
		lit := jen.Qual(cls.Options.Pkg, cls.Options.Name).Values(opts)
		if len(env) > 0 {
			body = append(body, jen.Id("o").Op(":=").Add(lit), envSets("o", env, source))
			lit = jen.Id("o")
		}
		args = append(args, lit)
	}
	call := jen.Qual(cls.New.Pkg, cls.New.Name).Call(args...)

	switch {
	case len(h.Attrs) > 0:
		if cls.Fails {
			body = append(body,
				jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Add(call),
				jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("err"))))
		} else {
			body = append(body, jen.Id("h").Op(":=").Add(call))
		}
		body = append(body, attrStmts("h", h.Attrs)...)
		body = append(body, jen.Return(jen.Id("h"), jen.Nil()))
	case cls.Fails:
		body = append(body, jen.Return(call))
	default:
		body = append(body, jen.Return(call, jen.Nil()))
	}
	results := jen.Params(jen.Qual(rtPath, "Handler"), jen.Error())
	if len(needs) == 0 {
		d[jen.Id("New")] = jen.Func().Params().Add(results).Block(body...)
		return
	}
	d[jen.Id("Needs")] = jen.Index().String().ValuesFunc(func(gr *jen.Group) {
		for _, id := range needs {
			gr.Lit(id)
		}
	})
	d[jen.Id("NewFrom")] = jen.Func().Params(jen.Id("needs").Index().Qual(rtPath, "Handler")).Add(results).Block(body...)
}

// handlerNeeds lists the ids of the handlers that fields refer to, in
// order, each once.
func handlerNeeds(fields []model.GoField) []string {
	var ids []string
	add := func(r model.HandlerRef) {
		for _, x := range ids {
			if x == string(r) {
				return
			}
		}
		ids = append(ids, string(r))
	}
	for _, f := range fields {
		switch v := f.Value.(type) {
		case model.HandlerRef:
			add(v)
		case []model.HandlerRef:
			for _, r := range v {
				add(r)
			}
		}
	}
	return ids
}

// newFunc writes the New of a HandlerConfig: func() (logging.Handler, error).
func newFunc(body ...jen.Code) jen.Code {
	return jen.Func().Params().Params(jen.Qual(rtPath, "Handler"), jen.Error()).Block(body...)
}
