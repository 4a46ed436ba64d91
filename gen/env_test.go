package gen_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// TestEnvValues generates the code of testdata/env/logging.yaml, whose
// levels and handler options come from the environment, builds it with the
// program testdata/env/main.go, and runs the program under several
// environments (set with cmd.Env): the levels it reports, what it prints
// and the files it leaves show what was read, and a variable that is unset
// without a default, or that does not parse, is Configure's error, which
// names the variable, the key and its place in logging.yaml.
func TestEnvValues(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: building generated code is slow; run without -short")
	}
	goCmd := goCommand(t)
	config, err := os.ReadFile(filepath.Join("testdata", "env", configFile))
	if err != nil {
		t.Fatal(err)
	}
	program, err := os.ReadFile(filepath.Join("testdata", "env", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := model.Parse(configFile, config)
	if err != nil {
		t.Fatal(err)
	}
	src, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: configFile})
	if err != nil {
		t.Fatal(err)
	}
	dir, goEnv := testModule(t, map[string][]byte{"main.go": program, filepath.Join("logs", "logs_gen.go"): src})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bin := filepath.Join(dir, "env.exe")
	for _, args := range [][]string{{"vet", "./..."}, {"build", "-o", bin, "."}} {
		cmd := exec.CommandContext(ctx, goCmd, args...)
		cmd.Dir, cmd.Env = dir, goEnv
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s\ngenerated code:\n%s", strings.Join(args, " "), err, out, numbered(src))
		}
	}

	const levels = "NOTSET, DEBUG, INFO, WARN, WARNING, ERROR, CRITICAL, FATAL"
	for _, c := range []struct {
		name   string
		env    []string
		stdout string
		files  map[string]string // the files the program leaves, all of them
	}{{
		name: "defaults",
		env:  []string{"DB_LEVEL=DEBUG"},
		stdout: "levels: root=INFO app.db=DEBUG\n" +
			"WARNING:root:root warning\n" +
			"WARNING:app.db:db warning\n" +
			"ERROR:app.db:db error\n" +
			"[audit] ERROR:app.db:db error\n",
		files: map[string]string{"app.log": "INFO:root:root info\nWARNING:root:root warning\nDEBUG:app.db:db debug\nWARNING:app.db:db warning\nERROR:app.db:db error\n"},
	}, {
		// Every variable set: a level by number, a file that rolls over
		// at 40 bytes into one backup, the tag of the Go handler type.
		name: "set",
		env: []string{"LOG_LEVEL=WARNING", "DB_LEVEL=35", "CONSOLE_LEVEL=40", "LOG_FILE=custom.log",
			"LOG_MAX_BYTES=40", "LOG_BACKUPS=1", "LOG_DELAY=yes", "LOG_TAG=db"},
		stdout: "levels: root=WARNING app.db=Level 35\n" +
			"ERROR:app.db:db error\n" +
			"[db] ERROR:app.db:db error\n",
		files: map[string]string{
			"custom.log.1": "WARNING:root:root warning\n",
			"custom.log":   "ERROR:app.db:db error\n",
		},
	}, {
		// An empty variable takes the default, as ${NAME:-default} does.
		name:   "empty",
		env:    []string{"DB_LEVEL=ERROR", "LOG_FILE=", "CONSOLE_LEVEL=", "LOG_TAG="},
		stdout: "levels: root=INFO app.db=ERROR\nWARNING:root:root warning\nERROR:app.db:db error\n[audit] ERROR:app.db:db error\n",
		files:  map[string]string{"app.log": "INFO:root:root info\nWARNING:root:root warning\nERROR:app.db:db error\n"},
	}, {
		name:   "unset",
		env:    []string{"LOG_LEVEL=DEBUG"},
		stdout: `Configure: logging.yaml:28:12: logger "app.db": level: environment variable DB_LEVEL is not set, and env://DB_LEVEL gives no default: expected a level name (` + levels + ") or an integer\n",
		files:  map[string]string{"app.log": ""},
	}, {
		name: "unparsable",
		env:  []string{"DB_LEVEL=debug", "CONSOLE_LEVEL=loud", "LOG_MAX_BYTES=1MB", "LOG_DELAY=maybe", "LOG_FILE=never.log"},
		stdout: `Configure: logging.yaml:12:12: handler "console": level: environment variable CONSOLE_LEVEL is "loud": expected a level name (` + levels + ") or an integer\n" +
			`logging.yaml:28:12: logger "app.db": level: environment variable DB_LEVEL is "debug": expected a level name (` + levels + `) or an integer (level names are case-sensitive: "DEBUG")` + "\n" +
			`logging.yaml:16:15: handler "file": maxBytes: environment variable LOG_MAX_BYTES is "1MB": expected an integer in decimal` + "\n" +
			`logging.yaml:18:12: handler "file": delay: environment variable LOG_DELAY is "maybe": expected a boolean: true or false (also yes/no, on/off, 1/0, in any case)` + "\n",
		files: map[string]string{},
	}} {
		t.Run(c.name, func(t *testing.T) {
			work := t.TempDir()
			var stdout, stderr bytes.Buffer
			cmd := exec.CommandContext(ctx, bin)
			cmd.Dir, cmd.Env = work, append([]string{"TZ=UTC"}, c.env...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if failed := strings.HasPrefix(c.stdout, "Configure:"); failed != (err != nil) {
				t.Errorf("exit: %v; stderr:\n%s", err, stderr.Bytes())
			}
			if got := stdout.String(); got != c.stdout {
				t.Errorf("stdout differs (- want, + got):\n%s", lineDiff(c.stdout, got))
			}
			entries, err := os.ReadDir(work)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
				want, ok := c.files[e.Name()]
				if !ok {
					continue
				}
				got, err := os.ReadFile(filepath.Join(work, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want {
					t.Errorf("file %s differs (- want, + got):\n%s", e.Name(), lineDiff(want, string(got)))
				}
			}
			var want []string
			for name := range c.files {
				want = append(want, name)
			}
			sort.Strings(want)
			if strings.Join(names, " ") != strings.Join(want, " ") {
				t.Errorf("the program left files %q, want %q", names, want)
			}
		})
	}
}

// TestEnvGoldenTypeChecks type-checks the code of the golden cases that
// take values from the environment: they have no program to run.
func TestEnvGoldenTypeChecks(t *testing.T) {
	tc := checker(t)
	for _, c := range goldenCases(t) {
		if !strings.HasPrefix(c.name, "env") {
			continue
		}
		if errs := tc.check(generate(t, c)); errs != "" {
			t.Errorf("%s: the generated code does not type-check:\n%s", c.path, errs)
		}
	}
}
