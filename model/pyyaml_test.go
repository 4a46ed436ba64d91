package model

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/loggen/loggen/runtime/level"
)

// A scalarRow is one line of testdata/pyyaml/scalars.jsonl: a scalar as
// written in YAML, and what PyYAML's yaml.safe_load makes of "k: YAML"
// (Value) and of "YAML: {}" (Key; empty when not checked), described as
// testdata/pyyaml/pyyaml.py describes them.
type scalarRow struct {
	YAML  string `json:"yaml"`
	Value string `json:"value"`
	Key   string `json:"key"`
}

var scalarTable = filepath.Join("testdata", "pyyaml", "scalars.jsonl")

func readScalarRows(t *testing.T, data []byte) []scalarRow {
	t.Helper()
	var rows []scalarRow
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var r scalarRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%q: %v", sc.Text(), err)
		}
		rows = append(rows, r)
	}
	return rows
}

// loggenReads describes, as pyyaml.py does, the scalar that pick chooses
// in the one-entry mapping doc, as loggen reads it.
func loggenReads(doc string, pick func(top *yaml.Node) *yaml.Node) string {
	c := newChecker("scalars.yaml", []byte(doc))
	top := c.decode()
	if top == nil {
		return "error"
	}
	if top.Kind != yaml.MappingNode || len(top.Content) != 2 {
		return "not a one-entry mapping"
	}
	n := deref(pick(top))
	if n.Kind == yaml.ScalarNode && n.Tag == tagMerge {
		return "merge"
	}
	v, ok := pyScalar(n)
	if !ok {
		return "not a scalar"
	}
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		return "bool " + pyText(x)
	case int64, *big.Int:
		return "int " + pyText(x)
	case float64:
		return "float " + pyText(x)
	case string:
		return "str " + pyText(x)
	case pyTimestamp:
		if x.hasTime {
			return "datetime " + x.isoformat()
		}
		return "date " + x.isoformat()
	case []byte:
		return "bytes " + pyText(x)
	}
	return "other"
}

// loggenRow is what loggen makes of src, as a row of the table.
func loggenRow(src string) scalarRow {
	r := scalarRow{YAML: src}
	r.Value = loggenReads("k: "+src, func(top *yaml.Node) *yaml.Node { return top.Content[1] })
	if src != "" && !strings.Contains(src, "\n") {
		r.Key = loggenReads(src+": {}", func(top *yaml.Node) *yaml.Node { return top.Content[0] })
	}
	return r
}

// TestPyYAMLScalars reads each scalar of the table, as a value and as a
// key, and compares with what PyYAML makes of it.
func TestPyYAMLScalars(t *testing.T) {
	data, err := os.ReadFile(scalarTable)
	if err != nil {
		t.Fatal(err)
	}
	rows := readScalarRows(t, data)
	if len(rows) < 80 {
		t.Fatalf("%s has %d rows, want at least 80", scalarTable, len(rows))
	}
	for _, want := range rows {
		if got := loggenRow(want.YAML); got != want {
			t.Errorf("%q: loggen reads value %q, key %q; PyYAML reads value %q, key %q", want.YAML, got.Value, got.Key, want.Value, want.Key)
		}
	}
}

// TestPyYAMLAgrees asks PyYAML (python3 with PyYAML on PATH) about every
// scalar of the table and compares its answers with the table and with
// loggen.
func TestPyYAMLAgrees(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH: cannot ask PyYAML")
	}
	data, err := os.ReadFile(scalarTable)
	if err != nil {
		t.Fatal(err)
	}
	rows := readScalarRows(t, data)
	var in bytes.Buffer
	for _, r := range rows {
		line, _ := json.Marshal(map[string]string{"yaml": r.YAML})
		in.Write(append(line, '\n'))
	}
	var stderr bytes.Buffer
	cmd := exec.Command(py, filepath.Join("testdata", "pyyaml", "pyyaml.py"))
	cmd.Stdin, cmd.Stderr = &in, &stderr
	out, err := cmd.Output()
	if err != nil {
		if strings.Contains(stderr.String(), "No module named 'yaml'") {
			t.Skip("python3 has no PyYAML (import yaml fails): cannot ask PyYAML")
		}
		t.Fatalf("pyyaml.py: %v\n%s", err, stderr.Bytes())
	}
	got := readScalarRows(t, out)
	if len(got) != len(rows) {
		t.Fatalf("pyyaml.py answered %d rows for %d", len(got), len(rows))
	}
	for i, py := range got {
		if py != rows[i] {
			t.Errorf("%q: PyYAML reads value %q, key %q; the table says value %q, key %q", py.YAML, py.Value, py.Key, rows[i].Value, rows[i].Key)
		}
		if l := loggenRow(py.YAML); l != py {
			t.Errorf("%q: PyYAML reads value %q, key %q; loggen reads value %q, key %q", py.YAML, py.Value, py.Key, l.Value, l.Key)
		}
	}
}

