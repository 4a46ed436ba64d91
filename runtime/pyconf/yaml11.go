package pyconf

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file holds how PyYAML's yaml.safe_load reads a plain scalar, which
// decides what Python programs get from a YAML logging configuration: it
// resolves by YAML 1.1 (yes, on and off are booleans, 017 is octal, 1:30 is
// 90, 1_000 is 1000, 2001-12-14 is a date, 1e3 and 0o17 are strings),
// where yaml.v3 resolves by YAML 1.2 (yaml/resolver.py and
// yaml/constructor.py of PyYAML 6). The generator (package model) and the
// run-time reloader (runtime/reload) both read YAML with it.

// The tags of PyYAML's resolvers, as yaml.v3 writes them.
const (
	tagNull      = "!!null"
	tagBool      = "!!bool"
	tagInt       = "!!int"
	tagFloat     = "!!float"
	tagStr       = "!!str"
	tagTimestamp = "!!timestamp"
	tagMerge     = "!!merge"
	tagValue     = "!!value"
)

// yamlResolvers are PyYAML's implicit resolvers, in the order it tries them:
// each applies to the values whose first character is in first (the
// empty value has only the null resolver). Python's $ also matches before
// a final newline, hence \n? before each $.
var yamlResolvers = []struct {
	tag   string
	first string
	re    *regexp.Regexp
}{
	{tagBool, "yYnNtTfFoO", regexp.MustCompile(`^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\n?$`)},
	{tagFloat, "-+0123456789.", regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?` +
		`|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?` +
		`|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*` +
		`|[-+]?\.(?:inf|Inf|INF)` +
		`|\.(?:nan|NaN|NAN))\n?$`)},
	{tagInt, "-+0123456789", regexp.MustCompile(`^(?:[-+]?0b[0-1_]+` +
		`|[-+]?0[0-7_]+` +
		`|[-+]?(?:0|[1-9][0-9_]*)` +
		`|[-+]?0x[0-9a-fA-F_]+` +
		`|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\n?$`)},
	{tagMerge, "<", regexp.MustCompile(`^(?:<<)\n?$`)},
	{tagNull, "~nN", regexp.MustCompile(`^(?:~|null|Null|NULL|)\n?$`)},
	{tagTimestamp, "0123456789", regexp.MustCompile(`^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]` +
		`|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?` +
		`(?:[Tt]|[ \t]+)[0-9][0-9]?` +
		`:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?` +
		`(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\n?$`)},
	{tagValue, "=", regexp.MustCompile(`^(?:=)\n?$`)},
}

// YAMLTag returns the tag PyYAML's Resolver gives the untagged plain
// scalar s: "!!null", "!!bool", "!!int", "!!float", "!!timestamp",
// "!!merge", "!!value" or "!!str", as yaml.v3 writes tags.
func YAMLTag(s string) string {
	if s == "" {
		return tagNull
	}
	r, _ := utf8.DecodeRuneInString(s)
	for _, res := range yamlResolvers {
		if strings.ContainsRune(res.first, r) && res.re.MatchString(s) {
			return res.tag
		}
	}
	return tagStr
}

// YAMLScalar builds the value of a scalar of the tag "!!null", "!!str",
// "!!bool", "!!int" or "!!float" from its text, as PyYAML's
// SafeConstructor does: nil, a string, a bool, an int64 (a *big.Int beyond
// int64) or a float64; or it says why it cannot. Other tags are refused.
func YAMLScalar(tag, text string) (any, error) {
	switch tag {
	case tagNull:
		return nil, nil
	case tagStr:
		return text, nil
	case tagBool:
		switch strings.ToLower(text) {
		case "yes", "true", "on":
			return true, nil
		case "no", "false", "off":
			return false, nil
		}
		return nil, fmt.Errorf("%s is not one of yes, no, true, false, on, off", repr(text))
	case tagInt:
		return pyInt(text)
	case tagFloat:
		return pyFloat(text)
	}
	return nil, fmt.Errorf("yaml.safe_load has no constructor for the tag %s", tag)
}

// repr is Python's repr of the str s.
func repr(s string) string { return string(pyfmt.AppendRepr(nil, s)) }

// pyInt is SafeConstructor.construct_yaml_int.
func pyInt(text string) (any, error) {
	v := strings.ReplaceAll(text, "_", "")
	if v == "" {
		return nil, errors.New("string index out of range")
	}
	neg := v[0] == '-'
	if v[0] == '+' || v[0] == '-' {
		v = v[1:]
	}
	var x *big.Int
	var err error
	switch {
	case v == "0":
		x = new(big.Int)
	case strings.HasPrefix(v, "0b"):
		x, err = pyIntLiteral(v[2:], 2)
	case strings.HasPrefix(v, "0x"):
		x, err = pyIntLiteral(v[2:], 16)
	case v == "":
		return nil, errors.New("string index out of range")
	case v[0] == '0':
		x, err = pyIntLiteral(v, 8)
	case strings.Contains(v, ":"):
		x = new(big.Int)
		base := big.NewInt(1)
		parts := strings.Split(v, ":")
		for i := len(parts) - 1; i >= 0; i-- {
			d, err := pyIntLiteral(parts[i], 10)
			if err != nil {
				return nil, err
			}
			x.Add(x, d.Mul(d, base))
			base.Mul(base, big.NewInt(60))
		}
	default:
		x, err = pyIntLiteral(v, 10)
	}
	if err != nil {
		return nil, err
	}
	if neg {
		x.Neg(x)
	}
	if x.IsInt64() {
		return x.Int64(), nil
	}
	return x, nil
}

// pyIntLiteral is Python's int(s, base) for base 2, 8, 10 or 16, after
// PyYAML has removed the underscores.
func pyIntLiteral(s string, base int) (*big.Int, error) {
	fail := fmt.Errorf("invalid literal for int() with base %d: %s", base, repr(s))
	t := strings.TrimFunc(s, pyIsSpace)
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	if len(t) >= 2 && t[0] == '0' {
		switch p := t[1] | 0x20; {
		case base == 2 && p == 'b', base == 8 && p == 'o', base == 16 && p == 'x':
			t = t[2:]
		}
	}
	if t == "" {
		return nil, fail
	}
	for _, r := range t {
		d := 99
		switch {
		case r >= '0' && r <= '9':
			d = int(r - '0')
		case r|0x20 >= 'a' && r|0x20 <= 'z':
			d = int(r|0x20-'a') + 10
		}
		if d >= base {
			return nil, fail
		}
	}
	x, ok := new(big.Int).SetString(t, base)
	if !ok {
		return nil, fail
	}
	if neg {
		x.Neg(x)
	}
	return x, nil
}

// pyIsSpace reports whether Python's str.strip removes r.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
}

// pyFloat is SafeConstructor.construct_yaml_float.
func pyFloat(text string) (any, error) {
	v := strings.ToLower(strings.ReplaceAll(text, "_", ""))
	if v == "" {
		return nil, errors.New("string index out of range")
	}
	sign := 1.0
	if v[0] == '-' {
		sign = -1
	}
	if v[0] == '+' || v[0] == '-' {
		v = v[1:]
	}
	switch {
	case v == ".inf":
		return math.Inf(int(sign)), nil
	case v == ".nan":
		return math.NaN(), nil
	case strings.Contains(v, ":"):
		parts := strings.Split(v, ":")
		x, base := 0.0, 1.0
		for i := len(parts) - 1; i >= 0; i-- {
			d, err := pyFloatLiteral(parts[i])
			if err != nil {
				return nil, err
			}
			x += d * base
			base *= 60
		}
		return sign * x, nil
	}
	f, err := pyFloatLiteral(v)
	if err != nil {
		return nil, err
	}
	return sign * f, nil
}

// pyFloatLiteral is Python's float(s).
func pyFloatLiteral(s string) (float64, error) {
	t := strings.TrimFunc(s, pyIsSpace)
	if !strings.ContainsAny(t, "xX") && t != "" {
		f, err := strconv.ParseFloat(t, 64)
		if err == nil || errors.Is(err, strconv.ErrRange) {
			return f, nil
		}
	}
	return 0, fmt.Errorf("could not convert string to float: %s", repr(s))
}
