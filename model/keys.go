package model

// This file is the table of the keys of a dictConfig dictionary outside
// the classes: the top level, formatters, filters, the keys every handler
// takes, loggers and root, and loggen's own section. The checker takes
// the names from here (for its warnings and "did you mean"), and the JSON
// Schema (schema.go) takes the names, types, values and descriptions.
// The keyword arguments of each class live in the class tables
// (classes.go, formatters.go).

// topLevelTable are the keys of the top level, in the order of Python's
// documentation, then loggen's own.
var topLevelTable = []Key{
	{Name: "version", Type: KeyInt, Required: true, Enum: []Choice{{int64(1), ""}},
		Doc: "The schema version: 1, the only one."},
	{Name: "formatters", Type: KeyMap,
		Doc: "The formatters, by id: how a record becomes text."},
	{Name: "filters", Type: KeyMap,
		Doc: "The filters, by id: which records pass a logger or handler."},
	{Name: "handlers", Type: KeyMap,
		Doc: "The handlers, by id: where records go."},
	{Name: "loggers", Type: KeyMap,
		Doc: `The loggers, by dotted name ("" and "root" name the root logger).`},
	{Name: "root", NullAbsent: true, Type: KeyMap,
		Doc: "The root logger, configured after the loggers."},
	{Name: "incremental", NullAbsent: true, Type: KeyBool, Default: "False",
		Doc: "Change a running configuration instead of replacing it: only handler levels, logger levels and propagate are applied."},
	{Name: "disable_existing_loggers", Type: KeyBool, Default: "True",
		Doc: "Disable the loggers that exist when the configuration is applied, other than those it configures and the loggers below them."},
	{Name: "loggen", NullAbsent: true, Type: KeyMap,
		Doc: "loggen's own settings, which Python ignores: classes maps the Python classes a file names to what loggen uses instead, and formatters, filters, handlers, loggers and root overlay the file's entries with the keys loggen reads instead."},
}

// formatterTable are the keys of a formatters entry (without '()'); with
// '()' naming logging.Formatter, fmt is format's name (formatterFactoryKeys).
var formatterTable = []Key{
	{Name: "format", NullAbsent: true, Type: KeyString, Default: "None",
		Doc: "The format string, in the syntax of style; the default prints the message alone."},
	{Name: "datefmt", NullAbsent: true, Type: KeyString, Default: "None",
		Doc: "The strftime format of %(asctime)s; the default prints 2023-11-14 22:13:20,123."},
	{Name: "style", Type: KeyString, Default: "'%'",
		Enum: []Choice{{"%", "%(name)s"}, {"{", "{name}"}, {"$", "$name"}},
		Doc:  "The syntax of format."},
	{Name: "validate", Type: KeyBool, Default: "True",
		Doc: "Check format against style when the formatter is made, as Python does by default."},
	{Name: "class", NullAbsent: true, Type: KeyString, Default: "'logging.Formatter'",
		Doc: "The formatter class: logging.Formatter, or a class loggen implements; Python passes it only format, datefmt, style and validate."},
	{Name: "defaults", NullAbsent: true, Type: KeyMap, Default: "None",
		Doc: "Values for fields that a record lacks, by field name (Python 3.12; in 3.10 and 3.11 through '()': logging.Formatter)."},
}

// formatterFmtKey is format under the name of logging.Formatter's
// keyword argument, which a formatters entry with '()' may use.
var formatterFmtKey = Key{Name: "fmt", NullAbsent: true, Type: KeyString, Default: "None",
	Doc: "The format string, as logging.Formatter's keyword argument: only with '()' (Python takes format for it)."}

// filterTable are the keys of a filters entry.
var filterTable = []Key{
	{Name: "name", Type: KeyString, Default: "''",
		Doc: "Pass the records of this logger and of the loggers below it; empty passes every record."},
}

// handlerTable are the keys every handler takes besides its class's.
var handlerTable = []Key{
	{Name: "class", Type: KeyString, Required: true,
		Doc: "The handler class: a class of Python's logging package, a Go handler type (importpath.TypeName), or a Python class that loggen's classes map names."},
	{Name: "level", NullAbsent: true, Type: KeyLevel, Default: "NOTSET",
		Doc: "The lowest level the handler emits, as a name or a number."},
	{Name: "formatter", NullAbsent: true, Type: KeyString, Default: "None",
		Doc: "The id of the handler's formatter; by default the message alone."},
	{Name: "filters", NullAbsent: true, Type: KeyStringList, Default: "[]",
		Doc: "The ids of the handler's filters, each of which a record must pass."},
}

// loggerTable are the keys of a loggers entry; the root logger takes them
// without propagate (rootKeys).
var loggerTable = []Key{
	{Name: "level", NullAbsent: true, Type: KeyLevel, Default: "NOTSET",
		Doc: "The logger's level, as a name or a number; NOTSET takes the nearest ancestor's (the root logger's is WARNING)."},
	{Name: "propagate", NullAbsent: true, Type: KeyBool, Default: "True",
		Doc: "Pass records on to the ancestors' handlers, after this logger's own."},
	{Name: "filters", NullAbsent: true, Type: KeyStringList, Default: "[]",
		Doc: "The ids of the logger's filters: they see only the records logged to this logger, not those propagated from below."},
	{Name: "handlers", NullAbsent: true, Type: KeyHandlerIDList, Default: "[]",
		Doc: "The ids of the logger's handlers, which replace the ones it had."},
}

// loggenTable are the keys of loggen's own section.
var loggenTable = []Key{
	{Name: "classes", NullAbsent: true, Type: KeyStringMap,
		Doc: "Python class and factory names (as '()' and class give them) mapped to a Go function or type (importpath.Name) or to a class loggen implements."},
	{Name: "context", NullAbsent: true, Type: KeyStringMap,
		Doc: "Record attributes read from each call's context: an attribute name mapped to a Go function func(context.Context) T (importpath.Name), which loggen checks when it generates code."},
	{Name: "formatters", NullAbsent: true, Type: KeyMap,
		Doc: "An overlay of the formatters, by id: keys loggen reads instead of the entry's (an entry with '()' or class replaces it)."},
	{Name: "filters", NullAbsent: true, Type: KeyMap,
		Doc: "An overlay of the filters, by id: keys loggen reads instead of the entry's (an entry with '()' replaces it)."},
	{Name: "handlers", NullAbsent: true, Type: KeyMap,
		Doc: "An overlay of the handlers, by id: keys loggen reads instead of the entry's (an entry with class or '()' replaces it)."},
	{Name: "loggers", NullAbsent: true, Type: KeyMap,
		Doc: "An overlay of the loggers, by name: keys loggen reads instead of the entry's; a logger the file lacks is added."},
	{Name: "root", NullAbsent: true, Type: KeyMap,
		Doc: "An overlay of the root logger: keys loggen reads instead of the file's."},
}

// keyNames returns the names of keys, in order.
func keyNames(keys []Key) []string {
	names := make([]string, 0, len(keys))
	for _, k := range keys {
		names = append(names, k.Name)
	}
	return names
}

// withoutKey returns the names of keys other than name, in order.
func withoutKey(keys []Key, name string) []string {
	var names []string
	for _, k := range keys {
		if k.Name != name {
			names = append(names, k.Name)
		}
	}
	return names
}
