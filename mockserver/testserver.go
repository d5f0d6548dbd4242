package mockserver

import (
	"net/http"
	"net/http/httptest"

	"akmock/fixtures"
	"akmock/schema"
)

// TB is the part of *testing.T and *testing.B that [NewTestServer] uses, so this package does not
// import testing.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// TestServer is akmock on a loopback port for one test, in the spirit of httptest.Server.
type TestServer struct {
	// URL is the base URL, such as http://127.0.0.1:43127; the API is under URL + "/api/v3/".
	URL string
	// Token is the API token the server expects, and [TestServer.Client] sends. Read it; the
	// server keeps the token it started with whatever this field is set to.
	Token string

	t    TB
	srv  *Server
	http *httptest.Server
}

// NewTestServer starts akmock with cfg on a loopback port and closes it when the test ends. A
// response that fails its schema fails the test (t.Errorf with every violation), whatever
// cfg.Validate says: ValidateOff is taken as ValidateWarn, so that every response is checked. A
// bad cfg fails the test at once.
func NewTestServer(t TB, cfg Config) *TestServer {
	t.Helper()
	if cfg.Validate == ValidateOff {
		cfg.Validate = ValidateWarn
	}
	previous := cfg.OnViolation
	cfg.OnViolation = func(e *schema.Error) {
		t.Errorf("akmock: response does not match authentik's schema: %#v", e)
		if previous != nil {
			previous(e)
		}
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("akmock: %v", err)
		return nil
	}
	ts := &TestServer{t: t, srv: srv, http: httptest.NewServer(srv), Token: srv.cfg.Token}
	ts.URL = ts.http.URL
	t.Cleanup(ts.Close)
	return ts
}

// Client returns an HTTP client that sends "Authorization: Bearer <token>" on every request that
// carries no Authorization header of its own. For an anonymous request, set the header to the
// empty string (req.Header.Set("Authorization", "")): authentik, and akmock, read an empty
// header as none.
func (ts *TestServer) Client() *http.Client {
	return &http.Client{Transport: &bearer{token: ts.Token, next: ts.http.Client().Transport}}
}

// Stages returns a copy of the current data, to assert on after requests; see [Server.Stages].
// To set data up, use [TestServer.ReplaceStages], which checks it and fills in authentik's
// defaults.
func (ts *TestServer) Stages() []fixtures.UserLoginStage { return ts.srv.Stages() }

// Reset puts back the data the test server started with; see [Server.Reset].
func (ts *TestServer) Reset() { ts.srv.Reset() }

// ReplaceStages replaces all data with stages, checked as [Server.ReplaceStages] checks them. A
// refusal fails the test at once (t.Fatalf), so call it from the test's goroutine; to test a
// refusal, call ts.Server().ReplaceStages, which returns it.
func (ts *TestServer) ReplaceStages(stages []fixtures.UserLoginStage) {
	ts.t.Helper()
	if err := ts.srv.ReplaceStages(stages); err != nil {
		ts.t.Fatalf("akmock: %v", err)
	}
}

// Server returns the akmock handler behind the test server.
func (ts *TestServer) Server() *Server { return ts.srv }

// Close shuts the server down. It stops taking connections, then cuts off requests still in
// flight, so that one an injected latency holds (up to 50 s) does not hold the end of the test
// too, and a client that retries the cut request (Go's transport retries an idempotent request
// whose kept-alive connection closes) is refused rather than served. It is safe to call twice.
func (ts *TestServer) Close() {
	_ = ts.http.Listener.Close() // a second close only reports that it is closed
	ts.http.CloseClientConnections()
	ts.http.Close()
}

// bearer adds the token to requests.
type bearer struct {
	token string
	next  http.RoundTripper
}

func (b *bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Values("Authorization") == nil { // an empty header is the caller's own
		r = r.Clone(r.Context())
		r.Header.Set("Authorization", "Bearer "+b.token)
	}
	return b.next.RoundTrip(r)
}
