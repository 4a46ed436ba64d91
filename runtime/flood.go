package runtime

import (
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/loggen/loggen/runtime/pyfmt"
)

// This file holds loggen's flood control filters, RateLimitFilter and
// DuplicateFilter (loggen.RateLimitFilter and loggen.DuplicateFilter in a
// configuration), and what they share: the summary records that say how
// many records they dropped, where those records go, and the reporting of
// floods still open at Shutdown.
//
// Both decide with atomics only. A RateLimitFilter keeps one bucket per key
// in a floodTable, whose lookups take no lock; only a key seen for the
// first time takes the table's mutex. Time is the record's creation time,
// so that a clock set with SetClock drives them in tests.

// Per says what a RateLimitFilter keeps a bucket for.
type Per uint8

// The keys of a RateLimitFilter.
const (
	// PerLoggerTemplate keeps a bucket per logger and message template:
	// the logger's name and the record's Msg before % args (the format of
	// a printf-style call such as Infof, or the static message). It is
	// the default.
	PerLoggerTemplate Per = iota
	// PerLogger keeps a bucket per logger.
	PerLogger
	// PerTemplate keeps a bucket per message template, whatever the
	// logger.
	PerTemplate
)

// String returns the name of p in a configuration: "logger_template",
// "logger" or "template".
func (p Per) String() string {
	switch p {
	case PerLogger:
		return "logger"
	case PerTemplate:
		return "template"
	case PerLoggerTemplate:
		return "logger_template"
	}
	return "Per(" + strconv.Itoa(int(p)) + ")"
}

// DefaultMaxKeys is the number of keys a RateLimitFilter remembers when
// RateLimitOptions.MaxKeys is not set.
const DefaultMaxKeys = 10000

// DefaultDuplicateWindow is a DuplicateFilter's window when
// DuplicateOptions.Window is not set: spdlog's dup_filter_sink is shown
// with 5 s in its documentation.
const DefaultDuplicateWindow = 5 * time.Second

// The messages of the summary records. Each is a printf-style message with
// the count as its argument, so that %(msg)s is the same for every summary
// and a filter keyed by template counts them together.
const (
	// RateLimitSummary is the message of a RateLimitFilter's summary.
	RateLimitSummary = "%d similar records suppressed"
	// DuplicateSummary is the message of a DuplicateFilter's summary, as
	// spdlog's dup_filter_sink words it.
	DuplicateSummary = "Skipped %d duplicate messages.."
)

// RateLimitOptions are the settings of a RateLimitFilter.
type RateLimitOptions struct {
	// Rate is the number of records per second that each key lets through
	// once its burst is spent, on average. As with golang.org/x/time/rate,
	// a Rate of 0 (or below, or NaN) never refills a bucket: each key lets
	// Burst records through and then none; so does a rate so low that the
	// bucket would take more than 73 years to refill. +Inf lets every
	// record through. Above 1e9 (one per nanosecond), the rate is 1e9.
	Rate float64
	// Burst is the number of records a key lets through at once: the size
	// of its bucket, which starts full. 0 or less means ceil(Rate), and at
	// least 1.
	Burst int
	// Per says what a bucket is kept for; the zero value is
	// PerLoggerTemplate.
	Per Per
	// MaxKeys bounds the keys the filter remembers; 0 or less means
	// DefaultMaxKeys. A key seen when the filter remembers MaxKeys keys
	// makes it forget one that has not been used lately (see
	// RateLimitFilter).
	MaxKeys int
	// NoSummary turns the summary records off: the filter drops records
	// silently, as Log4j 2's BurstFilter does.
	NoSummary bool
}

