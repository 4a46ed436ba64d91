package runtime

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/loggen/loggen/runtime/envvar"
)

// envLevel is a level that the environment variable name gives, as
// generated code writes it for env://NAME or env://NAME:-def.
func envLevel(name, def, key string) *envvar.Var {
	return &envvar.Var{Name: name, Default: def, HasDefault: def != "", Type: envvar.TypeLevel, Key: key, Pos: "logging.yaml:3:10"}
}

// TestConfigureEnvLevels applies one Config under different environments:
// the levels are read each time it is applied, and a variable that cannot
// be read changes nothing and says where it is.
func TestConfigureEnvLevels(t *testing.T) {
	resetRoot(t)
	p := freshPrefix("env")
	var buf bytes.Buffer
	cfg := &Config{
		Handlers: []HandlerConfig{{
			ID: "h", LevelEnv: envLevel("LOGGEN_T_HANDLER", "INFO", `handler "h": level`),
			New: func() (Handler, error) { return NewStreamHandler(&buf), nil },
		}},
		Loggers: []LoggerConfig{{Name: p + "app", LevelSet: true, LevelEnv: envLevel("LOGGEN_T_APP", "", `logger "app": level`)}},
		Root:    &LoggerConfig{LevelSet: true, Level: WARNING, Handlers: []string{"h"}},
	}
	app := Get(p + "app")

	t.Setenv("LOGGEN_T_APP", "DEBUG")
	if err := Configure(cfg); err != nil {
		t.Fatal(err)
	}
	app.Debug("not handled: the handler's level is INFO by default")
	app.Info("one")
	if app.Level() != DEBUG || buf.String() != "one\n" {
		t.Errorf("level %v, output %q; want DEBUG and one line", app.Level(), buf.String())
	}
	if cfg.Loggers[0].Level != NOTSET || cfg.Handlers[0].Level != NOTSET {
		t.Error("Configure changed the Config it applied")
	}

	t.Setenv("LOGGEN_T_APP", "25")
	t.Setenv("LOGGEN_T_HANDLER", "DEBUG")
	if err := Configure(cfg); err != nil {
		t.Fatal(err)
	}
	if app.Level() != 25 {
		t.Errorf("level %v, want 25", app.Level())
	}

	t.Setenv("LOGGEN_T_APP", "verbose")
	err := Configure(cfg)
	want := `logging.yaml:3:10: logger "app": level: environment variable LOGGEN_T_APP is "verbose": expected a level name (`
	var e *envvar.Error
	if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.As(err, &e) {
		t.Fatalf("Configure: %v, want an *envvar.Error starting %q", err, want)
	}
	if app.Level() != 25 {
		t.Errorf("a failed Configure changed the level to %v", app.Level())
	}

	// Errors of handlers' New that are *envvar.Errors are not wrapped:
	// they say where they are.
	bad := &Config{Handlers: []HandlerConfig{{ID: "x", New: func() (Handler, error) {
		return nil, &envvar.Error{Var: envvar.Var{Name: "V", Type: envvar.TypeInt, Key: `handler "x": port`, Pos: "l.yaml:1:1"}, Unset: true}
	}}}}
	if err := Configure(bad); err == nil || strings.Contains(err.Error(), "unable to configure") {
		t.Errorf("Configure: %v, want the *envvar.Error as it is", err)
	}
}

func TestConfigureIncrementalEnvLevels(t *testing.T) {
	resetRoot(t)
	p := freshPrefix("envinc")
	var buf bytes.Buffer
	if err := Configure(&Config{Handlers: []HandlerConfig{{ID: "h", New: func() (Handler, error) { return NewStreamHandler(&buf), nil }}}}); err != nil {
		t.Fatal(err)
	}
	inc := &IncrementalConfig{
		Handlers: []HandlerLevel{{ID: "h", LevelEnv: envLevel("LOGGEN_T_H", "ERROR", `handler "h": level`)}},
		Loggers:  []LoggerConfig{{Name: p + "a", LevelSet: true, LevelEnv: envLevel("LOGGEN_T_A", "", `logger "a": level`)}},
		Root:     &LoggerConfig{LevelSet: true, LevelEnv: envLevel("LOGGEN_T_ROOT", "", "root: level")},
	}
	t.Setenv("LOGGEN_T_ROOT", "CRITICAL")
	err := ConfigureIncremental(inc)
	if err == nil || !strings.Contains(err.Error(), "LOGGEN_T_A is not set") {
		t.Fatalf("ConfigureIncremental: %v, want the unset LOGGEN_T_A", err)
	}
	if Root().Level() == CRITICAL {
		t.Error("a failed ConfigureIncremental changed the root's level")
	}
	t.Setenv("LOGGEN_T_A", "INFO")
	if err := ConfigureIncremental(inc); err != nil {
		t.Fatal(err)
	}
	if Get(p+"a").Level() != INFO || Root().Level() != CRITICAL || tree.named["h"].(*StreamHandler).Level() != ERROR {
		t.Errorf("levels %v, %v, %v; want INFO, CRITICAL, ERROR", Get(p+"a").Level(), Root().Level(), tree.named["h"].(*StreamHandler).Level())
	}
}
