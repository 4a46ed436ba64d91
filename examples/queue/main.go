// Command queue logs through a QueueHandler in front of a slow file
// handler: each logging call only formats the message and enqueues the
// record, so the program goes on at once while a listener goroutine writes
// the file; Shutdown drains the queue before the file is closed.
//
// The file handler is made slow on purpose (it sleeps before each write),
// standing in for a destination such as a network share or a remote
// service. Synchronously, 200 records would take a second.
package main

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go

import (
	"bufio"
	"fmt"
	"os"
	"time"

	"github.com/loggen/loggen/examples/queue/logs"
	logging "github.com/loggen/loggen/runtime"
)

const (
	records = 200
	delay   = 5 * time.Millisecond // per record, in the file handler
)

// slowFile is a FileHandler that takes delay to write each record.
type slowFile struct{ *logging.FileHandler }

func (h slowFile) Handle(r *logging.Record) bool {
	time.Sleep(delay)
	return h.FileHandler.Handle(r)
}

func main() {
	cfg := logs.Config()
	for i := range cfg.Handlers {
		if hc := &cfg.Handlers[i]; hc.ID == "file" {
			newFile := hc.New
			hc.New = func() (logging.Handler, error) {
				h, err := newFile()
				if err != nil {
					return nil, err
				}
				return slowFile{h.(*logging.FileHandler)}, nil
			}
		}
	}
	if err := logging.Configure(cfg); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	worker := logs.AppWorker
	start := time.Now()
	for i := range records {
		worker.Infof("job %d done", i)
		// The listener skips the file for DEBUG records: the file handler's
		// level is INFO and respect_handler_level is true.
		worker.Debugf("job %d details", i)
	}
	elapsed := time.Since(start)
	fmt.Printf("logged %d records in %v; the file handler needs %v for them\n",
		records, elapsed.Round(10*time.Microsecond), records*delay)
	fmt.Printf("caller blocked by the file handler: %v\n", elapsed >= records*delay/2)

	start = time.Now()
	logs.Shutdown() // drains the queue into the file, then closes it
	fmt.Printf("Shutdown drained the queue in %v\n", time.Since(start).Round(100*time.Millisecond))
	fmt.Printf("queue.log has %d lines\n", countLines("queue.log"))
}

func countLines(name string) int {
	f, err := os.Open(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	n := 0
	for s := bufio.NewScanner(f); s.Scan(); {
		n++
	}
	return n
}
