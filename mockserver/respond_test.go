package mockserver

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestResponseHeaders checks the headers authentik's stack adds to every API answer, and that
// each answer gets its own request id.
func TestResponseHeaders(t *testing.T) {
	s, err := New(Config{Count: 3})
	require.NoError(t, err)
	pk := s.Store().Current().Stages()[0].PK
	uuid4Hex := regexp.MustCompile(`^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$`)
	ids := map[string]bool{}
	for _, tc := range []struct {
		target, allow string
		status        int
	}{
		{apiPrefix, "GET, POST, HEAD, OPTIONS", http.StatusOK},
		{apiPrefix + pk + "/", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS", http.StatusOK},
		{apiPrefix + pk + "/", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS", http.StatusOK},
		{apiPrefix + "00000000-0000-0000-0000-000000000000/", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS", http.StatusNotFound},
	} {
		req := httptest.NewRequest(http.MethodGet, tc.target, nil)
		req.Header.Set("Authorization", "Bearer "+DefaultToken)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		h := rec.Result().Header
		assert.Equal(t, tc.status, rec.Code, tc.target)
		assert.Equal(t, tc.allow, h.Get("Allow"), tc.target)
		assert.Equal(t, contentTypeJSON, h.Get("Content-Type"), tc.target)
		assert.Equal(t, strconv.Itoa(rec.Body.Len()), h.Get("Content-Length"), tc.target)
		assert.Equal(t, "authentik", h.Get("X-Powered-By"), tc.target)
		assert.Equal(t, "DENY", h.Get("X-Frame-Options"), tc.target)
		assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"), tc.target)
		assert.Equal(t, "same-origin", h.Get("Referrer-Policy"), tc.target)
		id := h.Get("X-Authentik-Id")
		assert.Regexp(t, uuid4Hex, id, tc.target)
		assert.False(t, ids[id], "request id %s used twice", id)
		ids[id] = true
	}
}
