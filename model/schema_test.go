package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// schemaFile is the committed schema, at the repository's root.
var schemaFile = filepath.Join("..", "loggen.schema.json")

// schemaValidator returns a validator of the schema JSONSchema writes.
func schemaValidator(t *testing.T) *jsonValidator {
	t.Helper()
	v, err := newJSONValidator(JSONSchema())
	if err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	return v
}

// TestSchemaCommitted checks that loggen.schema.json is what JSONSchema
// writes, and that it writes the same bytes twice.
//
//	go test ./model -run TestSchemaCommitted -update
//
// rewrites it.
func TestSchemaCommitted(t *testing.T) {
	got := JSONSchema()
	if !bytes.Equal(got, JSONSchema()) {
		t.Fatal("JSONSchema gives different bytes on a second call")
	}
	if !json.Valid(got) {
		t.Fatal("JSONSchema is not valid JSON")
	}
	if *update {
		if err := os.WriteFile(schemaFile, got, 0o666); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatalf("%v (go test ./model -run TestSchemaCommitted -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what JSONSchema writes; go test ./model -run TestSchemaCommitted -update rewrites it", schemaFile)
	}
}

// A schemaCase is one configuration that the schema tests validate.
type schemaCase struct {
	name string // where it comes from, for messages
	file string // the name Parse sees: its extension says YAML or JSON
	path string // the file on disk, when it is one (for Go factories)
	data []byte
}

// validConfigs returns every valid YAML and JSON configuration of the
// repository: the conformance cases (and the configurations their calls
// apply), the examples, the golden files of gen and the benchmarks'.
func validConfigs(t *testing.T) []schemaCase {
	t.Helper()
	var cases []schemaCase
	onDisk := func(pats ...string) {
		for _, pat := range pats {
			files, _ := filepath.Glob(pat)
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				cases = append(cases, schemaCase{name: f, file: f, path: f, data: data})
			}
		}
	}
	onDisk(filepath.Join(conformanceDir, "*", "config.yaml"), filepath.Join(conformanceDir, "*", "config.json"),
		filepath.Join("..", "examples", "*", "logging.yaml"), filepath.Join("..", "examples", "*", "logging.json"),
		filepath.Join("..", "bench", "logging.yaml"))
	calls, _ := filepath.Glob(filepath.Join(conformanceDir, "*", "calls.json"))
	for _, file := range calls {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var steps []struct {
			Op     string          `json:"op"`
			Config json.RawMessage `json:"config"`
		}
		if err := json.Unmarshal(data, &steps); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for i, s := range steps {
			if s.Op == "configure" {
				cases = append(cases, schemaCase{name: fmt.Sprintf("%s step %d", file, i), file: "config.json", data: s.Config})
			}
		}
	}
	golden, _ := filepath.Glob(filepath.Join("..", "gen", "testdata", "golden", "*.txt"))
	for _, file := range golden {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if f.Name == "logging.yaml" || f.Name == "logging.json" {
				cases = append(cases, schemaCase{name: file, file: f.Name, data: f.Data})
			}
		}
	}
	if len(cases) < 100 {
		t.Fatalf("found only %d valid configurations", len(cases))
	}
	return cases
}

// parse checks a case as loggen does.
func (c schemaCase) parse() (*Config, error) {
	if c.path != "" {
		return Load(c.path)
	}
	return Parse(c.file, c.data)
}

// TestSchemaValidConfigs validates every valid configuration of the
// repository against the schema: one without warnings must pass. One with
// warnings (keys Python ignores, values Python takes by their truth) is
// one the schema may flag.
func TestSchemaValidConfigs(t *testing.T) {
	v := schemaValidator(t)
	passed, warned := 0, 0
	for _, c := range validConfigs(t) {
		cfg, err := c.parse()
		if err != nil {
			t.Errorf("%s: loggen refuses it:\n%v", c.name, err)
			continue
		}
		x, err := dataModel(c.file, c.data)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		errs := v.validate(v.root, x, "")
		switch {
		case len(cfg.Warnings) == 0 && len(errs) > 0:
			t.Errorf("%s: loggen accepts it without a warning, but the schema flags it:\n\t%s", c.name, joinErrors(errs))
		case len(cfg.Warnings) > 0:
			warned++
			t.Logf("%s: loggen warns %d times; the schema flags it %d times", c.name, len(cfg.Warnings), len(errs))
		default:
			passed++
		}
	}
	t.Logf("%d valid configurations pass, %d with warnings", passed, warned)
}

