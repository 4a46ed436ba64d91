package runtime

import "sort"

// Loggers returns every logger that exists, the root logger first and the
// others sorted by name: those that Get or a configuration has named
// (Python's root.manager.loggerDict, without its placeholders). Loggers
// that generated code only declared are left out until they exist.
func Loggers() []*Logger {
	tree.mu.RLock()
	defer tree.mu.RUnlock()
	out := make([]*Logger, 0, len(tree.loggers)+1)
	for _, l := range tree.loggers {
		if !l.declared {
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return append([]*Logger{tree.root}, out...)
}
