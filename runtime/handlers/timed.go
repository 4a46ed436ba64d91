package handlers

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// TimedRotatingFileOptions configures a TimedRotatingFileHandler; the fields are
// the keyword arguments of Python's logging.handlers.TimedRotatingFileHandler
// (which has no mode: the file is always opened for appending).
type TimedRotatingFileOptions struct {
	Filename string
	// When is S, M, H, D, midnight or W0 … W6 (W0 is Monday), in any case;
	// "" means "h", Python's default.
	When string
	// Interval is the number of Whens between rollovers; 0 means 1, the
	// default. (For midnight and W0 … W6 Python ignores it after the first
	// rollover time is computed: see computeRollover.)
	Interval int
	// BackupCount keeps the newest N rotated files; 0 keeps them all.
	BackupCount int
	Encoding    string // "" or "utf-8"
	Delay       bool
	// UTC computes rollover times and suffixes in UTC instead of local time.
	UTC bool
	// AtTime is the time of day of midnight and weekly rollovers, "HH:MM" or
	// "HH:MM:SS" (Python takes a datetime.time); "" means midnight.
	AtTime string

	// MaxBytes (a loggen extension) also rolls the file over by size,
	// where RotatingFileHandler would, whichever comes first. Every
	// rotated file is then numbered within its interval, oldest first:
	// app.log.2026-12-07.1, app.log.2026-12-07.2 ….
	MaxBytes int64
	// Compress (a loggen extension) is "" or CompressGzip: rotated files
	// are compressed in the background and named as CPython's cookbook
	// namer names them, app.log.2026-12-07.gz. Until its archive is
	// written, a rotated file has CPython's name. Close waits for the
	// compression. At start-up, rotated files that are not compressed
	// are compressed.
	Compress string
	// MaxAge (a loggen extension) deletes rotated files last written more
	// than MaxAge ago (by the runtime's clock), after every rollover and
	// at start-up; 0 keeps them.
	MaxAge time.Duration
	// MaxTotalSize (a loggen extension) deletes the oldest rotated files
	// while the rotated files take more than MaxTotalSize bytes together,
	// after every rollover and at start-up; 0 means no limit.
	MaxTotalSize int64

	hooks *archiveHooks // tests only
}

// A TimedRotatingFileHandler writes to a file and rolls it over at timed
// intervals exactly as Python 3.11's TimedRotatingFileHandler does: the
// rollover times (aligned on midnight, atTime and the weekday for midnight
// and W0 … W6, and corrected for DST changes in local time), the suffix of
// the rotated file (app.log.2024-01-03, named for the start of the interval
// that ends), and the deletion of the oldest rotated files past BackupCount.
//
// The clock is the runtime's (SetClock): the first rollover time counts from
// the file's modification time if the file exists, else from now(); after
// that the handler compares each record's creation time with the rollover
// time. Python 3.11 reads time.time() in shouldRollover and doRollover
// instead; the two agree except for records created long before they reach
// the handler (as from a MemoryHandler).
//
// With MaxBytes, Compress, MaxAge or MaxTotalSize (loggen's extensions) it
// also rolls over by size, and a goroutine of the handler compresses the
// rotated files and applies the retention rules after each rollover and
// once at start-up; a record never waits for it, and Close waits for it to
// finish.
type TimedRotatingFileHandler struct {
	*logging.FileHandler
	when       string // upper case, as Python keeps it
	interval   int64  // seconds
	backups    int
	utc        bool
	atTime     int64 // seconds after midnight, or -1 for none
	dayOfWeek  int   // 0 is Monday
	suffix     string
	extMatch   *regexp.Regexp
	loc        *time.Location // the local zone: time.Local, or another in tests
	rolloverAt int64          // guarded by the handler's lock
	maxBytes   int64
	st         *logState
	arch       *archiver // nil without loggen's extensions
}

// NewTimedRotatingFileHandler returns a TimedRotatingFileHandler, opening the
// file now unless o.Delay is set.
func NewTimedRotatingFileHandler(o TimedRotatingFileOptions) (*TimedRotatingFileHandler, error) {
	return newTimedRotatingFileHandler(o, time.Local)
}

