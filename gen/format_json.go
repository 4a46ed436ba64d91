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
	if !e.time && !slices.ContainsFunc(e.obj.Late, func(p model.StringPair) bool { return p.Value == "timestamp" }) {
		value[jen.Id("NoTime")] = jen.True()
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
	return e.assembleFunc(comment, "object")
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

// The conditions the keys of an object depend on, one per bit of a
// model.JSONCase.
var jsonConds = []struct{ yes, no func() *jen.Statement }{
	{ // JSONWithStack
		func() *jen.Statement { return jen.Id("r").Dot("HasStackInfo").Call() },
		func() *jen.Statement { return jen.Op("!").Id("r").Dot("HasStackInfo").Call() },
	},
	{ // JSONWithError
		func() *jen.Statement { return jen.Id("r").Dot("Err").Op("!=").Nil() },
		func() *jen.Statement { return jen.Id("r").Dot("Err").Op("==").Nil() },
	},
}

// keys writes the keys of a list, one list per case of the record
// (model.JSONCase). With split, each key (and each if) is a unit of its
// own.
func (e *jsonEmitter) keys(lists [4][]model.JSONKey, split bool) {
	e.keysOf(lists[:], len(jsonConds), split)
}

// keysOf writes the keys of lists, one list per case of the lowest n bits
// of a model.JSONCase: the keys all of them share at the start and at the
// end once, and the rest under an if on bit n-1 (or once, when that bit
// changes nothing).
func (e *jsonEmitter) keysOf(lists [][]model.JSONKey, n int, split bool) {
	endUnit := func() {
		if split {
			e.endUnit()
		}
	}
	first := lists[0]
	pre := len(first)
	for _, l := range lists[1:] {
		p := 0
		for p < pre && p < len(l) && l[p] == first[p] {
			p++
		}
		pre = p
	}
	suf := len(first) - pre
	for _, l := range lists[1:] {
		q := 0
		for q < suf && q < len(l)-pre && l[len(l)-1-q] == first[len(first)-1-q] {
			q++
		}
		suf = q
	}
	for _, k := range first[:pre] {
		e.key(k)
		endUnit()
	}
	mids := make([][]model.JSONKey, len(lists))
	empty := true
	for i, l := range lists {
		mids[i] = l[pre : len(l)-suf]
		empty = empty && len(mids[i]) == 0
	}
	if !empty {
		e.split(mids, n, split)
	}
	for _, k := range first[len(first)-suf:] {
		e.key(k)
		endUnit()
	}
}

// split writes lists, which differ in bit n-1 of their case: what each pair
// of cases that differ only in the bit shares at its start and at its end
// once (as keys of the lower bits), and the rest under an if on the bit.
// With units, the keys outside the if, and the if, are units of their own.
func (e *jsonEmitter) split(lists [][]model.JSONKey, n int, units bool) {
	half := len(lists) / 2
	if slices.EqualFunc(lists[:half], lists[half:], slices.Equal[[]model.JSONKey]) {
		// The bit changes nothing here.
		e.keysOf(lists[:half], n-1, units)
		return
	}
	pre := make([][]model.JSONKey, half)
	suf := make([][]model.JSONKey, half)
	no := make([][]model.JSONKey, half)
	yes := make([][]model.JSONKey, half)
	for i := range half {
		a, b := lists[i], lists[i+half]
		p := 0
		for p < len(a) && p < len(b) && a[p] == b[p] {
			p++
		}
		q := 0
		for q < len(a)-p && q < len(b)-p && a[len(a)-1-q] == b[len(b)-1-q] {
			q++
		}
		pre[i], no[i], yes[i], suf[i] = a[:p], a[p:len(a)-q], b[p:len(b)-q], a[len(a)-q:]
	}
	e.keysOf(pre, n-1, units)
	e.flush()
	start := e.sep
	branch := func(lists [][]model.JSONKey) ([]jen.Code, jsonSep) {
		e.sep = start
		code := e.nested(func() {
			e.keysOf(lists, n-1, false)
			e.flush()
		})
		return code, e.sep
	}
	codeNo, sepNo := branch(no)
	codeYes, sepYes := branch(yes)
	e.sep = sepNo.merge(sepYes)
	cond := jsonConds[n-1]
	switch {
	case len(codeNo) == 0:
		e.addBlock(jen.If(cond.yes()).Block(codeYes...), 1)
	case len(codeYes) == 0:
		e.addBlock(jen.If(cond.no()).Block(codeNo...), 1)
	default:
		e.addBlock(jen.If(cond.yes()).Block(codeYes...).Else().Block(codeNo...), 2)
	}
	if units {
		e.endUnit()
	}
	e.keysOf(suf, n-1, units)
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
		e.time = true
		e.flush()
		e.assign(jen.Id("r").Dot("AppendTimestampJSON").Call(b))
		return
	case model.JSONError:
		e.flush()
		e.assign(jen.Id("r").Dot("AppendErrJSON").Call(b, e.opts(), jen.Lit(e.obj.ExcLines), jen.Lit(1)))
		return
	case model.JSONStack:
		e.flush()
		e.assign(jen.Id("r").Dot("AppendStackJSON").Call(b, e.opts(), jen.Lit(e.obj.StackLines), jen.Lit(1)))
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
		e.flush()
		e.assign(r.Clone().Dot("AppendStackJSON").Call(b, e.opts(), jen.False(), jen.Lit(1)))
	case "created", "msecs", "relativeCreated":
		e.time = true
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
	// The keys printed before the extras that an extra can print, by the
	// cases of the record in which they are.
	var order []string
	groups := map[string][]string{}
	codes := map[string]jen.Code{}
	for _, list := range obj.Before {
		for _, x := range list {
			if !x.Extras || slices.Contains(order, x.Key) {
				continue
			}
			order = append(order, x.Key)
		}
	}
	var exprOrder []string
	for _, k := range order {
		var in [4]bool
		for c, list := range obj.Before {
			in[c] = slices.ContainsFunc(list, func(x model.JSONKey) bool { return x.Key == k && x.Extras })
		}
		code := caseExpr(in)
		text := fmt.Sprintf("%#v", code)
		if _, ok := groups[text]; !ok {
			exprOrder = append(exprOrder, text)
			codes[text] = code
		}
		groups[text] = append(groups[text], k)
	}
	switch {
	case len(exprOrder) == 1 && exprOrder[0] == "true":
		d[jen.Id("Taken")] = jen.Func().Params(jen.Id("_").Op("*").Qual(rtPath, "Record"), key.Clone().String()).Bool().Block(switchReturn(groups["true"], jen.True(), jen.False())...)
	case len(exprOrder) > 0:
		var cases []jen.Code
		for _, text := range exprOrder {
			cases = append(cases, jen.Case(litList(groups[text])...).Block(jen.Return(codes[text])))
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

// caseExpr returns the condition on r that holds in the cases of a
// record (model.JSONCase) where in is true.
func caseExpr(in [4]bool) jen.Code {
	if in == [4]bool{true, true, true, true} {
		return jen.True()
	}
	// A condition of one bit: the cases that differ only in the other
	// bit agree.
	for bit, c := range jsonConds {
		other := 1 << (1 - bit)
		if in[0] == in[other] && in[1<<bit] == in[1<<bit|other] && in[0] != in[1<<bit] {
			if in[1<<bit] {
				return c.yes()
			}
			return c.no()
		}
	}
	var terms []jen.Code
	for cs, ok := range in {
		if !ok {
			continue
		}
		var conj []jen.Code
		for bit, c := range jsonConds {
			if cs&(1<<bit) != 0 {
				conj = append(conj, c.yes())
			} else {
				conj = append(conj, c.no())
			}
		}
		terms = append(terms, jen.Parens(jen.Add(conj[0]).Op("&&").Add(conj[1])))
	}
	expr := jen.Add(terms[0])
	for _, t := range terms[1:] {
		expr = expr.Op("||").Add(t)
	}
	return expr
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
