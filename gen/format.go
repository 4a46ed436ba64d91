package gen

import (
	"fmt"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// An attr says how generated code reads one LogRecord attribute.
type attr struct {
	kind pyfmt.FieldType // from pyfmt.RecordAttr
	// str is a string expression (TypeString); for TypeInt and TypeFloat, the
	// int64 or float64 expression.
	expr func() *jen.Statement
	// app, when set, appends the value to b and is preferred to expr
	// (levelname, message, args: no intermediate string).
	app func(b jen.Code) *jen.Statement
	// fails reports that app and expr also return an error (message).
	fails  bool
	caller bool // reading it needs the caller's frame
}

func rec(sel string) func() *jen.Statement {
	return func() *jen.Statement { return jen.Id("r").Dot(sel) }
}

func recCall(sel string) func() *jen.Statement {
	return func() *jen.Statement { return jen.Id("r").Dot(sel).Call() }
}

func recInt(sel string) func() *jen.Statement {
	return func() *jen.Statement { return jen.Int64().Call(jen.Id("r").Dot(sel).Call()) }
}

// readers says how generated code reads each LogRecord attribute of
// pyfmt.RecordAttr (but asctime, which the emitter writes itself); the
// attribute's type comes from there. See the README for what the process
// and thread attributes mean in Go.
var readers = map[string]attr{
	"name":            {expr: rec("Name")},
	"msg":             {expr: rec("Msg")},
	"levelno":         {expr: func() *jen.Statement { return jen.Int64().Call(jen.Id("r").Dot("Level")) }},
	"levelname":       {expr: func() *jen.Statement { return jen.Id("r").Dot("Level").Dot("String").Call() }, app: func(b jen.Code) *jen.Statement { return jen.Id("r").Dot("Level").Dot("AppendName").Call(b) }},
	"message":         {expr: recCall("Message"), app: func(b jen.Code) *jen.Statement { return jen.Id("r").Dot("AppendMessage").Call(b) }, fails: true},
	"args":            {expr: func() *jen.Statement { return jen.String().Call(jen.Id("r").Dot("AppendArgsRepr").Call(jen.Nil())) }, app: func(b jen.Code) *jen.Statement { return jen.Id("r").Dot("AppendArgsRepr").Call(b) }},
	"exc_text":        {expr: func() *jen.Statement { return jen.String().Call(jen.Id("r").Dot("AppendExcText").Call(jen.Nil())) }, app: func(b jen.Code) *jen.Statement { return jen.Id("r").Dot("AppendExcText").Call(b) }},
	"created":         {expr: recCall("Created")},
	"msecs":           {expr: recCall("Msecs")},
	"relativeCreated": {expr: recCall("RelativeCreated")},
	"pathname":        {expr: recCall("Pathname"), caller: true},
	"filename":        {expr: recCall("Filename"), caller: true},
	"module":          {expr: recCall("Module"), caller: true},
	"funcName":        {expr: recCall("FuncName"), caller: true},
	"lineno":          {expr: recInt("Lineno"), caller: true},
	"process":         {expr: recInt("Process")},
	"processName":     {expr: recCall("ProcessName")},
	"thread":          {expr: recInt("Thread")},
	"threadName":      {expr: recCall("ThreadName")},
	"exc_info":        {},
	"stack_info":      {expr: func() *jen.Statement { return jen.String().Call(jen.Id("r").Dot("AppendStackInfo").Call(jen.Nil())) }, app: func(b jen.Code) *jen.Statement { return jen.Id("r").Dot("AppendStackInfo").Call(b) }},
	"taskName":        {},
}

// maxPartWeight bounds the statements of one generated format function. A
// longer format is split into parts of about this size, called in turn:
// the compiler's work on a function grows faster than the function (its
// SSA passes relate every variable to every block), so one function per
// format would make compile time quadratic in the format's length.
const maxPartWeight = 100

// The function-level variables of a format function, declared only where
// its code reads them.
type funcVars uint8

const (
	varErr funcVars = 1 << iota // var err error
	varN                        // var n int: where a value to pad starts
	varTm                       // tm := r.Tm()
	varEsc                      // var esc int: where a value to escape starts
)

// A unit is the code of one segment of a format.
type unit struct {
	stmts  []jen.Code
	weight int      // statements, nested ones included
	vars   funcVars // the function-level variables its code reads
}

// formatEmitter writes the code of one compiled format.
type formatEmitter struct {
	f      *model.Formatter
	units  []*unit
	cur    *unit
	caller bool
	tmp    int // counter for temporary names

	unique    func(want string) string // names a new package-level function
	name      string                   // the format function's name
	timeFunc  string                   // the function that appends the datefmt's time, once made
	timeCache string                   // the TimeCache variable of the datefmt's text, once made
	time      bool                     // the format prints a time (asctime, created, msecs, relativeCreated)
	decls     []jen.Code               // helper functions

	// fields, when set, reads the fields that the formatter's class adds
	// (or gives other values), before record attributes and extras.
	fields func(name string) (attr, bool)
}

// A formatInfo says what a compiled format reads of a record, beyond its
// plain attributes.
type formatInfo struct {
	caller bool // the caller's file, line or function
	time   bool // the creation time
}

// emitFormat returns the declarations of the function name that formats
// records for f, as straight-line appends, and what the format reads of a
// record. A long format becomes several functions, each named by unique,
// which name calls in order.
func emitFormat(name string, f *model.Formatter, unique func(want string) string) ([]jen.Code, formatInfo, error) {
	return emitClassFormat(name, f, unique, nil, "")
}

// emitClassFormat is emitFormat for a formatter class's format: fields
// reads the fields the class adds, and note, if not empty, follows the
// format in the function's comment.
func emitClassFormat(name string, f *model.Formatter, unique func(want string) string, fields func(name string) (attr, bool), note string) ([]jen.Code, formatInfo, error) {
	e := &formatEmitter{f: f, unique: unique, name: name, fields: fields}
	for _, s := range f.Format.Segments {
		e.cur = &unit{}
		escape := f.EscapeControl && escapable(s)
		if escape {
			e.add(e.esc().Op("=").Len(jen.Id("b")))
		}
		if err := e.segment(f.Format.Style, s); err != nil {
			return nil, formatInfo{}, fmt.Errorf("formatter %q: %v", f.ID, err)
		}
		if escape {
			e.assign(jen.Qual(pyfmtPath, "EscapeControl").Call(jen.Id("b"), e.esc()))
		}
		if len(e.cur.stmts) > 0 {
			e.units = append(e.units, e.cur)
		}
	}
	comment := jen.Commentf("%s formats records for formatter %q: %s", name, f.ID, quoteComment(shorten(f.Format.Raw)))
	if note != "" {
		comment.Line().Comment(note)
	}
	info := formatInfo{caller: e.caller, time: e.time}
	return e.assembleFunc(comment, "format"), info, nil
}

// assembleFunc returns the declarations of the format function from the
// units, under comment: one function, or, for a long format (what: "format"
// or "object"), parts of one function each, which the function calls in
// turn over the same buffer, the first error stopping them.
func (e *formatEmitter) assembleFunc(comment *jen.Statement, what string) []jen.Code {
	name := e.name
	parts := e.parts()
	if len(parts) <= 1 {
		return append([]jen.Code{comment.Line().Add(formatFunc(name, parts...))}, e.decls...)
	}
	var names, decls []jen.Code
	for i, p := range parts {
		pn := e.unique(name + "Part" + itoa(i+1))
		names = append(names, jen.Id(pn))
		decls = append(decls, jen.Commentf("%s is part %d of %d of %s.", pn, i+1, len(parts), name).Line().
			Add(formatFunc(pn, p)))
	}
	main := comment.Line().
		Comment("The "+what+" is long, so its code is split into parts of one function each.").Line().
		Func().Id(name).Params(jen.Id("b").Index().Byte(), jen.Id("r").Op("*").Qual(rtPath, "Record")).
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

// escapable reports whether the field s can print a control character,
// which escape_control escapes: every field but the format's own text,
// asctime (its datefmt is the configuration's text) and the numeric
// record attributes.
func escapable(s pyfmt.Segment) bool {
	if s.Extra {
		return true
	}
	if s.Field == "" || s.Field == "asctime" {
		return false
	}
	kind, _ := pyfmt.RecordAttr(s.Field)
	return kind != pyfmt.TypeInt && kind != pyfmt.TypeFloat
}

// shorten returns a long format's first 200 bytes (whole characters) and
// an ellipsis, for a comment.
func shorten(s string) string {
	const n = 200
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// parts groups the units into function bodies of at most maxPartWeight
// statements, but for a unit that is longer on its own.
func (e *formatEmitter) parts() [][]*unit {
	var parts [][]*unit
	var cur []*unit
	weight := 0
	for _, u := range e.units {
		if len(cur) > 0 && weight+u.weight > maxPartWeight {
			parts = append(parts, cur)
			cur, weight = nil, 0
		}
		cur = append(cur, u)
		weight += u.weight
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	return parts
}

// formatFunc returns the function name with the code of units, declaring
// the variables that code reads.
func formatFunc(name string, units ...[]*unit) jen.Code {
	var vars funcVars
	var body []jen.Code
	for _, us := range units {
		for _, u := range us {
			vars |= u.vars
			body = append(body, u.stmts...)
		}
	}
	var decl []jen.Code
	if vars&varErr != 0 {
		decl = append(decl, jen.Var().Id("err").Error())
	}
	if vars&varN != 0 {
		decl = append(decl, jen.Var().Id("n").Int())
	}
	if vars&varTm != 0 {
		decl = append(decl, jen.Id("tm").Op(":=").Id("r").Dot("Tm").Call())
	}
	if vars&varEsc != 0 {
		decl = append(decl, jen.Var().Id("esc").Int())
	}
	body = append(decl, body...)
	body = append(body, jen.Return(jen.Id("b"), jen.Nil()))
	return jen.Func().Id(name).Params(jen.Id("b").Index().Byte(), jen.Id("r").Op("*").Qual(rtPath, "Record")).
		Params(jen.Index().Byte(), jen.Error()).Block(body...)
}

// The function-level variables, each returned where the code reads it, so
// that a function declares exactly the variables its code uses.

func (e *formatEmitter) err() *jen.Statement { e.cur.vars |= varErr; return jen.Id("err") }
func (e *formatEmitter) n() *jen.Statement   { e.cur.vars |= varN; return jen.Id("n") }
func (e *formatEmitter) tm() *jen.Statement  { e.cur.vars |= varTm; return jen.Id("tm") }
func (e *formatEmitter) esc() *jen.Statement { e.cur.vars |= varEsc; return jen.Id("esc") }

func (e *formatEmitter) add(c jen.Code) {
	e.cur.stmts = append(e.cur.stmts, c)
	e.cur.weight++
}

// nested returns the statements that write adds, for a block.
func (e *formatEmitter) nested(write func()) []jen.Code {
	saved := e.cur.stmts
	e.cur.stmts = nil
	write()
	got := e.cur.stmts
	e.cur.stmts = saved
	return got
}

// assign adds "b = <value>".
func (e *formatEmitter) assign(v jen.Code) { e.add(jen.Id("b").Op("=").Add(v)) }

// assignErr adds "b, err = <value>; if err != nil { return b, err }".
func (e *formatEmitter) assignErr(v jen.Code) {
	e.add(jen.List(jen.Id("b"), e.err()).Op("=").Add(v))
	e.add(jen.If(e.err().Op("!=").Nil()).Block(jen.Return(jen.Id("b"), e.err())))
}

// assignIgnore adds "b, _ = <value>" for calls whose error cannot happen
// for the types involved.
func (e *formatEmitter) assignIgnore(v jen.Code) {
	e.add(jen.List(jen.Id("b"), jen.Id("_")).Op("=").Add(v))
}

// An edit rewrites the text that the code before it appended from n on:
// it returns the new value of b.
type edit func(n *jen.Statement) jen.Code

// measured adds the code of write and then each edit of the text it
// appended (a conversion, padding). Without edits it adds write's code
// alone.
func (e *formatEmitter) measured(write func(), edits ...edit) {
	if len(edits) == 0 {
		write()
		return
	}
	e.add(jen.Id("n").Op("=").Len(jen.Id("b")))
	write()
	for _, ed := range edits {
		e.assign(ed(e.n()))
	}
}

// padPercent and padFormat are the edits that apply a spec to a str.
func padPercent(p pyfmt.PercentSpec) edit {
	return func(n *jen.Statement) jen.Code {
		return jen.Qual(pyfmtPath, "PadPercent").Call(jen.Id("b"), n, percentLit(p))
	}
}

func padFormat(s pyfmt.FormatSpec) edit {
	return func(n *jen.Statement) jen.Code {
		return jen.Qual(pyfmtPath, "PadFormat").Call(jen.Id("b"), n, formatLit(s))
	}
}

// quoteText is the edit that replaces the text with its repr ('r') or
// ascii ('a'); the text is copied once.
func quoteText(conv byte) edit {
	return func(n *jen.Statement) jen.Code {
		return jen.Qual(pyfmtPath, quoteFunc(conv)).Call(jen.Id("b").Index(jen.Empty(), n.Clone()), jen.String().Call(jen.Id("b").Index(n, jen.Empty())))
	}
}

// quoteFunc names the pyfmt function of the conversion conv ('r' or 'a').
func quoteFunc(conv byte) string {
	if conv == 'a' {
		return "AppendASCII"
	}
	return "AppendRepr"
}

func (e *formatEmitter) segment(style byte, s pyfmt.Segment) error {
	if s.Field == "" {
		if s.Literal != "" {
			e.assign(jen.Append(jen.Id("b"), jen.Lit(s.Literal).Op("...")))
		}
		return nil
	}
	if e.fields != nil {
		if a, ok := e.fields(s.Field); ok {
			return e.attrSegment(style, s, a)
		}
	}
	if s.Extra {
		return e.extra(style, s)
	}
	if s.Field == "asctime" {
		return e.asctime(style, s)
	}
	a, ok := readers[s.Field]
	if !ok {
		return fmt.Errorf("unknown record attribute %q", s.Field)
	}
	a.kind, _ = pyfmt.RecordAttr(s.Field)
	switch s.Field {
	case "created", "msecs", "relativeCreated":
		e.time = true
	}
	return e.attrSegment(style, s, a)
}

// attrSegment emits the field s, which a reads.
func (e *formatEmitter) attrSegment(style byte, s pyfmt.Segment, a attr) error {
	if a.caller {
		e.caller = true
	}
	switch style {
	case '%':
		return e.percent(a, s.Percent, s.Field)
	default: // '{' and '$' ('$' fields are str() with an empty spec)
		conv, spec := s.Conversion, s.Spec
		if style == '$' {
			conv, spec = 0, pyfmt.FormatSpec{}
		}
		return e.brace(a, conv, spec, s.Field)
	}
}

// appendStr appends a string-kind attribute's text.
func (e *formatEmitter) appendStr(a attr) {
	switch {
	case a.app != nil && a.fails:
		e.assignErr(a.app(jen.Id("b")))
	case a.app != nil:
		e.assign(a.app(jen.Id("b")))
	default:
		e.assign(jen.Append(jen.Id("b"), a.expr().Op("...")))
	}
}

// appendText appends Python's str() of an attribute of any kind.
func (e *formatEmitter) appendText(a attr) {
	switch a.kind {
	case pyfmt.TypeString:
		e.appendStr(a)
	case pyfmt.TypeInt:
		e.assign(jen.Qual("strconv", "AppendInt").Call(jen.Id("b"), a.expr(), jen.Lit(10)))
	case pyfmt.TypeFloat:
		e.assign(jen.Qual(pyfmtPath, "AppendFloatRepr").Call(jen.Id("b"), a.expr()))
	default:
		e.assign(jen.Append(jen.Id("b"), jen.Lit("None").Op("...")))
	}
}

// appendQuoted appends Python's repr() ('r') or ascii() ('a') of an
// attribute of any kind: for a number or None, its str().
func (e *formatEmitter) appendQuoted(a attr, conv byte) {
	if a.kind != pyfmt.TypeString {
		e.appendText(a)
		return
	}
	e.assign(jen.Qual(pyfmtPath, quoteFunc(conv)).Call(jen.Id("b"), e.strExpr(a)))
}

// strExpr returns a string expression of a string-kind attribute, for
// conversions that need the whole string (repr). When reading it can fail,
// it first adds a temporary holding the string.
func (e *formatEmitter) strExpr(a attr) jen.Code {
	if a.fails {
		e.tmp++
		s := fmt.Sprintf("s%d", e.tmp)
		e.add(jen.List(jen.Id(s), e.err()).Op(":=").Add(a.expr()))
		e.add(jen.If(e.err().Op("!=").Nil()).Block(jen.Return(jen.Id("b"), e.err())))
		return jen.Id(s)
	}
	return a.expr()
}

func plainPercent(p pyfmt.PercentSpec) bool {
	return p == pyfmt.PercentSpec{Verb: p.Verb}
}

func (e *formatEmitter) percent(a attr, p pyfmt.PercentSpec, field string) error {
	spec := percentLit(p)
	var pad []edit
	if !plainPercent(p) {
		pad = append(pad, padPercent(p))
	}
	switch a.kind {
	case pyfmt.TypeString:
		switch p.Verb {
		case 's':
			e.measured(func() { e.appendStr(a) }, pad...)
		case 'r', 'a':
			e.measured(func() { e.appendQuoted(a, p.Verb) }, pad...)
		default:
			return fmt.Errorf("%%(%s)%c: %s is a str, and %%%c needs a number", field, p.Verb, field, p.Verb)
		}
		return nil
	case pyfmt.TypeInt:
		if (p.Verb == 'd' || p.Verb == 's' || p.Verb == 'i' || p.Verb == 'u') && plainPercent(p) {
			e.appendText(a)
			return nil
		}
		if p.Verb == 'c' {
			e.assignErr(spec.Dot("AppendInt").Call(jen.Id("b"), a.expr()))
			return nil
		}
		e.assignIgnore(spec.Dot("AppendInt").Call(jen.Id("b"), a.expr()))
		return nil
	case pyfmt.TypeFloat:
		switch p.Verb {
		case 'x', 'X', 'o', 'c':
			return fmt.Errorf("%%(%s)%c: %s is a float, and %%%c needs an int", field, p.Verb, field, p.Verb)
		}
		if (p.Verb == 's' || p.Verb == 'r') && plainPercent(p) {
			e.appendText(a)
			return nil
		}
		e.assignIgnore(spec.Dot("AppendFloat").Call(jen.Id("b"), a.expr()))
		return nil
	}
	// None.
	e.assignErr(spec.Dot("AppendNone").Call(jen.Id("b")))
	return nil
}

func (e *formatEmitter) brace(a attr, conv byte, spec pyfmt.FormatSpec, field string) error {
	lit := formatLit(spec)
	zero := spec.IsZero()
	var pad []edit
	if !zero {
		pad = append(pad, padFormat(spec))
	}
	switch conv {
	case 'r', 'a':
		// The conversion makes a str; the spec applies to that str.
		e.measured(func() { e.appendQuoted(a, conv) }, pad...)
		return nil
	case 's':
		e.measured(func() { e.appendText(a) }, pad...)
		return nil
	}
	switch a.kind {
	case pyfmt.TypeString:
		if spec.Type != 0 && spec.Type != 's' {
			return fmt.Errorf("{%s:%c}: %s is a str", field, spec.Type, field)
		}
		e.measured(func() { e.appendStr(a) }, pad...)
	case pyfmt.TypeInt:
		if zero {
			e.appendText(a)
			return nil
		}
		e.assignErr(lit.Dot("AppendInt").Call(jen.Id("b"), a.expr()))
	case pyfmt.TypeFloat:
		if zero {
			e.appendText(a)
			return nil
		}
		e.assignErr(lit.Dot("AppendFloat").Call(jen.Id("b"), a.expr()))
	default:
		if zero {
			e.appendText(a)
			return nil
		}
		e.assignErr(lit.Dot("AppendNone").Call(jen.Id("b")))
	}
	return nil
}

// extra emits a lookup of an extra attribute. A record without it prints
// the formatter's default for the field, or fails to format, as Python's
// "Formatting field not found in record".
func (e *formatEmitter) extra(style byte, s pyfmt.Segment) error {
	v := jen.Id("v" + exportedName(s.Field, "X"))
	conv, spec := s.Conversion, s.Spec
	if style == '$' {
		conv, spec = 0, pyfmt.FormatSpec{}
	}
	var pad []edit
	if !spec.IsZero() {
		pad = append(pad, padFormat(spec))
	}
	found := e.nested(func() {
		switch {
		case style == '%' && s.Percent.Verb == 's' && plainPercent(s.Percent):
			e.assign(v.Clone().Dot("AppendStr").Call(jen.Id("b")))
		case style == '%' && s.Percent == pyfmt.PercentSpec{Verb: 'd'}:
			e.assignErr(v.Clone().Dot("AppendD").Call(jen.Id("b")))
		case style == '%':
			e.assignErr(percentLit(s.Percent).Dot("AppendValue").Call(jen.Id("b"), v.Clone()))
		case conv == 'r' || conv == 'a':
			e.measured(func() { e.assign(v.Clone().Dot(quoteFunc(conv)).Call(jen.Id("b"))) }, pad...)
		case conv == 's' || spec.IsZero():
			// !s makes a str, to which the spec applies.
			e.measured(func() { e.assign(v.Clone().Dot("AppendStr").Call(jen.Id("b"))) }, pad...)
		default:
			e.assignErr(formatLit(spec).Dot("AppendValue").Call(jen.Id("b"), v.Clone()))
		}
	})
	lookup := jen.List(v.Clone(), jen.Id("ok")).Op(":=").Id("r").Dot("Lookup").Call(jen.Lit(s.Field))
	if d, ok := e.f.Default(s.Field); ok {
		text, err := pyfmt.AppendField(nil, style, s, d)
		if err != nil {
			return fmt.Errorf("the default of %s does not format: %v", s.Field, err)
		}
		e.add(jen.If(lookup, jen.Id("ok")).Block(found...).Else().Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(string(text)).Op("...")).Comment("the default")))
		return nil
	}
	// A block of its own, so that its variables do not clash with another
	// use of the same extra.
	e.add(jen.Block(append([]jen.Code{
		lookup,
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Id("b"), jen.Qual(rtPath, "MissingField").Call(jen.Lit(s.Field)))),
	}, found...)...))
	return nil
}