// A RateLimitFilter lets the records of each key (a logger, a message
// template, or both: Per) through at a steady rate with bursts, by a token
// bucket per key: Log4j 2's BurstFilter, kept per key. Each record of a key
// takes a token from the key's bucket, which holds Burst tokens and gets
// Rate tokens a second back; a record that finds the bucket empty is
// dropped and counted. The bucket is computed as GCRA (the generic cell
// rate algorithm), one timestamp per key updated by compare-and-swap, from
// the records' creation times, so that SetClock drives it.
//
// # Summaries
//
// A key's flood ends at the first record of the key that the filter lets
// through after dropping some: just before that record, a summary record
// "N similar records suppressed" (RateLimitSummary, with N as its argument)
// goes through the same logger, or the same handler when the filter is on
// a handler, at the highest level of the N records, with the logger name,
// time, caller, context and extra attributes of the record that ends the
// flood. While a key stays above its rate, its bucket still lets Rate
// records a second through and each of them ends a flood, so a key writes
// at most twice its rate in lines, summaries included. A flood that does
// not end that way (the key's records stop while its bucket is empty) is
// reported when the filter forgets the key, by Flush, and at Shutdown or
// when a new configuration replaces the one that made the filter, with the
// key's logger name (for PerTemplate, the logger of the key's first record)
// and the time of the report. The filter passes its own summaries without
// counting them.
//
// # Keys
//
// The filter remembers at most MaxKeys keys. A new key beyond that makes
// it forget the least recently used of the next 8 keys on a ring that a
// hand goes round, by the creation time of their last records (on a tie,
// the first from the hand): with MaxKeys up to 8 that is exactly the least
// recently used key; above, it is an approximation in constant time, as Redis
// samples its keys, which keeps the keys in use and forgets the idle ones.
// A forgotten key's dropped records are reported at once, and its next
// record finds a full bucket again, so more than MaxKeys keys in use at
// once let more records through than their rate.
//
// Lookups and decisions take no lock; a key seen for the first time takes
// the filter's mutex. A record that is let through or dropped allocates
// nothing; a summary allocates its argument.
//
// A filter attached to a logger (Logger.AddFilter, or a configuration)
// sends its summaries through the logger named by the record. On a handler
// added in code, add On(h) instead of the filter, so that the summaries go
// through h; Configure does this for the filters of a configuration. One
// filter attached to several handlers or loggers keeps one set of buckets,
// as a Python filter object shared by several handlers keeps one state.
type RateLimitFilter struct {
	interval  int64 // nanoseconds per token; 0: no limit
	tolerance int64 // (burst-1) * interval
	burst     int64
	never     bool // tokens never come back (see RateLimitOptions.Rate)
	per       Per
	summary   bool
	keys      floodTable
}

// neverRefills is the time, in nanoseconds (about 73 years), beyond which
// a RateLimitFilter takes a bucket that needs longer to refill as one that
// never refills, so that its times stay far from the bounds of int64.
const neverRefills = 1 << 61

// NewRateLimitFilter returns a RateLimitFilter with the options o.
func NewRateLimitFilter(o RateLimitOptions) *RateLimitFilter {
	f := &RateLimitFilter{per: o.Per, summary: !o.NoSummary}
	burst := int64(o.Burst)
	if burst < 1 {
		burst = 1
		if c := math.Ceil(o.Rate); c > 1 {
			burst = int64(min(c, math.MaxInt32))
		}
	}
	f.burst = burst
	switch iv := math.Round(1e9 / o.Rate); {
	case !(o.Rate > 0) || iv*float64(burst) > neverRefills:
		f.never = true
	case math.IsInf(o.Rate, 1):
		// interval 0: no limit
	default:
		f.interval = max(1, int64(iv))
		f.tolerance = (burst - 1) * f.interval
	}
	maxKeys := o.MaxKeys
	if maxKeys < 1 {
		maxKeys = DefaultMaxKeys
	}
	f.keys.init(maxKeys)
	return f
}

// Filter reports whether r may pass: whether its key's bucket has a token.
func (f *RateLimitFilter) Filter(r *Record) bool { return f.filter(r, &viaLogger) }

// On returns the filter to add to the handler h in place of f, so that
// f's summaries go through h. It shares f's buckets.
func (f *RateLimitFilter) On(h Handler) Filter { return &rateLimitOn{f, floodTarget{h: h}} }

// Flush reports every flood the filter is holding open: a summary for
// each key whose last records were dropped.
func (f *RateLimitFilter) Flush() {
	for _, g := range f.keys.drain() {
		f.report(g, nil)
	}
}

func (f *RateLimitFilter) filter(r *Record, to *floodTarget) bool {
	if r.summaryOf == f || (f.interval == 0 && !f.never) {
		return true
	}
	var name, msg string
	switch f.per {
	case PerLogger:
		name = r.Name
	case PerTemplate:
		msg = r.Msg
	default:
		name, msg = r.Name, r.Msg
	}
	h := f.keys.hash(name, msg)
	t := r.when()
	for {
		e := f.keys.lookup(h, name, msg, t)
		if e == nil {
			var gone floodHarvest
			e, gone = f.keys.insert(h, name, msg, r.Name, f.never, t)
			if gone.n > 0 && f.summary {
				gone.at = t
				f.report(gone, nil)
			}
		}
		if f.take(e, t) {
			if f.summary {
				if g, ok := e.harvest(); ok {
					f.report(g, r)
				}
			}
			return true
		}
		if !f.summary || e.suppress(r.Level, to) {
			return false
		}
		// The key was forgotten between the lookup and the count: decide
		// again on its new entry.
	}
}

