// Package levelhttp serves the loggers' levels over HTTP, so that a running
// service's logging can be looked at and turned up or down without a
// restart, as zap's AtomicLevel.ServeHTTP does for one level.
//
//	http.Handle("/debug/logging", levelhttp.Handler())
//
// GET answers with every logger that exists, as JSON:
//
//	{"loggers": [
//	  {"name": "root", "level": "WARNING", "effective": "WARNING", "propagate": true, "handlers": 1},
//	  {"name": "app.db", "level": "DEBUG", "effective": "DEBUG", "propagate": true, "handlers": 0}]}
//
// PUT or POST applies the body, an incremental dictConfig in JSON (Python's
// {"version": 1, "incremental": true, "loggers": {"app.db": {"level":
// "DEBUG"}}}), with logging.ConfigureJSON: logger levels, propagate and
// handler levels, checked wholly before anything changes; it answers with
// the loggers as GET does, or 400 and the error. Other methods get 405.
//
// The handler has no authentication of its own: serve it on a private
// address, or wrap it. A program that does not import this package does not
// link net/http for it.
package levelhttp

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	logging "github.com/loggen/loggen/runtime"
)

// MaxBody is the size of the largest configuration a PUT or POST may send.
const MaxBody = 1 << 20

// A LoggerState is one logger as GET shows it.
type LoggerState struct {
	Name string `json:"name"`
	// Level is the logger's own level, NOTSET when it inherits one.
	Level string `json:"level"`
	// Effective is the level records must have to be handled (Python's
	// getEffectiveLevel).
	Effective string `json:"effective"`
	// Propagate is false for a logger whose records stop at its own
	// handlers (always true for the root logger, which has no parent).
	Propagate bool `json:"propagate"`
	// Disabled is true for a logger a configuration disabled.
	Disabled bool `json:"disabled,omitempty"`
	// Handlers is how many handlers the logger itself has.
	Handlers int `json:"handlers"`
}

// A State is what GET answers.
type State struct {
	Loggers []LoggerState `json:"loggers"`
}

// Handler returns the HTTP handler.
func Handler() http.Handler { return http.HandlerFunc(serve) }

// Current returns the loggers' state, as GET answers it.
func Current() State {
	var s State
	for _, l := range logging.Loggers() {
		s.Loggers = append(s.Loggers, LoggerState{
			Name:      l.Name(),
			Level:     l.Level().String(),
			Effective: l.EffectiveLevel().String(),
			Propagate: l.Propagate(),
			Disabled:  l.Disabled(),
			Handlers:  len(l.Handlers()),
		})
	}
	return s
}

func serve(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodPut, http.MethodPost:
		body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if len(body) > MaxBody {
			http.Error(w, fmt.Sprintf("the configuration is more than %d bytes", MaxBody), http.StatusRequestEntityTooLarge)
			return
		}
		if err := logging.ConfigureJSON(body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	default:
		w.Header().Set("Allow", "GET, HEAD, PUT, POST")
		http.Error(w, "use GET to read the levels and PUT or POST an incremental configuration to change them", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(Current())
}