// asctime emits the record's time: the default "2006-01-02 15:04:05,000",
// or the formatter's datefmt compiled into appends.
func (e *formatEmitter) asctime(style byte, s pyfmt.Segment) error {
	var edits []edit
	switch style {
	case '%':
		switch s.Percent.Verb {
		case 's':
		case 'r', 'a':
			edits = append(edits, quoteText(s.Percent.Verb))
		default:
			return fmt.Errorf("%%(asctime)%c: asctime is a str", s.Percent.Verb)
		}
		if !plainPercent(s.Percent) {
			edits = append(edits, padPercent(s.Percent))
		}
	case '{':
		if s.Conversion == 'r' || s.Conversion == 'a' {
			edits = append(edits, quoteText(s.Conversion))
		}
		if !s.Spec.IsZero() {
			edits = append(edits, padFormat(s.Spec))
		}
	}
	e.time = true
	e.measured(func() {
		if e.f.Datefmt == nil {
			e.assign(jen.Id("r").Dot("AppendAsctime").Call(jen.Id("b")))
			return
		}
		fn := e.dateFunc()
		e.assign(jen.Id(e.timeCache).Dot("Append").Call(jen.Id("b"), jen.Id("r"), jen.Id(fn)))
	}, edits...)
	return nil
}

// dateFunc returns the name of the function that appends the time as the
// datefmt gives it, declaring it and the TimeCache that keeps its text
// for a second on first use. A long datefmt's parts are split into
// functions of at most maxPartWeight appends, which it calls in turn.
func (e *formatEmitter) dateFunc() string {
	if e.timeFunc != "" {
		return e.timeFunc
	}
	e.timeFunc = e.unique(e.name + "Time")
	e.timeCache = e.unique(e.name + "Times")
	e.decls = append(e.decls, jen.Commentf("%s keeps the text of formatter %q's datefmt for the second of the last record.", e.timeCache, e.f.ID).Line().
		Var().Id(e.timeCache).Qual(rtPath, "TimeCache"))
	params := func(name string) *jen.Statement {
		return jen.Func().Id(name).Params(jen.Id("b").Index().Byte(), jen.Id("tm").Op("*").Qual(pyfmtPath, "Tm")).Index().Byte()
	}
	// The date parts read tm, which is the functions' parameter here.
	saved := e.cur
	e.cur = &unit{}
	defer func() { e.cur = saved }()
	dparts := e.f.Datefmt.Parts
	comment := jen.Commentf("%s appends the time as formatter %q's datefmt gives it: %s", e.timeFunc, e.f.ID, quoteComment(shorten(e.f.Datefmt.Raw)))
	if len(dparts) <= maxPartWeight {
		body := []jen.Code{}
		for _, p := range dparts {
			body = append(body, jen.Id("b").Op("=").Add(e.datePart(p)))
		}
		body = append(body, jen.Return(jen.Id("b")))
		e.decls = append(e.decls, comment.Line().Add(params(e.timeFunc).Block(body...)))
		return e.timeFunc
	}
	var names, parts []jen.Code
	for i := 0; len(dparts) > 0; i++ {
		n := min(len(dparts), maxPartWeight)
		name := e.unique(e.timeFunc + "Part" + itoa(i+1))
		body := []jen.Code{}
		for _, p := range dparts[:n] {
			body = append(body, jen.Id("b").Op("=").Add(e.datePart(p)))
		}
		body = append(body, jen.Return(jen.Id("b")))
		names = append(names, jen.Id(name))
		parts = append(parts, jen.Commentf("%s appends part %d of the time of %s.", name, i+1, e.timeFunc).Line().
			Add(params(name).Block(body...)))
		dparts = dparts[n:]
	}
	e.decls = append(e.decls, comment.Line().
		Comment("The datefmt is long, so its code is split into parts of one function each.").Line().
		Add(params(e.timeFunc).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("part")).Op(":=").Range().Index(jen.Op("...")).Func().Params(jen.Index().Byte(), jen.Op("*").Qual(pyfmtPath, "Tm")).Index().Byte().ValuesFunc(func(g *jen.Group) {
				for _, n := range names {
					g.Line().Add(n)
				}
				g.Line()
			})).Block(jen.Id("b").Op("=").Id("part").Call(jen.Id("b"), jen.Id("tm"))),
			jen.Return(jen.Id("b")),
		)))
	e.decls = append(e.decls, parts...)
	return e.timeFunc
}