// take takes a token from e's bucket at time t (nanoseconds), and reports
// whether there was one. tat is GCRA's theoretical arrival time: the
// bucket is full when tat <= t and empty when tat - t > tolerance.
func (f *RateLimitFilter) take(e *floodEntry, t int64) bool {
	if f.never {
		// tat counts the records let through.
		for {
			n := e.tat.Load()
			if n >= f.burst {
				return false
			}
			if e.tat.CompareAndSwap(n, n+1) {
				return true
			}
		}
	}
	for {
		old := e.tat.Load()
		tat := max(old, t)
		if satSub(tat, t) > f.tolerance {
			return false
		}
		if e.tat.CompareAndSwap(old, satAdd(tat, f.interval)) {
			return true
		}
	}
}

// report logs the summary of g, before the record from that ends its
// flood, or on its own (from nil) when it is flushed or forgotten.
func (f *RateLimitFilter) report(g floodHarvest, from *Record) {
	if from != nil {
		g.name = from.Name // for PerTemplate, the key has no logger
	}
	emitSummary(f, RateLimitSummary, g, from)
}

type rateLimitOn struct {
	f  *RateLimitFilter
	to floodTarget
}

func (b *rateLimitOn) Filter(r *Record) bool { return b.f.filter(r, &b.to) }

// DuplicateOptions are the settings of a DuplicateFilter.
type DuplicateOptions struct {
	// Window is how long after a record the filter lets through it drops
	// the same record again; 0 or less means DefaultDuplicateWindow.
	Window time.Duration
	// NoSummary turns the summary records off.
	NoSummary bool
}

// A DuplicateFilter drops a record whose logger, level and message (after
// % args) are those of the last record it let through, if it comes within
// Window of that record, as spdlog's dup_filter_sink does. Because the
// window counts from the last record let through, a record repeated
// without end is let through once per window.
//
// The next record let through after duplicates were dropped (a different
// record, or the same one after the window) is preceded by a summary
// record "Skipped N duplicate messages.." (DuplicateSummary, with N as its
// argument) with the duplicates' logger name and level, and the time,
// caller, context and extra attributes of the record that follows it. It
// goes through the same logger, or the same handler when the filter is on
// a handler (see On). Duplicates not followed by another record are
// reported by Flush, and at Shutdown or when a new configuration replaces
// the one that made the filter, with the time of the report.
//
// Records are compared by a 64-bit hash of the logger name, the level and
// the message (hash/maphash), so a different record is taken for a
// duplicate with a probability of 2⁻⁶⁴. Decisions take no lock and
// allocate nothing; a summary allocates its argument. Under concurrent
// calls, "the last record" is the last that reached the filter, and the
// logger name of a summary may be that of a flood that started at the same
// instant; the counts are exact.
type DuplicateFilter struct {
	window  int64 // nanoseconds
	summary bool
	seed    maphash.Seed

	lastHash atomic.Uint64
	lastAt   atomic.Int64
	pending  atomic.Uint64 // level and count of the dropped records (see floodEntry.pending)
	where    atomic.Pointer[floodTarget]
	// dupName is the entry of the dropped records' logger name in names,
	// which keeps each name once, so that recording it allocates nothing.
	dupName atomic.Pointer[floodEntry]
	names   floodTable
}

// NewDuplicateFilter returns a DuplicateFilter with the options o.
func NewDuplicateFilter(o DuplicateOptions) *DuplicateFilter {
	w := o.Window
	if w <= 0 {
		w = DefaultDuplicateWindow
	}
	f := &DuplicateFilter{window: int64(w), summary: !o.NoSummary, seed: maphash.MakeSeed()}
	f.lastAt.Store(math.MinInt64)
	f.names.init(1024)
	return f
}

// Filter reports whether r may pass: whether it differs from the last
// record let through, or comes after the window.
func (f *DuplicateFilter) Filter(r *Record) bool { return f.filter(r, &viaLogger) }

