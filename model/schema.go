package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/loggen/loggen/runtime/level"
	"github.com/loggen/loggen/runtime/pyconf"
)

// This file writes the JSON Schema (draft 2020-12) of the configurations
// loggen reads, for editors that complete keys and flag mistakes as a file
// is written (the YAML language server reads JSON Schemas). It is written
// from the tables the checker reads (keys.go, classes.go, formatters.go),
// so that the two cannot drift apart; `loggen schema` prints it.
//
// A schema validates the JSON data model, which is what Python's loaders
// build: a YAML file is read as PyYAML reads it first (yes and no are
// booleans). It flags less than the checker does (references between ids,
// format strings, Go names, cfg:// references are loggen's to check) and
// one thing Python accepts: keys that Python ignores, which the checker
// warns about, are flagged, because they are usually typos.

// SchemaID is the address of the committed schema, loggen.schema.json at
// the root of loggen's repository: the $id of the schema and what a YAML
// file names in its "# yaml-language-server: $schema=" line.
const SchemaID = "https://raw.githubusercontent.com/loggen/loggen/main/loggen.schema.json"

// JSONSchema returns the JSON Schema of a logging configuration as loggen
// reads it, indented, with a final newline. The same tables give the same
// bytes.
func JSONSchema() []byte {
	var b bytes.Buffer
	writeJSON(&b, schemaRoot(), "")
	b.WriteByte('\n')
	return b.Bytes()
}

// An object is a JSON object whose members keep their order.
type object []member

// A member is one name and value of an object. The value is a string,
// bool, int64, float64, nil, []any or object.
type member struct {
	name string
	val  any
}

// with returns o with name set to val, appended if o has no such member.
func (o object) with(name string, val any) object {
	for i := range o {
		if o[i].name == name {
			out := append(object(nil), o...)
			out[i].val = val
			return out
		}
	}
	return append(o[:len(o):len(o)], member{name, val})
}

// The schema's definitions, under #/$defs/.
const (
	defCfg       = "cfg"
	defEnv       = "env"
	defInt       = "int"
	defLevel     = "level"
	defFormatter = "formatter"
	defFilter    = "filter"
	defHandler   = "handler"
	defLogger    = "logger"
	defRoot      = "root"
)

func ref(def string) object { return object{{"$ref", "#/$defs/" + def}} }

// orCfg returns s, or a cfg:// reference, which Python replaces with the
// value it names before it reads the key.
func orCfg(s object) object { return anyOf(s, ref(defCfg)) }

// orEnv returns s, or an env:// value, which the generated code reads from
// the environment when the configuration is applied.
func orEnv(s object) object { return anyOf(s, ref(defEnv)) }

// orNull returns s, or null: Python's None, which the key takes as not
// given.
func orNull(s object) object { return anyOf(s, object{{"type", "null"}}) }

// anyOf returns a schema that s or one of alts satisfies, adding alts to
// s's own anyOf when that is all s has.
func anyOf(s object, alts ...object) object {
	var list []any
	if len(s) == 1 && s[0].name == "anyOf" {
		list = append(list, s[0].val.([]any)...)
	} else {
		list = append(list, s)
	}
	for _, a := range alts {
		list = append(list, a)
	}
	return object{{"anyOf", list}}
}

// prop returns the property name with the schema s, titled with its name
// and described, with a default if hasDef. Editors show the title and the
// description of the key under the cursor.
func prop(name string, s object, desc string, def any, hasDef bool) member {
	out := object{{"title", name}, {"description", desc}}
	if hasDef {
		out = append(out, member{"default", def})
	}
	return member{name, append(out, s...)}
}

