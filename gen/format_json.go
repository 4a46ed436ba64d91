package gen

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file writes the formatters of python-json-logger's JsonFormatter
// (model.JSON says what they print): one function that appends the whole
// JSON object as straight-line code (the keys and constant values are
// literals, and so is the separator wherever it is known), a
// runtime.JSONExtras for the record's extra attributes, and a
// runtime.JSONFormatter over the function.

// jsonSep says whether the object has a key before the point the emitter
// writes: the separator that comes next is then known, or is decided at
// run time by whether b ends with the object's '{'.
type jsonSep int

const (
	sepNone  jsonSep = iota // no key yet
	sepSome                 // a key already
	sepMaybe                // it depends on the record
)

// merge returns the state after two branches.
func (s jsonSep) merge(t jsonSep) jsonSep {
	if s == t {
		return s
	}
	return sepMaybe
}

// jsonEmitter writes the function of one JSON formatter.
type jsonEmitter struct {
	*formatEmitter
	obj     *model.JSONObject
	options string // the package variable of the JSON options
	extras  string // the package variable of the JSONExtras
	lit     strings.Builder
	sep     jsonSep
	fail    error // the first key the emitter cannot write
}

// emitJSON is the emitter of the python-json-logger formatter classes.
func emitJSON(name string, f *model.Formatter, unique func(want string) string) (jen.Code, []jen.Code, error) {
	base := strings.TrimPrefix(name, "format")
	e := &jsonEmitter{
		formatEmitter: &formatEmitter{f: f, unique: unique, name: name},
		obj:           model.JSON(f),
		options:       unique("jsonOptions" + base),
		extras:        unique("jsonExtras" + base),
	}
	e.cur = &unit{}
	e.literal(e.obj.Prefix + "{")
	e.keys(e.obj.Before, true)
	e.endUnit()

	// The extras and what follows them, in the last unit: the keys after
	// the extras read late.
	e.flush()
	if slices.ContainsFunc(slices.Concat(e.obj.After[0], e.obj.After[1]), func(k model.JSONKey) bool { return k.Late >= 0 }) {
		e.add(jen.List(jen.Id("b"), jen.Id("late")).Op(":=").Id(e.extras).Dot("Append").Call(jen.Id("b"), jen.Id("r")))
	} else {
		e.add(jen.List(jen.Id("b"), jen.Id("_")).Op("=").Id(e.extras).Dot("Append").Call(jen.Id("b"), jen.Id("r")))
	}
	if e.sep == sepNone {
		e.sep = sepMaybe
	}
	e.keys(e.obj.After, false)
	switch {
	case !e.obj.JSON.Indented || e.sep == sepNone:
		e.literal("}")
	case e.sep == sepSome:
		e.literal("\n}")
	default:
		e.flush()
		e.add(jen.If(jen.Id("b").Index(jen.Len(jen.Id("b")).Op("-").Lit(1)).Op("==").LitRune('{')).Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('}')),
		).Else().Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit("\n}").Op("...")),
		))
	}
	e.flush()
	e.endUnit()

	if e.fail != nil {
		return nil, nil, e.fail
	}
	code := e.assemble()
	value := jen.Dict{jen.Id("Func"): jen.Id(name)}
	if e.caller {
		value[jen.Id("Caller")] = jen.True()
	}
	decls := []jen.Code{
		jen.Commentf("%s is how formatter %q writes JSON.", e.options, f.ID).Line().
			Var().Id(e.options).Op("=").Add(jsonOptionsLit(e.obj.JSON)),
		jen.Commentf("%s prints the extra attributes of records for formatter %q.", e.extras, f.ID).Line().
			Var().Id(e.extras).Op("=").Op("&").Qual(rtPath, "JSONExtras").Values(e.extrasDict()),
	}
	return jen.Op("&").Qual(rtPath, "JSONFormatter").Values(value), append(code, decls...), nil
}