// On returns the filter to add to the handler h in place of f, so that
// f's summaries go through h. It shares f's state.
func (f *DuplicateFilter) On(h Handler) Filter { return &duplicateOn{f, floodTarget{h: h}} }

// Flush reports the duplicates dropped since the last record let through.
func (f *DuplicateFilter) Flush() {
	if g, ok := f.harvest(); ok {
		emitSummary(f, DuplicateSummary, g, nil)
	}
}

func (f *DuplicateFilter) filter(r *Record, to *floodTarget) bool {
	if r.summaryOf == f {
		return true
	}
	h := f.hash(r)
	t := r.when()
	if h == f.lastHash.Load() && satSub(t, f.window) <= f.lastAt.Load() {
		if f.summary {
			f.suppress(r, to)
		}
		return false
	}
	f.lastHash.Store(h)
	f.lastAt.Store(t)
	if f.summary {
		if g, ok := f.harvest(); ok {
			emitSummary(f, DuplicateSummary, g, r)
		}
	}
	return true
}

// suppress counts the duplicate r. The first duplicate of a flood records
// the logger name before it is counted, so that whoever takes the count
// finds the name.
func (f *DuplicateFilter) suppress(r *Record, to *floodTarget) {
	if f.where.Load() != to {
		f.where.Store(to)
	}
	for {
		v := f.pending.Load()
		if v&pendingCount == 0 {
			if e := f.dupName.Load(); e == nil || e.owner != r.Name {
				f.dupName.Store(f.names.intern(r.Name, r.when()))
			}
		}
		if f.pending.CompareAndSwap(v, addPending(v, r.Level)) {
			return
		}
	}
}

// harvest takes the count of the dropped duplicates.
func (f *DuplicateFilter) harvest() (floodHarvest, bool) {
	v := f.pending.Swap(0)
	if v&pendingCount == 0 {
		return floodHarvest{}, false
	}
	g := floodHarvest{n: v & pendingCount, level: pendingLevel(v), to: f.where.Load()}
	if e := f.dupName.Load(); e != nil {
		g.name = e.owner
	}
	return g, true
}

// hash returns the hash of r's logger name, level and message.
func (f *DuplicateFilter) hash(r *Record) uint64 {
	h := maphash.String(f.seed, r.Name)*0x9e3779b97f4a7c15 ^ uint64(r.Level)
	if len(r.Args) == 0 {
		return h*0xbf58476d1ce4e5b9 ^ maphash.String(f.seed, r.Msg)
	}
	if !r.msgDone {
		// As AppendMessage does: the message is computed once, into the
		// record's own buffer.
		r.msgBuf, r.msgErr = pyfmt.AppendPercentArgs(r.msgBuf[:0], r.Msg, r.Args)
		r.msgDone = true
	}
	if r.msgErr != nil {
		return h*0xbf58476d1ce4e5b9 ^ maphash.String(f.seed, r.Msg) ^ 1
	}
	return h*0xbf58476d1ce4e5b9 ^ maphash.Bytes(f.seed, r.msgBuf)
}

type duplicateOn struct {
	f  *DuplicateFilter
	to floodTarget
}

func (b *duplicateOn) Filter(r *Record) bool { return b.f.filter(r, &b.to) }

// A floodTarget is where a flood filter's summaries go: the handler it is
// on, the logger it is on, or (both nil) the logger named by the summary.
type floodTarget struct {
	h Handler
	l *Logger
}

// viaLogger is the target of a filter called directly: it is on a logger,
// the one that made the record.
var viaLogger floodTarget

// emit sends the summary s where the filter is.
func (to *floodTarget) emit(s *Record) {
	switch {
	case to.h != nil:
		if s.Level >= to.h.Level() {
			to.h.Handle(s)
		}
	case to.l != nil:
		to.l.dispatch(s, -1)
	default:
		loggerNamed(s.Name).dispatch(s, -1)
	}
}

// loggerNamed returns the logger called name without making it exist (see
// Declare), or Get's logger if there is none yet.
func loggerNamed(name string) *Logger {
	if name == "" || name == "root" {
		return tree.root
	}
	tree.mu.RLock()
	l := tree.loggers[name]
	tree.mu.RUnlock()
	if l == nil {
		return Get(name)
	}
	return l
}

// A floodHarvest is a count of dropped records taken from a filter, with
// what its summary needs.
type floodHarvest struct {
	n     uint64
	level Level
	name  string       // the logger name of the summary
	to    *floodTarget // where the records were dropped
	at    int64        // the time of the report, when no record ends the flood; 0: now
}

