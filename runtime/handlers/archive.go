package handlers

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	logging "github.com/loggen/loggen/runtime"
)

// This file holds loggen's extensions of the rotating handlers, which
// CPython offers only as a cookbook recipe (a namer and a rotator): rotated
// files compressed with gzip off the caller's path, and retention of
// rotated files by age and by total size.
//
// A compressing handler's rollover only renames the log file to a staging
// name, which takes no longer than CPython's own rename; a goroutine of
// the handler then compresses the staged files, oldest first, and applies
// the retention rules. Each archive is written to a temporary name ending
// in ".gz.part", synced, and renamed into place only after the staged
// file is gone, so that a crash at any point leaves either the rotated
// file or the finished archive (never neither, never both): the handler
// finishes what it finds at start-up.

// CompressGzip is the value of the Compress option that compresses rotated
// files with gzip, naming them as CPython's cookbook namer does
// (app.log.1.gz, app.log.2026-12-07.gz).
const CompressGzip = "gzip"

// partSuffix ends the name of an archive being written.
const partSuffix = ".gz.part"

// archiveHooks let tests fail or stop an archiver between its steps.
type archiveHooks struct {
	// wrap wraps the writer of each archive (a full disk).
	wrap func(io.Writer) io.Writer
	// step is called after each step of a job, with its name: "compressed",
	// "removed", "shifted" or "published" (a crash).
	step func(string)
}

// An archiver runs the background work of one rotating handler: compress
// what has been rotated, in order, then apply the retention rules. Jobs
// asked for while one runs are done once, after it.
type archiver struct {
	compress bool
	maxAge   time.Duration
	maxTotal int64
	hooks    archiveHooks

	// catchUp compresses every staged file, oldest first (nil when the
	// handler does not compress); archives lists the rotated files that
	// retention considers, newest first; trim deletes the rotated files
	// past the handler's backup count, when that is the archiver's job.
	catchUp  func() error
	archives func() ([]fileInfo, error)
	trim     func() error

	st *logState

	mu      sync.Mutex
	idle    sync.Cond // signalled when running becomes false
	running bool
	again   bool   // a job was asked for since the current one started
	name    string // the handler's name for reports, as of the last request
}

// A logState is what the handlers of one log file share in a process.
// Two exist at once while Configure replaces a configuration (it makes the
// new handlers before it closes the old ones): their archivers take turns,
// and they number rotated files from the same counters.
type logState struct {
	// work is held by an archiver's job.
	work sync.Mutex
	// dir is held while a handler names and renames a rotated file, and
	// while an archiver removes a rotated file it has compressed.
	dir sync.Mutex
	// Under dir: the last staging number of a compressing
	// RotatingFileHandler (0: not read from the directory yet), and the
	// interval and number of a size-and-time handler's last rotated file.
	seq   int64
	stem  string
	index int
}

// logStates are the logStates by absolute path of the log file.
var logStates struct {
	sync.Mutex
	m map[string]*logState
}

// stateOf returns the logState of the log file path.
func stateOf(path string) *logState {
	logStates.Lock()
	defer logStates.Unlock()
	if logStates.m == nil {
		logStates.m = map[string]*logState{}
	}
	st := logStates.m[path]
	if st == nil {
		st = &logState{}
		logStates.m[path] = st
	}
	return st
}

// A fileInfo is a rotated file, with what retention reads of it.
type fileInfo struct {
	path  string
	size  int64
	mtime time.Time
}

// validateArchiveOptions checks the options the rotating handlers share.
func validateArchiveOptions(compress string, maxAge time.Duration, maxTotal int64) error {
	if compress != "" && compress != CompressGzip {
		return fmt.Errorf("unsupported compression %q: loggen compresses with %q", compress, CompressGzip)
	}
	if maxAge < 0 {
		return fmt.Errorf("negative maximum age %v", maxAge)
	}
	if maxTotal < 0 {
		return fmt.Errorf("negative maximum total size %d", maxTotal)
	}
	return nil
}

// newArchiver returns an archiver, or nil when the options ask for none of
// its work.
func newArchiver(st *logState, compress string, maxAge time.Duration, maxTotal int64, hooks *archiveHooks) *archiver {
	if compress == "" && maxAge == 0 && maxTotal == 0 {
		return nil
	}
	a := &archiver{st: st, compress: compress != "", maxAge: maxAge, maxTotal: maxTotal}
	if hooks != nil {
		a.hooks = *hooks
	}
	a.idle.L = &a.mu
	return a
}