// schemaRoot is the whole schema.
func schemaRoot() object {
	desc := "A Python logging configuration, as logging.config.dictConfig reads it (version 1) and loggen generates Go code from it. " +
		"The schema validates the data as Python's loader builds it: a YAML file as PyYAML's yaml.safe_load reads it (YAML 1.1: yes, no, on and off are booleans), a JSON file as Python's json module reads it. " +
		"Keys that Python ignores in formatters, filters, handlers, loggers and root are flagged, as loggen warns about them: they are usually typos. " +
		"Other top-level keys are allowed: cfg:// references read them. " +
		"A cfg://path string may stand for any value that Python reads from a mapping. " +
		"The schema does not check references between ids, format strings, Go names or cfg:// paths: loggen does."
	props := object{}
	for _, k := range topLevelTable {
		var s object
		switch k.Name {
		case "version":
			s = orCfg(object{{"const", int64(1)}})
		case "incremental":
			s = orCfg(orNull(object{{"type", "boolean"}}))
		case "disable_existing_loggers":
			s = orCfg(object{{"type", "boolean"}})
		case "formatters":
			s = orCfg(idMap(orCfg(ref(defFormatter))))
		case "filters":
			s = orCfg(idMap(orCfg(ref(defFilter))))
		case "handlers", "loggers":
			// Their entries depend on incremental: see allOf.
			s = orCfg(object{{"type", "object"}})
		case "root":
			s = orCfg(orNull(object{{"type", "object"}}))
		case "loggen":
			s = orCfg(orNull(loggenSchema()))
		default:
			s = object{}
		}
		def, hasDef := jsonDefault(k)
		props = append(props, prop(k.Name, s, keyDoc(k), def, hasDef))
	}
	full := object{
		{"properties", object{
			{"handlers", orCfg(idMap(orCfg(ref(defHandler))))},
			{"loggers", orCfg(loggersSchema(orCfg(ref(defLogger)), orCfg(orNull(ref(defRoot)))))},
			{"root", orCfg(orNull(ref(defRoot)))},
		}},
	}
	// An incremental configuration sets handler levels, and logger levels
	// and propagate; Python ignores the rest of a handler silently, and
	// what else a logger has with a warning of loggen's.
	incLogger := closed(object{
		{"level", orNull(orEnv(levelSchema()))},
		{"propagate", orNull(object{{"type", "boolean"}})},
	})
	incRoot := closed(object{{"level", orNull(orEnv(levelSchema()))}})
	incremental := object{
		{"properties", object{
			{"handlers", orCfg(idMap(orCfg(object{{"type", "object"}, {"properties", object{{"level", orCfg(orNull(orEnv(levelSchema())))}}}})))},
			{"loggers", orCfg(loggersSchema(orCfg(incLogger), orCfg(orNull(incRoot))))},
			{"root", orCfg(orNull(incRoot))},
		}},
	}
	return object{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", SchemaID},
		{"title", "Python logging configuration (dictConfig), as loggen reads it"},
		{"description", desc},
		{"type", "object"},
		{"required", []any{"version"}},
		{"properties", props},
		{"allOf", []any{object{
			{"if", object{{"required", []any{"incremental"}}, {"properties", object{{"incremental", object{{"const", true}}}}}}},
			{"then", incremental},
			{"else", full},
		}}},
		{"$defs", object{
			{defCfg, object{
				{"$comment", "A cfg:// reference to another value of the configuration (cfg://handlers.email.toaddrs[1]), which Python puts in its place."},
				{"type", "string"},
				{"pattern", "^cfg://"},
			}},
			{defEnv, object{
				{"$comment", "An env:// value (env://NAME, or env://NAME:-default for when NAME is unset or empty), which loggen's generated code reads from the environment when the configuration is applied; CPython does not read it, so a file CPython loads too writes it in loggen's section."},
				{"type", "string"},
				{"pattern", envPattern},
			}},
			{defInt, object{
				{"$comment", "An integer: loggen's are 64-bit."},
				{"type", "integer"},
				{"minimum", int64(math.MinInt64)},
				{"maximum", int64(math.MaxInt64)},
			}},
			{defLevel, levelDef()},
			{defFormatter, formatterSchema()},
			{defFilter, filterSchema()},
			{defHandler, handlerSchema()},
			{defLogger, loggerSchema(false)},
			{defRoot, loggerSchema(true)},
		}},
	}
}

// idMap is the schema of a section: a mapping of ids to entries.
func idMap(entry object) object {
	return object{{"type", "object"}, {"additionalProperties", entry}}
}

// closed is an object schema with the properties props and no others.
func closed(props object) object {
	return object{{"type", "object"}, {"properties", props}, {"additionalProperties", false}}
}

// loggerNamePattern matches the logger names the checker accepts
// (ValidLoggerName): dotted parts that are not empty and hold no control
// character; "" is the root logger.
const loggerNamePattern = `^(?:[^.\u0000-\u001f\u007f-\u009f]+(?:\.[^.\u0000-\u001f\u007f-\u009f]+)*)?$`

