package mockserver

import (
	"log/slog"
	"net/http"
	"time"
)

// statusRecorder remembers what a handler wrote, and logs the request line once it is done.
type statusRecorder struct {
	http.ResponseWriter
	handler slog.Handler
	r       *http.Request
	start   time.Time
	status  int
	bytes   int
}

func (rec *statusRecorder) WriteHeader(status int) {
	rec.status = status
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *statusRecorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += n
	return n, err
}

// Unwrap returns the writer the recorder wraps, so that [http.ResponseController] can flush it.
func (rec *statusRecorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// log writes the request line: method, path with query, status, duration and response bytes.
func (rec *statusRecorder) log() {
	// Built by hand rather than with Logger.LogAttrs, which looks up its caller's source
	// position for every line; the request line never shows one.
	line := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
	line.AddAttrs(slog.String("method", rec.r.Method), slog.String("path", truncate(requestTarget(rec.r), maxLoggedURI)),
		slog.Int("status", rec.status), slog.Duration("duration", line.Time.Sub(rec.start)), slog.Int("bytes", rec.bytes))
	_ = rec.handler.Handle(rec.r.Context(), line) // a line that cannot be written is dropped, not the answer
}

// logRequests logs one line per request (see [statusRecorder.log]); a request abandoned because
// its client went away is logged by [Server.abandon]. The Authorization header is never logged.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := s.log.Handler()
		if !h.Enabled(r.Context(), slog.LevelInfo) {
			next.ServeHTTP(w, r)
			return
		}
		rec := &statusRecorder{ResponseWriter: w, handler: h, r: r, start: time.Now()}
		next.ServeHTTP(rec, r)
		rec.log()
	})
}

// maxLoggedURI bounds the path and query a log line carries (a refused URI can be 64 KiB).
const maxLoggedURI = 1024

// truncate cuts s to at most n bytes, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
