package model

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/loggen/loggen/runtime/pyconf"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file reads YAML as Python programs read their logging
// configuration: with PyYAML's yaml.safe_load. PyYAML resolves plain
// scalars by YAML 1.1 (yes, on and off are booleans, 017 is octal, 1:30 is
// 90, 1_000 is 1000, 2001-12-14 is a date, 1e3 and 0o17 are strings), where
// yaml.v3 resolves them by YAML 1.2. After yaml.v3 has parsed the file,
// safeLoad gives every plain scalar the tag PyYAML's Resolver gives it
// (pyconf.YAMLTag, which the run-time reloader shares), keeping the text
// the user wrote for messages, and reports what safe_load refuses; pyValue
// then builds a scalar's value as PyYAML's SafeConstructor does
// (pyconf.YAMLScalar, and here timestamps and binary; yaml/resolver.py and
// yaml/constructor.py of PyYAML 6).
//
// A scalar's value is nil (None), bool, int64, *big.Int (an int outside
// int64), float64, string, pyTimestamp or []byte (!!binary).

// The tags of PyYAML's resolvers and constructors, as yaml.v3 writes them.
const (
	tagNull      = "!!null"
	tagBool      = "!!bool"
	tagInt       = "!!int"
	tagFloat     = "!!float"
	tagStr       = "!!str"
	tagTimestamp = "!!timestamp"
	tagBinary    = "!!binary"
	tagMerge     = "!!merge"
	tagValue     = "!!value"
	tagSeq       = "!!seq"
	tagMap       = "!!map"
	tagSet       = "!!set"
	tagOmap      = "!!omap"
	tagPairs     = "!!pairs"
)

// safeLoad reads the document doc as yaml.safe_load does: each plain
// scalar without a tag (or with the non-specific tag !) gets the tag
// PyYAML resolves it to, and what safe_load refuses is reported: a tag it
// has no constructor for (!!python/..., local tags such as !foo), a value
// its constructor fails on (2001-13-45, 0b_, !!bool y), and a merge key
// (<<) or value key (=) that is not a mapping key. It reports whether
// safe_load would load the document.
func (c *checker) safeLoad(doc *yaml.Node) bool {
	before := c.n()
	var lines []int // where each line starts, computed when first needed
	type item struct {
		n     *yaml.Node
		isKey bool
	}
	stack := []item{{doc, false}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		if n == nil || n.Kind == yaml.AliasNode {
			continue
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, item{n.Content[i], n.Kind == yaml.MappingNode && i%2 == 0})
		}
		if n.Kind == yaml.DocumentNode {
			continue
		}
		if n.Style&yaml.TaggedStyle != 0 {
			if !c.explicitTag(n, it.isKey) {
				continue
			}
		} else if n.Kind == yaml.ScalarNode {
			implicit := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0
			if !implicit {
				if lines == nil {
					lines = lineStarts(c.data)
				}
				implicit = c.nonSpecific(n, lines)
			}
			if implicit {
				n.Tag = pyconf.YAMLTag(n.Value)
			}
			switch {
			case n.Tag == tagMerge && !it.isKey:
				c.add(c.pos(n), "PyYAML reads << as YAML 1.1's merge key, which can only be a mapping key: quote it (\"<<\") to make it a string")
				continue
			case n.Tag == tagValue && it.isKey:
				// PyYAML's flatten_mapping makes a value key a string.
				n.Tag = tagStr
			case n.Tag == tagValue:
				c.add(c.pos(n), "PyYAML reads = as YAML 1.1's value key, which yaml.safe_load refuses outside a mapping key: quote it (\"=\") to make it a string")
				continue
			}
		}
		if n.Kind != yaml.ScalarNode || n.Tag == tagMerge {
			continue
		}
		if _, err := pyValue(n); err != nil {
			if n.Style&yaml.TaggedStyle != 0 {
				c.add(c.pos(n), "yaml.safe_load cannot read %s %s: %v", n.Tag, trunc(n.Value), err)
			} else {
				c.add(c.pos(n), "PyYAML reads %s as %s and fails: %v; quote it to make it a string", trunc(n.Value), tagNoun(n.Tag), err)
			}
		}
	}
	return c.n() == before
}

