package mockserver

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// journalSize is how many requests the journal keeps; older ones are dropped (and counted).
const journalSize = 1000

// journalBodyLimit is how much of a request body the journal keeps.
const journalBodyLimit = 64 << 10

// journaledHeaders are the request headers a contract test may want to assert on. The
// Authorization header is kept as its scheme only: the token never leaves the server.
// Transfer-Encoding shows a body sent without a length ("chunked"), which writes ignore;
// Accept-Encoding, whether the answer was compressed ([routerCoding]).
var journaledHeaders = [...]string{"Accept", "Accept-Encoding", "Authorization", "Content-Length", "Content-Type", "Transfer-Encoding", "User-Agent"}

// bearerRedacted is how the journal shows "Authorization: Bearer <token>".
const bearerRedacted = "Bearer [redacted]"

// journalHeaderValues holds a request's journaled headers, in the order of journaledHeaders; an
// absent header is "".
type journalHeaderValues [len(journaledHeaders)]string

// journalEntry is one request received on authentik's routes, with the status it was answered.
type journalEntry struct {
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

// journal is a bounded, concurrency-safe log of requests: a ring of the last journalSize to
// finish. Requests are numbered as they arrive and listed in that order, so a request slowed by
// an injected latency keeps its place among those that came after it and finished first.
type journal struct {
	seq atomic.Int64 // the last number handed out

	mu          sync.Mutex
	clearedUpTo int64 // requests numbered up to this one arrived before the last clear
	dropped     int64
	entries     []journalEntry // the first to finish at head once full
	head        int
}

// number numbers a request as it arrives.
func (j *journal) number() int64 { return j.seq.Add(1) }

// add records a finished request, unless it arrived before the journal was last cleared.
func (j *journal) add(e journalEntry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if e.Seq <= j.clearedUpTo {
		return
	}
	if len(j.entries) < journalSize {
		j.entries = append(j.entries, e)
		return
	}
	j.entries[j.head] = e
	j.head = (j.head + 1) % journalSize
	j.dropped++
}

// journalFilter selects journal entries; empty fields match everything.
type journalFilter struct {
	Method     string
	Path       string
	PathPrefix string
	Status     int
}

func (f journalFilter) match(e journalEntry) bool {
	return (f.Method == "" || strings.EqualFold(f.Method, e.Method)) &&
		(f.Path == "" || f.Path == e.Path) &&
		(f.PathPrefix == "" || strings.HasPrefix(e.Path, f.PathPrefix)) &&
		(f.Status == 0 || f.Status == e.Status)
}

// list returns the entries the filter selects in the order the requests arrived, and how many
// were dropped.
func (j *journal) list(f journalFilter) ([]journalEntry, int64) {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := []journalEntry{}
	for _, e := range j.entries {
		if f.match(e) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b journalEntry) int { return cmp.Compare(a.Seq, b.Seq) })
	return out, j.dropped
}

// clear forgets every request that has arrived so far, finished or not.
func (j *journal) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.entries, j.dropped, j.head = nil, 0, 0
	j.clearedUpTo = j.seq.Load()
}

// journalHeaders picks the journaled headers of a request.
func journalHeaders(c *call) journalHeaderValues {
	var h journalHeaderValues
	for i, name := range journaledHeaders {
		values := c.r.Header[name]
		if name == "Transfer-Encoding" {
			values = c.r.TransferEncoding // net/http takes it out of the header as it reads the body
		}
		if len(values) == 0 {
			continue
		}
		v := latin1(strings.Join(values, ",")) // as Django reads header bytes
		if name == "Authorization" {
			v = redactAuthorization(v)
		}
		h[i] = v
	}
	return h
}

// knownSchemes are the authentication schemes the journal shows by name; any other first word of
// an Authorization value may be the token itself (a client that sends "<token> x").
var knownSchemes = []string{"Basic", "Bearer", "Digest", "Negotiate", "NTLM", "Token"}

// redactAuthorization is what the journal shows of an Authorization value: a known scheme
// followed by "[redacted]", or "[redacted]" alone.
func redactAuthorization(v string) string {
	scheme, _, hasCredentials := strings.Cut(strings.TrimSpace(v), " ")
	if !hasCredentials {
		return "[redacted]" // a bare value may be the token itself
	}
	if scheme == "Bearer" {
		return bearerRedacted // what nearly every request carries, without building it each time
	}
	for _, known := range knownSchemes {
		if strings.EqualFold(scheme, known) {
			return scheme + " [redacted]"
		}
	}
	return "[redacted]"
}
