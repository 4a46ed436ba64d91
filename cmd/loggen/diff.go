package main

import (
	"fmt"
	"strings"
)

// This file is the unified diff that -check prints: Myers' O(ND) algorithm
// over lines ("An O(ND) Difference Algorithm and Its Variations", 1986),
// after the common prefix and suffix are set aside. The standard library's
// internal/diff and x/tools' internal/diff cannot be imported.

// diffContext is the number of unchanged lines shown around each change,
// as diff -u shows them.
const diffContext = 3

// maxEditDistance bounds the search for a shortest edit script: Myers'
// algorithm keeps one row of O(d) integers for each edit d, so memory grows
// with the square of the distance. Past this many edits (after the common
// prefix and suffix) the files have little in common, and the rest of the
// difference is shown as the old lines removed and the new ones added.
const maxEditDistance = 1000

// An opKind says what an edit does to a line.
type opKind byte

const (
	opEqual  opKind = ' '
	opDelete opKind = '-'
	opInsert opKind = '+'
)

// An edit is one line of an edit script: a line of a kept (opEqual) or
// removed (opDelete), or a line of b added (opInsert).
type edit struct {
	kind opKind
	a, b int // the line's index in a (opEqual, opDelete) and in b (opEqual, opInsert)
}

// unifiedDiff returns the unified diff that turns old into new, with the
// file names oldName and newName in its "---" and "+++" lines, or "" when
// the two are equal.
func unifiedDiff(oldName, newName string, old, new []byte) string {
	return formatUnified(oldName, newName, splitLines(string(old)), splitLines(string(new)), maxEditDistance)
}

// formatUnified writes the unified diff of the lines a and b, searching
// for a shortest edit script up to maxD edits.
func formatUnified(oldName, newName string, a, b []string, maxD int) string {
	edits := diffLines(a, b, maxD)
	var out strings.Builder
	for i := 0; i < len(edits); {
		// Find the next change; a hunk starts diffContext lines before it.
		for i < len(edits) && edits[i].kind == opEqual {
			i++
		}
		if i == len(edits) {
			break
		}
		start := max(i-diffContext, 0)
		// Extend the hunk while the next change is at most 2*diffContext
		// unchanged lines away, so that contexts do not overlap.
		end := i
		for {
			for end < len(edits) && edits[end].kind != opEqual {
				end++
			}
			run := end
			for run < len(edits) && edits[run].kind == opEqual {
				run++
			}
			if run < len(edits) && run-end <= 2*diffContext {
				end = run
				continue
			}
			end = min(end+diffContext, len(edits))
			break
		}
		if out.Len() == 0 {
			fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
		}
		writeHunk(&out, a, b, edits[start:end])
		i = end
	}
	return out.String()
}

