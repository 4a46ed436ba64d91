package model

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// This file reads the INI files of logging.config.fileConfig: a reader that
// follows configparser (with the line and column of every key and value),
// and a translation into the dictConfig that fileConfig's semantics imply,
// as a yaml.v3 node tree positioned in the INI file, for the checker.

// An iniSeg is where one line of a value starts: its byte offset in the
// value and its position in the file.
type iniSeg struct {
	off, line, col int
}

type iniOption struct {
	name      string // lower-cased, as configparser's optionxform makes it
	raw       string // as written
	line, col int    // of the name
	segs      []iniSeg
	lines     []string
	value     string
}

type iniSection struct {
	name      string
	line, col int
	opts      []*iniOption
}

func (s *iniSection) opt(name string) *iniOption {
	if s == nil {
		return nil
	}
	for _, o := range s.opts {
		if o.name == name {
			return o
		}
	}
	return nil
}

type iniFile struct {
	sections []*iniSection
	defaults *iniSection
}

func (f *iniFile) section(name string) *iniSection {
	for _, s := range f.sections {
		if s.name == name {
			return s
		}
	}
	return nil
}

var iniOptRE = regexp.MustCompile(`^(.*?)\s*([=:])\s*(.*)$`)

// readINI reads data as configparser.ConfigParser does with its defaults.
func (c *checker) readINI() *iniFile {
	f := &iniFile{defaults: &iniSection{name: "DEFAULT"}}
	var cur *iniSection
	var opt *iniOption
	indent := 0
	lines := strings.Split(strings.TrimPrefix(string(c.data), "\ufeff"), "\n")
	for i, raw := range lines {
		ln := i + 1
		raw = strings.TrimSuffix(raw, "\r")
		trimmed := strings.TrimSpace(raw)
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";") {
			continue
		}
		lead := len(raw) - len(strings.TrimLeft(raw, " \t\f\v"))
		if trimmed == "" {
			if opt != nil {
				opt.lines = append(opt.lines, "")
				opt.segs = append(opt.segs, iniSeg{line: ln, col: 1})
			}
			continue
		}
		col := utf8.RuneCountInString(raw[:lead]) + 1
		if opt != nil && cur != nil && lead > indent {
			opt.lines = append(opt.lines, trimmed)
			opt.segs = append(opt.segs, iniSeg{line: ln, col: col})
			continue
		}
		indent = lead
		opt = nil
		if strings.HasPrefix(trimmed, "[") && strings.Contains(trimmed[1:], "]") && strings.LastIndex(trimmed, "]") > 1 {
			name := trimmed[1:strings.LastIndex(trimmed, "]")]
			if name == "DEFAULT" {
				cur = f.defaults
				cur.line, cur.col = ln, col
				continue
			}
			if s := f.section(name); s != nil {
				c.add(Pos{c.file, ln, col}, "section %s already exists (at line %d)", quote(name), s.line)
				cur = &iniSection{name: name}
				continue
			}
			cur = &iniSection{name: name, line: ln, col: col}
			f.sections = append(f.sections, cur)
			continue
		}
		if cur == nil {
			c.add(Pos{c.file, ln, col}, "the file must start with a section header such as [loggers]")
			return nil
		}
		m := iniOptRE.FindStringSubmatchIndex(trimmed)
		if m == nil || m[3] == 0 {
			c.add(Pos{c.file, ln, col}, "expected name=value or a [section] header, got %s", quote(trimmed))
			continue
		}
		name := strings.ToLower(strings.TrimSpace(trimmed[m[2]:m[3]]))
		if o := cur.opt(name); o != nil {
			c.add(Pos{c.file, ln, col}, "option %s in section %s already exists (at line %d)", quote(name), quote(cur.name), o.line)
			continue
		}
		vcol := col + utf8.RuneCountInString(trimmed[:m[6]])
		opt = &iniOption{name: name, raw: strings.TrimSpace(trimmed[m[2]:m[3]]), line: ln, col: col, lines: []string{trimmed[m[6]:]}, segs: []iniSeg{{line: ln, col: vcol}}}
		cur.opts = append(cur.opts, opt)
	}
	for _, s := range append([]*iniSection{f.defaults}, f.sections...) {
		for _, o := range s.opts {
			n := len(o.lines)
			for n > 1 && o.lines[n-1] == "" {
				n--
			}
			o.lines, o.segs = o.lines[:n], o.segs[:n]
			off := 0
			for i := range o.lines {
				o.segs[i].off = off
				off += len(o.lines[i]) + 1
			}
			o.value = strings.Join(o.lines, "\n")
		}
	}
	return f
}

