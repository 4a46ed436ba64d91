package pyconf

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A Value is a Python literal read by ParseLiteral: nothing in it is
// evaluated, names are looked up in a fixed table.
type Value struct {
	Kind  Kind
	Str   string  // Str; the name's value for Ext ("ext://sys.stdout")
	Int   int64   // Int
	Float float64 // Float
	Bool  bool    // Bool
	Items []Value // Tuple, List; Dict as key, value, key, value…
	Off   int     // byte offset of the value in the source text
	Name  string  // the name as written, for names
}

// A Kind is the type of a Value.
type Kind int

// The kinds of Python literals.
const (
	None Kind = iota
	Str
	Int
	Float
	Bool
	Tuple
	List
	Dict
	Ext // sys.stdout or sys.stderr, as an ext:// string
)

// A LiteralError is a mistake in a Python literal, at a byte offset.
type LiteralError struct {
	Off int
	Msg string
}

// Error returns the message with its offset, "offset 3: msg".
func (e *LiteralError) Error() string { return fmt.Sprintf("offset %d: %s", e.Off, e.Msg) }

// pyNames are the names that fileConfig's eval in the logging module's
// namespace may use in args and kwargs, and what they stand for.
var pyNames = func() map[string]Value {
	m := map[string]Value{
		"sys.stdout": {Kind: Ext, Str: "ext://sys.stdout"},
		"sys.stderr": {Kind: Ext, Str: "ext://sys.stderr"},
	}
	ints := map[string]int64{
		"CRITICAL": 50, "FATAL": 50, "ERROR": 40, "WARNING": 30, "WARN": 30,
		"INFO": 20, "DEBUG": 10, "NOTSET": 0,
		"handlers.DEFAULT_TCP_LOGGING_PORT":  9020,
		"handlers.DEFAULT_UDP_LOGGING_PORT":  9021,
		"handlers.DEFAULT_HTTP_LOGGING_PORT": 9022,
		"handlers.DEFAULT_SOAP_LOGGING_PORT": 9023,
		"handlers.SYSLOG_UDP_PORT":           514,
		"handlers.SYSLOG_TCP_PORT":           514,
	}
	sys := []string{"EMERG", "ALERT", "CRIT", "ERR", "WARNING", "NOTICE", "INFO", "DEBUG"}
	for i, n := range sys {
		ints["handlers.SysLogHandler.LOG_"+n] = int64(i)
	}
	fac := []string{"KERN", "USER", "MAIL", "DAEMON", "AUTH", "SYSLOG", "LPR", "NEWS", "UUCP", "CRON", "AUTHPRIV", "FTP", "NTP", "SECURITY", "CONSOLE", "SOLCRON"}
	for i, n := range fac {
		ints["handlers.SysLogHandler.LOG_"+n] = int64(i)
	}
	for i := 0; i < 8; i++ {
		ints[fmt.Sprintf("handlers.SysLogHandler.LOG_LOCAL%d", i)] = int64(16 + i)
	}
	for k, v := range ints {
		m[k] = Value{Kind: Int, Int: v}
	}
	return m
}()

// ParseLiteral reads one Python literal expression: a tuple (with or
// without parentheses), list, dict, string, number, True, False, None, or
// one of a few names (sys.stdout, level names, logging.handlers constants).
func ParseLiteral(src string) (Value, error) {
	p := &pyParser{src: src}
	p.space()
	if p.i == len(p.src) {
		return Value{}, &LiteralError{0, "expected a Python expression, found nothing"}
	}
	v, err := p.exprList(true)
	if err != nil {
		return Value{}, err
	}
	p.space()
	if p.i < len(p.src) {
		return Value{}, p.errf(p.i, "unexpected %s after the value", p.what())
	}
	return v, nil
}

type pyParser struct {
	src string
	i   int
}

func (p *pyParser) errf(off int, format string, args ...any) *LiteralError {
	return &LiteralError{off, fmt.Sprintf(format, args...)}
}

