package gen_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/packages"
)

// A typeChecker type-checks generated files with go/types against the
// packages they import, loaded once from the go command's export data, so
// that checking one file takes a millisecond or so: fast enough for every
// iteration of a fuzz target.
type typeChecker struct {
	mu       sync.Mutex
	patterns []string                  // what was loaded
	pkgs     map[string]*types.Package // by import path, from one load
}

// The packages generated code imports whatever the configuration, loaded up
// front; a Go factory's package is added to the load when a file imports it.
var typeCheckBase = []string{
	"github.com/loggen/loggen/runtime",
	"github.com/loggen/loggen/runtime/pyfmt",
	"github.com/loggen/loggen/runtime/handlers",
	"github.com/loggen/loggen/runtime/envvar",
	"errors",
	"os",
	"strconv",
	"time",
}

var (
	sharedChecker     *typeChecker
	sharedCheckerErr  error
	sharedCheckerOnce sync.Once
)

// checker returns the test binary's typeChecker, skipping t when the go
// command, which loads the packages, is missing.
func checker(t testing.TB) *typeChecker {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("skipping: the go command is not on PATH, so the runtime packages cannot be loaded to type-check generated code")
	}
	sharedCheckerOnce.Do(func() {
		sharedChecker = &typeChecker{}
		sharedCheckerErr = sharedChecker.load(typeCheckBase)
	})
	if sharedCheckerErr != nil {
		t.Fatalf("loading the packages that generated code imports: %v", sharedCheckerErr)
	}
	return sharedChecker
}

// load loads patterns and replaces c.pkgs: the packages of one load share
// their dependencies' objects, as one compilation does.
func (c *typeChecker) load(patterns []string) error {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes}
	roots, err := packages.Load(cfg, patterns...)
	if err != nil {
		return err
	}
	pkgs := map[string]*types.Package{}
	var add func(p *types.Package)
	add = func(p *types.Package) {
		if _, ok := pkgs[p.Path()]; ok {
			return
		}
		pkgs[p.Path()] = p
		for _, imp := range p.Imports() {
			add(imp)
		}
	}
	var errs []string
	for _, p := range roots {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
		if p.Types != nil {
			add(p.Types)
		}
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "\n"))
	}
	c.patterns, c.pkgs = patterns, pkgs
	return nil
}

// Import implements types.Importer over the loaded packages, loading again
// with path added when a file imports a package outside them.
func (c *typeChecker) Import(path string) (*types.Package, error) {
	if p, ok := c.pkgs[path]; ok {
		return p, nil
	}
	if slices.Contains(c.patterns, path) {
		return nil, fmt.Errorf("package %s was loaded but has no types", path)
	}
	if err := c.load(append(slices.Clone(c.patterns), path)); err != nil {
		return nil, err
	}
	if p, ok := c.pkgs[path]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("package %s not found", path)
}

// check parses and type-checks src as the only file of its package, and
// returns every error go/types reports (an unused variable or import too),
// one per line, or "".
func (c *typeChecker) check(src []byte) string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "logs_gen.go", src, parser.SkipObjectResolution)
	if err != nil {
		return err.Error()
	}
	// Load every import first: a reload replaces the packages, and a file
	// must see the objects of one load.
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, imp := range f.Imports {
		path := strings.Trim(imp.Path.Value, `"`)
		if _, err := c.Import(path); err != nil {
			return err.Error()
		}
	}
	var errs []string
	conf := types.Config{
		Importer: c,
		Error:    func(err error) { errs = append(errs, err.Error()) },
	}
	conf.Check("loggentest/logs", fset, []*ast.File{f}, nil)
	return strings.Join(errs, "\n")
}
