package examples_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// example is one program of this directory and what it must write. Lines
// are regular expressions matched against whole lines, in order; the clock
// is real, so timestamps are matched by pattern.
type example struct {
	dir    string
	config string // the configuration file; "" is logging.yaml
	// reference is a Python program (reference.py) that the example
	// follows with no configuration file; TestRunTimeConfigMatchesCPython
	// runs both and compares what they write.
	reference bool
	stdout    []string
	stderr    []string
	files     map[string][]string // nil lines: the file must exist, its content is not checked
}

const (
	asctime  = `\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}`
	datetime = `\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`
)

var examples = []example{
	{
		dir:    "ini",
		config: "logging.ini",
		stdout: []string{
			`F1 ` + asctime + ` INFO starting`,
			`F1 ` + asctime + ` DEBUG parsing main\.py`,
			`F1 ` + asctime + ` INFO 42 statements`,
			`F1 ` + asctime + ` ERROR syntax error on line 7`,
			`F1 ` + asctime + ` WARNING done with errors`,
		},
		files: map[string][]string{
			"python.log": {
				`F2 compiler\.parser DEBUG    parsing main\.py`,
				`F2 compiler\.parser INFO     42 statements`,
				`F2 compiler\.parser ERROR    syntax error on line 7`,
			},
			"rotating.log": {
				`F2 root INFO     starting`,
				`F2 compiler\.parser INFO     42 statements`,
				`F2 compiler\.parser ERROR    syntax error on line 7`,
				`F2 root WARNING  done with errors`,
			},
		},
	},
	{
		dir: "syslog",
		// It also sends each record over UDP to 127.0.0.1:5514, where
		// nothing need listen; runtime's tests check what syslog receives.
		stdout: []string{
			`app: DEBUG starting`,
			`app: INFO listening on :8080`,
			`app: WARNING disk 91% full`,
			`app: ERROR cannot reach the database`,
		},
	},
	{
		dir: "queue",
		stdout: []string{
			`logged 200 records in [0-9.]+(µs|ms|s); the file handler needs 1s for them`,
			`caller blocked by the file handler: false`,
			`Shutdown drained the queue in .*`,
			`queue.log has 200 lines`,
		},
		files: map[string][]string{"queue.log": nil},
	},
	{
		dir: "factory",
		stdout: []string{
			`\[bar=baz spam=99\.9 answer=42\] starting`,
			`\[bar=baz spam=99\.9 answer=42\] password is \*\*\*`,
			`>> WARNING password is \*\*\* <<`,
			`\[bar=baz spam=99\.9 answer=42\] disk full`,
			`>> ERROR disk full <<`,
			`ERROR disk full \(end\)`,
			`\[audit\] DISK FULL`,
		},
	},
	{
		dir:       "basicconfig",
		reference: true,
		files: map[string][]string{"newfile.log": {
			asctime + ` Harmless debug Message`,
			asctime + ` Just an information`,
			asctime + ` Its a Warning`,
			asctime + ` Did you try to divide by zero`,
			asctime + ` Internet is down`,
		}},
	},
	{
		dir:       "basicconfigextra",
		reference: true,
		files: map[string][]string{"output.log": {
			`\d\d/\d\d/\d{4} (0[1-9]|1[0-2]):\d\d:\d\d (AM|PM): INFO: main Line:\d+ User:caal@example\.com This is an info-level log message`,
			`\d\d/\d\d/\d{4} (0[1-9]|1[0-2]):\d\d:\d\d (AM|PM): WARNING: main Line:\d+ User:caal@example\.com This is a warning-level message`,
			`\d\d/\d\d/\d{4} (0[1-9]|1[0-2]):\d\d:\d\d (AM|PM): DEBUG: anotherFunction Line:\d+ User:caal@example\.com This is a debug-level log message`,
		}},
	},
	{
		dir:       "sdk/nocfg",
		reference: true,
		stderr: []string{
			`INFO:root:starting`,
			`INFO:boto3:uploading 2023/11/summary\.csv to s3://reports`,
			asctime + ` botocore\.client\.S3 \[DEBUG\] PUT /reports/2023/11/summary\.csv \(48213 bytes\)`,
			`DEBUG:botocore\.client\.S3:PUT /reports/2023/11/summary\.csv \(48213 bytes\)`,
			asctime + ` botocore\.client\.S3 \[DEBUG\] response: 200 OK, ETag '9b2cf535f27731c974343645a3985328'`,
			`DEBUG:botocore\.client\.S3:response: 200 OK, ETag '9b2cf535f27731c974343645a3985328'`,
			`INFO:boto3:upload complete`,
			`WARNING:botocore\.client\.DynamoDB:throttled: retrying in 100ms`,
		},
	},
	{
		dir: "basic",
		files: map[string][]string{"newfile.log": {
			asctime + ` Harmless debug Message`,
			asctime + ` Just an information`,
			asctime + ` Its a Warning`,
			asctime + ` Did you try to divide by zero`,
			asctime + ` Internet is down`,
		}},
	},
	{
		// Its Python twin writes the same lines: TestJSONLogMatchesPython.
		dir:    "jsonlog",
		stdout: jsonlogLines(),
	},
	{
		dir: "extra",
		files: map[string][]string{"output.log": {
			`\d\d/\d\d/\d{4} (0[1-9]|1[0-2]):\d\d:\d\d (AM|PM): INFO: main Line:32 User:caal@example\.com This is an info-level log message`,
			`\d\d/\d\d/\d{4} (0[1-9]|1[0-2]):\d\d:\d\d (AM|PM): WARNING: main Line:33 User:caal@example\.com This is a warning-level message`,
			`\d\d/\d\d/\d{4} (0[1-9]|1[0-2]):\d\d:\d\d (AM|PM): DEBUG: anotherFunction Line:22 User:caal@example\.com This is a debug-level log message`,
			`\d\d/\d\d/\d{4} (0[1-9]|1[0-2]):\d\d:\d\d (AM|PM): ERROR: main Line:37 User:caal@example\.com This is an error-level message with a context`,
		}},
	},
	{
		dir: "sdk",
		stdout: []string{
			`INFO:root:starting`,
			`INFO:boto3:uploading 2023/11/summary\.csv to s3://reports`,
			`DEBUG:botocore\.client\.S3:PUT /reports/2023/11/summary\.csv \(48213 bytes\)`,
			`DEBUG:botocore\.client\.S3:response: 200 OK, ETag '9b2cf535f27731c974343645a3985328'`,
			`INFO:boto3:upload complete`,
			`WARNING:botocore\.client\.DynamoDB:throttled: retrying in 100ms`,
			`INFO:botocore\.client\.S3:the application can log through the SDK's logger too`,
		},
		stderr: []string{
			asctime + ` botocore\.client\.S3 \[DEBUG\] PUT /reports/2023/11/summary\.csv \(48213 bytes\)`,
			asctime + ` botocore\.client\.S3 \[DEBUG\] response: 200 OK, ETag '9b2cf535f27731c974343645a3985328'`,
			asctime + ` botocore\.client\.S3 \[INFO\] the application can log through the SDK's logger too`,
		},
	},
	{
		dir: "stdlib",
		stdout: []string{
			`INFO root main:43 starting`,
			`DEBUG app\.db main:45 connecting`,
			`WARNING legacy main:49 flag -v is deprecated`,
			`ERROR root main:53 cannot load the configuration`,
			`syscall\.Errno: no such file or directory`,
			``,
			`The above exception was the direct cause of the following exception:`,
			``,
			`Traceback \(most recent call last\):`,
			`  File ".*/examples/stdlib/main\.go", line 52, in main`,
			`  File ".*/examples/stdlib/main\.go", line 23, in load`,
			`fs\.PathError: open missing\.toml: no such file or directory`,
			``,
			`The above exception was the direct cause of the following exception:`,
			``,
			`fmt\.wrapError: load missing\.toml: open missing\.toml: no such file or directory`,
			`CRITICAL root worker:30 panic: runtime error: index out of range \[3\] with length 1`,
			`Traceback \(most recent call last\):`,
			`  File ".*/examples/stdlib/main\.go", line 55, in main`,
			`  File ".*/examples/stdlib/main\.go", line 30, in worker`,
			`panic: runtime error: index out of range \[3\] with length 1`,
			`INFO root main:56 done`,
		},
	},
	{
		dir: "contextcfg",
		stdout: []string{
			`INFO     root \[-/-\] tenant=000 user=- starting`,
			`INFO     app\.billing \[4bf92f3577b34da6/00f067aa0ba902b7\] tenant=007 user=bob charging`,
			`DEBUG    app\.billing \[4bf92f3577b34da6/00f067aa0ba902b7\] tenant=007 user=bob 1250 cents`,
			`INFO     app\.billing \[a3ce929d0e0e4736/-\] tenant=000 user=alice charging`,
			`DEBUG    app\.billing \[a3ce929d0e0e4736/-\] tenant=000 user=alice 99 cents`,
			`CRITICAL root \[-/-\] tenant=000 user=carol panic: runtime error: index out of range \[1\] with length 1`,
			`Traceback \(most recent call last\):`,
			`  File ".*/examples/contextcfg/main\.go", line 42, in main`,
			`  File ".*/examples/contextcfg/main\.go", line 28, in refund`,
			`panic: runtime error: index out of range \[1\] with length 1`,
			`INFO     root \[4bf92f3577b34da6/00f067aa0ba902b7\] tenant=007 user=- done`,
		},
	},
	{
		dir: "dictconfig",
		stdout: []string{
			`connected`,
			`pool 85% full`,
			`a child logger propagates to foo\.bar\.baz's handlers`,
		},
		stderr: []string{
			`the root logger has no handler: this goes to the last resort, on stderr`,
		},
		files: map[string][]string{"logconfig.log": {
			datetime + ` DEBUG    foo\.bar\.baz     connecting to the database`,
			datetime + ` INFO     foo\.bar\.baz     connected`,
			datetime + ` WARNING  foo\.bar\.baz     pool 85% full`,
			datetime + ` ERROR    foo\.bar\.baz\.qux a child logger propagates to foo\.bar\.baz's handlers`,
		}},
	},
}

