package mockserver_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/mockserver"
	"akmock/mockserver/query"
	"akmock/schema"
)

// The fuzz targets serve every input through the whole handler, over the committed fixture, and
// check what comes back: a status from the set authentik can answer, a body that passes its
// schema (a violation fails the input), and for writes, a store that only a successful write
// changed. Run them with scripts/fuzz.sh; `go test` replays their seed corpora under
// testdata/fuzz/<Target>/.

const (
	fuzzFixture = "../testdata/fixtures/seed1-25.json"
	fuzzStages  = 25 // stages in fuzzFixture
	fuzzBase    = "/api/v3/stages/user_login/"
	// fuzzURILimit is akmock's longest request target (mockserver/limits.go).
	fuzzURILimit = 32 << 10
	// fuzzBodyLimit is the body limit of the write fuzzer's server, small enough for the fuzzer
	// to reach the 413.
	fuzzBodyLimit = 4096
)

// Exact bodies the targets expect for some answers.
const (
	fuzzNotFound      = `{"detail":"Not found."}`
	fuzzNoMatch       = `{"detail":"No UserLoginStage matches the given query."}`
	fuzzInvalidPage   = `{"detail":"Invalid page."}`
	fuzzURITooLong    = `{"detail":"Request URI exceeds the maximum length of 32768 bytes."}`
	fuzzJSON          = "application/json; charset=utf-8"
	fuzzHTML          = "text/html; charset=utf-8"
	fuzzAuthorization = "Bearer " + mockserver.DefaultToken
)

// fuzzServer is one akmock server for a fuzz target, shared by its inputs (the fuzzer runs the
// inputs of one worker one after the other), with the schema violations of the current input.
type fuzzServer struct {
	srv     *mockserver.Server
	schemas *schema.Validator // for the checks that go beyond what the server checks itself

	mu         sync.Mutex
	violations []*schema.Error
}

// mustFuzzServer starts a server on the committed fixture; cfg.Stages and cfg.OnViolation are set
// here.
func mustFuzzServer(tb testing.TB, cfg mockserver.Config) *fuzzServer {
	tb.Helper()
	stages, err := fixtures.LoadFile(fuzzFixture)
	require.NoError(tb, err)
	fs := &fuzzServer{schemas: mustValidator(tb)}
	cfg.Stages = stages
	cfg.OnViolation = func(e *schema.Error) {
		fs.mu.Lock()
		fs.violations = append(fs.violations, e)
		fs.mu.Unlock()
	}
	fs.srv, err = mockserver.New(cfg)
	require.NoError(tb, err)
	return fs
}

// serve sends req and fails t if the answer broke its schema.
func (fs *fuzzServer) serve(t *testing.T, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	fs.mu.Lock()
	fs.violations = nil
	fs.mu.Unlock()
	rec := httptest.NewRecorder()
	fs.srv.ServeHTTP(rec, req)
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, v := range fs.violations {
		t.Errorf("%s %q: schema violation: %#v", req.Method, req.RequestURI, v)
	}
	return rec
}

// fresh gives the server, before an input, the state it had before the first: the data as it
// started, in a new version (none of the pages, orderings and filter results earlier inputs left
// in the last one's caches), and an empty journal (which starts dropping its oldest entry after
// 1000 requests). What an input covers then depends on the input alone: the fuzzer keeps an
// input for the code it reached and checks, before minimising it, that it reaches that code
// again, which an input answered from a page an earlier input left (or the first to fill the
// journal) does not.
func (fs *fuzzServer) fresh(t *testing.T) {
	t.Helper()
	fs.srv.Store().Reset()
	req := httptest.NewRequest(http.MethodDelete, mockserver.ControlPrefix+"requests", nil)
	req.Header.Set("Authorization", fuzzAuthorization)
	rec := httptest.NewRecorder()
	fs.srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("clearing the journal: status %d, body %.300q", rec.Code, rec.Body.String())
	}
}

// stages is the store's data.
func (fs *fuzzServer) stages() []fixtures.UserLoginStage { return fs.srv.Store().Current().Stages() }

// fuzzRequest builds a request whose path and query are taken as given, bytes a client could not
// even put on the wire included: the handler must cope with anything a URL can hold.
func fuzzRequest(method, path, rawQuery string, body []byte) *http.Request {
	req := httptest.NewRequest(method, fuzzBase, bytes.NewReader(body))
	req.URL.Path, req.URL.RawPath, req.URL.RawQuery = path, "", rawQuery
	req.RequestURI = req.URL.RequestURI()
	req.Header.Set("Authorization", fuzzAuthorization)
	return req
}

