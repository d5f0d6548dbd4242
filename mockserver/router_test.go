package mockserver

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCleanPathRedirect: a path with an empty, "." or ".." segment (decoded: "%2F" is a slash)
// is redirected to its clean form with 301 and the query kept, as authentik's Go router
// (gorilla/mux without SkipClean) answers before anything reaches Django: whatever the method,
// without a token, with a Host Django would refuse, with only the Location header, not journaled.
func TestCleanPathRedirect(t *testing.T) {
	s, err := New(Config{Count: 3})
	require.NoError(t, err)
	pk := s.Store().Current().Stages()[0].PK
	for _, tc := range []struct{ method, target, location string }{
		{http.MethodGet, "/api/v3/stages/user_login//", "/api/v3/stages/user_login/"},
		{http.MethodGet, "//api/v3/stages/user_login/?page=2&search=a%20b", "/api/v3/stages/user_login/?page=2&search=a%20b"},
		{http.MethodDelete, "/api/v3/stages/user_login/" + pk + "//", "/api/v3/stages/user_login/" + pk + "/"},
		{http.MethodPost, "/api/v3/stages/./user_login/", "/api/v3/stages/user_login/"},
		{http.MethodHead, "/api/v3/stages/x/../user_login/" + pk + "/used_by/", "/api/v3/stages/user_login/" + pk + "/used_by/"},
		{http.MethodGet, "/api/v3/stages/user_login/%2F", "/api/v3/stages/user_login/"},
		{http.MethodGet, "/api/v3/stages/user_login/..", "/api/v3/stages"},
		{http.MethodOptions, "/-/health//live/", "/-/health/live/"},
		{http.MethodGet, "/a%20b//c?", "/a%20b/c?"},
	} {
		req := httptest.NewRequest(tc.method, tc.target, nil)
		req.Host = "akmock_server"
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		where := tc.method + " " + tc.target
		assert.Equal(t, http.StatusMovedPermanently, rec.Code, where)
		assert.Equal(t, http.Header{"Location": {tc.location}}, rec.Header(), where)
		assert.Empty(t, rec.Body.String(), where)
	}
	entries, _ := s.journal.list(JournalFilter{})
	assert.Empty(t, entries, "redirects are journaled")

	// A clean path is not redirected.
	req := httptest.NewRequest(http.MethodGet, "/api/v3/stages/user_login/"+pk+"/", nil)
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusOK, rec.Code)
}

// TestIsClean: isClean agrees with cleanPath on every path made of a few segments of interest.
func TestIsClean(t *testing.T) {
	segments := []string{"", ".", "..", "a", ".a", "a.", "...", "%2F"}
	paths := []string{""}
	for range 4 {
		for _, p := range paths {
			for _, s := range segments {
				paths = append(paths, p+"/"+s, p+s)
			}
		}
	}
	for _, p := range paths {
		require.Equal(t, cleanPath(p) == p, isClean(p), "%q (clean: %q)", p, cleanPath(p))
	}
}
