package reload

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// Options configure a Watcher.
type Options struct {
	// Interval is how often the file is checked: its modification time
	// and size, and its bytes' hash when those changed or the file was
	// modified less than two seconds before (a rewrite within the
	// file system's time granularity). 0 checks only on SIGHUP and Reload.
	Interval time.Duration
	// Signal makes SIGHUP check the file, on Unix (it is ignored
	// elsewhere). The program then no longer dies of SIGHUP.
	Signal bool
	// Config is the configuration loggen generated from the file: the
	// generated package's Config(). The entries of the file that have not
	// changed since Watch are made from it when a whole configuration is
	// applied, so that Go factories, the classes only generated code makes
	// and the generated formatters stay. Without it, a change beyond
	// levels and propagate needs every entry to be one the run-time
	// builder makes.
	Config *logging.Config
	// OnError, if not nil, is called with each reading of the file that
	// was not applied, and why (it is also reported on stderr).
	OnError func(err error)
	// OnApply, if not nil, is called after each reading applied.
	OnApply func()
}

// racyWindow is how recently a file must have been modified for a poll
// to hash it even though its time and size are unchanged.
const racyWindow = 2 * time.Second

// A Watcher applies the changes of a configuration file until Close.
type Watcher struct {
	path string
	opts Options
	base *baseline

	mu      sync.Mutex // serializes checks
	cur     *config    // the reading running now
	applied [32]byte   // its hash
	seen    stamp      // the last reading, applied or not
	held    bool       // the last reading was young and unreadable: read it again

	stop      chan struct{}
	wg        sync.WaitGroup
	hup       chan os.Signal
	closeOnce sync.Once
}

// A stamp is what a poll compares: modification time, size and hash.
type stamp struct {
	mod  time.Time
	size int64
	sum  [32]byte
}

// Watch starts watching the configuration file path, which the running
// configuration was generated from: the file as it is now is the
// baseline, and only what changes from it later is applied. It reads the
// file now and fails, with positions, if it cannot (nothing is applied).
func Watch(path string, o Options) (*Watcher, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := read(path, data)
	if err != nil {
		return nil, err
	}
	base, err := newBaseline(c, o.Config)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	w := &Watcher{
		path:    path,
		opts:    o,
		base:    base,
		cur:     c,
		applied: sha256.Sum256(data),
		stop:    make(chan struct{}),
	}
	w.seen = stamp{fi.ModTime(), fi.Size(), w.applied}
	if o.Signal && hangupSupported {
		w.hup = make(chan os.Signal, 1)
		notifyHangup(w.hup)
	}
	if o.Interval > 0 || w.hup != nil {
		w.wg.Add(1)
		go w.loop()
	}
	return w, nil
}

// Close stops watching and waits for a check under way to finish. It
// changes nothing in the running configuration.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		if w.hup != nil {
			stopHangup(w.hup)
		}
		close(w.stop)
		w.wg.Wait()
	})
	return nil
}

func (w *Watcher) loop() {
	defer w.wg.Done()
	var tick <-chan time.Time
	if w.opts.Interval > 0 {
		t := time.NewTicker(w.opts.Interval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-w.stop:
			return
		case <-tick:
			w.poll()
		case <-w.hup:
			w.Reload()
		}
	}
}

// poll checks the file if its stamp changed. A file that cannot be read
// as a configuration while it is younger than racyWindow may be half
// written: it is read again at the next poll, and reported only if it is
// still bad when it is older.
func (w *Watcher) poll() {
	w.mu.Lock()
	defer w.mu.Unlock()
	fi, err := os.Stat(w.path)
	if err != nil {
		if w.seen.size != -1 {
			w.fail(err) // reported once, until the file is back
			w.seen = stamp{size: -1}
		}
		return
	}
	young := time.Since(fi.ModTime()) < racyWindow
	if fi.ModTime().Equal(w.seen.mod) && fi.Size() == w.seen.size && !young && !w.held {
		return
	}
	data, err := os.ReadFile(w.path)
	if err != nil {
		w.fail(err)
		return
	}
	sum := sha256.Sum256(data)
	changed := sum != w.seen.sum || w.held
	w.seen = stamp{fi.ModTime(), fi.Size(), sum}
	w.held = false
	if !changed || sum == w.applied {
		return
	}
	n, err := read(w.path, data)
	if err != nil && young {
		w.held = true // perhaps half written: look again
		return
	}
	if err != nil {
		w.fail(err)
		return
	}
	w.check(n, sum)
}

// Reload reads the file now and applies it if it differs from the
// configuration running, as SIGHUP does; a file that could not be applied
// is checked again. It returns why the file was not applied, as OnError
// gets it, or nil.
func (w *Watcher) Reload() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	fi, err := os.Stat(w.path)
	if err != nil {
		w.fail(err)
		return err
	}
	data, err := os.ReadFile(w.path)
	if err != nil {
		w.fail(err)
		return err
	}
	sum := sha256.Sum256(data)
	w.seen = stamp{fi.ModTime(), fi.Size(), sum}
	if sum == w.applied {
		return nil
	}
	n, err := read(w.path, data)
	if err != nil {
		return w.fail(err)
	}
	return w.check(n, sum)
}

// check plans and applies one reading n of the file, whose hash is sum;
// w.mu is held. On any mistake nothing changes.
func (w *Watcher) check(n *config, sum [32]byte) error {
	p, err := w.base.plan(n, w.cur)
	if err != nil {
		return w.fail(positioned(w.path, err, n))
	}
	switch {
	case p.dict != nil:
		err = logging.ConfigureDict(p.dict)
	case p.incremental != nil:
		err = logging.ConfigureIncremental(p.incremental)
	default:
		err = logging.Configure(p.whole)
	}
	if err != nil {
		return w.fail(fmt.Errorf("%s: %w", w.path, err))
	}
	w.cur, w.applied = n, sum
	if w.opts.OnApply != nil {
		w.opts.OnApply()
	}
	return nil
}

// fail reports a reading that was not applied, and returns err.
func (w *Watcher) fail(err error) error {
	msg := "the logging configuration was not reloaded; the running one stays:\n\t" + strings.ReplaceAll(err.Error(), "\n", "\n\t")
	logging.ReportError("", errors.New(msg))
	if w.opts.OnError != nil {
		w.opts.OnError(err)
	}
	return err
}