// An iniVal is a value looked up in a section: its text (interpolated unless
// read raw) and where it is.
type iniVal struct {
	text  string
	opt   *iniOption
	exact bool // text is the value as written, so offsets map to the file
}

func (c *checker) iniPos(v iniVal, off int) (int, int) {
	segs := v.opt.segs
	if !v.exact || len(segs) == 0 {
		return segs[0].line, segs[0].col
	}
	i := len(segs) - 1
	for i > 0 && segs[i].off > off {
		i--
	}
	rest := v.text[segs[i].off:min(off, len(v.text))]
	return segs[i].line, segs[i].col + utf8.RuneCountInString(rest)
}

type iniConv struct {
	c *checker
	f *iniFile
	// classes is the section [loggen.classes]: a Python class name and
	// what loggen uses instead, so that args= maps onto the parameters of
	// the class loggen runs.
	classes map[string]string
}

// get returns option name of section s (or of DEFAULT), interpolated unless
// raw.
func (ic *iniConv) get(s *iniSection, name string, raw bool) (iniVal, bool) {
	o := s.opt(name)
	if o == nil {
		o = ic.f.defaults.opt(name)
	}
	if o == nil {
		return iniVal{}, false
	}
	if raw {
		return iniVal{text: o.value, opt: o, exact: true}, true
	}
	text, err := ic.interpolate(s, o.value, 1)
	if err != "" {
		ic.c.add(Pos{ic.c.file, o.segs[0].line, o.segs[0].col}, "section [%s]: %s: %s", s.name, name, err)
		return iniVal{}, false
	}
	return iniVal{text: text, opt: o, exact: text == o.value}, true
}

// interpolate applies configparser's BasicInterpolation.
func (ic *iniConv) interpolate(s *iniSection, v string, depth int) (string, string) {
	if depth > 10 {
		return "", "interpolation is too deeply recursive"
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(v, '%')
		if i < 0 {
			b.WriteString(v)
			return b.String(), ""
		}
		b.WriteString(v[:i])
		v = v[i:]
		switch {
		case strings.HasPrefix(v, "%%"):
			b.WriteByte('%')
			v = v[2:]
		case strings.HasPrefix(v, "%("):
			end := strings.Index(v, ")s")
			if end < 0 {
				return "", fmt.Sprintf("bad interpolation variable reference %s", quote(v))
			}
			name := strings.ToLower(v[2:end])
			o := s.opt(name)
			if o == nil {
				o = ic.f.defaults.opt(name)
			}
			if o == nil {
				return "", fmt.Sprintf("bad interpolation: option %s is not defined (write %%%% for a literal %%)", quote(name))
			}
			sub := o.value
			if strings.Contains(sub, "%") {
				var err string
				if sub, err = ic.interpolate(s, sub, depth+1); err != "" {
					return "", err
				}
			}
			b.WriteString(sub)
			v = v[end+2:]
		default:
			return "", fmt.Sprintf("'%%' must be followed by '%%' or '(', found: %s (write %%%% for a literal %%)", quote(v))
		}
	}
}

// node helpers
func (ic *iniConv) scalar(tag, value string, line, col int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Line: line, Column: col}
}

func (ic *iniConv) str(v iniVal) *yaml.Node {
	l, c := ic.c.iniPos(v, 0)
	return ic.scalar("!!str", v.text, l, c)
}

