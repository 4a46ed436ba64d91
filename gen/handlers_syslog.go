package gen

import (
	"net"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

func init() {
	handlerConstructors["logging.handlers.SysLogHandler"] = newSysLog
}

// newSysLog writes the constructor of a SysLogHandler.
func newSysLog(h *model.Handler) (jen.Code, error) {
	d := jen.Dict{}
	for _, o := range h.Options {
		switch o.Key {
		case "address":
			a := o.Value.(model.Address)
			hostport, path := model.SysLogAddress(a.Str)
			if a.Host != "" {
				hostport, path = net.JoinHostPort(a.Host, strconv.FormatInt(a.Port, 10)), ""
			}
			if path != "" {
				d[jen.Id("Path")] = jen.Lit(path)
			} else {
				d[jen.Id("Address")] = jen.Lit(hostport)
			}
		case "facility":
			if n, _ := model.SysLogFacility(o.Value.(string)); n != 1 {
				d[jen.Id("Facility")] = jen.Qual(handlersPath, model.SysLogFacilities[n].Const)
			}
		case "socktype":
			d[jen.Id("SockType")] = jen.Lit(int(o.Value.(int64)))
		case "ident":
			d[jen.Id("Ident")] = jen.Lit(o.Value)
		case "append_nul":
			if !o.Value.(bool) {
				d[jen.Id("OmitNUL")] = jen.True()
			}
		case "rfc5424":
			d[jen.Id("RFC5424")] = jen.Lit(o.Value)
		case "appname":
			d[jen.Id("AppName")] = jen.Lit(o.Value)
		case "msgid":
			d[jen.Id("MsgID")] = jen.Lit(o.Value)
		case "hostname":
			d[jen.Id("Hostname")] = jen.Lit(o.Value)
		}
	}
	return newFunc(
		jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Qual(handlersPath, "NewSysLogHandler").Call(jen.Qual(handlersPath, "SysLogOptions").Values(d)),
		jen.Return(jen.Id("h"), jen.Id("err")),
	), nil
}