// assemble returns the declarations of the format function from the
// units: one function, or parts of one function each for a long object,
// which the function calls in turn.
func (e *jsonEmitter) assemble() []jen.Code {
	what := "fields " + strings.Join(e.obj.Fields, ", ")
	if len(e.obj.Fields) == 0 {
		what = "no fields"
	}
	comment := jen.Commentf("%s formats records for formatter %q as python-json-logger %s does (%s): %s",
		e.name, e.f.ID, e.obj.Version, shorten(what), quoteComment(shorten(e.f.Format.Raw)))
	parts := e.parts()
	if len(parts) <= 1 {
		return append([]jen.Code{comment.Line().Add(formatFunc(e.name, parts...))}, e.decls...)
	}
	var names, decls []jen.Code
	for i, p := range parts {
		pn := e.unique(e.name + "Part" + itoa(i+1))
		names = append(names, jen.Id(pn))
		decls = append(decls, jen.Commentf("%s is part %d of %d of %s.", pn, i+1, len(parts), e.name).Line().
			Add(formatFunc(pn, p)))
	}
	main := comment.Line().
		Comment("The object is long, so its code is split into parts of one function each.").Line().
		Func().Id(e.name).Params(jen.Id("b").Index().Byte(), jen.Id("r").Op("*").Qual(rtPath, "Record")).
		Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Var().Id("err").Error(),
		jen.For(jen.List(jen.Id("_"), jen.Id("part")).Op(":=").Range().Index(jen.Op("...")).Qual(rtPath, "FormatFunc").ValuesFunc(func(g *jen.Group) {
			for _, n := range names {
				g.Line().Add(n)
			}
			g.Line()
		})).Block(
			jen.If(jen.List(jen.Id("b"), jen.Id("err")).Op("=").Id("part").Call(jen.Id("b"), jen.Id("r")), jen.Id("err").Op("!=").Nil()).Block(
				jen.Return(jen.Id("b"), jen.Id("err")))),
		jen.Return(jen.Id("b"), jen.Nil()),
	)
	return append(append([]jen.Code{main}, decls...), e.decls...)
}

// literal adds text to the pending literal append.
func (e *jsonEmitter) literal(s string) { e.lit.WriteString(s) }

// flush adds the pending literal append.
func (e *jsonEmitter) flush() {
	if e.lit.Len() == 0 {
		return
	}
	s := e.lit.String()
	e.lit.Reset()
	if len(s) == 1 {
		e.assign(jen.Append(jen.Id("b"), litByte(s[0])))
		return
	}
	e.assign(jen.Append(jen.Id("b"), jen.Lit(s).Op("...")))
}

// endUnit closes the current unit, and starts the next; the pending
// literal goes with the next.
func (e *jsonEmitter) endUnit() {
	if len(e.cur.stmts) > 0 {
		e.units = append(e.units, e.cur)
	}
	e.cur = &unit{}
}

// addBlock adds a statement that holds others, counting the statements
// that the nested code did not add: extra of them (blocks, the else, an
// init statement), so that parts keep their bounded size.
func (e *jsonEmitter) addBlock(c jen.Code, extra int) {
	e.add(c)
	e.cur.weight += extra
}

// opts returns the options variable.
func (e *jsonEmitter) opts() *jen.Statement { return jen.Id(e.options) }

// keys writes the keys of a list, for a record without an error (lists[0])
// and with one (lists[1]): what they share before and after once, the rest
// under an if on the record's error. With split, each key (and the if) is
// a unit of its own.
func (e *jsonEmitter) keys(lists [2][]model.JSONKey, split bool) {
	endUnit := func() {
		if split {
			e.endUnit()
		}
	}
	a, b := lists[0], lists[1]
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	for _, k := range a[:pre] {
		e.key(k)
		endUnit()
	}
	midA, midB := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(midA)+len(midB) > 0 {
		e.flush()
		start := e.sep
		branch := func(list []model.JSONKey) ([]jen.Code, jsonSep) {
			e.sep = start
			code := e.nested(func() {
				for _, k := range list {
					e.key(k)
				}
				e.flush()
			})
			return code, e.sep
		}
		codeA, sepA := branch(midA)
		codeB, sepB := branch(midB)
		e.sep = sepA.merge(sepB)
		hasErr := jen.Id("r").Dot("Err").Op("!=").Nil()
		switch {
		case len(midA) == 0:
			e.addBlock(jen.If(hasErr).Block(codeB...), 1)
		case len(midB) == 0:
			e.addBlock(jen.If(jen.Id("r").Dot("Err").Op("==").Nil()).Block(codeA...), 1)
		default:
			e.addBlock(jen.If(hasErr).Block(codeB...).Else().Block(codeA...), 2)
		}
		endUnit()
	}
	for _, k := range b[len(b)-suf:] {
		e.key(k)
		endUnit()
	}
}