func newTimedRotatingFileHandler(o TimedRotatingFileOptions, loc *time.Location) (*TimedRotatingFileHandler, error) {
	if o.When == "" {
		o.When = "h"
	}
	if o.Interval == 0 {
		o.Interval = 1
	}
	if o.Interval < 0 {
		return nil, fmt.Errorf("invalid rollover interval %d: must be positive", o.Interval)
	}
	if o.MaxBytes < 0 {
		return nil, fmt.Errorf("negative maximum size %d", o.MaxBytes)
	}
	if err := validateArchiveOptions(o.Compress, o.MaxAge, o.MaxTotalSize); err != nil {
		return nil, err
	}
	h := &TimedRotatingFileHandler{when: strings.ToUpper(o.When), backups: o.BackupCount,
		utc: o.UTC, atTime: -1, loc: loc, maxBytes: o.MaxBytes}
	var ext string
	switch {
	case h.when == "S":
		h.interval, h.suffix, ext = 1, "%Y-%m-%d_%H-%M-%S", `\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}`
	case h.when == "M":
		h.interval, h.suffix, ext = 60, "%Y-%m-%d_%H-%M", `\d{4}-\d{2}-\d{2}_\d{2}-\d{2}`
	case h.when == "H":
		h.interval, h.suffix, ext = 3600, "%Y-%m-%d_%H", `\d{4}-\d{2}-\d{2}_\d{2}`
	case h.when == "D" || h.when == "MIDNIGHT":
		h.interval, h.suffix, ext = 86400, "%Y-%m-%d", `\d{4}-\d{2}-\d{2}`
	case strings.HasPrefix(h.when, "W"):
		if len(h.when) != 2 {
			return nil, fmt.Errorf("you must specify a day for weekly rollover from 0 to 6 (0 is Monday): %s", h.when)
		}
		if h.when[1] < '0' || h.when[1] > '6' {
			return nil, fmt.Errorf("invalid day specified for weekly rollover: %s", h.when)
		}
		h.dayOfWeek = int(h.when[1] - '0')
		h.interval, h.suffix, ext = 7*86400, "%Y-%m-%d", `\d{4}-\d{2}-\d{2}`
	default:
		return nil, fmt.Errorf("invalid rollover interval specified: %s", h.when)
	}
	// Python's re.match(r"^…(\.\w+)?$", re.ASCII): $ also matches before a
	// final newline.
	h.extMatch = regexp.MustCompile(`^` + ext + `(\.\w+)?\n?\z`)
	h.interval *= int64(o.Interval)
	if o.AtTime != "" {
		secs, ok := pyfmt.ParseTimeOfDay(o.AtTime)
		if !ok {
			return nil, fmt.Errorf("invalid time of day %q: expected HH:MM or HH:MM:SS", o.AtTime)
		}
		h.atTime = int64(secs)
	}
	// Python's constructor has no mode: the file is always appended to.
	fh, err := logging.NewFileHandlerWithHook(logging.FileOptions{
		Filename: o.Filename, Mode: "a", Encoding: o.Encoding, Delay: o.Delay,
	}, h)
	if err != nil {
		return nil, err
	}
	h.FileHandler = fh
	// Python stats the file after FileHandler.__init__ has opened it.
	var t int64
	if fi, err := os.Stat(fh.Path()); err == nil {
		t = fi.ModTime().Unix()
	} else {
		t = logging.Now().Unix()
	}
	h.rolloverAt = h.computeRollover(t)
	h.st = stateOf(fh.Path())
	h.arch = newArchiver(h.st, o.Compress, o.MaxAge, o.MaxTotalSize, o.hooks)
	if a := h.arch; a != nil {
		a.archives = h.rotatedFiles
		if a.compress {
			a.catchUp = h.catchUp
			a.trim = h.trim
		}
		// Start-up: finish what a previous run left, apply retention.
		a.request("")
	}
	return h, nil
}

// Close closes the file and waits for the compression and retention work
// under way.
func (h *TimedRotatingFileHandler) Close() error {
	err := h.FileHandler.Close()
	if h.arch != nil {
		h.arch.wait()
	}
	return err
}

// zone returns the zone rollover times are computed in: UTC or local time.
func (h *TimedRotatingFileHandler) zone() *time.Location {
	if h.utc {
		return time.UTC
	}
	return h.loc
}