// explicitTag checks the explicit tag of n against SafeConstructor's
// constructors and reports whether the node is one safe_load builds.
func (c *checker) explicitTag(n *yaml.Node, isKey bool) bool {
	var want yaml.Kind
	switch n.Tag {
	case tagNull, tagBool, tagInt, tagFloat, tagStr, tagTimestamp, tagBinary:
		want = yaml.ScalarNode
	case tagSeq, tagOmap, tagPairs:
		want = yaml.SequenceNode
	case tagMap, tagSet:
		want = yaml.MappingNode
	case tagMerge:
		if isKey {
			return true // a merge key, whatever its text (pairs expands it)
		}
	case tagValue:
		if isKey && n.Kind == yaml.ScalarNode {
			n.Tag = tagStr // flatten_mapping makes a value key a string
			return true
		}
	}
	if want == 0 {
		if strings.HasPrefix(n.Tag, "!!python/") {
			c.add(c.pos(n), "tag %s: yaml.safe_load refuses it, as it builds no Python objects: write ext://sys.stdout or ext://sys.stderr for a stream, or name a Go factory with '()'", trunc(n.Tag))
		} else {
			c.add(c.pos(n), "tag %s: yaml.safe_load refuses it (it has no constructor for this tag): remove the tag", trunc(n.Tag))
		}
		return false
	}
	if n.Kind != want {
		c.add(c.pos(n), "tag %s needs %s, not %s: yaml.safe_load refuses it", n.Tag, kindNoun(want), kindNoun(n.Kind))
		return false
	}
	if n.Tag == tagOmap || n.Tag == tagPairs {
		for _, it := range n.Content {
			if it = deref(it); it == nil || it.Kind != yaml.MappingNode || len(it.Content) != 2 {
				c.add(c.pos(it), "tag %s needs a list of one-entry mappings, not %s: yaml.safe_load refuses it", n.Tag, describe(it))
				return false
			}
		}
	}
	return true
}

// kindNoun names a node kind for messages.
func kindNoun(k yaml.Kind) string {
	switch k {
	case yaml.ScalarNode:
		return "a scalar"
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return "a value"
}

// tagNoun says what PyYAML reads a scalar of tag as, for messages.
func tagNoun(tag string) string {
	switch tag {
	case tagBool:
		return "a boolean"
	case tagInt:
		return "an integer"
	case tagFloat:
		return "a float"
	case tagTimestamp:
		return "a date"
	case tagBinary:
		return "base64 data"
	case tagNull:
		return "None"
	}
	return "a string"
}

// lineStarts returns the offset where each line of data starts, breaking
// lines as yaml.v3 does (\r\n, \r, \n, NEL, LS, PS) and skipping a leading
// byte order mark, which yaml.v3 does not count as a column.
func lineStarts(data []byte) []int {
	start := 0
	if len(data) >= 3 && string(data[:3]) == "\ufeff" {
		start = 3
	}
	out := []int{start}
	for i := start; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		i += size
		switch r {
		case '\r':
			if i < len(data) && data[i] == '\n' {
				i++
			}
			out = append(out, i)
		case '\n', '\u0085', '\u2028', '\u2029':
			out = append(out, i)
		}
	}
	return out
}