func (ic *iniConv) keyNode(o *iniOption, name string) *yaml.Node {
	if o == nil {
		return ic.scalar("!!str", name, 1, 1)
	}
	return ic.scalar("!!str", name, o.line, o.col)
}

func mapping(line, col int) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line, Column: col}
}

func addPair(m, k, v *yaml.Node) { m.Content = append(m.Content, k, v) }

// list splits a keys= or handlers= value on commas, as fileConfig does.
func (ic *iniConv) list(v iniVal) ([]string, []*yaml.Node) {
	if v.text == "" {
		return nil, nil
	}
	var names []string
	var nodes []*yaml.Node
	off := 0
	for _, part := range strings.Split(v.text, ",") {
		lead := len(part) - len(strings.TrimLeft(part, " \t\n\r\f\v"))
		name := strings.TrimSpace(part)
		l, c := ic.c.iniPos(v, off+lead)
		names = append(names, name)
		nodes = append(nodes, ic.scalar("!!str", name, l, c))
		off += len(part) + 1
	}
	return names, nodes
}

// iniToYAML reads the INI file and builds the equivalent dictConfig.
func (c *checker) iniToYAML() *yaml.Node {
	if strings.TrimSpace(string(c.data)) == "" && len(c.data) == 0 {
		c.add(Pos{c.file, 1, 1}, "the file is empty: a fileConfig file needs [loggers], [handlers] and [formatters] sections")
		return nil
	}
	f := c.readINI()
	if f == nil {
		return nil
	}
	ic := &iniConv{c: c, f: f, classes: map[string]string{}}
	if s := f.section("loggen.classes"); s != nil {
		for _, o := range s.opts {
			ic.classes[o.raw] = strings.TrimSpace(o.value)
		}
	}
	top := mapping(1, 1)
	addPair(top, ic.scalar("!!str", "version", 1, 1), ic.scalar("!!int", "1", 1, 1))
	addPair(top, ic.scalar("!!str", "disable_existing_loggers", 1, 1), ic.scalar("!!bool", "true", 1, 1))

	need := func(name string) *iniSection {
		s := f.section(name)
		if s == nil {
			c.add(Pos{c.file, 1, 1}, "missing section [%s]", name)
		}
		return s
	}
	keys := func(s *iniSection) ([]string, []*yaml.Node) {
		if s == nil {
			return nil, nil
		}
		v, ok := ic.get(s, "keys", false)
		if !ok {
			if s.opt("keys") == nil && f.defaults.opt("keys") == nil {
				c.add(Pos{c.file, s.line, s.col}, "section [%s] needs keys=", s.name)
			}
			return nil, nil
		}
		return ic.list(v)
	}
	sub := func(prefix, id string, n *yaml.Node) *iniSection {
		s := f.section(prefix + id)
		if s == nil {
			c.add(Pos{c.file, n.Line, n.Column}, "%s %s has no section [%s%s]", strings.TrimSuffix(prefix, "_"), quote(id), prefix, id)
		}
		return s
	}
	dup := func(what string, ids []string, nodes []*yaml.Node) {
		for i, id := range ids {
			if j := slices.Index(ids, id); j < i {
				c.add(Pos{c.file, nodes[i].Line, nodes[i].Column}, "%s %s is listed twice", what, quote(id))
			}
		}
	}

	// Formatters.
	fsec, hsec, lsec := need("formatters"), need("handlers"), need("loggers")
	fids, fnodes := keys(fsec)
	dup("formatter", fids, fnodes)
	formatters := mapping(1, 1)
	for i, id := range fids {
		if slices.Index(fids, id) < i {
			continue
		}
		s := sub("formatter_", id, fnodes[i])
		if s == nil {
			continue
		}
		m := mapping(s.line, s.col)
		addPair(formatters, ic.scalar("!!str", id, s.line, s.col), m)
		if v, ok := ic.get(s, "format", true); ok {
			addPair(m, ic.keyNode(v.opt, "format"), ic.str(v))
		}
		if v, ok := ic.get(s, "datefmt", true); ok && v.text != "" {
			addPair(m, ic.keyNode(v.opt, "datefmt"), ic.str(v))
		}
		if v, ok := ic.get(s, "style", true); ok {
			addPair(m, ic.keyNode(v.opt, "style"), ic.str(v))
		}
		if v, ok := ic.get(s, "class", false); ok && v.text != "" {
			addPair(m, ic.keyNode(v.opt, "class"), ic.str(v))
		}
	}
	addPair(top, ic.scalar("!!str", "formatters", 1, 1), formatters)

	// loggen's own section, which fileConfig never reads: the class map,
	// read raw (no interpolation) and with the names' case kept.
	if s := f.section("loggen.classes"); s != nil {
		classes := mapping(s.line, s.col)
		for _, o := range s.opts {
			l, col := o.segs[0].line, o.segs[0].col
			addPair(classes, ic.scalar("!!str", o.raw, o.line, o.col), ic.scalar("!!str", strings.TrimSpace(o.value), l, col))
		}
		section := mapping(s.line, s.col)
		addPair(section, ic.scalar("!!str", "classes", s.line, s.col), classes)
		addPair(top, ic.scalar("!!str", "loggen", s.line, s.col), section)
	}

	// Handlers.
	hids, hnodes := keys(hsec)
	dup("handler", hids, hnodes)
	handlers := mapping(1, 1)
	for i, id := range hids {
		if slices.Index(hids, id) < i {
			continue
		}
		s := sub("handler_", id, hnodes[i])
		if s == nil {
			continue
		}
		m := mapping(s.line, s.col)
		addPair(handlers, ic.scalar("!!str", id, s.line, s.col), m)
		ic.handler(s, m)
	}
	addPair(top, ic.scalar("!!str", "handlers", 1, 1), handlers)

	// Loggers.
	lids, lnodes := keys(lsec)
	loggers := mapping(1, 1)
	rootSeen := false
	qualnames := map[string]int{}
	for i, id := range lids {
		if id == "root" && !rootSeen {
			rootSeen = true
			continue
		}
		s := sub("logger_", id, lnodes[i])
		if s == nil {
			continue
		}
		q, ok := ic.get(s, "qualname", false)
		if !ok {
			if s.opt("qualname") == nil && f.defaults.opt("qualname") == nil {
				c.add(Pos{c.file, s.line, s.col}, "logger %s: section [%s] needs qualname=", quote(id), s.name)
			}
			continue
		}
		if l, ok := qualnames[q.text]; ok {
			c.add(Pos{c.file, q.opt.line, q.opt.col}, "logger %s: qualname %s is already configured (line %d)", quote(id), quote(q.text), l)
			continue
		}
		qualnames[q.text] = q.opt.line
		m := mapping(s.line, s.col)
		addPair(loggers, ic.str(q), m)
		ic.logger(s, m, false)
	}
	if lsec != nil && !rootSeen {
		c.add(Pos{c.file, lsec.line, lsec.col}, `[loggers] keys must include "root"`)
	}
	addPair(top, ic.scalar("!!str", "loggers", 1, 1), loggers)
	if rootSeen {
		if s := f.section("logger_root"); s == nil {
			c.add(Pos{c.file, lsec.line, lsec.col}, "missing section [logger_root]")
		} else {
			m := mapping(s.line, s.col)
			addPair(top, ic.scalar("!!str", "root", s.line, s.col), m)
			ic.logger(s, m, true)
		}
	}
	// Mistakes found so far leave out what they concern; the checker
	// reports the rest.
	return top
}

