package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

func init() { builtOnHandlers["logging.handlers.QueueHandler"] = newQueue }

// newQueue writes the NewFrom of a QueueHandler, given the ids of the
// handlers it needs (handlerNeeds: its handlers key). Listing them as Needs
// makes runtime.Configure create them first and the QueueHandler after
// them, so that Shutdown, which closes handlers newest first, drains the
// queue into the targets before they are closed. Without targets (Python's
// default) the NewFrom still creates the handler, which then discards
// records.
func newQueue(h *model.Handler, needs []string) jen.Code {
	d := jen.Dict{}
	for _, o := range h.Options {
		switch o.Key {
		case "handlers":
			ids := o.Value.([]string)
			if len(ids) == 0 {
				continue
			}
			d[jen.Id("Handlers")] = jen.Index().Qual(rtPath, "Handler").ValuesFunc(func(gr *jen.Group) {
				for _, id := range ids {
					gr.Add(neededHandler(needs, id))
				}
			})
		case "maxsize":
			d[jen.Id("MaxSize")] = jen.Lit(int(o.Value.(int64)))
		case "respect_handler_level":
			if o.Value.(bool) {
				d[jen.Id("RespectHandlerLevel")] = jen.True()
			}
		case "when_full":
			if o.Value.(string) == "drop" {
				d[jen.Id("WhenFull")] = jen.Qual(handlersPath, "QueueDrop")
			}
		}
	}
	return jen.Func().Params(jen.Id("needs").Index().Qual(rtPath, "Handler")).Params(jen.Qual(rtPath, "Handler"), jen.Error()).Block(
		jen.Return(jen.Qual(handlersPath, "NewQueueHandler").Call(jen.Qual(handlersPath, "QueueOptions").Values(d)), jen.Nil()))
}