// nonSpecific reports whether the quoted or block scalar n carries the
// non-specific tag "!", as in `! "123"`: yaml.v3 drops that tag, but PyYAML
// then resolves the scalar as if it were plain (to the integer 123). The
// node's position is that of its first property (an anchor or a tag) when
// it has any; the properties are read from the source up to the scalar's
// opening character.
func (c *checker) nonSpecific(n *yaml.Node, lines []int) bool {
	if n.Line < 1 || n.Line > len(lines) || n.Column < 1 {
		return false
	}
	i := lines[n.Line-1]
	for col := 1; col < n.Column && i < len(c.data); col++ {
		_, size := utf8.DecodeRune(c.data[i:])
		i += size
	}
	open := byte('"')
	switch {
	case n.Style&yaml.SingleQuotedStyle != 0:
		open = '\''
	case n.Style&yaml.LiteralStyle != 0:
		open = '|'
	case n.Style&yaml.FoldedStyle != 0:
		open = '>'
	}
	bang := false
	for i < len(c.data) {
		switch b := c.data[i]; b {
		case open:
			return bang
		case ' ', '\t', '\r', '\n':
			i++
		case '#':
			for i < len(c.data) && c.data[i] != '\n' && c.data[i] != '\r' {
				i++
			}
		case '&', '!':
			j := i
			for j < len(c.data) && !strings.ContainsRune(" \t\r\n", rune(c.data[j])) {
				j++
			}
			if b == '!' && j == i+1 {
				bang = true
			}
			i = j
		default:
			return false
		}
	}
	return false
}

// pyScalar returns the value PyYAML gives the scalar n (aliases followed),
// and false when n is not a scalar or safe_load cannot build it (which
// safeLoad has reported).
func pyScalar(n *yaml.Node) (any, bool) {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return nil, false
	}
	v, err := pyValue(n)
	return v, err == nil
}

// pyValue builds the value of the scalar n from its tag and text as
// PyYAML's SafeConstructor does, or says why it cannot.
func pyValue(n *yaml.Node) (any, error) {
	switch n.Tag {
	case tagTimestamp:
		return pyTimestampOf(n.Value)
	case tagBinary:
		return pyBinary(n.Value)
	}
	return pyconf.YAMLScalar(n.Tag, n.Value)
}

// pyRepr is Python's repr of the str s.
func pyRepr(s string) string { return string(pyfmt.AppendRepr(nil, s)) }

// pyBinary is SafeConstructor.construct_yaml_binary, approximately: the
// characters outside the base64 alphabet are skipped, as Python's
// base64.decodebytes does, and the rest must decode.
func pyBinary(s string) (any, error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= utf8.RuneSelf:
			return nil, errors.New("failed to convert base64 data into ascii")
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '+', r == '/', r == '=':
			b.WriteRune(r)
		}
	}
	data, err := base64.StdEncoding.DecodeString(b.String())
	if err != nil {
		return nil, errors.New("failed to decode base64 data")
	}
	return data, nil
}

// A pyTimestamp is what PyYAML makes of a timestamp: a datetime.date, or a
// datetime.datetime, naive or with a fixed UTC offset.
type pyTimestamp struct {
	year, month, day             int
	hasTime                      bool // a datetime.datetime
	hour, minute, second, micros int
	aware                        bool // with a UTC offset
	offset                       int  // seconds east of UTC
}

// pyTimestampRe is SafeConstructor.timestamp_regexp.
var pyTimestampRe = regexp.MustCompile(`^(?P<year>[0-9][0-9][0-9][0-9])` +
	`-(?P<month>[0-9][0-9]?)` +
	`-(?P<day>[0-9][0-9]?)` +
	`(?:(?:[Tt]|[ \t]+)` +
	`(?P<hour>[0-9][0-9]?)` +
	`:(?P<minute>[0-9][0-9])` +
	`:(?P<second>[0-9][0-9])` +
	`(?:\.(?P<fraction>[0-9]*))?` +
	`(?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9][0-9]?)` +
	`(?::(?P<tz_minute>[0-9][0-9]))?))?)?\n?$`)

