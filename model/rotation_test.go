package model

import (
	"testing"
	"time"
)

func TestParseAgeAndSize(t *testing.T) {
	for in, want := range map[any]time.Duration{
		"30d": 30 * 24 * time.Hour, "1w2d12h30m": (9*24+12)*time.Hour + 30*time.Minute, "90s": 90 * time.Second,
		"1.5h": 90 * time.Minute, int64(3600): time.Hour, 0.5: 500 * time.Millisecond, int64(0): 0,
	} {
		if got, msg := parseAge(in); got != want || msg != "" {
			t.Errorf("parseAge(%#v) = %v, %q; want %v", in, got, msg, want)
		}
	}
	for _, bad := range []any{"", "30", "d", "1dd", "1y", "-1d", int64(-1), true, "1e3d"} {
		if _, msg := parseAge(bad); msg == "" {
			t.Errorf("parseAge(%#v) accepted", bad)
		}
	}
	for in, want := range map[any]int64{
		int64(1000): 1000, "500M": 500 << 20, "1GiB": 1 << 30, "10kB": 10 << 10, "1.5G": 3 << 29, "42": 42, "42B": 42, "2 T": 2 << 40,
	} {
		if got, msg := parseSize(in); got != want || msg != "" {
			t.Errorf("parseSize(%#v) = %v, %q; want %v", in, got, msg, want)
		}
	}
	for _, bad := range []any{"", "M", "5X", "1iB", int64(-1), 1.5, "-1M", "9999999T"} {
		if _, msg := parseSize(bad); msg == "" {
			t.Errorf("parseSize(%#v) accepted", bad)
		}
	}
}

// FuzzParseAgeSize checks that maxAge and maxTotalSize values never panic
// the checker and that what is accepted is not negative.
func FuzzParseAgeSize(f *testing.F) {
	for _, s := range []string{"30d", "1w2d12h30m", "1.5h", "500M", "1GiB", "10kB", "2 T", "", "1e3d", "..d", "9999999999999999w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, msg := parseAge(s); msg == "" && d < 0 {
			t.Errorf("parseAge(%q) = %v", s, d)
		}
		if n, msg := parseSize(s); msg == "" && n < 0 {
			t.Errorf("parseSize(%q) = %d", s, n)
		}
	})
}
