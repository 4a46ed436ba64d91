package reload

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/loggen/loggen/runtime/dictconfig"
	"github.com/loggen/loggen/runtime/pyconf"
)

// A config is one reading of the configuration file: the dictConfig
// dictionary loggen reads (loggen's overlay applied, its section removed),
// the classes map of loggen's section, and where each key is written.
type config struct {
	dict    map[string]any
	classes map[string]any // loggen's classes map, nil if none
	pos     map[string]pos // by joined key path
	// whereINI tells positions in an INI file, in place of pos.
	whereINI func(path []string) (line, col int)
}

// A pos is a line and column of the file, from 1.
type pos struct{ line, col int }

// dictKeys are the top-level keys of a dictConfig dictionary; the others
// are ignored, as Python ignores them.
var dictKeys = []string{"version", "formatters", "filters", "handlers", "loggers", "root", "incremental", "disable_existing_loggers"}

// pathKey joins a key path for config.pos.
func pathKey(path []string) string { return strings.Join(path, "\x00") }

// where returns the position of the innermost written key of path.
func (c *config) where(path []string) (int, int) {
	if c.whereINI != nil {
		return c.whereINI(path)
	}
	for n := len(path); n > 0; n-- {
		if p, ok := c.pos[pathKey(path[:n])]; ok {
			return p.line, p.col
		}
	}
	return 0, 0
}

// read reads the configuration file data named name: an INI file if the
// name ends in .ini (as loggen decides), JSON if it ends in .json, YAML
// otherwise. Mistakes are returned as "name:line:col: message" lines.
func read(name string, data []byte) (*config, error) {
	var c *config
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".ini":
		c, err = readINI(data)
	case ".json":
		c, err = readYAML(data, true)
	default:
		c, err = readYAML(data, false)
	}
	if err != nil {
		return nil, positioned(name, err, c)
	}
	return c, nil
}

// positioned writes each error joined in err as "name:line:col: message"
// (line and column from c, when it knows them), sorted by position.
func positioned(name string, err error, c *config) error {
	type item struct {
		line, col int
		msg       string
	}
	var items []item
	for _, e := range unjoin(err) {
		var it item
		var le *dictconfig.Error
		var ye *yamlError
		switch {
		case errors.As(e, &le):
			it.line, it.col, it.msg = le.Line, le.Col, le.Msg
			if it.line == 0 && c != nil && le.Path != nil {
				it.line, it.col = c.where(le.Path)
			}
		case errors.As(e, &ye):
			it.line, it.col, it.msg = ye.line, ye.col, ye.msg
		default:
			it.msg = e.Error()
		}
		items = append(items, it)
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		return a.line < b.line || a.line == b.line && a.col < b.col
	})
	var out []error
	for _, it := range items {
		if it.line > 0 {
			out = append(out, fmt.Errorf("%s:%d:%d: %s", name, it.line, it.col, it.msg))
		} else {
			out = append(out, fmt.Errorf("%s: %s", name, it.msg))
		}
	}
	return errors.Join(out...)
}

// unjoin returns the errors err joins, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, unjoin(e)...)
		}
		return out
	}
	return []error{err}
}

// A yamlError is a mistake at a position of a YAML or JSON file.
type yamlError struct {
	line, col int
	msg       string
}

func (e *yamlError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }

// yamlLine finds the line yaml.v3 gives in its messages ("yaml: line 3:
// ...").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// readYAML reads a YAML file as PyYAML's safe_load reads it (plain scalars
// by YAML 1.1, with pyconf's resolver), or a JSON file as Python's json
// module reads it, keeping each key's position.
func readYAML(data []byte, isJSON bool) (*config, error) {
	if isJSON {
		dec := json.NewDecoder(bytes.NewReader(data))
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("not JSON: %v", err)
		}
		if _, err := dec.Token(); err == nil {
			return nil, errors.New("not JSON: extra data after the value")
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			l, _ := strconv.Atoi(m[1])
			return nil, &yamlError{l, 1, m[2]}
		}
		return nil, err
	}
	r := &yamlReader{json: isJSON, pos: map[string]pos{}, memo: map[*yaml.Node]any{}}
	if len(doc.Content) == 0 {
		return nil, errors.New("the file is empty: a configuration is a mapping")
	}
	top := doc.Content[0]
	v := r.value(top, nil)
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	d, ok := v.(map[string]any)
	if !ok {
		return nil, &yamlError{top.Line, top.Column, "a configuration is a mapping"}
	}
	c := &config{dict: d, pos: r.pos}
	if err := c.overlay(); err != nil {
		return c, err
	}
	return c, nil
}