// FuzzListQuery sends any query string to the list route. The answer is 200 with a consistent
// page, 400 (a filter error as JSON, Django's page for more than 1000 fields, or its empty answer
// to a query string that is not UTF-8), 404 (format or
// page), 414 for a URI over akmock's limit, or 500, which authentik gives only when the ordering
// names flow_set (and then always, unless an earlier check failed) or page_size is so large that
// Django counts no pages.
func FuzzListQuery(f *testing.F) {
	for _, q := range []string{
		"", "ordering=-name&page_size=3&page=2", "ordering=flow_set", "ordering=name,+-flow_set+",
		"search=%00", "name=a%00b", "stage_uuid=%7Bbad%7D&network_binding=x", "page=last&page_size=%D9%A3",
		"page_size=99999999999999999999999999", "format=xml", "search=%22caf%C3%A9+%C3%9C%22,a",
		"terminate_other_sessions=TRUE&search='", "%ff%fe=%c3", strings.Repeat("&", 1000),
		"page_size=1" + strings.Repeat("0", 330), "page=last&page_size=1" + strings.Repeat("0", 330),
		"format=json&page=2&page_size=20", "format=&page=999", "format=api&page=999",
	} {
		f.Add(q)
	}
	fs := mustFuzzServer(f, mockserver.Config{})
	f.Fuzz(func(t *testing.T, rawQuery string) {
		fs.fresh(t)
		rec := fs.serve(t, fuzzRequest(http.MethodGet, fuzzBase, rawQuery, nil))
		fuzzCheckList(t, rawQuery, rec)
		if rec.Code == http.StatusOK {
			require.NoError(t, listPageError(fs.schemas, fs.srv.Store().Current(), rec.Body.Bytes()), "GET ?%q", rawQuery)
		}
		// A page served once is kept for the data version: the same query again is answered from
		// it, and must get the same answer.
		again := fs.serve(t, fuzzRequest(http.MethodGet, fuzzBase, rawQuery, nil))
		if again.Code != rec.Code || again.Header().Get("Content-Type") != rec.Header().Get("Content-Type") || again.Body.String() != rec.Body.String() {
			t.Fatalf("GET ?%q: asked again, status %d, body %.300q; first %d, %.300q", rawQuery, again.Code, again.Body.String(), rec.Code, rec.Body.String())
		}
	})
}

// fuzzCheckList checks one answer of FuzzListQuery.
func fuzzCheckList(t *testing.T, rawQuery string, rec *httptest.ResponseRecorder) {
	t.Helper()
	tooLong := len(fuzzBase)+1+len(rawQuery) > fuzzURILimit
	values, parseErr := query.ParseValues(rawQuery)
	tooManyFields := errors.Is(parseErr, query.ErrTooManyFields)
	flowSet := fuzzOrdersByFlowSet(values["ordering"])
	ct, body := rec.Header().Get("Content-Type"), rec.Body.String()
	fail := func(why string) {
		t.Helper()
		t.Fatalf("GET ?%q: %s: status %d, Content-Type %q, body %.300q", rawQuery, why, rec.Code, ct, body)
	}
	switch {
	case tooLong:
		if rec.Code != http.StatusRequestURITooLong || body != fuzzURITooLong {
			fail("want 414 for a URI over the limit")
		}
		return
	case rec.Code == http.StatusRequestURITooLong:
		fail("414 for a URI within the limit")
	case errors.Is(parseErr, query.ErrNotUTF8):
		if rec.Code != http.StatusBadRequest || ct != fuzzHTML || body != "" {
			fail("want Django's empty 400 for a query string that is not UTF-8")
		}
		return
	case tooManyFields:
		if rec.Code != http.StatusBadRequest || ct != fuzzHTML {
			fail("want Django's 400 page for more than 1000 fields")
		}
		return
	case parseErr != nil:
		fail("ParseValues failed: " + parseErr.Error())
	}
	switch rec.Code {
	case http.StatusOK:
		if flowSet {
			fail("ordering by flow_set must fail (500) as it does in authentik")
		}
		if fuzzPageSizeAtLeast(values["page_size"], fuzzStages) {
			fail("a page_size this large leaves Django no page to serve")
		}
		fuzzCheckPage(t, rawQuery, body)
	case http.StatusBadRequest:
		if ct != fuzzJSON {
			fail("want a JSON error")
		}
		if why := fuzzBadRequestError(values, body); why != "" {
			fail(why)
		}
	case http.StatusNotFound:
		if ct != fuzzJSON {
			fail("want a JSON error")
		}
		// DRF's URL_FORMAT_OVERRIDE: a format that names no renderer (authentik has one, json)
		// is a 404 before the view; an empty one is no format.
		noRenderer := values["format"] != "" && values["format"] != "json"
		switch {
		case body == fuzzNotFound && noRenderer:
		case body == fuzzInvalidPage && !noRenderer && (!fuzzFirstPage(values["page"]) || fuzzPageSizeAtLeast(values["page_size"], 1)):
			// any page but the first, or the last too when Django counts no pages
		default:
			fail("want \"Not found.\" for a format no renderer has, or \"Invalid page.\" for a page that may not exist")
		}
	case http.StatusInternalServerError:
		if !flowSet && !fuzzPageSizeAtLeast(values["page_size"], 1) {
			fail("500 without an ordering on flow_set or a page_size of 2**1075 or more")
		}
		if ct != fuzzHTML {
			fail("want authentik's 500 page")
		}
	default:
		fail("unexpected status")
	}
}