func joinErrors(errs []schemaError) string {
	var ss []string
	for _, e := range errs {
		ss = append(ss, e.String())
	}
	return strings.Join(ss, "\n\t")
}

// structural matches the checker's messages for mistakes of structure
// that the schema can see in the data alone: wrong types, values outside
// a key's set, unknown and missing keys, keys Python ignores.
var structural = regexp.MustCompile(`expected (a string|an integer|a number|a mapping( of [^,]*)?|a list of [^,]*|a level name or an integer|a (handler|filter) id|the integer 1|\[host, port\]|a string, number, boolean or null), got` +
	`|expected ("%", "\{" or "\$"|"a" \(append\)|1 \(SOCK_STREAM|"GET"|"block")` +
	`|is not a boolean|missing required key "[^"]+"$|does not take "|Python ignores the key|Python ignores propagate on the root` +
	`|Python ignores (handlers|filters) in an incremental|Python's dictConfig ignores qualname|unknown level "|is not a level name` +
	`|version \d+ is not supported|invalid logger name "|^[^:]+:\d+:\d+: loggen: unknown key|is too big|unknown class "(ext://)?logging\.|unknown class "[^".]*"` +
	`|is an abstract base class|exists only on Windows|is not supported here: use ext://|is read by no class|after creation is not supported` +
	`|Python passes only format, datefmt, style and validate|both "format" and "fmt"|write the class name without ext://`)

// unflagged are the cases of the bad-config corpus whose structural
// mistakes the schema cannot see, and why.
var unflagged = map[string]string{
	"65-cfg-reference-list-items": "the level is a cfg:// reference to a mapping: the schema does not follow references",
}