// request asks for a job: compress what is staged and apply retention.
// It never waits. name is the handler's name, for reports.
func (a *archiver) request(name string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.again = true
	a.name = name
	if !a.running {
		a.running = true
		go a.run()
	}
}

// run does the jobs asked for until none is left.
func (a *archiver) run() {
	for {
		a.mu.Lock()
		if !a.again {
			a.running = false
			a.idle.Broadcast()
			a.mu.Unlock()
			return
		}
		a.again = false
		name := a.name
		a.mu.Unlock()
		a.work(name)
	}
}

// wait returns when no job runs or is asked for.
func (a *archiver) wait() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for a.running {
		a.idle.Wait()
	}
}

// work is one job. Failures are reported and the job goes on where it
// can: a file that could not be compressed stays as it was rotated, and
// the next job (the next rollover, or the next start) tries again.
func (a *archiver) work(name string) {
	a.st.work.Lock()
	defer a.st.work.Unlock()
	if a.catchUp != nil {
		if err := a.catchUp(); err != nil {
			logging.ReportError(name, fmt.Errorf("%w (the rotated file is kept; loggen compresses it at the next rollover or start)", err))
		}
	}
	if a.trim != nil {
		if err := a.trim(); err != nil {
			logging.ReportError(name, err)
		}
	}
	if err := a.retain(); err != nil {
		logging.ReportError(name, err)
	}
}

// step tells the test hook that a step is done.
func (a *archiver) step(s string) {
	if a.hooks.step != nil {
		a.hooks.step(s)
	}
}

// retain deletes the rotated files older than maxAge, and the oldest
// rotated files while their total size is above maxTotal.
func (a *archiver) retain() error {
	if a.maxAge == 0 && a.maxTotal == 0 {
		return nil
	}
	files, err := a.archives()
	if err != nil {
		return fmt.Errorf("retention: %w", err)
	}
	now := logging.Now()
	var kept int64
	over := false
	var errs []string
	for _, f := range files {
		del := a.maxAge > 0 && now.Sub(f.mtime) > a.maxAge
		if a.maxTotal > 0 && !del {
			if over || kept+f.size > a.maxTotal {
				over, del = true, true
			} else {
				kept += f.size
			}
		}
		if del {
			if err := os.Remove(f.path); err != nil && !os.IsNotExist(err) {
				errs = append(errs, err.Error())
			}
		}
	}
	if errs != nil {
		return fmt.Errorf("retention: %s", strings.Join(errs, "; "))
	}
	return nil
}

// gzipTo compresses src into tmp, synced, with src's modification time;
// name is the name the gzip header records (what gzip -N restores). On
// failure tmp is removed and src is left as it is.
func (a *archiver) gzipTo(src, tmp, name string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("compressing %s: %w", src, err)
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return fmt.Errorf("compressing %s: %w", src, err)
	}
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fi.Mode().Perm())
	if err != nil {
		return fmt.Errorf("compressing %s: %w", src, err)
	}
	defer func() {
		if out != nil {
			out.Close()
		}
		if err != nil {
			os.Remove(tmp)
		}
	}()
	var w io.Writer = out
	if a.hooks.wrap != nil {
		w = a.hooks.wrap(out)
	}
	zw := gzip.NewWriter(w)
	zw.Name = name
	zw.ModTime = fi.ModTime()
	if _, err := io.Copy(zw, in); err != nil {
		return fmt.Errorf("compressing %s: %w", src, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("compressing %s: %w", src, err)
	}
	if err := out.Sync(); err != nil {
		return fmt.Errorf("compressing %s: %w", src, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("compressing %s: %w", src, err)
	}
	out = nil
	os.Chtimes(tmp, fi.ModTime(), fi.ModTime())
	return nil
}

// syncDir makes the renames in dir durable where the system allows it
// (not on Windows, where a directory cannot be synced).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// statAll returns a fileInfo of each path that exists, in order.
func statAll(paths []string) []fileInfo {
	var out []fileInfo
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			out = append(out, fileInfo{p, fi.Size(), fi.ModTime()})
		}
	}
	return out
}

// naturalKey pads every all-digit dot-separated part of s to 20 digits,
// so that names in the order of their keys order such parts as numbers:
// app.log.2026-12-07.9 before app.log.2026-12-07.10. Names of CPython's
// rotated files have no such parts after the base name, so their order is
// CPython's.
func naturalKey(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		if p != "" && strings.Trim(p, "0123456789") == "" && len(p) < 20 {
			parts[i] = strings.Repeat("0", 20-len(p)) + p
		}
	}
	return strings.Join(parts, ".")
}

