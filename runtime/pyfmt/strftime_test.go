package pyfmt

import (
	"fmt"
	"strconv"
	"testing"
	"time"
)

func pyvecTmOf(v *pyvecTm) Tm {
	return Tm{
		Year: v.Year, Month: v.Month, Day: v.Day, Hour: v.Hour, Minute: v.Minute, Second: v.Second,
		Weekday: v.Weekday, Yday: v.Yday, Zone: v.Zone, Offset: v.Offset, Unix: v.Unix,
	}
}

func TestTmStrftimeVectors(t *testing.T) {
	vecs := pyvecLoad(t, "strftime")
	pass := 0
	for _, v := range vecs {
		tm := pyvecTmOf(v.Tm)
		var flag, d byte
		switch len(v.Spec) {
		case 2:
			d = v.Spec[1]
		case 3:
			flag, d = v.Spec[1], v.Spec[2]
		default:
			t.Fatalf("bad directive %q", v.Spec)
		}
		if !ValidStrftimeDirective(flag, d) {
			t.Errorf("ValidStrftimeDirective(%q) = false", v.Spec)
			continue
		}
		got := tm.AppendDirective([]byte("<"), flag, d)[1:]
		if pyvecCheck(t, fmt.Sprintf("strftime(%q, %+v)", v.Spec, tm), v, got, nil) {
			pass++
		}
	}
	t.Logf("%d/%d strftime vectors pass", pass, len(vecs))
}

func TestTmMakeTm(t *testing.T) {
	n := 0
	for _, v := range pyvecLoad(t, "strftime") {
		if v.Tm.Offset != 0 || v.Spec != "%a" {
			continue
		}
		n++
		got := MakeTm(time.Unix(v.Tm.Unix, 0).UTC())
		want := pyvecTmOf(v.Tm)
		want.Zone = "UTC" // glibc's gmtime calls it GMT
		if got != want {
			t.Errorf("MakeTm(%d) = %+v, want %+v", v.Tm.Unix, got, want)
		}
	}
	if n == 0 {
		t.Fatal("no UTC vectors")
	}
	loc := time.FixedZone("EST", -5*3600)
	tm := MakeTm(time.Date(2023, 11, 14, 17, 3, 2, 0, loc))
	if tm.Zone != "EST" || tm.Offset != -18000 || tm.Hour != 17 || tm.Unix != 1699999382 {
		t.Errorf("MakeTm in EST = %+v", tm)
	}
}

func TestTmAsctimeVectors(t *testing.T) {
	vecs := pyvecLoad(t, "asctime")
	for _, v := range vecs {
		tm := pyvecTmOf(v.Tm)
		ms, _ := strconv.Atoi(v.In.Value)
		got := AppendDefaultAsctime(nil, &tm, ms)
		pyvecCheck(t, fmt.Sprintf("formatTime(%+v, %d)", tm, ms), v, got, nil)
	}
}

func TestTmValidDirective(t *testing.T) {
	for _, c := range []struct {
		flag, d byte
		ok      bool
	}{{0, 'Y', true}, {'-', 'd', true}, {'^', 'a', true}, {0, 'f', false}, {0, 'E', false}, {'+', 'Y', false}, {0, 'q', false}} {
		if got := ValidStrftimeDirective(c.flag, c.d); got != c.ok {
			t.Errorf("ValidStrftimeDirective(%q, %q) = %v", c.flag, c.d, got)
		}
	}
	for _, c := range []struct {
		v, w int
		pad  byte
		want string
	}{{5, 2, '0', "05"}, {5, 2, ' ', " 5"}, {5, 2, 0, "5"}, {-5, 3, '0', "-05"}, {-5, 3, ' ', "- 5"}, {123, 2, '0', "123"}} {
		if got := string(AppendPad(nil, c.v, c.w, c.pad)); got != c.want {
			t.Errorf("AppendPad(%d, %d, %q) = %q, want %q", c.v, c.w, c.pad, got, c.want)
		}
	}
}

func TestParseTimeOfDay(t *testing.T) {
	good := map[string]int{"00:00": 0, "02:30": 9000, "23:59:59": 86399, "12:00:01": 43201}
	for s, want := range good {
		if got, ok := ParseTimeOfDay(s); !ok || got != want {
			t.Errorf("ParseTimeOfDay(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "2:30", "24:00", "12:60", "12:00:60", "12-00", "12:00:", "12:00:0", "1a:00", "12:00:00:00"} {
		if _, ok := ParseTimeOfDay(s); ok {
			t.Errorf("ParseTimeOfDay(%q) accepted", s)
		}
	}
}

func TestTruthy(t *testing.T) {
	type named int
	for _, c := range []struct {
		v    any
		want bool
	}{
		{nil, false}, {false, false}, {true, true}, {0, false}, {int64(-1), true}, {0.0, false}, {0.5, true},
		{"", false}, {"False", true}, {"0", true}, {map[string]any{}, false}, {map[string]any{"a": 1}, true},
		{[]any{}, false}, {[]any{nil}, true}, {named(0), false}, {named(2), true}, {[]string{}, false},
	} {
		if got := Truthy(c.v); got != c.want {
			t.Errorf("Truthy(%#v) = %v, want %v", c.v, got, c.want)
		}
	}
}

// TestUTF8Codec checks names against python3's codecs.lookup (run
// python3 -c "import codecs; print(codecs.lookup(NAME).name)").
func TestUTF8Codec(t *testing.T) {
	for _, n := range []string{"", "locale", "utf-8", "UTF-8", "utf8", "utf_8", "u8", "U8", "utf", "cp65001", "UTF 8", "utf--8", "utf8_ucs2", "utf8-ucs4", "UTF8 ", "-utf-8"} {
		if !UTF8Codec(n) {
			t.Errorf("UTF8Codec(%q) = false", n)
		}
	}
	for _, n := range []string{"utf-8-sig", "utf_8_sig", "latin-1", "utf-16", "ascii", "unicode-1-1-utf-8", "utf 88"} {
		if UTF8Codec(n) {
			t.Errorf("UTF8Codec(%q) = true", n)
		}
	}
}
