package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// queueClass is the class that queueNeeds and newQueue generate for.
const queueClass = "logging.handlers.QueueHandler"

// queueNeeds returns the ids of the handlers that a QueueHandler is built
// on, in the order in which the NewFrom of newQueue takes them: its
// handlers key, as written (an id listed twice gets each record twice, as
// in Python). The generated HandlerConfig lists them as Needs, so that
// runtime.Configure creates them first and the QueueHandler after them:
// Shutdown, which closes handlers newest first, then drains the queue into
// the targets before they are closed.
func queueNeeds(h *model.Handler) []string {
	o, ok := h.Option("handlers")
	if !ok {
		return nil
	}
	return append([]string(nil), o.Value.([]string)...)
}

// newQueue writes the NewFrom of a QueueHandler, whose needs are its
// targets in the order of queueNeeds. Without targets (Python's default)
// the NewFrom still creates the handler, which then discards records.
func newQueue(h *model.Handler) jen.Code {
	d := jen.Dict{}
	if len(queueNeeds(h)) > 0 {
		d[jen.Id("Handlers")] = jen.Id("needs")
	}
	for _, o := range h.Options {
		switch o.Key {
		case "maxsize":
			d[jen.Id("MaxSize")] = jen.Lit(int(o.Value.(int64)))
		case "respect_handler_level":
			if o.Value.(bool) {
				d[jen.Id("RespectHandlerLevel")] = jen.True()
			}
		case "when_full":
			if o.Value.(string) == "drop" {
				d[jen.Id("WhenFull")] = jen.Qual(rtPath, "QueueDrop")
			}
		}
	}
	return jen.Func().Params(jen.Id("needs").Index().Qual(rtPath, "Handler")).Params(jen.Qual(rtPath, "Handler"), jen.Error()).Block(
		jen.Return(jen.Qual(rtPath, "NewQueueHandler").Call(jen.Qual(rtPath, "QueueOptions").Values(d)), jen.Nil()))
}
