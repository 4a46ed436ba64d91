package runtime

import (
	"os/exec"
	"regexp"
	"testing"
)

// The level methods must stay small enough for the compiler to inline, so
// that a disabled call is one atomic load at the call site (README). Adding
// an argument to log or a statement to a method breaks that silently; this
// test says so.
func TestLevelMethodsInline(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler; skipped in -short mode")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command("go", "build", "-gcflags=-m", ".", "../examples/extra/logs").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	for _, m := range []string{"IsEnabledFor", "Debug", "Info", "Warning", "Error", "Critical", "Log",
		"Debugf", "Infof", "Warningf", "Errorf", "Criticalf", "Logf",
		"DebugContext", "InfoContext", "WarningContext", "ErrorContext", "CriticalContext", "LogContext",
		"DebugContextf", "InfoContextf", "WarningContextf", "ErrorContextf", "CriticalContextf", "LogContextf"} {
		re := regexp.MustCompile(`can inline \(\*Logger\)\.` + m + `\n`)
		if !re.Match(out) {
			t.Errorf("(*Logger).%s is no longer inlinable", m)
		}
	}
	// Generated typed loggers check the level before building their
	// fields, and inline too (examples/extra is one).
	for _, m := range []string{"Logger.With", "ExtraLogger.Debug", "ExtraLogger.Info", "ExtraLogger.Log",
		"ExtraLogger.InfoContext", "ExtraLogger.LogContextf", "ExtraLogger.ExceptionContext"} {
		if !regexp.MustCompile(`logs_gen.go:\d+:\d+: can inline ` + m + `\n`).Match(out) {
			t.Errorf("generated %s is no longer inlinable", m)
		}
	}
}
