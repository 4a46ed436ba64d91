package pyfmt

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzAppendPercentArgs formats random messages with a few typed
// arguments, as a tuple or as a mapping. It must not panic, fail only with
// an *Error, append to what b holds, and write no more than the message's
// own text, each conversion's value text and MaxWidth of padding: a width
// or precision can never make it allocate without bound.
func FuzzAppendPercentArgs(f *testing.F) {
	for _, v := range pyvecLoad(f, "message") {
		f.Add(v.Spec, "héllo", int64(42), 2.5, uint8(len(v.Args)))
	}
	for _, s := range []string{
		"%99999999999999999999d", "%9223372036854775807d", "%.2147483646x", "%*d", "%.*f", "%*.*s",
		"%65536d", "%65537d", "%30000d%35537s", "%(a)40000s%(a)40000s", "%(b)-*d", "%.65536e",
		"%(%(a)s)s", "%(c)#.300g", "%%%c", "%-0+ #5.3ls", "%(s)r %(s)a",
	} {
		f.Add(s, "x\xff日本😀", int64(-1<<63), -0.0, uint8(0x83))
		f.Add(s, "", int64(70000), 1e308, uint8(3))
	}
	f.Fuzz(func(t *testing.T, msg string, s string, i int64, x float64, mode uint8) {
		args := fuzzArgs(s, i, x, mode)
		out, err := AppendPercentArgs(nil, msg, args)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Exc == "" || pe.Msg == "" {
				t.Fatalf("%q %% %v: error %T %v, want a *Error", msg, args, err, err)
			}
		}
		// One conversion's value text: a repr or ascii of s (at most 10
		// bytes for each of its bytes, for the mapping's key and value),
		// a float's 309 integer digits, or the repr of the mapping.
		valueText := 4*(10*len(s)+64) + 512
		if limit := len(msg) + (len(msg)/2+1)*valueText + MaxWidth; len(out) > limit {
			t.Fatalf("%q %% %v wrote %d bytes, more than %d", msg, args, len(out), limit)
		}
		out2, err2 := AppendPercentArgs([]byte("prefix"), msg, args)
		if !bytes.Equal(out2, append([]byte("prefix"), out...)) || (err == nil) != (err2 == nil) {
			t.Fatalf("%q %% %v: %q, %v after a prefix; %q, %v without", msg, args, out2, err2, out, err)
		}
	})
}

// fuzzArgs builds the arguments of one FuzzAppendPercentArgs input from its
// values: with mode's high bit set, a mapping whose keys are a, b, c, d and
// s; otherwise a tuple of mode&7 values taken in turn from s, i, x, a bool,
// nil, an int and a uint64.
func fuzzArgs(s string, i int64, x float64, mode uint8) []any {
	if mode&0x80 != 0 {
		return []any{map[string]any{"a": s, "b": i, "c": x, "d": nil, s: int(i)}}
	}
	pool := []any{s, i, x, mode&0x40 != 0, nil, int(i), uint64(i)}
	args := make([]any, mode&7)
	for k := range args {
		args[k] = pool[(k+int(mode>>3))%len(pool)]
	}
	return args
}
