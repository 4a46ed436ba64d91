package model

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/loggen/loggen/runtime/pyconf"
	"go.yaml.in/yaml/v3"
)

// This file reads the INI files of logging.config.fileConfig: a reader that
// follows configparser (with the line and column of every key and value),
// and a translation into the dictConfig that fileConfig's semantics imply,
// as a yaml.v3 node tree positioned in the INI file, for the checker.

// An iniVal is a value looked up in a section: its text (interpolated unless
// read raw) and where it is.
type iniVal struct {
	text  string
	opt   *pyconf.Option
	exact bool // text is the value as written, so offsets map to the file
}

func (c *checker) iniPos(v iniVal, off int) (int, int) {
	segs := v.opt.Segs
	if !v.exact || len(segs) == 0 {
		return segs[0].Line, segs[0].Col
	}
	i := len(segs) - 1
	for i > 0 && segs[i].Off > off {
		i--
	}
	rest := v.text[segs[i].Off:min(off, len(v.text))]
	return segs[i].Line, segs[i].Col + utf8.RuneCountInString(rest)
}

type iniConv struct {
	c *checker
	f *pyconf.INI
	// classes is the section [loggen.classes]: a Python class name and
	// what loggen uses instead, so that args= maps onto the parameters of
	// the class loggen runs.
	classes map[string]string
}

// get returns option name of section s (or of DEFAULT), interpolated unless
// raw.
func (ic *iniConv) get(s *pyconf.Section, name string, raw bool) (iniVal, bool) {
	o := s.Option(name)
	if o == nil {
		o = ic.f.Defaults.Option(name)
	}
	if o == nil {
		return iniVal{}, false
	}
	if raw {
		return iniVal{text: o.Value, opt: o, exact: true}, true
	}
	text, err := ic.f.Interpolate(s, o.Value)
	if err != "" {
		ic.c.add(Pos{ic.c.file, o.Segs[0].Line, o.Segs[0].Col}, "section [%s]: %s: %s", s.Name, name, err)
		return iniVal{}, false
	}
	return iniVal{text: text, opt: o, exact: text == o.Value}, true
}

// node helpers
func (ic *iniConv) scalar(tag, value string, line, col int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Line: line, Column: col}
}

func (ic *iniConv) str(v iniVal) *yaml.Node {
	l, c := ic.c.iniPos(v, 0)
	return ic.scalar("!!str", v.text, l, c)
}

