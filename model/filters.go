package model

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/loggen/loggen/runtime/pyconf"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file is the table of the filter classes loggen implements besides
// logging.Filter: loggen's own flood control filters, which no Python
// package provides, so they are named in loggen's namespace
// (loggen.RateLimitFilter). Like the handler classes (classes.go), each is
// described once: its keys, the Go constructor and the options field each
// key sets; the checker reads the keys from here and package gen writes
// every constructor call from here through one emitter.
//
// A filters entry selects one with '()', whose other keys are its keyword
// arguments, or with class. CPython cannot import loggen's classes: with
// '()' it fails to load the file, but dictConfig ignores class in a filters
// entry (and every key but name), so an entry that names the class with
// class loads in CPython as a logging.Filter that passes every record.

// A FilterClass is a filter class of loggen's own.
type FilterClass struct {
	// Name is the class's name in a configuration, "loggen.RateLimitFilter".
	Name string
	// Doc says what the class does, in a sentence, for the JSON Schema.
	Doc string
	// New is the Go constructor, func(Options) *T.
	New GoName
	// Options is the options struct New takes.
	Options GoName
	// Keys are the class's keys, as the handler classes' (Key.Default is
	// loggen's default, written as Python would).
	Keys []Key
}

// filterClasses are the filter classes loggen implements besides
// logging.Filter.
var filterClasses = []*FilterClass{
	{
		// Log4j 2's BurstFilter kept per logger, per message template or
		// both.
		Name: "loggen.RateLimitFilter",
		Doc:  "loggen's rate limit: a token bucket per logger and message template (or per logger, or per template), with a summary record when a flood ends; CPython cannot import it (name it in loggen's overlay, or with class, which CPython ignores).",
		New:  GoName{RuntimePkg, "NewRateLimitFilter"}, Options: GoName{RuntimePkg, "RateLimitOptions"},
		Keys: []Key{
			{Name: "rate", Type: KeyFloat, Required: true, Field: "Rate", Check: checkRate,
				Doc: "The records per second each key lets through once its burst is spent, on average: a number above 0, at most 1e9."},
			{Name: "burst", Type: KeyInt, Default: "ceil(rate)", Field: "Burst", Check: checkBurst,
				Doc: "The records a key lets through at once (the size of its bucket, which starts full): an integer of at least 1."},
			{Name: "per", Type: KeyString, Default: "'logger_template'", Check: checkPer, Go: perField, Enum: perChoices(),
				Doc: "What a bucket is kept for; the template is the message before % args (the format of Infof, or the static message)."},
			{Name: "max_keys", Type: KeyInt, Default: "10000", Field: "MaxKeys", Check: checkMaxKeys,
				Doc: "How many keys the filter remembers: a new key beyond that makes it forget the least recently used of 8 it samples, whose next record finds a full bucket."},
			{Name: "summary", Type: KeyBool, Default: "True", Go: noSummaryField,
				Doc: `Log "N similar records suppressed" before the first record a key lets through after dropping N, and for floods still open at shutdown; false drops records silently.`},
		},
	},
	{
		// spdlog's dup_filter_sink as a filter.
		Name: "loggen.DuplicateFilter",
		Doc:  "loggen's duplicate filter, spdlog's dup_filter_sink: drops a record that repeats the last one let through within a window; CPython cannot import it (name it in loggen's overlay, or with class, which CPython ignores).",
		New:  GoName{RuntimePkg, "NewDuplicateFilter"}, Options: GoName{RuntimePkg, "DuplicateOptions"},
		Keys: []Key{
			{Name: "window", Type: KeyFloat, Default: "5.0", Check: checkWindow, Go: windowField,
				Doc: "How long, in seconds, after a record let through the same record (logger, level and message after % args) is dropped: a number above 0, at most 1e9."},
			{Name: "summary", Type: KeyBool, Default: "True", Go: noSummaryField,
				Doc: `Log "Skipped N duplicate messages.." before the next record let through, and at shutdown; false drops duplicates silently.`},
		},
	},
}

// FilterClasses returns the filter classes loggen implements besides
// logging.Filter.
func FilterClasses() []*FilterClass { return filterClasses }

// LookupFilterClass returns the filter class that name (with or without
// "ext://") names, and whether loggen implements it.
func LookupFilterClass(name string) (*FilterClass, bool) {
	name = strings.TrimPrefix(name, "ext://")
	for _, c := range filterClasses {
		if c.Name == name {
			return c, true
		}
	}
	return nil, false
}