// TestSchemaErrorCorpus validates the bad configurations of
// testdata/errors (YAML and JSON): each whose messages include a mistake
// of structure must be flagged.
func TestSchemaErrorCorpus(t *testing.T) {
	v := schemaValidator(t)
	demanded, flagged := 0, 0
	for _, file := range errorCases(t) {
		name, data, a := readCase(t, file)
		if isINI(name) {
			continue
		}
		id := strings.TrimSuffix(filepath.Base(file), ".txt")
		var stderr string
		for _, f := range a.Files {
			if f.Name == "stderr" {
				stderr = string(f.Data)
			}
		}
		x, err := dataModel(name, data)
		if err != nil {
			continue // not YAML or JSON that Python loads
		}
		errs := v.validate(v.root, x, "")
		if len(errs) > 0 {
			flagged++
		}
		var lines []string
		for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
			if structural.MatchString(l) {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		if why, ok := unflagged[id]; ok {
			if len(errs) > 0 {
				t.Errorf("%s: the schema flags it now; remove it from unflagged (%s)", id, why)
			}
			continue
		}
		demanded++
		if len(errs) == 0 {
			t.Errorf("%s: the schema does not flag:\n\t%s", id, strings.Join(lines, "\n\t"))
		}
	}
	t.Logf("the schema flags %d cases, of which %d have mistakes of structure", flagged, demanded)
	if demanded < 40 {
		t.Errorf("only %d cases have mistakes of structure; is the pattern right?", demanded)
	}
}

// A probe is one configuration made from the tables: one key of one kind
// of entry set to one value.
type probe struct {
	name string
	cfg  map[string]any
}

// probeValues are the values each key is set to.
var probeValues = []any{
	nil, "x", "", "ext://sys.stdout", "cfg://nowhere", int64(1), int64(-1), 1.5, true,
	[]any{}, []any{"x"}, []any{"x", int64(1)}, map[string]any{}, map[string]any{"x": "y"},
}

// sample returns a value of key k that its checks accept.
func sample(k Key) any {
	if len(k.Enum) > 0 {
		return k.Enum[0].Value
	}
	switch k.Type {
	case KeyInt:
		return int64(1)
	case KeyFloat:
		return 1.5
	case KeyBool:
		return true
	case KeyStream:
		return "ext://sys.stdout"
	case KeyLevel:
		return "INFO"
	case KeyStringOrList, KeyStringList:
		return []any{"a@example.com"}
	case KeyAddress:
		return "localhost"
	}
	if k.Name == "url" {
		return "/log"
	}
	return "x"
}

// probes returns configurations that set each key of the tables, and a
// key no entry takes, to each probe value.
func probes() []probe {
	var out []probe
	add := func(name string, cfg map[string]any) { out = append(out, probe{name, cfg}) }
	for _, c := range handlerClasses {
		base := func() map[string]any {
			h := map[string]any{"class": c.Name}
			for _, k := range c.Keys {
				if k.Required {
					h[k.Name] = sample(k)
				}
			}
			return h
		}
		for _, k := range append(append([]Key{}, c.Keys...), handlerTable...) {
			for _, x := range probeValues {
				h := base()
				h[k.Name] = x
				add(fmt.Sprintf("%s %s=%s", c.Name, k.Name, jsonText(x)), map[string]any{
					"version": int64(1), "handlers": map[string]any{"h": h, "x": map[string]any{"class": "logging.NullHandler"}},
					"filters": map[string]any{"x": map[string]any{}}, "formatters": map[string]any{"x": map[string]any{}},
				})
			}
		}
		h := base()
		h["nosuchkey"] = "x"
		add(c.Name+" nosuchkey", map[string]any{"version": int64(1), "handlers": map[string]any{"h": h}})
		for _, class := range []string{"ext://" + c.Name, strings.Replace(c.Name, "logging.", "logging.handlers.logging.", 1), strings.TrimPrefix(c.Name, "logging."), c.Name + "x"} {
			h := base()
			h["class"] = class
			add(c.Name+" class="+class, map[string]any{"version": int64(1), "handlers": map[string]any{"h": h}})
			h = base()
			delete(h, "class")
			h["()"] = class
			add(c.Name+" ()="+class, map[string]any{"version": int64(1), "handlers": map[string]any{"h": h}})
		}
	}
	sections := []struct {
		what  string
		keys  []Key
		entry func(map[string]any) map[string]any
	}{
		{"formatter", append(append([]Key{}, formatterTable...), formatterFmtKey), func(e map[string]any) map[string]any {
			return map[string]any{"version": int64(1), "formatters": map[string]any{"f": e}}
		}},
		{"formatter()", append(append([]Key{}, formatterTable...), formatterFmtKey), func(e map[string]any) map[string]any {
			e["()"] = "logging.Formatter"
			return map[string]any{"version": int64(1), "formatters": map[string]any{"f": e}}
		}},
		{"filter", filterTable, func(e map[string]any) map[string]any {
			return map[string]any{"version": int64(1), "filters": map[string]any{"f": e}}
		}},
		{"filter()", filterTable, func(e map[string]any) map[string]any {
			e["()"] = "logging.Filter"
			return map[string]any{"version": int64(1), "filters": map[string]any{"f": e}}
		}},
		{"logger", loggerTable, func(e map[string]any) map[string]any {
			return map[string]any{"version": int64(1), "loggers": map[string]any{"app": e}, "handlers": map[string]any{"x": map[string]any{"class": "logging.NullHandler"}}, "filters": map[string]any{"x": map[string]any{}}}
		}},
		{"root", loggerTable, func(e map[string]any) map[string]any {
			return map[string]any{"version": int64(1), "root": e, "handlers": map[string]any{"x": map[string]any{"class": "logging.NullHandler"}}, "filters": map[string]any{"x": map[string]any{}}}
		}},
		{"incremental logger", loggerTable, func(e map[string]any) map[string]any {
			return map[string]any{"version": int64(1), "incremental": true, "loggers": map[string]any{"app": e}}
		}},
		{"loggen", loggenTable, func(e map[string]any) map[string]any {
			return map[string]any{"version": int64(1), "loggen": e}
		}},
		{"top level", topLevelTable, func(e map[string]any) map[string]any {
			if _, ok := e["version"]; !ok {
				e["version"] = int64(1)
			}
			return e
		}},
	}
	for _, s := range sections {
		for _, k := range append(append([]Key{}, s.keys...), Key{Name: "nosuchkey"}) {
			for _, x := range probeValues {
				add(fmt.Sprintf("%s %s=%s", s.what, k.Name, jsonText(x)), s.entry(map[string]any{k.Name: x}))
			}
		}
	}
	for _, c := range formatterClasses {
		for _, k := range c.Keys {
			for _, x := range probeValues {
				add(fmt.Sprintf("%s %s=%s", c.Name, k.Name, jsonText(x)), map[string]any{
					"version": int64(1), "formatters": map[string]any{"f": map[string]any{"()": c.Name, k.Name: x}},
				})
			}
		}
	}
	for _, name := range []string{"app", "a.b.c", "", "root", "a..b", ".a", "a.", "tab\there", "a b"} {
		add(fmt.Sprintf("logger name %q", name), map[string]any{"version": int64(1), "loggers": map[string]any{name: map[string]any{"level": "INFO"}}})
	}
	return out
}

// TestSchemaProbes sets each key of the tables to values of every type
// and compares the schema's verdict with loggen's: what the schema flags,
// loggen refuses or warns about (so editors show no false alarms), and
// what loggen refuses for its structure, the schema flags.
func TestSchemaProbes(t *testing.T) {
	n, flagged := checkProbes(t, probes())
	t.Logf("%d probes, %d flagged by the schema", n, flagged)
}

// TestSchemaFormatterClass runs the probes with a formatter class of
// another package in the table, as the table will hold some: its keys are
// probed through '()', and its names through class and '()'.
func TestSchemaFormatterClass(t *testing.T) {
	saved := formatterClasses
	t.Cleanup(func() { formatterClasses = saved })
	formatterClasses = append(append([]*FormatterClass{}, saved...), &FormatterClass{
		Name:    "example.jsonlog.JsonFormatter",
		Aliases: []string{"example.jsonlog.json.JsonFormatter"},
		Package: "example-jsonlog 1.0",
		Keys: []Key{
			{Name: "json_indent", Type: KeyInt, Default: "None"},
			{Name: "prefix", Type: KeyString, Required: true},
			{Name: "static_fields", Type: KeyMap, Default: "{}"},
		},
	})
	var ps []probe
	for _, p := range probes() {
		if f, ok := p.cfg["formatters"].(map[string]any); ok {
			if e, ok := f["f"].(map[string]any); ok && e["()"] == "example.jsonlog.JsonFormatter" && e["prefix"] == nil {
				e["prefix"] = "x" // required
			}
		}
		ps = append(ps, p)
	}
	for _, name := range []string{"example.jsonlog.JsonFormatter", "example.jsonlog.json.JsonFormatter", "ext://example.jsonlog.JsonFormatter", "example.jsonlog.Other"} {
		for _, key := range []string{"()", "class"} {
			if key == "class" && name == "example.jsonlog.Other" {
				// A class that loggen's classes map may map to a Go
				// factory: the schema cannot know its keys.
				continue
			}
			for _, extra := range []map[string]any{{}, {"prefix": "p"}, {"prefix": "p", "format": "%(message)s"}, {"prefix": int64(1)}, {"prefx": "p"}} {
				e := map[string]any{key: name}
				for k, v := range extra {
					e[k] = v
				}
				ps = append(ps, probe{fmt.Sprintf("formatter %s=%s %v", key, name, extra), map[string]any{"version": int64(1), "formatters": map[string]any{"f": e}}})
			}
		}
	}
	n, flagged := checkProbes(t, ps)
	t.Logf("%d probes, %d flagged by the schema", n, flagged)
	if !strings.Contains(string(JSONSchema()), "example.jsonlog.json.JsonFormatter") {
		t.Error("the schema does not name the alias of the formatter class")
	}
}

// checkProbes validates each probe and parses it as loggen does: what the
// schema flags, loggen must refuse or warn about, and what loggen refuses
// for its structure, the schema must flag. It returns how many probes
// there were and how many the schema flagged.
func checkProbes(t *testing.T, ps []probe) (n, flagged int) {
	t.Helper()
	v := schemaValidator(t)
	for _, p := range ps {
		data, err := json.Marshal(p.cfg)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		x, err := dataModel("logging.json", data)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		errs := v.validate(v.root, x, "")
		var msgs []string
		cfg, err := Parse("logging.json", data)
		var list ErrorList
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				msgs = append(msgs, e.Error())
			}
		case err != nil:
			t.Fatalf("%s: %v", p.name, err)
		default:
			for _, e := range cfg.Warnings {
				msgs = append(msgs, e.Error())
			}
		}
		n++
		if len(errs) > 0 {
			flagged++
		}
		if len(errs) > 0 && len(msgs) == 0 {
			t.Errorf("%s: loggen accepts %s, but the schema flags it:\n\t%s", p.name, data, joinErrors(errs))
		}
		for _, m := range msgs {
			if structural.MatchString(m) && len(errs) == 0 {
				t.Errorf("%s: the schema accepts %s, which loggen refuses for its structure:\n\t%s", p.name, data, m)
			}
		}
	}
	return n, flagged
}