// datePart returns the append of one strftime directive. The common ones
// are written out; the rest call Tm.AppendDirective.
func (e *formatEmitter) datePart(p pyfmt.DatePart) *jen.Statement {
	b := jen.Id("b")
	if p.Directive == 0 {
		return jen.Append(b, jen.Lit(p.Literal).Op("..."))
	}
	pad := func(field string, width int, fill byte) *jen.Statement {
		return jen.Qual(pyfmtPath, "AppendPad").Call(b, e.tm().Dot(field), jen.Lit(width), litByte(fill))
	}
	name := func(fn, field string) *jen.Statement {
		return jen.Append(b, jen.Qual(pyfmtPath, fn).Call(e.tm().Dot(field)).Op("..."))
	}
	if p.Flag == 0 {
		switch p.Directive {
		case 'Y':
			return pad("Year", 1, '0')
		case 'm':
			return pad("Month", 2, '0')
		case 'd':
			return pad("Day", 2, '0')
		case 'e':
			return pad("Day", 2, ' ')
		case 'H':
			return pad("Hour", 2, '0')
		case 'M':
			return pad("Minute", 2, '0')
		case 'S':
			return pad("Second", 2, '0')
		case 'j':
			return pad("Yday", 3, '0')
		case 'b', 'h':
			return name("MonthAbbr", "Month")
		case 'B':
			return name("MonthName", "Month")
		case 'a':
			return name("DayAbbr", "Weekday")
		case 'A':
			return name("DayName", "Weekday")
		case 'Z':
			return jen.Append(b, e.tm().Dot("Zone").Op("..."))
		}
	}
	return e.tm().Dot("AppendDirective").Call(b, litByte(p.Flag), litByte(p.Directive))
}

