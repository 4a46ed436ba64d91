package uvicorn

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// vectors is testdata/vectors.json, what uvicorn 0.17.6 adds to records,
// written by testdata/gen_vectors.py from Debian's python3-uvicorn.
type vectors struct {
	Uvicorn     string            `json:"uvicorn"`
	LevelNames  map[string]string `json:"level_names"`
	LevelPrefix []struct {
		Level          int
		Plain, Colored string
	} `json:"levelprefix"`
	Status []struct {
		Code           json.RawMessage
		Plain, Colored outcome
	} `json:"status"`
	Access []struct {
		Args           []json.RawMessage
		Plain, Colored outcome
	} `json:"access"`
	Messages []struct {
		Msg            string
		Args           []json.RawMessage
		ColorMessage   *string `json:"color_message"`
		Plain, Colored outcome
		ColoredMsg     outcome `json:"colored_msg"`
	} `json:"messages"`
}

// An outcome is the text Python formats, or its error ("ValueError: ...").
type outcome struct {
	Text  *string
	Error string
}

func readVectors(t *testing.T) *vectors {
	t.Helper()
	data, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	for n, name := range v.LevelNames {
		l, err := strconv.Atoi(n)
		if err != nil {
			t.Fatal(err)
		}
		logging.AddLevelName(logging.Level(l), name)
	}
	return &v
}

// goValue converts a vector's argument to the Go value a program would
// log: integers as int64 (bigger ones as their text, which Python's int()
// reads alike), floats as float64, strings, booleans and nil as they are.
func goValue(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	switch x := v.(type) {
	case json.Number:
		n, err := x.Int64()
		if err != nil {
			t.Fatal(err)
		}
		return n
	case map[string]any:
		if s, ok := x["bigint"]; ok {
			return s
		}
		switch s := x["float"].(string); s {
		case "nan":
			return math.NaN()
		case "inf":
			return math.Inf(1)
		case "-inf":
			return math.Inf(-1)
		default:
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	return v
}

// format formats r with f's format function (which the vectors hold:
// uvicorn's formatMessage, without Formatter.format's getMessage first),
// and returns the outcome as the vectors write it.
func format(f logging.Formatter, r *logging.Record) outcome {
	b, err := f.(*logging.CompiledFormatter).Func(nil, r)
	if err != nil {
		pe, ok := err.(*pyfmt.Error)
		if !ok {
			return outcome{Error: err.Error()}
		}
		return outcome{Error: pe.Exc + ": " + pe.Msg}
	}
	s := string(b)
	return outcome{Text: &s}
}

func (o outcome) String() string {
	if o.Text != nil {
		return strconv.Quote(*o.Text)
	}
	return "error " + o.Error
}

// field returns a FormatFunc that appends one field.
func field(app func(b []byte, r *logging.Record) []byte) logging.FormatFunc {
	return func(b []byte, r *logging.Record) ([]byte, error) { return app(b, r), nil }
}

func TestLevelPrefix(t *testing.T) {
	v := readVectors(t)
	for _, c := range v.LevelPrefix {
		l := logging.Level(c.Level)
		if got := string(AppendLevelPrefix([]byte("x"), l)); got != "x"+c.Plain {
			t.Errorf("level %d: AppendLevelPrefix = %q, want %q", c.Level, got[1:], c.Plain)
		}
		if got := string(AppendColoredLevelPrefix([]byte("x"), l)); got != "x"+c.Colored {
			t.Errorf("level %d: AppendColoredLevelPrefix = %q, want %q", c.Level, got[1:], c.Colored)
		}
	}
}

func TestStatusCode(t *testing.T) {
	v := readVectors(t)
	plain := New(Options{Plain: field(AppendStatusCode), Access: true})
	colored := New(Options{Colored: field(AppendColoredStatusCode), Access: true})
	for _, c := range v.Status {
		r := logging.NewRecord("uvicorn.access", logging.INFO, "m", "127.0.0.1:5000", "GET", "/", "1.1", goValue(t, c.Code))
		if got := format(plain, r); got.String() != c.Plain.String() {
			t.Errorf("status %s: plain: %v, want %v", c.Code, got, c.Plain)
		}
		if got := format(colored, r); got.String() != c.Colored.String() {
			t.Errorf("status %s: colored: %v, want %v", c.Code, got, c.Colored)
		}
	}
}

func TestAccessFields(t *testing.T) {
	v := readVectors(t)
	fields := func(request func([]byte, *logging.Record) []byte) logging.FormatFunc {
		return field(func(b []byte, r *logging.Record) []byte {
			b = AppendClientAddr(b, r)
			return request(append(b, '|'), r)
		})
	}
	plain := New(Options{Plain: fields(AppendRequestLine), Access: true})
	colored := New(Options{Colored: fields(AppendColoredRequestLine), Access: true})
	for _, c := range v.Access {
		var args []any
		for _, a := range c.Args {
			args = append(args, goValue(t, a))
		}
		r := logging.NewRecord("uvicorn.access", logging.INFO, "m", args...)
		if got := format(plain, r); got.String() != c.Plain.String() {
			t.Errorf("args %v: plain: %v, want %v", args, got, c.Plain)
		}
		if got := format(colored, r); got.String() != c.Colored.String() {
			t.Errorf("args %v: colored: %v, want %v", args, got, c.Colored)
		}
	}
}

func TestColorMessage(t *testing.T) {
	v := readVectors(t)
	message := func(b []byte, r *logging.Record) ([]byte, error) { return r.AppendMessage(b) }
	plain := New(Options{Plain: message})
	colored := New(Options{Colored: AppendColorMessage})
	coloredMsg := New(Options{Colored: field(func(b []byte, r *logging.Record) []byte { return append(b, ColorMsg(r)...) })})
	for _, c := range v.Messages {
		var args []any
		for _, a := range c.Args {
			args = append(args, goValue(t, a))
		}
		r := logging.NewRecord("uvicorn", logging.INFO, c.Msg, args...)
		if c.ColorMessage != nil {
			r.Extra = []logging.Field{logging.String("color_message", *c.ColorMessage)}
		}
		for _, x := range []struct {
			name string
			f    logging.Formatter
			want outcome
		}{{"plain", plain, c.Plain}, {"colored", colored, c.Colored}, {"colored msg", coloredMsg, c.ColoredMsg}} {
			if got := format(x.f, r); got.String() != x.want.String() {
				t.Errorf("%q %v color_message %v: %s: %v, want %v", c.Msg, args, c.ColorMessage != nil, x.name, got, x.want)
			}
		}
	}
}

// TestNeedsTime checks that a handler over a formatter from New reads the
// clock only when the format prints a time (Options.NoTime unset).
func TestNeedsTime(t *testing.T) {
	plain := func(b []byte, r *logging.Record) ([]byte, error) { return append(b, "p"...), nil }
	for _, o := range []Options{
		{Plain: plain},
		{Plain: plain, NoTime: true},
		{Colored: plain, Access: true},
		{Colored: plain, Access: true, NoTime: true},
	} {
		h := logging.NewStreamHandler(&bytes.Buffer{})
		h.SetFormatter(New(o))
		if got, want := h.NeedsTime(), !o.NoTime; got != want {
			t.Errorf("NoTime %v, Access %v: handler's NeedsTime() = %v, want %v", o.NoTime, o.Access, got, want)
		}
	}
}
