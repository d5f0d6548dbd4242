package mockserver

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"akmock/mockserver/query"
	"akmock/mockserver/store"
	"akmock/schema"
)

// response is what a handler produces: the status and the exact body bytes, plus what the
// adapter needs to check and send them.
type response struct {
	status           int
	body             []byte
	op               string      // operationId whose schema the body must satisfy
	exception        string      // a documented schema exception (schema.Exceptions) the body follows instead
	page             bool        // Django's error page (HTML, or empty): not JSON, no DRF headers
	beforeMiddleware bool        // answered before Django's middleware (or by its first): none of their headers
	router           bool        // authentik's Go router answered, not Django: no body, its own headers only
	unsized          bool        // Django gave the (empty) answer no length: it reaches clients chunked ([flushAtOnce])
	contentType      string      // default: authentik's JSON content type
	header           http.Header // extra headers

	// A body made of stored stages (one stage, a list page, or the control API's export) is
	// validated by its parts: each stage's bytes once in their life (store entries are
	// immutable), the pagination object unless the same bytes have passed before. The envelope
	// around them is fixed by listPageWriter or fixtures.WriteFixture.
	stage      *store.Entry   // the body is this stage
	stages     []*store.Entry // the body is a list page of these stages, or an array of them
	pagination []byte         // the list page's pagination object
	bare       bool           // the stages form a bare JSON array, not a list page
	unbuilt    bodyWriter     // writes the body, too long to build (see maxBuiltBody); body is nil
	unbuiltLen int            // the length of what unbuilt writes
}

func jsonResponse(op string, status int, body []byte) response {
	return response{status: status, body: body, op: op}
}

// call is one request on its way through a handler.
type call struct {
	server        *Server
	r             *http.Request
	method        string // as sent: authentik's ASGI server refuses one its parser does not know ([djangoChecks])
	op            string // the operationId the request maps to, for schema validation
	pk            string // the path's stage_uuid segment (decoded), as sent
	route         route
	allow         []string // the Allow header DRF sends on the route's answers (shared, read-only)
	values        query.Values
	authenticated bool
	indent        bool      // DRF's renderer indents JSON answers ([negotiate])
	body          []byte    // the request body, read before the handler runs: whole (up to the limit) when it has a length, else only its start, for the journal
	bodyTooLarge  bool      // the body exceeded the limit: body holds none of it, or only its start for the journal
	seq           int64     // the request's number in the journal; 0: not journaled
	arrived       time.Time // when a journaled request reached its handler
	routed        bool      // authentik's Go router carries the answer ([behindRouter]): it names Accept-Encoding in Vary
	coding        string    // the content coding the router compresses the answer with ([routerCoding]); "" for none
}

// handlerFunc is the shape of every handler: a value or an error, never a write.
type handlerFunc func(c *call) (response, error)

// apiHandler adapts a handlerFunc for the routes authentik serves (its API, its 404 page), whose
// requests are journaled, pass Django's first checks ([djangoChecks]) and have their answers
// compressed as authentik's router does ([behindRouter]); see [Server.adapt].
func (s *Server) apiHandler(h handlerFunc) http.Handler {
	return s.adapt(s.maxBodyBytes(), true, behindRouter(djangoChecks(h)))
}

// ownHandler adapts a handlerFunc for akmock's own routes and for the refusals made before a
// request reaches authentik's routes: not journaled, no Django checks, bodies read up to limit;
// see [Server.adapt].
func (s *Server) ownHandler(limit int64, h handlerFunc) http.Handler {
	return s.adapt(limit, false, h)
}

// adapt adapts a handlerFunc: it numbers a journaled request as it arrives, reads the request
// body (at most limit bytes; none at all with limit 0, for answers given before the body could
// matter), runs the handler, renders any error, validates the result against
// the schema, journals the request and writes the response. It is the only path a response
// leaves by.
func (s *Server) adapt(limit int64, journaled bool, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &call{server: s, r: r, method: r.Method}
		if journaled {
			c.seq, c.arrived = s.journal.number(), time.Now()
		}
		if limit > 0 && !c.readBody(limit, journaled) {
			s.abandon(w, c, journaled)
			return
		}
		resp, err := h(c)
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			s.abandon(w, c, journaled) // the request's context ended while a fault's latency held it
			return
		}
		if err != nil {
			resp = errorResponse(c, err)
		}
		resp = s.validate(c, resp)
		if c.indent && !resp.page && !resp.router { // the JSON bodies validate checked
			resp = resp.indented() // the same value, laid out
		}
		if journaled {
			s.record(c, resp.status)
		}
		s.send(w, c, resp)
	})
}

