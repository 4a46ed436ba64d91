package runtime

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// Loggers made in any order get the parent Python gives them: the nearest
// logger above by name, or the root; and refreshing from the root reaches
// every logger exactly once.
func TestParentsInAnyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "b", "c", "ab"}
	for run := range 50 {
		freshTree(func() {
			var names []string
			for range 40 {
				var p []string
				for range 1 + rng.IntN(4) {
					p = append(p, parts[rng.IntN(len(parts))])
				}
				names = append(names, strings.Join(p, "."))
			}
			for _, n := range names {
				if rng.IntN(2) == 0 {
					Declare(n)
				} else {
					Get(n)
				}
			}
			tree.mu.Lock()
			defer tree.mu.Unlock()
			for name, l := range tree.loggers {
				want := tree.root
				for i := strings.LastIndexByte(name, '.'); i > 0; i = strings.LastIndexByte(name[:i], '.') {
					if p := tree.loggers[name[:i]]; p != nil {
						want = p
						break
					}
				}
				if l.parent != want {
					t.Errorf("run %d, names %q: %q has parent %q, want %q", run, names, name, l.parent.name, want.name)
				}
			}
			seen := map[*Logger]int{}
			var walk func(l *Logger)
			walk = func(l *Logger) {
				seen[l]++
				l.eachChild(walk)
			}
			walk(tree.root)
			for _, l := range tree.loggers {
				if seen[l] != 1 {
					t.Errorf("run %d: %q reached %d times from the root", run, l.name, seen[l])
				}
			}
			if t.Failed() {
				t.FailNow()
			}
		})
	}
}