func (ic *iniConv) keyNode(o *pyconf.Option, name string) *yaml.Node {
	if o == nil {
		return ic.scalar("!!str", name, 1, 1)
	}
	return ic.scalar("!!str", name, o.Line, o.Col)
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
	f, errs := pyconf.ReadINI(c.data)
	for _, e := range errs {
		c.add(Pos{c.file, e.Line, e.Col}, "%s", e.Msg)
	}
	if f == nil {
		return nil
	}
	ic := &iniConv{c: c, f: f, classes: map[string]string{}}
	c.iniOverlay(f)
	if s := f.Section("loggen.classes"); s != nil {
		for _, o := range s.Options {
			ic.classes[o.Raw] = strings.TrimSpace(o.Value)
		}
	}
	top := mapping(1, 1)
	addPair(top, ic.scalar("!!str", "version", 1, 1), ic.scalar("!!int", "1", 1, 1))
	addPair(top, ic.scalar("!!str", "disable_existing_loggers", 1, 1), ic.scalar("!!bool", "true", 1, 1))

	need := func(name string) *pyconf.Section {
		s := f.Section(name)
		if s == nil {
			c.add(Pos{c.file, 1, 1}, "missing section [%s]", name)
		}
		return s
	}
	keys := func(s *pyconf.Section) ([]string, []*yaml.Node) {
		if s == nil {
			return nil, nil
		}
		v, ok := ic.get(s, "keys", false)
		if !ok {
			if s.Option("keys") == nil && f.Defaults.Option("keys") == nil {
				c.add(Pos{c.file, s.Line, s.Col}, "section [%s] needs keys=", s.Name)
			}
			return nil, nil
		}
		return ic.list(v)
	}
	sub := func(prefix, id string, n *yaml.Node) *pyconf.Section {
		s := f.Section(prefix + id)
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
		m := mapping(s.Line, s.Col)
		addPair(formatters, ic.scalar("!!str", id, s.Line, s.Col), m)
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

	// loggen's own sections, which fileConfig never reads: the class map
	// and the context attributes, read raw (no interpolation) and with the
	// names' case kept.
	var section *yaml.Node
	for _, key := range iniLoggenMaps {
		s := f.Section("loggen." + key)
		if s == nil {
			continue
		}
		m := mapping(s.Line, s.Col)
		for _, o := range s.Options {
			l, col := o.Segs[0].Line, o.Segs[0].Col
			addPair(m, ic.scalar("!!str", o.Raw, o.Line, o.Col), ic.scalar("!!str", strings.TrimSpace(o.Value), l, col))
		}
		if section == nil {
			section = mapping(s.Line, s.Col)
			addPair(top, ic.scalar("!!str", "loggen", s.Line, s.Col), section)
		}
		addPair(section, ic.scalar("!!str", key, s.Line, s.Col), m)
	}
	// Other sections [loggen.X] are overlays (iniOverlay).

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
		m := mapping(s.Line, s.Col)
		addPair(handlers, ic.scalar("!!str", id, s.Line, s.Col), m)
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
			if s.Option("qualname") == nil && f.Defaults.Option("qualname") == nil {
				c.add(Pos{c.file, s.Line, s.Col}, "logger %s: section [%s] needs qualname=", quote(id), s.Name)
			}
			continue
		}
		if l, ok := qualnames[q.text]; ok {
			c.add(Pos{c.file, q.opt.Line, q.opt.Col}, "logger %s: qualname %s is already configured (line %d)", quote(id), quote(q.text), l)
			continue
		}
		qualnames[q.text] = q.opt.Line
		m := mapping(s.Line, s.Col)
		addPair(loggers, ic.str(q), m)
		ic.logger(s, m, false)
	}
	if lsec != nil && !rootSeen {
		c.add(Pos{c.file, lsec.Line, lsec.Col}, `[loggers] keys must include "root"`)
	}
	addPair(top, ic.scalar("!!str", "loggers", 1, 1), loggers)
	if rootSeen {
		if s := f.Section("logger_root"); s == nil {
			c.add(Pos{c.file, lsec.Line, lsec.Col}, "missing section [logger_root]")
		} else {
			m := mapping(s.Line, s.Col)
			addPair(top, ic.scalar("!!str", "root", s.Line, s.Col), m)
			ic.logger(s, m, true)
		}
	}
	// Mistakes found so far leave out what they concern; the checker
	// reports the rest.
	return top
}

