package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/runtime/level"
)

// handlerConstructors maps each handler class to the function literal that
// creates its runtime handler from the checked options. A new handler class
// is one entry here (or added from an init function in a file of its own),
// one in model's class table, and one runtime type.
var handlerConstructors = map[string]func(h *model.Handler) (jen.Code, error){
	"logging.StreamHandler": func(h *model.Handler) (jen.Code, error) {
		var stream jen.Code = jen.Qual("os", "Stderr")
		if o, ok := h.Option("stream"); ok {
			switch v := o.Value.(type) {
			case *model.GoRef:
				stream = goRef(v)
			case model.Stream:
				if v == model.Stdout {
					stream = jen.Qual("os", "Stdout")
				}
			}
		}
		call := jen.Qual(rtPath, "NewStreamHandler").Call(stream)
		if len(h.Attrs) == 0 {
			return newFunc(jen.Return(call, jen.Nil())), nil
		}
		body := []jen.Code{jen.Id("h").Op(":=").Add(call)}
		body = append(body, attrStmts("h", h.Attrs)...)
		return newFunc(append(body, jen.Return(jen.Id("h"), jen.Nil()))...), nil
	},
	"logging.FileHandler": func(h *model.Handler) (jen.Code, error) {
		d := jen.Dict{}
		for _, o := range h.Options {
			switch o.Key {
			case "filename":
				d[jen.Id("Filename")] = jen.Lit(o.Value)
			case "mode":
				d[jen.Id("Mode")] = jen.Lit(o.Value)
			case "encoding":
				d[jen.Id("Encoding")] = jen.Lit(o.Value)
			case "delay":
				d[jen.Id("Delay")] = jen.Lit(o.Value)
			}
		}
		return newFunc(
			jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Qual(rtPath, "NewFileHandler").Call(jen.Qual(rtPath, "FileOptions").Values(d)),
			jen.Return(jen.Id("h"), jen.Id("err")),
		), nil
	},
	"logging.handlers.RotatingFileHandler": func(h *model.Handler) (jen.Code, error) {
		d := jen.Dict{}
		fields := map[string]string{"filename": "Filename", "mode": "Mode", "maxBytes": "MaxBytes",
			"backupCount": "BackupCount", "encoding": "Encoding", "delay": "Delay"}
		for _, o := range h.Options {
			f, ok := fields[o.Key]
			switch {
			case !ok:
			case o.Key == "backupCount":
				d[jen.Id(f)] = jen.Lit(int(o.Value.(int64)))
			default:
				d[jen.Id(f)] = jen.Lit(o.Value)
			}
		}
		return newFunc(
			jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Qual(handlersPath, "NewRotatingFileHandler").Call(jen.Qual(handlersPath, "RotatingFileOptions").Values(d)),
			jen.Return(jen.Id("h"), jen.Id("err")),
		), nil
	},
	"logging.NullHandler": func(h *model.Handler) (jen.Code, error) {
		return newFunc(jen.Return(jen.Qual(rtPath, "NewNullHandler").Call(), jen.Nil())), nil
	},
}

// builtOnHandlers maps the classes that are built on other handlers (their
// keys of type KeyHandlerID or KeyHandlerIDList) to the function literal
// that creates one from those handlers, given in the order of
// handlerNeeds: func(needs []logging.Handler) (logging.Handler, error).
var builtOnHandlers = map[string]func(h *model.Handler, needs []string) jen.Code{
	"logging.handlers.MemoryHandler": newMemory,
}

// handlerNeeds lists the ids of the handlers h is built on, in the order of
// its options, each once.
func handlerNeeds(h *model.Handler) []string {
	var ids []string
	add := func(id string) {
		for _, x := range ids {
			if x == id {
				return
			}
		}
		ids = append(ids, id)
	}
	for _, o := range h.Options {
		k, ok := h.Class.Key(o.Key)
		switch {
		case !ok:
		case k.Type == model.KeyHandlerID:
			add(o.Value.(string))
		case k.Type == model.KeyHandlerIDList:
			for _, id := range o.Value.([]string) {
				add(id)
			}
		}
	}
	return ids
}

// neededHandler returns the expression for the handler id among needs.
func neededHandler(needs []string, id string) jen.Code {
	for i, x := range needs {
		if x == id {
			return jen.Id("needs").Index(jen.Lit(i))
		}
	}
	return jen.Nil()
}

// newMemory writes the NewFrom of a MemoryHandler; its target, if any, is
// the handler it needs.
func newMemory(h *model.Handler, needs []string) jen.Code {
	flushLevel, flushOnClose := levelCode(level.ERROR), jen.True()
	d := jen.Dict{}
	for _, o := range h.Options {
		switch o.Key {
		case "capacity":
			d[jen.Id("Capacity")] = jen.Lit(int(o.Value.(int64)))
		case "flushLevel":
			flushLevel = levelCode(o.Value.(level.Level))
		case "flushOnClose":
			flushOnClose = jen.Lit(o.Value)
		case "target":
			d[jen.Id("Target")] = neededHandler(needs, o.Value.(string))
		}
	}
	d[jen.Id("FlushLevel")] = flushLevel
	d[jen.Id("FlushOnClose")] = flushOnClose
	return jen.Func().Params(jen.Id("needs").Index().Qual(rtPath, "Handler")).Params(jen.Qual(rtPath, "Handler"), jen.Error()).Block(
		jen.Return(jen.Qual(handlersPath, "NewMemoryHandler").Call(jen.Qual(handlersPath, "MemoryOptions").Values(d)), jen.Nil()))
}

func newFunc(body ...jen.Code) jen.Code {
	return jen.Func().Params().Params(jen.Qual(rtPath, "Handler"), jen.Error()).Block(body...)
}

func handlerConstructor(h *model.Handler) (jen.Code, error) {
	c, ok := handlerConstructors[h.Class.Name]
	if !ok {
		return nil, fmt.Errorf("%s: handler %q: class %s has no code generator", h.Pos, h.ID, h.Class.Name)
	}
	return c(h)
}
