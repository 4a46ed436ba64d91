package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Load reads and checks the configuration file at path, which holds a
// dictConfig dictionary in YAML or JSON. Messages name the file as path.
// The error is an ErrorList holding every mistake in the file, or the error
// from reading it.
func Load(path string) (*Config, error) {
	data, err := ReadConfigFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// MaxConfigSize is the size of the largest configuration file loggen
// reads: far above any real logging configuration, and small enough that a
// wrong path (a log file, a device) is refused at once.
const MaxConfigSize = 16 << 20

// fileKind names what a file that is not a regular file is.
func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeCharDevice != 0, m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// ReadConfigFile reads a configuration file, refusing what is not a
// regular file (a directory, a device such as /dev/zero, a pipe) and files
// larger than MaxConfigSize.
func ReadConfigFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not a file: a configuration is a YAML, JSON or INI file", path, fileKind(fi.Mode()))
	}
	if fi.Size() > MaxConfigSize {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d a configuration may have", path, fi.Size(), MaxConfigSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxConfigSize {
		return nil, fmt.Errorf("%s grew past the %d bytes a configuration may have while it was read", path, MaxConfigSize)
	}
	return data, nil
}

// Parse checks a configuration held in memory; name is the file name used in
// positions and in Config.Source. A name ending in .ini holds a
// logging.config.fileConfig file, read as the equivalent dictConfig (see
// ConvertINI). Otherwise the data is YAML; JSON, being valid YAML,
// is read by the same parser, positions included. The error, if any, is an
// ErrorList holding every mistake found.
func Parse(name string, data []byte) (*Config, error) {
	c := newChecker(name, data)
	if len(data) > MaxConfigSize {
		c.add(Pos{name, 1, 1}, "the configuration is %d bytes, more than the %d it may have", len(data), MaxConfigSize)
		return nil, c.err()
	}
	var top *yaml.Node
	if isINI(name) {
		top = c.iniToYAML()
	} else {
		top = c.decode()
	}
	if top == nil {
		return nil, c.err()
	}
	cfg := c.config(top)
	cfg.HandlersInFileOrder = isINI(name)
	if err := c.err(); err != nil {
		return nil, err
	}
	if len(c.warnings) > 0 {
		cfg.Warnings = c.warnings.sorted()
	}
	return cfg, nil
}

func newChecker(name string, data []byte) *checker {
	return &checker{
		file: name,
		data: data,
		flat: make(map[*yaml.Node][]pair),
		busy: make(map[*yaml.Node]bool),
	}
}

// A checker checks one file and collects its errors.
type checker struct {
	errs
	file string
	data []byte
	cfg  *Config

	// pyyaml is set when the file is YAML, whose scalars are resolved as
	// PyYAML's yaml.safe_load resolves them (see safeLoad).
	pyyaml bool

	flat map[*yaml.Node][]pair // flattened mappings, by node
	busy map[*yaml.Node]bool   // mappings being flattened, to catch merge cycles

	// The ids defined in each section, in document order, for references
	// and suggestions.
	formatterIDs, filterIDs, handlerIDs []string

	goPkgs map[string]goLoad // Go factory packages, by import path

	classes map[string]classMapping // loggen's classes map, by Python name

	// contextAttrs are the attributes of loggen's context section, by
	// name; nil for an entry with mistakes. contextNode is the section.
	contextAttrs map[string]*ContextAttr
	contextNode  *yaml.Node
}

