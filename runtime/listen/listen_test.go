package listen_test

import (
	"bytes"
	"encoding/binary"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/listen"
)

// calls makes the log calls of testdata/ref.py's calls().
func calls() {
	app := logging.Get("app")
	db := logging.Get("app.db")
	other := logging.Get("other")
	app.Debugf("debug %d", 1)
	app.Infof("info %s", "x")
	db.Warning("db warning")
	db.Debug("db debug")
	other.Warning("other warning")
	other.Info("other info")
	logging.Root().Error("root error")
	logging.Get("app.db.filtered").Critical("critical")
}

// A run is a listener with channels that tell what it did.
type run struct {
	l       *listen.Listener
	applied chan struct{}
	failed  chan error
}

func start(t *testing.T, o listen.Options) *run {
	t.Helper()
	r := &run{applied: make(chan struct{}, 8), failed: make(chan error, 8)}
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	o.OnApply = func() { r.applied <- struct{}{} }
	o.OnError = func(err error) { r.failed <- err }
	l, err := listen.Listen(o)
	if err != nil {
		t.Fatal(err)
	}
	r.l = l
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Error(err)
		}
	})
	return r
}

// send sends data as Python's documented client does, with Go.
func (r *run) send(t *testing.T, data []byte) {
	t.Helper()
	c, err := net.Dial("tcp", r.l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	if _, err := c.Write(append(n[:], data...)); err != nil {
		t.Fatal(err)
	}
}

// wait returns nil when the listener applied a configuration, or the
// error it reported.
func (r *run) wait(t *testing.T) error {
	t.Helper()
	select {
	case <-r.applied:
		return nil
	case err := <-r.failed:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("the listener neither applied nor refused the configuration")
		return nil
	}
}

func python(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH: the listener is not checked against CPython here")
	}
	return p
}

