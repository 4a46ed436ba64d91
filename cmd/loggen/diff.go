package main

import (
	"fmt"
	"strings"
)

// This file is the unified diff that -check prints: a shortest edit script
// over lines by Myers' O(ND) algorithm in its linear-space form ("An O(ND)
// Difference Algorithm and Its Variations", 1986, section 4b), shown as
// diff -u shows it. The standard library's internal/diff and x/tools'
// internal/diff cannot be imported.

// diffContext is the number of unchanged lines shown around each change,
// as diff -u shows them.
const diffContext = 3

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
	return formatUnified(oldName, newName, splitLines(string(old)), splitLines(string(new)))
}

// formatUnified writes the unified diff of the lines a and b.
func formatUnified(oldName, newName string, a, b []string) string {
	edits := diffLines(a, b)
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

// diffLines returns a shortest edit script that turns a into b: every
// line of a kept or deleted and every line of b kept or inserted, in order,
// with the deletions of each run of changes before its insertions.
func diffLines(a, b []string) []edit {
	d := differ{a: a, b: b, delA: make([]bool, len(a)), insB: make([]bool, len(b))}
	d.compare(0, len(a), 0, len(b))
	edits := make([]edit, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && d.delA[i]:
			edits = append(edits, edit{opDelete, i, j})
			i++
		case j < len(b) && d.insB[j]:
			edits = append(edits, edit{opInsert, i, j})
			j++
		default:
			edits = append(edits, edit{opEqual, i, j})
			i++
			j++
		}
	}
	return edits
}

// A differ marks the lines of a that a shortest edit script deletes and
// the lines of b that it inserts.
type differ struct {
	a, b       []string
	delA, insB []bool
}

// compare marks the edits between a[aLo:aHi] and b[bLo:bHi]: it sets the
// common prefix and suffix aside, splits the rest at a point of a
// shortest path (Myers' middle snake) and compares the two halves, in
// O((N+M)D) time and O(N+M) space.
func (d *differ) compare(aLo, aHi, bLo, bHi int) {
	for aLo < aHi && bLo < bHi && d.a[aLo] == d.b[bLo] {
		aLo++
		bLo++
	}
	for aLo < aHi && bLo < bHi && d.a[aHi-1] == d.b[bHi-1] {
		aHi--
		bHi--
	}
	if aLo == aHi || bLo == bHi {
		for i := aLo; i < aHi; i++ {
			d.delA[i] = true
		}
		for j := bLo; j < bHi; j++ {
			d.insB[j] = true
		}
		return
	}
	x, y := middleSnake(d.a[aLo:aHi], d.b[bLo:bHi])
	if x+y == 0 || x == aHi-aLo && y == bHi-bLo {
		// No line in common (or no progress, which a split at a point
		// strictly inside the files rules out): replace them all.
		for i := aLo; i < aHi; i++ {
			d.delA[i] = true
		}
		for j := bLo; j < bHi; j++ {
			d.insB[j] = true
		}
		return
	}
	d.compare(aLo, aLo+x, bLo, bLo+y)
	d.compare(aLo+x, aHi, bLo+y, bHi)
}

// middleSnake returns a point (x, y) that a shortest edit script from a
// to b passes through, for a and b that differ in their first and in their
// last lines, or (len(a), len(b)) when they have no line in common. It runs
// Myers' search forward from (0, 0) and backward from the end at once
// until the two meet: vf[off+k] is the furthest x that d edits reach
// forward on diagonal k = x - y, vb[off+k] the furthest that d edits reach
// backward on diagonal k of the reversed files (-1: not reached). Paths
// that leave the grid narrow the diagonals searched (kfLo, kfHi, kbLo,
// kbHi). This follows diff-match-patch's diff_bisect.
func middleSnake(a, b []string) (x, y int) {
	n, m := len(a), len(b)
	maxD := (n + m + 1) / 2
	off := maxD
	vf := make([]int, 2*maxD+2)
	vb := make([]int, 2*maxD+2)
	for i := range vf {
		vf[i], vb[i] = -1, -1
	}
	vf[off+1], vb[off+1] = 0, 0
	delta := n - m
	// With delta odd the paths meet on a forward step, else on a
	// backward one.
	odd := delta%2 != 0
	kfLo, kfHi, kbLo, kbHi := 0, 0, 0, 0
	for d := 0; d < maxD; d++ {
		for k := -d + kfLo; k <= d-kfHi; k += 2 {
			var x int
			if k == -d || (k != d && vf[off+k-1] < vf[off+k+1]) {
				x = vf[off+k+1] // down: insert a line of b
			} else {
				x = vf[off+k-1] + 1 // right: delete a line of a
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			vf[off+k] = x
			switch {
			case x > n:
				kfHi += 2 // off the right edge
			case y > m:
				kfLo += 2 // off the bottom edge
			case odd:
				if kb := off + delta - k; kb >= 0 && kb < len(vb) && vb[kb] != -1 && x >= n-vb[kb] {
					return x, y
				}
			}
		}
		for k := -d + kbLo; k <= d-kbHi; k += 2 {
			var x int
			if k == -d || (k != d && vb[off+k-1] < vb[off+k+1]) {
				x = vb[off+k+1]
			} else {
				x = vb[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[n-1-x] == b[m-1-y] {
				x++
				y++
			}
			vb[off+k] = x
			switch {
			case x > n:
				kbHi += 2 // off the left edge
			case y > m:
				kbLo += 2 // off the top edge
			case !odd:
				if kf := off + delta - k; kf >= 0 && kf < len(vf) && vf[kf] != -1 && vf[kf] >= n-x {
					// The forward path on the same diagonal reaches
					// the backward one: split where it ends.
					fx := vf[kf]
					return fx, fx - (kf - off)
				}
			}
		}
	}
	return n, m
}
