package mockserver

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures/pyjson"
	"akmock/mockserver/query"
)

// TestASCIIEqualFold pairs schemes with whether Python's scheme.lower() == "bearer" holds for
// them, which is what authentik's TokenAuthentication compares.
func TestASCIIEqualFold(t *testing.T) {
	tests := []struct {
		scheme string
		want   bool
	}{
		{"bearer", true},
		{"Bearer", true},
		{"BEARER", true},
		{"bEaReR", true},
		{"beare", false},
		{"bearers", false},
		{"Token", false},
		{"", false},
		{"bearér", false},
		{"bear\u212aer", false}, // the Kelvin sign lower-cases to k, and "bearer" has none
		{"BEARER\x00", false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, asciiEqualFold(tc.scheme, "bearer"), "%q", tc.scheme)
	}
}

// TestUnknownMethod: authentik's ASGI server (uvicorn with httptools) refuses a method its
// parser does not know, a lower-case one too, with its plain-text 400 before Django (so before
// the Host check, with none of Django's headers); one it knows reaches DRF, which refuses what
// the route does not serve with 405. akmock's own control routes take methods as sent.
func TestUnknownMethod(t *testing.T) {
	s, err := New(Config{Count: 1})
	require.NoError(t, err)
	do := func(method, path, host string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		if host != "" {
			req.Host = host
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	for _, tc := range []struct{ method, path, host string }{
		{"get", apiPrefix, ""},
		{"Get", apiPrefix, ""},
		{"FOO", apiPrefix, ""},
		{"BREW", apiPrefix + "x/", "akmock_server:9000"},
		{"PRI", apiPrefix, ""},
		{"get", "/-/health/ready/", ""},
		{"post", "/nope/", ""},
	} {
		rec := do(tc.method, tc.path, tc.host)
		where := tc.method + " " + tc.path
		assert.Equal(t, http.StatusBadRequest, rec.Code, where)
		assert.Equal(t, "Invalid HTTP request received.", rec.Body.String(), where)
		assert.Equal(t, beforeMiddlewareHeader(contentTypePlain, len(msgInvalidRequest)), rec.Header(), where)
	}
	for method, status := range map[string]int{"GET": http.StatusOK, "PROPFIND": http.StatusMethodNotAllowed, "M-SEARCH": http.StatusMethodNotAllowed, "TRACE": http.StatusMethodNotAllowed, "QUERY": http.StatusMethodNotAllowed} {
		rec := do(method, apiPrefix, "")
		assert.Equal(t, status, rec.Code, method)
		assert.Equal(t, contentTypeJSON, rec.Header().Get("Content-Type"), method)
	}
	rec := do("get", ControlPrefix+"faults", "")
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code, "akmock's own route")
	assert.Equal(t, "GET, HEAD, POST, DELETE", rec.Header().Get("Allow"))
}

// TestAdmitsJSON: one Accept entry against authentik's only renderer (application/json), as
// DRF's media_type_matches compares them: type and subtype, either "*", in any case, parameters
// ignored.
func TestAdmitsJSON(t *testing.T) {
	for token, want := range map[string]bool{
		"application/json": true, " APPLICATION/JSON ; q=0": true, "application/*": true, "*/*": true,
		"*/json": true, "*/xml": false, "text/*": false, "text/html": false, "application/xml": false,
		"application": false, "": false, "json": false, `application/json;x="a;b"`: true,
	} {
		assert.Equal(t, want, parseMediaType(query.PyStrip(token)).admitsJSON(), "%q", token)
	}
}

// TestAcceptedMediaType: the accepted media type of each Accept header in testdata/accept.jsonl
// is one DRF's content negotiation gave for it (testdata/gen_accept.py: DRF 3.14, whose
// negotiation is 3.16's, under 12 string hash seeds), or a 406 where DRF refused it.
func TestAcceptedMediaType(t *testing.T) {
	f, err := os.Open("testdata/accept.jsonl")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		var c struct {
			Accept *string
			Any    []*string
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
		n++
		var got *string
		if c.Accept == nil { // no Accept: DRF renders the first renderer's type, compact JSON
			indent, err := negotiate(query.Values{}, http.Header{})
			require.NoError(t, err)
			assert.False(t, indent, "no Accept header")
			require.Len(t, c.Any, 1)
			assert.Equal(t, "application/json", *c.Any[0], "DRF's type for no Accept header")
			continue
		}
		if mt, ok := acceptedMediaType(*c.Accept); ok {
			got = &mt
		}
		assert.Contains(t, c.Any, got, "Accept: %q", *c.Accept)
	}
	require.NoError(t, sc.Err())
	assert.GreaterOrEqual(t, n, 40)
}

// TestIndentedForTextHTML: drf-orjson-renderer indents every answer DRF renders (a page, an
// error, OPTIONS) when the accepted media type mentions text/html, and so does akmock, with
// Content-Length to match; a separate text/html entry, or no Accept at all, leaves it compact.
func TestIndentedForTextHTML(t *testing.T) {
	s, err := New(Config{Count: 2})
	require.NoError(t, err)
	do := func(method, target, accept string, token bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		if token {
			req.Header.Set("Authorization", "Bearer "+DefaultToken)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	for _, tc := range []struct {
		method, target string
		token          bool
	}{
		{http.MethodGet, apiPrefix, true},
		{http.MethodGet, apiPrefix, false},
		{http.MethodGet, apiPrefix + "?stage_uuid=x", true},
		{http.MethodOptions, apiPrefix, true},
		{http.MethodHead, apiPrefix, true},
	} {
		bodyMethod := tc.method // a HEAD answer's length is its GET body's
		if bodyMethod == http.MethodHead {
			bodyMethod = http.MethodGet
		}
		compact := do(bodyMethod, tc.target, "", tc.token)
		for accept, indented := range map[string]bool{
			"application/json;text/html": true, "*/*; x=text/html": true, "application/json, text/html": false,
		} {
			rec := do(tc.method, tc.target, accept, tc.token)
			where := tc.method + " " + tc.target + " Accept: " + accept
			require.Equal(t, compact.Code, rec.Code, where)
			want := compact.Body.Bytes()
			if indented {
				want = pyjson.AppendIndented(nil, want)
			}
			assert.Equal(t, strconv.Itoa(len(want)), rec.Header().Get("Content-Length"), where)
			if tc.method == http.MethodHead {
				want = nil
			}
			assert.Equal(t, string(want), rec.Body.String(), where)
		}
	}
	rec := do(http.MethodGet, apiPrefix, "text/html", true)
	assert.Equal(t, http.StatusNotAcceptable, rec.Code)
	assert.Equal(t, `{"detail":"Could not satisfy the request Accept header."}`, rec.Body.String(), "406 is rendered without the client's media type")
}

// TestAuthorizationAsAuthentikReadsIt: the header as Django under ASGI hands it on (repeated
// headers joined with commas, so two good tokens are one bad token) and as authentik's
// TokenAuthentication decodes it (bytes that are not UTF-8 raise: an unhandled error, the 500
// page on GET). authentik-sources.md, authentication.
func TestAuthorizationAsAuthentikReadsIt(t *testing.T) {
	s, err := New(Config{Count: 2})
	require.NoError(t, err)
	for _, tc := range []struct {
		name   string
		values []string
		status int
		body   string
	}{
		{"the token", []string{"Bearer " + DefaultToken}, http.StatusOK, ""},
		{"the token twice", []string{"Bearer " + DefaultToken, "Bearer " + DefaultToken}, http.StatusForbidden, `{"detail":"Token invalid/expired"}`},
		{"a byte that is not UTF-8", []string{"Bearer " + DefaultToken + "\xff"}, http.StatusInternalServerError, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, apiPrefix, nil)
			req.Header["Authorization"] = tc.values
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			assert.Equal(t, tc.status, rec.Code)
			if tc.body != "" {
				assert.Equal(t, tc.body, rec.Body.String())
			}
			if tc.status == http.StatusInternalServerError {
				assert.Equal(t, contentTypeHTML, rec.Header().Get("Content-Type"), "authentik's error page")
			}
		})
	}
}

// TestDispatchOrder: what DRF decides first answers first (authentik-sources.md, dispatch order):
// content negotiation (Accept, ?format=) before authentication, so a bad token does not hide a
// 406 or a 404; and on item routes the permission check (get_object's) before django-filter
// reads the query, so an anonymous client gets the 403 rather than the filter's 400, and
// used_by, which answers anonymous clients, [] without reading the filters at all.
func TestDispatchOrder(t *testing.T) {
	s, err := New(Config{Count: 2})
	require.NoError(t, err)
	pk := s.Store().Current().Stages()[0].PK
	for _, tc := range []struct {
		name, target, authorization, accept string
		status                              int
		body                                string
	}{
		{"406 before a bad token", apiPrefix, "Bearer wrong", "text/html", http.StatusNotAcceptable, `{"detail":"Could not satisfy the request Accept header."}`},
		{"?format= before a bad token", apiPrefix + "?format=xml", "Bearer wrong", "", http.StatusNotFound, `{"detail":"Not found."}`},
		{"a bad token before the filters", apiPrefix + "?stage_uuid=bad", "Bearer wrong", "", http.StatusForbidden, `{"detail":"Token invalid/expired"}`},
		{"anonymous item: permission before the filters", apiPrefix + pk + "/?stage_uuid=bad", "", "", http.StatusForbidden, `{"detail":"You do not have permission to perform this action."}`},
		{"anonymous used_by: no filters read", apiPrefix + pk + "/used_by/?stage_uuid=bad", "", "", http.StatusOK, `[]`},
		{"the filters on an item route", apiPrefix + pk + "/?stage_uuid=bad", "Bearer " + DefaultToken, "", http.StatusBadRequest, `{"stage_uuid":["Enter a valid UUID."]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tc.target, nil)
			if tc.authorization != "" {
				req.Header.Set("Authorization", tc.authorization)
			}
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			assert.Equal(t, tc.status, rec.Code)
			assert.Equal(t, tc.body, rec.Body.String())
		})
	}
}
