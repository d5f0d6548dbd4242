package mockserver

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/mockserver/store"
	"akmock/schema"
)

// TestResponseHeaders checks the headers authentik's stack adds to every API answer, and that
// each answer gets its own request id.
func TestResponseHeaders(t *testing.T) {
	s, err := New(Config{Count: 3})
	require.NoError(t, err)
	pk := s.Store().Current().Stages()[0].PK
	uuid4Hex := regexp.MustCompile(`^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$`)
	ids := map[string]bool{}
	const list, item = "GET, POST, HEAD, OPTIONS", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"
	for _, tc := range []struct {
		method, target, token, body, allow string
		status                             int
		header                             string // a request header, "Name: value"
	}{
		{http.MethodGet, apiPrefix, DefaultToken, "", list, http.StatusOK, ""},
		{http.MethodGet, apiPrefix + pk + "/", DefaultToken, "", item, http.StatusOK, ""},
		{http.MethodGet, apiPrefix + pk + "/", DefaultToken, "", item, http.StatusOK, ""},
		{http.MethodGet, apiPrefix + "00000000-0000-0000-0000-000000000000/", DefaultToken, "", item, http.StatusNotFound, ""},
		{http.MethodGet, apiPrefix + pk + "/used_by/", DefaultToken, "", "GET, HEAD, OPTIONS", http.StatusOK, ""},
		{http.MethodGet, apiPrefix, "wrong", "", list, http.StatusForbidden, ""},
		{http.MethodPatch, apiPrefix, DefaultToken, "", list, http.StatusMethodNotAllowed, ""},
		{http.MethodPost, apiPrefix + pk + "/", DefaultToken, "", item, http.StatusMethodNotAllowed, ""},
		{http.MethodGet, apiPrefix, DefaultToken, "", list, http.StatusNotAcceptable, "Accept: text/html"},
		{http.MethodPost, apiPrefix, DefaultToken, `{"name":"x"}`, list, http.StatusUnsupportedMediaType, "Content-Type: text/plain"},
		{http.MethodPost, apiPrefix, DefaultToken, `{"name":""}`, list, http.StatusBadRequest, ""},
		{http.MethodPost, apiPrefix, DefaultToken, `{"name":"new"}`, list, http.StatusCreated, ""},
		{http.MethodDelete, apiPrefix + pk + "/", DefaultToken, "", item, http.StatusNoContent, ""},
	} {
		var body io.Reader
		if tc.body != "" {
			body = strings.NewReader(tc.body)
		}
		req := httptest.NewRequest(tc.method, tc.target, body)
		req.Header.Set("Authorization", "Bearer "+tc.token)
		if tc.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if name, value, ok := strings.Cut(tc.header, ": "); ok {
			req.Header.Set(name, value)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		h := rec.Result().Header
		assert.Equal(t, tc.status, rec.Code, tc.target)
		assert.Equal(t, tc.allow, h.Get("Allow"), tc.target)
		if tc.status == http.StatusNoContent { // DRF removes Content-Type for an empty body
			assert.Empty(t, rec.Body.String(), tc.target)
			assert.Empty(t, h.Values("Content-Type"), tc.target)
		} else {
			assert.Equal(t, contentTypeJSON, h.Get("Content-Type"), tc.target)
			assert.Equal(t, strconv.Itoa(rec.Body.Len()), h.Get("Content-Length"), tc.target)
		}
		assert.Equal(t, "authentik", h.Get("X-Powered-By"), tc.target)
		assert.Equal(t, []string{"Accept-Encoding"}, h.Values("Vary"), tc.target)
		assert.Empty(t, h.Values("Content-Encoding"), "compressed only for a client that accepts it: %s", tc.target)
		assert.Equal(t, "DENY", h.Get("X-Frame-Options"), tc.target)
		assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"), tc.target)
		assert.Equal(t, "same-origin", h.Get("Referrer-Policy"), tc.target)
		id := h.Get("X-Authentik-Id")
		assert.Regexp(t, uuid4Hex, id, tc.target)
		assert.False(t, ids[id], "request id %s used twice", id)
		ids[id] = true
		assert.Empty(t, h.Get("Location"), "DRF's CreateModelMixin sends no Location: %s %s", tc.method, tc.target)
	}
}

// TestValidationModes: a response that breaks its schema is replaced by akmock's 500 in strict
// mode (a body that says what failed, and itself follows akmock's schema for it), goes out as it
// is in warn mode, and in both is reported to OnViolation; off checks nothing. Each kind of
// response is checked its own way: a plain body, a stored stage, an exception's body.
func TestValidationModes(t *testing.T) {
	broken := map[string]func() response{
		"body": func() response {
			return response{status: http.StatusOK, op: opRetrieve, body: []byte(`{"pk":"not a uuid"}`)}
		},
		"stored stage": func() response {
			e := &store.Entry{JSON: []byte(`{"pk":1}`)}
			return response{status: http.StatusOK, op: opRetrieve, body: e.JSON, stage: e}
		},
		"exception": func() response {
			return response{status: http.StatusBadRequest, op: opList, body: []byte(`{"detail":1}`), exception: schema.ExceptionSearchNullCharacter}
		},
		"page not built": func() response { // too long to build: checked by its parts all the same
			pagination := []byte(`{"next":0,"previous":0,"count":1,"current":1,"total_pages":1,"start_index":1,"end_index":1}`)
			entries := []*store.Entry{{JSON: []byte(`{"pk":1}`)}}
			write := listPageWriter(pagination, entries)
			var n byteCounter
			require.NoError(t, write(&n))
			return response{status: http.StatusOK, op: opList, stages: entries, pagination: pagination, unbuilt: write, unbuiltLen: int(n)}
		},
	}
	for _, mode := range []ValidateMode{ValidateStrict, ValidateWarn, ValidateOff} {
		for kind, respond := range broken {
			t.Run(string(mode)+"/"+kind, func(t *testing.T) {
				var violations []*schema.Error
				s, err := New(Config{Count: 1, Validate: mode, OnViolation: func(e *schema.Error) { violations = append(violations, e) }})
				require.NoError(t, err)
				sent := respond()
				rec := httptest.NewRecorder()
				s.apiHandler(func(*call) (response, error) { return sent, nil }).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, apiPrefix, nil))

				if mode == ValidateOff {
					assert.Empty(t, violations)
				} else {
					require.Len(t, violations, 1)
					assert.Equal(t, sent.op, violations[0].Op)
					assert.NotEmpty(t, violations[0].Violations)
				}
				if mode != ValidateStrict {
					assert.Equal(t, sent.status, rec.Code)
					assert.Equal(t, string(builtBody(sent)), rec.Body.String())
					assert.Equal(t, strconv.Itoa(rec.Body.Len()), rec.Header().Get("Content-Length"))
					return
				}
				assert.Equal(t, http.StatusInternalServerError, rec.Code)
				assert.Equal(t, contentTypeJSON, rec.Header().Get("Content-Type"))
				want := `{"detail":"akmock: the response (` + strconv.Itoa(sent.status) + ` for ` + sent.op + `) does not match authentik's schema` +
					map[string]string{"body": "", "stored stage": " (UserLoginStage)", "exception": " (search-null-character)", "page not built": " (UserLoginStage)"}[kind] + `","errors":[{"keywordLocation":`
				assert.True(t, strings.HasPrefix(rec.Body.String(), want), "body %s", rec.Body.String())
				assert.NoError(t, s.schemas.Validate(schema.OpSchemaViolation, http.StatusInternalServerError, rec.Body.Bytes()))
				if sent.stage != nil {
					assert.False(t, sent.stage.Checked(), "a stage that failed must be checked again")
				}
				if sent.unbuilt != nil {
					assert.Contains(t, rec.Body.String(), `"instanceLocation":"/results/0`, "the failing part, where it sits")
				}
			})
		}
	}
}

