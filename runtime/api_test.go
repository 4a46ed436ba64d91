package runtime

import (
	"errors"
	"strings"
	"testing"

	"github.com/loggen/loggen/runtime/level"
)

// The programmatic API, as Python code uses it without a configuration:
// addHandler, removeHandler, addFilter, propagate, logging.disable and
// addLevelName.
func TestProgrammaticAPI(t *testing.T) {
	defer Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}})
	Configure(&Config{Root: &LoggerConfig{Level: DEBUG, LevelSet: true}})
	runs++ // fresh names, so that the test repeats under -count
	name := "api" + strings.Repeat("x", runs)
	parent, child := Get(name), Get(name+".child")
	if child.Name() != name+".child" || Root().Name() != "root" {
		t.Fatalf("names: %q, %q", child.Name(), Root().Name())
	}
	top, own := &syncBuffer{}, &syncBuffer{}
	hTop, hOwn := NewStreamHandler(top), NewStreamHandler(own)
	hTop.SetFormatter(nameLevelMessage)
	hOwn.SetFormatter(nameLevelMessage)

	parent.AddHandler(hTop)
	parent.AddHandler(hTop) // attached once, as Python's addHandler does
	child.AddHandler(hOwn)
	child.Info("both")
	if got := len(parent.Handlers()); got != 1 {
		t.Errorf("parent has %d handlers after adding one twice", got)
	}

	child.SetPropagate(false)
	if child.Propagate() {
		t.Error("Propagate() is true after SetPropagate(false)")
	}
	child.Info("own only")
	child.SetPropagate(true)

	child.AddFilter(NameFilter(name + ".other")) // rejects the child's own records
	child.Info("filtered out")
	parent.Info("parent's records do not see the child's filter")

	child.RemoveHandler(hOwn)
	Disable(INFO)
	child.Info("disabled")
	parent.Warning("above the disable level")
	Disable(NOTSET)

	AddLevelName(23, "NOTICE")
	if l, ok := level.Parse("NOTICE"); !ok || l != 23 || Level(23).String() != "NOTICE" {
		t.Errorf("AddLevelName: level.Parse = %v, %v; String = %q", l, ok, Level(23).String())
	}
	parent.Log(23, "named level")

	wantTop := name + ".child INFO both\n" +
		name + " INFO parent's records do not see the child's filter\n" +
		name + " WARNING above the disable level\n" +
		name + " NOTICE named level\n"
	wantOwn := name + ".child INFO both\n" + name + ".child INFO own only\n"
	if got := top.String(); got != wantTop {
		t.Errorf("parent's handler got\n%s\nwant\n%s", got, wantTop)
	}
	if got := own.String(); got != wantOwn {
		t.Errorf("child's handler got\n%s\nwant\n%s", got, wantOwn)
	}
	if parent.Level() != NOTSET || parent.EffectiveLevel() != DEBUG {
		t.Errorf("levels: own %v, effective %v", parent.Level(), parent.EffectiveLevel())
	}
}

func TestRaiseExceptionsAndErrorOutput(t *testing.T) {
	var out syncBuffer
	SetErrorOutput(&out)
	defer SetErrorOutput(nil)
	r := NewRecord("x", ERROR, "disk %s", "low")
	SetRaiseExceptions(false)
	HandleError("file", r, errors.New("quiet"))
	ReportError("q", errors.New("quiet too"))
	SetRaiseExceptions(true)
	if out.String() != "" {
		t.Errorf("reported with raiseExceptions false: %q", out.String())
	}
	HandleError("file", r, errors.New("full disk"))
	ReportError("q", errors.New("3 records dropped"))
	want := "--- Logging error ---\nhandler \"file\": full disk\nMessage: 'disk %s'\nArguments: ('low',)\n" +
		"--- Logging error ---\nhandler \"q\": 3 records dropped\n"
	if out.String() != want {
		t.Errorf("reports = %q, want %q", out.String(), want)
	}
}

func TestConfigureJSONRefusesExtraData(t *testing.T) {
	for _, data := range []string{`{"version": 1, "incremental": true} x`, `{"version": 1, "incremental": true}{}`} {
		if err := ConfigureJSON([]byte(data)); err == nil || !strings.Contains(err.Error(), "extra data") {
			t.Errorf("ConfigureJSON(%q) = %v, want extra data", data, err)
		}
	}
	if err := ConfigureJSON([]byte("{\"version\": 1, \"incremental\": true}\n\t ")); err != nil {
		t.Errorf("trailing white space: %v", err)
	}
}

// ConfigureJSON takes configurations from the network (levelhttp, listen):
// it does not read loggen's env:// values, which would let a client read
// the program's environment through its errors. env://X is an unknown
// level, as in CPython.
func TestConfigureJSONLeavesEnvAlone(t *testing.T) {
	t.Setenv("ENVJSON_SECRET", "hunter2")
	err := ConfigureJSON([]byte(`{"version": 1, "incremental": true, "loggers": {"envjson.app": {"level": "env://ENVJSON_SECRET"}}}`))
	if err == nil || !strings.Contains(err.Error(), `unknown level: "env://ENVJSON_SECRET"`) || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("got %v", err)
	}
}
