package model

import (
	"fmt"
	"math"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/loggen/loggen/runtime/level"
)

// This file is the one table of the handler classes loggen implements. Each
// class is described once: its Python name, its keyword arguments (type,
// Python's order and default, the checks), the Go constructor that makes it
// and the field of the constructor's options that each key sets. The checker
// reads the keys from here, fileConfig's args= takes Python's parameter
// order from here, and package gen writes every constructor call from here
// through one emitter. README's "Adding a handler class" says how to add one.

// The import paths of the runtime packages that hold the handler types.
const (
	RuntimePkg  = "github.com/loggen/loggen/runtime"
	HandlersPkg = "github.com/loggen/loggen/runtime/handlers"
)

// A HandlerClass is a handler class that loggen implements.
type HandlerClass struct {
	// Name is the canonical Python name, "logging.handlers.SysLogHandler".
	Name string
	// New is the Go constructor: func(Options) (*T, error), or without the
	// error when Fails is false; func(arg) when a key is the argument
	// (Key.Arg); func() when the class takes no keys.
	New GoName
	// Options is the options struct New takes; zero when it takes none.
	Options GoName
	// Fails reports that New returns an error too.
	Fails bool
	// Keys are the keyword arguments: the parameters of Python's
	// constructor in their order, then the others (Key.NotParam).
	Keys []Key
}

// A GoName is a package-level Go name: a function, type or constant.
type GoName struct {
	Pkg  string // import path
	Name string
}

// A Key is one keyword argument of a handler class.
type Key struct {
	Name     string
	Type     KeyType
	Required bool
	// NotParam marks a key that is not a parameter of Python's constructor
	// (a loggen extension, or an attribute Python sets after construction,
	// or a key that dictConfig itself reads): fileConfig's args= cannot give
	// it.
	NotParam bool
	// Default is Python's default, as Python writes it; "" when the key is
	// required or has no default worth saying.
	Default string
	// Field is the field of the class's Options that the key sets; "" when
	// it sets none (errors: "strict" is all loggen writes).
	Field string
	// Arg makes the key the constructor's argument instead of a field
	// (StreamHandler's stream).
	Arg bool
	// Go converts the checked value into the Go fields it sets; nil sets
	// Field to the value as it is.
	Go func(v any) []GoField
	// Absent is the Go value of Field (or of the argument) when the key is
	// not given and Python's default is not the Go zero value; nil when it
	// is.
	Absent any
	// Check, if not nil, further checks a value already converted to Type
	// and returns what is wrong with it, or "".
	Check func(v any) string
	// Nullable makes null a value of the key (Python's None, which means
	// something for it), given to Go as nil, rather than "not given".
	Nullable bool
	// Names are the ext:// names Python resolves for the key, without the
	// ext:// prefix, and the values they stand for.
	Names map[string]any
}

// A GoField is a field of a handler's options and its Go value, as the
// emitter writes it: a string, bool, int64, float64, []string, *[2]string,
// time.Duration, level.Level, Stream, *GoRef, GoName (a constant),
// HandlerRef or []HandlerRef.
type GoField struct {
	Name  string
	Value any
}

// A HandlerRef is a handler that another one is built on (a MemoryHandler's
// target): the handler id.
type HandlerRef string

// A KeyType says what a keyword argument holds, and so which Go type
// Option.Value has.
type KeyType int

// The key types.
const (
	KeyString        KeyType = iota // string
	KeyInt                          // int64
	KeyFloat                        // float64 (an integer is accepted)
	KeyBool                         // bool
	KeyStream                       // Stream or *GoRef: ext://sys.stdout, ext://sys.stderr, ext://importpath.Name
	KeyLevel                        // level.Level: a level name or an integer
	KeyStringList                   // []string
	KeyHandlerID                    // string: the id of another handler
	KeyHandlerIDList                // []string: ids of other handlers
	KeyAddress                      // Address: Python's [host, port] list, or a string
	KeyNameOrInt                    // string: a name, or an integer written in decimal
	KeyStringOrList                 // []string: a list of strings, or one string (a list of one)
	KeyStringMap                    // []StringPair: a mapping of strings to strings, in order
	KeyMap                          // []MapItem: a mapping of strings to values, in order
	KeyAny                          // any value, as Python's loader builds it (nodeValue)
)

// A StringPair is one entry of a KeyStringMap value.
type StringPair struct {
	Key, Value string
}

