package listen

import (
	"testing"
)

// FuzzParse feeds the listener's reading of configurations arbitrary
// bytes: it must return a configuration or an error, never panic or hang.
// (It does not apply them: a fuzzed FileHandler could write anywhere.
// logging.ConfigureJSON, which applies incremental ones, has its own fuzz
// test.)
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"version": 1, "incremental": true, "loggers": {"a": {"level": "DEBUG"}}}`,
		`{"version": 1, "formatters": {"f": {"format": "%(message)s", "style": "%", "defaults": {"x": 1}}}, "filters": {"x": {"name": "a"}}, "handlers": {"h": {"class": "logging.FileHandler", "filename": "x", "formatter": "f", "filters": ["x"]}}, "loggers": {"a": {"handlers": ["h"], "propagate": 0}}, "root": {"level": 10}}`,
		"[loggers]\nkeys=root,a\n[handlers]\nkeys=h\n[formatters]\nkeys=f\n[formatter_f]\nformat=%(message)s\n[handler_h]\nclass=StreamHandler\nargs=(sys.stdout,)\nkwargs={}\n[logger_root]\nhandlers=h\n[logger_a]\nqualname=a\npropagate=0\n",
		"[handler_h]\nclass=FileHandler\nargs=('%(x)s', 'a', None, True)\nx=%(x)s\n",
		`[]`, `{"version": 1, "handlers": {"h": {"()": "logging.NullHandler", "x": [1, {"y": null}]}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, incremental, err := parse(data)
		if err == nil && c == nil && incremental == nil {
			t.Fatalf("%q: no configuration and no error", data)
		}
	})
}