// A yamlReader converts a yaml.v3 tree to Python values, recording the
// position of each key path.
type yamlReader struct {
	json  bool
	pos   map[string]pos
	errs  []error
	depth int
	memo  map[*yaml.Node]any // the values of anchored nodes
}

func (r *yamlReader) errorf(n *yaml.Node, format string, args ...any) {
	r.errs = append(r.errs, &yamlError{n.Line, n.Column, fmt.Sprintf(format, args...)})
}

// maxDepth bounds the nesting of values (and of aliases followed).
const maxDepth = 64

// value converts node n, found at path.
func (r *yamlReader) value(n *yaml.Node, path []string) any {
	r.pos[pathKey(path)] = pos{n.Line, n.Column}
	if r.depth++; r.depth > maxDepth {
		r.errorf(n, "nested more than %d deep", maxDepth)
		r.depth--
		return nil
	}
	defer func() { r.depth-- }()
	if v, ok := r.memo[n]; ok {
		return v
	}
	v := r.convert(n, path)
	if n.Anchor != "" {
		r.memo[n] = v
	}
	return v
}

// convert converts node n, found at path, with no memo.
func (r *yamlReader) convert(n *yaml.Node, path []string) any {
	if n.Style&yaml.TaggedStyle != 0 && (n.Kind == yaml.MappingNode && n.Tag != "!!map" || n.Kind == yaml.SequenceNode && n.Tag != "!!seq") {
		r.errorf(n, "tag %s: a logging configuration holds plain mappings and lists: remove the tag", n.Tag)
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		// The value of the anchor, as PyYAML shares one object between
		// an anchor and its aliases: a file of aliases of aliases costs
		// no more than its nodes.
		return r.value(n.Alias, path)
	case yaml.ScalarNode:
		return r.scalar(n)
	case yaml.SequenceNode:
		out := []any{}
		for i, it := range n.Content {
			out = append(out, r.value(it, append(path[:len(path):len(path)], strconv.Itoa(i))))
		}
		return out
	case yaml.MappingNode:
		out := map[string]any{}
		own := map[string]bool{}
		var merges []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if !r.json && k.Kind == yaml.ScalarNode && k.Style == 0 && k.Value == "<<" {
				merges = append(merges, v)
				continue
			}
			key, ok := r.scalar(k).(string)
			if !ok {
				r.errorf(k, "%s is a key PyYAML reads as %v, not a string: quote it", k.Value, r.scalar(k))
				continue
			}
			own[key] = true
			out[key] = r.value(v, append(path[:len(path):len(path)], key))
		}
		// YAML 1.1's merge keys: the keys of the merged mappings that the
		// mapping does not give itself, the first mapping first.
		for _, m := range merges {
			for m.Kind == yaml.AliasNode {
				m = m.Alias
			}
			list := []*yaml.Node{m}
			if m.Kind == yaml.SequenceNode {
				list = m.Content
			}
			for _, it := range list {
				mv, ok := r.value(it, path).(map[string]any)
				if !ok {
					r.errorf(it, "<< merges mappings only")
					continue
				}
				for k, v := range mv {
					if _, set := out[k]; !set && !own[k] {
						out[k] = v
					}
				}
			}
		}
		return out
	}
	r.errorf(n, "unexpected YAML node")
	return nil
}

