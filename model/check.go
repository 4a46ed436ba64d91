package model

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/loggen/loggen/runtime/envvar"
	"github.com/loggen/loggen/runtime/level"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file checks a parsed file against the dictConfig schema, as
// logging.config.DictConfigurator.configure reads it (CPython 3.11), and
// builds the Config. Where Python is lax (unknown formatter keys, a
// non-boolean propagate) loggen is strict on purpose, and says so below.

// The keys each kind of entry takes, for suggestions.
var (
	topLevelKeys  = keyNames(topLevelTable)
	formatterKeys = keyNames(formatterTable)
	filterKeys    = keyNames(filterTable)
	loggerKeys    = keyNames(loggerTable)
	rootKeys      = withoutKey(loggerTable, "propagate")
	// levelNames are the names level.Parse knows, for suggestions.
	levelNames = []string{"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "NOTSET", "WARN", "FATAL"}
)

// An entry is one id and its value in a section.
type entry struct {
	id  string
	key *yaml.Node
	val *yaml.Node
}

// errorf reports a mistake at node n. ctx says where in the configuration
// ("handler \"h\": level"); it may be empty.
func (c *checker) errorf(n *yaml.Node, ctx, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if ctx != "" {
		msg = ctx + ": " + msg
	}
	c.add(c.pos(n), "%s", msg)
}

// config checks the top-level mapping.
func (c *checker) config(top *yaml.Node) *Config {
	cfg := &Config{Source: c.file, DisableExistingLoggers: true}
	c.cfg = cfg
	if top.Kind != yaml.MappingNode {
		c.errorf(top, "", `the top level must be a mapping (with at least "version: 1"), got %s`, describe(top))
		return cfg
	}
	defer c.startRefs(top)()
	keys := make(map[string]pair)
	for _, p := range c.pairs(top) {
		keys[p.name] = p
	}
	// Python reads each top-level key with get or pop, which convert a
	// cfg:// reference.
	get := func(k string) *yaml.Node {
		if p, ok := keys[k]; ok {
			return c.resolve(k, p.val)
		}
		return nil
	}
	if p, ok := keys["root"]; ok {
		p.val = c.resolve("root", p.val)
		keys["root"] = p
	}

	c.loggenSection(get("loggen"))
	c.overlay(get("loggen"), keys)
	if v := get("version"); v == nil {
		c.add(Pos{c.file, 1, 1}, `missing required key "version"`)
	} else {
		c.version(v)
	}
	if v := get("incremental"); !isNull(v) {
		cfg.Incremental, _ = c.boolean("incremental", v)
	}
	if v := get("disable_existing_loggers"); v != nil {
		// Python takes null as false here, unlike the default (true): say
		// which one is meant.
		if b, ok := c.boolean("disable_existing_loggers", v); ok {
			cfg.DisableExistingLoggers = b
		}
	}
	// Other top-level keys are ignored, as in Python: they can hold data
	// for cfg:// references. One that no reference names is probably a
	// typo.
	referenced := cfgTopKeys(top)
	for _, p := range c.pairs(top) {
		if !slices.Contains(topLevelKeys, p.name) && !referenced[p.name] {
			c.warnf(p.key, "", "Python ignores the top-level key %s, which no cfg:// reference names%s", quote(p.name), suggest(p.name, topLevelKeys))
		}
	}

	if cfg.Incremental {
		c.incrementalContext()
		// Python ignores formatters and filters, and reads only levels
		// and propagate.
		for _, e := range c.section("handlers", "handler", get("handlers")) {
			c.incrementalHandler(e)
		}
		c.loggers(get("loggers"))
		c.root(keys["root"])
		return cfg
	}

	formatters := c.section("formatters", "formatter", get("formatters"))
	filters := c.section("filters", "filter", get("filters"))
	handlers := c.section("handlers", "handler", get("handlers"))
	for _, e := range formatters {
		c.formatterIDs = append(c.formatterIDs, e.id)
	}
	for _, e := range filters {
		c.filterIDs = append(c.filterIDs, e.id)
	}
	for _, e := range handlers {
		c.handlerIDs = append(c.handlerIDs, e.id)
	}

	var fnodes []*yaml.Node // each formatter's format node, for positions
	for _, e := range formatters {
		if f, n := c.formatter(e); f != nil {
			cfg.Formatters = append(cfg.Formatters, f)
			fnodes = append(fnodes, n)
		}
	}
	c.extras(fnodes)
	for _, e := range filters {
		if f := c.filter(e); f != nil {
			cfg.Filters = append(cfg.Filters, f)
		}
	}
	for _, e := range handlers {
		if h := c.handler(e); h != nil {
			cfg.Handlers = append(cfg.Handlers, h)
		}
	}
	c.handlerCycles(cfg.Handlers)
	c.loggers(get("loggers"))
	c.root(keys["root"])
	return cfg
}

// cfgTopKeys returns the top-level keys that the cfg:// references of the
// file start with.
func cfgTopKeys(top *yaml.Node) map[string]bool {
	keys := map[string]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		if rest, ok := cfgSuffix(n); ok {
			if m := cfgWord.FindStringSubmatch(rest); m != nil {
				keys[m[1]] = true
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(top)
	return keys
}

// handlerCycles reports handlers that need each other through their
// handler-id keys (a MemoryHandler's target): Python cannot create them
// ("target not configured yet") and neither can loggen.
func (c *checker) handlerCycles(hs []*Handler) {
	byID := map[string]*Handler{}
	for _, h := range hs {
		byID[h.ID] = h
	}
	// needs lists the handlers h is built on, with the option naming them.
	type need struct {
		h *Handler
		o Option
	}
	needs := func(h *Handler) []need {
		var out []need
		for _, o := range h.Options {
			if h.Class == nil {
				break
			}
			k, ok := h.Class.Key(o.Key)
			switch {
			case !ok:
			case k.Type == KeyHandlerID:
				if t := byID[o.Value.(string)]; t != nil {
					out = append(out, need{t, o})
				}
			case k.Type == KeyHandlerIDList:
				for _, id := range o.Value.([]string) {
					if t := byID[id]; t != nil {
						out = append(out, need{t, o})
					}
				}
			}
		}
		return out
	}
	// A depth-first search from each handler reports the first cycle back
	// to it.
	for _, h := range hs {
		var visit func(t *Handler, path []string, o Option) bool
		seen := map[*Handler]bool{}
		visit = func(t *Handler, path []string, o Option) bool {
			for _, n := range needs(t) {
				if n.h == h {
					c.add(o.Pos, "handler %s: %s: %s is a cycle", quote(h.ID), o.Key, quotedPath(append(path, h.ID)))
					return true
				}
				if !seen[n.h] {
					seen[n.h] = true
					if visit(n.h, append(path, n.h.ID), o) {
						return true
					}
				}
			}
			return false
		}
		for _, n := range needs(h) {
			if n.h == h || visit(n.h, []string{h.ID, n.h.ID}, n.o) {
				break
			}
		}
	}
}

func quotedPath(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = quote(id)
	}
	return strings.Join(q, " → ")
}

// version checks that the version is the integer 1.
func (c *checker) version(v *yaml.Node) {
	if c.reference("version", v) {
		return
	}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		if i, _ := pyScalar(v); i == int64(1) {
			return
		}
		c.errorf(v, "", "version %s is not supported: the only version is 1", trunc(v.Value))
		return
	}
	c.errorf(v, "version", "expected the integer 1, got %s", describe(v))
}

// section checks that a section is a mapping of ids to values and returns its
// entries in document order. ids must be strings (Python accepts any
// hashable; loggen needs names).
func (c *checker) section(name, what string, v *yaml.Node) []entry {
	if v == nil || c.reference(name, v) {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		c.errorf(v, name, "expected a mapping of %s ids to %ss, got %s", what, what, describe(v))
		return nil
	}
	var out []entry
	for _, p := range c.pairs(v) {
		if !isString(p.key) {
			c.errorf(p.key, name, "%s id %s must be a string, but PyYAML reads it as %s; quote it", what, trunc(p.key.Value), pyReading(p.key))
			continue
		}
		// Python reads each entry by its id, converting a reference.
		out = append(out, entry{id: p.name, key: p.key, val: c.resolve(name, p.val)})
	}
	return out
}

// fields checks that an entry's value is a mapping and returns its pairs.
func (c *checker) fields(ctx string, e entry) ([]pair, bool) {
	if c.reference(ctx, e.val) {
		return nil, false
	}
	if e.val.Kind != yaml.MappingNode {
		c.errorf(e.val, ctx, "expected a mapping, got %s", describe(e.val))
		return nil, false
	}
	// Python reads every key it uses with get, pop or [], converting
	// cfg:// references; loggen's classes map then names what loggen uses
	// for a Python class.
	return c.mapClasses(c.resolvePairs(ctx, c.pairs(e.val))), true
}

// hasKey reports whether ps holds key.
func hasKey(ps []pair, key string) bool {
	return slices.ContainsFunc(ps, func(p pair) bool { return p.name == key })
}

// unknownKey reports a key that an entry does not take.
func (c *checker) unknownKey(ctx string, p pair, keys []string) {
	c.errorf(p.key, ctx, "unknown key %s%s", quote(p.name), suggest(p.name, keys))
}

// warnf records a warning at node n, as errorf records an error.
func (c *checker) warnf(n *yaml.Node, ctx, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if ctx != "" {
		msg = ctx + ": " + msg
	}
	c.warn(c.pos(n), "%s", msg)
}

// ignoredKey warns about a key that Python reads past (dictConfig takes
// only the keys it knows from formatters, filters and loggers): usually a
// typo, so it says which known key is near.
func (c *checker) ignoredKey(ctx string, p pair, keys []string) {
	c.warnf(p.key, ctx, "Python ignores the key %s%s", quote(p.name), suggest(p.name, keys))
}

// formatter checks one formatters entry and returns it with its format
// node (nil when the format is the default).
func (c *checker) formatter(e entry) (*Formatter, *yaml.Node) {
	ctx := "formatter " + quote(e.id)
	ps, ok := c.fields(ctx, e)
	if !ok {
		return nil, nil
	}
	f := &Formatter{ID: e.id, Pos: c.pos(e.key)}
	if fv, rest, ok := goFactoryPair(ps); ok {
		f.Factory = c.goFactory(ctx, fv, "Formatter", rest, nil)
		if f.Factory == nil {
			return nil, nil
		}
		f.Format = pyfmt.DefaultFormat('%')
		return f, nil
	}
	// With '()' naming logging.Formatter, the other keys are its keyword
	// arguments: fmt, datefmt, style, validate (and defaults); Python
	// retries "format" as "fmt".
	factory := hasKey(ps, "()")
	if factory {
		for _, p := range ps {
			if p.name != "()" {
				continue
			}
			if name, ok := factoryName(p.val); ok {
				if cls, ok := LookupFormatterClass(name); ok {
					f.Class = cls
					continue
				}
			}
			if !c.standardFactory(ctx, p, "logging.Formatter") {
				return nil, nil
			}
		}
		if hasKey(ps, "format") && hasKey(ps, "fmt") {
			for _, p := range ps {
				if p.name == "fmt" {
					c.errorf(p.key, ctx, `both "format" and "fmt" are given (Python retries "format" as "fmt", replacing it): keep one`)
				}
			}
		}
	}
	if !factory {
		// The class decides how the keys before it are read.
		for _, p := range ps {
			if v := deref(p.val); p.name == "class" && isString(v) && !strings.HasPrefix(v.Value, "ext://") {
				f.Class, _ = LookupFormatterClass(v.Value)
			}
		}
	}
	var fmtNode, dateNode, defaultsNode, escNode *yaml.Node
	var kwargs []pair // a FormatterClass's own keys
	style, validate := byte('%'), true
	for _, p := range ps {
		v := p.val
		if f.Class != nil && !f.Class.takes(p.name) && (factory || p.name == "defaults") {
			// Python raises TypeError (with class, Python 3.12 passes
			// defaults as a keyword argument).
			c.errorf(p.key, ctx, "%s does not take %s%s", f.Class.Name, quote(p.name), suggest(p.name, f.Class.Params))
			continue
		}
		switch p.name {
		case "()":
		case "format":
			fmtNode = v
		case "fmt":
			if !factory {
				c.warnf(p.key, ctx, `Python ignores the key "fmt" (did you mean "format"?): "fmt" is the keyword argument of a '()' factory`)
				continue
			}
			if !hasKey(ps, "format") {
				fmtNode = v
			}
		case "datefmt":
			dateNode = v
		case "style":
			if c.reference(ctx+": style", v) || c.noEnv(ctx+": style", v, envWhyFormat) {
				continue
			}
			if !isString(v) || len(v.Value) != 1 || !strings.Contains("%{$", v.Value) {
				c.errorf(v, ctx+": style", `expected "%%", "{" or "$", got %s`, describe(v))
				continue
			}
			style = v.Value[0]
		case "validate":
			if !factory && f.Class != nil && f.Class.fourth() != "validate" {
				f.Options = c.positionalValidate(ctx, e, f.Class, p)
				continue
			}
			if b, ok := c.boolean(ctx+": validate", v); ok {
				validate = b
			}
		case "class":
			if factory || isNull(v) {
				// With '()', "class" is a Python keyword, which
				// dictConfig leaves out of the keyword arguments.
				continue
			}
			s, ok := c.str(ctx+": class", v, true)
			if !ok {
				continue
			}
			if strings.HasPrefix(s, "ext://") {
				// get converts it to the class, which _resolve cannot take.
				c.errorf(v, ctx+": class", "write the class name without ext:// (Python converts %s to the class itself, which dictConfig then fails to resolve)", quote(s))
				continue
			}
			if _, ok := LookupFormatterClass(s); ok {
				continue // f.Class, found above
			}
			if canon, ok := canonicalName(s); !ok || canon != "logging.Formatter" {
				if !c.badlyMapped(s) {
					c.errorf(v, ctx, "class %s: %s%s%s", quote(s), otherFormatterMsg(), c.mapHint(s), suggest(s, formatterClassNames()))
				}
			}
		case "defaults":
			// Python 3.12 passes a plain entry's defaults on; 3.10 and
			// 3.11 take them only through '()'.
			defaultsNode = v
		case "escape_control":
			// loggen's own key, which Python ignores in a plain entry;
			// with '()' Python would pass it to the class, which fails.
			if factory {
				c.errorf(p.key, ctx, "with '()', Python passes escape_control to the class as a keyword argument, which logging.Formatter does not take: write the entry without '()' to use loggen's escape_control")
				continue
			}
			if c.reference(ctx+": escape_control", v) {
				continue
			}
			if b, ok := pyScalarBool(v); ok {
				f.EscapeControl, escNode = b, p.key
			} else {
				c.errorf(v, ctx+": escape_control", "expected true or false, got %s", describe(v))
			}
		case ".":
			if factory {
				c.errorf(p.key, ctx, "setting attributes with '.' is supported for Go factories and a logging.StreamHandler's terminator")
				continue
			}
			c.ignoredKey(ctx, p, formatterKeys)
		default:
			if factory && f.Class != nil {
				kwargs = append(kwargs, p)
				continue
			}
			if factory {
				// Python passes it to logging.Formatter, which raises.
				c.errorf(p.key, ctx, "logging.Formatter does not take %s%s", quote(p.name), suggest(p.name, formatterFactoryKeys))
				continue
			}
			if f.Class != nil {
				if _, own := f.Class.key(p.name); own {
					c.warnf(p.key, ctx, "Python passes only format, datefmt, style and validate to a formatter named by class: %s is ignored (name %s with '()' to pass it)", quote(p.name), f.Class.Name)
					continue
				}
			}
			// Python ignores unknown keys; loggen rejects them, as they
			// are usually typos.
			c.ignoredKey(ctx, p, formatterKeys)
		}
	}
	emptyFormat := false // "": logging.Formatter's default, even for a class with its own
	parse := pyfmt.ParseFormat
	if f.Class != nil && f.Class.Parse != nil {
		parse = f.Class.Parse
	}
	if fmtNode != nil && !isNull(fmtNode) {
		if s, ok := c.str(ctx+": format", fmtNode, false); ok && s != "" {
			// An empty format is falsy: Python uses the style's default.
			format, errs := parse(s, style, validate)
			for _, fe := range errs {
				c.add(c.strPos(fmtNode, fe.Offset), "%s: format: %s", ctx, fe.Msg)
			}
			if len(errs) == 0 && format != nil {
				f.Format = format
			}
		} else {
			emptyFormat = ok
		}
	}
	if f.Class != nil && factory {
		f.Options = c.keywordArgs(ctx, e, f.Class.Name, f.Class.Keys, kwargs)
	}
	if f.Format == nil && f.Class != nil && f.Class.DefaultFormat != nil {
		text := f.Class.DefaultFormat(style)
		if emptyFormat {
			text = loggingDefaultFormat(style)
		}
		format, errs := parse(text, style, validate)
		if len(errs) == 0 {
			f.Format = format
			fmtNode = nil
		}
	}
	if f.Format == nil {
		f.Format = pyfmt.DefaultFormat(style)
		fmtNode = nil
	}
	if f.EscapeControl && f.Class != nil {
		c.errorf(escNode, ctx, "escape_control is for text formats: %s writes JSON, whose strings escape control characters already; leave it out", f.Class.Name)
	}
	if defaultsNode != nil {
		f.Defaults = c.defaults(ctx, defaultsNode)
		if f.Class == nil || f.Class.Check == nil {
			c.checkDefaults(ctx, f)
		}
	}
	if f.Class != nil && f.Class.Check != nil {
		at := func(off int) Pos {
			if fmtNode == nil {
				return f.Pos
			}
			return c.strPos(fmtNode, off)
		}
		for _, e := range f.Class.Check(f, at) {
			if e.Warning {
				c.warn(e.Pos, "%s: %s", ctx, e.Msg)
			} else {
				c.add(e.Pos, "%s: %s", ctx, e.Msg)
			}
		}
	}
	if dateNode != nil && !isNull(dateNode) {
		if s, ok := c.str(ctx+": datefmt", dateNode, false); ok && s != "" {
			// An empty datefmt is falsy: Python uses the default.
			d, errs := pyfmt.ParseDatefmt(s)
			for _, fe := range errs {
				c.add(c.strPos(dateNode, fe.Offset), "%s: datefmt: %s", ctx, fe.Msg)
			}
			if len(errs) == 0 {
				f.Datefmt = d
			}
		}
	}
	return f, fmtNode
}

// extras collects the extra fields of every formatter into Config.Extras.
// fnodes holds each formatter's format node.
func (c *checker) extras(fnodes []*yaml.Node) {
	type info struct {
		extra    *Extra
		asInt    *string // the formatter of the first use that needs an int
		asFloat  *string // the formatter of the first use as a float
		reported bool
	}
	byName := make(map[string]*info)
	for i, f := range c.cfg.Formatters {
		if fnodes[i] == nil || f.Format == nil {
			continue
		}
		for _, s := range f.Format.Segments {
			if !s.Extra {
				continue
			}
			if f.ClassField(s.Field) {
				c.classFieldUse(f, fnodes[i], s)
				continue
			}
			if _, ok := c.contextAttr(s.Field); ok {
				continue // a context attribute (contextUses)
			}
			pos := c.strPos(fnodes[i], s.Offset)
			in := byName[s.Field]
			if in == nil {
				in = &info{extra: &Extra{Name: s.Field, Type: pyfmt.TypeString, Pos: pos}}
				byName[s.Field] = in
				if !isWord(s.Field) {
					c.add(pos, "formatter %s: format: extra field %s is not a valid name: use letters, digits and _", quote(f.ID), quote(s.Field))
				}
			}
			if t := s.Type; t == pyfmt.TypeInt || t == pyfmt.TypeFloat {
				in.extra.Type = max(in.extra.Type, t)
			}
			if s.IntOnly && in.asInt == nil {
				in.asInt = &f.ID
			}
			if s.Type == pyfmt.TypeFloat && in.asFloat == nil {
				in.asFloat = &f.ID
			}
			if in.asInt != nil && in.asFloat != nil && !in.reported {
				in.reported = true
				c.add(pos, "extra field %s is used as an int in formatter %s and as a float in formatter %s",
					quote(s.Field), quote(*in.asInt), quote(*in.asFloat))
			}
		}
	}
	for _, in := range byName {
		c.cfg.Extras = append(c.cfg.Extras, in.extra)
	}
	sort.Slice(c.cfg.Extras, func(i, j int) bool { return c.cfg.Extras[i].Name < c.cfg.Extras[j].Name })
	c.defaultTypes()
	c.contextUses(fnodes)
}

// isWord reports whether s matches Python's \w+.
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// filter checks one filters entry.
func (c *checker) filter(e entry) *Filter {
	ctx := "filter " + quote(e.id)
	ps, ok := c.fields(ctx, e)
	if !ok {
		return nil
	}
	f := &Filter{ID: e.id, Pos: c.pos(e.key)}
	if fv, rest, ok := goFactoryPair(ps); ok {
		f.Factory = c.goFactory(ctx, fv, "Filter", rest, nil)
		if f.Factory == nil {
			return nil
		}
		return f
	}
	// With '()' naming logging.Filter, the other keys are its keyword
	// arguments: name. With '()' or class naming one of loggen's filter
	// classes, they are the class's keys.
	factory := hasKey(ps, "()")
	for _, p := range ps {
		if p.name != "()" && (factory || p.name != "class") {
			continue
		}
		if name, ok := factoryName(p.val); ok && isLoggenName(name) {
			cls, ok := LookupFilterClass(name)
			if !ok {
				c.errorf(p.val, ctx+": "+p.name, "%s", otherLoggenClassMsg(name))
				return nil
			}
			f.Class = cls
			continue
		}
		if p.name == "()" && !c.standardFactory(ctx, p, "logging.Filter") {
			return nil
		}
	}
	if f.Class != nil {
		return c.loggenFilter(ctx, e, f, ps)
	}
	for _, p := range ps {
		switch p.name {
		case "()":
		case "name":
			if s, ok := c.str(ctx+": name", p.val, false); ok {
				f.Name = s
			}
		case ".":
			if factory {
				c.errorf(p.key, ctx, "setting attributes with '.' is supported for Go factories and a logging.StreamHandler's terminator")
				continue
			}
			c.ignoredKey(ctx, p, filterKeys)
		default:
			if factory {
				c.errorf(p.key, ctx, "logging.Filter does not take %s%s", quote(p.name), suggest(p.name, filterKeys))
				continue
			}
			c.ignoredKey(ctx, p, filterKeys)
		}
	}
	return f
}

// loggenFilter checks the keys of a filters entry that names one of
// loggen's filter classes with '()' or class (Python ignores class in a
// filters entry, so that the file still loads in CPython, where the entry
// is a logging.Filter that passes everything).
func (c *checker) loggenFilter(ctx string, e entry, f *Filter, ps []pair) *Filter {
	factory := hasKey(ps, "()")
	var kwargs []pair
	for _, p := range ps {
		switch {
		case p.name == "()" || p.name == "class" && !factory:
		case p.name == ".":
			c.errorf(p.key, ctx, "setting attributes with '.' is supported for Go factories and a logging.StreamHandler's terminator")
		default:
			kwargs = append(kwargs, p)
		}
	}
	f.Options = c.keywordArgs(ctx, e, f.Class.Name, f.Class.Keys, kwargs)
	return f
}

// handler checks one handlers entry of a full (not incremental)
// configuration.
func (c *checker) handler(e entry) *Handler {
	ctx := "handler " + quote(e.id)
	ps, ok := c.fields(ctx, e)
	if !ok {
		return nil
	}
	h := &Handler{ID: e.id, Pos: c.pos(e.key)}
	if fv, rest, ok := goFactoryPair(ps); ok {
		return c.goHandler(ctx, h, fv, rest)
	}
	factory := hasKey(ps, "()")
	var kwargs []pair
	var dot *pair
	classGiven := false
	for _, p := range ps {
		v := p.val
		switch p.name {
		case "()":
			h.Class = c.handlerFactory(ctx, p)
			if h.Class == nil {
				return nil
			}
		case ".":
			dot = &p
		case "class":
			classGiven = true
			if factory {
				continue
			}
			h.Class = c.handlerClass(ctx, v)
		case "level":
			if !isNull(v) {
				h.Level, _ = c.level(ctx+": level", v)
			}
		case "formatter":
			if isNull(v) {
				continue
			}
			if s, ok := c.str(ctx+": formatter", v, false); ok && s != "" {
				// An empty id is falsy: Python uses the default formatter.
				if !slices.Contains(c.formatterIDs, s) {
					c.errorf(v, ctx, "unknown formatter %s%s", quote(s), suggest(s, c.formatterIDs))
				}
				h.Formatter = s
			}
		case "filters":
			if !isNull(v) {
				h.Filters = c.ids(ctx, "filters", v, "filter", c.filterIDs)
			}
		default:
			kwargs = append(kwargs, p)
		}
	}
	if factory {
		// The other keys are the keyword arguments of the class '()'
		// names. Python passes them as they are: a MemoryHandler's
		// target is not looked up among the handlers.
		if h.Class == nil {
			return nil
		}
		for _, p := range kwargs {
			if p.name == "target" && h.Class.Name == "logging.handlers.MemoryHandler" && !isNull(p.val) {
				c.errorf(p.key, ctx, "with '()', Python passes target as it is (a string), not the handler it names: use class: %s", h.Class.Name)
				return nil
			}
		}
		h.Options = c.options(ctx, e, h.Class, kwargs)
		if dot != nil {
			h.Attrs = c.streamAttrs(ctx, *dot, h.Class)
		}
		return h
	}
	if !classGiven {
		c.errorf(e.key, ctx, `missing required key "class"`)
	}
	if h.Class == nil {
		return nil
	}
	h.Options = c.options(ctx, e, h.Class, kwargs)
	if dot != nil {
		h.Attrs = c.streamAttrs(ctx, *dot, h.Class)
	}
	return h
}

// The keyword arguments of logging.Formatter (with "format", which Python
// retries as "fmt"), for suggestions.
var formatterFactoryKeys = append([]string{formatterFmtKey.Name}, withoutKey(formatterTable, "class")...)

// standardFactory checks the '()' pair p of a formatter or filter: it must
// name the standard class want (which loggen builds like a plain entry). It
// reports a user-defined factory and returns false.
func (c *checker) standardFactory(ctx string, p pair, want string) bool {
	if c.noEnv(ctx+": ()", p.val, envWhyClass) {
		return false
	}
	if s, ok := factoryName(p.val); ok {
		if canon, ok := canonicalName(s); ok && canon == want {
			return true
		}
	} else if c.reference(ctx+": ()", p.val) {
		return false
	}
	if !c.badlyMappedNode(p.val) {
		c.errorf(p.key, ctx, "%s", c.pythonFactoryMsg(strings.TrimPrefix(want, "logging."), p.val))
	}
	return false
}

// pythonFactoryMsg explains a '()' that names neither a standard class nor a
// Go function, for an entry of kind "Formatter", "Filter" or "Handler".
func (c *checker) pythonFactoryMsg(kind string, v *yaml.Node) string {
	class := "logging." + kind
	if kind == "Handler" {
		class = "a handler class of Python's logging package"
	}
	msg := fmt.Sprintf("'()' names a Python callable, which loggen cannot call: name a Go function that returns a runtime.%s as importpath.Name (e.g. example.com/app/logx.New%s) or %s", kind, kind, class)
	if name, ok := factoryName(v); ok {
		msg += c.mapHint(strings.TrimPrefix(name, "ext://"))
	}
	return msg
}

// factoryName returns the name a '()' value gives: a string, where Python
// resolves ext:// (get converts it to the object, which is callable) and a
// plain dotted name alike.
func factoryName(v *yaml.Node) (string, bool) {
	if !isString(v) || isCfgRef(v) {
		return "", false
	}
	return v.Value, true
}

// handlerFactory resolves the '()' pair p of a handler: a standard handler
// class works as with class; Go functions are handled before this.
func (c *checker) handlerFactory(ctx string, p pair) *HandlerClass {
	if c.noEnv(ctx+": ()", p.val, envWhyClass) {
		return nil
	}
	s, ok := factoryName(p.val)
	if !ok {
		if !c.reference(ctx+": ()", p.val) {
			c.errorf(p.key, ctx, "%s", c.pythonFactoryMsg("Handler", p.val))
		}
		return nil
	}
	if _, ok := canonicalName(s); !ok {
		if !c.badlyMapped(s) {
			c.errorf(p.key, ctx, "%s", c.pythonFactoryMsg("Handler", p.val))
		}
		return nil
	}
	return c.handlerClass(ctx+": ()", p.val)
}

// handlerClass resolves a handler's class.
func (c *checker) handlerClass(ctx string, v *yaml.Node) *HandlerClass {
	s, ok := c.str(ctx+": class", v, true)
	if !ok {
		return nil
	}
	if cls, ok := LookupHandlerClass(s); ok {
		return cls
	}
	if canon, ok := canonicalName(s); ok && isUnsupportedClass(canon) {
		switch canon {
		case "logging.handlers.NTEventLogHandler":
			c.errorf(v, ctx, "class %s exists only on Windows (it writes to the Windows event log); loggen does not generate it", canon)
		case "logging.Handler", "logging.handlers.BaseRotatingHandler", "logging.handlers.BufferingHandler":
			c.errorf(v, ctx, "class %s is an abstract base class: name a concrete handler class", canon)
		default:
			c.errorf(v, ctx, "class %s is not supported yet", canon)
		}
		return nil
	}
	// "StreamHandler" or "logging.RotatingFileHandler": the class name
	// alone matches.
	known := knownClassNames()
	hint := ""
	last := s[strings.LastIndexByte(s, '.')+1:]
	for _, k := range known {
		if k[strings.LastIndexByte(k, '.')+1:] == last {
			hint = fmt.Sprintf(" (did you mean %q?)", k)
			break
		}
	}
	if _, inLogging := canonicalName(s); hint == "" && !inLogging && strings.Contains(s, ".") {
		if !c.badlyMapped(s) {
			c.errorf(v, ctx, "class %s is a Python class, which loggen cannot run: use a class of Python's logging package or a Go handler type or factory named as importpath.Name%s", quote(s), c.mapHint(s))
		}
		return nil
	}
	if hint == "" {
		hint = suggest(s, known)
	}
	c.errorf(v, ctx, "unknown class %s%s", quote(s), hint)
	return nil
}

// options checks a handler's keyword arguments against its class and
// returns them converted, in the order of the class's keys.
func (c *checker) options(ctx string, e entry, cls *HandlerClass, kwargs []pair) []Option {
	return c.keywordArgs(ctx, e, cls.Name, cls.Keys, kwargs)
}

// keywordArgs checks the keyword arguments kwargs of the class called
// class, which takes keys, and returns them converted, in the order of keys.
func (c *checker) keywordArgs(ctx string, e entry, class string, keys []Key, kwargs []pair) []Option {
	var names []string
	for _, k := range keys {
		names = append(names, k.Name)
	}
	key := func(name string) (Key, bool) {
		for _, k := range keys {
			if k.Name == name {
				return k, true
			}
		}
		return Key{}, false
	}
	given := make(map[string]pair)
	for _, p := range kwargs {
		if _, ok := key(p.name); !ok {
			c.errorf(p.key, ctx, "%s does not take %s%s", class, quote(p.name), suggest(p.name, names))
			continue
		}
		given[p.name] = p
	}
	var opts []Option
	for _, k := range keys {
		p, ok := given[k.Name]
		if !ok {
			if k.Required {
				c.errorf(e.key, ctx, "missing required key %s", quote(k.Name))
			}
			continue
		}
		if isEnv(p.val) {
			if ref, ok := c.envOption(ctx, class, keys, k, p.val); ok {
				opts = append(opts, Option{Key: k.Name, Pos: c.pos(p.val), Value: ref})
			}
			continue
		}
		if isNull(p.val) && k.Nullable {
			opts = append(opts, Option{Key: k.Name, Pos: c.pos(p.val), Value: nil})
			continue
		}
		if isNull(p.val) && !k.Required {
			continue // null: not given
		}
		v, ok := c.option(ctx, e.id, k, p.val)
		if !ok {
			continue
		}
		check := k.Check
		if check == nil {
			check = k.checkEnum
		}
		if msg := check(v); msg != "" {
			c.errorf(p.val, ctx+": "+k.Name, "%s", msg)
			continue
		}
		opts = append(opts, Option{Key: k.Name, Pos: c.pos(p.val), Value: v})
	}
	return opts
}

// option converts one keyword argument to its key's type.
func (c *checker) option(ctx, id string, k Key, v *yaml.Node) (any, bool) {
	kctx := ctx + ": " + k.Name
	if isString(v) && strings.HasPrefix(v.Value, "ext://") && k.Names != nil {
		if x, ok := k.Names[strings.TrimPrefix(v.Value, "ext://")]; ok {
			return x, true
		}
		var names []string
		for n := range k.Names {
			names = append(names, "ext://"+n)
		}
		sort.Strings(names)
		c.errorf(v, kctx, "%s is not supported here: use %s%s", quote(v.Value), strings.Join(names, " or "), suggest(v.Value, names))
		return nil, false
	}
	switch k.Type {
	case KeyString:
		return c.str(kctx, v, false)
	case KeyInt:
		return c.integer(kctx, v)
	case KeyFloat:
		return c.float(kctx, v)
	case KeyBool:
		return c.boolean(kctx, v)
	case KeyLevel:
		l, ok := c.level(kctx, v)
		return l.Level, ok
	case KeyStringList, KeyStringOrList:
		if c.reference(kctx, v) {
			return nil, false
		}
		if k.Type == KeyStringOrList && isString(v) {
			// Python: if isinstance(toaddrs, str): toaddrs = [toaddrs]
			s, ok := c.str(kctx, v, false)
			return []string{s}, ok
		}
		if v.Kind != yaml.SequenceNode {
			c.errorf(v, kctx, "expected a list of strings, got %s", describe(v))
			return nil, false
		}
		list := []string{}
		ok := true
		for _, it := range v.Content {
			s, good := c.str(kctx, deref(it), false)
			ok = ok && good
			list = append(list, s)
		}
		return list, ok
	case KeyStringMap, KeyMap:
		if c.reference(kctx, v) {
			return nil, false
		}
		if v.Kind != yaml.MappingNode {
			c.errorf(v, kctx, "expected a mapping, got %s", describe(v))
			return nil, false
		}
		var pairs []StringPair
		var items []MapItem
		ok := true
		for _, p := range c.pairs(v) {
			if !isString(p.key) {
				c.errorf(p.key, kctx, "a key here is a string, but PyYAML reads %s as %s; quote it", trunc(p.key.Value), pyReading(p.key))
				ok = false
				continue
			}
			if k.Type == KeyMap {
				items = append(items, MapItem{Key: p.name, Value: nodeValue(p.val), Pos: c.pos(p.val)})
				continue
			}
			s, good := c.str(kctx+": "+p.name, deref(p.val), false)
			ok = ok && good
			pairs = append(pairs, StringPair{p.name, s})
		}
		if k.Type == KeyMap {
			return items, ok
		}
		return pairs, ok
	case KeyAny:
		if c.reference(kctx, v) {
			return nil, false
		}
		return nodeValue(v), true
	case KeyAddress:
		if c.reference(kctx, v) {
			return nil, false
		}
		if v.Kind == yaml.SequenceNode {
			if len(v.Content) != 2 {
				c.errorf(v, kctx, "expected [host, port], got a list of %d items", len(v.Content))
				return nil, false
			}
			host, ok1 := c.str(kctx, deref(v.Content[0]), false)
			port, ok2 := c.integer(kctx, deref(v.Content[1]))
			if ok2 && (port < 0 || port > 65535) {
				c.errorf(deref(v.Content[1]), kctx, "expected a port number from 0 to 65535, got %d", port)
				ok2 = false
			}
			return Address{Host: host, Port: port}, ok1 && ok2
		}
		str, ok := c.str(kctx, v, false)
		return Address{Str: str}, ok
	case KeyNameOrInt:
		if n := deref(v); n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
			i, ok := c.integer(kctx, n)
			return strconv.FormatInt(i, 10), ok
		}
		return c.str(kctx, v, false)
	case KeyHandlerIDList:
		if c.reference(kctx, v) {
			return nil, false
		}
		if v.Kind != yaml.SequenceNode {
			c.errorf(v, kctx, "expected a list of handler ids, got %s", describe(v))
			return nil, false
		}
		ids := []string{}
		ok := true
		for _, it := range v.Content {
			one, good := c.option(ctx, id, Key{Name: k.Name, Type: KeyHandlerID}, deref(it))
			if !good {
				ok = false
				continue
			}
			if s := one.(string); !slices.Contains(ids, s) {
				ids = append(ids, s)
			}
		}
		return ids, ok
	case KeyHandlerID:
		s, ok := c.str(kctx, v, false)
		if !ok {
			return nil, false
		}
		if s == id {
			c.errorf(v, kctx, "a handler cannot refer to itself")
			return nil, false
		}
		if !slices.Contains(c.handlerIDs, s) {
			c.errorf(v, ctx, "unknown handler %s%s", quote(s), suggest(s, c.handlerIDs))
			return nil, false
		}
		return s, true
	case KeyStream:
		if c.reference(kctx, v) {
			return nil, false
		}
		if isString(v) {
			switch v.Value {
			case "ext://sys.stdout":
				return Stdout, true
			case "ext://sys.stderr":
				return Stderr, true
			}
			if v.Value == "ext://os.Stdout" {
				return Stdout, true
			}
			if v.Value == "ext://os.Stderr" {
				return Stderr, true
			}
			if path, name, ok := goRefName(v.Value); ok {
				r := c.goRef(kctx, v, path, name, nil, "an io.Writer")
				return r, r != nil
			}
			if strings.HasPrefix(v.Value, "ext://") {
				c.errorf(v, kctx, "%s is not supported: use ext://sys.stdout, ext://sys.stderr or ext://importpath.Name (a Go io.Writer variable or func() io.Writer)", trunc(v.Value))
				return nil, false
			}
		}
		c.errorf(v, kctx, "expected ext://sys.stdout, ext://sys.stderr or ext://importpath.Name, got %s", describe(v))
		return nil, false
	}
	c.errorf(v, kctx, "this key type is not implemented")
	return nil, false
}