// key writes one key and its value.
func (e *jsonEmitter) key(k model.JSONKey) {
	o := e.obj.JSON
	text := string(o.AppendKey(nil, k.Key, true, 1))
	if k.Late >= 0 {
		// An extra may have printed the key already.
		e.flush()
		saved := e.sep
		code := e.nested(func() {
			e.sepAndKey(text)
			e.value(k.Value)
			e.flush()
		})
		e.addBlock(jen.If(jen.Id("late").Op("&").Parens(jen.Lit(1).Op("<<").Lit(k.Late)).Op("==").Lit(0)).Block(code...), 1)
		if saved == sepNone {
			e.sep = sepMaybe
		} else {
			e.sep = saved
		}
		return
	}
	e.sepAndKey(text)
	if !k.ExtraValue {
		e.value(k.Value)
		return
	}
	e.flush()
	v := jen.Id("v")
	found := []jen.Code{jen.Id("b").Op("=").Add(e.opts()).Dot("AppendValue").Call(jen.Id("b"), v, jen.Lit(1))}
	otherwise := e.nested(func() {
		e.value(k.Value)
		e.flush()
	})
	e.addBlock(jen.If(jen.List(v, jen.Id("ok")).Op(":=").Id(e.extras).Dot("Last").Call(jen.Id("r"), jen.Lit(k.Key)), jen.Id("ok")).
		Block(found...).Else().Block(otherwise...), 4)
}

// sepAndKey writes the separator the key needs and the key.
func (e *jsonEmitter) sepAndKey(text string) {
	sep := e.obj.JSON.Separator()
	switch e.sep {
	case sepSome:
		e.literal(sep)
	case sepMaybe:
		e.flush()
		e.addBlock(jen.If(jen.Id("b").Index(jen.Len(jen.Id("b")).Op("-").Lit(1)).Op("!=").LitRune('{')).Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(sep).Op("..."))), 2)
	}
	e.literal(text)
	e.sep = sepSome
}

