package handlers

import (
	"bytes"
	"strconv"
	"sync"

	logging "github.com/loggen/loggen/runtime"
)

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// funcLine is what loggen generates for "%(funcName)s:%(lineno)d %(filename)s".
var funcLine = &logging.CompiledFormatter{Caller: true, Func: func(b []byte, r *logging.Record) ([]byte, error) {
	b = append(b, r.FuncName()...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(r.Lineno()), 10)
	b = append(b, ' ')
	b = append(b, r.Filename()...)
	return b, nil
}}