// A MapItem is one entry of a KeyMap value: the key and its value as
// Python's loader builds it (nil, bool, int64, float64, string, []any,
// map[string]any).
type MapItem struct {
	Key   string
	Value any
	Pos   Pos
}

// An Address is a network address given as Python's (host, port) pair, or
// a string (Host empty) such as a unix socket path.
type Address struct {
	Host string
	Port int64
	Str  string
}

// The keys that several classes share.
var (
	keyFilename = Key{Name: "filename", Type: KeyString, Required: true, Field: "Filename"}
	keyMode     = Key{Name: "mode", Type: KeyString, Default: "'a'", Field: "Mode", Check: checkMode}
	keyEncoding = Key{Name: "encoding", Type: KeyString, Default: "None", Field: "Encoding", Check: checkEncoding}
	keyDelay    = Key{Name: "delay", Type: KeyBool, Default: "False", Field: "Delay"}
	keyErrors   = Key{Name: "errors", Type: KeyString, Default: "None", Check: checkErrors}

	// loggen's keys of the rotating handlers: rotated files compressed
	// in the background (compress: gzip) and deleted by age (a duration
	// such as "30d", or seconds) and by total size (bytes, or "500M").
	keyCompress = Key{Name: "compress", Type: KeyString, NotParam: true, Check: checkCompress, Go: func(v any) []GoField {
		return []GoField{{"Compress", GoName{HandlersPkg, "CompressGzip"}}}
	}}
	keyMaxAge = Key{Name: "maxAge", Type: KeyAny, NotParam: true, Default: "0", Check: checkMaxAge, Go: func(v any) []GoField {
		d, _ := parseAge(v)
		return []GoField{{"MaxAge", d}}
	}}
	keyMaxTotalSize = Key{Name: "maxTotalSize", Type: KeyAny, NotParam: true, Default: "0", Check: checkMaxTotalSize, Go: func(v any) []GoField {
		n, _ := parseSize(v)
		return []GoField{{"MaxTotalSize", n}}
	}}
)