// incrementalHandler reads a handlers entry of an incremental
// configuration: Python applies only its level, and only when the level is
// truthy (level 0 is ignored, "NOTSET" is applied). The handler comes from an
// earlier configuration, so its class is not known here.
func (c *checker) incrementalHandler(e entry) {
	ctx := "handler " + quote(e.id)
	ps, ok := c.fields(ctx, e)
	if !ok {
		return
	}
	h := &Handler{ID: e.id, Pos: c.pos(e.key)}
	for _, p := range ps {
		if p.name == "level" && truthy(p.val) {
			h.Level, _ = c.level(ctx+": level", p.val)
		}
	}
	c.cfg.Handlers = append(c.cfg.Handlers, h)
}

// truthy reports whether n is true in Python (pyfmt.Truthy of its value).
func truthy(n *yaml.Node) bool { return pyfmt.Truthy(nodeValue(n)) }

// nodeValue returns the Go value of n as Python's loader makes it: a
// scalar's pyScalar value (its text when it has none), map[string]any or
// []any of the same for a collection.
func nodeValue(n *yaml.Node) any {
	n = deref(n)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, it := range n.Content {
			l = append(l, nodeValue(it))
		}
		return l
	}
	if v, ok := pyScalar(n); ok {
		return v
	}
	return n.Value
}

