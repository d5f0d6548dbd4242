package mockserver_test

import (
	"runtime"
	"testing"
	"weak"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
	"akmock/mockserver"
)

// The server serves its own copy of Config.Stages: the caller's slice (a whole fixture file's
// worth) is not kept alive for the server's life.
func TestNewDoesNotKeepConfiguredStages(t *testing.T) {
	stages := fixtures.Generate(4, 50)
	caller := weak.Make(&stages[0])
	s, err := mockserver.New(mockserver.Config{Stages: stages})
	require.NoError(t, err)
	stages = nil
	runtime.GC()
	runtime.GC()
	assert.Nil(t, caller.Value(), "the server still holds the caller's stages")
	assert.Equal(t, 50, s.Store().Current().Len())
	runtime.KeepAlive(s)
}
