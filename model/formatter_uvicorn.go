package model

import (
	"fmt"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file describes uvicorn's formatters (uvicorn 0.17.6, whose
// uvicorn/logging.py is unchanged in behaviour through 0.35) for the
// formatter class table: DefaultFormatter, which adds levelprefix, and
// AccessFormatter, which also reads the five arguments of uvicorn's access
// line into client_addr, request_line and status_code.

// uvicornParams are the parameters of uvicorn's ColourizedFormatter, which
// both classes inherit: neither takes validate or defaults.
var uvicornParams = []string{"fmt", "datefmt", "style", "use_colors"}

// uvicornKeys are the keyword arguments of both classes beyond fmt,
// datefmt and style.
var uvicornKeys = []Key{
	// Python compares use_colors with True and False; for anything else
	// uvicorn asks whether sys.stdout is a terminal.
	{Name: "use_colors", Type: KeyAny, Default: "None", Nullable: true, Check: checkUseColors,
		Doc: "Colour levelprefix (and AccessFormatter's request_line and status_code), and print a record's color_message: true or false, or null to ask whether standard output is a terminal when the formatter is made."},
}

// uvicornDefaultFormatter is uvicorn.logging.DefaultFormatter. Its base
// class, ColourizedFormatter, formats the same (DefaultFormatter only
// overrides should_use_colors, which nothing calls).
var uvicornDefaultFormatter = &FormatterClass{
	Name:    "uvicorn.logging.DefaultFormatter",
	Aliases: []string{"uvicorn.logging.ColourizedFormatter"},
	Package: "uvicorn 0.17.6",
	Params:  uvicornParams,
	Keys:    uvicornKeys,
	Field: func(name string, _ []Option) (pyfmt.FieldType, bool) {
		return pyfmt.TypeString, name == "levelprefix"
	},
}

// uvicornAccessFormatter is uvicorn.logging.AccessFormatter.
var uvicornAccessFormatter = &FormatterClass{
	Name:    "uvicorn.logging.AccessFormatter",
	Package: "uvicorn 0.17.6",
	Params:  uvicornParams,
	Keys:    uvicornKeys,
	Field: func(name string, _ []Option) (pyfmt.FieldType, bool) {
		switch name {
		case "levelprefix", "client_addr", "request_line", "status_code":
			return pyfmt.TypeString, true
		}
		return 0, false
	},
}

// checkUseColors checks use_colors: true, false or null (or 1, 0, which
// Python's `in (True, False)` takes for them). uvicorn takes anything else
// for None, which is seldom what was meant.
func checkUseColors(v any) string {
	switch x := v.(type) {
	case nil, bool:
		return ""
	case int64:
		if x == 0 || x == 1 {
			return ""
		}
	case float64:
		if x == 0 || x == 1 {
			return ""
		}
	}
	return fmt.Sprintf("expected true, false or null, got %s: uvicorn compares use_colors with True and False, and for any other value checks whether sys.stdout is a terminal, as for null", describeValue(v))
}

// UvicornUseColors returns f's use_colors (a DefaultFormatter or an
// AccessFormatter): true or false, or nil when uvicorn decides by whether
// sys.stdout is a terminal.
func UvicornUseColors(f *Formatter) *bool {
	o, ok := f.Option("use_colors")
	if !ok || o.Value == nil {
		return nil
	}
	var on bool
	switch x := o.Value.(type) {
	case bool:
		on = x
	case int64:
		on = x != 0
	case float64:
		on = x != 0
	}
	return &on
}