func (p *pyParser) what() string {
	if p.i >= len(p.src) {
		return "end of text"
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.i:])
	return strconv.QuoteRune(r)
}

// space skips blanks, newlines (the value is bracketed or one line) and
// comments.
func (p *pyParser) space() {
	for p.i < len(p.src) {
		switch c := p.src[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			p.i++
		case c == '\\' && p.i+1 < len(p.src) && p.src[p.i+1] == '\n':
			p.i += 2
		case c == '#':
			for p.i < len(p.src) && p.src[p.i] != '\n' {
				p.i++
			}
		default:
			return
		}
	}
}

// exprList reads a value, or a bare tuple "a, b" when top is set.
func (p *pyParser) exprList(top bool) (Value, error) {
	start := p.i
	v, err := p.value()
	if err != nil || !top {
		return v, err
	}
	p.space()
	if p.i >= len(p.src) || p.src[p.i] != ',' {
		return v, nil
	}
	t := Value{Kind: Tuple, Off: start, Items: []Value{v}}
	for p.i < len(p.src) && p.src[p.i] == ',' {
		p.i++
		p.space()
		if p.i >= len(p.src) {
			break
		}
		v, err := p.value()
		if err != nil {
			return v, err
		}
		t.Items = append(t.Items, v)
		p.space()
	}
	return t, nil
}

func (p *pyParser) value() (Value, error) {
	p.space()
	if p.i >= len(p.src) {
		return Value{}, p.errf(p.i, "expected a value, found end of text")
	}
	start := p.i
	c := p.src[p.i]
	switch {
	case c == '(':
		return p.seq('(', ')', Tuple)
	case c == '[':
		return p.seq('[', ']', List)
	case c == '{':
		return p.dict()
	case c == '\'' || c == '"':
		return p.strings()
	case c >= '0' && c <= '9' || c == '.' && p.i+1 < len(p.src) && isASCIIDigit(p.src[p.i+1]):
		return p.number(start, false)
	case c == '-' || c == '+':
		p.i++
		p.space()
		if p.i < len(p.src) && (isASCIIDigit(p.src[p.i]) || p.src[p.i] == '.') {
			v, err := p.number(p.i, c == '-')
			v.Off = start
			return v, err
		}
		return Value{}, p.errf(start, "only numbers may have a sign")
	case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		return p.name()
	}
	return Value{}, p.errf(start, "unexpected %s: expected a Python literal", p.what())
}

func (p *pyParser) seq(open, close byte, kind Kind) (Value, error) {
	v := Value{Kind: kind, Off: p.i, Items: []Value{}}
	p.i++
	commas := 0
	for {
		p.space()
		if p.i >= len(p.src) {
			return v, p.errf(v.Off, "%q is never closed", open)
		}
		if p.src[p.i] == close {
			p.i++
			break
		}
		it, err := p.value()
		if err != nil {
			return v, err
		}
		v.Items = append(v.Items, it)
		p.space()
		if p.i < len(p.src) && p.src[p.i] == ',' {
			p.i++
			commas++
			continue
		}
		if p.i < len(p.src) && p.src[p.i] == close {
			continue
		}
		if p.i >= len(p.src) {
			return v, p.errf(v.Off, "%q is never closed", open)
		}
		return v, p.errf(p.i, "expected ',' or %q, found %s", close, p.what())
	}
	if kind == Tuple && len(v.Items) == 1 && commas == 0 {
		// (x) is x, not a tuple.
		it := v.Items[0]
		return it, nil
	}
	return v, nil
}

