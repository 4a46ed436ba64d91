package model

import (
	"strconv"
	"testing"

	"github.com/loggen/loggen/runtime/envvar"
)

// TestEnvValues checks what the checker makes of env:// values that it
// takes: levels, handler options (GoFields sets the key's field to the
// reference) and, in an INI file, a level and strings in args= and kwargs=.
func TestEnvValues(t *testing.T) {
	cfg, err := Parse("logging.yaml", []byte(`version: 1
handlers:
  file:
    class: logging.handlers.RotatingFileHandler
    filename: env://LOG_FILE:-app.log
    maxBytes: env://LOG_MAX_BYTES
    level: env://FILE_LEVEL:-DEBUG
  sock:
    class: logging.handlers.SocketHandler
    host: localhost
    port: env://LOG_PORT:-9020
loggers:
  app:
    level: env://APP_LEVEL
    handlers: [file]
root:
  level: 'env://LOG_LEVEL:-25'
`))
	if err != nil {
		t.Fatal(err)
	}
	ref := func(v any) envvar.Var {
		t.Helper()
		r, ok := v.(*EnvRef)
		if !ok {
			t.Fatalf("%v (%T) is not an *EnvRef", v, v)
		}
		return r.Var
	}
	file, sock := cfg.Handlers[0], cfg.Handlers[1]
	if got := ref(file.Level.Env); got != (envvar.Var{Name: "FILE_LEVEL", Default: "DEBUG", HasDefault: true, Type: envvar.TypeLevel, Key: `handler "file": level`}) {
		t.Errorf("file's level: %+v", got)
	}
	fields, _ := file.GoFields()
	want := map[string]envvar.Var{
		"Filename": {Name: "LOG_FILE", Default: "app.log", HasDefault: true, Type: envvar.TypePath, Key: `handler "file": filename`},
		"MaxBytes": {Name: "LOG_MAX_BYTES", Type: envvar.TypeInt, Key: `handler "file": maxBytes`},
	}
	for _, f := range fields {
		if w, ok := want[f.Name]; ok {
			if got := ref(f.Value); got != w {
				t.Errorf("field %s: %+v, want %+v", f.Name, got, w)
			}
			delete(want, f.Name)
		}
	}
	if len(want) > 0 {
		t.Errorf("fields %v not set", want)
	}
	// The port's Go conversion (null: a unix socket) is skipped: the
	// variable sets Port.
	fields, _ = sock.GoFields()
	if len(fields) != 2 || fields[1].Name != "Port" || ref(fields[1].Value).Type != envvar.TypePort {
		t.Errorf("socket fields %+v, want Host and Port from LOG_PORT", fields)
	}
	if app := cfg.Loggers[0]; ref(app.Level.Env) != (envvar.Var{Name: "APP_LEVEL", Type: envvar.TypeLevel, Key: `logger "app": level`}) {
		t.Errorf("logger app's level %+v", app.Level)
	}
	if r := cfg.Root.Level.Env; r == nil || r.Pos != (Pos{"logging.yaml", 17, 10}) || r.Var.Default != "25" {
		t.Errorf("root's level %+v", cfg.Root.Level)
	}

	cfg, err = Parse("logging.ini", []byte(`[loggers]
keys=root

[handlers]
keys=file,sock

[formatters]
keys=

[logger_root]
level=env://LOG_LEVEL:-INFO
handlers=file,sock

[handler_file]
class=handlers.RotatingFileHandler
args=('env://LOG_FILE:-app.log', 'a', 'env://LOG_MAX_BYTES:-1048576')

[handler_sock]
class=handlers.SocketHandler
args=('localhost',)
kwargs={'port': 'env://LOG_PORT:-9020'}
`))
	if err != nil {
		t.Fatal(err)
	}
	if r := cfg.Root.Level.Env; r == nil || r.Var.Name != "LOG_LEVEL" || r.Pos != (Pos{"logging.ini", 11, 7}) {
		t.Errorf("root's level %+v", cfg.Root.Level)
	}
	for _, c := range []struct {
		h    int
		key  string
		name string
		pos  Pos
	}{
		{0, "filename", "LOG_FILE", Pos{"logging.ini", 16, 7}},
		{0, "maxBytes", "LOG_MAX_BYTES", Pos{"logging.ini", 16, 39}},
		{1, "port", "LOG_PORT", Pos{"logging.ini", 21, 17}},
	} {
		o, ok := cfg.Handlers[c.h].Option(c.key)
		if r, isRef := o.Value.(*EnvRef); !ok || !isRef || r.Var.Name != c.name || r.Pos != c.pos {
			t.Errorf("handler %s: %s = %+v", cfg.Handlers[c.h].ID, c.key, o)
		}
	}
}

// TestEnvTypesAgreeWithChecks checks, for every handler key that takes
// env:// and has a check of its own, that the type the generated code reads
// the variable with accepts what the check accepts, and nothing else: a
// value is refused when the code is generated exactly when it would be
// refused when the configuration is applied.
func TestEnvTypesAgreeWithChecks(t *testing.T) {
	samples := []string{"", "0", "1", "-1", "2", "65535", "65536", "2.5", "1e300", "-0.5", "NaN",
		"h", "h:", "h:1", "h:x", "h:70000", "[::1]:25", "::1", "a:b:c", "/path",
		"a", "w", "x", "A", "ab", "S", "m", "D", "midnight", "MIDNIGHT", "w0", "W6", "W7", "W", "W01",
		"get", "POST", "PUT", "/", "log"}
	for _, cls := range HandlerClasses() {
		for _, k := range cls.Keys {
			check := k.Check
			if check == nil && len(k.Enum) > 0 {
				check = k.checkEnum
			}
			if k.Env == 0 || check == nil {
				continue
			}
			for _, s := range samples {
				_, runOK := k.Env.Parse(s)
				var v any
				genOK := true
				switch k.Type {
				case KeyInt:
					i, err := strconv.ParseInt(s, 10, 64)
					v, genOK = i, err == nil
				case KeyFloat:
					f, err := strconv.ParseFloat(s, 64)
					v, genOK = f, err == nil
				case KeyString:
					v = s
				case KeyAddress:
					v = Address{Str: s}
				default:
					t.Fatalf("%s: %s: add key type %d to this test", cls.Name, k.Name, k.Type)
				}
				genOK = genOK && check(v) == ""
				if runOK != genOK {
					t.Errorf("%s: %s: %q is accepted when the configuration is applied: %v, when the code is generated: %v", cls.Name, k.Name, s, runOK, genOK)
				}
			}
		}
	}
}
