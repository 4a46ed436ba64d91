package gen_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// TestLongJSONFormat checks that a python-json-logger format of 2,000
// fields, some renamed to keys an extra can take, generates functions of
// bounded size that type-check.
func TestLongJSONFormat(t *testing.T) {
	const n = 2000
	fields := make([]string, n)
	var renames []string
	for i := range fields {
		fields[i] = fmt.Sprintf("%%(f%d)s", i)
		switch i % 4 {
		case 1:
			fields[i] = "%(levelname)s"
		case 2:
			renames = append(renames, fmt.Sprintf("f%d: k%d", i, i))
		}
	}
	data := fmt.Appendf(nil, `version: 1
formatters:
  json:
    (): pythonjsonlogger.json.JsonFormatter
    format: '%s'
    rename_fields: {%s, exc_info: f0}
    timestamp: true
handlers:
  h:
    class: logging.StreamHandler
    formatter: json
root:
  handlers: [h]
`, strings.Join(fields, " "), strings.Join(renames, ", "))
	cfg, err := model.Parse("logging.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	src, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: "logging.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	name, largest, funcs := funcStmts(t, src)
	if largest > maxFuncStmts {
		t.Errorf("the largest function of a %d-field JSON format, %s, has %d statements; want at most %d", n, name, largest, maxFuncStmts)
	}
	if funcs < 10 {
		t.Errorf("a %d-field JSON format generates %d functions: it should be split", n, funcs)
	}
	if errs := checker(t).check(src); errs != "" {
		t.Fatalf("the code of a %d-field JSON format does not compile:\n%s", n, errs)
	}
}