// fuzzBadRequestError says what is wrong with a list's 400 body: it must be the exception for a
// NUL in search (authentik's bare array), or name only parameters the query has (django-filter's
// errors, by filter).
func fuzzBadRequestError(values query.Values, body string) string {
	if body == `["`+query.MsgNullCharacter+`"]` {
		if !strings.Contains(values["search"], "\x00") {
			return "the NUL-in-search error without a NUL in search"
		}
		return ""
	}
	var errs map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &errs); err != nil || len(errs) == 0 {
		return "want an object of errors by parameter"
	}
	for key := range errs {
		if _, ok := values[key]; !ok {
			return "an error for " + strconv.Quote(key) + ", which the query does not have"
		}
	}
	return ""
}

// fuzzFirstPage reports whether page, read as DRF's PageNumberPagination reads it, asks for the
// first page or the last (which always exist while Django counts pages): missing or empty
// (`or 1`), "last", or an integer Python's int() reads as 1.
func fuzzFirstPage(page string) bool {
	if page == "" || page == "last" {
		return true
	}
	n, ok := query.PyBigInt(page)
	return ok && n.IsInt64() && n.Int64() == 1
}

// fuzzPageSizeAtLeast reports whether page_size, read as Python's int(), is at least n * 2**1075:
// from max(1, count) * 2**1075 on, Django's Paginator counts no pages, and authentik answers
// page 1 with a 500 and any other with a 404 (FUZZING.md, finding 1).
func fuzzPageSizeAtLeast(raw string, n int64) bool {
	size, ok := query.PyBigInt(raw)
	return ok && size.Cmp(new(big.Int).Lsh(big.NewInt(n), 1075)) >= 0
}

// fuzzOrdersByFlowSet reports whether an ordering value names flow_set in one of its terms (DRF
// OrderingFilter: comma-separated, each term stripped, one optional leading "-").
func fuzzOrdersByFlowSet(ordering string) bool {
	for _, term := range strings.Split(ordering, ",") {
		if strings.TrimPrefix(query.PyStrip(term), "-") == "flow_set" {
			return true
		}
	}
	return false
}

// fuzzCheckPage checks that a 200 list answer is a consistent page of the fixture's 25 stages.
func fuzzCheckPage(t *testing.T, rawQuery, body string) {
	t.Helper()
	var page listPage
	require.NoError(t, json.Unmarshal([]byte(body), &page), "GET ?%q", rawQuery)
	p := page.Pagination
	if err := page.rowsError(); err != nil || p.Count > fuzzStages || p.Current < 1 || p.Current > max(p.TotalPages, 1) {
		t.Fatalf("GET ?%q: inconsistent page %+v with %d results (%v)", rawQuery, p, len(page.Results), err)
	}
}

