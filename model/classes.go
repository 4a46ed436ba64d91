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
	// Doc says what the class does, in a sentence, for the JSON Schema.
	Doc string
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
	// NullAbsent, for the keys of the sections (keys.go), reports that
	// null is taken as the key left out. A class's keyword argument
	// takes null so whenever it is not Required.
	NullAbsent bool
	// Names are the ext:// names Python resolves for the key, without the
	// ext:// prefix, and the values they stand for.
	Names map[string]any
	// Enum, if not empty, lists the values the key takes (as Type converts
	// them), each with what it means, and the JSON Schema lists them for
	// editors. The checker refuses other values, unless the key has a
	// Check: Check then decides alone (and every value of Enum passes it,
	// which a test checks).
	Enum []Choice
	// FoldCase makes Enum's strings match in any case, as Python's
	// constructor upper-cases the value (HTTPHandler's method).
	FoldCase bool
	// Doc says what the key does, in a sentence or two, for the JSON
	// Schema that editors show while a file is written (loggen schema).
	Doc string
}

// A Choice is one value of a key that takes a fixed set of values.
type Choice struct {
	Value any    // string or int64, as the key's Type converts it
	Doc   string // what it means; "" when the value says it
}

// checkEnum returns what is wrong with v, a value already converted to
// k.Type, when k takes a fixed set of values and v is not one of them:
// expected "a" (append), "w" (truncate) or "x" (create), got "r".
func (k *Key) checkEnum(v any) string {
	if len(k.Enum) == 0 {
		return ""
	}
	for _, c := range k.Enum {
		if c.Value == v {
			return ""
		}
		if s, ok := v.(string); ok && k.FoldCase {
			if cs, ok := c.Value.(string); ok && strings.EqualFold(cs, s) {
				return ""
			}
		}
	}
	var alts []string
	for _, c := range k.Enum {
		a := enumText(c.Value)
		if c.Doc != "" {
			a += " (" + c.Doc + ")"
		}
		alts = append(alts, a)
	}
	list := alts[0]
	if n := len(alts); n > 1 {
		list = strings.Join(alts[:n-1], ", ") + " or " + alts[n-1]
	}
	return fmt.Sprintf("expected %s, got %s", list, enumText(v))
}

// enumText writes a value of an Enum as messages show it: a string quoted,
// a number as it is.
func enumText(v any) string {
	if s, ok := v.(string); ok {
		return quote(s)
	}
	return fmt.Sprint(v)
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
	keyFilename = Key{Name: "filename", Type: KeyString, Required: true, Field: "Filename",
		Doc: "The file records are written to; a relative path is relative to the program's working directory."}
	keyMode = Key{Name: "mode", Type: KeyString, Default: "'a'", Field: "Mode",
		Enum: []Choice{{"a", "append"}, {"w", "truncate"}, {"x", "create"}},
		Doc:  "How the file is opened."}
	keyEncoding = Key{Name: "encoding", Type: KeyString, Default: "None", Field: "Encoding", Check: checkEncoding,
		Doc: "The file's encoding: loggen writes UTF-8 only, so utf-8 or one of its aliases (None and locale mean UTF-8 too)."}
	keyDelay = Key{Name: "delay", Type: KeyBool, Default: "False", Field: "Delay",
		Doc: "Open the file at the first record rather than when the configuration is applied."}
	keyErrors = Key{Name: "errors", Type: KeyString, Default: "None", Check: checkErrors,
		Enum: []Choice{{"strict", ""}},
		Doc:  "How encoding errors are handled: loggen handles only strict (leave it out)."}
)