// decode parses the file and returns its top-level node, or nil after
// reporting why there is none.
func (c *checker) decode() *yaml.Node {
	isJSON := strings.HasSuffix(strings.ToLower(c.file), ".json")
	if isJSON {
		if bytes.HasPrefix(c.data, utf8BOM) {
			c.add(Pos{c.file, 1, 1}, `JSON syntax error: the file starts with a UTF-8 byte order mark, which Python's json module refuses ("Unexpected UTF-8 BOM"): save the file without it`)
			return nil
		}
		// yaml.v3 accepts more than JSON (trailing commas, comments);
		// Python's json module does not.
		var v any
		var se *json.SyntaxError
		if err := json.Unmarshal(c.data, &v); errors.As(err, &se) {
			c.add(c.offsetPos(int(se.Offset)-1), "JSON syntax error: %s", se.Error())
			return nil
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(c.data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if err == io.EOF || err == nil && (doc.Kind == 0 || len(doc.Content) == 0) {
		c.add(Pos{c.file, 1, 1}, `the file is empty: a logging configuration is a mapping with at least "version: 1"`)
		return nil
	}
	if err != nil {
		c.syntaxError(err)
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		c.syntaxError(err)
		return nil
	default:
		p := c.pos(&next)
		if len(next.Content) > 0 {
			p = c.pos(next.Content[0])
		}
		c.add(p, "found a second YAML document; a configuration file holds one")
		return nil
	}
	// Python reads a YAML file with yaml.safe_load, and a JSON file with
	// the json module, whose values yaml.v3 resolves alike.
	loads := true
	if isJSON {
		jsonInts(&doc)
	} else {
		c.pyyaml = true
		loads = c.safeLoad(&doc)
	}
	c.duplicates(&doc)
	if !loads {
		return nil
	}
	return doc.Content[0]
}

// utf8BOM is the UTF-8 byte order mark, which PyYAML accepts at the start
// of a file and Python's json module refuses.
var utf8BOM = []byte("\ufeff")

// duplicates reports duplicate keys in every mapping of the document,
// including the parts loggen does not read. Aliases are not followed, so
// each node is visited once.
func (c *checker) duplicates(doc *yaml.Node) {
	stack := []*yaml.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil || n.Kind == yaml.AliasNode {
			continue
		}
		stack = append(stack, n.Content...)
		if n.Kind != yaml.MappingNode {
			continue
		}
		first := make(map[string]*yaml.Node)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
				continue
			}
			id := keyID(k) // yes and on are one key (True) to PyYAML
			if f, ok := first[id]; ok {
				c.add(c.pos(k), "duplicate key %s (first at line %d)", quote(k.Value), f.Line)
				continue
			}
			first[id] = k
		}
	}
}

var (
	yamlLine   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// syntaxError reports a parse error from yaml.v3, whose messages give a line
// at best: 1-based for scanner errors, 0-based (the line where the enclosing
// collection starts) for parser errors.
func (c *checker) syntaxError(err error) {
	if c.looksLikeJSON() {
		// JSON in a .yaml file: encoding/json knows the exact position.
		var v any
		var se *json.SyntaxError
		data := bytes.TrimPrefix(c.data, utf8BOM) // as PyYAML does
		if jerr := json.Unmarshal(data, &v); errors.As(jerr, &se) {
			c.add(c.offsetPos(len(c.data)-len(data)+int(se.Offset)-1), "JSON syntax error: %s", se.Error())
			return
		}
	}
	msg := err.Error()
	if m := yamlAnchor.FindStringSubmatch(msg); m != nil {
		pos := Pos{c.file, 1, 1}
		if i := bytes.Index(c.data, []byte("*"+m[1])); i >= 0 {
			pos = c.offsetPos(i)
		}
		c.add(pos, "YAML syntax error: unknown anchor %s referenced", quote(m[1]))
		return
	}
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if isParserError(msg) {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	pos := Pos{c.file, max(line, 1), 1}
	switch {
	case strings.Contains(msg, "control characters"):
		if i := bytes.IndexFunc(c.data, func(r rune) bool {
			return r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0x7f
		}); i >= 0 {
			pos = c.offsetPos(i)
		}
	case strings.Contains(msg, "UTF-8") || strings.Contains(msg, "UTF-16"):
		pos = c.offsetPos(invalidUTF8(c.data))
	}
	c.add(pos, "YAML syntax error: %s", msg)
}

// isParserError reports whether a yaml.v3 message comes from its parser
// (rather than its scanner).
func isParserError(msg string) bool {
	for _, p := range []string{"did not find expected", "found duplicate %YAML", "found incompatible YAML", "found undefined tag handle"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// looksLikeJSON reports whether the file seems to hold JSON: its first
// non-blank character opens an object.
func (c *checker) looksLikeJSON() bool {
	t := bytes.TrimLeft(c.data, " \t\r\n\ufeff")
	return len(t) > 0 && t[0] == '{'
}

// offsetPos returns the position of byte offset off in the file.
func (c *checker) offsetPos(off int) Pos {
	off = max(0, min(off, len(c.data)))
	before := c.data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	if start == 0 && bytes.HasPrefix(before, utf8BOM) {
		start = len(utf8BOM) // yaml.v3 does not count it as a column
	}
	return Pos{c.file, line, utf8.RuneCount(before[start:]) + 1}
}

// pos returns the position of node n.
func (c *checker) pos(n *yaml.Node) Pos {
	if n == nil || n.Line == 0 {
		return Pos{c.file, 1, 1}
	}
	return Pos{c.file, n.Line, n.Column}
}

// strPos returns the position of byte off within the string value of the
// scalar n: exact when the text before off is on the value's first line and
// appears verbatim in the source (no escapes), else the value's start.
func (c *checker) strPos(n *yaml.Node, off int) Pos {
	p := c.pos(n)
	if off < 0 || off > len(n.Value) || n.Line == 0 {
		return p
	}
	prefix := n.Value[:off]
	if strings.ContainsAny(prefix, "\r\n") {
		return p
	}
	skip := 0
	switch {
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		skip = 1
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return p
	}
	line := c.sourceLine(n.Line)
	// Find the byte where the node starts: Column counts characters.
	i := 0
	for col := 1; col < n.Column && i < len(line); col++ {
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
	}
	if i+skip > len(line) || !strings.HasPrefix(line[i+skip:], prefix) {
		return p
	}
	return Pos{c.file, n.Line, n.Column + skip + utf8.RuneCountInString(prefix)}
}

// sourceLine returns line n (counting from 1) of the file, without its
// line ending.
func (c *checker) sourceLine(n int) string {
	data := c.data
	for ; n > 1; n-- {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return ""
		}
		data = data[i+1:]
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	return strings.TrimSuffix(string(data), "\r")
}

// deref follows an alias to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 1000; i++ {
		n = n.Alias
	}
	return n
}

// A pair is one key and value of a mapping, aliases followed.
type pair struct {
	name string // the key's text
	key  *yaml.Node
	val  *yaml.Node
}

// pairs returns the entries of mapping n, with merge keys ("<<") expanded as
// PyYAML does: merged entries come first and explicit ones override them,
// and among a list of merged mappings the earlier ones win. Entries keep the
// order in which their keys first appear; of duplicate keys (reported by
// duplicates) the last one wins, as in Python.
func (c *checker) pairs(n *yaml.Node) []pair {
	if ps, ok := c.flat[n]; ok {
		return ps
	}
	c.busy[n] = true
	var merged, own []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k == nil || v == nil {
			continue
		}
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merged = append(merged, c.merge(v)...)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			c.add(c.pos(k), "a key must be a string, not %s", describe(k))
			continue
		}
		own = append(own, pair{name: k.Value, key: k, val: v})
	}
	// Python builds the dict from the merged entries then the explicit
	// ones: a key keeps the place where it first appears and the value
	// set last.
	var res []pair
	idx := make(map[string]int)
	for _, p := range append(merged, own...) {
		id := keyID(p.key)
		if i, ok := idx[id]; ok {
			res[i].key, res[i].val = p.key, p.val
			continue
		}
		idx[id] = len(res)
		res = append(res, p)
	}
	delete(c.busy, n)
	c.flat[n] = res
	return res
}

