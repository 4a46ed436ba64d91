package gen

import (
	"fmt"

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

// formatEmitter writes the body of one compiled format function.
type formatEmitter struct {
	f       *model.Formatter
	body    []jen.Code
	usesErr bool // declare err
	usesN   bool // declare n (start of a value to pad)
	usesTm  bool // declare tm
	caller  bool
	tmp     int // counter for temporary names
}

// emitFormat returns the function that formats records for f, as
// straight-line appends, and whether it needs the caller's frame.
func emitFormat(name string, f *model.Formatter) (jen.Code, bool, error) {
	e := &formatEmitter{f: f}
	for _, s := range f.Format.Segments {
		if err := e.segment(f.Format.Style, s); err != nil {
			return nil, false, fmt.Errorf("formatter %q: %v", f.ID, err)
		}
	}
	var decl []jen.Code
	if e.usesErr {
		decl = append(decl, jen.Var().Id("err").Error())
	}
	if e.usesN {
		decl = append(decl, jen.Var().Id("n").Int())
	}
	if e.usesTm {
		decl = append(decl, jen.Id("tm").Op(":=").Id("r").Dot("Tm").Call())
	}
	body := append(decl, e.body...)
	body = append(body, jen.Return(jen.Id("b"), jen.Nil()))
	fn := jen.Commentf("%s formats records for formatter %q: %s", name, f.ID, quoteComment(f.Format.Raw)).Line().
		Func().Id(name).Params(jen.Id("b").Index().Byte(), jen.Id("r").Op("*").Qual(rtPath, "Record")).
		Params(jen.Index().Byte(), jen.Error()).Block(body...)
	return fn, e.caller, nil
}

func (e *formatEmitter) add(c jen.Code) { e.body = append(e.body, c) }

// assign adds "b = <value>".
func (e *formatEmitter) assign(v jen.Code) { e.add(jen.Id("b").Op("=").Add(v)) }

// assignErr adds "b, err = <value>; if err != nil { return b, err }".
func (e *formatEmitter) assignErr(v jen.Code) {
	e.usesErr = true
	e.add(jen.List(jen.Id("b"), jen.Id("err")).Op("=").Add(v))
	e.add(jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Id("b"), jen.Id("err"))))
}

// assignIgnore adds "b, _ = <value>" for calls whose error cannot happen
// for the types involved.
func (e *formatEmitter) assignIgnore(v jen.Code) {
	e.add(jen.List(jen.Id("b"), jen.Id("_")).Op("=").Add(v))
}

func (e *formatEmitter) mark() {
	e.usesN = true
	e.add(jen.Id("n").Op("=").Len(jen.Id("b")))
}

func (e *formatEmitter) segment(style byte, s pyfmt.Segment) error {
	if s.Field == "" {
		if s.Literal != "" {
			e.assign(jen.Append(jen.Id("b"), jen.Lit(s.Literal).Op("...")))
		}
		return nil
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

// strExpr declares a string variable holding a string-kind attribute and
// returns its name, for conversions that need the whole string (repr).
func (e *formatEmitter) strExpr(a attr) jen.Code {
	if a.fails {
		e.usesErr = true
		e.tmp++
		s := fmt.Sprintf("s%d", e.tmp)
		e.add(jen.List(jen.Id(s), jen.Id("err")).Op(":=").Add(a.expr()))
		e.add(jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Id("b"), jen.Id("err"))))
		return jen.Id(s)
	}
	return a.expr()
}

func plainPercent(p pyfmt.PercentSpec) bool {
	return p == pyfmt.PercentSpec{Verb: p.Verb}
}

