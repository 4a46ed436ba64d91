package graph

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/runtime/level"
)

// routeScript applies each configuration with CPython's dictConfig, logs
// a record of each level to each name, and prints which handlers emit it
// (their emit methods are replaced, so nothing is written, and a
// NullHandler's handle, which counts as emitting; memory
// handlers buffer as they do, and are flushed after each record; "lastresort" is
// logging.lastResort). One JSON object a line in, one out.
const routeScript = `
import json, logging, logging.config, logging.handlers, os, sys, yaml

def run(case):
    with open(case["config"]) as f:
        cfg = yaml.safe_load(f) if case["config"].endswith(".yaml") else json.load(f)
    out = {}
    try:
        logging.config.dictConfig(cfg)
    except Exception as e:
        return {"error": repr(e)}
    emitted = []
    handlers = [h for h in (r() for r in logging._handlerList) if h is not None]
    for h in handlers:
        if isinstance(h, logging.NullHandler):
            # handle, not emit, is what does nothing.
            h.handle = (lambda h: lambda record: h.filter(record) and emitted.append(h.name))(h)
        elif not isinstance(h, logging.handlers.MemoryHandler):
            h.emit = (lambda name: lambda record: emitted.append(name))(h.name)
    logging.lastResort.emit = lambda record: emitted.append("lastresort")
    for name in case["names"]:
        logger = logging.getLogger(name)
        out[name] = {}
        for lv in case["levels"]:
            emitted.clear()
            logger.log(lv, "m")
            for h in handlers:
                if isinstance(h, logging.handlers.MemoryHandler):
                    h.flush()
            out[name][str(lv)] = sorted(emitted)
    return out

# Each configuration runs in a child of its own, in a fresh logging module.
for line in sys.stdin:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        with os.fdopen(w, "w") as f:
            f.write(json.dumps(run(json.loads(line))))
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as f:
        print(f.read())
    os.waitpid(pid, 0)
    sys.stdout.flush()
`

// TestRoutesAgainstCPython compares Route's outcomes with what CPython's
// logging does with the same configurations: every YAML and JSON
// configuration of the conformance cases that CPython 3.11 can apply, a
// record of each level logged to each configured name, to a name below
// each, to the root logger and to a name the configuration does not
// know.
func TestRoutesAgainstCPython(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the comparison with CPython forks a process per configuration, which Windows cannot")
	}
	if exec.Command("python3", "-c", "import yaml, logging.config").Run() != nil {
		t.Skip("no python3 with PyYAML to compare routes with CPython's logging")
	}
	var files []string
	for _, pat := range []string{"config.yaml", "config.json"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "conformance", "*", pat))
		files = append(files, m...)
	}
	type pycase struct {
		Config string   `json:"config"`
		Names  []string `json:"names"`
		Levels []int    `json:"levels"`
	}
	var cases []pycase
	var routes []*Wiring
	for _, f := range files {
		cfg, err := model.Load(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		w, err := New(cfg)
		if err != nil {
			continue // incremental
		}
		abs, _ := filepath.Abs(f)
		c := pycase{Config: abs, Names: []string{"", "not.configured"}}
		for _, l := range w.Loggers {
			if l.Name != "" {
				c.Names = append(c.Names, l.Name, l.Name+".child")
			}
		}
		for _, lv := range w.Levels() {
			c.Levels = append(c.Levels, int(lv))
		}
		c.Levels = append(c.Levels, 1, 0)
		cases = append(cases, c)
		routes = append(routes, w)
	}
	var in bytes.Buffer
	for _, c := range cases {
		line, _ := json.Marshal(c)
		in.Write(line)
		in.WriteByte('\n')
	}
	cmd := exec.Command("python3", "-c", routeScript)
	cmd.Dir = t.TempDir() // file handlers create their files here
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, stderr.Bytes())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("python3 answered %d cases of %d\n%s", len(lines), len(cases), stderr.Bytes())
	}
	compared, skipped := 0, 0
	for i, c := range cases {
		var got map[string]json.RawMessage
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("%s: %v: %s", c.Config, err, lines[i])
		}
		if e, ok := got["error"]; ok {
			skipped++
			t.Logf("%s: CPython cannot apply it: %s", c.Config, e)
			continue
		}
		for _, name := range c.Names {
			var byLevel map[string][]string
			if err := json.Unmarshal(got[name], &byLevel); err != nil {
				t.Fatalf("%s: %s: %v", c.Config, name, err)
			}
			r := routes[i].Route(name)
			for _, lv := range c.Levels {
				o := r.Outcome(level.Level(lv))
				var ours []string
				for _, e := range o.Emits {
					ours = append(ours, e.Handler.ID)
				}
				if o.LastResort {
					ours = append(ours, "lastresort")
				}
				slices.Sort(ours)
				want := byLevel[strconv.Itoa(lv)]
				if !slices.Equal(ours, want) && len(ours)+len(want) > 0 {
					t.Errorf("%s: a record of level %d to %q: the route says %q, CPython emits through %q", c.Config, lv, name, ours, want)
				}
				compared++
			}
		}
	}
	t.Logf("%d records compared with CPython over %d configurations (%d that CPython cannot apply skipped)", compared, len(cases)-skipped, skipped)
	if compared < 1000 {
		t.Errorf("only %d records compared", compared)
	}
}