// filterClassNames returns the names of loggen's filter classes.
func filterClassNames() []string {
	var names []string
	for _, c := range filterClasses {
		names = append(names, c.Name)
	}
	return names
}

// isLoggenName reports whether name is in loggen's namespace, where only
// loggen's own classes live.
func isLoggenName(name string) bool {
	return strings.HasPrefix(strings.TrimPrefix(name, "ext://"), "loggen.")
}

// Option returns the option named key and whether the entry gives it.
func (f *Filter) Option(key string) (Option, bool) {
	for _, o := range f.Options {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

// GoFields returns the fields of the options of f's class that its keys
// set, in the order of the class's keys.
func (f *Filter) GoFields() []GoField {
	fields, _ := keyFields(f.Class.Keys, f.Option)
	return fields
}

// maxRate bounds a RateLimitFilter's rate: the runtime counts time in
// nanoseconds.
const maxRate = 1e9

func checkRate(v any) string {
	if r := v.(float64); !(r > 0) || r > maxRate {
		return fmt.Sprintf("expected a number of records per second above 0 and at most 1e9, got %s", pyfmt.FloatValue(r))
	}
	return ""
}

func checkBurst(v any) string {
	if n := v.(int64); n < 1 || n > math.MaxInt32 {
		return fmt.Sprintf("expected a number of records from 1 to %d, got %d", math.MaxInt32, n)
	}
	return ""
}

// perValues are the values of a RateLimitFilter's per, with the runtime's
// constant for each (the default, logger_template, is the zero value).
var perValues = []struct{ Name, Const, Doc string }{
	{"logger_template", "", "a bucket per logger and message template"},
	{"logger", "PerLogger", "a bucket per logger"},
	{"template", "PerTemplate", "a bucket per message template, whatever the logger"},
}

// perChoices returns perValues as the Enum of per.
func perChoices() []Choice {
	var cs []Choice
	for _, p := range perValues {
		cs = append(cs, Choice{p.Name, p.Doc})
	}
	return cs
}

func checkPer(v any) string {
	var names []string
	for _, p := range perValues {
		if p.Name == v.(string) {
			return ""
		}
		names = append(names, p.Name)
	}
	return fmt.Sprintf(`unknown value %s%s: expected "logger_template" (a bucket per logger and message template), "logger" or "template"`,
		quote(v.(string)), suggest(v.(string), names))
}

func perField(v any) []GoField {
	for _, p := range perValues {
		if p.Name == v.(string) && p.Const != "" {
			return []GoField{{"Per", GoName{RuntimePkg, p.Const}}}
		}
	}
	return nil
}

// maxKeys bounds a RateLimitFilter's max_keys.
const maxKeys = 1 << 24

func checkMaxKeys(v any) string {
	if n := v.(int64); n < 1 || n > maxKeys {
		return fmt.Sprintf("expected a number of keys from 1 to %d, got %d", maxKeys, n)
	}
	return ""
}

func checkWindow(v any) string {
	if w := v.(float64); !(w > 0) || w > 1e9 {
		return fmt.Sprintf("expected a number of seconds above 0 and at most 1e9, got %s", pyfmt.FloatValue(w))
	}
	return ""
}

// windowField sets Window to a DuplicateFilter's window, in seconds.
func windowField(v any) []GoField {
	return []GoField{{"Window", time.Duration(math.Round(v.(float64) * 1e9))}}
}

// noSummaryField sets NoSummary for summary: false.
func noSummaryField(v any) []GoField {
	if v.(bool) {
		return nil
	}
	return []GoField{{"NoSummary", true}}
}

// otherLoggenClassMsg explains that name, in loggen's namespace, is not one
// of loggen's filter classes.
func otherLoggenClassMsg(name string) string {
	names := filterClassNames()
	bare := strings.TrimPrefix(name, "ext://")
	hint := suggest(bare, names)
	if hint == "" {
		// "loggen.RateLimiter": the class named by its first word.
		for _, n := range names {
			if p := commonPrefix(bare, n); len(p) >= len("loggen.")+4 {
				hint = fmt.Sprintf(" (did you mean %q?)", n)
				break
			}
		}
	}
	return fmt.Sprintf("unknown filter class %s%s: loggen's filter classes are %s",
		quote(name), hint, strings.Join(names, " and "))
}

// commonPrefix returns the longest prefix of a and b.
func commonPrefix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[:i]
}

// fileConfig has no filters; loggen reads them from an INI file in the
// sections fileConfig never reads, as it reads formatters:
//
//	[loggen.filters]
//	keys=flood
//
//	[loggen.filter_flood]
//	class=loggen.RateLimitFilter
//	kwargs={'rate': 10, 'burst': 5}
//
//	[loggen.logger_app]
//	filters=flood
//
// ([filters] and [filter_ID] without the prefix are read too). A filter
// section's class= is the filters entry's class (its '()' if the class is
// not loggen's; logging.Filter when it is absent), name= its name and
// kwargs= a dict of its other keys; filters= in a handler or logger
// section lists the filters by id.

// iniFilters returns the filters section of the dictConfig that the INI
// file implies, or nil if it has none.
func (ic *iniConv) iniFilters() *yaml.Node {
	c := ic.c
	s := ic.f.Section("filters")
	if s == nil {
		s = ic.f.Section("loggen.filters")
	}
	if s == nil {
		return nil
	}
	v, ok := ic.get(s, "keys", false)
	if !ok {
		if s.Option("keys") == nil && ic.f.Defaults.Option("keys") == nil {
			c.add(Pos{c.file, s.Line, s.Col}, "section [%s] needs keys=", s.Name)
		}
		return nil
	}
	ids, nodes := ic.list(v)
	filters := mapping(s.Line, s.Col)
	for i, id := range ids {
		if j := slices.Index(ids, id); j < i {
			c.add(Pos{c.file, nodes[i].Line, nodes[i].Column}, "filter %s is listed twice", quote(id))
			continue
		}
		fs := ic.f.Section("filter_" + id)
		if fs == nil {
			fs = ic.f.Section("loggen.filter_" + id)
		}
		if fs == nil {
			c.add(Pos{c.file, nodes[i].Line, nodes[i].Column}, "filter %s has no section [loggen.filter_%s]", quote(id), id)
			continue
		}
		m := mapping(fs.Line, fs.Col)
		addPair(filters, ic.scalar("!!str", id, fs.Line, fs.Col), m)
		ic.iniFilter(fs, m)
	}
	return filters
}

// iniFilter reads one filter section s into the filters entry m.
func (ic *iniConv) iniFilter(s *pyconf.Section, m *yaml.Node) {
	c := ic.c
	if v, ok := ic.get(s, "class", false); ok {
		// class in a filters entry names loggen's classes only; any
		// other class is a factory, '()'.
		key, name := "()", strings.TrimSpace(v.text)
		if isLoggenName(name) {
			key = "class"
		}
		l, col := c.iniPos(v, 0)
		addPair(m, ic.keyNode(v.opt, key), ic.scalar("!!str", name, l, col))
	}
	if v, ok := ic.get(s, "name", false); ok {
		addPair(m, ic.keyNode(v.opt, "name"), ic.str(v))
	}
	v, ok := ic.get(s, "kwargs", false)
	if !ok {
		return
	}
	pv, ok := ic.literal(s, v)
	switch {
	case !ok:
	case pv.Kind != pyconf.Dict:
		l, col := c.iniPos(v, pv.Off)
		c.add(Pos{c.file, l, col}, "section [%s]: kwargs must be a dict, such as {'rate': 10}", s.Name)
	default:
		given := map[string]bool{}
		for i := 0; i+1 < len(pv.Items); i += 2 {
			k := pv.Items[i]
			l, col := c.iniPos(v, k.Off)
			switch {
			case k.Kind != pyconf.Str:
				c.add(Pos{c.file, l, col}, "section [%s]: kwargs keys must be strings", s.Name)
			case given[k.Str] || k.Str == "name" && s.Option("name") != nil:
				c.add(Pos{c.file, l, col}, "section [%s]: %s is given twice", s.Name, quote(k.Str))
			default:
				given[k.Str] = true
				addPair(m, ic.scalar("!!str", k.Str, l, col), ic.pyNode(v, pv.Items[i+1]))
			}
		}
	}
}

// iniFilterIDs adds the filters= option of the handler or logger section
// s, if it has one, to its entry m.
func (ic *iniConv) iniFilterIDs(s *pyconf.Section, m *yaml.Node) {
	v, ok := ic.get(s, "filters", false)
	if !ok {
		return
	}
	_, nodes := ic.list(v)
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.opt.Segs[0].Line, Column: v.opt.Segs[0].Col, Content: nodes}
	addPair(m, ic.keyNode(v.opt, "filters"), seq)
}

// iniFilterSection reports whether the INI section name is one of the
// filter sections, which loggen's overlay may add rather than overlay.
func iniFilterSection(name string) bool {
	return name == "filters" || strings.HasPrefix(name, "filter_")
}
