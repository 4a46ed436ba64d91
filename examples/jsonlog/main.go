// Command jsonlog writes JSON lines with the configuration that its Python
// twin, app.py, gives to logging.config.dictConfig: python-json-logger's
// JsonFormatter, which loggen compiles into the generated package, writes
// the same bytes as the Python package (but for the clock). The request id
// that the format names is a typed field of logs.Extra; other extra
// attributes, of any JSON type, go through the runtime's LogExtra.
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"fmt"
	"os"

	"github.com/loggen/loggen/examples/jsonlog/logs"
	logging "github.com/loggen/loggen/runtime"
)

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	logs.ShopOrders.With(logs.Extra{RequestID: "r-17"}).Debug("cart loaded")
	logs.ShopOrders.LogExtra(0, logging.INFO, nil, []logging.Field{
		logging.String("request_id", "r-17"),
		logging.Int("items", 3),
		logging.Float64("total", 19.99),
		logging.Bool("gift", true),
		logging.Any("coupon", nil),
	}, "order placed")
	logs.Get("shop").With(logs.Extra{RequestID: "r-18"}).Warningf("stock low for %s: %d left", "café crème", 2)
	logs.ShopDB.Info("not written: shop.db is at WARNING")
	logs.Get("shop.payments").LogExtra(0, logging.ERROR, nil, []logging.Field{
		logging.String("request_id", "r-19"),
		logging.String("code", "51"),
		logging.String("_internal", "not written"),
	}, "card declined")
	logs.Root.Info("shutting down")
}
