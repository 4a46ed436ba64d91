package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestUnifiedDiffExamples checks the exact text of small diffs, in the
// format of diff -u.
func TestUnifiedDiffExamples(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"both empty", "", "", ""},
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n",
			"--- old\n+++ new\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"from empty", "", "a\nb\n",
			"--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n"},
		{"to empty", "a\n", "",
			"--- old\n+++ new\n@@ -1 +0,0 @@\n-a\n"},
		{"missing final newline", "a\nb", "a\nb\n",
			"--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n12\n",
			"--- old\n+++ new\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -8,5 +8,5 @@\n 8\n 9\n 10\n-11\n+Y\n 12\n"},
		{"hunks merged across six lines", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "X\n2\n3\n4\n5\n6\n7\nY\n9\n",
			"--- old\n+++ new\n@@ -1,9 +1,9 @@\n-1\n+X\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+Y\n 9\n"},
		{"insertion in the middle", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nnew\ne\nf\ng\nh\n",
			"--- old\n+++ new\n@@ -2,6 +2,7 @@\n b\n c\n d\n+new\n e\n f\n g\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := unifiedDiff("old", "new", []byte(tt.old), []byte(tt.new))
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestDiffLinesShortest checks, on random files over a small alphabet (so
// that lines repeat), that the edit script turns a into b and has the
// fewest edits: len(a) + len(b) - 2*LCS(a, b), with the LCS computed by
// dynamic programming. It also applies the unified diff to a.
func TestDiffLinesShortest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := 4
	randomLines := func(n int) []string {
		lines := make([]string, n)
		for i := range lines {
			lines[i] = string(rune('a'+r.IntN(alphabet))) + "\n"
		}
		return lines
	}
	for i := 0; i < 6000; i++ {
		alphabet = 2 + i%6
		a, b := randomLines(r.IntN(40)), randomLines(r.IntN(40))
		if i%3 == 0 && len(a) > 0 { // b is an edit of a, as generated files usually are
			b = append(append(append([]string(nil), a[:len(a)/2]...), randomLines(r.IntN(4))...), a[len(a)/2+min(len(a)/2, r.IntN(3)):]...)
		}
		edits := diffLines(a, b)
		checkScript(t, a, b, edits)
		changes := 0
		for _, e := range edits {
			if e.kind != opEqual {
				changes++
			}
		}
		if want := len(a) + len(b) - 2*lcsLength(a, b); changes != want {
			t.Fatalf("a=%q b=%q: %d edits, want %d", a, b, changes, want)
		}
		d := unifiedDiff("old", "new", []byte(strings.Join(a, "")), []byte(strings.Join(b, "")))
		if got := applyUnified(t, a, d); got != strings.Join(b, "") {
			t.Fatalf("a=%q b=%q: applying\n%s\ngives %q", a, b, d, got)
		}
	}
}

// TestDiffLinesLarge checks a diff of two files of 5,000 lines with a
// changed line in every seven, and two with no line in common, for the
// number of edits (a fast, linear-space search finds the shortest script).
func TestDiffLinesLarge(t *testing.T) {
	var a, b, c []string
	for i := 0; i < 5000; i++ {
		a = append(a, fmt.Sprintf("line %d\n", i))
		if i%7 == 0 {
			b = append(b, fmt.Sprintf("changed %d\n", i))
		} else {
			b = append(b, a[i])
		}
		c = append(c, fmt.Sprintf("other %d\n", i))
	}
	for _, tc := range []struct {
		name string
		b    []string
		want int
	}{{"every seventh line", b, 2 * 715}, {"nothing in common", c, 10000}} {
		edits := diffLines(a, tc.b)
		checkScript(t, a, tc.b, edits)
		changes := 0
		for _, e := range edits {
			if e.kind != opEqual {
				changes++
			}
		}
		if changes != tc.want {
			t.Errorf("%s: %d edits, want %d", tc.name, changes, tc.want)
		}
	}
}

// TestUnifiedDiffAgainstPatch applies the diffs of TestDiffLinesShortest's
// kind with the patch command, when there is one, so that the format is
// checked by a reader other than ours.
func TestUnifiedDiffAgainstPatch(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("skipping: the patch command is not on PATH to read our diffs")
	}
	r := rand.New(rand.NewPCG(3, 4))
	dir := t.TempDir()
	for i := 0; i < 40; i++ {
		var a, b strings.Builder
		for j := 0; j < 60; j++ {
			line := strconv.Itoa(r.IntN(8))
			a.WriteString(line + "\n")
			if r.IntN(6) == 0 {
				b.WriteString("changed " + line + "\n")
			} else if r.IntN(10) > 0 {
				b.WriteString(line + "\n")
			}
		}
		file := filepath.Join(dir, "f.txt")
		if err := os.WriteFile(file, []byte(a.String()), 0o666); err != nil {
			t.Fatal(err)
		}
		d := unifiedDiff("f.txt", "f.txt", []byte(a.String()), []byte(b.String()))
		cmd := exec.Command(patch, "-s", "-f", "-F0", "f.txt")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch: %v\n%s\ndiff:\n%s", err, out, d)
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != b.String() {
			t.Fatalf("patch applied\n%s\nand gave\n%s\nwant\n%s", d, got, b.String())
		}
	}
}

