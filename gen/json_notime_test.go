package gen_test

import (
	"regexp"
	"testing"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// TestJSONNoTime checks that a JSON formatter is marked as printing no
// time exactly when none of its keys reads the record's time, so that
// loggers skip the clock for it and read it for every other.
func TestJSONNoTime(t *testing.T) {
	noTime := regexp.MustCompile(`(?s)var formatterJ = &logging\.JSONFormatter\{[^}]*NoTime: true`)
	for _, c := range []struct {
		name, keys string
		want       bool
	}{
		{"message", `format: '%(levelname)s %(message)s'`, true},
		{"asctime", `format: '%(asctime)s %(message)s'`, false},
		{"created", `format: '%(created)f %(message)s'`, false},
		{"msecs", `format: '%(msecs)d %(message)s'`, false},
		{"timestamp", `{format: '%(message)s', timestamp: true}`, false},
		{"timestamp key", `{format: '%(message)s', timestamp: ts}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			entry := c.keys
			if entry[0] != '{' {
				entry = "{" + entry + "}"
			}
			config := "version: 1\nformatters:\n  j: {(): pythonjsonlogger.jsonlogger.JsonFormatter, " + entry[1:] + "\n" +
				"handlers:\n  h: {class: logging.StreamHandler, formatter: j}\nroot: {handlers: [h]}\n"
			cfg, err := model.Parse("logging.yaml", []byte(config))
			if err != nil {
				t.Fatalf("%s\n%v", config, err)
			}
			src, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: "logging.yaml"})
			if err != nil {
				t.Fatal(err)
			}
			if got := noTime.Match(src); got != c.want {
				t.Errorf("NoTime set: %v, want %v\n%s", got, c.want, src)
			}
		})
	}
}