// isDST is time.localtime(t).tm_isdst.
func (h *TimedRotatingFileHandler) isDST(t int64) bool {
	return time.Unix(t, 0).In(h.loc).IsDST()
}

// computeRollover is Python's computeRollover.
func (h *TimedRotatingFileHandler) computeRollover(currentTime int64) int64 {
	result := currentTime + h.interval
	if h.when != "MIDNIGHT" && !strings.HasPrefix(h.when, "W") {
		return result
	}
	t := time.Unix(currentTime, 0).In(h.zone())
	currentDay := (int(t.Weekday()) + 6) % 7 // 0 is Monday
	rotateTS := int64(86400)
	if h.atTime >= 0 {
		rotateTS = h.atTime
	}
	r := rotateTS - int64((t.Hour()*60+t.Minute())*60+t.Second())
	if r < 0 {
		r += 86400
		currentDay = (currentDay + 1) % 7
	}
	result = currentTime + r
	if strings.HasPrefix(h.when, "W") {
		day := currentDay
		if day != h.dayOfWeek {
			var daysToWait int
			if day < h.dayOfWeek {
				daysToWait = h.dayOfWeek - day
			} else {
				daysToWait = 6 - day + h.dayOfWeek + 1
			}
			newRolloverAt := result + int64(daysToWait)*86400
			if !h.utc {
				dstNow := t.IsDST()
				if dstNow != h.isDST(newRolloverAt) {
					if !dstNow {
						newRolloverAt -= 3600
					} else {
						newRolloverAt += 3600
					}
				}
			}
			result = newRolloverAt
		}
	}
	return result
}

// BeforeWrite implements FileHook: Python's shouldRollover and
// doRollover, with the record's creation time for Python's
// int(time.time()).
func (h *TimedRotatingFileHandler) BeforeWrite(f logging.LogFile, r *logging.Record, line []byte) error {
	t := int64(r.Created())
	if h.shouldRollover(f.Path(), t) {
		return h.rollover(f, t, false)
	}
	if h.maxBytes > 0 {
		full, err := h.full(f, line)
		if err != nil || !full {
			return err
		}
		return h.rollover(f, t, true)
	}
	return nil
}

// full reports whether writing line would take the file to MaxBytes, by
// RotatingFileHandler's rule.
func (h *TimedRotatingFileHandler) full(f logging.LogFile, line []byte) (bool, error) {
	if fi, err := os.Stat(f.Path()); err == nil && !fi.Mode().IsRegular() {
		return false, nil
	}
	file, err := f.Open()
	if err != nil {
		return false, err
	}
	size, err := file.Seek(0, io.SeekEnd)
	if err != nil {
		return false, err
	}
	return size+int64(utf8.RuneCount(line)) >= h.maxBytes, nil
}

// shouldRollover is Python's shouldRollover.
func (h *TimedRotatingFileHandler) shouldRollover(path string, t int64) bool {
	if t < h.rolloverAt {
		return false
	}
	// Never roll over anything other than a regular file (gh-89564).
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		h.rolloverAt = h.computeRollover(t)
		return false
	}
	return true
}

// strftime formats t with the handler's suffix, one of Python's
// %Y-%m-%d_%H-%M-%S family.
func (h *TimedRotatingFileHandler) strftime(t time.Time) string {
	s := fmt.Sprintf("%d-%02d-%02d", t.Year(), int(t.Month()), t.Day())
	switch h.when {
	case "S":
		s += fmt.Sprintf("_%02d-%02d-%02d", t.Hour(), t.Minute(), t.Second())
	case "M":
		s += fmt.Sprintf("_%02d-%02d", t.Hour(), t.Minute())
	case "H":
		s += fmt.Sprintf("_%02d", t.Hour())
	}
	return s
}

