package reload

import "testing"

// FuzzRead feeds the reading of a configuration file arbitrary bytes, as
// YAML, JSON and INI, and plans applying it over a fixed baseline: each
// must give a configuration or an error, never panic or hang. (Nothing is
// applied: a fuzzed FileHandler could write anywhere.)
func FuzzRead(f *testing.F) {
	base := []byte("version: 1\nformatters:\n  f: {format: '%(message)s %(user)s'}\nhandlers:\n  h: {class: logging.StreamHandler, formatter: f}\nroot: {level: INFO, handlers: [h]}\n")
	for _, s := range []string{
		string(base),
		"version: 1\nloggers:\n  a: &x {level: on, propagate: off}\n  b: {<<: *x, level: 0x14}\nloggen:\n  loggers: {c: {level: DEBUG}}\n  classes: {a.B: example.com/x.New}\n",
		`{"version": 1, "handlers": {"h": {"class": "logging.FileHandler", "filename": "x", "level": 1e3}}, "root": {"handlers": ["h"]}}`,
		"[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[handler_h]\nclass=StreamHandler\nargs=(sys.stdout,)\n[logger_root]\nhandlers=h\n[loggen.logger_root]\nlevel=DEBUG\n",
		"a: [1, 2\n", "- 2001-12-14\n", "{}", "",
	} {
		f.Add([]byte(s))
	}
	bc, err := read("base.yaml", base)
	if err != nil {
		f.Fatal(err)
	}
	b, err := newBaseline(bc, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"c.yaml", "c.json", "c.ini"} {
			c, err := read(name, data)
			if err != nil {
				continue
			}
			if c.dict == nil {
				t.Fatalf("%s %q: no dictionary and no error", name, data)
			}
			if p, err := b.plan(c, bc); err == nil && p.whole == nil && p.incremental == nil && p.dict == nil {
				t.Fatalf("%s %q: no plan and no error", name, data)
			}
		}
	})
}