// TestGeneratedCodeIsFresh regenerates every example's package and compares
// it with the committed file.
func TestGeneratedCodeIsFresh(t *testing.T) {
	for _, ex := range examples {
		if ex.reference {
			continue // no configuration: nothing is generated
		}
		t.Run(ex.dir, func(t *testing.T) {
			config := ex.config
			if config == "" {
				config = "logging.yaml"
			}
			cfg, err := model.Load(filepath.Join(ex.dir, config))
			if err != nil {
				t.Fatal(err)
			}
			// The arguments of the example's go:generate line.
			args := []string{"-config", config, "-pkg", "logs", "-o", "logs/logs_gen.go"}
			want, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: "../" + config, Args: args})
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(ex.dir, "logs", "logs_gen.go"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s/logs/logs_gen.go is stale: run go generate ./examples/...", ex.dir)
			}
		})
	}
}

// TestExamplesRun builds and runs every example in an empty directory and
// checks its stdout, stderr and the files it writes.
func TestExamplesRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs programs; skipped in -short mode")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	bin := t.TempDir()
	for _, ex := range examples {
		t.Run(ex.dir, func(t *testing.T) {
			exe := filepath.Join(bin, strings.ReplaceAll(ex.dir, "/", "-"))
			build := exec.Command("go", "build", "-o", exe, "./"+ex.dir)
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("go build: %v\n%s", err, out)
			}
			cwd := t.TempDir()
			cmd := exec.Command(exe)
			cmd.Dir = cwd
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("%s: %v\nstderr:\n%s", ex.dir, err, stderr.String())
			}
			matchLines(t, "stdout", stdout.String(), ex.stdout)
			matchLines(t, "stderr", stderr.String(), ex.stderr)
			entries, _ := os.ReadDir(cwd)
			if len(entries) != len(ex.files) {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("files written: %v, want %d", names, len(ex.files))
			}
			for name, want := range ex.files {
				data, err := os.ReadFile(filepath.Join(cwd, name))
				if err != nil {
					t.Error(err)
					continue
				}
				if want != nil {
					matchLines(t, name, string(data), want)
				}
			}
		})
	}
}

