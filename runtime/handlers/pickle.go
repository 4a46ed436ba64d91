package handlers

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// A pickler writes Python pickle protocol 1, the protocol of the frames
// that Python's SocketHandler and DatagramHandler send (pickle.dumps(d, 1)).
// It writes the opcodes CPython's C pickler picks for the same values, and
// memoizes as it does (a BINPUT after every str, tuple and dict), so a
// record dict comes out byte for byte as CPython would send it.
//
// CPython memoizes by object identity, which Go strings lack. The pickler
// shares the objects that CPython always shares: the empty string and the
// one-character strings of Latin-1 characters, which CPython caches, so a
// repeated "" or "a" is written as a BINGET, as CPython writes it. Other
// equal strings are written again; CPython would write a BINGET for them only
// when they happen to be the same object (interned names, for instance).
// Receivers see the same values either way.
type pickler struct {
	b    []byte
	memo int        // the next memo index
	one  [257]int32 // memo index+1 of the one-character strings (index 256: "")
	used []int      // indexes of one that are set, to clear them cheaply

	items []pickleItem // scratch for the record dict
	frame []byte       // the frame being built and sent
}

// Pickle protocol-1 opcodes.
const (
	pkMark       = '('
	pkStop       = '.'
	pkNone       = 'N'
	pkInt        = 'I' // I01\n and I00\n are True and False below protocol 2
	pkBinInt     = 'J'
	pkBinInt1    = 'K'
	pkBinInt2    = 'M'
	pkLong       = 'L'
	pkBinFloat   = 'G'
	pkBinUnicode = 'X'
	pkEmptyTuple = ')'
	pkTuple      = 't'
	pkEmptyDict  = '}'
	pkSetItem    = 's'
	pkSetItems   = 'u'
	pkBinPut     = 'q'
	pkLongBinPut = 'r'
	pkBinGet     = 'h'
	pkLongBinGet = 'j'
)

// pickleBatch is CPython's BATCHSIZE: SETITEMS takes at most this many items.
const pickleBatch = 1000

// reset starts a new pickle written after b.
func (p *pickler) reset(b []byte) {
	p.b = b
	p.memo = 0
	for _, i := range p.used {
		p.one[i] = 0
	}
	p.used = p.used[:0]
}

func (p *pickler) put() {
	if p.memo < 256 {
		p.b = append(p.b, pkBinPut, byte(p.memo))
	} else {
		p.b = append(p.b, pkLongBinPut)
		p.b = binary.LittleEndian.AppendUint32(p.b, uint32(p.memo))
	}
	p.memo++
}

func (p *pickler) get(i int) {
	if i < 256 {
		p.b = append(p.b, pkBinGet, byte(i))
	} else {
		p.b = append(p.b, pkLongBinGet)
		p.b = binary.LittleEndian.AppendUint32(p.b, uint32(i))
	}
}

// none writes None.
func (p *pickler) none() { p.b = append(p.b, pkNone) }

// boolean writes True or False as protocol 1 does: INT 01 or 00.
func (p *pickler) boolean(v bool) {
	if v {
		p.b = append(p.b, "I01\n"...)
	} else {
		p.b = append(p.b, "I00\n"...)
	}
}

// int writes an int: BININT1, BININT2 or BININT when it fits in 32 bits,
// else LONG in decimal text (protocol 1 has no LONG1).
func (p *pickler) int(v int64) {
	switch {
	case v >= 0 && v <= 0xff:
		p.b = append(p.b, pkBinInt1, byte(v))
	case v >= 0 && v <= 0xffff:
		p.b = append(p.b, pkBinInt2, byte(v), byte(v>>8))
	case v >= math.MinInt32 && v <= math.MaxInt32:
		p.b = append(p.b, pkBinInt)
		p.b = binary.LittleEndian.AppendUint32(p.b, uint32(int32(v)))
	default:
		p.b = append(p.b, pkLong)
		p.b = strconv.AppendInt(p.b, v, 10)
		p.b = append(p.b, "L\n"...)
	}
}

// uint writes an unsigned integer.
func (p *pickler) uint(v uint64) {
	if v <= math.MaxInt64 {
		p.int(int64(v))
		return
	}
	p.b = append(p.b, pkLong)
	p.b = strconv.AppendUint(p.b, v, 10)
	p.b = append(p.b, "L\n"...)
}

// float writes BINFLOAT: a big-endian IEEE 754 double.
func (p *pickler) float(v float64) {
	p.b = append(p.b, pkBinFloat)
	p.b = binary.BigEndian.AppendUint64(p.b, math.Float64bits(v))
}