// TestSchemaDefaults checks that every default the schema gives is a
// value its own key takes.
func TestSchemaDefaults(t *testing.T) {
	v := schemaValidator(t)
	n := 0
	var walk func(s any, at string)
	walk = func(s any, at string) {
		switch s := s.(type) {
		case map[string]any:
			if d, ok := s["default"]; ok {
				n++
				rest := map[string]any{}
				for k, x := range s {
					if k != "default" {
						rest[k] = x
					}
				}
				if errs := v.validate(rest, jsonNumbers(d), at); len(errs) > 0 {
					t.Errorf("%s: the default %s is not a value of the key:\n\t%s", at, jsonText(d), joinErrors(errs))
				}
			}
			for _, k := range sortedNames(s) {
				walk(s[k], at+"/"+pointerEscape(k))
			}
		case []any:
			for i, x := range s {
				walk(x, fmt.Sprintf("%s/%d", at, i))
			}
		}
	}
	walk(v.root, "#")
	if n < 30 {
		t.Errorf("only %d defaults", n)
	}
	t.Logf("%d defaults", n)
}

// jsonNumbers converts json.Numbers to int64 or float64, as instances
// hold them.
func jsonNumbers(x any) any {
	switch x := x.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case []any:
		out := []any{}
		for _, it := range x {
			out = append(out, jsonNumbers(it))
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, it := range x {
			out[k] = jsonNumbers(it)
		}
		return out
	}
	return x
}

