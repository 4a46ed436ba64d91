package gen_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// scaleConfig returns the configuration of a large program: loggers
// loggers ("org.serviceS.pkgP.sub.loggerL"), each at INFO with one of
// handlers stream handlers, which share one formatter.
func scaleConfig(loggers, handlers int) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ndisable_existing_loggers: false\nformatters:\n  plain:\n    format: '%(asctime)s %(levelname)s %(name)s %(message)s'\nhandlers:\n")
	for i := range handlers {
		fmt.Fprintf(&b, "  h%04d:\n    class: logging.StreamHandler\n    stream: ext://sys.stdout\n    formatter: plain\n", i)
	}
	b.WriteString("loggers:\n")
	for i := range loggers {
		fmt.Fprintf(&b, "  org.service%d.pkg%d.sub.logger%d:\n    level: INFO\n    handlers: [h%04d]\n", i%7, i/20, i%20, i%handlers)
	}
	b.WriteString("root:\n  level: WARNING\n")
	return []byte(b.String())
}

func generateScale(tb testing.TB, loggers, handlers int) []byte {
	tb.Helper()
	cfg, err := model.Parse("logging.yaml", scaleConfig(loggers, handlers))
	if err != nil {
		tb.Fatal(err)
	}
	src, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: "logging.yaml"})
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

// TestGenerateScalesLinearly checks that checking and generating a
// configuration costs in proportion to its size: doubling the loggers and
// handlers (1,000 and 200 to 2,000 and 400) at most about doubles the
// allocations and the generated code, where work quadratic in the loggers
// would quadruple them. It counts, rather than times, so that a loaded
// machine does not make it fail; BenchmarkGenerate1000Loggers200Handlers
// and BenchmarkCompile1000Loggers200Handlers give the times.
func TestGenerateScalesLinearly(t *testing.T) {
	var src []byte
	small := testing.AllocsPerRun(1, func() { src = generateScale(t, 1000, 200) })
	smallLen := len(src)
	large := testing.AllocsPerRun(1, func() { src = generateScale(t, 2000, 400) })
	if r := large / small; r > 2.5 {
		t.Errorf("twice the loggers and handlers take %.2f times the allocations (%v, then %v); want about 2", r, small, large)
	}
	if r := float64(len(src)) / float64(smallLen); r > 2.5 {
		t.Errorf("twice the loggers and handlers generate %.2f times the code; want about 2", r)
	}
}

// BenchmarkGenerate1000Loggers200Handlers checks and generates the
// configuration of a large program (goal: well under a second).
func BenchmarkGenerate1000Loggers200Handlers(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		generateScale(b, 1000, 200)
	}
}

// BenchmarkCompile1000Loggers200Handlers builds the generated package of
// a large program (goal: under 3 s), reporting the CPU time of the go
// command and the compiler (cpu-ns/op), which a loaded machine inflates
// less than the wall time. Each build's source differs by a comment, so
// that the build cache does not answer.
func BenchmarkCompile1000Loggers200Handlers(b *testing.B) {
	goCmd := goCommand(b)
	src := generateScale(b, 1000, 200)
	dir, env := testModule(b, map[string][]byte{filepath.Join("logs", "logs_gen.go"): src})
	build := func(i int) time.Duration {
		path := filepath.Join(dir, "logs", "logs_gen.go")
		if err := os.WriteFile(path, fmt.Appendf(append([]byte(nil), src...), "\n// build %d %d\n", time.Now().UnixNano(), i), 0o666); err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, goCmd, "build", "./logs")
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go build ./logs: %v\n%s", err, out)
		}
		return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	build(-1) // the runtime packages into the build cache
	var cpu time.Duration
	b.ResetTimer()
	for i := range b.N {
		cpu += build(i)
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}