// str writes BINUNICODE and memoizes it. A Go string that is not valid
// UTF-8 has its bad bytes replaced with U+FFFD: a Python str cannot hold
// them, and the receiver would fail to decode the pickle.
func (p *pickler) str(s string) {
	slot := -1
	switch {
	case s == "":
		slot = 256
	case len(s) == 1 && s[0] < utf8.RuneSelf:
		slot = int(s[0])
	case len(s) == 2:
		if r, n := utf8.DecodeRuneInString(s); n == 2 && r < 256 {
			slot = int(r)
		}
	}
	if slot >= 0 && p.one[slot] != 0 {
		p.get(int(p.one[slot] - 1))
		return
	}
	p.b = append(p.b, pkBinUnicode)
	if utf8.ValidString(s) {
		p.b = binary.LittleEndian.AppendUint32(p.b, uint32(len(s)))
		p.b = append(p.b, s...)
	} else {
		n := len(p.b)
		p.b = append(p.b, 0, 0, 0, 0)
		for _, r := range s { // range yields U+FFFD for each bad byte
			p.b = utf8.AppendRune(p.b, r)
		}
		binary.LittleEndian.PutUint32(p.b[n:], uint32(len(p.b)-n-4))
	}
	if slot >= 0 {
		p.one[slot] = int32(p.memo + 1)
		p.used = append(p.used, slot)
	}
	p.put()
}

// value writes a pyfmt.Value: None, str, int, float or bool; a pyfmt.KindAny value is
// written by any.
func (p *pickler) value(v pyfmt.Value) {
	switch v.Kind() {
	case pyfmt.KindNone:
		p.none()
	case pyfmt.KindString:
		p.str(v.Str())
	case pyfmt.KindInt:
		p.int(v.Int())
	case pyfmt.KindFloat:
		p.float(v.Float())
	case pyfmt.KindBool:
		p.boolean(v.Bool())
	default:
		p.any(v.Any())
	}
}

// any writes a Go value: nil, strings, integers, floats and booleans as the
// matching Python types, a []any as a tuple, a pyfmt.Value as itself, and anything
// else as the str of fmt's %v (a receiver cannot rebuild Go types).
func (p *pickler) any(a any) {
	switch x := a.(type) {
	case nil:
		p.none()
	case string:
		p.str(x)
	case bool:
		p.boolean(x)
	case int:
		p.int(int64(x))
	case int8:
		p.int(int64(x))
	case int16:
		p.int(int64(x))
	case int32:
		p.int(int64(x))
	case int64:
		p.int(x)
	case uint:
		p.uint(uint64(x))
	case uint8:
		p.uint(uint64(x))
	case uint16:
		p.uint(uint64(x))
	case uint32:
		p.uint(uint64(x))
	case uint64:
		p.uint(x)
	case uintptr:
		p.uint(uint64(x))
	case float32:
		p.float(float64(x))
	case float64:
		p.float(x)
	case pyfmt.Value:
		p.value(x)
	case []any:
		p.tuple(x)
	case error:
		p.str(x.Error())
	case fmt.Stringer:
		p.str(x.String())
	default:
		p.str(fmt.Sprint(x))
	}
}

// tuple writes a tuple as protocol 1 does: EMPTY_TUPLE for (), else MARK,
// the items, TUPLE, and a memo entry.
func (p *pickler) tuple(items []any) {
	if len(items) == 0 {
		p.b = append(p.b, pkEmptyTuple)
		return
	}
	p.b = append(p.b, pkMark)
	for _, it := range items {
		p.any(it)
	}
	p.b = append(p.b, pkTuple)
	p.put()
}

// A pickleItem is one key and value of a dict being written.
type pickleItem struct {
	key string
	val pyfmt.Value
}

// dict writes a dict of str keys as CPython's batch_dict_exact does:
// EMPTY_DICT and a memo entry, then for a single item key, value, SETITEM;
// otherwise batches of up to 1000 items, each MARK … SETITEMS (a dict of
// exactly 1000·k items ends with an empty batch, as in CPython).
func (p *pickler) dict(items []pickleItem) {
	p.b = append(p.b, pkEmptyDict)
	p.put()
	switch len(items) {
	case 0:
		return
	case 1:
		p.str(items[0].key)
		p.value(items[0].val)
		p.b = append(p.b, pkSetItem)
		return
	}
	i := 0
	for {
		p.b = append(p.b, pkMark)
		n := 0
		for ; i < len(items) && n < pickleBatch; i, n = i+1, n+1 {
			p.str(items[i].key)
			p.value(items[i].val)
		}
		p.b = append(p.b, pkSetItems)
		if n < pickleBatch {
			break
		}
	}
}
