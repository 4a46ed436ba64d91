// Command contextcfg prints record attributes that Go functions read from
// the context of each log call: the context section of logging.yaml names
// the functions (obs.TraceID, obs.SpanID, obs.Tenant), and the generated
// configuration calls them for every ...Context call. It also logs a
// recovered panic with the extra attributes of an ExtraLogger.
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"context"
	"fmt"
	"os"

	"github.com/loggen/loggen/examples/contextcfg/logs"
	"github.com/loggen/loggen/examples/contextcfg/obs"
)

func charge(ctx context.Context, user string, cents int) {
	log := logs.AppBilling.With(logs.Extra{User: user})
	log.InfoContext(ctx, "charging")
	log.DebugContextf(ctx, "%d cents", cents)
}

func refund(user string, cents []int) {
	log := logs.Root.With(logs.Extra{User: user})
	defer log.LogPanic(false) // the panic's record keeps user
	log.Warningf("refunding %d cents", cents[1])
}

func main() {
	if err := logs.Configure(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer logs.Shutdown()

	logs.Root.Info("starting") // no context: the defaults
	ctx := obs.WithTenant(obs.WithTrace(context.Background(), "4bf92f3577b34da6", "00f067aa0ba902b7"), 7)
	charge(ctx, "bob", 1250)
	charge(obs.WithTrace(context.Background(), "a3ce929d0e0e4736", ""), "alice", 99) // no span, no tenant
	refund("carol", []int{5})
	logs.Root.InfoContext(ctx, "done")
}