// emitSummary logs the summary of g for the filter owner: the message
// format with g's count, before the record from that ends the flood, or
// on its own when from is nil.
func emitSummary(owner any, format string, g floodHarvest, from *Record) {
	s := newRecord()
	s.Level, s.Msg, s.summaryOf = g.level, format, owner
	s.Args = []any{int64(g.n)}
	s.Name = g.name
	to := g.to
	if from != nil {
		s.setNs(from.when())
		s.tm, s.timeless = from.tm, from.timeless
		s.pc, s.ctx = from.pc, from.ctx
		if from.frameDone {
			s.frameDone, s.frame = true, from.frame
		}
		s.Extra = append(s.Extra, from.Extra...)
	} else {
		if g.at != 0 {
			s.setNs(g.at)
		} else {
			s.setNs(nowNs())
		}
	}
	if s.Name == "" {
		s.Name = "root"
	}
	if to == nil {
		to = &viaLogger
	}
	to.emit(s)
	s.release()
}

// The bits of a pending count of dropped records: the count, then the
// highest level among them (clamped to 0 … 65535), then, for a key's
// entry, whether the entry was forgotten.
const (
	pendingCount    = 1<<47 - 1
	pendingShift    = 47
	pendingMaxLevel = 1<<16 - 1
	pendingDead     = 1 << 63
)

// addPending returns the pending word v with one more record of level lv.
func addPending(v uint64, lv Level) uint64 {
	n := v & pendingCount
	if n < pendingCount {
		n++ // saturates rather than overflowing into the level
	}
	l := max(uint64(pendingLevel(v)), uint64(min(max(int64(lv), 0), pendingMaxLevel)))
	return v&pendingDead | l<<pendingShift | n
}

// pendingLevel returns the level of a pending word.
func pendingLevel(v uint64) Level { return Level(v >> pendingShift & pendingMaxLevel) }

// A floodEntry is one key of a RateLimitFilter, or one logger name of a
// DuplicateFilter.
type floodEntry struct {
	hash      uint64
	name, msg string       // the key
	owner     string       // the logger name summaries carry when no record ends the flood
	last      atomic.Int64 // the creation time of the key's last record, for eviction
	tat       atomic.Int64
	// pending is the count of records dropped since the last one let
	// through, with their highest level, and the dead bit of an entry
	// forgotten by the table, after which nothing counts in it.
	pending atomic.Uint64
	where   atomic.Pointer[floodTarget]
}

// suppress counts a dropped record of level lv that was to go to to. It
// reports false if the entry was forgotten, so that the record must be
// decided again.
func (e *floodEntry) suppress(lv Level, to *floodTarget) bool {
	if e.where.Load() != to {
		e.where.Store(to)
	}
	for {
		v := e.pending.Load()
		if v&pendingDead != 0 {
			return false
		}
		if e.pending.CompareAndSwap(v, addPending(v, lv)) {
			return true
		}
	}
}

// take takes e's count of dropped records, if there is one. With dead, it
// also marks the entry forgotten.
func (e *floodEntry) take(dead bool) (floodHarvest, bool) {
	for {
		v := e.pending.Load()
		if v&pendingDead != 0 {
			return floodHarvest{}, false
		}
		var nv uint64
		if dead {
			nv = pendingDead
		} else if v&pendingCount == 0 {
			return floodHarvest{}, false
		}
		if e.pending.CompareAndSwap(v, nv) {
			if v&pendingCount == 0 {
				return floodHarvest{}, false
			}
			return floodHarvest{n: v & pendingCount, level: pendingLevel(v), name: e.owner, to: e.where.Load()}, true
		}
	}
}

// harvest takes e's count of dropped records, if there is one.
func (e *floodEntry) harvest() (floodHarvest, bool) {
	if e.pending.Load()&pendingCount == 0 {
		return floodHarvest{}, false
	}
	return e.take(false)
}

// A floodTable holds the entries of a filter by key. Lookups take no lock:
// the index is an array of buckets, each an immutable slice of entries that
// inserts and removals replace whole (copy on write) under mu, which also
// serializes growth. The table holds at most max entries; beyond that it
// forgets the least recently used of the next evictSample entries of the
// ring (see RateLimitFilter).
type floodTable struct {
	seed  maphash.Seed
	max   int
	index atomic.Pointer[floodIndex]

	mu   sync.Mutex
	ring []*floodEntry // every entry, in the order the hand visits them
	hand int
}