// handlerClasses are the classes loggen implements, in the order of
// Python's documentation.
var handlerClasses = []*HandlerClass{
	{
		Name: "logging.StreamHandler",
		New:  GoName{RuntimePkg, "NewStreamHandler"},
		Keys: []Key{
			{Name: "stream", Type: KeyStream, Default: "sys.stderr", Arg: true, Absent: Stderr},
		},
	},
	{
		Name: "logging.FileHandler", Fails: true,
		New: GoName{RuntimePkg, "NewFileHandler"}, Options: GoName{RuntimePkg, "FileOptions"},
		Keys: []Key{keyFilename, keyMode, keyEncoding, keyDelay, keyErrors},
	},
	{
		Name: "logging.NullHandler",
		New:  GoName{RuntimePkg, "NewNullHandler"},
	},
	{
		Name: "logging.handlers.WatchedFileHandler", Fails: true,
		New: GoName{HandlersPkg, "NewWatchedFileHandler"}, Options: GoName{RuntimePkg, "FileOptions"},
		Keys: []Key{keyFilename, keyMode, keyEncoding, keyDelay, keyErrors},
	},
	{
		Name: "logging.handlers.RotatingFileHandler", Fails: true,
		New: GoName{HandlersPkg, "NewRotatingFileHandler"}, Options: GoName{HandlersPkg, "RotatingFileOptions"},
		Keys: []Key{
			keyFilename, keyMode,
			{Name: "maxBytes", Type: KeyInt, Default: "0", Field: "MaxBytes"},
			{Name: "backupCount", Type: KeyInt, Default: "0", Field: "BackupCount"},
			keyEncoding, keyDelay, keyErrors,
			keyCompress, keyMaxAge, keyMaxTotalSize,
		},
	},
	{
		// Python's constructor has no mode: it always appends.
		Name: "logging.handlers.TimedRotatingFileHandler", Fails: true,
		New: GoName{HandlersPkg, "NewTimedRotatingFileHandler"}, Options: GoName{HandlersPkg, "TimedRotatingFileOptions"},
		Keys: []Key{
			keyFilename,
			{Name: "when", Type: KeyString, Default: "'h'", Field: "When", Check: checkWhen},
			{Name: "interval", Type: KeyInt, Default: "1", Field: "Interval", Check: checkInterval},
			{Name: "backupCount", Type: KeyInt, Default: "0", Field: "BackupCount"},
			keyEncoding, keyDelay,
			{Name: "utc", Type: KeyBool, Default: "False", Field: "UTC"},
			// Python takes a datetime.time, which neither YAML nor JSON
			// can spell; loggen takes "HH:MM" or "HH:MM:SS". Python reads
			// it only for midnight and W0 … W6 rollovers.
			{Name: "atTime", Type: KeyString, Default: "None", Field: "AtTime", Check: checkAtTime},
			keyErrors,
			// loggen's: roll over on size too, whichever comes first.
			{Name: "maxBytes", Type: KeyInt, NotParam: true, Default: "0", Field: "MaxBytes", Check: checkNonNegativeSize},
			keyCompress, keyMaxAge, keyMaxTotalSize,
		},
	},
	{
		Name: "logging.handlers.SocketHandler",
		New:  GoName{HandlersPkg, "NewSocketHandler"}, Options: GoName{HandlersPkg, "SocketOptions"},
		Keys: socketKeys,
	},
	{
		Name: "logging.handlers.DatagramHandler",
		New:  GoName{HandlersPkg, "NewDatagramHandler"}, Options: GoName{HandlersPkg, "SocketOptions"},
		Keys: socketKeys,
	},
	{
		// address is Python's [host, port] list or a unix socket path;
		// loggen also takes "host:port". ident and append_nul are
		// attributes in Python; rfc5424, appname, msgid and hostname are
		// loggen's.
		Name: "logging.handlers.SysLogHandler", Fails: true,
		New: GoName{HandlersPkg, "NewSysLogHandler"}, Options: GoName{HandlersPkg, "SysLogOptions"},
		Keys: []Key{
			{Name: "address", Type: KeyAddress, Default: "('localhost', 514)", Go: sysLogAddressFields, Check: checkSysLogAddress},
			{Name: "facility", Type: KeyNameOrInt, Default: "LOG_USER", Go: sysLogFacilityField, Check: checkSysLogFacility},
			{Name: "socktype", Type: KeyInt, Default: "None", Field: "SockType", Check: checkSysLogSockType,
				Names: map[string]any{"socket.SOCK_STREAM": int64(1), "socket.SOCK_DGRAM": int64(2)}},
			{Name: "ident", Type: KeyString, NotParam: true, Default: "''", Field: "Ident"},
			{Name: "append_nul", Type: KeyBool, NotParam: true, Default: "True", Go: func(v any) []GoField {
				return []GoField{{"OmitNUL", !v.(bool)}}
			}},
			{Name: "rfc5424", Type: KeyBool, NotParam: true, Field: "RFC5424"},
			{Name: "appname", Type: KeyString, NotParam: true, Field: "AppName"},
			{Name: "msgid", Type: KeyString, NotParam: true, Field: "MsgID"},
			{Name: "hostname", Type: KeyString, NotParam: true, Field: "Hostname"},
		},
	},
	{
		Name: "logging.handlers.SMTPHandler", Fails: true,
		New: GoName{HandlersPkg, "NewSMTPHandler"}, Options: GoName{HandlersPkg, "SMTPOptions"},
		Keys: []Key{
			{Name: "mailhost", Type: KeyAddress, Required: true, Check: checkMailhost, Go: func(v any) []GoField {
				return []GoField{{"Mailhost", hostPort(v.(Address))}}
			}},
			{Name: "fromaddr", Type: KeyString, Required: true, Field: "FromAddr"},
			{Name: "toaddrs", Type: KeyStringOrList, Required: true, Field: "ToAddrs", Check: checkNonEmptyList},
			{Name: "subject", Type: KeyString, Required: true, Field: "Subject"},
			{Name: "credentials", Type: KeyStringList, Default: "None", Go: credentialsField, Check: checkCredentials},
			{Name: "secure", Type: KeyStringList, Default: "None", Field: "Secure", Check: checkSecure},
			{Name: "timeout", Type: KeyFloat, Default: "5.0", Check: checkTimeout, Go: func(v any) []GoField {
				return []GoField{{"Timeout", time.Duration(math.Round(v.(float64) * 1e9))}}
			}},
		},
	},
	{
		Name: "logging.handlers.MemoryHandler",
		New:  GoName{HandlersPkg, "NewMemoryHandler"}, Options: GoName{HandlersPkg, "MemoryOptions"},
		Keys: []Key{
			{Name: "capacity", Type: KeyInt, Required: true, Field: "Capacity"},
			{Name: "flushLevel", Type: KeyLevel, Default: "ERROR", Field: "FlushLevel", Absent: level.ERROR},
			{Name: "target", Type: KeyHandlerID, Default: "None", Go: func(v any) []GoField {
				return []GoField{{"Target", HandlerRef(v.(string))}}
			}},
			{Name: "flushOnClose", Type: KeyBool, Default: "True", Field: "FlushOnClose", Absent: true},
		},
	},
	{
		Name: "logging.handlers.HTTPHandler", Fails: true,
		New: GoName{HandlersPkg, "NewHTTPHandler"}, Options: GoName{HandlersPkg, "HTTPOptions"},
		Keys: []Key{
			{Name: "host", Type: KeyString, Required: true, Field: "Host", Check: checkHostPort},
			{Name: "url", Type: KeyString, Required: true, Field: "URL", Check: checkURLPath},
			{Name: "method", Type: KeyString, Default: "'GET'", Field: "Method", Check: checkHTTPMethod},
			{Name: "secure", Type: KeyBool, Default: "False", Field: "Secure"},
			{Name: "credentials", Type: KeyStringList, Default: "None", Go: credentialsField, Check: checkCredentials},
			{Name: "context", Type: KeyString, Default: "None", Check: checkContext},
		},
	},
	{
		// Python 3.12's dictConfig keys for a QueueHandler, and loggen's
		// maxsize and when_full (see checkQueueSpec and the README).
		Name: "logging.handlers.QueueHandler",
		New:  GoName{HandlersPkg, "NewQueueHandler"}, Options: GoName{HandlersPkg, "QueueOptions"},
		Keys: []Key{
			{Name: "queue", Type: KeyString, Check: checkQueueSpec},
			{Name: "listener", Type: KeyString, NotParam: true, Check: checkQueueListener},
			{Name: "handlers", Type: KeyHandlerIDList, NotParam: true, Go: func(v any) []GoField {
				var refs []HandlerRef
				for _, id := range v.([]string) {
					refs = append(refs, HandlerRef(id))
				}
				return []GoField{{"Handlers", refs}}
			}},
			{Name: "respect_handler_level", Type: KeyBool, NotParam: true, Default: "False", Field: "RespectHandlerLevel"},
			{Name: "maxsize", Type: KeyInt, NotParam: true, Field: "MaxSize", Check: checkQueueMaxSize},
			{Name: "when_full", Type: KeyString, NotParam: true, Check: checkQueueWhenFull, Go: func(v any) []GoField {
				if v.(string) == "drop" {
					return []GoField{{"WhenFull", GoName{HandlersPkg, "QueueDrop"}}}
				}
				return nil // "block", the zero value
			}},
		},
	},
}