func (ic *iniConv) logger(s *iniSection, m *yaml.Node, root bool) {
	c := ic.c
	if v, ok := ic.get(s, "level", false); ok {
		addPair(m, ic.keyNode(v.opt, "level"), ic.str(v))
	}
	if v, ok := ic.get(s, "handlers", false); ok {
		_, nodes := ic.list(v)
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.opt.segs[0].line, Column: v.opt.segs[0].col, Content: nodes}
		addPair(m, ic.keyNode(v.opt, "handlers"), seq)
	} else if s.opt("handlers") == nil && ic.f.defaults.opt("handlers") == nil {
		c.add(Pos{c.file, s.line, s.col}, "section [%s] needs handlers= (it may be empty)", s.name)
	}
	if root {
		return
	}
	if v, ok := ic.get(s, "propagate", false); ok {
		n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(v.text), "_", ""), 10, 64)
		if err != nil {
			c.add(Pos{c.file, v.opt.segs[0].line, v.opt.segs[0].col}, "section [%s]: propagate: expected an integer (0 or 1), got %s", s.name, quote(v.text))
			return
		}
		l, col := c.iniPos(v, 0)
		addPair(m, ic.keyNode(v.opt, "propagate"), ic.scalar("!!bool", strconv.FormatBool(n != 0), l, col))
	}
}

