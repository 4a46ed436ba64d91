package pyfmt

import (
	"fmt"
	"math"
	"strconv"
	"testing"
)

func TestPyReprVectors(t *testing.T) {
	for _, kind := range []string{"repr", "ascii", "floatrepr"} {
		vecs := pyvecLoad(t, kind)
		pass := 0
		for _, v := range vecs {
			var got []byte
			var what string
			switch kind {
			case "repr":
				got = AppendRepr([]byte("<"), v.In.Value)[1:]
				what = fmt.Sprintf("repr(%+q)", v.In.Value)
			case "ascii":
				got = AppendASCII([]byte("<"), v.In.Value)[1:]
				what = fmt.Sprintf("ascii(%+q)", v.In.Value)
			default:
				f, err := strconv.ParseFloat(v.In.Value, 64)
				if err != nil {
					t.Fatal(err)
				}
				got = AppendFloatRepr([]byte("<"), f)[1:]
				what = fmt.Sprintf("repr(%s)", v.In.Value)
			}
			if pyvecCheck(t, what, v, got, nil) {
				pass++
			}
		}
		t.Logf("%d/%d %s vectors pass", pass, len(vecs), kind)
	}
}

func TestPyReprInvalidUTF8(t *testing.T) {
	if got := string(AppendRepr(nil, "a\xffb\xc3")); got != `'a\xffb\xc3'` {
		t.Errorf("repr of invalid UTF-8 = %s", got)
	}
	if got := string(AppendASCII(nil, "\xe9")); got != `'\xe9'` {
		t.Errorf("ascii of invalid UTF-8 = %s", got)
	}
}

func TestPyReprFloatSpecial(t *testing.T) {
	for f, want := range map[float64]string{
		1700000000.123456: "1700000000.123456", 123: "123.0", 5000: "5000.0", 1e16: "1e+16",
		1e-5: "1e-05", 0.0001: "0.0001", math.Copysign(0, -1): "-0.0", math.Inf(1): "inf",
		math.Inf(-1): "-inf", 1.5e-7: "1.5e-07",
	} {
		if got := string(AppendFloatRepr(nil, f)); got != want {
			t.Errorf("AppendFloatRepr(%v) = %s, want %s", f, got, want)
		}
	}
	if got := string(AppendFloatRepr(nil, math.NaN())); got != "nan" {
		t.Errorf("AppendFloatRepr(NaN) = %s", got)
	}
}
