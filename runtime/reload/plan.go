package reload

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/dictconfig"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// A baseline is the file as it was when the watch started, which the
// running configuration was generated from, with the objects loggen
// generated for its entries.
type baseline struct {
	cfg        *config
	formatters map[string]logging.Formatter
	filters    map[string]logging.Filter
	handlers   map[string]logging.HandlerConfig
	extras     map[string]bool // the fields of the generated Extra
}

// sections are the dictConfig sections whose entries are built objects.
var sections = []string{"formatters", "filters", "handlers"}

// newBaseline pairs the entries of the file c with the objects of the
// configuration g that loggen generated from it (nil if not given).
func newBaseline(c *config, g *logging.Config) (*baseline, error) {
	b := &baseline{
		cfg:        c,
		formatters: map[string]logging.Formatter{},
		filters:    map[string]logging.Filter{},
		handlers:   map[string]logging.HandlerConfig{},
		extras:     map[string]bool{},
	}
	for _, e := range section(c.dict, "formatters") {
		for _, f := range formatFields(e) {
			b.extras[f] = true
		}
	}
	if g == nil {
		return b, nil
	}
	hs := section(c.dict, "handlers")
	for _, hc := range g.Handlers {
		e, ok := hs[hc.ID]
		if !ok {
			return nil, fmt.Errorf("handler %q of the generated configuration is not in the file: watch the file the code was generated from, or regenerate with loggen", hc.ID)
		}
		b.handlers[hc.ID] = hc
		if fid, ok := e["formatter"].(string); ok && hc.Formatter != nil {
			b.formatters[fid] = hc.Formatter
		}
		b.pairFilters(e["filters"], hc.Filters)
	}
	for _, id := range slices.Sorted(maps.Keys(anyMap(c.dict["handlers"]))) {
		if _, ok := b.handlers[id]; !ok {
			return nil, fmt.Errorf("handler %q of the file is not in the generated configuration: watch the file the code was generated from, or regenerate with loggen", id)
		}
	}
	ls := section(c.dict, "loggers")
	for _, lc := range g.Loggers {
		if e, ok := ls[lc.Name]; ok {
			b.pairFilters(e["filters"], lc.Filters)
		}
	}
	if g.Root != nil {
		if r, ok := c.dict["root"].(map[string]any); ok {
			b.pairFilters(r["filters"], g.Root.Filters)
		}
	}
	return b, nil
}

// pairFilters records the generated filters of a list of filter ids.
func (b *baseline) pairFilters(ids any, fs []logging.Filter) {
	list, ok := ids.([]any)
	if !ok || len(list) != len(fs) {
		return
	}
	for i, id := range list {
		if s, ok := id.(string); ok {
			b.filters[s] = fs[i]
		}
	}
}

// formatFields returns the extra fields (not LogRecord attributes) that a
// formatter entry's format names.
func formatFields(e map[string]any) []string {
	if !dictconfig.Builds("formatters", e) {
		return nil
	}
	format, _ := e["format"].(string)
	if format == "" {
		format, _ = e["fmt"].(string)
	}
	style := byte('%')
	if s, ok := e["style"].(string); ok && s != "" {
		style = s[0]
	}
	f, _ := pyfmt.ParseFormat(format, style, false)
	var out []string
	for _, s := range f.Segments {
		if s.Extra {
			out = append(out, s.Field)
		}
	}
	return out
}

// stubFormatter and stubFilter stand for generated objects the watcher
// does not have (Options.Config unset): harmless while only levels change,
// refused when a configuration that uses them would be built.
type stubFormatter struct{}

func (stubFormatter) Format(b []byte, r *logging.Record) ([]byte, error) {
	return b, errors.New("made by generated code")
}

type stubFilter struct{}

func (stubFilter) Filter(*logging.Record) bool { return true }

// A plan is how a new reading of the file is applied: incrementally
// (levels and propagate) or as a whole configuration.
type plan struct {
	whole       *logging.Config
	incremental *logging.IncrementalConfig
	dict        map[string]any // a file that says incremental: true, for logging.ConfigureDict
}