// jsonInt matches a JSON number without a fraction or exponent.
var jsonInt = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)$`)

// scalar converts a scalar node as safe_load (or Python's json) does.
func (r *yamlReader) scalar(n *yaml.Node) any {
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0
	if quoted && n.Style&yaml.TaggedStyle == 0 {
		return n.Value
	}
	if r.json {
		switch {
		case n.Value == "true":
			return true
		case n.Value == "false":
			return false
		case n.Value == "null":
			return nil
		case jsonInt.MatchString(n.Value):
			if i, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
				return i
			}
			b, _ := new(big.Int).SetString(n.Value, 10)
			return b
		}
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			r.errorf(n, "not a JSON value: %s", n.Value)
		}
		return f
	}
	tag := n.Tag
	if n.Style&yaml.TaggedStyle == 0 {
		tag = pyconf.YAMLTag(n.Value)
	}
	switch tag {
	case "!!timestamp":
		r.errorf(n, "PyYAML reads %s as a date: quote it to make it a string", n.Value)
		return nil
	case "!!value":
		return n.Value
	}
	v, err := pyconf.YAMLScalar(tag, n.Value)
	if err != nil {
		r.errorf(n, "yaml.safe_load cannot read %s: %v", n.Value, err)
	}
	return v
}

// overlay applies loggen's section: its classes map is kept aside, and
// its formatters, filters, handlers, loggers and root replace, for loggen,
// the keys they give in the file's entries of the same id (an entry that
// names a class, with class or '()', replaces the file's entry whole).
// Keys other than dictConfig's are dropped.
func (c *config) overlay() error {
	lg, _ := c.dict["loggen"].(map[string]any)
	var errs []error
	if cl, ok := lg["classes"].(map[string]any); ok {
		c.classes = cl
	}
	for _, sec := range []string{"formatters", "filters", "handlers", "loggers"} {
		ov, ok := lg[sec].(map[string]any)
		if !ok {
			continue
		}
		base, _ := c.dict[sec].(map[string]any)
		if base == nil {
			base = map[string]any{}
			c.dict[sec] = base
		}
		for _, id := range slices.Sorted(maps.Keys(ov)) {
			e, ok := ov[id].(map[string]any)
			if !ok {
				continue
			}
			old, exists := base[id].(map[string]any)
			if !exists && sec != "loggers" {
				l, col := c.where([]string{"loggen", sec, id})
				errs = append(errs, &yamlError{l, col, fmt.Sprintf("loggen: %s: %q is not an entry of the file's %s", sec, id, sec)})
				continue
			}
			base[id] = c.merge(old, e, []string{sec, id}, []string{"loggen", sec, id})
		}
	}
	if ov, ok := lg["root"].(map[string]any); ok {
		old, _ := c.dict["root"].(map[string]any)
		c.dict["root"] = c.merge(old, ov, []string{"root"}, []string{"loggen", "root"})
	}
	for k := range c.dict {
		if !contains(dictKeys, k) {
			delete(c.dict, k)
		}
	}
	return errors.Join(errs...)
}

// merge returns the entry old with the keys of ov, whose keys are at
// ovPath, in place of its own (ov whole if it names a class), moving the
// positions of ov's keys to path.
func (c *config) merge(old, ov map[string]any, path, ovPath []string) map[string]any {
	out := map[string]any{}
	_, cls := ov["class"]
	_, fac := ov["()"]
	if !cls && !fac {
		for k, v := range old {
			out[k] = v
		}
	}
	prefix := pathKey(ovPath) + "\x00"
	for k, p := range c.pos {
		if strings.HasPrefix(k, prefix) {
			c.pos[pathKey(path)+"\x00"+strings.TrimPrefix(k, prefix)] = p
		}
	}
	for k, v := range ov {
		out[k] = v
	}
	return out
}

// readINI reads a fileConfig INI file as pyconf reads it for the
// generator, with loggen's sections: [loggen.classes], and [loggen.X],
// whose options replace those of section [X].
func readINI(data []byte) (*config, error) {
	f, errs := pyconf.ReadINI(data)
	if len(errs) > 0 || f == nil {
		var all []error
		for _, e := range errs {
			all = append(all, &yamlError{e.Line, e.Col, e.Msg})
		}
		if len(all) == 0 {
			all = append(all, errors.New("not an INI file"))
		}
		return nil, errors.Join(all...)
	}
	c := &config{}
	var kept []*pyconf.Section
	overlays := map[string]*pyconf.Section{}
	for _, s := range f.Sections {
		switch {
		case s.Name == "loggen.classes":
			c.classes = map[string]any{}
			for _, o := range s.Options {
				c.classes[o.Raw] = o.Value
			}
		case strings.HasPrefix(s.Name, "loggen."):
			overlays[strings.TrimPrefix(s.Name, "loggen.")] = s
		default:
			kept = append(kept, s)
		}
	}
	var ovErrs []error
	for name, ov := range overlays {
		if f.Section(name) == nil {
			ovErrs = append(ovErrs, &yamlError{ov.Line, ov.Col, fmt.Sprintf("section [%s] overlays [%s], which the file lacks", ov.Name, name)})
		}
	}
	for i, s := range kept {
		ov := overlays[s.Name]
		if ov == nil {
			continue
		}
		m := *s
		m.Options = nil
		for _, o := range s.Options {
			if ov.Option(o.Name) == nil {
				m.Options = append(m.Options, o)
			}
		}
		m.Options = append(m.Options, ov.Options...)
		kept[i] = &m
	}
	f = &pyconf.INI{Sections: kept, Defaults: f.Defaults}
	d, where, err := dictconfig.INIDict(f)
	c.dict = d
	c.pos = map[string]pos{}
	c.whereINI = where
	if err := errors.Join(append(ovErrs, err)...); err != nil {
		return c, err
	}
	return c, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