// loggersSchema is the loggers section: logger names to loggers, where ""
// and "root" name the root logger.
func loggersSchema(logger, root object) object {
	return object{
		{"type", "object"},
		{"propertyNames", object{{"pattern", loggerNamePattern}}},
		{"properties", object{{"", root}, {"root", root}}},
		{"additionalProperties", logger},
	}
}

// loggenSchema is loggen's own section.
func loggenSchema() object {
	props := object{}
	for _, k := range loggenTable {
		switch k.Name {
		case "classes":
			target := object{
				{"description", "A Go function or type (importpath.Name, with a / in the import path), or a class loggen implements."},
				{"anyOf", []any{
					object{{"enum", stringsAny(implementedClassNames())}},
					object{{"pattern", goNamePattern}},
					object{{"pattern", implementedClassPattern()}},
				}},
			}
			props = append(props, prop(k.Name, orCfg(orNull(object{{"type", "object"}, {"additionalProperties", target}})), keyDoc(k), nil, false))
		case "root":
			props = append(props, prop(k.Name, orCfg(orNull(ref(defRoot))), keyDoc(k), nil, false))
		case "context":
			fn := object{
				{"description", "A Go function func(context.Context) T, as importpath.Name (with a / in the import path)."},
				{"type", "string"},
				{"pattern", goNamePattern},
			}
			props = append(props, prop(k.Name, orCfg(orNull(object{{"type", "object"}, {"additionalProperties", fn}})), keyDoc(k), nil, false))
		default: // an overlay of a section, by id
			entry := orCfg(orNull(object{{"type", "object"}}))
			props = append(props, prop(k.Name, orCfg(orNull(object{{"type", "object"}, {"additionalProperties", entry}})), keyDoc(k), nil, false))
		}
	}
	return closed(props)
}

// goNamePattern matches a Go name as importpath.Name (isGoFactory).
const goNamePattern = `^[^:]*/[^:]*\.[A-Za-z_][A-Za-z0-9_]*$`

// envPattern matches an env:// value: env://NAME or env://NAME:-default
// (envvar.ParseRef).
const envPattern = `^env://[A-Za-z_][A-Za-z0-9_]*(?::-[\s\S]*)?$`

// classesPattern returns the pattern of every spelling of the classes
// canons ("logging.X" or "logging.handlers.X") that Python's resolve
// accepts (canonicalName), with ext:// when ext.
func classesPattern(canons []string, ext bool) string {
	return "^" + classesRE(canons, ext) + "$"
}

func classesRE(canons []string, ext bool) string {
	var inLogging, inHandlers []string
	for _, c := range canons {
		if name, ok := strings.CutPrefix(c, "logging.handlers."); ok {
			inHandlers = append(inHandlers, regexp.QuoteMeta(name))
		} else {
			inLogging = append(inLogging, regexp.QuoteMeta(strings.TrimPrefix(c, "logging.")))
		}
	}
	if len(inHandlers) > 0 {
		inLogging = append(inLogging, `handlers\.`+group(inHandlers))
	}
	s := `logging(?:\.(?:handlers|config)\.logging)*\.` + group(inLogging)
	if ext {
		s = `(?:ext://)?` + s
	}
	return s
}

// group returns the alternatives alts as one regular expression.
func group(alts []string) string {
	if len(alts) == 1 {
		return alts[0]
	}
	return "(?:" + strings.Join(alts, "|") + ")"
}

// namesPattern matches any of names, with ext:// when ext.
func namesPattern(names []string, ext bool) string {
	var alts []string
	for _, n := range names {
		alts = append(alts, regexp.QuoteMeta(n))
	}
	s := "(?:" + strings.Join(alts, "|") + ")"
	if ext {
		s = `(?:ext://)?` + s
	}
	return "^" + s + "$"
}

// implementedClassPattern matches the names of the classes loggen
// implements, spelled as implementedClass accepts them.
func implementedClassPattern() string {
	canons := []string{"logging.Formatter", "logging.Filter"}
	for _, c := range handlerClasses {
		canons = append(canons, c.Name)
	}
	alts := []string{classesRE(canons, true)}
	var names []string
	for _, c := range formatterClasses {
		names = append(names, c.Name)
		names = append(names, c.Aliases...)
	}
	if len(names) > 0 {
		alts = append(alts, strings.TrimSuffix(strings.TrimPrefix(namesPattern(names, true), "^"), "$"))
	}
	return "^" + group(alts) + "$"
}