// rollover is Python's doRollover; currentTime is the record's creation
// time in whole seconds. The write that follows opens the new file. A
// rollover by size (bySize) names the file for the interval under way and
// leaves the next rollover time as it is.
func (h *TimedRotatingFileHandler) rollover(f logging.LogFile, currentTime int64, bySize bool) error {
	f.Close()
	path := f.Path()
	dstNow := h.isDST(currentTime)
	t := h.rolloverAt - h.interval
	var tt time.Time
	if h.utc {
		tt = time.Unix(t, 0).UTC()
	} else {
		tt = time.Unix(t, 0).In(h.loc)
		if dstThen := tt.IsDST(); dstNow != dstThen {
			addend := int64(-3600)
			if dstNow {
				addend = 3600
			}
			tt = time.Unix(t+addend, 0).In(h.loc)
		}
	}
	if err := h.rotate(path, h.strftime(tt)); err != nil {
		return err
	}
	if h.arch != nil && h.arch.compress {
		// The archiver compresses the file and deletes what BackupCount
		// drops.
		h.arch.request(h.Name)
		if !bySize {
			h.advance(currentTime, dstNow)
		}
		return nil
	}
	if h.backups > 0 {
		old, err := h.filesToDelete()
		if err != nil {
			return err
		}
		for _, s := range old {
			if err := os.Remove(s); err != nil {
				return err
			}
		}
	}
	if h.arch != nil {
		h.arch.request(h.Name)
	}
	if !bySize {
		h.advance(currentTime, dstNow)
	}
	return nil
}

// rotate renames the log file to its name with suffix (and a number within
// the interval, with MaxBytes), as CPython does without a namer: an older
// file of that name is replaced. (A compressing handler's archiver adds the
// namer's ".gz".)
func (h *TimedRotatingFileHandler) rotate(path, suffix string) error {
	h.st.dir.Lock()
	defer h.st.dir.Unlock()
	dfn := path + "." + suffix
	if h.maxBytes > 0 {
		dfn += "." + strconv.Itoa(h.nextIndex(dfn))
	}
	if h.arch == nil || !h.arch.compress {
		if exists(dfn) {
			if err := os.Remove(dfn); err != nil {
				return err
			}
		}
	}
	if exists(path) {
		return os.Rename(path, dfn)
	}
	return nil
}

// nextIndex returns the number of the next rotated file named stem.N of a
// size-and-time handler: one more than the highest found, rotated or
// compressed. h.st.dir must be held.
func (h *TimedRotatingFileHandler) nextIndex(stem string) int {
	if stem == h.st.stem {
		h.st.index++
		return h.st.index
	}
	n := 0
	dir, base := filepath.Split(stem)
	if entries, err := os.ReadDir(filepath.Clean(dir)); err == nil {
		for _, e := range entries {
			rest, ok := strings.CutPrefix(e.Name(), base+".")
			if !ok {
				continue
			}
			rest = strings.TrimSuffix(strings.TrimSuffix(rest, partSuffix), ".gz")
			if k, err := strconv.Atoi(rest); err == nil && k > n {
				n = k
			}
		}
	}
	h.st.stem, h.st.index = stem, n+1
	return h.st.index
}

// advance computes the next rollover time after a rollover at
// currentTime, as the end of CPython's doRollover does.
func (h *TimedRotatingFileHandler) advance(currentTime int64, dstNow bool) {
	newRolloverAt := h.computeRollover(currentTime)
	for newRolloverAt <= currentTime {
		newRolloverAt += h.interval
	}
	// If DST changes and midnight or weekly rollover, adjust for this.
	if (h.when == "MIDNIGHT" || strings.HasPrefix(h.when, "W")) && !h.utc {
		if dstNow != h.isDST(newRolloverAt) {
			if !dstNow {
				newRolloverAt -= 3600
			} else {
				newRolloverAt += 3600
			}
		}
	}
	h.rolloverAt = newRolloverAt
}

// filesToDelete is Python's getFilesToDelete: the rotated files of this
// log, oldest first by name, past the newest BackupCount. (Numbers of a
// size-and-time handler's files compare as numbers.)
func (h *TimedRotatingFileHandler) filesToDelete() ([]string, error) {
	result, err := h.rotatedNames(false)
	if err != nil {
		return nil, err
	}
	if len(result) < h.backups {
		return nil, nil
	}
	return result[:len(result)-h.backups], nil
}

// pySplitext is Python's os.path.splitext for a base name: leading dots do
// not start an extension.
func pySplitext(base string) (root, ext string) {
	i := strings.LastIndexByte(base, '.')
	if i <= 0 || strings.TrimLeft(base[:i], ".") == "" {
		return base, ""
	}
	return base[:i], base[i:]
}