// handlerClasses are the classes loggen implements, in the order of
// Python's documentation.
var handlerClasses = []*HandlerClass{
	{
		Name: "logging.StreamHandler",
		Doc:  "Writes each record, then a newline, to a stream.",
		New:  GoName{RuntimePkg, "NewStreamHandler"},
		Keys: []Key{
			{Name: "stream", Type: KeyStream, Default: "sys.stderr", Arg: true, Absent: Stderr,
				Doc: "The stream: ext://sys.stderr (the default), ext://sys.stdout, or ext://importpath.Name, a Go io.Writer variable or func() io.Writer."},
		},
	},
	{
		// buffered, flushInterval and flushLevel are loggen's: records
		// are written in batches (see runtime.FileOptions.Buffered).
		Name: "logging.FileHandler", Fails: true,
		Doc: "Writes each record, then a newline, to a file.",
		New: GoName{RuntimePkg, "NewFileHandler"}, Options: GoName{RuntimePkg, "FileOptions"},
		Keys: []Key{keyFilename, keyMode, keyEncoding, keyDelay, keyErrors,
			{Name: "buffered", Type: KeyBool, NotParam: true, Default: "False", Field: "Buffered",
				Doc: "loggen's: write records in batches (at flushInterval, at flushLevel, per 64 KiB and at shutdown) instead of one write per record; CPython does not take it (put it in loggen's section)."},
			{Name: "flushInterval", Type: KeyFloat, NotParam: true, Default: "1.0", Check: checkTimeout,
				Doc: "loggen's: with buffered, the longest a record waits in the buffer, in seconds.", Go: func(v any) []GoField {
					return []GoField{{"FlushInterval", time.Duration(math.Round(v.(float64) * 1e9))}}
				}},
			{Name: "flushLevel", Type: KeyLevel, NotParam: true, Default: "ERROR", Field: "FlushLevel", Check: checkFlushLevel,
				Doc: "loggen's: with buffered, a record at this level or above is written at once, with those before it."},
		},
	},
	{
		Name: "logging.NullHandler",
		Doc:  "Does nothing with records: it keeps them from the last resort.",
		New:  GoName{RuntimePkg, "NewNullHandler"},
	},
	{
		Name: "logging.handlers.WatchedFileHandler", Fails: true,
		Doc: "A FileHandler that reopens its file when the file was moved or deleted (by logrotate).",
		New: GoName{HandlersPkg, "NewWatchedFileHandler"}, Options: GoName{RuntimePkg, "FileOptions"},
		Keys: []Key{keyFilename, keyMode, keyEncoding, keyDelay, keyErrors},
	},
	{
		Name: "logging.handlers.RotatingFileHandler", Fails: true,
		Doc: "A FileHandler that renames its file to .1, .2 … when the file would grow past maxBytes.",
		New: GoName{HandlersPkg, "NewRotatingFileHandler"}, Options: GoName{HandlersPkg, "RotatingFileOptions"},
		Keys: []Key{
			keyFilename, keyMode,
			{Name: "maxBytes", Type: KeyInt, Default: "0", Field: "MaxBytes",
				Doc: "Roll over before a record would take the file to this size in bytes; 0 never rolls over. A value above 0 makes mode a."},
			{Name: "backupCount", Type: KeyInt, Default: "0", Field: "BackupCount",
				Doc: "How many old files (.1 … .N) are kept; with 0 the file is never renamed."},
			keyEncoding, keyDelay, keyErrors,
		},
	},
	{
		// Python's constructor has no mode: it always appends.
		Name: "logging.handlers.TimedRotatingFileHandler", Fails: true,
		Doc: "A FileHandler that renames its file with a date suffix at intervals of time, and deletes the oldest.",
		New: GoName{HandlersPkg, "NewTimedRotatingFileHandler"}, Options: GoName{HandlersPkg, "TimedRotatingFileOptions"},
		Keys: []Key{
			keyFilename,
			{Name: "when", Type: KeyString, Default: "'h'", Field: "When", Check: checkWhen, FoldCase: true,
				Enum: []Choice{{"S", "seconds"}, {"M", "minutes"}, {"H", "hours"}, {"D", "days"}, {"midnight", "at midnight, or atTime"},
					{"W0", "Mondays"}, {"W1", "Tuesdays"}, {"W2", "Wednesdays"}, {"W3", "Thursdays"}, {"W4", "Fridays"}, {"W5", "Saturdays"}, {"W6", "Sundays"}},
				Doc: "The unit of interval, in any case."},
			{Name: "interval", Type: KeyInt, Default: "1", Field: "Interval", Check: checkInterval,
				Doc: "How many units of when pass between rollovers (above 0)."},
			{Name: "backupCount", Type: KeyInt, Default: "0", Field: "BackupCount",
				Doc: "How many old files are kept; 0 keeps them all."},
			keyEncoding, keyDelay,
			{Name: "utc", Type: KeyBool, Default: "False", Field: "UTC",
				Doc: "Compute rollover times and suffixes in UTC rather than local time."},
			// Python takes a datetime.time, which neither YAML nor JSON
			// can spell; loggen takes "HH:MM" or "HH:MM:SS". Python reads
			// it only for midnight and W0 … W6 rollovers.
			{Name: "atTime", Type: KeyString, Default: "None", Field: "AtTime", Check: checkAtTime,
				Doc: `The time of day of midnight and W0 … W6 rollovers, "HH:MM" or "HH:MM:SS" (Python takes a datetime.time).`},
			keyErrors,
		},
	},
	{
		Name: "logging.handlers.SocketHandler",
		Doc:  "Sends each record, pickled as CPython does, over TCP to a receiver such as Python's logging cookbook server.",
		New:  GoName{HandlersPkg, "NewSocketHandler"}, Options: GoName{HandlersPkg, "SocketOptions"},
		Keys: socketKeys,
	},
	{
		Name: "logging.handlers.DatagramHandler",
		Doc:  "Sends each record, pickled as CPython does, in a UDP datagram.",
		New:  GoName{HandlersPkg, "NewDatagramHandler"}, Options: GoName{HandlersPkg, "SocketOptions"},
		Keys: socketKeys,
	},
	{
		// address is Python's [host, port] list or a unix socket path;
		// loggen also takes "host:port". ident and append_nul are
		// attributes in Python; rfc5424, appname, msgid and hostname are
		// loggen's.
		Name: "logging.handlers.SysLogHandler", Fails: true,
		Doc: "Sends each record to a syslog daemon, over UDP, TCP or a unix socket.",
		New: GoName{HandlersPkg, "NewSysLogHandler"}, Options: GoName{HandlersPkg, "SysLogOptions"},
		Keys: []Key{
			{Name: "address", Type: KeyAddress, Default: "('localhost', 514)", Go: sysLogAddressFields, Check: checkSysLogAddress,
				Doc: `The daemon: [host, port], "host:port", or the path of a unix socket such as /dev/log.`},
			{Name: "facility", Type: KeyNameOrInt, Default: "LOG_USER", Go: sysLogFacilityField, Check: checkSysLogFacility,
				Enum: sysLogFacilityChoices(),
				Doc:  "The syslog facility, by name or number."},
			{Name: "socktype", Type: KeyInt, Default: "None", Field: "SockType",
				Names: map[string]any{"socket.SOCK_STREAM": int64(1), "socket.SOCK_DGRAM": int64(2)},
				Enum:  []Choice{{int64(1), "SOCK_STREAM, TCP"}, {int64(2), "SOCK_DGRAM, UDP"}},
				Doc:   "TCP (1 or ext://socket.SOCK_STREAM) or UDP (2 or ext://socket.SOCK_DGRAM); by default UDP to a host, and whichever a unix socket takes."},
			{Name: "ident", Type: KeyString, NotParam: true, Default: "''", Field: "Ident",
				Doc: "Text put before every message (an attribute in Python)."},
			{Name: "append_nul", Type: KeyBool, NotParam: true, Default: "True", Go: func(v any) []GoField {
				return []GoField{{"OmitNUL", !v.(bool)}}
			}, Doc: "End every message with a NUL byte, as Python does unless told not to (an attribute in Python)."},
			{Name: "rfc5424", Type: KeyBool, NotParam: true, Field: "RFC5424",
				Doc: "loggen: write RFC 5424 messages (with octet counting on TCP) instead of Python's format."},
			{Name: "appname", Type: KeyString, NotParam: true, Field: "AppName",
				Doc: "loggen: the APP-NAME of RFC 5424 messages."},
			{Name: "msgid", Type: KeyString, NotParam: true, Field: "MsgID",
				Doc: "loggen: the MSGID of RFC 5424 messages."},
			{Name: "hostname", Type: KeyString, NotParam: true, Field: "Hostname",
				Doc: "loggen: the HOSTNAME of RFC 5424 messages (default: the machine's)."},
		},
	},
	{
		Name: "logging.handlers.SMTPHandler", Fails: true,
		Doc: "Mails each record.",
		New: GoName{HandlersPkg, "NewSMTPHandler"}, Options: GoName{HandlersPkg, "SMTPOptions"},
		Keys: []Key{
			{Name: "mailhost", Type: KeyAddress, Required: true, Check: checkMailhost, Go: func(v any) []GoField {
				return []GoField{{"Mailhost", hostPort(v.(Address))}}
			}, Doc: `The SMTP server: host, "host:port" or [host, port].`},
			{Name: "fromaddr", Type: KeyString, Required: true, Field: "FromAddr",
				Doc: "The sender's address."},
			{Name: "toaddrs", Type: KeyStringOrList, Required: true, Field: "ToAddrs", Check: checkNonEmptyList,
				Doc: "The recipients: a list of addresses, or one address."},
			{Name: "subject", Type: KeyString, Required: true, Field: "Subject",
				Doc: "The subject of every mail."},
			{Name: "credentials", Type: KeyStringList, Default: "None", Go: credentialsField, Check: checkCredentials,
				Doc: "[username, password] to log in with."},
			{Name: "secure", Type: KeyStringList, Default: "None", Field: "Secure", Check: checkSecure,
				Doc: "With credentials: use STARTTLS; [], [keyfile] or [keyfile, certfile]. loggen verifies the server's certificate."},
			{Name: "timeout", Type: KeyFloat, Default: "5.0", Check: checkTimeout, Go: func(v any) []GoField {
				return []GoField{{"Timeout", time.Duration(math.Round(v.(float64) * 1e9))}}
			}, Doc: "Seconds that connecting and sending may take."},
		},
	},
	{
		Name: "logging.handlers.MemoryHandler",
		Doc:  "Keeps records in a buffer and flushes them into target when the buffer is full or a record reaches flushLevel.",
		New:  GoName{HandlersPkg, "NewMemoryHandler"}, Options: GoName{HandlersPkg, "MemoryOptions"},
		Keys: []Key{
			{Name: "capacity", Type: KeyInt, Required: true, Field: "Capacity",
				Doc: "How many records the buffer holds before it is flushed."},
			{Name: "flushLevel", Type: KeyLevel, Default: "ERROR", Field: "FlushLevel", Absent: level.ERROR,
				Doc: "A record at this level or above flushes the buffer at once."},
			{Name: "target", Type: KeyHandlerID, Default: "None", Go: func(v any) []GoField {
				return []GoField{{"Target", HandlerRef(v.(string))}}
			}, Doc: "The id of the handler the buffer is flushed into: its filters apply, its level does not. Without it, flushing discards the records."},
			{Name: "flushOnClose", Type: KeyBool, Default: "True", Field: "FlushOnClose", Absent: true,
				Doc: "Flush the buffer into target when the handler is closed."},
		},
	},
	{
		Name: "logging.handlers.HTTPHandler", Fails: true,
		Doc: "Sends each record's attributes, urlencoded, to a web server.",
		New: GoName{HandlersPkg, "NewHTTPHandler"}, Options: GoName{HandlersPkg, "HTTPOptions"},
		Keys: []Key{
			{Name: "host", Type: KeyString, Required: true, Field: "Host", Check: checkHostPort,
				Doc: `The server: "host" or "host:port".`},
			{Name: "url", Type: KeyString, Required: true, Field: "URL", Check: checkURLPath,
				Doc: "The path the records are sent to, starting with /."},
			{Name: "method", Type: KeyString, Default: "'GET'", Field: "Method", FoldCase: true,
				Enum: []Choice{{"GET", ""}, {"POST", ""}},
				Doc:  "GET (the record in the query string) or POST (in the body), in any case."},
			{Name: "secure", Type: KeyBool, Default: "False", Field: "Secure",
				Doc: "Use HTTPS."},
			{Name: "credentials", Type: KeyStringList, Default: "None", Go: credentialsField, Check: checkCredentials,
				Doc: "[username, password] for basic authentication."},
			{Name: "context", Type: KeyString, Default: "None", Check: checkContext,
				Doc: "Python's ssl.SSLContext: not supported (loggen verifies servers with the system's roots); leave it out."},
		},
	},
	{
		// Python 3.12's dictConfig keys for a QueueHandler, and loggen's
		// maxsize and when_full (see checkQueueSpec and the README).
		Name: "logging.handlers.QueueHandler",
		Doc:  "Puts each record on a queue; a listener goroutine passes it to handlers, so the caller only formats and enqueues.",
		New:  GoName{HandlersPkg, "NewQueueHandler"}, Options: GoName{HandlersPkg, "QueueOptions"},
		Keys: []Key{
			{Name: "queue", Type: KeyString, Check: checkQueueSpec,
				Doc: "A Python queue or queue factory: not supported (loggen's queue is a bounded channel; set maxsize); leave it out."},
			{Name: "listener", Type: KeyString, NotParam: true, Check: checkQueueListener,
				Doc: "The listener class: only logging.handlers.QueueListener, the default."},
			{Name: "handlers", Type: KeyHandlerIDList, NotParam: true, Go: func(v any) []GoField {
				var refs []HandlerRef
				for _, id := range v.([]string) {
					refs = append(refs, HandlerRef(id))
				}
				return []GoField{{"Handlers", refs}}
			}, Doc: "The ids of the handlers the listener passes each record to."},
			{Name: "respect_handler_level", Type: KeyBool, NotParam: true, Default: "False", Field: "RespectHandlerLevel",
				Doc: "The listener passes a record only to the handlers whose level it reaches (by default to all)."},
			{Name: "maxsize", Type: KeyInt, NotParam: true, Field: "MaxSize", Check: checkQueueMaxSize,
				Doc: "loggen: how many records the queue holds, 1 to 1073741824 (default 10000)."},
			{Name: "when_full", Type: KeyString, NotParam: true, Go: func(v any) []GoField {
				if v.(string) == "drop" {
					return []GoField{{"WhenFull", GoName{HandlersPkg, "QueueDrop"}}}
				}
				return nil // "block", the zero value
			}, Enum: []Choice{{"block", "wait for room"}, {"drop", "discard and count"}},
				Doc: "loggen: what a log call does when the queue is full (default block)."},
		},
	},
}

// socketKeys are the keys of SocketHandler and DatagramHandler. A null
// port is Python's None: host is then the path of a unix socket.
var socketKeys = []Key{
	{Name: "host", Type: KeyString, Required: true, Field: "Host",
		Doc: "The receiver's host name or address; with port null, the path of a unix socket."},
	{Name: "port", Type: KeyInt, Required: true, Nullable: true, Check: checkPort, Go: func(v any) []GoField {
		if v == nil {
			return []GoField{{"Unix", true}}
		}
		return []GoField{{"Port", v}}
	}, Doc: "The receiver's port, or null to make host a unix socket path."},
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
