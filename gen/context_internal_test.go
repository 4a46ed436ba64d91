package gen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// contextField makes the field of each kind with the runtime's typed
// constructor, converting where the function's result type is not the
// constructor's own; other types go through Any, unconverted.
func TestContextField(t *testing.T) {
	for _, c := range []struct {
		kind    model.ContextKind
		convert bool
		want    string
	}{
		{model.ContextString, false, `logging.String("a", v)`},
		{model.ContextString, true, `logging.String("a", string(v))`},
		{model.ContextInt, false, `logging.Int64("a", v)`},
		{model.ContextInt, true, `logging.Int64("a", int64(v))`},
		{model.ContextFloat, true, `logging.Float64("a", float64(v))`},
		{model.ContextBool, true, `logging.Bool("a", bool(v))`},
		{model.ContextBool, false, `logging.Bool("a", v)`},
		{model.ContextAny, false, `logging.Any("a", v)`},
		{model.ContextInterface, false, `logging.Any("a", v)`},
	} {
		f := jen.NewFile("p")
		f.ImportAlias(rtPath, "logging")
		f.Var().Id("_").Op("=").Add(contextField(&model.ContextAttr{Name: "a", Kind: c.kind, Convert: c.convert}, jen.Id("v")))
		got := fmt.Sprintf("%#v", f)
		if want := "var _ = " + c.want; !strings.Contains(got, want) {
			t.Errorf("kind %d, convert %v: got\n%s\nwant %s", c.kind, c.convert, got, want)
		}
	}
}