// value writes a value.
func (e *jsonEmitter) value(v model.JSONValue) {
	b := jen.Id("b")
	switch v.Kind {
	case model.JSONNull:
		e.literal("null")
		return
	case model.JSONConst:
		e.literal(v.Text)
		return
	case model.JSONTimestamp:
		e.flush()
		e.assign(jen.Id("r").Dot("AppendTimestampJSON").Call(b))
		return
	case model.JSONError:
		e.flush()
		e.assign(jen.Id("r").Dot("AppendErrJSON").Call(b, e.opts(), jen.Lit(e.obj.ExcLines), jen.Lit(1)))
		return
	case model.JSONLookup:
		e.flush()
		e.addBlock(jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("r").Dot("LookupLast").Call(jen.Lit(v.Name)), jen.Id("ok")).Block(
			jen.Id("b").Op("=").Add(e.opts()).Dot("AppendValue").Call(b, jen.Id("v"), jen.Lit(1)),
		).Else().Block(
			jen.Id("b").Op("=").Append(b, jen.Lit("null").Op("...")),
		), 5)
		return
	}
	// A LogRecord attribute.
	str := func(x jen.Code) { e.flush(); e.assign(e.opts().Dot("AppendString").Call(b, x)) }
	num := func(x jen.Code) { e.flush(); e.assign(jen.Qual("strconv", "AppendInt").Call(b, x, jen.Lit(10))) }
	float := func(x jen.Code) { e.flush(); e.assign(jen.Qual(pyfmtPath, "AppendJSONFloat").Call(b, x)) }
	r := jen.Id("r")
	switch v.Name {
	case "name":
		str(r.Clone().Dot("Name"))
	case "msg":
		str(r.Clone().Dot("Msg"))
	case "args":
		e.flush()
		e.assign(r.Clone().Dot("AppendArgsJSON").Call(b, e.opts(), jen.Lit(1)))
	case "levelname":
		str(r.Clone().Dot("Level").Dot("String").Call())
	case "levelno":
		num(jen.Int64().Call(r.Clone().Dot("Level")))
	case "pathname", "filename", "module", "funcName":
		e.caller = true
		str(r.Clone().Dot(strings.ToUpper(v.Name[:1]) + v.Name[1:]).Call())
	case "lineno":
		e.caller = true
		num(jen.Int64().Call(r.Clone().Dot("Lineno").Call()))
	case "exc_info", "exc_text":
		e.flush()
		e.assign(r.Clone().Dot("AppendErrJSON").Call(b, e.opts(), jen.False(), jen.Lit(1)))
	case "stack_info":
		e.literal("null")
	case "created", "msecs", "relativeCreated":
		float(r.Clone().Dot(strings.ToUpper(v.Name[:1]) + v.Name[1:]).Call())
	case "thread", "process":
		num(jen.Int64().Call(r.Clone().Dot(strings.ToUpper(v.Name[:1]) + v.Name[1:]).Call()))
	case "threadName", "processName":
		str(r.Clone().Dot(strings.ToUpper(v.Name[:1]) + v.Name[1:]).Call())
	case "message":
		e.flush()
		e.assignErr(r.Clone().Dot("AppendMessageJSON").Call(b, e.opts()))
	case "asctime":
		e.asctimeJSON()
	default:
		if e.fail == nil {
			e.fail = fmt.Errorf("formatter %q: no JSON reader for the record attribute %q", e.f.ID, v.Name)
		}
	}
}

// asctimeJSON writes the record's asctime as a JSON string: between quotes
// when the datefmt can only make text that needs no escape, else quoted
// after it is written.
func (e *jsonEmitter) asctimeJSON() {
	seg := pyfmt.Segment{Field: "asctime", Percent: pyfmt.PercentSpec{Verb: 's'}}
	if e.plainTime() {
		e.literal(`"`)
		e.flush()
		e.asctime('%', seg)
		e.literal(`"`)
		return
	}
	e.flush()
	e.add(e.n().Op("=").Len(jen.Id("b")))
	e.asctime('%', seg)
	e.assign(e.opts().Dot("QuoteTail").Call(jen.Id("b"), e.n()))
}

// plainTime reports whether the formatter's asctime is always text that a
// JSON string holds as it is: its datefmt's literal text needs no escape
// (the directives write ASCII letters, digits and signs).
func (e *jsonEmitter) plainTime() bool {
	if e.f.Datefmt == nil {
		return true
	}
	for _, p := range e.f.Datefmt.Parts {
		if p.Directive != 0 {
			continue
		}
		for _, r := range p.Literal {
			if r < ' ' || r == '"' || r == '\\' || r == utf8.RuneError || e.obj.JSON.ASCII && r >= 0x7f {
				return false
			}
		}
	}
	return true
}

// jsonOptionsLit writes JSON options as a composite literal.
func jsonOptionsLit(o pyfmt.JSONOptions) jen.Code {
	d := jen.Dict{}
	if o.ASCII {
		d[jen.Id("ASCII")] = jen.True()
	}
	if o.Indented {
		d[jen.Id("Indented")] = jen.True()
		if o.Indent != "" {
			d[jen.Id("Indent")] = jen.Lit(o.Indent)
		}
	}
	return jen.Qual(pyfmtPath, "JSONOptions").Values(d)
}

