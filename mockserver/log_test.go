package mockserver

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRequestLog checks the line logged for each request: its method, its target as sent (cut
// at maxLoggedURI), its status and body size, how long it took, and never the token.
func TestRequestLog(t *testing.T) {
	var logs bytes.Buffer
	s, err := New(Config{Count: 3, Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	require.NoError(t, err)
	pk := s.Store().Current().Stages()[0].PK
	long := apiPrefix + "?search=" + strings.Repeat("a", 2*maxLoggedURI)
	for _, tc := range []struct {
		method, target, wantPath string
		status                   int
	}{
		{http.MethodGet, apiPrefix + "?ordering=-name&page_size=2", apiPrefix + "?ordering=-name&page_size=2", http.StatusOK},
		{http.MethodHead, apiPrefix + pk + "/", apiPrefix + pk + "/", http.StatusOK},
		{http.MethodGet, apiPrefix + "%7Bnot-a-uuid%7D/", apiPrefix + "%7Bnot-a-uuid%7D/", http.StatusNotFound},
		{http.MethodDelete, apiPrefix, apiPrefix, http.StatusMethodNotAllowed},
		{http.MethodGet, long, long[:maxLoggedURI] + "…", http.StatusOK},
		{http.MethodGet, long[:maxLoggedURI], long[:maxLoggedURI], http.StatusOK}, // at the bound: not cut
	} {
		logs.Reset()
		req := httptest.NewRequest(tc.method, tc.target, nil)
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		require.Equal(t, tc.status, rec.Code, tc.target)

		assert.NotContains(t, logs.String(), DefaultToken)
		var line struct {
			Level, Msg, Method, Path string
			Status, Bytes            int
			Duration                 time.Duration
		}
		require.NoError(t, json.Unmarshal(logs.Bytes(), &line), "one JSON line: %s", logs.String())
		assert.Equal(t, "INFO", line.Level)
		assert.Equal(t, "request", line.Msg)
		assert.Equal(t, tc.method, line.Method)
		assert.Equal(t, tc.wantPath, line.Path)
		assert.Equal(t, tc.status, line.Status)
		assert.Equal(t, rec.Body.Len(), line.Bytes)
		assert.Positive(t, line.Duration)
	}
}

// TestRequestLogLevel checks that above the info level no request is logged.
func TestRequestLogLevel(t *testing.T) {
	var logs bytes.Buffer
	s, err := New(Config{Count: 3, Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	require.NoError(t, err)
	req := httptest.NewRequest(http.MethodGet, apiPrefix, nil)
	req.Header.Set("Authorization", "Bearer "+DefaultToken)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Empty(t, logs.String())
}
