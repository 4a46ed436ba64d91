package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// uvicornPkg is the run-time part of uvicorn's formatters.
const uvicornPkg = "github.com/loggen/loggen/runtime/uvicorn"

// emitUvicornDefault writes a uvicorn.logging.DefaultFormatter.
func emitUvicornDefault(name string, f *model.Formatter, unique func(want string) string) (jen.Code, []jen.Code, error) {
	return emitUvicorn(name, f, unique, false)
}

// emitUvicornAccess writes a uvicorn.logging.AccessFormatter.
func emitUvicornAccess(name string, f *model.Formatter, unique func(want string) string) (jen.Code, []jen.Code, error) {
	return emitUvicorn(name, f, unique, true)
}

// emitUvicorn writes one of uvicorn's formatters: its format compiled with
// colours, without, or both when use_colors is None (uvicorn.New then
// picks one by whether os.Stdout is a terminal). The fields uvicorn adds
// are calls of package uvicorn; with colours, message and msg come from
// the record's color_message when it has one.
func emitUvicorn(name string, f *model.Formatter, unique func(want string) string, access bool) (jen.Code, []jen.Code, error) {
	use := model.UvicornUseColors(f)
	opts := jen.Dict{}
	var code []jen.Code
	var info formatInfo
	if use == nil || *use {
		more, i, err := emitClassFormat(name, f, unique, uvicornFields(f, true), "With colours.")
		if err != nil {
			return nil, nil, err
		}
		opts[jen.Id("Colored")] = jen.Id(name)
		code, info = append(code, more...), i
	}
	if use == nil || !*use {
		plain := name
		if use == nil {
			plain = unique(name + "Plain")
		}
		more, i, err := emitClassFormat(plain, f, unique, uvicornFields(f, false), "Without colours.")
		if err != nil {
			return nil, nil, err
		}
		opts[jen.Id("Plain")] = jen.Id(plain)
		code = append(code, more...)
		info = formatInfo{caller: info.caller || i.caller, time: info.time || i.time}
	}
	if info.caller {
		opts[jen.Id("Caller")] = jen.True()
	}
	if !info.time {
		opts[jen.Id("NoTime")] = jen.True()
	}
	if access {
		opts[jen.Id("Access")] = jen.True()
	}
	return jen.Qual(uvicornPkg, "New").Call(jen.Qual(uvicornPkg, "Options").Values(opts)), code, nil
}

// uvicornFields returns how a format of f, one of uvicorn's formatters,
// reads the fields uvicorn adds (those of f's class), and, with colours,
// message and msg.
func uvicornFields(f *model.Formatter, colored bool) func(field string) (attr, bool) {
	prefix := ""
	if colored {
		prefix = "Colored"
	}
	// appends returns the attr of a field that package uvicorn appends.
	appends := func(fn string, arg func() jen.Code) attr {
		app := func(b jen.Code) *jen.Statement { return jen.Qual(uvicornPkg, fn).Call(b, arg()) }
		return attr{
			kind: pyfmt.TypeString,
			app:  app,
			expr: func() *jen.Statement { return jen.String().Call(app(jen.Nil())) },
		}
	}
	record := func() jen.Code { return jen.Id("r") }
	level := func() jen.Code { return jen.Id("r").Dot("Level") }
	return func(field string) (attr, bool) {
		if field != "message" && field != "msg" && !f.ClassField(field) {
			return attr{}, false
		}
		switch field {
		case "levelprefix":
			return appends("Append"+prefix+"LevelPrefix", level), true
		case "client_addr":
			return appends("AppendClientAddr", record), true
		case "request_line":
			return appends("Append"+prefix+"RequestLine", record), true
		case "status_code":
			return appends("Append"+prefix+"StatusCode", record), true
		case "message":
			if colored {
				return attr{
					kind: pyfmt.TypeString,
					app: func(b jen.Code) *jen.Statement {
						return jen.Qual(uvicornPkg, "AppendColorMessage").Call(b, jen.Id("r"))
					},
					expr:  func() *jen.Statement { return jen.Qual(uvicornPkg, "ColorMessage").Call(jen.Id("r")) },
					fails: true,
				}, true
			}
		case "msg":
			if colored {
				return attr{
					kind: pyfmt.TypeString,
					expr: func() *jen.Statement { return jen.Qual(uvicornPkg, "ColorMsg").Call(jen.Id("r")) },
				}, true
			}
		}
		return attr{}, false
	}
}