func (e *formatEmitter) percent(a attr, p pyfmt.PercentSpec, field string) error {
	spec := percentLit(p)
	switch a.kind {
	case pyfmt.TypeString:
		switch p.Verb {
		case 's':
			if plainPercent(p) {
				e.appendStr(a)
				return nil
			}
			e.mark()
			e.appendStr(a)
		case 'r', 'a':
			fn := "AppendRepr"
			if p.Verb == 'a' {
				fn = "AppendASCII"
			}
			ex := e.strExpr(a)
			e.mark()
			e.assign(jen.Qual(pyfmtPath, fn).Call(jen.Id("b"), ex))
		default:
			return fmt.Errorf("%%(%s)%c: %s is a str, and %%%c needs a number", field, p.Verb, field, p.Verb)
		}
		if !plainPercent(p) {
			e.assign(jen.Qual(pyfmtPath, "PadPercent").Call(jen.Id("b"), jen.Id("n"), spec))
		}
		return nil
	case pyfmt.TypeInt:
		if (p.Verb == 'd' || p.Verb == 's' || p.Verb == 'i' || p.Verb == 'u') && plainPercent(p) {
			e.assign(jen.Qual("strconv", "AppendInt").Call(jen.Id("b"), a.expr(), jen.Lit(10)))
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
			e.assign(jen.Qual(pyfmtPath, "AppendFloatRepr").Call(jen.Id("b"), a.expr()))
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
	if conv == 'r' || conv == 'a' {
		// The conversion makes a str; the spec applies to that str.
		var ex jen.Code
		if a.kind == pyfmt.TypeString {
			ex = e.strExpr(a)
		}
		e.mark()
		switch a.kind {
		case pyfmt.TypeString:
			fn := "AppendRepr"
			if conv == 'a' {
				fn = "AppendASCII"
			}
			e.assign(jen.Qual(pyfmtPath, fn).Call(jen.Id("b"), ex))
		case pyfmt.TypeInt:
			e.assign(jen.Qual("strconv", "AppendInt").Call(jen.Id("b"), a.expr(), jen.Lit(10)))
		case pyfmt.TypeFloat:
			e.assign(jen.Qual(pyfmtPath, "AppendFloatRepr").Call(jen.Id("b"), a.expr()))
		default:
			e.assign(jen.Append(jen.Id("b"), jen.Lit("None").Op("...")))
		}
		if !zero {
			e.assign(jen.Qual(pyfmtPath, "PadFormat").Call(jen.Id("b"), jen.Id("n"), lit))
		}
		return nil
	}
	switch a.kind {
	case pyfmt.TypeString:
		if zero {
			e.appendStr(a)
			return nil
		}
		if spec.Type != 0 && spec.Type != 's' {
			return fmt.Errorf("{%s:%c}: %s is a str", field, spec.Type, field)
		}
		e.mark()
		e.appendStr(a)
		e.assign(jen.Qual(pyfmtPath, "PadFormat").Call(jen.Id("b"), jen.Id("n"), lit))
	case pyfmt.TypeInt:
		if zero {
			e.assign(jen.Qual("strconv", "AppendInt").Call(jen.Id("b"), a.expr(), jen.Lit(10)))
			return nil
		}
		e.assignErr(lit.Dot("AppendInt").Call(jen.Id("b"), a.expr()))
	case pyfmt.TypeFloat:
		if zero {
			e.assign(jen.Qual(pyfmtPath, "AppendFloatRepr").Call(jen.Id("b"), a.expr()))
			return nil
		}
		e.assignErr(lit.Dot("AppendFloat").Call(jen.Id("b"), a.expr()))
	default:
		if zero {
			e.assign(jen.Append(jen.Id("b"), jen.Lit("None").Op("...")))
			return nil
		}
		e.assignErr(lit.Dot("AppendNone").Call(jen.Id("b")))
	}
	return nil
}

// extra emits a lookup of an extra attribute; a record without it is a
// formatting error, as Python's "Formatting field not found in record".
func (e *formatEmitter) extra(style byte, s pyfmt.Segment) error {
	// Each use is a block of its own, so that its variables do not clash
	// with another use of the same extra.
	v := jen.Id("v" + exportedName(s.Field, "X"))
	var inner []jen.Code
	inner = append(inner,
		jen.List(v, jen.Id("ok")).Op(":=").Id("r").Dot("Lookup").Call(jen.Lit(s.Field)),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Id("b"), jen.Qual(rtPath, "MissingField").Call(jen.Lit(s.Field)))),
	)
	check := jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Id("b"), jen.Id("err")))
	fallible := func(v jen.Code) {
		e.usesErr = true
		inner = append(inner, jen.List(jen.Id("b"), jen.Id("err")).Op("=").Add(v), check)
	}
	switch style {
	case '%':
		if s.Percent.Verb == 's' && plainPercent(s.Percent) {
			inner = append(inner, jen.Id("b").Op("=").Add(v).Dot("AppendStr").Call(jen.Id("b")))
		} else {
			fallible(percentLit(s.Percent).Dot("AppendValue").Call(jen.Id("b"), v))
		}
	default:
		conv, spec := s.Conversion, s.Spec
		if style == '$' {
			conv, spec = 0, pyfmt.FormatSpec{}
		}
		switch {
		case conv == 'r' || conv == 'a':
			fn := "AppendRepr"
			if conv == 'a' {
				fn = "AppendASCII"
			}
			inner = append(inner, jen.Id("n").Op(":=").Len(jen.Id("b")), jen.Id("b").Op("=").Add(v).Dot(fn).Call(jen.Id("b")))
			if !spec.IsZero() {
				inner = append(inner, jen.Id("b").Op("=").Qual(pyfmtPath, "PadFormat").Call(jen.Id("b"), jen.Id("n"), formatLit(spec)))
			}
		case spec.IsZero():
			inner = append(inner, jen.Id("b").Op("=").Add(v).Dot("AppendStr").Call(jen.Id("b")))
		default:
			fallible(formatLit(spec).Dot("AppendValue").Call(jen.Id("b"), v))
		}
	}
	e.add(jen.Block(inner...))
	return nil
}

