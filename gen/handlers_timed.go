package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/loggen/loggen/model"
)

// Emitters of TimedRotatingFileHandler and WatchedFileHandler.
func init() {
	handlerConstructors["logging.handlers.TimedRotatingFileHandler"] = func(h *model.Handler) (jen.Code, error) {
		d := jen.Dict{}
		fields := map[string]string{"filename": "Filename", "when": "When", "interval": "Interval",
			"backupCount": "BackupCount", "encoding": "Encoding", "delay": "Delay", "utc": "UTC", "atTime": "AtTime"}
		for _, o := range h.Options {
			f, ok := fields[o.Key]
			switch {
			case !ok: // errors: only "strict", the default
			case o.Key == "interval" || o.Key == "backupCount":
				d[jen.Id(f)] = jen.Lit(int(o.Value.(int64)))
			default:
				d[jen.Id(f)] = jen.Lit(o.Value)
			}
		}
		return newFunc(
			jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Qual(handlersPath, "NewTimedRotatingFileHandler").Call(jen.Qual(handlersPath, "TimedRotatingFileOptions").Values(d)),
			jen.Return(jen.Id("h"), jen.Id("err")),
		), nil
	}
	handlerConstructors["logging.handlers.WatchedFileHandler"] = func(h *model.Handler) (jen.Code, error) {
		d := jen.Dict{}
		fields := map[string]string{"filename": "Filename", "mode": "Mode", "encoding": "Encoding", "delay": "Delay"}
		for _, o := range h.Options {
			if f, ok := fields[o.Key]; ok {
				d[jen.Id(f)] = jen.Lit(o.Value)
			}
		}
		return newFunc(
			jen.List(jen.Id("h"), jen.Id("err")).Op(":=").Qual(handlersPath, "NewWatchedFileHandler").Call(jen.Qual(rtPath, "FileOptions").Values(d)),
			jen.Return(jen.Id("h"), jen.Id("err")),
		), nil
	}
}