func (p *pyParser) dict() (Value, error) {
	v := Value{Kind: Dict, Off: p.i, Items: []Value{}}
	p.i++
	for {
		p.space()
		if p.i >= len(p.src) {
			return v, p.errf(v.Off, "'{' is never closed")
		}
		if p.src[p.i] == '}' {
			p.i++
			return v, nil
		}
		k, err := p.value()
		if err != nil {
			return v, err
		}
		p.space()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			return v, p.errf(p.i, "expected ':' after a dict key, found %s", p.what())
		}
		p.i++
		val, err := p.value()
		if err != nil {
			return v, err
		}
		v.Items = append(v.Items, k, val)
		p.space()
		if p.i < len(p.src) && p.src[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.src) && p.src[p.i] == '}' {
			continue
		}
		if p.i >= len(p.src) {
			return v, p.errf(v.Off, "'{' is never closed")
		}
		return v, p.errf(p.i, "expected ',' or '}', found %s", p.what())
	}
}

// strings reads adjacent string literals, which Python concatenates.
func (p *pyParser) strings() (Value, error) {
	v := Value{Kind: Str, Off: p.i}
	var b strings.Builder
	for {
		s, err := p.str()
		if err != nil {
			return v, err
		}
		b.WriteString(s)
		save := p.i
		p.space()
		if p.i < len(p.src) && (p.src[p.i] == '\'' || p.src[p.i] == '"') {
			continue
		}
		p.i = save
		break
	}
	v.Str = b.String()
	return v, nil
}

