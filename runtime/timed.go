package runtime

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// TimedRotatingOptions configures a TimedRotatingFileHandler; the fields are
// the keyword arguments of Python's logging.handlers.TimedRotatingFileHandler
// (which has no mode: the file is always opened for appending).
type TimedRotatingOptions struct {
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
type TimedRotatingFileHandler struct {
	HandlerBase
	path       string
	when       string // upper case, as Python keeps it
	interval   int64  // seconds
	backups    int
	delay      bool
	utc        bool
	atTime     int64 // seconds after midnight, or -1 for none
	dayOfWeek  int   // 0 is Monday
	suffix     string
	extMatch   *regexp.Regexp
	loc        *time.Location // the local zone: time.Local, or another in tests
	rolloverAt int64
	f          *os.File
}

// NewTimedRotatingFileHandler returns a TimedRotatingFileHandler, opening the
// file now unless o.Delay is set.
func NewTimedRotatingFileHandler(o TimedRotatingOptions) (*TimedRotatingFileHandler, error) {
	return newTimedRotatingFileHandler(o, time.Local)
}

func newTimedRotatingFileHandler(o TimedRotatingOptions, loc *time.Location) (*TimedRotatingFileHandler, error) {
	if !utf8Encoding(o.Encoding) {
		return nil, fmt.Errorf("unsupported encoding %q: loggen writes UTF-8", o.Encoding)
	}
	if o.When == "" {
		o.When = "h"
	}
	if o.Interval == 0 {
		o.Interval = 1
	}
	if o.Interval < 0 {
		return nil, fmt.Errorf("invalid rollover interval %d: must be positive", o.Interval)
	}
	h := &TimedRotatingFileHandler{when: strings.ToUpper(o.When), backups: o.BackupCount,
		delay: o.Delay, utc: o.UTC, atTime: -1, loc: loc}
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
		secs, err := ParseTimeOfDay(o.AtTime)
		if err != nil {
			return nil, err
		}
		h.atTime = int64(secs)
	}
	path, err := filepath.Abs(o.Filename)
	if err != nil {
		return nil, err
	}
	h.path = path
	if !o.Delay {
		if h.f, err = openLogFile(path, "a"); err != nil {
			return nil, err
		}
	}
	// Python stats the file after FileHandler.__init__ has opened it.
	var t int64
	if fi, err := os.Stat(path); err == nil {
		t = fi.ModTime().Unix()
	} else {
		t = now().Unix()
	}
	h.rolloverAt = h.computeRollover(t)
	return h, nil
}

// ParseTimeOfDay parses "HH:MM" or "HH:MM:SS" (24-hour, two digits each)
// and returns the seconds after midnight. It is how loggen spells the
// atTime of a TimedRotatingFileHandler, for which Python takes a
// datetime.time.
func ParseTimeOfDay(s string) (int, error) {
	parts := strings.Split(s, ":")
	bad := fmt.Errorf("invalid time of day %q: expected HH:MM or HH:MM:SS", s)
	if len(parts) != 2 && len(parts) != 3 {
		return 0, bad
	}
	limits := []int{23, 59, 59}
	secs := 0
	for i, p := range parts {
		if len(p) != 2 || p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' {
			return 0, bad
		}
		n, _ := strconv.Atoi(p)
		if n > limits[i] {
			return 0, bad
		}
		secs = secs*60 + n
	}
	if len(parts) == 2 {
		secs *= 60
	}
	return secs, nil
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

// Handle implements Handler.
func (h *TimedRotatingFileHandler) Handle(r *Record) bool {
	b, passed, ok := h.Prepare(r, "\n")
	if !ok {
		return passed
	}
	// Python's int(time.time()), taken from the record.
	t := int64(r.Created())
	h.Mu.Lock()
	defer h.Mu.Unlock()
	if err := h.emit(t, b); err != nil {
		HandleError(h.Name, r, err)
	}
	return true
}

func (h *TimedRotatingFileHandler) emit(t int64, b []byte) error {
	if h.shouldRollover(t) {
		if err := h.rollover(t); err != nil {
			return err
		}
	}
	if h.f == nil {
		f, err := openLogFile(h.path, "a")
		if err != nil {
			return err
		}
		h.f = f
	}
	_, err := h.f.Write(b)
	return err
}

// shouldRollover is Python's shouldRollover.
func (h *TimedRotatingFileHandler) shouldRollover(t int64) bool {
	if t < h.rolloverAt {
		return false
	}
	// Never roll over anything other than a regular file (gh-89564).
	if fi, err := os.Stat(h.path); err == nil && !fi.Mode().IsRegular() {
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
// time in whole seconds.
func (h *TimedRotatingFileHandler) rollover(currentTime int64) error {
	if h.f != nil {
		h.f.Close()
		h.f = nil
	}
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
	dfn := h.path + "." + h.strftime(tt)
	if exists(dfn) {
		if err := os.Remove(dfn); err != nil {
			return err
		}
	}
	if exists(h.path) {
		if err := os.Rename(h.path, dfn); err != nil {
			return err
		}
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
	if !h.delay {
		f, err := openLogFile(h.path, "a")
		if err != nil {
			return err
		}
		h.f = f
	}
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
	return nil
}

// filesToDelete is Python's getFilesToDelete (without a namer): the rotated
// files of this log, oldest first by name, past the newest BackupCount.
func (h *TimedRotatingFileHandler) filesToDelete() ([]string, error) {
	dirName, baseName := filepath.Split(h.path)
	dirName = filepath.Clean(dirName)
	entries, err := os.ReadDir(dirName)
	if err != nil {
		return nil, err
	}
	n, _ := pySplitext(baseName)
	prefix := n + "."
	var result []string
	for _, e := range entries {
		fileName := e.Name()
		if !strings.HasPrefix(fileName, baseName) || !strings.HasPrefix(fileName, prefix) {
			continue
		}
		for _, part := range strings.Split(fileName[len(prefix):], ".") {
			if h.extMatch.MatchString(part) {
				result = append(result, filepath.Join(dirName, fileName))
				break
			}
		}
	}
	if len(result) < h.backups {
		return nil, nil
	}
	sort.Strings(result)
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

// Flush does nothing: records are written as they come.
func (h *TimedRotatingFileHandler) Flush() error { return nil }

// Close closes the file; a later record reopens it, as in Python.
func (h *TimedRotatingFileHandler) Close() error {
	h.Mu.Lock()
	defer h.Mu.Unlock()
	if h.f == nil {
		return nil
	}
	err := h.f.Close()
	h.f = nil
	return err
}