// pythonNameSchema matches a dotted Python name outside the logging
// package (with ext:// when ext): a class or factory that loggen's classes
// map may name.
func pythonNameSchema(ext bool) object {
	p := `^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$`
	if ext {
		p = `^(?:ext://)?` + p[1:]
	}
	return object{
		{"pattern", p},
		{"not", object{{"pattern", `^(?:ext://)?logging\.`}}},
	}
}

// levelDef is the definition of a level.
func levelDef() object {
	return object{
		{"$comment", "A level: a name (case matters) or a number."},
		{"anyOf", []any{
			object{{"enum", stringsAny(level.Names())}},
			ref(defInt),
		}},
	}
}

func levelSchema() object { return ref(defLevel) }

// formatterSchema is a formatters entry: logging.Formatter's keys; with
// '()' naming logging.Formatter, its keyword arguments (fmt for format);
// with '()' naming a formatter class loggen implements, its keyword
// arguments too; with a Go factory, the factory's options, which the
// schema does not know.
func formatterSchema() object {
	classNames := []any{"logging.Formatter"}
	var fcNames []string
	for _, c := range formatterClasses {
		fcNames = append(fcNames, c.Name)
		fcNames = append(fcNames, c.Aliases...)
		classNames = append(classNames, c.Name)
	}
	props := object{
		prop("()", object{
			{"type", "string"},
			{"examples", append(append([]any{}, classNames...), "example.com/app/logx.NewFormatter")},
		}, "The factory: logging.Formatter or a formatter class loggen implements, whose keyword arguments the other keys are, or a Go function (importpath.Name) returning a runtime.Formatter, whose options they are.", nil, false),
	}
	for _, k := range formatterTable {
		var s object
		switch k.Name {
		case "class":
			// What class may name is checked without '()' (see below):
			// with '()', Python ignores it.
			s = object{{"examples", classNames}}
		case "defaults":
			s = orCfg(orNull(object{
				{"type", "object"},
				{"additionalProperties", object{{"type", []any{"string", "number", "boolean", "null"}}}},
			}))
		default:
			s = sectionKeySchema(k)
		}
		def, hasDef := jsonDefault(k)
		props = append(props, prop(k.Name, s, keyDoc(k), def, hasDef))
	}
	props = append(props, prop(formatterFmtKey.Name, sectionKeySchema(formatterFmtKey), keyDoc(formatterFmtKey), nil, false))

	plain := object{}
	for _, k := range formatterTable {
		plain = append(plain, member{k.Name, true})
	}
	factoryKeys := object{{"()", true}, {"class", true}}
	for _, n := range formatterFactoryKeys {
		factoryKeys = append(factoryKeys, member{n, true})
	}
	classFormatter := []any{"logging.Formatter"}
	classAlts := []any{
		object{{"enum", classNames}},
		object{{"pattern", classesPattern([]string{"logging.Formatter"}, false)}},
		object{{"pattern", goNamePattern}},
		pythonNameSchema(false),
	}
	if len(fcNames) > 0 {
		classAlts = append(classAlts, object{{"pattern", namesPattern(fcNames, false)}})
	}
	conds := []any{
		object{
			{"if", object{{"not", object{{"required", []any{"()"}}}}}},
			{"then", object{{"properties", object{{"class", orNull(object{{"type", "string"}, {"anyOf", classAlts}})}}}}},
		},
		// Without '()', a class that is logging.Formatter or a class loggen
		// implements: logging.Formatter's keys (Python passes a class
		// only those).
		object{
			{"if", object{
				{"not", object{{"required", []any{"()"}}}},
				{"anyOf", []any{
					object{{"not", object{{"required", []any{"class"}}}}},
					object{{"properties", object{{"class", object{{"anyOf", []any{
						object{{"type", "null"}},
						object{{"pattern", classesPattern([]string{"logging.Formatter"}, false)}},
						object{{"enum", append(classFormatter, stringsAny(fcNames)...)}},
					}}}}}}},
				}},
			}},
			{"then", object{{"properties", plain}, {"additionalProperties", false}}},
		},
		object{
			{"if", object{
				{"required", []any{"()"}},
				{"properties", object{{"()", object{{"type", "string"}, {"pattern", classesPattern([]string{"logging.Formatter"}, true)}}}}},
			}},
			{"then", object{
				{"properties", factoryKeys},
				{"additionalProperties", false},
				{"not", object{{"required", []any{"format", "fmt"}}}},
			}},
		},
	}
	for _, c := range formatterClasses {
		cprops := append(object{}, factoryKeys...)
		var required []any
		for _, k := range c.Keys {
			if k.Required {
				required = append(required, k.Name)
			}
			def, hasDef := jsonDefault(k)
			doc := k.Doc
			if doc == "" {
				doc = fmt.Sprintf("A keyword argument of %s (%s).", c.Name, c.Package)
			}
			cprops = append(cprops, prop(k.Name, keyValueSchema(k), docWithDefault(k, doc), def, hasDef))
		}
		conds = append(conds, object{
			{"if", object{
				{"required", []any{"()"}},
				{"properties", object{{"()", object{{"type", "string"}, {"pattern", namesPattern(append([]string{c.Name}, c.Aliases...), true)}}}}},
			}},
			{"then", fcThen(cprops, required)},
		})
	}
	return object{
		{"description", "A formatter: how a record becomes text."},
		{"type", "object"},
		{"properties", props},
		{"allOf", conds},
	}
}