func (p *pyParser) str() (string, error) {
	start := p.i
	q := p.src[p.i]
	triple := strings.HasPrefix(p.src[p.i:], strings.Repeat(string(q), 3))
	if triple {
		p.i += 3
	} else {
		p.i++
	}
	var b strings.Builder
	for {
		if p.i >= len(p.src) {
			return "", p.errf(start, "unterminated string")
		}
		c := p.src[p.i]
		if triple && strings.HasPrefix(p.src[p.i:], strings.Repeat(string(q), 3)) {
			p.i += 3
			return b.String(), nil
		}
		if !triple && c == q {
			p.i++
			return b.String(), nil
		}
		if !triple && c == '\n' {
			return "", p.errf(start, "unterminated string")
		}
		if c != '\\' {
			b.WriteByte(c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.src) {
			return "", p.errf(start, "unterminated string")
		}
		e := p.src[p.i+1]
		p.i += 2
		switch e {
		case '\n':
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := p.i - 1
			n := 0
			for k := 0; k < 3 && j < len(p.src) && p.src[j] >= '0' && p.src[j] <= '7'; k++ {
				n = n*8 + int(p.src[j]-'0')
				j++
			}
			p.i = j
			b.WriteRune(rune(n))
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			if p.i+n > len(p.src) {
				return "", p.errf(p.i-2, "truncated \\%c escape", e)
			}
			r, err := strconv.ParseUint(p.src[p.i:p.i+n], 16, 32)
			if err != nil || r > utf8.MaxRune {
				return "", p.errf(p.i-2, "bad \\%c escape", e)
			}
			b.WriteRune(rune(r))
			p.i += n
		default:
			// Python keeps unknown escapes as they are.
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
}

func (p *pyParser) number(start int, neg bool) (Value, error) {
	j := p.i
	for j < len(p.src) && (isASCIIDigit(p.src[j]) || strings.IndexByte("_.eEoOxXbBabcdefABCDEF+-", p.src[j]) >= 0) {
		if (p.src[j] == '+' || p.src[j] == '-') && !(j > p.i && (p.src[j-1] == 'e' || p.src[j-1] == 'E') && !strings.HasPrefix(strings.ToLower(p.src[p.i:]), "0x")) {
			break
		}
		j++
	}
	text := p.src[p.i:j]
	p.i = j
	clean := strings.ReplaceAll(text, "_", "")
	if neg {
		clean = "-" + clean
	}
	if i, err := strconv.ParseInt(clean, 0, 64); err == nil && !(len(text) > 1 && text[0] == '0' && isASCIIDigit(text[1])) {
		return Value{Kind: Int, Int: i, Off: start}, nil
	} else if n, ok := new(big.Int).SetString(clean, 0); ok && err != nil {
		_ = n
		return Value{}, p.errf(start, "integer %s is too large", text)
	}
	if strings.ContainsAny(text, "xXoObB") {
		return Value{}, p.errf(start, "invalid number %s", text)
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil || !strings.ContainsAny(text, ".eE") {
		return Value{}, p.errf(start, "invalid number %s", text)
	}
	return Value{Kind: Float, Float: f, Off: start}, nil
}

func (p *pyParser) name() (Value, error) {
	start := p.i
	j := p.i
	for j < len(p.src) {
		c := p.src[j]
		if c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			j++
			continue
		}
		break
	}
	name := p.src[p.i:j]
	p.i = j
	switch name {
	case "None":
		return Value{Kind: None, Off: start, Name: name}, nil
	case "True", "False":
		return Value{Kind: Bool, Bool: name == "True", Off: start, Name: name}, nil
	}
	if v, ok := pyNames[name]; ok {
		v.Off, v.Name = start, name
		return v, nil
	}
	save := p.i
	p.space()
	if p.i < len(p.src) && p.src[p.i] == '(' {
		switch name {
		case "tuple", "list", "dict":
			return p.constructor(name, start)
		}
		return Value{}, p.errf(start, "calls such as %s(...) are not supported: write a literal (tuple(...), list(...) and dict(...) of literals are)", name)
	}
	p.i = save
	return Value{}, p.errf(start, "name %s is not supported: use a literal, sys.stdout, sys.stderr, a level name or a logging.handlers constant", quote(name))
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// constructor reads tuple(...), list(...) or dict(...) over literals, as
// Python builds them, at p.i on the '(' after the name: tuple and list take
// no argument or one iterable (a tuple, list, string or dict literal, whose
// items, characters or keys they take); dict takes no argument, a dict
// literal or a list or tuple of pairs, then key=value keywords.
func (p *pyParser) constructor(name string, start int) (Value, error) {
	p.i++ // '('
	kind := map[string]Kind{"tuple": Tuple, "list": List, "dict": Dict}[name]
	out := Value{Kind: kind, Off: start, Items: []Value{}}
	p.space()
	if p.i < len(p.src) && p.src[p.i] == ')' {
		p.i++
		return out, nil
	}
	keywords := false
	seen := map[string]bool{}
	for {
		p.space()
		argStart := p.i
		if kind == Dict && p.keywordAhead() {
			keywords = true
			k := p.i
			for p.i < len(p.src) && (p.src[p.i] == '_' || isASCIIDigit(p.src[p.i]) || p.src[p.i] >= 'a' && p.src[p.i] <= 'z' || p.src[p.i] >= 'A' && p.src[p.i] <= 'Z') {
				p.i++
			}
			key := Value{Kind: Str, Str: p.src[k:p.i], Off: k}
			if seen[key.Str] {
				return Value{}, p.errf(k, "keyword argument repeated: %s", key.Str)
			}
			seen[key.Str] = true
			p.space()
			p.i++ // '='
			v, err := p.value()
			if err != nil {
				return Value{}, err
			}
			out.Items = setDictItem(out.Items, key, v)
		} else {
			v, err := p.value()
			if err != nil {
				return Value{}, err
			}
			if keywords {
				return Value{}, p.errf(argStart, "a positional argument follows keyword arguments")
			}
			items, err := p.iterate(name, v)
			if err != nil {
				return Value{}, err
			}
			switch {
			case kind == Dict && v.Kind == Dict:
				for i := 0; i+1 < len(v.Items); i += 2 {
					out.Items = setDictItem(out.Items, v.Items[i], v.Items[i+1])
				}
			case kind == Dict:
				for i, pair := range items {
					if (pair.Kind != Tuple && pair.Kind != List) || len(pair.Items) != 2 {
						return Value{}, p.errf(pair.Off, "dict(...) needs pairs: item %d is not a (key, value) pair", i)
					}
					out.Items = setDictItem(out.Items, pair.Items[0], pair.Items[1])
				}
			default:
				out.Items = items
			}
		}
		p.space()
		if p.i >= len(p.src) {
			return Value{}, p.errf(p.i, "%s( is not closed", name)
		}
		switch p.src[p.i] {
		case ')':
			p.i++
			return out, nil
		case ',':
			p.i++
			p.space()
			if p.i < len(p.src) && p.src[p.i] == ')' {
				p.i++
				return out, nil
			}
			if kind != Dict {
				return Value{}, p.errf(p.i, "%s() takes at most 1 argument", name)
			}
		default:
			return Value{}, p.errf(p.i, "unexpected %s in %s(...)", p.what(), name)
		}
	}
}

// keywordAhead reports whether a keyword argument, name=value, starts at
// p.i.
func (p *pyParser) keywordAhead() bool {
	j := p.i
	if j >= len(p.src) || !(p.src[j] == '_' || p.src[j] >= 'a' && p.src[j] <= 'z' || p.src[j] >= 'A' && p.src[j] <= 'Z') {
		return false
	}
	for j < len(p.src) && (p.src[j] == '_' || isASCIIDigit(p.src[j]) || p.src[j] >= 'a' && p.src[j] <= 'z' || p.src[j] >= 'A' && p.src[j] <= 'Z') {
		j++
	}
	for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t') {
		j++
	}
	return j < len(p.src) && p.src[j] == '=' && (j+1 >= len(p.src) || p.src[j+1] != '=')
}

// iterate returns the items Python's iteration of v gives to name(...):
// the items of a tuple or list, the keys of a dict, the characters of a
// string (as one-character strings).
func (p *pyParser) iterate(name string, v Value) ([]Value, error) {
	switch v.Kind {
	case Tuple, List:
		return v.Items, nil
	case Dict:
		var keys []Value
		for i := 0; i < len(v.Items); i += 2 {
			keys = append(keys, v.Items[i])
		}
		return keys, nil
	case Str:
		var chars []Value
		for i, r := range v.Str {
			chars = append(chars, Value{Kind: Str, Str: string(r), Off: v.Off + i})
		}
		return chars, nil
	}
	return nil, p.errf(v.Off, "%s(...) needs an iterable literal (a tuple, list, dict or string), got %s", name, kindName(v.Kind))
}

// setDictItem sets key to v in the key, value list items, replacing an
// equal key as Python's dict does.
func setDictItem(items []Value, key, v Value) []Value {
	for i := 0; i < len(items); i += 2 {
		if pyEqualKeys(items[i], key) {
			items[i+1] = v
			return items
		}
	}
	return append(items, key, v)
}

// pyEqualKeys reports whether two literal keys are equal in Python (for
// the kinds a key can have here).
func pyEqualKeys(a, b Value) bool {
	switch {
	case a.Kind == Str && b.Kind == Str:
		return a.Str == b.Str
	case a.Kind == None && b.Kind == None:
		return true
	}
	num := func(v Value) (float64, bool) {
		switch v.Kind {
		case Int:
			return float64(v.Int), true
		case Float:
			return v.Float, true
		case Bool:
			if v.Bool {
				return 1, true
			}
			return 0, true
		}
		return 0, false
	}
	x, ok1 := num(a)
	y, ok2 := num(b)
	return ok1 && ok2 && x == y
}

// kindName names a kind of value for messages.
func kindName(k Kind) string {
	switch k {
	case None:
		return "None"
	case Int:
		return "an int"
	case Float:
		return "a float"
	case Bool:
		return "a bool"
	case Ext:
		return "a stream"
	}
	return "a value"
}

// quote quotes s for a message, shortening long strings.
func quote(s string) string {
	const n = 72
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n]) + "..."
	}
	return strconv.Quote(s)
}