// pyTimestampOf is SafeConstructor.construct_yaml_timestamp, with the
// checks of Python's datetime constructors.
func pyTimestampOf(s string) (any, error) {
	m := pyTimestampRe.FindStringSubmatch(s)
	if m == nil {
		return nil, errors.New("it is not a timestamp")
	}
	g := func(name string) string { return m[pyTimestampRe.SubexpIndex(name)] }
	num := func(name string) int {
		i, _ := strconv.Atoi(g(name))
		return i
	}
	t := pyTimestamp{year: num("year"), month: num("month"), day: num("day")}
	if g("hour") != "" {
		t.hasTime = true
		t.hour, t.minute, t.second = num("hour"), num("minute"), num("second")
		if f := g("fraction"); f != "" {
			f = (f + "000000")[:6]
			t.micros, _ = strconv.Atoi(f)
		}
		switch {
		case g("tz_sign") != "":
			t.aware = true
			t.offset = num("tz_hour")*3600 + num("tz_minute")*60
			if g("tz_sign") == "-" {
				t.offset = -t.offset
			}
			if t.offset <= -86400 || t.offset >= 86400 {
				return nil, errors.New("the UTC offset must be strictly between -24 and 24 hours")
			}
		case g("tz") != "":
			t.aware = true
		}
	}
	switch {
	case t.year < 1:
		return nil, fmt.Errorf("year %d is out of range", t.year)
	case t.month < 1 || t.month > 12:
		return nil, errors.New("month must be in 1..12")
	case t.day < 1 || t.day > daysIn(t.year, t.month):
		return nil, errors.New("day is out of range for month")
	case t.hour > 23:
		return nil, errors.New("hour must be in 0..23")
	case t.minute > 59:
		return nil, errors.New("minute must be in 0..59")
	case t.second > 59:
		return nil, errors.New("second must be in 0..59")
	}
	return t, nil
}

// daysIn returns the number of days of a month in the proleptic Gregorian
// calendar.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// isoformat is Python's isoformat() of the date or datetime.
func (t pyTimestamp) isoformat() string {
	s := fmt.Sprintf("%04d-%02d-%02d", t.year, t.month, t.day)
	if !t.hasTime {
		return s
	}
	s += fmt.Sprintf("T%02d:%02d:%02d", t.hour, t.minute, t.second)
	if t.micros != 0 {
		s += fmt.Sprintf(".%06d", t.micros)
	}
	if t.aware {
		sign, off := '+', t.offset
		if off < 0 {
			sign, off = '-', -off
		}
		s += fmt.Sprintf("%c%02d:%02d", sign, off/3600, off/60%60)
	}
	return s
}

// pyText returns how Python writes the value v (its repr), for deciding
// whether a scalar is written as Python would write it.
func pyText(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int64:
		return strconv.FormatInt(x, 10)
	case *big.Int:
		return x.String()
	case float64:
		return string(pyfmt.AppendFloatRepr(nil, x))
	case string:
		return pyRepr(x)
	case pyTimestamp:
		if x.hasTime {
			return "datetime.datetime(" + x.isoformat() + ")"
		}
		return "datetime.date(" + x.isoformat() + ")"
	case []byte:
		return "b" + pyRepr(string(x))
	}
	return fmt.Sprint(v)
}

// pyReading says what PyYAML makes of the scalar n, for messages: "True",
// "None", "the integer 15", "the float 1000.0", "a datetime.date".
func pyReading(n *yaml.Node) string {
	v, ok := pyScalar(n)
	if !ok {
		return describe(n)
	}
	switch x := v.(type) {
	case int64, *big.Int:
		return "the integer " + pyText(x)
	case float64:
		return "the float " + pyText(x)
	case string:
		return "the string " + pyRepr(x)
	case pyTimestamp:
		if x.hasTime {
			return "a datetime.datetime"
		}
		return "a datetime.date"
	case []byte:
		return "bytes"
	}
	return pyText(v)
}

// quoteHint returns advice for a plain scalar that PyYAML reads as
// something other than the string the context expects: " (PyYAML reads it
// as the integer 15; quote it to make it a string)". It is empty for a
// scalar written as Python writes its value (42, 1.5), which speaks for
// itself, for a quoted or tagged one, and outside YAML files.
func (c *checker) quoteHint(n *yaml.Node) string {
	n = deref(n)
	if !c.pyyaml || n == nil || n.Kind != yaml.ScalarNode || n.Tag == tagStr || n.Style != 0 {
		return ""
	}
	v, ok := pyScalar(n)
	if !ok || pyText(v) == n.Value {
		return ""
	}
	return " (PyYAML reads it as " + pyReading(n) + "; quote it to make it a string)"
}

