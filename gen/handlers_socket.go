package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

func init() {
	handlerConstructors["logging.handlers.SocketHandler"] = func(h *model.Handler) (jen.Code, error) {
		return newSocket(h, "NewSocketHandler"), nil
	}
	handlerConstructors["logging.handlers.DatagramHandler"] = func(h *model.Handler) (jen.Code, error) {
		return newSocket(h, "NewDatagramHandler"), nil
	}
}

// newSocket writes the constructor of a SocketHandler or DatagramHandler.
func newSocket(h *model.Handler, ctor string) jen.Code {
	d := jen.Dict{}
	for _, o := range h.Options {
		switch o.Key {
		case "host":
			d[jen.Id("Host")] = jen.Lit(o.Value)
		case "port":
			d[jen.Id("Port")] = jen.Lit(int(o.Value.(int64)))
		}
	}
	return newFunc(jen.Return(jen.Qual(handlersPath, ctor).Call(jen.Qual(handlersPath, "SocketOptions").Values(d)), jen.Nil()))
}
