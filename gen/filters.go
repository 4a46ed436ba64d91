package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// filterVars returns the statements that make the filters of loggen's
// filter classes (model.FilterClasses) that a handler or logger of cfg
// lists, one local variable of Config each, and the variables' names by
// filter id. Such a filter keeps state (its buckets), so every handler and
// logger that lists the id gets the same value, as dictConfig makes one
// filter object per entry, and each call of Config makes new ones, as it
// makes new handlers.
func filterVars(cfg *model.Config) (stmts []jen.Code, vars map[string]string) {
	used := map[string]bool{}
	for _, h := range cfg.Handlers {
		for _, id := range h.Filters {
			used[id] = true
		}
	}
	loggers := cfg.Loggers
	if cfg.Root != nil {
		loggers = append(loggers[:len(loggers):len(loggers)], cfg.Root)
	}
	for _, l := range loggers {
		for _, id := range l.Filters {
			used[id] = true
		}
	}
	vars = map[string]string{}
	names := newNamer()
	for _, f := range cfg.Filters {
		if f.Class == nil || !used[f.ID] {
			continue
		}
		v := names.unique("filter"+exportedName(f.ID, "X"), "_")
		vars[f.ID] = v
		stmts = append(stmts, jen.Id(v).Op(":=").Add(builtinFilter(f)))
	}
	return stmts, vars
}

// builtinFilter writes the constructor call of a filter of one of loggen's
// classes, from the class table.
func builtinFilter(f *model.Filter) jen.Code {
	opts := jen.Dict{}
	for _, fd := range f.GoFields() {
		if !isZero(fd.Value) {
			opts[jen.Id(fd.Name)] = goValue(fd.Value, nil)
		}
	}
	return jen.Qual(f.Class.New.Pkg, f.Class.New.Name).Call(jen.Qual(f.Class.Options.Pkg, f.Class.Options.Name).Values(opts))
}
