package mockserver

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gorilla/mux"
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
	entries, _ := s.journal.list(journalFilter{})
	assert.Empty(t, entries, "redirects are not journaled")

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

// TestRedirectAsGorillaMux: on every path of a few segments of interest, with and without a query,
// akmock redirects exactly when gorilla/mux's own router (authentik's, which cleans paths) does,
// to the same Location.
func TestRedirectAsGorillaMux(t *testing.T) {
	s, err := New(Config{Count: 1})
	require.NoError(t, err)
	authentik := mux.NewRouter()
	authentik.PathPrefix("/").HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	segments := []string{"", ".", "..", "a", ".a", "%2F", "%2E%2E", "user_login"}
	paths := []string{"/"}
	for range 3 {
		for _, p := range paths {
			for _, seg := range segments {
				paths = append(paths, p+seg+"/", p+seg)
			}
		}
	}
	redirects := 0
	for _, p := range paths {
		for _, target := range []string{p, p + "?page=2&search=a%20b"} {
			want, got := httptest.NewRecorder(), httptest.NewRecorder()
			authentik.ServeHTTP(want, httptest.NewRequest(http.MethodGet, target, nil))
			s.ServeHTTP(got, httptest.NewRequest(http.MethodGet, target, nil))
			if want.Code == http.StatusMovedPermanently {
				redirects++
				require.Equal(t, http.StatusMovedPermanently, got.Code, target)
				require.Equal(t, want.Header().Get("Location"), got.Header().Get("Location"), target)
			} else {
				require.NotEqual(t, http.StatusMovedPermanently, got.Code, target)
			}
		}
	}
	assert.Greater(t, redirects, len(paths)/2, "the paths hold redirects and others")
}
