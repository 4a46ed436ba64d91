// Package driver runs one conformance case as pyref.py's child does. The
// command of a case calls Main with the Configure functions generated for
// it and the path of its calls.json as its only argument:
//
//	m<i> CALLS_JSON
//
// Main freezes the clock, applies the case's config, replays the steps of
// CALLS_JSON and shuts logging down. Exit status 2: bad usage or a malformed
// calls.json; 3: the config failed; 4: a step failed.
package driver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/level"
)

// Main runs the case whose calls.json is named by the only argument. fns
// are its Configure functions: index 0 applies the case's config, then one
// per full reconfiguration step, in order.
func Main(fns []func() error) {
	if len(os.Args) != 2 {
		fmt.Fprintf(os.Stderr, "usage: %s CALLS_JSON\n", os.Args[0])
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var steps []map[string]json.RawMessage
	if err := json.Unmarshal(data, &steps); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[1], err)
		os.Exit(2)
	}

	logging.SetClock(func() time.Time { return time.Unix(1700000000, 123456000) })
	logging.SetStartTime(time.Unix(1699999995, 123456000))
	if err := fns[0](); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	next := 1
	for i, s := range steps {
		if err := run(s, fns, &next); err != nil {
			fmt.Fprintf(os.Stderr, "calls.json step %d: %v\n", i+1, err)
			logging.Shutdown()
			os.Exit(4)
		}
	}
	logging.Shutdown()
}

// run runs one step; next is the index of the Configure function of the
// next full reconfiguration.
func run(s map[string]json.RawMessage, fns []func() error, next *int) error {
	op := "log"
	if raw, ok := s["op"]; ok {
		if err := json.Unmarshal(raw, &op); err != nil {
			return fmt.Errorf("op: %v", err)
		}
	}
	var logger string
	if raw, ok := s["logger"]; ok {
		if err := json.Unmarshal(raw, &logger); err != nil {
			return fmt.Errorf("logger: %v", err)
		}
	}
	switch op {
	case "log":
		level, err := levelOf(s["level"])
		if err != nil {
			return err
		}
		var msg string
		if err := json.Unmarshal(s["msg"], &msg); err != nil {
			return fmt.Errorf("msg: %v", err)
		}
		var args []any
		if raw, ok := s["args"]; ok {
			var vals []json.RawMessage
			if err := json.Unmarshal(raw, &vals); err != nil {
				return fmt.Errorf("args: %v", err)
			}
			for _, v := range vals {
				a, err := scalar(v)
				if err != nil {
					return fmt.Errorf("args: %v", err)
				}
				args = append(args, a)
			}
		}
		fields, err := extraFields(s["extra"])
		if err != nil {
			return fmt.Errorf("extra: %v", err)
		}
		if len(args) == 0 {
			logging.Get(logger).LogExtra(0, level, nil, fields, msg)
		} else {
			logging.Get(logger).LogExtra(0, level, nil, fields, msg, args...)
		}
		return nil
	case "configure":
		var d map[string]any
		if err := json.Unmarshal(s["config"], &d); err != nil {
			return fmt.Errorf("config: %v", err)
		}
		if truthy(d["incremental"]) {
			return logging.ConfigureJSON(s["config"])
		}
		if *next >= len(fns) {
			return errors.New("no generated configuration for this full reconfiguration")
		}
		fn := fns[*next]
		*next++
		return fn()
	case "set_level":
		level, err := levelOf(s["level"])
		if err != nil {
			return err
		}
		logging.Get(logger).SetLevel(level)
		return nil
	}
	return fmt.Errorf("unknown op %q", op)
}

// levelOf reads a level given as a name or as an integer.
func levelOf(raw json.RawMessage) (logging.Level, error) {
	var name string
	if err := json.Unmarshal(raw, &name); err == nil {
		l, ok := level.Parse(name)
		if !ok {
			return 0, fmt.Errorf("unknown level %q", name)
		}
		return l, nil
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(raw)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("level %s is neither a name nor an integer", raw)
	}
	return logging.Level(n), nil
}

// scalar reads an args value: a string stays a string, an integer becomes
// an int64.
func scalar(raw json.RawMessage) (any, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(raw)), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%s is neither a string nor an integer", raw)
	}
	return n, nil
}

// extraFields reads the extra object in document order: strings become
// logging.String fields, integers logging.Int64 fields, other numbers
// logging.Float64 fields (as Python's json reads them: a number with a
// fraction or an exponent is a float), booleans logging.Bool fields and
// null a field holding None.
func extraFields(raw json.RawMessage) ([]logging.Field, error) {
	if len(raw) == 0 || string(raw) == "null" {
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
		case string:
			fields = append(fields, logging.String(key, x))
		case json.Number:
			if strings.ContainsAny(x.String(), ".eE") {
				f, err := strconv.ParseFloat(x.String(), 64)
				if err != nil && !errors.Is(err, strconv.ErrRange) {
					return nil, fmt.Errorf("%s: %s is not a number", key, x)
				}
				fields = append(fields, logging.Float64(key, f))
				continue
			}
			n, err := strconv.ParseInt(x.String(), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %s is not a 64-bit integer", key, x)
			}
			fields = append(fields, logging.Int64(key, n))
		case bool:
			fields = append(fields, logging.Bool(key, x))
		case nil:
			fields = append(fields, logging.Any(key, nil))
		default:
			return nil, fmt.Errorf("%s: %v is not a string, a number, a boolean or null", key, v)
		}
	}
	return fields, nil
}

// truthy is Python's truth value of a JSON value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case float64:
		return x != 0
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}