// keyID returns the identity of the mapping key n in a Python dict, where
// keys that compare equal are one key: True, 1 and 1.0; yes and on.
func keyID(n *yaml.Node) string {
	v, ok := pyScalar(n)
	if !ok {
		return "?" + n.Tag + "\x00" + n.Value
	}
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "n1"
		}
		return "n0"
	case int64, *big.Int:
		return "n" + pyText(x)
	case float64:
		switch {
		case math.IsNaN(x):
			return "nan" // PyYAML returns one NaN object, which is equal to itself
		case x == math.Trunc(x) && !math.IsInf(x, 0):
			i, _ := big.NewFloat(x).Int(nil)
			return "n" + i.String()
		}
		return "f" + strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		return "s" + x
	case pyTimestamp:
		switch {
		case !x.hasTime:
			return "d" + x.isoformat()
		case !x.aware:
			return "t" + x.isoformat()
		}
		// Aware datetimes are equal when they are the same instant.
		u := time.Date(x.year, time.Month(x.month), x.day, x.hour, x.minute, x.second, x.micros*1000, time.UTC)
		return "z" + u.Add(-time.Duration(x.offset)*time.Second).Format("2006-01-02T15:04:05.000000")
	case []byte:
		return "b" + string(x)
	}
	return "?" + n.Tag + "\x00" + n.Value
}

// pyEqualsInt reports whether the scalar n is a Python value equal to the
// int i (as a dict lookup d[i] finds it): i itself, i.0, or True and False
// for 1 and 0.
func pyEqualsInt(n *yaml.Node, i int64) bool {
	return keyID(n) == "n"+strconv.FormatInt(i, 10)
}

// forPyYAML prepares a tree that loggen built (ConvertINI's) for yaml.v3's
// encoder, so that yaml.safe_load reads its output back as the same
// values: a string PyYAML would resolve to something else (yes, 1:30,
// 2001-12-14) is double-quoted, and a float is written as PyYAML writes
// one (1.0e+16, .inf, .nan), since 1e+16 would be a string to it.
func forPyYAML(n *yaml.Node) {
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil || n.Kind == yaml.AliasNode {
			continue
		}
		stack = append(stack, n.Content...)
		if n.Kind != yaml.ScalarNode {
			continue
		}
		switch n.Tag {
		case tagStr:
			if n.Style == 0 && pyconf.YAMLTag(n.Value) != tagStr {
				n.Style = yaml.DoubleQuotedStyle
			}
		case tagFloat:
			if f, ok := pyScalar(n); ok {
				n.Value = pyyamlFloat(f.(float64))
			}
		}
	}
}

// pyyamlFloat is PyYAML's SafeRepresenter.represent_float.
func pyyamlFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return ".nan"
	case math.IsInf(f, 1):
		return ".inf"
	case math.IsInf(f, -1):
		return "-.inf"
	}
	s := strings.ToLower(string(pyfmt.AppendFloatRepr(nil, f)))
	if !strings.Contains(s, ".") && strings.Contains(s, "e") {
		s = strings.Replace(s, "e", ".0e", 1)
	}
	return s
}

// jsonInt matches a JSON number without a fraction or exponent.
var jsonInt = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)$`)

// jsonInts gives the tag !!int to the numbers of a JSON document written
// without a fraction or exponent: Python's json module reads them as ints
// however big, where yaml.v3 resolves one beyond 64 bits as a float.
func jsonInts(doc *yaml.Node) {
	stack := []*yaml.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil || n.Kind == yaml.AliasNode {
			continue
		}
		stack = append(stack, n.Content...)
		if n.Kind == yaml.ScalarNode && n.Style == 0 && n.Tag == tagFloat && jsonInt.MatchString(n.Value) {
			n.Tag = tagInt
		}
	}
}
