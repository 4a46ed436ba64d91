package model

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// An Error is one mistake in a configuration file, at the position of the
// value (or key) that is wrong.
type Error struct {
	Pos Pos
	Msg string
	// Warning marks something Python accepts that is probably not what
	// was meant: it does not stop generation (but loggen -strict).
	Warning bool
}

// Error returns "file:line:col: msg", or "file:line:col: warning: msg".
func (e *Error) Error() string {
	if e.Warning {
		return e.Pos.String() + ": warning: " + e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// An ErrorList is every mistake found in one configuration file, sorted by
// position. Load and Parse return an ErrorList, never a single Error, so that
// a user fixes a whole file in one round.
type ErrorList []*Error

// Error returns the errors one per line, sorted by position.
func (l ErrorList) Error() string {
	l = l.sorted()
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// sorted returns the list sorted by file, line, column and message, with
// duplicates removed.
func (l ErrorList) sorted() ErrorList {
	out := make(ErrorList, len(l))
	copy(out, l)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return out[i].Msg < out[j].Msg
	})
	n := 0
	for i, e := range out {
		if i > 0 && e.Pos == out[n-1].Pos && e.Msg == out[n-1].Msg && e.Warning == out[n-1].Warning {
			continue
		}
		out[n] = e
		n++
	}
	return out[:n]
}

// errs collects errors and warnings while a file is checked.
type errs struct {
	list     ErrorList
	warnings ErrorList
}

func (e *errs) add(pos Pos, format string, args ...any) {
	e.list = append(e.list, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// warn records something Python accepts that is probably not what the
// user meant (a key Python ignores, a value taken by its truth). It does
// not stop generation; loggen -strict makes it an error.
func (e *errs) warn(pos Pos, format string, args ...any) {
	e.warnings = append(e.warnings, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// err returns the collected errors, with the warnings, sorted and without
// duplicates, or nil when there is no error.
func (e *errs) err() error {
	if len(e.list) == 0 {
		return nil
	}
	return append(e.list, e.warnings...).sorted()
}

// suggest returns ` (did you mean "x"?)` for the candidate closest to s, or
// "" when none is near enough to be a typo: the same word in another case
// ("info" for "INFO"), one edit away (an insertion, deletion, substitution
// or swap of neighbours) in a word of three or more characters, or two
// edits away in a word of five or more. Ties go to the earliest candidate.
func suggest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		if c == s {
			continue
		}
		d := levenshtein(s, c)
		if strings.EqualFold(s, c) {
			d = 0
		}
		n := max(utf8.RuneCountInString(s), utf8.RuneCountInString(c))
		if d == 1 && n < 3 || d == 2 && n < 5 || d > 2 {
			continue
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// levenshtein returns the edit distance between a and b, counted in runes,
// with a swap of two neighbours counting as one edit (the optimal string
// alignment distance).
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 256 || len(rb) > 256 {
		// Long strings are never typos of an id; don't spend quadratic time.
		if a == b {
			return 0
		}
		return max(len(ra), len(rb))
	}
	// Three rows: the one before the previous, for swaps.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
