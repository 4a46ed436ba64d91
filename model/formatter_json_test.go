package model

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// jsonFormats are formats to read as python-json-logger reads them, with
// the style they are written for.
var jsonFormats = []struct {
	style byte
	raw   string
}{
	{'%', "%(message)s"},
	{'%', "%(asctime)s %(levelname)s %(name)s %(message)s"},
	{'%', "%(asctime) %(levelname) %(message)"},
	{'%', "%(message)%(levelname)%(name)%(asctime)"},
	{'%', "%(message)s (pid %(process)d)"},
	{'%', "(asctime) (message)"},
	{'%', "%(a)s ()) (x\ny) (%(b)d"},
	{'%', "%(m)-8s %(n)#x %(o)+.3f %(p)*d"},
	{'%', "%(é)s %(m)S %(m)y"},
	{'%', "%(levelname)s %(lévelname)s %(١)d"},
	{'%', "100%% (%(x)s)"},
	{'%', ""},
	{'{', "{levelname} {message}"},
	{'{', "{levelname:<8} {message!r:>20} (request_id)"},
	{'{', "{message} }"},
	{'{', "{message"},
	{'{', "{}"},
	{'{', "{0} {a.b} {c[d]}"},
	{'{', "{a!x}"},
	{'{', "{a!}"},
	{'{', "{a!r"},
	{'{', "{a!rx}"},
	{'{', "{a:{b}}"},
	{'{', "{a:zz}"},
	{'{', "{a{b}"},
	{'{', "{{literal}} {x}"},
	{'{', "{a[}"},
	{'{', "{a:>{w}.{p}f}"},
	{'{', "{-a}"},
	{'{', "{a\n}"},
	{'{', "{a:x\n}"},
	{'$', "${levelname} ${message}"},
	{'$', "$levelname $message"},
	{'$', "${message} costs $5"},
	{'$', "$$ only"},
	{'$', "${a b}"},
	{'$', "$é"},
}

// TestJSONFormatsAgainstPython checks, against Python's logging and
// python-json-logger's regular expressions, which formats validate and
// which fields each version finds.
func TestJSONFormatsAgainstPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("skipping: python3 is not on PATH")
	}
	type result struct {
		Error   string   `json:"error"`
		Fields2 []string `json:"fields2"`
		Fields3 []string `json:"fields3"`
	}
	var styles, raws []string
	for _, f := range jsonFormats {
		styles = append(styles, string(f.style))
		raws = append(raws, f.raw)
	}
	args, _ := json.Marshal(map[string][]string{"styles": styles, "raws": raws})
	// python-json-logger 2.0.1's and 3.3.0's regular expressions, and
	// logging.Formatter's validation (Python 3.11).
	script := `
import json, logging, re, sys
d = json.loads(sys.argv[1])
re2 = re.compile(r'\((.+?)\)', re.IGNORECASE)
re3 = {'%': re.compile(r'%\((.+?)\)', re.IGNORECASE), '{': re.compile(r'\{(.+?)\}', re.IGNORECASE),
       '$': re.compile(r'\$\{(.+?)\}', re.IGNORECASE)}
out = []
for style, raw in zip(d['styles'], d['raws']):
    r = {'error': ''}
    try:
        logging.Formatter(raw or None, style=style, validate=True)
    except ValueError as e:
        r['error'] = str(e)
    fmt = raw or {'%': '%(message)s', '{': '{message}', '$': '${message}'}[style]
    r['fields2'] = re2.findall(fmt)
    r['fields3'] = re3[style].findall(fmt)
    out.append(r)
print(json.dumps(out))
`
	cmd := exec.Command(python, "-c", script, string(args))
	data, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var want []result
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	for i, f := range jsonFormats {
		raw := f.raw
		if raw == "" {
			raw = loggingDefaultFormat(f.style)
		}
		verr := validateFormat(raw, f.style)
		switch {
		case verr == nil && want[i].Error != "":
			t.Errorf("%c %q: valid, Python says %s", f.style, f.raw, want[i].Error)
		case verr != nil && want[i].Error == "":
			t.Errorf("%c %q: %s, Python accepts it", f.style, f.raw, verr.Msg)
		case verr != nil && f.style != '%' && verr.Msg != want[i].Error:
			t.Errorf("%c %q: %s, Python says %s", f.style, f.raw, verr.Msg, want[i].Error)
		}
		for v, wantFields := range [][]string{want[i].Fields2, want[i].Fields3} {
			var got []string
			for _, fl := range jsonFields(raw, f.style, v == 1) {
				got = append(got, fl.name)
			}
			if strings.Join(got, "\x00") != strings.Join(wantFields, "\x00") {
				t.Errorf("%c %q, version %d: fields %q, Python finds %q", f.style, f.raw, v+2, got, wantFields)
			}
		}
	}
}
