package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// envvarPath is the package that reads env:// values when a configuration
// is applied.
const envvarPath = "github.com/loggen/loggen/runtime/envvar"

// envVar writes the envvar.Var of an env:// value. Its position names the
// configuration file as the header's source line does, so that the same
// configuration gives the same code on every machine.
func envVar(r *model.EnvRef, source string) *jen.Statement {
	d := jen.Dict{
		jen.Id("Name"): jen.Lit(r.Var.Name),
		jen.Id("Type"): jen.Qual(envvarPath, r.Var.Type.String()),
		jen.Id("Key"):  jen.Lit(r.Var.Key),
		jen.Id("Pos"):  jen.Lit(fmt.Sprintf("%s:%d:%d", source, r.Pos.Line, r.Pos.Col)),
	}
	if r.Var.HasDefault {
		d[jen.Id("Default")] = jen.Lit(r.Var.Default)
		d[jen.Id("HasDefault")] = jen.True()
	}
	return jen.Qual(envvarPath, "Var").Values(d)
}

// An envField is a field of a struct that an env:// value sets.
type envField struct {
	name string
	ref  *model.EnvRef
}

// envSets writes the statement that sets the fields of the struct recv
// (a variable, or a pointer) from their variables and returns from a
// handler's New with the errors of those that cannot be read, all of them.
func envSets(recv string, fields []envField, source string) jen.Code {
	var calls []jen.Code
	for _, f := range fields {
		calls = append(calls, jen.Qual(envvarPath, f.ref.Var.Type.Setter()).Call(
			jen.Op("&").Id(recv).Dot(f.name), envVar(f.ref, source)))
	}
	call := calls[0]
	if len(calls) > 1 {
		call = jen.Qual("errors", "Join").Custom(jen.Options{Open: "(", Close: ")", Separator: ",", Multi: true}, calls...)
	}
	return jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(
		jen.Return(jen.Nil(), jen.Err()))
}

// levelFields sets the level of a HandlerConfig, a HandlerLevel or a
// LoggerConfig: Level, or LevelEnv for an env:// level.
func levelFields(d jen.Dict, l model.Level, source string) {
	if l.Env != nil {
		d[jen.Id("LevelEnv")] = jen.Op("&").Add(envVar(l.Env, source))
		return
	}
	d[jen.Id("Level")] = levelCode(l.Level)
}

// usesEnv reports whether cfg takes a value from the environment.
func usesEnv(cfg *model.Config) bool {
	loggers := cfg.Loggers
	if cfg.Root != nil {
		loggers = append(loggers[:len(loggers):len(loggers)], cfg.Root)
	}
	for _, l := range loggers {
		if l.Level.Env != nil {
			return true
		}
	}
	for _, h := range cfg.Handlers {
		if h.Level.Env != nil {
			return true
		}
		for _, o := range h.Options {
			if _, ok := o.Value.(*model.EnvRef); ok {
				return true
			}
		}
		if h.Factory != nil && len(factoryEnv(h.Factory)) > 0 {
			return true
		}
	}
	return false
}
