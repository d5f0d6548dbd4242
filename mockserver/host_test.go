package mockserver

import (
	"net/http"
	"net/http/httptest"
	"strconv"
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

// TestDisallowedHost: a request with a Host Django refuses is answered by authentik's first
// middleware, django-tenants' DefaultTenantMiddleware, before anything else: an empty 404 for
// every method on every route of authentik's (before authentication, so writes change nothing),
// without the headers later middleware and DRF add; akmock's health and control routes do not
// check it.
func TestDisallowedHost(t *testing.T) {
	s, err := New(Config{Count: 3})
	require.NoError(t, err)
	pk, name := s.Store().Current().Stages()[0].PK, s.Store().Current().Stages()[0].Name
	for _, tc := range []struct {
		method, target string
		token          bool
		status         int
		contentType    string
	}{
		{http.MethodGet, apiPrefix, true, http.StatusNotFound, contentTypeHTML},
		{http.MethodGet, apiPrefix, false, http.StatusNotFound, contentTypeHTML},
		{http.MethodHead, apiPrefix + pk + "/", true, http.StatusNotFound, contentTypeHTML},
		{http.MethodOptions, apiPrefix, true, http.StatusNotFound, contentTypeHTML},
		{http.MethodDelete, apiPrefix + pk + "/", true, http.StatusNotFound, contentTypeHTML},
		{http.MethodPost, apiPrefix, true, http.StatusNotFound, contentTypeHTML},
		{http.MethodPut, apiPrefix + pk + "/", true, http.StatusNotFound, contentTypeHTML},
		{"TRACE", apiPrefix, true, http.StatusNotFound, contentTypeHTML},
		{http.MethodGet, apiPrefix + pk + "/used_by/", false, http.StatusNotFound, contentTypeHTML},
		{http.MethodGet, "/nope/", true, http.StatusNotFound, contentTypeHTML},
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
		if tc.status == http.StatusNotFound {
			assert.Empty(t, rec.Body.String(), where)
			assert.Equal(t, emptyBeforeMiddlewareHeader(), rec.Header(), where)
			assert.Equal(t, tc.method != http.MethodHead, rec.Flushed, "sent chunked: %s", where)
		}
	}
	assert.Equal(t, 3, s.Store().Current().Len(), "a refused DELETE or POST changed the data")
	stage, ok := s.Store().Current().Get(pk)
	require.True(t, ok, "a refused DELETE deleted the stage")
	assert.Equal(t, name, stage.Stage().Name, "a refused PUT changed the data")
}

// TestHostDjangoSees: authentik's router takes the host from X-Forwarded-Host when the client's
// address is in its default trusted proxy networks, the header's first line whole (gorilla/handlers
// v1.5.2 splits nothing; "a, b" from chained proxies is refused later); otherwise, or without
// that header, the Host header.
func TestHostDjangoSees(t *testing.T) {
	for _, tc := range []struct{ remote, host, forwarded, want string }{
		{"127.0.0.1:5000", "akmock_server:9000", "auth.example.com", "auth.example.com"},
		{"127.0.0.1:5000", "akmock_server:9000", "", "akmock_server:9000"},
		{"127.0.0.1:5000", "localhost", "a.example, b.example", "a.example, b.example"},
		{"127.0.0.1:5000", "localhost", "a.example,b.example", "a.example,b.example"},
		{"127.255.0.9:1", "h", "f", "f"},
		{"10.1.2.3:1", "h", "f", "f"},
		{"172.16.0.1:1", "h", "f", "f"},
		{"172.31.255.255:1", "h", "f", "f"},
		{"192.168.1.1:1", "h", "f", "f"},
		{"[::1]:1", "h", "f", "f"},
		{"[fe80::1]:1", "h", "f", "f"},
		{"[::ffff:10.0.0.1]:1", "h", "f", "f"},
		{"[fe80::1%eth0]:1", "h", "f", "h"}, // a zone: net.ParseIP reads no IP
		{"172.32.0.1:1", "h", "f", "h"},
		{"203.0.113.5:1", "h", "f", "h"},
		{"[2001:db8::1]:1", "h", "f", "h"},
		{"[fc00::1]:1", "h", "f", "h"},
		{"192.0.2.1", "h", "f", "h"}, // no port: not an address net.SplitHostPort reads
		{"", "h", "f", "h"},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr, r.Host = tc.remote, tc.host
		if tc.forwarded != "" {
			r.Header.Set("X-Forwarded-Host", tc.forwarded)
		}
		assert.Equal(t, tc.want, hostDjangoSees(r), "%+v", tc)
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr, r.Host = "127.0.0.1:5000", "h"
	r.Header.Add("X-Forwarded-Host", "first.example")
	r.Header.Add("X-Forwarded-Host", "second_one")
	assert.Equal(t, "first.example", hostDjangoSees(r), "the first of repeated header lines")
}

// TestForwardedHostOverTheWire: a proxy on loopback in front of akmock (nginx passing the
// upstream's compose name as Host, the public name as X-Forwarded-Host) is answered as authentik
// answers it: Django checks the forwarded host, so the underscore in the Host does not matter,
// and a forwarded host Django refuses (two of them, joined by chained proxies) is refused
// whatever the Host.
func TestForwardedHostOverTheWire(t *testing.T) {
	s, err := New(Config{Count: 3})
	require.NoError(t, err)
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, tc := range []struct {
		host, forwarded string
		status          int
	}{
		{"akmock_server:9000", "auth.example.com", http.StatusOK},
		{"akmock_server:9000", "", http.StatusNotFound},
		{"localhost", "auth_example.com", http.StatusNotFound},
		{"localhost", "auth.example.com, proxy.example", http.StatusNotFound},
		{"localhost", "auth.example.com,proxy.example", http.StatusNotFound},
		{"localhost", "  auth.example.com  ", http.StatusOK}, // Go's header reading trims it
	} {
		req, err := http.NewRequest(http.MethodGet, ts.URL+apiPrefix, nil)
		require.NoError(t, err)
		req.Host = tc.host
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		if tc.forwarded != "" {
			req.Header.Set("X-Forwarded-Host", tc.forwarded)
		}
		resp, err := ts.Client().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, tc.status, resp.StatusCode, "%+v", tc)
	}
}

// TestQueryNotUTF8: Django under ASGI decodes the query string while it builds the request, so
// raw bytes that are not UTF-8 get its empty 400 before any middleware runs: before the Host
// check, without the later middleware's headers, on every authentik route and the readiness
// check, whatever the method. The data is unchanged and the request journaled.
func TestQueryNotUTF8(t *testing.T) {
	s, err := New(Config{Count: 3})
	require.NoError(t, err)
	pk := s.Store().Current().Stages()[0].PK
	for _, tc := range []struct{ method, path, host string }{
		{http.MethodGet, apiPrefix, "localhost"},
		{http.MethodGet, apiPrefix, "akmock_server:9000"},
		{http.MethodDelete, apiPrefix + pk + "/", "localhost"},
		{http.MethodPost, apiPrefix, "localhost"},
		{http.MethodGet, apiPrefix + pk + "/used_by/", "localhost"},
		{http.MethodGet, "/nope/", "localhost"},
		{http.MethodGet, "/-/health/ready/", "localhost"},
	} {
		req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(`{"name":"x"}`))
		req.URL.RawQuery = "name=caf\xe9"
		req.Host = tc.host
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		where := tc.method + " " + tc.path + " Host " + tc.host
		assert.Equal(t, http.StatusBadRequest, rec.Code, where)
		assert.Empty(t, rec.Body.String(), where)
		assert.Equal(t, emptyBeforeMiddlewareHeader(), rec.Header(), where)
		assert.Equal(t, tc.method != http.MethodHead, rec.Flushed, "sent chunked: %s", where)
	}
	assert.Equal(t, 3, s.Store().Current().Len(), "a refused request changed the data")
	entries, _ := s.journal.list(journalFilter{Status: http.StatusBadRequest})
	assert.Len(t, entries, 6, "the API requests are journaled, the readiness check is not")
}

// emptyBeforeMiddlewareHeader is the whole header of Django's empty answer given before its
// middleware: its type, and authentik's router's headers; no length (it is sent chunked).
func emptyBeforeMiddlewareHeader() http.Header {
	return http.Header{
		"Content-Type": {contentTypeHTML},
		"X-Powered-By": {"authentik"},
		"Vary":         {"Accept-Encoding"},
	}
}

// beforeMiddlewareHeader is the whole header of an answer given before Django's middleware: its
// type and length, and authentik's router's X-Powered-By.
func beforeMiddlewareHeader(contentType string, length int) http.Header {
	return http.Header{
		"Content-Type":   {contentType},
		"Content-Length": {strconv.Itoa(length)},
		"X-Powered-By":   {"authentik"},
		"Vary":           {"Accept-Encoding"},
	}
}
