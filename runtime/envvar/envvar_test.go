package envvar

import (
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/loggen/loggen/runtime/level"
)

func TestParseRef(t *testing.T) {
	for _, c := range []struct {
		in         string
		isEnv      bool
		name, def  string
		hasDefault bool
		errOff     int // -1: no error
	}{
		{"INFO", false, "", "", false, -1},
		{"ext://sys.stdout", false, "", "", false, -1},
		{"ENV://X", false, "", "", false, -1},
		{"env://LOG_LEVEL", true, "LOG_LEVEL", "", false, -1},
		{"env://_x9", true, "_x9", "", false, -1},
		{"env://LOG_LEVEL:-INFO", true, "LOG_LEVEL", "INFO", true, -1},
		{"env://F:-", true, "F", "", true, -1},
		{"env://F:-a:-b c", true, "F", "a:-b c", true, -1},
		{"env://", true, "", "", false, 6},
		{"env://9X", true, "", "", false, 6},
		{"env://{X}", true, "", "", false, 6},
		{"env://LOG-LEVEL", true, "", "", false, 9},
		{"env://LOG.LEVEL", true, "", "", false, 9},
		{"env://X:INFO", true, "", "", false, 7},
		{"env://X-INFO", true, "", "", false, 7},
		{"env://X é", true, "", "", false, 7},
	} {
		v, ok, err := ParseRef(c.in)
		if ok != c.isEnv {
			t.Errorf("ParseRef(%q): ok = %v, want %v", c.in, ok, c.isEnv)
			continue
		}
		if c.errOff >= 0 {
			if err == nil || err.Off != c.errOff {
				t.Errorf("ParseRef(%q): error %v, want one at offset %d", c.in, err, c.errOff)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseRef(%q): %v", c.in, err)
			continue
		}
		if v.Name != c.name || v.Default != c.def || v.HasDefault != c.hasDefault {
			t.Errorf("ParseRef(%q) = %+v, want name %q default %q (%v)", c.in, v, c.name, c.def, c.hasDefault)
		}
		if ok && v.String() != c.in {
			t.Errorf("ParseRef(%q).String() = %q", c.in, v.String())
		}
	}
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		t    Type
		in   string
		want any // nil: refused
	}{
		{TypeString, "", ""},
		{TypeString, " a b ", " a b "},
		{TypePath, "app.log", "app.log"},
		{TypePath, "", nil},
		{TypeInt, "1048576", int64(1048576)},
		{TypeInt, "-1", int64(-1)},
		{TypeInt, "+7", int64(7)},
		{TypeInt, "1e6", nil},
		{TypeInt, "1_000", nil},
		{TypeInt, " 1", nil},
		{TypeInt, "0x10", nil},
		{TypeInt, "9223372036854775808", nil},
		{TypePort, "0", int64(0)},
		{TypePort, "65535", int64(65535)},
		{TypePort, "65536", nil},
		{TypePort, "-1", nil},
		{TypePositive, "1", int64(1)},
		{TypePositive, "0", nil},
		{TypeBool, "true", true},
		{TypeBool, "YES", true},
		{TypeBool, "On", true},
		{TypeBool, "1", true},
		{TypeBool, "False", false},
		{TypeBool, "no", false},
		{TypeBool, "OFF", false},
		{TypeBool, "0", false},
		{TypeBool, "y", nil},
		{TypeBool, "2", nil},
		{TypeLevel, "DEBUG", level.DEBUG},
		{TypeLevel, "WARN", level.WARNING},
		{TypeLevel, "25", level.Level(25)},
		{TypeLevel, "-3", level.Level(-3)},
		{TypeLevel, "debug", nil},
		{TypeLevel, "Level 25", nil},
		{TypeSeconds, "2.5", 2.5},
		{TypeSeconds, "10", 10.0},
		{TypeSeconds, "0", nil},
		{TypeSeconds, "-1", nil},
		{TypeSeconds, "NaN", nil},
		{TypeSeconds, "1e300", nil},
		{TypeHostPort, "smtp.example.com", "smtp.example.com"},
		{TypeHostPort, "127.0.0.1:2525", "127.0.0.1:2525"},
		{TypeHostPort, "[::1]:25", "[::1]:25"},
		{TypeHostPort, "::1", "::1"},
		{TypeHostPort, "host:", nil},
		{TypeHostPort, "host:x", nil},
		{TypeHostPort, "host:70000", nil},
		{TypeHostPort, "", nil},
		{TypeFileMode, "a", "a"},
		{TypeFileMode, "w", "w"},
		{TypeFileMode, "x", "x"},
		{TypeFileMode, "W", nil},
		{TypeFileMode, "ab", nil},
		{TypeFileMode, "", nil},
		{TypeWhen, "midnight", "midnight"},
		{TypeWhen, "h", "h"},
		{TypeWhen, "W6", "W6"},
		{TypeWhen, "w0", "w0"},
		{TypeWhen, "W7", nil},
		{TypeWhen, "W", nil},
		{TypeWhen, "hour", nil},
		{TypeWhen, "", nil},
		{TypeHTTPMethod, "post", "post"},
		{TypeHTTPMethod, "GET", "GET"},
		{TypeHTTPMethod, "PUT", nil},
		{TypeURLPath, "/log", "/log"},
		{TypeURLPath, "log", nil},
		{TypeURLPath, "", nil},
	} {
		got, ok := c.t.Parse(c.in)
		if c.want == nil {
			if ok {
				t.Errorf("%s: Parse(%q) = %v, want it refused", c.t.Want(), c.in, got)
			}
			continue
		}
		if !ok || got != c.want {
			t.Errorf("%s: Parse(%q) = %v, %v; want %v", c.t.Want(), c.in, got, ok, c.want)
		}
	}
}