// fcThen is what a formatter entry whose '()' names a formatter class
// takes: props, the required keys, not both format and fmt.
func fcThen(props object, required []any) object {
	then := object{
		{"properties", props},
		{"additionalProperties", false},
		{"not", object{{"required", []any{"format", "fmt"}}}},
	}
	if len(required) > 0 {
		then = append(then, member{"required", required})
	}
	return then
}

// filterSchema is a filters entry: logging.Filter's name; with '()', or
// class, naming one of loggen's filter classes, that class's keys; or a Go
// factory's options.
func filterSchema() object {
	var fcNames []any
	for _, c := range filterClasses {
		fcNames = append(fcNames, c.Name)
	}
	props := object{
		prop("()", object{
			{"type", "string"},
			{"examples", append([]any{"logging.Filter"}, append(fcNames, "example.com/app/logx.NewFilter")...)},
		}, "The factory: logging.Filter, whose keyword argument name is, one of loggen's filter classes, whose keys the other keys are, or a Go function (importpath.Name) returning a runtime.Filter, whose options they are.", nil, false),
		prop("class", object{
			{"type", "string"},
			{"examples", fcNames},
		}, "One of loggen's filter classes, whose keys the other keys are. CPython ignores class in a filters entry, which is a logging.Filter that passes every record there.", nil, false),
	}
	plain := object{}
	for _, k := range filterTable {
		def, hasDef := jsonDefault(k)
		props = append(props, prop(k.Name, sectionKeySchema(k), keyDoc(k), def, hasDef))
		plain = append(plain, member{k.Name, true})
	}
	var allNames []string
	for _, c := range filterClasses {
		allNames = append(allNames, c.Name)
	}
	names := func(ns ...string) object { return object{{"type", "string"}, {"pattern", namesPattern(ns, true)}} }
	conds := []any{
		// Neither '()' nor a class of loggen's: logging.Filter's name.
		object{
			{"if", object{{"not", object{{"anyOf", []any{
				object{{"required", []any{"()"}}},
				object{{"required", []any{"class"}}, {"properties", object{{"class", names(allNames...)}}}},
			}}}}}},
			{"then", object{{"properties", plain}, {"additionalProperties", false}}},
		},
		object{
			{"if", object{
				{"required", []any{"()"}},
				{"properties", object{{"()", object{{"type", "string"}, {"pattern", classesPattern([]string{"logging.Filter"}, true)}}}}},
			}},
			{"then", object{{"properties", append(object{{"()", true}}, plain...)}, {"additionalProperties", false}}},
		},
	}
	for _, c := range filterClasses {
		keys := object{}
		var required []any
		for _, k := range c.Keys {
			if k.Required {
				required = append(required, k.Name)
			}
			def, hasDef := jsonDefault(k)
			keys = append(keys, prop(k.Name, keyValueSchema(k), filterClassKeyDoc(k), def, hasDef))
		}
		// Named by '()', or by class without '()' (with '()', class is
		// a keyword argument, which the classes do not take).
		for _, key := range []string{"()", "class"} {
			cond := object{{"required", []any{key}}, {"properties", object{{key, names(c.Name)}}}}
			if key == "class" {
				cond = append(object{{"not", object{{"required", []any{"()"}}}}}, cond...)
			}
			then := object{
				{"properties", append(object{{key, true}}, keys...)},
				{"additionalProperties", false},
			}
			if len(required) > 0 {
				then = append(then, member{"required", required})
			}
			conds = append(conds, object{{"if", cond}, {"then", then}})
		}
	}
	return object{
		{"description", "A filter: a record passes it or not."},
		{"type", "object"},
		{"properties", props},
		{"allOf", conds},
	}
}

