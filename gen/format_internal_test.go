package gen

import (
	"testing"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// TestReadersCoverRecordAttrs checks that the emitter can read every
// LogRecord attribute that pyfmt's parser accepts, and only those.
func TestReadersCoverRecordAttrs(t *testing.T) {
	for _, name := range pyfmt.RecordAttrNames() {
		if _, ok := readers[name]; !ok && name != "asctime" {
			t.Errorf("record attribute %q has no reader", name)
		}
	}
	for name := range readers {
		if _, ok := pyfmt.RecordAttr(name); !ok {
			t.Errorf("reader %q is not a record attribute", name)
		}
	}
}

// TestEveryFormatterClassHasAnEmitter checks the table of formatter
// emitters against the model's table of formatter classes.
func TestEveryFormatterClassHasAnEmitter(t *testing.T) {
	for _, c := range model.FormatterClasses() {
		if _, ok := formatterEmitters[c.Name]; !ok {
			t.Errorf("formatter class %s has no emitter", c.Name)
		}
	}
	for name := range formatterEmitters {
		if _, ok := model.LookupFormatterClass(name); !ok {
			t.Errorf("emitter for %s, which is not a formatter class of the model", name)
		}
	}
}
