package mockserver_test

import (
	"net/http"
	"net/http/httptest"
	"runtime"
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

// A configured stage bound to a nil flow is refused at start-up, by its place.
// TestNewRefusesHugeCount: a count past fixtures.MaxCount is an error, not a process out of
// memory.
func TestNewRefusesHugeCount(t *testing.T) {
	_, err := mockserver.New(mockserver.Config{Count: fixtures.MaxCount + 1})
	require.Error(t, err)
	assert.Equal(t, "cannot generate 1000001 stages: at most 1000000", err.Error())
}

func TestNewRefusesNilFlow(t *testing.T) {
	stages := fixtures.Generate(4, 3)
	stages[2].FlowSet = []*fixtures.Flow{stages[0].FlowSet[0], nil}
	_, err := mockserver.New(mockserver.Config{Stages: stages})
	require.Error(t, err)
	assert.Equal(t, "fixture the configured stages: stage #2: flow_set #1: is nil", err.Error())
}

// TestHealth: authentik's liveness and readiness checks answer 204 with no body, without a
// token, while the server runs.
func TestHealth(t *testing.T) {
	srv, err := mockserver.New(mockserver.Config{Count: 1})
	require.NoError(t, err)
	for _, path := range []string{"/-/health/live/", "/-/health/ready/"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		assert.Equal(t, http.StatusNoContent, rec.Code, path)
		assert.Empty(t, rec.Body.String(), path)
	}
}