func matchLines(t *testing.T, what, got string, want []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if got == "" {
		lines = nil
	}
	if len(got) > 0 && !strings.HasSuffix(got, "\n") {
		t.Errorf("%s does not end with a newline", what)
	}
	if len(lines) != len(want) {
		t.Errorf("%s has %d lines, want %d:\n%s", what, len(lines), len(want), got)
		return
	}
	for i, re := range want {
		if !regexp.MustCompile(`^` + re + `$`).MatchString(lines[i]) {
			t.Errorf("%s line %d = %q, want match for %q", what, i+1, lines[i], re)
		}
	}
}

// TestLinksOnlyWhatItUses checks that a program whose configuration uses
// no handler of runtime/handlers does not link that package, nor the
// network code it needs, and that a program that uses neither log/slog,
// the log package nor contexts links none of them (nor the bridges).
func TestLinksOnlyWhatItUses(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command("go", "list", "-deps", "./basic").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps ./basic: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch pkg {
		case "github.com/loggen/loggen/runtime/handlers", "net", "net/http", "net/smtp", "crypto/tls",
			// The bridges and the test helper, and what they import.
			"github.com/loggen/loggen/runtime/slogbridge", "github.com/loggen/loggen/runtime/stdlog",
			"github.com/loggen/loggen/runtime/logtest", "log/slog", "log", "context", "testing":
			t.Errorf("examples/basic (one FileHandler) links %s", pkg)
		}
	}
}