// StatusClientClosed is the status the journal and the request log give a request whose
// connection closed before its answer: the client went away before sending its whole body or
// while an injected latency held it, or akmock's shutdown or request timeout cut it off. It is
// nginx's code for a client that closed the request. No answer is sent.
const StatusClientClosed = 499

// abandon gives up a request whose client went away, without an answer: it journals the request
// (if journaled) as [StatusClientClosed], has the request log record it so, and panics with
// http.ErrAbortHandler, on which net/http closes the connection and writes nothing (a handler
// that returns without writing would send "200 OK"). Served in process, by a caller that is no
// net/http server, it writes the status instead and returns.
func (s *Server) abandon(w http.ResponseWriter, c *call, journaled bool) {
	if journaled {
		s.record(c, StatusClientClosed)
	}
	if c.r.Context().Value(http.ServerContextKey) == nil {
		w.WriteHeader(StatusClientClosed)
		return
	}
	if rec, ok := w.(*statusRecorder); ok {
		rec.status = StatusClientClosed
		rec.log() // the panic skips logRequests' own call
	}
	panic(http.ErrAbortHandler)
}

// readBody reads the request body unless it is larger than limit. It reports false when the body
// could not be read whole (the client closed the connection first, or sent a broken chunked
// body). With unsizedForJournal, a body without a declared length (chunked) is read but only as
// much of it kept as the journal shows, past the limit too: DRF reads no stream without
// CONTENT_LENGTH, so on authentik's routes nothing else looks at it.
func (c *call) readBody(limit int64, unsizedForJournal bool) bool {
	if c.r.Body == nil || c.r.Body == http.NoBody {
		return true
	}
	if c.r.ContentLength > limit {
		c.bodyTooLarge = true
		return true
	}
	limit = min(limit, math.MaxInt64-1) // a limit of MaxInt64 means none; limit+1 must not overflow
	keep := limit + 1
	if c.r.ContentLength < 0 && unsizedForJournal {
		keep = min(keep, journalBodyLimit+1)
	}
	body, err := io.ReadAll(io.LimitReader(c.r.Body, keep))
	if err != nil {
		return false
	}
	read := int64(len(body))
	if read == keep && keep <= limit { // the rest is read and dropped
		skipped, err := io.Copy(io.Discard, io.LimitReader(c.r.Body, limit+1-keep))
		if err != nil {
			return false
		}
		read += skipped
	}
	if read > limit {
		c.bodyTooLarge = true
		if unsizedForJournal {
			c.body = body // how it began, for the journal
		}
		return true
	}
	c.body = body
	return true
}

// record adds the request to the journal.
func (s *Server) record(c *call, status int) {
	body, truncated := c.body, false
	if len(body) > journalBodyLimit {
		body, truncated = body[:journalBodyLimit], true
	}
	s.journal.add(journalEntry{
		Seq: c.seq, Time: c.arrived, Method: c.method, Path: c.r.URL.Path, Query: c.r.URL.RawQuery,
		Headers: journalHeaders(c), Body: string(body), BodyTruncated: truncated || c.bodyTooLarge, Status: status,
	})
}

// validate checks a JSON response against its schema. In strict mode a violation replaces the
// response by a 500 that says what failed; in every mode it is logged.
func (s *Server) validate(c *call, resp response) response {
	if s.cfg.Validate == ValidateOff || resp.page || resp.router {
		return resp
	}
	var err error
	switch {
	case resp.stage != nil || resp.stages != nil:
		err = s.checkParts(resp)
	case resp.exception != "":
		err = s.schemas.ValidateException(resp.exception, resp.op, resp.status, resp.body)
	default:
		err = s.schemas.Validate(resp.op, resp.status, resp.body)
	}
	if err == nil {
		return resp
	}
	s.log.Error("response fails its schema", "method", c.method, "path", requestTarget(c.r), "op", resp.op, "status", resp.status, "error", err)
	// The error names what was checked: the operation's schema for the status, or a part's
	// (a stored stage, a pagination object) or an exception's schema. Reported, it names the
	// response, and the schema when that was not the operation's own.
	var checked *schema.Error
	if !errors.As(err, &checked) {
		checked = &schema.Error{Op: resp.op, Status: resp.status, Violations: []schema.Violation{{Message: err.Error()}}}
	}
	se := &schema.Error{Op: resp.op, Status: resp.status, Violations: checked.Violations}
	if s.cfg.OnViolation != nil {
		s.cfg.OnViolation(se)
	}
	if s.cfg.Validate == ValidateWarn {
		return resp
	}
	var against string
	if checked.Op != resp.op {
		against = checked.Op
	}
	return violationResponse(se, against)
}