// TestPartViolationLocations: a list page is checked by parts (each stage once, the pagination
// object); a part's failure is located in the page, where a client would look for it.
func TestPartViolationLocations(t *testing.T) {
	s, err := New(Config{Count: 2})
	require.NoError(t, err)
	good := s.Store().Current().Entries()
	bad := &store.Entry{JSON: []byte(`{"pk":1}`)}
	for _, tc := range []struct {
		name       string
		resp       response
		locationAt string
	}{
		{"the second stage", response{op: opList, status: http.StatusOK, stages: []*store.Entry{good[0], bad, good[1]}}, "/results/1"},
		{"the pagination object", response{op: opList, status: http.StatusOK, stages: good, pagination: []byte(`{"count":"x"}`)}, "/pagination"},
		{"the export's second stage", response{op: schema.OpControlExport, status: http.StatusOK, stages: []*store.Entry{good[0], bad, good[1]}, bare: true}, "/1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var se *schema.Error
			require.ErrorAs(t, s.checkParts(tc.resp), &se)
			require.NotEmpty(t, se.Violations)
			for _, v := range se.Violations {
				assert.True(t, strings.HasPrefix(v.InstanceLocation, tc.locationAt), "instance location %q", v.InstanceLocation)
			}
		})
	}
}

// TestPartsBelongToTheirResponse: a response validated by its parts is valid only where its
// operation answers its status with a stage or a page of stages, and an exception's body only
// where it is listed: a valid stage sent as used_by's answer, or a page as a retrieve's, fails.
func TestPartsBelongToTheirResponse(t *testing.T) {
	s, err := New(Config{Count: 2})
	require.NoError(t, err)
	entries := s.Store().Current().Entries()
	nul := []byte(`["Null characters are not allowed."]`)
	for _, tc := range []struct {
		name string
		resp response
		ok   bool
	}{
		{"a stage as a retrieve", stageResponse(opRetrieve, http.StatusOK, entries[0]), true},
		{"a stage as a create", stageResponse(opCreate, http.StatusCreated, entries[0]), true},
		{"a stage as used_by", stageResponse(opUsedBy, http.StatusOK, entries[0]), false},
		{"a stage with the wrong status", stageResponse(opCreate, http.StatusOK, entries[0]), false},
		{"a page as a list", response{op: opList, status: http.StatusOK, stages: entries}, true},
		{"a page as a retrieve", response{op: opRetrieve, status: http.StatusOK, stages: entries}, false},
		{"an array as the export", response{op: schema.OpControlExport, status: http.StatusOK, stages: entries, bare: true}, true},
		{"an array as a list", response{op: opList, status: http.StatusOK, stages: entries, bare: true}, false},
		{"a page as the export", response{op: schema.OpControlExport, status: http.StatusOK, stages: entries}, false},
		{"the NUL exception on a list", response{op: opList, status: http.StatusBadRequest, body: nul, exception: schema.ExceptionSearchNullCharacter}, true},
		{"the NUL exception on used_by", response{op: opUsedBy, status: http.StatusBadRequest, body: nul, exception: schema.ExceptionSearchNullCharacter}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &call{server: s, r: httptest.NewRequest(http.MethodGet, apiPrefix, nil), method: http.MethodGet}
			got := s.validate(c, tc.resp)
			if tc.ok {
				assert.Equal(t, tc.resp.status, got.status)
			} else {
				assert.Equal(t, http.StatusInternalServerError, got.status, "%s", got.body)
			}
		})
	}
}