// TestRunTimeConfigMatchesCPython runs each example that follows a Python
// program with no configuration file (BasicConfig, a library's
// set_stream_logger helper) beside that program, reference.py, under
// python3, in two empty directories, and compares their stdout, stderr and
// files, with the clock's digits and line numbers masked.
func TestRunTimeConfigMatchesCPython(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs programs; skipped in -short mode")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH: the examples are checked against their patterns only (TestExamplesRun)")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	masks := []*regexp.Regexp{
		regexp.MustCompile(asctime),
		regexp.MustCompile(`\d\d/\d\d/\d{4} \d\d:\d\d:\d\d (AM|PM)`),
		regexp.MustCompile(`Line:\d+`),
	}
	clean := func(b []byte) string {
		s := string(b)
		for _, m := range masks {
			s = m.ReplaceAllString(s, "<masked>")
		}
		return s
	}
	bin := t.TempDir()
	for _, ex := range examples {
		if !ex.reference {
			continue
		}
		t.Run(ex.dir, func(t *testing.T) {
			exe := filepath.Join(bin, strings.ReplaceAll(ex.dir, "/", "-"))
			if out, err := exec.Command("go", "build", "-o", exe, "./"+ex.dir).CombinedOutput(); err != nil {
				t.Fatalf("go build: %v\n%s", err, out)
			}
			ref, err := filepath.Abs(filepath.Join(ex.dir, "reference.py"))
			if err != nil {
				t.Fatal(err)
			}
			run := func(name string, args ...string) (stdout, stderr string, files map[string]string) {
				dir := t.TempDir()
				cmd := exec.Command(name, args...)
				cmd.Dir = dir
				var o, e bytes.Buffer
				cmd.Stdout, cmd.Stderr = &o, &e
				if err := cmd.Run(); err != nil {
					t.Fatalf("%s: %v\nstderr:\n%s", name, err, e.String())
				}
				files = map[string]string{}
				entries, _ := os.ReadDir(dir)
				for _, en := range entries {
					data, err := os.ReadFile(filepath.Join(dir, en.Name()))
					if err != nil {
						t.Fatal(err)
					}
					files[en.Name()] = clean(data)
				}
				return clean(o.Bytes()), clean(e.Bytes()), files
			}
			pyOut, pyErr, pyFiles := run(python, ref)
			goOut, goErr, goFiles := run(exe)
			if goOut != pyOut {
				t.Errorf("stdout differs:\n Go:\n%s\nPython:\n%s", goOut, pyOut)
			}
			if goErr != pyErr {
				t.Errorf("stderr differs:\n Go:\n%s\nPython:\n%s", goErr, pyErr)
			}
			if len(goFiles) != len(pyFiles) {
				t.Errorf("files: Go wrote %d, Python %d", len(goFiles), len(pyFiles))
			}
			for name, want := range pyFiles {
				if got := goFiles[name]; got != want {
					t.Errorf("%s differs:\n Go:\n%s\nPython:\n%s", name, got, want)
				}
			}
		})
	}
}