// checkParts validates a response made of stored stages: that its operation answers its status
// with a stage, a page of them or an array of them, every stage not yet checked, and a page's
// pagination object, unless the same bytes have passed before. A failure's locations are in
// the response (/results/3/pk), not in the part.
func (s *Server) checkParts(resp response) error {
	if resp.stage != nil {
		if err := s.schemas.StageResponse(resp.op, resp.status); err != nil {
			return err
		}
		return s.checkStage(resp.stage)
	}
	kind, at := s.schemas.PageResponse, "/results/"
	if resp.bare {
		kind, at = s.schemas.StageArrayResponse, "/"
	}
	if err := kind(resp.op, resp.status); err != nil {
		return err
	}
	if i, err := s.checkStages(resp.stages); err != nil {
		return inResponseAt(err, at+strconv.Itoa(i))
	}
	if resp.bare {
		return nil
	}
	if resp.pagination == nil || s.paginations.has(resp.pagination) {
		return nil
	}
	if err := s.schemas.ValidatePagination(resp.pagination); err != nil {
		return inResponseAt(err, "/pagination")
	}
	s.paginations.add(resp.pagination)
	return nil
}

// inResponseAt moves the instance locations of a part's schema error to where the part sits
// in the response.
func inResponseAt(err error, at string) error {
	var se *schema.Error
	if !errors.As(err, &se) {
		return err
	}
	moved := *se
	moved.Violations = make([]schema.Violation, len(se.Violations))
	for i, v := range se.Violations {
		v.InstanceLocation = at + v.InstanceLocation
		moved.Violations[i] = v
	}
	return &moved
}

// stagesPerChecker is the fewest stages [Server.checkStages] gives a goroutine of its own: below
// it, starting one costs more than it saves.
const stagesPerChecker = 256

// checkStages validates the stored stages not yet checked, on every core when there are many
// (a first check takes about 30 µs: a fixture of 100,000 stages, or an answer holding them all,
// takes seconds on one core). It returns the first stage that fails, by index, and its error,
// as checking them in order would: each goroutine checks a contiguous run, and stops only past
// a failure already found earlier in the list.
func (s *Server) checkStages(entries []*store.Entry) (int, error) {
	workers := 1
	if len(entries) >= 2*stagesPerChecker { // a list page never counts, nor asks the scheduler (it locks)
		unchecked := 0
		for _, e := range entries {
			if !e.Checked() {
				unchecked++
			}
		}
		if unchecked >= 2*stagesPerChecker {
			workers = min(runtime.GOMAXPROCS(0), unchecked/stagesPerChecker)
		}
	}
	if workers == 1 {
		for i, e := range entries {
			if err := s.checkStage(e); err != nil {
				return i, err
			}
		}
		return -1, nil
	}
	var (
		wg        sync.WaitGroup
		firstBad  atomic.Int64 // the lowest failing index found so far
		failedAt  = make([]int, workers)
		failures  = make([]error, workers)
		runLength = (len(entries) + workers - 1) / workers
	)
	firstBad.Store(math.MaxInt64)
	for w := range workers {
		failedAt[w] = -1
		wg.Go(func() {
			for i := w * runLength; i < min((w+1)*runLength, len(entries)) && int64(i) < firstBad.Load(); i++ {
				if err := s.checkStage(entries[i]); err != nil {
					failedAt[w], failures[w] = i, err
					lowerTo(&firstBad, int64(i))
					return
				}
			}
		})
	}
	wg.Wait()
	for w := range workers {
		if failedAt[w] >= 0 {
			return failedAt[w], failures[w]
		}
	}
	return -1, nil
}

// lowerTo sets a to v if v is lower, whatever other goroutines store meanwhile.
func lowerTo(a *atomic.Int64, v int64) {
	for seen := a.Load(); v < seen; seen = a.Load() {
		if a.CompareAndSwap(seen, v) {
			return
		}
	}
}