// socketKeys are the keys of SocketHandler and DatagramHandler. A null
// port is Python's None: host is then the path of a unix socket.
var socketKeys = []Key{
	{Name: "host", Type: KeyString, Required: true, Field: "Host"},
	{Name: "port", Type: KeyInt, Required: true, Nullable: true, Check: checkPort, Go: func(v any) []GoField {
		if v == nil {
			return []GoField{{"Unix", true}}
		}
		return []GoField{{"Port", v}}
	}},
}

// unsupportedClasses are handler classes that exist in Python's logging and
// logging.handlers modules but that loggen does not implement.
var unsupportedClasses = []string{
	"logging.Handler",
	"logging.handlers.BaseRotatingHandler",
	"logging.handlers.BufferingHandler",
	"logging.handlers.NTEventLogHandler",
}

// Key returns the keyword argument named name and whether the class takes it.
func (c *HandlerClass) Key(name string) (*Key, bool) {
	for i := range c.Keys {
		if c.Keys[i].Name == name {
			return &c.Keys[i], true
		}
	}
	return nil, false
}

// Params returns the names of the parameters of Python's constructor, in
// order: what fileConfig's args= gives positionally.
func (c *HandlerClass) Params() []string {
	names := []string{}
	for _, k := range c.Keys {
		if !k.NotParam {
			names = append(names, k.Name)
		}
	}
	return names
}