// resetLogging puts the logging tree back to no handlers and WARNING.
func resetLogging(t *testing.T) {
	t.Helper()
	err := logging.Configure(&logging.Config{
		DisableExistingLoggers: false,
		Root:                   &logging.LoggerConfig{Level: logging.WARNING, LevelSet: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"app", "app.db", "other", "app.db.filtered"} {
		l := logging.Get(n)
		l.SetLevel(logging.NOTSET)
		l.SetPropagate(true)
		for _, h := range l.Handlers() {
			l.RemoveHandler(h)
		}
	}
}

const fullJSON = `{
  "version": 1,
  "formatters": {
    "plain": {"format": "%(levelname)-8s %(name)s: %(message)s [%(levelno)d]"},
    "brace": {"format": "{levelname}|{name}|{message}", "style": "{"}
  },
  "filters": {"db": {"name": "app.db"}},
  "handlers": {
    "app": {"class": "logging.FileHandler", "filename": "OUT/app.log", "mode": "w", "formatter": "plain", "level": "DEBUG"},
    "db": {"class": "logging.FileHandler", "filename": "OUT/db.log", "mode": "w", "formatter": "brace", "filters": ["db"]},
    "root": {"class": "logging.FileHandler", "filename": "OUT/root.log", "mode": "w", "level": 30},
    "null": {"class": "logging.NullHandler"}
  },
  "loggers": {
    "app": {"level": "DEBUG", "handlers": ["app", "db"]},
    "app.db": {"level": "WARNING", "propagate": true},
    "other": {"level": "INFO", "handlers": ["null"], "propagate": false}
  },
  "root": {"level": "INFO", "handlers": ["root"]}
}`

const fullINI = `[loggers]
keys=root,app,db,other

[handlers]
keys=app,db,root,null

[formatters]
keys=plain,brace

[formatter_plain]
format=%(levelname)-8s %(name)s: %(message)s [%(levelno)d]

[formatter_brace]
format={levelname}|{name}|{message}
style={

[handler_app]
class=FileHandler
level=DEBUG
formatter=plain
args=('OUT/app.log', 'w')

[handler_db]
class=logging.FileHandler
formatter=brace
args=('%(dir)s/db.log',)
kwargs={'mode': 'w'}
dir=OUT

[handler_root]
class=FileHandler
level=WARNING
args=('OUT/root.log', 'w')

[handler_null]
class=NullHandler

[logger_root]
level=INFO
handlers=root

[logger_app]
qualname=app
level=DEBUG
handlers=app,db

[logger_db]
qualname=app.db
level=WARNING
propagate=1
handlers=

[logger_other]
qualname=other
level=INFO
handlers=null
propagate=0
`

// TestMatchesCPython sends whole configurations, JSON and INI, from a
// python3 client, makes log calls, and compares the files written with
// those CPython writes when its own listener's code applies the same
// configuration.
func TestMatchesCPython(t *testing.T) {
	py := python(t)
	for _, tc := range []struct{ name, config string }{{"json", fullJSON}, {"ini", fullINI}} {
		t.Run(tc.name, func(t *testing.T) {
			resetLogging(t)
			goDir, pyDir := t.TempDir(), t.TempDir()
			conf := func(dir string) string {
				p := filepath.Join(t.TempDir(), "config")
				data := strings.ReplaceAll(tc.config, "OUT", filepath.ToSlash(dir))
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
				return p
			}
			out, err := exec.Command(py, "testdata/ref.py", "apply", conf(pyDir)).CombinedOutput()
			if err != nil {
				t.Fatalf("python3: %v\n%s", err, out)
			}

			r := start(t, listen.Options{})
			_, port, _ := net.SplitHostPort(r.l.Addr().String())
			if out, err := exec.Command(py, "testdata/ref.py", "send", port, conf(goDir)).CombinedOutput(); err != nil {
				t.Fatalf("python3 client: %v\n%s", err, out)
			}
			if err := r.wait(t); err != nil {
				t.Fatal(err)
			}
			calls()
			resetLogging(t) // closes the files
			for _, f := range []string{"app.log", "db.log", "root.log"} {
				want, err := os.ReadFile(filepath.Join(pyDir, f))
				if err != nil {
					t.Fatal(err)
				}
				got, err := os.ReadFile(filepath.Join(goDir, f))
				if err != nil {
					t.Fatal(err)
				}
				if len(want) == 0 {
					t.Errorf("%s: CPython wrote nothing: the test checks nothing", f)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s:\n got %q\nwant %q", f, got, want)
				}
			}
		})
	}
}

// TestIncremental changes levels and propagate only, as Python's
// incremental configurations do.
func TestIncremental(t *testing.T) {
	resetLogging(t)
	r := start(t, listen.Options{})
	r.send(t, []byte(`{"version": 1, "incremental": true, "loggers": {"app.db": {"level": "DEBUG", "propagate": false}}, "root": {"level": "ERROR"}}`))
	if err := r.wait(t); err != nil {
		t.Fatal(err)
	}
	db := logging.Get("app.db")
	if db.Level() != logging.DEBUG || db.Propagate() || logging.Root().Level() != logging.ERROR {
		t.Errorf("app.db level %v propagate %v, root %v", db.Level(), db.Propagate(), logging.Root().Level())
	}
}

// TestBadConfigurationsChangeNothing sends configurations with mistakes:
// each is refused whole, with every mistake named, and the running
// configuration stays.
func TestBadConfigurationsChangeNothing(t *testing.T) {
	resetLogging(t)
	logging.Get("app").SetLevel(logging.ERROR)
	r := start(t, listen.Options{})
	for _, tc := range []struct {
		config string
		want   []string
	}{
		{`{"version": 1, "handlers": {"h": {"class": "logging.handlers.SysLogHandler"}, "f": {"class": "logging.FileHandler"}}, "loggers": {"app": {"level": "DEBUG", "handlers": ["h", "nope"]}}}`,
			[]string{`handler "h": class "logging.handlers.SysLogHandler": a configuration made at run time can make only`, `handler "f": missing required key "filename"`, `unknown handler nope`}},
		{`{"version": 2}`, []string{"version must be 1, got 2"}},
		{`{"version": 1, "formatters": {"f": {"format": "%(levelname"}}, "loggers": {"app": {"level": "LOUD"}}}`,
			[]string{`formatter "f"`, `logger "app": level: unknown level: "LOUD"`}},
		{`[1, 2]`, []string{"a JSON configuration is a dictionary, not a list"}},
		{"[loggers]\nkeys=app\n", []string{"keys= must list root", "no section [logger_app]"}},
		{"[loggers]\nkeys=root\n[logger_root]\nhandlers=h\n[handlers]\nkeys=h\n[handler_h]\nclass=StreamHandler\nargs=(sys.stdout, 1)\n", []string{"StreamHandler takes 1 arguments, got 2"}},
		{"not a configuration", []string{"not JSON, and not a readable INI file"}},
		{`{"version": 1, "incremental": true, "loggers": {"app": {"level": "LOUD"}}}`, []string{`unknown level: "LOUD"`}},
	} {
		r.send(t, []byte(tc.config))
		err := r.wait(t)
		if err == nil {
			t.Errorf("%q: applied", tc.config)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q:\n error %v\n does not say %q", tc.config, err, w)
			}
		}
		if l := logging.Get("app").Level(); l != logging.ERROR {
			t.Errorf("%q: app's level changed to %v", tc.config, l)
		}
	}
}

// TestVerify checks Python's verify hook: it may change what arrives, or
// drop it.
func TestVerify(t *testing.T) {
	resetLogging(t)
	const key = "signed:"
	r := start(t, listen.Options{Verify: func(b []byte) []byte {
		if !bytes.HasPrefix(b, []byte(key)) {
			return nil
		}
		return b[len(key):]
	}})
	r.send(t, []byte(`{"version": 1, "incremental": true, "loggers": {"other": {"level": "DEBUG"}}}`))
	r.send(t, []byte(key+`{"version": 1, "incremental": true, "loggers": {"app": {"level": "CRITICAL"}}}`))
	if err := r.wait(t); err != nil {
		t.Fatal(err)
	}
	if logging.Get("app").Level() != logging.CRITICAL || logging.Get("other").Level() != logging.NOTSET {
		t.Errorf("app %v, other %v: want CRITICAL and the unsigned message dropped", logging.Get("app").Level(), logging.Get("other").Level())
	}
}

// TestBounds checks the size bound, a sender that stops mid-message, and
// the refusal of non-loopback addresses.
func TestBounds(t *testing.T) {
	resetLogging(t)
	r := start(t, listen.Options{MaxSize: 64})
	r.send(t, bytes.Repeat([]byte(" "), 65))
	if err := r.wait(t); err == nil || !strings.Contains(err.Error(), "65 bytes, more than the 64 allowed") {
		t.Errorf("a message too long: %v", err)
	}
	c, err := net.Dial("tcp", r.l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Write([]byte{0, 0, 0, 10, '{'})
	c.Close()
	if err := r.wait(t); err == nil || !strings.Contains(err.Error(), "reading 10 bytes of configuration") {
		t.Errorf("a message cut short: %v", err)
	}
	if _, err := listen.Listen(listen.Options{Addr: "0.0.0.0:0"}); err == nil || !strings.Contains(err.Error(), "not a loopback address") {
		t.Errorf("0.0.0.0 without AllowRemote: %v", err)
	}
}