// --- RotatingFileHandler

// stagedPrefix follows the log file's name in the staging name of a file
// rotated by a compressing RotatingFileHandler: app.log.rotated-7.
const stagedPrefix = ".rotated-"

// staged lists the staging sequence numbers found in dir for the log file
// path: those of staged files and of archives being written, ascending.
func rotatingStaged(path string) (seqs []int64, err error) {
	dir, base := filepath.Split(path)
	entries, err := os.ReadDir(filepath.Clean(dir))
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	prefix := base + stagedPrefix
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok {
			continue
		}
		rest = strings.TrimSuffix(rest, partSuffix)
		n, err := strconv.ParseInt(rest, 10, 64)
		if err != nil || n < 1 || strconv.FormatInt(n, 10) != rest || seen[n] {
			continue
		}
		seen[n] = true
		seqs = append(seqs, n)
	}
	slices.Sort(seqs)
	return seqs, nil
}

// stagedName is the staging name of the rotated file with sequence number n.
func (h *RotatingFileHandler) stagedName(n int64) string {
	return h.Path() + stagedPrefix + strconv.FormatInt(n, 10)
}

// catchUp compresses the staged files, oldest first, each into app.log.1.gz
// after shifting the archives as CPython's doRollover shifts them with the
// cookbook's namer (app.log.1.gz to app.log.2.gz …). For each file: write
// the archive as staged.gz.part and sync it, remove the staged file, shift,
// rename the archive to app.log.1.gz. A file found staged is compressed from
// the start; an archive found without its staged file is complete (the
// staged file is removed only after the archive is synced) and is only
// shifted in.
func (h *RotatingFileHandler) catchUp() error {
	seqs, err := rotatingStaged(h.Path())
	if err != nil {
		return err
	}
	path := h.Path()
	dir := filepath.Dir(path)
	for _, n := range seqs {
		src := h.stagedName(n)
		tmp := src + partSuffix
		if exists(src) {
			if err := h.arch.gzipTo(src, tmp, filepath.Base(path)+".1"); err != nil {
				return err
			}
			h.arch.step("compressed")
			if err := os.Remove(src); err != nil {
				os.Remove(tmp)
				return fmt.Errorf("compressing %s: %w", src, err)
			}
			syncDir(dir)
			h.arch.step("removed")
		}
		if err := h.shift(".gz"); err != nil {
			return err
		}
		h.arch.step("shifted")
		if err := os.Rename(tmp, path+".1.gz"); err != nil {
			return err
		}
		syncDir(dir)
		h.arch.step("published")
	}
	return nil
}

// shift is the renaming part of CPython's doRollover, with names that end
// in ext (as the cookbook's namer gives): app.log.N-1 to app.log.N …
// app.log.1 to app.log.2, and app.log.1 removed. Done again after a crash
// in the middle, it completes what the crash left.
func (h *RotatingFileHandler) shift(ext string) error {
	path := h.Path()
	backups := max(h.backups, 1)
	for i := backups - 1; i > 0; i-- {
		src, dst := fmt.Sprintf("%s.%d%s", path, i, ext), fmt.Sprintf("%s.%d%s", path, i+1, ext)
		if exists(src) {
			if exists(dst) {
				os.Remove(dst)
			}
			if err := os.Rename(src, dst); err != nil {
				return err
			}
		}
	}
	if dst := path + ".1" + ext; exists(dst) {
		return os.Remove(dst)
	}
	return nil
}

// rotatedFiles lists app.log.N and app.log.N.gz, newest (N = 1) first.
func (h *RotatingFileHandler) rotatedFiles() ([]fileInfo, error) {
	dir, base := filepath.Split(h.Path())
	dir = filepath.Clean(dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	type numbered struct {
		n    int64
		path string
	}
	var found []numbered
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), base+".")
		if !ok {
			continue
		}
		rest = strings.TrimSuffix(rest, ".gz")
		n, err := strconv.ParseInt(rest, 10, 64)
		if err != nil || n < 1 || strconv.FormatInt(n, 10) != rest {
			continue
		}
		found = append(found, numbered{n, filepath.Join(dir, e.Name())})
	}
	slices.SortFunc(found, func(a, b numbered) int {
		if a.n != b.n {
			return int(a.n - b.n)
		}
		return strings.Compare(a.path, b.path)
	})
	var paths []string
	for _, f := range found {
		paths = append(paths, f.path)
	}
	return statAll(paths), nil
}