// FuzzWriteBody sends any body, with any content type, to create (POST), update (PUT) or partial
// update (PATCH, both on the fixture's first stage). The status must be one a write can get; a
// refused write must leave the data as it was, and an accepted one must change exactly the
// stage it answers with, which must read back byte for byte.
func FuzzWriteBody(f *testing.F) {
	for _, seed := range []struct {
		method uint8
		ct     string
		body   string
	}{
		{0, "application/json", `{"name":"fuzz","session_duration":"hours=1;minutes=30"}`},
		{1, "application/json", `{"name":"fuzz","terminate_other_sessions":"Off","network_binding":"bind_asn"}`},
		{2, "application/json; charset=utf-8", `{"geoip_binding":"bind_continent","remember_me_offset":"days=1e10"}`},
		{2, "application/json", `{"flow_set":[]}`},
		{0, "text/plain", `{"name":"x"}`},
		{1, "application/json", `[1,]`},
		{2, "*/*", `{}`},
		{0, "application/json; charset=utf-16", "\xff\xfe{\x00}\x00"},
		{2, "application/json; charset=utf-32-be", "\x00\x00\x00{\x00\x00\x00}"},
		{0, "application/json; charset=cp1252", "{\"name\":\"caf\xe9 \x80\"}"},
		{0, "application/json; charset=utf-7", `{"name":"caf+AOk +2D3eAA-"}`},
		{1, "application/json; charset=raw-unicode-escape", `{"name":"caf\u00e9 \ud83d\ude00"}`},
	} {
		f.Add(seed.method, seed.ct, []byte(seed.body))
	}
	fs := mustFuzzServer(f, mockserver.Config{MaxBodyBytes: fuzzBodyLimit})
	target := fs.stages()[0].PK
	f.Fuzz(func(t *testing.T, method uint8, contentType string, body []byte) {
		fs.fresh(t)
		before := fs.stages()
		req := fuzzRequest(http.MethodPost, fuzzBase, "", body)
		ok := http.StatusCreated
		switch method % 3 {
		case 1:
			req = fuzzRequest(http.MethodPut, fuzzBase+target+"/", "", body)
			ok = http.StatusOK
		case 2:
			req = fuzzRequest(http.MethodPatch, fuzzBase+target+"/", "", body)
			ok = http.StatusOK
		}
		req.Header.Set("Content-Type", contentType)
		rec := fs.serve(t, req)
		after := fs.stages()
		where := req.Method + " " + strconv.Quote(contentType) + " " + strconv.Quote(string(body))
		switch rec.Code {
		case ok:
			fuzzCheckWritten(t, where, before, after, rec.Body.Bytes(), req.Method == http.MethodPost, target)
			return
		case http.StatusBadRequest, http.StatusUnsupportedMediaType:
		case http.StatusRequestEntityTooLarge:
			if len(body) <= fuzzBodyLimit {
				t.Fatalf("%s: 413 for %d bytes", where, len(body))
			}
		case http.StatusMethodNotAllowed: // an unhandled error in authentik: its 405 page, empty
			if rec.Body.Len() != 0 {
				t.Fatalf("%s: 405 with a body %q", where, rec.Body.String())
			}
		default:
			t.Fatalf("%s: unexpected status %d: %.300q", where, rec.Code, rec.Body.String())
		}
		if len(body) > fuzzBodyLimit && rec.Code != http.StatusRequestEntityTooLarge && rec.Code != http.StatusUnsupportedMediaType {
			t.Fatalf("%s: status %d for a body over the limit", where, rec.Code)
		}
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("%s: refused with %d, but the data changed", where, rec.Code)
		}
	})
}

// fuzzCheckWritten checks an accepted write: a create appended one stage, an update changed only
// the target; the stage written is what the body shows.
func fuzzCheckWritten(t *testing.T, where string, before, after []fixtures.UserLoginStage, body []byte, created bool, target string) {
	t.Helper()
	var written fixtures.UserLoginStage
	if created {
		require.Len(t, after, len(before)+1, where)
		require.Equal(t, before, after[:len(before)], where)
		written = after[len(before)]
	} else {
		require.Len(t, after, len(before), where)
		for i := range before {
			if before[i].PK == target {
				written = after[i]
				continue
			}
			require.Equal(t, before[i], after[i], "%s: a stage other than the target changed", where)
		}
	}
	if got := written.AppendJSON(nil); !bytes.Equal(got, body) {
		t.Fatalf("%s: answered %q, stored %q", where, body, got)
	}
}

// fuzzItemRoute matches the item routes as DRF's router declares them (lookup [^/.]+).
var fuzzItemRoute = regexp.MustCompile(`^/api/v3/stages/user_login/([^/.]+)/(used_by/)?$`)