// checkScript checks that edits keeps or deletes every line of a and keeps
// or inserts every line of b, in order, and keeps only equal lines.
func checkScript(t *testing.T, a, b []string, edits []edit) {
	t.Helper()
	i, j := 0, 0
	for _, e := range edits {
		switch e.kind {
		case opEqual:
			if e.a != i || e.b != j || a[i] != b[j] {
				t.Fatalf("a=%q b=%q: bad kept line %+v at a[%d] b[%d]", a, b, e, i, j)
			}
			i++
			j++
		case opDelete:
			if e.a != i {
				t.Fatalf("a=%q b=%q: deletion %+v at a[%d]", a, b, e, i)
			}
			i++
		case opInsert:
			if e.b != j {
				t.Fatalf("a=%q b=%q: insertion %+v at b[%d]", a, b, e, j)
			}
			j++
		}
	}
	if i != len(a) || j != len(b) {
		t.Fatalf("a=%q b=%q: the script covers %d and %d lines", a, b, i, j)
	}
}

// lcsLength returns the length of a longest common subsequence of a and b.
func lcsLength(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// applyUnified applies the unified diff d to the lines a, checking each
// hunk's header and context, and returns the result.
func applyUnified(t *testing.T, a []string, d string) string {
	t.Helper()
	if d == "" {
		return strings.Join(a, "")
	}
	lines := splitLines(d)
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		t.Fatalf("no file header in\n%s", d)
	}
	var out strings.Builder
	next := 0 // the next line of a to copy
	for i := 2; i < len(lines); {
		var aStart, aCount, bStart, bCount int
		if _, err := fmt.Sscanf(strings.NewReplacer(",", " ").Replace(expandRanges(lines[i])), "@@ -%d %d +%d %d @@\n", &aStart, &aCount, &bStart, &bCount); err != nil {
			t.Fatalf("bad hunk header %q: %v\n%s", lines[i], err, d)
		}
		i++
		first := aStart - 1 // the index of the hunk's first line of a
		if aCount == 0 {
			first = aStart
		}
		if first < next {
			t.Fatalf("hunk %q overlaps the previous one\n%s", lines[i-1], d)
		}
		for ; next < first; next++ {
			out.WriteString(a[next])
		}
		gotA, gotB := 0, 0
		for i < len(lines) && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			i++
			text := l[1:]
			if i < len(lines) && lines[i] == "\\ No newline at end of file\n" {
				text = strings.TrimSuffix(text, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if next >= len(a) || a[next] != text {
					t.Fatalf("line %q does not match a[%d]\n%s", l, next, d)
				}
				next++
				gotA++
				if l[0] == ' ' {
					out.WriteString(text)
					gotB++
				}
			case '+':
				out.WriteString(text)
				gotB++
			default:
				t.Fatalf("bad line %q\n%s", l, d)
			}
		}
		if gotA != aCount || gotB != bCount {
			t.Fatalf("hunk counts %d,%d, header says %d,%d\n%s", gotA, gotB, aCount, bCount, d)
		}
	}
	for ; next < len(a); next++ {
		out.WriteString(a[next])
	}
	return out.String()
}

// expandRanges writes the count of 1 that a hunk header leaves out.
func expandRanges(h string) string {
	fields := strings.Fields(h) // @@ -a[,n] +b[,m] @@
	for i := 1; i <= 2 && i < len(fields); i++ {
		if !strings.Contains(fields[i], ",") {
			fields[i] += ",1"
		}
	}
	return strings.Join(fields, " ") + "\n"
}