// TestNewStagePK: a created stage's pk is a random UUID4 (as Django's uuid4 default), lower-case
// and hyphenated, and two creations never share one.
func TestNewStagePK(t *testing.T) {
	uuid4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 1000 {
		pk := newStagePK()
		require.Regexp(t, uuid4, pk)
		require.False(t, seen[pk], "pk %s twice", pk)
		seen[pk] = true
	}
}

// TestJournalBodyLimit: the journal keeps at most journalBodyLimit bytes of a body and says when
// it cut one, or when the body was over the request limit: a declared length is refused unread,
// a chunked body shows how it began.
func TestJournalBodyLimit(t *testing.T) {
	s, err := New(Config{Count: 1, MaxBodyBytes: 2 * journalBodyLimit})
	require.NoError(t, err)
	for _, tc := range []struct {
		size      int
		chunked   bool
		status    int
		kept      int
		truncated bool
	}{
		{journalBodyLimit, false, http.StatusBadRequest, journalBodyLimit, false},
		{journalBodyLimit + 1, false, http.StatusBadRequest, journalBodyLimit, true},
		{2*journalBodyLimit + 1, false, http.StatusRequestEntityTooLarge, 0, true},
		{journalBodyLimit, true, http.StatusBadRequest, journalBodyLimit, false}, // DRF reads no chunked body: {}
		{2 * journalBodyLimit, true, http.StatusBadRequest, journalBodyLimit, true},
		{2*journalBodyLimit + 1, true, http.StatusRequestEntityTooLarge, journalBodyLimit, true},
	} {
		s.journal.clear()
		req := httptest.NewRequest(http.MethodPost, apiPrefix, strings.NewReader(`"`+strings.Repeat("x", tc.size-2)+`"`))
		if tc.chunked {
			req.ContentLength = -1
		}
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		assert.Equal(t, tc.status, rec.Code, "body of %d bytes, chunked: %v", tc.size, tc.chunked)
		entries, _ := s.journal.list(journalFilter{})
		require.Len(t, entries, 1)
		assert.Len(t, entries[0].Body, tc.kept, "body of %d bytes, chunked: %v", tc.size, tc.chunked)
		assert.Equal(t, tc.truncated, entries[0].BodyTruncated, "body of %d bytes, chunked: %v", tc.size, tc.chunked)
	}
}