// extrasDict writes the fields of the formatter's JSONExtras.
func (e *jsonEmitter) extrasDict() jen.Dict {
	obj := e.obj
	d := jen.Dict{jen.Id("JSON"): jen.Id(e.options)}
	key := jen.Id("key")
	if len(obj.Skip) > 0 {
		d[jen.Id("Skip")] = jen.Func().Params(key.Clone().String()).Bool().Block(switchReturn(obj.Skip, jen.True(), jen.False())...)
	}
	if len(obj.Rename) > 0 {
		var cases []jen.Code
		for _, p := range obj.Rename {
			cases = append(cases, jen.Case(jen.Lit(p.Key)).Block(jen.Return(jen.Lit(p.Value))))
		}
		d[jen.Id("Rename")] = jen.Func().Params(key.Clone().String()).String().Block(
			jen.Switch(key.Clone()).Block(cases...),
			jen.Return(key.Clone()),
		)
	}
	// The keys printed before the extras that an extra can print.
	var always, withErr, withoutErr []string
	taken := func(list []model.JSONKey, k string) bool {
		return slices.ContainsFunc(list, func(x model.JSONKey) bool { return x.Key == k && x.Extras })
	}
	seen := map[string]bool{}
	for _, list := range obj.Before {
		for _, x := range list {
			if !x.Extras || seen[x.Key] {
				continue
			}
			seen[x.Key] = true
			switch a, b := taken(obj.Before[0], x.Key), taken(obj.Before[1], x.Key); {
			case a && b:
				always = append(always, x.Key)
			case b:
				withErr = append(withErr, x.Key)
			default:
				withoutErr = append(withoutErr, x.Key)
			}
		}
	}
	if len(withErr)+len(withoutErr) == 0 && len(always) > 0 {
		d[jen.Id("Taken")] = jen.Func().Params(jen.Id("_").Op("*").Qual(rtPath, "Record"), key.Clone().String()).Bool().Block(switchReturn(always, jen.True(), jen.False())...)
	} else if len(always)+len(withErr)+len(withoutErr) > 0 {
		var cases []jen.Code
		for _, c := range []struct {
			keys []string
			ret  jen.Code
		}{
			{always, jen.True()},
			{withErr, jen.Id("r").Dot("Err").Op("!=").Nil()},
			{withoutErr, jen.Id("r").Dot("Err").Op("==").Nil()},
		} {
			if len(c.keys) > 0 {
				cases = append(cases, jen.Case(litList(c.keys)...).Block(jen.Return(c.ret)))
			}
		}
		d[jen.Id("Taken")] = jen.Func().Params(jen.Id("r").Op("*").Qual(rtPath, "Record"), key.Clone().String()).Bool().Block(
			jen.Switch(key.Clone()).Block(cases...),
			jen.Return(jen.False()),
		)
	}
	if len(obj.Late) > 0 {
		values := map[string]string{"keep": "LateKeep", "timestamp": "LateTimestamp", "message": "LateMessage"}
		d[jen.Id("Late")] = jen.Index().Qual(rtPath, "JSONLate").ValuesFunc(func(g *jen.Group) {
			for _, p := range obj.Late {
				g.Values(jen.Dict{jen.Id("Key"): jen.Lit(p.Key), jen.Id("Value"): jen.Qual(rtPath, values[p.Value])})
			}
		})
	}
	return d
}

// switchReturn returns the body of a func(key string) bool that reports
// whether key is one of keys: a comparison for one key, else a switch.
func switchReturn(keys []string, yes, no jen.Code) []jen.Code {
	if len(keys) == 1 {
		return []jen.Code{jen.Return(jen.Id("key").Op("==").Lit(keys[0]))}
	}
	return []jen.Code{
		jen.Switch(jen.Id("key")).Block(jen.Case(litList(keys)...).Block(jen.Return(yes))),
		jen.Return(no),
	}
}

// litList writes strings as literals.
func litList(ss []string) []jen.Code {
	var out []jen.Code
	for _, s := range ss {
		out = append(out, jen.Lit(s))
	}
	return out
}
