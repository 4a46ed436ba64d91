// Package level is Python's logging levels: the Level type, the standard
// levels and the registry of level names (logging.addLevelName,
// logging.getLevelName). It is a leaf package so that the generator can
// share the type with the runtime without linking it; programs use it
// through package runtime, which re-exports its names (runtime.Level,
// runtime.INFO, runtime.AddLevelName).
package level

import (
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
)

// A Level is a logging level, with Python's numbers: DEBUG is 10, CRITICAL
// is 50. Any int is a valid Level; those without a registered name print as
// "Level N".
type Level int

// The standard levels, as in Python's logging module.
const (
	NOTSET   Level = 0
	DEBUG    Level = 10
	INFO     Level = 20
	WARNING  Level = 30
	ERROR    Level = 40
	CRITICAL Level = 50
)

var levelNames = struct {
	sync.RWMutex
	byLevel map[Level]string
	byName  map[string]Level
}{
	byLevel: map[Level]string{CRITICAL: "CRITICAL", ERROR: "ERROR", WARNING: "WARNING", INFO: "INFO", DEBUG: "DEBUG", NOTSET: "NOTSET"},
	byName:  map[string]Level{"CRITICAL": CRITICAL, "FATAL": CRITICAL, "ERROR": ERROR, "WARN": WARNING, "WARNING": WARNING, "INFO": INFO, "DEBUG": DEBUG, "NOTSET": NOTSET},
}

// AddName registers name for level, as Python's logging.addLevelName does.
// It is safe to call concurrently with logging.
func AddName(level Level, name string) {
	levelNames.Lock()
	defer levelNames.Unlock()
	levelNames.byLevel[level] = name
	levelNames.byName[name] = level
	switch level {
	case DEBUG, INFO, WARNING, ERROR, CRITICAL:
		renamedStandard.Store(true)
	}
}

// renamedStandard records that a standard level got a new name, which turns
// off the lock-free fast path of standardLevelName.
var renamedStandard atomic.Bool

// String returns the level's registered name, or "Level N" (Python's
// getLevelName).
func (l Level) String() string {
	if s, ok := standardLevelName(l); ok {
		return s
	}
	levelNames.RLock()
	s, ok := levelNames.byLevel[l]
	levelNames.RUnlock()
	if ok {
		return s
	}
	return "Level " + strconv.Itoa(int(l))
}

// AppendName appends the level's name to b without allocating.
func (l Level) AppendName(b []byte) []byte {
	if s, ok := standardLevelName(l); ok {
		return append(b, s...)
	}
	levelNames.RLock()
	s, ok := levelNames.byLevel[l]
	levelNames.RUnlock()
	if ok {
		return append(b, s...)
	}
	return strconv.AppendInt(append(b, "Level "...), int64(l), 10)
}

// standardLevelName is the lock-free path for the five standard levels,
// which can be renamed but rarely are: renamed ones fall through to the map.
func standardLevelName(l Level) (string, bool) {
	if renamedStandard.Load() {
		return "", false
	}
	switch l {
	case DEBUG:
		return "DEBUG", true
	case INFO:
		return "INFO", true
	case WARNING:
		return "WARNING", true
	case ERROR:
		return "ERROR", true
	case CRITICAL:
		return "CRITICAL", true
	}
	return "", false
}

// Parse converts a level name to a Level as Python's _checkLevel does:
// names are case-sensitive and must be registered ("WARN" and "FATAL" are
// aliases); a decimal string is not a level.
func Parse(name string) (Level, bool) {
	levelNames.RLock()
	defer levelNames.RUnlock()
	l, ok := levelNames.byName[name]
	return l, ok
}

// Names returns the registered level names, sorted by level and then by
// name: the names a configuration can use.
func Names() []string {
	levelNames.RLock()
	defer levelNames.RUnlock()
	names := make([]string, 0, len(levelNames.byName))
	for n := range levelNames.byName {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		li, lj := levelNames.byName[names[i]], levelNames.byName[names[j]]
		if li != lj {
			return li < lj
		}
		return names[i] < names[j]
	})
	return names
}
