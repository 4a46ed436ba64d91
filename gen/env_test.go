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
		stdout: `Configure: logging.yaml:29:12: logger "app.db": level: environment variable DB_LEVEL is not set, and env://DB_LEVEL gives no default: expected a level name (` + levels + ") or an integer\n",
		files:  map[string]string{"app.log": ""},
	}, {
		name: "unparsable",
		env:  []string{"DB_LEVEL=debug", "CONSOLE_LEVEL=loud", "LOG_MAX_BYTES=1MB", "LOG_DELAY=maybe", "LOG_FILE=never.log", "LOG_MODE=r"},
		stdout: `Configure: logging.yaml:12:12: handler "console": level: environment variable CONSOLE_LEVEL is "loud": expected a level name (` + levels + ") or an integer\n" +
			`logging.yaml:29:12: logger "app.db": level: environment variable DB_LEVEL is "debug": expected a level name (` + levels + `) or an integer (level names are case-sensitive: "DEBUG")` + "\n" +
			`logging.yaml:16:11: handler "file": mode: environment variable LOG_MODE is "r": expected "a" (append), "w" (truncate) or "x" (create)` + "\n" +
			`logging.yaml:17:15: handler "file": maxBytes: environment variable LOG_MAX_BYTES is "1MB": expected an integer in decimal` + "\n" +
			`logging.yaml:19:12: handler "file": delay: environment variable LOG_DELAY is "maybe": expected a boolean: true or false (also yes/no, on/off, 1/0, in any case)` + "\n",
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
			checkFiles(t, work, c.files)
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

// checkFiles checks that dir holds the files of want, and no others, with
// their contents.
func checkFiles(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		w, ok := want[e.Name()]
		if !ok {
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != w {
			t.Errorf("file %s differs (- want, + got):\n%s", e.Name(), lineDiff(w, string(got)))
		}
	}
	var wantNames []string
	for name := range want {
		wantNames = append(wantNames, name)
	}
	sort.Strings(wantNames)
	if strings.Join(names, " ") != strings.Join(wantNames, " ") {
		t.Errorf("the program left files %q, want %q", names, wantNames)
	}
}

// TestEnvOverlay checks env:// values in loggen's own section of a file
// that CPython reads as well (testdata/envoverlay: logging.yaml, whose
// loggen key overlays handlers, loggers and the root, and logging.ini,
// whose sections [loggen.X] overlay sections [X]). CPython configures
// itself from each file, ignoring the overlay, and logs what
// testdata/envoverlay/main.go logs; the code loggen generates from each
// file reads the overlay's values from the environment. Under the
// environment that gives the values the file gives CPython, the outputs
// are the same; under others they follow the environment; and an unset
// variable is Configure's error at its place in the overlay.
func TestEnvOverlay(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: building generated code is slow; run without -short")
	}
	goCmd := goCommand(t)
	dir := filepath.Join("testdata", "envoverlay")
	files := map[string][]byte{}
	program, err := os.ReadFile(filepath.Join(dir, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	files["main.go"] = program
	for _, ext := range []string{"yaml", "ini"} {
		config, err := os.ReadFile(filepath.Join(dir, "logging."+ext))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := model.Parse("logging."+ext, config)
		if err != nil {
			t.Fatal(err)
		}
		src, err := gen.Generate(cfg, gen.Options{Package: ext + "logs", Source: "logging." + ext})
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Join(ext+"logs", "logs_gen.go")] = src
	}
	mod, goEnv := testModule(t, files)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bin := filepath.Join(mod, "envoverlay.exe")
	cmd := exec.CommandContext(ctx, goCmd, "build", "-o", bin, ".")
	cmd.Dir, cmd.Env = mod, goEnv
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// What the file gives CPython: root and console at WARNING, app at
	// INFO, app.log.
	cpython := struct {
		stdout string
		files  map[string]string
	}{
		"levels: root=WARNING app=INFO\nWARNING:root:root warning\n",
		map[string]string{"app.log": "WARNING:root:root warning\nINFO:app:app info\n"},
	}
	unset := func(pos string) string {
		return "Configure: " + pos + `: logger "app": level: environment variable APP_LEVEL is not set, and env://APP_LEVEL gives no default: expected a level name (NOTSET, DEBUG, INFO, WARN, WARNING, ERROR, CRITICAL, FATAL) or an integer` + "\n"
	}
	for _, ext := range []string{"yaml", "ini"} {
		t.Run(ext, func(t *testing.T) {
			config, err := filepath.Abs(filepath.Join(dir, "logging."+ext))
			if err != nil {
				t.Fatal(err)
			}
			t.Run("cpython", func(t *testing.T) {
				py, err := exec.LookPath("python3")
				if err != nil {
					t.Skip("python3 is not on PATH: CPython's reading of the file is not checked")
				}
				if exec.CommandContext(ctx, py, "-c", "import yaml").Run() != nil {
					t.Skip("python3 has no PyYAML: CPython's reading of the file is not checked")
				}
				const script = `import logging, logging.config, sys, yaml
p = sys.argv[1]
if p.endswith(".ini"):
    logging.config.fileConfig(p)
else:
    logging.config.dictConfig(yaml.safe_load(open(p)))
root, app = logging.getLogger(), logging.getLogger("app")
print("levels: root=%s app=%s" % (logging.getLevelName(root.level), logging.getLevelName(app.level)), flush=True)
root.info("root info")
root.warning("root warning")
app.debug("app debug")
app.info("app info")
logging.shutdown()
`
				work := t.TempDir()
				var stdout, stderr bytes.Buffer
				cmd := exec.CommandContext(ctx, py, "-c", script, config)
				cmd.Dir, cmd.Stdout, cmd.Stderr = work, &stdout, &stderr
				if err := cmd.Run(); err != nil {
					t.Fatalf("CPython cannot configure itself from logging.%s: %v\n%s", ext, err, stderr.Bytes())
				}
				if got := stdout.String(); got != cpython.stdout {
					t.Errorf("CPython's stdout differs (- want, + got):\n%s", lineDiff(cpython.stdout, got))
				}
				checkFiles(t, work, cpython.files)
			})
			for _, c := range []struct {
				name   string
				env    []string
				stdout string
				files  map[string]string
			}{{
				name:   "as-cpython",
				env:    []string{"APP_LEVEL=INFO"},
				stdout: cpython.stdout,
				files:  cpython.files,
			}, {
				name: "set",
				env:  []string{"LOG_LEVEL=INFO", "APP_LEVEL=DEBUG", "CONSOLE_LEVEL=DEBUG", "LOG_FILE=other.log"},
				stdout: "levels: root=INFO app=DEBUG\n" +
					"INFO:root:root info\nWARNING:root:root warning\nDEBUG:app:app debug\nINFO:app:app info\n",
				files: map[string]string{"other.log": "INFO:root:root info\nWARNING:root:root warning\nDEBUG:app:app debug\nINFO:app:app info\n"},
			}, {
				name:   "unset",
				env:    []string{"LOG_FILE=never.log"},
				stdout: unset(map[string]string{"yaml": "logging.yaml:30:18", "ini": "logging.ini:44:7"}[ext]),
				files:  map[string]string{"never.log": ""},
			}} {
				t.Run(c.name, func(t *testing.T) {
					work := t.TempDir()
					var stdout, stderr bytes.Buffer
					cmd := exec.CommandContext(ctx, bin, ext)
					cmd.Dir, cmd.Env = work, append([]string{"TZ=UTC"}, c.env...)
					cmd.Stdout, cmd.Stderr = &stdout, &stderr
					err := cmd.Run()
					if failed := strings.HasPrefix(c.stdout, "Configure:"); failed != (err != nil) {
						t.Errorf("exit: %v; stderr:\n%s", err, stderr.Bytes())
					}
					if got := stdout.String(); got != c.stdout {
						t.Errorf("stdout differs (- want, + got):\n%s", lineDiff(c.stdout, got))
					}
					checkFiles(t, work, c.files)
				})
			}
		})
	}
}
