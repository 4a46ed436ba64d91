package model

import (
	"strings"
	"testing"
)

// TestKeyTables checks what the JSON Schema and the checker read from the
// key tables: every key of the handler classes and of the sections says
// what it does, each value of an Enum passes the key's Check (which
// decides alone when there is one), and values outside an Enum without a
// Check are refused with the list of values.
func TestKeyTables(t *testing.T) {
	type table struct {
		name string
		keys []Key
		// needDoc is false for the formatter classes of other packages,
		// whose keys the schema describes from the class when they have
		// no Doc.
		needDoc bool
	}
	tables := []table{
		{"top level", topLevelTable, true}, {"formatters", formatterTable, true}, {"filters", filterTable, true},
		{"handlers", handlerTable, true}, {"loggers", loggerTable, true}, {"loggen", loggenTable, true},
	}
	for _, c := range handlerClasses {
		if c.Doc == "" {
			t.Errorf("%s: no Doc", c.Name)
		}
		tables = append(tables, table{c.Name, c.Keys, true})
	}
	for _, c := range formatterClasses {
		tables = append(tables, table{c.Name, c.Keys, false})
	}
	for _, tb := range tables {
		for _, k := range tb.keys {
			if k.Doc == "" && tb.needDoc {
				t.Errorf("%s: key %s: no Doc", tb.name, k.Name)
			}
			if strings.HasSuffix(k.Doc, " ") || k.Doc != "" && !strings.HasSuffix(k.Doc, ".") {
				t.Errorf("%s: key %s: Doc %q is not a sentence", tb.name, k.Name, k.Doc)
			}
			for _, c := range k.Enum {
				switch c.Value.(type) {
				case string, int64:
				default:
					t.Errorf("%s: key %s: Enum value %#v is neither a string nor an int64", tb.name, k.Name, c.Value)
				}
				if k.Check != nil {
					if msg := k.Check(c.Value); msg != "" {
						t.Errorf("%s: key %s: Enum value %v fails Check: %s", tb.name, k.Name, c.Value, msg)
					}
				}
				if msg := k.checkEnum(c.Value); msg != "" {
					t.Errorf("%s: key %s: checkEnum(%v) = %q", tb.name, k.Name, c.Value, msg)
				}
			}
		}
	}
}

func TestCheckEnum(t *testing.T) {
	method := Key{Name: "method", Enum: []Choice{{"GET", ""}, {"POST", ""}}, FoldCase: true}
	mode := Key{Name: "mode", Enum: []Choice{{"a", "append"}, {"w", "truncate"}}}
	one := Key{Name: "version", Enum: []Choice{{int64(1), ""}}}
	for _, tc := range []struct {
		k    Key
		v    any
		want string
	}{
		{method, "get", ""},
		{method, "Post", ""},
		{method, "PUT", `expected "GET" or "POST", got "PUT"`},
		{mode, "a", ""},
		{mode, "A", `expected "a" (append) or "w" (truncate), got "A"`},
		{one, int64(1), ""},
		{one, int64(2), "expected 1, got 2"},
		{Key{Name: "free"}, "anything", ""},
	} {
		if got := tc.k.checkEnum(tc.v); got != tc.want {
			t.Errorf("%s: checkEnum(%v) = %q, want %q", tc.k.Name, tc.v, got, tc.want)
		}
	}
}