// merge returns the entries that the merge key value v brings in, last
// winner last.
func (c *checker) merge(v *yaml.Node) []pair {
	switch v.Kind {
	case yaml.MappingNode:
		if c.busy[v] {
			c.add(c.pos(v), "merge key (<<) refers to a mapping that contains it")
			return nil
		}
		return c.pairs(v)
	case yaml.SequenceNode:
		var out []pair
		for i := len(v.Content) - 1; i >= 0; i-- {
			m := deref(v.Content[i])
			if m == nil || m.Kind != yaml.MappingNode {
				c.add(c.pos(m), "merge key (<<) needs a mapping or a list of mappings, got %s", describe(m))
				continue
			}
			out = append(out, c.merge(m)...)
		}
		return out
	}
	c.add(c.pos(v), "merge key (<<) needs a mapping or a list of mappings, got %s", describe(v))
	return nil
}

// describe says what a node is, for "got ..." in messages.
func describe(n *yaml.Node) string {
	n = deref(n)
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.DocumentNode:
		return "a document"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str":
			return "string " + quote(n.Value)
		case "!!int":
			return "integer " + trunc(n.Value)
		case "!!float":
			return "float " + trunc(n.Value)
		case "!!bool":
			return "boolean " + trunc(n.Value)
		case "!!null":
			return "null"
		case "!!timestamp":
			if t, ok := pyScalar(n); ok && t.(pyTimestamp).hasTime {
				return "date and time " + trunc(n.Value)
			}
			return "date " + trunc(n.Value)
		case "!!binary":
			return "binary data"
		}
		return fmt.Sprintf("a value tagged %s", quote(n.Tag))
	}
	return "nothing"
}

// quote quotes s for a message, shortening long strings.
func quote(s string) string {
	return strconv.Quote(trunc(s))
}

func trunc(s string) string {
	const n = 72
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "..."
}

// isNull reports whether n is a YAML null (or absent).
func isNull(n *yaml.Node) bool {
	n = deref(n)
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// isString reports whether n is a string scalar.
func isString(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && n.Tag == "!!str"
}