// FuzzItemPath sends any pk segment to the item and used_by routes, with each method those
// routes or authentik's error pages answer differently. The answer follows from the path alone:
// which route it reaches, whether the segment reads as a UUID, whether that stage exists.
func FuzzItemPath(f *testing.F) {
	stages, err := fixtures.LoadFile(fuzzFixture)
	require.NoError(f, err)
	pk := stages[0].PK
	for _, seed := range []struct {
		method  uint8
		segment string
		usedBy  bool
	}{
		{0, pk, false}, {0, pk, true}, {3, pk, false}, {4, pk, true},
		{0, strings.ToUpper(strings.ReplaceAll(pk, "-", "")), false}, {1, "{" + pk + "}", true},
		{0, "urn:uuid:" + pk, false}, {2, "not-a-uuid", false}, {3, "a.b", false}, {0, "a/b", true},
		{0, "\x00", false}, {4, "\xff\xfe", true}, {0, "", false}, {3, pk + "/used_by", false},
	} {
		f.Add(seed.method, seed.segment, seed.usedBy)
	}
	fs := mustFuzzServer(f, mockserver.Config{})
	methods := []string{http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodDelete, http.MethodPatch}
	authentikRouter := mux.NewRouter() // cleans paths, as authentik's router does
	authentikRouter.PathPrefix("/").HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	f.Fuzz(func(t *testing.T, m uint8, segment string, usedBy bool) {
		fs.fresh(t)
		before := fs.stages()
		path := fuzzBase + segment + "/"
		if usedBy {
			path += "used_by/"
		}
		method := methods[int(m)%len(methods)]
		want, wantBody := fuzzExpectItem(fs, method, path)
		rec := fs.serve(t, fuzzRequest(method, path, "", nil))
		where := method + " " + strconv.Quote(path)
		if rec.Code != want {
			t.Fatalf("%s: status %d, want %d (body %.300q)", where, rec.Code, want, rec.Body.String())
		}
		if wantBody != nil && rec.Body.String() != *wantBody {
			t.Fatalf("%s: body %.300q, want %.300q", where, rec.Body.String(), *wantBody)
		}
		if want == http.StatusMovedPermanently {
			redirect := httptest.NewRecorder()
			authentikRouter.ServeHTTP(redirect, fuzzRequest(method, path, "", nil))
			if got, want := rec.Header().Get("Location"), redirect.Header().Get("Location"); got != want {
				t.Fatalf("%s: Location %q, gorilla/mux's %q", where, got, want)
			}
		}
		after := fs.stages()
		if method == http.MethodDelete && want == http.StatusNoContent {
			require.Len(t, after, len(before)-1, where)
			return
		}
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("%s: answered %d, but the data changed", where, rec.Code)
		}
	})
}

// fuzzExpectItem is the status (and, where it is fixed, the body) of a request to path.
func fuzzExpectItem(fs *fuzzServer, method, path string) (int, *string) {
	str := func(s string) *string { return &s }
	if len((&url.URL{Path: path}).RequestURI()) > fuzzURILimit {
		return http.StatusRequestURITooLong, str(fuzzURITooLong)
	}
	for _, segment := range strings.Split(strings.TrimSuffix(strings.TrimPrefix(path, "/"), "/"), "/") {
		if segment == "" || segment == "." || segment == ".." { // the Go router's clean-path redirect
			return http.StatusMovedPermanently, str("")
		}
	}
	m := fuzzItemRoute.FindStringSubmatch(path)
	if m == nil { // authentik's error pages: GET only
		switch method {
		case http.MethodGet, http.MethodHead:
			return http.StatusNotFound, nil
		case http.MethodOptions:
			return http.StatusOK, str("")
		default:
			return http.StatusMethodNotAllowed, str("")
		}
	}
	usedBy := m[2] != ""
	if method == http.MethodOptions {
		return http.StatusOK, nil
	}
	if usedBy && method != http.MethodGet && method != http.MethodHead {
		return http.StatusMethodNotAllowed, str(`{"detail":"Method \"` + method + `\" not allowed."}`)
	}
	notFound := str(fuzzNotFound)
	pk, ok := query.PyUUID(m[1])
	if ok {
		notFound = str(fuzzNoMatch)
	}
	e, exists := fs.srv.Store().Current().Get(pk)
	if !ok || !exists {
		if method == http.MethodHead {
			return http.StatusNotFound, str("")
		}
		return http.StatusNotFound, notFound
	}
	switch {
	case method == http.MethodDelete:
		return http.StatusNoContent, str("")
	case method == http.MethodHead:
		return http.StatusOK, str("")
	case usedBy:
		return http.StatusOK, nil
	default: // GET, or PATCH with no body: the stage as it is
		return http.StatusOK, str(string(e.JSON))
	}
}