func (ic *iniConv) logger(s *pyconf.Section, m *yaml.Node, root bool) {
	c := ic.c
	if v, ok := ic.get(s, "level", false); ok {
		addPair(m, ic.keyNode(v.opt, "level"), ic.str(v))
	}
	if v, ok := ic.get(s, "handlers", false); ok {
		_, nodes := ic.list(v)
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.opt.Segs[0].Line, Column: v.opt.Segs[0].Col, Content: nodes}
		addPair(m, ic.keyNode(v.opt, "handlers"), seq)
	} else if s.Option("handlers") == nil && ic.f.Defaults.Option("handlers") == nil {
		c.add(Pos{c.file, s.Line, s.Col}, "section [%s] needs handlers= (it may be empty)", s.Name)
	}
	if root {
		return
	}
	if v, ok := ic.get(s, "propagate", false); ok {
		n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(v.text), "_", ""), 10, 64)
		if err != nil {
			c.add(Pos{c.file, v.opt.Segs[0].Line, v.opt.Segs[0].Col}, "section [%s]: propagate: expected an integer (0 or 1), got %s", s.Name, quote(v.text))
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

func (ic *iniConv) handler(s *pyconf.Section, m *yaml.Node) {
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
		case pv.Kind != pyconf.Tuple && pv.Kind != pyconf.List:
			l, col := c.iniPos(v, pv.Off)
			c.add(Pos{c.file, l, col}, "section [%s]: args must be a tuple, such as (sys.stdout,)", s.Name)
		case !known && isGoFactory(ic.classes[cls]) && len(pv.Items) > 0:
			l, col := c.iniPos(v, pv.Off)
			c.add(Pos{c.file, l, col}, "section [%s]: %s maps to the Go factory %s, whose options have no order: give them with kwargs=", s.Name, quote(cls), ic.classes[cls])
		case !known:
			// The checker reports the class.
		case len(pv.Items) > len(params):
			l, col := c.iniPos(v, pv.Items[len(params)].Off)
			c.add(Pos{c.file, l, col}, "section [%s]: %s takes at most %d positional arguments, got %d", s.Name, canon, len(params), len(pv.Items))
		default:
			for i, it := range pv.Items {
				if params[i] == "target" && canon == "logging.handlers.MemoryHandler" && it.Kind == pyconf.None {
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
		case pv.Kind != pyconf.Dict:
			l, col := c.iniPos(v, pv.Off)
			c.add(Pos{c.file, l, col}, "section [%s]: kwargs must be a dict, such as {'stream': sys.stdout}", s.Name)
		default:
			for i := 0; i+1 < len(pv.Items); i += 2 {
				k := pv.Items[i]
				l, col := c.iniPos(v, k.Off)
				if k.Kind != pyconf.Str {
					c.add(Pos{c.file, l, col}, "section [%s]: kwargs keys must be strings", s.Name)
					continue
				}
				if given[k.Str] {
					c.add(Pos{c.file, l, col}, "section [%s]: %s is given twice (in args and kwargs, or twice in kwargs)", s.Name, quote(k.Str))
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

func (ic *iniConv) literal(s *pyconf.Section, v iniVal) (pyconf.Value, bool) {
	pv, err := pyconf.ParseLiteral(v.text)
	if err != nil {
		pe := err.(*pyconf.LiteralError)
		l, col := ic.c.iniPos(v, pe.Off)
		ic.c.add(Pos{ic.c.file, l, col}, "section [%s]: %s: %s", s.Name, v.opt.Name, pe.Msg)
		return pv, false
	}
	return pv, true
}

// pyNode turns a Python value into the YAML node dictConfig would see.
func (ic *iniConv) pyNode(v iniVal, pv pyconf.Value) *yaml.Node {
	l, col := ic.c.iniPos(v, pv.Off)
	switch pv.Kind {
	case pyconf.None:
		return ic.scalar("!!null", "null", l, col)
	case pyconf.Str, pyconf.Ext:
		return ic.scalar("!!str", pv.Str, l, col)
	case pyconf.Int:
		return ic.scalar("!!int", strconv.FormatInt(pv.Int, 10), l, col)
	case pyconf.Float:
		return ic.scalar("!!float", strconv.FormatFloat(pv.Float, 'g', -1, 64), l, col)
	case pyconf.Bool:
		return ic.scalar("!!bool", strconv.FormatBool(pv.Bool), l, col)
	case pyconf.Tuple, pyconf.List:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: l, Column: col}
		for _, it := range pv.Items {
			n.Content = append(n.Content, ic.pyNode(v, it))
		}
		return n
	case pyconf.Dict:
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

// iniOverlay applies loggen's overlay sections to an INI file before it is
// read: the options of a section [loggen.X] replace the options of the
// same name in section [X], which fileConfig reads (fileConfig never reads
// [loggen.X]). An overlay that gives class= replaces the section's options
// whole, as the args of one class say nothing to another.
func (c *checker) iniOverlay(f *pyconf.INI) {
	var names []string
	for _, s := range f.Sections {
		if !strings.HasPrefix(s.Name, "loggen.") {
			names = append(names, s.Name)
		}
	}
	for _, ov := range f.Sections {
		name, ok := strings.CutPrefix(ov.Name, "loggen.")
		if !ok || slices.Contains(iniLoggenMaps, name) {
			continue
		}
		base := f.Section(name)
		if base == nil || strings.HasPrefix(name, "loggen.") {
			var own []string
			for _, k := range iniLoggenMaps {
				own = append(own, "[loggen."+k+"]")
			}
			hint := suggest(name, names)
			if h := suggest("["+ov.Name+"]", own); h != "" {
				hint = h
			}
			c.add(Pos{c.file, ov.Line, ov.Col}, "section [%s]: the file has no section [%s] to overlay, and loggen's own sections are %s%s", ov.Name, name, strings.Join(own, " and "), hint)
			continue
		}
		if ov.Option("class") != nil {
			base.Options = slices.Clone(ov.Options)
			continue
		}
		opts := slices.Clone(base.Options)
		for _, o := range ov.Options {
			i := slices.IndexFunc(opts, func(b *pyconf.Option) bool { return b.Name == o.Name })
			if i < 0 {
				opts = append(opts, o)
			} else {
				opts[i] = o
			}
		}
		base.Options = opts
	}
}