// evictSample is the number of entries among which a full floodTable
// forgets the least recently used.
const evictSample = 8

type floodIndex struct {
	buckets []atomic.Pointer[[]*floodEntry]
}

func (t *floodTable) init(max int) {
	t.seed = maphash.MakeSeed()
	t.max = max
	t.index.Store(&floodIndex{buckets: make([]atomic.Pointer[[]*floodEntry], min(16, ceilPow2(max)))})
}

// hash returns the hash of the key (name, msg).
func (t *floodTable) hash(name, msg string) uint64 {
	return maphash.String(t.seed, name)*0x9e3779b97f4a7c15 ^ maphash.String(t.seed, msg)
}

// lookup returns the entry of the key (name, msg) with hash h, or nil, and
// records its use at time at.
func (t *floodTable) lookup(h uint64, name, msg string, at int64) *floodEntry {
	e := t.index.Load().find(h, name, msg)
	if e != nil && e.last.Load() < at {
		e.last.Store(at)
	}
	return e
}

func (ix *floodIndex) find(h uint64, name, msg string) *floodEntry {
	b := ix.buckets[h&uint64(len(ix.buckets)-1)].Load()
	if b == nil {
		return nil
	}
	for _, e := range *b {
		if e.hash == h && e.name == name && e.msg == msg {
			return e
		}
	}
	return nil
}

// insert returns the entry of the key (name, msg), adding it if it is not
// there yet, with the logger name owner, used at time at and, with never, a
// token count instead of a time. gone is the count of the entry forgotten
// to make room.
func (t *floodTable) insert(h uint64, name, msg, owner string, never bool, at int64) (e *floodEntry, gone floodHarvest) {
	t.mu.Lock()
	defer t.mu.Unlock()
	ix := t.index.Load()
	if e := ix.find(h, name, msg); e != nil {
		return e, gone
	}
	e = &floodEntry{hash: h, name: name, msg: msg, owner: owner}
	e.last.Store(at)
	if !never {
		e.tat.Store(math.MinInt64)
	}
	if len(t.ring) < t.max {
		t.ring = append(t.ring, e)
	} else {
		victim := t.hand
		for i := 1; i < min(evictSample, len(t.ring)); i++ {
			j := (t.hand + i) % len(t.ring)
			if t.ring[j].last.Load() < t.ring[victim].last.Load() {
				victim = j
			}
		}
		old := t.ring[victim]
		gone, _ = old.take(true)
		ix.remove(old)
		t.ring[victim] = e
		t.hand = (victim + 1) % len(t.ring)
	}
	if len(t.ring) > len(ix.buckets) && len(ix.buckets) < ceilPow2(t.max) {
		t.grow(2 * len(ix.buckets)) // with e, which the ring holds
	} else {
		ix.add(e)
	}
	return e, gone
}

// intern returns the entry of the logger name name, adding it if needed,
// used at time at: a string kept once, for DuplicateFilter.
func (t *floodTable) intern(name string, at int64) *floodEntry {
	h := t.hash(name, "")
	if e := t.lookup(h, name, "", at); e != nil {
		return e
	}
	e, _ := t.insert(h, name, "", name, true, at)
	return e
}

// drain takes the counts of every entry, for Flush.
func (t *floodTable) drain() []floodHarvest {
	t.mu.Lock()
	ring := append([]*floodEntry(nil), t.ring...)
	t.mu.Unlock()
	var gs []floodHarvest
	for _, e := range ring {
		if g, ok := e.harvest(); ok {
			gs = append(gs, g)
		}
	}
	return gs
}

// grow replaces the index by one of n buckets that holds the entries of
// the ring. t.mu must be held.
func (t *floodTable) grow(n int) {
	ix := &floodIndex{buckets: make([]atomic.Pointer[[]*floodEntry], n)}
	for _, e := range t.ring {
		ix.add(e)
	}
	t.index.Store(ix)
}

// add puts e in its bucket. The table's mu must be held.
func (ix *floodIndex) add(e *floodEntry) {
	p := &ix.buckets[e.hash&uint64(len(ix.buckets)-1)]
	var b []*floodEntry
	if old := p.Load(); old != nil {
		b = append(b, *old...)
	}
	b = append(b, e)
	p.Store(&b)
}