// TestJournalHeadersAsDjangoReadsThem: header bytes are journaled as Django reads them, one
// ISO-8859-1 character per byte (lossless), as the 415 that names the Content-Type shows it;
// repeated headers are joined with commas.
func TestJournalHeadersAsDjangoReadsThem(t *testing.T) {
	s, err := New(Config{Count: 1})
	require.NoError(t, err)
	req := httptest.NewRequest(http.MethodPost, apiPrefix, strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	req.Header.Set("Content-Type", "text/\xe9")
	req.Header["User-Agent"] = []string{"a", "caf\xc3\xa9"}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	assert.Equal(t, `{"detail":"Unsupported media type \"text/é\" in request."}`, rec.Body.String())
	entries, _ := s.journal.list(journalFilter{})
	require.Len(t, entries, 1)
	h := entries[0].Headers
	for i, name := range journaledHeaders {
		switch name {
		case "Content-Type":
			assert.Equal(t, "text/é", h[i])
		case "User-Agent":
			assert.Equal(t, "a,cafÃ©", h[i])
		}
	}
}

// TestErrorPageHeaders: authentik's error pages come from Django's error views, not from the
// viewset: they carry no Allow header of the route, whatever route failed.
func TestErrorPageHeaders(t *testing.T) {
	s, err := New(Config{Count: 1})
	require.NoError(t, err)
	for _, target := range []string{apiPrefix + "?ordering=flow_set", apiPrefix + "a/b/c/"} {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		assert.Contains(t, []int{http.StatusInternalServerError, http.StatusNotFound}, rec.Code, target)
		assert.Equal(t, contentTypeHTML, rec.Header().Get("Content-Type"), target)
		assert.Empty(t, rec.Header().Values("Allow"), target)
	}
}

// recordingTB is a TB that keeps what a test server reports.
type recordingTB struct {
	errors  []string
	cleanup []func()
}

func (r *recordingTB) Helper() {}
func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recordingTB) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
func (r *recordingTB) Cleanup(f func())                  { r.cleanup = append(r.cleanup, f) }

// TestTestServerValidatesWhateverTheMode: a test server checks every response and fails the test
// on a violation, even when its Config turns validation off.
func TestTestServerValidatesWhateverTheMode(t *testing.T) {
	for _, mode := range []ValidateMode{ValidateStrict, ValidateWarn, ValidateOff} {
		tb := &recordingTB{}
		ts := NewTestServer(tb, Config{Count: 1, Validate: mode})
		broken := response{status: http.StatusOK, op: opRetrieve, body: []byte(`{"pk":"not a uuid"}`)}
		rec := httptest.NewRecorder()
		ts.srv.apiHandler(func(*call) (response, error) { return broken, nil }).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, apiPrefix, nil))
		assert.Len(t, tb.errors, 1, "mode %s", mode)
		want := http.StatusOK // sent as it is, off being taken as warn
		if mode == ValidateStrict {
			want = http.StatusInternalServerError
		}
		assert.Equal(t, want, rec.Code, "mode %s", mode)
		for _, f := range tb.cleanup {
			f()
		}
	}
}

