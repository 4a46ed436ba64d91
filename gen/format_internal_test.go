package gen

import (
	"testing"

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
