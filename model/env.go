package model

import (
	"fmt"
	"go/types"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/loggen/loggen/runtime/envvar"
)

// This file reads env:// values: env://NAME or env://NAME:-default, the
// analogue of ext:// and cfg:// for environment variables (CPython has no
// such converter, so a file that uses them inline is loggen's own). The
// generated code reads the variable when the configuration is applied;
// here the syntax is checked, that the key takes an environment value, and
// that the default is a value of the key's type, with the parser the
// generated code uses (envvar.Type.Parse) and the key's own check.
//
// Levels (of loggers, the root and handlers) and the handler keys whose
// Key.Env is set take env://, as do the fields of a Go handler factory's
// options whose type is a string, a bool or an integer. Everything that
// decides the code loggen writes (formats, classes, factories, ids,
// streams) refuses it with the reason.

// An EnvRef is an env:// value: the key it sets is read from an environment
// variable when the configuration is applied.
type EnvRef struct {
	// Var is the variable, its default, its type and the key, as the
	// generated code holds them; Var.Pos is left to the generator, which
	// writes the position with the file name its output shows.
	Var envvar.Var
	Pos Pos // the value in the configuration file
}

// The reasons why a value cannot come from the environment.
const (
	envWhyGenerated = "the value is fixed when the code is generated; env:// is read for levels and for handler options such as filename, maxBytes, host and port"
	envWhyFormat    = "formats are compiled into Go when the code is generated"
	envWhyClass     = "the class decides which Go code is generated"
	envWhyID        = "ids wire the configuration together when the code is generated"
)

// isEnv reports whether v is a string that starts with env://.
func isEnv(v *yaml.Node) bool {
	v = deref(v)
	return isString(v) && strings.HasPrefix(v.Value, envvar.Prefix)
}

// noEnv reports whether v is an env:// value, reporting that the key ctx
// does not take one, and why.
func (c *checker) noEnv(ctx string, v *yaml.Node, why string) bool {
	if !isEnv(v) {
		return false
	}
	c.errorf(v, ctx, "env:// cannot be used here: %s", why)
	return true
}

// env reads the env:// value v of the key ctx, whose values have type t.
// check, if not nil, further checks the default once t has read it (the
// key's Key.Check).
func (c *checker) env(ctx string, v *yaml.Node, t envvar.Type, check func(any) string) (*EnvRef, bool) {
	v = deref(v)
	ev, _, serr := envvar.ParseRef(v.Value)
	if serr != nil {
		c.add(c.strPos(v, serr.Off), "%s: %s", ctx, serr.Msg)
		return nil, false
	}
	if ev.HasDefault {
		at := c.strPos(v, len(envvar.Prefix)+len(ev.Name)+len(":-"))
		x, ok := t.Parse(ev.Default)
		if !ok {
			hint := ""
			if t == envvar.TypeLevel {
				hint = suggest(ev.Default, levelNames)
			}
			c.add(at, "%s: the default of env://%s: expected %s, got %s%s", ctx, ev.Name, t.Want(), quote(ev.Default), hint)
			return nil, false
		}
		if check != nil {
			if msg := check(x); msg != "" {
				c.add(at, "%s: the default of env://%s: %s", ctx, ev.Name, msg)
				return nil, false
			}
		}
	}
	ev.Type, ev.Key = t, ctx
	return &EnvRef{Var: ev, Pos: c.pos(v)}, true
}

// envOption reads the env:// value v of the keyword argument k of the
// class called class.
func (c *checker) envOption(ctx, class string, keys []Key, k Key, v *yaml.Node) (*EnvRef, bool) {
	kctx := ctx + ": " + k.Name
	if k.Env != 0 {
		check := k.Check
		if check == nil && len(k.Enum) > 0 {
			check = k.checkEnum
		}
		if check != nil && k.Type == KeyAddress {
			// The variable holds the string form of an address.
			check = func(x any) string { return k.Check(Address{Str: x.(string)}) }
		}
		return c.env(kctx, v, k.Env, check)
	}
	if _, ok := LookupFormatterClass(class); ok {
		c.noEnv(kctx, v, "a formatter is compiled into Go when the code is generated")
		return nil, false
	}
	var takes []string
	for _, k := range keys {
		if k.Env != 0 {
			takes = append(takes, k.Name)
		}
	}
	takes = append(takes, "level")
	sort.Strings(takes)
	why := fmt.Sprintf("%s is fixed when the code is generated; the keys of %s that take env:// are %s", k.Name, class, strings.Join(takes, ", "))
	switch k.Type {
	case KeyStream:
		why = "the stream is a Go value chosen when the code is generated"
	case KeyHandlerID, KeyHandlerIDList:
		why = envWhyID
	}
	c.noEnv(kctx, v, why)
	return nil, false
}

// envFactoryParam reads the env:// value v of the field fd of a Go
// factory's options, for an entry of kind "Handler", "Formatter" or
// "Filter". Handlers are made when the configuration is applied, so the
// fields of their options take string, bool and integer values from the
// environment; formatters and filters are made before.
func (c *checker) envFactoryParam(ctx, kind string, fd *goField, v *yaml.Node, pkg *types.Package) (*EnvRef, bool) {
	switch kind {
	case "Formatter":
		c.noEnv(ctx, v, "a Go formatter factory is called once, when the package is initialised, before any configuration is applied")
		return nil, false
	case "Filter":
		c.noEnv(ctx, v, "a Go filter factory is called when Config builds the configuration, before the configuration is applied")
		return nil, false
	}
	tstr := types.TypeString(fd.typ, types.RelativeTo(pkg))
	if n, ok := types.Unalias(fd.typ).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Duration" {
		c.noEnv(ctx, v, fmt.Sprintf("%s is %s: env:// sets string, bool and integer fields", fd.what(), tstr))
		return nil, false
	}
	if b, ok := fd.typ.Underlying().(*types.Basic); ok {
		info := b.Info()
		switch {
		case info&types.IsString != 0:
			return c.env(ctx, v, envvar.TypeString, nil)
		case info&types.IsBoolean != 0:
			return c.env(ctx, v, envvar.TypeBool, nil)
		case info&types.IsInteger != 0:
			return c.env(ctx, v, envvar.TypeInt, func(x any) string {
				if !fitsInt(x.(int64), b.Kind()) {
					return fmt.Sprintf("%s is %s: %d is out of range", fd.what(), tstr, x.(int64))
				}
				return ""
			})
		}
	}
	c.noEnv(ctx, v, fmt.Sprintf("%s is %s: env:// sets string, bool and integer fields", fd.what(), tstr))
	return nil, false
}

// envWhy says why the key that ctx ends with ("handler \"h\": class")
// takes no env:// value.
func envWhy(ctx string) string {
	switch ctx[strings.LastIndex(ctx, " ")+1:] {
	case "format", "datefmt", "style", "validate", "fmt":
		return envWhyFormat
	case "class", "()":
		return envWhyClass
	case "formatter", "filters", "handlers", "target":
		return envWhyID
	}
	return envWhyGenerated
}
