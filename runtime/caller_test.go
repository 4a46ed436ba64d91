package runtime

import (
	"errors"
	goruntime "runtime"
	"strconv"
	"strings"
	"testing"
)

// funcLine is what loggen generates for "%(funcName)s:%(lineno)d %(filename)s".
var funcLine = &CompiledFormatter{Caller: true, Func: func(b []byte, r *Record) ([]byte, error) {
	b = append(b, r.FuncName()...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(r.Lineno()), 10)
	b = append(b, ' ')
	return append(b, r.Filename()...), nil
}}

func line() int {
	_, _, n, _ := goruntime.Caller(1)
	return n
}

// Every logging method attributes the record to its caller's line.
func TestCallerOfEveryMethod(t *testing.T) {
	buf := &syncBuffer{}
	if err := Configure(&Config{
		Handlers: []HandlerConfig{{ID: "c", Formatter: funcLine, New: func() (Handler, error) { return NewStreamHandler(buf), nil }}},
		Root:     &LoggerConfig{Level: DEBUG, LevelSet: true, Handlers: []string{"c"}},
	}); err != nil {
		t.Fatal(err)
	}
	defer Configure(&Config{Root: &LoggerConfig{Level: WARNING, LevelSet: true}})
	l := Get("caller")
	base := line()
	l.Debug("x")
	l.Info("x")
	l.Warning("x")
	l.Error("x")
	l.Critical("x")
	l.Log(25, "x")
	l.Debugf("%d", 1)
	l.Infof("%d", 1)
	l.Logf(25, "%d", 1)
	l.Exception(errors.New("e"), "x")
	l.LogExtra(0, INFO, nil, []Field{String("k", "v")}, "x")
	var want []string
	for n := base + 1; n <= base+11; n++ {
		want = append(want, "TestCallerOfEveryMethod:"+strconv.Itoa(n)+" caller_test.go")
	}
	var got []string
	for _, g := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(g, "Test") { // skip the error text of Exception
			got = append(got, g)
		}
	}
	for i := range want {
		if i >= len(got) {
			t.Fatalf("only %d records, want %d", len(got), len(want))
		}
		if got[i] != want[i] {
			t.Errorf("record %d: got %q, want %q", i, got[i], want[i])
		}
	}
}
