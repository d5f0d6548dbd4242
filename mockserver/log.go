package mockserver

import (
	"log/slog"
	"net/http"
	"time"
)

// statusRecorder remembers what a handler wrote, for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// logRequests logs one line per request: method, path with query, status, duration and
// response bytes. The Authorization header is never logged.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := s.log.Handler()
		if !h.Enabled(r.Context(), slog.LevelInfo) {
			next.ServeHTTP(w, r)
			return
		}
		rec := &statusRecorder{ResponseWriter: w}
		defer logRequest(h, r, rec, time.Now()) // deferred: an aborted request is logged too
		next.ServeHTTP(rec, r)
	})
}

// logRequest writes the request line of r, answered as rec recorded, begun at start.
func logRequest(h slog.Handler, r *http.Request, rec *statusRecorder, start time.Time) {
	// Built by hand rather than with Logger.LogAttrs, which looks up its caller's source
	// position for every line; the request line never shows one.
	line := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
	line.AddAttrs(slog.String("method", r.Method), slog.String("path", truncate(requestTarget(r), maxLoggedURI)),
		slog.Int("status", rec.status), slog.Duration("duration", line.Time.Sub(start)), slog.Int("bytes", rec.bytes))
	_ = h.Handle(r.Context(), line) // a line that cannot be written is dropped, not the answer
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