// TestConvertINIForPyYAML checks that what "loggen convert" writes reads
// back, under yaml.safe_load's rules, as the values of the INI file:
// strings PyYAML would resolve otherwise are quoted and floats are written
// as PyYAML writes them.
func TestConvertINIForPyYAML(t *testing.T) {
	yml := convertString(t, `[loggers]
keys=root
[handlers]
keys=on
[formatters]
keys=
[logger_root]
handlers=on
[handler_on]
class=handlers.SMTPHandler
args=('localhost', 'from@example.com', ['yes', '2001-12-14'], '1:30', None, None, 1e-5)
`)
	for _, want := range []string{`"on":`, `- "yes"`, `- "2001-12-14"`, `subject: "1:30"`, `timeout: 1.0e-05`} {
		if !strings.Contains(yml, want) {
			t.Errorf("converted YAML lacks %s:\n%s", want, yml)
		}
	}
	cfg, err := Parse("converted.yaml", []byte(yml))
	if err != nil {
		t.Fatalf("Parse(converted):\n%v\n%s", err, yml)
	}
	h := cfg.Handlers[0]
	got := map[string]any{"id": h.ID}
	for _, o := range h.Options {
		got[o.Key] = o.Value
	}
	if got["id"] != "on" || got["subject"] != "1:30" || got["timeout"] != 1e-5 ||
		!reflect.DeepEqual(got["toaddrs"], []string{"yes", "2001-12-14"}) {
		t.Errorf("converted handler reads back as %v", got)
	}
}

// TestParseBOM: PyYAML accepts a byte order mark at the start of a YAML
// file, and positions do not count it; Python's json module refuses one.
func TestParseBOM(t *testing.T) {
	bom := "\ufeff"
	if _, err := Parse("logging.yaml", []byte(bom+"version: 1\nroot: {level: DEBUG}\n")); err != nil {
		t.Errorf("YAML with a BOM: %v", err)
	}
	for _, c := range []struct{ name, src, want string }{
		{"logging.yaml", bom + "version: x\n", `logging.yaml:1:10: version: expected the integer 1, got string "x"`},
		{"logging.yaml", bom + `{"version": 1,, "root": {}}`, `logging.yaml:1:15: JSON syntax error: invalid character ',' looking for beginning of object key string`},
		{"logging.json", bom + `{"version": 1}`, `logging.json:1:1: JSON syntax error: the file starts with a UTF-8 byte order mark, which Python's json module refuses ("Unexpected UTF-8 BOM"): save the file without it`},
	} {
		_, err := Parse(c.name, []byte(c.src))
		if err == nil || err.Error() != c.want {
			t.Errorf("Parse(%s, %q) = %v, want %s", c.name, c.src, err, c.want)
		}
	}
}

// TestLoggingHOWTOExample loads the YAML example of CPython's logging
// HOWTO ("Configuring Logging"), written for PyYAML: propagate: no is
// false.
func TestLoggingHOWTOExample(t *testing.T) {
	cfg := mustParse(t, `version: 1
formatters:
  simple:
    format: '%(asctime)s - %(name)s - %(levelname)s - %(message)s'
handlers:
  console:
    class: logging.StreamHandler
    level: DEBUG
    formatter: simple
    stream: ext://sys.stdout
loggers:
  simpleExample:
    level: DEBUG
    handlers: [console]
    propagate: no
root:
  level: DEBUG
  handlers: [console]
`)
	if l := cfg.Loggers[0]; l.Name != "simpleExample" || l.Propagate == nil || *l.Propagate {
		t.Errorf("logger %s: propagate %v, want false", l.Name, l.Propagate)
	}
}

// TestPyYAMLKeys checks that keys are compared as Python compares dict
// keys (yes, on, 1, 0x1 and 1.0 are one key, True; "yes" is a string)
// and that a cfg:// index finds an integer key however it is written.
func TestPyYAMLKeys(t *testing.T) {
	_, err := Parse("logging.yaml", []byte(`version: 1
data:
  yes: 1
  on: 2
  "yes": 3
  1: a
  0x1: b
  1.0: c
  2001-12-14: d
  2001-12-14 00:00:00: e
`))
	// Python: {True: 'c', 'yes': 3, date(2001, 12, 14): 'd', datetime(2001, 12, 14, 0, 0): 'e'}.
	want := `logging.yaml:2:1: warning: Python ignores the top-level key "data", which no cfg:// reference names
logging.yaml:4:3: duplicate key "on" (first at line 3)
logging.yaml:6:3: duplicate key "1" (first at line 3)
logging.yaml:7:3: duplicate key "0x1" (first at line 3)
logging.yaml:8:3: duplicate key "1.0" (first at line 3)`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	cfg := mustParse(t, `version: 1
levels:
  0x2: INFO
handlers:
  h:
    class: logging.StreamHandler
    level: cfg://levels[2]
`)
	if l := cfg.Handlers[0].Level; l.Level != level.INFO {
		t.Errorf("cfg://levels[2] = %v, want INFO", l.Level)
	}
}