// writeHunk writes one hunk: its @@ line and its lines.
func writeHunk(out *strings.Builder, a, b []string, hunk []edit) {
	aStart, aCount, bStart, bCount := -1, 0, -1, 0
	for _, e := range hunk {
		if e.kind != opInsert {
			if aStart < 0 {
				aStart = e.a
			}
			aCount++
		}
		if e.kind != opDelete {
			if bStart < 0 {
				bStart = e.b
			}
			bCount++
		}
	}
	// A hunk without lines of a file names the line before it (0 at the
	// start), as diff -u does; otherwise its first line, counting from 1.
	if aStart < 0 {
		aStart = hunkAnchor(hunk, true)
	} else {
		aStart++
	}
	if bStart < 0 {
		bStart = hunkAnchor(hunk, false)
	} else {
		bStart++
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(aStart, aCount), hunkRange(bStart, bCount))
	for _, e := range hunk {
		var line string
		if e.kind == opInsert {
			line = b[e.b]
		} else {
			line = a[e.a]
		}
		out.WriteByte(byte(e.kind))
		out.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkAnchor returns the number of lines of a (inA) or of b before a hunk
// that has no line of that file: the hunk is all insertions (for a) or all
// deletions (for b), and each edit records the position in the other file
// where it applies.
func hunkAnchor(hunk []edit, inA bool) int {
	if inA {
		return hunk[0].a
	}
	return hunk[0].b
}

// hunkRange formats a hunk's start and line count as diff -u does: the count
// is left out when it is 1.
func hunkRange(start, count int) string {
	if count == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}

// splitLines splits s after each newline; the last line lacks one when s
// does not end with a newline.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diffLines returns an edit script that turns a into b: every line of a
// kept or deleted and every line of b kept or inserted, in order, with
// deletions before insertions where they meet. Within maxD edits of the
// common prefix and suffix the script is a shortest one.
func diffLines(a, b []string, maxD int) []edit {
	var edits []edit
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		edits = append(edits, edit{opEqual, pre, pre})
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	edits = append(edits, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, maxD)...)
	for i := suf; i > 0; i-- {
		edits = append(edits, edit{opEqual, len(a) - i, len(b) - i})
	}
	return edits
}

// myers returns a shortest edit script from a to b, whose lines are at
// offset off in the whole files, or, beyond maxD edits, the script that
// deletes all of a and inserts all of b.
//
// In Myers' terms, V[k] is the furthest x reached on diagonal k = x - y
// with d edits, and trace[d] keeps V[-d..d] (at index k+d) after d edits,
// to walk back from (len(a), len(b)) to (0, 0).
func myers(a, b []string, off, maxD int) []edit {
	n, m := len(a), len(b)
	// from returns the diagonal that the furthest path on diagonal k
	// after d edits comes from: k+1 (a move down, inserting a line of b)
	// or k-1 (a move right, deleting a line of a). prev is trace[d-1].
	from := func(prev []int, d, k int) int {
		if k == -d || (k != d && prev[k-1+d-1] < prev[k+1+d-1]) {
			return k + 1
		}
		return k - 1
	}
	var trace [][]int
	found := false
	for d := 0; d <= n+m && d <= maxD && !found; d++ {
		v := make([]int, 2*d+1)
		for k := -d; k <= d; k += 2 {
			x := 0
			if d > 0 {
				prev := trace[d-1]
				if pk := from(prev, d, k); pk == k+1 {
					x = prev[pk+d-1]
				} else {
					x = prev[pk+d-1] + 1
				}
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[k+d] = x
			if x >= n && y >= m {
				found = true
			}
		}
		trace = append(trace, v)
	}
	if !found {
		edits := make([]edit, 0, n+m)
		for i := range a {
			edits = append(edits, edit{opDelete, off + i, off})
		}
		for j := range b {
			edits = append(edits, edit{opInsert, off + n, off + j})
		}
		return edits
	}

	// Walk back from the end, collecting the edits in reverse: each step
	// is a snake of equal lines preceded by one edit.
	var rev []edit
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		k := x - y
		pk := from(trace[d-1], d, k)
		prevX := trace[d-1][pk+d-1]
		prevY := prevX - pk
		midX, midY := prevX+1, prevY // after deleting a[prevX]
		if pk == k+1 {
			midX, midY = prevX, prevY+1 // after inserting b[prevY]
		}
		for x > midX && y > midY {
			x--
			y--
			rev = append(rev, edit{opEqual, off + x, off + y})
		}
		if pk == k+1 {
			rev = append(rev, edit{opInsert, off + prevX, off + prevY})
		} else {
			rev = append(rev, edit{opDelete, off + prevX, off + prevY})
		}
		x, y = prevX, prevY
	}
	for x > 0 && y > 0 {
		x--
		y--
		rev = append(rev, edit{opEqual, off + x, off + y})
	}
	edits := make([]edit, len(rev))
	for i, e := range rev {
		edits[len(rev)-1-i] = e
	}
	return orderChanges(edits)
}

// orderChanges puts the deletions of each run of changes (edits between
// two kept lines) before its insertions, as diff -u shows them.
func orderChanges(edits []edit) []edit {
	out := make([]edit, 0, len(edits))
	for i := 0; i < len(edits); {
		if edits[i].kind == opEqual {
			out = append(out, edits[i])
			i++
			continue
		}
		j := i
		for j < len(edits) && edits[j].kind != opEqual {
			j++
		}
		for _, e := range edits[i:j] {
			if e.kind == opDelete {
				out = append(out, e)
			}
		}
		for _, e := range edits[i:j] {
			if e.kind == opInsert {
				out = append(out, e)
			}
		}
		i = j
	}
	return out
}