// percentLit writes a PercentSpec as a composite literal, leaving out zero
// fields.
func percentLit(p pyfmt.PercentSpec) *jen.Statement {
	d := jen.Dict{}
	flag := func(name string, on bool) {
		if on {
			d[jen.Id(name)] = jen.True()
		}
	}
	flag("Minus", p.Minus)
	flag("Zero", p.Zero)
	flag("Plus", p.Plus)
	flag("Space", p.Space)
	flag("Alt", p.Alt)
	if p.Width != 0 {
		d[jen.Id("Width")] = jen.Lit(p.Width)
	}
	if p.HasPrec {
		d[jen.Id("Prec")] = jen.Lit(p.Prec)
		d[jen.Id("HasPrec")] = jen.True()
	}
	d[jen.Id("Verb")] = litByte(p.Verb)
	return jen.Qual(pyfmtPath, "PercentSpec").Values(d)
}

// formatLit writes a FormatSpec as a composite literal.
func formatLit(s pyfmt.FormatSpec) *jen.Statement {
	d := jen.Dict{}
	if s.Fill != 0 {
		d[jen.Id("Fill")] = jen.LitRune(s.Fill)
	}
	if s.Align != 0 {
		d[jen.Id("Align")] = litByte(s.Align)
	}
	if s.Sign != 0 {
		d[jen.Id("Sign")] = litByte(s.Sign)
	}
	if s.NoNegZero {
		d[jen.Id("NoNegZero")] = jen.True()
	}
	if s.Alt {
		d[jen.Id("Alt")] = jen.True()
	}
	if s.Zero {
		d[jen.Id("Zero")] = jen.True()
	}
	if s.Width != 0 {
		d[jen.Id("Width")] = jen.Lit(s.Width)
	}
	if s.Grouping != 0 {
		d[jen.Id("Grouping")] = litByte(s.Grouping)
	}
	if s.HasPrec {
		d[jen.Id("Prec")] = jen.Lit(s.Prec)
		d[jen.Id("HasPrec")] = jen.True()
	}
	if s.Type != 0 {
		d[jen.Id("Type")] = litByte(s.Type)
	}
	return jen.Qual(pyfmtPath, "FormatSpec").Values(d)
}

// quoteComment makes a format string safe to show in a line comment.
func quoteComment(s string) string {
	q := fmt.Sprintf("%q", s)
	return q[1 : len(q)-1]
}

// litByte writes a byte constant as a character literal ('^', '0').
func litByte(b byte) *jen.Statement { return jen.LitRune(rune(b)) }
