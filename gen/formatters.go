package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// A formatterEmitter writes the formatter of an entry whose class is one of
// model.FormatterClasses: the expression of its value (a runtime.Formatter)
// and the declarations it needs, among them the function name if it
// compiles the format into one. unique makes further package-level names.
type formatterEmitter func(name string, f *model.Formatter, unique func(want string) string) (value jen.Code, decls []jen.Code, err error)

// formatterEmitters are the emitters of the formatter classes of other
// Python packages, by the class's model name. Each lives in a file of its
// own; a test checks that every class of model.FormatterClasses has one.
var formatterEmitters = map[string]formatterEmitter{"pythonjsonlogger.jsonlogger.JsonFormatter": emitJSON, "pythonjsonlogger.json.JsonFormatter": emitJSON}