// asctime emits the record's time: the default "2006-01-02 15:04:05,000",
// or the formatter's datefmt compiled into appends.
func (e *formatEmitter) asctime(style byte, s pyfmt.Segment) error {
	padded := false
	var conv byte // 'r' or 'a': the repr or ascii of the time string
	var plit jen.Code
	switch style {
	case '%':
		switch s.Percent.Verb {
		case 's':
		case 'r', 'a':
			conv = s.Percent.Verb
		default:
			return fmt.Errorf("%%(asctime)%c: asctime is a str", s.Percent.Verb)
		}
		if !plainPercent(s.Percent) {
			padded, plit = true, jen.Qual(pyfmtPath, "PadPercent").Call(jen.Id("b"), jen.Id("n"), percentLit(s.Percent))
		}
	case '{':
		if s.Conversion == 'r' || s.Conversion == 'a' {
			conv = s.Conversion
		}
		if !s.Spec.IsZero() {
			padded, plit = true, jen.Qual(pyfmtPath, "PadFormat").Call(jen.Id("b"), jen.Id("n"), formatLit(s.Spec))
		}
	}
	if padded || conv != 0 {
		e.mark()
	}
	if e.f.Datefmt == nil {
		e.usesTm = true
		e.assign(jen.Qual(pyfmtPath, "AppendDefaultAsctime").Call(jen.Id("b"), jen.Id("tm"), jen.Int().Call(jen.Id("r").Dot("Msecs").Call())))
	} else {
		for _, p := range e.f.Datefmt.Parts {
			if p.Directive != 0 {
				e.usesTm = true
			}
			e.assign(datePart(p))
		}
	}
	if conv != 0 {
		// Rare: the time's text is copied once to quote it.
		fn := "AppendRepr"
		if conv == 'a' {
			fn = "AppendASCII"
		}
		e.tmp++
		t := fmt.Sprintf("s%d", e.tmp)
		e.add(jen.Id(t).Op(":=").String().Call(jen.Id("b").Index(jen.Id("n").Op(":"))))
		e.assign(jen.Qual(pyfmtPath, fn).Call(jen.Id("b").Index(jen.Op(":").Id("n")), jen.Id(t)))
	}
	if padded {
		e.assign(plit)
	}
	return nil
}

// datePart returns the append of one strftime directive. The common ones
// are written out; the rest call Tm.AppendDirective.
func datePart(p pyfmt.DatePart) *jen.Statement {
	b, tm := jen.Id("b"), jen.Id("tm")
	if p.Directive == 0 {
		return jen.Append(b, jen.Lit(p.Literal).Op("..."))
	}
	pad := func(field string, width int, fill byte) *jen.Statement {
		return jen.Qual(pyfmtPath, "AppendPad").Call(b, jen.Id("tm").Dot(field), jen.Lit(width), litByte(fill))
	}
	name := func(fn, field string) *jen.Statement {
		return jen.Append(b, jen.Qual(pyfmtPath, fn).Call(jen.Id("tm").Dot(field)).Op("..."))
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
			return jen.Append(b, jen.Id("tm").Dot("Zone").Op("..."))
		}
	}
	return tm.Dot("AppendDirective").Call(b, litByte(p.Flag), litByte(p.Directive))
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
