package main

import (
	"strings"
	"testing"
)

// TestTable checks the table made from a small recorded run: medians over
// the runs, a dash where a scenario has no such contender, allocations
// shown only when there are some.
func TestTable(t *testing.T) {
	in := `date: 2026-01-02 03:04 UTC
cpu: Some CPU   
gomaxprocs: 2
BenchmarkTimeless/single-2   10   40 ns/op   40 loggen-ns/op   0 loggen-allocs/op   2.0 loggen/floor   0.5 loggen/zerolog   1 zerolog-allocs/op
BenchmarkTimeless/single-2   10   44 ns/op   44 loggen-ns/op   0 loggen-allocs/op   2.2 loggen/floor   0.7 loggen/zerolog   1 zerolog-allocs/op
BenchmarkTimeless/single-2   10   50 ns/op   50 loggen-ns/op   0 loggen-allocs/op   2.4 loggen/floor   0.6 loggen/zerolog   1 zerolog-allocs/op
`
	var out strings.Builder
	if err := run(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"date 2026-01-02 03:04 UTC, cpu Some CPU, gomaxprocs 2.",
		"| format without a time field | 1 | 44.0 ns | 2.20 | — | 0.60 (1 allocs) | — | — | — | — |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}
	if err := run(strings.NewReader("nothing\n"), &out); err == nil {
		t.Error("no error for an input without benchmarks")
	}
}