// filterClassKeyDoc is keyDoc for a key of loggen's filter classes, whose
// defaults are loggen's.
func filterClassKeyDoc(k Key) string {
	d := k.Default
	if v, ok := jsonDefault(k); ok {
		if b, err := json.Marshal(v); err == nil {
			d = string(b)
		}
	}
	k.Default = ""
	doc := docWithDefault(k, k.Doc)
	if d != "" && !k.Required {
		doc += " Default: " + d + "."
	}
	return doc
}

// handlerSchema is a handlers entry: the keys every handler takes, and per
// class (named by class, or by '()' which takes precedence) the class's
// keyword arguments and no other keys. A Go handler (importpath.Name), or
// a Python class that loggen's classes map names, takes keys the schema
// does not know.
func handlerSchema() object {
	var names []any
	for _, c := range handlerClasses {
		names = append(names, c.Name)
	}
	classSchema := object{
		{"type", "string"},
		{"anyOf", []any{
			object{{"enum", names}},
			object{{"pattern", handlerClassPattern()}},
			object{{"pattern", goNamePattern}},
			pythonNameSchema(true),
		}},
	}
	props := object{}
	common := object{}
	for _, k := range handlerTable {
		var s object
		if k.Name == "class" {
			s = orCfg(classSchema)
		} else {
			s = sectionKeySchema(k)
		}
		def, hasDef := jsonDefault(k)
		props = append(props, prop(k.Name, s, keyDoc(k), def, hasDef))
		common = append(common, member{k.Name, true})
	}
	props = append(props,
		prop("()", orCfg(classSchema), "A factory instead of class: a handler class of Python's logging package, whose keyword arguments the other keys are, or a Go function (importpath.Name) returning a runtime.Handler, whose options they are.", nil, false),
		prop(".", object{{"type", "object"}}, "Attributes set after the handler is made: a logging.StreamHandler's terminator, or what a Go handler has.", nil, false),
	)
	common = append(common, member{"()", true})
	var conds []any
	for _, c := range handlerClasses {
		cprops := append(object{}, common...)
		var required []any
		for _, k := range c.Keys {
			def, hasDef := jsonDefault(k)
			cprops = append(cprops, prop(k.Name, keyValueSchema(k), keyDoc(k), def, hasDef))
			if k.Required {
				required = append(required, k.Name)
			}
		}
		dot := any(false)
		if c.Name == "logging.StreamHandler" {
			dot = closed(object{{"terminator", object{{"description", "The text written after each record (default \"\\n\")."}, {"type", "string"}}}})
		}
		cprops = append(cprops, member{".", dot})
		then := object{
			{"title", c.Name},
			{"description", c.Doc},
			{"properties", cprops},
			{"additionalProperties", false},
		}
		if len(required) > 0 {
			then = append(then, member{"required", required})
		}
		p := classesPattern([]string{c.Name}, true)
		conds = append(conds, object{
			{"if", object{{"anyOf", []any{
				object{{"required", []any{"()"}}, {"properties", object{{"()", object{{"type", "string"}, {"pattern", p}}}}}},
				object{
					{"not", object{{"required", []any{"()"}}}},
					{"required", []any{"class"}},
					{"properties", object{{"class", object{{"type", "string"}, {"pattern", p}}}}},
				},
			}}}},
			{"then", then},
		})
	}
	return object{
		{"description", "A handler: where records go."},
		{"type", "object"},
		{"properties", props},
		{"anyOf", []any{object{{"required", []any{"class"}}}, object{{"required", []any{"()"}}}}},
		{"allOf", conds},
	}
}

// handlerClassPattern matches every spelling of the handler classes loggen
// implements.
func handlerClassPattern() string {
	var canons []string
	for _, c := range handlerClasses {
		canons = append(canons, c.Name)
	}
	return classesPattern(canons, true)
}

