// Command driver replays calls.json through the python-json-logger
// configurations generated into packages c0, c1, ... (main.go, which the
// test writes, lists their Configure functions):
//
//	driver INDEX CALLS_JSON
//
// It configures logging with the INDEX-th configuration, freezes the clock
// as driver.py does, logs each call (with its error, for "error", and the
// stack of the call, for "stack") and shuts logging down.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/level"
)

// A call is one log call of calls.json.
type call struct {
	Logger string          `json:"logger"`
	Level  string          `json:"level"`
	Msg    string          `json:"msg"`
	Args   []any           `json:"args"`
	Extra  json.RawMessage `json:"extra"`
	Error  string          `json:"error"`
	Stack  bool            `json:"stack"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: driver INDEX CALLS_JSON")
		os.Exit(2)
	}
	i, err := strconv.Atoi(os.Args[1])
	if err != nil || i < 0 || i >= len(configs) {
		fmt.Fprintf(os.Stderr, "no configuration %s\n", os.Args[1])
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var calls []call
	if err := json.Unmarshal(data, &calls); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	logging.SetClock(func() time.Time { return time.Unix(1700000000, 123456000) })
	logging.SetStartTime(time.Unix(1699999995, 123456000))
	if err := configs[i](); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for n, c := range calls {
		l, ok := level.Parse(c.Level)
		if !ok {
			fmt.Fprintf(os.Stderr, "call %d: unknown level %q\n", n+1, c.Level)
			os.Exit(2)
		}
		fields, err := extraFields(c.Extra)
		if err != nil {
			fmt.Fprintf(os.Stderr, "call %d: extra: %v\n", n+1, err)
			os.Exit(2)
		}
		var e error
		if c.Error != "" {
			e = errors.New(c.Error)
		}
		args := make([]any, len(c.Args))
		for k, a := range c.Args {
			if f, ok := a.(float64); ok && f == float64(int64(f)) {
				a = int64(f)
			}
			args[k] = a
		}
		logger := logging.Get(c.Logger)
		if c.Stack {
			logger.SetStackInfo(logging.NOTSET + 1)
		}
		logger.LogExtra(0, l, e, fields, c.Msg, args...)
		if c.Stack {
			logger.SetStackInfo(logging.NOTSET)
		}
	}
	logging.Shutdown()
}

// extraFields reads the extra object in its order: strings, integers,
// floats (numbers with a fraction or an exponent), booleans and null.
func extraFields(raw json.RawMessage) ([]logging.Field, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not an object")
	}
	var fields []logging.Field
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		switch x := v.(type) {
		case json.Number:
			if n, err := x.Int64(); err == nil && !bytes.ContainsAny([]byte(x), ".eE") {
				fields = append(fields, logging.Int64(key, n))
				continue
			}
			f, _ := x.Float64()
			fields = append(fields, logging.Float64(key, f))
		default:
			fields = append(fields, logging.Any(key, x))
		}
	}
	return fields, nil
}