// remove takes e out of its bucket. The table's mu must be held.
func (ix *floodIndex) remove(e *floodEntry) {
	p := &ix.buckets[e.hash&uint64(len(ix.buckets)-1)]
	old := p.Load()
	if old == nil {
		return
	}
	b := make([]*floodEntry, 0, len(*old))
	for _, x := range *old {
		if x != e {
			b = append(b, x)
		}
	}
	p.Store(&b)
}

// ceilPow2 returns the least power of 2 that is at least n (and at least 1).
func ceilPow2(n int) int {
	p := 1
	for p < n {
		p *= 2
	}
	return p
}

// satAdd and satSub are a+b and a-b, saturated at the bounds of int64.
func satAdd(a, b int64) int64 {
	s := a + b
	if (s > a) != (b > 0) {
		if b > 0 {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	return s
}

func satSub(a, b int64) int64 {
	if b == math.MinInt64 {
		if a >= 0 {
			return math.MaxInt64
		}
		return a - b
	}
	return satAdd(a, -b)
}

// bindFilter returns what to add to the handler h, or to the logger l, for
// f: a flood filter bound to it, so that its summaries go through it, or
// any other filter as it is. Configure calls it.
func bindFilter(f Filter, h Handler, l *Logger) Filter {
	to := floodTarget{h: h, l: l}
	switch x := f.(type) {
	case *RateLimitFilter:
		return &rateLimitOn{x, to}
	case *DuplicateFilter:
		return &duplicateOn{x, to}
	}
	return f
}

// bindFilters is bindFilter over a logger's filters.
func bindFilters(fs []Filter, l *Logger) []Filter {
	out := make([]Filter, len(fs))
	for i, f := range fs {
		out[i] = bindFilter(f, nil, l)
	}
	return out
}

// flusher is a flood filter's Flush.
type flusher interface{ Flush() }

// floodOf returns the flood filter f is or is bound from.
func floodOf(f Filter) (flusher, bool) {
	switch x := f.(type) {
	case *RateLimitFilter:
		return x, true
	case *DuplicateFilter:
		return x, true
	case *rateLimitOn:
		return x.f, true
	case *duplicateOn:
		return x.f, true
	}
	return nil, false
}

// A floodFlusher reports the floods that flood filters hold open when
// Shutdown or the next configuration closes the handlers of the
// configuration that made it: Configure puts one after the handlers of a
// configuration with flood filters, so that it is flushed before them
// (handlers close newest first). It handles no record.
type floodFlusher struct {
	filters []flusher // the flood filters of the configuration's handlers
}

// newFloodFlusher returns the floodFlusher of c, or nil if c has no flood
// filter.
func newFloodFlusher(c *Config) Handler {
	var fs []flusher
	onLoggers := false
	for _, hc := range c.Handlers {
		for _, f := range hc.Filters {
			if x, ok := floodOf(f); ok {
				fs = append(fs, x)
			}
		}
	}
	for _, lc := range append(c.Loggers, rootConfig(c)...) {
		for _, f := range lc.Filters {
			if _, ok := floodOf(f); ok {
				onLoggers = true
			}
		}
	}
	if len(fs) == 0 && !onLoggers {
		return nil
	}
	return &floodFlusher{filters: fs}
}

// Handle implements Handler; no logger sends records to a floodFlusher.
func (*floodFlusher) Handle(*Record) bool { return false }

// Level implements Handler.
func (*floodFlusher) Level() Level { return NOTSET }

// SetLevel implements Handler.
func (*floodFlusher) SetLevel(Level) {}

// Flush reports the open floods of the configuration's handler filters,
// then of every logger's filters (a logger keeps its filters across
// configurations), the root's first and the others by name.
func (fl *floodFlusher) Flush() error {
	fs := append([]flusher(nil), fl.filters...)
	tree.mu.RLock()
	loggers := []*Logger{tree.root}
	for _, l := range tree.loggers {
		loggers = append(loggers, l)
	}
	slices.SortFunc(loggers[1:], func(a, b *Logger) int { return strings.Compare(a.name, b.name) })
	for _, l := range loggers {
		for _, f := range l.filters {
			if x, ok := floodOf(f); ok {
				fs = append(fs, x)
			}
		}
	}
	tree.mu.RUnlock()
	done := map[flusher]bool{}
	for _, f := range fs {
		if !done[f] {
			done[f] = true
			f.Flush()
		}
	}
	return nil
}

// Close implements Handler.
func (*floodFlusher) Close() error { return nil }
