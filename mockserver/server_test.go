package mockserver_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/mockserver"
)

// The server serves its own copy of Config.Stages: the caller's slice (a whole fixture file's
// worth) and flows are not kept alive for the server's life.
func TestNewDoesNotKeepConfiguredStages(t *testing.T) {
	stages := fixtures.Generate(4, 50)
	require.NotEmpty(t, stages[0].FlowSet)
	caller := weak.Make(&stages[0])
	callerFlow := weak.Make(stages[0].FlowSet[0])
	s, err := mockserver.New(mockserver.Config{Stages: stages})
	require.NoError(t, err)
	stages = nil
	runtime.GC()
	runtime.GC()
	assert.Nil(t, caller.Value(), "the server still holds the caller's stages")
	assert.Nil(t, callerFlow.Value(), "the server still holds the caller's flows")
	assert.Equal(t, 50, s.Store().Current().Len())
	runtime.KeepAlive(s)
}

// TestNewRefusesWhatAFixtureCouldNotHold: configured stages get the checks a fixture file gets
// from fixtures.Load: without them a duplicate pk served one stage twice, an upper-case pk was
// listed but could never be retrieved, updated or deleted, a bad duration or a NUL was served,
// and two names that differ only in bytes that are not UTF-8 were served as one name twice.
func TestNewRefusesWhatAFixtureCouldNotHold(t *testing.T) {
	const prefix = "fixture Config.Stages: "
	g := fixtures.Generate(4, 3) // the stages each case spoils a copy of
	for _, tc := range []struct {
		name  string
		spoil func(stages []fixtures.UserLoginStage)
		want  string
	}{
		{"upper-case pk", func(st []fixtures.UserLoginStage) { st[1].PK = strings.ToUpper(st[1].PK) },
			`stage #1: field "pk": "` + strings.ToUpper(g[1].PK) + `" is not a UUID in canonical form (lower-case, hyphenated)`},
		{"not a uuid", func(st []fixtures.UserLoginStage) { st[0].PK = "x" }, `stage #0: field "pk": "x" is not a UUID`},
		{"pk twice", func(st []fixtures.UserLoginStage) { st[2].PK = st[0].PK },
			`stage #2: field "pk": ` + g[0].PK + ` is stage #0's pk too (stage pks are unique)`},
		{"name twice", func(st []fixtures.UserLoginStage) { st[1].Name = st[0].Name },
			`stage #1: field "name": "` + g[0].Name + `" is stage #0's name too (stage names are unique)`},
		{"bad duration", func(st []fixtures.UserLoginStage) { st[2].SessionDuration = "bogus" },
			`stage #2: field "session_duration": "bogus" is not a duration in authentik's format (such as "hours=1;minutes=30")`},
		{"duration past a timedelta", func(st []fixtures.UserLoginStage) { st[0].RememberMeOffset = "days=1e10" },
			`stage #0: field "remember_me_offset": "days=1e10" is out of range for a duration (Python's timedelta holds at most 999999999 days)`},
		{"NUL in a name", func(st []fixtures.UserLoginStage) { st[1].Name = "a\x00b" },
			`stage #1: field "name": must not contain a NUL character (PostgreSQL text cannot hold it)`},
		{"name not UTF-8", func(st []fixtures.UserLoginStage) { st[2].Name = "login\xff" }, `stage #2: field "name": is not valid UTF-8`},
		{"unknown binding", func(st []fixtures.UserLoginStage) { st[0].GeoIPBinding = "bind_planet" },
			`stage #0: field "geoip_binding": "bind_planet" is not one of no_binding, bind_continent, bind_continent_country, bind_continent_country_city`},
		{"upper-case policy binding model", func(st []fixtures.UserLoginStage) {
			st[0].FlowSet[0].PolicyBindingModelPtrID = strings.ToUpper(g[0].FlowSet[0].PolicyBindingModelPtrID)
		}, `stage #0: flow_set #0: field "policybindingmodel_ptr_id": "` + strings.ToUpper(g[0].FlowSet[0].PolicyBindingModelPtrID) + `" is not a UUID in canonical form (lower-case, hyphenated)`},
		{"flow without a designation", func(st []fixtures.UserLoginStage) { st[0].FlowSet[0].Designation = "" },
			`stage #0: flow_set #0: field "designation": "" is not one of authentication, authorization, invalidation, enrollment, unenrollment, recovery, stage_configuration`},
		{"NUL in a flow title", func(st []fixtures.UserLoginStage) { st[0].FlowSet[0].Title = "\x00" },
			`stage #0: flow_set #0: field "title": must not contain a NUL character (PostgreSQL text cannot hold it)`},
		{"two flows, one pk", func(st []fixtures.UserLoginStage) {
			twin := *st[0].FlowSet[0]
			twin.Slug = "another-slug"
			st[1].FlowSet = []*fixtures.Flow{&twin}
		}, `stage #1: flow_set #0: field "pk": ` + g[0].FlowSet[0].PK + ` is the pk of another flow (share one *Flow between stages instead)`},
		{"two flows, one slug", func(st []fixtures.UserLoginStage) {
			twin := *st[0].FlowSet[0]
			twin.PK = "00000000-0000-4000-8000-000000000001"
			st[1].FlowSet = []*fixtures.Flow{&twin}
		}, `stage #1: flow_set #0: field "slug": "` + g[0].FlowSet[0].Slug + `" already belongs to flow ` + g[0].FlowSet[0].PK + `, first given at stage #0 flow_set #0 (slugs are unique)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stages := fixtures.Clone(g)
			require.NotEmpty(t, stages[0].FlowSet)
			tc.spoil(stages)
			_, err := mockserver.New(mockserver.Config{Stages: stages})
			require.Error(t, err)
			assert.Equal(t, prefix+tc.want, err.Error())
		})
	}
}

// TestNewRefusesHugeCount: a count past fixtures.MaxCount is an error, not a process out of
// memory.
func TestNewRefusesHugeCount(t *testing.T) {
	_, err := mockserver.New(mockserver.Config{Count: fixtures.MaxCount + 1})
	require.Error(t, err)
	assert.Equal(t, "Config.Count 1000001: cannot generate more than 1000000 stages", err.Error())

	// Count means nothing when the stages are given.
	srv, err := mockserver.New(mockserver.Config{Count: fixtures.MaxCount + 1, Stages: []fixtures.UserLoginStage{}})
	require.NoError(t, err)
	assert.Empty(t, srv.Store().Current().Stages())
}

// TestNewRefusesNilFlow: a configured stage bound to a nil flow is refused at start-up, by its
// place.
func TestNewRefusesNilFlow(t *testing.T) {
	stages := fixtures.Generate(4, 3)
	stages[2].FlowSet = []*fixtures.Flow{stages[0].FlowSet[0], nil}
	_, err := mockserver.New(mockserver.Config{Stages: stages})
	require.Error(t, err)
	assert.Equal(t, "fixture Config.Stages: stage #2: flow_set #1: is nil", err.Error())
}

// TestHealth: authentik's liveness check (its Go router's own) answers 204; its readiness check
// is Django's ReadyView, an empty 200 with the headers Django's middleware adds; both to every
// method, without a token, while the server runs. A Host Django refuses stops the second only.
func TestHealth(t *testing.T) {
	srv, err := mockserver.New(mockserver.Config{Count: 1})
	require.NoError(t, err)
	for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodDelete} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(method, "/-/health/live/", nil))
		assert.Equal(t, http.StatusNoContent, rec.Code, method)
		assert.Empty(t, rec.Body.String(), method)
		assert.Equal(t, http.Header{"Vary": {"Accept-Encoding"}}, rec.Header(), method) // the router's compression names it

		rec = httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(method, "/-/health/ready/", nil))
		assert.Equal(t, http.StatusOK, rec.Code, method)
		assert.Empty(t, rec.Body.String(), method)
		h := rec.Header()
		assert.Len(t, h.Get("X-Authentik-Id"), 32, method)
		h.Del("X-Authentik-Id")
		assert.Equal(t, http.Header{
			"Content-Type":           {"text/html; charset=utf-8"},
			"Content-Length":         {"0"},
			"X-Powered-By":           {"authentik"},
			"X-Frame-Options":        {"DENY"},
			"X-Content-Type-Options": {"nosniff"},
			"Referrer-Policy":        {"same-origin"},
			"Vary":                   {"Accept-Encoding"},
		}, h, method)
	}
	for path, want := range map[string]int{"/-/health/live/": http.StatusNoContent, "/-/health/ready/": http.StatusNotFound} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Host = "akmock_server:9000"
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		assert.Equal(t, want, rec.Code, path)
	}
	journal := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, mockserver.ControlPrefix+"requests", nil)
	req.Header.Set("Authorization", "Bearer "+mockserver.DefaultToken)
	srv.ServeHTTP(journal, req)
	assert.Equal(t, `{"requests":[],"dropped":0}`, journal.Body.String(), "health checks are not journaled")
}

// TestQueryIsUTF8WhateverTheCharset: under ASGI, Django reads the query string as UTF-8
// (ASGIRequest.GET is a QueryDict with DEFAULT_CHARSET), whatever charset the request's
// Content-Type names; that charset is for the body only. (The oracle's WSGI server decodes the
// query with it too: README, "Where the oracle is not authentik".)
func TestQueryIsUTF8WhateverTheCharset(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: []fixtures.UserLoginStage{
		{PK: "11111111-1111-4111-8111-111111111111", Name: "ß 16940"},
	}})
	for _, tc := range []struct{ query, want string }{
		{"network_binding=%C3%A9", `{"network_binding":["Select a valid choice. é is not one of the available choices."]}`},
		{"name=%C3%9F%2016940", `"count":1,`},
	} {
		for _, ct := range []string{"", "application/json; charset=latin-1", "application/json; charset=ascii"} {
			req, err := http.NewRequest(http.MethodGet, ts.URL+"/api/v3/stages/user_login/?"+tc.query, nil)
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+ts.Token)
			if ct != "" {
				req.Header.Set("Content-Type", ct)
			}
			resp, err := ts.Client().Do(req)
			require.NoError(t, err)
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.NoError(t, err)
			assert.Contains(t, string(body), tc.want, "%s with Content-Type %q", tc.query, ct)
		}
	}
}

// TestNewRefusesMeaninglessValues: New refuses what the command's flags refuse: negative counts
// and sizes (they fell back to defaults unsaid), a token no client could send, and a collation
// akmock does not know.
func TestNewRefusesMeaninglessValues(t *testing.T) {
	for _, tc := range []struct {
		cfg  mockserver.Config
		want string
	}{
		{mockserver.Config{Count: -5}, "Config.Count -5: must not be negative (0 generates the default 25)"},
		{mockserver.Config{PageSize: -1}, "Config.PageSize -1: must not be negative (0 is authentik's 100)"},
		{mockserver.Config{MaxPageSize: -1}, "Config.MaxPageSize -1: must not be negative (0 is no maximum)"},
		{mockserver.Config{MaxBodyBytes: -1}, "Config.MaxBodyBytes -1: must not be negative (0 is authentik's 32 MiB)"},
		{mockserver.Config{Token: " tok "}, `Config.Token: starts with U+0020, white space, which authentik strips from the header, so no client could send it`},
		{mockserver.Config{Token: "tok\u00a0"}, `Config.Token: ends with U+00A0, white space, which authentik strips from the header, so no client could send it`},
		{mockserver.Config{Token: "a\nb"}, `Config.Token: holds the control character U+000A at byte 1, which no HTTP header can carry`},
		{mockserver.Config{Token: "a\x7fb"}, `Config.Token: holds the control character U+007F at byte 1, which no HTTP header can carry`},
		{mockserver.Config{Collation: "de_DE.UTF-8"}, `Config.Collation: unknown collation "de_DE.UTF-8"; known: C, en_US`},
	} {
		_, err := mockserver.New(tc.cfg)
		require.Error(t, err, "%+v", tc.cfg)
		assert.Equal(t, tc.want, err.Error())
	}
	for _, cfg := range []mockserver.Config{
		{Count: 1, Token: "a b\tc"},          // inner white space reaches authentik as it is
		{Count: 1, NoAuth: true, Token: " "}, // no token is needed
		{Count: 1, Collation: "POSIX"},       // PostgreSQL's other name for C
	} {
		_, err := mockserver.New(cfg)
		assert.NoError(t, err, "%+v", cfg)
	}
}

// TestServerDataAccess: Stages is a copy of the current data, Reset puts back the start-up data,
// and Replacements counts the whole replacements, not the writes.
func TestServerDataAccess(t *testing.T) {
	start := []fixtures.UserLoginStage{
		{PK: "aaaaaaaa-0000-4000-8000-000000000000", Name: "alpha"},
		{PK: "bbbbbbbb-0000-4000-8000-000000000000", Name: "beta"},
	}
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: start})
	srv := ts.Server()
	names := func() []string {
		var out []string
		for _, s := range ts.Stages() {
			out = append(out, s.Name)
		}
		return out
	}
	assert.Equal(t, []string{"alpha", "beta"}, names())
	got := srv.Stages()
	got[0].Name = "changed"
	assert.Equal(t, []string{"alpha", "beta"}, names(), "a copy")
	before := srv.Replacements()

	resp, err := ts.Client().Post(ts.URL+"/api/v3/stages/user_login/", "application/json", strings.NewReader(`{"name":"gamma"}`))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, []string{"alpha", "beta", "gamma"}, names())
	assert.Equal(t, before, srv.Replacements(), "a write replaces nothing whole")

	ts.ReplaceStages(start[:1])
	assert.Equal(t, []string{"alpha"}, names())
	assert.Equal(t, before+1, srv.Replacements())
	ts.Reset()
	assert.Equal(t, []string{"alpha", "beta"}, names())
	assert.Equal(t, before+2, srv.Replacements())
}
