//go:build !race

package pyfmt

import (
	"testing"
	"time"
)

// The race detector's instrumentation allocates, so these only run without
// it.

func TestPyFormatAllocs(t *testing.T) {
	buf := make([]byte, 0, 1024)
	wide, _ := pyfmtParseFormat("*^20")
	pct10s, _ := pyfmtParsePercent("%-10s")
	pct03d, _ := pyfmtParsePercent("%03d")
	pct3f, _ := pyfmtParsePercent("%.3f")
	fmt3f, _ := pyfmtParseFormat(">12,.3f")
	fmtInt, _ := pyfmtParseFormat("010,")
	args := []any{"world", 42}
	tm := MakeTm(time.Unix(1700000000, 0).UTC())
	cases := []struct {
		name string
		f    func()
	}{
		{"FormatSpec.AppendString width", func() { buf, _ = wide.AppendString(buf[:0], "héllo") }},
		{"PercentSpec.AppendString %-10s", func() { buf, _ = pct10s.AppendString(buf[:0], "héllo") }},
		{"PercentSpec.AppendInt %03d", func() { buf, _ = pct03d.AppendInt(buf[:0], 5) }},
		{"PercentSpec.AppendFloat %.3f", func() { buf, _ = pct3f.AppendFloat(buf[:0], 1700000000.123456) }},
		{"FormatSpec.AppendFloat >12,.3f", func() { buf, _ = fmt3f.AppendFloat(buf[:0], -1234567.891) }},
		{"FormatSpec.AppendInt 010,", func() { buf, _ = fmtInt.AppendInt(buf[:0], -1234) }},
		{"FormatSpec.AppendValue", func() { buf, _ = wide.AppendValue(buf[:0], StringValue("x")) }},
		{"AppendFloatRepr", func() { buf = AppendFloatRepr(buf[:0], 1700000000.123456) }},
		{"EscapeControl, nothing to escape", func() { buf = EscapeControl(append(buf[:0], "plain text"...), 0) }},
		{"EscapeControl", func() { buf = EscapeControl(append(buf[:0], "one\nline\x1b"...), 0) }},
		{"AppendRepr", func() { buf = AppendRepr(buf[:0], "it's\n日本") }},
		{"AppendPercentArgs %s %d", func() { buf, _ = AppendPercentArgs(buf[:0], "hello %s %d", args) }},
		{"AppendDefaultAsctime", func() { buf = AppendDefaultAsctime(buf[:0], &tm, 123) }},
		{"AppendDirective", func() { buf = tm.AppendDirective(buf[:0], '^', 'c') }},
		{"MakeTm", func() { tm = MakeTm(time.Unix(1700000000, 0).UTC()) }},
	}
	for _, c := range cases {
		if n := testing.AllocsPerRun(100, c.f); n != 0 {
			t.Errorf("%s: %v allocs per run, want 0", c.name, n)
		}
	}
	if string(buf) == "" {
		t.Fatal("empty")
	}
}