// handlerClassName resolves a handler class as fileConfig does: eval in the
// logging module's namespace, else import.
func handlerClassName(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, ".") {
		return "logging." + s
	}
	if strings.HasPrefix(s, "handlers.") {
		return "logging." + s
	}
	return s
}

func (ic *iniConv) handler(s *iniSection, m *yaml.Node) {
	c := ic.c
	cv, ok := ic.get(s, "class", false)
	if !ok {
		return // the checker reports a missing class
	}
	before := c.n()
	defer func() {
		if c.n() > before {
			// args or kwargs are wrong: keep the handler, without
			// them, so that references to it and its other keys are
			// still checked, and nothing more is said about it.
			m.Content[1].Value = "logging.NullHandler"
			keep := m.Content[:0]
			for i := 0; i+1 < len(m.Content); i += 2 {
				switch m.Content[i].Value {
				case "class", "level", "formatter":
					keep = append(keep, m.Content[i], m.Content[i+1])
				}
			}
			m.Content = keep
		}
	}()
	cls := handlerClassName(cv.text)
	l, col := c.iniPos(cv, 0)
	addPair(m, ic.keyNode(cv.opt, "class"), ic.scalar("!!str", cls, l, col))
	if v, ok := ic.get(s, "level", false); ok {
		addPair(m, ic.keyNode(v.opt, "level"), ic.str(v))
	}
	if v, ok := ic.get(s, "formatter", false); ok && v.text != "" {
		addPair(m, ic.keyNode(v.opt, "formatter"), ic.str(v))
	}
	runs := cls // the class loggen runs
	if t, ok := ic.classes[cls]; ok && !isGoFactory(t) {
		runs = t
	}
	canon, _ := canonicalName(runs)
	var params []string
	class, known := LookupHandlerClass(runs)
	if known {
		params = class.Params()
	}
	given := map[string]bool{}
	if v, ok := ic.get(s, "args", false); ok {
		pv, ok := ic.literal(s, v)
		switch {
		case !ok:
		case pv.Kind != PyTuple && pv.Kind != PyList:
			l, col := c.iniPos(v, pv.Off)
			c.add(Pos{c.file, l, col}, "section [%s]: args must be a tuple, such as (sys.stdout,)", s.name)
		case !known && isGoFactory(ic.classes[cls]) && len(pv.Items) > 0:
			l, col := c.iniPos(v, pv.Off)
			c.add(Pos{c.file, l, col}, "section [%s]: %s maps to the Go factory %s, whose options have no order: give them with kwargs=", s.name, quote(cls), ic.classes[cls])
		case !known:
			// The checker reports the class.
		case len(pv.Items) > len(params):
			l, col := c.iniPos(v, pv.Items[len(params)].Off)
			c.add(Pos{c.file, l, col}, "section [%s]: %s takes at most %d positional arguments, got %d", s.name, canon, len(params), len(pv.Items))
		default:
			for i, it := range pv.Items {
				if params[i] == "target" && canon == "logging.handlers.MemoryHandler" && it.Kind == PyNone {
					continue
				}
				l, col := c.iniPos(v, it.Off)
				addPair(m, ic.scalar("!!str", params[i], l, col), ic.pyNode(v, it))
				given[params[i]] = true
			}
		}
	}
	if v, ok := ic.get(s, "kwargs", false); ok {
		pv, ok := ic.literal(s, v)
		switch {
		case !ok:
		case pv.Kind != PyDict:
			l, col := c.iniPos(v, pv.Off)
			c.add(Pos{c.file, l, col}, "section [%s]: kwargs must be a dict, such as {'stream': sys.stdout}", s.name)
		default:
			for i := 0; i+1 < len(pv.Items); i += 2 {
				k := pv.Items[i]
				l, col := c.iniPos(v, k.Off)
				if k.Kind != PyStr {
					c.add(Pos{c.file, l, col}, "section [%s]: kwargs keys must be strings", s.name)
					continue
				}
				if given[k.Str] {
					c.add(Pos{c.file, l, col}, "section [%s]: %s is given twice (in args and kwargs, or twice in kwargs)", s.name, quote(k.Str))
					continue
				}
				given[k.Str] = true
				addPair(m, ic.scalar("!!str", k.Str, l, col), ic.pyNode(v, pv.Items[i+1]))
			}
		}
	}
	if canon == "logging.handlers.MemoryHandler" {
		if v, ok := ic.get(s, "target", false); ok && v.text != "" {
			if given["target"] {
				// setTarget after creation wins.
				for i := 0; i+1 < len(m.Content); i += 2 {
					if m.Content[i].Value == "target" {
						m.Content = slices.Delete(m.Content, i, i+2)
						break
					}
				}
			}
			addPair(m, ic.keyNode(v.opt, "target"), ic.str(v))
		}
	}
}