// loggers checks the loggers section.
func (c *checker) loggers(v *yaml.Node) {
	if v == nil || c.reference("loggers", v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		c.errorf(v, "loggers", "expected a mapping of logger names to loggers, got %s", describe(v))
		return
	}
	var rootKey *yaml.Node // the key that configures root: "" or "root"
	for _, p := range c.pairs(v) {
		if !isString(p.key) {
			c.errorf(p.key, "", "invalid logger name %s: a logger name is a string, but PyYAML reads it as %s; quote it", trunc(p.key.Value), pyReading(p.key))
			continue
		}
		name := p.name
		if !ValidLoggerName(name) {
			c.errorf(p.key, "", "invalid logger name %s", quote(name))
			continue
		}
		ctx := "logger " + quote(name)
		if name == "root" || name == "" {
			// getLogger("root") is the root logger, like getLogger("").
			if rootKey != nil {
				c.errorf(p.key, ctx, "this is the root logger, which logger %s (line %d) configures too; merge them",
					quote(rootKey.Value), rootKey.Line)
				continue
			}
			rootKey = p.key
			name = ""
		}
		if l := c.logger(ctx, name, entry{id: p.name, key: p.key, val: c.resolve("loggers", p.val)}, false); l != nil {
			c.cfg.Loggers = append(c.cfg.Loggers, l)
		}
	}
}

