package gen

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// colorlogPkg is the run-time part of colorlog's ColoredFormatter.
const colorlogPkg = "github.com/loggen/loggen/runtime/colorlog"

// emitColorlog writes a colorlog.ColoredFormatter: its format compiled
// with the escape codes, and again with every code blank (unless
// force_color keeps the codes on), and the colorlog.New that picks one
// per record. The codes of colour names are constants, folded into the
// format's text; log_color and the secondary <name>_log_color fields are
// functions of the level name, one switch each.
func emitColorlog(name string, f *model.Formatter, unique func(want string) string) (jen.Code, []jen.Code, error) {
	force := boolOption(f, "force_color")
	levelFields := model.ColorlogLevelFields(f)
	for _, lf := range levelFields {
		for _, c := range lf.Colors {
			if _, ok := model.ColorlogColors(c.Value); !ok {
				return nil, nil, fmt.Errorf("formatter %q: %s: unknown colour in %q", f.ID, lf.Field, c.Value)
			}
		}
	}
	levelFuncs := map[string]string{} // field → its function, once declared
	var decls []jen.Code
	colored := func(field string) (string, func() *jen.Statement, bool) {
		if code, ok := model.ColorlogEscape(field); ok {
			return code, nil, true
		}
		for _, lf := range levelFields {
			if lf.Field != field {
				continue
			}
			if len(lf.Colors) == 0 {
				return "", nil, true
			}
			fn, ok := levelFuncs[field]
			if !ok {
				fn = unique(lowerFirst(exportedName(field, "X")) + strings.TrimPrefix(name, "format"))
				levelFuncs[field] = fn
				decls = append(decls, colorlogLevelFunc(fn, f, lf))
			}
			return "", func() *jen.Statement { return jen.Id(fn).Call(jen.Id("r").Dot("Level")) }, true
		}
		return "", nil, false
	}
	blank := func(field string) (string, func() *jen.Statement, bool) { return "", nil, true }

	opts := jen.Dict{jen.Id("Colored"): jen.Id(name)}
	code, info, err := colorlogFormat(name, f, unique, colored, "With the escape codes.")
	if err != nil {
		return nil, nil, err
	}
	if !force {
		plain := unique(name + "Plain")
		opts[jen.Id("Plain")] = jen.Id(plain)
		more, _, err := colorlogFormat(plain, f, unique, blank, "With every escape code blank.")
		if err != nil {
			return nil, nil, err
		}
		code = append(code, more...)
	}
	code = append(code, decls...)
	if info.caller {
		opts[jen.Id("Caller")] = jen.True()
	}
	if !info.time {
		opts[jen.Id("NoTime")] = jen.True()
	}
	if o, ok := f.Option("reset"); ok && (o.Value == nil || o.Value == false) {
		opts[jen.Id("NoReset")] = jen.True()
	}
	if o, ok := f.Option("stream"); ok && o.Value != nil {
		opts[jen.Id("Stream")] = goValue(o.Value, nil)
	}
	if boolOption(f, "no_color") {
		opts[jen.Id("NoColor")] = jen.True()
	}
	if force {
		opts[jen.Id("ForceColor")] = jen.True()
	}
	return jen.Qual(colorlogPkg, "New").Call(jen.Qual(colorlogPkg, "Options").Values(opts)), code, nil
}

// A colorlogFields says what colorlog puts in a field of the format: a
// constant escape code, or code that reads one (log_color); ok is false
// for a field that is not colorlog's.
type colorlogFields func(field string) (text string, expr func() *jen.Statement, ok bool)

// colorlogFormat compiles f's format into the function name, with the
// fields of colorlog as fields gives them.
func colorlogFormat(name string, f *model.Formatter, unique func(want string) string, fields colorlogFields, note string) ([]jen.Code, formatInfo, error) {
	constant := func(field string) (string, bool) {
		if !f.ClassField(field) {
			return "", false
		}
		text, expr, ok := fields(field)
		return text, ok && expr == nil
	}
	folded, err := foldConstants(f, constant)
	if err != nil {
		return nil, formatInfo{}, err
	}
	read := func(field string) (attr, bool) {
		if !f.ClassField(field) {
			return attr{}, false
		}
		_, expr, ok := fields(field)
		return attr{kind: pyfmt.TypeString, expr: expr}, ok && expr != nil
	}
	return emitClassFormat(name, folded, unique, read, note)
}

// foldConstants returns a copy of f whose format has the fields that
// constant gives a text for (a class's constant fields) replaced by the
// text they print, joined with the literal text around them.
func foldConstants(f *model.Formatter, constant func(field string) (string, bool)) (*model.Formatter, error) {
	format := *f.Format
	format.Segments = nil
	for _, s := range f.Format.Segments {
		if s.Field != "" {
			text, ok := constant(s.Field)
			if !ok {
				format.Segments = append(format.Segments, s)
				continue
			}
			b, err := pyfmt.AppendField(nil, f.Format.Style, s, pyfmt.StringValue(text))
			if err != nil {
				return nil, fmt.Errorf("formatter %q: field %s: %v", f.ID, s.Field, err)
			}
			s = pyfmt.Segment{Literal: string(b), Offset: s.Offset}
		}
		if n := len(format.Segments); n > 0 && format.Segments[n-1].Field == "" {
			format.Segments[n-1].Literal += s.Literal
			continue
		}
		if s.Literal != "" {
			format.Segments = append(format.Segments, s)
		}
	}
	g := *f
	g.Format = &format
	return &g, nil
}

// colorlogLevelFunc declares the function fn that returns the escape codes
// of the level-dependent field lf for a level: the codes its colour lists
// give the level's name.
func colorlogLevelFunc(fn string, f *model.Formatter, lf model.ColorlogLogColors) jen.Code {
	var cases []jen.Code
	for _, c := range lf.Colors {
		codes, _ := model.ColorlogColors(c.Value) // checked by emitColorlog
		cases = append(cases, jen.Case(jen.Lit(c.Key)).Block(jen.Return(jen.Lit(codes))))
	}
	return jen.Commentf("%s returns formatter %q's %s for level l: the escape codes of the colours", fn, f.ID, lf.Field).Line().
		Commentf("its log colours give l's name.").Line().
		Func().Id(fn).Params(jen.Id("l").Qual(rtPath, "Level")).String().Block(
		jen.Var().Id("name").Index(jen.Lit(32)).Byte(),
		jen.Switch(jen.String().Call(jen.Id("l").Dot("AppendName").Call(jen.Id("name").Index(jen.Empty(), jen.Lit(0))))).Block(cases...),
		jen.Return(jen.Lit("")),
	)
}

// boolOption reports whether f's keyword argument key is given and true.
func boolOption(f *model.Formatter, key string) bool {
	o, ok := f.Option(key)
	return ok && o.Value == true
}

// lowerFirst returns an exported name as an unexported one: its leading
// capitals in lower case, but the last when a lower-case letter follows
// ("LogColor" → "logColor", "IDLogColor" → "idLogColor").
func lowerFirst(s string) string {
	rs := []rune(s)
	for i := 0; i < len(rs) && unicode.IsUpper(rs[i]); i++ {
		if i > 0 && i+1 < len(rs) && unicode.IsLower(rs[i+1]) {
			break
		}
		rs[i] = unicode.ToLower(rs[i])
	}
	return string(rs)
}