// --- TimedRotatingFileHandler

// timedCatchUp compresses each rotated file that is not compressed yet
// (app.log.2026-12-07 into app.log.2026-12-07.gz), oldest first: the
// handler's rollover renames the log file to the name CPython gives it
// without a namer, and this adds the cookbook namer's ".gz". An archive
// found being written whose rotated file is gone is complete and is
// renamed into place. A rotated file that was replaced while it was being
// compressed (two rollovers to the same name, which CPython resolves by
// keeping the newer) is compressed again.
func (h *TimedRotatingFileHandler) catchUp() error {
	for range 3 {
		again, err := h.catchUpOnce()
		if err != nil || !again {
			return err
		}
	}
	return nil
}

func (h *TimedRotatingFileHandler) catchUpOnce() (again bool, err error) {
	names, err := h.rotatedNames(true)
	if err != nil {
		return false, err
	}
	dir := filepath.Dir(h.Path())
	for _, p := range names {
		switch {
		case strings.HasSuffix(p, partSuffix):
			src := strings.TrimSuffix(p, partSuffix)
			if exists(p) && !exists(src) {
				if err := os.Rename(p, src+".gz"); err != nil {
					return false, err
				}
				syncDir(dir)
			}
		case strings.HasSuffix(p, ".gz"):
		default:
			fi0, err := os.Stat(p)
			if err != nil {
				continue
			}
			tmp := p + partSuffix
			if err := h.arch.gzipTo(p, tmp, filepath.Base(p)); err != nil {
				return false, err
			}
			h.arch.step("compressed")
			h.st.dir.Lock()
			fi, err := os.Stat(p)
			if err == nil && os.SameFile(fi, fi0) {
				err = os.Remove(p)
			} else {
				// Replaced by a newer rotated file: compress that one.
				h.st.dir.Unlock()
				os.Remove(tmp)
				again = true
				continue
			}
			h.st.dir.Unlock()
			if err != nil {
				os.Remove(tmp)
				return false, fmt.Errorf("compressing %s: %w", p, err)
			}
			syncDir(dir)
			h.arch.step("removed")
			if err := os.Rename(tmp, p+".gz"); err != nil {
				return false, err
			}
			syncDir(dir)
			h.arch.step("published")
		}
	}
	return again, nil
}

// rotatedNames lists the rotated files of the log, as CPython's
// getFilesToDelete finds them, oldest first; with parts, archives being
// written too.
func (h *TimedRotatingFileHandler) rotatedNames(parts bool) ([]string, error) {
	dirName, baseName := filepath.Split(h.Path())
	dirName = filepath.Clean(dirName)
	entries, err := os.ReadDir(dirName)
	if err != nil {
		return nil, err
	}
	var result []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, partSuffix) {
			if parts && h.isRotated(baseName, strings.TrimSuffix(name, partSuffix)) {
				result = append(result, filepath.Join(dirName, name))
			}
			continue
		}
		if h.isRotated(baseName, name) {
			result = append(result, filepath.Join(dirName, name))
		}
	}
	slices.SortFunc(result, func(a, b string) int { return strings.Compare(naturalKey(a), naturalKey(b)) })
	return result, nil
}

// isRotated is CPython's test of getFilesToDelete: fileName starts with the
// log's name and a part of what follows the log's name without extension
// is a suffix the handler writes.
func (h *TimedRotatingFileHandler) isRotated(baseName, fileName string) bool {
	n, _ := pySplitext(baseName)
	prefix := n + "."
	if !strings.HasPrefix(fileName, baseName) || !strings.HasPrefix(fileName, prefix) {
		return false
	}
	for _, part := range strings.Split(fileName[len(prefix):], ".") {
		if h.extMatch.MatchString(part) {
			return true
		}
	}
	return false
}

// rotatedFiles lists the rotated files, newest first, for retention.
func (h *TimedRotatingFileHandler) rotatedFiles() ([]fileInfo, error) {
	names, err := h.rotatedNames(false)
	if err != nil {
		return nil, err
	}
	slices.Reverse(names)
	return statAll(names), nil
}

// trim deletes the rotated files past BackupCount, as CPython's
// doRollover does after rotating (the compressing handler does it here,
// after compressing).
func (h *TimedRotatingFileHandler) trim() error {
	if h.backups <= 0 {
		return nil
	}
	old, err := h.filesToDelete()
	if err != nil {
		return err
	}
	for _, s := range old {
		if err := os.Remove(s); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}
