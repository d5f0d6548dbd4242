package mockserver

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckHost: the hosts Django's get_host() accepts with ALLOWED_HOSTS = ["*"], each answer
// seen on the reference oracle (Debian's Django 3.2, whose host pattern differs from 5.1's only in
// accepting non-ASCII digits in the port, which Go's server refuses before any handler), except
// the empty host, which authentik's Go server replaces by its backend address before Django sees
// it. Hosts that Go's server itself
// refuses (spaces, "@", "/", non-ASCII) never reach a handler and are not listed.
func TestCheckHost(t *testing.T) {
	valid := []string{"", "localhost", "127.0.0.1:8000", "X.COM", "x.com.", "x.", "..", "-", "a",
		"[::1]", "[::1]:80", "[1:2]:3", "[::ffff:127.0.0.1]:80", "x.com:99999999"}
	invalid := []string{"my_host", "akmock_server:9000", "x:abc", "a:", ":80", "a,b", "*", "[zz]", ".",
		"[::1", "[::1]:", "[::g]", "[:]", "[a:]", "[]", "a:1:2", "exa%20mple", "a;b", "a~b", "a!b",
		"a=b", "a'b", "a(b"}
	for _, h := range valid {
		assert.NoError(t, checkHost(h), "%q", h)
	}
	for _, h := range invalid {
		assert.Error(t, checkHost(h), "%q", h)
	}
}

// TestDisallowedHost: a request with a Host Django refuses gets authentik's 400 error view (GET
// only: 405 and an empty body for writes, which therefore change nothing), on every route of
// authentik's, before authentication; akmock's health and control routes do not check it.
func TestDisallowedHost(t *testing.T) {
	s, err := New(Config{Count: 3})
	require.NoError(t, err)
	pk := s.Store().Current().Stages()[0].PK
	for _, tc := range []struct {
		method, target string
		token          bool
		status         int
		contentType    string
	}{
		{http.MethodGet, apiPrefix, true, http.StatusBadRequest, contentTypeHTML},
		{http.MethodGet, apiPrefix, false, http.StatusBadRequest, contentTypeHTML},
		{http.MethodHead, apiPrefix + pk + "/", true, http.StatusBadRequest, contentTypeHTML},
		{http.MethodOptions, apiPrefix, true, http.StatusOK, contentTypeHTML},
		{http.MethodDelete, apiPrefix + pk + "/", true, http.StatusMethodNotAllowed, contentTypeHTML},
		{http.MethodPost, apiPrefix, true, http.StatusMethodNotAllowed, contentTypeHTML},
		{"TRACE", apiPrefix, true, http.StatusMethodNotAllowed, contentTypeHTML},
		{http.MethodGet, "/nope/", true, http.StatusBadRequest, contentTypeHTML},
		{http.MethodGet, "/-/health/live/", false, http.StatusNoContent, ""},
		{http.MethodGet, ControlPrefix + "faults", true, http.StatusOK, "application/json; charset=utf-8"},
	} {
		req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(`{"name":"x"}`))
		req.Host = "akmock_server:9000"
		req.Header.Set("Content-Type", "application/json")
		if tc.token {
			req.Header.Set("Authorization", "Bearer "+DefaultToken)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		where := tc.method + " " + tc.target
		assert.Equal(t, tc.status, rec.Code, where)
		assert.Equal(t, tc.contentType, rec.Header().Get("Content-Type"), where)
		if tc.method != http.MethodGet {
			assert.Empty(t, rec.Body.String(), where)
		}
	}
	assert.Equal(t, 3, s.Store().Current().Len(), "a refused DELETE or POST changed the data")
}