// TestTestServerReplaceStagesFailsTheTest: a refused replacement fails the test at once, so a
// test cannot go on with data it did not ask for.
func TestTestServerReplaceStagesFailsTheTest(t *testing.T) {
	tb := &recordingTB{}
	ts := NewTestServer(tb, Config{Count: 1})
	defer func() {
		for _, f := range tb.cleanup {
			f()
		}
	}()
	assert.PanicsWithValue(t, `akmock: fixture ReplaceStages: stage #0: field "pk": "NOT-A-UUID" is not a UUID`, func() {
		ts.ReplaceStages([]fixtures.UserLoginStage{{PK: "NOT-A-UUID", Name: "x"}})
	})
	assert.Equal(t, 1, ts.Store().Current().Len(), "nothing changed")
}

// TestCheckStagesReportsTheFirstFailure: however the stages are shared out between goroutines,
// checkStages reports the first failing stage in the list, as checking them in order would, and
// marks every stage it found valid.
func TestCheckStagesReportsTheFirstFailure(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	bad := func() *store.Entry { return &store.Entry{JSON: []byte(`{"pk":1}`)} }
	for _, tc := range []struct {
		size int
		bad  []int
	}{
		{10, nil}, {10, []int{7, 3}}, // one goroutine
		{3000, nil}, {3000, []int{0}}, {3000, []int{2999}}, {3000, []int{2000, 1000, 5}}, {3000, []int{760, 2500}},
	} {
		s, err := New(Config{Count: tc.size}) // stages none has checked yet
		require.NoError(t, err)
		entries := slices.Clone(s.Store().Current().Entries())
		for _, i := range tc.bad {
			entries[i] = bad()
		}
		i, err := s.checkStages(entries)
		if tc.bad == nil {
			assert.Equal(t, -1, i, "%+v", tc)
			assert.NoError(t, err, "%+v", tc)
			for _, e := range entries {
				require.True(t, e.Checked(), "%+v", tc)
			}
			continue
		}
		assert.Equal(t, slices.Min(tc.bad), i, "%+v", tc)
		assert.Error(t, err, "%+v", tc)
		for j := range slices.Min(tc.bad) {
			require.True(t, entries[j].Checked(), "%+v: stage %d", tc, j)
		}
	}
}

// builtBody is the body a response writes, built.
func builtBody(resp response) []byte {
	if resp.unbuilt == nil {
		return resp.body
	}
	return build(resp.unbuiltLen, resp.unbuilt)
}

// TestShortAnswersLeaveTheirLengthToTheServer: behind net/http's server (which computes the
// Content-Length of a body it holds whole), an answer of at most 2 KiB does not set one, so
// that its header map stays within the eight entries of its first group; HEAD answers, longer
// ones and answers in process set it. Every answer on the wire has its length all the same
// (TestRouterGolden, TestLongBodiesWrittenFromParts).
func TestShortAnswersLeaveTheirLengthToTheServer(t *testing.T) {
	s, err := New(Config{Count: 3})
	require.NoError(t, err)
	pk := s.Store().Current().Stages()[0].PK
	for _, tc := range []struct {
		method, target string
		behindServer   bool
		setsLength     bool
	}{
		{http.MethodGet, apiPrefix + pk + "/", true, false},
		{http.MethodGet, apiPrefix + "nope/", true, false},
		{http.MethodGet, apiPrefix + pk + "/", false, true},
		{http.MethodHead, apiPrefix + pk + "/", true, true},
		{http.MethodGet, apiPrefix, true, true}, // three stages: over 2 KiB
	} {
		req := httptest.NewRequest(tc.method, tc.target, nil)
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		if tc.behindServer {
			req = req.WithContext(context.WithValue(req.Context(), http.ServerContextKey, &http.Server{}))
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		where := fmt.Sprintf("%s %s (behind a server: %v)", tc.method, tc.target, tc.behindServer)
		assert.Equal(t, tc.setsLength, rec.Header().Get("Content-Length") != "", where)
		if !tc.setsLength {
			assert.LessOrEqual(t, len(rec.Header()), 8, where)
		}
	}
}