// TestSet reads variables as generated code does, under different
// environments, and checks the values set and the messages.
func TestSet(t *testing.T) {
	at := func(v Var) Var {
		v.Key, v.Pos = `handler "file": maxBytes`, "logging.yaml:12:15"
		return v
	}
	t.Run("value", func(t *testing.T) {
		t.Setenv("LOGGEN_T", "4096")
		var n int64 = 1
		if err := SetInt(&n, at(Var{Name: "LOGGEN_T", Type: TypeInt})); err != nil || n != 4096 {
			t.Errorf("n = %d, %v; want 4096", n, err)
		}
	})
	t.Run("default when unset", func(t *testing.T) {
		var n int
		if err := SetInt(&n, at(Var{Name: "LOGGEN_UNSET", Default: "7", HasDefault: true, Type: TypeInt})); err != nil || n != 7 {
			t.Errorf("n = %d, %v; want 7", n, err)
		}
	})
	t.Run("default when empty", func(t *testing.T) {
		t.Setenv("LOGGEN_T", "")
		var s string
		if err := SetString(&s, at(Var{Name: "LOGGEN_T", Default: "app.log", HasDefault: true, Type: TypePath})); err != nil || s != "app.log" {
			t.Errorf("s = %q, %v; want app.log", s, err)
		}
	})
	t.Run("empty string", func(t *testing.T) {
		t.Setenv("LOGGEN_T", "")
		s := "x"
		if err := SetString(&s, at(Var{Name: "LOGGEN_T", Type: TypeString})); err != nil || s != "" {
			t.Errorf("s = %q, %v; want the empty string", s, err)
		}
	})
	for _, c := range []struct {
		name, env string // env "-": unset
		v         Var
		set       func(Var) error
		want      string
	}{
		{"unset", "-", Var{Name: "LOGGEN_T", Type: TypeInt}, func(v Var) error { var n int64; return SetInt(&n, v) },
			`logging.yaml:12:15: handler "file": maxBytes: environment variable LOGGEN_T is not set, and env://LOGGEN_T gives no default: expected an integer in decimal`},
		{"empty", "", Var{Name: "LOGGEN_T", Type: TypePath}, func(v Var) error { var s string; return SetString(&s, v) },
			`logging.yaml:12:15: handler "file": maxBytes: environment variable LOGGEN_T is empty, and env://LOGGEN_T gives no default: expected a file name (not empty)`},
		{"bad", "1e6", Var{Name: "LOGGEN_T", Type: TypeInt}, func(v Var) error { var n int64; return SetInt(&n, v) },
			`logging.yaml:12:15: handler "file": maxBytes: environment variable LOGGEN_T is "1e6": expected an integer in decimal`},
		{"range", "300", Var{Name: "LOGGEN_T", Type: TypeInt}, func(v Var) error { var n int8; return SetInt(&n, v) },
			`logging.yaml:12:15: handler "file": maxBytes: environment variable LOGGEN_T is "300": out of range: expected an integer from -128 to 127`},
		{"unsigned", "-1", Var{Name: "LOGGEN_T", Type: TypeInt}, func(v Var) error { var n uint16; return SetInt(&n, v) },
			`logging.yaml:12:15: handler "file": maxBytes: environment variable LOGGEN_T is "-1": out of range: expected an integer from 0 to 65535`},
		{"level case", "debug", Var{Name: "LOGGEN_T", Type: TypeLevel}, func(v Var) error { var l level.Level; return SetLevel(&l, v) },
			`logging.yaml:12:15: handler "file": maxBytes: environment variable LOGGEN_T is "debug": expected a level name (NOTSET, DEBUG, INFO, WARN, WARNING, ERROR, CRITICAL, FATAL) or an integer (level names are case-sensitive: "DEBUG")`},
		{"bool", "maybe", Var{Name: "LOGGEN_T", Type: TypeBool}, func(v Var) error { var b bool; return SetBool(&b, v) },
			`logging.yaml:12:15: handler "file": maxBytes: environment variable LOGGEN_T is "maybe": expected a boolean: true or false (also yes/no, on/off, 1/0, in any case)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.env != "-" {
				t.Setenv("LOGGEN_T", c.env)
			}
			err := c.set(at(c.v))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want an *Error", err, err)
			}
			if err.Error() != c.want {
				t.Errorf("error\n%s\nwant\n%s", err, c.want)
			}
		})
	}
}

func TestSetKinds(t *testing.T) {
	t.Setenv("LOGGEN_B", "on")
	t.Setenv("LOGGEN_D", "2.5")
	t.Setenv("LOGGEN_L", "WARN")
	type flag bool
	var b flag
	var d time.Duration
	var l level.Level
	if err := SetBool(&b, Var{Name: "LOGGEN_B", Type: TypeBool}); err != nil || !b {
		t.Errorf("b = %v, %v", b, err)
	}
	if err := SetDuration(&d, Var{Name: "LOGGEN_D", Type: TypeSeconds}); err != nil || d != 2500*time.Millisecond {
		t.Errorf("d = %v, %v", d, err)
	}
	if err := SetLevel(&l, Var{Name: "LOGGEN_L", Type: TypeLevel}); err != nil || l != level.WARNING {
		t.Errorf("l = %v, %v", l, err)
	}
	// A setter of the wrong type is the caller's mistake, not an *Error.
	var s string
	err := SetString(&s, Var{Name: "LOGGEN_L", Type: TypeLevel, Pos: "a.yaml:1:1", Key: "root: level"})
	var e *Error
	if err == nil || errors.As(err, &e) {
		t.Errorf("SetString with a level: %v, want a plain error", err)
	}
}

func TestIntRange(t *testing.T) {
	for got, want := range map[string]string{
		intRange[int8]():   "-128 to 127",
		intRange[uint8]():  "0 to 255",
		intRange[int32]():  "-2147483648 to 2147483647",
		intRange[uint32](): "0 to 4294967295",
		intRange[int64]():  "-9223372036854775808 to 9223372036854775807",
		intRange[uint64](): "0 to 18446744073709551615",
	} {
		if got != want {
			t.Errorf("intRange = %q, want %q", got, want)
		}
	}
}

// TestTypes checks that every type has a description, a constant name and
// a setter, which generated code names.
func TestTypes(t *testing.T) {
	for ty := TypeString; ty <= TypeURLPath; ty++ {
		if strings.Contains(ty.Want(), "unknown") || strings.HasPrefix(ty.String(), "Type(") || ty.Setter() == "" {
			t.Errorf("type %d: Want %q, String %q, Setter %q", ty, ty.Want(), ty.String(), ty.Setter())
		}
	}
	if ty := TypeURLPath + 1; !strings.HasPrefix(ty.String(), "Type(") {
		t.Errorf("TypeURLPath is not the last type: add %s to this test's loop", ty)
	}
}

// FuzzSplitHostPort checks that splitHostPort splits as net.SplitHostPort,
// which the generator uses to check the default of a host:port value.
func FuzzSplitHostPort(f *testing.F) {
	for _, s := range []string{"", "h", "h:", "h:1", ":1", "[::1]:25", "[::1]", "::1", "a:b:c", "[a]b:1", "[a:1", "a]:1", "[[a]]:1", "[a]:1]", "[a]:[1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		host, port, ok := splitHostPort(s)
		wantHost, wantPort, err := net.SplitHostPort(s)
		if ok != (err == nil) || ok && (host != wantHost || port != wantPort) {
			t.Errorf("splitHostPort(%q) = %q, %q, %v; net.SplitHostPort: %q, %q, %v", s, host, port, ok, wantHost, wantPort, err)
		}
	})
}