// checkStage validates a stored stage's bytes the first time they are served.
func (s *Server) checkStage(e *store.Entry) error {
	if e.Checked() {
		return nil
	}
	if err := s.schemas.ValidateStage(e.JSON); err != nil {
		return err
	}
	e.MarkChecked()
	return nil
}

// Header values authentik's stack adds to every answer, shared read-only between responses.
var (
	poweredBy      = []string{"authentik"}
	frameOptions   = []string{"DENY"}
	contentOptions = []string{"nosniff"}
	referrerPolicy = []string{"same-origin"}
	jsonType       = []string{contentTypeJSON}
)

// send writes the response with the headers authentik's stack adds to every answer, compressed
// as authentik's router compresses it for a client that asks ([routerCoding], compress.go).
func (s *Server) send(w http.ResponseWriter, c *call, resp response) {
	h := w.Header()
	for k, v := range resp.header {
		h[k] = v
	}
	if c.routed {
		setRouterHeaders(h, c.coding)
	}
	if resp.router {
		w.WriteHeader(resp.status)
		return
	}
	if resp.status != http.StatusNoContent {
		if resp.contentType == "" {
			h["Content-Type"] = jsonType
		} else {
			h["Content-Type"] = []string{resp.contentType}
		}
	}
	sized := resp.status != http.StatusNoContent && !resp.unsized // net/http sends no length with a 204
	chunked := resp.unsized && c.method != http.MethodHead
	if c.coding != "" && resp.status != http.StatusNoContent && !chunked {
		// The router's compressor drops Django's Content-Length; net/http computes one for a
		// body it holds whole, and sends a longer one chunked.
		resp = resp.compressed(s.coded, c.coding, c.method == http.MethodHead)
		n := resp.bodyLen()
		sized = n >= 0 && n <= netHTTPBuffer
	}
	length, id := perResponseValues(resp.bodyLen())
	if sized && !lengthLeftToServer(c, resp.bodyLen()) {
		h["Content-Length"] = length
	}
	h["X-Powered-By"] = poweredBy // authentik's Go router, on everything Django answers
	if !resp.beforeMiddleware {
		if c.allow != nil && !resp.page {
			h["Allow"] = c.allow
		}
		h["X-Authentik-Id"] = id
		h["X-Frame-Options"] = frameOptions
		h["X-Content-Type-Options"] = contentOptions
		h["Referrer-Policy"] = referrerPolicy
	}
	w.WriteHeader(resp.status)
	if chunked {
		flushAtOnce(w, c.coding)
		return
	}
	if c.method != http.MethodHead {
		_ = resp.writeBody(w) // a write error is the connection's: the client has gone
	}
}

// lengthLeftToServer reports whether net/http's server gives the answer the Content-Length
// akmock would, so that akmock need not set it: a server computes one for a body of at most its
// buffer ([netHTTPBuffer]) that the handler writes whole without setting one (not for HEAD,
// whose body the handler does not write). Leaving it to the server keeps the header map within
// the eight entries its first group holds: authentik sends nine headers on most answers, and a
// ninth makes the map, and the copy net/http makes of it at WriteHeader, grow into tables
// (about 1.5 µs per retrieve under load, a tenth of its cost). In process, with no server to
// compute it (httptest), akmock sets it.
func lengthLeftToServer(c *call, n int) bool {
	return n <= netHTTPBuffer && c.method != http.MethodHead && c.r.Context().Value(http.ServerContextKey) != nil
}

// perResponseValues returns the values of the two headers that change with every response:
// Content-Length, and X-authentik-id, authentik's request id (a random UUID4 in hex; it
// identifies a response in logs and needs no cryptographic randomness). Both come from one
// string and one backing array: two allocations instead of four on every response.
func perResponseValues(length int) (contentLength, requestID []string) {
	var id [16]byte
	binary.LittleEndian.PutUint64(id[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(id[8:], rand.Uint64())
	id[6] = id[6]&0x0f | 0x40
	id[8] = id[8]&0x3f | 0x80
	var b [32 + 20]byte
	hex.Encode(b[:32], id[:])
	s := string(strconv.AppendInt(b[:32], int64(length), 10))
	values := &[2]string{s[32:], s[:32]}
	return values[0:1:1], values[1:2:2]
}