// loggerSchema is a loggers entry, or the root logger (without
// propagate, which Python ignores there).
func loggerSchema(root bool) object {
	props := object{}
	for _, k := range loggerTable {
		if root && k.Name == "propagate" {
			continue
		}
		def, hasDef := jsonDefault(k)
		props = append(props, prop(k.Name, sectionKeySchema(k), keyDoc(k), def, hasDef))
	}
	desc := "A logger."
	if root {
		desc = "The root logger, the ancestor of every logger (its level is WARNING unless set)."
	}
	return append(object{{"description", desc}}, closed(props)...)
}

// keyValueSchema is the schema of a value of key k: its type, its values,
// null where Python takes it as not given, and a cfg:// reference for
// values that are not plain strings.
func keyValueSchema(k Key) object {
	if !k.Required {
		k.NullAbsent = true // keywordArgs takes null as not given
	}
	return sectionKeySchema(k)
}

// sectionKeySchema is keyValueSchema for a key of the sections, which
// takes null only when NullAbsent says so.
func sectionKeySchema(k Key) object {
	var s object
	plainString := false
	switch k.Type {
	case KeyString, KeyHandlerID:
		s = object{{"type", "string"}}
		plainString = true
	case KeyInt:
		s = ref(defInt)
	case KeyFloat:
		s = object{{"type", "number"}}
	case KeyBool:
		s = object{{"type", "boolean"}}
	case KeyStream:
		s = object{{"type", "string"}, {"anyOf", []any{
			object{{"enum", []any{"ext://sys.stdout", "ext://sys.stderr", "ext://os.Stdout", "ext://os.Stderr"}}},
			object{{"pattern", "^ext://" + strings.TrimPrefix(goNamePattern, "^")}},
		}}}
	case KeyLevel:
		s = levelSchema()
	case KeyStringList, KeyHandlerIDList:
		s = object{{"type", "array"}, {"items", object{{"type", "string"}}}}
	case KeyAddress:
		s = object{{"anyOf", []any{
			object{{"type", "string"}},
			object{
				{"type", "array"},
				{"prefixItems", []any{object{{"type", "string"}}, object{{"type", "integer"}, {"minimum", int64(0)}, {"maximum", int64(65535)}}}},
				{"minItems", int64(2)},
				{"maxItems", int64(2)},
			},
		}}}
	case KeyNameOrInt:
		s = object{{"type", []any{"string", "integer"}}}
	case KeyStringOrList:
		s = object{{"anyOf", []any{
			object{{"type", "string"}},
			object{{"type", "array"}, {"items", object{{"type", "string"}}}},
		}}}
	case KeyStringMap:
		s = object{{"type", "object"}, {"additionalProperties", object{{"type", "string"}}}}
	case KeyMap:
		s = object{{"type", "object"}}
	case KeyAny:
		s = object{}
	}
	if len(k.Enum) > 0 {
		var vals []any
		for _, c := range k.Enum {
			vals = append(vals, c.Value)
		}
		e := object{{"enum", vals}}
		switch {
		case k.FoldCase:
			var alts []string
			for _, c := range k.Enum {
				if str, ok := c.Value.(string); ok {
					alts = append(alts, foldCasePattern(str))
				}
			}
			s = object{{"anyOf", []any{e, object{{"type", "string"}, {"pattern", "^(?:" + strings.Join(alts, "|") + ")$"}}}}}
		case k.Type == KeyNameOrInt:
			s = object{{"anyOf", []any{e, object{{"type", "integer"}}}}}
		default:
			s = e
		}
		plainString = false
	}
	if len(k.Names) > 0 {
		var names []any
		for _, n := range slices.Sorted(maps.Keys(k.Names)) {
			names = append(names, "ext://"+n)
		}
		s = object{{"anyOf", []any{s, object{{"enum", names}}}}}
	}
	if k.Env != 0 {
		s = orEnv(s)
	}
	if k.Nullable || k.NullAbsent {
		s = orNull(s)
	}
	if !plainString {
		s = orCfg(s)
	}
	return s
}

// foldCasePattern returns a pattern that matches s in any case.
func foldCasePattern(s string) string {
	var b strings.Builder
	for _, r := range s {
		lo, up := strings.ToLower(string(r)), strings.ToUpper(string(r))
		if lo == up {
			b.WriteString(regexp.QuoteMeta(string(r)))
			continue
		}
		b.WriteString("[" + up + lo + "]")
	}
	return b.String()
}