// ValidLoggerName reports whether name is a usable logger name: "" (root),
// or dotted components that are not empty, without control characters (the
// names a configuration may give).
func ValidLoggerName(name string) bool {
	if name == "" {
		return true
	}
	for _, part := range strings.Split(name, ".") {
		if part == "" {
			return false
		}
	}
	return !strings.ContainsFunc(name, unicode.IsControl)
}

// root checks the root key, p (zero when absent). An empty or null root is
// ignored, as Python does (`if root:`).
func (c *checker) root(p pair) {
	v := p.val
	if isNull(v) || c.reference("root", v) {
		return
	}
	if v.Kind == yaml.MappingNode && len(c.pairs(v)) == 0 {
		return
	}
	c.cfg.Root = c.logger("root", "", entry{id: "root", key: p.key, val: v}, true)
}

// logger checks one logger entry, or the root key when isRoot.
func (c *checker) logger(ctx, name string, e entry, isRoot bool) *Logger {
	ps, ok := c.fields(ctx, e)
	if !ok {
		return nil
	}
	l := &Logger{Name: name, Pos: c.pos(e.key)}
	incremental := c.cfg.Incremental
	for _, p := range ps {
		v := p.val
		switch {
		case p.name == "level":
			if !isNull(v) {
				l.Level, _ = c.level(ctx+": level", v)
			}
		case p.name == "propagate" && !isRoot:
			// Python takes any value for its truth ("false" is true).
			if !isNull(v) {
				if b, ok := c.boolean(ctx+": propagate", v); ok {
					l.Propagate = &b
				}
			}
		case p.name == "propagate":
			c.warnf(p.key, ctx, "Python ignores propagate on the root logger, which has no parent")
		case incremental && (p.name == "handlers" || p.name == "filters"):
			c.warnf(p.key, ctx, "Python ignores %s in an incremental configuration, which changes only levels and propagate", p.name)
		case p.name == "qualname" && !isRoot:
			if q := deref(v); isString(q) && q.Value == name {
				c.warnf(p.key, ctx, "Python's dictConfig ignores qualname, a key of fileConfig INI files")
			} else {
				c.warnf(p.key, ctx, "Python's dictConfig ignores qualname, a key of fileConfig INI files: the logger configured is %s, the name of this entry", quote(name))
			}
		case p.name == "filters":
			if !isNull(v) {
				l.Filters = c.ids(ctx, "filters", v, "filter", c.filterIDs)
			}
		case p.name == "handlers":
			if !isNull(v) {
				l.Handlers = c.ids(ctx, "handlers", v, "handler", c.handlerIDs)
			}
		default:
			keys := loggerKeys
			if isRoot {
				keys = rootKeys
			}
			c.ignoredKey(ctx, p, keys)
		}
	}
	return l
}