// TestSchemaPython checks the validator of these tests against Python's
// jsonschema (Debian's python3-jsonschema): both must give the same
// verdict on every configuration the other tests validate.
func TestSchemaPython(t *testing.T) {
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import jsonschema; jsonschema.Draft202012Validator").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Skip("no python3 with the jsonschema module (apt-get install python3-jsonschema) to check the validator against")
	}
	v := schemaValidator(t)
	type instance struct {
		name string
		x    any
	}
	var all []instance
	for _, c := range validConfigs(t) {
		if x, err := dataModel(c.file, c.data); err == nil {
			all = append(all, instance{c.name, x})
		}
	}
	for _, file := range errorCases(t) {
		name, data, _ := readCase(t, file)
		if isINI(name) {
			continue
		}
		if x, err := dataModel(name, data); err == nil {
			all = append(all, instance{file, x})
		}
	}
	for _, p := range probes() {
		data, _ := json.Marshal(p.cfg)
		x, _ := dataModel("logging.json", data)
		all = append(all, instance{p.name, x})
	}
	var in bytes.Buffer
	var sent []instance
	for _, it := range all {
		line, err := json.Marshal(it.x)
		if err != nil || !jsonOnly(it.x) {
			continue // a date or a float that JSON cannot write
		}
		in.Write(line)
		in.WriteByte('\n')
		sent = append(sent, it)
	}
	script := `
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
v = jsonschema.Draft202012Validator(schema)
for line in sys.stdin:
    print("valid" if v.is_valid(json.loads(line)) else "invalid")
`
	dir := t.TempDir()
	sf := filepath.Join(dir, "schema.json")
	if err := os.WriteFile(sf, JSONSchema(), 0o666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", script, sf)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", python, err, stderr.Bytes())
	}
	verdicts := strings.Fields(string(out))
	if len(verdicts) != len(sent) {
		t.Fatalf("python gave %d verdicts for %d instances", len(verdicts), len(sent))
	}
	invalid := 0
	for i, it := range sent {
		errs := v.validate(v.root, it.x, "")
		ours := "valid"
		if len(errs) > 0 {
			ours = "invalid"
			invalid++
		}
		if ours != verdicts[i] {
			t.Errorf("%s: the test's validator says %s, Python's jsonschema %s\n\t%s", it.name, ours, verdicts[i], joinErrors(errs))
		}
	}
	t.Logf("%d instances (%d invalid) judged alike by Python's jsonschema (%s)", len(sent), invalid, python)
}

// jsonOnly reports whether x holds only what JSON can write.
func jsonOnly(x any) bool {
	switch x := x.(type) {
	case float64:
		return !math.IsInf(x, 0) && !math.IsNaN(x)
	case []any:
		for _, it := range x {
			if !jsonOnly(it) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, it := range x {
			if !jsonOnly(it) {
				return false
			}
		}
		return true
	case pyTimestamp:
		return false
	}
	return true
}