// keyDoc is k's description, with its values and Python's default.
func keyDoc(k Key) string { return docWithDefault(k, k.Doc) }

func docWithDefault(k Key, doc string) string {
	if len(k.Enum) > 0 && k.Enum[0].Doc != "" {
		var vs []string
		for _, c := range k.Enum {
			vs = append(vs, enumText(c.Value)+": "+c.Doc)
		}
		doc += " " + strings.Join(vs, "; ") + "."
	}
	if k.Required {
		doc += " Required."
	} else if k.Default != "" {
		doc += " Python's default: " + k.Default + "."
	}
	if k.Env != 0 {
		doc += " Also env://NAME or env://NAME:-default, read from the environment when the configuration is applied."
	}
	return doc
}

// jsonDefault returns Python's default of k (Key.Default, as Python writes
// it) as the JSON value that stands for it, and whether there is one: not
// for None, which is what leaving the key out means.
func jsonDefault(k Key) (any, bool) {
	d := k.Default
	if d == "" || d == "None" {
		return nil, false
	}
	if k.Type == KeyLevel {
		if _, ok := level.Parse(d); ok {
			return d, true
		}
	}
	v, err := pyconf.ParseLiteral(d)
	if err != nil && k.Type == KeyNameOrInt {
		// SysLogHandler's LOG_USER: a constant of the class.
		v, err = pyconf.ParseLiteral("handlers.SysLogHandler." + d)
		if err == nil && v.Kind == pyconf.Int && k.Enum != nil && v.Int < int64(len(k.Enum)) {
			return k.Enum[v.Int].Value, true // facility names are at their numbers
		}
	}
	if err != nil {
		return nil, false
	}
	return pyJSON(v)
}

// pyJSON converts a Python literal to its JSON value.
func pyJSON(v pyconf.Value) (any, bool) {
	switch v.Kind {
	case pyconf.Str, pyconf.Ext:
		return v.Str, true
	case pyconf.Int:
		return v.Int, true
	case pyconf.Float:
		return v.Float, true
	case pyconf.Bool:
		return v.Bool, true
	case pyconf.Tuple, pyconf.List:
		out := []any{}
		for _, it := range v.Items {
			x, ok := pyJSON(it)
			if !ok {
				return nil, false
			}
			out = append(out, x)
		}
		return out, true
	}
	return nil, false
}

// stringsAny returns ss as []any.
func stringsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// writeJSON writes v, indented by indent: objects one member a line,
// arrays of scalars on one line.
func writeJSON(b *bytes.Buffer, v any, indent string) {
	switch v := v.(type) {
	case object:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		if line, ok := oneLine(v); ok && len(indent)+len(line) <= 100 {
			b.WriteString(line)
			return
		}
		b.WriteString("{\n")
		for i, m := range v {
			b.WriteString(indent + "  ")
			writeString(b, m.name)
			b.WriteString(": ")
			writeJSON(b, m.val, indent+"  ")
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case []any:
		flat := true
		for _, x := range v {
			switch x.(type) {
			case object, []any:
				flat = false
			}
		}
		if flat {
			b.WriteByte('[')
			for i, x := range v {
				if i > 0 {
					b.WriteString(", ")
				}
				writeJSON(b, x, indent)
			}
			b.WriteByte(']')
			return
		}
		b.WriteString("[\n")
		for i, x := range v {
			b.WriteString(indent + "  ")
			writeJSON(b, x, indent+"  ")
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case string:
		writeString(b, v)
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		b.WriteString(s)
	case nil:
		b.WriteString("null")
	}
}

// oneLine returns o on one line, when its values are scalars or lists of
// scalars.
func oneLine(o object) (string, bool) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		switch x := m.val.(type) {
		case object:
			return "", false
		case []any:
			for _, it := range x {
				switch it.(type) {
				case object, []any:
					return "", false
				}
			}
		}
		if i > 0 {
			b.WriteString(", ")
		}
		writeString(&b, m.name)
		b.WriteString(": ")
		writeJSON(&b, m.val, "")
	}
	b.WriteByte('}')
	return b.String(), true
}

// writeString writes s as a JSON string, without escaping <, > and &.
func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	b.Truncate(b.Len() - 1)
}
