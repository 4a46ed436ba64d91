package bench

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// TestMain prints, before a benchmark run, the configuration lines of Go's
// benchmark format (key: value) that table/ puts above the table: the
// date, the Go version, the versions of the libraries, GOMAXPROCS and the
// machine's load.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		fmt.Printf("date: %s\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
		fmt.Printf("go: %s\n", runtime.Version())
		fmt.Printf("gomaxprocs: %d\n", runtime.GOMAXPROCS(0))
		if info, ok := debug.ReadBuildInfo(); ok {
			for _, d := range info.Deps {
				switch d.Path {
				case "go.uber.org/zap", "github.com/rs/zerolog", "github.com/phuslu/log":
					fmt.Printf("%s: %s\n", d.Path, d.Version)
				}
			}
		}
		if b, err := os.ReadFile("/proc/loadavg"); err == nil {
			fmt.Printf("load-at-start: %s\n", strings.Join(strings.Fields(string(b))[:3], " "))
		}
	}
	code := m.Run()
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		if b, err := os.ReadFile("/proc/loadavg"); err == nil {
			// After the benchmarks: a key line here would apply to
			// nothing, so it is a plain line that table/ reads.
			fmt.Printf("load-at-end: %s\n", strings.Join(strings.Fields(string(b))[:3], " "))
		}
	}
	os.Exit(code)
}
