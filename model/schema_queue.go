package model

import (
	"fmt"
)

// QueueHandler (logging.handlers.QueueHandler) with the keys that Python
// 3.12's dictConfig added for it, and loggen's extensions:
//
//   - handlers: the ids of the handlers the listener hands records to, in
//     order (Python's default, none, is accepted too: records then vanish).
//     An id listed twice counts once (Python would call that handler
//     twice per record).
//   - listener: only logging.handlers.QueueListener, Python's default;
//     loggen's listener is a goroutine, so a custom class cannot be used.
//   - respect_handler_level: the listener skips a target whose level is
//     above the record's (default false, as in Python).
//   - queue: not accepted. Python takes a queue object, a factory name or
//     a {"()": ...} dict; loggen's queue is a bounded Go channel, sized by
//     maxsize.
//   - maxsize (loggen): the queue's capacity, at least 1; default 10000.
//     Python's default queue is unbounded.
//   - when_full (loggen): "block" (the default) makes the logging call wait
//     for room in a full queue; "drop" discards the record, counts it and
//     reports the count on stderr.
//
// Python's dictConfig leaves the listener unstarted; loggen starts it with
// the configuration and stops it, draining the queue, at Shutdown.
//
// maxsize and when_full are not Python keywords: Python's dictConfig would
// pass them to QueueHandler and fail. Leave them out for a file both accept.
func init() {
	handlerClasses = append(handlerClasses, &HandlerClass{
		Name: "logging.handlers.QueueHandler",
		Keys: []Key{
			{Name: "queue", Type: KeyString, Check: checkQueueSpec},
			{Name: "listener", Type: KeyString, Check: checkQueueListener},
			{Name: "handlers", Type: KeyHandlerIDList},
			{Name: "respect_handler_level", Type: KeyBool},
			{Name: "maxsize", Type: KeyInt, Check: checkQueueMaxSize},
			{Name: "when_full", Type: KeyString, Check: checkQueueWhenFull},
		},
	})
}

func checkQueueSpec(v any) string {
	return fmt.Sprintf("%s is not supported: loggen's queue is a bounded channel, not a Python queue object or factory; leave queue out and set maxsize (default 10000)", quote(v.(string)))
}

func checkQueueListener(v any) string {
	if canon, ok := canonicalName(v.(string)); ok && canon == "logging.handlers.QueueListener" {
		return ""
	}
	return fmt.Sprintf("%s is not supported: loggen's listener is a goroutine; leave listener out or use logging.handlers.QueueListener", quote(v.(string)))
}

func checkQueueMaxSize(v any) string {
	if n := v.(int64); n < 1 || n > 1<<30 {
		return fmt.Sprintf("expected a queue size from 1 to %d, got %d: loggen's queue is always bounded", 1<<30, n)
	}
	return ""
}

func checkQueueWhenFull(v any) string {
	switch v.(string) {
	case "block", "drop":
		return ""
	}
	return fmt.Sprintf(`expected "block" (wait for room) or "drop" (discard and count), got %s`, quote(v.(string)))
}
