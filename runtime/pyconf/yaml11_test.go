package pyconf

import (
	"fmt"
	"math/big"
	"testing"
)

// TestYAMLScalar checks plain scalars against what yaml.safe_load returns
// for them (PyYAML 6, checked with python3 -c 'import yaml; print(repr(yaml.safe_load(...)))').
func TestYAMLScalar(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string // Go's %#v of the value, or "error"
	}{
		{"on", "true"}, {"OFF", "false"}, {"yes", "true"}, {"y", `"y"`}, {"yEs", `"yEs"`},
		{"~", "<nil>"}, {"", "<nil>"}, {"Null", "<nil>"},
		{"017", "15"}, {"0x1F", "31"}, {"0b101", "5"}, {"+12", "12"}, {"-0", "0"},
		{"1_000", "1000"}, {"1:30", "90"}, {"190:20:30", "685230"},
		{"08", `"08"`}, {"0o17", `"0o17"`}, {"1e3", `"1e3"`},
		{"1.0e+3", "1000"}, {".5", "0.5"}, {"1:30.5", "90.5"}, {"-.inf", "-Inf"},
		{"2001-12-14", "error"} /* a date: YAMLScalar builds none */, {"DEBUG", `"DEBUG"`},
	} {
		v, err := YAMLScalar(YAMLTag(tc.text), tc.text)
		got := fmt.Sprintf("%#v", v)
		switch x := v.(type) {
		case nil:
			got = "<nil>"
		case float64:
			got = fmt.Sprint(x)
		case *big.Int:
			got = x.String()
		}
		if err != nil {
			got = "error"
		}
		if got != tc.want {
			t.Errorf("%q: got %s (%v), want %s", tc.text, got, err, tc.want)
		}
	}
}
