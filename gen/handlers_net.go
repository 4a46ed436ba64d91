package gen

import (
	"net"
	"strconv"

	"math"

	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// The network handlers: SMTPHandler and HTTPHandler.
func init() {
	handlerConstructors["logging.handlers.SMTPHandler"] = newSMTP
	handlerConstructors["logging.handlers.HTTPHandler"] = newHTTP
}

func stringList(v any) jen.Code {
	var items []jen.Code
	for _, s := range v.([]string) {
		items = append(items, jen.Lit(s))
	}
	return jen.Index().String().Values(items...)
}

func credentials(v any) jen.Code {
	c := v.([]string)
	return jen.Op("&").Index(jen.Lit(2)).String().Values(jen.Lit(c[0]), jen.Lit(c[1]))
}

func newSMTP(h *model.Handler) (jen.Code, error) {
	d := jen.Dict{}
	for _, o := range h.Options {
		switch o.Key {
		case "mailhost":
			a := o.Value.(model.Address)
			host := a.Str
			if a.Host != "" {
				host = net.JoinHostPort(a.Host, strconv.FormatInt(a.Port, 10))
			}
			d[jen.Id("Mailhost")] = jen.Lit(host)
		case "fromaddr":
			d[jen.Id("FromAddr")] = jen.Lit(o.Value)
		case "toaddrs":
			d[jen.Id("ToAddrs")] = stringList(o.Value)
		case "subject":
			d[jen.Id("Subject")] = jen.Lit(o.Value)
		case "credentials":
			d[jen.Id("Credentials")] = credentials(o.Value)
		case "secure":
			d[jen.Id("Secure")] = stringList(o.Value)
		case "timeout":
			ns := int64(math.Round(o.Value.(float64) * 1e9))
			d[jen.Id("Timeout")] = jen.Qual("time", "Duration").Call(jen.Lit(ns))
		}
	}
	return newFunc(
		jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Qual(handlersPath, "NewSMTPHandler").Call(jen.Qual(handlersPath, "SMTPOptions").Values(d)),
		jen.Return(jen.Id("h"), jen.Id("err")),
	), nil
}

func newHTTP(h *model.Handler) (jen.Code, error) {
	d := jen.Dict{}
	for _, o := range h.Options {
		switch o.Key {
		case "host":
			d[jen.Id("Host")] = jen.Lit(o.Value)
		case "url":
			d[jen.Id("URL")] = jen.Lit(o.Value)
		case "method":
			d[jen.Id("Method")] = jen.Lit(o.Value)
		case "secure":
			d[jen.Id("Secure")] = jen.Lit(o.Value)
		case "credentials":
			d[jen.Id("Credentials")] = credentials(o.Value)
		}
	}
	return newFunc(
		jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Qual(handlersPath, "NewHTTPHandler").Call(jen.Qual(handlersPath, "HTTPOptions").Values(d)),
		jen.Return(jen.Id("h"), jen.Id("err")),
	), nil
}
