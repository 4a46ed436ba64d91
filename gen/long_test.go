package gen_test

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
)

// longFields are the fields a long format cycles through: record
// attributes, extras with and without a default, padding, conversions and
// the time.
var longFields = []string{
	"%(levelname)s", "%(user)s", "%(attempt)d", "%(ratio).2f", "%(name)-10s",
	"%(message)s", "%(lineno)d", "%(asctime)s", "%(req)r", "%(created)f",
	"%(message)r", "%(region)5s", "%(levelno)03d", "%(msecs)s",
}

// longConfig returns a configuration with a formatter whose format has n
// fields separated by spaces, and one whose datefmt has n directives.
func longConfig(n int) []byte {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = longFields[i%len(longFields)]
	}
	directives := make([]string, n)
	for i := range directives {
		directives[i] = []string{"%%Y", "%%m", "%%d", "%%H", "%%M", "%%S", "%%b", "%%a", "%%j", "%%p"}[i%10]
	}
	return fmt.Appendf(nil, `version: 1
formatters:
  long:
    format: '%s'
    datefmt: '%%Y-%%m-%%d %%H:%%M:%%S'
    defaults: {region: eu}
  longtime:
    format: '%%(asctime)s %%(asctime)-20r %%(message)s'
    datefmt: '%s'
handlers:
  h:
    class: logging.StreamHandler
    formatter: long
  t:
    class: logging.StreamHandler
    formatter: longtime
root:
  handlers: [h, t]
`, strings.Join(parts, " "), strings.Join(directives, "-"))
}

// maxFuncStmts bounds the statements of any function generated for one
// format, whatever its length: the compiler's work on one function grows
// faster than linearly with its size, so a long format is split into
// functions of bounded size to keep compile time linear in its length.
const maxFuncStmts = 250

// funcStmts returns the name and statement count (nested ones included) of
// the largest function of src, and how many functions it has.
func funcStmts(t *testing.T, src []byte) (string, int, int) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "logs_gen.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	name, largest, funcs := "", 0, 0
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		funcs++
		n := 0
		ast.Inspect(fd.Body, func(node ast.Node) bool {
			if _, ok := node.(ast.Stmt); ok {
				n++
			}
			return true
		})
		if n > largest {
			name, largest = fd.Name.Name, n
		}
	}
	return name, largest, funcs
}

// TestLongFormat checks that a format of 2,000 fields, and a datefmt of
// 2,000 directives, generate functions of bounded size, whose number grows
// with the format, and that the code
// type-checks and (without -short) builds. The build's time is logged, not
// asserted: it depends on the machine.
func TestLongFormat(t *testing.T) {
	generateN := func(n int) []byte {
		cfg, err := model.Parse("logging.yaml", longConfig(n))
		if err != nil {
			t.Fatal(err)
		}
		src, err := gen.Generate(cfg, gen.Options{Package: "logs", Source: "logging.yaml"})
		if err != nil {
			t.Fatal(err)
		}
		return src
	}
	const n = 2000
	src := generateN(n)
	name, largest, funcs := funcStmts(t, src)
	if largest > maxFuncStmts {
		t.Errorf("the largest function of a %d-field format, %s, has %d statements; want at most %d", n, name, largest, maxFuncStmts)
	}
	_, _, funcs2 := funcStmts(t, generateN(2*n))
	if funcs2 <= funcs {
		t.Errorf("a %d-field format generates %d functions, and a %d-field one %d: a longer format should be split into more", n, funcs, 2*n, funcs2)
	}
	if errs := checker(t).check(src); errs != "" {
		t.Fatalf("the code of a %d-field format does not compile:\n%s", n, errs)
	}
	if testing.Short() {
		t.Skip("skipping the build of a long format; run without -short")
	}
	goCmd := goCommand(t)
	dir, env := testModule(t, map[string][]byte{filepath.Join("logs", "logs_gen.go"): src})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, goCmd, "build", "./logs")
	build.Dir, build.Env = dir, env
	start := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./logs: %v\n%s", err, out)
	}
	t.Logf("go build of a %d-field format (%d bytes, %d functions, the largest %d statements): %v",
		n, len(src), funcs, largest, time.Since(start).Round(time.Millisecond))
}