// plan checks the new reading n of the file against the baseline and the
// running reading cur, and decides how to apply it. Mistakes are
// *dictconfig.Errors with the keys that lead to them.
func (b *baseline) plan(n, cur *config) (*plan, error) {
	var errs []error
	fail := func(path []string, format string, args ...any) {
		errs = append(errs, &dictconfig.Error{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	if pyfmt.Truthy(n.dict["incremental"]) {
		// The file is itself an incremental configuration: applied as
		// Python applies one (levels and propagate), its env:// levels
		// read as generated code reads them.
		d, err := dictconfig.ResolveEnvLevels(n.dict)
		if err != nil {
			return nil, err
		}
		return &plan{dict: d}, nil
	}
	if !reflect.DeepEqual(n.classes, b.cfg.classes) {
		fail([]string{"loggen", "classes"}, "loggen: classes: the map of classes changed since the code was generated: regenerate with loggen")
	}
	kept := &dictconfig.Kept{
		Formatters: map[string]logging.Formatter{},
		Filters:    map[string]logging.Filter{},
		Handlers:   map[string]logging.HandlerConfig{},
	}
	var stubs []string // "handlers\x00id" of the generated-only entries the watcher cannot make
	for _, sec := range sections {
		base := section(b.cfg.dict, sec)
		for id, e := range section(n.dict, sec) {
			what := fmt.Sprintf("%s %q", sec[:len(sec)-1], id)
			generatedOnly := !dictconfig.Builds(sec, e) || mapped(e, n.classes)
			old, had := base[id]
			if had && reflect.DeepEqual(e, old) {
				switch sec {
				case "formatters":
					if f, ok := b.formatters[id]; ok {
						kept.Formatters[id] = f
					} else if generatedOnly {
						kept.Formatters[id] = stubFormatter{}
					}
				case "filters":
					if f, ok := b.filters[id]; ok {
						kept.Filters[id] = f
					} else if generatedOnly {
						kept.Filters[id] = stubFilter{}
					}
				case "handlers":
					if hc, ok := b.handlers[id]; ok {
						kept.Handlers[id] = hc
					} else if generatedOnly {
						kept.Handlers[id] = logging.HandlerConfig{ID: id}
						stubs = append(stubs, id)
					}
				}
				continue
			}
			if generatedOnly {
				key := "class"
				if _, ok := e["()"]; ok {
					key = "()"
				}
				cls := e[key]
				if cls == nil {
					cls = "logging.Formatter"
				}
				verb := "changed"
				if !had {
					verb = "is new"
				}
				fail([]string{sec, id, key}, "%s %s, and its class %v is made by generated code (a Go factory, or a class only loggen's generator makes), which cannot change at run time: regenerate with loggen", what, verb, cls)
				continue
			}
			if sec == "formatters" {
				defaults, _ := e["defaults"].(map[string]any)
				for _, f := range formatFields(e) {
					if _, ok := defaults[f]; !ok && !b.extras[f] {
						key := "format"
						if _, ok := e["format"]; !ok {
							key = "fmt"
						}
						fail([]string{sec, id, key}, "%s: the field %q is not in the generated Extra (typed extras are generated from the formats): regenerate with loggen to log it", what, f)
					}
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c, err := dictconfig.BuildEnv(n.dict, kept)
	if err != nil {
		return nil, err
	}
	if cur != nil && reflect.DeepEqual(shape(n.dict), shape(cur.dict)) {
		inc := &logging.IncrementalConfig{Loggers: c.Loggers, Root: c.Root}
		for _, hc := range c.Handlers {
			inc.Handlers = append(inc.Handlers, logging.HandlerLevel{ID: hc.ID, Level: hc.Level})
		}
		return &plan{incremental: inc}, nil
	}
	for _, id := range stubs {
		fail([]string{"handlers", id}, "handler %q is made by generated code, and the watcher was not given it: set reload.Options.Config to the generated package's Config() so that the handler can be created again, or regenerate with loggen", id)
	}
	for _, hc := range c.Handlers {
		if _, ok := hc.Formatter.(stubFormatter); ok {
			fail([]string{"handlers", hc.ID, "formatter"}, "handler %q: its formatter is made by generated code that the watcher was not given (reload.Options.Config): regenerate with loggen", hc.ID)
		}
		for _, f := range hc.Filters {
			if _, ok := f.(stubFilter); ok {
				fail([]string{"handlers", hc.ID, "filters"}, "handler %q: a filter is made by generated code that the watcher was not given (reload.Options.Config): regenerate with loggen", hc.ID)
				break
			}
		}
	}
	for _, lc := range append(c.Loggers, rootOf(c)...) {
		for _, f := range lc.Filters {
			if _, ok := f.(stubFilter); ok {
				path := []string{"loggers", lc.Name, "filters"}
				if lc.Name == "" {
					path = []string{"root", "filters"}
				}
				fail(path, "logger %q: a filter is made by generated code that the watcher was not given (reload.Options.Config): regenerate with loggen", lc.Name)
				break
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &plan{whole: c}, nil
}

func rootOf(c *logging.Config) []logging.LoggerConfig {
	if c.Root == nil {
		return nil
	}
	return []logging.LoggerConfig{*c.Root}
}

// mapped reports whether the class or factory of entry e is one of the
// classes map of loggen's section.
func mapped(e map[string]any, classes map[string]any) bool {
	for _, k := range []string{"class", "()"} {
		if s, ok := e[k].(string); ok {
			if _, ok := classes[s]; ok {
				return true
			}
		}
	}
	return false
}

// shape returns the dictionary d without what an incremental
// configuration changes: handler levels, logger levels and propagate.
// Two readings of the same shape differ only in those.
func shape(d map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range d {
		out[k] = v
	}
	strip := func(e map[string]any, keys ...string) map[string]any {
		c := map[string]any{}
		for k, v := range e {
			if !contains(keys, k) {
				c[k] = v
			}
		}
		return c
	}
	for _, sec := range []string{"handlers", "loggers"} {
		if m, ok := d[sec].(map[string]any); ok {
			s := map[string]any{}
			for id, v := range m {
				if e, ok := v.(map[string]any); ok {
					s[id] = strip(e, "level", "propagate")
				} else {
					s[id] = v
				}
			}
			out[sec] = s
		}
	}
	if r, ok := d["root"].(map[string]any); ok {
		out["root"] = strip(r, "level")
	}
	return out
}

// section returns the entries of a dictConfig section that are
// dictionaries.
func section(d map[string]any, name string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for id, v := range anyMap(d[name]) {
		if e, ok := v.(map[string]any); ok {
			out[id] = e
		}
	}
	return out
}

func anyMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