// GoFields returns the fields of h's options that its keys set, in the
// order of the class's keys, with Absent values for keys not given, and
// the constructor's argument, if the class takes one (nil otherwise).
func (h *Handler) GoFields() (fields []GoField, arg any) {
	for _, k := range h.Class.Keys {
		o, given := h.Option(k.Name)
		var fs []GoField
		switch {
		case !given && k.Absent != nil:
			fs = []GoField{{k.Field, k.Absent}}
		case !given:
		case k.Go != nil:
			fs = k.Go(o.Value)
		case k.Field != "" || k.Arg:
			fs = []GoField{{k.Field, o.Value}}
		}
		if k.Arg {
			if len(fs) > 0 {
				arg = fs[0].Value
			}
			continue
		}
		fields = append(fields, fs...)
	}
	return fields, arg
}

// LookupHandlerClass returns the class that name resolves to in Python, and
// whether loggen implements it. name may be spelled any way that
// DictConfigurator.resolve accepts: "logging.StreamHandler",
// "ext://logging.StreamHandler", "logging.handlers.logging.StreamHandler".
func LookupHandlerClass(name string) (*HandlerClass, bool) {
	canon, ok := canonicalName(name)
	if !ok {
		return nil, false
	}
	for _, c := range handlerClasses {
		if c.Name == canon {
			return c, true
		}
	}
	return nil, false
}

// HandlerClasses returns the classes loggen implements.
func HandlerClasses() []*HandlerClass { return handlerClasses }

// knownClassNames returns the canonical names of every handler class, both
// the implemented and the unsupported ones, for suggestions.
func knownClassNames() []string {
	var names []string
	for _, c := range handlerClasses {
		names = append(names, c.Name)
	}
	return append(names, unsupportedClasses...)
}

// isUnsupportedClass reports whether canon names a Python handler class that
// loggen does not implement.
func isUnsupportedClass(canon string) bool {
	for _, n := range unsupportedClasses {
		if n == canon {
			return true
		}
	}
	return false
}

// canonicalName resolves a dotted class name the way Python's
// BaseConfigurator.resolve does (import the first component, then getattr
// or import each next one) within the logging package, and returns the
// class's canonical name, "module.Class". Spellings through module
// re-exports resolve too: logging.handlers and logging.config import
// logging, so "logging.handlers.logging.FileHandler" is logging.FileHandler.
// An "ext://" prefix, which dictConfig converts before resolving, is
// accepted as well. It reports false for names outside the logging package.
func canonicalName(name string) (string, bool) {
	name = strings.TrimPrefix(name, "ext://")
	parts := strings.Split(name, ".")
	if len(parts) < 2 || parts[0] != "logging" {
		return "", false
	}
	module := "logging"
	for _, p := range parts[1 : len(parts)-1] {
		switch {
		case module == "logging" && (p == "handlers" || p == "config"):
			module = "logging." + p
		case module != "logging" && p == "logging":
			module = "logging"
		default:
			return "", false
		}
	}
	class := parts[len(parts)-1]
	if class == "" || module == "logging.config" {
		return "", false
	}
	return module + "." + class, true
}

// hostPort writes an address as "host", "host:port" or "[v6]:port".
func hostPort(a Address) string {
	if a.Host != "" {
		return net.JoinHostPort(a.Host, strconv.FormatInt(a.Port, 10))
	}
	return a.Str
}

// credentialsField converts a checked [username, password] list.
func credentialsField(v any) []GoField {
	c := v.([]string)
	return []GoField{{"Credentials", &[2]string{c[0], c[1]}}}
}

// sysLogAddressFields sets Address ("host:port") or Path (a unix socket).
func sysLogAddressFields(v any) []GoField {
	a := v.(Address)
	if a.Host != "" {
		return []GoField{{"Address", hostPort(a)}}
	}
	hostport, path := sysLogAddress(a.Str)
	if path != "" {
		return []GoField{{"Path", path}}
	}
	return []GoField{{"Address", hostport}}
}

// sysLogFacilityField sets Facility to the runtime's constant; user, the
// zero Facility, sets nothing.
func sysLogFacilityField(v any) []GoField {
	n, ok := sysLogFacility(v.(string))
	if !ok || n == 1 {
		return nil
	}
	return []GoField{{"Facility", GoName{HandlersPkg, sysLogFacilities[n].Const}}}
}

// String returns "pkg.Name".
func (n GoName) String() string { return fmt.Sprintf("%s.%s", n.Pkg, n.Name) }
