package mockserver

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		assert.Equal(t, http.Header{
			"Content-Type":   {"text/plain; charset=utf-8"},
			"Content-Length": {"30"},
			"X-Powered-By":   {"authentik"},
		}, rec.Header(), where)
	}
	for method, status := range map[string]int{"GET": http.StatusOK, "PROPFIND": http.StatusMethodNotAllowed, "M-SEARCH": http.StatusMethodNotAllowed, "TRACE": http.StatusMethodNotAllowed} {
		rec := do(method, apiPrefix, "")
		assert.Equal(t, status, rec.Code, method)
		assert.Equal(t, contentTypeJSON, rec.Header().Get("Content-Type"), method)
	}
	rec := do("get", ControlPrefix+"faults", "")
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code, "akmock's own route")
	assert.Equal(t, "GET, HEAD, POST, DELETE", rec.Header().Get("Allow"))
}

// TestAcceptsJSON: one Accept entry against authentik's only renderer (application/json), as
// DRF's media_type_matches compares them: type and subtype, either "*", in any case, parameters
// ignored.
func TestAcceptsJSON(t *testing.T) {
	for token, want := range map[string]bool{
		"application/json": true, " APPLICATION/JSON ; q=0": true, "application/*": true, "*/*": true,
		"*/json": true, "*/xml": false, "text/*": false, "text/html": false, "application/xml": false,
		"application": false, "": false, "json": false,
	} {
		assert.Equal(t, want, acceptsJSON(token), "%q", token)
	}
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