// ids checks a list of ids (a handler's or logger's filters, a logger's
// handlers) and returns it without repeats: Python's addHandler and
// addFilter skip objects already added, so the first one counts.
func (c *checker) ids(ctx, key string, v *yaml.Node, what string, defined []string) []string {
	kctx := ctx + ": " + key
	if c.reference(kctx, v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		c.errorf(v, kctx, "expected a list of %s ids, got %s", what, describe(v))
		return nil
	}
	out := []string{}
	for _, it := range v.Content {
		it = deref(it)
		if c.noEnv(kctx, it, envWhyID) {
			continue
		}
		if !isString(it) {
			c.errorf(it, kctx, "expected a %s id, got %s%s", what, describe(it), c.quoteHint(it))
			continue
		}
		s := it.Value
		if !slices.Contains(defined, s) {
			if isCfgRef(it) {
				// Python iterates the list, which does not convert.
				c.errorf(it, ctx, "unknown %s %s: Python does not convert cfg:// references in the items of a list, so the item is taken as an id; write the id", what, quote(s))
				continue
			}
			c.errorf(it, ctx, "unknown %s %s%s", what, quote(s), suggest(s, defined))
			continue
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// reference reports whether v is a cfg:// reference that was not resolved,
// reporting it unless it was reported already. The values Python reads by
// key are resolved before they are checked (resolve), so one that is still
// there either failed to resolve or is the item of a list, which Python
// takes literally.
func (c *checker) reference(ctx string, v *yaml.Node) bool {
	if !isCfgRef(v) {
		return false
	}
	if c.refs().bad[v] {
		return true
	}
	c.errorf(v, ctx, "Python does not convert cfg:// references in the items of a list: this item would be the string %s; write the value", quote(v.Value))
	return true
}

// str returns the string at v. ext:// references are rejected unless
// allowExt.
func (c *checker) str(ctx string, v *yaml.Node, allowExt bool) (string, bool) {
	if c.reference(ctx, v) || c.noEnv(ctx, v, envWhy(ctx)) {
		return "", false
	}
	if !isString(v) {
		c.errorf(v, ctx, "expected a string, got %s%s", describe(v), c.quoteHint(v))
		return "", false
	}
	if !allowExt && strings.HasPrefix(v.Value, "ext://") {
		c.errorf(v, ctx, "ext:// references are not supported here yet")
		return "", false
	}
	return v.Value, true
}

// boolean returns the boolean at v. Python takes any value for its truth
// where it wants a boolean (propagate, disable_existing_loggers, a
// handler's delay...): so does loggen, with a warning, since the string
// "false" is true in Python.
func (c *checker) boolean(ctx string, v *yaml.Node) (bool, bool) {
	if c.reference(ctx, v) || c.noEnv(ctx, v, envWhy(ctx)) {
		return false, false
	}
	x, _ := pyScalar(v)
	if b, ok := x.(bool); ok {
		return b, true
	}
	b := truthy(v)
	c.warnf(v, ctx, "%s is not a boolean: Python takes it as %v (%s); write true or false", describe(v), b, truthRule(v))
	return b, true
}

// pyScalarBool returns the boolean PyYAML reads v as, and whether it is one.
func pyScalarBool(v *yaml.Node) (bool, bool) {
	x, _ := pyScalar(v)
	b, ok := x.(bool)
	return b, ok
}

// truthRule says why Python takes v as true or false.
func truthRule(v *yaml.Node) string {
	switch x := nodeValue(v).(type) {
	case nil:
		return "None is false"
	case string:
		if x == "" {
			return "the empty string is false"
		}
		return "a string that is not empty is true"
	case int64, *big.Int, float64:
		return "0 is false, other numbers are true"
	case pyTimestamp:
		return "a date is true"
	case map[string]any, []any:
		return "an empty collection is false, others are true"
	}
	return "by its truth"
}

// integer returns the integer at v.
func (c *checker) integer(ctx string, v *yaml.Node) (int64, bool) {
	if c.reference(ctx, v) || c.noEnv(ctx, v, envWhy(ctx)) {
		return 0, false
	}
	switch x, _ := pyScalar(v); x := x.(type) {
	case int64:
		return x, true
	case *big.Int:
		c.errorf(v, ctx, "%s is too big: loggen's integers are 64-bit, from %d to %d", trunc(v.Value), math.MinInt64, math.MaxInt64)
		return 0, false
	}
	c.errorf(v, ctx, "expected an integer, got %s", describe(v))
	return 0, false
}

// float returns the number at v.
func (c *checker) float(ctx string, v *yaml.Node) (float64, bool) {
	if c.reference(ctx, v) || c.noEnv(ctx, v, envWhy(ctx)) {
		return 0, false
	}
	switch x, _ := pyScalar(v); x := x.(type) {
	case int64:
		return float64(x), true
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f, true
	case float64:
		return x, true
	}
	c.errorf(v, ctx, "expected a number, got %s", describe(v))
	return 0, false
}

// level returns the level at v: an integer, or a registered level name as
// Python's _checkLevel accepts (case-sensitive; "25" is not a level).
func (c *checker) level(ctx string, v *yaml.Node) (Level, bool) {
	if c.reference(ctx, v) {
		return Level{}, false
	}
	if isEnv(v) {
		ref, ok := c.env(ctx, v, envvar.TypeLevel, nil)
		return Level{Set: ok, Env: ref, Pos: c.pos(v)}, ok
	}
	if v.Kind == yaml.ScalarNode {
		switch v.Tag {
		case "!!int":
			x, _ := pyScalar(v)
			i, ok := x.(int64)
			if !ok || i < math.MinInt || i > math.MaxInt {
				c.errorf(v, ctx, "%s is too big for a level, a 64-bit integer from %d to %d", trunc(v.Value), math.MinInt64, math.MaxInt64)
				return Level{}, false
			}
			return Level{Set: true, Level: level.Level(i), Pos: c.pos(v)}, true
		case "!!str":
			s := v.Value
			if l, ok := level.Parse(s); ok {
				return Level{Set: true, Level: l, Pos: c.pos(v)}, true
			}
			if strings.HasPrefix(s, "ext://") {
				c.errorf(v, ctx, "ext:// references are not supported here yet")
				return Level{}, false
			}
			if isDecimal(s) {
				c.errorf(v, ctx, "%s is not a level name; write the number without quotes", quote(s))
				return Level{}, false
			}
			hint := suggest(s, levelNames)
			if strings.HasPrefix(s, "${") {
				hint = " (loggen reads a level from the environment as env://NAME or env://NAME:-default)"
			}
			c.errorf(v, ctx, "unknown level %s%s", quote(s), hint)
			return Level{}, false
		}
	}
	c.errorf(v, ctx, "expected a level name or an integer, got %s", describe(v))
	return Level{}, false
}

// isDecimal reports whether s is an optionally signed decimal integer.
func isDecimal(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
