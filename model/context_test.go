package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os/exec"
	"testing"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// The context section gives Config.Context in file order, each attribute
// with its function and the kind of its result; formats print the
// attributes without making them extras, and a default of a formatter
// applies to them as to extras.
func TestContextSection(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command; skipped in -short mode")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	const obs = "github.com/loggen/loggen/examples/contextcfg/obs"
	yaml := "version: 1\nloggen:\n  context:\n" +
		"    trace_id: " + obs + ".TraceID\n" +
		"    tenant: " + obs + ".Tenant\n" +
		"    span_id: ext://" + obs + ".SpanID\n" +
		"formatters:\n  f:\n    format: '%(trace_id)s %(span_id)r %(tenant)05d %(user)s %(message)s'\n" +
		"    defaults: {span_id: '-'}\n"
	ini := "[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=f\n[logger_root]\nlevel=INFO\nhandlers=\n" +
		"[formatter_f]\nformat=%(trace_id)s %(span_id)r %(tenant)05d %(user)s %(message)s\n" +
		"[loggen.context]\ntrace_id = " + obs + ".TraceID\nTenant = " + obs + ".Tenant\nspan_id=" + obs + ".SpanID\n"
	for _, c := range []struct {
		name, data, tenant string
		line               int // of the first attribute's function
	}{
		{"logging.yaml", yaml, "tenant", 4},
		{"logging.ini", ini, "Tenant", 13},
	} {
		cfg, err := Parse(c.name, []byte(c.data))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want := []ContextAttr{
			{Name: "trace_id", Pkg: obs, Func: "TraceID", Kind: ContextString, GoType: "string"},
			{Name: c.tenant, Pkg: obs, Func: "Tenant", Kind: ContextInt, GoType: "int", Convert: true},
			{Name: "span_id", Pkg: obs, Func: "SpanID", Kind: ContextString, GoType: "string", Optional: true},
		}
		if len(cfg.Context) != len(want) {
			t.Fatalf("%s: %d context attributes, want %d", c.name, len(cfg.Context), len(want))
		}
		for i, w := range want {
			g := *cfg.Context[i]
			g.Pos, g.short = Pos{}, ""
			if g != w {
				t.Errorf("%s: attribute %d = %+v, want %+v", c.name, i, g, w)
			}
		}
		if p := cfg.Context[0].Pos; p.Line != c.line {
			t.Errorf("%s: trace_id's position %v, want line %d", c.name, p, c.line)
		}
		var extras []string
		for _, x := range cfg.Extras {
			extras = append(extras, x.Name)
		}
		wantExtras := "[user]"
		if c.tenant != "tenant" {
			wantExtras = "[tenant user]" // the INI file declares Tenant
		}
		if got := fmtList(extras); got != wantExtras {
			t.Errorf("%s: extras %s, want %s", c.name, got, wantExtras)
		}
	}
}

func fmtList(ss []string) string {
	out := "["
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out + "]"
}

// contextKind maps each result type to the field the generated code makes
// of it, converting where the type is not the constructor's own.
func TestContextKind(t *testing.T) {
	const src = `package p

type ID string
type N int32
type S struct{ a int }
type Named int
func (Named) String() string { return "" }
type E struct{}
func (*E) Error() string { return "" }
type Alias = string

func fString() string
func fID() ID
func fAlias() Alias
func fInt() int
func fInt64() int64
func fUint8() uint8
func fN() N
func fFloat() float64
func fFloat32() float32
func fBool() bool
func fStruct() S
func fNamed() Named
func fPtrE() *E
func fE() E
func fErr() error
func fAny() any
func fSlice() []byte
func fComplex() complex128
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{IgnoreFuncBodies: true, Error: func(error) {}}
	pkg, _ := conf.Check("p", fset, []*ast.File{f}, nil)
	for _, c := range []struct {
		fn      string
		kind    ContextKind
		convert bool
	}{
		{"fString", ContextString, false},
		{"fID", ContextString, true},
		{"fAlias", ContextString, false},
		{"fInt", ContextInt, true},
		{"fInt64", ContextInt, false},
		{"fUint8", ContextInt, true},
		{"fN", ContextInt, true},
		{"fFloat", ContextFloat, false},
		{"fFloat32", ContextFloat, true},
		{"fBool", ContextBool, false},
		{"fStruct", ContextAny, false},
		{"fNamed", ContextAny, false}, // a Stringer prints its String()
		{"fPtrE", ContextAny, false},  // an error prints its Error()
		{"fE", ContextAny, false},     // the method is *E's: E is a struct
		{"fErr", ContextInterface, false},
		{"fAny", ContextInterface, false},
		{"fSlice", ContextAny, false},
		{"fComplex", ContextAny, false},
	} {
		sig := pkg.Scope().Lookup(c.fn).Type().(*types.Signature)
		k, conv := contextKind(sig.Results().At(0).Type())
		if k != c.kind || conv != c.convert {
			t.Errorf("%s: kind %d, convert %v; want %d, %v", c.fn, k, conv, c.kind, c.convert)
		}
	}
}

// The sample of each kind prints with %s, and fails where Python raises
// for every value of the kind.
func TestContextSamples(t *testing.T) {
	f, errs := pyfmt.ParseFormat("%(x)s", '%', true)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for k := ContextString; k <= ContextAny; k++ {
		v, ok := (&ContextAttr{Kind: k}).sample()
		if !ok {
			t.Errorf("kind %d has no sample", k)
			continue
		}
		if _, err := pyfmt.AppendField(nil, '%', f.Segments[0], v); err != nil {
			t.Errorf("kind %d: %%s fails: %v", k, err)
		}
	}
	if _, ok := (&ContextAttr{Kind: ContextInterface}).sample(); ok {
		t.Error("an interface's dynamic value cannot be known, but it has a sample")
	}
}