func (ic *iniConv) literal(s *iniSection, v iniVal) (PyValue, bool) {
	pv, err := ParsePyLiteral(v.text)
	if err != nil {
		pe := err.(*PyError)
		l, col := ic.c.iniPos(v, pe.Off)
		ic.c.add(Pos{ic.c.file, l, col}, "section [%s]: %s: %s", s.name, v.opt.name, pe.Msg)
		return pv, false
	}
	return pv, true
}

// pyNode turns a Python value into the YAML node dictConfig would see.
func (ic *iniConv) pyNode(v iniVal, pv PyValue) *yaml.Node {
	l, col := ic.c.iniPos(v, pv.Off)
	switch pv.Kind {
	case PyNone:
		return ic.scalar("!!null", "null", l, col)
	case PyStr, PyExt:
		return ic.scalar("!!str", pv.Str, l, col)
	case PyInt:
		return ic.scalar("!!int", strconv.FormatInt(pv.Int, 10), l, col)
	case PyFloat:
		return ic.scalar("!!float", strconv.FormatFloat(pv.Float, 'g', -1, 64), l, col)
	case PyBool:
		return ic.scalar("!!bool", strconv.FormatBool(pv.Bool), l, col)
	case PyTuple, PyList:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: l, Column: col}
		for _, it := range pv.Items {
			n.Content = append(n.Content, ic.pyNode(v, it))
		}
		return n
	case PyDict:
		n := mapping(l, col)
		for _, it := range pv.Items {
			n.Content = append(n.Content, ic.pyNode(v, it))
		}
		return n
	}
	return ic.scalar("!!null", "null", l, col)
}

// ConvertINI reads a fileConfig INI file and returns the equivalent
// dictConfig as a YAML node tree, or an ErrorList. Encoded by yaml.v3, the
// tree reads back as the same values under yaml.safe_load's rules.
func ConvertINI(name string, data []byte) (*yaml.Node, error) {
	c := newChecker(name, data)
	top := c.iniToYAML()
	if top == nil {
		return nil, c.err()
	}
	// Check it too, so that convert refuses what generation refuses.
	c.config(top)
	if err := c.err(); err != nil {
		return nil, err
	}
	forPyYAML(top)
	return top, nil
}

func isINI(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".ini")
}

// n returns how many mistakes have been reported.
func (c *checker) n() int { return len(c.list) }
