package mockserver

import (
	"strings"
	"sync"
	"time"
)

// journalSize is how many requests the journal keeps; older ones are dropped (and counted).
const journalSize = 1000

// journalBodyLimit is how much of a request body the journal keeps.
const journalBodyLimit = 64 << 10

// journaledHeaders are the request headers a contract test may want to assert on. The
// Authorization header is kept as its scheme only: the token never leaves the server.
var journaledHeaders = [...]string{"Accept", "Authorization", "Content-Length", "Content-Type", "User-Agent"}

// bearerRedacted is how the journal shows "Authorization: Bearer <token>".
const bearerRedacted = "Bearer [redacted]"

// journalHeaderValues holds a request's journaled headers, in the order of journaledHeaders; an
// absent header is "".
type journalHeaderValues [len(journaledHeaders)]string

// JournalEntry is one request received on authentik's routes, with the status it was answered.
type JournalEntry struct {
	Seq           int64
	Time          time.Time
	Method        string
	Path          string
	Query         string
	Headers       journalHeaderValues
	Body          string
	BodyTruncated bool
	Status        int
}

// journal is a bounded, concurrency-safe log of requests: a ring of the last journalSize.
type journal struct {
	mu      sync.Mutex
	seq     int64
	dropped int64
	entries []JournalEntry // oldest at head once full
	head    int
}

func (j *journal) add(e JournalEntry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq++
	e.Seq = j.seq
	if len(j.entries) < journalSize {
		j.entries = append(j.entries, e)
		return
	}
	j.entries[j.head] = e
	j.head = (j.head + 1) % journalSize
	j.dropped++
}

// JournalFilter selects journal entries; empty fields match everything.
type JournalFilter struct {
	Method     string
	Path       string
	PathPrefix string
	Status     int
}

func (f JournalFilter) match(e JournalEntry) bool {
	return (f.Method == "" || strings.EqualFold(f.Method, e.Method)) &&
		(f.Path == "" || f.Path == e.Path) &&
		(f.PathPrefix == "" || strings.HasPrefix(e.Path, f.PathPrefix)) &&
		(f.Status == 0 || f.Status == e.Status)
}

// list returns the entries the filter selects, oldest first, and how many were dropped.
func (j *journal) list(f JournalFilter) ([]JournalEntry, int64) {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := []JournalEntry{}
	for i := range j.entries {
		if e := j.entries[(j.head+i)%len(j.entries)]; f.match(e) {
			out = append(out, e)
		}
	}
	return out, j.dropped
}

func (j *journal) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.entries, j.dropped, j.head = nil, 0, 0
}

// journalHeaders picks the journaled headers of a request.
func journalHeaders(c *call) journalHeaderValues {
	var h journalHeaderValues
	for i, name := range journaledHeaders {
		values := c.r.Header[name]
		if len(values) == 0 {
			continue
		}
		v := strings.Join(values, ",")
		if name == "Authorization" {
			// Only a scheme followed by a space is kept; a bare value may be the token itself.
			if scheme, _, hasToken := strings.Cut(strings.TrimSpace(v), " "); scheme == "Bearer" && hasToken {
				v = bearerRedacted // what nearly every request carries, without building it each time
			} else if hasToken {
				v = scheme + " [redacted]"
			} else {
				v = "[redacted]"
			}
		}
		h[i] = v
	}
	return h
}
