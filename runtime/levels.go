package runtime

import "github.com/loggen/loggen/runtime/level"

// A Level is a logging level, with Python's numbers: DEBUG is 10, CRITICAL
// is 50. Any int is a valid Level; those without a registered name print as
// "Level N". It is level.Level, named here so that code reads logging.Level.
type Level = level.Level

// The standard levels, as in Python's logging module.
const (
	NOTSET   = level.NOTSET
	DEBUG    = level.DEBUG
	INFO     = level.INFO
	WARNING  = level.WARNING
	ERROR    = level.ERROR
	CRITICAL = level.CRITICAL
)

// AddLevelName registers name for lvl, as Python's logging.addLevelName
// does: records at lvl print name as %(levelname)s, and an incremental
// configuration applied at run time may name it. It is safe to call
// concurrently with logging.
func AddLevelName(lvl Level, name string) { level.AddName(lvl, name) }
